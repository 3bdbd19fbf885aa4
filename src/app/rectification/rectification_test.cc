// The rectification ledger's state machine, its closure guard, listing and the 清零 view
// (DOMAIN §5.1: 建账、对账、销账; closure confirmed by someone other than the owner).
#include "app/rectification/rectification.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

Problem NewProblem(const char* region, std::string description, Date deadline) {
  Problem p;
  p.region = *RegionCode::Parse(region);
  p.category = ProblemCategory::kHousingSafety;
  p.description = std::move(description);
  p.responsible_unit = "汪清镇政府";
  p.owner = "张三";
  p.measure = "完成危房改造";
  p.deadline = deadline;
  return p;
}

class RectificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, OpenSqliteStore(":memory:"));
    ASSERT_OK(testing::LoadTestRegions(*store_));
    ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
    ASSERT_OK(writer->Upsert(testing::TestHousehold("2224241002050001", 2)));
    ASSERT_OK(writer->Commit());
  }

  int64_t AddOne(const char* region = "222424100205", Date deadline = D(2024, 6, 30)) {
    ProblemBatch batch{ProblemSource::kInspection,
                       "2024年省级督查",
                       "李四",
                       D(2024, 3, 1),
                       {NewProblem(region, fmt::format("问题{}", next_++), deadline)}};
    StatusOr<AddedProblems> added = AddProblems(*store_, batch);
    EXPECT_TRUE(added.ok()) << added.status();
    return added.ok() ? added->ids[0] : 0;
  }

  ProblemAction Act(int64_t id, const char* actor, Date date, const char* evidence = "",
                    const char* note = "") {
    return ProblemAction{id, actor, date, evidence, note};
  }

  ProblemStatus StatusOf(int64_t id) {
    StatusOr<ProblemDetail> d = ShowProblem(*store_, id);
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->problem.status : ProblemStatus::kOpen;
  }

  std::unique_ptr<Store> store_;
  int next_ = 1;
};

TEST_F(RectificationTest, FullCycleToClosureByAThirdPerson) {
  const int64_t id = AddOne();
  EXPECT_EQ(StatusOf(id), ProblemStatus::kOpen);
  ASSERT_OK(RecordProgress(*store_, Act(id, "张三", D(2024, 4, 1), "施工合同 2024-17号", "已开工")));
  EXPECT_EQ(StatusOf(id), ProblemStatus::kInProgress);
  ASSERT_OK(RequestClosure(*store_, Act(id, "赵六", D(2024, 5, 1), "竣工验收单", "已竣工")));
  EXPECT_EQ(StatusOf(id), ProblemStatus::kClosureRequested);
  // Neither the owner (张三) nor the requester (赵六) may confirm; 王五 may.
  EXPECT_STATUS(ConfirmClosure(*store_, Act(id, "张三", D(2024, 5, 2))), StatusCode::kFailedPrecondition,
                "someone other than the owner");
  EXPECT_STATUS(ConfirmClosure(*store_, Act(id, "赵六", D(2024, 5, 2))), StatusCode::kFailedPrecondition,
                "someone other than the requester");
  EXPECT_EQ(StatusOf(id), ProblemStatus::kClosureRequested);
  ASSERT_OK(ConfirmClosure(*store_, Act(id, "王五", D(2024, 5, 3), "", "现场复核")));
  EXPECT_EQ(StatusOf(id), ProblemStatus::kClosed);

  ASSERT_OK_AND_ASSIGN(ProblemDetail d, ShowProblem(*store_, id));
  ASSERT_EQ(d.events.size(), 4u);
  EXPECT_EQ(d.events[0].kind, ProblemEventKind::kOpened);
  EXPECT_EQ(d.events[1].kind, ProblemEventKind::kProgress);
  EXPECT_EQ(d.events[1].evidence, "施工合同 2024-17号");
  EXPECT_EQ(d.events[2].kind, ProblemEventKind::kClosureRequested);
  EXPECT_EQ(d.events[3].kind, ProblemEventKind::kClosed);
  EXPECT_EQ(d.events[3].actor, "王五");
}

