// Money parsing, rounding division and formatting, all in integer fen. Parsing first splits
// the written amount into sign, integer digits and decimals, then checks each part so that
// the error can say which part is wrong, and accumulates the fen with an overflow check.
#include "core/money.h"

#include <fmt/format.h>

#include <cassert>
#include <limits>
#include <optional>

#include "core/internal/text.h"

namespace jz {
namespace {

constexpr std::string_view kYuanSigns[] = {"¥", "￥"};  // U+00A5 and full-width U+FFE5
constexpr std::string_view kYuanUnit = "元";

using internal::TrimAsciiWhitespace;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Removes a leading '+' or '-' from *text; returns whether one was there and sets *negative.
bool ConsumeSign(std::string_view* text, bool* negative) {
  if (text->empty() || (text->front() != '+' && text->front() != '-')) return false;
  *negative = text->front() == '-';
  text->remove_prefix(1);
  return true;
}

// An amount as written, split around its decimal point, before the digits are checked.
struct WrittenAmount {
  bool negative = false;
  std::string_view integer;   // digits and commas before the point
  std::string_view fraction;  // everything after the point
};

// Splits off the sign, the yuan sign or unit and the decimal point. Returns nullopt when
// no digits are left to read.
std::optional<WrittenAmount> SplitAmount(std::string_view text) {
  WrittenAmount amount;
  const bool signed_first = ConsumeSign(&text, &amount.negative);
  for (std::string_view sign : kYuanSigns) {
    if (text.starts_with(sign)) text = TrimAsciiWhitespace(text.substr(sign.size()));
  }
  if (!signed_first) ConsumeSign(&text, &amount.negative);
  if (text.ends_with(kYuanUnit)) {
    text = TrimAsciiWhitespace(text.substr(0, text.size() - kYuanUnit.size()));
  }
  const size_t point = text.find('.');
  amount.integer = text.substr(0, point);
  if (point != std::string_view::npos) amount.fraction = text.substr(point + 1);
  if (amount.integer.empty() && amount.fraction.empty()) return std::nullopt;
  return amount;
}

enum class IntegerPart { kValid, kNotDigits, kMisgrouped };

// Checks digits before the point: plain digits, or comma-separated groups of three after a
// leading group of one to three digits.
IntegerPart CheckIntegerPart(std::string_view integer) {
  if (integer.find(',') == std::string_view::npos) {
    return AllDigits(integer) ? IntegerPart::kValid : IntegerPart::kNotDigits;
  }
  bool well_grouped = true;
  size_t group_start = 0;
  for (size_t i = 0; i <= integer.size(); ++i) {
    if (i < integer.size() && integer[i] != ',') {
      if (!IsDigit(integer[i])) return IntegerPart::kNotDigits;
      continue;
    }
    const size_t group_size = i - group_start;
    const bool first = group_start == 0;
    if (group_size > 3 || group_size == 0 || (!first && group_size != 3)) well_grouped = false;
    group_start = i + 1;
  }
  return well_grouped ? IntegerPart::kValid : IntegerPart::kMisgrouped;
}

// Returns whether every decimal after the second is a zero.
bool HasAtMostTwoSignificantDecimals(std::string_view fraction) {
  for (size_t i = 2; i < fraction.size(); ++i) {
    if (fraction[i] != '0') return false;
  }
  return true;
}

// Appends `digit` to *magnitude; false when the result would exceed `limit`.
bool AppendDigit(uint64_t* magnitude, int digit, uint64_t limit) {
  const auto d = static_cast<uint64_t>(digit);
  if (*magnitude > (limit - d) / 10) return false;
  *magnitude = *magnitude * 10 + d;
  return true;
}

// Returns the amount in fen, or nullopt when it does not fit in int64. REQUIRES: the parts
// passed CheckIntegerPart() and AllDigits().
std::optional<int64_t> ToFen(const WrittenAmount& amount) {
  const uint64_t limit =
      static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + (amount.negative ? 1 : 0);
  uint64_t magnitude = 0;
  for (char c : amount.integer) {
    if (c != ',' && !AppendDigit(&magnitude, c - '0', limit)) return std::nullopt;
  }
  for (size_t i = 0; i < 2; ++i) {
    const int digit = i < amount.fraction.size() ? amount.fraction[i] - '0' : 0;
    if (!AppendDigit(&magnitude, digit, limit)) return std::nullopt;
  }
  // Negating in uint64 and converting back is exact in C++20, including for -2^63.
  return static_cast<int64_t>(amount.negative ? 0 - magnitude : magnitude);
}

Status NotAnAmountError(std::string_view text) {
  return InvalidArgumentError(
      Bilingual("金额“{}”无法识别；可接受如 1234、1234.56、-12.3、1,234.56、¥1234 或 "
                "1234元 的写法",
                "amount \"{}\" is not a number of yuan; accepted forms are like 1234, "
                "1234.56, -12.3, 1,234.56, ¥1234 and 1234元",
                text));
}

Status MisgroupedError(std::string_view text) {
  return InvalidArgumentError(
      Bilingual("金额“{}”的千位分隔符位置不正确：逗号应每三位数字一个，如 1,234,567.89",
                "amount \"{}\" has misplaced thousands separators: commas must separate "
                "groups of three digits, as in 1,234,567.89",
                text));
}

Status TooManyDecimalsError(std::string_view text) {
  return InvalidArgumentError(
      Bilingual("金额“{}”的小数超过两位；金额最小单位为分（0.01 元）",
                "amount \"{}\" has more than two decimal places; the smallest unit is the "
                "fen (0.01 yuan)",
                text));
}

Status OutOfRangeError(std::string_view text) {
  return InvalidArgumentError(
      Bilingual("金额“{}”超出可表示的范围（绝对值不超过 92233720368547758.07 元）",
                "amount \"{}\" is out of range; amounts up to ±92233720368547758.07 yuan "
                "are accepted",
                text));
}

}  // namespace

StatusOr<Money> Money::Parse(std::string_view text) {
  const std::string_view trimmed = TrimAsciiWhitespace(text);
  if (trimmed.empty()) {
    return InvalidArgumentError(Bilingual("金额为空；应为以元为单位的数字，如 1234.56",
                                          "amount is empty; expected a number of yuan such as 1234.56"));
  }
  const std::optional<WrittenAmount> amount = SplitAmount(trimmed);
  if (!amount) return NotAnAmountError(trimmed);
  const IntegerPart integer = CheckIntegerPart(amount->integer);
  if (integer == IntegerPart::kNotDigits || !AllDigits(amount->fraction)) {
    return NotAnAmountError(trimmed);
  }
  if (integer == IntegerPart::kMisgrouped) return MisgroupedError(trimmed);
  if (!HasAtMostTwoSignificantDecimals(amount->fraction)) return TooManyDecimalsError(trimmed);
  const std::optional<int64_t> fen = ToFen(*amount);
  if (!fen) return OutOfRangeError(trimmed);
  return Money(*fen);
}

Money Money::DivideRounded(int64_t divisor) const {
  assert(divisor > 0);
  int64_t quotient = fen_ / divisor;
  const int64_t remainder = fen_ % divisor;
  const int64_t abs_remainder = remainder < 0 ? -remainder : remainder;
  // abs_remainder >= divisor / 2 without computing 2 * abs_remainder, which could overflow.
  if (abs_remainder >= divisor - abs_remainder) quotient += fen_ < 0 ? -1 : 1;
  return Money(quotient);
}

std::string Money::ToString() const {
  const auto magnitude = fen_ < 0 ? 0 - static_cast<uint64_t>(fen_) : static_cast<uint64_t>(fen_);
  const auto per_yuan = static_cast<uint64_t>(kFenPerYuan);
  return fmt::format("{}{}.{:02}", fen_ < 0 ? "-" : "", magnitude / per_yuan, magnitude % per_yuan);
}

std::ostream& operator<<(std::ostream& os, Money money) { return os << money.ToString(); }

}  // namespace jz
