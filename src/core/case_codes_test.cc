// Tests of the workflow code lists of cases beyond the invariants every list is checked for
// (code_lists_test.cc): the CLI's English names still parse, and the labels the case
// commands print are unchanged.
#include "core/case_codes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

TEST(CaseCodes, CliNamesParse) {
  EXPECT_EQ(*Parse<CaseSource>("screening"), CaseSource::kScreening);
  EXPECT_EQ(*Parse<CaseSource>("visit"), CaseSource::kVisit);
  EXPECT_EQ(*Parse<CaseSource>("application"), CaseSource::kApplication);
  const std::pair<const char*, CaseState> states[] = {
      {"lead", CaseState::kLead},
      {"verified", CaseState::kVerified},
      {"not_included", CaseState::kNotIncluded},
      {"included", CaseState::kIncluded},
      {"assisting", CaseState::kAssisting},
      {"elimination_proposed", CaseState::kEliminationProposed},
      {"eliminated", CaseState::kEliminated}};
  for (const auto& [name, state] : states) EXPECT_EQ(*Parse<CaseState>(name), state) << name;
  EXPECT_EQ(*Parse<VisitMode>("in-person"), VisitMode::kInPerson);
  EXPECT_EQ(*Parse<VisitMode>("phone"), VisitMode::kPhone);
}

TEST(CaseCodes, ChineseLabelsAndCodesParse) {
  EXPECT_EQ(*Parse<CaseState>("帮扶中"), CaseState::kAssisting);
  EXPECT_EQ(*Parse<CaseState>("幫扶中"), CaseState::kAssisting);  // zh-Hant
  EXPECT_EQ(*Parse<VisitMode>("入户"), VisitMode::kInPerson);
  EXPECT_EQ(*Parse<CaseSource>("农户申报"), CaseSource::kApplication);
  EXPECT_EQ(*Parse<VisitMode>("99"), VisitMode::kOther);
  EXPECT_EQ(FromCode<CaseAction>(8), CaseAction::kKeep);
  EXPECT_EQ(FromCode<CaseAction>(9), std::nullopt);
}

TEST(CaseCodes, UnknownValueNamesTheListAndTheAcceptedValues) {
  StatusOr<CaseState> done = Parse<CaseState>("done");
  ASSERT_EQ(done.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(done.status().message(), ::testing::HasSubstr("done"));
  EXPECT_THAT(done.status().message(), ::testing::HasSubstr("案件状态"));
  EXPECT_THAT(done.status().message(), ::testing::HasSubstr("风险消除已提出"));
}

TEST(CaseCodes, LabelsAreThoseTheCaseCommandsPrint) {
  EXPECT_EQ(Label(CaseState::kEliminationProposed, Lang::kEn), "elimination proposed");
  EXPECT_EQ(Label(CaseState::kLead, Lang::kEn), "lead");  // "case 1 is lead"
  EXPECT_EQ(Label(CaseAction::kInclude), "纳入监测");
  EXPECT_EQ(Label(CaseSource::kVisit), "干部排查");
  EXPECT_EQ(Label(VisitMode::kInPerson, Lang::kEn), "in person");
}

TEST(CaseCodes, OnlyNotIncludedAndEliminatedAreFinal) {
  for (CaseState state : AllValues<CaseState>()) {
    EXPECT_EQ(IsOpen(state), state != CaseState::kNotIncluded && state != CaseState::kEliminated)
        << Code(state);
  }
}

}  // namespace
}  // namespace jz
