// ReadScope: the part of the registry one read may see (SERVER.md "Who sees what"). Every
// store call that returns registry data takes one as a required argument, so no caller can
// issue an unscoped read by forgetting a filter; a record outside the scope reads exactly as
// a record that does not exist.
//
// A scope is a region and everything below it ("22" = Jilin, "222424" = Wangqing …) —
// a half-open range of 12-digit codes, tested on the household's village code — or nothing
// (an account without a scope sees nothing, never the whole tree).
//
//   ReadScope view = ReadScope::Within(*account.scopes.view);
//   store.FindHousehold(view, "2224240010010001");  // nullopt outside Wangqing
//
// WholeDatabase() is for the CLI and batch jobs alone, which act as the owner of the database
// file (whoever runs them can read the file directly); the server never uses it: its reads
// take the signed-in account's scopes (app/access.h).
//
// Thread-compatible value type.
#ifndef JZ_CORE_READ_SCOPE_H_
#define JZ_CORE_READ_SCOPE_H_

#include <cstdint>
#include <optional>

#include "core/region_code.h"

namespace jz {

class ReadScope {
 public:
  // `region` and every region below it.
  static ReadScope Within(RegionCode region) {
    const uint64_t low = region.value();
    return ReadScope(low, low + UnitBelow(region));
  }
  // Within(*region), or Nothing() when unset (an account without that scope).
  static ReadScope WithinOrNothing(const std::optional<RegionCode>& region) {
    return region ? Within(*region) : Nothing();
  }
  static ReadScope Nothing() { return ReadScope(0, 0); }
  static ReadScope WholeDatabase() { return ReadScope(0, kAllCodes); }

  bool empty() const { return low_ >= high_; }
  bool Contains(RegionCode code) const { return code.value() >= low_ && code.value() < high_; }
  // The half-open range [low, high) of 12-digit codes inside; low == high when empty.
  uint64_t low() const { return low_; }
  uint64_t high() const { return high_; }

  friend bool operator==(const ReadScope&, const ReadScope&) = default;

 private:
  static constexpr uint64_t kAllCodes = 1'000'000'000'000;  // every 12-digit code
  // How many 12-digit codes a region of this level spans (its own code included).
  static uint64_t UnitBelow(RegionCode region) {
    switch (region.level()) {
      case RegionLevel::kProvince:
        return 10'000'000'000;
      case RegionLevel::kPrefecture:
        return 100'000'000;
      case RegionLevel::kCounty:
        return 1'000'000;
      case RegionLevel::kTownship:
        return 1'000;
      case RegionLevel::kVillage:
        return 1;
    }
    return 1;
  }
  ReadScope(uint64_t low, uint64_t high) : low_(low), high_(high) {}

  uint64_t low_;
  uint64_t high_;
};

}  // namespace jz

#endif  // JZ_CORE_READ_SCOPE_H_
