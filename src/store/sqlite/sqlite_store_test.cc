// SQLite-specific store tests, and the conformance suite instantiated for SQLite.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "store/campaign_store.h"
#include "store/case_store.h"
#include "store/sqlite/campaign_test_support.h"
#include "store/store_conformance_test.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {

void StoreConformance::SetUp() {
  std::string pattern = (std::filesystem::temp_directory_path() / "jz-store-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  dir_ = pattern;
}

void StoreConformance::TearDown() { std::filesystem::remove_all(dir_); }

namespace {

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  auto store = OpenSqliteStore(path);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(store).value() : nullptr;
}

INSTANTIATE_TEST_SUITE_P(
    Sqlite, StoreConformance,
    ::testing::Values(StoreBackend{"file",
                                   [](const std::string& dir) { return OpenOrDie(dir + "/registry.db"); }},
                      StoreBackend{"memory", [](const std::string&) { return OpenOrDie(":memory:"); }}),
    [](const ::testing::TestParamInfo<StoreBackend>& param) { return param.param.name; });

class SqliteStoreTest : public StoreConformance {};

// Runs raw SQL against a database file, outside the store.
// What migration 9 (accounts) creates, dropped by the tests that go back to an older version.
constexpr std::string_view kDropV9 =
    "DROP TABLE login_attempt; DROP TABLE session; DROP TABLE account_role; DROP TABLE account; ";

void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, NewDatabaseIsAtLatestSchemaAndReopens) {
  const std::string path = dir() + "/a.db";
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
    EXPECT_EQ(store->SchemaVersion(), SqliteSchemaVersion());
    ASSERT_OK(testing::LoadTestRegions(*store));
  }
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path, {.create_if_missing = false}));
  ASSERT_OK_AND_ASSIGN(RegistryCounts counts, store->Counts(ReadScope::WholeDatabase()));
  EXPECT_EQ(counts.regions, 6);
}

TEST_F(SqliteStoreTest, RefusesDatabaseFromNewerBinary) {
  const std::string path = dir() + "/newer.db";
  { ASSERT_OK(OpenSqliteStore(path)); }
  RawExec(path, "PRAGMA user_version = 999");
  EXPECT_STATUS(OpenSqliteStore(path), StatusCode::kFailedPrecondition, "999");
  EXPECT_STATUS(OpenSqliteStore(path), StatusCode::kFailedPrecondition, "upgrade jingzhun");
}

TEST_F(SqliteStoreTest, RefusesForeignDatabaseAndLeavesItAlone) {
  const std::string path = dir() + "/other.db";
  RawExec(path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  EXPECT_STATUS(OpenSqliteStore(path), StatusCode::kFailedPrecondition, "not a Jingzhun database");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 1);  // only the user's own table
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, RefusesFileThatIsNotADatabase) {
  const std::string path = dir() + "/text.db";
  std::ofstream(path) << "this is a spreadsheet, not a database\n";
  auto store = OpenSqliteStore(path);
  // Refused like another program's database: the user picked the wrong file, nothing is lost.
  EXPECT_STATUS(store, StatusCode::kFailedPrecondition, path + " is not a SQLite database file");
}

TEST_F(SqliteStoreTest, MissingFileIsNotFoundWhenNotCreating) {
  EXPECT_STATUS(OpenSqliteStore(dir() + "/missing.db", {.create_if_missing = false}), StatusCode::kNotFound,
                "missing.db");
}

