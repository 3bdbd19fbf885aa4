// The parser traps of issue 13 item 5, through RegistryReader: a quote opened in one row's
// 姓名 and closed in a later row's 姓名 (the rows between must not vanish into one stored
// person), ID numbers whose digits Excel lost, names that are not names, and ID numbers valid
// by GB 11643 but born before 1900 (they import; the validator reports them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/registry_reader.h"
#include "io/registry_reader_test_support.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using registry_reader_testing::Csv;
using registry_reader_testing::Id;
using registry_reader_testing::ReadAll;
using registry_reader_testing::ReadResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kHeader = "县,乡镇,村,户编号,人编号,姓名,证件号码,与户主关系,人联系电话";

std::string Row(std::string_view household, std::string_view name, const std::string& id,
                std::string_view phone) {
  return fmt::format("长岭县,太平山镇,新安村,{},P1,{},{},户主,{}", household, name, id, phone);
}

ReadResult Read(const std::string& csv) {
  StatusOr<std::unique_ptr<RegistryReader>> reader = RegistryReader::FromString(csv, "traps.csv", {});
  EXPECT_TRUE(reader.ok()) << reader.status();
  return ReadAll(std::move(*reader));
}

std::vector<std::string> RuleIds(const std::vector<RowProblem>& problems) {
  std::vector<std::string> ids;
  for (const RowProblem& p : problems) ids.emplace_back(p.rule_id);
  return ids;
}

// The scenario of the issue: 李四's 姓名 opens a quote on line 3 that 赵六's 姓名 closes on
// line 5. The CSV is well formed, so the record reads as one person whose name holds 王五's
// whole row; the reader must say so, naming both lines, so that none of it is stored.
TEST(RegistryReaderTraps, QuoteOpenedInOneNameAndClosedInALaterOne) {
  const std::string wang_id = Id(103, 1971, 11, 30);
  const std::string csv =
      Csv({std::string(kHeader), Row("H1", "张三", Id(101, 1960, 5, 1), "13900000001"),
           Row("H2", "\"李四", Id(102, 1962, 3, 4), "13900000002"), Row("H3", "王五", wang_id, "13900000003"),
           Row("H4", "赵六\"", Id(104, 1955, 1, 1), "13900000004"),
           Row("H5", "钱七", Id(105, 1990, 6, 6), "13900000005")});
  const ReadResult read = Read(csv);
  ASSERT_OK(read.status);
  ASSERT_EQ(read.rows.size(), 3u);
  EXPECT_EQ(read.rows[0].person.name, "张三");
  EXPECT_EQ(read.rows[2].person.name, "钱七");
  EXPECT_EQ(read.rows[2].line, 6);
  // The swallowed record: lines 3 to 5, rejected by its problem.
  EXPECT_EQ(read.rows[1].line, 3);
  EXPECT_EQ(read.rows[1].last_line, 5);
  for (const RegistryRow& row : read.rows) EXPECT_NE(row.person.id_number.ToString(), wang_id);
  ASSERT_EQ(read.problems.size(), 1u) << read.Describe();
  const RowProblem& p = read.problems[0];
  EXPECT_EQ(p.rule_id, "import.quote_span");
  EXPECT_EQ(p.column, "姓名");
  EXPECT_EQ(p.line, 3);
  EXPECT_EQ(p.last_line, 5);
  EXPECT_EQ(p.household_no, "H2");
  EXPECT_THAT(p.reason, HasSubstr("“姓名”列的引号在第 3 行开始，到第 5 行才结束"));
  EXPECT_THAT(p.reason, HasSubstr("opens on line 3 and closes only on line 5"));
  EXPECT_THAT(p.reason, HasSubstr("swallowing the rows between"));
  // The problem quotes the cell's first line, and no full ID or phone number.
  EXPECT_THAT(p.value, HasSubstr("李四"));
  EXPECT_THAT(p.value, Not(HasSubstr(Id(102, 1962, 3, 4))));
  EXPECT_THAT(p.value, Not(HasSubstr("13900000002")));
}

TEST(RegistryReaderTraps, NaturalVillageMayHoldALineBreak) {
  const std::string csv =
      Csv({"县,乡镇,村,自然村,户编号,姓名,证件号码,与户主关系",
           fmt::format("长岭县,太平山镇,新安村,\"一组\n东屯\",H1,张三,{},户主", Id(101, 1960, 5, 1))});
  const ReadResult read = Read(csv);
  EXPECT_THAT(read.problems, ::testing::IsEmpty()) << read.Describe();
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0].household.natural_village, "一组\n东屯");
  EXPECT_EQ(read.rows[0].last_line, 3);
}

TEST(RegistryReaderTraps, IdNumberThatLostItsDigitsInExcel) {
  const std::string csv = Csv({std::string(kHeader), Row("H1", "张三", "2.20722E+17", "13900000001")});
  const ReadResult read = Read(csv);
  ASSERT_EQ(read.problems.size(), 1u) << read.Describe();
  EXPECT_EQ(read.problems[0].rule_id, "id.digits_lost");
  EXPECT_EQ(read.problems[0].column, "证件号码");
  EXPECT_THAT(read.problems[0].reason, HasSubstr("只保留了 15 位有效数字"));
  EXPECT_THAT(read.problems[0].reason, HasSubstr("format the column as text"));
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0].person.id_number.Packed(), 0u);
}

