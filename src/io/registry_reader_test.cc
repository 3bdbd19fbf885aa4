// RegistryReader over CSV files shaped like the national exports: the person-detail export
// with title rows and footer rows (UTF-8 and GB18030), the monitoring export under the
// headers counties write, a two-row header under merged group cells, and the parser traps of
// issue 13 item 5 (a quote across rows, digits Excel lost, names that are not names). Each
// test compares the persons read per village name triple, their ID numbers and what the ID
// gives (sex, birth date), not only counts.
#include "io/registry_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <map>
#include <string>
#include <vector>

#include "io/registry_reader_test_support.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using registry_reader_testing::Csv;
using registry_reader_testing::Id;
using registry_reader_testing::PersonsByVillage;
using registry_reader_testing::ReadAll;
using registry_reader_testing::ReadResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kDetailHeader =
    "县(市、区、旗),乡(镇),行政村,自然村,户编号,人编号,姓名,证件号码,人数,与户主关系,民族,文化程度,"
    "在校生状况,"
    "健康状况,劳动技能,务工时间(月),是否参加大病保险,致贫原因,危房户,是否解决安全饮用水,人均纯收入,"
    "户联系电话,"
    "人联系电话,首次识别时间,人员识别时间,户类型";

// A person row of the person-detail export.
std::string DetailRow(std::string_view township, std::string_view village, std::string_view household,
                      std::string_view person, std::string_view name, const std::string& id,
                      std::string_view relationship) {
  return fmt::format(
      "长岭县,{},{},一组,{},{},{},{},2,{},汉族,初中,非在校生,健康,普通劳动力,0,是,因病,否,是,8500.00,"
      "13904381234,,2016-03-01,2016-03-01,脱贫户",
      township, village, household, person, name, id, relationship);
}

// The export of a county office: a title row, a unit and date line, the header, three persons
// in two villages named 新安村 (in two townships), a 合计 row and a 制表人 row.
std::string DetailExport() {
  return Csv({"长岭县已脱贫人口名单", "填报单位：长岭县乡村振兴局,,,,,,日期：2024年6月30日",
              std::string(kDetailHeader),
              DetailRow("太平山镇", "新安村", "H001", "P01", "张三", Id(101, 1960, 5, 1), "户主"),
              DetailRow("太平山镇", "新安村", "H001", "P02", "李四", Id(102, 1962, 3, 4), "配偶"),
              DetailRow("前七号镇", "新安村", "H002", "P01", "王五", Id(103, 1971, 11, 30), "户主"),
              "合计,,,,,,3人", "制表人：赵六,,,填报日期：2024-06-30"});
}

void ExpectDetailExportRead(const ReadResult& read) {
  EXPECT_THAT(read.problems, ::testing::IsEmpty()) << read.Describe();
  EXPECT_EQ(read.reader->layout(), RegistryLayoutKind::kPersonDetail);
  EXPECT_THAT(std::string(read.reader->layout_name()), HasSubstr("person-detail export"));
  EXPECT_TRUE(read.reader->place_by_names());
  EXPECT_EQ(read.reader->header_line(), 3);
  EXPECT_TRUE(read.reader->unknown_columns().empty());
  EXPECT_THAT(PersonsByVillage(read.rows),
              ElementsAre(::testing::Pair("长岭县/前七号镇/新安村", ElementsAre("王五")),
                          ::testing::Pair("长岭县/太平山镇/新安村", ElementsAre("张三", "李四"))));
  ASSERT_EQ(read.rows.size(), 3u);
  EXPECT_EQ(read.rows[0].line, 4);
  EXPECT_EQ(read.rows[1].person.id_number.ToString(), Id(102, 1962, 3, 4));
  // No 性别 or 出生日期 column: both come from the ID number.
  EXPECT_EQ(read.rows[0].person.sex, Sex::kMale);
  EXPECT_EQ(read.rows[1].person.sex, Sex::kFemale);
  EXPECT_EQ(read.rows[2].person.birth_date, *Date::FromYmd(1971, 11, 30));
  EXPECT_EQ(read.rows[0].household.natural_village, "一组");
  EXPECT_EQ(read.rows[0].household.household_no, "H001");
  ASSERT_EQ(read.reader->notes().size(), 2u);
  EXPECT_EQ(read.reader->notes()[0].line, 7);
  EXPECT_EQ(read.reader->notes()[0].first_cell, "合计");
  EXPECT_EQ(read.reader->notes()[1].line, 8);
  EXPECT_FALSE(read.reader->notes()[1].followed_by_data);
  EXPECT_THAT(read.reader->notes()[1].Message(), HasSubstr("第 8 行是表尾行“制表人：赵六”，已跳过"));
}