TEST_F(RectificationTest, OwnerRequestingIsRefusedToConfirmToo) {
  const int64_t id = AddOne();
  ASSERT_OK(RequestClosure(*store_, Act(id, "张三", D(2024, 4, 1), "验收单")));
  EXPECT_STATUS(ConfirmClosure(*store_, Act(id, "  张三 ", D(2024, 4, 2))), StatusCode::kFailedPrecondition,
                "张三 owns this problem");
  ASSERT_OK(ConfirmClosure(*store_, Act(id, "王五", D(2024, 4, 2))));
}

TEST_F(RectificationTest, EvidenceAndReasonsAreRequired) {
  const int64_t id = AddOne();
  EXPECT_STATUS(RequestClosure(*store_, Act(id, "张三", D(2024, 4, 1))), StatusCode::kInvalidArgument,
                "evidence (--evidence) for the closure is required");
  EXPECT_STATUS(RecordProgress(*store_, Act(id, "张三", D(2024, 4, 1), " ")), StatusCode::kInvalidArgument,
                "evidence");
  EXPECT_STATUS(RecordProgress(*store_, Act(id, "", D(2024, 4, 1), "x")), StatusCode::kInvalidArgument,
                "--by");
  ASSERT_OK(RequestClosure(*store_, Act(id, "张三", D(2024, 4, 1), "验收单")));
  EXPECT_STATUS(RejectClosure(*store_, Act(id, "王五", D(2024, 4, 2))), StatusCode::kInvalidArgument,
                "reason");
  ASSERT_OK(ConfirmClosure(*store_, Act(id, "王五", D(2024, 4, 2))));
  EXPECT_STATUS(ReopenProblem(*store_, Act(id, "王五", D(2024, 4, 3))), StatusCode::kInvalidArgument,
                "reason");
  ASSERT_OK_AND_ASSIGN(ProblemDetail d, ShowProblem(*store_, id));
  EXPECT_EQ(d.events.size(), 3u);  // refusals leave no trace
}

TEST_F(RectificationTest, RejectGoesBackToInProgressAndReopenToOpen) {
  const int64_t id = AddOne();
  ASSERT_OK(RequestClosure(*store_, Act(id, "张三", D(2024, 4, 1), "验收单")));
  EXPECT_STATUS(RejectClosure(*store_, Act(id, "张三", D(2024, 4, 2), "", "自己退回")),
                StatusCode::kFailedPrecondition, "owner");
  ASSERT_OK(RejectClosure(*store_, Act(id, "王五", D(2024, 4, 2), "", "照片不清楚")));
  EXPECT_EQ(StatusOf(id), ProblemStatus::kInProgress);
  ASSERT_OK(RequestClosure(*store_, Act(id, "张三", D(2024, 4, 5), "新照片")));
  ASSERT_OK(ConfirmClosure(*store_, Act(id, "王五", D(2024, 4, 6))));
  ASSERT_OK(ReopenProblem(*store_, Act(id, "省督查组", D(2024, 9, 1), "", "复查发现未整改到位")));
  EXPECT_EQ(StatusOf(id), ProblemStatus::kOpen);
  // After reopening a new cycle starts; the old requester no longer blocks anyone else.
  ASSERT_OK(RequestClosure(*store_, Act(id, "张三", D(2024, 9, 10), "整改报告")));
  ASSERT_OK(ConfirmClosure(*store_, Act(id, "省督查组", D(2024, 9, 11))));
}

