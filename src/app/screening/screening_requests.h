// The doors' view of screening: one request and one result for `screen` (database and
// registry-export doors), `whatif` and `policy check`. A door fills a request from its
// flags, calls one function, and prints the result; every default and every refusal is
// decided here (registry_screening.h and what_if.h hold the work itself and are app-internal).
// This header includes only core/ and app/ headers, so a door sees no rules, engine or
// store type.
//
//   ScreenRequest request;
//   request.inputs.policy_path = "policies/jilin-2024.toml";
//   request.inputs.feeds_dir = "feeds";
//   ASSIGN_OR_RETURN(ScreenSummary summary, Screen(*workspace, request, progress));
//
// Refusals shared by screen and what-if (checked before the registry is read):
//   InvalidArgument  threads outside 0..kMaxThreads (core/limits.h); an as-of date after
//                    today; a policy file that does not load (file:line:column);
//   NotFound         the policy file or the feeds directory does not exist;
//   FailedPrecondition  the as-of date lies outside the policy's effective_from..effective_to
//                    (unless ignore_policy_period); a feed the policy declares has no file in
//                    the feeds directory (unless allow_missing_feeds: then every rule reading
//                    it is undecidable, counted per rule, and stores no warning).
#ifndef JZ_APP_SCREENING_SCREENING_REQUESTS_H_
#define JZ_APP_SCREENING_SCREENING_REQUESTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/region_rollup.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/progress.h"
#include "core/region_code.h"
#include "core/registry.h"
#include "core/status.h"

