// The streaming .xlsx reader behind OpenTable(), on workbooks laid out as Excel writes them
// (tests/testutil/xlsx_builder.h) and on hand-written sheet XML for each cell type, gap and
// error: shared, inline and rich strings, numbers as a spreadsheet user reads them (ID
// numbers that lost digits said so), dates, booleans, error cells, cells without
// references, sheets spanning many chunks, and files that are not workbooks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/limits.h"
#include "io/internal/xlsx_package.h"
#include "io/table_reader.h"
#include "io/xlsx_reader.h"
#include "tests/testutil/status_matchers.h"
#include "tests/testutil/xlsx_builder.h"

namespace jz {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace t = ::jz::testing;

struct Row {
  int64_t number;
  std::vector<std::string> cells;
};

StatusOr<std::vector<Row>> ReadRows(std::unique_ptr<TableReader> table) {
  std::vector<Row> rows;
  std::vector<std::string_view> cells;
  while (true) {
    ASSIGN_OR_RETURN(const bool more, table->Next(cells));
    if (!more) return rows;
    EXPECT_EQ(table->first_line(), table->last_line());
    rows.push_back({table->first_line(), std::vector<std::string>(cells.begin(), cells.end())});
  }
}

StatusOr<std::vector<Row>> ReadRows(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> table, OpenTable(path));
  EXPECT_EQ(table->format(), TableFormat::kXlsx);
  return ReadRows(std::move(table));
}

// A workbook's bytes with the given sheet XML (inside <sheetData>) and shared strings.
std::string Workbook(const std::string& sheet_data, const std::vector<std::string>& shared = {}) {
  auto parts = t::XlsxParts({});
  parts["xl/worksheets/sheet1.xml"] =
      R"(<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
      sheet_data + "</x:sheetData></x:worksheet>";
  std::string sst = "<sst>";
  for (const std::string& s : shared) sst += s.starts_with("<") ? s : "<si><t>" + s + "</t></si>";
  parts["xl/sharedStrings.xml"] = sst + "</sst>";
  const std::string path =
      std::filesystem::temp_directory_path() / ("jz-wb-" + std::to_string(::getpid()) + ".xlsx");
  t::WriteZip(path, parts);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::filesystem::remove(path);
  return bytes;
}

StatusOr<std::vector<Row>> ReadSheet(const std::string& sheet_data,
                                     const std::vector<std::string>& shared = {}) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> table,
                   TableFromBytes(Workbook(sheet_data, shared), "t.xlsx"));
  return ReadRows(std::move(table));
}

class XlsxStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-xlsx-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

TEST_F(XlsxStreamTest, ReadsStringsNumbersDatesAndGaps) {
  const std::string path = Path("findings.xlsx");
  t::WriteXlsx(path, {
                         {t::Text("问题描述"), t::Text("区划代码"), t::Text("整改时限"), t::Text("备注")},
                         {t::Text("C级危房未改造 & 漏报"), t::Number("222424100205"), t::DateSerial("45838"),
                          t::Inline("<已核实>")},
                         {},  // an empty row: skipped
                         {t::Text("饮水"), t::Empty(), t::DateSerial("45838.75"), t::Number("3.5")},
                     });
  ASSERT_OK_AND_ASSIGN(std::vector<Row> rows, ReadRows(path));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_THAT(rows[0].cells, ElementsAre("问题描述", "区划代码", "整改时限", "备注"));
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_THAT(rows[1].cells, ElementsAre("C级危房未改造 & 漏报", "222424100205", "2025-06-30", "<已核实>"));
  EXPECT_EQ(rows[2].number, 4);  // Excel's own row number, past the empty row
  EXPECT_THAT(rows[2].cells, ElementsAre("饮水", "", "2025-06-30", "3.5"));
}

