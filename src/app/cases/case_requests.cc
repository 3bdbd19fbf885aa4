// The door-facing case use cases (case_requests.h): each fills its defaults from the
// Workspace (today, the province), checks what a door could get wrong whatever the state
// (ids, bounds, dates after today, the period's form) and runs the state machine of cases.h.
#include "app/cases/case_requests.h"

#include <fmt/format.h>

#include "app/cases/cases.h"
#include "app/cases/internal/case_guards.h"
#include "core/limits.h"

namespace jz {
namespace {

// The case's state after a step dated `date`.
StatusOr<CaseStepResult> StepResult(Store& store, int64_t case_id, Date date) {
  ASSIGN_OR_RETURN(std::optional<MonitoringCase> c, store.cases().FindCase(case_id));
  if (!c) return InternalError(fmt::format("case {} vanished after its step", case_id));
  return CaseStepResult{c->id, c->state, date};
}

// The monitoring line: the request's, else the policy's money parameter monitoring_line.
StatusOr<Money> MonitoringLine(const std::optional<Money>& line,
                               const std::optional<std::string>& policy_path) {
  if (line) return *line;
  if (!policy_path) {
    return InvalidArgumentError(
        Bilingual("请用 --line 或 --policy 给出监测线", "give the monitoring line with --line or --policy"));
  }
  ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(*policy_path));
  auto it = policy.parameters.find("monitoring_line");
  if (it == policy.parameters.end() || it->second.type.kind != ValueKind::kMoney) {
    return InvalidArgumentError(Bilingual("政策文件 {} 没有金额参数 monitoring_line",
                                          "policy {} has no money parameter monitoring_line", *policy_path));
  }
  return Money::FromFen(it->second.number.num / it->second.number.den);
}

// The internal request of Propose and Eliminate. `R` is ProposeEliminationRequest or
// EliminateRiskRequest.
template <typename R>
StatusOr<EliminationRequest> ToElimination(const R& r) {
  EliminationRequest out;
  out.date = r.date;
  out.method = r.method;
  ASSIGN_OR_RETURN(out.monitoring_line, MonitoringLine(r.monitoring_line, r.policy_path));
  out.evidence = r.evidence;
  return out;
}

Status CheckCaseId(int64_t case_id) {
  if (case_id >= 1) return OkStatus();
  return InvalidArgumentError(Bilingual("案件编号 {} 无效（须为正整数，见 cases list）",
                                        "invalid case id {} (a positive number, see cases list)", case_id));
}

// `requested` or `fallback`, within 0..kMaxCaseListDays.
StatusOr<int> ListDays(std::optional<int> requested, int fallback) {
  const int days = requested.value_or(fallback);
  if (days >= 0 && days <= kMaxCaseListDays) return days;
  return InvalidArgumentError(Bilingual("--days {} 超出范围（可用 0 至 {}）",
                                        "--days {} is out of range (0 to {})", days, kMaxCaseListDays));
}

}  // namespace

StatusOr<CaseStepResult> OpenCase(Workspace& ws, const OpenCaseRequest& r) {
  CaseService service(ws.store(), r.actor, ws.today());
  ASSIGN_OR_RETURN(int64_t id, service.Open({r.household_no, r.source, r.date, r.evidence, std::nullopt}));
  return StepResult(ws.store(), id, r.date);
}

StatusOr<LeadsFromWarningsResult> OpenLeadsFromWarnings(Workspace& ws, const LeadsFromWarningsRequest& r) {
  LeadsFromWarningsResult out;
  ASSIGN_OR_RETURN(out.period, ParsePeriod(r.period));
  ASSIGN_OR_RETURN(out.scope, ws.ScopeOr(r.scope));
  if (r.actor.find_first_not_of(" \t") == std::string::npos) {
    return InvalidArgumentError(Bilingual("须写明操作人（--by）", "the acting person (--by) is required"));
  }
  cases_internal::Failures f;
  cases_internal::CheckNotFuture(r.date, ws.today(), "线索日期", "lead date", f);
  if (!f.empty()) return InvalidArgumentError(Bilingual(f[0].zh, f[0].en));
  std::optional<std::set<std::string>> lead_rules;
  if (r.policy_path) {
    ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(*r.policy_path));
    lead_rules = LeadRulesOf(policy);
  }
  ASSIGN_OR_RETURN(out.leads, OpenCasesFromWarnings(ws.store(), out.scope, out.period, r.date, r.actor,
                                                    lead_rules ? &*lead_rules : nullptr));
  return out;
}

