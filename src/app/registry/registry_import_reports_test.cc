// Imports that explain themselves: a dry run checks everything and writes nothing; the
// counts add up; the user's own file comes back with a problems column; a re-import lists
// what it changed; rows are placed by their region names; no regions loaded is one error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "app/registry/household_diff.h"
#include "app/registry/internal/import_rows.h"
#include "app/registry/region_names.h"
#include "app/registry/registry_importer.h"
#include "app/workspace.h"
#include "io/csv_reader.h"
#include "io/table_reader.h"
#include "io/text_encoding.h"
#include "io/xlsx_writer.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::testing::HasSubstr;

const RegionCode kLiushuhe = *RegionCode::Parse("222424100205");
const RegionCode kXinmin = *RegionCode::Parse("222424100206");

std::string Id(int year, int seq) {
  return IdNumber::FromParts(222424, *Date::FromYmd(year, 5, 1), static_cast<uint32_t>(seq))->ToString();
}
std::string Header() { return "户编号,人编号,姓名,证件号码,与户主关系,行政区划代码,工资性收入\n"; }
std::string Row(const std::string& hh, const std::string& person, const std::string& name,
                const std::string& id, const std::string& rel, const std::string& code = "222424100205",
                const std::string& wage = "1000") {
  return hh + "," + person + "," + name + "," + id + "," + rel + "," + code + "," + wage + "\n";
}
// Two households, three persons.
std::string GoodFile() {
  return Header() + Row("H1", "H101", "金成浩", Id(1960, 1), "户主") +
         Row("H1", "H102", "金美玲", Id(1962, 2), "配偶") +
         Row("H2", "H201", "王强", Id(1950, 3), "户主", "222424100206");
}

// A resolver over a fixed table, standing in for the region tree: "county/township/village"
// to a code, and old codes to the current ones.
class FakeResolver final : public RegionNameResolver {
 public:
  std::map<std::string, RegionCode> names;
  std::map<uint64_t, RegionCode> renamed;

  StatusOr<RegionCode> Resolve(const PlaceNames& place) const override {
    auto it = names.find(Key(place));
    if (it == names.end())
      return InvalidArgumentError(Bilingual("未知村名 " + place.village, "unknown village"));
    return it->second;
  }
  StatusOr<RegionCode> Current(RegionCode code) const override {
    auto it = renamed.find(code.value());
    return it == renamed.end() ? code : it->second;
  }
  Status CheckAgrees(RegionCode code, const PlaceNames& place) const override {
    StatusOr<RegionCode> named = Resolve(place);
    if (named.ok() && *named == code) return OkStatus();
    return InvalidArgumentError(Bilingual("名称与代码不符", "names and code disagree"));
  }

 private:
  static std::string Key(const PlaceNames& p) { return p.county + "/" + p.township + "/" + p.village; }
};

class ImportReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-import-reports-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    store_ = std::move(OpenSqliteStore((dir_ / "j.db").string())).value();
    ASSERT_OK(testing::LoadTestRegions(*store_));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  ImportOptions Options(const std::string& path) {
    ImportOptions o;
    o.files = {path};
    o.data_year = 2024;
    o.report_path = (dir_ / "errors.csv").string();
    return o;
  }
  // Every stored household, members and years included, in storage order.
  std::vector<Household> Dump() {
    std::vector<Household> all;
    EXPECT_OK(store_->ScanHouseholds(*RegionCode::Parse("22"), [&](const Household& h) {
      all.push_back(h);
      return OkStatus();
    }));
    return all;
  }
  static std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
    std::vector<std::vector<std::string>> rows;
    auto reader = CsvReader::Open(path);
    EXPECT_OK(reader);
    std::vector<std::string_view> fields;
    while (*(*reader)->Next(fields)) rows.emplace_back(fields.begin(), fields.end());
    return rows;
  }
  static void ExpectCountsAddUp(const ImportSummary& s) {
    EXPECT_EQ(s.rows, s.persons_stored + s.rejected_rows + s.rows_not_written)
        << "stored " << s.persons_stored << " rejected " << s.rejected_rows << " not written "
        << s.rows_not_written;
    EXPECT_LE(s.rows_with_problems, s.rejected_rows);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ImportReportsTest, DryRunChecksEverythingAndWritesNothing) {
  ASSERT_OK(ImportRegistry(*store_, Options(Write("good.csv", GoodFile()))));
  const std::vector<Household> before = Dump();
  // H1 loses 金美玲 and gains 金小明, H2's wage changes, H3 is new.
  const std::string changed = Header() + Row("H1", "H101", "金成浩", Id(1960, 1), "户主") +
                              Row("H1", "H103", "金小明", Id(1990, 5), "之子") +
                              Row("H2", "H201", "王强", Id(1950, 3), "户主", "222424100206", "2500") +
                              Row("H3", "H301", "李华", Id(1970, 7), "户主");
  ImportOptions options = Options(Write("changed.csv", changed));
  options.dry_run = true;
  ASSERT_OK_AND_ASSIGN(ImportSummary dry, ImportRegistry(*store_, options));
  EXPECT_TRUE(dry.dry_run);
  EXPECT_FALSE(dry.committed);
  EXPECT_EQ(Dump(), before) << "a dry run leaves every household as it was";
  EXPECT_EQ(store_->Counts(ReadScope::WholeDatabase())->persons, 3);
  // The same counts and change list as the real import that follows.
  options.dry_run = false;
  ASSERT_OK_AND_ASSIGN(ImportSummary real, ImportRegistry(*store_, options));
  EXPECT_TRUE(real.committed);
  for (const ImportSummary* s : {&dry, &real}) {
    EXPECT_EQ(s->inserted, 1);
    EXPECT_EQ(s->updated, 2);
    EXPECT_EQ(s->persons_stored, 4);
    EXPECT_EQ(s->members_added, 1);
    EXPECT_EQ(s->members_removed, 1);
    ExpectCountsAddUp(*s);
  }
  EXPECT_EQ(dry.changes, real.changes);
  EXPECT_NE(Dump(), before);
}

