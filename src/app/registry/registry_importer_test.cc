// The import door: broken files and bad cells give clear errors naming file, line and
// column, and leave the store exactly as it was; --partial keeps the valid households;
// importing twice changes nothing; persons are never moved between households.
#include "app/registry/registry_importer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "io/csv_reader.h"
#include "io/text_encoding.h"
#include "store/sqlite/sqlite_store.h"
#include "synth/registry_generator.h"
#include "synth/village_plan.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

// A header and two households (3 persons) in 柳树河村, built from valid generated IDs.
std::string Header() {
  return "户编号,人编号,姓名,证件号码,性别,出生日期,人数,与户主关系,民族,健康状况,行政区划代码,工资性收入,"
         "人均纯收入\n";
}
std::string Id(int year, int seq) {
  return IdNumber::FromParts(222424, *Date::FromYmd(year, 5, 1), static_cast<uint32_t>(seq))->ToString();
}
std::string GoodRows() {
  return "H1,H101,金成浩," + Id(1960, 1) + ",男,1960-05-01,2,户主,朝鲜族,健康,222424100205,12000,6000\n" +
         "H1,H102,金美玲," + Id(1962, 2) +
         ",女,1962-05-01,2,配偶,朝鲜族,长期慢性病,222424100205,12000,6000\n" + "H2,H201,王强," + Id(1950, 3) +
         ",男,1950-05-01,1,户主,汉族,健康,222424100206,0,0\n";
}

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-import-" + std::to_string(::getpid()));
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
  StatusOr<ImportSummary> Import(const std::string& path, bool partial = false,
                                 std::optional<TextEncoding> encoding = std::nullopt) {
    ImportOptions o;
    o.files = {path};
    o.partial = partial;
    o.encoding = encoding;
    o.data_year = 2024;
    o.report_path = (dir_ / "errors.csv").string();
    return ImportRegistry(*store_, o);
  }
  RegistryCounts Counts() { return *store_->Counts(ReadScope::WholeDatabase()); }
  // Imports the good file, so "unchanged" below means "still exactly these households".
  void ImportGood() { ASSERT_OK(Import(Write("good.csv", Header() + GoodRows()))); }
  void ExpectUnchanged() {
    EXPECT_EQ(Counts().households, 2);
    EXPECT_EQ(Counts().persons, 3);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ImporterTest, ImportsHouseholdsAssembledByHouseholdNumber) {
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(Write("good.csv", Header() + GoodRows())));
  EXPECT_TRUE(s.committed);
  EXPECT_EQ(s.rows, 3);
  EXPECT_EQ(s.inserted, 2);
  ASSERT_OK_AND_ASSIGN(auto h1, store_->FindHousehold(ReadScope::WholeDatabase(), "H1"));
  ASSERT_TRUE(h1.has_value());
  ASSERT_EQ(h1->members.size(), 2u);
  EXPECT_EQ(h1->members[1].health, Health::kChronicIllness);
  EXPECT_EQ(h1->declared_size, 2);
  EXPECT_EQ(h1->years[0].wage_income, Money::FromYuan(12000));
  EXPECT_EQ(h1->years[0].data_year, 2024);
}

TEST_F(ImporterTest, SecondImportOfSameFileChangesNothing) {
  const std::string path = Write("good.csv", Header() + GoodRows());
  ASSERT_OK(Import(path));
  ASSERT_OK_AND_ASSIGN(ImportSummary again, Import(path));
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(again.inserted + again.updated, 0);
  ExpectUnchanged();
}

TEST_F(ImporterTest, RowsOfAHouseholdMayBeAnywhereAndHeadersMayBeEnglish) {
  const std::string rows =
      "household_no,person_no,name,id_number,relationship,region_code\n"
      "H1,H101,甲," +
      Id(1960, 1) + ",户主,222424100205\n" + "H2,H201,乙," + Id(1950, 3) + ",1,222424100206\n" +
      "H1,H102,丙," + Id(1962, 2) + ",2,222424100205\n";
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(Write("mixed.csv", rows)));
  EXPECT_EQ(s.households, 2);
  EXPECT_EQ((*store_->FindHousehold(ReadScope::WholeDatabase(), "H1"))->members.size(), 2u);
  EXPECT_EQ((*store_->FindHousehold(ReadScope::WholeDatabase(), "H1"))->members[1].relationship,
            Relationship::kSpouse);
}

