// The coverage study of issue 14 (bench/README.md; docs/campaigns.md, "Coverage study"): how
// often the 95% interval of 错退率 covers the truth under the province spot-check design of
// `make demo` (2,000 households, county strata, registered share 0.5, at least 2 per stratum),
// for each interval method of engine/proportion_interval.h, at province level and pooled over
// the 9 prefectures, with the share of misses on each side and the mean width.
//
// Populations are generated in memory (no database): a Jilin-shaped province of households of
// 1-6 persons, exited (registered) and ordinary farm households, with failures planted so that
// the province's true 错退率 is 0.5%, 1%, 2.5% and 5%; the truth at province and prefecture
// level is computed exactly from the population. Failures cluster: each county and each
// township has a relative risk drawn once, and failing households are drawn without
// replacement in proportion to their risk. The four populations share one frame (only the
// failures differ), so each seeded draw serves all four rates: the sample depends on the
// frame and the seed alone. Every household of a draw is recorded.
//
// A statistical study, not a test: the issue keeps timed and statistical checks out of the
// unit tests. `--draws 400` gives a quick run.
//
// Usage: campaign_coverage [--draws N] [--seed S] [--population-seed S] [--threads T]
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/proportion_interval.h"
#include "engine/sampling.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::array<double, 4> kRates = {0.005, 0.01, 0.025, 0.05};
constexpr std::array<jz::IntervalMethod, 3> kMethods = {
    jz::IntervalMethod::kNormal, jz::IntervalMethod::kLogit, jz::IntervalMethod::kKornGraubard};
constexpr double kAlpha = 0.05;

// Jilin's prefecture-level codes and their county-level units (2023 edition: 60 in all).
struct PrefectureShape {
  uint64_t code;
  int counties;
};
constexpr std::array<PrefectureShape, 9> kPrefectures = {
    {{2201, 11}, {2202, 9}, {2203, 5}, {2204, 4}, {2205, 7}, {2206, 6}, {2207, 5}, {2208, 5}, {2224, 8}}};
constexpr size_t kPrefectureCount = kPrefectures.size();

// The population's shape, printed with the results so that a run can be repeated.
constexpr int64_t kMinCountyHouseholds = 150, kMaxCountyHouseholds = 1100;
constexpr uint64_t kMinTownships = 6, kMaxTownships = 16;
constexpr uint64_t kOrdinaryPerMille = 50;  // 一般农户 share, as in the demo registry
constexpr std::array<uint32_t, 6> kSizeWeights = {220, 330, 200, 140, 70, 40};  // 1..6 persons
constexpr double kCountySigma = 0.6, kTownshipSigma = 0.4;                      // log relative risk

// The province spot-check of scripts/demo: --size 2000 --strata county, registered share 0.5.
constexpr int64_t kSampleSize = 2000;
constexpr int32_t kRegisteredShareBp = 5000;
constexpr int32_t kMinPerStratum = 2;

// Targets of issue 14 for the default method at province level.
constexpr double kTargetLow = 0.94, kTargetHigh = 0.96, kTailMax = 0.035;

struct Options {
  int64_t draws = 4000;
  uint64_t seed = 20250301;  // the demo's draw seed; draw d uses seed + d
  uint64_t population_seed = 14;
  int threads = 2;
};

double Uniform(jz::SplitMix64& rng) {  // in (0, 1]
  return (static_cast<double>(rng.Next() >> 11) + 1) * 0x1.0p-53;
}

double StandardNormal(jz::SplitMix64& rng) {  // Box-Muller: reproducible on any platform
  return std::sqrt(-2 * std::log(Uniform(rng))) * std::cos(2 * std::numbers::pi * Uniform(rng));
}

