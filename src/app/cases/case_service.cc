// CaseService: the steps of a monitoring case and the household records beside it (cases.h).
// Guards collect every failed condition (internal/case_guards.h) and refuse once with all.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "app/cases/cases.h"
#include "app/cases/internal/case_guards.h"
#include "core/code_lists.h"
#include "core/limits.h"

namespace jz {

using cases_internal::CheckIncome;
using cases_internal::CheckLabour;
using cases_internal::CheckMoneyRange;
using cases_internal::CheckNotBefore;
using cases_internal::CheckNotFuture;
using cases_internal::CheckProcedure;
using cases_internal::CheckSecurities;
using cases_internal::CheckState;
using cases_internal::CheckStepDate;
using cases_internal::CheckTypeFits;
using cases_internal::DatePayload;
using cases_internal::Failure;
using cases_internal::Failures;
using cases_internal::JoinRisks;
using cases_internal::Refuse;
using cases_internal::RequireHousehold;
using cases_internal::RequireText;

namespace {

// InvalidArgument when a record's `date` is after `today`: only what happened is recorded.
Status RefuseFuture(Date date, Date today, std::string_view zh_what, std::string_view en_what) {
  Failures f;
  CheckNotFuture(date, today, zh_what, en_what, f);
  if (f.empty()) return OkStatus();
  return InvalidArgumentError(Bilingual(f[0].zh, f[0].en));
}

}  // namespace

Date AddMonths(Date date, int months) {
  const int index = date.year() * 12 + (date.month() - 1) + months;
  const int year = index / 12, month = index % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
  return *Date::FromYmd(year, month, std::min(date.day(), last));
}

// ---------------------------------------------------------------------------------------
// CaseService
// ---------------------------------------------------------------------------------------

Status CaseService::CheckActor() const {
  if (actor_.find_first_not_of(" \t") != std::string::npos) return OkStatus();
  return InvalidArgumentError(Bilingual("须写明操作人（--by）", "the acting person (--by) is required"));
}

StatusOr<MonitoringCase> CaseService::Load(int64_t case_id) {
  RETURN_IF_ERROR(CheckActor());
  if (case_id < 1) {
    return InvalidArgumentError(Bilingual("案件编号 {} 无效（须为正整数，见 cases list）",
                                          "invalid case id {} (a positive number, see cases list)", case_id));
  }
  ASSIGN_OR_RETURN(std::optional<MonitoringCase> c, store_.cases().FindCase(case_id));
  if (!c) {
    return NotFoundError(Bilingual("监测案件 {} 不存在", "case {} does not exist", case_id));
  }
  return std::move(*c);
}

CaseEvent CaseService::Event(CaseAction action, const MonitoringCase& from, CaseState to, Date date) const {
  CaseEvent e;
  e.case_id = from.id;
  e.action = action;
  e.from_state = from.state;
  e.to_state = to;
  e.actor = actor_;
  e.event_date = date;
  return e;
}

StatusOr<int64_t> CaseService::Open(const OpenRequest& r) {
  RETURN_IF_ERROR(CheckActor());
  Failures f;
  CheckNotFuture(r.lead_date, today_, "线索日期", "lead date", f);
  if (!f.empty()) return InvalidArgumentError(Bilingual(f[0].zh, f[0].en));
  MonitoringCase c;
  c.household_no = r.household_no;
  c.source = r.source;
  c.warning_id = r.warning_id;
  c.lead_date = r.lead_date;
  c.opened_by = actor_;
  c.evidence = r.evidence;
  CaseEvent e;
  e.action = CaseAction::kOpen;
  e.to_state = CaseState::kLead;
  e.actor = actor_;
  e.event_date = r.lead_date;
  e.evidence = r.evidence;
  e.payload = fmt::format("source={}", Label(r.source));
  return store_.cases().OpenCase(c, e);
}

Status CaseService::Verify(int64_t case_id, Date date, std::string_view evidence) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kVerify));
  Failures f;
  CheckNotFuture(date, today_, "日期", "date", f);
  CheckNotBefore(date, c.lead_date, "线索日期", "lead date", f);
  RequireText(evidence, "核实情况（--evidence）", "what the visit found (--evidence)", f);
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能核实", case_id),
                  fmt::format("case {} cannot be verified", case_id), f);
  }
  CaseTransition t{c.state, c, Event(CaseAction::kVerify, c, CaseState::kVerified, date), {}, {}, {}};
  t.updated.state = CaseState::kVerified;
  t.updated.verified_date = date;
  t.event.evidence = std::string(evidence);
  return store_.cases().ApplyTransition(t);
}

