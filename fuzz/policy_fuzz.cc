// Fuzz target for LoadPolicyText, the loader of policy files (TOML, then the rule language
// of docs/policy-language.md: lexer, parser, type checker). Errors are fine; properties, each
// a trap when broken: no crash, hang, leak or sanitizer report; an error names the file
// ("fuzz.toml:<line>:<column>: ..."); a loaded policy keeps the invariants policy.h and
// expr.h state (dates ordered, rule ids unique, every rule a bool tree of at most
// kMaxRuleNodes nodes whose children come first, feed aggregates on declared feeds and
// columns, windows within 1..kMaxFeedWindowDays). Each loaded rule is then evaluated on a
// small fixed household with one row per feed, so that the reference evaluator meets every
// tree the compiler accepts; evaluation errors (overflow, division by zero) are fine.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/limits.h"
#include "core/registry.h"
#include "fuzz/fuzz_check.h"
#include "rules/evaluator.h"
#include "rules/policy.h"

namespace jz {
namespace {

constexpr std::string_view kSource = "fuzz.toml";

void CheckExpr(const Expr& expr, const Policy& policy) {
  JZ_FUZZ_CHECK(!expr.nodes.empty() && expr.nodes.size() <= kMaxRuleNodes);
  JZ_FUZZ_CHECK(expr.root < expr.nodes.size());
  JZ_FUZZ_CHECK(expr.nodes[expr.root].type.kind == ValueKind::kBool);
  for (size_t i = 0; i < expr.nodes.size(); ++i) {
    const Node& node = expr.nodes[i];
    JZ_FUZZ_CHECK(node.begin <= node.end && node.end <= expr.text.size());
    JZ_FUZZ_CHECK(node.type.kind != ValueKind::kLabel);
    for (uint32_t kid : node.kids) JZ_FUZZ_CHECK(kid < i);
    if (node.op == Op::kFeedSum || node.op == Op::kFeedCount || node.op == Op::kFeedAny) {
      JZ_FUZZ_CHECK(node.feed < policy.feeds.size());
      JZ_FUZZ_CHECK(node.column < static_cast<int>(policy.feeds[node.feed].columns.size()));
      JZ_FUZZ_CHECK(node.days >= 0 && node.days <= kMaxFeedWindowDays);
    }
  }
}

// Two members (an adult and a child), one data year, one row per feed per member.
Household FixedHousehold() {
  Household h;
  h.household_no = "1";
  h.type = HouseholdType::kOrdinaryFarm;
  for (int i = 0; i < 2; ++i) {
    Person p;
    p.birth_date = *Date::FromYmd(i == 0 ? 1970 : 2014, 2, 28);
    p.health = i == 0 ? Health::kHealthy : Health::kDisabled;
    p.school_status = SchoolStatus::kNotInSchool;
    h.members.push_back(p);
  }
  HouseholdYear y;
  y.data_year = 2024;
  y.wage_income = Money::FromYuan(9000);
  y.business_expense = Money::FromFen(1);
  h.years.push_back(y);
  return h;
}

FeedView RowsFor(const Policy& policy, Date as_of) {
  FeedView view;
  for (size_t f = 0; f < policy.feeds.size(); ++f) {
    for (size_t m = 0; m < 2; ++m) {
      FeedRow row{m, as_of.AddDays(-static_cast<int32_t>(100 * m + f)), {}};
      for (const auto& [name, type] : policy.feeds[f].columns) row.values.push_back(Value{type, {1, 1}});
      view.rows[f].push_back(std::move(row));
    }
  }
  return view;
}

void CheckLoaded(const Policy& policy) {
  JZ_FUZZ_CHECK(policy.source == kSource);
  JZ_FUZZ_CHECK(policy.effective_from <= policy.effective_to);
  std::set<std::string> ids;
  for (const Rule& rule : policy.rules) {
    JZ_FUZZ_CHECK(!rule.id.empty() && ids.insert(rule.id).second);
    JZ_FUZZ_CHECK(policy.FindRule(rule.id) == &rule);
    CheckExpr(rule.expr, policy);
  }
  const Household household = FixedHousehold();
  const Date as_of = *Date::FromYmd(2024, 12, 31);
  const FeedView feeds = RowsFor(policy, as_of);
  for (const Rule& rule : policy.rules) {
    StatusOr<Outcome> outcome = Evaluate(rule, household, feeds, as_of);
    if (!outcome.ok()) continue;
    JZ_FUZZ_CHECK(outcome->fired == !outcome->hits.empty());
    for (const Hit& hit : outcome->hits) {
      JZ_FUZZ_CHECK(hit.member.has_value() == (rule.scope == PolicyScope::kPerson));
      JZ_FUZZ_CHECK(!hit.member || *hit.member < household.members.size());
    }
  }
}

}  // namespace
}  // namespace jz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jz::StatusOr<jz::Policy> policy = jz::LoadPolicyText(text, jz::kSource);
  if (!policy.ok()) {
    JZ_FUZZ_CHECK(policy.status().code() == jz::StatusCode::kInvalidArgument);
    JZ_FUZZ_CHECK(policy.status().message().starts_with(std::string(jz::kSource) + ":"));
    return 0;
  }
  jz::CheckLoaded(*policy);
  return 0;
}
