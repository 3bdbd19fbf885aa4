// End to end: files shaped like the national system's exports (DOMAIN.md §1.3 — the
// person-detail layout with 县/乡/村 as names and no code, 性别 or 出生日期; the monitoring
// layout with 易返贫致贫户(监测对象)类型 and the risk dates) imported through the door,
// ImportRegistry(Workspace&, …), into a database holding the real regions of Jilin of both
// NBS editions (2023 and 2016, ../shared/data/regions). Every test runs over the four file
// formats an office sends (CSV in UTF-8 and GB18030, .xlsx, .xls) and compares the persons
// stored under each village code, read back from the store, never only totals.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "app/registry/region_loader.h"
#include "app/registry/registry_importer.h"
#include "app/workspace.h"
#include "core/id_number.h"
#include "io/text_encoding.h"
#include "store/store.h"
#include "tests/testutil/status_matchers.h"
#include "tests/testutil/table_files.h"

namespace jz {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

const std::string kRegionsDir = std::string(JZ_SHARED_DATA_DIR) + "/regions";
const Date kToday = *Date::FromYmd(2025, 3, 1);

// A valid 18-digit ID number (GB 11643 check character computed) of a person registered in
// `county6`; an odd `sequence` is a man, an even one a woman.
std::string Id(uint32_t county6, int year, uint32_t sequence) {
  return IdNumber::FromParts(county6, *Date::FromYmd(year, 5, 1), sequence)->ToString();
}

// One person row as a county writes it: the place by names, the household and the person.
struct PersonRow {
  std::string county, township, village;
  std::string household_no, person_no, name, id, relationship;
  int household_size = 1;
};

// A worksheet as the office sees it: its cells, and the ranges Excel shows merged (the title
// over the table, a group title over its sub-columns, a header cell over both header rows).
// A merged range's text is in its top-left cell; the others are empty, as Excel saves CSV.
struct MergedRange {
  lxw_row_t first_row, last_row;
  lxw_col_t first_col, last_col;
};
struct CountySheet {
  std::vector<std::vector<std::string>> rows;
  std::vector<MergedRange> merged;
};

// The person-detail export (已脱贫人口名单), in the national system's column order.
constexpr std::string_view kDetailHeader =
    "县(市、区、旗),乡(镇),行政村,自然村,户编号,人编号,姓名,证件号码,人数,与户主关系,民族,文化程度,"
    "在校生状况,"
    "健康状况,劳动技能,务工时间(月),是否参加大病保险,致贫原因,危房户,是否解决安全饮用水,人均纯收入,"
    "户联系电话,"
    "人联系电话,首次识别时间,人员识别时间,户类型";

std::vector<std::string> Cells(std::string_view csv_line) { return testing::SplitSimpleCsv(csv_line).at(0); }

std::vector<std::string> DetailCells(const PersonRow& p) {
  return Cells(
      fmt::format("{},{},{},一组,{},{},{},{},{},{},汉族,初中,非在校生,健康,普通劳动力,0,是,因病,否,是,8500."
                  "00,13904381234,,"
                  "2016-03-01,2016-03-01,脱贫户",
                  p.county, p.township, p.village, p.household_no, p.person_no, p.name, p.id,
                  p.household_size, p.relationship));
}

CountySheet DetailSheet(const std::vector<PersonRow>& persons) {
  CountySheet sheet{{Cells(kDetailHeader)}, {}};
  for (const PersonRow& p : persons) sheet.rows.push_back(DetailCells(p));
  return sheet;
}

// The same export as an office saves it: a merged title, a unit and date line, a two-row
// header with 收入情况 merged over 工资性收入, 转移性收入 and 人均纯收入 (every other header
// cell merged over both rows), then the persons, a 合计 row and a 制表人 row.
CountySheet OfficeSheet(const std::vector<PersonRow>& persons) {
  const std::vector<std::string> top = {"县(市、区、旗)", "乡(镇)",   "行政村",   "自然村", "户编号",
                                        "人编号",         "姓名",     "证件号码", "人数",   "与户主关系",
                                        "健康状况",       "致贫原因", "收入情况", "",       "",
                                        "户联系电话",     "户类型"};
  std::vector<std::string> sub(top.size());
  sub[12] = "工资性收入";
  sub[13] = "转移性收入";
  sub[14] = "人均纯收入";
  const auto last_col = static_cast<lxw_col_t>(top.size() - 1);
  CountySheet sheet{
      {{"汪清县已脱贫人口名单"}, {"填报单位：汪清县乡村振兴局 填报日期：2024年6月30日"}, top, sub},
      {{0, 0, 0, last_col}, {1, 1, 0, last_col}, {2, 2, 12, 14}}};
  for (lxw_col_t c = 0; c <= last_col; ++c) {
    if (c < 12 || c > 14) sheet.merged.push_back({2, 3, c, c});
  }
  for (const PersonRow& p : persons) {
    sheet.rows.push_back({p.county, p.township, p.village, "二组", p.household_no, p.person_no, p.name, p.id,
                          std::to_string(p.household_size), p.relationship, "长期慢性病", "因病", "12000.50",
                          "1500", "6000", "13904381234", "脱贫户"});
  }
  sheet.rows.push_back({"合计", "", "", "", "", "", std::to_string(persons.size()) + "人"});
  sheet.rows.push_back({"制表人：赵六", "", "", "填报日期：2024-06-30"});
  return sheet;
}

// The monitoring export (监测对象): household type, monitoring type and risk dates.
CountySheet MonitoringSheet(const std::vector<PersonRow>& persons) {
  CountySheet sheet{{{"县(市、区、旗)", "乡(镇)", "行政村", "自然村", "户编号", "人编号", "姓名", "证件号码",
                      "人数", "与户主关系", "户类型", "易返贫致贫户(监测对象)类型", "风险是否消除",
                      "风险识别时间", "风险消除时间"}},
                    {}};
  for (const PersonRow& p : persons) {
    const bool eliminated = p.household_no.ends_with("2");
    sheet.rows.push_back({p.county, p.township, p.village, "", p.household_no, p.person_no, p.name, p.id,
                          std::to_string(p.household_size), p.relationship, "监测户",
                          eliminated ? "边缘易致贫户" : "突发严重困难户", eliminated ? "是" : "否",
                          "2023-05-01", eliminated ? "2024-01-15" : ""});
  }
  return sheet;
}

enum class FileFormat { kCsvUtf8, kCsvGb18030, kXlsx, kXls };

std::string FormatName(FileFormat f) {
  switch (f) {
    case FileFormat::kCsvUtf8:
      return "CsvUtf8";
    case FileFormat::kCsvGb18030:
      return "CsvGb18030";
    case FileFormat::kXlsx:
      return "Xlsx";
    case FileFormat::kXls:
      return "Xls";
  }
  return "";
}

// The sheet as Excel saves it as CSV (merged cells: text in the first, the rest empty).
std::string SheetCsv(const CountySheet& sheet) {
  std::string csv;
  for (const auto& row : sheet.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      EXPECT_EQ(row[c].find_first_of(",\"\n"), std::string::npos) << "needs quoting: " << row[c];
      csv += (c ? "," : "") + row[c];
    }
    csv += '\n';
  }
  csv.pop_back();  // SplitSimpleCsv (the .xls writer) reads a final line break as one more row
  return csv;
}

