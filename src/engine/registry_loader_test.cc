// Tests of LoadRegistrySnapshot on small export files: the fast path must build the snapshot
// the slow path (RegistryReader + SnapshotBuilder) builds, and report the same problems and
// counts, for plain files, each kind of bad needed cell (which rejects the household), bad
// cells the snapshot does not read (which do not), CRLF, BOM, blank lines, quotes, no final
// newline, English headers, a household split by another's rows, and 1 to 3 threads.
#include "engine/registry_loader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "rules/schema.h"
#include "tests/testutil/snapshot_diff.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using C = RegistryColumn;
const Date kAsOf = *Date::FromYmd(2024, 12, 31);

SnapshotNeeds AllFields() {
  SnapshotNeeds needs;
  needs.fields.assign(Fields().size(), true);
  return needs;
}

SnapshotNeeds OnlyFields(std::initializer_list<std::string_view> names) {
  SnapshotNeeds needs;
  needs.fields.assign(Fields().size(), false);
  for (size_t f = 0; f < Fields().size(); ++f) {
    for (std::string_view name : names) needs.fields[f] = needs.fields[f] || Fields()[f].name == name;
  }
  return needs;
}

std::string Header(bool english = false) {
  std::string line;
  for (const RegistryColumnInfo& info : RegistryColumns()) {
    if (!line.empty()) line += ',';
    line += english ? info.en_name : info.zh_header;
  }
  return line;
}

// A person row; `cells` overrides the defaults.
std::string Row(const std::string& household, int member, std::map<C, std::string> cells = {}) {
  const Date birth = *Date::FromYmd(1960 + member * 20, 3, 1 + member);
  std::map<C, std::string> row = {
      {C::kCountyName, "梨树县"},
      {C::kTownshipName, "某镇"},
      {C::kVillageName, "某村"},
      {C::kRegionCode, "222424100205"},
      {C::kHouseholdNo, household},
      {C::kPersonNo, fmt::format("{}-{}", household, member)},
      {C::kName, "张三"},
      {C::kIdNumber,
       IdNumber::FromParts(
           222424, birth, static_cast<uint32_t>(household.size() * 7) + static_cast<uint32_t>(member * 2 + 1))
           ->ToString()},
      {C::kSex, "男"},
      {C::kBirthDate, birth.ToString()},
      {C::kHouseholdSize, "3"},
      {C::kRelationship, member == 0 ? "户主" : "之子"},
      {C::kEthnicity, "汉族"},
      {C::kEducation, std::string(Label(Education::kPrimary))},
      {C::kSchoolStatus, "非在校生"},
      {C::kHealth, member == 1 ? "长期慢性病" : "健康"},
      {C::kLabourSkill, "普通劳动力"},
      {C::kWorkStatus, "省外务工"},
      {C::kWorkMonths, "8"},
      {C::kMedicalInsured, "是"},
      {C::kCriticalIllnessInsured, "否"},
      {C::kReceivesDibao, "否"},
      {C::kReceivesTekun, "否"},
      {C::kHouseholdType, "脱贫户"},
      {C::kHouseholdAttribute, "一般脱贫户"},
      {C::kMainCause, "因病"},
      {C::kDangerousHouse, "否"},
      {C::kHousingGrade, "A级"},
      {C::kSafeDrinkingWater, "是"},
      {C::kWageIncome, "24000.00"},
      {C::kBusinessIncome, "8000.5"},
      {C::kPropertyIncome, "600"},
      {C::kTransferIncome, "2400.00"},
      {C::kBusinessExpense, "3000.00"},
      {C::kNetIncomePerCapita, "10666.83"},
      {C::kMonitoringType, "脱贫不稳定户"},
      {C::kFirstIdentified, "2014-10-01"}};
  for (auto& [column, value] : cells) row[column] = value;
  std::string line;
  for (const RegistryColumnInfo& info : RegistryColumns()) {
    if (&info != &RegistryColumns()[0]) line += ',';
    line += row[info.column];
  }
  return line;
}

void ExpectSameProblems(const std::vector<RowProblem>& a, const std::vector<RowProblem>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(fmt::format("problem {}", i));
    EXPECT_EQ(a[i].file, b[i].file);
    EXPECT_EQ(a[i].line, b[i].line);
    EXPECT_EQ(a[i].column, b[i].column);
    EXPECT_EQ(a[i].value, b[i].value);
    EXPECT_EQ(a[i].rule_id, b[i].rule_id);
    EXPECT_EQ(a[i].reason, b[i].reason);
    EXPECT_EQ(a[i].household_no, b[i].household_no);
    EXPECT_EQ(a[i].person_no, b[i].person_no);
  }
}

