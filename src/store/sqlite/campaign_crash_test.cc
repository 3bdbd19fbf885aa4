// Fault injection: a process recording a campaign's findings into a database file is killed
// (SIGKILL) at several points. After each kill the file must pass PRAGMA integrity_check and
// every household's findings must be complete or absent: each stored (household, revision)
// has all nine items, because one household's findings are one transaction.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/sqlite/campaign_test_support.h"
#include "store/sqlite/sqlite_store.h"

namespace jz {
namespace {

constexpr int kHouseholds = 300;

// The child: records every household's nine findings again and again (one transaction per
// household, then batches of households with a savepoint each), signalling the parent through
// `ready_fd` after its first 20 households. Never returns.
[[noreturn]] void RecordForever(const std::string& path, int ready_fd) {
  auto store = OpenSqliteStore(path);
  if (!store.ok()) _exit(2);
  std::optional<Campaign> campaign = *(*store)->campaigns().FindCampaign("CRASH");
  const std::vector<std::string> items = testing::TestCampaign("x").items;
  for (int round = 0;; ++round) {
    if (round % 2 == 1) {  // odd rounds: batches of 50 households, each in its own savepoint
      std::vector<HouseholdFindings> batch;
      std::vector<StatusOr<int32_t>> outcomes;
      for (int i = 0; i < kHouseholds; ++i) {
        batch.push_back(testing::TestFindings(testing::TestHouseholdNo(i), items));
        if (batch.size() < 50) continue;
        if (!(*store)->campaigns().RecordFindingsBatch(campaign->id, batch, outcomes).ok()) _exit(5);
        batch.clear();
      }
      continue;
    }
    for (int i = 0; i < kHouseholds; ++i) {
      if (!(*store)
               ->campaigns()
               .RecordFindings(campaign->id, testing::TestFindings(testing::TestHouseholdNo(i), items))
               .ok()) {
        _exit(3);
      }
      if (round == 0 && i == 20) {
        const char byte = 1;
        if (write(ready_fd, &byte, 1) != 1) _exit(4);
      }
    }
  }
}

struct Check {
  std::string integrity;
  int64_t rows = 0;
  int64_t incomplete = 0;  // (household, revision) pairs without all nine items
};

Check Inspect(const std::string& path) {
  Check check;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto query = [&](const char* sql, auto&& on_row) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
    while (sqlite3_step(stmt) == SQLITE_ROW) on_row(stmt);
    sqlite3_finalize(stmt);
  };
  query("PRAGMA integrity_check", [&](sqlite3_stmt* s) {
    check.integrity += reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  });
  query("SELECT count(*) FROM finding", [&](sqlite3_stmt* s) { check.rows = sqlite3_column_int64(s, 0); });
  query(
      "SELECT count(*) FROM (SELECT household_id, revision FROM finding GROUP BY household_id, revision "
      "HAVING count(*) <> 9)",
      [&](sqlite3_stmt* s) { check.incomplete = sqlite3_column_int64(s, 0); });
  sqlite3_close(db);
  return check;
}

TEST(CampaignCrash, KilledWhileRecordingLeavesEveryHouseholdWholeOrAbsent) {
  std::string pattern = (std::filesystem::temp_directory_path() / "jz-crash-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::string path = pattern + "/campaign.db";
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
    ASSERT_OK(testing::WriteTestHouseholds(*store, kHouseholds));
    ASSERT_OK_AND_ASSIGN(int64_t id, store->campaigns().CreateCampaign(testing::TestCampaign("CRASH")));
    ASSERT_OK(testing::SaveCensus(store->campaigns(), id, *RegionCode::Parse("222424")));
  }
  int64_t previous_rows = 0;
  for (int kill_point = 0; kill_point < 6; ++kill_point) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      RecordForever(path, fds[1]);
    }
    close(fds[1]);
    char byte = 0;
    ASSERT_EQ(read(fds[0], &byte, 1), 1) << "the recording child died before it started";
    close(fds[0]);
    // Kill points from right after the signal to well into the recording.
    std::this_thread::sleep_for(std::chrono::microseconds(300 + 7000 * kill_point));
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int wstatus = 0;
    ASSERT_EQ(waitpid(child, &wstatus, 0), child);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "the child exited by itself with " << WEXITSTATUS(wstatus);
    const Check check = Inspect(path);
    EXPECT_EQ(check.integrity, "ok") << "kill point " << kill_point;
    EXPECT_EQ(check.incomplete, 0) << "kill point " << kill_point;
    EXPECT_GT(check.rows, previous_rows) << "kill point " << kill_point;
    EXPECT_EQ(check.rows % 9, 0) << "kill point " << kill_point;
    previous_rows = check.rows;
    // The store opens and reads the recovered database.
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path, {.create_if_missing = false}));
    ASSERT_OK_AND_ASSIGN(std::optional<Campaign> c, store->campaigns().FindCampaign("CRASH"));
    ASSERT_OK_AND_ASSIGN(int64_t households, store->campaigns().CountRecordedHouseholds(c->id));
    EXPECT_GT(households, 20);
  }
  std::filesystem::remove_all(pattern);
}

}  // namespace
}  // namespace jz
