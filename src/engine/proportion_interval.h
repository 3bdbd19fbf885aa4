// Confidence intervals for small proportions estimated under a stratified sample design, from
// their inputs (engine/sampling.h EstimateRate fills them). Pure computation; quantiles of
// Student's t and of the beta distribution come from Boost.Math.
//
// THE INTERVALS (docs/campaigns.md states them with a worked example):
//  - kLogit (default), as R's survey::svyciprop(method = "logit"): on the logit scale,
//    logit(R̂) ± t_{df, 1−α/2} · SE / (R̂ (1 − R̂)), transformed back. df = recorded households
//    in the domain minus the cells they fall in (at least 1). Always strictly inside (0, 1)
//    when 0 < R̂ < 1 and SE > 0, so a lower bound is above zero whenever a failure was found.
//  - kKornGraubard (Korn & Graubard 1998): Clopper–Pearson on the effective sample size
//    n* = R̂ (1 − R̂) / V, adjusted by (t_{n−1, 1−α/2} / t_{df, 1−α/2})², with x* = n* R̂
//    events (the beta quantiles with non-integer x*). Conservative: coverage ≥ 1 − α.
//  - kNormal: R̂ ± z_{1−α/2} · SE clipped to [0, 1], with the one-sided zero-event bound
//    1 − α^(1/m) on m households — exactly the interval before issue 14, kept only for the
//    coverage study's comparison.
// Zero events (R̂ = 0, not a census), kLogit and kKornGraubard: the two-sided exact (Clopper–Pearson)
// upper bound for zero events, 1 − (α/2)^(1/n₀), on n₀ = the effective number of
// independent units in the rate's own unit (IntervalInput::zero_event_n); symmetrically for
// R̂ = 1. In a complete census (every cell recorded in full) V = 0 and the interval has zero
// width for every method.
// Never narrower than exact: for kLogit and kKornGraubard with 0 < R̂ < 1 the interval is the hull of
// the method's interval and the exact (Clopper–Pearson) interval of x = n₀ R̂ events in n₀
// units: the estimated design effect floored at 1 against Kish's effective sample size (the
// usual truncation of Korn–Graubard's n*). It joins the zero-event bound continuously, so one
// failing household never gives a lower upper bound than none, and a failure in a cell
// recorded nearly in full (V̂ ≈ 0) still gets a sampling interval.
// Monotone: the first failure never lowers either bound (tested). OPEN: later failures can
// lower the upper bound a little when the new failure's w·x is small beside an earlier one's
// (the estimated CV falls); see proportion_interval_test.cc.
//
// Thread safety: all functions are pure.
#ifndef JZ_ENGINE_PROPORTION_INTERVAL_H_
#define JZ_ENGINE_PROPORTION_INTERVAL_H_

#include <cstdint>
#include <string_view>

namespace jz {

enum class IntervalMethod : uint8_t {
  kLogit = 1,         // default
  kKornGraubard = 2,  // guaranteed coverage, wider
  kNormal = 3,        // legacy, for comparison only
};

// "logit", "korn-graubard", "normal".
std::string_view IntervalMethodName(IntervalMethod method);

// What an interval is computed from (filled by EstimateRate).
struct IntervalInput {
  double rate = 0;                // R̂
  double variance = 0;            // V(R̂), Taylor-linearised
  double degrees_of_freedom = 1;  // recorded households in the domain − their cells, ≥ 1
  int64_t households = 0;         // recorded households in the domain
  // The effective number of independent units for the zero-event bound, in the rate's unit:
  // (Σ w_i x_i)² / Σ (w_i x_i)² over the domain's households (w the design weight, x the
  // denominator units, e.g. persons), the sample size of persons that whole-household
  // failures are worth. Equals `households` for equal weights and sizes.
  double zero_event_n = 0;
  bool census = false;  // every cell recorded in full: no sampling error
};

struct Interval {
  double low = 0;
  double high = 0;
  bool zero_event_bound = false;  // from the exact zero-event (or all-event) bound
  double effective_n = 0;         // Korn–Graubard's n* (or n₀ for zero events); 0 otherwise
};

// The (1 − alpha) interval for `input` by `method`. REQUIRES: 0 < alpha < 1, 0 ≤ rate ≤ 1.
Interval ProportionInterval(const IntervalInput& input, IntervalMethod method, double alpha = 0.05);

}  // namespace jz

#endif  // JZ_ENGINE_PROPORTION_INTERVAL_H_
