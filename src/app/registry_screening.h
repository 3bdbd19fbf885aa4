// Use case: screen the registry against departmental feeds with a policy. Every rule of the
// policy is evaluated for every household in scope with the reference evaluator
// (rules/evaluator.h); each hit becomes a warning with its evidence, stored idempotently
// (unique per household, rule, as-of month and person). Feed rows that match no registry
// person or carry an invalid ID number are counted and reported, never dropped silently.
// The columnar engine of issue 4 will replace the per-household evaluation; its results
// must equal these.
#ifndef JZ_APP_REGISTRY_SCREENING_H_
#define JZ_APP_REGISTRY_SCREENING_H_

#include <map>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "engine/feed_table.h"
#include "rules/policy.h"
#include "store/store.h"

namespace jz {

struct ScreenOptions {
  std::string feeds_dir;  // <feed name>.csv per declared feed; a missing file is "not provided"
  Date as_of;
  bool dry_run = false;   // evaluate and report, write nothing
  RegionCode scope;
};

struct FeedStats {
  std::string name;
  bool provided = false;
  int64_t rows = 0;
  int64_t matched = 0;
  int64_t unmatched = 0;   // valid ID, not a registry person in scope
  int64_t invalid_ids = 0;
  int64_t bad_rows = 0;    // unreadable date or value
};

struct ScreenResult {
  int64_t households = 0;
  int64_t persons = 0;
  std::vector<FeedStats> feeds;
  std::map<std::string, int64_t> households_per_rule;
  // Households with at least one warning or exclusion, per county.
  std::map<RegionCode, std::pair<int64_t, int64_t>> per_county;  // (households, warned)
  int64_t warnings = 0;
  int64_t warnings_new = 0;      // not stored before (0 on a dry run)
  int64_t not_evaluable = 0;     // (household, rule) pairs the data cannot answer
  std::vector<FeedProblem> problems;  // unmatched, invalid and unreadable feed rows
};

StatusOr<ScreenResult> ScreenRegistry(Store& store, const Policy& policy, const ScreenOptions& options,
                                      Progress& progress = NoProgress());

// Writes the feed problems: feed file, line, column, value (masked IDs), reason (zh-Hans).
Status WriteScreenReport(const std::string& path, const std::vector<FeedProblem>& problems);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_SCREENING_H_