bool InMergedRange(const CountySheet& sheet, lxw_row_t r, lxw_col_t c) {
  for (const MergedRange& m : sheet.merged) {
    if (r >= m.first_row && r <= m.last_row && c >= m.first_col && c <= m.last_col) return true;
  }
  return false;
}

// Written with libxlsxwriter as Excel would: short digit strings as number cells (as a user
// types them), everything else text, merged ranges as real merged cells.
void WriteSheetXlsx(const std::string& path, const CountySheet& sheet) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  ASSERT_NE(workbook, nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(workbook, "Sheet1");
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const std::string& cell = sheet.rows[r][c];
      const auto row = static_cast<lxw_row_t>(r);
      const auto col = static_cast<lxw_col_t>(c);
      if (cell.empty() || InMergedRange(sheet, row, col)) continue;
      if (testing::IsShortNumber(cell))
        worksheet_write_number(ws, row, col, std::stod(cell), nullptr);
      else
        worksheet_write_string(ws, row, col, cell.c_str(), nullptr);
    }
  }
  for (const MergedRange& m : sheet.merged) {
    const std::string& text = sheet.rows[m.first_row][m.first_col];
    worksheet_merge_range(ws, m.first_row, m.first_col, m.last_row, m.last_col, text.c_str(), nullptr);
  }
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

