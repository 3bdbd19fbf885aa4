// `jingzhun whatif DB --policy FILE --feeds DIR --set NAME=VALUE ...`: who would enter or
// leave each warning if a policy value changed. Parses the flags into a WhatIfRequest,
// calls app (app/screening/screening_requests.h), prints the tables through the row printer.
#include <fmt/format.h>

#include "app/screening/screening_requests.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"
#include "cli/commands/screening_flags.h"
#include "cli/row_printer.h"

namespace jz::cli {
namespace {

ReportTable ParameterTable(const WhatIfSummary& s) {
  ReportTable t(
      "parameters",
      {{"parameter", "参数", "parameter"}, {"policy", "原值", "policy"}, {"what_if", "假设值", "what-if"}});
  for (const WhatIfParameterRow& p : s.parameters) t.AddRow({p.name, p.policy_value, p.what_if_value});
  return t;
}

// The undecidable column appears when a feed is missing (see screen_command.cc).
ReportTable RuleTable(const WhatIfSummary& s) {
  const bool open = !s.missing_feeds.empty();
  std::vector<ReportColumn> columns = {{"rule", "规则", "rule"},
                                       {"name", "名称", "name"},
                                       {"households", "原户数", "households", CellKind::kInt},
                                       {"what_if", "假设户数", "what-if", CellKind::kInt},
                                       {"change", "变化", "change"}};
  if (open) {
    columns.push_back(
        {"undecidable", "无法判定户数（缺数据源）", "undecidable (missing feed)", CellKind::kInt});
  }
  ReportTable t("rules", std::move(columns));
  for (const WhatIfRuleRow& r : s.rules) {
    // The change is signed text (+12, -3, +0) as people read it.
    std::vector<ReportCell> cells = {r.id, r.name_zh, r.households, r.what_if,
                                     fmt::format("{:+}", r.what_if - r.households)};
    if (open) cells.emplace_back(r.undecidable);
    t.AddRow(std::move(cells));
  }
  return t;
}

ReportTable CountyTable(const WhatIfSummary& s) {
  ReportTable t("counties", {{"county", "县", "county"},
                             {"rule", "规则", "rule"},
                             {"enter", "进入", "enter", CellKind::kInt},
                             {"leave", "退出", "leave", CellKind::kInt}});
  for (const WhatIfCountyRow& c : s.counties) t.AddRow({c.county, c.rule_id, c.enter, c.leave});
  return t;
}

class WhatIfCommand final : public Command {
 public:
  std::string_view name() const override { return "whatif"; }
  std::string_view summary() const override {
    return "政策参数假设分析 | what-if: re-evaluate the registry under changed policy values";
  }
  std::string_view help() const override {
    return "\n读入登记数据和部门数据一次，按原政策和改动参数后的政策各评估一遍，按县、规则列出将新进入或退出"
           "预警的户数，\n"
           "并把这些户写入 CSV（--out）。参数名见政策文件的 [parameters]；金额可写 8000 或 "
           "8000元，不能为负。\n"
           "缺数据源文件、基准日晚于今天或在政策有效期外时的处理与 screen 相同。\n"
           "Reads the registry and the feeds once, evaluates the policy as written and with the changed\n"
           "values, and reports per county and rule how many households would enter or leave each warning;\n"
           "the households are listed in a CSV (--out). Names are those of the policy's [parameters];\n"
           "money may be written 8000 or 8000元, never negative. Missing feed files, an as-of date after\n"
           "today or outside the policy's period are refused as by screen.\n\n"
           "示例 Examples:\n"
           "  jingzhun whatif demo/jingzhun.db --policy policies/jilin-2024.toml --feeds demo/registry/feeds "
           "\\\n"
           "      --set monitoring_line=8000\n"
           "  jingzhun whatif demo/jingzhun.db --policy policies/jilin-2024.toml --feeds feeds \\\n"
           "      --set monitoring_line=7000 --set medical_share=0.4 --out changes.csv\n"
           "  jingzhun whatif --registry registry.csv --policy policies/jilin-2024.toml --feeds feeds \\\n"
           "      --set monitoring_line=8000\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file (or --registry)");
    app.add_option("--registry", request_.registry_csv,
                   "登记导出 CSV（不用数据库） a registry export CSV, no database");
    flags_.Setup(app);
    app.add_option("--set", request_.sets, "改动参数 NAME=VALUE (repeatable)")->required();
    app.add_option("--out", request_.out_path,
                   "变化户清单（.csv 或 .xlsx，表头随 --lang） list of changed households (.csv or .xlsx, "
                   "headers in --lang)")
        ->capture_default_str();
    app.add_option("--format", format_, "输出格式 format: table | csv | json")->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    if (db_path_.empty() == request_.registry_csv.empty()) {
      return InvalidArgumentError(Bilingual("请给出数据库文件或 --registry 登记导出文件（二选一）",
                                            "give either a database file or --registry with an export file"));
    }
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(request_.inputs, flags_.Inputs());
    request_.lang = global.lang;
    if (!request_.registry_csv.empty()) {
      ASSIGN_OR_RETURN(WhatIfSummary s, WhatIfExportFile(request_, Date::Today(), *global.progress));
      return Print(global, format, s);
    }
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = db_path_}));
    ASSIGN_OR_RETURN(WhatIfSummary s, WhatIf(*ws, request_, *global.progress));
    return Print(global, format, s);
  }

 private:
  static Status Print(const GlobalOptions& g, OutputFormat format, const WhatIfSummary& s) {
    std::vector<ReportTable> tables = {ParameterTable(s), RuleTable(s)};
    if (!s.counties.empty() || format != OutputFormat::kTable) tables.push_back(CountyTable(s));
    RETURN_IF_ERROR(PrintTables(g, format, tables));
    if (format != OutputFormat::kTable) return OkStatus();
    fmt::print("\n");
    PrintLine(
        g, Bilingual("变化 {} 户次，清单 {}；原政策评估 {:.3f} 秒，假设重算 {:.3f} 秒（{} 条规则受影响）",
                     "{} changes, listed in {}; base evaluation: {:.3f} s; what-if re-evaluation: {:.3f} s "
                     "({} rules affected)",
                     s.changes, s.out_path, s.base_seconds, s.rerun_seconds, s.rules_reevaluated));
    return OkStatus();
  }

  std::string db_path_;
  ScreeningFlags flags_;
  WhatIfRequest request_;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> NewWhatIfCommand() { return std::make_unique<WhatIfCommand>(); }

}  // namespace jz::cli