int32_t HouseholdSize(jz::SplitMix64& rng) {
  const uint32_t total = std::accumulate(kSizeWeights.begin(), kSizeWeights.end(), 0u);
  uint64_t r = rng.Bounded(total);
  for (size_t i = 0; i < kSizeWeights.size(); ++i) {
    if (r < kSizeWeights[i]) return static_cast<int32_t>(i) + 1;
    r -= kSizeWeights[i];
  }
  return static_cast<int32_t>(kSizeWeights.size());
}

// The frame is built in the order of sampling.h step 1 (county, registered first, key), so
// DrawSample's sort finds it sorted; keys are 8 digits (short-string, cheap to compare).
struct Population {
  std::vector<jz::FrameUnit> frame;
  std::vector<uint8_t> prefecture;            // index into kPrefectures, per unit
  std::vector<double> risk;                   // relative risk of failing, per unit
  std::vector<std::vector<uint8_t>> failing;  // [rate][unit]: an exited household that fails
  std::array<double, kRates.size()> province_truth{};
  std::array<std::array<double, kPrefectureCount>, kRates.size()> prefecture_truth{};
  int64_t counties = 0, townships = 0, exited = 0, exited_persons = 0, persons = 0;
};

void AddCounty(Population& p, jz::SplitMix64& rng, uint64_t county_code, uint8_t prefecture) {
  const uint64_t stratum = county_code * 1'000'000;  // the county's 12-digit code
  const auto households = kMinCountyHouseholds + static_cast<int64_t>(rng.Bounded(static_cast<uint64_t>(
                                                     kMaxCountyHouseholds - kMinCountyHouseholds + 1)));
  const uint64_t townships = kMinTownships + rng.Bounded(kMaxTownships - kMinTownships + 1);
  const double county_z = StandardNormal(rng);
  std::vector<double> township_risk(townships);
  for (double& r : township_risk)
    r = std::exp(kCountySigma * county_z + kTownshipSigma * StandardNormal(rng));
  std::array<std::vector<std::pair<int32_t, double>>, 2> by_type;  // [ordinary]: (persons, risk)
  for (int64_t i = 0; i < households; ++i) {
    const double risk = township_risk[rng.Bounded(townships)];
    const bool ordinary = rng.Bounded(1000) < kOrdinaryPerMille;
    by_type[ordinary ? 1 : 0].emplace_back(HouseholdSize(rng), risk);
  }
  for (size_t ordinary = 0; ordinary < 2; ++ordinary) {
    for (const auto& [persons, risk] : by_type[ordinary]) {
      p.frame.push_back({fmt::format("{:08}", p.frame.size()), stratum, ordinary == 0, persons});
      p.prefecture.push_back(prefecture);
      p.risk.push_back(ordinary == 0 ? risk : 0);
      p.persons += persons;
      if (ordinary == 0) {
        ++p.exited;
        p.exited_persons += persons;
      }
    }
  }
  ++p.counties;
  p.townships += static_cast<int64_t>(townships);
}

// Plants failures: exited households ordered by an exponential key of rate `risk` (weighted
// sampling without replacement), then taken in that order while their persons fit under the
// target, so that failing persons equal round(rate × exited persons) exactly.
void PlantFailures(Population& p, jz::SplitMix64& rng) {
  std::vector<std::pair<double, size_t>> keyed;
  for (size_t i = 0; i < p.frame.size(); ++i) {
    if (p.frame[i].registered) keyed.emplace_back(-std::log(Uniform(rng)) / p.risk[i], i);
  }
  std::sort(keyed.begin(), keyed.end());
  for (size_t r = 0; r < kRates.size(); ++r) {
    std::vector<uint8_t> failing(p.frame.size(), 0);
    const auto target = std::llround(kRates[r] * static_cast<double>(p.exited_persons));
    int64_t taken = 0;
    for (const auto& [key, i] : keyed) {
      if (taken == target) break;
      if (taken + p.frame[i].persons > target) continue;
      failing[i] = 1;
      taken += p.frame[i].persons;
    }
    p.failing.push_back(std::move(failing));
  }
}