// Writes `sheet` to `path` + the format's extension and returns the file's path.
std::string WriteSheet(const std::string& path, FileFormat format, const CountySheet& sheet) {
  const std::string csv = SheetCsv(sheet) + (format == FileFormat::kXls ? "" : "\n");
  switch (format) {
    case FileFormat::kCsvUtf8:
      std::ofstream(path + ".csv", std::ios::binary) << csv;
      return path + ".csv";
    case FileFormat::kCsvGb18030: {
      std::string bytes;
      auto to_gb = EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030);
      EXPECT_OK(to_gb);
      EXPECT_OK(to_gb->Convert(csv, bytes));
      EXPECT_NE(bytes, csv);
      std::ofstream(path + ".csv", std::ios::binary) << bytes;
      return path + ".csv";
    }
    case FileFormat::kXlsx:
      WriteSheetXlsx(path + ".xlsx", sheet);
      return path + ".xlsx";
    case FileFormat::kXls:
      testing::WriteCsvAsXls(path + ".xls", csv);
      return path + ".xls";
  }
  return path;
}

// village code → the names of the persons stored under it, sorted.
using PersonsByVillage = std::map<std::string, std::vector<std::string>>;

PersonsByVillage Sorted(PersonsByVillage persons) {
  for (auto& [code, names] : persons) std::sort(names.begin(), names.end());
  return persons;
}

// The real regions of both editions, loaded once into a template database that each test
// copies (loading them takes seconds; a copy, milliseconds).
class NationalExportImport : public ::testing::TestWithParam<FileFormat> {
 protected:
  static void SetUpTestSuite() {
    suite_dir_ = fs::temp_directory_path() / ("jz-national-" + std::to_string(::getpid()));
    fs::create_directories(suite_dir_);
    auto ws = Workspace::Open(
        {.db_path = (suite_dir_ / "template.db").string(), .create_if_missing = true, .today = kToday});
    ASSERT_OK(ws);
    ASSERT_OK(LoadRegions((*ws)->store(), kRegionsDir, 2023));
    ASSERT_OK(LoadRegions((*ws)->store(), kRegionsDir, 2016));
  }
  static void TearDownTestSuite() { fs::remove_all(suite_dir_); }

  void SetUp() override {
    dir_ = suite_dir_ / ("case" + std::to_string(++case_number_));
    fs::create_directories(dir_);
    fs::copy_file(suite_dir_ / "template.db", dir_ / "j.db");
    auto ws = Workspace::Open({.db_path = (dir_ / "j.db").string(), .today = kToday});
    ASSERT_OK(ws);
    workspace_ = std::move(ws).value();
  }

  // Writes `sheet` in this test's format and imports it through the door.
  StatusOr<ImportSummary> Import(const CountySheet& sheet, bool partial = false) {
    ImportRequest request;
    request.files = {WriteSheet((dir_ / "名单").string(), GetParam(), sheet)};
    request.partial = partial;
    request.report_path = (dir_ / "errors.csv").string();
    return ImportRegistry(*workspace_, request);
  }

  // Every household of the province as stored.
  std::vector<Household> Stored() {
    std::vector<Household> all;
    EXPECT_OK(workspace_->store().ScanHouseholds(*RegionCode::Parse("22"), [&](const Household& h) {
      all.push_back(h);
      return OkStatus();
    }));
    return all;
  }
  PersonsByVillage StoredPersonsByVillage() {
    PersonsByVillage persons;
    for (const Household& h : Stored()) {
      for (const Person& p : h.members) persons[h.village.ToString()].push_back(p.name);
    }
    return Sorted(std::move(persons));
  }

  static void ExpectCountsAddUp(const ImportSummary& s) {
    EXPECT_EQ(s.rows, s.persons_stored + s.rejected_rows + s.rows_not_written);
  }

  static inline fs::path suite_dir_;
  static inline int case_number_ = 0;
  fs::path dir_;
  std::unique_ptr<Workspace> workspace_;
};

