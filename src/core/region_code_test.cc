// Tests of RegionCode: the five code lengths, each validity rule with its message, the
// hierarchy operations on a real Jilin village, and random valid codes checked against the
// digit strings they are made of.
#include "core/region_code.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <unordered_set>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

RegionCode Code(std::string_view digits) { return RegionCode::Parse(digits).value(); }

TEST(RegionLevel, HasChineseAndEnglishNames) {
  EXPECT_EQ(RegionLevelName(RegionLevel::kProvince, false), "省级");
  EXPECT_EQ(RegionLevelName(RegionLevel::kPrefecture, false), "地级");
  EXPECT_EQ(RegionLevelName(RegionLevel::kCounty, false), "县级");
  EXPECT_EQ(RegionLevelName(RegionLevel::kTownship, false), "乡级");
  EXPECT_EQ(RegionLevelName(RegionLevel::kVillage, false), "村级");
  EXPECT_EQ(RegionLevelName(RegionLevel::kProvince, true), "province");
  EXPECT_EQ(RegionLevelName(RegionLevel::kPrefecture, true), "prefecture");
  EXPECT_EQ(RegionLevelName(RegionLevel::kCounty, true), "county");
  EXPECT_EQ(RegionLevelName(RegionLevel::kTownship, true), "township");
  EXPECT_EQ(RegionLevelName(RegionLevel::kVillage, true), "village");
}

TEST(RegionCode, AJilinVillageSitsInItsHierarchy) {
  ASSERT_OK_AND_ASSIGN(const RegionCode village, RegionCode::Parse("222424107201"));
  EXPECT_EQ(village.value(), 222424107201u);
  EXPECT_EQ(village.level(), RegionLevel::kVillage);
  EXPECT_EQ(village.Parent(), Code("222424107000"));
  EXPECT_EQ(village.County6(), 222424u);
  ASSERT_OK_AND_ASSIGN(const RegionCode prefecture, RegionCode::Parse("2224"));
  EXPECT_TRUE(prefecture.Contains(village));
  EXPECT_FALSE(village.Contains(prefecture));
}

TEST(RegionCode, ParsePadsShortFormsWithZeros) {
  const std::pair<const char*, RegionLevel> cases[] = {
      {"22", RegionLevel::kProvince},          {"2224", RegionLevel::kPrefecture},
      {"222424", RegionLevel::kCounty},        {"222424107", RegionLevel::kTownship},
      {"222424107201", RegionLevel::kVillage},
  };
  for (const auto& [digits, level] : cases) {
    SCOPED_TRACE(digits);
    ASSERT_OK_AND_ASSIGN(const RegionCode code, RegionCode::Parse(digits));
    EXPECT_EQ(code.level(), level);
    EXPECT_EQ(code.ShortString(), digits);
    EXPECT_EQ(code.ToString().substr(0, std::string_view(digits).size()), digits);
    EXPECT_EQ(code.ToString().size(), 12u);
  }
  EXPECT_EQ(Code("22").ToString(), "220000000000");
  EXPECT_EQ(Code("2224").value(), 222400000000u);
}

TEST(RegionCode, ParseReadsTheLevelFromTheDigitsNotTheLength) {
  // A 12-digit code with zero lower segments is a code of a higher level.
  EXPECT_EQ(Code("222400000000").level(), RegionLevel::kPrefecture);
  EXPECT_EQ(Code("222400000000").ShortString(), "2224");
  EXPECT_EQ(Code("222424000").level(), RegionLevel::kCounty);
  EXPECT_EQ(Code("220000"), Code("22"));
}

TEST(RegionCode, ParseIgnoresSurroundingWhitespace) { EXPECT_EQ(Code(" 222424\t"), Code("222424")); }

TEST(RegionCode, ParseAcceptsTheProvinceRangeEnds) {
  EXPECT_EQ(Code("11").level(), RegionLevel::kProvince);
  EXPECT_EQ(Code("82").level(), RegionLevel::kProvince);
  EXPECT_EQ(Code("429004").County6(), 429004u);  // a county-level city under its province
}

