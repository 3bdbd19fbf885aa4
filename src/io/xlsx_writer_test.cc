// The xlsx writer, read back as Excel sees the file (tests/testutil/xlsx_inspect.h): cell types
// and number formats, the frozen bold header, autofilter and widths, headers in each language,
// sheet names, formula neutralisation, and failures that leave nothing behind.
#include "io/xlsx_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "io/table_reader.h"
#include "io/xlsx_reader.h"
#include "tests/testutil/status_matchers.h"
#include "tests/testutil/xlsx_inspect.h"

namespace jz {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
namespace t = ::jz::testing;

class XlsxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-xlsx-out-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir_))
      names.push_back(e.path().filename().string());
    return names;
  }

  std::filesystem::path dir_;
};

ReportTable Ledger() {
  ReportTable t("ledger", {{"finding", "问题", "finding"},
                           {"id", "证件号码", "ID number"},
                           {"households", "户数", "households", CellKind::kInt},
                           {"amount_fen", "金额", "amount", CellKind::kMoney},
                           {"share", "占比", "share", CellKind::kShare},
                           {"seconds", "用时", "seconds", CellKind::kDecimal}});
  t.AddRow({std::string("=HYPERLINK(\"http://x\",\"y\")"), std::string("220102199001011234"),
            int64_t{222424100205}, int64_t{-30000}, 0.125, 1.5});
  t.AddRow({std::string("+cmd|' /C calc'!A0"), std::string("-300"), std::monostate{}, int64_t{123456789},
            std::monostate{}, std::monostate{}});
  t.AddRow({std::string("@SUM(A1)"), std::string("\tx"), int64_t{-300}, int64_t{0}, 1.0, 0.0});
  return t;
}

TEST_F(XlsxWriterTest, WritesTypedCellsWithTheirFormats) {
  const std::string path = Path("ledger.xlsx");
  ASSERT_OK(WriteXlsx(path, std::vector<ReportTable>{Ledger()}, Lang::kZhHans));
  const std::vector<t::InspectedSheet> sheets = t::InspectXlsx(path);
  ASSERT_EQ(sheets.size(), 1u);
  const auto& cells = sheets[0].cells;
  // An ID number and a digit string stay text, so Excel keeps every digit.
  EXPECT_EQ(cells.at("B2").type, "inlineStr");
  EXPECT_EQ(cells.at("B2").text, "220102199001011234");
  // A 12-digit count or code is a number shown whole, never as 2.22424E+11.
  EXPECT_EQ(cells.at("C2").type, "n");
  EXPECT_EQ(cells.at("C2").text, "222424100205");
  EXPECT_EQ(cells.at("C2").number_format, "0");
  EXPECT_EQ(cells.at("D2").text, "-300");
  EXPECT_EQ(cells.at("D2").number_format, "#,##0.00");
  EXPECT_EQ(cells.at("D3").text, "1234567.89");
  EXPECT_EQ(cells.at("E2").text, "0.125");
  EXPECT_EQ(cells.at("E2").number_format, "0.0%");
  EXPECT_EQ(cells.at("F2").text, "1.5");
  EXPECT_EQ(cells.at("F2").number_format, "0.000");
  EXPECT_EQ(cells.count("C3"), 0u);  // an empty cell is left blank
  EXPECT_EQ(cells.at("C4").text, "-300");
  EXPECT_EQ(cells.at("C4").type, "n");
}

