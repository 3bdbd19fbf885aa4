// Agreement of the engine's fast loaders with their slow twins on generated data: a
// 20,000-person registry with planted problems (--error-rate 0.02) and its departmental
// feeds, and the same registry in GB18030. The registry snapshot (for the Jilin policy's
// needs and for every field) and, for every feed of the policy, the counts, problems,
// unmatched lines and accumulated aggregates must be equal; so must 1 and 2 threads.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/feed_loader.h"
#include "engine/registry_loader.h"
#include "rules/policy.h"
#include "rules/schema.h"
#include "synth/feed_generator.h"
#include "tests/testutil/snapshot_diff.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

const std::string kRegionsDir = std::string(JZ_SHARED_DATA_DIR) + "/regions";
const std::string kPolicy = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
constexpr int64_t kPersons = 20000;
const Date kAsOf = *Date::FromYmd(2025, 12, 31);

SnapshotNeeds AllFields() {
  SnapshotNeeds needs;
  needs.fields.assign(Fields().size(), true);
  return needs;
}

void ExpectSameRegistry(const RegistryLoadResult& a, const RegistryLoadResult& b) {
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.households, b.households);
  EXPECT_EQ(a.households_rejected, b.households_rejected);
  ASSERT_EQ(a.problems.size(), b.problems.size());
  for (size_t i = 0; i < a.problems.size(); ++i) {
    SCOPED_TRACE(fmt::format("problem {}", i));
    EXPECT_EQ(a.problems[i].line, b.problems[i].line);
    EXPECT_EQ(a.problems[i].column, b.problems[i].column);
    EXPECT_EQ(a.problems[i].value, b.problems[i].value);
    EXPECT_EQ(a.problems[i].rule_id, b.problems[i].rule_id);
    EXPECT_EQ(a.problems[i].reason, b.problems[i].reason);
    EXPECT_EQ(a.problems[i].household_no, b.problems[i].household_no);
    EXPECT_EQ(a.problems[i].person_no, b.problems[i].person_no);
  }
  EXPECT_EQ(testing::SnapshotDiff(a.snapshot, b.snapshot), "");
}

class SnapshotLoadingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     fmt::format("jz-snapshot-loading-{}", ::getpid()));
    FeedOptions options;
    options.registry.out_dir = (*dir_ / "utf8").string();
    options.registry.persons = kPersons;
    options.registry.seed = 7;
    options.registry.regions_dir = kRegionsDir;
    options.registry.error_rate = 0.02;
    options.policy_path = kPolicy;
    summary_ = new StatusOr<FeedSummary>(GenerateFeeds(options));
    GeneratorOptions gb = options.registry;
    gb.out_dir = (*dir_ / "gb18030").string();
    gb.encoding = TextEncoding::kGb18030;
    gb_summary_ = new StatusOr<GeneratorSummary>(GenerateRegistry(gb));
    policy_ = new StatusOr<Policy>(LoadPolicyFile(kPolicy));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete summary_;
    delete gb_summary_;
    delete policy_;
    delete dir_;
  }
  void SetUp() override {
    ASSERT_OK(summary_->status());
    ASSERT_OK(gb_summary_->status());
    ASSERT_OK(policy_->status());
  }

  static void ExpectFastEqualsSlow(const std::string& path, const SnapshotNeeds& needs, bool expect_fast) {
    RegistryLoadOptions slow_options;
    slow_options.force_slow = true;
    ASSERT_OK_AND_ASSIGN(RegistryLoadResult slow, LoadRegistrySnapshot(path, needs, kAsOf, slow_options));
    EXPECT_GT(slow.households_rejected, 0) << "planted problems reject households";
    for (int threads : {1, 2}) {
      SCOPED_TRACE(fmt::format("{} threads", threads));
      RegistryLoadOptions options;
      options.threads = threads;
      ASSERT_OK_AND_ASSIGN(RegistryLoadResult fast, LoadRegistrySnapshot(path, needs, kAsOf, options));
      EXPECT_EQ(fast.fast_path, expect_fast);
      ExpectSameRegistry(fast, slow);
    }
  }

  static std::filesystem::path* dir_;
  static StatusOr<FeedSummary>* summary_;
  static StatusOr<GeneratorSummary>* gb_summary_;
  static StatusOr<Policy>* policy_;
};

