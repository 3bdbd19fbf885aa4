// The state machine of monitoring cases over a Store, for app/ and tests; doors use the
// requests of case_requests.h, which fill the defaults and call this.
//
// Use case: monitoring cases (防止返贫动态监测, DOMAIN §3.4-§3.8). A lead — from screening,
// a cadre's visit or the household's own application — becomes a case that moves through
//
//   lead 线索 → verified 已核实 → not_included 不纳入 (final)
//                             → included 已纳入 → assisting 帮扶中 (≥ 1 measure)
//                                → elimination_proposed 风险消除已提出
//                                    → eliminated 已消除 (final) | kept 继续监测 (back to assisting)
//
// One CaseService method per step. Each checks the step's guards and refuses with
// FailedPrecondition, naming every condition that failed (not only the first) in a
// Bilingual message; a step from the wrong state names the current state and the steps
// allowed from it; a step dated after today or before the case's previous step is refused
// naming both dates. An accepted step is written atomically (case row, appended event and
// any registry change), so the history is complete and nothing is ever deleted.
//
// Reports: ListOverdueCases (identification beyond 15 days), ListUnvisited (monitored
// households without a recent visit, with their responsible cadre), OpenCasesFromWarnings
// (one lead per warned household, idempotent), PublicNoticeText (the village notice, free of
// personal data, checked by CheckNoticePrivacy).
//
// Thread safety: as the Store it is given (one thread at a time).
#ifndef JZ_APP_CASES_CASES_H_
#define JZ_APP_CASES_CASES_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/cases/case_requests.h"
#include "core/domain_constants.h"
#include "core/money.h"
#include "core/status.h"
#include "rules/policy.h"
#include "store/store.h"

namespace jz {

// Returns `date` moved by `months` calendar months, the day clamped to the month's end
// (2024-08-31 − 6 months = 2024-02-29).
Date AddMonths(Date date, int months);

struct OpenRequest {
  std::string household_no;
  CaseSource source = CaseSource::kVisit;
  Date lead_date;
  std::string evidence;
  std::optional<int64_t> warning_id;
};

struct IncludeRequest {
  Date date;  // identification date (system flag), on or after the approval
  std::optional<MonitoringType> monitoring_type;
  std::vector<RiskCategory> risks;
  ProcedureDates procedure;
  std::string evidence;
};

struct EliminationRequest {
  Date date;                                    // proposal date (Propose) or elimination date (Eliminate)
  std::optional<RiskEliminationMethod> method;  // Eliminate: defaults to the proposed one
  Money monitoring_line;                        // per capita per year, this year's 监测范围
  ProcedureDates procedure;                     // Eliminate only
  std::string evidence;
};

// The steps. `actor` (who acts) is recorded on every event and must not be empty.
// Every step's date must not be after `today` (the Workspace's; the system clock's by
// default) and not before the date of the step the case last took.
class CaseService {
 public:
  CaseService(Store& store, std::string actor, Date today = Date::Today())
      : store_(store), actor_(std::move(actor)), today_(today) {}

  // Opens a lead. NotFound for an unknown household; AlreadyExists when it has an open case.
  StatusOr<int64_t> Open(const OpenRequest& request);
  // lead → verified: the household was visited on `date`; evidence (what was found) required.
  Status Verify(int64_t case_id, Date date, std::string_view evidence);
  // verified → not_included; reason required.
  Status Exclude(int64_t case_id, Date date, std::string_view reason);
  // verified → included. Guards: monitoring type and ≥ 1 risk; type fits the household
  // (脱贫不稳定户 only for a 脱贫户, 边缘易致贫户 not for one); appraisal on or after the
  // verification; notice ≥ 5 days starting on or after the appraisal; approval after the
  // notice ended; identification on or after the approval. Updates the household's
  // monitoring type and 风险识别时间 (户类型 一般农户 → 监测户) and adds a 纳入监测 status event.
  Status Include(int64_t case_id, const IncludeRequest& request);
  // included|assisting → assisting: records the measure for the case. Its start must not
  // be before the identification.
  Status RecordMeasure(int64_t case_id, Date date, const AssistanceMeasure& measure);
  // assisting → elimination_proposed when EliminationFailures() is empty.
  Status Propose(int64_t case_id, const EliminationRequest& request);
  // elimination_proposed → eliminated: the guards again as of the proposal, plus appraisal
  // on or after the proposal, notice ≥ 5 days, approval after the notice. Sets the
  // household's 风险消除时间 and adds a 风险消除 status event.
  Status Eliminate(int64_t case_id, const EliminationRequest& request);
  // elimination_proposed → assisting (继续监测); reason required.
  Status Keep(int64_t case_id, Date date, std::string_view reason);

