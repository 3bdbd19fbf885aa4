// Spreadsheet import of ledger problems: a good file, bad files refused whole with file,
// line and field named, idempotent re-import, GB18030, region names, validation reports.
#include "app/rectification/problem_import.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "io/table_reader.h"
#include "io/text_encoding.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"
#include "tests/testutil/table_files.h"
#include "tests/testutil/xlsx_builder.h"

namespace jz {
namespace {

constexpr std::string_view kHeader =
    "序号,问题来源,问题编号,问题类别,问题描述,区划代码,户编号,牵头单位,责任单位,责任人,整改措施,整改时限\n";

class ProblemImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/jz-problem-import-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    ASSERT_OK_AND_ASSIGN(store_, OpenSqliteStore(":memory:"));
    ASSERT_OK(testing::LoadTestRegions(*store_));
    ASSERT_OK_AND_ASSIGN(auto writer, store_->BeginWrite());
    ASSERT_OK(writer->Upsert(testing::TestHousehold("2224241002050001", 2)));
    ASSERT_OK(writer->Commit());
    options_.actor = "李四";
    options_.date = *Date::FromYmd(2024, 3, 1);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, std::string_view content) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  StatusOr<ProblemImportResult> Import(const std::string& path) {
    const std::vector<std::string> paths = {path};
    return ImportProblemFiles(*store_, paths, options_);
  }

  int64_t Stored() {
    StatusOr<std::vector<Problem>> all = store_->ledger().ListProblems({});
    return all.ok() ? static_cast<int64_t>(all->size()) : -1;
  }

  // Asserts that `result` refused the import with an error at `line` in `field` whose
  // message contains `part`, and that nothing was stored.
  void ExpectError(const ProblemImportResult& result, int64_t line, std::string_view field,
                   std::string_view part) {
    bool found = false;
    for (const ProblemImportError& e : result.errors) {
      if (e.line == line && e.field == field && e.message.find(part) != std::string::npos) found = true;
    }
    std::string all;
    for (const ProblemImportError& e : result.errors)
      all += fmt::format("{}:{} [{}] {}\n", e.file, e.line, e.field, e.message);
    EXPECT_TRUE(found) << "no error at line " << line << " field " << field << " with '" << part << "' in:\n"
                       << all;
    EXPECT_EQ(result.added, 0);
    EXPECT_EQ(Stored(), 0);
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  ProblemImportOptions options_;
};

std::string GoodFile() {
  return std::string("\xEF\xBB\xBF") + std::string(kHeader) +
         "1,2023年成效考核反馈,1,识别退出,村级分配脱贫指标,222424100205,,县乡村振兴局,汪清镇政府,张三,"
         "逐户复核,2024-06-30\n"
         "2,2023年成效考核反馈,2,住房安全,C级危房未改造,,2224241002050001,县住建局,汪清镇政府,张三,危房改造,"
         "2024/9/30\n"
         "3,2023年成效考核反馈,3,作风,帮扶干部走访不实,222424,,县纪委,县乡村振兴局,王五,约谈,"
         "2024年12月31日\n";
}

// The good file as an Excel 97-2003 workbook (.xls, codes typed as numbers) imports the
// same problems as the CSV: importing the CSV after it adds nothing, every key is known.
TEST_F(ProblemImportTest, AnXlsWorkbookImportsTheSameProblemsAsTheCsv) {
  const std::string xls = dir_ + "/good.xls";
  ::jz::testing::WriteCsvAsXls(xls, GoodFile().substr(3));
  ASSERT_OK_AND_ASSIGN(ProblemImportResult from_xls, Import(xls));
  ASSERT_TRUE(from_xls.errors.empty()) << from_xls.errors[0].message;
  EXPECT_EQ(from_xls.rows, 3);
  EXPECT_EQ(from_xls.added, 3);
  ASSERT_OK_AND_ASSIGN(std::optional<Problem> p, store_->ledger().FindProblem(from_xls.ids[0]));
  EXPECT_EQ(p->region.ToString(), "222424100205");  // a number cell, read as its digits
  EXPECT_EQ(p->deadline, *Date::FromYmd(2024, 6, 30));
  ASSERT_OK_AND_ASSIGN(ProblemImportResult from_csv, Import(Write("good.csv", GoodFile())));
  ASSERT_TRUE(from_csv.errors.empty()) << from_csv.errors[0].message;
  EXPECT_EQ(from_csv.rows, 3);
  EXPECT_EQ(from_csv.added, 0);
}

TEST_F(ProblemImportTest, ImportsAGoodFileAndReimportsNothing) {
  const std::string path = Write("good.csv", GoodFile());
  ASSERT_OK_AND_ASSIGN(ProblemImportResult first, Import(path));
  ASSERT_TRUE(first.errors.empty()) << first.errors[0].message;
  EXPECT_EQ(first.rows, 3);
  EXPECT_EQ(first.added, 3);
  ASSERT_OK_AND_ASSIGN(std::optional<Problem> p, store_->ledger().FindProblem(first.ids[1]));
  EXPECT_EQ(p->region.ToString(), "222424100205");  // from the household
  EXPECT_EQ(p->category, ProblemCategory::kHousingSafety);
  EXPECT_EQ(p->deadline, *Date::FromYmd(2024, 9, 30));
  EXPECT_EQ(p->lead_unit, "县住建局");
  EXPECT_EQ(p->key, "inspection|2023年成效考核反馈|#2");
  EXPECT_EQ(p->created_by, "李四");

  ASSERT_OK_AND_ASSIGN(ProblemImportResult again, Import(path));
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.unchanged, 3);
  EXPECT_EQ(again.ids, first.ids);
  EXPECT_EQ(Stored(), 3);
}

