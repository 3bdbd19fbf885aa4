// Use case: screen the registry against departmental feeds with a policy, on the columnar
// engine (engine/rule_engine.h): a snapshot of the registry as of a date, the feeds read
// into per-person aggregates by packed ID number, every rule over every household on every
// core. Each hit becomes a warning with its evidence; in the database it is stored
// idempotently (unique per household, rule, as-of month and person). Feed rows that match
// no registry person or carry an invalid ID number are counted and reported with their file
// and line, never dropped silently.
//
// Two doors: ScreenRegistry() screens the database; ScreenExport() screens a registry
// export CSV directly, with no database, writing warnings and the per-county table as CSV
// (an office can check a file before importing it).
#ifndef JZ_APP_SCREENING_REGISTRY_SCREENING_H_
#define JZ_APP_SCREENING_REGISTRY_SCREENING_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/i18n.h"
#include "core/progress.h"
#include "core/status.h"
#include "engine/feed_loader.h"
#include "engine/feed_table.h"
#include "engine/rule_engine.h"
#include "engine/snapshot.h"
#include "io/registry_reader.h"
#include "rules/policy.h"
#include "store/store.h"

namespace jz {

struct ScreenOptions {
  std::string feeds_dir;  // <feed name>.csv per declared feed; a missing file is "not provided"
  Date as_of;
  bool dry_run = false;       // evaluate and report, write nothing (database door)
  RegionCode scope;           // database door: the region screened
  int threads = 0;            // 0: every core
  int data_year = 0;          // export door: the year of the income columns; 0: as_of's year
  Lang lang = Lang::kZhHans;  // of the report files' headers, labels and messages
};

struct FeedStats {
  std::string name;
  bool provided = false;
  int64_t rows = 0;
  int64_t matched = 0;
  int64_t unmatched = 0;  // valid ID, not a registry person in scope
  int64_t invalid_ids = 0;
  int64_t bad_rows = 0;  // unreadable date or value
};

struct ScreenResult {
  int64_t households = 0;
  int64_t persons = 0;
  std::vector<FeedStats> feeds;
  std::map<std::string, int64_t> households_per_rule;
  // Households with at least one warning or exclusion, per county.
  std::map<RegionCode, std::pair<int64_t, int64_t>> per_county;  // (households, warned)
  // Households per (county, rule id) where the rule fired.
  std::map<std::pair<RegionCode, std::string>, int64_t> per_county_rule;
  int64_t warnings = 0;
  int64_t warnings_new = 0;   // not stored before (0 on a dry run or for an export)
  int64_t not_evaluable = 0;  // (household, rule) pairs the data cannot answer
  // (household, rule) pairs left undecided by a value the registry does not know (a column
  // the import file lacked): no warning, and not counted as not evaluable.
  int64_t unknown_values = 0;
  // Declared feeds whose file is not in the feeds directory, in policy order. Every rule
  // that reads one is undecidable: not evaluated at all (neither true nor false), no
  // warning stored from it, its households counted here per rule id and in `undecidable`.
  std::vector<std::string> missing_feeds;
  std::map<std::string, int64_t> undecidable_per_rule;
  int64_t undecidable = 0;            // (household, rule) pairs left undecided by missing feeds
  std::vector<FeedProblem> problems;  // invalid and unreadable feed rows
  // Rows with a valid ID number that is no registry person's in scope, by feed index (moved
  // from each feed's load, not copied); kept compact, formatted only into the report.
  std::vector<std::vector<UnmatchedRow>> unmatched_rows;
  std::vector<std::string> feed_files;  // by feed index, for the report
  // Export door: registry rows that could not be read, and the households they reject.
  std::vector<RowProblem> registry_problems;
  int64_t households_rejected = 0;
  // Wall seconds of each stage.
  double load_seconds = 0, feed_seconds = 0, evaluate_seconds = 0, write_seconds = 0;
};

StatusOr<ScreenResult> ScreenRegistry(Store& store, const Policy& policy, const ScreenOptions& options,
                                      Progress& progress = NoProgress());

// Screens the registry export `registry_csv` and writes into `out_dir` (created if needed),
// as CSV with headers and labels in options.lang: warnings.csv (户编号, 人编号, 县, 规则,
// 规则名称, 依据 — one row per hit), county-summary.csv (county, rule_id, households in every
// language — households per county and rule, counties and rules in order), feed-report.csv
// (feed rows that were not used) and, when registry rows were rejected, registry-report.csv.
StatusOr<ScreenResult> ScreenExport(const std::string& registry_csv, const Policy& policy,
                                    const ScreenOptions& options, const std::string& out_dir,
                                    Progress& progress = NoProgress());

// Writes the feed rows that were not used: file, line, column, value (ID numbers masked),
// reason — the problems, then the unmatched rows — with headers and reasons in `lang`, as
// .xlsx when `path` ends in .xlsx and CSV otherwise (screen_reports.cc).
[[nodiscard]] Status WriteScreenReport(const std::string& path, const ScreenResult& result,
                                       Lang lang = Lang::kZhHans);

// The files of ScreenExport() in `out_dir` (screen_reports.cc).
[[nodiscard]] Status WriteScreenExportFiles(const std::string& out_dir, const Snapshot& snapshot,
                                            const Policy& policy, const EngineResult& evaluated,
                                            const ScreenResult& result, Lang lang);

// Reads the declared feeds found in `feeds_dir` into `snapshot`'s aggregates, filling
// result.feeds and result.problems. Shared by screening and what-if.
Status LoadScreeningFeeds(Snapshot& snapshot, const Policy& policy, const ScreenOptions& options,
                          ScreenResult& result, Progress& progress);

// Per rule of `policy`: whether it can be decided with the feeds of `feeds` (result.feeds
// after LoadScreeningFeeds): true unless it reads a feed that was not provided.
std::vector<bool> DecidableRules(const Policy& policy, const std::vector<FeedStats>& feeds);

// The kind stored with a warning of a rule of `kind`.
WarningKind WarningKindOf(RuleKind kind);

// A snapshot of the registry export `path` with what `needs` reads (rejected households
// left out; engine/registry_loader.h).
StatusOr<Snapshot> SnapshotFromExport(const std::string& path, const SnapshotNeeds& needs, Date as_of,
                                      const ScreenOptions& options, Progress& progress);

// A snapshot of the households of `scope` in `store` with what `needs` reads.
StatusOr<Snapshot> SnapshotFromStore(Store& store, const SnapshotNeeds& needs, Date as_of, RegionCode scope,
                                     Progress& progress);

}  // namespace jz

#endif  // JZ_APP_SCREENING_REGISTRY_SCREENING_H_
