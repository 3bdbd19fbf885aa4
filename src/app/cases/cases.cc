// The monitoring-case state machine and its reports (see cases.h). Guards collect every
// failed condition as a (zh-Hans, English) pair and refuse once with all of them.
#include "app/cases/cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>

#include "core/code_lists.h"

namespace jz {
namespace {

// One failed condition, in both languages.
struct Failure {
  std::string zh;
  std::string en;
};
using Failures = std::vector<Failure>;

Status Refuse(std::string_view zh_head, std::string_view en_head, const Failures& failures) {
  std::string zh(zh_head), en(en_head);
  for (size_t i = 0; i < failures.size(); ++i) {
    zh += fmt::format("{}（{}）{}", i == 0 ? "：" : "；", i + 1, failures[i].zh);
    en += fmt::format("{}({}) {}", i == 0 ? ": " : "; ", i + 1, failures[i].en);
  }
  return FailedPreconditionError(Bilingual(zh, en));
}

struct CodeName {
  int code;
  std::string_view name;  // the CLI's English name
  std::string_view zh;
  std::string_view en;
};

constexpr std::array<CodeName, 7> kStates = {{
    {1, "lead", "线索", "lead"},
    {2, "verified", "已核实", "verified"},
    {3, "not_included", "不纳入", "not included"},
    {4, "included", "已纳入", "included"},
    {5, "assisting", "帮扶中", "assisting"},
    {6, "elimination_proposed", "风险消除已提出", "elimination proposed"},
    {7, "eliminated", "已消除", "eliminated"},
}};
constexpr std::array<CodeName, 3> kSources = {{
    {1, "screening", "部门筛查预警", "screening"},
    {2, "visit", "干部排查", "cadre visit"},
    {3, "application", "农户申报", "household application"},
}};
constexpr std::array<CodeName, 8> kActions = {{
    {1, "open", "登记线索", "open"},
    {2, "verify", "入户核实", "verify"},
    {3, "exclude", "不纳入", "exclude"},
    {4, "include", "纳入监测", "include"},
    {5, "measure", "记录帮扶措施", "record measure"},
    {6, "propose", "提出风险消除", "propose elimination"},
    {7, "eliminate", "标注风险消除", "eliminate"},
    {8, "keep", "继续监测", "keep monitoring"},
}};
constexpr std::array<CodeName, 4> kModes = {{
    {1, "in-person", "入户", "in person"},
    {2, "phone", "电话", "phone"},
    {3, "video", "视频", "video"},
    {99, "other", "其他", "other"},
}};

template <size_t N>
std::string LabelOf(const std::array<CodeName, N>& table, int code, Lang lang) {
  for (const CodeName& row : table) {
    if (row.code != code) continue;
    if (lang == Lang::kEn) return std::string(row.en);
    return lang == Lang::kZhHant ? ToTraditional(row.zh) : std::string(row.zh);
  }
  return std::to_string(code);
}

template <typename E, size_t N>
StatusOr<E> ParseName(const std::array<CodeName, N>& table, std::string_view text, std::string_view what) {
  std::string accepted;
  for (const CodeName& row : table) {
    if (text == row.name || text == row.zh || text == row.en) return static_cast<E>(row.code);
    accepted += fmt::format("{}{} ({})", accepted.empty() ? "" : ", ", row.name, row.zh);
  }
  return InvalidArgumentError(Bilingual(fmt::format("{} 的值 {} 无效，可用：{}", what, text, accepted),
                                        fmt::format("invalid {} {}; accepted: {}", what, text, accepted)));
}

std::string Zh(CaseState s) { return CaseStateLabel(s, Lang::kZhHans); }
std::string En(CaseState s) { return CaseStateLabel(s, Lang::kEn); }

// The steps allowed from each state.
std::vector<CaseAction> AllowedActions(CaseState state) {
  switch (state) {
    case CaseState::kLead: return {CaseAction::kVerify};
    case CaseState::kVerified: return {CaseAction::kInclude, CaseAction::kExclude};
    case CaseState::kIncluded: return {CaseAction::kMeasure};
    case CaseState::kAssisting: return {CaseAction::kMeasure, CaseAction::kPropose};
    case CaseState::kEliminationProposed: return {CaseAction::kEliminate, CaseAction::kKeep};
    case CaseState::kNotIncluded:
    case CaseState::kEliminated: return {};
  }
  return {};
}

Status CheckState(const MonitoringCase& c, CaseAction action) {
  const std::vector<CaseAction> allowed = AllowedActions(c.state);
  if (std::find(allowed.begin(), allowed.end(), action) != allowed.end()) return OkStatus();
  std::string zh_next, en_next;
  for (CaseAction a : allowed) {
    zh_next += (zh_next.empty() ? "" : "、") + CaseActionLabel(a, Lang::kZhHans);
    en_next += (en_next.empty() ? "" : ", ") + CaseActionLabel(a, Lang::kEn);
  }
  if (zh_next.empty()) {
    zh_next = "无（已结案）";
    en_next = "none (the case is closed)";
  }
  return FailedPreconditionError(Bilingual(
      fmt::format("案件 {} 当前状态为「{}」，不能{}；可进行的操作：{}", c.id, Zh(c.state),
                  CaseActionLabel(action, Lang::kZhHans), zh_next),
      fmt::format("case {} is {}, so it cannot {}; allowed next steps: {}", c.id, En(c.state),
                  CaseActionLabel(action, Lang::kEn), en_next)));
}

// The latest date already recorded on the case: a step may not be dated before it.
Date LatestDate(const MonitoringCase& c) {
  Date latest = c.lead_date;
  for (const std::optional<Date>& d : {c.verified_date, c.identified_date, c.proposed_date, c.closed_date}) {
    if (d && *d > latest) latest = *d;
  }
  return latest;
}

void CheckNotBefore(Date date, Date earliest, std::string_view zh_what, std::string_view en_what, Failures& f) {
  if (date >= earliest) return;
  f.push_back({fmt::format("日期 {} 早于{} {}", date.ToString(), zh_what, earliest.ToString()),
               fmt::format("date {} is before the {} {}", date.ToString(), en_what, earliest.ToString())});
}

void RequireText(std::string_view text, std::string_view zh_what, std::string_view en_what, Failures& f) {
  if (text.find_first_not_of(" \t") != std::string_view::npos) return;
  f.push_back({fmt::format("须填写{}", zh_what), fmt::format("{} is required", en_what)});
}

// Appraisal, notice of at least kMinNoticeDays starting on or after it, county approval
// after the notice, and the step's date on or after the approval.
void CheckProcedure(const ProcedureDates& p, Date not_before, std::string_view zh_after, std::string_view en_after,
                    Date step_date, Failures& f) {
  if (!p.appraisal) {
    f.push_back({"缺少民主评议日期", "the village appraisal (民主评议) date is missing"});
  } else if (*p.appraisal < not_before) {
    f.push_back({fmt::format("民主评议日期 {} 早于{} {}", p.appraisal->ToString(), zh_after, not_before.ToString()),
                 fmt::format("the appraisal date {} is before the {} {}", p.appraisal->ToString(), en_after,
                             not_before.ToString())});
  }
  if (!p.notice_start || !p.notice_end) {
    f.push_back({"缺少公示起止日期", "the public notice start or end date is missing"});
  } else {
    const int days = p.notice_end->days() - p.notice_start->days() + 1;
    if (days < kMinNoticeDays) {
      f.push_back({fmt::format("公示期 {} 至 {} 共 {} 天，少于 {} 天", p.notice_start->ToString(),
                               p.notice_end->ToString(), std::max(days, 0), kMinNoticeDays),
                   fmt::format("the public notice {} to {} runs {} days, fewer than {}", p.notice_start->ToString(),
                               p.notice_end->ToString(), std::max(days, 0), kMinNoticeDays)});
    }
    if (p.appraisal && *p.notice_start < *p.appraisal) {
      f.push_back({fmt::format("公示开始日期 {} 早于民主评议日期 {}", p.notice_start->ToString(), p.appraisal->ToString()),
                   fmt::format("the notice starts {}, before the appraisal on {}", p.notice_start->ToString(),
                               p.appraisal->ToString())});
    }
  }
  if (!p.approval) {
    f.push_back({"缺少县级审定日期", "the county approval date is missing"});
    return;
  }
  if (p.notice_end && *p.approval <= *p.notice_end) {
    f.push_back({fmt::format("县级审定日期 {} 不在公示期结束（{}）之后", p.approval->ToString(), p.notice_end->ToString()),
                 fmt::format("the county approval {} is not after the notice ended ({})", p.approval->ToString(),
                             p.notice_end->ToString())});
  }
  if (step_date < *p.approval) {
    f.push_back({fmt::format("日期 {} 早于县级审定日期 {}", step_date.ToString(), p.approval->ToString()),
                 fmt::format("the date {} is before the county approval {}", step_date.ToString(),
                             p.approval->ToString())});
  }
}

void CheckTypeFits(MonitoringType type, HouseholdType household, Failures& f) {
  const bool exited = household == HouseholdType::kExited;
  if (type == MonitoringType::kUnstableExited && !exited) {
    f.push_back({fmt::format("脱贫不稳定户须为脱贫户，该户户类型为{}", Label(household)),
                 fmt::format("an unstable exited household must be an exited household; this one is {}",
                             Label(household, Lang::kEn))});
  }
  if (type == MonitoringType::kMarginal && (exited || household == HouseholdType::kPoor)) {
    f.push_back({fmt::format("边缘易致贫户须为一般农户，该户户类型为{}", Label(household)),
                 fmt::format("a marginal household must be an ordinary farm household; this one is {}",
                             Label(household, Lang::kEn))});
  }
}

std::string JoinRisks(const std::vector<RiskCategory>& risks, Lang lang) {
  std::string out;
  for (RiskCategory r : risks) out += (out.empty() ? "" : (lang == Lang::kEn ? ", " : "、")) + std::string(Label(r, lang));
  return out;
}

// (a) income stably above the line for kEliminationMinMonths before `proposal`.
void CheckIncome(const std::vector<IncomeCheck>& checks, Date proposal, Money line, Failures& f) {
  const Date window_start = AddMonths(proposal, -kEliminationMinMonths);
  std::optional<Date> anchor;
  for (const IncomeCheck& c : checks) {
    if (c.check_date <= window_start) anchor = c.check_date;  // checks are in date order
  }
  if (!anchor) {
    f.push_back({fmt::format("收入：没有 {} 或更早的收入核查（须有提出日前 {} 个月以上的记录证明收入连续稳定）",
                             window_start.ToString(), kEliminationMinMonths),
                 fmt::format("income: no income check on or before {} (a check at least {} months before the "
                             "proposal is needed to show stable income)", window_start.ToString(),
                             kEliminationMinMonths)});
  }
  std::string zh_low, en_low;
  const Date from = anchor ? *anchor : window_start;
  for (const IncomeCheck& c : checks) {
    if (c.check_date < from || c.check_date > proposal || c.net_income_per_capita > line) continue;
    zh_low += fmt::format("{}{} 为 {} 元", zh_low.empty() ? "" : "、", c.check_date.ToString(),
                          c.net_income_per_capita.ToString());
    en_low += fmt::format("{}{} on {}", en_low.empty() ? "" : ", ", c.net_income_per_capita.ToString(),
                          c.check_date.ToString());
  }
  if (zh_low.empty()) return;
  f.push_back({fmt::format("收入：近 {} 个月内人均纯收入未持续高于监测线 {} 元（{}）", kEliminationMinMonths,
                           line.ToString(), zh_low),
               fmt::format("income: per-capita net income not above the monitoring line {} yuan throughout the "
                           "last {} months ({})", line.ToString(), kEliminationMinMonths, en_low)});
}

// (d) 三保障 and drinking water in the latest data year.
void CheckSecurities(const Household& h, Failures& f) {
  if (h.years.empty()) {
    f.push_back({"三保障和饮水安全：该户没有年度数据，无法确认", "三保障 and water: the household has no yearly data"});
    return;
  }
  const HouseholdYear& y = *std::max_element(h.years.begin(), h.years.end(), [](const auto& a, const auto& b) {
    return a.data_year < b.data_year;
  });
  std::string zh, en;
  auto add = [&](bool ok, std::string_view z, std::string_view e) {
    if (ok) return;
    zh += fmt::format("{}{}", zh.empty() ? "" : "、", z);
    en += fmt::format("{}{}", en.empty() ? "" : ", ", e);
  };
  add(y.compulsory_education_secured, "义务教育", "compulsory education");
  add(y.basic_medical_secured, "基本医疗", "basic medical care");
  add(y.housing_secure, "住房安全", "housing safety");
  add(y.safe_drinking_water, "饮水安全", "safe drinking water");
  if (zh.empty()) return;
  f.push_back({fmt::format("三保障和饮水安全：{} 年度{}未保障", y.data_year, zh),
               fmt::format("三保障 and water: {} not secured in {}", en, y.data_year)});
}

// (e) 整户无劳动力: nobody of working age with labour capacity on `on`.
void CheckLabour(const Household& h, Date on, Failures& f) {
  for (const Person& p : h.members) {
    const int age = p.birth_date.AgeOn(on);
    if (p.labour_skill && CanWork(*p.labour_skill) && age >= kWorkingAgeFrom && age <= kWorkingAgeTo) return;
  }
  f.push_back({fmt::format("整户无劳动力（没有 {}-{} 岁有劳动能力的成员），不标注风险消除，继续跟踪", kWorkingAgeFrom,
                           kWorkingAgeTo),
               fmt::format("the whole household is without labour capacity (no member aged {}-{} able to work); "
                           "it is not marked eliminated but stays under monitoring", kWorkingAgeFrom, kWorkingAgeTo)});
}

StatusOr<Household> RequireHousehold(Store& store, const std::string& household_no) {
  ASSIGN_OR_RETURN(std::optional<Household> h, store.FindHousehold(household_no));
  if (!h) {
    return NotFoundError(Bilingual(fmt::format("户编号 {} 不存在", household_no),
                                   fmt::format("household {} does not exist", household_no)));
  }
  return std::move(*h);
}

CaseFilter InScope(RegionCode scope) {
  CaseFilter f;
  f.scope = scope;
  return f;
}

CaseFilter OfHousehold(const std::string& household_no) {
  CaseFilter f;
  f.household_no = household_no;
  return f;
}

std::string DatePayload(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

}  // namespace

std::string CaseStateLabel(CaseState state, Lang lang) { return LabelOf(kStates, static_cast<int>(state), lang); }
std::string CaseSourceLabel(CaseSource source, Lang lang) { return LabelOf(kSources, static_cast<int>(source), lang); }
std::string CaseActionLabel(CaseAction action, Lang lang) { return LabelOf(kActions, static_cast<int>(action), lang); }
std::string VisitModeLabel(VisitMode mode, Lang lang) { return LabelOf(kModes, static_cast<int>(mode), lang); }
StatusOr<CaseSource> ParseCaseSource(std::string_view text) { return ParseName<CaseSource>(kSources, text, "--source"); }
StatusOr<CaseState> ParseCaseState(std::string_view text) { return ParseName<CaseState>(kStates, text, "--state"); }
StatusOr<VisitMode> ParseVisitMode(std::string_view text) { return ParseName<VisitMode>(kModes, text, "--mode"); }

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
  ASSIGN_OR_RETURN(std::optional<MonitoringCase> c, store_.cases().FindCase(case_id));
  if (!c) {
    return NotFoundError(Bilingual(fmt::format("监测案件 {} 不存在", case_id), fmt::format("case {} does not exist", case_id)));
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
  e.payload = fmt::format("source={}", CaseSourceLabel(r.source));
  return store_.cases().OpenCase(c, e);
}

Status CaseService::Verify(int64_t case_id, Date date, std::string_view evidence) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kVerify));
  Failures f;
  CheckNotBefore(date, c.lead_date, "线索日期", "lead date", f);
  RequireText(evidence, "核实情况（--evidence）", "what the visit found (--evidence)", f);
  if (!f.empty()) return Refuse(fmt::format("案件 {} 不能核实", case_id), fmt::format("case {} cannot be verified", case_id), f);
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
  CheckNotBefore(date, LatestDate(c), "上一步的日期", "previous step's date", f);
  RequireText(reason, "不纳入的理由（--reason）", "the reason (--reason)", f);
  if (!f.empty()) return Refuse(fmt::format("案件 {} 不能作不纳入处理", case_id), fmt::format("case {} cannot be excluded", case_id), f);
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
  if (!r.monitoring_type) {
    f.push_back({"缺少监测对象类型", "the monitoring type is missing"});
  } else {
    CheckTypeFits(*r.monitoring_type, h.type, f);
  }
  if (r.risks.empty()) f.push_back({"至少须有 1 个风险类别", "at least one risk category is required"});
  CheckProcedure(r.procedure, *c.verified_date, "入户核实日期", "verification date", r.date, f);
  if (!f.empty()) return Refuse(fmt::format("案件 {} 不能纳入监测", case_id), fmt::format("case {} cannot be included", case_id), f);

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
  t.event.payload = fmt::format("type={}; risks={}; days_from_lead={}{}", Label(*r.monitoring_type),
                                JoinRisks(r.risks, Lang::kZhHans), days, days > kIdentificationLimitDays ? "; late" : "");
  const HouseholdType type = h.type == HouseholdType::kOrdinaryFarm ? HouseholdType::kMonitored : h.type;
  t.household = HouseholdMonitoringUpdate{type, r.monitoring_type, r.date, std::nullopt};
  t.status_event = StatusEvent{c.household_no, StatusEventKind::kMonitored, r.date, r.monitoring_type, std::nullopt,
                               fmt::format("监测案件 {}", case_id)};
  return store_.cases().ApplyTransition(t);
}

