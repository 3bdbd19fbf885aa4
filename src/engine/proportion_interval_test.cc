// Tests of the intervals of proportion_interval.h, through EstimateRate (sampling.h).
#include "engine/proportion_interval.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "engine/sampling.h"

namespace jz {
namespace {

// A stratified design with unequal weights and household sizes: cells (N_c, n_c) and the
// persons of each recorded household.
struct Design {
  std::vector<CellCounts> cells;
  std::vector<RateObservation> households;  // y = 0: nobody fails yet
};

Design RandomDesign(uint64_t seed, int64_t min_recorded = 2, int64_t spread = 5) {
  std::mt19937_64 rng(seed);
  Design d;
  const int cell_count = 2 + static_cast<int>(rng() % 4);
  for (int c = 0; c < cell_count; ++c) {
    const int64_t recorded = min_recorded + static_cast<int64_t>(rng() % static_cast<uint64_t>(spread));
    const int64_t frame = recorded + static_cast<int64_t>(rng() % 300);
    d.cells.push_back({frame, recorded});
    for (int64_t i = 0; i < recorded; ++i) d.households.push_back({c, 0, 1 + static_cast<double>(rng() % 6)});
  }
  return d;
}

// The small design of docs/campaigns.md's worked example. Cell A: N = 20, n = 3 (w = 20/3);
// cell B: N = 60, n = 3 (w = 20). Households (persons x, failing persons y):
// A: (2, 2), (3, 0), (1, 0); B: (1, 1), (4, 0), (2, 0).
//   Y = 20/3·2 + 20·1 = 33.333, X = 20/3·6 + 20·7 = 180, R = 0.185185.
//   u = (y − R x)/X: A 0.0090535, −0.0030864, −0.0010288 (s² = 4.2211e-5);
//                    B 0.0045267, −0.0041152, −0.0020576 (s² = 2.0379e-5).
//   V = 20²(1 − 3/20)·4.2211e-5/3 + 60²(1 − 3/60)·2.0379e-5/3 = 0.0047839 + 0.0232316
//     = 0.0280154, SE = 0.167378; df = 6 − 2 = 4, t_{4, 0.975} = 2.776445 (tables).
//   logit(R) = ln(5/22) = −1.481605; half = 2.776445 · 0.167378 / (R(1 − R)) = 3.079801;
//   CI = expit(−4.561406), expit(1.598196) = [0.0103393, 0.8317661].
//   n0 = X² / Σ(w x)² = 32400 / 9022.2 = 3.591133; the exact interval of x = n0 R = 0.665025
//   events in n0 units is [0.000889, 0.789476]; the interval is the hull of the two:
//   [0.000889, 0.831766] (the lower bound of a failure in a heavy household is the exact one).
// Korn–Graubard, with B's failing household of 4 persons instead of 1 ((4, 4), (1, 0), (2, 0)):
//   R = 0.518519, V = 0.0937041, t_{5, 0.975} = 2.570582, n* = R(1−R)/V·(2.570582/2.776445)²
//   = 2.283863, x* = 1.184225; CI = [B⁻¹(0.025; x*, n*−x*+1), B⁻¹(0.975; x*+1, n*−x*)]
//   = [0.0221397, 0.9835304].
// The quantiles were computed with standard-library Python (incomplete beta by
// continued fraction, bisection), not with Boost.
struct SmallDesign {
  std::vector<CellCounts> cells{{20, 3}, {60, 3}};
  std::vector<RateObservation> households{{0, 2, 2}, {0, 0, 3}, {0, 0, 1}, {1, 1, 1}, {1, 0, 4}, {1, 0, 2}};
};

TEST(ProportionInterval, LogitByHandOnASmallDesign) {
  const SmallDesign d;
  const RateEstimate e = EstimateRate(d.cells, d.households);
  EXPECT_NEAR(e.rate, 0.1851851851851852, 1e-15);
  EXPECT_NEAR(e.standard_error, 0.16737811538556271, 1e-12);
  EXPECT_EQ(e.degrees_of_freedom, 4);
  EXPECT_EQ(e.method, IntervalMethod::kLogit);
  EXPECT_NEAR(e.ci_low, 0.0008890129139654214, 1e-9);
  EXPECT_NEAR(e.ci_high, 0.8317661170684038, 1e-9);
  EXPECT_FALSE(e.zero_count_bound);
  EXPECT_FALSE(e.census);
}

TEST(ProportionInterval, KornGraubardByHandOnASmallDesign) {
  SmallDesign d;
  d.households[3] = {1, 4, 4};
  d.households[4] = {1, 0, 1};
  const RateEstimate e = EstimateRate(d.cells, d.households, IntervalMethod::kKornGraubard);
  EXPECT_NEAR(e.rate, 0.5185185185185185, 1e-15);
  EXPECT_NEAR(e.effective_n, 2.283862520802228, 1e-9);
  EXPECT_NEAR(e.ci_low, 0.02213965912028459, 1e-9);
  EXPECT_NEAR(e.ci_high, 0.9835303873734058, 1e-9);
}

TEST(ProportionInterval, NormalIsThePreIssue14Interval) {
  const SmallDesign d;
  const RateEstimate e = EstimateRate(d.cells, d.households, IntervalMethod::kNormal);
  EXPECT_DOUBLE_EQ(e.ci_low, 0);
  EXPECT_DOUBLE_EQ(e.ci_high, e.rate + 1.959963984540054 * e.standard_error);
  EXPECT_EQ(IntervalMethodName(IntervalMethod::kNormal), "normal");
  EXPECT_EQ(IntervalMethodName(IntervalMethod::kLogit), "logit");
  EXPECT_EQ(IntervalMethodName(IntervalMethod::kKornGraubard), "korn-graubard");
}

TEST(ProportionInterval, ZeroEventsAllEventsAndCensus) {
  SmallDesign d;
  for (RateObservation& o : d.households) o.y = 0;
  const RateEstimate none = EstimateRate(d.cells, d.households);
  // Two-sided exact bound on n0 = 3.591133 persons' worth of units: 1 − 0.025^(1/n0).
  EXPECT_TRUE(none.zero_count_bound);
  EXPECT_DOUBLE_EQ(none.ci_low, 0);
  EXPECT_NEAR(none.ci_high, 0.6419987614324085, 1e-12);
  EXPECT_NEAR(none.effective_n, 3.591133004926108, 1e-12);
  for (RateObservation& o : d.households) o.y = o.x;
  const RateEstimate all = EstimateRate(d.cells, d.households);
  EXPECT_TRUE(all.zero_count_bound);
  EXPECT_NEAR(all.ci_low, 1 - none.ci_high, 1e-12);
  EXPECT_DOUBLE_EQ(all.ci_high, 1);
  // A census: zero width whatever the method.
  const std::vector<CellCounts> census{{3, 3}, {3, 3}};
  for (IntervalMethod m : {IntervalMethod::kLogit, IntervalMethod::kKornGraubard, IntervalMethod::kNormal}) {
    const RateEstimate c = EstimateRate(census, SmallDesign().households, m);
    EXPECT_TRUE(c.census);
    EXPECT_DOUBLE_EQ(c.ci_low, c.rate);
    EXPECT_DOUBLE_EQ(c.ci_high, c.rate);
  }
}

// One failing household never gives a narrower interval than none, and the lower bound is
// above zero as soon as one is found, wherever it falls.
TEST(ProportionInterval, FirstFailureNeverNarrowsAndLiftsTheLowerBound) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    Design d = seed % 2 ? RandomDesign(seed) : RandomDesign(seed, 10, 30);
    for (IntervalMethod m : {IntervalMethod::kLogit, IntervalMethod::kKornGraubard}) {
      const RateEstimate none = EstimateRate(d.cells, d.households, m);
      for (RateObservation& o : d.households) {
        o.y = o.x;
        const RateEstimate one = EstimateRate(d.cells, d.households, m);
        o.y = 0;
        EXPECT_GE(one.ci_high, none.ci_high) << "design " << seed;
        EXPECT_GT(one.ci_low, 0) << "design " << seed;
      }
    }
  }
}

