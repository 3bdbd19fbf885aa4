// RegionCode parsing and hierarchy arithmetic. A code is a 12-digit number whose segments
// are read by division; the table below gives, for each level, where its segment sits.
#include "core/region_code.h"

#include <fmt/format.h>

#include <cassert>
#include <iterator>
#include <optional>

#include "core/internal/text.h"

namespace jz {
namespace {

// Where a level's segment sits in the 12-digit number: `unit` is the place value of its
// last digit, `modulus` its number of possible values, `digits` the code length through it.
struct LevelShape {
  uint64_t unit;
  uint64_t modulus;
  size_t digits;
};
constexpr LevelShape kShapes[] = {
    {10'000'000'000, 100, 2},  // province: digits 1-2
    {100'000'000, 100, 4},     // prefecture: digits 3-4
    {1'000'000, 100, 6},       // county: digits 5-6
    {1'000, 1000, 9},          // township: digits 7-9
    {1, 1000, 12},             // village: digits 10-12
};
constexpr uint64_t kMaxValue = 999'999'999'999;
constexpr uint64_t kMinProvince = 11;
constexpr uint64_t kMaxProvince = 82;
constexpr size_t kFullDigits = 12;

const LevelShape& ShapeOf(RegionLevel level) { return kShapes[static_cast<size_t>(level) - 1]; }

RegionLevel LevelAt(size_t index) { return static_cast<RegionLevel>(index + 1); }

uint64_t Segment(uint64_t value, RegionLevel level) {
  const LevelShape& shape = ShapeOf(level);
  return value / shape.unit % shape.modulus;
}

// The first rule a 12-digit number breaks, with the levels involved for a gap.
struct Verdict {
  enum Rule { kValid, kProvinceOutOfRange, kSegmentBelowZero } rule = kValid;
  RegionLevel zero_level = RegionLevel::kProvince;
  RegionLevel non_zero_level = RegionLevel::kProvince;
};

// REQUIRES: value <= kMaxValue.
Verdict Check(uint64_t value) {
  const uint64_t province = Segment(value, RegionLevel::kProvince);
  if (province < kMinProvince || province > kMaxProvince) {
    return {Verdict::kProvinceOutOfRange};
  }
  std::optional<RegionLevel> first_zero;
  for (size_t i = 1; i < std::size(kShapes); ++i) {
    const bool zero = Segment(value, LevelAt(i)) == 0;
    if (zero && !first_zero) first_zero = LevelAt(i);
    if (!zero && first_zero) return {Verdict::kSegmentBelowZero, *first_zero, LevelAt(i)};
  }
  return {};
}

// The 1-based character position of byte `index`, counting each UTF-8 sequence once.
size_t CharacterPosition(std::string_view text, size_t index) {
  size_t position = 1;
  for (size_t i = 0; i < index; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++position;
  }
  return position;
}

using internal::TrimAsciiWhitespace;

// Checks that `text` is 2, 4, 6, 9 or 12 ASCII digits.
Status CheckShape(std::string_view text) {
  const size_t non_digit = text.find_first_not_of("0123456789");
  if (non_digit != std::string_view::npos) {
    const size_t position = CharacterPosition(text, non_digit);
    return InvalidArgumentError(
        Bilingual("区划代码“{}”的第 {} 个字符不是数字；区划代码应为 2、4、6、9 或 12 位数字",
                  "region code \"{}\": character {} is not a digit; a code is 2, 4, 6, 9 "
                  "or 12 ASCII digits",
                  text, position));
  }
  for (const LevelShape& shape : kShapes) {
    if (text.size() == shape.digits) return OkStatus();
  }
  return InvalidArgumentError(Bilingual("区划代码“{}”有 {} 位，应为 2、4、6、9 或 12 位数字",
                                        "region code \"{}\" has {} digits; 2, 4, 6, 9 or 12 are accepted",
                                        text, text.size()));
}

Status VerdictError(std::string_view text, const Verdict& verdict) {
  if (verdict.rule == Verdict::kProvinceOutOfRange) {
    return InvalidArgumentError(Bilingual("区划代码“{}”的省级段 {} 不在 {}–{} 之内",
                                          "region code \"{}\" has province segment {}; {} to {} are accepted",
                                          text, text.substr(0, 2), kMinProvince, kMaxProvince));
  }
  return InvalidArgumentError(Bilingual(
      fmt::format("区划代码“{}”的{}段为 0，其下的{}段却不为 0；下级区划必须有上级", text,
                  RegionLevelName(verdict.zero_level, false), RegionLevelName(verdict.non_zero_level, false)),
      fmt::format("region code \"{}\" has a zero {} segment above a non-zero {} segment; a "
                  "division must lie under a division at every level above it",
                  text, RegionLevelName(verdict.zero_level, true),
                  RegionLevelName(verdict.non_zero_level, true))));
}

}  // namespace

std::string_view RegionLevelName(RegionLevel level, bool english) {
  switch (level) {
    case RegionLevel::kProvince:
      return english ? "province" : "省级";
    case RegionLevel::kPrefecture:
      return english ? "prefecture" : "地级";
    case RegionLevel::kCounty:
      return english ? "county" : "县级";
    case RegionLevel::kTownship:
      return english ? "township" : "乡级";
    case RegionLevel::kVillage:
      return english ? "village" : "村级";
  }
  return english ? "unknown level" : "未知级别";
}

StatusOr<RegionCode> RegionCode::Parse(std::string_view digits) {
  const std::string_view text = TrimAsciiWhitespace(digits);
  RETURN_IF_ERROR(CheckShape(text));
  uint64_t value = 0;
  for (char c : text) value = value * 10 + static_cast<uint64_t>(c - '0');
  for (size_t i = text.size(); i < kFullDigits; ++i) value *= 10;
  const Verdict verdict = Check(value);
  if (verdict.rule != Verdict::kValid) return VerdictError(text, verdict);
  return RegionCode(value);
}

std::optional<RegionCode> RegionCode::FromValue(uint64_t value) {
  if (value > kMaxValue || Check(value).rule != Verdict::kValid) return std::nullopt;
  return RegionCode(value);
}

RegionLevel RegionCode::level() const {
  for (size_t i = std::size(kShapes) - 1; i > 0; --i) {
    if (Segment(value_, LevelAt(i)) != 0) return LevelAt(i);
  }
  return RegionLevel::kProvince;
}

RegionCode RegionCode::Parent() const {
  const RegionLevel own = level();
  assert(own > RegionLevel::kProvince);
  return AtLevel(static_cast<RegionLevel>(static_cast<uint8_t>(own) - 1));
}

RegionCode RegionCode::AtLevel(RegionLevel target) const {
  assert(target <= level());
  const uint64_t unit = ShapeOf(target).unit;
  return RegionCode(value_ - value_ % unit);
}

bool RegionCode::Contains(RegionCode other) const {
  const RegionLevel own = level();
  return other.level() >= own && other.AtLevel(own) == *this;
}

uint32_t RegionCode::County6() const {
  return static_cast<uint32_t>(value_ / ShapeOf(RegionLevel::kCounty).unit);
}

std::string RegionCode::ToString() const { return fmt::format("{:012}", value_); }

std::string RegionCode::ShortString() const {
  const LevelShape& shape = ShapeOf(level());
  return fmt::format("{:0{}}", value_ / shape.unit, shape.digits);
}

std::ostream& operator<<(std::ostream& os, RegionCode code) { return os << code.ToString(); }

}  // namespace jz