StatusOr<CaseStepResult> VerifyCase(Workspace& ws, const VerifyCaseRequest& r) {
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).Verify(r.case_id, r.date, r.evidence));
  return StepResult(ws.store(), r.case_id, r.date);
}

StatusOr<CaseStepResult> ExcludeCase(Workspace& ws, const ExcludeCaseRequest& r) {
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).Exclude(r.case_id, r.date, r.reason));
  return StepResult(ws.store(), r.case_id, r.date);
}

StatusOr<CaseStepResult> KeepMonitoring(Workspace& ws, const KeepMonitoringRequest& r) {
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).Keep(r.case_id, r.date, r.reason));
  return StepResult(ws.store(), r.case_id, r.date);
}

StatusOr<CaseStepResult> IncludeCase(Workspace& ws, const IncludeCaseRequest& r) {
  const IncludeRequest include{r.date, r.monitoring_type, r.risks, r.procedure, r.evidence};
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).Include(r.case_id, include));
  return StepResult(ws.store(), r.case_id, r.date);
}

StatusOr<CaseStepResult> RecordCaseMeasure(Workspace& ws, const CaseMeasureRequest& r) {
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).RecordMeasure(r.case_id, r.date, r.measure));
  return StepResult(ws.store(), r.case_id, r.date);
}

StatusOr<CaseStepResult> ProposeElimination(Workspace& ws, const ProposeEliminationRequest& r) {
  ASSIGN_OR_RETURN(EliminationRequest elimination, ToElimination(r));
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).Propose(r.case_id, elimination));
  return StepResult(ws.store(), r.case_id, r.date);
}

StatusOr<CaseStepResult> EliminateRisk(Workspace& ws, const EliminateRiskRequest& r) {
  ASSIGN_OR_RETURN(EliminationRequest elimination, ToElimination(r));
  elimination.procedure = r.procedure;
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).Eliminate(r.case_id, elimination));
  return StepResult(ws.store(), r.case_id, r.date);
}

StatusOr<HouseholdRecordResult> RecordIncome(Workspace& ws, const IncomeCheckRequest& r) {
  CaseService service(ws.store(), r.actor, ws.today());
  RETURN_IF_ERROR(service.RecordIncomeCheck(r.household_no, r.date, r.per_capita, r.source));
  return HouseholdRecordResult{r.household_no, r.date};
}

StatusOr<HouseholdRecordResult> RecordCaseVisit(Workspace& ws, const VisitRequest& r) {
  Visit v;
  v.household_no = r.household_no;
  v.cadre_name = r.cadre;
  v.visit_date = r.date;
  v.mode = r.mode;
  v.notes = r.notes;
  ASSIGN_OR_RETURN(v.lat_microdeg, ParseMicrodegrees("--lat", r.latitude));
  ASSIGN_OR_RETURN(v.lon_microdeg, ParseMicrodegrees("--lon", r.longitude));
  v.photo_ref = r.photo_ref;
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).RecordVisit(v));
  return HouseholdRecordResult{r.household_no, r.date};
}

StatusOr<HouseholdRecordResult> AssignHouseholdCadre(Workspace& ws, const CadreRequest& r) {
  const CadreAssignment a{r.household_no, r.cadre_name, r.unit, r.position, r.phone, r.date, std::nullopt};
  RETURN_IF_ERROR(CaseService(ws.store(), r.actor, ws.today()).AssignCadre(a));
  return HouseholdRecordResult{r.household_no, r.date};
}

