// The doors' ledger requests (ledger_requests.h) on an in-memory store with an injected today:
// undated steps happen today, steps after today and steps before the problem's last entry are
// refused naming the dates, the deadline in days is bounded, lists carry region names and the
// 清零 view defaults to the loaded province.
#include "app/rectification/ledger_requests.h"

#include <gtest/gtest.h>

#include "app/workspace.h"
#include "core/limits.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

class LedgerRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenSqliteStore(":memory:"));
    ASSERT_OK(testing::LoadTestRegions(*store));
    ws_ = Workspace::Over(std::move(store), kToday);
  }
  StatusOr<AddedProblems> Add(std::optional<Date> date = std::nullopt) {
    ProblemAddRequest r;
    r.source_ref = "2025年省级督查";
    r.region = *RegionCode::Parse("222424100205");
    r.category = ProblemCategory::kHousingSafety;
    r.description = "C级危房未改造";
    r.responsible_unit = "汪清镇政府";
    r.owner = "张三";
    r.deadline = D(2025, 6, 30);
    r.actor = "李四";
    r.date = date;
    return AddProblem(*ws_, r);
  }
  StatusOr<ProblemActionResult> Act(LedgerAction action, int64_t id, std::string actor,
                                    std::optional<Date> date) {
    return ActOnProblem(*ws_, {action, id, std::move(actor), date, "照片", "理由", ""});
  }

  static inline const Date kToday = D(2025, 3, 10);
  std::unique_ptr<Workspace> ws_;
};

TEST_F(LedgerRequestsTest, UndatedStepsHappenTodayAndFutureStepsAreRefused) {
  EXPECT_STATUS(Add(D(2025, 3, 11)), StatusCode::kInvalidArgument,
                "the ledger entry date 2025-03-11 is after today (2025-03-10)");
  ASSERT_OK_AND_ASSIGN(AddedProblems added, Add());
  const int64_t id = added.ids[0];
  EXPECT_STATUS(Act(LedgerAction::kProgress, id, "张三", D(2025, 12, 1)), StatusCode::kInvalidArgument,
                "the progress date 2025-12-01 is after today");
  ASSERT_OK_AND_ASSIGN(ProblemActionResult done, Act(LedgerAction::kRequest, id, "张三", std::nullopt));
  EXPECT_EQ(done.problem.status, ProblemStatus::kClosureRequested);
  ASSERT_OK_AND_ASSIGN(ProblemView view, ShowLedgerProblem(*ws_, {id}));
  ASSERT_EQ(view.events.size(), 2u);
  EXPECT_EQ(view.events[0].date, kToday);
  EXPECT_EQ(view.events[1].date, kToday);
  EXPECT_EQ(view.region_name, "柳树河村委会");
  EXPECT_EQ(view.allowed_next, (std::vector<LedgerAction>{LedgerAction::kConfirm, LedgerAction::kReject}));
}

TEST_F(LedgerRequestsTest, AStepBeforeTheLastEntryIsRefusedNamingBothDates) {
  ASSERT_OK_AND_ASSIGN(AddedProblems added, Add(D(2025, 3, 5)));
  const int64_t id = added.ids[0];
  EXPECT_STATUS(Act(LedgerAction::kProgress, id, "张三", D(2025, 3, 4)), StatusCode::kInvalidArgument,
                "date 2025-03-04 is before the last entry of problem 1 (2025-03-05)");
  ASSERT_OK(Act(LedgerAction::kRequest, id, "张三", D(2025, 3, 8)));
  EXPECT_STATUS(Act(LedgerAction::kConfirm, id, "王五", D(2025, 3, 7)), StatusCode::kInvalidArgument,
                "(2025-03-08)");
  ASSERT_OK(Act(LedgerAction::kConfirm, id, "王五", D(2025, 3, 8)));
}

TEST_F(LedgerRequestsTest, DeadlineDaysAreBounded) {
  ProblemsFromCampaignRequest r{"WQ", "{county}乡村振兴局", "张三", "", "李四", std::nullopt, 0};
  EXPECT_STATUS(OpenCampaignProblems(*ws_, r), StatusCode::kInvalidArgument,
                "--days 0 is out of range (use 1 to 3650)");
  r.deadline_days = kMaxRectificationDays + 1;
  EXPECT_STATUS(OpenCampaignProblems(*ws_, r), StatusCode::kInvalidArgument, "--days 3651");
  r.deadline_days = 30;
  r.date = D(2025, 3, 11);
  EXPECT_STATUS(OpenCampaignProblems(*ws_, r), StatusCode::kInvalidArgument, "after today");
  r.date = std::nullopt;
  EXPECT_STATUS(OpenCampaignProblems(*ws_, r), StatusCode::kNotFound, "WQ");
}

TEST_F(LedgerRequestsTest, ListsNameRegionsAndTheViewDefaultsToTheProvince) {
  ASSERT_OK(Add(D(2025, 3, 1)));
  ASSERT_OK_AND_ASSIGN(ProblemList list, ListLedger(*ws_, {.overdue_only = false, .as_of = D(2025, 7, 1)}));
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].region_name, "柳树河村委会");
  EXPECT_TRUE(list.rows[0].overdue);
  ASSERT_OK_AND_ASSIGN(ProblemList none,
                       ListLedger(*ws_, {.overdue_only = true}));  // as of today: not overdue
  EXPECT_TRUE(none.rows.empty());
  ASSERT_OK_AND_ASSIGN(ClearanceView view, ViewClearance(*ws_, {}));
  EXPECT_EQ(view.scope, *RegionCode::Parse("22"));
  EXPECT_EQ(view.as_of, kToday);
  EXPECT_EQ(view.total.total, 1);
  EXPECT_EQ(view.total.open, 1);
}

}  // namespace
}  // namespace jz
