// RegionCode: the 12-digit statistical division code of the National Bureau of Statistics
// (统计用区划代码), which names every province, prefecture, county, township and village and
// places it in the hierarchy: digits 1-2 province, 3-4 prefecture, 5-6 county, 7-9 township,
// 10-12 village. Households are registered to a village code; reports and permissions roll
// up by taking ancestors (AtLevel) and testing containment (Contains). Only the shape of a
// code is checked here; whether a code exists in a given year is a code-list question.
#ifndef JZ_CORE_REGION_CODE_H_
#define JZ_CORE_REGION_CODE_H_

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jz {

// The five levels of the division hierarchy, highest first.
enum class RegionLevel : uint8_t {
  kProvince = 1,    // 省级
  kPrefecture = 2,  // 地级
  kCounty = 3,      // 县级
  kTownship = 4,    // 乡级
  kVillage = 5,     // 村级
};

// Returns the name of `level`: "省级".."村级", or "province".."village" when `english`.
std::string_view RegionLevelName(RegionLevel level, bool english);

// A valid division code. Invariants: the value has at most 12 digits; the province segment
// is 11..82; no segment is non-zero below a zero segment. Thread-compatible value type.
class RegionCode {
 public:
  // Parses a code of 2, 4, 6, 9 or 12 ASCII digits (surrounding ASCII whitespace ignored);
  // shorter forms are padded with zeros on the right ("2224" is 222400000000).
  // Returns InvalidArgumentError naming the text and the rule it breaks: another length, a
  // non-digit character, a province segment outside 11..82, or a non-zero segment below a
  // zero one (e.g. 220000100000, a township under no county).
  static StatusOr<RegionCode> Parse(std::string_view digits);

  // The empty code (value 0): not a valid region, only the state of a record field before
  // a parsed code is assigned. Every member function but value(), comparison and hashing
  // REQUIRES a valid code.
  constexpr RegionCode() : value_(0) {}

  // Returns the code whose 12-digit number is `value`, or nullopt when that number is not a
  // valid code under the rules of Parse().
  static std::optional<RegionCode> FromValue(uint64_t value);

  // The 12-digit number, e.g. 222424107201.
  constexpr uint64_t value() const { return value_; }

  // The level of the lowest non-zero segment.
  RegionLevel level() const;

  // Returns the code one level up: the lowest non-zero segment set to zero.
  // REQUIRES: level() > kProvince.
  RegionCode Parent() const;

  // Returns the ancestor at `level` (this code when level == level()): every segment below
  // `level` set to zero. REQUIRES: level <= level().
  RegionCode AtLevel(RegionLevel level) const;

  // Returns whether `other` is this division or lies inside it.
  bool Contains(RegionCode other) const;

  // The first six digits (the county code of GB/T 2260, e.g. 222424). Meaningful when
  // level() >= kCounty; a code above county level gives its own digits padded with zeros.
  uint32_t County6() const;

  // All 12 digits, e.g. "222400000000".
  std::string ToString() const;

  // The digits down to this code's level: 2, 4, 6, 9 or 12 of them, e.g. "2224".
  std::string ShortString() const;

  // NOLINTNEXTLINE(modernize-use-nullptr): a false positive on the defaulted comparison.
  friend constexpr auto operator<=>(const RegionCode&, const RegionCode&) = default;
  friend constexpr bool operator==(const RegionCode&, const RegionCode&) = default;

 private:
  constexpr explicit RegionCode(uint64_t value) : value_(value) {}

  uint64_t value_;
};

// Writes code.ToString(); used by test failure messages and logs.
std::ostream& operator<<(std::ostream& os, RegionCode code);

}  // namespace jz

template <>
struct std::hash<jz::RegionCode> {
  size_t operator()(jz::RegionCode code) const noexcept { return std::hash<uint64_t>{}(code.value()); }
};

#endif  // JZ_CORE_REGION_CODE_H_