TEST_F(RectificationTest, RefusalsNameTheStatusAndTheAllowedNextSteps) {
  const int64_t id = AddOne();
  EXPECT_STATUS(ConfirmClosure(*store_, Act(id, "王五", D(2024, 4, 1))), StatusCode::kFailedPrecondition,
                "problem " + std::to_string(id) +
                    " is open; it cannot be closed; allowed now: progress, request, reassign");
  EXPECT_STATUS(ReopenProblem(*store_, Act(id, "王五", D(2024, 4, 1), "", "x")),
                StatusCode::kFailedPrecondition, "当前状态为「待整改」");
  ASSERT_OK(RequestClosure(*store_, Act(id, "张三", D(2024, 4, 1), "验收单")));
  EXPECT_STATUS(RecordProgress(*store_, Act(id, "张三", D(2024, 4, 2), "照片")),
                StatusCode::kFailedPrecondition, "allowed now: confirm, reject");
  ASSERT_OK(ConfirmClosure(*store_, Act(id, "王五", D(2024, 4, 2))));
  EXPECT_STATUS(RequestClosure(*store_, Act(id, "张三", D(2024, 4, 3), "x")), StatusCode::kFailedPrecondition,
                "allowed now: reopen");
  EXPECT_STATUS(ReassignProblem(*store_, Act(id, "李四", D(2024, 4, 3)), "钱七"),
                StatusCode::kFailedPrecondition, "is closed");
  EXPECT_STATUS(RecordProgress(*store_, Act(id + 99, "张三", D(2024, 4, 3), "x")), StatusCode::kNotFound,
                "does not exist");
}

TEST_F(RectificationTest, DatesMayNotGoBackInTime) {
  const int64_t id = AddOne();
  EXPECT_STATUS(RecordProgress(*store_, Act(id, "张三", D(2024, 2, 1), "x")), StatusCode::kInvalidArgument,
                "before the last entry");
  ASSERT_OK(RecordProgress(*store_, Act(id, "张三", D(2024, 4, 1), "x")));
  EXPECT_STATUS(RequestClosure(*store_, Act(id, "张三", D(2024, 3, 31), "x")), StatusCode::kInvalidArgument,
                "2024-04-01");
}

TEST_F(RectificationTest, ReassignChangesTheOwnerAndTheGuardFollows) {
  const int64_t id = AddOne();
  ASSERT_OK(ReassignProblem(*store_, Act(id, "李四", D(2024, 3, 5)), "钱七"));
  ASSERT_OK_AND_ASSIGN(ProblemDetail d, ShowProblem(*store_, id));
  EXPECT_EQ(d.problem.owner, "钱七");
  EXPECT_EQ(d.events.back().note, "张三 → 钱七");
  ASSERT_OK(RequestClosure(*store_, Act(id, "孙八", D(2024, 4, 1), "x")));
  EXPECT_STATUS(ConfirmClosure(*store_, Act(id, "钱七", D(2024, 4, 2))), StatusCode::kFailedPrecondition,
                "owner");
  ASSERT_OK(ConfirmClosure(*store_, Act(id, "张三", D(2024, 4, 2))));  // no longer the owner
}

