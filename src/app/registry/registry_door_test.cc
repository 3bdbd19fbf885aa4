// The registry's door requests (regions load, import, validate, stats, info) over a
// Workspace: defaults filled in app (scope = the loaded province, the income year, report
// paths), opening errors that name the path and the cause, a full disk that leaves the
// database as it was (fault injection through JZ_TEST_SQLITE_MAX_PAGE_COUNT), the income
// year bounded, and negative income components refused except business income.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/registry/region_loader.h"
#include "app/registry/registry_importer.h"
#include "app/registry/registry_stats.h"
#include "app/registry/registry_validation.h"
#include "app/workspace.h"
#include "core/limits.h"
#include "store/store.h"
#include "synth/registry_generator.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::testing::HasSubstr;

const std::string kRegionsDir = std::string(JZ_SHARED_DATA_DIR) + "/regions";
const Date kToday = *Date::FromYmd(2026, 3, 1);

std::string Id(int year, int seq) {
  return IdNumber::FromParts(222424, *Date::FromYmd(year, 5, 1), static_cast<uint32_t>(seq))->ToString();
}

class RegistryDoorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-door-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    ::unsetenv("JZ_TEST_SQLITE_MAX_PAGE_COUNT");
    std::filesystem::remove_all(dir_);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::ofstream(Path(name), std::ios::binary) << bytes;
    return Path(name);
  }
  // A database with the small test region tree (吉林省 … 柳树河村委会).
  std::unique_ptr<Workspace> OpenWithTestRegions() {
    auto ws =
        std::move(Workspace::Open({.db_path = Path("j.db"), .create_if_missing = true, .today = kToday}))
            .value();
    EXPECT_OK(testing::LoadTestRegions(ws->store()));
    return ws;
  }
  RegistryCounts CountsOf(const std::string& path) {
    auto ws = std::move(Workspace::Open({.db_path = path})).value();
    return ws->store().Counts(ReadScope::WholeDatabase()).value();
  }

  std::filesystem::path dir_;
};