TEST(RegistryReader, PersonDetailExportBelowTitleRowsWithFooters) {
  ASSERT_OK_AND_ASSIGN(auto reader, RegistryReader::FromString(DetailExport(), "detail.csv", {}));
  ExpectDetailExportRead(ReadAll(std::move(reader)));
}

std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  char* dst = out.data();
  size_t in_left = utf8.size();
  size_t out_left = out.size();
  const size_t done = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  EXPECT_NE(done, static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

TEST(RegistryReader, PersonDetailExportInGb18030) {
  const std::string gb = ToGb18030(DetailExport());
  ASSERT_NE(gb, DetailExport());
  ASSERT_OK_AND_ASSIGN(auto reader, RegistryReader::FromString(gb, "detail-gbk.csv", {}));
  ExpectDetailExportRead(ReadAll(std::move(reader)));
}

TEST(RegistryReader, MonitoringExportUnderCountyHeaders) {
  const std::string csv = Csv({
      "县（市、区）,乡镇,村,户编号,姓名,身份证号,户主关系,家庭人口数,易返贫致贫户（监测对象）类型,"
      "风险是否消除,"
      "风险识别时间,风险消除时间,备注",
      fmt::format("长岭县,太平山镇,新安村,M01,孙七,{},户主,1,突发严重困难户,否,2023-05-01,,",
                  Id(105, 1950, 1, 2)),
      fmt::format("长岭县,太平山镇,永胜村,M02,周八,{},户主,1,边缘易致贫户,是,2022-03-01,2023-09-30,已消除",
                  Id(106, 1948, 2, 29)),
  });
  ASSERT_OK_AND_ASSIGN(auto reader, RegistryReader::FromString(csv, "monitoring.csv", {}));
  const ReadResult read = ReadAll(std::move(reader));
  EXPECT_THAT(read.problems, ::testing::IsEmpty()) << read.Describe();
  EXPECT_EQ(read.reader->layout(), RegistryLayoutKind::kMonitoring);
  EXPECT_EQ(read.reader->header_line(), 1);
  EXPECT_THAT(read.reader->unknown_columns(), ElementsAre("备注"));
  EXPECT_THAT(PersonsByVillage(read.rows),
              ElementsAre(::testing::Pair("长岭县/太平山镇/新安村", ElementsAre("孙七")),
                          ::testing::Pair("长岭县/太平山镇/永胜村", ElementsAre("周八"))));
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[0].household.monitoring_type, MonitoringType::kSuddenHardship);
  EXPECT_EQ(read.rows[1].household.risk_eliminated, *Date::FromYmd(2023, 9, 30));
  EXPECT_EQ(read.rows[1].household.declared_size, 1);
  EXPECT_EQ(read.rows[1].person.birth_date, *Date::FromYmd(1948, 2, 29));
  EXPECT_EQ(read.rows[1].person.sex, Sex::kFemale);
}

TEST(RegistryReader, TwoRowHeaderUnderMergedGroupCells) {
  const std::string csv = Csv({
      "长岭县脱贫人口收入情况表",
      "县(市、区、旗),乡(镇),行政村,行政区划代码,户编号,姓名,证件号码,与户主关系,收入情况,,,",
      ",,,,,,,,工资性收入,生产经营性收入,财产性收入,转移性收入",
      fmt::format("长岭县,太平山镇,新安村,220722100201,H9,吴九,{},户主,12000.50,300,0,1500",
                  Id(107, 1980, 7, 7)),
  });
  ASSERT_OK_AND_ASSIGN(auto reader, RegistryReader::FromString(
                                        csv, "income.csv", {.encoding = std::nullopt, .data_year = 2023}));
  const ReadResult read = ReadAll(std::move(reader));
  EXPECT_THAT(read.problems, ::testing::IsEmpty()) << read.Describe();
  EXPECT_EQ(read.reader->layout(), RegistryLayoutKind::kJingzhun);
  EXPECT_FALSE(read.reader->place_by_names());
  EXPECT_EQ(read.reader->header_line(), 2);
  EXPECT_EQ(read.reader->header_last_line(), 3);
  EXPECT_THAT(read.reader->unknown_columns(), Not(::testing::Contains("收入情况")));
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0].household.village.ToString(), "220722100201");
  EXPECT_EQ(read.rows[0].place.village, "新安村");
  EXPECT_EQ(read.rows[0].year.wage_income, *Money::Parse("12000.50"));
  EXPECT_EQ(read.rows[0].year.transfer_income, *Money::Parse("1500"));
  EXPECT_EQ(read.rows[0].line, 4);
}

