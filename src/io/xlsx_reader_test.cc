// The .xlsx reader on workbooks laid out as Excel writes them (tests/testutil/xlsx_builder.h):
// shared and inline strings, numbers, date-formatted serials, gaps between cells and rows,
// and files that are not workbooks, each refused with the file named.
#include "io/xlsx_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/testutil/status_matchers.h"
#include "tests/testutil/xlsx_builder.h"

namespace jz {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace t = ::jz::testing;

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-xlsx-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

TEST_F(XlsxReaderTest, ReadsStringsNumbersDatesAndGaps) {
  const std::string path = Path("findings.xlsx");
  t::WriteXlsx(path, {
                         {t::Text("问题描述"), t::Text("区划代码"), t::Text("整改时限"), t::Text("备注")},
                         {t::Text("C级危房未改造 & 漏报"), t::Number("222424100205"), t::DateSerial("45838"),
                          t::Inline("<已核实>")},
                         {},  // an empty row: skipped
                         {t::Text("饮水"), t::Empty(), t::DateSerial("45838.75"), t::Number("3.5")},
                     });
  ASSERT_OK_AND_ASSIGN(std::vector<XlsxRow> rows, ReadXlsxFirstSheet(path));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].row_number, 1);
  EXPECT_THAT(rows[0].cells, ElementsAre("问题描述", "区划代码", "整改时限", "备注"));
  EXPECT_EQ(rows[1].row_number, 2);
  EXPECT_THAT(rows[1].cells, ElementsAre("C级危房未改造 & 漏报", "222424100205", "2025-06-30", "<已核实>"));
  EXPECT_EQ(rows[2].row_number, 4);  // Excel's own row number, past the empty row
  EXPECT_THAT(rows[2].cells, ElementsAre("饮水", "", "2025-06-30", "3.5"));
}

TEST_F(XlsxReaderTest, ExcelSerialDatesFollowThe1900System) {
  EXPECT_EQ(ExcelSerialToIsoDate(1), "1900-01-01");
  EXPECT_EQ(ExcelSerialToIsoDate(59), "1900-02-28");
  EXPECT_EQ(ExcelSerialToIsoDate(60), "");  // Excel's 1900-02-29 never was
  EXPECT_EQ(ExcelSerialToIsoDate(61), "1900-03-01");
  EXPECT_EQ(ExcelSerialToIsoDate(45292), "2024-01-01");
  EXPECT_EQ(ExcelSerialToIsoDate(45838.99), "2025-06-30");
  EXPECT_EQ(ExcelSerialToIsoDate(0), "");
  EXPECT_EQ(ExcelSerialToIsoDate(-3), "");
}

TEST_F(XlsxReaderTest, TheSheetIsFoundThroughTheWorkbooksRelationships) {
  auto parts = t::XlsxParts({{t::Text("a"), t::Text("b")}});
  parts["xl/worksheets/data.xml"] = parts["xl/worksheets/sheet1.xml"];
  parts.erase("xl/worksheets/sheet1.xml");
  const std::string rels = parts["xl/_rels/workbook.xml.rels"];
  parts["xl/_rels/workbook.xml.rels"] =
      rels.substr(0, rels.find("worksheets/sheet1.xml")) + "/xl/worksheets/data.xml" +
      rels.substr(rels.find("worksheets/sheet1.xml") + std::string("worksheets/sheet1.xml").size());
  t::WriteZip(Path("moved.xlsx"), parts);
  ASSERT_OK_AND_ASSIGN(std::vector<XlsxRow> rows, ReadXlsxFirstSheet(Path("moved.xlsx")));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].cells, ElementsAre("a", "b"));
}

