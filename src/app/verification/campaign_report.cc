// The campaign report (campaigns.h): per region, 错退率 and 漏评率 with 95% CIs from the sample
// design (engine/sampling.h EstimateRate), accuracy per item, and the disagreement with the
// lower level's findings for the same households.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "app/verification/campaigns.h"

namespace jz {
namespace {

// One household's latest findings reduced to what the report needs.
struct Judged {
  bool fails_standard = false;
  std::vector<FindingAnswer> item_answer;  // by checklist index; kNotApplicable when absent
};

FindingAnswer Worse(FindingAnswer a, FindingAnswer b) {
  if (a == FindingAnswer::kNo || b == FindingAnswer::kNo) return FindingAnswer::kNo;
  if (a == FindingAnswer::kYes || b == FindingAnswer::kYes) return FindingAnswer::kYes;
  return FindingAnswer::kNotApplicable;
}

// Person-level findings of an item are folded into the household's: 不符合 if any person's is.
Judged Judge(const Campaign& c, std::span<const CampaignFinding> findings) {
  Judged j;
  j.item_answer.assign(c.items.size(), FindingAnswer::kNotApplicable);
  std::vector<bool> seen(c.items.size(), false);
  for (const CampaignFinding& f : findings) {
    auto it = std::find(c.items.begin(), c.items.end(), f.item);
    if (it == c.items.end()) continue;
    const auto i = static_cast<size_t>(it - c.items.begin());
    FindingAnswer answer = f.answer;
    if (f.item == "income" && f.value && *f.value < c.income_line) answer = FindingAnswer::kNo;
    j.item_answer[i] = seen[i] ? Worse(j.item_answer[i], answer) : answer;
    seen[i] = true;
    const ChecklistItem* item = FindChecklistItem(f.item);
    if (item && item->standard && answer == FindingAnswer::kNo) j.fails_standard = true;
  }
  return j;
}

using JudgedMap = std::unordered_map<int64_t, Judged>;

StatusOr<JudgedMap> LoadJudged(Store& store, const Campaign& c) {
  JudgedMap out;
  RETURN_IF_ERROR(
      store.campaigns().ScanLatestFindings(c.id, [&](int64_t household, std::span<const CampaignFinding> f) {
        out.emplace(household, Judge(c, f));
        return OkStatus();
      }));
  return out;
}

RateFigure Figure(const RateEstimate& e) {
  return {e.defined,         e.rate,       e.standard_error,  e.ci_low,
          e.ci_high,         e.households, e.numerator_units, e.denominator_units,
          e.zero_count_bound};
}

bool IsExited(HouseholdType type) {
  return type == HouseholdType::kExited || type == HouseholdType::kMonitored;
}

// A campaign's sample and findings, grouped by report region.
struct Evaluated {
  const Campaign* campaign = nullptr;
  const StoredSample* sample = nullptr;
  const JudgedMap* judged = nullptr;
  std::map<std::pair<uint64_t, bool>, size_t> cell_of;  // (stratum, registered) → strata index
};

Evaluated Prepare(const Campaign& c, const StoredSample& s, const JudgedMap& j) {
  Evaluated e{&c, &s, &j, {}};
  for (size_t i = 0; i < s.strata.size(); ++i) e.cell_of[{s.strata[i].stratum, s.strata[i].registered}] = i;
  return e;
}

// The units of `e` inside `region` with their cell, and per-cell counts of recorded units.
struct RegionSlice {
  std::vector<const CampaignUnit*> units;
  std::vector<int32_t> local_cell;  // per unit
  std::vector<CellCounts> cells;
  int64_t frame_households = 0;
};

// Every unit and cell of `e` in one pass, grouped by the region containing it at `level`.
std::map<uint64_t, RegionSlice> SliceBy(const Evaluated& e, RegionLevel level) {
  std::map<uint64_t, RegionSlice> slices;
  std::vector<std::pair<uint64_t, int32_t>> local(e.sample->strata.size());  // (region, local cell)
  for (size_t i = 0; i < e.sample->strata.size(); ++i) {
    const CampaignStratum& s = e.sample->strata[i];
    const std::optional<RegionCode> code = RegionCode::FromValue(s.stratum);
    const uint64_t region = code ? code->AtLevel(level).value() : 0;
    RegionSlice& slice = slices[region];
    local[i] = {region, static_cast<int32_t>(slice.cells.size())};
    slice.cells.push_back({s.frame_count, 0});
    slice.frame_households += s.frame_count;
  }
  for (const CampaignUnit& u : e.sample->units) {
    const auto [region, cell] = local[e.cell_of.at({u.stratum, u.type != HouseholdType::kOrdinaryFarm})];
    RegionSlice& slice = slices[region];
    slice.units.push_back(&u);
    slice.local_cell.push_back(cell);
    if (e.judged->count(u.household_id)) ++slice.cells[static_cast<size_t>(cell)].recorded;
  }
  return slices;
}

// 错退率 and 漏评率 of `e` over `slice`.
std::pair<RateEstimate, RateEstimate> Rates(const Evaluated& e, const RegionSlice& slice) {
  std::vector<RateObservation> wrong, missed;
  for (size_t k = 0; k < slice.units.size(); ++k) {
    const CampaignUnit& u = *slice.units[k];
    auto it = e.judged->find(u.household_id);
    if (it == e.judged->end()) continue;
    const double persons = u.persons, y = it->second.fails_standard ? persons : 0;
    if (IsExited(u.type)) wrong.push_back({slice.local_cell[k], y, persons});
    if (u.type == HouseholdType::kOrdinaryFarm) missed.push_back({slice.local_cell[k], y, persons});
  }
  return {EstimateRate(slice.cells, wrong), EstimateRate(slice.cells, missed)};
}

std::vector<ItemResult> Items(const Evaluated& e, const RegionSlice& slice, const Evaluated* lower) {
  const Campaign& c = *e.campaign;
  std::vector<ItemResult> items(c.items.size());
  for (size_t i = 0; i < c.items.size(); ++i) {
    items[i].item = c.items[i];
    const ChecklistItem* known = FindChecklistItem(c.items[i]);
    items[i].name_zh = known ? std::string(known->name_zh) : c.items[i];
    items[i].name_en = known ? std::string(known->name_en) : c.items[i];
    std::vector<RateObservation> accuracy, disagree;
    for (size_t k = 0; k < slice.units.size(); ++k) {
      auto it = e.judged->find(slice.units[k]->household_id);
      if (it == e.judged->end()) continue;
      const FindingAnswer a = it->second.item_answer[i];
      if (a == FindingAnswer::kNotApplicable) continue;
      accuracy.push_back({slice.local_cell[k], a == FindingAnswer::kYes ? 1.0 : 0.0, 1.0});
      items[i].problems += a == FindingAnswer::kNo;
      if (!lower) continue;
      auto lo = lower->judged->find(slice.units[k]->household_id);
      if (lo == lower->judged->end()) continue;
      auto li = std::find(lower->campaign->items.begin(), lower->campaign->items.end(), c.items[i]);
      if (li == lower->campaign->items.end()) continue;
      const FindingAnswer b =
          lo->second.item_answer[static_cast<size_t>(li - lower->campaign->items.begin())];
      if (b == FindingAnswer::kNotApplicable) continue;
      ++items[i].compared;
      items[i].discrepancies += a != b;
      disagree.push_back({slice.local_cell[k], a != b ? 1.0 : 0.0, 1.0});
    }
    items[i].accuracy = Figure(EstimateRate(slice.cells, accuracy));
    items[i].discrepancy_rate = Figure(EstimateRate(slice.cells, disagree));
  }
  return items;
}

RegionResult Evaluate(const Evaluated& e, const RegionSlice& slice, const Evaluated* lower,
                      const RegionSlice* lower_slice, RegionCode code, std::string name) {
  RegionResult r;
  r.code = code;
  r.name = std::move(name);
  r.frame_households = slice.frame_households;
  r.sampled = static_cast<int64_t>(slice.units.size());
  for (const CellCounts& c : slice.cells) r.recorded += c.recorded;
  const auto [wrong_exit, missed] = Rates(e, slice);
  r.wrong_exit = Figure(wrong_exit);
  r.missed = Figure(missed);
  r.items = Items(e, slice, lower);
  if (lower && lower_slice) {
    auto [w, m] = Rates(*lower, *lower_slice);
    r.lower_wrong_exit = Figure(w);
    r.lower_missed = Figure(m);
  }
  return r;
}

Status CheckLevel(const Campaign& c, const CampaignDesign& d, RegionLevel level) {
  const RegionLevel finest = StrataLevel(d.strata);
  if (level > finest) {
    return InvalidArgumentError(
        Bilingual("报告级别细于抽样分层，无法按此级别估计", "the report level is finer than the strata"));
  }
  if (level < c.scope.level()) {
    return InvalidArgumentError(
        Bilingual("报告级别高于核查范围", "the report level is above the campaign's scope"));
  }
  return OkStatus();
}

}  // namespace

StatusOr<CampaignReport> BuildCampaignReport(Store& store, std::string_view code, RegionLevel level) {
  CampaignReport report;
  ASSIGN_OR_RETURN(std::optional<Campaign> campaign, store.campaigns().FindCampaign(code));
  if (!campaign) {
    return NotFoundError(Bilingual("核查活动 {} 不存在", "no campaign {}", code));
  }
  report.campaign = *campaign;
  report.level = level;
  ASSIGN_OR_RETURN(std::optional<StoredSample> sample, store.campaigns().LoadSample(campaign->id));
  if (!sample) {
    return FailedPreconditionError(Bilingual("核查活动 {} 尚未抽样", "campaign {} has no sample yet", code));
  }
  report.design = sample->design;
  RETURN_IF_ERROR(CheckLevel(*campaign, sample->design, level));
  ASSIGN_OR_RETURN(JudgedMap judged, LoadJudged(store, *campaign));
  const Evaluated upper = Prepare(*campaign, *sample, judged);
  std::optional<StoredSample> lower_sample;
  JudgedMap lower_judged;
  std::optional<Evaluated> lower;
  if (campaign->compare_to) {
    ASSIGN_OR_RETURN(report.lower, store.campaigns().FindCampaignById(*campaign->compare_to));
    ASSIGN_OR_RETURN(lower_sample, store.campaigns().LoadSample(*campaign->compare_to));
    if (report.lower && lower_sample) {
      ASSIGN_OR_RETURN(lower_judged, LoadJudged(store, *report.lower));
      lower = Prepare(*report.lower, *lower_sample, lower_judged);
    }
  }
  const Evaluated* lower_ptr = lower ? &*lower : nullptr;
  // The lower level's rates are over its own units in the same region.
  const RegionLevel scope_level = campaign->scope.level();
  std::map<uint64_t, RegionSlice> top = SliceBy(upper, scope_level);
  std::map<uint64_t, RegionSlice> lower_top =
      lower_ptr ? SliceBy(*lower_ptr, scope_level) : std::map<uint64_t, RegionSlice>();
  ASSIGN_OR_RETURN(std::optional<Region> scope_region, store.FindRegion(campaign->scope));
  const RegionSlice empty;
  auto find = [&](const std::map<uint64_t, RegionSlice>& m, uint64_t key) -> const RegionSlice* {
    auto it = m.find(key);
    return it == m.end() ? nullptr : &it->second;
  };
  const RegionSlice* top_slice = find(top, campaign->scope.value());
  report.total =
      Evaluate(upper, top_slice ? *top_slice : empty, lower_ptr, find(lower_top, campaign->scope.value()),
               campaign->scope, scope_region ? scope_region->name : "");
  if (level == scope_level) return report;
  std::map<uint64_t, RegionSlice> by_region = SliceBy(upper, level);
  std::map<uint64_t, RegionSlice> lower_by_region =
      lower_ptr ? SliceBy(*lower_ptr, level) : std::map<uint64_t, RegionSlice>();
  ASSIGN_OR_RETURN(std::vector<Region> regions, store.ListRegions(campaign->scope, level));
  for (const Region& region : regions) {
    const RegionSlice* slice = find(by_region, region.code.value());
    if (!slice || slice->units.empty()) continue;
    report.regions.push_back(Evaluate(upper, *slice, lower_ptr, find(lower_by_region, region.code.value()),
                                      region.code, region.name));
  }
  return report;
}

}  // namespace jz