TEST_F(ImporterTest, BrokenFilesAreErrorsAndLeaveTheStoreAsItWas) {
  ImportGood();
  struct Case {
    const char* name;
    std::string bytes;
    StatusCode code;
    const char* message;
  };
  const std::string ten_mb(10 << 20, 'a');
  const Case cases[] = {
      {"empty.csv", "", StatusCode::kInvalidArgument, "empty"},
      {"missing.csv", "户编号,姓名\nH9,某\n", StatusCode::kInvalidArgument, "证件号码"},
      {"dup-column.csv", "户编号,户编号,姓名,证件号码,与户主关系,行政区划代码\n",
       StatusCode::kInvalidArgument, "twice"},
      {"quotes.csv", Header() + "H3,H301,\"unclosed,x\n", StatusCode::kInvalidArgument, "quote"},
      {"gbk-as-utf8.csv", "", StatusCode::kInvalidArgument, "gb18030"},
      {"huge-field.csv", Header() + "H3,H301,\"" + ten_mb + "\",x\n", StatusCode::kInvalidArgument, "line 2"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string bytes = c.bytes;
    if (std::string(c.name) == "gbk-as-utf8.csv") {
      auto to_gbk = EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030);
      ASSERT_OK(to_gbk->Convert(Header() + GoodRows(), bytes));
      EXPECT_STATUS(Import(Write(c.name, bytes), false, TextEncoding::kUtf8), c.code, c.message);
    } else {
      EXPECT_STATUS(Import(Write(c.name, bytes)), c.code, c.message);
    }
    ExpectUnchanged();
  }
  EXPECT_STATUS(Import((dir_ / "no-such.csv").string()), StatusCode::kNotFound, "no-such.csv");
  ExpectUnchanged();
}

TEST_F(ImporterTest, HeaderOnlyImportsNothingAndSucceeds) {
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(Write("header.csv", Header())));
  EXPECT_EQ(s.rows, 0);
  EXPECT_EQ(Counts().households, 0);
}

TEST_F(ImporterTest, BadCellsRejectTheFileByDefaultAndNameFileLineColumnValue) {
  ImportGood();
  const std::string bad_id = Id(1970, 5).substr(0, 17) + (Id(1970, 5).back() == '0' ? "1" : "0");
  const std::string rows =
      Header() + GoodRows() + "H3,H301,甲," + bad_id + ",男,1970-05-01,1,户主,汉族,健康,222424100205,0,0\n" +
      "H4,H401,乙," + Id(1971, 7) + ",男,1971-02-30,1,户主,汉族,健康,222424100205,0,0\n" + "H5,H501,丙," +
      Id(1972, 9) + ",男,1972-05-01,1,老板,汉族,健康,222424100205,0,0\n" + "H6,H601,丁," + Id(1973, 11) +
      ",男,1973-05-01,1,户主,汉族,健康,222424100205,12.345,0\n" + "H7,H701,戊," + Id(1974, 13) +
      ",男,1974-05-01,1,户主,汉族,健康,222424100999,0,0\n" + "H8,H801,己," + Id(1975, 15) +
      ",男,1975-05-01,1,户主,汉族,健康\n" + "H9,H901,庚," + Id(1976, 17) +
      ",男,1976-05-01,x,户主,汉族,健康,222424100205,0,0\n" + "H10,H1001,辛," + Id(1960, 1) +
      ",男,1960-05-01,1,户主,汉族,健康,222424100205,0,0\n";
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(Write("bad.csv", rows)));
  EXPECT_FALSE(s.committed);
  EXPECT_EQ(s.rejected_households, 8);
  std::map<std::string, RowProblem> by_rule;
  for (const RowProblem& p : s.problems) by_rule.emplace(std::string(p.rule_id), p);
  ASSERT_TRUE(by_rule.contains("id.check_character"));
  EXPECT_EQ(by_rule["id.check_character"].line, 5);
  EXPECT_EQ(by_rule["id.check_character"].column, "证件号码");
  EXPECT_EQ(by_rule["id.check_character"].value.find(bad_id), std::string::npos) << "ID masked in report";
  EXPECT_TRUE(by_rule.contains("region.unknown_village"));
  EXPECT_TRUE(by_rule.contains("import.ragged"));
  EXPECT_TRUE(by_rule.contains("person.duplicate"));  // H10 repeats H1's head
  int value_problems = 0;
  for (const RowProblem& p : s.problems) value_problems += p.rule_id == "import.value";
  EXPECT_EQ(value_problems, 4);  // bad date, unknown relationship, 3 decimals, bad count
  ExpectUnchanged();
  // The report lists every problem.
  auto report = CsvReader::Open((dir_ / "errors.csv").string());
  ASSERT_OK(report);
  std::vector<std::string_view> fields;
  int lines = -1;
  while (*(*report)->Next(fields)) ++lines;
  EXPECT_EQ(lines, static_cast<int>(s.problems.size()));
}

