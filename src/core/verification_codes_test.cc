// The workflow code lists (verification_codes.h): every list behaves as a national code list
// (labels unique, each label and command-line name parses back), and the spellings the
// campaign and rectify commands accepted before the lists moved to core still parse.
#include "core/verification_codes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

template <class E>
class EveryWorkflowList : public ::testing::Test {};

using WorkflowLists =
    ::testing::Types<CampaignLevel, StrataKind, SampleAllocation, FindingAnswer, ProblemSource, ProblemStatus,
                     ProblemEventKind, ProblemCategory, LedgerAction>;
TYPED_TEST_SUITE(EveryWorkflowList, WorkflowLists);

TYPED_TEST(EveryWorkflowList, LabelsAndCliNamesAreUniqueAndParseBack) {
  for (Lang lang : {Lang::kZhHans, Lang::kZhHant, Lang::kEn}) {
    std::set<std::string> labels;
    for (TypeParam value : AllValues<TypeParam>()) {
      const std::string label(Label(value, lang));
      EXPECT_FALSE(label.empty());
      EXPECT_TRUE(labels.insert(label).second) << label;
      ASSERT_OK_AND_ASSIGN(TypeParam parsed, Parse<TypeParam>(label));
      EXPECT_EQ(parsed, value) << label;
    }
  }
  std::set<std::string_view> names;
  for (TypeParam value : AllValues<TypeParam>()) {
    EXPECT_FALSE(CliName(value).empty());
    EXPECT_TRUE(names.insert(CliName(value)).second) << CliName(value);
    ASSERT_OK_AND_ASSIGN(TypeParam parsed, Parse<TypeParam>(CliName(value)));
    EXPECT_EQ(parsed, value) << CliName(value);
    ASSERT_OK_AND_ASSIGN(parsed, Parse<TypeParam>(std::to_string(Code(value))));
    EXPECT_EQ(parsed, value);
  }
}

TYPED_TEST(EveryWorkflowList, RefusesUnknownTextNamingTheListAndValue) {
  const Status status = Parse<TypeParam>("无此值").status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("无此值"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find(ListName<TypeParam>(Lang::kEn)), std::string::npos) << status.message();
}

// The spellings of the former ParseCampaignLevel, ParseFindingAnswer and ParseProblem* (CLI
// options and findings files written before the move).
TEST(WorkflowCodes, EarlierSpellingsStillParse) {
  EXPECT_EQ(*Parse<CampaignLevel>("county"), CampaignLevel::kCounty);
  EXPECT_EQ(*Parse<CampaignLevel>("市州复查"), CampaignLevel::kPrefecture);
  EXPECT_EQ(*Parse<CampaignLevel>("3"), CampaignLevel::kProvince);
  for (const char* yes : {"1", "符合", "yes", "ok", "是"})
    EXPECT_EQ(*Parse<FindingAnswer>(yes), FindingAnswer::kYes) << yes;
  for (const char* no : {"2", "不符合", "no", "problem", "否"})
    EXPECT_EQ(*Parse<FindingAnswer>(no), FindingAnswer::kNo) << no;
  for (const char* na : {"3", "不适用", "na", "n/a"}) {
    EXPECT_EQ(*Parse<FindingAnswer>(na), FindingAnswer::kNotApplicable) << na;
  }
  EXPECT_EQ(*Parse<ProblemCategory>("住房安全"), ProblemCategory::kHousingSafety);
  EXPECT_EQ(*Parse<ProblemCategory>("饮水"), ProblemCategory::kDrinkingWater);
  EXPECT_EQ(*Parse<ProblemCategory>("作风"), ProblemCategory::kWorkStyle);
  EXPECT_EQ(*Parse<ProblemCategory>("funds"), ProblemCategory::kProjectFunds);
  EXPECT_EQ(*Parse<ProblemCategory>("1"), ProblemCategory::kIdentificationExit);
  EXPECT_EQ(*Parse<ProblemStatus>("closure_requested"), ProblemStatus::kClosureRequested);
  EXPECT_EQ(*Parse<ProblemSource>("考核评估"), ProblemSource::kAssessment);
  EXPECT_EQ(*Parse<StrataKind>("village"), StrataKind::kVillage);
  EXPECT_EQ(*Parse<SampleAllocation>("equal"), SampleAllocation::kEqual);
  EXPECT_EQ(*Parse<LedgerAction>("reassign"), LedgerAction::kReassign);
  EXPECT_STATUS(Parse<CampaignLevel>("village"), StatusCode::kInvalidArgument, "village");
  EXPECT_STATUS(Parse<ProblemCategory>("天气"), StatusCode::kInvalidArgument, "天气");
}

TEST(WorkflowCodes, LabelsAsTheCommandsShowThem) {
  EXPECT_EQ(Label(ProblemStatus::kClosed, Lang::kEn), "closed");
  EXPECT_EQ(Label(ProblemStatus::kInProgress), "整改中");
  EXPECT_EQ(CliName(ProblemStatus::kInProgress), "in_progress");
  EXPECT_EQ(Label(CampaignLevel::kProvince), "省级抽查");
  EXPECT_EQ(Label(CampaignLevel::kProvince, Lang::kEn), "province spot-check");
  EXPECT_EQ(Label(ProblemStatus::kClosed, Lang::kZhHant), "已銷號");
  EXPECT_EQ(StrataLevel(StrataKind::kVillage), RegionLevel::kVillage);
}

}  // namespace
}  // namespace jz
