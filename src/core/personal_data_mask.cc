// The digit-run scanner of core/personal_data_mask.h.
#include "core/personal_data_mask.h"

#include <charconv>
#include <optional>

#include "core/date.h"
#include "core/id_number.h"
#include "core/region_code.h"

namespace jz {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int DigitsValue(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// Characters 7–14 of an 18-character run as a real date in 1900–2099.
bool HasBirthDate(std::string_view run) {
  const int year = DigitsValue(run.substr(6, 4));
  if (year < 1900 || year > 2099) return false;
  return Date::FromYmd(year, DigitsValue(run.substr(10, 2)), DigitsValue(run.substr(12, 2))).has_value();
}

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// A 户编号 (16) or 人编号 (18) starts with the 12-digit code of its village.
bool LedByRegionCode(std::string_view run) {
  uint64_t value = 0;
  std::from_chars(run.data(), run.data() + 12, value);
  return RegionCode::FromValue(value).has_value();
}

std::string MaskIdNumber(std::string_view run) {
  if (StatusOr<IdNumber> id = IdNumber::Parse(run); id.ok()) return id->Masked();
  return std::string(run.substr(0, 6)) + "********" + std::string(run.substr(14));
}

std::optional<std::string> MaskRun(std::string_view run) {
  const bool has_x = run.back() == 'X' || run.back() == 'x';
  if (run.size() == 18 && HasBirthDate(run)) return MaskIdNumber(run);
  if (has_x) return std::nullopt;
  if (run.size() == 11 && run[0] == '1' && run[1] >= '3') {
    return std::string(run.substr(0, 3)) + "****" + std::string(run.substr(7));
  }
  const bool household_shape = (run.size() == 16 || run.size() == 18) && LedByRegionCode(run);
  if (run.size() >= 16 && run.size() <= 19 && !household_shape && PassesLuhn(run)) {
    return std::string(run.size() - 4, '*') + std::string(run.substr(run.size() - 4));
  }
  return std::nullopt;
}

}  // namespace

std::string MaskPersonalNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsDigit(text[end])) ++end;
    // An ID number's last character may be X: take it into the run only at length 17 + 1.
    if (end - i == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++end;
    const std::string_view run = text.substr(i, end - i);
    std::optional<std::string> masked = MaskRun(run);
    out += masked ? *masked : std::string(run);
    i = end;
  }
  return out;
}

}  // namespace jz
