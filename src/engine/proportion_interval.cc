// Intervals for small proportions under a sample design; the methods are stated in
// proportion_interval.h and docs/campaigns.md.
#include "engine/proportion_interval.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>
#include <cmath>

namespace jz {
namespace {

namespace bm = boost::math;

// The engine does not throw: Boost reports a domain error or an overflow as NaN or ±inf, which
// the callers below check. Inputs are validated first, so these are programmer errors.
using NoThrow = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                     bm::policies::overflow_error<bm::policies::ignore_error>,
                                     bm::policies::evaluation_error<bm::policies::ignore_error>,
                                     bm::policies::pole_error<bm::policies::ignore_error>>;

// The normal quantile the pre-issue-14 interval used for alpha = 0.05, to the last bit.
constexpr double kZ95 = 1.959963984540054;

double NormalQuantile(double p) { return bm::quantile(bm::normal_distribution<double, NoThrow>(0, 1), p); }

// t_{df, p}; df below 1 is raised to 1 (a domain with one household per cell has no df).
double TQuantile(double df, double p) {
  return bm::quantile(bm::students_t_distribution<double, NoThrow>(std::max(df, 1.0)), p);
}

double BetaQuantile(double a, double b, double p) {
  const double q = bm::quantile(bm::beta_distribution<double, NoThrow>(a, b), p);
  return std::isfinite(q) ? std::clamp(q, 0.0, 1.0) : (p < 0.5 ? 0.0 : 1.0);
}

double Logit(double p) { return std::log(p / (1 - p)); }
double Expit(double z) { return 1 / (1 + std::exp(-z)); }

// The two-sided exact (Clopper–Pearson) bound for zero events in n units: 1 − (α/2)^(1/n);
// for all events, the mirror image.
Interval ZeroEventInterval(const IntervalInput& in, double alpha) {
  const double n = std::max(in.zero_event_n, 1.0);
  const double bound = 1 - std::pow(alpha / 2, 1 / n);
  Interval out{.zero_event_bound = true, .effective_n = n};
  if (in.rate <= 0) {
    out.high = bound;
  } else {
    out.low = 1 - bound;
    out.high = 1;
  }
  return out;
}

Interval NormalInterval(const IntervalInput& in, double alpha) {
  const double z = alpha == 0.05 ? kZ95 : NormalQuantile(1 - alpha / 2);
  const double se = std::sqrt(in.variance);
  Interval out{.low = std::clamp(in.rate - z * se, 0.0, 1.0), .high = std::clamp(in.rate + z * se, 0.0, 1.0)};
  if (in.households > 0 && (in.rate == 0 || in.rate == 1)) {
    // One-sided bound on households, as before issue 14 (see the header).
    const double bound = 1 - std::pow(alpha, 1 / static_cast<double>(in.households));
    if (in.rate == 0) {
      out.high = std::max(out.high, bound);
    } else {
      out.low = std::min(out.low, 1 - bound);
    }
    out.zero_event_bound = true;
  }
  return out;
}

Interval LogitInterval(const IntervalInput& in, double variance, double alpha) {
  const double t = TQuantile(in.degrees_of_freedom, 1 - alpha / 2);
  const double half = t * std::sqrt(variance) / (in.rate * (1 - in.rate));
  return {.low = Expit(Logit(in.rate) - half), .high = Expit(Logit(in.rate) + half)};
}

// Korn & Graubard (1998): Clopper–Pearson on n* = R̂(1 − R̂)/V, scaled by (t_{n−1}/t_df)²,
// with x* = n* R̂ events, as survey::svyciprop(method = "beta").
Interval KornGraubardInterval(const IntervalInput& in, double variance, double alpha) {
  const double p = 1 - alpha / 2;
  const double n_minus_1 = std::max(static_cast<double>(in.households) - 1, 1.0);
  const double ratio = TQuantile(n_minus_1, p) / TQuantile(in.degrees_of_freedom, p);
  const double n_star = in.rate * (1 - in.rate) / variance * ratio * ratio;
  const double x_star = n_star * in.rate;
  return {.low = BetaQuantile(x_star, n_star - x_star + 1, alpha / 2),
          .high = BetaQuantile(x_star + 1, n_star - x_star, p),
          .effective_n = n_star};
}

}  // namespace

std::string_view IntervalMethodName(IntervalMethod method) {
  switch (method) {
    case IntervalMethod::kLogit:
      return "logit";
    case IntervalMethod::kKornGraubard:
      return "korn-graubard";
    case IntervalMethod::kNormal:
      return "normal";
  }
  return "unknown";
}

Interval ProportionInterval(const IntervalInput& in, IntervalMethod method, double alpha) {
  if (in.census) return {.low = in.rate, .high = in.rate};
  if (method == IntervalMethod::kNormal) return NormalInterval(in, alpha);
  if (in.rate <= 0 || in.rate >= 1) return ZeroEventInterval(in, alpha);
  // A sample whose cells happen to be homogeneous estimates V = 0; it still has sampling error,
  // at least that of a simple random sample of zero_event_n units.
  const double n0 = std::max(in.zero_event_n, 1.0);
  const double floor = in.rate * (1 - in.rate) / n0;
  const double variance = in.variance > 0 ? in.variance : floor;
  Interval out = method == IntervalMethod::kKornGraubard ? KornGraubardInterval(in, variance, alpha)
                                                         : LogitInterval(in, variance, alpha);
  // Never narrower than the exact interval of n0 independent units (see the header).
  const double x = n0 * in.rate;
  out.low = std::min(out.low, BetaQuantile(x, n0 - x + 1, alpha / 2));
  out.high = std::max(out.high, BetaQuantile(x + 1, n0 - x, 1 - alpha / 2));
  return out;
}

}  // namespace jz