// 柳树河村委会 and 柳树河村 are one village, 春和村民委员会 and 春和村 another; sex and birth
// date come from the ID number; 自然村 is kept as text.
TEST_P(NationalExportImport, NamesOnlyWithFullCommitteeAndShortVillageNames) {
  const std::vector<PersonRow> persons = {
      {"汪清县", "汪清镇", "柳树河村委会", "2224240001", "01", "金成浩", Id(222424, 1960, 1), "户主", 2},
      {"汪清县", "汪清镇", "柳树河村委会", "2224240001", "02", "金美玲", Id(222424, 1962, 2), "配偶", 2},
      {"汪清县", "汪清镇", "柳树河村", "2224240002", "01", "朴永哲", Id(222424, 1955, 3), "户主", 1},
      {"汪清县", "汪清镇", "春和村民委员会", "2224240003", "01", "王强", Id(222424, 1950, 5), "户主", 1},
      {"汪清县", "汪清镇", "春和村", "2224240004", "01", "李秀英", Id(222424, 1948, 6), "户主", 1},
  };
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(DetailSheet(persons)));
  EXPECT_TRUE(s.committed) << (s.problems.empty() ? "" : s.problems[0].reason);
  EXPECT_EQ(s.persons_stored, 5);
  EXPECT_TRUE(s.unknown_columns.empty()) << s.unknown_columns[0];
  ExpectCountsAddUp(s);
  EXPECT_EQ(StoredPersonsByVillage(),
            Sorted({{"222424100205", {"金成浩", "金美玲", "朴永哲"}}, {"222424100206", {"王强", "李秀英"}}}));
  for (const Household& h : Stored()) {
    EXPECT_EQ(h.natural_village, "一组");
    for (const Person& p : h.members) {
      EXPECT_EQ(p.sex, p.name == "金美玲" || p.name == "李秀英" ? Sex::kFemale : Sex::kMale) << p.name;
      EXPECT_EQ(p.birth_date, p.id_number.BirthDate()) << p.name;
    }
  }
}

// 农安县 has three 兴隆村 (农安镇, 伏龙泉镇, 三岗镇): the township decides which.
TEST_P(NationalExportImport, DuplicateVillageNamesInOneCountyAreResolvedByTheTownship) {
  const std::vector<PersonRow> persons = {
      {"农安县", "农安镇", "兴隆村", "2201220001", "01", "张三", Id(220122, 1961, 1), "户主", 1},
      {"农安县", "伏龙泉镇", "兴隆村委会", "2201220002", "01", "李四", Id(220122, 1962, 3), "户主", 2},
      {"农安县", "伏龙泉镇", "兴隆村委会", "2201220002", "02", "李小红", Id(220122, 1990, 4), "之女", 2},
      {"农安县", "三岗镇", "兴隆村民委员会", "2201220003", "01", "王五", Id(220122, 1963, 5), "户主", 1},
  };
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(DetailSheet(persons)));
  EXPECT_TRUE(s.committed) << (s.problems.empty() ? "" : s.problems[0].reason);
  EXPECT_EQ(
      StoredPersonsByVillage(),
      Sorted({{"220122100232", {"张三"}}, {"220122101202", {"李四", "李小红"}}, {"220122110212", {"王五"}}}));
}

// Names of the 2016 edition lead to the current units: 公主岭市 moved from 四平市 (220381) to
// 长春市 (220184); 明珠街道办事处 is 明珠街道 and its 黑嘴子村 is 黑咀子村 now.
TEST_P(NationalExportImport, NamesOfThe2016EditionAndGongzhulingLandInTheCurrentUnits) {
  const std::vector<PersonRow> persons = {
      {"公主岭市", "河南街道办事处", "正阳社区居委会", "2203810001", "01", "刘一", Id(220381, 1958, 1),
       "户主", 1},
      {"公主岭市", "河南街道", "正阳社区", "2201840002", "01", "刘二", Id(220184, 1959, 3), "户主", 1},
      {"公主岭市", "黑林子镇", "林东村委会", "2203810003", "01", "陈三", Id(220381, 1960, 5), "户主", 2},
      {"公主岭市", "黑林子镇", "林东村委会", "2203810003", "02", "陈四", Id(220381, 1985, 7), "之子", 2},
      {"南关区", "明珠街道办事处", "黑嘴子村", "2201020004", "01", "赵五", Id(220102, 1957, 9), "户主", 1},
  };
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(DetailSheet(persons)));
  EXPECT_TRUE(s.committed) << (s.problems.empty() ? "" : s.problems[0].reason);
  EXPECT_EQ(StoredPersonsByVillage(), Sorted({{"220184001001", {"刘一", "刘二"}},
                                              {"220184101201", {"陈三", "陈四"}},
                                              {"220102011201", {"赵五"}}}));
}

