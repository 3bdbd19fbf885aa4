// `jingzhun policy check FILE`: load a policy file, type-check every rule, and list what it
// holds; an error names the file, line, column and rule id.
#include <fmt/format.h>

#include "app/screening/screening_requests.h"
#include "cli/commands/commands.h"
#include "cli/row_printer.h"

namespace jz::cli {
namespace {

std::string_view KindLabel(WarningKind kind, bool en) {
  switch (kind) {
    case WarningKind::kTest:
      return en ? "test" : "达标检测";
    case WarningKind::kWarning:
      return en ? "warning" : "预警";
    case WarningKind::kExclusion:
      return en ? "exclusion" : "负面清单";
    case WarningKind::kUnknown:
      break;
  }
  return "";
}

std::vector<ReportTable> Tables(const PolicyCheckResult& p, bool en) {
  std::vector<ReportTable> tables;
  ReportTable& parameters = tables.emplace_back(
      "parameters", std::vector<ReportColumn>{{"parameter", "参数", "parameter"}, {"value", "值", "value"}});
  for (const auto& [name, value] : p.parameters) parameters.AddRow({name, value});
  ReportTable& feeds = tables.emplace_back(
      "feeds", std::vector<ReportColumn>{{"feed", "数据源", "feed"}, {"columns", "字段", "columns"}});
  for (const auto& [name, columns] : p.feeds) feeds.AddRow({name, columns});
  ReportTable& rules = tables.emplace_back(
      "rules", std::vector<ReportColumn>{
                   {"rule", "规则", "rule"}, {"kind", "类别", "kind"}, {"name", "名称", "name"}});
  for (const PolicyCheckResult::RuleRow& r : p.rules)
    rules.AddRow({r.id, std::string(KindLabel(r.kind, en)), r.name_zh});
  return tables;
}

class PolicyCommand final : public Command {
 public:
  std::string_view name() const override { return "policy"; }
  std::string_view summary() const override {
    return "检查政策文件（标准、阈值、规则） | check a policy file (lines, thresholds, rules)";
  }
  std::string_view help() const override {
    return "\npolicy check FILE: 读取政策文件（TOML），对每条规则做类型检查，列出参数、数据源和规则；\n"
           "出错时指明文件、行、列和规则编号。数据源名称须为标识符，金额参数不能为负。格式见 "
           "docs/policy-language.md。\n"
           "Loads a policy file, type-checks every rule and lists its parameters, feeds and rules; an error\n"
           "names the file, line, column and rule id. Feed names are identifiers and amounts are never\n"
           "negative. Format: docs/policy-language.md.\n\n"
           "示例 Examples:\n"
           "  jingzhun policy check policies/jilin-2024.toml\n"
           "  jingzhun policy check policies/jilin-2024.toml --format json\n";
  }
  void Setup(CLI::App& app) override {
    app.require_subcommand(1);
    CLI::App* check = app.add_subcommand("check", "检查政策文件 check a policy file");
    check->add_option("FILE", request_.path, "政策文件 policy file (TOML)")->required();
    check->add_option("--format", format_, "输出格式 format: table | csv | json")->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(PolicyCheckResult p, CheckPolicy(request_));
    const std::vector<ReportTable> tables = Tables(p, global.lang == Lang::kEn);
    if (format != OutputFormat::kTable) return PrintTables(global, format, tables);
    PrintLine(global, Bilingual("政策 {} 版本 {}，省份 {}，有效期 {} 至 {}",
                                "policy {} version {}, province {}, effective {} to {}", p.path, p.version,
                                p.province, p.effective_from.ToString(), p.effective_to.ToString()));
    fmt::print("\n");
    RETURN_IF_ERROR(PrintTables(global, format, tables));
    fmt::print("\n");
    PrintLine(global, Bilingual("{} 条规则全部通过类型检查", "all {} rules type-check", p.rules.size()));
    return OkStatus();
  }

 private:
  PolicyCheckRequest request_;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> NewPolicyCommand() { return std::make_unique<PolicyCommand>(); }

}  // namespace jz::cli