// Loads `path` both ways (the fast one with 1..3 threads), expects the same, and returns
// the slow result.
StatusOr<RegistryLoadResult> LoadBothWays(const std::string& path, const SnapshotNeeds& needs,
                                          bool expect_fast = true) {
  RegistryLoadOptions slow_options;
  slow_options.force_slow = true;
  StatusOr<RegistryLoadResult> slow = LoadRegistrySnapshot(path, needs, kAsOf, slow_options);
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(fmt::format("{} threads", threads));
    RegistryLoadOptions options;
    options.threads = threads;
    StatusOr<RegistryLoadResult> fast = LoadRegistrySnapshot(path, needs, kAsOf, options);
    EXPECT_EQ(fast.status(), slow.status());
    if (!fast.ok() || !slow.ok()) continue;
    EXPECT_EQ(fast->fast_path, expect_fast);
    EXPECT_EQ(fast->rows, slow->rows);
    EXPECT_EQ(fast->households, slow->households);
    EXPECT_EQ(fast->households_rejected, slow->households_rejected);
    EXPECT_EQ(fast->data_year, slow->data_year);
    ExpectSameProblems(fast->problems, slow->problems);
    EXPECT_EQ(testing::SnapshotDiff(fast->snapshot, slow->snapshot), "");
  }
  return slow;
}

class RegistryLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("jz-registry-loader-{}", ::getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& text) {
    const std::string path = (dir_ / fmt::format("registry-{}.csv", files_++)).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string Lines(const std::vector<std::string>& rows, const std::string& end = "\n") {
    std::string text = Header() + end;
    for (const std::string& row : rows) text += row + end;
    return text;
  }

  std::filesystem::path dir_;
  int files_ = 0;
};

TEST_F(RegistryLoaderTest, PlainFileGivesTheSlowPathsSnapshot) {
  const std::string path =
      Write(Lines({Row("H1", 0), Row("H1", 1), Row("H1", 2), Row("H2", 0, {{C::kSex, ""}}),
                   Row("H3", 0, {{C::kBirthDate, ""}, {C::kEducation, ""}}),
                   Row("H3", 1, {{C::kRegionCode, "222424100206"}})}));
  ASSERT_OK_AND_ASSIGN(RegistryLoadResult r, LoadBothWays(path, AllFields()));
  EXPECT_EQ(r.rows, 6);
  EXPECT_EQ(r.households, 3);
  EXPECT_EQ(r.households_rejected, 0);
  EXPECT_EQ(r.snapshot.households(), 3u);
  EXPECT_EQ(r.snapshot.persons(), 6u);
  EXPECT_EQ(r.snapshot.county[0], 222424u);
  EXPECT_EQ(r.data_year, 2024);
  const std::vector<uint32_t> household_of = {0, 0, 0, 1, 2, 2};
  for (size_t p = 0; p < household_of.size(); ++p) EXPECT_EQ(r.snapshot.HouseholdOf(p), household_of[p]) << p;
  // Codes and bools are a byte a value, ints 32 bits, money 64 (LoadBothWays compared the
  // fast path's columns with these).
  for (size_t f = 0; f < Fields().size(); ++f) {
    const Column& column = r.snapshot.fields[f];
    SCOPED_TRACE(Fields()[f].name);
    const size_t entries = Fields()[f].scope == FieldScope::kPerson ? 6u : 3u;
    EXPECT_EQ(column.size(), entries);
    switch (Fields()[f].type.kind) {
      case ValueKind::kBool:
      case ValueKind::kCode:
        EXPECT_EQ(column.bytes.size(), entries);
        break;
      case ValueKind::kMoney:
        EXPECT_EQ(column.wide.size(), entries);
        break;
      default:
        EXPECT_EQ(column.narrow.size(), entries);
    }
  }
}