TEST_F(XlsxStreamTest, CellSourcesAndDigitsLost) {
  ASSERT_OK_AND_ASSIGN(auto table,
                       TableFromBytes(Workbook(R"(<x:row r="3">)"
                                               R"(<x:c r="A3"><x:v>4.1052319800101101E+17</x:v></x:c>)"
                                               R"(<x:c r="B3"><x:v>4.10523198001011E+17</x:v></x:c>)"
                                               R"(<x:c r="C3"><x:v>410523198001011</x:v></x:c>)"
                                               R"(<x:c r="D3"><x:v>0.30000000000000004</x:v></x:c>)"
                                               R"(<x:c r="E3" t="b"><x:v>1</x:v></x:c>)"
                                               R"(<x:c r="F3" t="e"><x:v>#N/A</x:v></x:c>)"
                                               R"(<x:c r="G3" t="d"><x:v>2025-06-30T00:00:00</x:v></x:c>)"
                                               R"(<x:c r="H3" t="s"><x:v>0</x:v></x:c>)"
                                               R"(<x:c r="I3"><x:v>-1.5E-3</x:v></x:c>)"
                                               R"(<x:c r="J3" t="str"><x:f>A1</x:f><x:v>x</x:v></x:c>)"
                                               "</x:row>",
                                               {"文本"}),
                                      "cells.xlsx"));
  std::vector<std::string_view> cells;
  ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
  ASSERT_TRUE(more);
  EXPECT_THAT(cells, ElementsAre("410523198001011010", "410523198001011000", "410523198001011", "0.3", "TRUE",
                                 "#N/A", "2025-06-30", "文本", "-0.0015", "x"));
  EXPECT_EQ(table->first_line(), 3);
  std::vector<CellSource> sources;
  std::vector<bool> lost;
  for (size_t i = 0; i < cells.size(); ++i) {
    sources.push_back(table->cell_info(i).source);
    lost.push_back(table->cell_info(i).digits_lost);
    EXPECT_EQ(table->cell_info(i).open_line, 3);
  }
  using S = CellSource;
  EXPECT_THAT(sources, ElementsAre(S::kNumber, S::kNumber, S::kNumber, S::kNumber, S::kBool, S::kError,
                                   S::kDate, S::kText, S::kNumber, S::kText));
  EXPECT_THAT(lost, ElementsAre(true, true, false, false, false, false, false, false, false, false));
}

TEST(XlsxNumberTest, ShortestDecimalWithoutExponent) {
  auto text = [](std::string_view v) {
    std::string out;
    const bool lost = internal::AppendXlsxNumber(v, out);
    return out + (lost ? " lost" : "");
  };
  EXPECT_EQ(text("12.5"), "12.5");
  EXPECT_EQ(text("12.50"), "12.5");
  EXPECT_EQ(text("0"), "0");
  EXPECT_EQ(text("-0.0"), "0");
  EXPECT_EQ(text("222424100205"), "222424100205");
  EXPECT_EQ(text("4.10523E+17"), "410523000000000000 lost");
  EXPECT_EQ(text("1E+21"), "1000000000000000000000 lost");
  EXPECT_EQ(text("1234.5600000000001"), "1234.56");
  EXPECT_EQ(text("5E-324"), "0." + std::string(323, '0') + "5");
  EXPECT_EQ(text("abc"), "abc");
  EXPECT_EQ(text("1E+999"), "1E+999");
}

