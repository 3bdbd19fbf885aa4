// Tests of Date: calendar validity (leap days, month lengths, the year range), every written
// form Parse() accepts and every rejection, arithmetic and ages, checked against a day-by-day
// count of the calendar over the whole accepted range.
#include "core/date.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <sstream>
#include <string>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::testing::HasSubstr;

Date Ymd(int year, int month, int day) { return Date::FromYmd(year, month, day).value(); }

TEST(Date, DefaultIsTheEpoch) {
  EXPECT_EQ(Date().days(), 0);
  EXPECT_EQ(Date().ToString(), "1970-01-01");
  EXPECT_EQ(Ymd(1970, 1, 1), Date());
}

TEST(Date, FromYmdAcceptsRealDates) {
  EXPECT_EQ(Ymd(2000, 1, 1).days(), 10957);
  EXPECT_EQ(Ymd(1969, 12, 31).days(), -1);
  EXPECT_EQ(Ymd(2024, 2, 29).ToString(), "2024-02-29");
  EXPECT_EQ(Ymd(2000, 2, 29).ToString(), "2000-02-29");
  EXPECT_EQ(Ymd(2023, 12, 31).ToString(), "2023-12-31");
  EXPECT_EQ(Ymd(2023, 4, 30).ToString(), "2023-04-30");
}

TEST(Date, FromYmdRejectsDatesThatDoNotExist) {
  EXPECT_EQ(Date::FromYmd(2023, 2, 29), std::nullopt);
  EXPECT_EQ(Date::FromYmd(1900, 2, 29), std::nullopt);  // divisible by 100, not by 400
  EXPECT_EQ(Date::FromYmd(2024, 2, 30), std::nullopt);
  EXPECT_EQ(Date::FromYmd(2024, 4, 31), std::nullopt);
  EXPECT_EQ(Date::FromYmd(2024, 0, 1), std::nullopt);
  EXPECT_EQ(Date::FromYmd(2024, 13, 1), std::nullopt);
  EXPECT_EQ(Date::FromYmd(2024, 1, 0), std::nullopt);
  EXPECT_EQ(Date::FromYmd(2024, 1, 32), std::nullopt);
  EXPECT_EQ(Date::FromYmd(2024, -1, 1), std::nullopt);
  EXPECT_EQ(Date::FromYmd(2024, 1, -1), std::nullopt);
}

TEST(Date, FromYmdKeepsToTheYearRange) {
  EXPECT_EQ(Ymd(1800, 1, 1).ToString(), "1800-01-01");
  EXPECT_EQ(Ymd(2200, 12, 31).ToString(), "2200-12-31");
  EXPECT_EQ(Date::FromYmd(1799, 12, 31), std::nullopt);
  EXPECT_EQ(Date::FromYmd(2201, 1, 1), std::nullopt);
  EXPECT_EQ(Date::FromYmd(0, 1, 1), std::nullopt);
}

TEST(Date, IsLeapYearFollowsTheGregorianRule) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(2023));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_TRUE(IsLeapYear(1600));
}

TEST(Date, FieldsAndDaysRoundTrip) {
  const Date date = Ymd(1949, 10, 1);
  EXPECT_EQ(date.year(), 1949);
  EXPECT_EQ(date.month(), 10);
  EXPECT_EQ(date.day(), 1);
  EXPECT_EQ(Date::FromDays(date.days()), date);
  static_assert(Date::FromDays(5).days() == 5);
}

// The reference model: walk the calendar one day at a time with the month lengths written
// out, and check that FromYmd() numbers consecutive days consecutively over the whole range.
TEST(Date, FromYmdMatchesADayByDayCountOverTheWholeRange) {
  constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int32_t expected_days = Ymd(Date::kMinYear, 1, 1).days();
  for (int year = Date::kMinYear; year <= Date::kMaxYear; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const int length = kMonthDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
      for (int day = 1; day <= 31; ++day) {
        const std::optional<Date> date = Date::FromYmd(year, month, day);
        ASSERT_EQ(date.has_value(), day <= length) << year << "-" << month << "-" << day;
        if (!date) continue;
        ASSERT_EQ(date->days(), expected_days++);
        ASSERT_EQ(date->year(), year);
        ASSERT_EQ(date->month(), month);
        ASSERT_EQ(date->day(), day);
      }
    }
  }
}

TEST(Date, ParseAcceptsEveryWrittenForm) {
  const Date expected = Ymd(2024, 3, 5);
  for (const char* text :
       {"2024-03-05", "2024/03/05", "2024.03.05", "20240305", "2024-3-5", "2024/3/05", "2024.03.5",
        "2024年3月5日", "2024年03月05日", "  2024-03-05\t", "\r\n20240305 "}) {
    SCOPED_TRACE(text);
    ASSERT_OK_AND_ASSIGN(const Date date, Date::Parse(text));
    EXPECT_EQ(date, expected);
  }
}

