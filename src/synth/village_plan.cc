// Village allotment: integer weights, floor shares, remainder handed out in code order.
#include "synth/village_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "synth/rng.h"

namespace jz::gen {
namespace {

// Persons a village is allotted at least, when the registry is small: about three households
// of the synthesizer's mean size (2.6 persons), so that families of every size can be drawn.
constexpr int64_t kFamilyVillagePersons = 8;

// Jilin's 8 national and 7 provincial poverty counties (DOMAIN.md §6): registered
// households concentrate there, so their villages weigh more.
uint32_t CountyWeight(uint32_t county6) {
  switch (county6) {
    case 220821:
    case 222405:
    case 222406:
    case 220622:
    case 220882:
    case 220822:
    case 222426:
    case 222424:
      return 5;
    case 220623:
    case 222402:
    case 220881:
    case 220382:
    case 220524:
    case 220722:
    case 220802:
      return 3;
    default:
      return 1;
  }
}

// Registered households live mostly in villages, rarely in urban communities. The 2023
// codes carry no urban-rural class, and village names vary by prefecture (…村委会, …村,
// …村民委员会), so urban units are recognised by their markers instead.
uint32_t RuralWeight(std::string_view village_name) {
  for (std::string_view urban : {"社区", "居委会", "居民委员会"}) {
    if (village_name.find(urban) != std::string_view::npos) return 3;
  }
  return 100;
}

}  // namespace

std::vector<Region> SyntheticRegions() {
  static constexpr const char* kNumerals[] = {"一", "二", "三", "四", "五",   "六",
                                              "七", "八", "九", "十", "十一", "十二"};
  std::vector<Region> regions;
  auto add = [&](uint64_t code, std::string name) {
    regions.push_back(Region{*RegionCode::FromValue(code), std::move(name), 2023, 0});
  };
  add(220000000000, "吉林省");
  add(229900000000, "示例市");
  for (uint64_t c = 1; c <= 4; ++c) {
    const uint64_t county = 229900000000 + c * 1000000;
    add(county, fmt::format("示例{}县", kNumerals[c - 1]));
    for (uint64_t t = 1; t <= 6; ++t) {
      const uint64_t township = county + (100 + t) * 1000;
      add(township, fmt::format("示例{}镇", kNumerals[t - 1]));
      for (uint64_t v = 1; v <= 12; ++v) {
        add(township + 200 + v, fmt::format("示例{}村委会", kNumerals[v - 1]));
      }
    }
  }
  return regions;
}

StatusOr<std::vector<PlannedVillage>> PlanVillages(const std::vector<Region>& input, int64_t persons,
                                                   uint64_t seed) {
  const std::vector<Region> synthetic = input.empty() ? SyntheticRegions() : std::vector<Region>();
  const std::vector<Region>& regions = input.empty() ? synthetic : input;
  std::unordered_map<uint64_t, const Region*> by_code;
  for (const Region& r : regions) by_code[r.code.value()] = &r;
  const auto name_of = [&](RegionCode code) {
    auto it = by_code.find(code.value());
    return it == by_code.end() ? std::string() : it->second->name;
  };

  std::vector<PlannedVillage> villages;
  std::vector<uint64_t> weights;
  Rng rng(seed ^ 0x5649'4C4C'4147'4553ULL);
  for (const Region& r : regions) {
    if (r.code.level() != RegionLevel::kVillage || r.code.value() / 10'000'000'000 != 22) continue;
    villages.push_back(PlannedVillage{r.code, name_of(r.code.AtLevel(RegionLevel::kCounty)),
                                      name_of(r.code.AtLevel(RegionLevel::kTownship)), r.name, 0});
    const uint64_t jitter = 50 + rng.Below(101);  // 0.5x .. 1.5x
    weights.push_back(uint64_t{CountyWeight(r.code.County6())} * RuralWeight(r.name) * jitter);
  }
  if (villages.empty()) {
    return InvalidArgumentError(
        Bilingual("区划数据中没有吉林省（22）的村级区划", "the region data has no village of Jilin (22)"));
  }
  uint64_t total_weight = 0;
  for (uint64_t w : weights) total_weight += w;
  // A village allotted a person or two can hold only one-person households, so a registry too
  // small to give villages kFamilyVillagePersons each on average is allotted in blocks of that
  // many: fewer villages, each with room for families. A registry large enough is allotted
  // person by person, as it always was (the demo's 100,000 persons over Jilin's villages).
  const int64_t needed_for_families = static_cast<int64_t>(villages.size()) * kFamilyVillagePersons;
  const int64_t block =
      persons >= needed_for_families ? 1 : std::min<int64_t>(kFamilyVillagePersons, persons);
  // Systematic allotment proportional to weight: N blocks spaced total_weight/N apart from a
  // random start are laid over the villages' cumulative weights; a village gets the blocks
  // that fall in its stretch. Each village thus gets the floor or the ceiling of its exact
  // share, and a registry smaller than the number of villages is still spread over the whole
  // province by weight. Integer arithmetic only.
  const auto n = static_cast<unsigned __int128>(persons / block);
  const auto start = static_cast<unsigned __int128>(rng.Below(total_weight));
  // Points k >= 0 with start + k * total_weight < x * n.
  const auto points_below = [&](uint64_t x) -> int64_t {
    const unsigned __int128 limit = n * x;
    if (limit <= start) return 0;
    return static_cast<int64_t>((limit - start - 1) / total_weight + 1);
  };
  uint64_t cumulative = 0;
  int64_t rest = persons % block;  // the persons short of a whole block join the first village allotted
  for (size_t i = 0; i < villages.size(); ++i) {
    const int64_t before = points_below(cumulative);
    cumulative += weights[i];
    villages[i].persons = (points_below(cumulative) - before) * block;
    if (villages[i].persons > 0) villages[i].persons += std::exchange(rest, 0);
  }
  return villages;
}

}  // namespace jz::gen
