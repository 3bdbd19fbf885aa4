// The store interface that keeps monitoring cases (防止返贫监测, DOMAIN §3.5-§3.8): the case
// row, its append-only event history, income checks, visits and cadre assignments. The
// records themselves are in core/monitoring_case.h, the workflow codes in core/case_codes.h.
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

#include "core/monitoring_case.h"
#include "core/registry.h"
#include "core/status.h"

namespace jz {

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
  std::optional<StatusEvent> status_event;   // registry history (纳入监测, 风险消除)
  std::optional<AssistanceMeasure> measure;  // stored with this case's id
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
  virtual StatusOr<std::vector<PeriodWarning>> ListWarningsOfPeriod(RegionCode scope,
                                                                    std::string_view period) = 0;
};

}  // namespace jz

#endif  // JZ_STORE_CASE_STORE_H_
