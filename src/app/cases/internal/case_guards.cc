// Guards shared by the files of app/cases (internal/case_guards.h).
#include "app/cases/internal/case_guards.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/code_lists.h"

namespace jz::cases_internal {

Status Refuse(std::string_view zh_head, std::string_view en_head, const Failures& failures) {
  std::string zh(zh_head), en(en_head);
  for (size_t i = 0; i < failures.size(); ++i) {
    zh += fmt::format("{}（{}）{}", i == 0 ? "：" : "；", i + 1, failures[i].zh);
    en += fmt::format("{}({}) {}", i == 0 ? ": " : "; ", i + 1, failures[i].en);
  }
  return FailedPreconditionError(Bilingual(zh, en));
}

namespace {

// The steps allowed from each state.
std::vector<CaseAction> AllowedActions(CaseState state) {
  switch (state) {
    case CaseState::kLead:
      return {CaseAction::kVerify};
    case CaseState::kVerified:
      return {CaseAction::kInclude, CaseAction::kExclude};
    case CaseState::kIncluded:
      return {CaseAction::kMeasure};
    case CaseState::kAssisting:
      return {CaseAction::kMeasure, CaseAction::kPropose};
    case CaseState::kEliminationProposed:
      return {CaseAction::kEliminate, CaseAction::kKeep};
    case CaseState::kNotIncluded:
    case CaseState::kEliminated:
      return {};
  }
  return {};
}

}  // namespace

Status CheckState(const MonitoringCase& c, CaseAction action) {
  const std::vector<CaseAction> allowed = AllowedActions(c.state);
  if (std::find(allowed.begin(), allowed.end(), action) != allowed.end()) return OkStatus();
  std::string zh_next, en_next;
  for (CaseAction a : allowed) {
    zh_next += (zh_next.empty() ? "" : "、") + std::string(Label(a));
    en_next += (en_next.empty() ? "" : ", ") + std::string(Label(a, Lang::kEn));
  }
  if (zh_next.empty()) {
    zh_next = "无（已结案）";
    en_next = "none (the case is closed)";
  }
  return FailedPreconditionError(
      Bilingual(fmt::format("案件 {} 当前状态为「{}」，不能{}；可进行的操作：{}", c.id, Label(c.state),
                            Label(action), zh_next),
                fmt::format("case {} is {}, so it cannot {}; allowed next steps: {}", c.id,
                            Label(c.state, Lang::kEn), Label(action, Lang::kEn), en_next)));
}

Date LatestDate(const MonitoringCase& c) {
  Date latest = c.lead_date;
  for (const std::optional<Date>& d : {c.verified_date, c.identified_date, c.proposed_date, c.closed_date}) {
    if (d && *d > latest) latest = *d;
  }
  return latest;
}

void CheckNotBefore(Date date, Date earliest, std::string_view zh_what, std::string_view en_what,
                    Failures& f) {
  if (date >= earliest) return;
  f.push_back({fmt::format("日期 {} 早于{} {}", date.ToString(), zh_what, earliest.ToString()),
               fmt::format("date {} is before the {} {}", date.ToString(), en_what, earliest.ToString())});
}

void CheckNotFuture(Date date, Date today, std::string_view zh_what, std::string_view en_what, Failures& f) {
  if (date <= today) return;
  f.push_back(
      {fmt::format("{} {} 晚于今天（{}），不能登记尚未发生的事", zh_what, date.ToString(), today.ToString()),
       fmt::format("the {} {} is after today ({}); a future event cannot be recorded", en_what,
                   date.ToString(), today.ToString())});
}

void CheckStepDate(const MonitoringCase& c, Date date, Date today, Failures& f) {
  CheckNotFuture(date, today, "日期", "date", f);
  CheckNotBefore(date, LatestDate(c), "上一步的日期", "previous step's date", f);
}

void RequireText(std::string_view text, std::string_view zh_what, std::string_view en_what, Failures& f) {
  if (text.find_first_not_of(" \t") != std::string_view::npos) return;
  f.push_back({fmt::format("须填写{}", zh_what), fmt::format("{} is required", en_what)});
}

void CheckProcedure(const ProcedureDates& p, Date not_before, std::string_view zh_after,
                    std::string_view en_after, Date step_date, Failures& f) {
  if (!p.appraisal) {
    f.push_back({"缺少民主评议日期", "the village appraisal (民主评议) date is missing"});
  } else if (*p.appraisal < not_before) {
    f.push_back(
        {fmt::format("民主评议日期 {} 早于{} {}", p.appraisal->ToString(), zh_after, not_before.ToString()),
         fmt::format("the appraisal date {} is before the {} {}", p.appraisal->ToString(), en_after,
                     not_before.ToString())});
  }
  if (!p.notice_start || !p.notice_end) {
    f.push_back({"缺少公示起止日期", "the public notice start or end date is missing"});
  } else {
    const int days = p.notice_end->days() - p.notice_start->days() + 1;
    if (days < kMinNoticeDays) {
      f.push_back(
          {fmt::format("公示期 {} 至 {} 共 {} 天，少于 {} 天", p.notice_start->ToString(),
                       p.notice_end->ToString(), std::max(days, 0), kMinNoticeDays),
           fmt::format("the public notice {} to {} runs {} days, fewer than {}", p.notice_start->ToString(),
                       p.notice_end->ToString(), std::max(days, 0), kMinNoticeDays)});
    }
    if (p.appraisal && *p.notice_start < *p.appraisal) {
      f.push_back({fmt::format("公示开始日期 {} 早于民主评议日期 {}", p.notice_start->ToString(),
                               p.appraisal->ToString()),
                   fmt::format("the notice starts {}, before the appraisal on {}", p.notice_start->ToString(),
                               p.appraisal->ToString())});
    }
  }
  if (!p.approval) {
    f.push_back({"缺少县级审定日期", "the county approval date is missing"});
    return;
  }
  if (p.notice_end && *p.approval <= *p.notice_end) {
    f.push_back({fmt::format("县级审定日期 {} 不在公示期结束（{}）之后", p.approval->ToString(),
                             p.notice_end->ToString()),
                 fmt::format("the county approval {} is not after the notice ended ({})",
                             p.approval->ToString(), p.notice_end->ToString())});
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
  for (RiskCategory r : risks)
    out += (out.empty() ? "" : (lang == Lang::kEn ? ", " : "、")) + std::string(Label(r, lang));
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
    f.push_back(
        {fmt::format("收入：没有 {} 或更早的收入核查（须有提出日前 {} 个月以上的记录证明收入连续稳定）",
                     window_start.ToString(), kEliminationMinMonths),
         fmt::format("income: no income check on or before {} (a check at least {} months before the "
                     "proposal is needed to show stable income)",
                     window_start.ToString(), kEliminationMinMonths)});
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
  f.push_back(
      {fmt::format("收入：近 {} 个月内人均纯收入未持续高于监测线 {} 元（{}）", kEliminationMinMonths,
                   line.ToString(), zh_low),
       fmt::format("income: per-capita net income not above the monitoring line {} yuan throughout the "
                   "last {} months ({})",
                   line.ToString(), kEliminationMinMonths, en_low)});
}

// (d) 三保障 and drinking water in the latest data year.
void CheckSecurities(const Household& h, Failures& f) {
  if (h.years.empty()) {
    f.push_back({"三保障和饮水安全：该户没有年度数据，无法确认",
                 "三保障 and water: the household has no yearly data"});
    return;
  }
  const HouseholdYear& y = *std::max_element(
      h.years.begin(), h.years.end(), [](const auto& a, const auto& b) { return a.data_year < b.data_year; });
  std::string zh, en;
  // Only a guarantee the registry records as not secured blocks. Unknown (no column of the
  // national exports feeds 义务教育, 基本医疗 or 住房安全) cannot block: it would block every
  // imported household, and the elimination procedure's household visit (入户核实) is where
  // they are confirmed (DOMAIN.md §3.7).
  auto add = [&](std::optional<bool> ok, std::string_view z, std::string_view e) {
    if (ok.value_or(true)) return;
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
  f.push_back(
      {fmt::format("整户无劳动力（没有 {}-{} 岁有劳动能力的成员），不标注风险消除，继续跟踪", kWorkingAgeFrom,
                   kWorkingAgeTo),
       fmt::format("the whole household is without labour capacity (no member aged {}-{} able to work); "
                   "it is not marked eliminated but stays under monitoring",
                   kWorkingAgeFrom, kWorkingAgeTo)});
}

Status CheckMoneyRange(Money amount, int64_t low_fen, int64_t high_fen, std::string_view field) {
  if (amount.fen() >= low_fen && amount.fen() <= high_fen) return OkStatus();
  const std::string low = Money::FromFen(low_fen).ToString(), high = Money::FromFen(high_fen).ToString();
  return InvalidArgumentError(Bilingual("{} {} 元超出范围（可用 {} 至 {} 元）",
                                        "{} {} yuan is out of range ({} to {} yuan)", field,
                                        amount.ToString(), low, high));
}

StatusOr<Household> RequireHousehold(Store& store, const std::string& household_no) {
  ASSIGN_OR_RETURN(std::optional<Household> h, store.FindHousehold(ReadScope::WholeDatabase(), household_no));
  if (!h) {
    return NotFoundError(Bilingual("户编号 {} 不存在", "household {} does not exist", household_no));
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

}  // namespace jz::cases_internal
