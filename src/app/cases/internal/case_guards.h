// Guards shared by the files of app/cases: each appends the conditions it finds failed, as
// (zh-Hans, English) pairs, so a step can refuse once naming every one of them (Refuse()).
// Internal to app/cases; nothing outside the folder includes it.
#ifndef JZ_APP_CASES_INTERNAL_CASE_GUARDS_H_
#define JZ_APP_CASES_INTERNAL_CASE_GUARDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "app/cases/cases.h"

namespace jz::cases_internal {

// One failed condition, in both languages.
struct Failure {
  std::string zh;
  std::string en;
};
using Failures = std::vector<Failure>;

// FailedPrecondition: the heading, then every failure numbered, in a Bilingual message.
Status Refuse(std::string_view zh_head, std::string_view en_head, const Failures& failures);

// OK when `action` is allowed from `c`'s state; FailedPrecondition naming the state and the
// steps allowed from it otherwise.
Status CheckState(const MonitoringCase& c, CaseAction action);

// The latest date already recorded on the case: a step may not be dated before it.
Date LatestDate(const MonitoringCase& c);

// Failures when `date` is before `earliest` (naming both) or after `today`.
void CheckNotBefore(Date date, Date earliest, std::string_view zh_what, std::string_view en_what,
                    Failures& f);
void CheckNotFuture(Date date, Date today, std::string_view zh_what, std::string_view en_what, Failures& f);
// Both checks of a step's date: not after today, not before the case's latest step.
void CheckStepDate(const MonitoringCase& c, Date date, Date today, Failures& f);

void RequireText(std::string_view text, std::string_view zh_what, std::string_view en_what, Failures& f);

// Appraisal on or after `not_before`, notice of at least kMinNoticeDays starting on or
// after it, county approval after the notice, and `step_date` on or after the approval.
void CheckProcedure(const ProcedureDates& p, Date not_before, std::string_view zh_after,
                    std::string_view en_after, Date step_date, Failures& f);

// 脱贫不稳定户 only for a 脱贫户, 边缘易致贫户 only for an ordinary household.
void CheckTypeFits(MonitoringType type, HouseholdType household, Failures& f);

std::string JoinRisks(const std::vector<RiskCategory>& risks, Lang lang);

// The risk-elimination conditions (a), (d) and (e) of CaseService::EliminationFailures.
void CheckIncome(const std::vector<IncomeCheck>& checks, Date proposal, Money line, Failures& f);
void CheckSecurities(const Household& h, Failures& f);
void CheckLabour(const Household& h, Date on, Failures& f);

// InvalidArgument when `amount` lies outside [low_fen, high_fen], naming `field` and the bounds.
Status CheckMoneyRange(Money amount, int64_t low_fen, int64_t high_fen, std::string_view field);

// NotFound naming the household when it does not exist.
StatusOr<Household> RequireHousehold(Store& store, const std::string& household_no);

CaseFilter InScope(RegionCode scope);
CaseFilter OfHousehold(const std::string& household_no);
std::string DatePayload(const std::optional<Date>& d);

}  // namespace jz::cases_internal

#endif  // JZ_APP_CASES_INTERNAL_CASE_GUARDS_H_