TEST(XlsxSheetTest, RichTextInlineStringsAndCellsWithoutReferences) {
  ASSERT_OK_AND_ASSIGN(
      std::vector<Row> rows,
      ReadSheet(
          R"(<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c/><x:c t="inlineStr"><x:is><x:r><x:t>甲</x:t></x:r>)"
          R"(<x:r><x:t xml:space="preserve"> 乙</x:t></x:r><x:rPh><x:t>jia</x:t></x:rPh></x:is></x:c></x:row>)"
          R"(<x:row><x:c r="C2" s="0"/><x:c r="D2"/></x:row>)"  // styled blank cells: a blank row
          R"(<x:row><x:c r="B3"><x:v>7</x:v></x:c><x:c><x:v>8</x:v></x:c><x:c r="E3" s="9"/></x:row>)",
          {"<si><r><t>富</t></r><r><t>文本</t></r><rPh><t>fu</t></rPh></si>"}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_THAT(rows[0].cells, ElementsAre("富文本", "", "甲 乙"));
  EXPECT_EQ(rows[1].number, 3);  // a row without r follows the one before
  EXPECT_THAT(rows[1].cells, ElementsAre("", "7", "8"));
}

// Rows straddle the 64 KiB chunks handed to the parser, and the pool of parsed rows is
// reused: every row must come out whole and in order.
TEST(XlsxSheetTest, ALongSheetStreamsWhole) {
  std::string data;
  constexpr int kRows = 30'000;
  for (int r = 1; r <= kRows; ++r) {
    data += "<x:row r=\"" + std::to_string(r) + "\"><x:c r=\"A" + std::to_string(r) + "\" t=\"s\"><x:v>" +
            std::to_string(r % 3) + "</x:v></x:c><x:c r=\"B" + std::to_string(r) + "\"><x:v>" +
            std::to_string(r) + "</x:v></x:c></x:row>";
  }
  ASSERT_GT(data.size(), 10 * kXlsxReadChunkBytes);
  ASSERT_OK_AND_ASSIGN(auto table, TableFromBytes(Workbook(data, {"零", "一", "二"}), "long.xlsx"));
  std::vector<std::string_view> cells;
  int64_t n = 0;
  const std::vector<std::string> names = {"零", "一", "二"};
  while (true) {
    ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
    if (!more) break;
    ++n;
    ASSERT_EQ(table->first_line(), n);
    ASSERT_EQ(cells.size(), 2u);
    ASSERT_EQ(cells[0], names[static_cast<size_t>(n % 3)]);
    ASSERT_EQ(cells[1], std::to_string(n));
  }
  EXPECT_EQ(n, kRows);
  EXPECT_EQ(table->rows_read(), kRows);
  EXPECT_EQ(table->bytes_consumed(), table->total_bytes());
}

TEST(XlsxSheetTest, SheetErrorsNameTheFilePartAndRow) {
  EXPECT_STATUS(ReadSheet(R"(<x:row r="5"><x:c r="A5" t="s"><x:v>7</x:v></x:c></x:row>)", {"a"}),
                StatusCode::kInvalidArgument,
                "t.xlsx: xl/worksheets/sheet1.xml row 5: shared string 7 does not exist");
  EXPECT_STATUS(ReadSheet(R"(<x:row r="0"><x:c r="A1"><x:v>1</x:v></x:c></x:row>)"),
                StatusCode::kInvalidArgument, "invalid row number 0");
  EXPECT_STATUS(ReadSheet(R"(<x:row r="1048577"><x:c><x:v>1</x:v></x:c></x:row>)"),
                StatusCode::kInvalidArgument, "invalid row number 1048577");
  EXPECT_STATUS(ReadSheet(R"(<x:row r="2"><x:c r="11"><x:v>1</x:v></x:c></x:row>)"),
                StatusCode::kInvalidArgument, "row 2: invalid or out-of-order cell reference 11");
  EXPECT_STATUS(
      ReadSheet(R"(<x:row r="2"><x:c r="C2"><x:v>1</x:v></x:c><x:c r="B2"><x:v>1</x:v></x:c></x:row>)"),
      StatusCode::kInvalidArgument, "out-of-order cell reference B2");
  EXPECT_STATUS(ReadSheet(R"(<x:row r="2"><x:c r="ZZ2"><x:v>1</x:v></x:c></x:row>)"),
                StatusCode::kInvalidArgument, "row 2: cells past column 512");
  const std::string long_text(kMaxCsvFieldBytes + 1, 'x');
  EXPECT_STATUS(
      ReadSheet(R"(<x:row r="3"><x:c t="inlineStr"><x:is><x:t>)" + long_text + "</x:t></x:is></x:c></x:row>"),
      StatusCode::kInvalidArgument, "row 3: a cell is longer than 1048576 bytes");
  EXPECT_STATUS(ReadSheet("<x:row r=\"1\"><x:c t=\"s\"><x:v>0</x:v></x:c></x:row>",
                          {"<si><t>" + long_text + "</t></si>"}),
                StatusCode::kInvalidArgument, "shared string 1 is longer than 1048576 bytes");
  EXPECT_STATUS(
      ReadSheet(R"(<x:row r="1"><x:c><x:v>1</x:v></x:row>)"), StatusCode::kInvalidArgument,
      "t.xlsx: not a readable Excel workbook (.xlsx): xl/worksheets/sheet1.xml is not valid XML (line 1: "
      "mismatched tag)");
}

TEST_F(XlsxStreamTest, ADocumentTypeDeclarationIsRefused) {
  auto parts = t::XlsxParts({{t::Text("a")}});
  parts["xl/sharedStrings.xml"] =
      R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]><sst><si><t>&a;</t></si></sst>)";
  t::WriteZip(Path("dtd.xlsx"), parts);
  EXPECT_STATUS(ReadRows(Path("dtd.xlsx")), StatusCode::kInvalidArgument,
                "xl/sharedStrings.xml has a document type declaration");
}

TEST_F(XlsxStreamTest, TheSheetIsFoundThroughTheWorkbooksRelationships) {
  auto parts = t::XlsxParts({{t::Text("a"), t::Text("b")}});
  parts["xl/worksheets/data.xml"] = parts["xl/worksheets/sheet1.xml"];
  parts.erase("xl/worksheets/sheet1.xml");
  const std::string rels = parts["xl/_rels/workbook.xml.rels"];
  parts["xl/_rels/workbook.xml.rels"] =
      rels.substr(0, rels.find("worksheets/sheet1.xml")) + "/xl/worksheets/data.xml" +
      rels.substr(rels.find("worksheets/sheet1.xml") + std::string("worksheets/sheet1.xml").size());
  t::WriteZip(Path("moved.xlsx"), parts);
  ASSERT_OK_AND_ASSIGN(std::vector<Row> rows, ReadRows(Path("moved.xlsx")));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].cells, ElementsAre("a", "b"));
}