TEST_F(ProblemImportTest, EnglishHeadersWithoutItemNumbersAreKeyedByContent) {
  const std::string path = Write("en.csv",
                                 "source,category,description,region_code,responsible_unit,owner,deadline\n"
                                 "county check,water,断水超过一个月,222424100206,水利局,赵六,2024-05-31\n");
  ASSERT_OK_AND_ASSIGN(ProblemImportResult first, Import(path));
  ASSERT_EQ(first.added, 1);
  // The deadline and the owner corrected in the spreadsheet: still the same problem.
  Write("en.csv",
        "source,category,description,region_code,responsible_unit,owner,deadline\n"
        "county check,water,断水超过一个月,222424100206,水利局,钱七,2024-07-31\n");
  ASSERT_OK_AND_ASSIGN(ProblemImportResult again, Import(path));
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.unchanged, 1);
}

TEST_F(ProblemImportTest, MissingColumnIsNamed) {
  const std::string path = Write("missing.csv",
                                 "问题来源,问题类别,问题描述,区划代码,责任单位,整改时限\n"
                                 "督查,住房安全,危房,222424100205,镇政府,2024-06-30\n");
  ASSERT_OK_AND_ASSIGN(ProblemImportResult r, Import(path));
  ExpectError(r, 1, "责任人", "owner");
  EXPECT_EQ(r.errors[0].file, path);
}

