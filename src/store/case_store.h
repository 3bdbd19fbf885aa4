// The monitoring-case records (防止返贫监测 cases: lead → verified → included → assisting →
// risk elimination, DOMAIN §3.5-§3.8) and the store interface that keeps them: the case
// row, its append-only event history, income checks, visits and cadre assignments.
//
// The store only persists; every rule about which step may follow which lives in
// app/cases.h. The store does guarantee that a step is written atomically (the case row,
// its new event and any registry update in one transaction) and that it applies only when
// the case is still in the state the caller read (otherwise Aborted), so two offices
// acting on the same case cannot both win. Nothing here is ever deleted.
//
// Thread safety: like Store, used from one thread at a time.
#ifndef JZ_STORE_CASE_STORE_H_
#define JZ_STORE_CASE_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "core/status.h"

namespace jz {

// Where a lead came from (DOMAIN §3.4: the three channels).
enum class CaseSource : uint8_t {
  kScreening = 1,    // 部门筛查预警
  kVisit = 2,        // 基层干部排查
  kApplication = 3,  // 农户自主申报
};

// The state of a case. not_included and eliminated are final.
enum class CaseState : uint8_t {
  kLead = 1,                  // 线索
  kVerified = 2,              // 已核实 (household visited)
  kNotIncluded = 3,           // 不纳入
  kIncluded = 4,              // 已纳入 (identified as a monitored household)
  kAssisting = 5,             // 帮扶中 (at least one measure)
  kEliminationProposed = 6,   // 风险消除已提出
  kEliminated = 7,            // 已消除
};

// What one event did. kMeasure and kKeep do not necessarily change the state.
enum class CaseAction : uint8_t {
  kOpen = 1, kVerify = 2, kExclude = 3, kInclude = 4, kMeasure = 5, kPropose = 6, kEliminate = 7, kKeep = 8,
};

// Returns whether a case in `state` is still open (not final).
inline bool IsOpen(CaseState state) { return state != CaseState::kNotIncluded && state != CaseState::kEliminated; }

// One case as stored. Invariant: the state is the to_state of its last event.
struct MonitoringCase {
  int64_t id = 0;  // assigned by OpenCase
  std::string household_no;
  RegionCode village;  // the household's, filled on read
  CaseSource source = CaseSource::kVisit;
  std::optional<int64_t> warning_id;  // the screening warning that raised the lead
  Date lead_date;
  CaseState state = CaseState::kLead;
  std::optional<MonitoringType> monitoring_type;
  std::vector<RiskCategory> risks;
  std::optional<Date> verified_date;
  std::optional<Date> identified_date;  // included or not included on this date
  std::optional<Date> proposed_date;
  std::optional<RiskEliminationMethod> method;  // proposed, then confirmed
  std::optional<Date> closed_date;              // eliminated on this date
  std::string opened_by;
  std::string evidence;  // what raised the lead

  friend bool operator==(const MonitoringCase&, const MonitoringCase&) = default;
};

// One step of a case's history (append-only). Dates are those of the procedure.
struct CaseEvent {
  int64_t case_id = 0;
  int seq = 0;  // 1, 2, … per case; assigned by the store
  CaseAction action = CaseAction::kOpen;
  std::optional<CaseState> from_state;  // none for kOpen
  CaseState to_state = CaseState::kLead;
  std::string actor;
  Date event_date;
  std::string recorded_at;  // UTC timestamp set by the store, "YYYY-MM-DDTHH:MM:SSZ"
  std::string evidence;
  std::optional<Date> appraisal_date;  // 民主评议
  std::optional<Date> notice_start;    // 公示
  std::optional<Date> notice_end;
  std::optional<Date> approval_date;   // 县级审定
  std::string reason;
  std::string payload;  // further facts of the step as "key=value; …" (type, risks, measure)