Status CaseService::Exclude(int64_t case_id, Date date, std::string_view reason) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kExclude));
  Failures f;
  CheckStepDate(c, date, today_, f);
  RequireText(reason, "不纳入的理由（--reason）", "the reason (--reason)", f);
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能作不纳入处理", case_id),
                  fmt::format("case {} cannot be excluded", case_id), f);
  }
  CaseTransition t{c.state, c, Event(CaseAction::kExclude, c, CaseState::kNotIncluded, date), {}, {}, {}};
  t.updated.state = CaseState::kNotIncluded;
  t.updated.identified_date = date;
  t.event.reason = std::string(reason);
  return store_.cases().ApplyTransition(t);
}

Status CaseService::Include(int64_t case_id, const IncludeRequest& r) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kInclude));
  ASSIGN_OR_RETURN(Household h, RequireHousehold(store_, c.household_no));
  Failures f;
  CheckStepDate(c, r.date, today_, f);
  if (!r.monitoring_type) {
    f.push_back({"缺少监测对象类型", "the monitoring type is missing"});
  } else {
    CheckTypeFits(*r.monitoring_type, h.type, f);
  }
  if (r.risks.empty()) f.push_back({"至少须有 1 个风险类别", "at least one risk category is required"});
  CheckProcedure(r.procedure, *c.verified_date, "入户核实日期", "verification date", r.date, f);
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能纳入监测", case_id),
                  fmt::format("case {} cannot be included", case_id), f);
  }

  CaseTransition t{c.state, c, Event(CaseAction::kInclude, c, CaseState::kIncluded, r.date), {}, {}, {}};
  t.updated.state = CaseState::kIncluded;
  t.updated.monitoring_type = r.monitoring_type;
  t.updated.risks = r.risks;
  t.updated.identified_date = r.date;
  t.event.evidence = r.evidence;
  t.event.appraisal_date = r.procedure.appraisal;
  t.event.notice_start = r.procedure.notice_start;
  t.event.notice_end = r.procedure.notice_end;
  t.event.approval_date = r.procedure.approval;
  const int days = r.date.days() - c.lead_date.days();
  t.event.payload =
      fmt::format("type={}; risks={}; days_from_lead={}{}", Label(*r.monitoring_type),
                  JoinRisks(r.risks, Lang::kZhHans), days, days > kIdentificationLimitDays ? "; late" : "");
  const HouseholdType type = h.type == HouseholdType::kOrdinaryFarm ? HouseholdType::kMonitored : h.type;
  t.household = HouseholdMonitoringUpdate{type, r.monitoring_type, r.date, std::nullopt};
  t.status_event = StatusEvent{c.household_no, StatusEventKind::kMonitored,        r.date, r.monitoring_type,
                               std::nullopt,   fmt::format("监测案件 {}", case_id)};
  return store_.cases().ApplyTransition(t);
}

Status CaseService::RecordMeasure(int64_t case_id, Date date, const AssistanceMeasure& m) {
  RETURN_IF_ERROR(CheckMoneyRange(m.funds, 0, kMaxMeasureFundsFen, "--funds"));
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kMeasure));
  Failures f;
  CheckStepDate(c, date, today_, f);
  if (m.start < *c.identified_date) {
    f.push_back({fmt::format("措施开始日期 {} 早于纳入监测日期 {}", m.start.ToString(),
                             c.identified_date->ToString()),
                 fmt::format("the measure starts {}, before the identification on {}", m.start.ToString(),
                             c.identified_date->ToString())});
  }
  if (m.end && *m.end < m.start) {
    f.push_back(
        {fmt::format("措施结束日期 {} 早于开始日期 {}", m.end->ToString(), m.start.ToString()),
         fmt::format("the measure ends {}, before it starts {}", m.end->ToString(), m.start.ToString())});
  }
  RequireText(m.content, "措施内容（--content）", "the measure's content (--content)", f);
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能记录帮扶措施", case_id),
                  fmt::format("case {}: measure refused", case_id), f);
  }
  CaseTransition t{c.state, c, Event(CaseAction::kMeasure, c, CaseState::kAssisting, date), {}, {}, m};
  t.updated.state = CaseState::kAssisting;
  t.measure->household_no = c.household_no;
  t.event.payload = fmt::format("kind={}; start={}; end={}; funds={}; content={}", Label(m.kind),
                                m.start.ToString(), DatePayload(m.end), m.funds.ToString(), m.content);
  return store_.cases().ApplyTransition(t);
}

