// `jingzhun whatif DB --policy FILE --feeds DIR --set NAME=VALUE ...`: who would enter or
// leave each warning if a policy value changed.
#include <fmt/format.h>

#include "app/screening/registry_screening.h"
#include "app/screening/what_if.h"
#include "cli/commands/commands.h"
#include "cli/text_table.h"
#include "store/sqlite/sqlite_store.h"

namespace jz::cli {
namespace {

class WhatIfCommand final : public Command {
 public:
  std::string_view name() const override { return "whatif"; }
  std::string_view summary() const override {
    return "政策参数假设分析 | what-if: re-evaluate the registry under changed policy values";
  }
  std::string_view help() const override {
    return "\n读入登记数据和部门数据一次，按原政策和改动参数后的政策各评估一遍，按县、规则列出将新进入或退出预警的户数，\n"
           "并把这些户写入 CSV（--out）。参数名见政策文件的 [parameters]；金额可写 8000 或 8000元。\n"
           "Reads the registry and the feeds once, evaluates the policy as written and with the changed\n"
           "values, and reports per county and rule how many households would enter or leave each warning;\n"
           "the households are listed in a CSV (--out). Names are those of the policy's [parameters];\n"
           "money may be written 8000 or 8000元.\n\n"
           "示例 Examples:\n"
           "  jingzhun whatif demo/jingzhun.db --policy policies/jilin-2024.toml --feeds demo/registry/feeds \\\n"
           "      --set monitoring_line=8000\n"
           "  jingzhun whatif demo/jingzhun.db --policy policies/jilin-2024.toml --feeds feeds \\\n"
           "      --set monitoring_line=7000 --set medical_share=0.4 --out changes.csv\n"
           "  jingzhun whatif --registry registry.csv --policy policies/jilin-2024.toml --feeds feeds \\\n"
           "      --set monitoring_line=8000\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file (or --registry)");
    app.add_option("--registry", registry_, "登记导出 CSV（不用数据库） a registry export CSV, no database");
    app.add_option("--year", year_, "--registry 收入数据年度 data year of the export's incomes (default: the as-of year)");
    app.add_option("--policy", policy_path_, "政策文件 policy file")->required();
    app.add_option("--feeds", feeds_dir_, "部门数据目录 feed directory")->required();
    app.add_option("--set", sets_, "改动参数 NAME=VALUE (repeatable)")->required();
    app.add_option("--as-of", as_of_, "基准日 as-of date (default: 31 Dec of last year)");
    app.add_option("--region", region_, "范围 scope region code")->capture_default_str();
    app.add_option("--out", out_, "变化户清单 list of changed households (CSV)")->capture_default_str();
    app.add_option("--threads", threads_, "线程数 threads (0: every core)")->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    std::vector<ParameterOverride> overrides;
    for (const std::string& set : sets_) {
      const size_t eq = set.find('=');
      if (eq == std::string::npos || eq == 0) {
        return InvalidArgumentError(Bilingual(fmt::format("--set {} 应写作 名称=值", set),
                                              fmt::format("--set {} must be NAME=VALUE", set)));
      }
      overrides.push_back({set.substr(0, eq), set.substr(eq + 1)});
    }
    if (db_path_.empty() == registry_.empty()) {
      return InvalidArgumentError(Bilingual("请给出数据库文件或 --registry 登记导出文件（二选一）",
                                            "give either a database file or --registry with an export file"));
    }
    ASSIGN_OR_RETURN(Policy base, LoadPolicyFile(policy_path_));
    ASSIGN_OR_RETURN(Policy changed, LoadPolicyFile(policy_path_, overrides));
    ScreenOptions options;
    options.feeds_dir = feeds_dir_;
    options.threads = threads_;
    ASSIGN_OR_RETURN(options.scope, RegionCode::Parse(region_));
    if (as_of_.empty()) {
      options.as_of = *Date::FromYmd(Date::Today().year() - 1, 12, 31);
    } else {
      ASSIGN_OR_RETURN(options.as_of, Date::Parse(as_of_));
    }
    Snapshot snapshot;
    if (!registry_.empty()) {
      options.data_year = year_;
      ASSIGN_OR_RETURN(snapshot, SnapshotFromExport(registry_, NeedsOf(base), options.as_of, options, *global.progress));
    } else {
      ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(db_path_, {.create_if_missing = false}));
      ASSIGN_OR_RETURN(snapshot, SnapshotFromStore(*store, NeedsOf(base), options.as_of, options.scope, *global.progress));
    }
    ScreenResult loaded;
    RETURN_IF_ERROR(LoadScreeningFeeds(snapshot, base, options, loaded, *global.progress));
    ASSIGN_OR_RETURN(WhatIfResult result, CompareWhatIf(snapshot, base, changed, threads_));
    RETURN_IF_ERROR(WriteWhatIfList(out_, snapshot, base, result));
    Print(global, base, changed, overrides, result);
    PrintLine(global, Bilingual(fmt::format("变化 {} 户次，清单 {}；原政策评估 {:.3f} 秒，假设重算 {:.3f} 秒（{} 条规则受影响）", result.changes.size(),
                                            out_, result.base_seconds, result.rerun_seconds, result.rules_reevaluated),
                                fmt::format("{} changes, listed in {}; base evaluation: {:.3f} s; "
                                            "what-if re-evaluation: {:.3f} s ({} rules affected)",
                                            result.changes.size(), out_, result.base_seconds, result.rerun_seconds,
                                            result.rules_reevaluated)));
    return OkStatus();
  }

 private:
  static void Print(const GlobalOptions& g, const Policy& base, const Policy& changed,
                    const std::vector<ParameterOverride>& overrides, const WhatIfResult& r) {
    const bool en = g.lang == Lang::kEn;
    TextTable params({en ? "parameter" : "参数", en ? "policy" : "原值", en ? "what-if" : "假设值"});
    for (const ParameterOverride& o : overrides) {
      params.AddRow({o.name, base.parameters.at(o.name).ToString(), changed.parameters.at(o.name).ToString()});
    }
    fmt::print("{}\n", Localize(g, params.Render()));
    TextTable rules({en ? "rule" : "规则", en ? "name" : "名称", en ? "households" : "原户数", en ? "what-if" : "假设户数",
                     en ? "change" : "变化"});
    for (size_t i = 0; i < base.rules.size(); ++i) {
      const int64_t before = r.base_households_per_rule[i], after = r.changed_households_per_rule[i];
      rules.AddRow({base.rules[i].id, base.rules[i].name_zh, std::to_string(before), std::to_string(after),
                    fmt::format("{:+}", after - before)});
    }
    fmt::print("{}\n", Localize(g, rules.Render()));
    TextTable counties({en ? "county" : "县", en ? "rule" : "规则", en ? "enter" : "进入", en ? "leave" : "退出"});
    for (const auto& [key, counts] : r.per_county) {
      counties.AddRow({fmt::format("{:06}", key.first), base.rules[key.second].id, std::to_string(counts.first),
                       std::to_string(counts.second)});
    }
    if (!r.per_county.empty()) fmt::print("{}\n", Localize(g, counties.Render()));
  }

  std::string db_path_, policy_path_, feeds_dir_, as_of_, registry_;
  int year_ = 0;
  std::vector<std::string> sets_;
  std::string region_ = "22";
  std::string out_ = "whatif-changes.csv";
  int threads_ = 0;
};

}  // namespace

std::unique_ptr<Command> NewWhatIfCommand() { return std::make_unique<WhatIfCommand>(); }

}  // namespace jz::cli
