// A policy: the standards of one province for one period, loaded from a TOML file under
// policies/ (e.g. policies/jilin-2024.toml): parameters (poverty line, monitoring line,
// shares), the departmental feeds the rules read, and the rules themselves — the
// 两不愁三保障 + drinking-water tests, the warning rules and the exclusion list — each
// compiled and type-checked at load. The file format is in docs/policy-language.md.
#ifndef JZ_RULES_POLICY_H_
#define JZ_RULES_POLICY_H_

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/status.h"
#include "rules/expr.h"

namespace jz {

// What a rule is for: a 两不愁三保障 / water test (fires when the guarantee fails), a
// warning that suggests monitoring, or an item of the exclusion list (负面清单).
enum class RuleKind : uint8_t { kTest, kWarning, kExclusion };
enum class PolicySeverity : uint8_t { kLow, kMedium, kHigh };

// One rule. Invariant: expr is compiled for `scope` and is a condition (bool).
struct Rule {
  std::string id;       // stable, e.g. "JL-W-MED-01"; cited by code and tests
  std::string name_zh;  // zh-Hans name shown to users
  RuleKind kind = RuleKind::kWarning;
  PolicyScope scope = PolicyScope::kHousehold;
  PolicySeverity severity = PolicySeverity::kMedium;
  std::optional<MonitoringType> monitoring_type;  // the monitoring type it suggests
  std::optional<RiskCategory> risk_category;      // the risk category it suggests
  Expr expr;
};

// A loaded policy. Invariants: effective_from <= effective_to; rule ids unique; every rule
// compiled against these parameters and feeds. Thread-compatible; immutable after loading.
struct Policy {
  std::string source;  // file name for messages
  std::string version;
  std::string province;
  Date effective_from;
  Date effective_to;
  std::map<std::string, Value, std::less<>> parameters;
  std::vector<FeedSchema> feeds;
  std::vector<Rule> rules;

  // Returns the rule with `id`, or null.
  const Rule* FindRule(std::string_view id) const;
  // Returns the index of the feed named `name` in `feeds`, or nullopt.
  std::optional<size_t> FeedIndex(std::string_view name) const;
};

// A parameter value set from outside the file (what-if: `--set monitoring_line=8000`).
struct ParameterOverride {
  std::string name;
  std::string value;  // as in the file: "8000元" or "8000" (yuan) for money, "0.6", 7, true
};

// Parses and compiles a policy from `text`; `source` names it in messages.
// Returns InvalidArgumentError "<source>:<line>:<column>: rule <id>: <zh | en>" for an error
// in a rule, "<source>:<line>:<column>: <zh | en>" for other errors: TOML syntax, a missing
// or mistyped key (version, province, effective_from, effective_to, a rule's id, name_zh,
// kind, scope, severity, when), effective_to before effective_from, a duplicate rule id, an
// unknown label for monitoring_type / risk_category, a bad parameter or feed declaration,
// an unknown key (a misspelling would otherwise be ignored). `overrides` replace parameter
// values before the rules are compiled; an unknown name or a value of another type is an
// InvalidArgumentError naming it.
[[nodiscard]] StatusOr<Policy> LoadPolicyText(std::string_view text, std::string_view source,
                                              std::span<const ParameterOverride> overrides = {});

// Reads `path` and calls LoadPolicyText with the path as source. Returns NotFoundError when
// the file cannot be read, InvalidArgumentError when it exceeds kMaxPolicyFileBytes.
[[nodiscard]] StatusOr<Policy> LoadPolicyFile(const std::string& path,
                                              std::span<const ParameterOverride> overrides = {});

}  // namespace jz

#endif  // JZ_RULES_POLICY_H_