TEST_F(XlsxStreamTest, FilesThatAreNotWorkbooksAreRefusedNamingTheFile) {
  EXPECT_STATUS(OpenTable(Path("missing.xlsx")), StatusCode::kNotFound, "missing.xlsx");

  auto parts = t::XlsxParts({{t::Text("a")}});
  parts.erase("xl/workbook.xml");
  t::WriteZip(Path("no-workbook.xlsx"), parts);
  EXPECT_STATUS(OpenTable(Path("no-workbook.xlsx")), StatusCode::kInvalidArgument,
                "xl/workbook.xml is missing");

  parts = t::XlsxParts({{t::Text("a")}});
  parts.erase("xl/worksheets/sheet1.xml");
  t::WriteZip(Path("no-sheet.xlsx"), parts);
  EXPECT_STATUS(OpenTable(Path("no-sheet.xlsx")), StatusCode::kInvalidArgument,
                "no-sheet.xlsx: not a readable Excel workbook (.xlsx): xl/worksheets/sheet1.xml is missing");

  EXPECT_STATUS(TableFromBytes("PK\x03\x04 truncated", "upload.csv"), StatusCode::kInvalidArgument,
                "upload.csv: not a readable Excel workbook (.xlsx): not a zip package");
}

// The fuzz seed (written by Python's zipfile, not by our builder): rich text with a phonetic
// run, a custom Chinese date format, a boolean, a formula's cached string, a gap row.
TEST_F(XlsxStreamTest, ReadsTheFuzzSeedWorkbook) {
  const std::string seed = std::string(JZ_SOURCE_DIR) + "/fuzz/corpus/xlsx_reader_fuzz/workbook.xlsx";
  ASSERT_OK_AND_ASSIGN(std::vector<Row> rows, ReadRows(seed));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].cells, ElementsAre("问题描述", "整改时限"));
  EXPECT_EQ(rows[1].number, 3);
  EXPECT_THAT(rows[1].cells,
              ElementsAre("C级危房", "2025-06-30", "", "2023-03-15", "备注", "TRUE", "问题描述"));
}

// A stored (uncompressed) entry whose bytes were changed but not its checksum: refused by
// the CRC check at the entry's end, not parsed as if it were whole.
TEST_F(XlsxStreamTest, ADamagedEntryIsRefused) {
  const std::string seed = std::string(JZ_SOURCE_DIR) + "/fuzz/corpus/xlsx_reader_fuzz/stored.xlsx";
  std::ifstream in(seed, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  ASSERT_OK_AND_ASSIGN(auto table, TableFromBytes(bytes, "stored.xlsx"));
  ASSERT_OK(ReadRows(std::move(table)).status());
  const size_t at = bytes.find("问题描述</t>");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 2] = static_cast<char>(bytes[at + 2] ^ 0x01);
  StatusOr<std::unique_ptr<TableReader>> damaged = TableFromBytes(bytes, "damaged.xlsx");
  StatusOr<std::vector<Row>> rows = damaged.ok() ? ReadRows(std::move(*damaged)) : damaged.status();
  EXPECT_STATUS(rows, StatusCode::kInvalidArgument, "damaged (cannot inflate, or checksum mismatch)");
}

TEST(XlsxHelpersTest, ExcelSerialDatesFollowThe1900System) {
  EXPECT_EQ(ExcelSerialToIsoDate(1), "1900-01-01");
  EXPECT_EQ(ExcelSerialToIsoDate(59), "1900-02-28");
  EXPECT_EQ(ExcelSerialToIsoDate(60), "");  // Excel's 1900-02-29 never was
  EXPECT_EQ(ExcelSerialToIsoDate(61), "1900-03-01");
  EXPECT_EQ(ExcelSerialToIsoDate(45292), "2024-01-01");
  EXPECT_EQ(ExcelSerialToIsoDate(45838.99), "2025-06-30");
  EXPECT_EQ(ExcelSerialToIsoDate(0), "");
  EXPECT_EQ(ExcelSerialToIsoDate(-3), "");
  EXPECT_TRUE(IsXlsxPath("问题清单.xlsx"));
  EXPECT_TRUE(IsXlsxPath("A.XLSX"));
  EXPECT_FALSE(IsXlsxPath("a.csv"));
}

}  // namespace
}  // namespace jz
