// The design-based estimators of sampling.h: the stratified ratio estimator of a rate with its
// linearised variance and interval (EstimateRate), and the paired comparison between levels
// (EstimateDifference). The formulas are stated in sampling.h and docs/campaigns.md.
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>
#include <cmath>
#include <vector>

#include "engine/sampling.h"

namespace jz {
namespace {

// One household's linearised value u_i, its cell, and whether it is in the rate's domain.
struct Term {
  int32_t cell = 0;
  double u = 0;
  bool in_domain = false;
};

double Weight(const CellCounts& c) {
  return static_cast<double>(c.frame_count) / static_cast<double>(c.recorded);
}

// V = Σ_c N_c² (1 − n_c/N_c) s²_uc / n_c; a domain cell with one recorded household borrows
// the pooled within-cell variance of the domain's cells with two or more (as collapsing strata
// would), or 0 when there are none.
double LinearisedVariance(std::span<const CellCounts> cells, std::span<const Term> terms) {
  std::vector<double> sum_u(cells.size(), 0), sum_u2(cells.size(), 0);
  std::vector<bool> in_domain(cells.size(), false);
  for (const Term& t : terms) {
    const auto c = static_cast<size_t>(t.cell);
    sum_u[c] += t.u;
    sum_u2[c] += t.u * t.u;
    if (t.in_domain) in_domain[c] = true;
  }
  auto sum_of_squares = [&](size_t c) {
    const auto n_c = static_cast<double>(cells[c].recorded);
    return std::max(0.0, sum_u2[c] - sum_u[c] * sum_u[c] / n_c);
  };
  double pooled_ss = 0, pooled_df = 0;
  for (size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].recorded < 2 || !in_domain[c]) continue;
    pooled_ss += sum_of_squares(c);
    pooled_df += static_cast<double>(cells[c].recorded) - 1;
  }
  const double pooled_s2 = pooled_df > 0 ? pooled_ss / pooled_df : 0;
  double variance = 0;
  for (size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].recorded < 1) continue;
    const auto n_c = static_cast<double>(cells[c].recorded);
    const auto big_n = static_cast<double>(cells[c].frame_count);
    const double s2 =
        cells[c].recorded >= 2 ? sum_of_squares(c) / (n_c - 1) : (in_domain[c] ? pooled_s2 : 0.0);
    variance += big_n * big_n * (1 - n_c / big_n) * s2 / n_c;
  }
  return variance;
}

bool IsCensus(std::span<const CellCounts> cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const CellCounts& c) { return c.recorded >= c.frame_count; });
}

// Recorded households in the domain minus the cells holding them, at least 1.
template <typename Observation>
double DegreesOfFreedom(size_t cell_count, std::span<const Observation> observations) {
  std::vector<bool> holds(cell_count, false);
  int64_t households = 0, holding = 0;
  for (const Observation& o : observations) {
    if (o.x <= 0) continue;
    ++households;
    if (!holds[static_cast<size_t>(o.cell)]) ++holding;
    holds[static_cast<size_t>(o.cell)] = true;
  }
  return static_cast<double>(std::max<int64_t>(households - holding, 1));
}

// (Σ w x)² / Σ (w x)² over the domain's households: Kish's effective sample size of units of x.
double ZeroEventN(std::span<const CellCounts> cells, std::span<const RateObservation> observations) {
  double sum = 0, sum_sq = 0;
  for (const RateObservation& o : observations) {
    const double wx = Weight(cells[static_cast<size_t>(o.cell)]) * o.x;
    sum += wx;
    sum_sq += wx * wx;
  }
  return sum_sq > 0 ? sum * sum / sum_sq : 0;
}

double TQuantile(double df, double p) {
  namespace bm = boost::math;
  using NoThrow = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                       bm::policies::overflow_error<bm::policies::ignore_error>>;
  return bm::quantile(bm::students_t_distribution<double, NoThrow>(std::max(df, 1.0)), p);
}

}  // namespace

RateEstimate EstimateRate(std::span<const CellCounts> cells, std::span<const RateObservation> observations,
                          IntervalMethod method, double alpha) {
  RateEstimate e;
  e.method = method;
  double y_total = 0, x_total = 0;
  for (const RateObservation& o : observations) {
    const double w = Weight(cells[static_cast<size_t>(o.cell)]);
    y_total += w * o.y;
    x_total += w * o.x;
    e.numerator_units += o.y;
    e.denominator_units += o.x;
    if (o.x > 0) ++e.households;
  }
  if (x_total <= 0) return e;
  e.defined = true;
  e.rate = y_total / x_total;
  std::vector<Term> terms;
  terms.reserve(observations.size());
  for (const RateObservation& o : observations)
    terms.push_back({o.cell, (o.y - e.rate * o.x) / x_total, o.x > 0});
  const double variance = LinearisedVariance(cells, terms);
  e.standard_error = std::sqrt(variance);
  e.degrees_of_freedom = DegreesOfFreedom(cells.size(), observations);
  e.census = IsCensus(cells);
  const IntervalInput input{.rate = e.rate,
                            .variance = variance,
                            .degrees_of_freedom = e.degrees_of_freedom,
                            .households = e.households,
                            .zero_event_n = ZeroEventN(cells, observations),
                            .census = e.census};
  const Interval ci = ProportionInterval(input, method, alpha);
  e.ci_low = ci.low;
  e.ci_high = ci.high;
  e.zero_count_bound = ci.zero_event_bound;
  e.effective_n = ci.effective_n;
  return e;
}

DifferenceEstimate EstimateDifference(std::span<const CellCounts> cells,
                                      std::span<const PairedObservation> observations, double alpha) {
  DifferenceEstimate e;
  double upper_total = 0, lower_total = 0, x_total = 0;
  for (const PairedObservation& o : observations) {
    const double w = Weight(cells[static_cast<size_t>(o.cell)]);
    upper_total += w * o.y_upper;
    lower_total += w * o.y_lower;
    x_total += w * o.x;
    if (o.x <= 0) continue;
    ++e.households;
    if (o.y_upper != o.y_lower) ++e.disagreeing;
  }
  if (x_total <= 0) return e;
  e.defined = true;
  e.upper_rate = upper_total / x_total;
  e.lower_rate = lower_total / x_total;
  e.difference = (upper_total - lower_total) / x_total;
  std::vector<Term> terms;
  terms.reserve(observations.size());
  for (const PairedObservation& o : observations)
    terms.push_back({o.cell, (o.y_upper - o.y_lower - e.difference * o.x) / x_total, o.x > 0});
  e.standard_error = std::sqrt(LinearisedVariance(cells, terms));
  e.degrees_of_freedom = DegreesOfFreedom(cells.size(), observations);
  const double half = TQuantile(e.degrees_of_freedom, 1 - alpha / 2) * e.standard_error;
  e.ci_low = std::max(e.difference - half, -1.0);
  e.ci_high = std::min(e.difference + half, 1.0);
  return e;
}

}  // namespace jz