Status CaseService::RecordMeasure(int64_t case_id, Date date, const AssistanceMeasure& m) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kMeasure));
  Failures f;
  CheckNotBefore(date, LatestDate(c), "上一步的日期", "previous step's date", f);
  if (m.start < *c.identified_date) {
    f.push_back({fmt::format("措施开始日期 {} 早于纳入监测日期 {}", m.start.ToString(), c.identified_date->ToString()),
                 fmt::format("the measure starts {}, before the identification on {}", m.start.ToString(),
                             c.identified_date->ToString())});
  }
  if (m.end && *m.end < m.start) {
    f.push_back({fmt::format("措施结束日期 {} 早于开始日期 {}", m.end->ToString(), m.start.ToString()),
                 fmt::format("the measure ends {}, before it starts {}", m.end->ToString(), m.start.ToString())});
  }
  RequireText(m.content, "措施内容（--content）", "the measure's content (--content)", f);
  if (!f.empty()) return Refuse(fmt::format("案件 {} 不能记录帮扶措施", case_id), fmt::format("case {}: measure refused", case_id), f);
  CaseTransition t{c.state, c, Event(CaseAction::kMeasure, c, CaseState::kAssisting, date), {}, {}, m};
  t.updated.state = CaseState::kAssisting;
  t.measure->household_no = c.household_no;
  t.event.payload = fmt::format("kind={}; start={}; end={}; funds={}; content={}", Label(m.kind), m.start.ToString(),
                                DatePayload(m.end), m.funds.ToString(), m.content);
  return store_.cases().ApplyTransition(t);
}

