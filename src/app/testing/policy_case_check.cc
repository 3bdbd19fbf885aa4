// Running the policy cases of policy_cases.h: the reference evaluator, the comparison of a
// case's hits with those expected, and the listing of a folder's case files. Loading the
// files is policy_cases.cc's.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "app/testing/policy_cases.h"

namespace jz::testing {

CaseEvaluator ReferenceCaseEvaluator() {
  return [](const Policy& policy, const Household& household, const FeedView& feeds,
            Date as_of) -> StatusOr<std::vector<CaseHit>> {
    std::vector<CaseHit> hits;
    for (const Rule& rule : policy.rules) {
      ASSIGN_OR_RETURN(Outcome outcome, Evaluate(rule, household, feeds, as_of));
      for (const Hit& hit : outcome.hits) {
        hits.emplace_back(rule.id, hit.member ? static_cast<int>(*hit.member) : -1);
      }
    }
    return hits;
  };
}

StatusOr<std::vector<std::string>> ListCaseFiles(const std::string& dir) {
  std::error_code error;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      files.push_back(entry.path().string());
    }
  }
  if (error) return NotFoundError(fmt::format("cannot list {}: {}", dir, error.message()));
  std::sort(files.begin(), files.end());
  return files;
}

std::string FormatCaseHit(const CaseHit& hit) {
  return hit.second < 0 ? hit.first : fmt::format("{}[{}]", hit.first, hit.second);
}

std::string CheckPolicyCase(const PolicyCase& c, const Policy& policy, const CaseEvaluator& evaluator) {
  const std::string header = fmt::format("{}: case {} (as of {})", c.where, c.name, c.as_of.ToString());
  StatusOr<std::vector<CaseHit>> all = evaluator(policy, c.household, c.feeds, c.as_of);
  if (!all.ok()) return fmt::format("{}: evaluation failed: {}", header, all.status().ToString());
  std::vector<CaseHit> actual;
  for (CaseHit& hit : *all) {
    if (std::find(c.rules.begin(), c.rules.end(), hit.first) != c.rules.end()) {
      actual.push_back(std::move(hit));
    }
  }
  std::sort(actual.begin(), actual.end());
  std::vector<CaseHit> missing, unexpected;
  std::set_difference(c.expected.begin(), c.expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), c.expected.begin(), c.expected.end(),
                      std::back_inserter(unexpected));
  if (missing.empty() && unexpected.empty()) return "";
  auto list = [](const std::vector<CaseHit>& hits) {
    std::string text;
    for (const CaseHit& hit : hits) text += (text.empty() ? "" : ", ") + FormatCaseHit(hit);
    return text.empty() ? std::string("none") : text;
  };
  return fmt::format("{}: expected hits not found: {}; hits not expected: {}", header, list(missing),
                     list(unexpected));
}

}  // namespace jz::testing