  // The risk-elimination conditions that fail for `c` as of `proposal` (each a Bilingual
  // text; empty when all hold):
  //   (a) income: a check at least 6 months before `proposal`, and every check from the
  //       latest such one up to `proposal` strictly above `monitoring_line`;
  //   (b) identified at least 6 months before `proposal`;
  //   (c) 帮扶消除 only: at least one measure of this case started on or before `proposal`
  //       (自然消除: the risk disappeared by itself, so no measure is required);
  //   (d) 义务教育, 基本医疗, 住房安全 and 饮水安全 all hold in the latest data year;
  //   (e) not 整户无劳动力: some member aged 16-65 on `proposal` whose 劳动技能 is 普通,
  //       技能 or 弱/半劳动力 (a missing skill counts as none).
  StatusOr<std::vector<std::string>> EliminationFailures(const MonitoringCase& c, Date proposal,
                                                         Money monitoring_line, RiskEliminationMethod method);

  // The household records beside a case. InvalidArgument for a date after today, an income
  // beyond ±kMaxIncomePerCapitaFen, a GPS point with one coordinate or out of range, a cadre
  // without a name or an assignment ending before it starts.
  Status RecordIncomeCheck(const std::string& household_no, Date date, Money per_capita,
                           std::string_view source);
  Status RecordVisit(Visit visit);
  Status AssignCadre(CadreAssignment assignment);

 private:
  StatusOr<MonitoringCase> Load(int64_t case_id);
  CaseEvent Event(CaseAction action, const MonitoringCase& from, CaseState to, Date date) const;
  Status CheckActor() const;

  Store& store_;
  std::string actor_;
  Date today_;
};

// The case and its history (case_requests.h). NotFound for an unknown case.
StatusOr<CaseDetail> LoadCaseDetail(Store& store, int64_t case_id);

// The overdue leads of `scope` (case_requests.h: OverdueCase).
StatusOr<std::vector<OverdueCase>> ListOverdueCases(Store& store, RegionCode scope, Date as_of,
                                                    int limit_days = kIdentificationLimitDays);

// Cases per region at `level` inside `scope` (case_requests.h: CaseSummary).
StatusOr<CaseSummary> SummarizeCases(Store& store, RegionCode scope, RegionLevel level, Date as_of,
                                     int limit_days = kIdentificationLimitDays);

// Monitored households of `scope` not visited in `days` days (case_requests.h).
StatusOr<std::vector<UnvisitedHousehold>> ListUnvisited(Store& store, RegionCode scope, Date as_of,
                                                        int days = kDefaultUnvisitedDays);

// The ids of the rules of `policy` whose warnings are monitoring leads: the 三保障 tests and
// the departmental warnings. Exclusion rules (负面清单) flag households that should not be
// registered; they are verification work, not risks of returning to poverty.
std::set<std::string> LeadRulesOf(const Policy& policy);

// Opens one screening lead per household in `scope` with warnings of `period` ("YYYY-MM")
// and no open case and no case opened from a warning of that period already, so running it
// twice opens nothing new. The evidence lists the warning rule ids. When `lead_rules` is
// given, warnings of other rules are ignored; otherwise the kind stored with each warning
// decides: exclusion (负面清单) warnings are ignored, and warnings of unknown kind (stored
// before kinds were recorded) count as leads. Households with no other warning are counted
// as skipped.
StatusOr<LeadsFromWarnings> OpenCasesFromWarnings(Store& store, RegionCode scope, std::string_view period,
                                                  Date lead_date, const std::string& actor,
                                                  const std::set<std::string>* lead_rules = nullptr);

// The village public notice (村内公示) of an inclusion or an elimination: head's name,
// village, monitoring type, risks, appraisal and notice dates. It never contains an ID
// number, phone, bank account or health condition. FailedPrecondition when the case has no
// inclusion (or elimination) event to announce.
StatusOr<std::string> PublicNoticeText(Store& store, int64_t case_id);
// OK when `text` shows none of `household`'s ID numbers or phones, no health condition
// label, and no run of 11 or more digits (phones, ID and bank account numbers);
// FailedPrecondition naming what it found otherwise.
Status CheckNoticePrivacy(std::string_view text, const Household& household);

}  // namespace jz

#endif  // JZ_APP_CASES_CASES_H_