StatusOr<std::vector<std::string>> CaseService::EliminationFailures(const MonitoringCase& c, Date proposal,
                                                                    Money line,
                                                                    RiskEliminationMethod method) {
  Failures f;
  ASSIGN_OR_RETURN(Household h, RequireHousehold(store_, c.household_no));
  ASSIGN_OR_RETURN(std::vector<IncomeCheck> checks, store_.cases().ListIncomeChecks(c.household_no));
  CheckIncome(checks, proposal, line, f);
  if (!c.identified_date || AddMonths(*c.identified_date, kEliminationMinMonths) > proposal) {
    const std::string since = c.identified_date ? c.identified_date->ToString() : "—";
    f.push_back({fmt::format("纳入监测（{}）至提出日 {} 不满 {} 个月", since, proposal.ToString(),
                             kEliminationMinMonths),
                 fmt::format("identified on {}, less than {} months before {}", since, kEliminationMinMonths,
                             proposal.ToString())});
  }
  if (method == RiskEliminationMethod::kByAssistance) {
    ASSIGN_OR_RETURN(std::vector<AssistanceMeasure> measures, store_.cases().ListCaseMeasures(c.id));
    const bool carried_out = std::any_of(measures.begin(), measures.end(),
                                         [&](const AssistanceMeasure& m) { return m.start <= proposal; });
    if (!carried_out) {
      f.push_back({"帮扶消除至少须已实施 1 项帮扶措施",
                   "elimination by assistance needs at least one measure carried out"});
    }
  }
  CheckSecurities(h, f);
  CheckLabour(h, proposal, f);
  std::vector<std::string> out;
  for (const Failure& x : f) out.push_back(Bilingual(x.zh, x.en));
  return out;
}

Status CaseService::Propose(int64_t case_id, const EliminationRequest& r) {
  RETURN_IF_ERROR(CheckMoneyRange(r.monitoring_line, 1, kMaxIncomePerCapitaFen, "--line"));
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kPropose));
  const RiskEliminationMethod method = r.method.value_or(RiskEliminationMethod::kByAssistance);
  Failures f;
  CheckStepDate(c, r.date, today_, f);
  ASSIGN_OR_RETURN(std::vector<std::string> failed,
                   EliminationFailures(c, r.date, r.monitoring_line, method));
  for (const std::string& x : failed) f.push_back({MessageHalf(x, false), MessageHalf(x, true)});
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能提出风险消除", case_id),
                  fmt::format("case {}: risk elimination cannot be proposed", case_id), f);
  }
  CaseTransition t{c.state, c,  Event(CaseAction::kPropose, c, CaseState::kEliminationProposed, r.date),
                   {},      {}, {}};
  t.updated.state = CaseState::kEliminationProposed;
  t.updated.proposed_date = r.date;
  t.updated.method = method;
  t.event.evidence = r.evidence;
  t.event.payload = fmt::format("method={}; monitoring_line={}", Label(method), r.monitoring_line.ToString());
  return store_.cases().ApplyTransition(t);
}

