// Region names to codes. County exports name the place of each household — 县(市、区、旗),
// 乡(镇), 行政村 — and carry no 12-digit code; the resolver finds the code through the loaded
// region tree, each level within its parent, within the database's province, with names as
// people write them:
//  - 村 for 村委会 / 村民委员会, 社区 for 社区居委会 / 居委会 / 居民委员会, 街道 for
//    街道办事处, notes in brackets left out; 镇/乡/街道 and 县/市/区/旗 kept (汪清 is not
//    汪清县); a name the NBS file writes with its path (四平市铁东区山门镇山门村村民委员会)
//    also by its last part (山门村);
//  - spaces (ASCII, U+00A0, ideographic) and full-width letters, digits and signs folded;
//  - zh-Hant names (OpenCC t2s) as their zh-Hans form;
//  - names of an older loaded edition (2016) where a unit was renamed, merged or moved
//    (公主岭市 moved from 四平市 to 长春市), mapped to the current unit and code.
// A name spelled exactly as loaded wins over one that only matches once normalised (新华社区
// beside 新华居委会). 自然村 is not resolved: it stays free text on the household.
#ifndef JZ_APP_REGISTRY_REGION_NAMES_H_
#define JZ_APP_REGISTRY_REGION_NAMES_H_

#include <memory>
#include <string>
#include <string_view>

#include "core/region_code.h"
#include "core/status.h"
#include "io/registry_reader.h"  // PlaceNames

namespace jz {

class Store;

class RegionNameResolver {
 public:
  // Reads every loaded region of every edition inside `province` (its province when another
  // level is given) from `store` and indexes it; the current edition is the newest one with
  // villages. Fails with FailedPrecondition — one error, saying what to run (jingzhun regions
  // load DB DIR) — when no village-level region of `province` is loaded, and with the
  // store's error when it cannot be read. The resolver does not keep `store`.
  [[nodiscard]] static StatusOr<std::unique_ptr<RegionNameResolver>> Load(Store& store, RegionCode province);

  virtual ~RegionNameResolver() = default;

  // Thread safety: every method may be called from several threads at once (Resolve keeps a
  // bounded cache of its results under a mutex).

  // The current village code for `place`: each name within the unit above it (county in the
  // province, township in the county, village in the township), in the current edition,
  // else in an older one mapped by Current(). InvalidArgument (Bilingual) naming the level and
  // the name when a name is unknown (with up to 5 closest names within its parent: longest
  // shared beginning, then fewest edits), or ambiguous (with every candidate's full path and
  // code), or when the village name is empty. `place.county` may be empty when the township
  // name is unique in the province, `place.township` when the village name is unique in the
  // county.
  [[nodiscard]] virtual StatusOr<RegionCode> Resolve(const PlaceNames& place) const = 0;

  // `code` in the current edition: itself when current, else the current unit an older
  // edition's unit became (same code, or same names under its new parent). NotFound when
  // the code is not a loaded village of any edition.
  [[nodiscard]] virtual StatusOr<RegionCode> Current(RegionCode code) const = 0;

  // OK when the names in `place` (those not empty) name the unit `code` is in one loaded
  // edition, or name the unit Current(code) is; InvalidArgument saying which name disagrees
  // and what the code's unit is called; NotFound when `code` is not a loaded village.
  [[nodiscard]] virtual Status CheckAgrees(RegionCode code, const PlaceNames& place) const = 0;
};

// A place name in the form the resolver compares: folded spaces and full-width forms, zh-Hans,
// notes in brackets and committee suffixes cut (柳树河村委会 → 柳树河村, 新华社区居委会 /
// 新华居委会 → 新华社区, 河南街道办事处 → 河南街道). Thread-safe.
std::string NormalizePlaceName(std::string_view name);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGION_NAMES_H_
