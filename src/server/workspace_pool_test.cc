// The pool of workspaces: lazy opening, reuse, the capacity bound (a caller waits), and a
// failed open that keeps nothing.
#include "server/workspace_pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>

#include "tests/testutil/status_matchers.h"

namespace jz::server {
namespace {

namespace fs = std::filesystem;

class WorkspacePoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jz-pool-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string DbPath() const { return (dir_ / "j.db").string(); }
  void CreateDb() { ASSERT_OK(Workspace::Open({.db_path = DbPath(), .create_if_missing = true}).status()); }

  fs::path dir_;
};

TEST_F(WorkspacePoolTest, AFailedOpenKeepsNothingAndALaterAcquireTriesAgain) {
  WorkspacePool pool({.db_path = DbPath()}, 1);
  EXPECT_STATUS(pool.Acquire().status(), StatusCode::kNotFound, DbPath());
  CreateDb();
  ASSERT_OK_AND_ASSIGN(WorkspacePool::Lease lease, pool.Acquire());  // the failure freed its place
  EXPECT_EQ(lease->db_path(), DbPath());
}

TEST_F(WorkspacePoolTest, AReturnedWorkspaceIsLentAgain) {
  CreateDb();
  WorkspacePool pool({.db_path = DbPath()}, 2);
  Workspace* first = nullptr;
  {
    ASSERT_OK_AND_ASSIGN(WorkspacePool::Lease lease, pool.Acquire());
    first = &*lease;
  }
  ASSERT_OK_AND_ASSIGN(WorkspacePool::Lease again, pool.Acquire());
  EXPECT_EQ(&*again, first);
  ASSERT_OK_AND_ASSIGN(WorkspacePool::Lease second, pool.Acquire());  // one more may open
  EXPECT_NE(&*second, first);
}

TEST_F(WorkspacePoolTest, AcquireWaitsWhileAllAreLent) {
  CreateDb();
  WorkspacePool pool({.db_path = DbPath()}, 1);
  std::optional<WorkspacePool::Lease> held;
  {
    ASSERT_OK_AND_ASSIGN(WorkspacePool::Lease lease, pool.Acquire());
    held.emplace(std::move(lease));
  }
  std::future<bool> waiter = std::async(std::launch::async, [&pool] { return pool.Acquire().ok(); });
  EXPECT_EQ(waiter.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
  held.reset();  // returned: the waiter gets it
  EXPECT_TRUE(waiter.get());
}

}  // namespace
}  // namespace jz::server
