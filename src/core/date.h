// Date: a calendar date without a time of day, used for birth dates, event dates and data
// years throughout the registry. It is a plain value (four bytes, days since 1970-01-01) so
// that columns of dates are cheap to store, compare and subtract; the Gregorian arithmetic
// is std::chrono's. Parse() reads the spellings found in county spreadsheets.
#ifndef JZ_CORE_DATE_H_
#define JZ_CORE_DATE_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jz {

// Returns whether `year` of the proleptic Gregorian calendar has a 29 February.
constexpr bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// A proleptic Gregorian calendar date. Invariant: none beyond the int32 range; dates built by
// FromYmd() and Parse() lie in years kMinYear..kMaxYear. Thread-compatible value type.
class Date {
 public:
  // The years FromYmd() and Parse() accept: wide enough for any birth date or plan year,
  // narrow enough that a mistyped year (e.g. 2204 for 2024) is caught at entry.
  static constexpr int kMinYear = 1800;
  static constexpr int kMaxYear = 2200;

  // 1970-01-01.
  constexpr Date() = default;

  // Returns the date year-month-day, or nullopt when it is not a real calendar date (month
  // outside 1..12, day not in the month, 29 February of a common year) or the year is
  // outside kMinYear..kMaxYear.
  // Inline: the loaders call it for every date cell, tens of millions of times a run.
  static constexpr std::optional<Date> FromYmd(int year, int month, int day);

  // Returns the date `days` days after 1970-01-01 (negative: before).
  static constexpr Date FromDays(int32_t days) { return Date(days); }

  // Returns today's date in China Standard Time (UTC+8, no daylight saving), read from the
  // system clock, so that "today" is the same for every server whatever its TZ setting.
  static Date Today();

  // Parses a date as users type it. Leading and trailing ASCII whitespace is ignored.
  // Accepted: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (one separator used twice; month and day
  // may have one digit, e.g. 2024-3-5), YYYYMMDD, and YYYY年M月D日.
  // Returns InvalidArgumentError naming the text when it is empty, in none of these forms,
  // not a real calendar date, or its year is outside kMinYear..kMaxYear.
  static StatusOr<Date> Parse(std::string_view text);

  // Days since 1970-01-01.
  constexpr int32_t days() const { return days_; }
  int year() const;
  // 1..12.
  int month() const;
  // 1..31.
  int day() const;

  // Returns "YYYY-MM-DD", the year zero-padded to four digits.
  std::string ToString() const;

  // Returns the date `n` days later (earlier for negative n).
  // REQUIRES: the result fits in int32 days.
  constexpr Date AddDays(int32_t n) const { return Date(days_ + n); }

  // Treating *this as a birth date, returns the whole years completed on `on`: the age
  // increases on each anniversary, and for someone born on 29 February on 1 March of a common
  // year. Returns a negative number when `on` is before *this.
  int AgeOn(Date on) const;

  // NOLINTNEXTLINE(modernize-use-nullptr): a false positive on the defaulted comparison.
  friend constexpr auto operator<=>(const Date&, const Date&) = default;
  friend constexpr bool operator==(const Date&, const Date&) = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}

  int32_t days_ = 0;
};

// An integer form of the civil calendar (H. Hinnant's days_from_civil) rather than
// std::chrono's ymd -> sys_days; date_test checks the two agree on every day of the range.
constexpr std::optional<Date> Date::FromYmd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1) return std::nullopt;
  constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kMonthDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0)) return std::nullopt;
  const int y = year - (month <= 2 ? 1 : 0);  // years start in March; y >= kMinYear - 1 > 0
  const int era = y / 400;
  const int yoe = y - era * 400;                                             // [0, 399]
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;  // [0, 365]
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                     // [0, 146096]
  return Date(static_cast<int32_t>(era * 146097 + doe - 719468));
}

// Writes date.ToString(); used by test failure messages and logs.
std::ostream& operator<<(std::ostream& os, Date date);

// Parses a calendar month written "YYYY-MM" (a warning period, a reporting month), with the
// month in 01..12 and the year in Date::kMinYear..kMaxYear; surrounding ASCII whitespace is
// ignored. Returns the month as "YYYY-MM". InvalidArgumentError naming the text and the
// accepted form otherwise ("2025-13", "2025-1", "2025/12" are errors, not empty months).
[[nodiscard]] StatusOr<std::string> ParsePeriod(std::string_view text);

}  // namespace jz

#endif  // JZ_CORE_DATE_H_
