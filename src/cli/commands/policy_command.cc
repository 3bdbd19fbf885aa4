// `jingzhun policy check FILE`: load a policy file, type-check every rule, and list what it
// holds; an error names the file, line, column and rule id.
#include <fmt/format.h>

#include "cli/commands/commands.h"
#include "cli/text_table.h"
#include "rules/policy.h"

namespace jz::cli {
namespace {

std::string_view KindLabel(RuleKind kind, bool en) {
  switch (kind) {
    case RuleKind::kTest: return en ? "test" : "达标检测";
    case RuleKind::kWarning: return en ? "warning" : "预警";
    case RuleKind::kExclusion: return en ? "exclusion" : "负面清单";
  }
  return "";
}

class PolicyCommand final : public Command {
 public:
  std::string_view name() const override { return "policy"; }
  std::string_view summary() const override {
    return "检查政策文件（标准、阈值、规则） | check a policy file (lines, thresholds, rules)";
  }
  std::string_view help() const override {
    return "\npolicy check FILE: 读取政策文件（TOML），对每条规则做类型检查，列出参数、数据源和规则；\n"
           "出错时指明文件、行、列和规则编号。格式见 docs/policy-language.md。\n"
           "Loads a policy file, type-checks every rule and lists its parameters, feeds and rules; an error\n"
           "names the file, line, column and rule id. Format: docs/policy-language.md.\n\n"
           "示例 Examples:\n"
           "  jingzhun policy check policies/jilin-2024.toml\n";
  }
  void Setup(CLI::App& app) override {
    app.require_subcommand(1);
    CLI::App* check = app.add_subcommand("check", "检查政策文件 check a policy file");
    check->add_option("FILE", path_, "政策文件 policy file (TOML)")->required();
  }
  Status Run(const GlobalOptions& global) override {
    ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(path_));
    const bool en = global.lang == Lang::kEn;
    PrintLine(global, Bilingual(fmt::format("政策 {} 版本 {}，省份 {}，有效期 {} 至 {}", path_, policy.version,
                                            policy.province, policy.effective_from.ToString(),
                                            policy.effective_to.ToString()),
                                fmt::format("policy {} version {}, province {}, effective {} to {}", path_,
                                            policy.version, policy.province, policy.effective_from.ToString(),
                                            policy.effective_to.ToString())));
    TextTable parameters({en ? "parameter" : "参数", en ? "value" : "值"});
    for (const auto& [name, value] : policy.parameters) parameters.AddRow({name, value.ToString()});
    fmt::print("\n{}", Localize(global, parameters.Render()));
    TextTable feeds({en ? "feed" : "数据源", en ? "columns" : "字段"});
    for (const FeedSchema& feed : policy.feeds) {
      std::string columns;
      for (const auto& [column, type] : feed.columns) columns += (columns.empty() ? "" : ", ") + column;
      feeds.AddRow({feed.name, columns});
    }
    fmt::print("\n{}", Localize(global, feeds.Render()));
    TextTable rules({en ? "rule" : "规则", en ? "kind" : "类别", en ? "name" : "名称"});
    for (const Rule& rule : policy.rules) rules.AddRow({rule.id, std::string(KindLabel(rule.kind, en)), rule.name_zh});
    fmt::print("\n{}\n", Localize(global, rules.Render()));
    PrintLine(global, Bilingual(fmt::format("{} 条规则全部通过类型检查", policy.rules.size()),
                                fmt::format("all {} rules type-check", policy.rules.size())));
    return OkStatus();
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Command> NewPolicyCommand() { return std::make_unique<PolicyCommand>(); }

}  // namespace jz::cli
