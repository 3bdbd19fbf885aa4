// `jingzhun validate DB`: the data-quality rules over the registry, village by village.
#include <fmt/format.h>

#include "app/registry/registry_validation.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"
#include "cli/row_printer.h"

namespace jz::cli {
namespace {

class ValidateCommand final : public Command {
 public:
  std::string_view name() const override { return "validate"; }
  std::string_view summary() const override {
    return "普查级数据质量校验（逐户逐人逐项） | census-grade data-quality checks";
  }
  std::string_view help() const override {
    return "\n按 DOMAIN §1.4/§3.8 "
           "的规则逐户逐人逐项校验：证件号码与出生日期、性别，必填项，致贫原因与成员，\n"
           "低保/特困，劳动技能，务工，收入算术与范围，与户主关系，在校生与年龄，户主，帮扶责任人等。\n"
           "Checks every household and person: ID against birth date and sex, mandatory fields by age, "
           "causes\n"
           "against members, dibao/tekun, labour skill, work, income arithmetic and ranges, relationships, "
           "school\n"
           "grade against age, heads, responsible cadres. Writes every finding to --report and the counts "
           "per\n"
           "rule at every region level (province to village) to the same name with .counts.csv.\n"
           "退出码：无错误级问题为 0，否则为 3 / exit 0 when no error-severity finding, else 3.\n\n"
           "示例 Examples:\n"
           "  jingzhun validate demo/jingzhun.db\n"
           "  jingzhun validate demo/jingzhun.db --region 222424 --report wangqing.csv\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file")->required();
    app.add_option("--region", region_, "校验范围 scope region code (default: the loaded province)");
    app.add_option("--report", report_, "问题清单 findings report (.csv, or .xlsx with the counts as a second sheet); "
                   "default: DB.validation.csv");
  }
  Status Run(const GlobalOptions& global) override {
    ValidateRequest request{.report_path = report_, .lang = global.lang};
    if (!region_.empty()) {
      ASSIGN_OR_RETURN(request.scope, RegionCode::Parse(region_));
    }
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = db_path_}));
    ASSIGN_OR_RETURN(ValidationSummary r, ValidateRegistry(*ws, request, *global.progress));
    const ReportTable tables[] = {RuleTable(global, r), PrefectureTable(r)};
    RETURN_IF_ERROR(PrintTables(global, OutputFormat::kTable, tables));
    fmt::print("\n");
    PrintLine(
        global,
        Bilingual("校验 {} 户 {} 人：{} 户有问题，错误 {} 个，警告 {} 个",
                  "checked {} households, {} persons: {} households with findings, {} errors, {} warnings",
                  r.households, r.persons, r.households_with_findings, r.errors, r.warnings));
    PrintLine(global, Bilingual("问题清单：{}；分级统计：{}", "findings: {}; counts by region level: {}",
                                r.report_path, r.counts_path));
    if (r.errors > 0) {
      return InvalidArgumentError(Bilingual("发现 {} 个错误级问题", "{} error-severity findings", r.errors));
    }
    return OkStatus();
  }

 private:
  static ReportTable RuleTable(const GlobalOptions& g, const ValidationSummary& r) {
    const bool en = g.lang == Lang::kEn;
    ReportTable table("rules", {{"rule", "规则", "rule"},
                                {"severity", "级别", "severity"},
                                {"what", "问题", "what is wrong"},
                                {"count", "数量", "count", CellKind::kInt}});
    for (const RuleFindings& rule : r.rules) {
      const bool error = rule.severity == Severity::kError;
      table.AddRow({std::string(rule.id),
                    std::string(error ? (en ? "error" : "错误") : (en ? "warning" : "警告")),
                    std::string(en ? rule.en : rule.zh), rule.findings});
    }
    return table;
  }

  static ReportTable PrefectureTable(const ValidationSummary& r) {
    ReportTable table("prefectures", {{"code", "区划代码", "code"},
                                      {"prefecture", "市州", "prefecture"},
                                      {"households", "户数", "households", CellKind::kInt},
                                      {"with_findings", "有问题户数", "with findings", CellKind::kInt},
                                      {"share", "占比", "share", CellKind::kShare}});
    for (const PrefectureFindings& p : r.prefectures) {
      const double share =
          p.households > 0 ? static_cast<double>(p.with_findings) / static_cast<double>(p.households) : 0;
      table.AddRow({p.code.ShortString(), p.name, p.households, p.with_findings, share});
    }
    return table;
  }

  std::string db_path_;
  std::string region_;
  std::string report_;
};

}  // namespace

std::unique_ptr<Command> NewValidateCommand() { return std::make_unique<ValidateCommand>(); }

}  // namespace jz::cli