TEST_F(XlsxWriterTest, NeutralisesFormulasButKeepsNumbers) {
  const std::string path = Path("ledger.xlsx");
  ASSERT_OK(WriteXlsx(path, std::vector<ReportTable>{Ledger()}, Lang::kZhHans));
  const std::vector<t::InspectedSheet> sheets = t::InspectXlsx(path);
  const auto& cells = sheets[0].cells;
  for (const auto& [ref, cell] : cells) EXPECT_FALSE(cell.formula) << ref;
  EXPECT_EQ(cells.at("A2").text, "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(cells.at("A2").type, "inlineStr");
  EXPECT_EQ(cells.at("A3").text, "'+cmd|' /C calc'!A0");
  EXPECT_EQ(cells.at("A4").text, "'@SUM(A1)");
  EXPECT_EQ(cells.at("B4").text, "'\tx");
  EXPECT_EQ(cells.at("B3").text, "-300");  // text that is a plain number is left alone
}

TEST_F(XlsxWriterTest, HeaderIsBoldFrozenFilteredAndSized) {
  const std::string path = Path("ledger.xlsx");
  ASSERT_OK(WriteXlsx(path, std::vector<ReportTable>{Ledger()}, Lang::kZhHans));
  const t::InspectedSheet sheet = t::InspectXlsx(path)[0];
  EXPECT_EQ(sheet.name, "ledger");
  EXPECT_EQ(sheet.cells.at("A1").text, "问题");
  EXPECT_TRUE(sheet.cells.at("A1").bold);
  EXPECT_FALSE(sheet.cells.at("A2").bold);
  EXPECT_EQ(sheet.frozen_top_left, "A2");
  EXPECT_EQ(sheet.autofilter, "A1:F4");
  ASSERT_EQ(sheet.widths.size(), 6u);
  // libxlsxwriter adds its own padding of under a character to the width asked for.
  EXPECT_NEAR(sheet.widths[1], 20, 1);  // 18 digits + 2
  EXPECT_NEAR(sheet.widths[5], 7, 1);   // "1.500" is 5 wide, + 2 (CJK "用时" counts 4)
  EXPECT_NEAR(sheet.widths[2], 14, 1);  // 12 digits + 2
}

TEST_F(XlsxWriterTest, HeadersFollowTheLanguage) {
  const std::string en = Path("en.xlsx");
  ASSERT_OK(WriteXlsx(en, std::vector<ReportTable>{Ledger()}, Lang::kEn));
  EXPECT_EQ(t::InspectXlsx(en)[0].cells.at("C1").text, "households");
  if (!TraditionalAvailable()) GTEST_SKIP() << "OpenCC data missing";
  const std::string hant = Path("hant.xlsx");
  ASSERT_OK(WriteXlsx(hant, std::vector<ReportTable>{Ledger()}, Lang::kZhHant));
  EXPECT_EQ(t::InspectXlsx(hant)[0].cells.at("B1").text, "證件號碼");
}

TEST_F(XlsxWriterTest, OneSheetPerTableWithValidUniqueNames) {
  std::vector<ReportTable> tables;
  tables.emplace_back("a/b:c", std::vector<ReportColumn>{{"x", "甲", "x"}});
  tables.emplace_back("A_B_C", std::vector<ReportColumn>{{"x", "甲", "x"}});
  tables.emplace_back(std::string(40, 'z'), std::vector<ReportColumn>{{"x", "甲", "x"}});
  const std::string path = Path("many.xlsx");
  ASSERT_OK(WriteXlsx(path, tables, Lang::kZhHans));
  std::vector<std::string> names;
  for (const auto& sheet : t::InspectXlsx(path)) names.push_back(sheet.name);
  EXPECT_THAT(names, ElementsAre("a_b_c", "A_B_C (2)", std::string(31, 'z')));
  const std::vector<std::string> taken = {"'x'"};
  EXPECT_EQ(XlsxSheetName("'x'", taken), "x");
  EXPECT_EQ(XlsxSheetName("", {}), "Sheet");
  EXPECT_EQ(XlsxSheetName(std::string(31, 'q'), std::vector<std::string>{std::string(31, 'Q')}),
            std::string(27, 'q') + " (2)");
}

TEST_F(XlsxWriterTest, StreamingRowsReadBackAsText) {
  const std::string path = Path("copy.xlsx");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<XlsxWriter> xlsx, XlsxWriter::Create(path));
  xlsx->StartSheet("errors", {"姓名", "证件号码", "错误"});
  for (int i = 0; i < 3000; ++i) xlsx->TextRow({"张三", std::to_string(220102199001010000 + i), "=1+1"});
  ASSERT_OK(xlsx->Close());
  EXPECT_EQ(xlsx->rows_written(), 3000);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TableReader> table, OpenTable(path));
  std::vector<std::string_view> cells;
  std::vector<std::string> last;
  int64_t rows = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
    if (!more) break;
    ++rows;
    last.assign(cells.begin(), cells.end());
  }
  ASSERT_EQ(rows, 3001);
  EXPECT_THAT(last, ElementsAre("张三", "220102199001012999", "'=1+1"));
  EXPECT_THAT(Files(), ElementsAre("copy.xlsx"));  // no temporary file is left
}

TEST_F(XlsxWriterTest, MissingFolderIsAnErrorNamingThePath) {
  const std::string path = Path("no/such/dir/x.xlsx");
  const StatusOr<std::unique_ptr<XlsxWriter>> xlsx = XlsxWriter::Create(path);
  EXPECT_EQ(xlsx.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(xlsx.status().message(), HasSubstr(path));
}

TEST_F(XlsxWriterTest, UnfinishedWorkbookLeavesNothingBehind) {
  const std::string path = Path("half.xlsx");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<XlsxWriter> xlsx, XlsxWriter::Create(path));
    xlsx->StartSheet("rows", {"a"});
    xlsx->TextRow({"1"});
  }
  EXPECT_THAT(Files(), IsEmpty());
}

TEST_F(XlsxWriterTest, FailedRenameLeavesNoTemporaryFile) {
  // The target is a folder: the workbook is assembled, the rename fails, the temp file goes.
  const std::string path = Path("folder.xlsx");
  std::filesystem::create_directories(path + "/inside");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<XlsxWriter> xlsx, XlsxWriter::Create(path));
  xlsx->StartSheet("rows", {"a"});
  const Status status = xlsx->Close();
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr(path));
  EXPECT_THAT(Files(), ElementsAre("folder.xlsx"));
}

TEST_F(XlsxWriterTest, DetectsTheXlsxExtension) {
  EXPECT_TRUE(IsXlsxOutputPath("a/b.XLSX"));
  EXPECT_TRUE(IsXlsxOutputPath("r.xlsx"));
  EXPECT_FALSE(IsXlsxOutputPath("r.csv"));
  EXPECT_FALSE(IsXlsxOutputPath("xlsx"));
}

}  // namespace
}  // namespace jz