// The exact truth at province and prefecture level, from the planted failures.
void ComputeTruth(Population& p) {
  std::array<double, kPrefectureCount> denominator{};
  for (size_t i = 0; i < p.frame.size(); ++i) {
    if (p.frame[i].registered) denominator[p.prefecture[i]] += p.frame[i].persons;
  }
  for (size_t r = 0; r < kRates.size(); ++r) {
    std::array<double, kPrefectureCount> numerator{};
    for (size_t i = 0; i < p.frame.size(); ++i) {
      if (p.failing[r][i]) numerator[p.prefecture[i]] += p.frame[i].persons;
    }
    const double total = std::accumulate(numerator.begin(), numerator.end(), 0.0);
    p.province_truth[r] = total / static_cast<double>(p.exited_persons);
    for (size_t k = 0; k < kPrefectureCount; ++k) p.prefecture_truth[r][k] = numerator[k] / denominator[k];
  }
}

Population Generate(uint64_t seed) {
  Population p;
  jz::SplitMix64 rng(seed);
  for (size_t k = 0; k < kPrefectureCount; ++k) {
    for (int c = 1; c <= kPrefectures[k].counties; ++c) {
      AddCounty(p, rng, kPrefectures[k].code * 100 + static_cast<uint64_t>(c), static_cast<uint8_t>(k));
    }
  }
  PlantFailures(p, rng);
  ComputeTruth(p);
  return p;
}

// ---- The draws --------------------------------------------------------------------------

struct Tally {
  int64_t intervals = 0, covered = 0, above = 0, below = 0, zero_events = 0, undefined = 0;
  double width = 0;

  void Add(const jz::RateEstimate& e, double truth) {
    if (!e.defined) {
      ++undefined;
      return;
    }
    ++intervals;
    if (truth > e.ci_high) {
      ++above;
    } else if (truth < e.ci_low) {
      ++below;
    } else {
      ++covered;
    }
    if (e.numerator_units == 0) ++zero_events;
    width += e.ci_high - e.ci_low;
  }
  void Merge(const Tally& t) {
    intervals += t.intervals;
    covered += t.covered;
    above += t.above;
    below += t.below;
    zero_events += t.zero_events;
    undefined += t.undefined;
    width += t.width;
  }
};

enum Level : size_t { kProvince = 0, kPrefecture = 1 };
constexpr size_t kFoundBuckets = 11;  // 0..9 failing households found, then 10 or more

// Moments of the province estimate over the draws (any method: the estimate and its variance
// do not depend on it), against n0, the Kish effective number of persons (Σwx)² / Σ(wx)² on
// which the default's exact floor rests.
// Also: the exact (Clopper-Pearson) interval on n0 alone, and how often the default's bound is
// that floor's (the default is the hull of the logit-t interval and this one).
struct Moments {
  int64_t draws = 0;
  double rate = 0, rate_squared = 0, variance = 0, kish_n = 0;
  Tally exact;
  Tally floored;     // the logit-t interval with its variance floored at R(1 - R)/n0 instead
  Tally upper_hull;  // the logit-t interval, its upper bound raised to the exact floor's only
  int64_t floor_high = 0, floor_low = 0;