StatusOr<std::vector<std::string>> CaseService::EliminationFailures(const MonitoringCase& c, Date proposal,
                                                                   Money line, RiskEliminationMethod method) {
  Failures f;
  ASSIGN_OR_RETURN(Household h, RequireHousehold(store_, c.household_no));
  ASSIGN_OR_RETURN(std::vector<IncomeCheck> checks, store_.cases().ListIncomeChecks(c.household_no));
  CheckIncome(checks, proposal, line, f);
  if (!c.identified_date || AddMonths(*c.identified_date, kEliminationMinMonths) > proposal) {
    const std::string since = c.identified_date ? c.identified_date->ToString() : "—";
    f.push_back({fmt::format("纳入监测（{}）至提出日 {} 不满 {} 个月", since, proposal.ToString(), kEliminationMinMonths),
                 fmt::format("identified on {}, less than {} months before {}", since, kEliminationMinMonths,
                             proposal.ToString())});
  }
  if (method == RiskEliminationMethod::kByAssistance) {
    ASSIGN_OR_RETURN(std::vector<AssistanceMeasure> measures, store_.cases().ListCaseMeasures(c.id));
    const bool carried_out = std::any_of(measures.begin(), measures.end(),
                                         [&](const AssistanceMeasure& m) { return m.start <= proposal; });
    if (!carried_out) {
      f.push_back({"帮扶消除至少须已实施 1 项帮扶措施", "elimination by assistance needs at least one measure carried out"});
    }
  }
  CheckSecurities(h, f);
  CheckLabour(h, proposal, f);
  std::vector<std::string> out;
  for (const Failure& x : f) out.push_back(Bilingual(x.zh, x.en));
  return out;
}

