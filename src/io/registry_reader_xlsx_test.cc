// RegistryReader over an .xlsx workbook written with libxlsxwriter as an office would save
// its export: a merged title row, a two-row header under a merged group cell, dates as date
// cells, incomes as numbers, one ID number typed as a number (Excel kept 15 digits) and a
// 合计 row. Persons are compared per village name triple.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <string>

#include "io/registry_reader.h"
#include "io/registry_reader_test_support.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using registry_reader_testing::Id;
using registry_reader_testing::PersonsByVillage;
using registry_reader_testing::ReadAll;
using registry_reader_testing::ReadResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

class RegistryReaderXlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz_registry_xlsx_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
};

void WriteRow(lxw_worksheet* sheet, lxw_row_t row, const std::vector<std::string>& cells) {
  for (size_t c = 0; c < cells.size(); ++c) {
    if (!cells[c].empty())
      worksheet_write_string(sheet, row, static_cast<lxw_col_t>(c), cells[c].c_str(), nullptr);
  }
}

// Columns: 县 乡 村 户编号 姓名 公民身份号码 与户主关系 首次识别时间 | 收入情况: 工资性收入 转移性收入.
void WriteExport(const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "yyyy-mm-dd");
  worksheet_merge_range(sheet, 0, 0, 0, 9, "长岭县已脱贫人口名单", nullptr);
  WriteRow(sheet, 1,
           {"县（市、区、旗）", "乡（镇）", "行政村", "户编号", "姓名", "公民身份号码", "与户主关系",
            "首次识别时间"});
  worksheet_merge_range(sheet, 1, 8, 1, 9, "收入情况", nullptr);
  WriteRow(sheet, 2, {"", "", "", "", "", "", "", "", "工资性收入", "转移性收入"});
  const std::vector<std::vector<std::string>> persons = {
      {"长岭县", "太平山镇", "新安村", "H001", "张三", Id(101, 1960, 5, 1), "户主"},
      {"长岭县", "太平山镇", "新安村", "H001", "李四", Id(102, 1962, 3, 4), "配偶"},
      {"长岭县", "前七号镇", "新安村", "H002", "王五", "", "户主"},
  };
  for (size_t i = 0; i < persons.size(); ++i) {
    const auto row = static_cast<lxw_row_t>(3 + i);
    WriteRow(sheet, row, persons[i]);
    lxw_datetime identified = {2016, 3, 1, 0, 0, 0};
    worksheet_write_datetime(sheet, row, 7, &identified, date);
    worksheet_write_number(sheet, row, 8, 12000.5, nullptr);
    worksheet_write_number(sheet, row, 9, 1500, nullptr);
  }
  // 王五's ID number typed as a number: Excel keeps 15 significant digits.
  worksheet_write_number(sheet, 5, 5, 220722197111300031.0, nullptr);
  worksheet_write_string(sheet, 7, 0, "合计", nullptr);
  worksheet_write_string(sheet, 7, 4, "3人", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

TEST_F(RegistryReaderXlsxTest, CountyExportWithTitleMergedHeaderAndFooter) {
  const std::string path = (dir_ / "长岭县.xlsx").string();
  WriteExport(path);
  ASSERT_OK_AND_ASSIGN(auto reader,
                       RegistryReader::Open(path, {.encoding = std::nullopt, .data_year = 2023}));
  EXPECT_EQ(reader->format(), TableFormat::kXlsx);
  const ReadResult read = ReadAll(std::move(reader));
  ASSERT_OK(read.status);
  EXPECT_EQ(read.reader->layout(), RegistryLayoutKind::kPersonDetail);
  EXPECT_EQ(read.reader->header_line(), 2);
  EXPECT_EQ(read.reader->header_last_line(), 3);
  EXPECT_THAT(PersonsByVillage(read.rows),
              ElementsAre(Pair("长岭县/前七号镇/新安村", ElementsAre("王五")),
                          Pair("长岭县/太平山镇/新安村", ElementsAre("张三", "李四"))));
  ASSERT_EQ(read.rows.size(), 3u);
  EXPECT_EQ(read.rows[0].line, 4);
  EXPECT_EQ(read.rows[1].person.id_number.ToString(), Id(102, 1962, 3, 4));
  EXPECT_EQ(read.rows[1].person.sex, Sex::kFemale);
  EXPECT_EQ(read.rows[0].person.birth_date, *Date::FromYmd(1960, 5, 1));
  EXPECT_EQ(read.rows[0].household.first_identified, *Date::FromYmd(2016, 3, 1));
  EXPECT_EQ(read.rows[0].year.wage_income, *Money::Parse("12000.50"));
  // 王五's number lost its last digits: a row problem on his line, never another person's
  // number. (Which rule says so, id.digits_lost, needs the cell's provenance from the xlsx
  // reader: RegistryReaderTraps.SpreadsheetNumberIdLostItsDigits tests it on a table that
  // gives it.)
  ASSERT_EQ(read.problems.size(), 1u) << read.Describe();
  EXPECT_THAT(std::string(read.problems[0].rule_id), ::testing::StartsWith("id."));
  EXPECT_EQ(read.problems[0].line, 6);
  EXPECT_EQ(read.problems[0].column, "公民身份号码");
  EXPECT_EQ(read.rows[2].person.id_number.Packed(), 0u);
  ASSERT_EQ(read.reader->notes().size(), 1u);
  EXPECT_EQ(read.reader->notes()[0].line, 8);
  EXPECT_THAT(read.reader->notes()[0].Message(), HasSubstr("footer row \"合计\" skipped"));
}

}  // namespace
}  // namespace jz
