// The campaign report (campaigns.h): per region, 错退率 and 漏评率 with their intervals from the
// sample design (engine/sampling.h EstimateRate, engine/proportion_interval.h), accuracy per
// item, and, against the compare_to campaign, the paired comparison on the households both
// levels recorded (EstimateDifference) with the items they answered differently.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "app/verification/campaigns.h"
#include "core/limits.h"

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

// A census has no sampling error, so however few households it covers its figure is exact.
bool Thin(bool defined, bool census, int64_t households) {
  return defined && !census && households < kMinRecordedHouseholdsPerFigure;
}

RateFigure Figure(const RateEstimate& e) {
  RateFigure f{e.defined,         e.rate,       e.standard_error,  e.ci_low,
               e.ci_high,         e.households, e.numerator_units, e.denominator_units,
               e.zero_count_bound};
  f.degrees_of_freedom = e.degrees_of_freedom;
  f.census = e.census;
  f.thin = Thin(e.defined, e.census, e.households);
  return f;
}

RateFigure Figure(const DifferenceEstimate& d, std::span<const PairedObservation> observations) {
  RateFigure f;
  f.defined = d.defined;
  f.rate = d.difference;
  f.standard_error = d.standard_error;
  f.ci_low = d.ci_low;
  f.ci_high = d.ci_high;
  f.households = d.households;
  for (const PairedObservation& o : observations) {
    f.numerator_units += o.y_upper - o.y_lower;
    f.denominator_units += o.x;
  }
  f.degrees_of_freedom = d.degrees_of_freedom;
  f.thin = Thin(d.defined, false, d.households);
  return f;
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

// The lower campaign beside the upper one: its findings, and for each of the upper
// checklist's items the index of the same item on the lower checklist (none when it is not on it).
struct Lower {
  Evaluated evaluated;
  std::vector<std::optional<size_t>> item_index;  // by the upper checklist's index
};

Lower PrepareLower(const Evaluated& upper, const Campaign& c, const StoredSample& s, const JudgedMap& j) {
  Lower lower{Prepare(c, s, j), {}};
  for (const std::string& item : upper.campaign->items) {
    auto it = std::find(c.items.begin(), c.items.end(), item);
    lower.item_index.push_back(it == c.items.end()
                                   ? std::nullopt
                                   : std::optional<size_t>(static_cast<size_t>(it - c.items.begin())));
  }
  return lower;
}

// The lower level's answer to the upper checklist's item `i`; kNotApplicable when not asked.
FindingAnswer LowerAnswer(const Lower& lower, const Judged& judged, size_t i) {
  return lower.item_index[i] ? judged.item_answer[*lower.item_index[i]] : FindingAnswer::kNotApplicable;
}

// Both levels answered (符合 or 不符合) and the answers differ.
bool Differ(FindingAnswer a, FindingAnswer b) {
  return a != FindingAnswer::kNotApplicable && b != FindingAnswer::kNotApplicable && a != b;
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

// The households of an upper slice that both levels recorded: the upper's cells with their
// overlap counts as `recorded`, so the upper design weights the overlap (N_c / overlap_c).
struct Overlap {
  std::vector<CellCounts> cells;
  std::vector<size_t> units;  // indexes into the slice's units
  std::vector<const Judged*> upper, lower;
};

Overlap OverlapOf(const Evaluated& upper, const Lower& lower, const RegionSlice& slice) {
  Overlap o;
  o.cells = slice.cells;
  for (CellCounts& c : o.cells) c.recorded = 0;
  for (size_t k = 0; k < slice.units.size(); ++k) {
    const int64_t id = slice.units[k]->household_id;
    auto u = upper.judged->find(id);
    auto l = lower.evaluated.judged->find(id);
    if (u == upper.judged->end() || l == lower.evaluated.judged->end()) continue;
    ++o.cells[static_cast<size_t>(slice.local_cell[k])].recorded;
    o.units.push_back(k);
    o.upper.push_back(&u->second);
    o.lower.push_back(&l->second);
  }
  return o;
}

// 错退率 and 漏评率 of `e` over `slice`.
std::pair<RateEstimate, RateEstimate> Rates(const Evaluated& e, const RegionSlice& slice,
                                            IntervalMethod method) {
  std::vector<RateObservation> wrong, missed;
  for (size_t k = 0; k < slice.units.size(); ++k) {
    const CampaignUnit& u = *slice.units[k];
    auto it = e.judged->find(u.household_id);
    if (it == e.judged->end()) continue;
    const double persons = u.persons, y = it->second.fails_standard ? persons : 0;
    if (IsExited(u.type)) wrong.push_back({slice.local_cell[k], y, persons});
    if (u.type == HouseholdType::kOrdinaryFarm) missed.push_back({slice.local_cell[k], y, persons});
  }
  return {EstimateRate(slice.cells, wrong, method), EstimateRate(slice.cells, missed, method)};
}

// Each level's rate on the overlap and their difference, from the same paired observations.
PairedFigure Paired(std::span<const CellCounts> cells, std::span<const PairedObservation> observations,
                    IntervalMethod method) {
  std::vector<RateObservation> upper, lower;
  for (const PairedObservation& o : observations) {
    upper.push_back({o.cell, o.y_upper, o.x});
    lower.push_back({o.cell, o.y_lower, o.x});
  }
  const DifferenceEstimate d = EstimateDifference(cells, observations);
  return {Figure(EstimateRate(cells, upper, method)), Figure(EstimateRate(cells, lower, method)),
          Figure(d, observations), d.disagreeing};
}

// The paired comparison of 错退率 and 漏评率 on the overlap; persons and household types are
// the upper draw's, each level's judgement its own.
LevelComparison Compare(const Lower& lower, const RegionSlice& slice, const Overlap& o,
                        IntervalMethod method) {
  LevelComparison c;
  c.overlap = static_cast<int64_t>(o.units.size());
  c.population = Bilingual("两级均核查的 {} 户", "the {} households both levels checked", c.overlap);
  std::vector<PairedObservation> wrong, missed;
  for (size_t j = 0; j < o.units.size(); ++j) {
    const size_t k = o.units[j];
    const CampaignUnit& u = *slice.units[k];
    const double persons = u.persons;
    const PairedObservation p{slice.local_cell[k], o.upper[j]->fails_standard ? persons : 0,
                              o.lower[j]->fails_standard ? persons : 0, persons};
    if (IsExited(u.type)) wrong.push_back(p);
    if (u.type == HouseholdType::kOrdinaryFarm) missed.push_back(p);
    bool differs = false;
    for (size_t i = 0; i < o.upper[j]->item_answer.size() && !differs; ++i) {
      differs = Differ(o.upper[j]->item_answer[i], LowerAnswer(lower, *o.lower[j], i));
    }
    c.disagreeing += differs;
  }
  c.wrong_exit = Paired(o.cells, wrong, method);
  c.missed = Paired(o.cells, missed, method);
  return c;
}

ItemResult NamedItem(const std::string& code) {
  ItemResult r;
  r.item = code;
  const ChecklistItem* known = FindChecklistItem(code);
  r.name_zh = known ? std::string(known->name_zh) : code;
  r.name_en = known ? std::string(known->name_en) : code;
  return r;
}

// Accuracy per item over the slice's recorded households; with a lower level, the
// disagreement on the overlap, weighted as the paired comparison is.
std::vector<ItemResult> Items(const Evaluated& e, const RegionSlice& slice, const Lower* lower,
                              const Overlap* overlap, IntervalMethod method) {
  std::vector<ItemResult> items;
  for (size_t i = 0; i < e.campaign->items.size(); ++i) {
    ItemResult r = NamedItem(e.campaign->items[i]);
    std::vector<RateObservation> accuracy, disagree;
    for (size_t k = 0; k < slice.units.size(); ++k) {
      auto it = e.judged->find(slice.units[k]->household_id);
      if (it == e.judged->end()) continue;
      const FindingAnswer a = it->second.item_answer[i];
      if (a == FindingAnswer::kNotApplicable) continue;
      accuracy.push_back({slice.local_cell[k], a == FindingAnswer::kYes ? 1.0 : 0.0, 1.0});
      r.problems += a == FindingAnswer::kNo;
    }
    for (size_t j = 0; lower && j < overlap->units.size(); ++j) {
      const FindingAnswer a = overlap->upper[j]->item_answer[i],
                          b = LowerAnswer(*lower, *overlap->lower[j], i);
      if (a == FindingAnswer::kNotApplicable || b == FindingAnswer::kNotApplicable) continue;
      ++r.compared;
      r.discrepancies += a != b;
      disagree.push_back({slice.local_cell[overlap->units[j]], a != b ? 1.0 : 0.0, 1.0});
    }
    r.accuracy = Figure(EstimateRate(slice.cells, accuracy, method));
    if (lower) r.discrepancy_rate = Figure(EstimateRate(overlap->cells, disagree, method));
    items.push_back(std::move(r));
  }
  return items;
}

std::string RegionPopulation(const std::string& name, RegionCode code, int64_t recorded) {
  return Bilingual("{}（{}）已录入的 {} 户", "the {2} recorded households of {0} ({1})", name,
                   code.ShortString(), recorded);
}

// The lower campaign's own figures over its own households in the region.
LowerOwnFigures LowerOwn(const Lower& lower, const RegionSlice& slice, const std::string& name,
                         RegionCode code, IntervalMethod method) {
  LowerOwnFigures f;
  f.sampled = static_cast<int64_t>(slice.units.size());
  for (const CellCounts& c : slice.cells) f.recorded += c.recorded;
  f.population = Bilingual("{}：{}（{}）已录入的 {} 户", "{0}: the {3} recorded households of {1} ({2})",
                           lower.evaluated.campaign->code, name, code.ShortString(), f.recorded);
  const auto [w, m] = Rates(lower.evaluated, slice, method);
  f.wrong_exit = Figure(w);
  f.missed = Figure(m);
  return f;
}

struct ReportInputs {
  const Evaluated& upper;
  const Lower* lower;
  IntervalMethod method;
};

RegionResult Evaluate(const ReportInputs& in, const RegionSlice& slice, const RegionSlice* lower_slice,
                      RegionCode code, std::string name) {
  RegionResult r;
  r.code = code;
  r.name = std::move(name);
  r.frame_households = slice.frame_households;
  r.sampled = static_cast<int64_t>(slice.units.size());
  for (const CellCounts& c : slice.cells) r.recorded += c.recorded;
  r.population = RegionPopulation(r.name, code, r.recorded);
  const auto [wrong_exit, missed] = Rates(in.upper, slice, in.method);
  r.wrong_exit = Figure(wrong_exit);
  r.missed = Figure(missed);
  std::optional<Overlap> overlap;
  if (in.lower) {
    overlap = OverlapOf(in.upper, *in.lower, slice);
    if (!overlap->units.empty()) r.comparison = Compare(*in.lower, slice, *overlap, in.method);
    if (lower_slice) r.lower_own = LowerOwn(*in.lower, *lower_slice, r.name, code, in.method);
  }
  r.items = Items(in.upper, slice, in.lower, overlap ? &*overlap : nullptr, in.method);
  return r;
}

// Every item of the overlap the two levels answered differently, by village, household, item.
StatusOr<std::vector<ItemDisagreement>> Disagreements(Store& store, const Evaluated& upper,
                                                      const Lower& lower, const RegionSlice& slice) {
  const Overlap o = OverlapOf(upper, lower, slice);
  std::vector<ItemDisagreement> out;
  std::map<uint64_t, std::string> village_names;
  for (size_t j = 0; j < o.units.size(); ++j) {
    const CampaignUnit& u = *slice.units[o.units[j]];
    for (size_t i = 0; i < upper.campaign->items.size(); ++i) {
      const FindingAnswer a = o.upper[j]->item_answer[i], b = LowerAnswer(lower, *o.lower[j], i);
      if (!Differ(a, b)) continue;
      out.push_back({u.household_no, u.village, "", upper.campaign->items[i], a, b});
      village_names.emplace(u.village.value(), "");
    }
  }
  for (auto& [value, name] : village_names) {
    const std::optional<RegionCode> code = RegionCode::FromValue(value);
    if (!code) continue;
    ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(*code));
    if (region) name = region->name;
  }
  for (ItemDisagreement& d : out) d.village_name = village_names[d.village.value()];
  std::stable_sort(out.begin(), out.end(), [](const ItemDisagreement& x, const ItemDisagreement& y) {
    return std::tie(x.village, x.household_no) < std::tie(y.village, y.household_no);
  });
  return out;
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

const RegionSlice* FindSlice(const std::map<uint64_t, RegionSlice>& slices, uint64_t key) {
  auto it = slices.find(key);
  return it == slices.end() ? nullptr : &it->second;
}

// The compare_to campaign's findings, when it has a sample.
struct LowerData {
  std::optional<StoredSample> sample;
  JudgedMap judged;
  std::optional<Lower> lower;
};

Status LoadLower(Store& store, const Evaluated& upper, CampaignReport& report, LowerData& data) {
  if (!report.campaign.compare_to) return OkStatus();
  ASSIGN_OR_RETURN(report.lower, store.campaigns().FindCampaignById(*report.campaign.compare_to));
  ASSIGN_OR_RETURN(data.sample, store.campaigns().LoadSample(*report.campaign.compare_to));
  if (!report.lower || !data.sample) return OkStatus();
  ASSIGN_OR_RETURN(data.judged, LoadJudged(store, *report.lower));
  data.lower = PrepareLower(upper, *report.lower, *data.sample, data.judged);
  return OkStatus();
}

}  // namespace

StatusOr<CampaignReport> BuildCampaignReport(Store& store, std::string_view code, RegionLevel level,
                                             IntervalMethod method) {
  CampaignReport report;
  ASSIGN_OR_RETURN(std::optional<Campaign> campaign, store.campaigns().FindCampaign(code));
  if (!campaign) {
    return NotFoundError(Bilingual("核查活动 {} 不存在", "no campaign {}", code));
  }
  report.campaign = *campaign;
  report.level = level;
  report.interval = std::string(IntervalMethodName(method));
  report.thin_minimum = kMinRecordedHouseholdsPerFigure;
  ASSIGN_OR_RETURN(std::optional<StoredSample> sample, store.campaigns().LoadSample(campaign->id));
  if (!sample) {
    return FailedPreconditionError(Bilingual("核查活动 {} 尚未抽样", "campaign {} has no sample yet", code));
  }
  report.design = sample->design;
  RETURN_IF_ERROR(CheckLevel(*campaign, sample->design, level));
  ASSIGN_OR_RETURN(JudgedMap judged, LoadJudged(store, *campaign));
  const Evaluated upper = Prepare(*campaign, *sample, judged);
  LowerData lower_data;
  RETURN_IF_ERROR(LoadLower(store, upper, report, lower_data));
  const Lower* lower = lower_data.lower ? &*lower_data.lower : nullptr;
  const ReportInputs in{upper, lower, method};
  // The lower campaign's own figures are over its own units in the same region.
  auto slice_both = [&](RegionLevel at) {
    return std::pair(SliceBy(upper, at),
                     lower ? SliceBy(lower->evaluated, at) : std::map<uint64_t, RegionSlice>());
  };
  const auto [top, lower_top] = slice_both(campaign->scope.level());
  ASSIGN_OR_RETURN(std::optional<Region> scope_region, store.FindRegion(campaign->scope));
  const RegionSlice empty;
  const RegionSlice* top_slice = FindSlice(top, campaign->scope.value());
  report.total = Evaluate(in, top_slice ? *top_slice : empty, FindSlice(lower_top, campaign->scope.value()),
                          campaign->scope, scope_region ? scope_region->name : "");
  if (lower) {
    ASSIGN_OR_RETURN(report.disagreements,
                     Disagreements(store, upper, *lower, top_slice ? *top_slice : empty));
  }
  if (level == campaign->scope.level()) return report;
  const auto [by_region, lower_by_region] = slice_both(level);
  ASSIGN_OR_RETURN(std::vector<Region> regions, store.ListRegions(campaign->scope, level));
  for (const Region& region : regions) {
    const RegionSlice* slice = FindSlice(by_region, region.code.value());
    if (!slice || slice->units.empty()) continue;
    report.regions.push_back(
        Evaluate(in, *slice, FindSlice(lower_by_region, region.code.value()), region.code, region.name));
  }
  return report;
}

}  // namespace jz