TEST_F(RegistryDoorTest, OpeningAMissingDatabaseNamesItAndTheCommandThatCreatesOne) {
  StatusOr<std::unique_ptr<Workspace>> ws = Workspace::Open({.db_path = Path("none.db")});
  EXPECT_EQ(ws.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(ws.status().message(), HasSubstr(Path("none.db")));
  EXPECT_THAT(ws.status().message(), HasSubstr("jingzhun regions load"));
  EXPECT_FALSE(std::filesystem::exists(Path("none.db"))) << "a read command creates nothing";
}

TEST_F(RegistryDoorTest, OpeningAFolderSaysItIsAFolder) {
  std::filesystem::create_directories(Path("folder.db"));
  StatusOr<std::unique_ptr<Workspace>> ws =
      Workspace::Open({.db_path = Path("folder.db"), .create_if_missing = true});
  EXPECT_EQ(ws.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(ws.status().message(), HasSubstr(Path("folder.db")));
  EXPECT_THAT(ws.status().message(), HasSubstr("folder"));
}

TEST_F(RegistryDoorTest, OpeningATextFileSaysItIsNotADatabaseAndLeavesIt) {
  const std::string notes = Write("notes.db", "这不是数据库 this is not a database, just some notes\n");
  const auto size = std::filesystem::file_size(notes);
  StatusOr<std::unique_ptr<Workspace>> ws = Workspace::Open({.db_path = notes, .for_writing = true});
  EXPECT_EQ(ws.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(ws.status().message(), HasSubstr(notes));
  EXPECT_THAT(ws.status().message(), HasSubstr("not a SQLite database"));
  EXPECT_EQ(std::filesystem::file_size(notes), size) << "the file is untouched";
}

TEST_F(RegistryDoorTest, OpeningAnotherProgramsDatabaseOrANewerSchemaIsRefused) {
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(Path("other.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "CREATE TABLE t (x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  StatusOr<std::unique_ptr<Workspace>> foreign = Workspace::Open({.db_path = Path("other.db")});
  EXPECT_EQ(foreign.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(foreign.status().message(), HasSubstr("not a Jingzhun database"));
  EXPECT_THAT(foreign.status().message(), HasSubstr(Path("other.db")));

  OpenWithTestRegions().reset();
  sqlite3* ours = nullptr;
  ASSERT_EQ(sqlite3_open(Path("j.db").c_str(), &ours), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(ours, "PRAGMA user_version = 999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(ours);
  StatusOr<std::unique_ptr<Workspace>> newer = Workspace::Open({.db_path = Path("j.db")});
  EXPECT_EQ(newer.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(newer.status().message(), HasSubstr("schema version 999"));
  EXPECT_THAT(newer.status().message(), HasSubstr(Path("j.db")));
}

TEST_F(RegistryDoorTest, ReadOnlyDatabaseIsRefusedForWritingButOpensForReading) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes read-only files; cli_test runs this case as nobody";
  OpenWithTestRegions().reset();
  ASSERT_EQ(::chmod(Path("j.db").c_str(), 0444), 0);
  StatusOr<std::unique_ptr<Workspace>> ws = Workspace::Open({.db_path = Path("j.db"), .for_writing = true});
  EXPECT_EQ(ws.status().code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(ws.status().message(), HasSubstr("read-only"));
  EXPECT_OK(Workspace::Open({.db_path = Path("j.db")}).status());
}

TEST_F(RegistryDoorTest, FullDiskDuringRegionsLoadLeavesTheDatabaseAsItWas) {
  ASSERT_OK(Workspace::Open({.db_path = Path("j.db"), .create_if_missing = true}).status());
  // Page limit 1: the database may not grow at all (SQLite keeps it at its current size).
  ::setenv("JZ_TEST_SQLITE_MAX_PAGE_COUNT", "1", 1);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = Path("j.db")}));
  StatusOr<RegionLoadSummary> loaded = LoadRegions(*ws, {.dir = kRegionsDir});
  EXPECT_EQ(loaded.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(loaded.status().message(), HasSubstr("磁盘已满"));
  EXPECT_THAT(loaded.status().message(), HasSubstr("disk is full"));
  EXPECT_THAT(loaded.status().message(), HasSubstr(Path("j.db")));
  ws.reset();
  ::unsetenv("JZ_TEST_SQLITE_MAX_PAGE_COUNT");
  EXPECT_EQ(CountsOf(Path("j.db")).regions, 0);
}

TEST_F(RegistryDoorTest, FullDiskDuringImportLeavesTheDatabaseAsItWas) {
  GeneratorOptions g;
  g.out_dir = Path("reg");
  g.persons = 2000;
  g.regions_dir = kRegionsDir;
  ASSERT_OK(GenerateRegistry(g).status());
  {
    ASSERT_OK_AND_ASSIGN(auto ws, Workspace::Open({.db_path = Path("j.db"), .create_if_missing = true}));
    ASSERT_OK(LoadRegions(*ws, {.dir = kRegionsDir}).status());
  }
  const RegistryCounts before = CountsOf(Path("j.db"));
  ::setenv("JZ_TEST_SQLITE_MAX_PAGE_COUNT", "1", 1);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = Path("j.db")}));
  StatusOr<ImportSummary> imported =
      ImportRegistry(*ws, {.files = {Path("reg/registry.csv")}, .partial = true, .data_year = 2025});
  EXPECT_EQ(imported.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(imported.status().message(), HasSubstr("磁盘已满"));
  ws.reset();
  ::unsetenv("JZ_TEST_SQLITE_MAX_PAGE_COUNT");
  const RegistryCounts after = CountsOf(Path("j.db"));
  EXPECT_EQ(after.households, 0);
  EXPECT_EQ(after.persons, 0);
  EXPECT_EQ(after.regions, before.regions);
}

std::string HeaderRow() {
  return "户编号,人编号,姓名,证件号码,性别,出生日期,人数,与户主关系,行政区划代码,工资性收入,生产经营性收入,"
         "生产经营性支出,人均纯收入\n";
}

TEST_F(RegistryDoorTest, ImportFillsTheYearAndReportDefaultsAndBoundsTheYear) {
  auto ws = OpenWithTestRegions();
  const std::string file = Write("r.csv", HeaderRow() + "H1,H101,王强," + Id(1950, 3) +
                                              ",男,1950-05-01,1,户主,222424100205,1000,0,0,1000\n");
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*ws, {.files = {file}}));
  EXPECT_EQ(s.data_year, kToday.year() - 1);
  EXPECT_EQ(s.report_path, Path("j.db") + ".import-errors.csv");
  EXPECT_TRUE(s.committed);
  for (int year : {kFirstDataYear - 1, kToday.year() + 1}) {
    StatusOr<ImportSummary> bad = ImportRegistry(*ws, {.files = {file}, .data_year = year});
    EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument) << year;
    EXPECT_THAT(bad.status().message(), HasSubstr(std::to_string(year)));
    EXPECT_THAT(bad.status().message(), HasSubstr(fmt::format("{} to {}", kFirstDataYear, kToday.year())));
  }
}

TEST_F(RegistryDoorTest, NegativeIncomeIsRefusedExceptABusinessLoss) {
  auto ws = OpenWithTestRegions();
  const std::string file =
      Write("r.csv", HeaderRow() + "H1,H101,王强," + Id(1950, 3) +
                         ",男,1950-05-01,1,户主,222424100205,-1200,0,0,0\n" + "H2,H201,李明," + Id(1951, 5) +
                         ",男,1951-05-01,1,户主,222424100206,0,0,-300,0\n" + "H3,H301,赵刚," + Id(1952, 7) +
                         ",男,1952-05-01,1,户主,222424100206,5000,-2000,0,3000\n");
  ASSERT_OK_AND_ASSIGN(ImportSummary s,
                       ImportRegistry(*ws, {.files = {file}, .partial = true, .data_year = 2025}));
  EXPECT_EQ(s.rejected_households, 2);
  EXPECT_EQ(s.persons_stored, 1) << "a business loss (H3) is kept";
  ASSERT_EQ(s.problems.size(), 2u);
  EXPECT_EQ(s.problems[0].rule_id, "income.negative");
  EXPECT_EQ(s.problems[0].column, "工资性收入");
  EXPECT_EQ(s.problems[0].value, "-1200.00");
  EXPECT_EQ(s.problems[0].household_no, "H1");
  EXPECT_THAT(s.problems[0].reason, HasSubstr("只有生产经营性收入可为负"));
  EXPECT_THAT(s.problems[0].reason, HasSubstr("only business income"));
  EXPECT_EQ(s.problems[1].column, "生产经营性支出");
}

TEST_F(RegistryDoorTest, ValidateAndStatsDefaultToTheLoadedProvinceWithRegionNames) {
  auto ws = OpenWithTestRegions();
  Household h = testing::TestHousehold("H1", 2);
  h.members[1].ethnicity.reset();  // mandatory.ethnicity
  {
    ASSERT_OK_AND_ASSIGN(auto writer, ws->store().BeginWrite());
    ASSERT_OK(writer->Upsert(h).status());
    ASSERT_OK(writer->Commit());
  }
  ASSERT_OK_AND_ASSIGN(ValidationSummary v, ValidateRegistry(*ws, ValidateRequest{}));
  EXPECT_EQ(v.households, 1);
  EXPECT_EQ(v.report_path, Path("j.db") + ".validation.csv");
  EXPECT_EQ(v.counts_path, Path("j.db") + ".validation.csv.counts.csv");
  EXPECT_TRUE(std::filesystem::exists(v.counts_path));
  ASSERT_EQ(v.rules.size(), 1u);
  EXPECT_EQ(v.rules[0].id, "mandatory.ethnicity");
  EXPECT_EQ(v.rules[0].findings, 1);
  ASSERT_EQ(v.prefectures.size(), 1u);
  EXPECT_EQ(v.prefectures[0].name, "延边朝鲜族自治州");
  EXPECT_EQ(v.prefectures[0].with_findings, 1);

  ASSERT_OK_AND_ASSIGN(RegistryStats stats, ComputeRegistryStats(*ws, StatsRequest{}));
  EXPECT_EQ(stats.total.name, "吉林省");
  ASSERT_EQ(stats.regions.size(), 1u);
  EXPECT_EQ(stats.regions[0].name, "汪清县");
  EXPECT_EQ(stats.total.persons, 2);

  ASSERT_OK_AND_ASSIGN(DatabaseInfo info, DescribeDatabase(*ws));
  EXPECT_EQ(info.households, 1);
  EXPECT_EQ(info.regions, 6);
  EXPECT_EQ(info.db_path, Path("j.db"));
}

// The shipped region data holds the whole country to the county and Jilin to the village.
TEST_F(RegistryDoorTest, TheProvinceOfTheShippedRegionsIsTheOneWithVillages) {
  ASSERT_OK_AND_ASSIGN(auto ws, Workspace::Open({.db_path = Path("j.db"), .create_if_missing = true}));
  ASSERT_OK(LoadRegions(*ws, {.dir = kRegionsDir}).status());
  ASSERT_OK_AND_ASSIGN(RegionCode province, ws->Province());
  EXPECT_EQ(province.ShortString(), "22");
}

TEST_F(RegistryDoorTest, ValidateWithoutRegionsSaysToLoadThem) {
  ASSERT_OK_AND_ASSIGN(auto ws, Workspace::Open({.db_path = Path("j.db"), .create_if_missing = true}));
  StatusOr<ValidationSummary> v = ValidateRegistry(*ws, ValidateRequest{});
  EXPECT_EQ(v.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(v.status().message(), HasSubstr("regions load"));
}

}  // namespace
}  // namespace jz