TEST(RegistryReader, MissingColumnsNameTheAlternatives) {
  const std::string csv = Csv({"县,乡镇,户编号,姓名,身份证号,与户主关系", "长岭县,太平山镇,H1,张三,x,户主"});
  const auto reader = RegistryReader::FromString(csv, "short.csv", {});
  EXPECT_STATUS(reader, StatusCode::kInvalidArgument,
                "short.csv: 地点需要“行政区划代码”列，或县、乡、村三列名称（缺 行政村");
  EXPECT_STATUS(RegistryReader::FromString("XX县已脱贫人口名单\n说明：无数据\n", "title.csv", {}),
                StatusCode::kInvalidArgument, "title.csv: 前 2 行中没有表头");
  EXPECT_STATUS(
      RegistryReader::FromString(Csv({"村,户编号,姓名,证件号码,户主关系,与户主关系"}), "dup.csv", {}),
      StatusCode::kInvalidArgument, "column \"与户主关系\" appears twice");
}

TEST(RegistryReader, RowsWithoutTheirPlaceNamesAreProblems) {
  const std::string csv = Csv({"县,乡镇,村,户编号,姓名,证件号码,与户主关系",
                               fmt::format("长岭县,,新安村,H1,张三,{},户主", Id(101, 1960, 5, 1))});
  ASSERT_OK_AND_ASSIGN(auto reader, RegistryReader::FromString(csv, "names.csv", {}));
  const ReadResult read = ReadAll(std::move(reader));
  ASSERT_EQ(read.problems.size(), 1u) << read.Describe();
  EXPECT_EQ(read.problems[0].rule_id, "import.required");
  EXPECT_EQ(read.problems[0].column, "乡镇");
  EXPECT_EQ(read.problems[0].line, 2);
}

TEST(RegistryReader, FooterInTheMiddleOfTheDataIsSkippedAndSaysSo) {
  const std::string csv = Csv({
      std::string(kDetailHeader),
      DetailRow("太平山镇", "新安村", "H001", "P01", "张三", Id(101, 1960, 5, 1), "户主"),
      "小计,,,,,,1人",
      DetailRow("太平山镇", "永胜村", "H002", "P01", "李四", Id(102, 1962, 3, 4), "户主"),
  });
  ASSERT_OK_AND_ASSIGN(auto reader, RegistryReader::FromString(csv, "mid.csv", {}));
  const ReadResult read = ReadAll(std::move(reader));
  EXPECT_THAT(read.problems, ::testing::IsEmpty()) << read.Describe();
  EXPECT_THAT(PersonsByVillage(read.rows),
              ElementsAre(::testing::Pair("长岭县/太平山镇/新安村", ElementsAre("张三")),
                          ::testing::Pair("长岭县/太平山镇/永胜村", ElementsAre("李四"))));
  ASSERT_EQ(read.reader->notes().size(), 1u);
  EXPECT_TRUE(read.reader->notes()[0].followed_by_data);
  EXPECT_THAT(read.reader->notes()[0].Message(),
              HasSubstr("mid.csv line 3: footer row \"小计\" in the middle of the data"));
}

TEST(RegistryReader, FirstPassSkipsFootersToo) {
  ASSERT_OK_AND_ASSIGN(auto reader, RegistryReader::FromString(DetailExport(), "detail.csv", {}));
  std::vector<std::string> households;
  std::string_view household_no;
  while (true) {
    ASSERT_OK_AND_ASSIGN(bool more, reader->NextHouseholdNo(household_no));
    if (!more) break;
    households.emplace_back(household_no);
  }
  EXPECT_THAT(households, ElementsAre("H001", "H001", "H002"));
}

}  // namespace
}  // namespace jz
