// The rectification ledger part of the store conformance suite (ledger_store.h): written
// against LedgerStore, run for every back end instantiated in the store tests.
#include <gtest/gtest.h>

#include "store/store_conformance_test.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

Problem MakeProblem(std::string key, const char* region = "222424100205") {
  Problem p;
  p.region = *RegionCode::Parse(region);
  p.source = ProblemSource::kInspection;
  p.source_ref = "2024年省级督查";
  p.source_item = "1";
  p.category = ProblemCategory::kHousingSafety;
  p.description = "危房未改造";
  p.lead_unit = "县住建局";
  p.responsible_unit = "汪清镇政府";
  p.owner = "张三";
  p.measure = "年底前完成改造";
  p.deadline = *Date::FromYmd(2024, 6, 30);
  p.key = std::move(key);
  p.created_by = "李四";
  p.created_at = *Date::FromYmd(2024, 3, 1);
  return p;
}

TEST_P(StoreConformance, LedgerAddsProblemsOnceByKey) {
  auto store = Open();
  LedgerStore& ledger = store->ledger();
  const std::vector<Problem> batch = {MakeProblem("a"), MakeProblem("b", "222424"), MakeProblem("a")};
  ASSERT_OK_AND_ASSIGN(auto added, ledger.AddProblems(batch, "建账"));
  ASSERT_EQ(added.size(), 3u);
  EXPECT_TRUE(added[0].second);
  EXPECT_TRUE(added[1].second);
  EXPECT_FALSE(added[2].second);  // repeated inside the batch
  EXPECT_EQ(added[2].first, added[0].first);

  ASSERT_OK_AND_ASSIGN(auto again, ledger.AddProblems(batch, "建账"));
  for (const auto& [id, is_new] : again) EXPECT_FALSE(is_new);

  ASSERT_OK_AND_ASSIGN(std::optional<Problem> loaded, ledger.FindProblem(added[0].first));
  ASSERT_TRUE(loaded.has_value());
  Problem expected = batch[0];
  expected.id = added[0].first;
  EXPECT_EQ(*loaded, expected);
  EXPECT_EQ(loaded->County(), 222424u);

  ASSERT_OK_AND_ASSIGN(auto events, ledger.ListProblemEvents(added[0].first));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, ProblemEventKind::kOpened);
  EXPECT_EQ(events[0].actor, "李四");
  EXPECT_EQ(events[0].note, "建账");
}

TEST_P(StoreConformance, LedgerBatchWithABadProblemStoresNothing) {
  auto store = Open();
  Problem bad = MakeProblem("b");
  bad.owner.clear();
  const std::vector<Problem> batch = {MakeProblem("a"), bad};
  EXPECT_STATUS(store->ledger().AddProblems(batch, ""), StatusCode::kInvalidArgument, "owner");
  ASSERT_OK_AND_ASSIGN(auto all, store->ledger().ListProblems({}));
  EXPECT_TRUE(all.empty());
}

TEST_P(StoreConformance, LedgerListsByScopeStatusAndSource) {
  auto store = Open();
  Problem other = MakeProblem("c", "220100");
  other.source = ProblemSource::kValidation;
  other.source_ref = "validate";
  const std::vector<Problem> batch = {MakeProblem("a"), MakeProblem("b", "222424"), other};
  ASSERT_OK(store->ledger().AddProblems(batch, ""));
  ASSERT_OK_AND_ASSIGN(auto in_county, store->ledger().ListProblems({.scope = *RegionCode::Parse("222424")}));
  EXPECT_EQ(in_county.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto in_village,
                       store->ledger().ListProblems({.scope = *RegionCode::Parse("222424100205")}));
  EXPECT_EQ(in_village.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto validation, store->ledger().ListProblems({.source = ProblemSource::kValidation}));
  ASSERT_EQ(validation.size(), 1u);
  EXPECT_EQ(validation[0].key, "c");
  ASSERT_OK_AND_ASSIGN(auto closed, store->ledger().ListProblems({.status = ProblemStatus::kClosed}));
  EXPECT_TRUE(closed.empty());
}

TEST_P(StoreConformance, LedgerTransitionIsCompareAndSet) {
  auto store = Open();
  const std::vector<Problem> batch = {MakeProblem("a")};
  ASSERT_OK_AND_ASSIGN(auto added, store->ledger().AddProblems(batch, ""));
  const int64_t id = added[0].first;
  ProblemTransition t;
  t.event = {0, id, ProblemEventKind::kReassigned, "李四", *Date::FromYmd(2024, 3, 2), "", "调岗"};
  t.expected_status = ProblemStatus::kOpen;
  t.new_status = ProblemStatus::kOpen;
  t.new_owner = "王五";
  ASSERT_OK(store->ledger().ApplyTransition(t));
  ASSERT_OK_AND_ASSIGN(auto loaded, store->ledger().FindProblem(id));
  EXPECT_EQ(loaded->owner, "王五");

  t.expected_status = ProblemStatus::kInProgress;  // stale: the problem is open
  EXPECT_STATUS(store->ledger().ApplyTransition(t), StatusCode::kAborted, "someone else");
  t.event.problem_id = id + 100;
  EXPECT_STATUS(store->ledger().ApplyTransition(t), StatusCode::kNotFound, "does not exist");
  ASSERT_OK_AND_ASSIGN(auto events, store->ledger().ListProblemEvents(id));
  EXPECT_EQ(events.size(), 2u);  // opened + reassigned; the refused ones left nothing
}

TEST_P(StoreConformance, LedgerRefusesWhileARegistryWriterIsOpen) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  const std::vector<Problem> batch = {MakeProblem("a")};
  EXPECT_STATUS(store->ledger().AddProblems(batch, ""), StatusCode::kFailedPrecondition, "writer");
}

}  // namespace
}  // namespace jz
