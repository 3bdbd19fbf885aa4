// RegionNameResolver over hash maps built once by Load(): per loaded edition, every unit by
// code and by (anchor, level, name), so that Resolve() is a few hash lookups per row. Names
// are tried first as written (spaces and full width folded: the fast path, no OpenCC), then
// normalised (zh-Hans, committee suffixes cut); the current edition first, then older ones,
// whose units are mapped to the current edition by code or by their names along the path.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "app/registry/internal/region_name_text.h"
#include "app/registry/region_names.h"
#include "store/store.h"

namespace jz {
namespace {

using internal::FoldWidthAndSpaces;

// An "unknown name" message lists this many of the closest names: enough to spot a typo or
// a shortened name, short enough to read in one row of an error report.
constexpr size_t kMaxNameCandidates = 5;

// Distinct place triples whose results are kept. A province has about 12,000 villages; a file
// with many distinct misspellings stops filling the cache here (a few MiB) instead of growing
// with the file.
constexpr size_t kMaxCachedPlaces = size_t{1} << 16;

struct Unit {
  RegionCode code;
  std::string name;               // as loaded
  std::string folded;             // FoldWidthAndSpaces(name)
  std::vector<std::string> keys;  // NormalizePlaceName(name), and the same without a path prefix
};

using UnitList = std::vector<uint32_t>;

// The units of one edition and their indexes. Invariant: every index entry is a position in
// `units`, listed at most once per key; a unit is indexed under its anchors (AnchorsOf).
struct Edition {
  int year = 0;
  std::vector<Unit> units;
  std::unordered_map<uint64_t, uint32_t> by_code;
  std::unordered_map<std::string, UnitList> by_folded;  // IndexKey(anchor, level, folded name)
  std::unordered_map<std::string, UnitList> by_key;     // IndexKey(anchor, level, normalised name)
  std::unordered_map<std::string, UnitList> children;   // IndexKey(anchor, level, "")