  void Add(const jz::RateEstimate& e, std::span<const jz::RateObservation> obs,
           std::span<const jz::CellCounts> cells, double truth) {
    double wx = 0, wx_squared = 0;
    for (const jz::RateObservation& o : obs) {
      const jz::CellCounts& c = cells[static_cast<size_t>(o.cell)];
      const double w = static_cast<double>(c.frame_count) / static_cast<double>(c.recorded);
      wx += w * o.x;
      wx_squared += w * o.x * w * o.x;
    }
    ++draws;
    rate += e.rate;
    rate_squared += e.rate * e.rate;
    variance += e.standard_error * e.standard_error;
    const double n0 = wx * wx / wx_squared;
    kish_n += n0;
    if (e.rate <= 0 || e.rate >= 1) {  // every method gives the exact zero-event interval
      for (Tally* x : {&exact, &floored, &upper_hull}) x->Add(e, truth);
      return;
    }
    const double x = n0 * e.rate;
    jz::RateEstimate cp = e;
    cp.ci_low = boost::math::ibeta_inv(x, n0 - x + 1, kAlpha / 2);
    cp.ci_high = boost::math::ibeta_inv(x + 1, n0 - x, 1 - kAlpha / 2);
    exact.Add(cp, truth);
    const double t =
        boost::math::quantile(boost::math::students_t(std::max(e.degrees_of_freedom, 1.0)), 1 - kAlpha / 2);
    const double v = std::max(e.standard_error * e.standard_error, e.rate * (1 - e.rate) / n0);
    const double logit = std::log(e.rate / (1 - e.rate)), half = t * std::sqrt(v) / (e.rate * (1 - e.rate));
    jz::RateEstimate fl = e;
    fl.ci_low = 1 / (1 + std::exp(-(logit - half)));
    fl.ci_high = 1 / (1 + std::exp(-(logit + half)));
    floored.Add(fl, truth);
    const double own = e.standard_error > 0 ? t * e.standard_error / (e.rate * (1 - e.rate)) : half;
    jz::RateEstimate up = e;
    up.ci_low = 1 / (1 + std::exp(-(logit - own)));
    up.ci_high = std::max(1 / (1 + std::exp(-(logit + own))), cp.ci_high);
    upper_hull.Add(up, truth);
    floor_high += std::abs(cp.ci_high - e.ci_high) < 1e-12;
    floor_low += std::abs(cp.ci_low - e.ci_low) < 1e-12;
  }
  void Merge(const Moments& m) {
    draws += m.draws;
    rate += m.rate;
    rate_squared += m.rate_squared;
    variance += m.variance;
    kish_n += m.kish_n;
    exact.Merge(m.exact);
    floored.Merge(m.floored);
    upper_hull.Merge(m.upper_hull);
    floor_high += m.floor_high;
    floor_low += m.floor_low;
  }
};

struct Tallies {
  std::array<std::array<std::array<Tally, kMethods.size()>, 2>, kRates.size()> by_level{};
  // The default method at province level by the failing households the draw found: where its
  // misses come from.
  std::array<std::array<Tally, kFoundBuckets>, kRates.size()> by_found{};
  std::array<Moments, kRates.size()> province{};

  void Merge(const Tallies& t) {
    for (size_t r = 0; r < kRates.size(); ++r) {
      for (size_t l = 0; l < 2; ++l)
        for (size_t m = 0; m < kMethods.size(); ++m) by_level[r][l][m].Merge(t.by_level[r][l][m]);
      for (size_t b = 0; b < kFoundBuckets; ++b) by_found[r][b].Merge(t.by_found[r][b]);
      province[r].Merge(t.province[r]);
    }
  }
};

// Where each cell of the (fixed) cell list falls: its prefecture and its index among the
// prefecture's cells. The cells depend on the frame only, so every draw has the same ones.
struct CellMap {
  std::vector<uint8_t> prefecture;
  std::vector<int32_t> local;
  std::array<int32_t, kPrefectureCount> cells{};
};

CellMap MapCells(const jz::Sample& sample) {
  CellMap m;
  for (const jz::SampleCell& c : sample.cells) {
    const uint64_t code = c.stratum / 100'000'000;  // 22PPCC000000 → 22PP
    const auto it = std::find_if(kPrefectures.begin(), kPrefectures.end(),
                                 [&](const PrefectureShape& s) { return s.code == code; });
    const auto k = static_cast<size_t>(it - kPrefectures.begin());
    m.prefecture.push_back(static_cast<uint8_t>(k));
    m.local.push_back(m.cells[k]++);
  }
  return m;
}

