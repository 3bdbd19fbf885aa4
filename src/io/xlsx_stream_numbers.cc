// AppendXlsxNumber (io/internal/xlsx_package.h): a number cell's text as a spreadsheet user
// sees it. The digits are taken from the file's text, not from a double: Excel writes the
// shortest text that round-trips, and an ID number that went through a number cell must
// show exactly the digits that survived ("4.1052319800101101E+17" → "410523198001011010").
#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>

#include "io/internal/xlsx_package.h"

namespace jz::internal {
namespace {

constexpr int kExcelDigits = 15;
constexpr int kMaxExponent = 400;

struct Decimal {
  bool negative = false;
  std::string digits;     // significant digits, no leading or trailing zeros; empty for 0
  int point = 0;          // the decimal point sits after this many of `digits` (may be < 0 or > size)
  bool exponent = false;  // written with an exponent
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool ParseDecimal(std::string_view text, Decimal& d) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
  std::string mantissa;
  int integer_digits = 0;
  for (; i < text.size() && IsDigit(text[i]); ++i, ++integer_digits) mantissa += text[i];
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && IsDigit(text[i]); ++i) mantissa += text[i];
  }
  if (mantissa.empty()) return false;
  int exponent = 0;
  if (i < text.size() && (text[i] == 'E' || text[i] == 'e')) {
    d.exponent = true;
    size_t e = i + 1;
    if (e < text.size() && text[e] == '+') ++e;
    const auto [end, ec] = std::from_chars(text.data() + e, text.data() + text.size(), exponent);
    if (ec != std::errc() || end != text.data() + text.size() || exponent > kMaxExponent ||
        exponent < -kMaxExponent) {
      return false;
    }
    i = text.size();
  }
  if (i != text.size()) return false;
  const size_t first = mantissa.find_first_not_of('0');
  if (first == std::string::npos) return true;  // zero
  const size_t last = mantissa.find_last_not_of('0');
  d.digits = mantissa.substr(first, last - first + 1);
  d.point = integer_digits + exponent - static_cast<int>(first);
  return true;
}

void AppendDecimal(const Decimal& d, std::string& out) {
  if (d.digits.empty()) {
    out += '0';
    return;
  }
  if (d.negative) out += '-';
  const int size = static_cast<int>(d.digits.size());
  if (d.point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-d.point), '0');
    out += d.digits;
  } else if (d.point >= size) {
    out += d.digits;
    out.append(static_cast<size_t>(d.point - size), '0');
  } else {
    out.append(d.digits, 0, static_cast<size_t>(d.point));
    out += '.';
    out.append(d.digits, static_cast<size_t>(d.point));
  }
}

}  // namespace

bool AppendXlsxNumber(std::string_view value, std::string& out) {
  Decimal d;
  if (!ParseDecimal(value, d)) {
    out += value;
    return false;
  }
  const int size = static_cast<int>(d.digits.size());
  if (size > kExcelDigits && d.point < size && d.point <= kExcelDigits) {
    // A fraction: rounded to the 15 digits Excel shows.
    double number = 0;
    std::from_chars(value.data() + (value.starts_with('+') ? 1 : 0), value.data() + value.size(), number);
    char buffer[64];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::general, kExcelDigits);
    Decimal rounded;
    if (ParseDecimal(std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)), rounded)) {
      AppendDecimal(rounded, out);
      return false;
    }
  }
  AppendDecimal(d, out);
  const int integer_digits = std::min(d.point, size);
  return integer_digits > kExcelDigits || (d.exponent && d.point > size);
}

}  // namespace jz::internal