TEST_F(ProblemImportTest, EveryBadRowIsListedAndNothingStored) {
  const std::string path = Write(
      "bad.csv",
      std::string(kHeader) +
          "1,督查,1,住房安全,危房,222424100205,,,镇政府,张三,改造,2024-02-30\n"  // line 2: bad date
          "2,督查,2,住房安全,危房,222424100299,,,镇政府,张三,改造,2024-06-30\n"  // line 3: unknown region
          "3,督查,3,住房安全,,222424100205,,,镇政府,张三,改造,2024-06-30\n"      // line 4: empty description
          "4,督查,4,天气,危房,222424100205,,,镇政府,张三,改造,2024-06-30\n"      // line 5: bad category
          "5,督查,5,住房安全,危房,222424100205,9999,,镇政府,张三,改造,2024-06-30\n"  // line 6: unknown
                                                                                     // household
          "6,督查,1,住房安全,危房,222424100205,,,镇政府,张三,改造,2024-06-30\n"      // line 7: number 1 again
          "7,督查,7,住房安全,危房,222424100205,,,镇政府,张三,改造\n");               // line 8: ragged
  ASSERT_OK_AND_ASSIGN(ProblemImportResult r, Import(path));
  ExpectError(r, 2, "整改时限", "2024-02-30");
  ExpectError(r, 3, "区划代码", "222424100299 is not a loaded region");
  ExpectError(r, 4, "问题描述", "description is empty");
  ExpectError(r, 5, "问题类别", "天气");
  ExpectError(r, 6, "户编号", "household 9999 is not in the registry");
  ExpectError(r, 7, "问题编号", "line 2");
  ExpectError(r, 8, "", "the row has 11 cells");
  const Status status = ProblemImportStatus(r);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find(path + ": line 3, 区划代码"), std::string::npos) << status.message();
  const std::string report = dir_ + "/errors.csv";
  ASSERT_OK(WriteProblemImportReport(r, report));
  std::ifstream in(report);
  std::string first_line;
  std::getline(in, first_line);
  EXPECT_EQ(first_line, "文件,行,字段,值,说明");
  // As a workbook in English: the same rows, English headers and messages.
  const std::string workbook = dir_ + "/errors.xlsx";
  ASSERT_OK(WriteProblemImportReport(r, workbook, Lang::kEn));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TableReader> table, OpenTable(workbook));
  std::vector<std::string_view> cells;
  ASSERT_OK_AND_ASSIGN(bool more, table->Next(cells));
  ASSERT_TRUE(more);
  EXPECT_EQ(std::vector<std::string>(cells.begin(), cells.end()),
            (std::vector<std::string>{"file", "line", "field", "value", "message"}));
  size_t rows = 0;
  bool region_seen = false;
  while (*table->Next(cells)) {
    ++rows;
    if (cells[1] == "3") {
      region_seen = true;
      EXPECT_EQ(cells[2], "区划代码");  // the column as the user's file names it
      EXPECT_NE(cells[4].find("is not a loaded region"), std::string::npos) << cells[4];
    }
  }
  EXPECT_EQ(rows, r.errors.size());
  EXPECT_TRUE(region_seen);
}

