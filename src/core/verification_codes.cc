// The tables of the workflow code lists (verification_codes.h): per list its name, and per
// value its code, zh-Hans label, English label and command-line name; further spellings
// found in inspection feedback lists and older command lines are aliases.
#include "core/verification_codes.h"

#include "core/internal/code_list_builders.h"

namespace jz {
namespace {

using internal::Alias;
using internal::CliNameIn;
using internal::CodeAlias;
using internal::CodeList;
using internal::NewWorkflowList;
using internal::Row;
using internal::WorkflowRow;

constexpr WorkflowRow kCampaignLevels[] = {
    Row(CampaignLevel::kCounty, "县级自查", "county self-check", "county"),
    Row(CampaignLevel::kPrefecture, "市州复查", "prefecture re-check", "prefecture"),
    Row(CampaignLevel::kProvince, "省级抽查", "province spot-check", "province"),
};

constexpr WorkflowRow kStrataKinds[] = {
    Row(StrataKind::kTownship, "乡镇", "township", "township"),
    Row(StrataKind::kVillage, "村", "village", "village"),
    Row(StrataKind::kCounty, "县", "county", "county"),
};

constexpr WorkflowRow kAllocations[] = {
    Row(SampleAllocation::kProportional, "按比例分配", "proportional", "proportional"),
    Row(SampleAllocation::kEqual, "等量分配", "equal", "equal"),
};

constexpr WorkflowRow kAnswers[] = {
    Row(FindingAnswer::kYes, "符合", "yes", "yes"),
    Row(FindingAnswer::kNo, "不符合", "no", "no"),
    Row(FindingAnswer::kNotApplicable, "不适用", "not applicable", "na"),
};

constexpr WorkflowRow kSources[] = {
    Row(ProblemSource::kCampaign, "核查", "verification campaign", "campaign"),
    Row(ProblemSource::kInspection, "督查巡查", "inspection", "inspection"),
    Row(ProblemSource::kValidation, "数据校验", "data validation", "validation"),
    Row(ProblemSource::kAssessment, "考核评估", "assessment", "assessment"),
};

constexpr WorkflowRow kStatuses[] = {
    Row(ProblemStatus::kOpen, "待整改", "open", "open"),
    Row(ProblemStatus::kInProgress, "整改中", "in progress", "in_progress"),
    Row(ProblemStatus::kClosureRequested, "申请销号", "closure requested", "closure_requested"),
    Row(ProblemStatus::kClosed, "已销号", "closed", "closed"),
};

constexpr WorkflowRow kEventKinds[] = {
    Row(ProblemEventKind::kOpened, "建账", "opened", "opened"),
    Row(ProblemEventKind::kProgress, "整改进展", "progress", "progress"),
    Row(ProblemEventKind::kClosureRequested, "申请销号", "closure requested", "closure_requested"),
    Row(ProblemEventKind::kClosed, "确认销号", "closed", "closed"),
    Row(ProblemEventKind::kRejected, "退回", "rejected", "rejected"),
    Row(ProblemEventKind::kReopened, "重新打开", "reopened", "reopened"),
    Row(ProblemEventKind::kReassigned, "更换责任人", "reassigned", "reassigned"),
};

constexpr WorkflowRow kCategories[] = {
    Row(ProblemCategory::kIdentificationExit, "识别退出", "identification and exit", "identification"),
    Row(ProblemCategory::kHousingSafety, "住房安全", "housing safety", "housing"),
    Row(ProblemCategory::kDrinkingWater, "饮水安全", "drinking water", "water"),
    Row(ProblemCategory::kEducation, "义务教育", "compulsory education", "education"),
    Row(ProblemCategory::kMedical, "基本医疗", "basic medical care", "medical"),
    Row(ProblemCategory::kIncome, "收入及帮扶措施", "income and assistance", "income"),
    Row(ProblemCategory::kProjectFunds, "项目资金", "project funds", "funds"),
    Row(ProblemCategory::kDataQuality, "数据质量", "data quality", "data"),
    Row(ProblemCategory::kWorkStyle, "工作作风", "work style", "conduct"),
    Row(ProblemCategory::kOther, "其他", "other", "other"),
};

constexpr WorkflowRow kLedgerActions[] = {
    Row(LedgerAction::kProgress, "记录整改进展", "record progress", "progress"),
    Row(LedgerAction::kRequest, "申请销号", "request closure", "request"),
    Row(LedgerAction::kConfirm, "确认销号", "confirm closure", "confirm"),
    Row(LedgerAction::kReject, "退回销号申请", "reject closure", "reject"),
    Row(LedgerAction::kReopen, "重新打开", "reopen", "reopen"),
    Row(LedgerAction::kReassign, "更换责任人", "reassign", "reassign"),
};

}  // namespace

const CodeList& CodeListTraits<CampaignLevel>::List() {
  static const CodeList& kList = NewWorkflowList("核查级别", "Campaign level", kCampaignLevels);
  return kList;
}

const CodeList& CodeListTraits<StrataKind>::List() {
  static const CodeList& kList = NewWorkflowList("分层", "Strata", kStrataKinds);
  return kList;
}

const CodeList& CodeListTraits<SampleAllocation>::List() {
  static const CodeList& kList = NewWorkflowList("样本分配", "Sample allocation", kAllocations);
  return kList;
}

const CodeList& CodeListTraits<FindingAnswer>::List() {
  using enum FindingAnswer;
  // Spellings of the field forms and of older findings files.
  static constexpr CodeAlias kAliases[] = {Alias("是", kYes), Alias("ok", kYes), Alias("否", kNo),
                                           Alias("problem", kNo), Alias("n/a", kNotApplicable)};
  static const CodeList& kList = NewWorkflowList("核查结果", "Finding answer", kAnswers, kAliases);
  return kList;
}

const CodeList& CodeListTraits<ProblemSource>::List() {
  static const CodeList& kList = NewWorkflowList("问题来源类型", "Problem source", kSources);
  return kList;
}

const CodeList& CodeListTraits<ProblemStatus>::List() {
  static const CodeList& kList = NewWorkflowList("整改状态", "Rectification status", kStatuses);
  return kList;
}

const CodeList& CodeListTraits<ProblemEventKind>::List() {
  static const CodeList& kList = NewWorkflowList("整改记录类型", "Ledger event", kEventKinds);
  return kList;
}

const CodeList& CodeListTraits<ProblemCategory>::List() {
  using enum ProblemCategory;
  // Short forms found in inspection feedback lists.
  static constexpr CodeAlias kAliases[] = {
      Alias("饮水", kDrinkingWater),
      Alias("作风", kWorkStyle),
      Alias("教育", kEducation),
      Alias("医疗", kMedical),
      Alias("住房", kHousingSafety),
      Alias("资金", kProjectFunds),
      Alias("识别", kIdentificationExit),
      Alias("帮扶", kIncome),
      Alias("收入", kIncome),
      Alias("数据", kDataQuality),
      Alias("危房", kHousingSafety),
  };
  static const CodeList& kList = NewWorkflowList("问题类别", "Problem category", kCategories, kAliases);
  return kList;
}

const CodeList& CodeListTraits<LedgerAction>::List() {
  static const CodeList& kList = NewWorkflowList("整改操作", "Ledger action", kLedgerActions);
  return kList;
}

std::string_view CliName(CampaignLevel value) { return CliNameIn(kCampaignLevels, value); }
std::string_view CliName(StrataKind value) { return CliNameIn(kStrataKinds, value); }
std::string_view CliName(SampleAllocation value) { return CliNameIn(kAllocations, value); }
std::string_view CliName(FindingAnswer value) { return CliNameIn(kAnswers, value); }
std::string_view CliName(ProblemSource value) { return CliNameIn(kSources, value); }
std::string_view CliName(ProblemStatus value) { return CliNameIn(kStatuses, value); }
std::string_view CliName(ProblemEventKind value) { return CliNameIn(kEventKinds, value); }
std::string_view CliName(ProblemCategory value) { return CliNameIn(kCategories, value); }
std::string_view CliName(LedgerAction value) { return CliNameIn(kLedgerActions, value); }

RegionLevel StrataLevel(StrataKind kind) {
  switch (kind) {
    case StrataKind::kCounty:
      return RegionLevel::kCounty;
    case StrataKind::kVillage:
      return RegionLevel::kVillage;
    case StrataKind::kTownship:
      break;
  }
  return RegionLevel::kTownship;
}

}  // namespace jz
