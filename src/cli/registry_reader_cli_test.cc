// End-to-end tests of the registry reader's guards through the binary (issue 13 item 5): a
// quote opened in one row's 姓名 and closed in a later row's is refused naming both lines,
// with nothing of the rows between stored; an ID number born before 1900 imports and is
// reported by validate as id.implausible_birth.
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
constexpr char kHeader[] = "户编号,人编号,姓名,证件号码,人数,与户主关系,行政区划代码\n";

class RegistryReaderCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-readercli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    ASSERT_EQ(RunJingzhun("regions load " + Path("j.db") + " " + kRegions).exit_code, 0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(Path(name)) << text; }
  std::string ReadFile(const std::string& name) const {
    std::ifstream in(Path(name));
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  std::filesystem::path dir_;
};

std::string Id(uint32_t sequence, int year) {
  return jz::IdNumber::FromParts(222424, *jz::Date::FromYmd(year, 5, 1), sequence)->ToString();
}

std::string Row(const std::string& household, const std::string& name, const std::string& id) {
  return household + ",P1," + name + "," + id + ",1,户主,222424100205\n";
}

TEST_F(RegistryReaderCliTest, QuoteAcrossRowsIsRefusedNamingBothLines) {
  Write("q.csv", std::string(kHeader) + Row("H1", "张三", Id(1, 1960)) + Row("H2", "\"李四", Id(3, 1961)) +
                     Row("H3", "王五", Id(5, 1962)) + Row("H4", "赵六\"", Id(7, 1963)) +
                     Row("H5", "钱七", Id(9, 1964)));
  Result r = RunJingzhun("import " + Path("j.db") + " " + Path("q.csv") + " --year 2025 --partial --report " +
                         Path("errors.csv"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("入库 2 人"), std::string::npos) << r.out;  // 张三 and 钱七 only
  const std::string report = ReadFile("errors.csv");
  EXPECT_NE(report.find("import.quote_span"), std::string::npos) << report;
  EXPECT_NE(report.find("第 3 行开始，到第 5 行才结束"), std::string::npos) << report;
  EXPECT_EQ(report.find(Id(5, 1962)), std::string::npos) << "王五's full ID number leaked: " << report;
  Result strict = RunJingzhun("import " + Path("j.db") + " " + Path("q.csv") + " --year 2025");
  EXPECT_EQ(strict.exit_code, 3) << strict.out;
}

TEST_F(RegistryReaderCliTest, IdBornBefore1900ImportsAndValidateReportsIt) {
  Write("old.csv", std::string(kHeader) + Row("H1", "张三", Id(1, 1899)));
  Result r = RunJingzhun("import " + Path("j.db") + " " + Path("old.csv") + " --year 2025");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("入库 1 人"), std::string::npos) << r.out;
  Result v = RunJingzhun("validate " + Path("j.db") + " --report " + Path("findings.csv"));
  const std::string findings = ReadFile("findings.csv") + v.out;
  EXPECT_NE(findings.find("id.implausible_birth"), std::string::npos) << findings;
}

}  // namespace