Status CaseService::Propose(int64_t case_id, const EliminationRequest& r) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kPropose));
  const RiskEliminationMethod method = r.method.value_or(RiskEliminationMethod::kByAssistance);
  Failures f;
  CheckNotBefore(r.date, LatestDate(c), "上一步的日期", "previous step's date", f);
  ASSIGN_OR_RETURN(std::vector<std::string> failed, EliminationFailures(c, r.date, r.monitoring_line, method));
  for (const std::string& x : failed) f.push_back({MessageHalf(x, false), MessageHalf(x, true)});
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能提出风险消除", case_id),
                  fmt::format("case {}: risk elimination cannot be proposed", case_id), f);
  }
  CaseTransition t{c.state, c, Event(CaseAction::kPropose, c, CaseState::kEliminationProposed, r.date), {}, {}, {}};
  t.updated.state = CaseState::kEliminationProposed;
  t.updated.proposed_date = r.date;
  t.updated.method = method;
  t.event.evidence = r.evidence;
  t.event.payload = fmt::format("method={}; monitoring_line={}", Label(method), r.monitoring_line.ToString());
  return store_.cases().ApplyTransition(t);
}

Status CaseService::Eliminate(int64_t case_id, const EliminationRequest& r) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kEliminate));
  const RiskEliminationMethod method = r.method.value_or(c.method.value_or(RiskEliminationMethod::kByAssistance));
  Failures f;
  CheckProcedure(r.procedure, *c.proposed_date, "提出日期", "proposal date", r.date, f);
  ASSIGN_OR_RETURN(std::vector<std::string> failed, EliminationFailures(c, *c.proposed_date, r.monitoring_line, method));
  for (const std::string& x : failed) f.push_back({MessageHalf(x, false), MessageHalf(x, true)});
  if (!f.empty()) {
    return Refuse(fmt::format("案件 {} 不能标注风险消除", case_id), fmt::format("case {} cannot be marked eliminated", case_id), f);
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
  t.status_event = StatusEvent{c.household_no, StatusEventKind::kRiskEliminated, r.date, h.monitoring_type, method,
                               fmt::format("监测案件 {}", case_id)};
  return store_.cases().ApplyTransition(t);
}