TEST_F(RegistryLoaderTest, AProblemInANeededCellRejectsTheWholeHousehold) {
  std::string bad_check = IdNumber::FromParts(222424, *Date::FromYmd(1980, 1, 1), 5)->ToString();
  bad_check.back() = bad_check.back() == '0' ? '1' : '0';
  const std::vector<std::string> rows = {
      Row("H1", 0),
      Row("H1", 1, {{C::kBirthDate, "1980-02-30"}}),
      Row("H2", 0, {{C::kIdNumber, bad_check}}),
      Row("H3", 0, {{C::kHealth, "很好"}}),
      Row("H4", 0, {{C::kWageIncome, "1.234"}}),
      Row("H5", 0, {{C::kRegionCode, "222424100000"}}),
      Row("", 0),
      Row("H7", 0, {{C::kName, ""}}),
      Row("H8", 0, {{C::kEthnicity, "火星族"}, {C::kPersonPhone, "x"}}),
      Row("H9", 0) + ",extra",
      Row("H10", 0, {{C::kIdNumber, "222424800101051"}, {C::kBirthDate, ""}, {C::kSex, ""}}),
      Row("H11", 0, {{C::kRelationship, ""}}),
      Row("H12", 0, {{C::kWorkMonths, "100"}})};
  const std::string path = Write(Lines(rows));
  ASSERT_OK_AND_ASSIGN(RegistryLoadResult all, LoadBothWays(path, AllFields()));
  EXPECT_EQ(all.households, 12);
  EXPECT_EQ(all.households_rejected, 9);  // all but H7, H8 (cells not read) and H10
  ASSERT_FALSE(all.problems.empty());
  EXPECT_EQ(all.problems[0].file, path);
  EXPECT_EQ(all.problems[0].line, 3);
  EXPECT_EQ(all.problems[0].column, "出生日期");
  // Reading only the income, the bad birth date and health do not reject.
  ASSERT_OK_AND_ASSIGN(RegistryLoadResult income, LoadBothWays(path, OnlyFields({"net_income"})));
  EXPECT_EQ(income.households_rejected, 5);  // H2, H4, H5, the empty 户编号 and H9
}

TEST_F(RegistryLoaderTest, LineEndsBomBlankLinesEnglishHeadersAndNoFinalNewline) {
  const std::string bad = Row("H2", 0, {{C::kBirthDate, "bad"}});
  for (const std::string& text :
       {Lines({Row("H1", 0), "", Row("H1", 1), bad}, "\r\n"),
        "\xEF\xBB\xBF" + Lines({Row("H1", 0), Row("H1", 1), "", bad}),
        Header(/*english=*/true) + "\n" + Row("H1", 0) + "\n\n" + Row("H1", 1) + "\n" + bad}) {
    ASSERT_OK_AND_ASSIGN(RegistryLoadResult r, LoadBothWays(Write(text), AllFields()));
    EXPECT_EQ(r.rows, 3);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].line, 5);
  }
}

TEST_F(RegistryLoaderTest, UnusualFilesTakeTheSlowPath) {
  // H1 comes back after H2: the fast path cannot assemble it from contiguous rows.
  ASSERT_OK_AND_ASSIGN(
      RegistryLoadResult split,
      LoadBothWays(Write(Lines({Row("H1", 0), Row("H2", 0), Row("H1", 1)})), AllFields(), false));
  EXPECT_EQ(split.households, 2);
  EXPECT_EQ(split.snapshot.member_begin, (std::vector<uint32_t>{0, 2, 3}));
  EXPECT_OK(
      LoadBothWays(Write(Lines({Row("H1", 0), Row("H2", 0, {{C::kName, "\"张,三\""}})})), AllFields(), false)
          .status());
  EXPECT_OK(LoadBothWays(Write("\n" + Lines({Row("H1", 0)})), AllFields(), false).status());
}

TEST_F(RegistryLoaderTest, FailuresAreTheSlowPathsFailures) {
  EXPECT_STATUS(LoadBothWays(Write(""), AllFields()).status(), StatusCode::kInvalidArgument, "empty");
  EXPECT_STATUS(LoadBothWays((dir_ / "missing.csv").string(), AllFields()).status(), StatusCode::kNotFound,
                "missing.csv");
  EXPECT_STATUS(LoadBothWays(Write("户编号,姓名\nH1,张三\n"), AllFields()).status(),
                StatusCode::kInvalidArgument, "证件号码");
  // Names without codes resolve only through a database's regions: screening the file refuses.
  EXPECT_STATUS(LoadBothWays(Write("县(市、区、旗),乡(镇),行政村,户编号,人编号,姓名,证件号码,与户主关系\n"
                                   "汪清县,汪清镇,柳树河村,H1,1,张三,110101199003070011,户主\n"),
                             AllFields())
                    .status(),
                StatusCode::kInvalidArgument, "jingzhun import");
  // Past the 64 KiB the encoding is guessed from, so the file is taken for UTF-8.
  std::vector<std::string> rows;
  for (int h = 0; h < 300; ++h) rows.push_back(Row(fmt::format("H{:03}", h), 0));
  rows.push_back(Row("H999", 0, {{C::kName, "\xFF"}}));
  EXPECT_STATUS(LoadBothWays(Write(Lines(rows)), AllFields()).status(), StatusCode::kInvalidArgument,
                "line 302");
}

