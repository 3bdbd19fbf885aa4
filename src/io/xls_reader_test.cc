// The .xls (BIFF8) reader behind OpenTable(), on workbooks written by the test helper
// tests/testutil/xls_builder.h: shared strings in Chinese, numbers, RK integers, dates,
// gaps, an ID number that went through a number cell, and damaged files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/table_reader.h"
#include "tests/testutil/status_matchers.h"
#include "tests/testutil/xls_builder.h"

namespace jz {
namespace {

using ::testing::ElementsAre;
namespace t = ::jz::testing;

std::string Fixture() {
  return t::XlsBytes({
      {t::XlsText(u"姓名"), t::XlsText(u"证件号码"), t::XlsText(u"人数"), t::XlsText(u"识别时间"),
       t::XlsText(u"收入")},
      {t::XlsText(u"张三"), t::XlsNumber(4.10523198001011e17), t::XlsInteger(4), t::XlsDate(45838),
       t::XlsNumber(1234.5)},
      {},  // an empty row: skipped
      {t::XlsText(u"李四"), t::XlsText(u"220101199001011234"), t::XlsEmpty(), t::XlsEmpty(),
       t::XlsInteger(-3)},
  });
}

void ExpectFixture(TableReader& table) {
  EXPECT_EQ(table.format(), TableFormat::kXls);
  std::vector<std::string_view> cells;
  ASSERT_OK_AND_ASSIGN(bool more, table.Next(cells));
  ASSERT_TRUE(more);
  EXPECT_THAT(cells, ElementsAre("姓名", "证件号码", "人数", "识别时间", "收入"));
  EXPECT_EQ(table.first_line(), 1);
  ASSERT_OK_AND_ASSIGN(more, table.Next(cells));
  ASSERT_TRUE(more);
  EXPECT_THAT(cells, ElementsAre("张三", "410523198001011000", "4", "2025-06-30", "1234.5"));
  EXPECT_EQ(table.cell_info(0).source, CellSource::kText);
  EXPECT_EQ(table.cell_info(1).source, CellSource::kNumber);
  EXPECT_TRUE(table.cell_info(1).digits_lost);
  EXPECT_EQ(table.cell_info(2).source, CellSource::kNumber);
  EXPECT_FALSE(table.cell_info(2).digits_lost);
  EXPECT_EQ(table.cell_info(3).source, CellSource::kDate);
  ASSERT_OK_AND_ASSIGN(more, table.Next(cells));
  ASSERT_TRUE(more);
  EXPECT_EQ(table.first_line(), 4);
  EXPECT_THAT(cells, ElementsAre("李四", "220101199001011234", "", "", "-3"));
  ASSERT_OK_AND_ASSIGN(more, table.Next(cells));
  EXPECT_FALSE(more);
  EXPECT_EQ(table.rows_read(), 3);
}

TEST(XlsReaderTest, ReadsTheFirstSheetFromAFile) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("jz-xls-" + std::to_string(::getpid()) + ".csv")).string();
  std::ofstream(path, std::ios::binary) << Fixture();  // named .csv: the content decides
  ASSERT_OK_AND_ASSIGN(auto table, OpenTable(path));
  ExpectFixture(*table);
  std::filesystem::remove(path);
}

TEST(XlsReaderTest, ReadsBytesInMemory) {
  ASSERT_OK_AND_ASSIGN(auto table, TableFromBytes(Fixture(), "upload.xls"));
  EXPECT_EQ(table->name(), "upload.xls");
  ExpectFixture(*table);
}

// FreeXL gives doubles, which the reader writes in scientific form: 8500 is 8.5e+03, whose
// implied zeros are not lost digits. Only a number of more than 15 integer digits lost any.
TEST(XlsReaderTest, RoundAmountsHaveLostNoDigits) {
  ASSERT_OK_AND_ASSIGN(
      auto table, TableFromBytes(t::XlsBytes({{t::XlsNumber(8500), t::XlsNumber(1500), t::XlsNumber(1e14),
                                               t::XlsNumber(-12000), t::XlsNumber(2.20722197111300e17)}}),
                                 "round.xls"));
  std::vector<std::string_view> cells;
  ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
  ASSERT_TRUE(more);
  EXPECT_THAT(cells, ElementsAre("8500", "1500", "100000000000000", "-12000", "220722197111300000"));
  std::vector<bool> lost;
  for (size_t i = 0; i < cells.size(); ++i) lost.push_back(table->cell_info(i).digits_lost);
  EXPECT_THAT(lost, ElementsAre(false, false, false, false, true));
}

TEST(XlsReaderTest, ADamagedFileIsRefusedByName) {
  std::string bytes = Fixture();
  bytes.resize(700);  // the sectors of the Workbook stream are gone
  EXPECT_STATUS(TableFromBytes(bytes, "cut.xls"), StatusCode::kInvalidArgument,
                "cut.xls: not a readable Excel 97-2003 workbook (.xls)");
}

}  // namespace
}  // namespace jz