Status CaseService::Keep(int64_t case_id, Date date, std::string_view reason) {
  ASSIGN_OR_RETURN(MonitoringCase c, Load(case_id));
  RETURN_IF_ERROR(CheckState(c, CaseAction::kKeep));
  Failures f;
  CheckNotBefore(date, LatestDate(c), "上一步的日期", "previous step's date", f);
  RequireText(reason, "继续监测的理由（--reason）", "the reason (--reason)", f);
  if (!f.empty()) return Refuse(fmt::format("案件 {} 不能转为继续监测", case_id), fmt::format("case {} cannot be kept", case_id), f);
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
  return store_.cases().AddIncomeCheck({household_no, date, per_capita, actor_, std::string(source)});
}

Status CaseService::RecordVisit(Visit visit) {
  RETURN_IF_ERROR(CheckActor());
  if (visit.cadre_name.empty()) visit.cadre_name = actor_;
  if (visit.lat_microdeg.has_value() != visit.lon_microdeg.has_value()) {
    return InvalidArgumentError(Bilingual("GPS 位置须同时给出纬度和经度", "a GPS point needs both latitude and longitude"));
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
  return store_.cases().AssignCadre(assignment);
}

// ---------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------

StatusOr<CaseDetail> LoadCaseDetail(Store& store, int64_t case_id) {
  ASSIGN_OR_RETURN(std::optional<MonitoringCase> c, store.cases().FindCase(case_id));
  if (!c) {
    return NotFoundError(Bilingual(fmt::format("监测案件 {} 不存在", case_id), fmt::format("case {} does not exist", case_id)));
  }
  CaseDetail d;
  d.c = std::move(*c);
  ASSIGN_OR_RETURN(d.events, store.cases().ListCaseEvents(case_id));
  ASSIGN_OR_RETURN(d.measures, store.cases().ListCaseMeasures(case_id));
  return d;
}

StatusOr<std::vector<OverdueCase>> ListOverdueCases(Store& store, RegionCode scope, Date as_of, int limit_days) {
  ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(InScope(scope)));
  std::vector<OverdueCase> out;
  for (MonitoringCase& c : cases) {
    const bool waiting = c.state == CaseState::kLead || c.state == CaseState::kVerified;
    if (!waiting && !c.identified_date) continue;
    const int days = (waiting ? as_of : *c.identified_date).days() - c.lead_date.days();
    if (days > limit_days) out.push_back({std::move(c), days, !waiting});
  }
  return out;
}

