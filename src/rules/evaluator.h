// The reference evaluator: walks a compiled rule over one household, its members' feed rows
// and a date. It is deliberately simple (a recursive tree walk, exact rationals) because the
// columnar engine of src/engine is checked against it, household by household.
//
//   ASSIGN_OR_RETURN(Outcome outcome, Evaluate(rule, household, feeds, as_of));
//   if (outcome.fired) ...  // outcome.hits[i].evidence says why
//
// Thread safety: all functions are pure; they may run concurrently over one Policy.
#ifndef JZ_RULES_EVALUATOR_H_
#define JZ_RULES_EVALUATOR_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/registry.h"
#include "core/status.h"
#include "rules/expr.h"
#include "rules/policy.h"

namespace jz {

// One row of a departmental feed, already matched to a member by ID number.
// Invariant: values follow the feed's declared columns, in order and type.
struct FeedRow {
  size_t member = 0;  // index into Household::members
  Date date;          // the event date (claim, certificate, death ...)
  std::vector<Value> values;
};

// The feed rows of one household, by feed index of the policy (Policy::feeds). A feed with
// no rows may be missing. Rows dated after as_of are ignored by every aggregate.
struct FeedView {
  std::map<size_t, std::vector<FeedRow>> rows;
};

// One comparison that held, with the values it compared, e.g.
// clause "feed_sum(medical.out_of_pocket, days=365) > medical_share * household.net_income",
// values "8000.00元 > 7500.00元".
struct Evidence {
  std::string clause;
  std::string values;
};

// Where a rule fired: the household (member empty) or one member.
struct Hit {
  std::optional<size_t> member;
  std::vector<Evidence> evidence;
};

// The result of one rule on one household. fired == !hits.empty().
struct Outcome {
  bool fired = false;
  std::vector<Hit> hits;
};

// Whether comparison `op` (kLt .. kNe) holds for a three-way result `cmp` (<0, 0, >0), and
// its symbol in evidence ("<", "==" ...); shared with the columnar engine.
bool ComparisonHolds(Op op, int cmp);
std::string_view OpSymbol(Op op);

// Evaluates `expr` for `household` as of `as_of`; `person` is the scope member of a
// person-scope expression (empty for household scope).
// Returns the value, or: FailedPreconditionError when the expression reads a year field and
// the household has no data year up to as_of's year; InvalidArgumentError on division by
// zero or arithmetic overflow, naming the clause; an unknown-value status (IsUnknownValue)
// when the result depends on a value the registry does not know. Unknown follows Kleene's
// logic through `and`/`or` (unknown and false is false, unknown or true is true) and makes
// every other operator, `not` and each member aggregate unknown; errors and unknowns stop
// evaluation left to right in the order the operands are read. REQUIRES: person < members.size().
[[nodiscard]] StatusOr<Value> EvaluateExpr(const Expr& expr, const Household& household,
                                           const FeedView& feeds, Date as_of, std::optional<size_t> person);

// Whether `status` is the evaluator's "the rule reads an unknown value" (not an error: the
// rule is undecided for the household and does not fire; docs/policy-language.md).
bool IsUnknownValue(const Status& status);

// Evaluates `rule` for `household`: once for a household-scope rule, once per member for a
// person-scope rule. Each hit carries, as evidence, the comparisons that held and the bool
// fields and feed_any calls whose value pushed towards firing, outside member aggregates
// (those are summarised by the comparison that uses them). Errors as EvaluateExpr, prefixed
// with "rule <id>"; an unknown value as EvaluateExpr (the first member's, for a person-scope
// rule, stops the household as an error does).
[[nodiscard]] StatusOr<Outcome> Evaluate(const Rule& rule, const Household& household, const FeedView& feeds,
                                         Date as_of);

}  // namespace jz

#endif  // JZ_RULES_EVALUATOR_H_
