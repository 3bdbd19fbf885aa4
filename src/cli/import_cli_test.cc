// `jingzhun import` explaining itself, through the binary: --dry-run writes nothing, the
// counts add up in the summary and in --format json, the user's file comes back with a
// problems column, a re-import lists its changes, and a database without regions is one error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/testing/run_jingzhun.h"
#include "core/id_number.h"

namespace {

using jz::cli_testing::Result;
using jz::cli_testing::RunJingzhun;

const std::string kRegions = std::string(JZ_SHARED_DATA_DIR) + "/regions";

std::string Id(int year, uint32_t sequence) {
  return jz::IdNumber::FromParts(222424, *jz::Date::FromYmd(year, 5, 1), sequence)->ToString();
}
const std::string kHeader = "户编号,人编号,姓名,证件号码,与户主关系,行政区划代码,工资性收入\n";
std::string Row(const std::string& hh, const std::string& person, const std::string& name,
                const std::string& id, const std::string& rel, const std::string& wage = "1000") {
  return hh + "," + person + "," + name + "," + id + "," + rel + ",222424100205," + wage + "\n";
}

class ImportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-importcli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(Path(name), std::ios::binary) << text;
    return Path(name);
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(Path(name), std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  Result Import(const std::string& file, const std::string& flags = "") {
    return RunJingzhun("import " + Path("j.db") + " " + Path(file) + " --year 2025 --report " +
                       Path("errors.csv") + " " + flags);
  }
  void LoadRegions() { ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0); }
  std::filesystem::path dir_;
};

TEST_F(ImportCliTest, DryRunWritesNothingAndSaysSo) {
  LoadRegions();
  Write("r.csv", kHeader + Row("H1", "H101", "金成浩", Id(1960, 1), "户主"));
  const std::string before = Read("j.db");
  Result dry = Import("r.csv", "--dry-run");
  ASSERT_EQ(dry.exit_code, 0) << dry.out;
  EXPECT_NE(dry.out.find("试运行，未写入"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("新增 1 户"), std::string::npos) << dry.out;
  EXPECT_EQ(Read("j.db"), before) << "the database file is byte for byte the same";
  Result en = RunJingzhun("--lang en import " + Path("j.db") + " " + Path("r.csv") + " --dry-run");
  EXPECT_NE(en.out.find("dry run, nothing written"), std::string::npos) << en.out;
  EXPECT_EQ(Read("j.db"), before);
  Result missing = RunJingzhun("import " + Path("none.db") + " " + Path("r.csv") + " --dry-run");
  EXPECT_EQ(missing.exit_code, 4) << missing.out;
  EXPECT_FALSE(std::filesystem::exists(Path("none.db"))) << "a dry run creates no database either";
  Result real = Import("r.csv");
  ASSERT_EQ(real.exit_code, 0) << real.out;
  EXPECT_EQ(real.out.find("试运行"), std::string::npos) << real.out;
  EXPECT_NE(Read("j.db"), before);
}

TEST_F(ImportCliTest, RejectedRowsComeBackInTheUsersLayoutAndCountsAddUp) {
  LoadRegions();
  Write("乡镇.csv", kHeader + Row("H1", "H101", "金成浩", Id(1960, 1), "户主") +
                        Row("H1", "H102", "金美玲", Id(1962, 2), "老板") +
                        Row("H2", "H201", "王强", Id(1950, 3), "户主"));
  Result r = RunJingzhun("--lang en import " + Path("j.db") + " " + Path("乡镇.csv") +
                         " --year 2025 --report " + Path("errors.csv"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("3 rows read = 0 stored + 2 rejected + 1 not written"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(Path("errors.乡镇.csv")), std::string::npos) << r.out;
  const std::string copy = Read("errors.乡镇.csv");
  EXPECT_NE(copy.find("问题 | problems"), std::string::npos) << copy;
  EXPECT_NE(copy.find(Id(1962, 2)), std::string::npos) << "their own file keeps their ID numbers";
  EXPECT_NE(copy.find("与户主关系"), std::string::npos) << copy;
  EXPECT_EQ(Read("errors.csv").find(Id(1962, 2)), std::string::npos) << "the machine report masks them";

  Result json = RunJingzhun("import " + Path("j.db") + " " + Path("乡镇.csv") +
                            " --year 2025 --partial --format json --report " + Path("errors.csv"));
  ASSERT_EQ(json.exit_code, 0) << json.out;
  EXPECT_NE(json.out.find("\"rows\": 3,"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"persons_stored\": 1,"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"rejected_rows\": 2,"), std::string::npos) << json.out;
}

TEST_F(ImportCliTest, ReimportListsWhatChanged) {
  LoadRegions();
  Write("a.csv", kHeader + Row("H1", "H101", "金成浩", Id(1960, 1), "户主") +
                     Row("H1", "H102", "金美玲", Id(1962, 2), "配偶"));
  ASSERT_EQ(Import("a.csv").exit_code, 0);
  Write("b.csv", kHeader + Row("H1", "H101", "金成浩", Id(1960, 1), "户主", "1500") +
                     Row("H1", "H103", "金小明", Id(1990, 5), "之子", "1500"));
  Result r = Import("b.csv");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("新增成员 1 人，减少成员 1 人，字段变更 1 项"), std::string::npos) << r.out;
  const std::string changes = Read("errors.changes.csv");
  EXPECT_NE(changes.find("减少成员,金美玲 222424********"), std::string::npos) << changes;
  EXPECT_NE(changes.find("新增成员,金小明"), std::string::npos) << changes;
  EXPECT_NE(changes.find("工资性收入,1000.00,1500.00"), std::string::npos) << changes;
}

TEST_F(ImportCliTest, NoRegionsLoadedIsOneClearError) {
  Write("r.csv", kHeader + Row("H1", "H101", "金成浩", Id(1960, 1), "户主") +
                     Row("H2", "H201", "王强", Id(1950, 3), "户主"));
  Result r = RunJingzhun("--lang en import " + Path("j.db") + " " + Path("r.csv") + " --year 2025 --report " +
                         Path("errors.csv"));
  EXPECT_EQ(r.exit_code, 6) << r.out;  // FailedPrecondition
  EXPECT_NE(r.out.find("run jingzhun regions load"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("H2"), std::string::npos) << "one error, not one per row: " << r.out;
  EXPECT_FALSE(std::filesystem::exists(Path("errors.csv")));
}

}  // namespace