Status CaseService::Eliminate(int64_t case_id, const EliminationRequest& r) {
  RETURN_IF_ERROR(CheckMoneyRange(r.monitoring_line, 1, kMaxIncomePerCapitaFen, "--line"));
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kEliminate));
  const RiskEliminationMethod method =
      r.method.value_or(c.method.value_or(RiskEliminationMethod::kByAssistance));
  Failures f;
  CheckStepDate(c, r.date, today_, f);
  CheckProcedure(r.procedure, *c.proposed_date, "提出日期", "proposal date", r.date, f);
  ASSIGN_OR_RETURN(std::vector<std::string> failed,
                   EliminationFailures(c, *c.proposed_date, r.monitoring_line, method));
  for (const std::string& x : failed) f.push_back({MessageHalf(x, false), MessageHalf(x, true)});
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能标注风险消除", case_id),
                  fmt::format("case {} cannot be marked eliminated", case_id), f);
  }
  ASSIGN_OR_RETURN(Household h, RequireHousehold(store_, c.household_no));
  CaseTransition t{c.state, c, Event(CaseAction::kEliminate, c, CaseState::kEliminated, r.date), {}, {}, {}};
  t.updated.state = CaseState::kEliminated;
  t.updated.method = method;
  t.updated.closed_date = r.date;
  t.event.evidence = r.evidence;
  t.event.appraisal_date = r.procedure.appraisal;
  t.event.notice_start = r.procedure.notice_start;
  t.event.notice_end = r.procedure.notice_end;
  t.event.approval_date = r.procedure.approval;
  t.event.payload = fmt::format("method={}; monitoring_line={}", Label(method), r.monitoring_line.ToString());
  t.household = HouseholdMonitoringUpdate{h.type, h.monitoring_type, h.risk_identified, r.date};
  t.status_event = StatusEvent{c.household_no, StatusEventKind::kRiskEliminated,   r.date, h.monitoring_type,
                               method,         fmt::format("监测案件 {}", case_id)};
  return store_.cases().ApplyTransition(t);
}

Status CaseService::Keep(int64_t case_id, Date date, std::string_view reason) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kKeep));
  Failures f;
  CheckStepDate(c, date, today_, f);
  RequireText(reason, "继续监测的理由（--reason）", "the reason (--reason)", f);
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能转为继续监测", case_id),
                  fmt::format("case {} cannot be kept", case_id), f);
  }
  CaseTransition t{c.state, c, Event(CaseAction::kKeep, c, CaseState::kAssisting, date), {}, {}, {}};
  t.updated.state = CaseState::kAssisting;
  t.updated.proposed_date.reset();
  t.updated.method.reset();
  t.event.reason = std::string(reason);
  return store_.cases().ApplyTransition(t);
}

Status CaseService::RecordIncomeCheck(const std::string& household_no, Date date, Money per_capita,
                                      std::string_view source) {
  RETURN_IF_ERROR(CheckActor());
  RETURN_IF_ERROR(
      CheckMoneyRange(per_capita, -kMaxIncomePerCapitaFen, kMaxIncomePerCapitaFen, "--per-capita"));
  RETURN_IF_ERROR(RefuseFuture(date, today_, "收入核查日期", "income check date"));
  return store_.cases().AddIncomeCheck({household_no, date, per_capita, actor_, std::string(source)});
}

Status CaseService::RecordVisit(Visit visit) {
  RETURN_IF_ERROR(CheckActor());
  if (visit.cadre_name.empty()) visit.cadre_name = actor_;
  RETURN_IF_ERROR(RefuseFuture(visit.visit_date, today_, "走访日期", "visit date"));
  if (visit.lat_microdeg.has_value() != visit.lon_microdeg.has_value()) {
    return InvalidArgumentError(
        Bilingual("GPS 位置须同时给出纬度和经度", "a GPS point needs both latitude and longitude"));
  }
  if ((visit.lat_microdeg && std::abs(*visit.lat_microdeg) > 90'000'000) ||
      (visit.lon_microdeg && std::abs(*visit.lon_microdeg) > 180'000'000)) {
    return InvalidArgumentError(Bilingual("GPS 位置超出范围（纬度 ±90°，经度 ±180°）",
                                          "GPS point out of range (latitude ±90°, longitude ±180°)"));
  }
  visit.actor = actor_;
  return store_.cases().AddVisit(visit);
}

Status CaseService::AssignCadre(CadreAssignment assignment) {
  RETURN_IF_ERROR(CheckActor());
  if (assignment.cadre_name.empty()) {
    return InvalidArgumentError(Bilingual("须写明帮扶责任人姓名", "the cadre's name is required"));
  }
  RETURN_IF_ERROR(RefuseFuture(assignment.start, today_, "帮扶责任人指定日期", "assignment date"));
  if (assignment.end && *assignment.end < assignment.start) {
    return InvalidArgumentError(Bilingual("帮扶结束日期 {} 早于开始日期 {}",
                                          "the assignment ends {}, before it starts {}",
                                          assignment.end->ToString(), assignment.start.ToString()));
  }
  return store_.cases().AssignCadre(assignment);
}

}  // namespace jz
