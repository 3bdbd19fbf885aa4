// Tests of the door-facing case use cases (case_requests.h): the defaults filled from the
// Workspace (today, the province), and the guards every door relies on — no event after
// today, no step before the step it follows, a strict period, bounded numbers.
#include "app/cases/case_requests.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/limits.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

template <typename R>
R Days(int days) {
  R r;
  r.days = days;
  return r;
}

class CaseRequestsTest : public ::testing::Test {
 protected:
  // Today is 2024-06-30 for every test here.
  void SetUp() override {
    std::unique_ptr<Store> store = std::move(OpenSqliteStore(":memory:")).value();
    ASSERT_OK(testing::LoadTestRegions(*store));
    Household h1 = testing::TestHousehold("H1", 2);
    h1.monitoring_type.reset();
    h1.risk_identified.reset();
    ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
    ASSERT_OK(writer->Upsert(h1).status());
    ASSERT_OK(writer->Commit());
    ws_ = Workspace::Over(std::move(store), D(2024, 6, 30));
  }

  // A case of H1: lead 2024-01-02, verified 2024-01-04.
  int64_t Verified() {
    StatusOr<CaseStepResult> open =
        OpenCase(*ws_, {"H1", CaseSource::kApplication, D(2024, 1, 2), "李明", "农户申请"});
    EXPECT_OK(open.status());
    if (!open.ok()) return 0;
    EXPECT_OK(VerifyCase(*ws_, {open->case_id, D(2024, 1, 4), "李明", "入户核实"}).status());
    return open->case_id;
  }

  std::unique_ptr<Workspace> ws_;
};

TEST_F(CaseRequestsTest, TodayIsTheFixture) { EXPECT_EQ(ws_->today(), D(2024, 6, 30)); }

TEST_F(CaseRequestsTest, StepsReturnTheNewState) {
  const int64_t id = Verified();
  ASSERT_OK_AND_ASSIGN(CaseStepResult excluded,
                       ExcludeCase(*ws_, {id, D(2024, 1, 5), "王强", "收入高于监测线"}));
  EXPECT_EQ(excluded.case_id, id);
  EXPECT_EQ(excluded.state, CaseState::kNotIncluded);
  EXPECT_EQ(excluded.date, D(2024, 1, 5));
}

TEST_F(CaseRequestsTest, ScopeAndAsOfDefaultToTheProvinceAndToday) {
  Verified();
  ASSERT_OK_AND_ASSIGN(ListCasesResult list, ListMonitoringCases(*ws_, {}));
  EXPECT_EQ(list.scope.ShortString(), "22");
  EXPECT_EQ(list.cases.size(), 1u);
  ASSERT_OK_AND_ASSIGN(OverdueResult overdue, ListOverdue(*ws_, {}));
  EXPECT_EQ(overdue.as_of, D(2024, 6, 30));
  EXPECT_EQ(overdue.days, kIdentificationLimitDays);
  EXPECT_EQ(overdue.cases.size(), 1u);  // verified on 01-04 and still not identified
  ASSERT_OK_AND_ASSIGN(UnvisitedResult unvisited, ListUnvisitedHouseholds(*ws_, {}));
  EXPECT_EQ(unvisited.days, kDefaultUnvisitedDays);
  ASSERT_OK_AND_ASSIGN(CaseSummaryResult summary, SummarizeMonitoringCases(*ws_, {}));
  EXPECT_EQ(summary.summary.total.region.ShortString(), "22");
  EXPECT_EQ(summary.summary.total.by_state[1], 1);
}

TEST_F(CaseRequestsTest, EventsAfterTodayAreRefused) {
  const Date tomorrow = D(2024, 7, 1);
  EXPECT_STATUS(OpenCase(*ws_, {"H1", CaseSource::kVisit, tomorrow, "李明", ""}),
                StatusCode::kInvalidArgument, "2024-07-01");
  const int64_t id = Verified();
  StatusOr<CaseStepResult> late = ExcludeCase(*ws_, {id, tomorrow, "王强", "理由"});
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(late.status().message(), AllOf(HasSubstr("2024-07-01"), HasSubstr("2024-06-30")));
  EXPECT_STATUS(RecordIncome(*ws_, {"H1", tomorrow, "李明", Money::FromYuan(9000), "入户核算"}),
                StatusCode::kInvalidArgument, "2024-07-01");
  EXPECT_STATUS(RecordCaseVisit(*ws_, {"H1", tomorrow, "王芳", "", VisitMode::kPhone, "", "", "", ""}),
                StatusCode::kInvalidArgument, "2024-07-01");
  EXPECT_STATUS(AssignHouseholdCadre(*ws_, {"H1", "孙丽", "乡政府", "", "", tomorrow, "王强"}),
                StatusCode::kInvalidArgument, "2024-07-01");
  EXPECT_STATUS(OpenLeadsFromWarnings(*ws_, {"2024-06", std::nullopt, tomorrow, "系统", std::nullopt}),
                StatusCode::kInvalidArgument, "2024-07-01");
  // Today itself is fine.
  EXPECT_OK(RecordIncome(*ws_, {"H1", D(2024, 6, 30), "李明", Money::FromYuan(9000), "入户核算"}));
}

