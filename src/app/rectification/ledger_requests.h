// The doors' view of the rectification ledger (整改台账, 对账销号 → 清零; docs/rectification.md):
// one request and one result per step — add, import, from-campaign, the six actions
// (progress, request, confirm, reject, reopen, reassign), list, show and the 清零 view — over a
// Workspace. Defaults are filled here: an undated step happens today, the scope is the
// database's province, region names come from the region table. This header includes only
// core/, io/ and app/ headers; rectification.h and problem_import.h have the state machine and
// the functions over Store& that these call.
//
// Every dated step is refused (InvalidArgument) when dated after today; an action dated before
// the problem's last entry is refused naming both dates. (Problems opened from a campaign may
// be dated before the campaign's record was created: offices enter paper campaigns late.)
//
// Thread safety: as Workspace (one thread at a time).
#ifndef JZ_APP_RECTIFICATION_LEDGER_REQUESTS_H_
#define JZ_APP_RECTIFICATION_LEDGER_REQUESTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/i18n.h"
#include "core/ledger_records.h"
#include "core/region_code.h"
#include "core/status.h"
#include "core/verification_codes.h"
#include "io/text_encoding.h"

namespace jz {

class Workspace;

struct AddedProblems {
  std::vector<int64_t> ids;  // parallel to the batch's problems
  int64_t added = 0;
  int64_t unchanged = 0;  // already in the ledger (same key): not added again
};

// ---- add ------------------------------------------------------------------------------

struct ProblemAddRequest {
  ProblemSource source = ProblemSource::kInspection;
  std::string source_ref;   // 问题来源: the inspection's name, the campaign code …
  std::string source_item;  // 问题编号 within the source, may be empty
  std::optional<RegionCode> region = std::nullopt;  // unset: the household's village
  std::string household_no;
  ProblemCategory category = ProblemCategory::kOther;
  std::string description;
  std::string lead_unit;
  std::string responsible_unit;
  std::string owner;
  std::string measure;
  Date deadline;
  std::string actor;                        // 建账人
  std::optional<Date> date = std::nullopt;  // unset: today
};

// Opens one problem; as AddProblems (rectification.h), plus InvalidArgument for a date after today.
[[nodiscard]] StatusOr<AddedProblems> AddProblem(Workspace& ws, const ProblemAddRequest& request);

// ---- import ---------------------------------------------------------------------------

struct ProblemImportError {
  std::string file;
  int64_t line = 0;   // 1-based physical line; 0 for the file as a whole
  std::string field;  // the column, as named in the file's header
  std::string value;
  std::string message;  // Bilingual
};

struct ProblemImportResult {
  int64_t rows = 0;  // problem rows read (validation reports: error findings)
  int64_t added = 0;
  int64_t unchanged = 0;  // already in the ledger
  std::vector<int64_t> ids;
  std::vector<ProblemImportError> errors;  // non-empty: nothing was stored
};

struct ProblemImportRequest {
  std::vector<std::string> paths;
  std::string actor;
  std::optional<Date> date = std::nullopt;                    // unset: today
  ProblemSource default_source = ProblemSource::kInspection;  // rows without 来源类型
  std::optional<TextEncoding> encoding = std::nullopt;        // nullopt: detect
  // Validation reports only: who answers for the data-quality problems, and by when.
  std::string responsible_unit;
  std::string owner;
  std::optional<Date> deadline = std::nullopt;
  std::string validation_ref;
  std::string error_report_path;  // when set, every error is written there (.xlsx or CSV by extension)
  Lang lang = Lang::kZhHans;      // of the error report's headers and messages
};

// Imports the files (problem_import.h). Writes the error report when asked, then fails with
// InvalidArgument summarising the errors when there are any (nothing stored).
[[nodiscard]] StatusOr<ProblemImportResult> ImportProblems(Workspace& ws,
                                                           const ProblemImportRequest& request);

// ---- from a campaign ------------------------------------------------------------------

struct ProblemsFromCampaignRequest {
  std::string campaign;          // code
  std::string responsible_unit;  // "{county}乡村振兴局" names each household's county
  std::string owner;
  std::string lead_unit;
  std::string actor;
  std::optional<Date> date = std::nullopt;  // unset: today
  int deadline_days = 30;                   // 1 .. kMaxRectificationDays
};

// See OpenProblemsFromCampaign (verification/campaign_problems.h).
[[nodiscard]] StatusOr<AddedProblems> OpenCampaignProblems(Workspace& ws,
                                                           const ProblemsFromCampaignRequest& request);

// ---- actions --------------------------------------------------------------------------

struct ProblemActionRequest {
  LedgerAction action = LedgerAction::kProgress;
  int64_t problem_id = 0;
  std::string actor;
  std::optional<Date> date = std::nullopt;  // unset: today
  std::string evidence;
  std::string note;       // progress, or the reason of a rejection or reopening
  std::string new_owner;  // reassign only
};

struct ProblemActionResult {
  Problem problem;  // after the action
};

// Applies the action (rectification.h: RecordProgress … ReassignProblem, with their refusals),
// plus InvalidArgument for a date after today.
[[nodiscard]] StatusOr<ProblemActionResult> ActOnProblem(Workspace& ws, const ProblemActionRequest& request);

// ---- list and show --------------------------------------------------------------------

struct ProblemListRequest {
  std::optional<RegionCode> scope = std::nullopt;
  std::optional<ProblemStatus> status = std::nullopt;
  bool open_only = false;  // every status but closed
  std::optional<ProblemSource> source = std::nullopt;
  bool overdue_only = false;
  std::optional<Date> as_of = std::nullopt;  // unset: today
};

struct ProblemRow {
  Problem problem;
  std::string region_name;  // "" when the region is not loaded
  bool overdue = false;     // on the list's as_of
};

struct ProblemList {
  Date as_of;
  std::vector<ProblemRow> rows;  // by id
};

[[nodiscard]] StatusOr<ProblemList> ListLedger(Workspace& ws, const ProblemListRequest& request);

struct ProblemShowRequest {
  int64_t problem_id = 0;
};

struct ProblemView {
  Problem problem;
  std::string region_name;
  std::vector<ProblemEvent> events;        // oldest first
  std::vector<LedgerAction> allowed_next;  // in the problem's status
};

// NotFound when there is no such problem.
[[nodiscard]] StatusOr<ProblemView> ShowLedgerProblem(Workspace& ws, const ProblemShowRequest& request);

// ---- the 清零 view ---------------------------------------------------------------------

// One row of the 清零 view.
struct ClearanceRow {
  RegionCode code;
  std::string name;
  // True for problems registered at a region above the view's level (e.g. a county-level
  // problem in a township view): the row is that region's own problems (本级).
  bool own_level = false;
  int64_t total = 0;
  int64_t closed = 0;
  int64_t open = 0;               // not closed: open + in_progress + closure_requested
  int64_t closure_requested = 0;  // of open: awaiting confirmation
  int64_t overdue = 0;            // of open: deadline before as_of

  // closed / total, 1 when there is no problem.
  double ClosureRate() const {
    return total == 0 ? 1.0 : static_cast<double>(closed) / static_cast<double>(total);
  }
  // 清零: no open problem.
  bool Cleared() const { return open == 0; }
};

struct ClearanceView {
  RegionCode scope;
  RegionLevel level = RegionLevel::kCounty;
  Date as_of;
  std::vector<ClearanceRow> rows;  // regions with problems, by code; own-level rows first in their branch
  ClearanceRow total;              // the whole scope
};

struct ClearanceViewRequest {
  // Unset: the database's province; when several provinces' codes are loaded, the one
  // province every problem of the ledger lies in (InvalidArgument when they span several).
  std::optional<RegionCode> scope = std::nullopt;
  RegionLevel level = RegionLevel::kCounty;
  std::optional<Date> as_of = std::nullopt;  // unset: today
};

// See ComputeClearanceView (rectification.h).
[[nodiscard]] StatusOr<ClearanceView> ViewClearance(Workspace& ws, const ClearanceViewRequest& request);

}  // namespace jz

#endif  // JZ_APP_RECTIFICATION_LEDGER_REQUESTS_H_