StatusOr<CaseSummary> SummarizeCases(Store& store, RegionCode scope, RegionLevel level, Date as_of, int limit_days) {
  ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(InScope(scope)));
  std::map<uint64_t, CaseRegionCounts> by_region;
  CaseSummary summary;
  summary.total.region = scope;
  for (const MonitoringCase& c : cases) {
    const RegionCode region = c.village.level() > level ? c.village.AtLevel(level) : c.village;
    CaseRegionCounts& counts = by_region[region.value()];
    counts.region = region;
    const size_t state = static_cast<size_t>(c.state) - 1;
    const bool waiting = c.state == CaseState::kLead || c.state == CaseState::kVerified;
    const bool overdue = waiting && as_of.days() - c.lead_date.days() > limit_days;
    for (CaseRegionCounts* x : {&counts, &summary.total}) {
      ++x->by_state[state];
      ++x->total;
      x->overdue += overdue ? 1 : 0;
    }
  }
  for (auto& [code, counts] : by_region) {
    ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(counts.region));
    if (region) counts.name = region->name;
    summary.regions.push_back(std::move(counts));
  }
  ASSIGN_OR_RETURN(std::optional<Region> whole, store.FindRegion(scope));
  if (whole) summary.total.name = whole->name;
  return summary;
}

StatusOr<std::vector<UnvisitedHousehold>> ListUnvisited(Store& store, RegionCode scope, Date as_of, int days) {
  ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(InScope(scope)));
  using LastVisits = std::map<std::string, Date>;
  ASSIGN_OR_RETURN(LastVisits last, store.cases().LastVisitDates(scope));
  std::vector<UnvisitedHousehold> out;
  for (MonitoringCase& c : cases) {
    if (c.state != CaseState::kIncluded && c.state != CaseState::kAssisting &&
        c.state != CaseState::kEliminationProposed) {
      continue;
    }
    UnvisitedHousehold u;
    if (auto it = last.find(c.household_no); it != last.end()) u.last_visit = it->second;
    if (u.last_visit && as_of.days() - u.last_visit->days() <= days) continue;
    ASSIGN_OR_RETURN(std::vector<CadreAssignment> cadres, store.ListCadreAssignments(c.household_no));
    std::optional<Date> start;
    for (const CadreAssignment& a : cadres) {
      if (a.start > as_of || (a.end && *a.end < as_of) || (start && a.start < *start)) continue;
      start = a.start;
      u.cadre = a.cadre_name;
    }
    u.c = std::move(c);
    out.push_back(std::move(u));
  }
  return out;
}

