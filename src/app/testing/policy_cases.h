// Declarative test cases of a policy file (STYLE.md "Tests"): households in, warnings out.
// A case file under tests/cases/<policy>/ names the policy it tests and lists cases, each a
// household (with members, data years and departmental feed rows), an as-of date and the
// hits expected among the rules the case is about. The format is in tests/cases/README.md.
//
// This is test-only code (library jz_policy_cases, built only with the tests). Loading turns
// each case into the registry's own Household and FeedView, so that any evaluator can run
// it: the reference evaluator (rules/evaluator.h) today, the columnar engine later.
//
//   ASSIGN_OR_RETURN(PolicyCaseFile file, LoadPolicyCaseFile(path, source_dir));
//   for (const PolicyCase& c : file.cases) {
//     const std::string diff = CheckPolicyCase(c, file.policy, ReferenceCaseEvaluator());
//     if (!diff.empty()) ...  // names the file, line, case and the hits that differ
//   }
#ifndef JZ_APP_TESTING_POLICY_CASES_H_
#define JZ_APP_TESTING_POLICY_CASES_H_

#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/registry.h"
#include "core/status.h"
#include "rules/evaluator.h"
#include "rules/policy.h"

namespace jz::testing {

// One hit: a rule that fired, for the household (member -1) or for one member (its index
// in Household::members) of a person-scope rule.
using CaseHit = std::pair<std::string, int>;

// Runs every rule of `policy` over one household as of a date and returns all hits, in any
// order. An error fails the case. Implementations must be pure (no state between calls).
using CaseEvaluator = std::function<StatusOr<std::vector<CaseHit>>(
    const Policy& policy, const Household& household, const FeedView& feeds, Date as_of)>;

// The reference evaluator (rules/evaluator.h: Evaluate) behind the CaseEvaluator interface.
CaseEvaluator ReferenceCaseEvaluator();

// One case, ready to evaluate. Invariants: every id in `rules` is a rule of the file's
// policy; `expected` is sorted, free of duplicates, and holds only rules listed in `rules`,
// with member -1 for household-scope rules and a valid member index for person-scope ones.
struct PolicyCase {
  std::string where;  // "<file>:<line>" of the [[case]], for messages
  std::string name;   // unique within its file, stable (cited in failures)
  Date as_of;
  std::vector<std::string> rules;  // the rules the case is about
  Household household;
  FeedView feeds;
  std::vector<CaseHit> expected;
};

// A loaded case file: the policy it names and its cases, in file order.
struct PolicyCaseFile {
  std::string path;
  std::string policy_path;  // as written in the file, relative to the source root
  Policy policy;
  std::vector<PolicyCase> cases;
};

// Parses a case file's `text`; `source` names it in messages; the policy it names is read
// from `source_root`/<policy>. Returns InvalidArgumentError "<source>:<line>:<column>:
// [case <name>: ]<key>: <problem>" for TOML syntax, an unknown or missing key, a value of
// the wrong type or not on its code list, an unknown rule, feed or column, a member index out
// of range, an expected hit outside `rules`, or a duplicate case name; the policy's own
// error when the policy cannot be loaded.
[[nodiscard]] StatusOr<PolicyCaseFile> ParsePolicyCaseText(std::string_view text, std::string_view source,
                                                           const std::string& source_root);

// Reads `path` and calls ParsePolicyCaseText. NotFoundError when it cannot be read.
[[nodiscard]] StatusOr<PolicyCaseFile> LoadPolicyCaseFile(const std::string& path,
                                                          const std::string& source_root);

// Returns the *.toml files directly under `dir`, sorted. NotFoundError when `dir` is not a
// readable directory.
[[nodiscard]] StatusOr<std::vector<std::string>> ListCaseFiles(const std::string& dir);

// Runs `evaluator` on the case and compares its hits, restricted to the case's rules, with
// the expected ones. Returns "" when they agree, else a message naming the case's place and
// name, the hits missing and the hits not expected (or the evaluator's error).
std::string CheckPolicyCase(const PolicyCase& c, const Policy& policy, const CaseEvaluator& evaluator);

// Formats a hit as case files write it: "JL-W-MEDICAL" or "JL-W-DEATH[1]".
std::string FormatCaseHit(const CaseHit& hit);

}  // namespace jz::testing

#endif  // JZ_APP_TESTING_POLICY_CASES_H_
