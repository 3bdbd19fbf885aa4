// Use cases of the rectification ledger (整改台账, 对账销号, DOMAIN §5.1): open problems in
// batches from any source, record progress, request and confirm closure (销号), reject or
// reopen, and the 清零 view — per region, how many problems were found, closed, are still
// open and overdue, and whether the region is cleared.
//
// The state machine (ledger_store.h): 待整改 open → 整改中 in_progress → 申请销号
// closure_requested → 已销号 closed, with reject (back to in_progress) and reopen (closed
// back to open). A closure is confirmed (or rejected) only by someone who is neither the
// problem's owner (责任人) nor the person who requested it. Every refusal is
// FailedPrecondition or InvalidArgument, names what failed and lists the allowed next steps.
//
// Labels and parsing of the statuses, sources and categories are the code lists of
// core/verification_codes.h. The doors call ledger_requests.h. Nothing here prints. Thread safety: as the
// Store.
#ifndef JZ_APP_RECTIFICATION_RECTIFICATION_H_
#define JZ_APP_RECTIFICATION_RECTIFICATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/rectification/ledger_requests.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/region_code.h"
#include "core/status.h"
#include "core/verification_codes.h"
#include "store/store.h"

namespace jz {

// The idempotency key of a problem: "<source>|<source_ref>|#<source_item>" when the source
// numbers its items, else "<source>|<source_ref>|h<hash>" with a 64-bit FNV-1a hash of
// region, household, category and description. Owner, measure and deadline are left out
// on purpose: correcting them in a spreadsheet and importing it again must not open a
// second problem.
std::string ProblemKey(const Problem& problem);

// A batch of new problems from one source, e.g. the discrepancies of one campaign, the
// findings of one inspection, or one import file.
struct ProblemBatch {
  ProblemSource source = ProblemSource::kInspection;
  std::string source_ref;  // e.g. the campaign code or the inspection's name
  std::string actor;       // who opens the ledger entries (建账)
  Date date;               // when
  // Each problem's source, source_ref, created_by, created_at and status are set from the
  // batch; its key is computed with ProblemKey() when empty. A problem with no region but
  // a household takes the household's village.
  std::vector<Problem> problems;
};

// Checks every problem (description, responsible unit, owner present; region loaded;
// household registered and inside the region) and stores the batch in one transaction.
// Fails with InvalidArgument listing every bad problem (its 1-based index and field), and
// stores nothing, when any is bad.
StatusOr<AddedProblems> AddProblems(Store& store, ProblemBatch batch);

// The problems of `batch` that fail the checks of AddProblems, without storing anything:
// one message per (problem, field), each Bilingual, naming the field and value. The
// importer uses it to report a whole file at once. `batch` problems are completed as
// AddProblems would (region from the household).
struct ProblemFieldError {
  size_t index = 0;   // into batch.problems
  std::string field;  // the Problem field: "region", "household_no", "description", …
  std::string value;
  std::string message;
};
StatusOr<std::vector<ProblemFieldError>> CheckProblems(Store& store, ProblemBatch& batch);

// One action on one problem. `note` is the description of progress, or the reason of a
// rejection or reopening.
struct ProblemAction {
  int64_t problem_id = 0;
  std::string actor;
  Date date;
  std::string evidence;
  std::string note;
};

// open | in_progress → in_progress. REQUIRES evidence (what shows the progress).
Status RecordProgress(Store& store, const ProblemAction& action);
// open | in_progress → closure_requested. REQUIRES evidence.
Status RequestClosure(Store& store, const ProblemAction& action);
// closure_requested → closed, by someone who is neither the owner nor the requester.
Status ConfirmClosure(Store& store, const ProblemAction& action);
// closure_requested → in_progress with a reason (note), by someone who is neither the
// owner nor the requester.
Status RejectClosure(Store& store, const ProblemAction& action);
// closed → open (复查发现未整改到位) with a reason (note).
Status ReopenProblem(Store& store, const ProblemAction& action);
// Any state but closed: the owner becomes `new_owner` (note: why).
Status ReassignProblem(Store& store, const ProblemAction& action, std::string_view new_owner);

// Every refusal above fails with: NotFound (no such problem); InvalidArgument (actor empty,
// evidence or reason missing, date before the problem's last event); FailedPrecondition
// (the action is not allowed in the current status, or the closure guard) — the message
// names the status and the allowed next steps; Aborted when someone changed the problem
// meanwhile.

// The next actions allowed in `status`: e.g. progress, request and reassign for open.
std::vector<LedgerAction> AllowedActions(ProblemStatus status);

// Whether `problem` is overdue on `as_of`: not closed and its deadline is before as_of.
bool IsOverdue(const Problem& problem, Date as_of);

struct ProblemQuery {
  std::optional<RegionCode> scope = std::nullopt;
  std::optional<ProblemStatus> status = std::nullopt;
  bool open_only = false;  // every status but closed
  std::optional<ProblemSource> source = std::nullopt;
  std::optional<Date> overdue_as_of = std::nullopt;  // only problems overdue on this date
};
StatusOr<std::vector<Problem>> ListProblems(Store& store, const ProblemQuery& query);

struct ProblemDetail {
  Problem problem;
  std::vector<ProblemEvent> events;
};
// NotFound when there is no problem `id`.
StatusOr<ProblemDetail> ShowProblem(Store& store, int64_t id);

// Rolls the problems inside `scope` up to the regions at `level` by code prefix, with
// names from the region table. InvalidArgument when `level` is above `scope`'s level.
StatusOr<ClearanceView> ComputeClearanceView(Store& store, RegionCode scope, RegionLevel level, Date as_of);

}  // namespace jz

#endif  // JZ_APP_RECTIFICATION_RECTIFICATION_H_
