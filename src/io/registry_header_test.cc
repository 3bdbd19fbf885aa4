// Registry headers: every alias counties write finds its column (in full-width brackets and
// with stray spaces too), the three layouts are told apart by their columns, and a header
// without the required columns is refused naming what is missing and what would do.
#include "io/registry_header.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using C = RegistryColumn;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<bool> Present(std::initializer_list<C> columns) {
  std::vector<bool> present(RegistryColumns().size(), false);
  for (C c : columns) present[static_cast<size_t>(c)] = true;
  return present;
}

// "县(市、区)" written as Excel users type it: full-width brackets, a full-width space, a
// required-field star and a wrapped line.
std::string AsTyped(std::string_view header) {
  std::string out = "＊ ";
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == '(') {
      out += "（";
    } else if (header[i] == ')') {
      out += "）";
    } else {
      out += header[i];
    }
  }
  return out + "\u3000\n";
}

TEST(RegistryHeader, EveryAliasFindsItsColumn) {
  ASSERT_GT(RegistryHeaderAliases().size(), 40u);
  for (const RegistryHeaderAlias& alias : RegistryHeaderAliases()) {
    SCOPED_TRACE(alias.header);
    EXPECT_EQ(FindRegistryColumn(alias.header), alias.column);
    EXPECT_EQ(FindRegistryColumn(AsTyped(alias.header)), alias.column);
  }
}

TEST(RegistryHeader, AliasesAreDistinctAndNoneIsAnotherColumnsHeader) {
  std::set<std::string> seen;
  for (const RegistryColumnInfo& info : RegistryColumns()) {
    EXPECT_TRUE(seen.insert(NormalizeRegistryHeader(info.zh_header)).second) << info.zh_header;
    EXPECT_TRUE(seen.insert(NormalizeRegistryHeader(info.en_name)).second) << info.en_name;
  }
  for (const RegistryHeaderAlias& alias : RegistryHeaderAliases()) {
    EXPECT_TRUE(seen.insert(NormalizeRegistryHeader(alias.header)).second) << alias.header;
  }
}

TEST(RegistryHeader, HeadersAsCountiesWriteThem) {
  EXPECT_EQ(FindRegistryColumn("县（市、区、旗）"), C::kCountyName);
  EXPECT_EQ(FindRegistryColumn("县(市、区)"), C::kCountyName);
  EXPECT_EQ(FindRegistryColumn(" 乡镇 "), C::kTownshipName);
  EXPECT_EQ(FindRegistryColumn("村"), C::kVillageName);
  EXPECT_EQ(FindRegistryColumn("身份证号"), C::kIdNumber);
  EXPECT_EQ(FindRegistryColumn("公民身份号码"), C::kIdNumber);
  EXPECT_EQ(FindRegistryColumn("户主关系"), C::kRelationship);
  EXPECT_EQ(FindRegistryColumn("家庭人口数"), C::kHouseholdSize);
  EXPECT_EQ(FindRegistryColumn("人均纯收入（元）"), C::kNetIncomePerCapita);
  EXPECT_EQ(FindRegistryColumn("务工时间\n(月)"), C::kWorkMonths);
  EXPECT_EQ(FindRegistryColumn("易返贫致贫户（监测对象）类型"), C::kMonitoringType);
  EXPECT_EQ(FindRegistryColumn("ID_Number"), C::kIdNumber);
  EXPECT_EQ(FindRegistryColumn("备注"), std::nullopt);
  EXPECT_EQ(FindRegistryColumn("县长"), std::nullopt);
  EXPECT_EQ(FindRegistryColumn(""), std::nullopt);
}

TEST(RegistryHeader, ThreeLayoutsByTheirColumns) {
  const std::initializer_list<C> detail = {
      C::kCountyName, C::kTownshipName, C::kVillageName,  C::kHouseholdNo,
      C::kName,       C::kIdNumber,     C::kRelationship, C::kNetIncomePerCapita};
  EXPECT_EQ(RecognizeRegistryLayout(Present(detail)), RegistryLayoutKind::kPersonDetail);
  std::vector<bool> monitoring = Present(detail);
  monitoring[static_cast<size_t>(C::kRiskEliminated)] = true;
  EXPECT_EQ(RecognizeRegistryLayout(monitoring), RegistryLayoutKind::kMonitoring);
  std::vector<bool> ours = monitoring;
  ours[static_cast<size_t>(C::kRegionCode)] = true;
  EXPECT_EQ(RecognizeRegistryLayout(ours), RegistryLayoutKind::kJingzhun);
  EXPECT_TRUE(PlaceByNames(monitoring));
  EXPECT_FALSE(PlaceByNames(ours));
  EXPECT_THAT(std::string(RegistryLayoutName(RegistryLayoutKind::kMonitoring)),
              HasSubstr("监测对象导出 | monitoring export"));
}

TEST(RegistryHeader, PlaceAsCodeOrAsThreeNames) {
  ASSERT_OK(CheckRequiredRegistryColumns(
      Present({C::kHouseholdNo, C::kName, C::kIdNumber, C::kRelationship, C::kRegionCode}), "a.csv"));
  ASSERT_OK(CheckRequiredRegistryColumns(Present({C::kHouseholdNo, C::kName, C::kIdNumber, C::kRelationship,
                                                  C::kCountyName, C::kTownshipName, C::kVillageName}),
                                         "a.csv"));
  const Status no_township = CheckRequiredRegistryColumns(
      Present({C::kHouseholdNo, C::kName, C::kIdNumber, C::kRelationship, C::kCountyName, C::kVillageName}),
      "a.csv");
  EXPECT_EQ(no_township.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(no_township.message(),
              HasSubstr("a.csv: 地点需要“行政区划代码”列，或县、乡、村三列名称（缺 乡(镇)（或 乡镇"));
  EXPECT_THAT(no_township.message(), HasSubstr("missing: 乡(镇)"));
  EXPECT_THAT(no_township.message(), Not(HasSubstr("缺少必需的列")));
}

TEST(RegistryHeader, MissingColumnsAreNamedWithWhatWouldDo) {
  const Status status =
      CheckRequiredRegistryColumns(Present({C::kHouseholdNo, C::kName, C::kRegionCode}), "b.csv");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(
      status.message(),
      HasSubstr("b.csv: 缺少必需的列：证件号码（或 身份证号、身份证号码、公民身份号码、身份证件号码…）、"
                "与户主关系（或 户主关系、与户主的关系）"));
  EXPECT_THAT(status.message(), HasSubstr("required columns are missing: 证件号码"));
  EXPECT_THAT(status.message(), Not(HasSubstr("行政区划代码")));
}

}  // namespace
}  // namespace jz
