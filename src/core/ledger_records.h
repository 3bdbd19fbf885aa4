// The records of the rectification ledger (整改台账, DOMAIN §5.1): a problem found by a
// campaign, an inspection, data validation or an assessment, and the append-only events of
// what was done about it until it was closed (销号). Plain values: the store keeps them
// (store/ledger_store.h), app applies the state machine (app/rectification/), doors show
// them. The code lists they use are in verification_codes.h.
#ifndef JZ_CORE_LEDGER_RECORDS_H_
#define JZ_CORE_LEDGER_RECORDS_H_

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/region_code.h"
#include "core/verification_codes.h"

namespace jz {

// One problem of the ledger. Invariants (checked by the store): description,
// responsible_unit, owner, source_ref and key are not empty; region is a valid code.
struct Problem {
  int64_t id = 0;            // assigned by the store
  RegionCode region;         // any level; the problem's place
  std::string household_no;  // 户编号, empty when the problem is not about one household
  ProblemSource source = ProblemSource::kInspection;
  std::string source_ref;   // e.g. the campaign code or the inspection's name
  std::string source_item;  // the item within the source (问题编号, rule id, ...)
  ProblemCategory category = ProblemCategory::kOther;
  std::string description;       // 问题描述
  std::string lead_unit;         // 牵头单位
  std::string responsible_unit;  // 责任单位
  std::string owner;             // 责任人: the person who answers for the rectification
  std::string measure;           // 整改措施
  Date deadline;                 // 整改时限
  ProblemStatus status = ProblemStatus::kOpen;
  std::string key;  // idempotency key: a problem with a stored key is not added again
  std::string created_by;
  Date created_at;

  // The 6-digit county of `region`, 0 when the region is above county level.
  uint32_t County() const { return region.level() >= RegionLevel::kCounty ? region.County6() : 0; }

  friend bool operator==(const Problem&, const Problem&) = default;
};

// One entry of a problem's history. Append-only.
struct ProblemEvent {
  int64_t id = 0;  // assigned by the store
  int64_t problem_id = 0;
  ProblemEventKind kind = ProblemEventKind::kProgress;
  std::string actor;  // who did it
  Date date;
  std::string evidence;  // 佐证材料: file names, document numbers, photos' references
  std::string note;      // what was done, or the reason

  friend bool operator==(const ProblemEvent&, const ProblemEvent&) = default;
};

}  // namespace jz

#endif  // JZ_CORE_LEDGER_RECORDS_H_