  const Unit* Find(RegionCode code) const {
    auto it = by_code.find(code.value());
    return it == by_code.end() ? nullptr : &units[it->second];
  }
};

std::string IndexKey(RegionCode anchor, RegionLevel level, std::string_view name) {
  std::string key(sizeof(uint64_t) + 1, '\0');
  const uint64_t value = anchor.value();
  std::memcpy(key.data(), &value, sizeof value);
  key[sizeof value] = static_cast<char>(level);
  key.append(name);
  return key;
}

// Where a unit is looked up: a county within its province; a township within its county, or
// within the province when a file names no county; a village within its township, or within
// its county when a file names no township.
std::vector<RegionCode> AnchorsOf(RegionCode code) {
  switch (code.level()) {
    case RegionLevel::kCounty:
      return {code.AtLevel(RegionLevel::kProvince)};
    case RegionLevel::kTownship:
      return {code.AtLevel(RegionLevel::kCounty), code.AtLevel(RegionLevel::kProvince)};
    case RegionLevel::kVillage:
      return {code.AtLevel(RegionLevel::kTownship), code.AtLevel(RegionLevel::kCounty)};
    default:
      return {};
  }
}

void AddTo(std::unordered_map<std::string, UnitList>& index, std::string key, uint32_t unit) {
  UnitList& list = index[std::move(key)];
  if (std::find(list.begin(), list.end(), unit) == list.end()) list.push_back(unit);
}

// Some village names carry their whole path (四平市铁东区山门镇山门村村民委员会), sometimes
// with 街 for 街道; people write the last part only. Returns `key` without the ancestors'
// names it starts with.
std::string WithoutPathPrefix(const Edition& edition, RegionCode code, std::string key) {
  for (RegionLevel level : {RegionLevel::kPrefecture, RegionLevel::kCounty, RegionLevel::kTownship}) {
    if (level >= code.level()) break;
    const Unit* ancestor = edition.Find(code.AtLevel(level));
    if (ancestor == nullptr) continue;
    for (const std::string& prefix : ancestor->keys) {
      const std::string shortened = prefix.ends_with("街道") ? prefix.substr(0, prefix.size() - 3) : prefix;
      const std::string_view match = key.starts_with(prefix) ? prefix : std::string_view(shortened);
      if (key.starts_with(match) && key.size() > match.size()) {
        key.erase(0, match.size());
        break;
      }
    }
  }
  return key;
}

Edition BuildEdition(int year, const std::vector<Region>& regions) {
  Edition e;
  e.year = year;
  e.units.reserve(regions.size());
  for (const Region& r : regions) {
    e.by_code.emplace(r.code.value(), static_cast<uint32_t>(e.units.size()));
    e.units.push_back(Unit{r.code, r.name, FoldWidthAndSpaces(r.name), {NormalizePlaceName(r.name)}});
  }
  // Ancestors come first in code order, so their keys are set when a descendant reads them.
  for (Unit& unit : e.units) {
    std::string alias = WithoutPathPrefix(e, unit.code, unit.keys.front());
    if (alias != unit.keys.front()) unit.keys.push_back(std::move(alias));
  }
  for (uint32_t i = 0; i < e.units.size(); ++i) {
    const Unit& unit = e.units[i];
    for (RegionCode anchor : AnchorsOf(unit.code)) {
      AddTo(e.by_folded, IndexKey(anchor, unit.code.level(), unit.folded), i);
      for (const std::string& key : unit.keys) AddTo(e.by_key, IndexKey(anchor, unit.code.level(), key), i);
      AddTo(e.children, IndexKey(anchor, unit.code.level(), ""), i);
    }
  }
  return e;
}

// The units of `edition` under `anchor` at `level` that `name` names: those spelled exactly
// so (spaces and full width folded) when there are any, else those whose normalised names
// match. Empty when none does.
UnitList Lookup(const Edition& edition, RegionCode anchor, RegionLevel level, std::string_view name) {
  const std::string folded = FoldWidthAndSpaces(name);
  if (auto it = edition.by_folded.find(IndexKey(anchor, level, folded)); it != edition.by_folded.end()) {
    return it->second;
  }
  // A zh-Hans name with its suffix cut matches without OpenCC (the common case, and OpenCC
  // costs microseconds); only a name that still does not match is converted from zh-Hant.
  const std::string cut = internal::CutCommitteeSuffix(folded);
  if (auto it = edition.by_key.find(IndexKey(anchor, level, cut)); it != edition.by_key.end())
    return it->second;
  const std::string key = internal::CutCommitteeSuffix(internal::ToSimplifiedChinese(folded));
  if (key == cut) return {};
  if (auto it = edition.by_key.find(IndexKey(anchor, level, key)); it != edition.by_key.end())
    return it->second;
  return {};
}

bool NameFits(const Unit& unit, std::string_view name) {
  if (FoldWidthAndSpaces(name) == unit.folded) return true;
  const std::string key = NormalizePlaceName(name);
  return std::find(unit.keys.begin(), unit.keys.end(), key) != unit.keys.end();
}

// The outcome of resolving one row's names in one edition.
struct Resolution {
  enum class Kind : uint8_t { kFound, kUnknown, kAmbiguous } kind = Kind::kFound;
  RegionCode code;  // kFound: the village; else the anchor the failing name was sought in
  RegionLevel level = RegionLevel::kVillage;  // the failing level
  std::string name;                           // the failing name, as written
  UnitList matches;                           // kAmbiguous: the candidates
};

Resolution ResolveIn(const Edition& edition, RegionCode province, const PlaceNames& place) {
  const std::array<std::pair<RegionLevel, const std::string*>, 3> steps = {
      {{RegionLevel::kCounty, &place.county},
       {RegionLevel::kTownship, &place.township},
       {RegionLevel::kVillage, &place.village}}};
  Resolution r;
  r.code = province;
  for (const auto& [level, name] : steps) {
    if (FoldWidthAndSpaces(*name).empty()) continue;
    UnitList hits = Lookup(edition, r.code, level, *name);
    if (hits.size() != 1) {
      r.kind = hits.empty() ? Resolution::Kind::kUnknown : Resolution::Kind::kAmbiguous;
      r.level = level;
      r.name = *name;
      r.matches = std::move(hits);
      return r;
    }
    r.code = edition.units[hits.front()].code;
  }
  return r;
}

std::string LevelName(RegionLevel level, bool english) {
  return std::string(RegionLevelName(level, english));
}

class ResolverImpl final : public RegionNameResolver {
 public:
  // REQUIRES: `editions` is not empty and newest first; editions[0] is the current one.
  ResolverImpl(RegionCode province, std::vector<Edition> editions)
      : province_(province), editions_(std::move(editions)) {}