StatusOr<std::optional<int64_t>> ParseMicrodegrees(std::string_view field, std::string_view text) {
  if (text.empty()) return std::optional<int64_t>();
  const bool negative = text.front() == '-';
  std::string_view rest = negative ? text.substr(1) : text;
  const size_t dot = rest.find('.');
  const std::string_view whole = rest.substr(0, dot);
  const std::string_view decimals = dot == std::string_view::npos ? "" : rest.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (whole.empty() || whole.size() > 3 || decimals.size() > 6 || !digits(whole) || !digits(decimals)) {
    return InvalidArgumentError(Bilingual("{} {} 不是度数（如 43.312345，最多 6 位小数）",
                                          "{} {} is not degrees (e.g. 43.312345, at most 6 decimals)", field,
                                          text));
  }
  int64_t value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  value *= 1'000'000;
  int64_t scale = 100'000;
  for (char c : decimals) {
    value += (c - '0') * scale;
    scale /= 10;
  }
  return std::optional<int64_t>(negative ? -value : value);
}

StatusOr<ListCasesResult> ListMonitoringCases(Workspace& ws, const ListCasesRequest& r) {
  ListCasesResult out;
  ASSIGN_OR_RETURN(out.scope, ws.ScopeOr(r.scope));
  CaseFilter filter;
  filter.scope = out.scope;
  filter.state = r.state;
  ASSIGN_OR_RETURN(out.cases, ws.store().cases().ListCases(filter));
  return out;
}

StatusOr<CaseDetail> ShowCase(Workspace& ws, const ShowCaseRequest& r) {
  RETURN_IF_ERROR(CheckCaseId(r.case_id));
  return LoadCaseDetail(ws.store(), r.case_id);
}

StatusOr<CaseNoticeResult> CaseNotice(Workspace& ws, const CaseNoticeRequest& r) {
  RETURN_IF_ERROR(CheckCaseId(r.case_id));
  CaseNoticeResult out;
  ASSIGN_OR_RETURN(out.text, PublicNoticeText(ws.store(), r.case_id));
  return out;
}

StatusOr<OverdueResult> ListOverdue(Workspace& ws, const OverdueRequest& r) {
  OverdueResult out;
  ASSIGN_OR_RETURN(out.scope, ws.ScopeOr(r.scope));
  ASSIGN_OR_RETURN(out.days, ListDays(r.days, kIdentificationLimitDays));
  out.as_of = r.as_of.value_or(ws.today());
  ASSIGN_OR_RETURN(out.cases, ListOverdueCases(ws.store(), out.scope, out.as_of, out.days));
  return out;
}

StatusOr<CaseSummaryResult> SummarizeMonitoringCases(Workspace& ws, const CaseSummaryRequest& r) {
  CaseSummaryResult out;
  ASSIGN_OR_RETURN(RegionCode scope, ws.ScopeOr(r.scope));
  ASSIGN_OR_RETURN(out.days, ListDays(r.days, kIdentificationLimitDays));
  out.as_of = r.as_of.value_or(ws.today());
  ASSIGN_OR_RETURN(out.summary, SummarizeCases(ws.store(), scope, r.level, out.as_of, out.days));
  return out;
}

StatusOr<UnvisitedResult> ListUnvisitedHouseholds(Workspace& ws, const UnvisitedRequest& r) {
  UnvisitedResult out;
  ASSIGN_OR_RETURN(out.scope, ws.ScopeOr(r.scope));
  ASSIGN_OR_RETURN(out.days, ListDays(r.days, kDefaultUnvisitedDays));
  out.as_of = r.as_of.value_or(ws.today());
  ASSIGN_OR_RETURN(out.households, ListUnvisited(ws.store(), out.scope, out.as_of, out.days));
  return out;
}

}  // namespace jz