TEST_F(RectificationTest, BatchIsCheckedWholeAndIsIdempotent) {
  ProblemBatch batch{ProblemSource::kCampaign, "HC-2024-01", "李四", D(2024, 3, 1), {}};
  batch.problems.push_back(NewProblem("222424100205", "错退", D(2024, 6, 30)));
  Problem by_household = NewProblem("222424100205", "漏评", D(2024, 6, 30));
  by_household.region = RegionCode();
  by_household.household_no = "2224241002050001";
  batch.problems.push_back(by_household);
  ASSERT_OK_AND_ASSIGN(AddedProblems first, AddProblems(*store_, batch));
  EXPECT_EQ(first.added, 2);
  ASSERT_OK_AND_ASSIGN(ProblemDetail d, ShowProblem(*store_, first.ids[1]));
  EXPECT_EQ(d.problem.region.ToString(), "222424100205");  // the household's village
  EXPECT_EQ(d.problem.source, ProblemSource::kCampaign);
  EXPECT_EQ(d.problem.source_ref, "HC-2024-01");
  ASSERT_OK_AND_ASSIGN(AddedProblems again, AddProblems(*store_, batch));
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(again.ids, first.ids);

  ProblemBatch bad = batch;
  bad.problems[0].description = "新问题";
  bad.problems[1].owner = "";
  bad.problems.push_back(NewProblem("222424100299", "未知村", D(2024, 6, 30)));
  Problem stranger = NewProblem("222424100206", "户不在该村", D(2024, 6, 30));
  stranger.household_no = "2224241002050001";
  bad.problems.push_back(stranger);
  StatusOr<AddedProblems> refused = AddProblems(*store_, bad);
  EXPECT_STATUS(refused, StatusCode::kInvalidArgument, "problem 2, owner: owner is empty");
  EXPECT_STATUS(refused, StatusCode::kInvalidArgument,
                "problem 3, region: region 222424100299 is not a loaded region");
  EXPECT_STATUS(refused, StatusCode::kInvalidArgument, "problem 4, household_no");
  ASSERT_OK_AND_ASSIGN(auto all, ListProblems(*store_, {}));
  EXPECT_EQ(all.size(), 2u);  // 新问题 was not stored either
}

TEST_F(RectificationTest, ListFiltersOverdueWithFixedDates) {
  const int64_t early = AddOne("222424100205", D(2024, 4, 30));
  const int64_t late = AddOne("222424100206", D(2024, 12, 31));
  const int64_t closed = AddOne("222424100205", D(2024, 4, 30));
  ASSERT_OK(RequestClosure(*store_, Act(closed, "张三", D(2024, 4, 1), "x")));
  ASSERT_OK(ConfirmClosure(*store_, Act(closed, "王五", D(2024, 4, 2))));
  ASSERT_OK_AND_ASSIGN(auto overdue, ListProblems(*store_, {.overdue_as_of = D(2024, 5, 1)}));
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].id, early);
  ASSERT_OK_AND_ASSIGN(auto none,
                       ListProblems(*store_, {.overdue_as_of = D(2024, 4, 30)}));  // due today: not overdue
  EXPECT_TRUE(none.empty());
  ASSERT_OK_AND_ASSIGN(auto both, ListProblems(*store_, {.overdue_as_of = D(2025, 1, 1)}));
  EXPECT_EQ(both.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto open, ListProblems(*store_, {.open_only = true}));
  EXPECT_EQ(open.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto village, ListProblems(*store_, {.scope = *RegionCode::Parse("222424100206")}));
  ASSERT_EQ(village.size(), 1u);
  EXPECT_EQ(village[0].id, late);
}

