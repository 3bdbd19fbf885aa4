// The workflow code lists of monitoring cases (防止返贫监测, DOMAIN §3.4-§3.8): where a lead
// came from, the state of a case, what one step did, and how a household was visited. They
// are registered in the national code lists' mechanism (core/code_lists.h), so Label(),
// Parse<E>(), AllValues<E>() and FromCode<E>() work on them as on any national list, with
// zh-Hant derived from zh-Hans by OpenCC.
//
//   ASSIGN_OR_RETURN(CaseState state, Parse<CaseState>(text));  // "assisting", "帮扶中", "5"
//   std::string_view shown = Label(state, Lang::kEn);             // "assisting"
//
// The English labels are lower case because they are also the words the CLI and the
// English messages use ("case 1 is lead"); the CLI's snake_case and hyphenated names
// (not_included, in-person, visit) are accepted as aliases. Codes are the values stored in
// the database: never renumber them.
// Thread safety: as code_lists.h (any thread).
#ifndef JZ_CORE_CASE_CODES_H_
#define JZ_CORE_CASE_CODES_H_

#include <cstdint>

#include "core/code_lists.h"

namespace jz {

// 线索来源: where a lead came from (DOMAIN §3.4: the three channels).
enum class CaseSource : uint8_t {
  kScreening = 1,    // 部门筛查预警
  kVisit = 2,        // 干部排查
  kApplication = 3,  // 农户申报
};

// 案件状态. not_included and eliminated are final.
enum class CaseState : uint8_t {
  kLead = 1,                 // 线索
  kVerified = 2,             // 已核实 (household visited)
  kNotIncluded = 3,          // 不纳入
  kIncluded = 4,             // 已纳入 (identified as a monitored household)
  kAssisting = 5,            // 帮扶中 (at least one measure)
  kEliminationProposed = 6,  // 风险消除已提出
  kEliminated = 7,           // 已消除
};

// 案件操作: what one event did. kMeasure and kKeep do not necessarily change the state.
enum class CaseAction : uint8_t {
  kOpen = 1,       // 登记线索
  kVerify = 2,     // 入户核实
  kExclude = 3,    // 不纳入
  kInclude = 4,    // 纳入监测
  kMeasure = 5,    // 记录帮扶措施
  kPropose = 6,    // 提出风险消除
  kEliminate = 7,  // 标注风险消除
  kKeep = 8,       // 继续监测
};

// 走访方式.
enum class VisitMode : uint8_t {
  kInPerson = 1,  // 入户
  kPhone = 2,     // 电话
  kVideo = 3,     // 视频
  kOther = 99,    // 其他
};

// Returns whether a case in `state` is still open (not final).
inline bool IsOpen(CaseState state) {
  return state != CaseState::kNotIncluded && state != CaseState::kEliminated;
}

template <>
struct CodeListTraits<CaseSource> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<CaseState> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<CaseAction> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<VisitMode> {
  static const internal::CodeList& List();
};

}  // namespace jz

#endif  // JZ_CORE_CASE_CODES_H_