TEST_F(ImporterTest, PartialKeepsValidHouseholdsAndRejectsWholeHouseholds) {
  const std::string rows = Header() + GoodRows() + "H2,H202,坏," + Id(1980, 21) +
                           ",男,1980-13-01,2,之子,汉族,健康,222424100206,0,0\n";
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(Write("partial.csv", rows), /*partial=*/true));
  EXPECT_TRUE(s.committed);
  EXPECT_EQ(s.inserted, 1);
  EXPECT_EQ(s.rejected_households, 1);
  ASSERT_OK_AND_ASSIGN(auto h2, store_->FindHousehold(ReadScope::WholeDatabase(), "H2"));
  EXPECT_FALSE(h2.has_value()) << "a household with a bad row is rejected whole";
}

TEST_F(ImporterTest, PersonAlreadyInAnotherStoredHouseholdIsNeverMoved) {
  ImportGood();
  const std::string rows =
      Header() + "H7,H701,金成浩," + Id(1960, 1) + ",男,1960-05-01,1,户主,汉族,健康,222424100205,0,0\n";
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(Write("moved.csv", rows), true));
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].rule_id, "person.duplicate");
  EXPECT_NE(s.problems[0].reason.find("H1"), std::string::npos);
  EXPECT_EQ(*store_->FindHouseholdOfPerson(ReadScope::WholeDatabase(), *IdNumber::Parse(Id(1960, 1))), "H1");
  ExpectUnchanged();
}

TEST_F(ImporterTest, BomCrlfGb18030AndTruncatedLastLineAreRead) {
  std::string gbk;
  auto to_gbk = EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030);
  ASSERT_OK(to_gbk->Convert(Header() + GoodRows(), gbk));
  ASSERT_OK_AND_ASSIGN(ImportSummary a, Import(Write("gbk.csv", gbk)));
  EXPECT_EQ(a.inserted, 2);
  std::string crlf = "\xEF\xBB\xBF" + Header() + GoodRows();
  for (size_t pos = 0; (pos = crlf.find('\n', pos)) != std::string::npos; pos += 2)
    crlf.replace(pos, 1, "\r\n");
  crlf.pop_back();
  crlf.pop_back();  // no line end after the last row
  ASSERT_OK_AND_ASSIGN(ImportSummary b, Import(Write("bom.csv", crlf)));
  EXPECT_EQ(b.unchanged, 2);
}

TEST_F(ImporterTest, UnknownColumnsAreReportedNotFatal) {
  std::string text = Header();
  text.insert(text.size() - 1, ",备注");
  std::string rows = GoodRows();
  for (size_t pos = 0; (pos = rows.find('\n', pos)) != std::string::npos; pos += 5) rows.insert(pos, ",无");
  ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(Write("extra.csv", text + rows)));
  ASSERT_EQ(s.unknown_columns.size(), 1u);
  EXPECT_NE(s.unknown_columns[0].find("备注"), std::string::npos);
  EXPECT_EQ(s.inserted, 2);
}

