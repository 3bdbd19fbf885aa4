// The door-facing use cases of monitoring cases (防止返贫动态监测, DOMAIN §3.4-§3.8): one
// request and one result per step and per list, run on a Workspace. A door (the CLI, the
// server) parses its input into a request, calls one function here and presents the result;
// every default (the as-of date, the scope, the monitoring line of a policy) and every guard
// is applied here, so both doors decide alike. This header includes only core/ and app/
// headers; the state machine over a Store is in cases.h (app internals and tests).
//
// Errors, for every function below: InvalidArgument for input wrong whatever the state (a
// case id below 1, a date after today, a period that is not YYYY-MM, a number out of its
// bounds in core/limits.h, a missing --by); NotFound for an unknown case or household;
// FailedPrecondition for a step the case's state or history refuses, naming every failed
// condition; Aborted when another office changed the case meanwhile (retry).
//
// Thread safety: as the Workspace (one thread at a time).
#ifndef JZ_APP_CASES_CASE_REQUESTS_H_
#define JZ_APP_CASES_CASE_REQUESTS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/workspace.h"
#include "core/domain_constants.h"
#include "core/monitoring_case.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

// Monitored households not visited within this many days are listed (`--days` changes it).
inline constexpr int kDefaultUnvisitedDays = 30;

// The procedure dates of a village appraisal and notice and of the county approval.
struct ProcedureDates {
  std::optional<Date> appraisal;     // 民主评议
  std::optional<Date> notice_start;  // 公示起
  std::optional<Date> notice_end;    // 公示止 (inclusive)
  std::optional<Date> approval;      // 县级审定
};

// ---------------------------------------------------------------------------------------
// Steps. `actor` (who acts, --by) is recorded on every event and must not be blank; `date`
// is the date of the procedure, never after Workspace::today() and never before the step
// the case last took.
// ---------------------------------------------------------------------------------------

// What every step of an existing case returns: the case and the state it is now in.
struct CaseStepResult {
  int64_t case_id = 0;
  CaseState state = CaseState::kLead;
  Date date;
};

struct OpenCaseRequest {
  std::string household_no;
  CaseSource source = CaseSource::kVisit;
  Date date;  // the lead's date
  std::string actor;
  std::string evidence;
};
// AlreadyExists when the household has an open case.
[[nodiscard]] StatusOr<CaseStepResult> OpenCase(Workspace& ws, const OpenCaseRequest& request);

struct LeadsFromWarningsRequest {
  std::string period;               // "YYYY-MM", parsed strictly
  std::optional<RegionCode> scope;  // default: the database's province
  Date date;                        // the leads' date
  std::string actor;
  // A policy file: only its test and warning rules open leads, exclusion rules do not.
  std::optional<std::string> policy_path;
};
struct LeadsFromWarnings {
  std::vector<int64_t> opened;     // new case ids
  int64_t households_skipped = 0;  // warned only by rules that are not leads (exclusions)
};
struct LeadsFromWarningsResult {
  LeadsFromWarnings leads;
  std::string period;  // as parsed
  RegionCode scope;
};
[[nodiscard]] StatusOr<LeadsFromWarningsResult> OpenLeadsFromWarnings(
    Workspace& ws, const LeadsFromWarningsRequest& request);

struct VerifyCaseRequest {
  int64_t case_id = 0;
  Date date;  // the household visit
  std::string actor;
  std::string evidence;  // what the visit found; required
};
[[nodiscard]] StatusOr<CaseStepResult> VerifyCase(Workspace& ws, const VerifyCaseRequest& request);

struct ExcludeCaseRequest {
  int64_t case_id = 0;
  Date date;
  std::string actor;
  std::string reason;  // required
};
[[nodiscard]] StatusOr<CaseStepResult> ExcludeCase(Workspace& ws, const ExcludeCaseRequest& request);

// elimination_proposed → assisting (继续监测).
struct KeepMonitoringRequest {
  int64_t case_id = 0;
  Date date;
  std::string actor;
  std::string reason;  // required
};
[[nodiscard]] StatusOr<CaseStepResult> KeepMonitoring(Workspace& ws, const KeepMonitoringRequest& request);

