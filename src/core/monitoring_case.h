// The records of a monitoring case (防止返贫监测 cases: lead → verified → included →
// assisting → risk elimination, DOMAIN §3.5-§3.8): the case row, one step of its
// append-only history, a household's income check and a cadre's visit. Plain values shared
// by the store that keeps them (store/case_store.h), the use cases (app/cases/) and the
// doors that show them; the codes they carry are in core/case_codes.h.
#ifndef JZ_CORE_MONITORING_CASE_H_
#define JZ_CORE_MONITORING_CASE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/case_codes.h"
#include "core/registry.h"

namespace jz {

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
  std::optional<Date> approval_date;  // 县级审定
  std::string reason;
  std::string payload;  // further facts of the step as "key=value; …" (type, risks, measure)

  friend bool operator==(const CaseEvent&, const CaseEvent&) = default;
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

}  // namespace jz

#endif  // JZ_CORE_MONITORING_CASE_H_