TEST(RegionCode, ParseRejectsOtherLengths) {
  for (const char* text :
       {"", "2", "222", "22242", "2224241", "22242410", "2224241072", "22242410720", "2224241072011"}) {
    SCOPED_TRACE(text);
    const size_t length = std::string_view(text).size();
    EXPECT_STATUS(
        RegionCode::Parse(text), StatusCode::kInvalidArgument,
        fmt::format("region code \"{}\" has {} digits; 2, 4, 6, 9 or 12 are accepted", text, length));
    EXPECT_STATUS(RegionCode::Parse(text), StatusCode::kInvalidArgument, fmt::format("有 {} 位", length));
  }
}

TEST(RegionCode, ParseRejectsNonDigitsNamingThePosition) {
  EXPECT_STATUS(RegionCode::Parse("22a4"), StatusCode::kInvalidArgument,
                "region code \"22a4\": character 3 is not a digit");
  EXPECT_STATUS(RegionCode::Parse("-2224"), StatusCode::kInvalidArgument, "character 1");
  EXPECT_STATUS(RegionCode::Parse("2224 24"), StatusCode::kInvalidArgument, "character 5");
  EXPECT_STATUS(RegionCode::Parse("吉林22"), StatusCode::kInvalidArgument,
                "区划代码“吉林22”的第 1 个字符不是数字");
  EXPECT_STATUS(RegionCode::Parse("22吉林"), StatusCode::kInvalidArgument, "character 3");
  EXPECT_STATUS(RegionCode::Parse("２２"), StatusCode::kInvalidArgument, "character 1");
}

