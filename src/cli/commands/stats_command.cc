// `jingzhun stats DB`: households and persons by region and by the registry's categories.
#include <fmt/format.h>

#include "app/registry/registry_stats.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"
#include "cli/row_printer.h"
#include "core/code_lists.h"

namespace jz::cli {
namespace {

struct Dimension {
  const char* key;  // for CSV/JSON
  const std::map<int, int64_t> RegionStats::*counts;
  std::string (*label)(int code, Lang lang);
  std::string_view zh;
  std::string_view en;
};

template <typename E>
std::string LabelFor(int code, Lang lang) {
  if (code == 0) return lang == Lang::kEn ? "(empty)" : "（空）";
  std::optional<E> value = FromCode<E>(code);
  return value ? std::string(Label(*value, lang)) : std::to_string(code);
}

const Dimension kDimensions[] = {
    {"household_type", &RegionStats::by_type, &LabelFor<HouseholdType>, "户类型", "household type"},
    {"monitoring_type", &RegionStats::by_monitoring_type, &LabelFor<MonitoringType>, "监测对象类型",
     "monitoring type"},
    {"household_attribute", &RegionStats::by_attribute, &LabelFor<HouseholdAttribute>, "贫困户属性",
     "household attribute"},
    {"main_poverty_cause", &RegionStats::by_main_cause, &LabelFor<PovertyCause>, "主要致贫原因",
     "main poverty cause"},
};

int64_t CountOf(const RegionStats& s, const Dimension& d, int code) {
  auto it = (s.*d.counts).find(code);
  return it == (s.*d.counts).end() ? 0 : it->second;
}

class StatsCommand final : public Command {
 public:
  std::string_view name() const override { return "stats"; }
  std::string_view summary() const override {
    return "按区划、户类型、属性、致贫原因、监测类型统计户数人数 | counts by region and category";
  }
  std::string_view help() const override {
    return "\n示例 Examples:\n"
           "  jingzhun stats demo/jingzhun.db                          # 全省按县 province by county\n"
           "  jingzhun stats demo/jingzhun.db --region 222424 --level village\n"
           "  jingzhun stats demo/jingzhun.db --level township --format csv > by-township.csv\n"
           "  jingzhun stats demo/jingzhun.db --format json\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file")->required();
    app.add_option("--region", region_, "统计范围区划代码 scope region code (default: the loaded province)");
    app.add_option("--level", level_, "统计级别 level: prefecture | county | township | village")
        ->capture_default_str();
    app.add_option("--format", format_, "输出格式 format: table | csv | json")->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    StatsRequest request;
    if (!region_.empty()) {
      ASSIGN_OR_RETURN(request.scope, RegionCode::Parse(region_));
    }
    ASSIGN_OR_RETURN(request.level, ParseLevelOption(level_));
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = db_path_}));
    ASSIGN_OR_RETURN(RegistryStats stats, ComputeRegistryStats(*ws, request));
    if (format == OutputFormat::kTable) {
      const ReportTable tables[] = {RegionTable(global, stats), BreakdownTable(global, stats, kDimensions[2]),
                                    BreakdownTable(global, stats, kDimensions[3])};
      return PrintTables(global, format, tables);
    }
    const ReportTable counts[] = {LongTable(global, stats)};
    return PrintTables(global, format, counts);
  }

 private:
  // One row per region and the total: households, persons, the household types and the
  // monitoring types (columns for the values the scope holds).
  static ReportTable RegionTable(const GlobalOptions& g, const RegistryStats& stats) {
    std::vector<ReportColumn> header = {{"code", "区划代码", "code"},
                                        {"region", "名称", "region"},
                                        {"households", "户数", "households", CellKind::kInt},
                                        {"persons", "人数", "persons", CellKind::kInt}};
    std::vector<std::pair<const Dimension*, int>> columns;
    for (const Dimension* d : {&kDimensions[0], &kDimensions[1]}) {
      for (const auto& [code, n] : stats.total.*(d->counts)) {
        if (d == &kDimensions[1] && code == 0) continue;
        const std::string label = d->label(code, g.lang);
        header.push_back({fmt::format("{}_{}", d->key, code), label, label, CellKind::kInt});
        columns.emplace_back(d, code);
      }
    }
    ReportTable table("regions", std::move(header));
    auto row = [&](const RegionStats& s) {
      std::vector<ReportCell> cells = {s.code.ShortString(), s.name, s.households, s.persons};
      for (const auto& [d, code] : columns) cells.emplace_back(CountOf(s, *d, code));
      table.AddRow(std::move(cells));
    };
    for (const RegionStats& s : stats.regions) row(s);
    row(stats.total);
    return table;
  }

  // The scope's households by one dimension.
  static ReportTable BreakdownTable(const GlobalOptions& g, const RegistryStats& stats, const Dimension& d) {
    ReportTable table(d.key, {{d.key, std::string(d.zh), std::string(d.en)},
                              {"households", "户数", "households", CellKind::kInt}});
    for (const auto& [code, n] : stats.total.*(d.counts)) table.AddRow({d.label(code, g.lang), n});
    return table;
  }

  // Long format for spreadsheets and programs, one row per region, dimension and value:
  // easy to pivot.
  static ReportTable LongTable(const GlobalOptions& g, const RegistryStats& stats) {
    ReportTable table("counts", {{"region_code", "区划代码", "region_code"},
                                 {"region_name", "名称", "region_name"},
                                 {"dimension", "维度", "dimension"},
                                 {"code", "代码", "code", CellKind::kInt},
                                 {"label", "取值", "label"},
                                 {"households", "户数", "households", CellKind::kInt},
                                 {"persons", "人数", "persons", CellKind::kInt}});
    auto emit = [&](const RegionStats& s) {
      table.AddRow({s.code.ShortString(), s.name, std::string("total"), {}, {}, s.households, s.persons});
      for (const Dimension& d : kDimensions) {
        for (const auto& [code, n] : s.*(d.counts)) {
          table.AddRow({s.code.ShortString(),
                        s.name,
                        std::string(d.key),
                        int64_t{code},
                        d.label(code, g.lang),
                        n,
                        {}});
        }
      }
    };
    for (const RegionStats& s : stats.regions) emit(s);
    emit(stats.total);
    return table;
  }

  std::string db_path_;
  std::string region_;
  std::string level_ = "county";
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> NewStatsCommand() { return std::make_unique<StatsCommand>(); }

}  // namespace jz::cli
