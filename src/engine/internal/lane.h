// The values of one rule-expression node over a batch's elements (Lane), and the exact
// narrowing of 128-bit intermediate results to the reference evaluator's 64-bit rationals.
// Internal to the rule engine (engine/rule_engine.cc and internal/batch_evaluator.h); kept
// in a header so the batch loops are compiled, and inlined, in the engine's one unit.
#ifndef JZ_ENGINE_INTERNAL_LANE_H_
#define JZ_ENGINE_INTERNAL_LANE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "rules/value.h"

namespace jz::internal {

using Wide = __int128;

// Why an element has no value: an error (the reference's error status: no data year,
// overflow, division by zero) or a value the registry does not know (rules/evaluator.h
// IsUnknownValue). Both stop evaluation alike; only `and`/`or` and the counts tell them apart.
inline constexpr uint8_t kError = 1;
inline constexpr uint8_t kUnknown = 2;

// The values of one node over the elements of its space.
struct Lane {
  std::vector<int64_t> num;
  std::vector<int64_t> den;  // filled only when !unit
  std::vector<uint8_t> err;  // filled only when any_err: 0, or kError / kUnknown
  bool unit = true;          // every denominator is 1
  bool any_err = false;
  bool scalar = false;  // one value for every element (a literal)

  void Reset(size_t n) {
    num.resize(n);
    unit = true;
    any_err = false;
    scalar = false;
  }
  size_t At(size_t e) const { return scalar ? 0 : e; }
  int64_t N(size_t e) const { return num[At(e)]; }
  int64_t D(size_t e) const { return unit ? 1 : den[At(e)]; }
  bool E(size_t e) const { return any_err && err[At(e)] != 0; }
  uint8_t Code(size_t e) const { return any_err ? err[At(e)] : 0; }
  Rational R(size_t e) const { return {N(e), D(e)}; }
  void SetErr(size_t e, uint8_t code = kError) {
    if (!any_err) {
      err.assign(num.size(), 0);
      any_err = true;
    }
    err[e] = code;
  }
  void SetDen(size_t e, int64_t d) {
    if (unit) {
      if (d == 1) return;
      den.assign(num.size(), 1);
      unit = false;
    }
    den[e] = d;
  }
};

// Narrows num/den to int64 as the reference's Rational arithmetic would succeed: as is when
// both fit, else reduced; false when even the reduced form does not fit.
inline bool Narrow(Wide num, Wide den, int64_t& n, int64_t& d) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  constexpr Wide kMax = INT64_MAX;
  if (num > kMax || num < -kMax || den > kMax) {
    Wide a = num < 0 ? -num : num;
    Wide b = den;
    while (b != 0) a = std::exchange(b, a % b);
    if (a > 1) {
      num /= a;
      den /= a;
    }
    if (num > kMax || num < -kMax || den > kMax) return false;
  }
  n = static_cast<int64_t>(num);
  d = static_cast<int64_t>(den);
  return true;
}

inline Rational Reduced(int64_t n, int64_t d) {
  Wide a = n < 0 ? -Wide{n} : Wide{n};
  Wide b = d;
  while (b != 0) a = std::exchange(b, a % b);
  if (a > 1) return {static_cast<int64_t>(n / a), static_cast<int64_t>(d / a)};
  return {n, d};
}

}  // namespace jz::internal

#endif  // JZ_ENGINE_INTERNAL_LANE_H_