struct IncludeCaseRequest {
  int64_t case_id = 0;
  Date date;  // identification date, on or after the approval
  std::string actor;
  std::optional<MonitoringType> monitoring_type;
  std::vector<RiskCategory> risks;
  ProcedureDates procedure;
  std::string evidence;
};
[[nodiscard]] StatusOr<CaseStepResult> IncludeCase(Workspace& ws, const IncludeCaseRequest& request);

struct CaseMeasureRequest {
  int64_t case_id = 0;
  Date date;
  std::string actor;
  AssistanceMeasure measure;  // household_no is filled from the case; funds ≤ kMaxMeasureFundsFen
};
[[nodiscard]] StatusOr<CaseStepResult> RecordCaseMeasure(Workspace& ws, const CaseMeasureRequest& request);

// The monitoring line of propose and eliminate is `monitoring_line` when given, else the
// money parameter `monitoring_line` of the policy at `policy_path`; one of them is required.
struct ProposeEliminationRequest {
  int64_t case_id = 0;
  Date date;  // the proposal
  std::string actor;
  std::optional<RiskEliminationMethod> method;  // default 帮扶消除
  std::optional<Money> monitoring_line;         // per capita per year
  std::optional<std::string> policy_path;
  std::string evidence;
};
[[nodiscard]] StatusOr<CaseStepResult> ProposeElimination(Workspace& ws,
                                                          const ProposeEliminationRequest& request);

struct EliminateRiskRequest {
  int64_t case_id = 0;
  Date date;  // the elimination, on or after the county approval
  std::string actor;
  std::optional<RiskEliminationMethod> method;  // default: the proposed one
  std::optional<Money> monitoring_line;
  std::optional<std::string> policy_path;
  ProcedureDates procedure;
  std::string evidence;
};
[[nodiscard]] StatusOr<CaseStepResult> EliminateRisk(Workspace& ws, const EliminateRiskRequest& request);

// ---------------------------------------------------------------------------------------
// Household records beside the case: income checks, visits, responsible cadres.
// ---------------------------------------------------------------------------------------

struct IncomeCheckRequest {
  std::string household_no;
  Date date;
  std::string actor;
  Money per_capita;    // per-capita net income, per year; |x| ≤ kMaxIncomePerCapitaFen
  std::string source;  // e.g. 入户核算
};
// What a household record step stored: whose, on which date.
struct HouseholdRecordResult {
  std::string household_no;
  Date date;
};
[[nodiscard]] StatusOr<HouseholdRecordResult> RecordIncome(Workspace& ws, const IncomeCheckRequest& request);

struct VisitRequest {
  std::string household_no;
  Date date;
  std::string actor;
  std::string cadre;  // default: actor
  VisitMode mode = VisitMode::kInPerson;
  std::string notes;
  // Degrees as written ("43.312345", at most 6 decimals), both or neither; stored exactly
  // as microdegrees (WGS-84 × 10^6) after ParseMicrodegrees().
  std::string latitude;
  std::string longitude;
  std::string photo_ref;
};
[[nodiscard]] StatusOr<HouseholdRecordResult> RecordCaseVisit(Workspace& ws, const VisitRequest& request);

struct CadreRequest {
  std::string household_no;
  std::string cadre_name;
  std::string unit;
  std::string position;
  std::string phone;
  Date date;  // the assignment's start
  std::string actor;
};
[[nodiscard]] StatusOr<HouseholdRecordResult> AssignHouseholdCadre(Workspace& ws,
                                                                   const CadreRequest& request);

// "43.312345" → 43312345, exactly (no floating point); "" → nullopt. InvalidArgument naming
// `field` and the text when it is not decimal degrees with at most 6 decimals.
[[nodiscard]] StatusOr<std::optional<int64_t>> ParseMicrodegrees(std::string_view field,
                                                                 std::string_view text);

