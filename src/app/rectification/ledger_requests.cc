// The doors' ledger steps (ledger_requests.h): defaults, bounds and dates, then the functions
// over Store& of rectification.h, problem_import.h and verification/campaign_problems.h.
#include "app/rectification/ledger_requests.h"

#include <fmt/format.h>

#include <map>

#include "app/internal/event_dates.h"
#include "app/rectification/problem_import.h"
#include "app/rectification/rectification.h"
#include "app/verification/campaign_problems.h"
#include "app/workspace.h"
#include "core/limits.h"

namespace jz {
namespace {

constexpr StepName kOpening{"建账", "the ledger entry"};

StepName ActionStep(LedgerAction action) {
  switch (action) {
    case LedgerAction::kProgress:
      return {"整改进展", "the progress"};
    case LedgerAction::kRequest:
      return {"申请销号", "the closure request"};
    case LedgerAction::kConfirm:
      return {"确认销号", "the closure"};
    case LedgerAction::kReject:
      return {"退回", "the rejection"};
    case LedgerAction::kReopen:
      return {"重新打开", "the reopening"};
    case LedgerAction::kReassign:
      return {"更换责任人", "the reassignment"};
  }
  return {"操作", "the action"};
}

Status Apply(Store& store, const ProblemActionRequest& r, const ProblemAction& action) {
  switch (r.action) {
    case LedgerAction::kProgress:
      return RecordProgress(store, action);
    case LedgerAction::kRequest:
      return RequestClosure(store, action);
    case LedgerAction::kConfirm:
      return ConfirmClosure(store, action);
    case LedgerAction::kReject:
      return RejectClosure(store, action);
    case LedgerAction::kReopen:
      return ReopenProblem(store, action);
    case LedgerAction::kReassign:
      return ReassignProblem(store, action, r.new_owner);
  }
  return InvalidArgumentError(
      Bilingual("未知整改操作 {}", "unknown ledger action {}", static_cast<int>(r.action)));
}

// Region names by code, read once per code ("" when the region is not loaded).
class RegionNames {
 public:
  explicit RegionNames(Store& store) : store_(store) {}
  StatusOr<std::string> Of(RegionCode code) {
    auto it = names_.find(code);
    if (it != names_.end()) return it->second;
    ASSIGN_OR_RETURN(std::optional<Region> region, store_.FindRegion(code));
    return names_[code] = region ? region->name : "";
  }

