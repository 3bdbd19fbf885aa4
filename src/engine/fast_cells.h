// Fast parsers for the cells the loaders read millions of times, each accepting only the
// common exact shape of its value and returning nullopt for anything else, so that the
// caller falls back to the exact parser of core (Date::Parse, Money::Parse, ParseYesNo,
// RegionCode::Parse) for both the value and the message. Whatever they accept, they read as
// the exact parser does; fast_cells_test.cc checks this on every shape they accept and on
// their neighbours. Pure functions; thread-safe.
#ifndef JZ_ENGINE_FAST_CELLS_H_
#define JZ_ENGINE_FAST_CELLS_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/date.h"

namespace jz {

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// "YYYY-MM-DD" with a real date in Date's year range.
inline std::optional<Date> FastDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  static constexpr size_t kDigitPlaces[] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (size_t i : kDigitPlaces) {
    if (!IsAsciiDigit(s[i])) return std::nullopt;
  }
  const int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return Date::FromYmd(year, month, day);
}

// An amount in yuan as "-?D{1,15}(.D{1,2})?", in fen.
inline std::optional<int64_t> FastMoneyFen(std::string_view s) {
  size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) i = 1;
  int64_t yuan = 0;
  const size_t digits_begin = i;
  while (i < s.size() && IsAsciiDigit(s[i])) {
    if (i - digits_begin == 15) return std::nullopt;  // more digits than this shape allows
    yuan = yuan * 10 + (s[i++] - '0');
  }
  if (i == digits_begin) return std::nullopt;
  int64_t fen = 0;
  if (i < s.size()) {
    const size_t decimals = s.size() - i - 1;
    if (s[i] != '.' || decimals < 1 || decimals > 2 || !IsAsciiDigit(s[i + 1]) ||
        (decimals == 2 && !IsAsciiDigit(s[i + 2]))) {
      return std::nullopt;
    }
    fen = (s[i + 1] - '0') * 10 + (decimals == 2 ? s[i + 2] - '0' : 0);
  }
  const int64_t total = yuan * 100 + fen;
  return negative ? -total : total;
}

// "是" or "否".
inline std::optional<bool> FastYesNo(std::string_view s) {
  if (s == "\xE6\x98\xAF") return true;   // 是
  if (s == "\xE5\x90\xA6") return false;  // 否
  return std::nullopt;
}

// A 12-digit village code that RegionCode::Parse accepts at village level (province 11..82,
// no zero segment), as its value; nullopt otherwise.
inline std::optional<uint64_t> FastVillageCode(std::string_view s) {
  if (s.size() != 12) return std::nullopt;
  uint64_t value = 0;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  const uint64_t province = value / 10'000'000'000;
  if (province < 11 || province > 82 || value / 100'000'000 % 100 == 0 || value / 1'000'000 % 100 == 0 ||
      value / 1000 % 1000 == 0 || value % 1000 == 0) {
    return std::nullopt;
  }
  return value;
}

}  // namespace jz

#endif  // JZ_ENGINE_FAST_CELLS_H_