TEST(Date, ParseAcceptsLeapDaysAndRangeEnds) {
  ASSERT_OK_AND_ASSIGN(const Date leap, Date::Parse("2024-02-29"));
  EXPECT_EQ(leap, Ymd(2024, 2, 29));
  ASSERT_OK_AND_ASSIGN(const Date first, Date::Parse("1800-01-01"));
  EXPECT_EQ(first, Ymd(1800, 1, 1));
  ASSERT_OK_AND_ASSIGN(const Date last, Date::Parse("22001231"));
  EXPECT_EQ(last, Ymd(2200, 12, 31));
}

TEST(Date, ParseRejectsEmptyText) {
  EXPECT_STATUS(Date::Parse(""), StatusCode::kInvalidArgument, "date is empty");
  EXPECT_STATUS(Date::Parse("   "), StatusCode::kInvalidArgument, "日期为空");
}

TEST(Date, ParseRejectsUnrecognisedFormsNamingTheText) {
  for (const char* text : {"abc", "2024-03-05x", "2024-03-05 12:00", "2024-03/05", "2024--03-05", "24-03-05",
                           "2024-003-05", "2024-03-005", "2024年3月5", "2024年3-5日", "2024031", "202403051",
                           "+2024-03-05", "2024-03-", "-2024-03-05", "２０２４-03-05", "2024 03 05"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(Date::Parse(text), StatusCode::kInvalidArgument,
                  fmt::format("date \"{}\" is not in a recognised form", text));
    EXPECT_STATUS(Date::Parse(text), StatusCode::kInvalidArgument, "YYYY年M月D日");
  }
}

TEST(Date, ParseRejectsDatesThatDoNotExist) {
  for (const char* text :
       {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "20241301", "2024年2月30日", "1900-02-29"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(Date::Parse(text), StatusCode::kInvalidArgument,
                  fmt::format("date \"{}\" does not exist", text));
    EXPECT_STATUS(Date::Parse(text), StatusCode::kInvalidArgument, fmt::format("日期“{}”不存在", text));
  }
}

TEST(Date, ParseRejectsYearsOutsideTheRange) {
  EXPECT_STATUS(Date::Parse("1799-12-31"), StatusCode::kInvalidArgument,
                "date \"1799-12-31\" has year 1799; years 1800 to 2200 are accepted");
  EXPECT_STATUS(Date::Parse("2201-01-01"), StatusCode::kInvalidArgument, "year 2201");
  EXPECT_STATUS(Date::Parse("0000-01-01"), StatusCode::kInvalidArgument, "超出 1800–2200");
}

TEST(Date, ToStringPadsEveryField) {
  EXPECT_EQ(Ymd(1800, 1, 5).ToString(), "1800-01-05");
  EXPECT_EQ(Ymd(2024, 12, 31).ToString(), "2024-12-31");
  std::ostringstream os;
  os << Ymd(2024, 3, 5);
  EXPECT_EQ(os.str(), "2024-03-05");
}

TEST(Date, AddDaysCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(Ymd(2024, 2, 28).AddDays(1), Ymd(2024, 2, 29));
  EXPECT_EQ(Ymd(2023, 2, 28).AddDays(1), Ymd(2023, 3, 1));
  EXPECT_EQ(Ymd(2023, 12, 31).AddDays(1), Ymd(2024, 1, 1));
  EXPECT_EQ(Ymd(2024, 3, 1).AddDays(-1), Ymd(2024, 2, 29));
  EXPECT_EQ(Ymd(2024, 1, 1).AddDays(366), Ymd(2025, 1, 1));
  EXPECT_EQ(Ymd(2024, 1, 1).AddDays(0), Ymd(2024, 1, 1));
}

TEST(Date, AgeOnCountsCompletedYears) {
  const Date birth = Ymd(1990, 6, 15);
  EXPECT_EQ(birth.AgeOn(Ymd(2024, 6, 14)), 33);
  EXPECT_EQ(birth.AgeOn(Ymd(2024, 6, 15)), 34);
  EXPECT_EQ(birth.AgeOn(Ymd(2024, 12, 31)), 34);
  EXPECT_EQ(birth.AgeOn(birth), 0);
  EXPECT_EQ(birth.AgeOn(Ymd(1991, 6, 14)), 0);
  EXPECT_EQ(birth.AgeOn(Ymd(1991, 6, 15)), 1);
}

TEST(Date, AgeOnTreatsALeapDayBirthdayAsFirstOfMarchInCommonYears) {
  const Date birth = Ymd(2000, 2, 29);
  EXPECT_EQ(birth.AgeOn(Ymd(2001, 2, 28)), 0);
  EXPECT_EQ(birth.AgeOn(Ymd(2001, 3, 1)), 1);
  EXPECT_EQ(birth.AgeOn(Ymd(2004, 2, 28)), 3);
  EXPECT_EQ(birth.AgeOn(Ymd(2004, 2, 29)), 4);
}

TEST(Date, AgeOnIsNegativeBeforeBirth) {
  const Date birth = Ymd(2000, 5, 1);
  EXPECT_LT(birth.AgeOn(Ymd(2000, 4, 30)), 0);
  EXPECT_LT(birth.AgeOn(Ymd(1990, 1, 1)), 0);
}

TEST(Date, ComparesChronologically) {
  EXPECT_LT(Ymd(2023, 12, 31), Ymd(2024, 1, 1));
  EXPECT_GT(Ymd(2024, 3, 1), Ymd(2024, 2, 29));
  EXPECT_NE(Ymd(2024, 3, 1), Ymd(2024, 3, 2));
  EXPECT_LT(Ymd(1969, 12, 31), Date());
}

TEST(Date, TodayIsTheDateInChinaStandardTime) {
  namespace chr = std::chrono;
  const auto utc_days = chr::floor<chr::days>(chr::system_clock::now()).time_since_epoch();
  const int32_t today = Date::Today().days();
  // UTC+8 is the UTC date or the day after it.
  EXPECT_GE(today, utc_days.count());
  EXPECT_LE(today, utc_days.count() + 1);
}

TEST(Date, ParseRoundTripsToStringForRandomDates) {
  constexpr uint64_t kSeed = 19491001;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  std::uniform_int_distribution<int32_t> days(Ymd(Date::kMinYear, 1, 1).days(),
                                              Ymd(Date::kMaxYear, 12, 31).days());
  for (int i = 0; i < 20'000; ++i) {
    const Date date = Date::FromDays(days(random));
    ASSERT_OK_AND_ASSIGN(const Date parsed, Date::Parse(date.ToString()));
    ASSERT_EQ(parsed, date);
    ASSERT_EQ(Date::FromYmd(date.year(), date.month(), date.day()), date);
  }
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// FromYmd's integer calendar against std::chrono on every (year, month, day 0..32) of the
// supported range.
TEST(DateFromYmd, AgreesWithChronoOnEveryDay) {
  namespace chr = std::chrono;
  for (int y = Date::kMinYear - 1; y <= Date::kMaxYear + 1; ++y) {
    for (int m = 0; m <= 13; ++m) {
      for (int d = 0; d <= 32; ++d) {
        const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                                      chr::day{static_cast<unsigned>(d)}};
        const bool valid = ymd.ok() && y >= Date::kMinYear && y <= Date::kMaxYear;
        const std::optional<Date> date = Date::FromYmd(y, m, d);
        ASSERT_EQ(date.has_value(), valid) << y << "-" << m << "-" << d;
        if (valid) {
          ASSERT_EQ(date->days(), chr::sys_days{ymd}.time_since_epoch().count()) << y << "-" << m << "-" << d;
        }
      }
    }
  }
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// The three spellings the registry brief names: a month 13, a 30 February, a stray letter.
TEST(Date, ParseNamesTheValueAndWhatIsAcceptedForBriefExamples) {
  EXPECT_STATUS(Date::Parse("2025-13"), StatusCode::kInvalidArgument,
                "date \"2025-13\" is not in a recognised form");
  EXPECT_STATUS(Date::Parse("2025-13"), StatusCode::kInvalidArgument, "YYYY-MM-DD");
  EXPECT_STATUS(Date::Parse("2025-02-30"), StatusCode::kInvalidArgument,
                "date \"2025-02-30\" does not exist");
  EXPECT_STATUS(Date::Parse("2025-02-30"), StatusCode::kInvalidArgument, "the day must exist in that month");
  EXPECT_STATUS(Date::Parse("2025-1-5x"), StatusCode::kInvalidArgument, "日期“2025-1-5x”的格式无法识别");
  EXPECT_STATUS(Date::Parse("2025-1-5x"), StatusCode::kInvalidArgument, "YYYY/MM/DD");
  EXPECT_STATUS(ParsePeriod("2025-13"), StatusCode::kInvalidArgument,
                "invalid month \"2025-13\": write it YYYY-MM");
  EXPECT_STATUS(ParsePeriod("2025-02-30"), StatusCode::kInvalidArgument, "2025-02-30");
}

TEST(ParsePeriod, AcceptsOnlyRealMonthsWrittenYyyyMm) {
  ASSERT_OK_AND_ASSIGN(std::string period, ParsePeriod(" 2025-12 "));
  EXPECT_EQ(period, "2025-12");
  for (const char* bad : {"2025-13", "2025-00", "2025-1", "2025/12", "202512", "2025-12-01", "", "abcd-ef"}) {
    StatusOr<std::string> r = ParsePeriod(bad);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_NE(ParsePeriod("2025-13").status().message().find("YYYY-MM"), std::string::npos);
}

}  // namespace
}  // namespace jz