  friend bool operator==(const CaseEvent&, const CaseEvent&) = default;
};

// The registry fields a step changes on the household (inclusion and elimination).
struct HouseholdMonitoringUpdate {
  HouseholdType type = HouseholdType::kExited;
  std::optional<MonitoringType> monitoring_type;
  std::optional<Date> risk_identified;
  std::optional<Date> risk_eliminated;
};

// One step, written atomically by ApplyTransition.
struct CaseTransition {
  CaseState expected_state = CaseState::kLead;  // the state the caller validated against
  MonitoringCase updated;                       // the case row after the step (same id)
  CaseEvent event;
  std::optional<HouseholdMonitoringUpdate> household;
  std::optional<StatusEvent> status_event;     // registry history (纳入监测, 风险消除)
  std::optional<AssistanceMeasure> measure;    // stored with this case's id
};

// A per-capita net income check of a household (for the six-month income condition).
struct IncomeCheck {
  std::string household_no;
  Date check_date;
  Money net_income_per_capita;
  std::string actor;
  std::string source;  // e.g. 入户核算, 部门数据

  friend bool operator==(const IncomeCheck&, const IncomeCheck&) = default;
};

// 走访方式.
enum class VisitMode : uint8_t { kInPerson = 1, kPhone = 2, kVideo = 3, kOther = 99 };

// A visit to a household by a cadre (帮扶日志 / 签到, DOMAIN §7.1).
struct Visit {
  std::string household_no;
  std::string cadre_name;
  Date visit_date;
  VisitMode mode = VisitMode::kInPerson;
  std::string notes;
  // GPS point in microdegrees (WGS-84 × 10^6), never floating point; both or neither.
  std::optional<int64_t> lat_microdeg;
  std::optional<int64_t> lon_microdeg;
  std::string photo_ref;
  std::string actor;

  friend bool operator==(const Visit&, const Visit&) = default;
};

// A stored screening warning, as case opening needs it.
struct PeriodWarning {
  int64_t id = 0;
  std::string household_no;
  std::string rule_id;
  Date as_of;
  WarningKind kind = WarningKind::kUnknown;  // as stored (unknown before schema version 6)
};

// Which cases ListCases returns; unset fields do not filter.
struct CaseFilter {
  std::optional<RegionCode> scope;
  std::optional<CaseState> state;
  std::optional<std::string> household_no;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Inserts `c` (its id ignored) with `first` as event 1, in one transaction. Returns the
  // new case id. NotFound when the household does not exist; AlreadyExists when it has an
  // open case; FailedPrecondition while a RegistryWriter is open.
  virtual StatusOr<int64_t> OpenCase(const MonitoringCase& c, const CaseEvent& first) = 0;

  // Writes one step in one transaction: updates the case row to `t.updated`, appends
  // `t.event` with the next seq, and applies the household update, status event and
  // measure when given. Aborted (nothing written) when the stored state is no longer
  // `t.expected_state`; NotFound for an unknown case.
  virtual Status ApplyTransition(const CaseTransition& t) = 0;

  virtual StatusOr<std::optional<MonitoringCase>> FindCase(int64_t id) = 0;
  // Cases matching `filter`, ordered by id.
  virtual StatusOr<std::vector<MonitoringCase>> ListCases(const CaseFilter& filter) = 0;
  // Events of a case in seq order.
  virtual StatusOr<std::vector<CaseEvent>> ListCaseEvents(int64_t case_id) = 0;
  // The assistance measures recorded for a case, by start date.
  virtual StatusOr<std::vector<AssistanceMeasure>> ListCaseMeasures(int64_t case_id) = 0;

  // NotFound when the household does not exist.
  virtual Status AddIncomeCheck(const IncomeCheck& check) = 0;
  virtual StatusOr<std::vector<IncomeCheck>> ListIncomeChecks(std::string_view household_no) = 0;

  virtual Status AddVisit(const Visit& visit) = 0;
  virtual StatusOr<std::vector<Visit>> ListVisits(std::string_view household_no) = 0;
  // The latest visit date of every household in `scope` that has one.
  virtual StatusOr<std::map<std::string, Date>> LastVisitDates(RegionCode scope) = 0;

  // Appends a cadre assignment (the latest open one is the responsible cadre).
  virtual Status AssignCadre(const CadreAssignment& assignment) = 0;

  // The warnings stored for `period` ("YYYY-MM") on households in `scope`, by household.
  virtual StatusOr<std::vector<PeriodWarning>> ListWarningsOfPeriod(RegionCode scope, std::string_view period) = 0;
};

}  // namespace jz

#endif  // JZ_STORE_CASE_STORE_H_
