#include "app/health/health.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/workspace.h"
#include "core/version.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

TEST(Health, ReadsTheSchemaVersionOfAnExistingDatabase) {
  const std::filesystem::path db =
      std::filesystem::temp_directory_path() / ("jz-health-" + std::to_string(::getpid()) + ".db");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws,
                         Workspace::Open({.db_path = db.string(), .create_if_missing = true}));
  }
  ASSERT_OK_AND_ASSIGN(HealthResult health, CheckHealth({.db_path = db.string()}));
  EXPECT_EQ(health.version, kJingzhunVersion);
  EXPECT_GT(health.schema_version, 0);
  std::filesystem::remove(db);
}

TEST(Health, AMissingDatabaseIsNotCreated) {
  const std::filesystem::path db =
      std::filesystem::temp_directory_path() / ("jz-health-missing-" + std::to_string(::getpid()) + ".db");
  StatusOr<HealthResult> health = CheckHealth({.db_path = db.string()});
  EXPECT_EQ(health.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(db));
}

}  // namespace
}  // namespace jz