  StatusOr<RegionCode> Resolve(const PlaceNames& place) const override {
    std::string triple = place.county;
    triple.append(1, '\0').append(place.township).append(1, '\0').append(place.village);
    {
      std::lock_guard lock(cache_mutex_);
      if (auto it = cache_.find(triple); it != cache_.end()) return it->second;
    }
    StatusOr<RegionCode> result = ResolveUncached(place);
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() < kMaxCachedPlaces) cache_.emplace(std::move(triple), result);
    return result;
  }

  StatusOr<RegionCode> ResolveUncached(const PlaceNames& place) const {
    if (FoldWidthAndSpaces(place.village).empty()) {
      return InvalidArgumentError(Bilingual("没有村名称（行政村）", "no village name (行政村)"));
    }
    const Resolution current = ResolveIn(Current(), province_, place);
    if (current.kind == Resolution::Kind::kFound) return current.code;
    if (current.kind == Resolution::Kind::kAmbiguous) return AmbiguousError(current);
    for (size_t i = 1; i < editions_.size(); ++i) {
      const Resolution older = ResolveIn(editions_[i], province_, place);
      if (older.kind != Resolution::Kind::kFound) continue;
      StatusOr<RegionCode> mapped = MapToCurrent(editions_[i], older.code);
      if (mapped.ok()) return mapped;
    }
    return UnknownError(current);
  }

  StatusOr<RegionCode> Current(RegionCode code) const override {
    const Unit* unit = Current().Find(code);
    if (unit != nullptr && code.level() == RegionLevel::kVillage) return code;
    for (size_t i = 1; i < editions_.size() && code.level() == RegionLevel::kVillage; ++i) {
      if (editions_[i].Find(code) != nullptr) return MapToCurrent(editions_[i], code);
    }
    return NotFoundError(Bilingual("区划代码 {} 不是已加载的村级区划",
                                   "region code {} is not a loaded village", code.ToString()));
  }

  Status CheckAgrees(RegionCode code, const PlaceNames& place) const override {
    const Edition* first = nullptr;
    for (const Edition& edition : editions_) {
      if (edition.Find(code) == nullptr) continue;
      if (first == nullptr) first = &edition;
      if (!Disagreement(edition, code, place)) return OkStatus();
    }
    if (first == nullptr || code.level() != RegionLevel::kVillage) return Current(code).status();
    // Names of the current edition for an older code (公主岭市's 2016 codes) agree too.
    if (StatusOr<RegionCode> named = Resolve(place); named.ok()) {
      StatusOr<RegionCode> current = Current(code);
      if (current.ok() && *current == *named) return OkStatus();
    }
    const auto [level, given] = *Disagreement(*first, code, place);
    const Unit* actual = FindAny(code.AtLevel(level));
    const std::string actual_name = actual == nullptr ? "?" : actual->name;
    const std::string path = Path(*first, code);
    return InvalidArgumentError(
        Bilingual(fmt::format("区划代码 {} 的{}区划是「{}」，与名称「{}」不符（{}）", code.ToString(),
                              LevelName(level, false), actual_name, given, path),
                  fmt::format("region code {}: its {} is {}, not {} as named ({})", code.ToString(),
                              LevelName(level, true), actual_name, given, path)));
  }

