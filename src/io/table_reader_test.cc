// TableReader over CSV: cells and their provenance (multi-line quoted fields with the lines
// of their quotes, ID numbers that went through Excel as numbers), the format chosen by
// content (every signature we sniff, and the refusals), header location and footer rows.
#include "io/table_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/csv_reader.h"
#include "io/internal/table_readers.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::vector<std::string>> ReadAll(TableReader& table) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string_view> cells;
  while (true) {
    StatusOr<bool> more = table.Next(cells);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    rows.emplace_back(cells.begin(), cells.end());
  }
  return rows;
}

TEST(CsvTableTest, ReadsRowsWithLinesAndCounts) {
  ASSERT_OK_AND_ASSIGN(auto table, TableFromBytes("姓名,证件号码\n\n张三,1\n李四,2\n", "a.csv"));
  EXPECT_EQ(table->format(), TableFormat::kCsv);
  EXPECT_EQ(TableFormatName(table->format()), "CSV");
  EXPECT_EQ(table->name(), "a.csv");
  std::vector<std::string_view> cells;
  ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
  ASSERT_TRUE(more);
  ASSERT_OK_AND_ASSIGN(more, table->Next(cells));
  EXPECT_THAT(cells, ElementsAre("张三", "1"));
  EXPECT_EQ(table->first_line(), 3);  // the blank line counts as a line, not a row
  EXPECT_EQ(table->last_line(), 3);
  EXPECT_EQ(table->rows_read(), 2);
  EXPECT_EQ(table->cell_info(0).source, CellSource::kText);
  EXPECT_EQ(table->cell_info(0).open_line, 3);
  EXPECT_EQ(table->total_bytes(), 39);
}

// A quote opened in one row's name and closed in a later row's name swallows the rows
// between: the reader says where each quote is, so an importer can refuse the name.
TEST(CsvTableTest, MultilineFieldsCarryTheLinesOfTheirQuotes) {
  const std::string csv =
      "姓名,证件号码,备注\n"
      "张三,220101,\"第一行\n第二行\"\n"  // line 2: the note holds a line break (fine)
      "\"李四,220102,x\n"                 // line 4: a quote opened in the name ...
      "王五,220103,y\n"
      "赵六\",220104,z\n";  // ... closed on line 6
  ASSERT_OK_AND_ASSIGN(auto table, TableFromBytes(csv, "quotes.csv"));
  std::vector<std::string_view> cells;
  ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
  ASSERT_OK_AND_ASSIGN(more, table->Next(cells));
  ASSERT_TRUE(more);
  EXPECT_EQ(cells[2], "第一行\n第二行");
  EXPECT_EQ(table->cell_info(0).source, CellSource::kText);
  const CellInfo note = table->cell_info(2);
  EXPECT_EQ(note.source, CellSource::kMultiline);
  EXPECT_EQ(note.open_line, 2);
  EXPECT_EQ(note.close_line, 3);
  EXPECT_EQ(table->first_line(), 2);
  EXPECT_EQ(table->last_line(), 3);

  ASSERT_OK_AND_ASSIGN(more, table->Next(cells));
  ASSERT_TRUE(more);
  EXPECT_EQ(table->first_line(), 4);
  EXPECT_EQ(table->last_line(), 6);
  const CellInfo name = table->cell_info(0);
  EXPECT_EQ(name.source, CellSource::kMultiline);
  EXPECT_EQ(name.open_line, 4);
  EXPECT_EQ(name.close_line, 6);
  EXPECT_EQ(table->cell_info(1).source, CellSource::kText);
  EXPECT_EQ(table->rows_read(), 3);
  ASSERT_OK_AND_ASSIGN(more, table->Next(cells));
  EXPECT_FALSE(more);
}

TEST(CsvTableTest, MultilineFieldsSurviveBufferRefills) {
  CsvOptions options;
  options.read_buffer_bytes = 16;
  ASSERT_OK_AND_ASSIGN(auto csv, CsvReader::FromString("a,\"x\n\ny\",\"\"\"q\nr\"\n", "t.csv", options));
  std::vector<std::string_view> fields;
  ASSERT_OK_AND_ASSIGN(bool more, csv->Next(fields));
  ASSERT_TRUE(more);
  ASSERT_EQ(csv->multiline_fields().size(), 2u);
  EXPECT_EQ(csv->multiline_fields()[0].index, 1u);
  EXPECT_EQ(csv->multiline_fields()[0].open_newlines, 0);
  EXPECT_EQ(csv->multiline_fields()[0].close_newlines, 2);
  EXPECT_EQ(csv->multiline_fields()[1].index, 2u);
  EXPECT_EQ(csv->multiline_fields()[1].open_newlines, 2);
  EXPECT_EQ(csv->multiline_fields()[1].close_newlines, 3);
  EXPECT_EQ(fields[2], "\"q\nr");
}