TEST_F(ImporterTest, GeneratedRegistryWithPlantedProblemsImportsPartially) {
  GeneratorOptions g;
  g.out_dir = (dir_ / "gen").string();
  g.persons = 3000;
  g.seed = 9;
  g.regions_dir.clear();  // synthetic tree
  g.error_rate = 0.2;
  g.data_year = 2024;
  ASSERT_OK_AND_ASSIGN(GeneratorSummary gs, GenerateRegistry(g));
  std::unique_ptr<Store> store = std::move(OpenSqliteStore(":memory:")).value();
  ASSERT_OK(store->UpsertRegions(gen::SyntheticRegions()));
  ImportOptions o;
  o.files = {gs.registry_path};
  o.partial = true;
  o.data_year = 2024;
  ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store, o));
  EXPECT_EQ(s.rows, 3000);
  EXPECT_GT(s.rejected_households, 0);
  EXPECT_EQ(s.inserted + s.rejected_households, s.households);
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// Exports list a household's rows together, and the importer relies on it to write while it
// parses; a file whose rows are shuffled must still give exactly the same result.
TEST_F(ImporterTest, ShuffledRowsGiveTheSameResultAsSortedOnes) {
  GeneratorOptions g;
  g.out_dir = (dir_ / "gen").string();
  g.persons = 4000;
  g.seed = 31;
  g.error_rate = 0.2;
  g.data_year = 2024;
  ASSERT_OK_AND_ASSIGN(GeneratorSummary gs, GenerateRegistry(g));
  std::ifstream in(gs.registry_path);
  std::string header;
  std::getline(in, header);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::mt19937_64 rng(2024);  // fixed seed
  std::shuffle(lines.begin(), lines.end(), rng);
  std::string shuffled = header + "\n";
  for (const std::string& line : lines) shuffled += line + "\n";
  const std::string shuffled_path = Write("shuffled.csv", shuffled);

  auto import_into = [&](const std::string& path, std::vector<Household>& households,
                         std::multiset<std::string>& rules) {
    std::unique_ptr<Store> store = std::move(OpenSqliteStore(":memory:")).value();
    ASSERT_OK(store->UpsertRegions(gen::SyntheticRegions()));
    ImportOptions o;
    o.files = {path};
    o.partial = true;
    o.data_year = 2024;
    ASSERT_OK_AND_ASSIGN(ImportSummary s, ImportRegistry(*store, o));
    for (const RowProblem& p : s.problems) rules.insert(std::string(p.rule_id) + " " + p.household_no);
    ASSERT_OK(store->ScanHouseholds(*RegionCode::Parse("22"), [&](const Household& h) {
      households.push_back(h);
      return OkStatus();
    }));
    std::sort(households.begin(), households.end(),
              [](const Household& a, const Household& b) { return a.household_no < b.household_no; });
  };
  // For a person listed in two households the first occurrence in file order keeps the
  // person and the other household is rejected, so shuffling may swap which of the pair is
  // rejected. Those pairs (from the planted truth) are left out of the comparison.
  std::set<std::string> duplicate_pairs;
  {
    auto truth = CsvReader::Open(gs.truth_path);
    ASSERT_OK(truth);
    std::vector<std::string_view> f;
    while (*(*truth)->Next(f)) {
      if (f[0] != "person.duplicate") continue;
      duplicate_pairs.insert(std::string(f[1]));
      duplicate_pairs.insert(std::string(f[5]));
    }
  }
  ASSERT_FALSE(duplicate_pairs.empty());
  std::vector<Household> sorted_all, shuffled_all;
  std::multiset<std::string> sorted_all_rules, shuffled_all_rules;
  import_into(gs.registry_path, sorted_all, sorted_all_rules);
  import_into(shuffled_path, shuffled_all, shuffled_all_rules);
  auto keep = [&](const std::vector<Household>& all, const std::multiset<std::string>& in_rules,
                  std::vector<Household>& out, std::multiset<std::string>& out_rules) {
    for (const Household& h : all) {
      if (!duplicate_pairs.contains(h.household_no)) out.push_back(h);
    }
    for (const std::string& r : in_rules) {
      if (!duplicate_pairs.contains(r.substr(r.find(' ') + 1))) out_rules.insert(r);
    }
  };
  std::vector<Household> sorted_result, shuffled_result;
  std::multiset<std::string> sorted_rules, shuffled_rules;
  keep(sorted_all, sorted_all_rules, sorted_result, sorted_rules);
  keep(shuffled_all, shuffled_all_rules, shuffled_result, shuffled_rules);
  ASSERT_EQ(sorted_result.size(), shuffled_result.size());
  EXPECT_GT(sorted_result.size(), 1000u);
  EXPECT_EQ(sorted_rules, shuffled_rules);
  for (size_t i = 0; i < sorted_result.size(); ++i) {
    Household a = sorted_result[i], b = shuffled_result[i];
    // Member order follows the file; compare members as sets.
    auto by_id = [](const Person& x, const Person& y) { return x.id_number < y.id_number; };
    std::sort(a.members.begin(), a.members.end(), by_id);
    std::sort(b.members.begin(), b.members.end(), by_id);
    ASSERT_EQ(a, b) << a.household_no;
  }
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// Every kind of cell has its own parser; each rejects garbage with the column named.
TEST_F(ImporterTest, EveryColumnTypeRejectsGarbageNamingTheColumn) {
  ImportGood();
  const std::string header =
      "户编号,人编号,姓名,证件号码,与户主关系,行政区划代码,是否享受低保,健康状况,其他致贫原因,首次识别时间,"
      "务工时间(月),"
      "生产经营性支出,危房级别,户类型\n";
  struct Case {
    const char* column;
    const char* cells;
  };
  const Case cases[] = {
      {"是否享受低保", "也许,健康,,,,0,,脱贫户"},
      {"健康状况", "否,很好,,,,0,,脱贫户"},
      {"其他致贫原因", "否,健康,因病、天气,,,0,,脱贫户"},
      {"首次识别时间", "否,健康,,2014年13月1日,,0,,脱贫户"},
      {"务工时间(月)", "否,健康,,,-1,0,,脱贫户"},
      {"生产经营性支出", "否,健康,,,,一千,,脱贫户"},
      {"危房级别", "否,健康,,,,0,E级,脱贫户"},
      {"户类型", "否,健康,,,,0,,富裕户"},
  };
  int n = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.column);
    const std::string row =
        fmt::format("X{},X{}01,某,{},户主,222424100205,{}\n", n, n, Id(1981, 41 + 2 * n), c.cells);
    ++n;
    ASSERT_OK_AND_ASSIGN(ImportSummary s, Import(Write("col.csv", header + row)));
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0].column, c.column);
    EXPECT_EQ(s.problems[0].line, 2);
    EXPECT_EQ(s.problems[0].rule_id, "import.value");
    EXPECT_FALSE(s.committed);
    ExpectUnchanged();
  }
}

}  // namespace
}  // namespace jz