TEST_F(ImportReportsTest, DryRunWithBadRowsWritesTheReportsButNotTheStore) {
  const std::string bad = GoodFile() + Row("H3", "H301", "李华", Id(1970, 7), "老板");
  ImportOptions options = Options(Write("bad.csv", bad));
  options.dry_run = true;
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store_, options));
  EXPECT_EQ(s.rejected_households, 1);
  EXPECT_EQ(store_->Counts(ReadScope::WholeDatabase())->households, 0);
  EXPECT_TRUE(std::filesystem::exists(options.report_path));
  ASSERT_EQ(s.layout_report_paths.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(s.layout_report_paths[0]));
}

TEST_F(ImportReportsTest, CountsAddUpAllOrNothingPartialAndWithHouseholdmates) {
  // H1's second row is bad: H1's two rows are rejected, H2's one row is valid.
  const std::string file = Header() + Row("H1", "H101", "金成浩", Id(1960, 1), "户主") +
                           Row("H1", "H102", "金美玲", Id(1962, 2), "老板") +
                           Row("H2", "H201", "王强", Id(1950, 3), "户主", "222424100206");
  ImportOptions options = Options(Write("mixed.csv", file));
  ASSERT_OK_AND_ASSIGN(ImportSummary all, ImportRegistry(*store_, options));
  EXPECT_EQ(all.rows, 3);
  EXPECT_EQ(all.rejected_rows, 2) << "every row of a rejected household";
  EXPECT_EQ(all.rows_with_problems, 1);
  EXPECT_EQ(all.rows_not_written, 1) << "H2 is valid but the import is all or nothing";
  EXPECT_EQ(all.persons_stored, 0);
  ExpectCountsAddUp(all);
  options.partial = true;
  ASSERT_OK_AND_ASSIGN(ImportSummary partial, ImportRegistry(*store_, options));
  EXPECT_EQ(partial.persons_stored, 1);
  EXPECT_EQ(partial.rows_not_written, 0);
  ExpectCountsAddUp(partial);
  EXPECT_EQ(store_->Counts(ReadScope::WholeDatabase())->persons, partial.persons_stored);
}