// One thread's share of the draws, with its buffers.
class Worker {
 public:
  Worker(const Population& p, const CellMap& m) : p_(p), m_(m) {
    for (size_t k = 0; k < kPrefectureCount; ++k) pref_cells_[k].resize(static_cast<size_t>(m.cells[k]));
  }

  // Draws d = first, first + step, …, < draws. Fails when a draw fails.
  jz::Status Run(const Options& o, int64_t first, int64_t step) {
    jz::SampleDesign design{.size = kSampleSize,
                            .allocation = jz::Allocation::kProportional,
                            .registered_share_bp = kRegisteredShareBp,
                            .min_per_stratum = kMinPerStratum};
    for (int64_t d = first; d < o.draws; d += step) {
      design.seed = o.seed + static_cast<uint64_t>(d);
      ASSIGN_OR_RETURN(jz::Sample sample, jz::DrawSample(p_.frame, design));
      if (sample.cells.size() != m_.local.size()) return jz::InternalError("the cells changed between draws");
      Fill(sample);
      for (size_t r = 0; r < kRates.size(); ++r) Estimate(sample, r);
    }
    return jz::OkStatus();
  }

  const Tallies& tallies() const { return tallies_; }

 private:
  void Fill(const jz::Sample& sample) {
    cells_.clear();
    for (size_t c = 0; c < sample.cells.size(); ++c) {
      const jz::CellCounts counts{sample.cells[c].frame_count, sample.cells[c].sample_count};
      cells_.push_back(counts);  // every sampled household recorded
      pref_cells_[m_.prefecture[c]][static_cast<size_t>(m_.local[c])] = counts;
    }
  }

  void Estimate(const jz::Sample& sample, size_t r) {
    obs_.clear();
    for (auto& o : pref_obs_) o.clear();
    for (const jz::SampledUnit& u : sample.units) {
      const auto i = static_cast<size_t>(u.frame_index);
      if (!p_.frame[i].registered) continue;  // 一般农户: outside the 错退率 domain
      const double x = p_.frame[i].persons, y = p_.failing[r][i] ? x : 0;
      const auto c = static_cast<size_t>(u.cell);
      obs_.push_back({u.cell, y, x});
      pref_obs_[m_.prefecture[c]].push_back({m_.local[c], y, x});
    }
    for (size_t m = 0; m < kMethods.size(); ++m) {
      const jz::RateEstimate province = jz::EstimateRate(cells_, obs_, kMethods[m], kAlpha);
      tallies_.by_level[r][kProvince][m].Add(province, p_.province_truth[r]);
      if (kMethods[m] == jz::IntervalMethod::kLogit) {
        tallies_.province[r].Add(province, obs_, cells_, p_.province_truth[r]);
        const auto found =
            std::count_if(obs_.begin(), obs_.end(), [](const jz::RateObservation& o) { return o.y > 0; });
        tallies_.by_found[r][std::min(static_cast<size_t>(found), kFoundBuckets - 1)].Add(
            province, p_.province_truth[r]);
      }
      for (size_t k = 0; k < kPrefectureCount; ++k) {
        tallies_.by_level[r][kPrefecture][m].Add(
            jz::EstimateRate(pref_cells_[k], pref_obs_[k], kMethods[m], kAlpha), p_.prefecture_truth[r][k]);
      }
    }
  }

  const Population& p_;
  const CellMap& m_;
  std::vector<jz::CellCounts> cells_;
  std::array<std::vector<jz::CellCounts>, kPrefectureCount> pref_cells_;
  std::vector<jz::RateObservation> obs_;
  std::array<std::vector<jz::RateObservation>, kPrefectureCount> pref_obs_;
  Tallies tallies_{};
};