// The layout the generator writes, with a code of the 2016 edition (公主岭市 under 四平市,
// 220381…) beside its 2023 names: the code is mapped to the current unit, and the names agree.
TEST_P(NationalExportImport, CodesOfThe2016EditionAreMappedToTheCurrentUnit) {
  const CountySheet sheet{
      {Cells("户编号,人编号,姓名,证件号码,与户主关系,县(市、区、旗),乡(镇),行政村,行政区划代码"),
       Cells("G1,01,陈三," + Id(220381, 1960, 5) + ",户主,公主岭市,黑林子镇,林东村,220381101201"),
       Cells("G2,01,刘一," + Id(220381, 1958, 1) + ",户主,公主岭市,河南街道,正阳社区,220381001001")},
      {}};
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(sheet));
  EXPECT_TRUE(s.committed) << (s.problems.empty() ? "" : s.problems[0].reason);
  EXPECT_EQ(StoredPersonsByVillage(), Sorted({{"220184101201", {"陈三"}}, {"220184001001", {"刘一"}}}));
}

// zh-Hant place names (an office on a traditional-script system) are the same units.
TEST_P(NationalExportImport, TraditionalScriptNamesAreTheSameUnits) {
  const std::vector<PersonRow> persons = {
      {"汪清縣", "汪清鎮", "柳樹河村", "2224240001", "01", "金成浩", Id(222424, 1960, 1), "户主", 2},
      {"汪清縣", "汪清鎮", "柳樹河村委會", "2224240001", "02", "金美玲", Id(222424, 1962, 2), "配偶", 2},
      {"農安縣", "三崗鎮", "興隆村", "2201220001", "01", "王五", Id(220122, 1963, 5), "户主", 1},
  };
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(DetailSheet(persons)));
  EXPECT_TRUE(s.committed) << (s.problems.empty() ? "" : s.problems[0].reason);
  EXPECT_EQ(StoredPersonsByVillage(),
            Sorted({{"222424100205", {"金成浩", "金美玲"}}, {"220122110212", {"王五"}}}));
}

// Title rows above the header, a two-row header under a merged group cell and footer rows
// below the data: the footers are noted and are not persons; the incomes under the group
// are read.
TEST_P(NationalExportImport, TitleRowsMergedHeaderAndFootersAreNotPersons) {
  const std::vector<PersonRow> persons = {
      {"汪清县", "汪清镇", "柳树河村委会", "2224240001", "01", "金成浩", Id(222424, 1960, 1), "户主", 2},
      {"汪清县", "汪清镇", "柳树河村委会", "2224240001", "02", "金美玲", Id(222424, 1962, 2), "配偶", 2},
      {"汪清县", "汪清镇", "春和村", "2224240002", "01", "王强", Id(222424, 1950, 5), "户主", 1},
  };
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(OfficeSheet(persons)));
  EXPECT_TRUE(s.committed) << (s.problems.empty() ? "" : s.problems[0].reason);
  EXPECT_EQ(s.rows, 3);
  EXPECT_EQ(s.footer_rows, 2);
  ASSERT_EQ(s.notes.size(), 2u);
  EXPECT_THAT(s.notes[0], HasSubstr("合计"));
  EXPECT_THAT(s.notes[1], HasSubstr("制表人"));
  EXPECT_TRUE(s.unknown_columns.empty()) << s.unknown_columns[0];
  ExpectCountsAddUp(s);
  EXPECT_EQ(StoredPersonsByVillage(),
            Sorted({{"222424100205", {"金成浩", "金美玲"}}, {"222424100206", {"王强"}}}));
  for (const Household& h : Stored()) {
    EXPECT_EQ(h.natural_village, "二组");
    EXPECT_EQ(h.phone, "13904381234") << "a phone typed as a number keeps its digits";
    ASSERT_EQ(h.years.size(), 1u);
    EXPECT_EQ(h.years[0].wage_income, *Money::Parse("12000.50"));
    EXPECT_EQ(h.years[0].transfer_income, *Money::Parse("1500"));
  }
}