TEST_F(ImportReportsTest, UserLayoutCopyKeepsEveryRowAndSaysWhatIsWrong) {
  const std::string bad_id = Id(1970, 5).substr(0, 17) + (Id(1970, 5).back() == '0' ? "1" : "0");
  const std::string file = Header() + Row("H1", "H101", "金成浩", Id(1960, 1), "户主") +
                           Row("H1", "H102", "金美玲", Id(1962, 2), "配偶") +
                           Row("H3", "H301", "李华", bad_id, "户主") +
                           Row("H3", "H302", "李明", Id(1995, 9), "之子") +
                           Row("H2", "H201", "王强", Id(1950, 3), "户主", "222424100206");
  const std::string path = Write("乡镇上报.csv", file);
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store_, Options(path)));
  ASSERT_EQ(s.layout_report_paths.size(), 1u);
  EXPECT_EQ(s.layout_report_paths[0], (dir_ / "errors.乡镇上报.csv").string());
  const auto original = ReadCsv(path);
  const auto copy = ReadCsv(s.layout_report_paths[0]);
  ASSERT_EQ(copy.size(), original.size()) << "every original row, in order";
  for (size_t i = 0; i < copy.size(); ++i) {
    ASSERT_EQ(copy[i].size(), original[i].size() + 1) << i;
    EXPECT_TRUE(std::equal(original[i].begin(), original[i].end(), copy[i].begin()))
        << "row " << i << " as given";
  }
  EXPECT_EQ(copy[0].back(), "问题 | problems");
  EXPECT_EQ(copy[1].back(), "");
  EXPECT_EQ(copy[2].back(), "");
  EXPECT_THAT(copy[3].back(), HasSubstr("证件号码"));
  EXPECT_EQ(copy[3][3], bad_id) << "the user's own ID number stays as they typed it";
  EXPECT_THAT(copy[4].back(), HasSubstr("整户未导入"));
  EXPECT_EQ(copy[5].back(), "");
  // The machine report masks it.
  for (const auto& row : ReadCsv((dir_ / "errors.csv").string())) {
    for (const std::string& cell : row) EXPECT_EQ(cell.find(bad_id), std::string::npos);
  }
}

TEST_F(ImportReportsTest, UserLayoutCopyOfAGb18030FileIsGb18030) {
  const std::string utf8 = Header() + Row("H1", "H101", "金成浩", Id(1960, 1), "老板");
  std::string gbk;
  ASSERT_OK(EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030)->Convert(utf8, gbk));
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store_, Options(Write("gbk.csv", gbk))));
  ASSERT_EQ(s.layout_report_paths.size(), 1u);
  std::ifstream in(s.layout_report_paths[0], std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(DetectEncoding(bytes), TextEncoding::kGb18030);
  EXPECT_EQ(bytes.rfind(gbk.substr(0, gbk.find('\n')), 0), 0u) << "the header row as the user wrote it";
}

TEST_F(ImportReportsTest, ReimportListsExactlyTheMembersAndFieldsThatChanged) {
  ASSERT_OK(ImportRegistry(*store_, Options(Write("good.csv", GoodFile()))));
  const std::string again = Header() +
                            Row("H1", "H101", "金成浩", Id(1960, 1), "户主", "222424100205", "1800") +
                            Row("H1", "H103", "金小明", Id(1990, 5), "之子", "222424100205", "1800") +
                            Row("H2", "H201", "王强", Id(1950, 3), "户主", "222424100206");
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store_, Options(Write("again.csv", again))));
  EXPECT_EQ(s.updated, 1);
  EXPECT_EQ(s.unchanged, 1);
  ASSERT_EQ(s.changes.size(), 3u);
  EXPECT_EQ(s.changes[0].kind, ChangeKind::kMemberRemoved);
  EXPECT_EQ(s.changes[0].member, "金美玲 " + IdNumber::Parse(Id(1962, 2))->Masked());
  EXPECT_EQ(s.changes[1].kind, ChangeKind::kMemberAdded);
  EXPECT_EQ(s.changes[1].member, "金小明 " + IdNumber::Parse(Id(1990, 5))->Masked());
  EXPECT_EQ(s.changes[2].kind, ChangeKind::kYearField);
  EXPECT_EQ(s.changes[2].field, "工资性收入");
  EXPECT_EQ(s.changes[2].old_value, "1000.00");
  EXPECT_EQ(s.changes[2].new_value, "1800.00");
  EXPECT_EQ(s.members_added, 1);
  EXPECT_EQ(s.members_removed, 1);
  EXPECT_EQ(s.fields_changed, 1);
  const auto report = ReadCsv(s.change_report_path);
  ASSERT_EQ(report.size(), 4u);
  EXPECT_EQ(report[1][1], "减少成员");
  for (const auto& row : report) {
    for (const std::string& cell : row) EXPECT_EQ(cell.find(Id(1962, 2)), std::string::npos) << "IDs masked";
  }
}

TEST_F(ImportReportsTest, NoRegionsLoadedIsOneErrorBeforeAnyRow) {
  std::unique_ptr<Store> empty = std::move(OpenSqliteStore(":memory:")).value();
  ImportOptions options = Options(Write("good.csv", GoodFile()));
  EXPECT_STATUS(ImportRegistry(*empty, options), StatusCode::kFailedPrecondition, "regions load");
  EXPECT_FALSE(std::filesystem::exists(options.report_path)) << "no per-row report";
  auto ws = std::move(Workspace::Open({.db_path = (dir_ / "empty.db").string(), .create_if_missing = true}))
                .value();
  EXPECT_STATUS(ImportRegistry(*ws, ImportRequest{.files = options.files}), StatusCode::kFailedPrecondition,
                "regions load");
}