TEST_F(RectificationTest, ClearanceViewRollsUpByLevel) {
  // Two villages and the county itself: 柳树河 2 problems (1 closed), 新民 1 overdue, county 1.
  const int64_t a = AddOne("222424100205", D(2024, 4, 30));
  AddOne("222424100205", D(2024, 12, 31));
  AddOne("222424100206", D(2024, 4, 30));
  AddOne("222424", D(2024, 12, 31));
  ASSERT_OK(RequestClosure(*store_, Act(a, "张三", D(2024, 4, 1), "x")));
  ASSERT_OK(ConfirmClosure(*store_, Act(a, "王五", D(2024, 4, 2))));
  const Date as_of = D(2024, 5, 1);

  ASSERT_OK_AND_ASSIGN(ClearanceView villages,
                       ComputeClearanceView(*store_, *RegionCode::Parse("22"), RegionLevel::kVillage, as_of));
  ASSERT_EQ(villages.rows.size(), 3u);
  EXPECT_TRUE(villages.rows[0].own_level);  // the county's own problem
  EXPECT_EQ(villages.rows[0].name, "汪清县");
  EXPECT_EQ(villages.rows[0].open, 1);
  EXPECT_EQ(villages.rows[1].name, "柳树河村委会");
  EXPECT_EQ(villages.rows[1].total, 2);
  EXPECT_EQ(villages.rows[1].closed, 1);
  EXPECT_EQ(villages.rows[1].open, 1);
  EXPECT_EQ(villages.rows[1].overdue, 0);
  EXPECT_DOUBLE_EQ(villages.rows[1].ClosureRate(), 0.5);
  EXPECT_EQ(villages.rows[2].name, "新民村委会");
  EXPECT_EQ(villages.rows[2].overdue, 1);
  EXPECT_FALSE(villages.rows[2].Cleared());
  EXPECT_EQ(villages.total.total, 4);
  EXPECT_EQ(villages.total.closed, 1);
  EXPECT_EQ(villages.total.overdue, 1);
  EXPECT_EQ(villages.total.name, "吉林省");

  ASSERT_OK_AND_ASSIGN(ClearanceView counties,
                       ComputeClearanceView(*store_, *RegionCode::Parse("22"), RegionLevel::kCounty, as_of));
  ASSERT_EQ(counties.rows.size(), 1u);
  EXPECT_EQ(counties.rows[0].name, "汪清县");
  EXPECT_EQ(counties.rows[0].total, 4);
  EXPECT_EQ(counties.rows[0].open, 3);

  ASSERT_OK_AND_ASSIGN(ClearanceView prefectures, ComputeClearanceView(*store_, *RegionCode::Parse("22"),
                                                                       RegionLevel::kPrefecture, as_of));
  ASSERT_EQ(prefectures.rows.size(), 1u);
  EXPECT_EQ(prefectures.rows[0].name, "延边朝鲜族自治州");

  ASSERT_OK_AND_ASSIGN(ClearanceView township, ComputeClearanceView(*store_, *RegionCode::Parse("222424100"),
                                                                    RegionLevel::kVillage, as_of));
  EXPECT_EQ(township.total.total, 3);  // the county's own problem is outside the township

  // Closing the remaining 柳树河 problem clears that village.
  ASSERT_OK_AND_ASSIGN(
      auto open_in_village,
      ListProblems(*store_, {.scope = *RegionCode::Parse("222424100205"), .open_only = true}));
  ASSERT_EQ(open_in_village.size(), 1u);
  const int64_t b = open_in_village[0].id;
  ASSERT_OK(RequestClosure(*store_, Act(b, "张三", D(2024, 4, 3), "x")));
  ASSERT_OK(ConfirmClosure(*store_, Act(b, "王五", D(2024, 4, 4))));
  ASSERT_OK_AND_ASSIGN(ClearanceView after, ComputeClearanceView(*store_, *RegionCode::Parse("222424100"),
                                                                 RegionLevel::kVillage, as_of));
  EXPECT_TRUE(after.rows[0].Cleared());
  EXPECT_DOUBLE_EQ(after.rows[0].ClosureRate(), 1.0);

  EXPECT_STATUS(ComputeClearanceView(*store_, *RegionCode::Parse("222424"), RegionLevel::kPrefecture, as_of),
                StatusCode::kInvalidArgument, "above the level");
}

TEST(RectificationCodes, KeyUsesTheItemNumberOrTheIdentityFields) {
  Problem p = NewProblem("222424100205", "危房", D(2024, 6, 30));
  p.source_ref = "督查";
  const std::string hashed = ProblemKey(p);
  EXPECT_TRUE(hashed.starts_with("inspection|督查|h")) << hashed;
  Problem edited = p;
  edited.deadline = D(2024, 9, 30);
  edited.owner = "钱七";
  EXPECT_EQ(ProblemKey(edited), hashed);  // corrections do not make a new problem
  edited.description = "危房未改造";
  EXPECT_NE(ProblemKey(edited), hashed);
  p.source_item = "7";
  EXPECT_EQ(ProblemKey(p), "inspection|督查|#7");
}

}  // namespace
}  // namespace jz