TEST(CsvTableTest, IdNumbersWrittenAsExponentNumbersLostDigits) {
  ASSERT_OK_AND_ASSIGN(auto table,
                       TableFromBytes("4.10523E+17,4.10523198001011E+17,410523198001011011,1.5E+3,"
                                      "2.2E+14,9.99E+15,-4.1e17,1E+999,E+17\n",
                                      "ids.csv"));
  std::vector<std::string_view> cells;
  ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
  ASSERT_TRUE(more);
  std::vector<bool> lost;
  for (size_t i = 0; i < cells.size(); ++i) lost.push_back(table->cell_info(i).digits_lost);
  EXPECT_THAT(lost, ElementsAre(true, true, false, false, false, true, true, true, false));
}

TEST(CsvTableTest, OptionsReachTheCsvReader) {
  ASSERT_OK_AND_ASSIGN(
      auto table, TableFromBytes("a;b\n", "semi.csv", {.encoding = TextEncoding::kUtf8, .delimiter = ';'}));
  EXPECT_THAT(ReadAll(*table), ElementsAre(ElementsAre("a", "b")));
  // "\xD5\xC5\xC8\xFD" is 张三 in GB18030.
  ASSERT_OK_AND_ASSIGN(table, TableFromBytes("\xD5\xC5\xC8\xFD,1\n", "gbk.csv"));
  EXPECT_THAT(ReadAll(*table), ElementsAre(ElementsAre("张三", "1")));
}

class SniffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-table-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(SniffTest, Utf8BomIsCsv) {
  ASSERT_OK_AND_ASSIGN(auto table, OpenTable(Write("bom.txt", "\xEF\xBB\xBF姓名\n张三\n")));
  EXPECT_EQ(table->format(), TableFormat::kCsv);
  EXPECT_THAT(ReadAll(*table), ElementsAre(ElementsAre("姓名"), ElementsAre("张三")));
}

TEST_F(SniffTest, UnicodeByteOrderMarksAreRefusedByName) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {std::string("\xFF\xFE\x0D\x59", 4), "UTF-16LE"},
      {std::string("\xFE\xFF\x59\x0D", 4), "UTF-16BE"},
      {std::string("\xFF\xFE\0\0\x0D\x59\0\0", 8), "UTF-32LE"},
      {std::string("\0\0\xFE\xFF\0\0\x59\x0D", 8), "UTF-32BE"},
  };
  for (const auto& [bytes, encoding] : cases) {
    const std::string path = Write("unicode.csv", bytes);
    StatusOr<std::unique_ptr<TableReader>> table = OpenTable(path);
    ASSERT_FALSE(table.ok()) << encoding;
    EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(table.status().message(), HasSubstr(path));
    EXPECT_THAT(table.status().message(), HasSubstr(encoding + " "));
    EXPECT_THAT(table.status().message(), HasSubstr("UTF-8 or GB18030"));
  }
}

TEST_F(SniffTest, PdfEmptyAndMissingFiles) {
  StatusOr<std::unique_ptr<TableReader>> table = OpenTable(Write("list.csv", "%PDF-1.7\n..."));
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("PDF"));
  table = OpenTable(Write("empty.csv", ""));
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("empty"));
  table = OpenTable((dir_ / "missing.csv").string());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kNotFound);
  table = OpenTable(dir_.string());
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("directory"));
}

TEST_F(SniffTest, WorkbookNamesThatAreNotWorkbooks) {
  StatusOr<std::unique_ptr<TableReader>> table = OpenTable(Write("list.xlsx", "姓名,证件号码\n"));
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("not a zip package"));
  EXPECT_THAT(table.status().message(), HasSubstr("list.xlsx"));
  table = OpenTable(Write("list.XLS", "<html><table>"));
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("not an Excel 97-2003 workbook"));
}