std::set<std::string> LeadRulesOf(const Policy& policy) {
  std::set<std::string> ids;
  for (const Rule& rule : policy.rules) {
    if (rule.kind != RuleKind::kExclusion) ids.insert(rule.id);
  }
  return ids;
}

StatusOr<LeadsFromWarnings> OpenCasesFromWarnings(Store& store, RegionCode scope, std::string_view period,
                                                  Date lead_date, const std::string& actor,
                                                  const std::set<std::string>* lead_rules) {
  ASSIGN_OR_RETURN(std::vector<PeriodWarning> warnings, store.cases().ListWarningsOfPeriod(scope, period));
  std::map<std::string, std::vector<const PeriodWarning*>> by_household;
  std::set<std::string> warned;
  for (const PeriodWarning& w : warnings) {
    warned.insert(w.household_no);
    // Without a policy the stored kind decides; a warning stored before kinds were recorded
    // (unknown) stays a possible lead, as every warning was then.
    const bool lead = lead_rules != nullptr ? lead_rules->contains(w.rule_id) : w.kind != WarningKind::kExclusion;
    if (lead) by_household[w.household_no].push_back(&w);
  }
  LeadsFromWarnings result;
  result.households_skipped = static_cast<int64_t>(warned.size() - by_household.size());
  CaseService service(store, actor);
  std::vector<int64_t>& opened = result.opened;
  for (const auto& [household_no, list] : by_household) {
    ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(OfHousehold(household_no)));
    std::set<int64_t> ids;
    std::set<std::string> rules;
    for (const PeriodWarning* w : list) {
      ids.insert(w->id);
      rules.insert(w->rule_id);
    }
    const bool covered = std::any_of(cases.begin(), cases.end(), [&](const MonitoringCase& c) {
      return IsOpen(c.state) || (c.warning_id && ids.contains(*c.warning_id));
    });
    if (covered) continue;
    std::string evidence = fmt::format("部门筛查预警 {}：", period);
    for (const std::string& r : rules) evidence += r + (r == *rules.rbegin() ? "" : ", ");
    ASSIGN_OR_RETURN(int64_t id, service.Open({household_no, CaseSource::kScreening, lead_date, evidence, list[0]->id}));
    opened.push_back(id);
  }
  return result;
}