TEST(RegionCode, ParseRejectsProvincesOutside11To82) {
  for (const char* text : {"10", "00", "83", "99", "09", "102400"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(RegionCode::Parse(text), StatusCode::kInvalidArgument,
                  fmt::format("region code \"{}\" has province segment {}; 11 to 82 are "
                              "accepted",
                              text, std::string_view(text).substr(0, 2)));
  }
}

TEST(RegionCode, ParseRejectsANonZeroSegmentBelowAZeroOne) {
  EXPECT_STATUS(RegionCode::Parse("220000100000"), StatusCode::kInvalidArgument,
                "region code \"220000100000\" has a zero prefecture segment above a non-zero "
                "township segment");
  EXPECT_STATUS(RegionCode::Parse("222400100000"), StatusCode::kInvalidArgument,
                "zero county segment above a non-zero township segment");
  EXPECT_STATUS(RegionCode::Parse("220024"), StatusCode::kInvalidArgument,
                "zero prefecture segment above a non-zero county segment");
  EXPECT_STATUS(RegionCode::Parse("222424000001"), StatusCode::kInvalidArgument,
                "zero township segment above a non-zero village segment");
  EXPECT_STATUS(RegionCode::Parse("220024"), StatusCode::kInvalidArgument,
                "地级段为 0，其下的县级段却不为 0");
}

TEST(RegionCode, FromValueAppliesTheSameRules) {
  EXPECT_EQ(RegionCode::FromValue(222424107201), Code("222424107201"));
  EXPECT_EQ(RegionCode::FromValue(110000000000), Code("11"));
  EXPECT_EQ(RegionCode::FromValue(0), std::nullopt);
  EXPECT_EQ(RegionCode::FromValue(2224), std::nullopt);  // province segment 00
  EXPECT_EQ(RegionCode::FromValue(220000100000), std::nullopt);
  EXPECT_EQ(RegionCode::FromValue(830000000000), std::nullopt);
  EXPECT_EQ(RegionCode::FromValue(1'000'000'000'000), std::nullopt);  // 13 digits
  EXPECT_EQ(RegionCode::FromValue(1'222'424'107'201), std::nullopt);
  EXPECT_EQ(RegionCode::FromValue(UINT64_MAX), std::nullopt);
}

TEST(RegionCode, ParentWalksUpOneLevelAtATime) {
  const RegionCode village = Code("222424107201");
  EXPECT_EQ(village.Parent(), Code("222424107"));
  EXPECT_EQ(village.Parent().Parent(), Code("222424"));
  EXPECT_EQ(village.Parent().Parent().Parent(), Code("2224"));
  EXPECT_EQ(village.Parent().Parent().Parent().Parent(), Code("22"));
  EXPECT_EQ(village.Parent().Parent().Parent().Parent().level(), RegionLevel::kProvince);
}

TEST(RegionCode, AtLevelTruncatesToTheAncestor) {
  const RegionCode village = Code("222424107201");
  EXPECT_EQ(village.AtLevel(RegionLevel::kVillage), village);
  EXPECT_EQ(village.AtLevel(RegionLevel::kTownship), Code("222424107"));
  EXPECT_EQ(village.AtLevel(RegionLevel::kCounty), Code("222424"));
  EXPECT_EQ(village.AtLevel(RegionLevel::kPrefecture), Code("2224"));
  EXPECT_EQ(village.AtLevel(RegionLevel::kProvince), Code("22"));
  EXPECT_EQ(Code("2224").AtLevel(RegionLevel::kPrefecture), Code("2224"));
}

TEST(RegionCode, ContainsItselfAndWhatLiesBelow) {
  const RegionCode village = Code("222424107201");
  EXPECT_TRUE(village.Contains(village));
  EXPECT_TRUE(Code("22").Contains(village));
  EXPECT_TRUE(Code("222424").Contains(Code("222424107")));
  EXPECT_TRUE(Code("222424107").Contains(village));
  EXPECT_FALSE(Code("222424107").Contains(Code("222424108201")));  // a sibling township's
  EXPECT_FALSE(Code("222424").Contains(Code("222425")));
  EXPECT_FALSE(Code("23").Contains(village));
  EXPECT_FALSE(Code("222424107").Contains(Code("222424")));
  EXPECT_FALSE(village.Contains(Code("222424107202")));
}

TEST(RegionCode, County6IsTheFirstSixDigits) {
  EXPECT_EQ(Code("320508019044").County6(), 320508u);
  EXPECT_EQ(Code("222424107").County6(), 222424u);
  EXPECT_EQ(Code("2224").County6(), 222400u);
}

TEST(RegionCode, OrdersByNumberAndHashes) {
  EXPECT_LT(Code("22"), Code("222424"));
  EXPECT_LT(Code("222424107201"), Code("222424107202"));
  EXPECT_LT(Code("2224"), Code("23"));
  std::unordered_set<RegionCode> codes = {Code("22"), Code("2224"), Code("220000")};
  EXPECT_EQ(codes.size(), 2u);
  EXPECT_TRUE(codes.contains(Code("222400")));
  std::ostringstream os;
  os << Code("2224");
  EXPECT_EQ(os.str(), "222400000000");
}

// A random valid code: each segment below the level non-zero, each segment under it zero.
std::string RandomCodeDigits(std::mt19937_64& random) {
  std::uniform_int_distribution<int> province(11, 82);
  std::uniform_int_distribution<int> two_digit(1, 99);
  std::uniform_int_distribution<int> three_digit(1, 999);
  std::uniform_int_distribution<int> level(1, 5);
  const int depth = level(random);
  std::string digits = fmt::format("{:02}", province(random));
  if (depth >= 2) digits += fmt::format("{:02}", two_digit(random));
  if (depth >= 3) digits += fmt::format("{:02}", two_digit(random));
  if (depth >= 4) digits += fmt::format("{:03}", three_digit(random));
  if (depth >= 5) digits += fmt::format("{:03}", three_digit(random));
  return digits;
}

TEST(RegionCode, RandomValidCodesRoundTripAndNestInTheirAncestors) {
  constexpr uint64_t kSeed = 220000;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  for (int i = 0; i < 20'000; ++i) {
    const std::string digits = RandomCodeDigits(random);
    ASSERT_OK_AND_ASSIGN(const RegionCode code, RegionCode::Parse(digits));
    ASSERT_EQ(code.ShortString(), digits);
    ASSERT_EQ(code.ToString(), digits + std::string(12 - digits.size(), '0'));
    ASSERT_EQ(RegionCode::FromValue(code.value()), code);
    ASSERT_EQ(RegionCode::Parse(code.ToString()).value(), code);
    for (int level = 1; level <= static_cast<int>(code.level()); ++level) {
      const RegionCode ancestor = code.AtLevel(static_cast<RegionLevel>(level));
      ASSERT_TRUE(ancestor.Contains(code)) << ancestor << " " << code;
      ASSERT_EQ(static_cast<int>(ancestor.level()), level);
    }
    if (code.level() > RegionLevel::kProvince) {
      ASSERT_TRUE(code.Parent().Contains(code));
    }
  }
}

}  // namespace
}  // namespace jz