std::filesystem::path* SnapshotLoadingTest::dir_ = nullptr;
StatusOr<FeedSummary>* SnapshotLoadingTest::summary_ = nullptr;
StatusOr<GeneratorSummary>* SnapshotLoadingTest::gb_summary_ = nullptr;
StatusOr<Policy>* SnapshotLoadingTest::policy_ = nullptr;

TEST_F(SnapshotLoadingTest, RegistryFastEqualsSlowForThePolicysNeeds) {
  ExpectFastEqualsSlow((*summary_)->registry.registry_path, NeedsOf(**policy_), true);
}

TEST_F(SnapshotLoadingTest, RegistryFastEqualsSlowForEveryField) {
  ExpectFastEqualsSlow((*summary_)->registry.registry_path, AllFields(), true);
}

TEST_F(SnapshotLoadingTest, Gb18030RegistryIsReadTheSlowWayWithTheSameResult) {
  ExpectFastEqualsSlow((*gb_summary_)->registry_path, NeedsOf(**policy_), false);
  ASSERT_OK_AND_ASSIGN(RegistryLoadResult utf8, LoadRegistrySnapshot((*summary_)->registry.registry_path,
                                                                     NeedsOf(**policy_), kAsOf, {}));
  ASSERT_OK_AND_ASSIGN(RegistryLoadResult gb,
                       LoadRegistrySnapshot((*gb_summary_)->registry_path, NeedsOf(**policy_), kAsOf, {}));
  EXPECT_EQ(testing::SnapshotDiff(utf8.snapshot, gb.snapshot), "");
}

TEST_F(SnapshotLoadingTest, EveryFeedFastEqualsSlow) {
  const Policy& policy = **policy_;
  const SnapshotNeeds needs = NeedsOf(policy);
  ASSERT_OK_AND_ASSIGN(RegistryLoadResult registry,
                       LoadRegistrySnapshot((*summary_)->registry.registry_path, needs, kAsOf, {}));
  ASSERT_EQ((*summary_)->feeds.size(), policy.feeds.size());
  for (size_t f = 0; f < policy.feeds.size(); ++f) {
    SCOPED_TRACE(policy.feeds[f].name);
    const std::string& path = (*summary_)->feeds[f].path;
    Snapshot slow_snapshot = registry.snapshot;
    FeedAccumulator slow_acc(slow_snapshot, policy.feeds);
    FeedLoadOptions slow_options;
    slow_options.force_slow = true;
    ASSERT_OK_AND_ASSIGN(FeedLoadResult slow, LoadFeed(path, policy.feeds[f], f, slow_acc, slow_options));
    EXPECT_EQ(slow.rows, (*summary_)->feeds[f].rows);
    for (int threads : {1, 2}) {
      SCOPED_TRACE(fmt::format("{} threads", threads));
      Snapshot snapshot = registry.snapshot;
      FeedAccumulator acc(snapshot, policy.feeds);
      FeedLoadOptions options;
      options.threads = threads;
      ASSERT_OK_AND_ASSIGN(FeedLoadResult fast, LoadFeed(path, policy.feeds[f], f, acc, options));
      EXPECT_TRUE(fast.fast_path);
      EXPECT_EQ(fast.rows, slow.rows);
      EXPECT_EQ(fast.matched, slow.matched);
      EXPECT_EQ(fast.unmatched, slow.unmatched);
      EXPECT_EQ(fast.invalid_ids, slow.invalid_ids);
      EXPECT_EQ(fast.bad_rows, slow.bad_rows);
      ASSERT_EQ(fast.problems.size(), slow.problems.size());
      for (size_t i = 0; i < fast.problems.size(); ++i) {
        EXPECT_EQ(fast.problems[i].line, slow.problems[i].line);
        EXPECT_EQ(fast.problems[i].value, slow.problems[i].value);
        EXPECT_EQ(fast.problems[i].reason, slow.problems[i].reason);
      }
      EXPECT_EQ(fast.unmatched_rows, slow.unmatched_rows);
      EXPECT_EQ(testing::SnapshotDiff(snapshot, slow_snapshot), "");
    }
  }
}

}  // namespace
}  // namespace jz