StatusOr<std::string> PublicNoticeText(Store& store, int64_t case_id) {
  ASSIGN_OR_RETURN(CaseDetail d, LoadCaseDetail(store, case_id));
  const CaseEvent* step = nullptr;
  for (const CaseEvent& e : d.events) {
    if (e.action == CaseAction::kInclude || e.action == CaseAction::kEliminate) step = &e;
  }
  if (step == nullptr || !step->notice_start || !step->notice_end) {
    return FailedPreconditionError(Bilingual(fmt::format("案件 {} 还没有需要公示的纳入或风险消除", case_id),
                                             fmt::format("case {} has no inclusion or elimination to announce", case_id)));
  }
  ASSIGN_OR_RETURN(Household h, RequireHousehold(store, d.c.household_no));
  ASSIGN_OR_RETURN(std::optional<Region> village, store.FindRegion(h.village));
  const std::string village_name = village ? village->name : h.village.ToString();
  std::string head = h.members.empty() ? "" : h.members[0].name;
  for (const Person& p : h.members) {
    if (p.relationship == Relationship::kHead) head = p.name;
  }
  const bool include = step->action == CaseAction::kInclude;
  const std::string type = d.c.monitoring_type ? std::string(Label(*d.c.monitoring_type)) : "";
  std::string text = fmt::format("{}公示\n\n", include ? "防止返贫监测对象识别" : "防止返贫监测对象风险消除");
  text += fmt::format("经入户核实、村民主评议（{}），拟{}，现予公示：\n\n", DatePayload(step->appraisal_date),
                      include ? "将以下农户纳入防止返贫监测对象" : "对以下监测对象标注风险消除");
  text += fmt::format("  户主：{}\n  村（组）：{}{}\n  监测对象类型：{}\n  风险类别：{}\n", head, village_name,
                      h.natural_village, type, JoinRisks(d.c.risks, Lang::kZhHans));
  if (!include && d.c.method) text += fmt::format("  消除方式：{}\n", Label(*d.c.method));
  const int days = step->notice_end->days() - step->notice_start->days() + 1;
  text += fmt::format("\n公示期：{} 至 {}（共 {} 天）。如有异议，请在公示期内向村民委员会或乡镇反映。\n\n{}\n{}\n",
                      step->notice_start->ToString(), step->notice_end->ToString(), days, village_name,
                      step->notice_start->ToString());
  RETURN_IF_ERROR(CheckNoticePrivacy(text, h));
  return text;
}

Status CheckNoticePrivacy(std::string_view text, const Household& h) {
  Failures f;
  auto contains = [&](const std::string& s) { return !s.empty() && text.find(s) != std::string_view::npos; };
  std::set<std::string> phones = {h.phone};
  for (const Person& p : h.members) {
    if (contains(p.id_number.ToString()) || contains(p.id_number.Masked())) {
      f.push_back({fmt::format("含 {} 的证件号码", p.name), fmt::format("it shows the ID number of {}", p.name)});
    }
    phones.insert(p.phone);
  }
  for (const std::string& phone : phones) {
    if (phone.size() >= 5 && contains(phone)) f.push_back({"含联系电话", "it shows a phone number"});
  }
  for (Health health : AllValues<Health>()) {
    if (health != Health::kHealthy && contains(std::string(Label(health)))) {
      f.push_back({fmt::format("含健康状况「{}」", Label(health)),
                   fmt::format("it shows a health condition ({})", Label(health, Lang::kEn))});
    }
  }
  size_t run = 0, longest = 0;
  for (char ch : text) {
    run = (ch >= '0' && ch <= '9') ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  if (longest >= 11) {
    f.push_back({"含 11 位以上的数字串（可能是证件号、电话或银行账号）",
                 "it contains a run of 11 or more digits (an ID, phone or bank account number)"});
  }
  if (f.empty()) return OkStatus();
  return Refuse("公示内容不得包含个人信息", "the public notice must not show personal data", f);
}

}  // namespace jz