// A county's export names the place and carries no code: every person lands in the village
// its names say (persons per village, not totals), and a village the tree lacks is a row error.
TEST_F(ImportReportsTest, NamesOnlyRowsLandInTheVillagesTheyName) {
  const std::string file =
      "县(市、区、旗),乡(镇),行政村,户编号,人编号,姓名,证件号码,与户主关系\n"
      "汪清县,汪清镇,柳树河村,H1,H101,金成浩," +
      Id(1960, 1) + ",户主\n" + "汪清县,汪清镇,柳树河村,H1,H102,金美玲," + Id(1962, 2) + ",配偶\n" +
      "汪清县,汪清镇,新民村委会,H2,H201,王强," + Id(1950, 3) + ",户主\n" +
      "汪清县,汪清镇,新民村,H4,H401,李明," + Id(1951, 7) + ",户主\n" + "汪清县,汪清镇,新民村,H4,H402,李华," +
      Id(1953, 8) + ",配偶\n" + "汪清县,汪清镇,无此村,H3,H301,赵四," + Id(1955, 5) + ",户主\n";
  ImportOptions options = Options(Write("names.csv", file));
  options.province = *RegionCode::Parse("22");
  options.partial = true;
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store_, options));
  std::map<std::string, int> persons_per_village;
  for (const Household& h : Dump())
    persons_per_village[h.village.ToString()] += static_cast<int>(h.members.size());
  EXPECT_EQ(persons_per_village, (std::map<std::string, int>{{"222424100205", 2}, {"222424100206", 3}}));
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].rule_id, "import.region_name");
  EXPECT_EQ(s.problems[0].line, 7);
  EXPECT_THAT(s.problems[0].reason, HasSubstr("无此村"));
}

TEST_F(ImportReportsTest, UserLayoutCopyKeepsTitleAndFooterRows) {
  const std::string file = "汪清县已脱贫人口名单\n" + Header() +
                           Row("H1", "H101", "金成浩", Id(1960, 1), "老板") +
                           Row("H2", "H201", "王强", Id(1950, 3), "户主", "222424100206") + "合计,2 户\n";
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store_, Options(Write("title.csv", file))));
  EXPECT_EQ(s.rows, 2);
  EXPECT_EQ(s.footer_rows, 1);
  ExpectCountsAddUp(s);
  ASSERT_EQ(s.layout_report_paths.size(), 1u);
  const auto copy = ReadCsv(s.layout_report_paths[0]);
  ASSERT_EQ(copy.size(), 5u);
  EXPECT_EQ(copy[0][0], "汪清县已脱贫人口名单");
  EXPECT_EQ(copy[0].back(), "");
  EXPECT_EQ(copy[1].back(), "问题 | problems");
  EXPECT_THAT(copy[2].back(), HasSubstr("与户主关系"));
  EXPECT_EQ(copy[3].back(), "");
  EXPECT_EQ(copy[4][0], "合计");
  EXPECT_THAT(copy[4].back(), HasSubstr("表尾"));
  // Every row's note sits in the one problems column, short title and footer rows included.
  for (const auto& line : copy) EXPECT_EQ(line.size(), copy[1].size()) << line[0];
}

TEST_F(ImportReportsTest, RecordsAndPhysicalLinesAreBothCounted) {
  const std::string file =
      "户编号,人编号,姓名,证件号码,与户主关系,行政区划代码,自然村\n"
      "H1,H101,金成浩," +
      Id(1960, 1) + ",户主,222424100205,\"三组\n（原四组）\"\n";
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store_, Options(Write("multi.csv", file))));
  EXPECT_EQ(s.rows, 1);
  EXPECT_EQ(s.lines, 2);
}