// The monitoring export: the monitoring type and the risk dates of each household.
TEST_P(NationalExportImport, MonitoringExportKeepsTypeAndRiskDates) {
  const std::vector<PersonRow> persons = {
      {"汪清县", "汪清镇", "柳树河村", "M2224240001", "01", "孙七", Id(222424, 1950, 7), "户主", 1},
      {"农安县", "伏龙泉镇", "兴隆村", "M2201220002", "01", "周八", Id(220122, 1948, 8), "户主", 2},
      {"农安县", "伏龙泉镇", "兴隆村", "M2201220002", "02", "周九", Id(220122, 1949, 9), "配偶", 2},
  };
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(MonitoringSheet(persons)));
  EXPECT_TRUE(s.committed) << (s.problems.empty() ? "" : s.problems[0].reason);
  EXPECT_EQ(StoredPersonsByVillage(),
            Sorted({{"222424100205", {"孙七"}}, {"220122101202", {"周八", "周九"}}}));
  std::map<std::string, Household> by_no;
  for (const Household& h : Stored()) by_no.emplace(h.household_no, h);
  ASSERT_EQ(by_no.size(), 2u);
  const Household& open = by_no.at("M2224240001");
  EXPECT_EQ(open.type, HouseholdType::kMonitored);
  EXPECT_EQ(open.monitoring_type, MonitoringType::kSuddenHardship);
  EXPECT_EQ(open.risk_identified, *Date::FromYmd(2023, 5, 1));
  EXPECT_EQ(open.risk_eliminated, std::nullopt);
  const Household& closed = by_no.at("M2201220002");
  EXPECT_EQ(closed.monitoring_type, MonitoringType::kMarginal);
  EXPECT_EQ(closed.risk_eliminated, *Date::FromYmd(2024, 1, 15));
}

// An unknown village is a row error naming the closest candidates; by default nothing is
// stored, and with `partial` every other person is still in the right village.
TEST_P(NationalExportImport, UnknownVillageIsRejectedWithCandidatesAndPartialKeepsTheRest) {
  const std::vector<PersonRow> persons = {
      {"汪清县", "汪清镇", "柳树河村", "2224240001", "01", "金成浩", Id(222424, 1960, 1), "户主", 2},
      {"汪清县", "汪清镇", "柳树河村", "2224240001", "02", "金美玲", Id(222424, 1962, 2), "配偶", 2},
      {"汪清县", "汪清镇", "柳树村", "2224240002", "01", "朴永哲", Id(222424, 1955, 3), "户主", 1},
      {"农安县", "三岗镇", "兴隆村", "2201220003", "01", "王五", Id(220122, 1963, 5), "户主", 1},
  };
  ASSERT_OK_AND_ASSIGN(ImportSummary all_or_nothing, Import(DetailSheet(persons)));
  EXPECT_FALSE(all_or_nothing.committed);
  EXPECT_TRUE(Stored().empty());
  ExpectCountsAddUp(all_or_nothing);

  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(DetailSheet(persons), /*partial=*/true));
  EXPECT_TRUE(s.committed);
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].rule_id, "import.region_name");
  EXPECT_EQ(s.problems[0].line, 4);
  EXPECT_EQ(s.problems[0].household_no, "2224240002");
  EXPECT_THAT(s.problems[0].reason, HasSubstr("柳树村"));
  EXPECT_THAT(s.problems[0].reason, HasSubstr("closest: 柳树河村委会 (222424100205)"));
  EXPECT_EQ(s.rejected_households, 1);
  ExpectCountsAddUp(s);
  EXPECT_EQ(StoredPersonsByVillage(),
            Sorted({{"222424100205", {"金成浩", "金美玲"}}, {"220122110212", {"王五"}}}));
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, NationalExportImport,
                         ::testing::Values(FileFormat::kCsvUtf8, FileFormat::kCsvGb18030, FileFormat::kXlsx,
                                           FileFormat::kXls),
                         [](const ::testing::TestParamInfo<FileFormat>& format) {
                           return FormatName(format.param);
                         });

}  // namespace
}  // namespace jz
