// Measures data-quality checks against a generated registry's ground truth
// (planted-problems.csv): per planted kind, how many were found (recall) and how many of
// the reports of that rule were planted (precision). Used by tests and benchmarks.
#ifndef JZ_SYNTH_PLANTED_TRUTH_H_
#define JZ_SYNTH_PLANTED_TRUTH_H_

#include <string>
#include <vector>

#include "app/registry/validation/household_validator.h"
#include "core/status.h"
#include "io/registry_reader.h"

namespace jz {

struct KindScore {
  std::string rule_id;
  int64_t planted = 0;
  int64_t reported = 0;  // findings of this rule
  int64_t hit = 0;       // findings that match a planted problem
  double recall() const {
    return planted == 0 ? 1.0 : static_cast<double>(hit) / static_cast<double>(planted);
  }
  double precision() const {
    return reported == 0 ? 1.0 : static_cast<double>(hit) / static_cast<double>(reported);
  }
};

struct TruthScore {
  std::vector<KindScore> kinds;  // one per planted kind, in the generator's order
  int64_t unplanted = 0;         // findings of rules that were never planted in that place
};

// Matches import problems and validation findings to the truth file by (rule, household,
// person); household-level rules match on the household alone.
StatusOr<TruthScore> ScoreAgainstTruth(const std::string& truth_path,
                                       const std::vector<RowProblem>& import_problems,
                                       const std::vector<Finding>& findings);

// The table as text: rule, planted, found, recall, precision.
std::string FormatTruthScore(const TruthScore& score);

}  // namespace jz

#endif  // JZ_SYNTH_PLANTED_TRUTH_H_
