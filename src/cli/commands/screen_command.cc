// `jingzhun screen DB --policy FILE --feeds DIR`: departmental feeds against the registry.
#include <fmt/format.h>

#include "app/screening/registry_screening.h"
#include "cli/commands/commands.h"
#include "cli/text_table.h"
#include "store/sqlite/sqlite_store.h"

namespace jz::cli {
namespace {

class ScreenCommand final : public Command {
 public:
  std::string_view name() const override { return "screen"; }
  std::string_view summary() const override {
    return "部门数据筛查预警 | screen departmental feeds against the registry";
  }
  std::string_view help() const override {
    return "\n按政策文件的规则，用部门数据（DIR/<数据源>.csv，格式见 docs/feeds.md）逐户筛查，生成带依据的预警，\n"
           "同一户、规则、月份只记一次；无法匹配或证件号码无效的行计数并写入报告。--dry-run 只报告不写入。\n"
           "Evaluates every rule of the policy for every household with the departmental feeds in DIR\n"
           "(<feed>.csv, see docs/feeds.md); warnings carry their evidence and are stored once per household,\n"
           "rule and month; rows matching no person or with an invalid ID are counted and reported.\n\n"
           "不用数据库：--registry 直接筛查登记导出 CSV，把预警（warnings.csv）、按县规则户数（county-summary.csv）\n"
           "和未用行报告（feed-report.csv）写入 --out 目录，可在导入前检查文件。\n"
           "Without a database: --registry screens a registry export CSV directly and writes the warnings\n"
           "(warnings.csv), households per county and rule (county-summary.csv) and the unused feed rows\n"
           "(feed-report.csv) into the --out directory: a file can be checked before it is imported.\n\n"
           "示例 Examples:\n"
           "  jingzhun screen demo/jingzhun.db --policy policies/jilin-2024.toml --feeds demo/registry/feeds\n"
           "  jingzhun screen demo/jingzhun.db --policy policies/jilin-2024.toml --feeds feeds --as-of 2024-12-31 --dry-run\n"
           "  jingzhun screen --registry demo/registry/registry.csv --policy policies/jilin-2024.toml \\\n"
           "      --feeds demo/registry/feeds --out demo/screen-export\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file (or --registry)");
    app.add_option("--registry", registry_, "直接筛查登记导出 CSV screen a registry export CSV, no database");
    app.add_option("--out", out_dir_, "--registry 的输出目录 output directory of --registry")->capture_default_str();
    app.add_option("--year", year_, "--registry 收入数据年度 data year of the export's incomes (default: the as-of year)");
    app.add_option("--threads", threads_, "线程数 threads (0: every core)")->capture_default_str();
    app.add_option("--policy", policy_path_, "政策文件 policy file")->required();
    app.add_option("--feeds", feeds_dir_, "部门数据目录 feed directory")->required();
    app.add_option("--as-of", as_of_, "筛查基准日 as-of date (default: 31 Dec of last year)");
    app.add_option("--region", region_, "范围 scope region code")->capture_default_str();
    app.add_option("--report", report_, "无法匹配行报告 unmatched rows report (default: DB.screen.csv)");
    app.add_flag("--dry-run", dry_run_, "只报告不写入 report only, write nothing");
  }
  Status Run(const GlobalOptions& global) override {
    if (db_path_.empty() == registry_.empty()) {
      return InvalidArgumentError(Bilingual("请给出数据库文件或 --registry 登记导出文件（二选一）",
                                            "give either a database file or --registry with an export file"));
    }
    ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(policy_path_));
    ScreenOptions options;
    options.feeds_dir = feeds_dir_;
    options.dry_run = dry_run_;
    options.threads = threads_;
    options.data_year = year_;
    ASSIGN_OR_RETURN(options.scope, RegionCode::Parse(region_));
    if (as_of_.empty()) {
      options.as_of = *Date::FromYmd(Date::Today().year() - 1, 12, 31);
    } else {
      ASSIGN_OR_RETURN(options.as_of, Date::Parse(as_of_));
    }
    if (!registry_.empty()) return RunExport(global, policy, options);
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(db_path_, {.create_if_missing = false}));
    ASSIGN_OR_RETURN(ScreenResult r, ScreenRegistry(*store, policy, options, *global.progress));
    const std::string report = report_.empty() ? db_path_ + ".screen.csv" : report_;
    RETURN_IF_ERROR(WriteScreenReport(report, r));
    Print(global, policy, r);
    RETURN_IF_ERROR(PrintRegions(global, *store, r));
    PrintLine(global, Bilingual(fmt::format("筛查 {} 户 {} 人：预警 {} 条（新增 {} 条）；无法判定 {} 项；报告 {}", r.households,
                                            r.persons, r.warnings, r.warnings_new, r.not_evaluable, report),
                                fmt::format("screened {} households, {} persons: {} warnings ({} new); {} not evaluable; "
                                            "report {}",
                                            r.households, r.persons, r.warnings, r.warnings_new, r.not_evaluable, report)));
    return OkStatus();
  }

 private:
  Status RunExport(const GlobalOptions& global, const Policy& policy, const ScreenOptions& options) {
    ASSIGN_OR_RETURN(ScreenResult r, ScreenExport(registry_, policy, options, out_dir_, *global.progress));
    Print(global, policy, r);
    const bool en = global.lang == Lang::kEn;
    TextTable table({en ? "county" : "县", en ? "households" : "户数", en ? "warned" : "预警户数", en ? "share" : "占比"});
    for (const auto& [county, counts] : r.per_county) {
      const double share = counts.first ? 100.0 * static_cast<double>(counts.second) / static_cast<double>(counts.first) : 0;
      table.AddRow({county.ShortString(), std::to_string(counts.first), std::to_string(counts.second),
                    fmt::format("{:.1f}%", share)});
    }
    fmt::print("{}\n", Localize(global, table.Render()));
    PrintLine(global, Bilingual(
        fmt::format("筛查 {} 户 {} 人（拒绝 {} 户）：预警 {} 条；无法判定 {} 项；结果写入 {}", r.households, r.persons,
                    r.households_rejected, r.warnings, r.not_evaluable, out_dir_),
        fmt::format("screened {} households, {} persons ({} rejected): {} warnings; {} not evaluable; output in {}",
                    r.households, r.persons, r.households_rejected, r.warnings, r.not_evaluable, out_dir_)));
    PrintLine(global, Bilingual(
        fmt::format("用时：读登记 {:.2f} 秒，读部门数据 {:.2f} 秒，评估 {:.2f} 秒，写出 {:.2f} 秒", r.load_seconds,
                    r.feed_seconds, r.evaluate_seconds, r.write_seconds),
        fmt::format("seconds: registry {:.2f}, feeds {:.2f}, evaluation {:.2f}, output {:.2f}", r.load_seconds,
                    r.feed_seconds, r.evaluate_seconds, r.write_seconds)));
    return OkStatus();
  }

  static void Print(const GlobalOptions& g, const Policy& policy, const ScreenResult& r) {
    const bool en = g.lang == Lang::kEn;
    TextTable feeds({en ? "feed" : "数据源", en ? "rows" : "行数", en ? "matched" : "匹配", en ? "unmatched" : "未匹配",
                     en ? "invalid ID" : "证件号无效", en ? "bad rows" : "错误行"});
    for (const FeedStats& f : r.feeds) {
      if (!f.provided) {
        feeds.AddRow({f.name, en ? "(not provided)" : "（未提供）"});
        continue;
      }
      feeds.AddRow({f.name, std::to_string(f.rows), std::to_string(f.matched), std::to_string(f.unmatched),
                    std::to_string(f.invalid_ids), std::to_string(f.bad_rows)});
    }
    fmt::print("{}\n", Localize(g, feeds.Render()));
    TextTable rules({en ? "rule" : "规则", en ? "name" : "名称", en ? "households" : "户数"});
    for (const Rule& rule : policy.rules) {
      auto it = r.households_per_rule.find(rule.id);
      rules.AddRow({rule.id, rule.name_zh, std::to_string(it == r.households_per_rule.end() ? 0 : it->second)});
    }
    fmt::print("{}\n", Localize(g, rules.Render()));
  }

  // Households with a warning or exclusion per prefecture, with its counties beneath.
  static Status PrintRegions(const GlobalOptions& g, Store& store, const ScreenResult& r) {
    const bool en = g.lang == Lang::kEn;
    std::map<RegionCode, std::pair<int64_t, int64_t>> prefectures;
    for (const auto& [county, counts] : r.per_county) {
      auto& p = prefectures[county.AtLevel(RegionLevel::kPrefecture)];
      p.first += counts.first;
      p.second += counts.second;
    }
    TextTable table({en ? "code" : "区划代码", en ? "region" : "名称", en ? "households" : "户数",
                     en ? "warned" : "预警户数", en ? "share" : "占比"});
    auto add = [&](RegionCode code, std::pair<int64_t, int64_t> counts, bool indent) -> Status {
      ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(code));
      const double share = counts.first ? 100.0 * static_cast<double>(counts.second) / static_cast<double>(counts.first) : 0;
      table.AddRow({code.ShortString(), (indent ? "  " : "") + (region ? region->name : std::string()),
                    std::to_string(counts.first), std::to_string(counts.second), fmt::format("{:.1f}%", share)});
      return OkStatus();
    };
    for (const auto& [prefecture, counts] : prefectures) {
      RETURN_IF_ERROR(add(prefecture, counts, false));
      if (prefectures.size() > 1) continue;  // counties only when one prefecture is in scope
      for (const auto& [county, county_counts] : r.per_county) RETURN_IF_ERROR(add(county, county_counts, true));
    }
    fmt::print("{}\n", Localize(g, table.Render()));
    return OkStatus();
  }

  std::string db_path_, policy_path_, feeds_dir_, as_of_, report_, registry_;
  std::string out_dir_ = "screen-out";
  int year_ = 0;
  int threads_ = 0;
  std::string region_ = "22";
  bool dry_run_ = false;
};

}  // namespace

std::unique_ptr<Command> NewScreenCommand() { return std::make_unique<ScreenCommand>(); }

}  // namespace jz::cli