namespace jz {

class Workspace;

// What screen and what-if both read.
struct ScreeningInputs {
  std::string policy_path;
  std::string feeds_dir;      // <feed name>.csv per declared feed (docs/feeds.md)
  std::optional<Date> as_of;  // unset: 31 December of last year (from today)
  // Database door; unset: the database's province, or the policy's province when regions
  // of several provinces are loaded.
  std::optional<RegionCode> scope;
  int data_year = 0;                  // export door: the incomes' year; 0: as_of's year
  int threads = 0;                    // 0: every core; at most kMaxThreads
  bool allow_missing_feeds = false;   // go on with the rules of missing feeds undecidable
  bool ignore_policy_period = false;  // accept an as-of date outside the policy's period
};

struct ScreenRequest {
  ScreeningInputs inputs;
  bool dry_run = false;                // database door: evaluate and report, store nothing
  std::string report_path;             // database door: unused feed rows (.csv or .xlsx); "": <db>.screen.csv
  std::string registry_csv;            // export door: the registry export screened
  std::string out_dir = "screen-out";  // export door: warnings.csv, county-summary.csv, ...
  Lang lang = Lang::kZhHans;           // of the report files' headers, labels and reasons
};

struct ScreenFeedRow {
  std::string name;
  bool provided = false;
  int64_t rows = 0, matched = 0, unmatched = 0, invalid_ids = 0, bad_rows = 0;
};

struct ScreenRuleRow {
  std::string id;
  std::string name_zh;
  WarningKind kind = WarningKind::kUnknown;
  int64_t households = 0;   // households where it fired
  int64_t undecidable = 0;  // households it could not judge for a missing feed
};

struct ScreenSummary {
  Date as_of;
  RegionCode scope;  // database door
  std::string policy_version;
  std::vector<ScreenFeedRow> feeds;  // in policy order
  std::vector<std::string> missing_feeds;
  std::vector<ScreenRuleRow> rules;  // in policy order
  // Database door: households and households with a warning or exclusion (counts[0],
  // counts[1]) per prefecture, with the counties beneath when one prefecture is in scope.
  std::vector<RegionRow> regions;
  // Export door: the same counts per county, codes only (there is no store of names).
  std::vector<std::pair<RegionCode, std::pair<int64_t, int64_t>>> counties;
  int64_t households = 0, persons = 0;
  int64_t warnings = 0, warnings_new = 0;
  int64_t not_evaluable = 0;        // (household, rule) pairs the data cannot answer
  int64_t unknown_values = 0;       // (household, rule) pairs undecided for an unknown value
  int64_t undecidable = 0;          // (household, rule) pairs left open by missing feeds
  int64_t households_rejected = 0;  // export door: rows that could not be read
  std::string report_path;          // database door: where the unused rows were written
  std::string out_dir;              // export door
  double load_seconds = 0, feed_seconds = 0, evaluate_seconds = 0, write_seconds = 0;
};

// Screens the workspace's registry (database door) and stores the warnings, each with its
// rule's kind, unless dry_run; writes the unused feed rows to report_path. Refusals above.
[[nodiscard]] StatusOr<ScreenSummary> Screen(Workspace& workspace, const ScreenRequest& request,
                                             Progress& progress = NoProgress());

// Screens the export request.registry_csv with no database (export door) into out_dir;
// `today` bounds the as-of date. Refusals above; InvalidArgument when registry_csv is empty.
[[nodiscard]] StatusOr<ScreenSummary> ScreenExportFile(const ScreenRequest& request, Date today,
                                                       Progress& progress = NoProgress());

struct WhatIfRequest {
  ScreeningInputs inputs;
  std::vector<std::string> sets;                // "NAME=VALUE", as --set gives them; at least one
  std::string registry_csv;                     // export door; empty: the database
  std::string out_path = "whatif-changes.csv";  // the changed households (.csv or .xlsx)
  Lang lang = Lang::kZhHans;                    // of the list's headers and labels
};

struct WhatIfParameterRow {
  std::string name, policy_value, what_if_value;
};

struct WhatIfRuleRow {
  std::string id, name_zh;
  int64_t households = 0, what_if = 0;  // households where it fires, as written and changed
  int64_t undecidable = 0;              // households not judged for a missing feed
};

struct WhatIfCountyRow {
  std::string county;  // 6-digit county code
  std::string rule_id;
  int64_t enter = 0, leave = 0;
};

struct WhatIfSummary {
  Date as_of;
  std::vector<WhatIfParameterRow> parameters;  // one per --set, in order
  std::vector<WhatIfRuleRow> rules;            // in policy order
  std::vector<WhatIfCountyRow> counties;       // by county, then rule
  std::vector<std::string> missing_feeds;
  int64_t changes = 0;  // (household, rule) pairs entering or leaving
  std::string out_path;
  int rules_reevaluated = 0;
  double base_seconds = 0, rerun_seconds = 0;
};

// What-if over the workspace's registry (database door). Beyond the shared refusals:
// InvalidArgument for a --set that is not NAME=VALUE, an unknown parameter name, or a value
// of another type or a negative amount (naming the policy file and the parameter).
[[nodiscard]] StatusOr<WhatIfSummary> WhatIf(Workspace& workspace, const WhatIfRequest& request,
                                             Progress& progress = NoProgress());
// The same over the export request.registry_csv (export door); `today` bounds the as-of date.
[[nodiscard]] StatusOr<WhatIfSummary> WhatIfExportFile(const WhatIfRequest& request, Date today,
                                                       Progress& progress = NoProgress());

struct PolicyCheckRequest {
  std::string path;
};

struct PolicyCheckResult {
  std::string path, version, province;
  Date effective_from, effective_to;
  std::vector<std::pair<std::string, std::string>> parameters;  // name, value as written back
  std::vector<std::pair<std::string, std::string>> feeds;       // name, its columns joined by ", "
  struct RuleRow {
    std::string id;
    WarningKind kind = WarningKind::kUnknown;
    std::string name_zh;
  };
  std::vector<RuleRow> rules;
};

// Loads and type-checks the policy file. NotFound when it cannot be read; InvalidArgument
// naming file:line:column (and the rule id) for every error LoadPolicyFile reports.
[[nodiscard]] StatusOr<PolicyCheckResult> CheckPolicy(const PolicyCheckRequest& request);

}  // namespace jz

#endif  // JZ_APP_SCREENING_SCREENING_REQUESTS_H_