// The fast path skips a later member's household cells when they read as the first row's
// (RangeParser::Row in registry_range_parser.cc); every other later row is parsed and checked in full.
TEST_F(RegistryLoaderTest, LaterMembersHouseholdCellsAreCheckedUnlessTheyRepeatTheFirstRows) {
  const std::vector<std::string> rows = {
      Row("H1", 0),
      Row("H1", 1),
      Row("H1", 2),  // all repeat
      Row("H2", 0),
      Row("H2", 1, {{C::kWageIncome, "1.234"}}),  // a bad later cell
      Row("H3", 0),
      Row("H3", 1, {{C::kWageIncome, "99.5"}}),  // a good different one
      Row("H4", 0, {{C::kHousingGrade, "Z级"}}),
      Row("H4", 1),  // a bad first row
      Row("H5", 0),
      Row("H5", 1, {{C::kOtherCauses, "缺技术"}}),  // an unread cell differs
      Row("H6", 0),
      Row("H6", 1, {{C::kRegionCode, "222424100000"}}),  // a bad later region code
      Row("H7", 0, {{C::kSafeDrinkingWater, "也许"}}),
      Row("H7", 1, {{C::kSafeDrinkingWater, "也许"}}),
      Row("H8", 0),
      Row("H8", 1, {{C::kBirthDate, "bad"}}),
      Row("H8", 2, {{C::kMainCause, "火星"}})};
  const std::string path = Write(Lines(rows));
  ASSERT_OK_AND_ASSIGN(RegistryLoadResult r, LoadBothWays(path, AllFields()));
  EXPECT_EQ(r.households, 8);
  EXPECT_EQ(r.households_rejected, 5);  // H2, H4, H6, H7 and H8
  std::vector<int64_t> lines;
  for (const RowProblem& p : r.problems) lines.push_back(p.line);
  // Both rows of H7 are reported, and both bad rows of H8.
  EXPECT_EQ(lines, (std::vector<int64_t>{6, 9, 14, 15, 16, 18, 19}));
}

