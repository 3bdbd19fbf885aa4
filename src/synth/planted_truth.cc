// Scoring against planted problems.
#include "synth/planted_truth.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "app/registry/validation/rule_catalogue.h"
#include "io/csv_reader.h"
#include "synth/problem_planter.h"

namespace jz {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // rule, household, person

// The validator's and the importer's household-level rules (region.unknown_village is one).
std::set<std::string> HouseholdLevelRules() {
  std::set<std::string> ids;
  for (const validation::RuleSpec& rule : validation::RuleCatalogue()) {
    if (rule.scope == RuleScope::kHousehold) ids.insert(std::string(rule.id));
  }
  return ids;
}

}  // namespace

StatusOr<TruthScore> ScoreAgainstTruth(const std::string& truth_path,
                                       const std::vector<RowProblem>& import_problems,
                                       const std::vector<Finding>& findings) {
  const std::set<std::string> household_level = HouseholdLevelRules();
  auto key = [&](std::string_view rule, std::string_view household, std::string_view person) {
    const bool whole = household_level.contains(std::string(rule));
    return Key{std::string(rule), std::string(household), whole ? "" : std::string(person)};
  };
  std::set<Key> planted;
  ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> reader, CsvReader::Open(truth_path));
  std::vector<std::string_view> f;
  ASSIGN_OR_RETURN(bool header, reader->Next(f));
  while (header) {
    ASSIGN_OR_RETURN(bool more, reader->Next(f));
    if (!more) break;
    if (f.size() < 3) return InvalidArgumentError(fmt::format("{}: malformed truth row", truth_path));
    planted.insert(key(f[0], f[1], f[2]));
  }
  std::set<Key> found;
  for (const RowProblem& p : import_problems) found.insert(key(p.rule_id, p.household_no, p.person_no));
  for (const Finding& x : findings) found.insert(key(x.rule_id, x.household_no, x.person_no));

  TruthScore score;
  std::map<std::string, KindScore*> by_id;
  for (const gen::ProblemKindInfo& kind : gen::ProblemKinds()) {
    score.kinds.push_back(KindScore{std::string(kind.id), 0, 0, 0});
  }
  for (KindScore& k : score.kinds) by_id[k.rule_id] = &k;
  for (const Key& k : planted) {
    if (auto it = by_id.find(std::get<0>(k)); it != by_id.end()) ++it->second->planted;
  }
  for (const Key& k : found) {
    const bool hit = planted.contains(k);
    if (auto it = by_id.find(std::get<0>(k)); it != by_id.end()) {
      ++it->second->reported;
      it->second->hit += hit;
    } else if (!hit) {
      ++score.unplanted;
    }
  }
  return score;
}

std::string FormatTruthScore(const TruthScore& score) {
  std::string out =
      fmt::format("{:<36} {:>8} {:>8} {:>8} {:>10}\n", "rule", "planted", "found", "recall", "precision");
  for (const KindScore& k : score.kinds) {
    out += fmt::format("{:<36} {:>8} {:>8} {:>7.1f}% {:>9.1f}%\n", k.rule_id, k.planted, k.reported,
                       k.recall() * 100, k.precision() * 100);
  }
  out += fmt::format("findings of rules never planted there: {}\n", score.unplanted);
  return out;
}

}  // namespace jz