 private:
  const Edition& Current() const { return editions_.front(); }

  // The first level whose name in `place` does not name `code`'s unit in `edition`, with the
  // name; nullopt when all the names given agree.
  std::optional<std::pair<RegionLevel, std::string>> Disagreement(const Edition& edition, RegionCode code,
                                                                  const PlaceNames& place) const {
    const std::array<std::pair<RegionLevel, const std::string*>, 3> names = {
        {{RegionLevel::kCounty, &place.county},
         {RegionLevel::kTownship, &place.township},
         {RegionLevel::kVillage, &place.village}}};
    for (const auto& [level, name] : names) {
      if (FoldWidthAndSpaces(*name).empty() || level > code.level()) continue;
      const Unit* unit = edition.Find(code.AtLevel(level));
      if (unit == nullptr || !NameFits(*unit, *name)) return std::make_pair(level, *name);
    }
    return std::nullopt;
  }

  // The current unit the older edition's village `code` became: the same code when it is
  // current, else the unit with the same names along the path, each level under the current
  // unit its parent became (公主岭市 220381 → 220184, and its townships and villages by name).
  StatusOr<RegionCode> MapToCurrent(const Edition& older, RegionCode code) const {
    if (Current().Find(code) != nullptr) return code;
    RegionCode anchor = province_;
    for (RegionLevel level : {RegionLevel::kCounty, RegionLevel::kTownship, RegionLevel::kVillage}) {
      const RegionCode old_code = code.AtLevel(level);
      if (level != RegionLevel::kVillage && Current().Find(old_code) != nullptr &&
          anchor.Contains(old_code)) {
        anchor = old_code;
        continue;
      }
      const Unit* old_unit = older.Find(old_code);
      UnitList hits = old_unit == nullptr ? UnitList{} : Lookup(Current(), anchor, level, old_unit->name);
      if (hits.size() != 1) {
        return NotFoundError(Bilingual("{} 版区划 {}（{}）在 {} 版中没有同名的对应单位",
                                       "region {} ({}) of the {} "
                                       "edition has no unit of the same name in the {} edition",
                                       code.ToString(), Path(older, code), older.year, Current().year));
      }
      anchor = Current().units[hits.front()].code;
    }
    return anchor;
  }

  const Unit* FindAny(RegionCode code) const {
    for (const Edition& edition : editions_) {
      if (const Unit* unit = edition.Find(code)) return unit;
    }
    return nullptr;
  }

  // 吉林省/延边朝鲜族自治州/汪清县/汪清镇/柳树河村委会: the names down to `code`, from
  // `edition` where it has the unit, else from another loaded edition.
  std::string Path(const Edition& edition, RegionCode code) const {
    std::string path;
    for (int l = 1; l <= static_cast<int>(code.level()); ++l) {
      const RegionCode ancestor = code.AtLevel(static_cast<RegionLevel>(l));
      const Unit* unit = edition.Find(ancestor);
      if (unit == nullptr) unit = FindAny(ancestor);
      if (unit == nullptr) continue;
      if (!path.empty()) path += '/';
      path += unit->name;
    }
    return path.empty() ? code.ToString() : path;
  }

  Status AmbiguousError(const Resolution& r) const {
    std::string list;
    for (uint32_t i : r.matches) {
      const RegionCode code = Current().units[i].code;
      if (!list.empty()) list += "; ";
      list += fmt::format("{} ({})", Path(Current(), code), code.ToString());
    }
    const std::string where = Path(Current(), r.code);
    return InvalidArgumentError(Bilingual(
        fmt::format("{}名称「{}」在 {} 下不唯一，可能是：{}", LevelName(r.level, false), r.name, where, list),
        fmt::format("{} name \"{}\" is ambiguous in {}: {}", LevelName(r.level, true), r.name, where, list)));
  }