TEST_F(CaseRequestsTest, StepBeforeThePreviousStepNamesBothDates) {
  const int64_t id = Verified();
  StatusOr<CaseStepResult> early = ExcludeCase(*ws_, {id, D(2024, 1, 3), "王强", "理由"});
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(early.status().message(), AllOf(HasSubstr("2024-01-03"), HasSubstr("2024-01-04")));
  IncludeCaseRequest include;
  include.case_id = id;
  include.date = D(2024, 1, 3);
  include.actor = "王强";
  include.monitoring_type = MonitoringType::kUnstableExited;
  include.risks = {RiskCategory::kIllness};
  include.procedure = {D(2024, 1, 6), D(2024, 1, 7), D(2024, 1, 11), D(2024, 1, 12)};
  StatusOr<CaseStepResult> included = IncludeCase(*ws_, include);
  EXPECT_EQ(included.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(included.status().message(), AllOf(HasSubstr("2024-01-03 早于上一步的日期 2024-01-04"),
                                                 HasSubstr("before the previous step's date 2024-01-04")));
}

TEST_F(CaseRequestsTest, PeriodIsParsedStrictly) {
  for (const char* bad : {"2025-13", "2025-1", "2025/12", ""}) {
    StatusOr<LeadsFromWarningsResult> r =
        OpenLeadsFromWarnings(*ws_, {bad, std::nullopt, D(2024, 6, 1), "系统", std::nullopt});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  ASSERT_OK_AND_ASSIGN(
      LeadsFromWarningsResult ok,
      OpenLeadsFromWarnings(*ws_, {" 2024-05 ", std::nullopt, D(2024, 6, 1), "系统", std::nullopt}));
  EXPECT_EQ(ok.period, "2024-05");
  EXPECT_EQ(ok.scope.ShortString(), "22");
}

TEST_F(CaseRequestsTest, NumbersAreBounded) {
  EXPECT_STATUS(VerifyCase(*ws_, {0, D(2024, 1, 4), "李明", "x"}), StatusCode::kInvalidArgument, "case id 0");
  EXPECT_STATUS(ShowCase(*ws_, {-3}), StatusCode::kInvalidArgument, "-3");
  EXPECT_STATUS(ShowCase(*ws_, {99}), StatusCode::kNotFound, "99");
  for (int days : {-1, kMaxCaseListDays + 1}) {
    EXPECT_STATUS(ListOverdue(*ws_, Days<OverdueRequest>(days)), StatusCode::kInvalidArgument, "--days");
    EXPECT_STATUS(ListUnvisitedHouseholds(*ws_, Days<UnvisitedRequest>(days)), StatusCode::kInvalidArgument,
                  "--days");
    EXPECT_STATUS(SummarizeMonitoringCases(*ws_, Days<CaseSummaryRequest>(days)),
                  StatusCode::kInvalidArgument, "--days");
  }
  EXPECT_OK(ListOverdue(*ws_, Days<OverdueRequest>(kMaxCaseListDays)).status());
  EXPECT_STATUS(
      RecordIncome(*ws_, {"H1", D(2024, 6, 1), "李明", Money::FromFen(kMaxIncomePerCapitaFen + 1), ""}),
      StatusCode::kInvalidArgument, "--per-capita");
  EXPECT_STATUS(
      RecordCaseVisit(*ws_, {"H1", D(2024, 6, 1), "王芳", "", VisitMode::kInPerson, "", "91.5", "10", ""}),
      StatusCode::kInvalidArgument, "±90");
  EXPECT_STATUS(RecordCaseVisit(
                    *ws_, {"H1", D(2024, 6, 1), "王芳", "", VisitMode::kInPerson, "", "43.1234567", "1", ""}),
                StatusCode::kInvalidArgument, "--lat");
  EXPECT_STATUS(
      RecordCaseVisit(*ws_, {"H1", D(2024, 6, 1), "王芳", "", VisitMode::kInPerson, "", "43.5", "", ""}),
      StatusCode::kInvalidArgument, "both");

  const int64_t id = Verified();
  CaseMeasureRequest measure;
  measure.case_id = id;
  measure.date = D(2024, 1, 20);
  measure.actor = "李明";
  measure.measure = {"",
                     AssistanceKind::kHealth,
                     D(2024, 1, 20),
                     std::nullopt,
                     "医疗救助",
                     Money::FromFen(kMaxMeasureFundsFen + 100)};
  EXPECT_STATUS(RecordCaseMeasure(*ws_, measure), StatusCode::kInvalidArgument, "--funds");
  measure.measure.funds = Money::FromYuan(-5);
  EXPECT_STATUS(RecordCaseMeasure(*ws_, measure), StatusCode::kInvalidArgument, "--funds");

  EXPECT_STATUS(CaseNotice(*ws_, {0}), StatusCode::kInvalidArgument, "case id 0");

  ProposeEliminationRequest propose;
  propose.case_id = id;
  propose.date = D(2024, 6, 1);
  propose.actor = "李明";
  EXPECT_STATUS(ProposeElimination(*ws_, propose), StatusCode::kInvalidArgument, "--line");
  propose.monitoring_line = Money::FromYuan(0);
  EXPECT_STATUS(ProposeElimination(*ws_, propose), StatusCode::kInvalidArgument, "--line");
}

TEST_F(CaseRequestsTest, CoordinatesAreReadExactly) {
  ASSERT_OK_AND_ASSIGN(std::optional<int64_t> lat, ParseMicrodegrees("--lat", "43.312345"));
  EXPECT_EQ(lat, 43312345);
  ASSERT_OK_AND_ASSIGN(std::optional<int64_t> lon, ParseMicrodegrees("--lon", "-129.7"));
  EXPECT_EQ(lon, -129700000);
  EXPECT_EQ(*ParseMicrodegrees("--lat", ""), std::nullopt);
  for (const char* bad : {"1e5", "43,3", "-", ".5", "1234.5", "43.1234567"}) {
    EXPECT_STATUS(ParseMicrodegrees("--lat", bad), StatusCode::kInvalidArgument, "--lat");
  }
}

}  // namespace
}  // namespace jz
