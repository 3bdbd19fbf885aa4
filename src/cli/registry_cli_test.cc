// End-to-end tests of the registry commands' guards through the binary: databases that
// cannot be opened (missing, a folder, not a database, read-only) named with the cause, a
// full disk during import and regions load (fault injection: JZ_TEST_SQLITE_MAX_PAGE_COUNT)
// leaving the database as it was, bounded numeric options, negative income refused at
// import, and stats and validate defaulting to the loaded province.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/testing/run_jingzhun.h"
#include "core/id_number.h"

namespace {

using jz::cli_testing::Result;
using jz::cli_testing::RunJingzhun;

const std::string kRegions = std::string(JZ_SHARED_DATA_DIR) + "/regions";
constexpr char kFullDisk[] = "JZ_TEST_SQLITE_MAX_PAGE_COUNT=1 ";

class RegistryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-regcli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(Path(name)) << text; }
  std::filesystem::path dir_;
};

TEST_F(RegistryCliTest, UnopenableDatabasesAreNamedWithTheCause) {
  Result missing = RunJingzhun("--lang en stats " + Path("none.db"));
  EXPECT_EQ(missing.exit_code, 4) << missing.out;
  EXPECT_NE(missing.out.find(Path("none.db")), std::string::npos) << missing.out;
  EXPECT_NE(missing.out.find("create one with jingzhun regions load"), std::string::npos) << missing.out;

  std::filesystem::create_directories(Path("folder.db"));
  Result folder = RunJingzhun("--lang en import " + Path("folder.db") + " x.csv");
  EXPECT_NE(folder.exit_code, 0);
  EXPECT_NE(folder.out.find("is a folder, not a database file"), std::string::npos) << folder.out;

  Write("notes.db", "not a database\n");
  Result notes = RunJingzhun("info " + Path("notes.db"));
  EXPECT_NE(notes.exit_code, 0);
  EXPECT_NE(notes.out.find("不是 SQLite 数据库文件"), std::string::npos) << notes.out;
  EXPECT_NE(notes.out.find(Path("notes.db")), std::string::npos) << notes.out;
}

TEST_F(RegistryCliTest, ReadOnlyDatabaseIsRefusedByCommandsThatWrite) {
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  Write("r.csv", "户编号,姓名,证件号码,与户主关系,行政区划代码\n");
  // As root every file is writable: run the binary as nobody over a folder it cannot write.
  std::filesystem::permissions(dir_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                         std::filesystem::perms::group_exec |
                                         std::filesystem::perms::others_read |
                                         std::filesystem::perms::others_exec);
  ASSERT_EQ(::chmod(Path("j.db").c_str(), 0444), 0);
  const bool root = ::geteuid() == 0;
  if (root && !std::filesystem::exists("/usr/bin/setpriv")) GTEST_SKIP() << "root without setpriv";
  const std::string as_nobody = root ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  Result import = RunJingzhun("--lang en import " + Path("j.db") + " " + Path("r.csv"), as_nobody);
  EXPECT_EQ(import.exit_code, 7) << import.out;  // PermissionDenied
  EXPECT_NE(import.out.find("read-only"), std::string::npos) << import.out;
  EXPECT_NE(import.out.find(Path("j.db")), std::string::npos) << import.out;
}

TEST_F(RegistryCliTest, FullDiskDuringRegionsLoadOrImportChangesNothing) {
  ASSERT_EQ(RunJingzhun("info " + Path("j.db")).exit_code, 4);
  Result load = RunJingzhun("--lang en regions load " + Path("j.db") + " " + kRegions, kFullDisk);
  EXPECT_NE(load.exit_code, 0);
  EXPECT_NE(load.out.find("the disk is full"), std::string::npos) << load.out;
  EXPECT_NE(RunJingzhun("info " + Path("j.db")).out.find("区划 0 个"), std::string::npos);

  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 2000 --seed 3 --regions " + kRegions)
                .exit_code,
            0);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  Result import =
      RunJingzhun("import " + Path("j.db") + " " + Path("reg/registry.csv") + " --year 2025", kFullDisk);
  EXPECT_NE(import.exit_code, 0);
  EXPECT_NE(import.out.find("磁盘已满"), std::string::npos) << import.out;
  EXPECT_NE(RunJingzhun("info " + Path("j.db")).out.find("户 0 户，人 0 人"), std::string::npos);
}