TEST_F(SqliteStoreTest, UsesWriteAheadLog) {
  const std::string path = dir() + "/wal.db";
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
  ASSERT_OK(testing::LoadTestRegions(*store));
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// Foreign keys are not enforced by SQLite here (see SqliteStore::Initialize); the writer
// must never leave an orphan row, whatever path it took (insert, update, rejected insert).
TEST_F(SqliteStoreTest, WritesLeaveNoForeignKeyViolation) {
  const std::string path = dir() + "/fk.db";
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
    ASSERT_OK(testing::LoadTestRegions(*store));
    ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
    const Household a = testing::TestHousehold("A", 3, 0);
    ASSERT_OK(writer->Upsert(a));
    Household a2 = a;
    a2.members.pop_back();
    ASSERT_OK(writer->Upsert(a2));  // update path
    Household b = testing::TestHousehold("B", 2, 10);
    b.members.push_back(a.members[0]);
    EXPECT_FALSE(writer->Upsert(b).ok());  // rejected insert
    ASSERT_OK(
        writer->AddStatusEvent({"A", StatusEventKind::kExited, *Date::FromYmd(2019, 1, 1), {}, {}, ""}));
    ASSERT_OK(writer->Commit());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << "a row refers to a missing parent";
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(
                db, "SELECT count(*) FROM person WHERE household_id NOT IN (SELECT id FROM household)", -1,
                &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// A database written by the first release (schema 1) is migrated forward on open, keeping
// its data.
TEST_F(SqliteStoreTest, VersionOneDatabaseMigratesForward) {
  const std::string path = dir() + "/v1.db";
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
    ASSERT_OK(testing::LoadTestRegions(*store));
  }
  // Back to version 1: drop every table and column a later migration creates.
  RawExec(
      path,
      "DROP TABLE warning; DROP INDEX assistance_measure_case; "
      "ALTER TABLE assistance_measure DROP COLUMN case_id; DROP TABLE case_event; DROP TABLE income_check; "
      "DROP TABLE visit; DROP TABLE monitoring_case; DROP TABLE problem_event; DROP TABLE problem; "
      "DROP TABLE finding; DROP TABLE campaign_unit; DROP TABLE campaign_stratum; "
      "DROP TABLE campaign_sample; DROP TABLE campaign; " +
          std::string(kDropV9) + "DROP TABLE audit_log; " + "PRAGMA user_version = 1");
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
  EXPECT_EQ(store->SchemaVersion(), SqliteSchemaVersion());
  ASSERT_OK_AND_ASSIGN(int64_t warnings, store->CountWarnings(ReadScope::WholeDatabase()));
  EXPECT_EQ(warnings, 0);
  ASSERT_OK_AND_ASSIGN(RegistryCounts counts, store->Counts(ReadScope::WholeDatabase()));
  EXPECT_EQ(counts.regions, 6);
}

// Warnings keep their rule's kind (schema 6); a warning stored before (schema 5) reads as
// unknown after the migration, and a new one stores its kind beside it.
TEST_F(SqliteStoreTest, WarningKindIsStoredAndOlderWarningsReadAsUnknown) {
  const std::string path = dir() + "/v5.db";
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
    ASSERT_OK(testing::LoadTestRegions(*store));
    ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
    ASSERT_OK(writer->Upsert(testing::TestHousehold("H1", 1)));
    Warning old{"H1", "JL-X-VEHICLE", "2024-11", "", "v1", *Date::FromYmd(2024, 11, 30), "…"};
    old.kind = WarningKind::kExclusion;
    ASSERT_OK(writer->AddWarning(old).status());
    ASSERT_OK(writer->Commit());
  }
  // Back to version 5: drop the columns migrations 6 and 8 add (7 rebuilds its tables).
  RawExec(path,
          "ALTER TABLE warning DROP COLUMN kind; ALTER TABLE campaign_sample DROP COLUMN sampling_rule; " +
              std::string(kDropV9) + "DROP TABLE audit_log; " + "PRAGMA user_version = 5");
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
  EXPECT_EQ(store->SchemaVersion(), SqliteSchemaVersion());
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  Warning fresh{"H1", "JL-X-VEHICLE", "2024-12", "", "v1", *Date::FromYmd(2024, 12, 31), "…"};
  fresh.kind = WarningKind::kExclusion;
  ASSERT_OK(writer->AddWarning(fresh).status());
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(std::vector<Warning> warnings, store->ListWarnings(ReadScope::WholeDatabase(), "H1"));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].kind, WarningKind::kUnknown) << "stored before kinds were recorded";
  EXPECT_EQ(warnings[1], fresh);
  ASSERT_OK_AND_ASSIGN(auto of_period,
                       store->cases().ListWarningsOfPeriod(*RegionCode::Parse("22"), "2024-12"));
  ASSERT_EQ(of_period.size(), 1u);
  EXPECT_EQ(of_period[0].kind, WarningKind::kExclusion);
}

// A draw keeps the sampling rule that made it (schema 8); a draw stored before (schema 7)
// reads as rule 1, with its households unchanged, and a new draw stores its own rule beside it.
TEST_F(SqliteStoreTest, DrawsStoredBeforeSamplingRulesReadAsRuleOne) {
  const std::string path = dir() + "/v7.db";
  int64_t campaign_id = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
    ASSERT_OK(testing::WriteTestHouseholds(*store, 12));
    ASSERT_OK_AND_ASSIGN(campaign_id, store->campaigns().CreateCampaign(testing::TestCampaign("WQ")));
    ASSERT_OK(testing::SaveCensus(store->campaigns(), campaign_id, *RegionCode::Parse("222424")).status());
  }
  RawExec(path, "ALTER TABLE campaign_sample DROP COLUMN sampling_rule; " + std::string(kDropV9) +
                    "DROP TABLE audit_log; DROP INDEX person_name; " + "PRAGMA user_version = 7");
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(path));
  EXPECT_EQ(store->SchemaVersion(), SqliteSchemaVersion());
  ASSERT_OK_AND_ASSIGN(std::optional<StoredSample> old, store->campaigns().LoadSample(campaign_id));
  ASSERT_TRUE(old);
  EXPECT_EQ(old->design.sampling_rule, 1) << "stored before rules were recorded";
  EXPECT_EQ(old->units.size(), 12u);
  StoredSample fresh = *old;
  fresh.design.sampling_rule = 2;
  ASSERT_OK_AND_ASSIGN(int32_t draw, store->campaigns().SaveSample(campaign_id, fresh));
  ASSERT_OK_AND_ASSIGN(std::optional<StoredSample> loaded, store->campaigns().LoadSample(campaign_id));
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->design.draw_no, draw);
  EXPECT_EQ(loaded->design.sampling_rule, 2);
}

}  // namespace
}  // namespace jz