// Runs the draws on o.threads threads (draw d on thread d mod threads) and sums the tallies
// in thread order, so a run is repeatable for a given thread count.
jz::StatusOr<Tallies> RunDraws(const Population& p, const Options& o) {
  ASSIGN_OR_RETURN(jz::Sample first, jz::DrawSample(p.frame, {.size = kSampleSize,
                                                              .registered_share_bp = kRegisteredShareBp,
                                                              .min_per_stratum = kMinPerStratum,
                                                              .seed = o.seed}));
  const CellMap map = MapCells(first);
  std::vector<Worker> workers;
  workers.reserve(static_cast<size_t>(o.threads));
  for (int t = 0; t < o.threads; ++t) workers.emplace_back(p, map);
  std::vector<jz::Status> status(static_cast<size_t>(o.threads));
  std::vector<std::thread> threads;
  for (size_t t = 0; t < workers.size(); ++t) {
    threads.emplace_back([&, t] { status[t] = workers[t].Run(o, static_cast<int64_t>(t), o.threads); });
  }
  for (std::thread& t : threads) t.join();
  Tallies sum{};
  for (size_t t = 0; t < workers.size(); ++t) {
    RETURN_IF_ERROR(status[t]);
    sum.Merge(workers[t].tallies());
  }
  return sum;
}

// ---- Output -----------------------------------------------------------------------------

double Share(int64_t part, int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0;
}

std::string_view MethodLabel(jz::IntervalMethod m) {
  switch (m) {
    case jz::IntervalMethod::kNormal:
      return "normal (before)";
    case jz::IntervalMethod::kLogit:
      return "logit (default)";
    case jz::IntervalMethod::kKornGraubard:
      return "korn-graubard";
  }
  return "?";
}

void PrintParameters(const Population& p, const Options& o) {
  fmt::print(
      "population (seed {}): {} prefectures, {} counties, {} townships; {} households "
      "({} exited, {} 一般农户, {}‰), {} persons ({} in exited households)\n",
      o.population_seed, kPrefectureCount, p.counties, p.townships, p.frame.size(), p.exited,
      static_cast<int64_t>(p.frame.size()) - p.exited, kOrdinaryPerMille, p.persons, p.exited_persons);
  fmt::print(
      "  county size {}-{} households, {}-{} townships each; household size 1-6 persons "
      "(weights {})\n",
      kMinCountyHouseholds, kMaxCountyHouseholds, kMinTownships, kMaxTownships, fmt::join(kSizeWeights, "/"));
  fmt::print(
      "  failures cluster: relative risk exp({}·Z_county + {}·Z_township), Z standard normal, "
      "drawn once;\n  failing exited households drawn without replacement in proportion to it "
      "until their persons are round(rate × {})\n",
      kCountySigma, kTownshipSigma, p.exited_persons);
  fmt::print(
      "design: DrawSample size {}, county strata, proportional, registered share {:.2f}, "
      "at least {} per stratum; every household recorded\n",
      kSampleSize, kRegisteredShareBp / 10000.0, kMinPerStratum);
  fmt::print("draws: {} (seeds {}..{}), the same draws for every rate, on {} thread(s); alpha {}\n", o.draws,
             o.seed, o.seed + static_cast<uint64_t>(o.draws) - 1, o.threads, kAlpha);
}

// The truth and how it varies between counties and prefectures at rate r.
void PrintTruth(const Population& p, size_t r) {
  std::vector<double> county_rates;
  double num = 0, den = 0;
  for (size_t i = 0; i <= p.frame.size(); ++i) {
    if (i == p.frame.size() || (i > 0 && p.frame[i].stratum != p.frame[i - 1].stratum)) {
      county_rates.push_back(num / den);
      num = den = 0;
      if (i == p.frame.size()) break;
    }
    if (!p.frame[i].registered) continue;
    den += p.frame[i].persons;
    num += p.failing[r][i] ? p.frame[i].persons : 0;
  }
  std::sort(county_rates.begin(), county_rates.end());
  auto quantile = [&](double q) {
    return 100 * county_rates[static_cast<size_t>(q * static_cast<double>(county_rates.size() - 1))];
  };
  const auto none = std::count(county_rates.begin(), county_rates.end(), 0.0);
  const auto [lo, hi] = std::minmax_element(p.prefecture_truth[r].begin(), p.prefecture_truth[r].end());
  fmt::print(
      "\n== true 错退率 {:.4f} % at province (target {:.1f} %); prefectures {:.3f}-{:.3f} %; counties: "
      "{} of {} without failures, 10/50/90th percentiles {:.2f}/{:.2f}/{:.2f} %\n",
      100 * p.province_truth[r], 100 * kRates[r], 100 * *lo, 100 * *hi, none, county_rates.size(),
      quantile(0.1), quantile(0.5), quantile(0.9));
}