TEST_F(RegistryCliTest, NumericOptionsAreBounded) {
  Result rate = RunJingzhun("--lang en generate --out " + Path("g") + " --persons 10 --error-rate 0.6");
  EXPECT_EQ(rate.exit_code, 3);
  EXPECT_NE(rate.out.find("--error-rate 0.6 is out of range; 0 to 0.5"), std::string::npos) << rate.out;
  Result year = RunJingzhun("--lang en generate --out " + Path("g") + " --persons 10 --year 2013");
  EXPECT_EQ(year.exit_code, 3);
  EXPECT_NE(year.out.find("--year 2013 is out of range; 2014 to"), std::string::npos) << year.out;
  Result persons = RunJingzhun("--lang en generate --out " + Path("g") + " --persons 300000000");
  EXPECT_EQ(persons.exit_code, 3);
  EXPECT_NE(persons.out.find("1 to 200000000"), std::string::npos) << persons.out;
  EXPECT_FALSE(std::filesystem::exists(Path("g")));

  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  Write("r.csv", "户编号,姓名,证件号码,与户主关系,行政区划代码\n");
  Result import = RunJingzhun("--lang en import " + Path("j.db") + " " + Path("r.csv") + " --year 2013");
  EXPECT_EQ(import.exit_code, 3);
  EXPECT_NE(import.out.find("income year 2013 is out of range; 2014 to"), std::string::npos) << import.out;
}

TEST_F(RegistryCliTest, NegativeIncomeIsRefusedButABusinessLossIsImported) {
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  const auto id = [](uint32_t sequence) {
    return jz::IdNumber::FromParts(222424, *jz::Date::FromYmd(1950, 5, 1), sequence)->ToString();
  };
  Write("r.csv",
        "户编号,人编号,姓名,证件号码,性别,出生日期,人数,与户主关系,行政区划代码,工资性收入,生产经营性收入\n"
        "H1,H101,王强," +
            id(3) +
            ",男,1950-05-01,1,户主,222424100205,-1200,0\n"
            "H2,H201,李明," +
            id(5) + ",男,1950-05-01,1,户主,222424100205,3000,-800\n");
  Result r = RunJingzhun("import " + Path("j.db") + " " + Path("r.csv") + " --year 2025 --partial --report " +
                         Path("errors.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("入库 1 人"), std::string::npos) << r.out;
  std::ifstream report(Path("errors.csv"));
  const std::string text((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("income.negative"), std::string::npos) << text;
  EXPECT_NE(text.find("工资性收入为负数（-1200.00 元）"), std::string::npos) << text;
  EXPECT_EQ(text.find("H2"), std::string::npos) << "a business loss is not an error: " << text;
}

TEST_F(RegistryCliTest, StatsAndValidateDefaultToTheLoadedProvince) {
  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 500 --seed 3 --regions " + kRegions)
                .exit_code,
            0);
  ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  ASSERT_EQ(RunJingzhun("import " + Path("j.db") + " " + Path("reg/registry.csv") + " --year 2025").exit_code,
            0);
  Result json = RunJingzhun("stats " + Path("j.db") + " --format json --level prefecture");
  ASSERT_EQ(json.exit_code, 0) << json.out;
  EXPECT_NE(json.out.find("\"region_name\": \"吉林省\""), std::string::npos) << json.out.substr(0, 400);
  EXPECT_NE(json.out.find("\"dimension\": \"total\""), std::string::npos);
  Result csv = RunJingzhun("--lang en stats " + Path("j.db") + " --format csv");
  EXPECT_EQ(csv.out.rfind("region_code,region_name,dimension,code,label,households,persons\n", 0), 0u)
      << csv.out;
  Result v = RunJingzhun("validate " + Path("j.db"));
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_NE(v.out.find("延边朝鲜族自治州"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("校验 "), std::string::npos) << v.out;
  EXPECT_TRUE(std::filesystem::exists(Path("j.db") + ".validation.csv.counts.csv"));
}

// The demo loads the 2016 edition beside the 2023 one (scripts/demo), so that 2016 names
// resolve; the newest edition keeps answering, so the tables print as with 2023 alone.
TEST_F(RegistryCliTest, TheTwoEditionsLoadSideBySideAndTheNewestAnswers) {
  ASSERT_EQ(RunJingzhun("generate --out " + Path("reg") + " --persons 300 --seed 5 --regions " + kRegions)
                .exit_code,
            0);
  for (const std::string db : {"one.db", "both.db"}) {
    Result loaded = RunJingzhun("regions load " + Path(db) + " " + kRegions);
    ASSERT_EQ(loaded.exit_code, 0) << loaded.out;
  }
  Result older = RunJingzhun("regions load " + Path("both.db") + " " + kRegions + " --edition 2016");
  ASSERT_EQ(older.exit_code, 0) << older.out;
  EXPECT_NE(older.out.find("已加载 2016 版区划 12457 个"), std::string::npos) << older.out;
  EXPECT_NE(older.out.find("村级 11370"), std::string::npos) << older.out;
  std::string tables[2];
  for (int i = 0; i < 2; ++i) {
    const std::string db = Path(i == 0 ? "one.db" : "both.db");
    Result imported = RunJingzhun("import " + db + " " + Path("reg/registry.csv") + " --year 2025");
    ASSERT_EQ(imported.exit_code, 0) << imported.out;
    Result stats = RunJingzhun("stats " + db + " --level county");
    ASSERT_EQ(stats.exit_code, 0) << stats.out;
    tables[i] = stats.out;
  }
  EXPECT_EQ(tables[0], tables[1]);
  EXPECT_EQ(tables[1].find("220381"), std::string::npos) << tables[1];
}

}  // namespace
