// The formula-neutralisation rule (formula_guard.h).
#include "io/formula_guard.h"

namespace jz {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Consumes a run of digits from the front of `s`; returns how many.
size_t SkipDigits(std::string_view& s) {
  size_t n = 0;
  while (n < s.size() && IsDigit(s[n])) ++n;
  s.remove_prefix(n);
  return n;
}

// [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)? %?
bool IsPlainNumber(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  size_t digits = SkipDigits(s);
  if (!s.empty() && s[0] == '.') {
    s.remove_prefix(1);
    digits += SkipDigits(s);
  }
  if (digits == 0) return false;
  if (!s.empty() && (s[0] == 'e' || s[0] == 'E')) {
    s.remove_prefix(1);
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    if (SkipDigits(s) == 0) return false;
  }
  if (!s.empty() && s[0] == '%') s.remove_prefix(1);
  return s.empty();
}

}  // namespace

bool StartsLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return !IsPlainNumber(text);
    default:
      return false;
  }
}

std::string NeutralizeFormula(std::string_view text) {
  if (!StartsLikeFormula(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 1);
  out.push_back('\'');
  out.append(text);
  return out;
}

}  // namespace jz