TEST_F(RegistryLoaderTest, ManyHouseholdsAgreeAcrossRangeBoundaries) {
  std::vector<std::string> rows;
  for (int h = 0; h < 400; ++h) {
    const std::string no = fmt::format("H{:04}", h);
    for (int m = 0; m < 1 + h % 4; ++m) {
      std::map<C, std::string> cells;
      if (h % 37 == 5 && m == 1) cells[C::kBirthDate] = "1999-13-01";
      if (h % 41 == 3) cells[C::kWageIncome] = "";
      if (h % 43 == 7) cells[C::kSafeDrinkingWater] = "否";
      // 人编号 of every form PersonNumbers keeps: 户编号 + two digits, others, empty.
      if (h % 3 == 0) cells[C::kPersonNo] = fmt::format("{}{:02}", no, m);
      if (h % 3 == 2) {
        cells[C::kPersonNo] = m == 0   ? fmt::format("{}{:02}", no, 90 + m)
                              : m == 1 ? ""
                                       : fmt::format("{}{:03}", no, m);
      }
      rows.push_back(Row(no, m, cells));
    }
  }
  const std::string path = Write(Lines(rows));
  // Size and 人均纯收入 are computed from the kept households' members and net income: the
  // net is the net_income column's when that is read, else kept beside it.
  for (const auto& needs :
       {OnlyFields({"net_income_per_capita"}), OnlyFields({"size", "net_income_per_capita", "net_income"}),
        OnlyFields({"size"})}) {
    ASSERT_OK_AND_ASSIGN(RegistryLoadResult some, LoadBothWays(path, needs));
    EXPECT_EQ(some.households, 400);
  }
  ASSERT_OK_AND_ASSIGN(RegistryLoadResult r, LoadBothWays(path, AllFields()));
  EXPECT_EQ(r.households, 400);
  EXPECT_GT(r.households_rejected, 0);
  ASSERT_EQ(r.snapshot.household_no[0], "H0000");
  EXPECT_EQ(r.snapshot.PersonNo(0), "H000000");
  EXPECT_EQ(r.snapshot.PersonNo(1), "H0001-0");
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

void ExpectStrings(const StringColumn& column, const std::vector<std::string_view>& expected) {
  ASSERT_EQ(column.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(column[i], expected[i]) << i;
}

// Strings of one length keep no offsets until one of another length comes.
TEST(StringColumnTest, StringsOfOneLengthKeepNoOffsetsUntilAnotherLengthComes) {
  StringColumn a;
  for (std::string_view s : {"h0", "h1", "h2", "h3", "h4"}) a.Add(s);
  StringColumn many;
  for (int i = 0; i < 1000; ++i) many.Add(fmt::format("{:02}", i % 100));
  EXPECT_LT(many.MemoryBytes(), 8000u);  // offsets alone would be 8 bytes a string
  EXPECT_EQ(many[999], "99");
  a.MoveDown(2, 4, 1);
  a.Truncate(3);
  ExpectStrings(a, {"h0", "h2", "h3"});
  StringColumn same;
  for (std::string_view s : {"s0", "s1", "s2"}) same.Add(s);
  a.AppendRange(same, 1, 3);  // same length: still no offsets
  ExpectStrings(a, {"h0", "h2", "h3", "s1", "s2"});
  StringColumn longer;
  for (std::string_view s : {"long0", "long1"}) longer.Add(s);
  a.AppendRange(longer, 0, 2);  // another length: offsets from here on
  a.Add("");
  a.Add("x");
  ExpectStrings(a, {"h0", "h2", "h3", "s1", "s2", "long0", "long1", "", "x"});
  StringColumn empty_first;  // a fixed column with nothing yet takes the other's length
  empty_first.AppendRange(longer, 1, 2);
  empty_first.Add("long2");
  ExpectStrings(empty_first, {"long1", "long2"});
  StringColumn mixed;
  mixed.AppendRange(a, 3, 8);  // from a column with offsets
  ExpectStrings(mixed, {"s1", "s2", "long0", "long1", ""});
  mixed.Truncate(2);
  ExpectStrings(mixed, {"s1", "s2"});
}

TEST(PersonNumbersTest, KeepsEveryFormAndAppendsRanges) {
  PersonNumbers a;
  a.Add("2201", "220101");  // the household's number and two digits: a byte
  a.Add("2201", "2201-2");  // any other form is kept whole
  a.Add("2201", "");
  a.Add("2201", "220199");
  a.Add("2202", "2201031");  // three digits
  a.Add("2202", "230101");   // another household's prefix
  a.Add("", "07");
  const std::vector<std::string> households = {"2201", "2201", "2201", "2201", "2202", "2202", ""};
  const std::vector<std::string> expected = {"220101", "2201-2", "", "220199", "2201031", "230101", "07"};
  ASSERT_EQ(a.size(), expected.size());
  for (size_t p = 0; p < expected.size(); ++p) EXPECT_EQ(a.Get(p, households[p]), expected[p]) << p;
  // Ranges with and without kept-whole numbers, the household number differing from Add's.
  PersonNumbers b;
  b.AppendRange(a, 1, 3);
  b.AppendRange(a, 3, 3);
  b.AppendRange(a, 3, 7);
  ASSERT_EQ(b.size(), 6u);
  EXPECT_EQ(b.Get(0, "2201"), "2201-2");
  EXPECT_EQ(b.Get(1, "2201"), "");
  EXPECT_EQ(b.Get(2, "2201"), "220199");
  EXPECT_EQ(b.Get(2, "3300"), "330099");  // the two digits follow whatever number is given
  EXPECT_EQ(b.Get(3, "2202"), "2201031");
  EXPECT_EQ(b.Get(4, "2202"), "230101");
  EXPECT_EQ(b.Get(5, ""), "07");
  EXPECT_LT(a.MemoryBytes(), 1000u);
}

// The in-place compaction the fast path's Assemble uses to drop rejected households.
TEST(StringColumnTest, MoveDownTruncateAndAppendRangeKeepEveryString) {
  StringColumn a;
  for (std::string_view s : {"a0", "", "a22", "a333", "a4"}) a.Add(s);
  a.MoveDown(2, 4, 1);  // keep 0, then 2..3
  a.Truncate(3);
  ExpectStrings(a, {"a0", "a22", "a333"});
  StringColumn b;
  for (std::string_view s : {"b0", "b11", "", "b3"}) b.Add(s);
  a.AppendRange(b, 1, 4);
  a.AppendRange(b, 0, 0);  // nothing
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(a[3], "b11");
  EXPECT_EQ(a[4], "");
  EXPECT_EQ(a[5], "b3");
  a.MoveDown(0, 0, 0);
  a.Truncate(0);
  EXPECT_EQ(a.size(), 0u);
  a.Add("x");
  EXPECT_EQ(a[0], "x");
}

}  // namespace
}  // namespace jz