// An Excel workbook of findings reads as the same CSV would: dates formatted as dates,
// numbers as numbers, trailing empty cells left out; errors name Excel's row numbers.
TEST_F(ProblemImportTest, ImportsAnExcelWorkbook) {
  namespace t = ::jz::testing;
  std::vector<std::vector<t::XlsxTestCell>> rows;
  std::vector<t::XlsxTestCell> header;
  std::string_view rest = kHeader.substr(0, kHeader.size() - 1);
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    header.push_back(t::Text(std::string(rest.substr(0, comma))));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  rows.push_back(header);
  rows.push_back({t::Number("1"), t::Text("2023年成效考核反馈"), t::Number("1"), t::Text("识别退出"),
                  t::Text("村级分配脱贫指标"), t::Number("222424100205"), t::Empty(), t::Text("县乡村振兴局"),
                  t::Text("汪清镇政府"), t::Text("张三"), t::Text("逐户复核"), t::DateSerial("45473")});
  rows.push_back({t::Number("2"), t::Text("2023年成效考核反馈"), t::Number("2"), t::Text("住房安全"),
                  t::Text("C级危房未改造"), t::Empty(), t::Text("2224241002050001"), t::Text("县住建局"),
                  t::Text("汪清镇政府"), t::Text("张三"), t::Empty(), t::Text("2024/9/30")});
  const std::string path = dir_ + "/问题清单.xlsx";
  t::WriteXlsx(path, rows);
  ASSERT_OK_AND_ASSIGN(ProblemImportResult r, Import(path));
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.added, 2);
  ASSERT_OK_AND_ASSIGN(std::optional<Problem> p, store_->ledger().FindProblem(r.ids[0]));
  EXPECT_EQ(p->deadline, *Date::FromYmd(2024, 6, 30));  // serial 45473, shown as a date
  EXPECT_EQ(p->region.ToString(), "222424100205");
  EXPECT_EQ(p->key, "inspection|2023年成效考核反馈|#1");
  ASSERT_OK_AND_ASSIGN(ProblemImportResult again, Import(path));
  EXPECT_EQ(again.added, 0);

  // A bad row is named by its Excel row; the trailing empty cells of row 3 are no error.
  rows.push_back({t::Number("3"), t::Text("督查"), t::Number("3"), t::Text("住房安全"), t::Text("危房"),
                  t::Number("222424100205"), t::Empty(), t::Empty(), t::Text("镇政府"), t::Text("张三")});
  rows.push_back({t::Number("4"), t::Text("督查"), t::Number("4"), t::Text("住房安全"), t::Text("危房"),
                  t::Number("222424100205"), t::Empty(), t::Empty(), t::Text("镇政府"), t::Text("张三"),
                  t::Empty(), t::Text("2024-02-30")});
  const std::string bad = dir_ + "/bad.xlsx";
  t::WriteXlsx(bad, rows);
  ASSERT_OK_AND_ASSIGN(ProblemImportResult refused, Import(bad));
  bool deadline_row4 = false, date_row5 = false;
  for (const ProblemImportError& e : refused.errors) {
    if (e.line == 4 && e.field == "整改时限") deadline_row4 = true;
    if (e.line == 5 && e.field == "整改时限" && e.message.find("2024-02-30") != std::string::npos)
      date_row5 = true;
  }
  EXPECT_TRUE(deadline_row4 && date_row5) << (refused.errors.empty() ? "" : refused.errors[0].message);
  EXPECT_EQ(Stored(), 2);  // nothing of the refused file

  std::ofstream(dir_ + "/fake.xlsx") << "not a workbook";
  ASSERT_OK_AND_ASSIGN(ProblemImportResult fake, Import(dir_ + "/fake.xlsx"));
  ASSERT_EQ(fake.errors.size(), 1u);
  EXPECT_NE(fake.errors[0].message.find("fake.xlsx: not a readable Excel workbook"), std::string::npos)
      << fake.errors[0].message;
}

TEST_F(ProblemImportTest, BadEncodingNamesTheLine) {
  // Neither UTF-8 nor GB18030: detected as GB18030, whose reading fails on the UTF-8 header.
  const std::string mixed =
      Write("enc.csv", std::string(kHeader) +
                           "1,督查,1,住房安全,危房\xFF\xFF,222424100205,,,镇政府,张三,改造,2024-06-30\n");
  ASSERT_OK_AND_ASSIGN(ProblemImportResult r, Import(mixed));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, mixed);
  EXPECT_EQ(r.errors[0].line, 1);
  EXPECT_NE(r.errors[0].message.find("column 7: invalid gb18030"), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(Stored(), 0);
  // Declared UTF-8: the bad bytes are found on line 2, column 5.
  options_.encoding = TextEncoding::kUtf8;
  ASSERT_OK_AND_ASSIGN(ProblemImportResult utf8, Import(mixed));
  ASSERT_EQ(utf8.errors.size(), 1u);
  EXPECT_NE(utf8.errors[0].message.find("(line 2)"), std::string::npos) << utf8.errors[0].message;
  EXPECT_EQ(Stored(), 0);
}

TEST_F(ProblemImportTest, ReadsGb18030) {
  ASSERT_OK_AND_ASSIGN(EncodingConverter to_gbk,
                       EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030));
  std::string gbk;
  ASSERT_OK(to_gbk.Convert(GoodFile().substr(3), gbk));  // without the BOM
  ASSERT_OK_AND_ASSIGN(ProblemImportResult r, Import(Write("gbk.csv", gbk)));
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.added, 3);
  ASSERT_OK_AND_ASSIGN(std::optional<Problem> p, store_->ledger().FindProblem(r.ids[2]));
  EXPECT_EQ(p->description, "帮扶干部走访不实");
}

