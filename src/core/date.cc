// Date parsing and calendar arithmetic. The Gregorian rules come from std::chrono's civil
// date conversions; this file only recognises the written forms and words the errors.
#include "core/date.h"

#include <fmt/format.h>

#include <chrono>

#include "core/internal/text.h"

namespace jz {
namespace {

namespace chr = std::chrono;

using internal::TrimAsciiWhitespace;

chr::year_month_day ToYmd(int32_t days) { return chr::year_month_day{chr::sys_days{chr::days{days}}}; }

// The numbers of a date as written, before any calendar check.
struct WrittenDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// Consumes a date's text from the front, one field or mark at a time.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : rest_(text) {}

  // Consumes min_count..max_count ASCII digits into *value; false if fewer than min_count.
  bool Digits(size_t min_count, size_t max_count, int* value) {
    size_t count = 0;
    int parsed = 0;
    while (count < max_count && count < rest_.size() && IsDigit(rest_[count])) {
      parsed = parsed * 10 + (rest_[count] - '0');
      ++count;
    }
    if (count < min_count) return false;
    rest_.remove_prefix(count);
    *value = parsed;
    return true;
  }

  // Consumes `mark` if the text continues with it (an empty mark always matches).
  bool Literal(std::string_view mark) {
    if (!rest_.starts_with(mark)) return false;
    rest_.remove_prefix(mark.size());
    return true;
  }

  bool AtEnd() const { return rest_.empty(); }

 private:
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  std::string_view rest_;
};

// The marks written after the year, the month and the day in one accepted form.
struct Spelling {
  std::string_view after_year;
  std::string_view after_month;
  std::string_view after_day;
};
constexpr Spelling kSpellings[] = {{"-", "-", ""}, {"/", "/", ""}, {".", ".", ""}, {"年", "月", "日"}};

std::optional<WrittenDate> ScanSpelling(std::string_view text, const Spelling& spelling) {
  Scanner scanner(text);
  WrittenDate date;
  if (scanner.Digits(4, 4, &date.year) && scanner.Literal(spelling.after_year) &&
      scanner.Digits(1, 2, &date.month) && scanner.Literal(spelling.after_month) &&
      scanner.Digits(1, 2, &date.day) && scanner.Literal(spelling.after_day) && scanner.AtEnd()) {
    return date;
  }
  return std::nullopt;
}

// Returns the fields of `text` when it has one of the accepted forms, else nullopt.
std::optional<WrittenDate> ScanDate(std::string_view text) {
  if (text.size() == 8) {
    Scanner scanner(text);
    WrittenDate date;
    if (scanner.Digits(4, 4, &date.year) && scanner.Digits(2, 2, &date.month) &&
        scanner.Digits(2, 2, &date.day)) {
      return date;
    }
  }
  for (const Spelling& spelling : kSpellings) {
    if (std::optional<WrittenDate> date = ScanSpelling(text, spelling)) return date;
  }
  return std::nullopt;
}

constexpr std::string_view kAcceptedFormsZh =
    "可接受 YYYY-MM-DD、YYYY/MM/DD、YYYY.MM.DD、YYYYMMDD 或 YYYY年M月D日";
constexpr std::string_view kAcceptedFormsEn =
    "accepted forms are YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD and YYYY年M月D日";

}  // namespace

Date Date::Today() {
  constexpr chr::hours kChinaStandardTimeOffset{8};
  const auto now = chr::system_clock::now() + kChinaStandardTimeOffset;
  const chr::sys_days today = chr::floor<chr::days>(now);
  return Date(static_cast<int32_t>(today.time_since_epoch().count()));
}

StatusOr<Date> Date::Parse(std::string_view text) {
  const std::string_view trimmed = TrimAsciiWhitespace(text);
  if (trimmed.empty()) {
    return InvalidArgumentError(Bilingual(fmt::format("日期为空；{}", kAcceptedFormsZh),
                                          fmt::format("date is empty; {}", kAcceptedFormsEn)));
  }
  const std::optional<WrittenDate> written = ScanDate(trimmed);
  if (!written) {
    return InvalidArgumentError(
        Bilingual(fmt::format("日期“{}”的格式无法识别；{}", trimmed, kAcceptedFormsZh),
                  fmt::format("date \"{}\" is not in a recognised form; {}", trimmed, kAcceptedFormsEn)));
  }
  if (written->year < kMinYear || written->year > kMaxYear) {
    return InvalidArgumentError(Bilingual("日期“{}”的年份 {} 超出 {}–{} 的范围",
                                          "date \"{}\" has year {}; years {} to {} are accepted", trimmed,
                                          written->year, kMinYear, kMaxYear));
  }
  const std::optional<Date> date = FromYmd(written->year, written->month, written->day);
  if (!date) {
    return InvalidArgumentError(
        Bilingual("日期“{}”不存在：月份应为 1–12，日应在该月的天数之内",
                  "date \"{}\" does not exist: the month must be 1 to 12 and the day must "
                  "exist in that month",
                  trimmed));
  }
  return *date;
}

int Date::year() const { return static_cast<int>(ToYmd(days_).year()); }

int Date::month() const { return static_cast<int>(static_cast<unsigned>(ToYmd(days_).month())); }

int Date::day() const { return static_cast<int>(static_cast<unsigned>(ToYmd(days_).day())); }

std::string Date::ToString() const {
  const chr::year_month_day ymd = ToYmd(days_);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

int Date::AgeOn(Date on) const {
  const chr::year_month_day birth = ToYmd(days_);
  const chr::year_month_day at = ToYmd(on.days_);
  int age = static_cast<int>(at.year()) - static_cast<int>(birth.year());
  const bool before_birthday =
      at.month() < birth.month() || (at.month() == birth.month() && at.day() < birth.day());
  if (before_birthday) --age;
  return age;
}

std::ostream& operator<<(std::ostream& os, Date date) { return os << date.ToString(); }

StatusOr<std::string> ParsePeriod(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  auto digits = [&](size_t from, size_t n) {
    int value = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const bool shaped = text.size() == 7 && text[4] == '-';
  const int year = shaped ? digits(0, 4) : -1;
  const int month = shaped ? digits(5, 2) : -1;
  if (year < Date::kMinYear || year > Date::kMaxYear || month < 1 || month > 12) {
    return InvalidArgumentError(Bilingual("月份 \"{}\" 无效，应写作 YYYY-MM（如 2025-12）",
                                          "invalid month \"{}\": write it YYYY-MM (e.g. 2025-12)", text));
  }
  return std::string(text);
}

}  // namespace jz
