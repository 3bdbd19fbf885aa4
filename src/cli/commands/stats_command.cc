// `jingzhun stats DB`: households and persons by region and by the registry's categories.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/registry/registry_stats.h"
#include "cli/commands/commands.h"
#include "cli/text_table.h"
#include "core/code_lists.h"
#include "io/csv_writer.h"
#include "store/sqlite/sqlite_store.h"

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
    {"monitoring_type", &RegionStats::by_monitoring_type, &LabelFor<MonitoringType>, "监测对象类型", "monitoring type"},
    {"household_attribute", &RegionStats::by_attribute, &LabelFor<HouseholdAttribute>, "贫困户属性", "household attribute"},
    {"main_poverty_cause", &RegionStats::by_main_cause, &LabelFor<PovertyCause>, "主要致贫原因", "main poverty cause"},
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
    app.add_option("--region", region_, "统计范围区划代码 scope region code (default 22, Jilin)")->capture_default_str();
    app.add_option("--level", level_, "统计级别 level: prefecture | county | township | village")->capture_default_str();
    app.add_option("--format", format_, "输出格式 format: table | csv | json")->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    ASSIGN_OR_RETURN(RegionCode scope, RegionCode::Parse(region_));
    ASSIGN_OR_RETURN(RegionLevel level, ParseLevelOption(level_));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(db_path_, {.create_if_missing = false}));
    ASSIGN_OR_RETURN(RegistryStats stats, ComputeRegistryStats(*store, scope, level));
    if (format_ == "table") return PrintTable(global, stats);
    if (format_ == "csv") return PrintCsv(global, stats);
    if (format_ == "json") return PrintJson(global, stats);
    return BadFormatError(format_);
  }

 private:
  // One table row per region: totals and the household types and monitoring types; then
  // the scope's breakdown by attribute and by main cause.
  Status PrintTable(const GlobalOptions& g, const RegistryStats& stats) {
    const bool en = g.lang == Lang::kEn;
    std::vector<std::string> header = {en ? "code" : "区划代码", en ? "region" : "名称", en ? "households" : "户数",
                                       en ? "persons" : "人数"};
    std::vector<std::pair<const Dimension*, int>> columns;
    for (const Dimension* d : {&kDimensions[0], &kDimensions[1]}) {
      for (const auto& [code, n] : stats.total.*(d->counts)) {
        if (d == &kDimensions[1] && code == 0) continue;
        header.push_back(d->label(code, g.lang));
        columns.emplace_back(d, code);
      }
    }
    TextTable table(header);
    auto row = [&](const RegionStats& s) {
      std::vector<std::string> cells = {s.code.ShortString(), s.name, std::to_string(s.households),
                                        std::to_string(s.persons)};
      for (const auto& [d, code] : columns) cells.push_back(std::to_string(CountOf(s, *d, code)));
      table.AddRow(std::move(cells));
    };
    for (const RegionStats& s : stats.regions) row(s);
    row(stats.total);
    fmt::print("{}", Localize(g, table.Render()));
    for (const Dimension* d : {&kDimensions[2], &kDimensions[3]}) {
      TextTable breakdown({std::string(en ? d->en : d->zh), en ? "households" : "户数"});
      for (const auto& [code, n] : stats.total.*(d->counts)) breakdown.AddRow({d->label(code, g.lang), std::to_string(n)});
      fmt::print("\n{}", Localize(g, breakdown.Render()));
    }
    return OkStatus();
  }

  // Long format, one line per region, dimension and value: easy to pivot in a spreadsheet.
  Status PrintCsv(const GlobalOptions& g, const RegistryStats& stats) {
    std::string out;
    auto csv = CsvWriter::ToString(&out);
    csv->Row({"region_code", "region_name", "dimension", "code", "label", "households", "persons"});
    auto emit = [&](const RegionStats& s) {
      csv->Row({s.code.ShortString(), s.name, "total", "", "", std::to_string(s.households), std::to_string(s.persons)});
      for (const Dimension& d : kDimensions) {
        for (const auto& [code, n] : s.*(d.counts)) {
          csv->Row({s.code.ShortString(), s.name, d.key, std::to_string(code), d.label(code, g.lang), std::to_string(n), ""});
        }
      }
    };
    for (const RegionStats& s : stats.regions) emit(s);
    emit(stats.total);
    RETURN_IF_ERROR(csv->Close());
    fmt::print("{}", out);
    return OkStatus();
  }

  Status PrintJson(const GlobalOptions& g, const RegistryStats& stats) {
    auto to_json = [&](const RegionStats& s) {
      nlohmann::json j = {{"code", s.code.ShortString()}, {"name", s.name}, {"households", s.households},
                          {"persons", s.persons}};
      for (const Dimension& d : kDimensions) {
        nlohmann::json counts = nlohmann::json::object();
        for (const auto& [code, n] : s.*(d.counts)) counts[d.label(code, g.lang)] = n;
        j[d.key] = counts;
      }
      return j;
    };
    nlohmann::json out = {{"level", std::string(RegionLevelName(stats.level, true))}, {"total", to_json(stats.total)}};
    out["regions"] = nlohmann::json::array();
    for (const RegionStats& s : stats.regions) out["regions"].push_back(to_json(s));
    fmt::print("{}\n", out.dump(2));
    return OkStatus();
  }

  std::string db_path_;
  std::string region_ = "22";
  std::string level_ = "county";
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> NewStatsCommand() { return std::make_unique<StatsCommand>(); }

}  // namespace jz::cli