TEST_F(ProblemImportTest, ResolvesRegionNames) {
  const std::string path = Write("names.csv",
                                 "问题来源,问题类别,问题描述,所在地区,责任单位,责任人,整改时限\n"
                                 "督查,饮水,断水,汪清县汪清镇新民村委会,镇政府,张三,2024-06-30\n"
                                 "督查,饮水,断水,汪清县,县水利局,张三,2024-06-30\n");
  ASSERT_OK_AND_ASSIGN(ProblemImportResult r, Import(path));
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_OK_AND_ASSIGN(std::optional<Problem> village, store_->ledger().FindProblem(r.ids[0]));
  EXPECT_EQ(village->region.ToString(), "222424100206");
  ASSERT_OK_AND_ASSIGN(std::optional<Problem> county, store_->ledger().FindProblem(r.ids[1]));
  EXPECT_EQ(county->region.ToString(), "222424000000");

  const std::string unknown = Write("unknown.csv",
                                    "问题来源,问题类别,问题描述,所在地区,责任单位,责任人,整改时限\n"
                                    "督查,饮水,断水,长白县,镇政府,张三,2024-06-30\n");
  ASSERT_OK_AND_ASSIGN(ProblemImportResult bad, Import(unknown));
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].field, "所在地区");
  EXPECT_EQ(bad.errors[0].line, 2);
}

TEST_F(ProblemImportTest, ImportsErrorFindingsOfAValidationReport) {
  const std::string path = Write(
      "report.csv",
      "规则,严重程度,户编号,人编号,行政区划代码,字段,值,说明\n"
      "household.no_head,错误,2224241002050001,,222424100205,与户主关系,,户编号 2224241002050001 没有户主\n"
      "person.phone,警告,2224241002050001,1,222424100205,联系电话,,电话缺失\n");
  const std::vector<std::string> paths = {path};
  ASSERT_OK_AND_ASSIGN(ProblemImportResult refused, ImportProblemFiles(*store_, paths, options_));
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_NE(refused.errors[0].message.find("--owner"), std::string::npos);
  options_.owner = "王芳";
  options_.responsible_unit = "汪清镇政府";
  options_.deadline = *Date::FromYmd(2024, 4, 30);
  ASSERT_OK_AND_ASSIGN(ProblemImportResult r, ImportProblemFiles(*store_, paths, options_));
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.added, 1);  // the warning is not a rectification item
  ASSERT_OK_AND_ASSIGN(std::optional<Problem> p, store_->ledger().FindProblem(r.ids[0]));
  EXPECT_EQ(p->source, ProblemSource::kValidation);
  EXPECT_EQ(p->category, ProblemCategory::kDataQuality);
  EXPECT_EQ(p->household_no, "2224241002050001");
  ASSERT_OK_AND_ASSIGN(ProblemImportResult again, ImportProblemFiles(*store_, paths, options_));
  EXPECT_EQ(again.unchanged, 1);
}

TEST_F(ProblemImportTest, ReadsAValidationReportWrittenInEnglish) {
  // `jingzhun --lang en validate --report` writes English headers and labels.
  const std::string path =
      Write("report-en.csv",
            "rule,severity,household no,person no,region code,field,value,message\n"
            "household.no_head,error,2224241002050001,,222424100205,与户主关系,,no head\n"
            "person.phone,warning,2224241002050001,1,222424100205,联系电话,,no phone\n");
  options_.owner = "王芳";
  options_.responsible_unit = "汪清镇政府";
  options_.deadline = *Date::FromYmd(2024, 4, 30);
  const std::vector<std::string> paths = {path};
  ASSERT_OK_AND_ASSIGN(ProblemImportResult r, ImportProblemFiles(*store_, paths, options_));
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.added, 1);
}

}  // namespace
}  // namespace jz
