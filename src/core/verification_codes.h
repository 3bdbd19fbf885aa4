// The workflow code lists of verification campaigns (核查, DOMAIN §5.4) and the rectification
// ledger (整改台账, DOMAIN §5.1): campaign levels, strata, allocation, finding answers, problem
// sources, statuses, categories, events and ledger actions. Each is registered with the
// national code lists' mechanism (code_lists.h), so Label(), Parse<E>(), AllValues<E>() and
// zh-Hant labels through OpenCC work for them as for every other list; the values are the
// integers the store keeps.
//
// Besides its labels, each value has a fixed English command-line name (CliName(): "county",
// "in_progress", "housing"), used in options, CSV and JSON keys; Parse<E>() accepts it too.
//
//   ASSIGN_OR_RETURN(ProblemStatus status, Parse<ProblemStatus>("in_progress"));  // or 整改中, 2
//   std::string_view shown = Label(status, Lang::kEn);                             // "in progress"
//
// Thread safety: every function here may be called from any thread.
#ifndef JZ_CORE_VERIFICATION_CODES_H_
#define JZ_CORE_VERIFICATION_CODES_H_

#include <cstdint>
#include <string_view>

#include "core/code_lists.h"
#include "core/region_code.h"

namespace jz {

// The level of a campaign.
enum class CampaignLevel : uint8_t {
  kCounty = 1,      // 县级自查: every household in scope
  kPrefecture = 2,  // 市州复查: a stratified sample
  kProvince = 3,    // 省级抽查: a (smaller) stratified sample
};

// What a sample is stratified by.
enum class StrataKind : uint8_t { kTownship = 1, kVillage = 2, kCounty = 3 };

// How a sample's size is shared among the strata.
enum class SampleAllocation : uint8_t {
  kProportional = 1,  // 按比例: in proportion to each stratum's households
  kEqual = 2,         // 等量: the same number from each stratum
};

// A finding's answer for one checklist item.
enum class FindingAnswer : uint8_t {
  kYes = 1,            // 符合: the guarantee holds / the record is right
  kNo = 2,             // 不符合: a problem
  kNotApplicable = 3,  // 不适用
};

// Where a problem was found.
enum class ProblemSource : uint8_t {
  kCampaign = 1,    // 核查 (县级自查、市州复查、省级抽查)
  kInspection = 2,  // 督查巡查、巡视、审计、考核反馈
  kValidation = 3,  // 数据质量校验 (jingzhun validate)
  kAssessment = 4,  // 第三方评估、成效考核
};

// The state of a problem (DOMAIN §5.1, 建账、对账、销账).
//   kOpen --progress--> kInProgress --request--> kClosureRequested --confirm--> kClosed
//   kOpen --request--> kClosureRequested;  kClosureRequested --reject--> kInProgress;
//   kClosed --reopen--> kOpen.
enum class ProblemStatus : uint8_t {
  kOpen = 1,              // 待整改
  kInProgress = 2,        // 整改中
  kClosureRequested = 3,  // 申请销号
  kClosed = 4,            // 已销号
};

// What happened to a problem (one entry of its history).
enum class ProblemEventKind : uint8_t {
  kOpened = 1,            // 建账
  kProgress = 2,          // 整改进展
  kClosureRequested = 3,  // 申请销号
  kClosed = 4,            // 确认销号
  kRejected = 5,          // 退回（不予销号）
  kReopened = 6,          // 复查发现未整改到位，重新打开
  kReassigned = 7,        // 更换责任人
};

// Problem categories (问题类别), the groups inspection feedback is sorted into.
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

// What a person may do to a problem: the verbs of `jingzhun rectify`.
enum class LedgerAction : uint8_t {
  kProgress = 1,  // 记录整改进展
  kRequest = 2,   // 申请销号
  kConfirm = 3,   // 确认销号
  kReject = 4,    // 退回销号申请
  kReopen = 5,    // 重新打开
  kReassign = 6,  // 更换责任人
};

template <>
struct CodeListTraits<CampaignLevel> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<StrataKind> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<SampleAllocation> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<FindingAnswer> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<ProblemSource> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<ProblemStatus> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<ProblemEventKind> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<ProblemCategory> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<LedgerAction> {
  static const internal::CodeList& List();
};

// The English command-line name of a value: "county", "township", "proportional", "yes",
// "inspection", "in_progress", "opened", "housing", "confirm". Stable: CSV and JSON keys use
// it. Returns "" for a value that is not on its list (only reachable by casting).
std::string_view CliName(CampaignLevel value);
std::string_view CliName(StrataKind value);
std::string_view CliName(SampleAllocation value);
std::string_view CliName(FindingAnswer value);
std::string_view CliName(ProblemSource value);
std::string_view CliName(ProblemStatus value);
std::string_view CliName(ProblemEventKind value);
std::string_view CliName(ProblemCategory value);
std::string_view CliName(LedgerAction value);

// The region level of a stratum of `kind`.
RegionLevel StrataLevel(StrataKind kind);

}  // namespace jz

#endif  // JZ_CORE_VERIFICATION_CODES_H_