// ---------------------------------------------------------------------------------------
// Lists and reports. `scope` defaults to the database's province, `as_of` to today; `days`
// is bounded by kMaxCaseListDays.
// ---------------------------------------------------------------------------------------

struct ListCasesRequest {
  std::optional<RegionCode> scope;
  std::optional<CaseState> state;
};
struct ListCasesResult {
  RegionCode scope;
  std::vector<MonitoringCase> cases;  // by id
};
[[nodiscard]] StatusOr<ListCasesResult> ListMonitoringCases(Workspace& ws, const ListCasesRequest& request);

// A case with its history, for `cases show`.
struct CaseDetail {
  MonitoringCase c;
  std::vector<CaseEvent> events;
  std::vector<AssistanceMeasure> measures;
};
struct ShowCaseRequest {
  int64_t case_id = 0;
};
[[nodiscard]] StatusOr<CaseDetail> ShowCase(Workspace& ws, const ShowCaseRequest& request);

// The village public notice (村内公示) of the case's inclusion or elimination, free of
// personal data. FailedPrecondition when the case has neither.
struct CaseNoticeRequest {
  int64_t case_id = 0;
};
struct CaseNoticeResult {
  std::string text;  // zh-Hans
};
[[nodiscard]] StatusOr<CaseNoticeResult> CaseNotice(Workspace& ws, const CaseNoticeRequest& request);

// A lead not identified in time: still open (lead or verified) more than `days` after the
// lead as of `as_of`, or identified (included or not) more than `days` after it.
struct OverdueCase {
  MonitoringCase c;
  int days = 0;             // lead to identification, or lead to as_of when still open
  bool identified = false;  // true: identified late; false: still waiting
};
struct OverdueRequest {
  std::optional<RegionCode> scope;
  std::optional<Date> as_of;
  std::optional<int> days;  // default kIdentificationLimitDays
};
struct OverdueResult {
  RegionCode scope;
  Date as_of;
  int days = 0;
  std::vector<OverdueCase> cases;
};
[[nodiscard]] StatusOr<OverdueResult> ListOverdue(Workspace& ws, const OverdueRequest& request);

// Cases per region at a level inside the scope: how many are in each state, and how many
// leads are still waiting beyond `days` (the county office's overview). Regions without
// cases are left out; `total` covers the whole scope.
struct CaseRegionCounts {
  RegionCode region;
  std::string name;                   // from the region table; "" when not loaded
  std::array<int64_t, 7> by_state{};  // indexed by CaseState code - 1 (线索 … 已消除)
  int64_t overdue = 0;
  int64_t total = 0;
};
struct CaseSummary {
  std::vector<CaseRegionCounts> regions;  // by code
  CaseRegionCounts total;
};
struct CaseSummaryRequest {
  std::optional<RegionCode> scope;
  std::optional<Date> as_of;
  std::optional<int> days;  // leads waiting longer are overdue; default kIdentificationLimitDays
  RegionLevel level = RegionLevel::kCounty;
};
struct CaseSummaryResult {
  Date as_of;
  int days = 0;
  CaseSummary summary;
};
[[nodiscard]] StatusOr<CaseSummaryResult> SummarizeMonitoringCases(Workspace& ws,
                                                                   const CaseSummaryRequest& request);

// A monitored household (case included, assisting or proposed) not visited in `days` days.
struct UnvisitedHousehold {
  MonitoringCase c;
  std::optional<Date> last_visit;
  std::string cadre;  // the latest assignment still running on as_of, or "" when none
};
struct UnvisitedRequest {
  std::optional<RegionCode> scope;
  std::optional<Date> as_of;
  std::optional<int> days;  // default kDefaultUnvisitedDays
};
struct UnvisitedResult {
  RegionCode scope;
  Date as_of;
  int days = 0;
  std::vector<UnvisitedHousehold> households;
};
[[nodiscard]] StatusOr<UnvisitedResult> ListUnvisitedHouseholds(Workspace& ws,
                                                                const UnvisitedRequest& request);

}  // namespace jz

#endif  // JZ_APP_CASES_CASE_REQUESTS_H_
