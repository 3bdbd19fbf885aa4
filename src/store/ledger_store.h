// The rectification ledger (整改台账) of the store: problems found by verification
// campaigns, inspections (督查巡查, 巡视, 成效考核反馈, 审计), data validation or external
// assessment, and the append-only history of what was done about each one until it was
// closed (销号). The rules of the state machine live in app/rectification.h; the store
// keeps rows and checks only what makes a row valid, plus one compare-and-set on the
// status so that two people acting on the same problem cannot both succeed.
//
// Reached through Store::ledger(). Thread safety: as the Store it belongs to.
#ifndef JZ_STORE_LEDGER_STORE_H_
#define JZ_STORE_LEDGER_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

// Where a problem was found. Stored as these integers.
enum class ProblemSource : uint8_t {
  kCampaign = 1,    // 核查 (县级自查、市州复查、省级抽查)
  kInspection = 2,  // 督查巡查、巡视、审计、考核反馈
  kValidation = 3,  // 数据质量校验 (jingzhun validate)
  kAssessment = 4,  // 第三方评估、成效考核
};

// The state of a problem (DOMAIN §5.1, 建账、对账、销账). Stored as these integers.
//   kOpen --progress--> kInProgress --request--> kClosureRequested --confirm--> kClosed
//   kOpen --request--> kClosureRequested;  kClosureRequested --reject--> kInProgress;
//   kClosed --reopen--> kOpen.
enum class ProblemStatus : uint8_t {
  kOpen = 1,              // 待整改
  kInProgress = 2,        // 整改中
  kClosureRequested = 3,  // 申请销号
  kClosed = 4,            // 已销号
};

// What happened to a problem. Stored as these integers.
enum class ProblemEventKind : uint8_t {
  kOpened = 1,            // 建账
  kProgress = 2,          // 整改进展
  kClosureRequested = 3,  // 申请销号
  kClosed = 4,            // 确认销号
  kRejected = 5,          // 退回（不予销号）
  kReopened = 6,          // 复查发现未整改到位，重新打开
  kReassigned = 7,        // 更换责任人
};

// Problem categories (问题类别), the groups inspection feedback is sorted into. Stored as
// these integers; labels and parsing in app/rectification.h.
enum class ProblemCategory : uint8_t {
  kIdentificationExit = 1,  // 识别退出
  kHousingSafety = 2,       // 住房安全
  kDrinkingWater = 3,       // 饮水安全
  kEducation = 4,           // 义务教育
  kMedical = 5,             // 基本医疗
  kIncome = 6,              // 收入及帮扶措施
  kProjectFunds = 7,        // 项目资金
  kDataQuality = 8,         // 数据质量
  kWorkStyle = 9,           // 工作作风
  kOther = 99,              // 其他
};

// One problem of the ledger. Invariants (checked by the store): description,
// responsible_unit, owner, source_ref and key are not empty; region is a valid code.
struct Problem {
  int64_t id = 0;                 // assigned by the store
  RegionCode region;              // any level; the problem's place
  std::string household_no;       // 户编号, empty when the problem is not about one household
  ProblemSource source = ProblemSource::kInspection;
  std::string source_ref;         // e.g. the campaign code or the inspection's name
  std::string source_item;        // the item within the source (问题编号, rule id, ...)
  ProblemCategory category = ProblemCategory::kOther;
  std::string description;        // 问题描述
  std::string lead_unit;          // 牵头单位
  std::string responsible_unit;   // 责任单位
  std::string owner;              // 责任人: the person who answers for the rectification
  std::string measure;            // 整改措施
  Date deadline;                  // 整改时限
  ProblemStatus status = ProblemStatus::kOpen;
  std::string key;                // idempotency key: a problem with a stored key is not added again
  std::string created_by;
  Date created_at;

  // The 6-digit county of `region`, 0 when the region is above county level.
  uint32_t County() const { return region.level() >= RegionLevel::kCounty ? region.County6() : 0; }

  friend bool operator==(const Problem&, const Problem&) = default;
};

// One entry of a problem's history. Append-only.
struct ProblemEvent {
  int64_t id = 0;          // assigned by the store
  int64_t problem_id = 0;
  ProblemEventKind kind = ProblemEventKind::kProgress;
  std::string actor;       // who did it
  Date date;
  std::string evidence;    // 佐证材料: file names, document numbers, photos' references
  std::string note;        // what was done, or the reason

  friend bool operator==(const ProblemEvent&, const ProblemEvent&) = default;
};

// What ListProblems returns. Empty optionals do not filter.
struct ProblemFilter {
  std::optional<RegionCode> scope = std::nullopt;  // problems whose region lies inside it
  std::optional<ProblemStatus> status = std::nullopt;
  std::optional<ProblemSource> source = std::nullopt;
  std::optional<std::string> source_ref = std::nullopt;
};

// One change of a problem's state: `event` is appended and the problem's status set to
// `new_status` (and its owner to `new_owner` when given), provided its status still is
// `expected_status`.
struct ProblemTransition {
  ProblemEvent event;
  ProblemStatus expected_status = ProblemStatus::kOpen;
  ProblemStatus new_status = ProblemStatus::kOpen;
  std::optional<std::string> new_owner = std::nullopt;
};

class LedgerStore {
 public:
  virtual ~LedgerStore() = default;

  // Adds `problems` in one transaction, each with an `opened` event (actor created_by,
  // date created_at, note `opened_note`). A problem whose key is already stored (or
  // repeated earlier in `problems`) is skipped. Returns, parallel to `problems`, the id
  // of each problem and whether it was added (true) or skipped (false).
  // Fails, storing nothing, with InvalidArgument when a problem breaks an invariant
  // (naming its index and field) and FailedPrecondition while a RegistryWriter is open.
  virtual StatusOr<std::vector<std::pair<int64_t, bool>>> AddProblems(std::span<const Problem> problems,
                                                                      std::string_view opened_note) = 0;

  // The problem with `id`, or nullopt.
  virtual StatusOr<std::optional<Problem>> FindProblem(int64_t id) = 0;

  // Problems matching `filter`, ordered by id.
  virtual StatusOr<std::vector<Problem>> ListProblems(const ProblemFilter& filter) = 0;

  // The history of problem `id`, oldest first (by date, then by id).
  virtual StatusOr<std::vector<ProblemEvent>> ListProblemEvents(int64_t id) = 0;

  // Applies `transition` in one transaction. Fails, changing nothing, with NotFound when
  // the problem does not exist, Aborted when its status is no longer expected_status
  // (someone else acted first), and FailedPrecondition while a RegistryWriter is open.
  virtual Status ApplyTransition(const ProblemTransition& transition) = 0;
};

}  // namespace jz

#endif  // JZ_STORE_LEDGER_STORE_H_