TEST_F(XlsxReaderTest, FilesThatAreNotWorkbooksAreRefusedNamingTheFile) {
  const std::string text = Path("notes.xlsx");
  std::ofstream(text) << "户编号,问题\n1,x\n";
  EXPECT_STATUS(ReadXlsxFirstSheet(text), StatusCode::kInvalidArgument,
                "notes.xlsx: not a readable Excel workbook");
  EXPECT_STATUS(ReadXlsxFirstSheet(Path("missing.xlsx")), StatusCode::kNotFound, "missing.xlsx");

  auto parts = t::XlsxParts({{t::Text("a")}});
  parts.erase("xl/workbook.xml");
  t::WriteZip(Path("no-workbook.xlsx"), parts);
  EXPECT_STATUS(ReadXlsxFirstSheet(Path("no-workbook.xlsx")), StatusCode::kInvalidArgument,
                "xl/workbook.xml is missing");

  parts = t::XlsxParts({{t::Text("a")}});
  parts["xl/worksheets/sheet1.xml"] = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c>";
  t::WriteZip(Path("broken.xlsx"), parts);
  EXPECT_STATUS(ReadXlsxFirstSheet(Path("broken.xlsx")), StatusCode::kInvalidArgument,
                "xl/worksheets/sheet1.xml is not valid XML");

  parts = t::XlsxParts({{t::Text("a")}});
  parts["xl/worksheets/sheet1.xml"] =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>";
  t::WriteZip(Path("dangling.xlsx"), parts);
  EXPECT_STATUS(ReadXlsxFirstSheet(Path("dangling.xlsx")), StatusCode::kInvalidArgument,
                "shared string 7 does not exist");

  parts = t::XlsxParts({{t::Text("a")}});
  parts["xl/worksheets/sheet1.xml"] =
      "<worksheet><sheetData><row r=\"0\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>";
  t::WriteZip(Path("row0.xlsx"), parts);
  EXPECT_STATUS(ReadXlsxFirstSheet(Path("row0.xlsx")), StatusCode::kInvalidArgument, "invalid row number 0");

  parts = t::XlsxParts({{t::Text("a")}});
  parts["xl/worksheets/sheet1.xml"] =
      "<worksheet><sheetData><row r=\"1\"><c r=\"11\"><v>1</v></c></row></sheetData></worksheet>";
  t::WriteZip(Path("badref.xlsx"), parts);
  EXPECT_STATUS(ReadXlsxFirstSheet(Path("badref.xlsx")), StatusCode::kInvalidArgument,
                "invalid cell reference 11");
}

// The fuzz seed (written by Python's zipfile, not by our builder): rich text with a phonetic
// run, a custom Chinese date format, a boolean, a formula's cached string, a gap row.
TEST_F(XlsxReaderTest, ReadsTheFuzzSeedWorkbook) {
  const std::string seed = std::string(JZ_SOURCE_DIR) + "/fuzz/corpus/xlsx_reader_fuzz/workbook.xlsx";
  ASSERT_OK_AND_ASSIGN(std::vector<XlsxRow> rows, ReadXlsxFirstSheet(seed));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].cells, ElementsAre("问题描述", "整改时限"));
  EXPECT_EQ(rows[1].row_number, 3);
  EXPECT_THAT(rows[1].cells,
              ElementsAre("C级危房", "2025-06-30", "", "2023-03-15", "备注", "TRUE", "问题描述"));
  std::ifstream in(seed, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  ASSERT_OK_AND_ASSIGN(std::vector<XlsxRow> same, ReadXlsxFirstSheetFromBuffer(bytes, "seed"));
  EXPECT_EQ(same.size(), rows.size());
  EXPECT_STATUS(ReadXlsxFirstSheetFromBuffer("PK\x03\x04 truncated", "upload.xlsx"),
                StatusCode::kInvalidArgument, "upload.xlsx: not a readable Excel workbook");
}

// A stored (uncompressed) entry whose bytes were changed but not its checksum: refused by
// the CRC check at the entry's end, not parsed as if it were whole.
TEST_F(XlsxReaderTest, ADamagedEntryIsRefused) {
  const std::string seed = std::string(JZ_SOURCE_DIR) + "/fuzz/corpus/xlsx_reader_fuzz/stored.xlsx";
  std::ifstream in(seed, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  ASSERT_OK(ReadXlsxFirstSheetFromBuffer(bytes, "stored.xlsx").status());
  const size_t at = bytes.find("问题描述</t>");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 2] = static_cast<char>(bytes[at + 2] ^ 0x01);
  EXPECT_STATUS(ReadXlsxFirstSheetFromBuffer(bytes, "damaged.xlsx"), StatusCode::kInvalidArgument,
                "damaged (checksum mismatch)");
}

TEST_F(XlsxReaderTest, RecognisesXlsxPaths) {
  EXPECT_TRUE(IsXlsxPath("问题清单.xlsx"));
  EXPECT_TRUE(IsXlsxPath("A.XLSX"));
  EXPECT_FALSE(IsXlsxPath("a.csv"));
  EXPECT_FALSE(IsXlsxPath("xlsx"));
}

}  // namespace
}  // namespace jz