TEST_F(ImportReportsTest, AWorkbooksCopyIsAWorkbookWithTheProblemsColumn) {
  const std::string path = (dir_ / "名单.xlsx").string();
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<XlsxWriter> xlsx, XlsxWriter::Create(path));
    xlsx->StartSheet("Sheet1", {"户编号", "人编号", "姓名", "证件号码", "与户主关系", "行政区划代码"});
    xlsx->TextRow({"H1", "H101", "金成浩", Id(1960, 1), "老板", "222424100205"});
    xlsx->TextRow({"H2", "H201", "王强", Id(1950, 3), "户主", "222424100206"});
    ASSERT_OK(xlsx->Close());
  }
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store_, Options(path)));
  ASSERT_EQ(s.layout_report_paths.size(), 1u);
  EXPECT_EQ(s.layout_report_paths[0], (dir_ / "errors.名单.xlsx").string());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TableReader> copy, OpenTable(s.layout_report_paths[0]));
  EXPECT_EQ(copy->format(), TableFormat::kXlsx);
  std::vector<std::string> last_cells;
  std::vector<std::string_view> cells;
  while (*copy->Next(cells)) last_cells.emplace_back(cells.size() == 7 ? cells[6] : "");
  EXPECT_EQ(last_cells, (std::vector<std::string>{"问题 | problems", last_cells[1], ""}));
  EXPECT_THAT(last_cells[1], HasSubstr("与户主关系"));
}

TEST(PlaceRow, NamesResolveCodesAgreeAndOldCodesAreMapped) {
  FakeResolver resolver;
  resolver.names["汪清县/汪清镇/柳树河村"] = kLiushuhe;
  resolver.names["汪清县/汪清镇/新民村"] = kXinmin;
  const RegionCode old_code = *RegionCode::Parse("222424100105");
  resolver.renamed[old_code.value()] = kXinmin;
  auto row_at = [](RegionCode code, PlaceNames place) {
    RegistryRow row;
    row.line = 7;
    row.household.village = code;
    row.place = std::move(place);
    return row;
  };
  std::vector<RowProblem> problems;
  RegistryRow by_name = row_at(RegionCode(), {"汪清县", "汪清镇", "新民村"});
  internal::PlaceRow(by_name, &resolver, "f.csv", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(by_name.household.village, kXinmin);

  RegistryRow unknown = row_at(RegionCode(), {"汪清县", "汪清镇", "无此村"});
  internal::PlaceRow(unknown, &resolver, "f.csv", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rule_id, "import.region_name");
  EXPECT_EQ(problems[0].line, 7);
  EXPECT_EQ(problems[0].value, "汪清县/汪清镇/无此村");
  EXPECT_THAT(problems[0].reason, HasSubstr("无此村")) << "the resolver's own message";

  problems.clear();
  RegistryRow mismatch = row_at(kLiushuhe, {"汪清县", "汪清镇", "新民村"});
  internal::PlaceRow(mismatch, &resolver, "f.csv", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rule_id, "import.region_mismatch");

  problems.clear();
  RegistryRow old = row_at(old_code, {});
  internal::PlaceRow(old, &resolver, "f.csv", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(old.household.village, kXinmin) << "a 2016 code is stored as the current unit";

  RegistryRow no_resolver = row_at(RegionCode(), {"汪清县", "汪清镇", "新民村"});
  internal::PlaceRow(no_resolver, nullptr, "f.csv", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rule_id, "import.region_name");
}

TEST(HouseholdDiff, EqualHouseholdsHaveNoChangesAndMemberOrderIsNoChange) {
  Household h = testing::TestHousehold("H1", 3);
  EXPECT_TRUE(DiffHouseholds(h, h).empty());
  Household reordered = h;
  std::swap(reordered.members[0], reordered.members[2]);
  EXPECT_TRUE(DiffHouseholds(h, reordered).empty());
}

TEST(HouseholdDiff, NamesHouseholdMemberAndYearFieldsWithOldAndNewValues) {
  Household before = testing::TestHousehold("H1", 2);
  Household after = before;
  after.type = HouseholdType::kMonitored;
  after.members[1].health = Health::kSeriousIllness;
  after.members[1].phone = "13912345678";
  after.years[0].transfer_income = Money::FromYuan(300);
  const std::vector<HouseholdChange> changes = DiffHouseholds(before, after);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kHouseholdField);
  EXPECT_EQ(changes[0].field, "户类型");
  EXPECT_EQ(changes[0].new_value, Label(HouseholdType::kMonitored));
  EXPECT_EQ(changes[1].kind, ChangeKind::kMemberField);
  EXPECT_EQ(changes[1].field, "健康状况");
  EXPECT_EQ(changes[1].member, after.members[1].name + " " + after.members[1].id_number.Masked());
  EXPECT_EQ(changes[2].field, "人联系电话");
  EXPECT_EQ(changes[2].new_value, "139****5678") << "phones masked like ID numbers";
  EXPECT_EQ(changes[3].kind, ChangeKind::kYearField);
  EXPECT_EQ(changes[3].data_year, after.years[0].data_year);
  EXPECT_EQ(changes[3].field, "转移性收入");
}

}  // namespace
}  // namespace jz