 private:
  Store& store_;
  std::map<RegionCode, std::string> names_;
};

// The scope of a view without --region: the database's province. When several provinces'
// codes are loaded (china-counties.csv lists every county of the country beside one
// province's townships and villages), the province all of the ledger's problems lie in.
StatusOr<RegionCode> DefaultScope(Workspace& ws, const std::optional<RegionCode>& requested) {
  StatusOr<RegionCode> scope = ws.ScopeOr(requested);
  if (scope.ok() || scope.status().code() != StatusCode::kInvalidArgument) return scope;
  ASSIGN_OR_RETURN(std::vector<Problem> all, ws.store().ledger().ListProblems({}));
  std::optional<RegionCode> province;
  for (const Problem& p : all) {
    const RegionCode own = p.region.AtLevel(RegionLevel::kProvince);
    if (province && !(*province == own)) return scope.status();
    province = own;
  }
  if (!province) return scope.status();
  return *province;
}

}  // namespace

StatusOr<AddedProblems> AddProblem(Workspace& ws, const ProblemAddRequest& r) {
  ProblemBatch batch;
  batch.source = r.source;
  batch.source_ref = r.source_ref;
  batch.actor = r.actor;
  ASSIGN_OR_RETURN(batch.date, StepDate(r.date, ws.today(), kOpening));
  Problem p;
  if (r.region) p.region = *r.region;
  p.household_no = r.household_no;
  p.category = r.category;
  p.description = r.description;
  p.lead_unit = r.lead_unit;
  p.responsible_unit = r.responsible_unit;
  p.owner = r.owner;
  p.measure = r.measure;
  p.deadline = r.deadline;
  p.source_item = r.source_item;
  batch.problems.push_back(std::move(p));
  return AddProblems(ws.store(), std::move(batch));
}

StatusOr<ProblemImportResult> ImportProblems(Workspace& ws, const ProblemImportRequest& r) {
  ProblemImportOptions options;
  options.actor = r.actor;
  ASSIGN_OR_RETURN(options.date, StepDate(r.date, ws.today(), kOpening));
  options.default_source = r.default_source;
  options.encoding = r.encoding;
  options.responsible_unit = r.responsible_unit;
  options.owner = r.owner;
  options.deadline = r.deadline;
  options.validation_ref = r.validation_ref;
  ASSIGN_OR_RETURN(ProblemImportResult result, ImportProblemFiles(ws.store(), r.paths, options));
  if (!r.error_report_path.empty())
    RETURN_IF_ERROR(WriteProblemImportReport(result, r.error_report_path, r.lang));
  RETURN_IF_ERROR(ProblemImportStatus(result));
  return result;
}

StatusOr<AddedProblems> OpenCampaignProblems(Workspace& ws, const ProblemsFromCampaignRequest& r) {
  if (r.deadline_days < 1 || r.deadline_days > kMaxRectificationDays) {
    return InvalidArgumentError(Bilingual("--days {} 超出范围（可用 1 到 {}）",
                                          "--days {} is out of range (use 1 to {})", r.deadline_days,
                                          kMaxRectificationDays));
  }
  CampaignProblemsRequest request;
  request.campaign = r.campaign;
  request.responsible_unit = r.responsible_unit;
  request.owner = r.owner;
  request.lead_unit = r.lead_unit;
  request.actor = r.actor;
  ASSIGN_OR_RETURN(request.date, StepDate(r.date, ws.today(), kOpening));
  request.deadline_days = r.deadline_days;
  return OpenProblemsFromCampaign(ws.store(), request);
}

StatusOr<ProblemActionResult> ActOnProblem(Workspace& ws, const ProblemActionRequest& r) {
  ProblemAction action{r.problem_id, r.actor, {}, r.evidence, r.note};
  ASSIGN_OR_RETURN(action.date, StepDate(r.date, ws.today(), ActionStep(r.action)));
  RETURN_IF_ERROR(Apply(ws.store(), r, action));
  ASSIGN_OR_RETURN(ProblemDetail detail, ShowProblem(ws.store(), r.problem_id));
  return ProblemActionResult{std::move(detail.problem)};
}

StatusOr<ProblemList> ListLedger(Workspace& ws, const ProblemListRequest& r) {
  ProblemList out;
  out.as_of = r.as_of.value_or(ws.today());
  ProblemQuery query{.scope = r.scope,
                     .status = r.status,
                     .open_only = r.open_only,
                     .source = r.source,
                     .overdue_as_of = std::nullopt};
  if (r.overdue_only) query.overdue_as_of = out.as_of;
  ASSIGN_OR_RETURN(std::vector<Problem> problems, ListProblems(ws.store(), query));
  RegionNames names(ws.store());
  for (Problem& p : problems) {
    ProblemRow row;
    ASSIGN_OR_RETURN(row.region_name, names.Of(p.region));
    row.overdue = IsOverdue(p, out.as_of);
    row.problem = std::move(p);
    out.rows.push_back(std::move(row));
  }
  return out;
}

StatusOr<ProblemView> ShowLedgerProblem(Workspace& ws, const ProblemShowRequest& r) {
  ASSIGN_OR_RETURN(ProblemDetail detail, ShowProblem(ws.store(), r.problem_id));
  ProblemView out;
  RegionNames names(ws.store());
  ASSIGN_OR_RETURN(out.region_name, names.Of(detail.problem.region));
  out.allowed_next = AllowedActions(detail.problem.status);
  out.problem = std::move(detail.problem);
  out.events = std::move(detail.events);
  return out;
}

StatusOr<ClearanceView> ViewClearance(Workspace& ws, const ClearanceViewRequest& r) {
  ASSIGN_OR_RETURN(RegionCode scope, DefaultScope(ws, r.scope));
  return ComputeClearanceView(ws.store(), scope, r.level, r.as_of.value_or(ws.today()));
}

}  // namespace jz