void PrintTable(const Tallies& t, size_t r) {
  fmt::print("{:<11} {:<16} {:>9} {:>9} {:>7} {:>8} {:>8} {:>11} {:>10}\n", "level", "method", "intervals",
             "coverage", "MC SE", "above", "below", "mean width", "0 found");
  for (size_t l = 0; l < 2; ++l) {
    for (size_t m = 0; m < kMethods.size(); ++m) {
      const Tally& x = t.by_level[r][l][m];
      const double cover = Share(x.covered, x.intervals);
      const double mc_se =
          x.intervals > 0 ? std::sqrt(cover * (1 - cover) / static_cast<double>(x.intervals)) : 0;
      fmt::print("{:<11} {:<16} {:>9} {:>8.2f}% {:>6.2f}% {:>7.2f}% {:>7.2f}% {:>9.3f}pp {:>9.2f}%{}\n",
                 l == kProvince ? "province" : "prefecture", MethodLabel(kMethods[m]), x.intervals,
                 100 * cover, 100 * mc_se, 100 * Share(x.above, x.intervals),
                 100 * Share(x.below, x.intervals),
                 100 * x.width / static_cast<double>(std::max<int64_t>(1, x.intervals)),
                 100 * Share(x.zero_events, x.intervals),
                 x.undefined > 0 ? fmt::format("  ({} undefined)", x.undefined) : "");
    }
  }
}

// The default's province intervals by the failing households the draw found.
void PrintByFound(const Tallies& t, size_t r) {
  fmt::print("  default at province by failing households found (draws: above/below):");
  for (size_t b = 0; b < kFoundBuckets; ++b) {
    const Tally& x = t.by_found[r][b];
    if (x.intervals == 0) continue;
    fmt::print(" {}{}: {} ({}/{})", b, b + 1 == kFoundBuckets ? "+" : "", x.intervals, x.above, x.below);
  }
  fmt::print("\n");
}

// How variable the province estimate is across the draws, beside what the design's variance
// estimate says and what a simple random sample of n0 persons would give (R(1 − R)/n0).
void PrintAlternative(std::string_view what, const Tally& x) {
  fmt::print("  {}: coverage {:.2f} %, above {:.2f} %, below {:.2f} %, mean width {:.3f}pp\n", what,
             100 * Share(x.covered, x.intervals), 100 * Share(x.above, x.intervals),
             100 * Share(x.below, x.intervals),
             100 * x.width / static_cast<double>(std::max<int64_t>(1, x.intervals)));
}

void PrintMoments(const Tallies& t, const Population& p, size_t r) {
  const Moments& m = t.province[r];
  const auto n = static_cast<double>(m.draws);
  const double mean = m.rate / n, spread = (m.rate_squared - n * mean * mean) / (n - 1);
  const double truth = p.province_truth[r], kish_n = m.kish_n / n, srs = truth * (1 - truth) / kish_n;
  fmt::print(
      "  province estimate over the draws: mean {:.4f} % (truth {:.4f} %), variance {:.3e}; mean "
      "estimated variance {:.3e}; Kish n0 {:.0f} persons; design effect against n0: {:.2f} "
      "(estimated {:.2f})\n",
      100 * mean, 100 * truth, spread, m.variance / n, kish_n, spread / srs, m.variance / n / srs);
  PrintAlternative("exact interval on n0 alone (the default's floor)", m.exact);
  PrintAlternative("logit-t with V floored at R(1 - R)/n0, no hull", m.floored);
  PrintAlternative("logit-t, only its upper bound raised to the exact floor's", m.upper_hull);
  fmt::print(
      "  the default's upper bound is the exact floor's in {:.1f} % of draws, its lower bound in {:.1f} %\n",
      100 * Share(m.floor_high, m.draws), 100 * Share(m.floor_low, m.draws));
}