  // Unknown: the level and the name, where it was sought, and the closest names there —
  // the longest shared beginning first, then the fewest edits.
  Status UnknownError(const Resolution& r) const {
    const std::string key = NormalizePlaceName(r.name);
    struct Scored {
      size_t shared;
      size_t distance;
      const Unit* unit;
    };
    std::vector<Scored> scored;
    if (auto it = Current().children.find(IndexKey(r.code, r.level, "")); it != Current().children.end()) {
      for (uint32_t i : it->second) {
        const Unit& unit = Current().units[i];
        Scored s{0, SIZE_MAX, &unit};
        for (const std::string& k : unit.keys) {
          s.shared = std::max(s.shared, internal::SharedPrefixLength(key, k));
          s.distance = std::min(s.distance, internal::EditDistance(key, k));
        }
        scored.push_back(s);
      }
    }
    const size_t shown = std::min(scored.size(), kMaxNameCandidates);
    std::partial_sort(scored.begin(), scored.begin() + static_cast<ptrdiff_t>(shown), scored.end(),
                      [](const Scored& a, const Scored& b) {
                        if (a.shared != b.shared) return a.shared > b.shared;
                        if (a.distance != b.distance) return a.distance < b.distance;
                        return a.unit->code < b.unit->code;
                      });
    std::string list;
    for (size_t i = 0; i < shown; ++i) {
      if (!list.empty()) list += ", ";
      list += fmt::format("{} ({})", scored[i].unit->name, scored[i].unit->code.ToString());
    }
    const std::string where = Path(Current(), r.code);
    return InvalidArgumentError(
        Bilingual(fmt::format("{} 下没有名为「{}」的{}区划；最接近的：{}", where, r.name,
                              LevelName(r.level, false), list.empty() ? "（无）" : list),
                  fmt::format("no {} named \"{}\" in {}; closest: {}", LevelName(r.level, true), r.name,
                              where, list.empty() ? "(none)" : list)));
  }

  RegionCode province_;
  std::vector<Edition> editions_;
  // Results by (county, township, village) as written: an import names the same few
  // thousand places again and again. Bounded by kMaxCachedPlaces; guarded by the mutex so
  // Resolve() stays callable from several threads.
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, StatusOr<RegionCode>> cache_;
};

}  // namespace

StatusOr<std::unique_ptr<RegionNameResolver>> RegionNameResolver::Load(Store& store, RegionCode province) {
  province = province.AtLevel(RegionLevel::kProvince);
  ASSIGN_OR_RETURN(std::vector<Region> regions, store.ListRegionsAllEditions(province));
  std::map<int, std::vector<Region>, std::greater<>> by_edition;
  int current_year = 0;
  for (Region& region : regions) {
    if (region.code.level() == RegionLevel::kVillage)
      current_year = std::max(current_year, region.edition_year);
    by_edition[region.edition_year].push_back(std::move(region));
  }
  if (current_year == 0) {
    return FailedPreconditionError(Bilingual(
        "数据库中没有省级区划 {} 的村级区划，无法按名称确定区划代码；请先运行 jingzhun regions load DB DIR"
        "（DIR 为区划代码目录，如 ../shared/data/regions）",
        "no village-level regions of province {} are loaded, so place names cannot be resolved to codes; "
        "run jingzhun regions load DB DIR first (DIR: the region code directory, e.g. "
        "../shared/data/regions)",
        province.ShortString()));
  }
  std::vector<Edition> editions;
  for (const auto& [year, rows] : by_edition) {
    if (year <= current_year) editions.push_back(BuildEdition(year, rows));
  }
  return std::unique_ptr<RegionNameResolver>(new ResolverImpl(province, std::move(editions)));
}

}  // namespace jz