// A table of given rows whose cells carry given provenance, as a spreadsheet reader reports it.
class FakeSheet : public TableReader {
 public:
  struct Row {
    std::vector<std::string> cells;
    std::vector<CellInfo> infos;
  };
  explicit FakeSheet(std::vector<Row> rows) : rows_(std::move(rows)) {}
  StatusOr<bool> Next(std::vector<std::string_view>& cells) override {
    if (next_ == rows_.size()) return false;
    current_ = next_++;
    cells.assign(rows_[current_].cells.begin(), rows_[current_].cells.end());
    return true;
  }
  CellInfo cell_info(size_t i) const override {
    const std::vector<CellInfo>& infos = rows_[current_].infos;
    return i < infos.size() ? infos[i] : CellInfo{CellSource::kText, first_line(), first_line(), false};
  }
  int64_t first_line() const override { return static_cast<int64_t>(current_) + 1; }
  int64_t last_line() const override { return first_line(); }
  int64_t rows_read() const override { return static_cast<int64_t>(next_); }
  TableFormat format() const override { return TableFormat::kXlsx; }
  const std::string& name() const override { return name_; }
  int64_t bytes_consumed() const override { return -1; }
  int64_t total_bytes() const override { return -1; }

 private:
  std::vector<Row> rows_;
  size_t next_ = 0;
  size_t current_ = 0;
  std::string name_ = "sheet.xlsx";
};

// Excel shows an 18-digit number as its 15 significant digits and zeros: whether or not the
// table reader flags it, a number cell of more than 15 digits in 证件号码 lost its end.
TEST(RegistryReaderTraps, SpreadsheetNumberIdLostItsDigits) {
  const CellInfo number{CellSource::kNumber, 2, 2, false};
  const CellInfo text{CellSource::kText, 2, 2, false};
  std::vector<FakeSheet::Row> rows = {
      {{"县", "乡镇", "村", "户编号", "姓名", "证件号码", "与户主关系", "人联系电话"}, {}},
      {{"长岭县", "太平山镇", "新安村", "H1", "张三", "220722196005010000", "户主"},
       {text, text, text, text, text, number}},
      {{"长岭县", "太平山镇", "新安村", "H2", "李四", "220722196203040000", "户主"},
       {text, text, text, text, text, CellInfo{CellSource::kNumber, 3, 3, true}}},
      {{"长岭县", "太平山镇", "新安村", "H3", "王五", Id(103, 1971, 11, 30), "户主"}, {}},
  };
  ASSERT_OK_AND_ASSIGN(auto reader,
                       RegistryReader::FromTable(std::make_unique<FakeSheet>(std::move(rows)), {}));
  const ReadResult read = ReadAll(std::move(reader));
  EXPECT_THAT(RuleIds(read.problems), ElementsAre("id.digits_lost", "id.digits_lost")) << read.Describe();
  EXPECT_EQ(read.problems[1].line, 3);
  ASSERT_EQ(read.rows.size(), 3u);
  EXPECT_EQ(read.rows[0].person.id_number.Packed(), 0u);
  EXPECT_EQ(read.rows[2].person.id_number.ToString(), Id(103, 1971, 11, 30));
  // Spreadsheet rows end at their last non-empty cell: not ragged.
  EXPECT_EQ(read.rows[2].person.name, "王五");
}

TEST(RegistryReaderTraps, NamesThatAreNotNames) {
  std::string fifty_one;
  for (int i = 0; i < 51; ++i) fifty_one += "张";
  const std::string csv =
      Csv({std::string(kHeader), Row("H1", "张三13904381234", Id(101, 1960, 5, 1), ""),
           Row("H2", fifty_one, Id(103, 1961, 5, 1), ""), Row("H3", "张\x01三", Id(105, 1962, 5, 1), ""),
           Row("H4", "阿依古丽·买买提", Id(107, 1963, 5, 1), "")});
  const ReadResult read = Read(csv);
  EXPECT_THAT(RuleIds(read.problems), ElementsAre("person.name", "person.name", "person.name"))
      << read.Describe();
  EXPECT_EQ(read.problems[0].line, 2);
  EXPECT_EQ(read.problems[0].value, "张三139****1234");
  EXPECT_THAT(read.problems[1].reason, HasSubstr("the name has 51 characters, more than 50"));
  EXPECT_THAT(read.problems[2].reason, HasSubstr("control character"));
  EXPECT_EQ(read.problems[2].line, 4);
}

TEST(RegistryReaderTraps, PersonNameProblemBoundaries) {
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "李";
  EXPECT_EQ(PersonNameProblem(fifty), "");
  EXPECT_NE(PersonNameProblem(fifty + "李"), "");
  EXPECT_EQ(PersonNameProblem("王123456"), "");  // six digits: not a phone or ID number
  EXPECT_NE(PersonNameProblem("王1234567"), "");
  EXPECT_NE(PersonNameProblem("王\u0085五"), "");  // a C1 control (NEL)
  EXPECT_EQ(MaskDigitRuns("李四,220722196203040025,13900000002"), "李四,220722********0025,139****0002");
}

TEST(RegistryReaderTraps, IdNumberBornBefore1900Imports) {
  const std::string old_id = Id(101, 1899, 12, 31);
  const ReadResult read = Read(Csv({std::string(kHeader), Row("H1", "张三", old_id, "")}));
  EXPECT_THAT(read.problems, ::testing::IsEmpty()) << read.Describe();
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0].person.id_number.ToString(), old_id);
  EXPECT_EQ(read.rows[0].person.birth_date, *Date::FromYmd(1899, 12, 31));
}

}  // namespace
}  // namespace jz