// Whether the default (logit) meets the target at province level, per rate.
void PrintVerdict(const Tallies& t) {
  const size_t m = static_cast<size_t>(
      std::find(kMethods.begin(), kMethods.end(), jz::IntervalMethod::kLogit) - kMethods.begin());
  fmt::print(
      "\n== target for the default (logit) at province level: coverage {:.0f}-{:.0f} %, neither tail "
      "above {:.1f} %\n",
      100 * kTargetLow, 100 * kTargetHigh, 100 * kTailMax);
  for (size_t r = 0; r < kRates.size(); ++r) {
    const Tally& x = t.by_level[r][kProvince][m];
    const double cover = Share(x.covered, x.intervals), above = Share(x.above, x.intervals),
                 below = Share(x.below, x.intervals);
    // The target is on the true coverage; the study measures it with Monte-Carlo error, so a
    // figure within two standard errors of the band is not evidence of a miss (and is said so).
    const double se = std::sqrt(cover * (1 - cover) / static_cast<double>(x.intervals));
    const bool inside = cover >= kTargetLow && cover <= kTargetHigh && above <= kTailMax && below <= kTailMax;
    const bool within_error = cover >= kTargetLow - 2 * se && cover <= kTargetHigh + 2 * se &&
                              above <= kTailMax + 2 * se && below <= kTailMax + 2 * se;
    fmt::print("  rate {:>4.1f} %: coverage {:.2f} % (MC SE {:.2f}), above {:.2f} %, below {:.2f} %: {}\n",
               100 * kRates[r], 100 * cover, 100 * se, 100 * above, 100 * below,
               inside         ? "meets the target"
               : within_error ? "meets the target within Monte-Carlo error (2 SE)"
                              : "MISSES the target");
  }
}

long MaxRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// Returns false on an unknown option or a bad value.
bool ParseOptions(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) return false;
    const std::string_view value = argv[++i];
    bool ok = false;
    if (flag == "--draws") ok = ParseNumber(value, o.draws) && o.draws > 0;
    if (flag == "--seed") ok = ParseNumber(value, o.seed);
    if (flag == "--population-seed") ok = ParseNumber(value, o.population_seed);
    if (flag == "--threads") ok = ParseNumber(value, o.threads) && o.threads > 0 && o.threads <= 64;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseOptions(argc, argv, o)) {
    std::fprintf(
        stderr,
        "usage: campaign_coverage [--draws N (4000)] [--seed S (20250301)] [--population-seed S (14)] "
        "[--threads T (2)]\n");
    return 2;
  }
  const auto start = Clock::now();
  const Population p = Generate(o.population_seed);
  PrintParameters(p, o);
  jz::StatusOr<Tallies> tallies = RunDraws(p, o);
  if (!tallies.ok()) {
    std::fprintf(stderr, "campaign_coverage: %s\n", tallies.status().ToString().c_str());
    return 1;
  }
  for (size_t r = 0; r < kRates.size(); ++r) {
    PrintTruth(p, r);
    PrintTable(*tallies, r);
    PrintByFound(*tallies, r);
    PrintMoments(*tallies, p, r);
  }
  PrintVerdict(*tallies);
  fmt::print("\nelapsed {:.1f} s, peak RSS {} MiB\n",
             std::chrono::duration<double>(Clock::now() - start).count(), MaxRssMib());
  return 0;
}