TEST_F(SniffTest, ZipAndOle2SignaturesAreWorkbooksWhateverTheName) {
  // A zip that is not a workbook (no xl/workbook.xml): read as xlsx, refused as such, not
  // as "NUL byte" by the CSV reader.
  StatusOr<std::unique_ptr<TableReader>> table =
      TableFromBytes(std::string("PK\x03\x04", 4) + std::string(40, '\0'), "renamed.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("renamed.csv"));
  EXPECT_THAT(table.status().message(), HasSubstr(".xlsx"));
  EXPECT_THAT(table.status().message(), Not(HasSubstr("NUL")));
  table =
      TableFromBytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'), "old.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("old.csv"));
  EXPECT_THAT(table.status().message(), HasSubstr(".xls"));
}

bool KnownColumn(std::string_view cell) {
  static const std::vector<std::string_view> kKnown = {
      "序号", "姓名", "证件号码", "工资性收入", "生产经营性收入", "转移性收入", "人均纯收入", "行政村"};
  return std::find(kKnown.begin(), kKnown.end(), cell) != kKnown.end();
}

TEST(FindHeaderTest, SkipsTitleRowsAboveTheHeader) {
  const std::vector<std::vector<std::string>> rows = {
      {"XX县已脱贫人口名单"},
      {"填报单位：XX县乡村振兴局", "", "", "2025年6月"},
      {" 序号", "姓名\u3000", "证件号码", "行政村", "联系电话"},
      {"1", "张三", "220101199001011234", "红旗村", "13800000000"},
  };
  std::optional<LocatedHeader> header = FindHeader(rows, KnownColumn, 3);
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->first_row, 2u);
  EXPECT_EQ(header->row_count, 1u);
  EXPECT_THAT(header->cells, ElementsAre("序号", "姓名", "证件号码", "行政村", "联系电话"));
}

TEST(FindHeaderTest, MergesATwoRowHeaderUnderGroupCells) {
  const std::vector<std::vector<std::string>> rows = {
      {"XX县监测对象收入情况"},
      {"序号", "姓名", "收入情况", "", "", "人均纯收入"},
      {"", "", "工资性收入", "生产经营性收入", "转移性收入", ""},
      {"1", "张三", "1000", "2000", "300", "3300"},
  };
  std::optional<LocatedHeader> header = FindHeader(rows, KnownColumn, 4);
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->first_row, 1u);
  EXPECT_EQ(header->row_count, 2u);
  EXPECT_THAT(header->cells,
              ElementsAre("序号", "姓名", "工资性收入", "生产经营性收入", "转移性收入", "人均纯收入"));
}

TEST(FindHeaderTest, NoHeaderBelowTheMinimumOrPastTheSearchRows) {
  const std::vector<std::vector<std::string>> rows = {{"a", "姓名"}, {"1", "张三"}};
  EXPECT_FALSE(FindHeader(rows, KnownColumn, 2).has_value());
  std::vector<std::vector<std::string>> deep(kHeaderSearchRows, std::vector<std::string>{"标题"});
  deep.push_back({"序号", "姓名", "证件号码"});
  EXPECT_FALSE(FindHeader(deep, KnownColumn, 1).has_value());
  deep.erase(deep.begin());
  ASSERT_TRUE(FindHeader(deep, KnownColumn, 1).has_value());
  EXPECT_EQ(FindHeader(deep, KnownColumn, 1)->first_row, kHeaderSearchRows - 1);
}

TEST(FooterTest, RecognisesFooterRowsInBothScripts) {
  using Row = std::vector<std::string_view>;
  EXPECT_TRUE(IsFooterRow(Row{"合计", "", "", "1234"}));
  EXPECT_TRUE(IsFooterRow(Row{"", " 合　计", "35人"}));
  EXPECT_TRUE(IsFooterRow(Row{"合 计"}));
  EXPECT_TRUE(IsFooterRow(Row{"总计：120户"}));
  EXPECT_TRUE(IsFooterRow(Row{"制表人：李四", "", "审核人：王五"}));
  EXPECT_TRUE(IsFooterRow(Row{"填报日期：2025年6月30日"}));
  EXPECT_TRUE(IsFooterRow(Row{"单位负责人：赵六"}));
  EXPECT_TRUE(IsFooterRow(Row{"备注：本表由村委会填报"}));
  EXPECT_TRUE(IsFooterRow(Row{"說明: 無"}));
  EXPECT_TRUE(IsFooterRow(Row{"合計"}));
  EXPECT_TRUE(IsFooterRow(Row{"製表人：陳大文"}));
  EXPECT_TRUE(IsFooterRow(Row{"負責人"}));
  EXPECT_FALSE(IsFooterRow(Row{"1", "合计"}));  // the first non-empty cell decides
  EXPECT_FALSE(IsFooterRow(Row{"张三", "220101199001011234"}));
  EXPECT_FALSE(IsFooterRow(Row{"备注"}));  // a header cell, not a footer note
  EXPECT_FALSE(IsFooterRow(Row{"", ""}));
  EXPECT_FALSE(IsFooterRow(Row{}));
}

}  // namespace
}  // namespace jz