struct Violation {
  int step = 0;
  double before_low, before_high, after_low, after_high;
};

// Turns households into failures one at a time in a seeded order; returns the first step at
// which a bound fell.
std::vector<Violation> FallingBounds(Design d, IntervalMethod method, uint64_t order_seed) {
  std::vector<size_t> order(d.households.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(order_seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<Violation> out;
  RateEstimate before = EstimateRate(d.cells, d.households, method);
  for (size_t k = 0; k < order.size(); ++k) {
    d.households[order[k]].y = d.households[order[k]].x;
    const RateEstimate after = EstimateRate(d.cells, d.households, method);
    if (after.ci_low < before.ci_low - 1e-12 || after.ci_high < before.ci_high - 1e-12)
      out.push_back({static_cast<int>(k + 1), before.ci_low, before.ci_high, after.ci_low, after.ci_high});
    before = after;
  }
  return out;
}

// OPEN (issue 14): after the first failure, a bound can still fall by a few per cent: adding a
// failing household whose weight × persons is small beside an earlier one lowers the estimated
// coefficient of variation, and the upper bound ≈ R̂·exp(t·CV) falls when CV > 1/t (likewise with
// small df, from one failure to two). Any interval computed from (R̂, V̂) alone does this; the
// test prints how often, and is enabled once a monotone construction lands.
TEST(ProportionInterval, DISABLED_MonotoneInEveryStep) {
  for (IntervalMethod method : {IntervalMethod::kLogit, IntervalMethod::kKornGraubard}) {
    int violations = 0, sequences = 0, first_step = 0, big = 0;
    for (uint64_t seed = 1; seed <= 200; ++seed) {
      const Design d = seed % 2 ? RandomDesign(seed) : RandomDesign(seed, 10, 30);
      for (uint64_t order = 1; order <= 5; ++order) {
        ++sequences;
        const std::vector<Violation> v = FallingBounds(d, method, order);
        if (!v.empty() && violations < 8) {
          std::printf("%s design %llu order %llu step %d: [%.5f, %.5f] -> [%.5f, %.5f]\n",
                      std::string(IntervalMethodName(method)).c_str(), static_cast<unsigned long long>(seed),
                      static_cast<unsigned long long>(order), v[0].step, v[0].before_low, v[0].before_high,
                      v[0].after_low, v[0].after_high);
        }
        violations += v.empty() ? 0 : 1;
        for (const Violation& x : v) {
          first_step += x.step == 1;
          big += seed % 2 == 0;
        }
      }
    }
    std::printf("%d violations at step 1, %d on the larger designs\n", first_step, big);
    EXPECT_EQ(violations, 0) << IntervalMethodName(method) << " over " << sequences << " sequences";
  }
}

}  // namespace
}  // namespace jz
