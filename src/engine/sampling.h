// Reproducible stratified sampling of households for verification campaigns (县级自查、
// 市州复查、省级抽查, DOMAIN §5.4) and the design-based estimators of their results
// (错退率, 漏评率, per-item accuracy, DOMAIN §5.2). Pure computation: no SQL, no files.
//
// THE SAMPLING ALGORITHM (exact, so that another implementation can reproduce a sample):
//
//  1. Frame. Units (households) carry a key (户编号), a stratum code (the township's or the
//     village's or the county's 12-digit code), a registered flag (建档立卡户: 贫困户/脱贫户/监测户) and a
//     person count. Cells are (stratum, registered) pairs. Units are sorted by (stratum ascending, registered
//     first, key ascending by bytes); the cell's units keep that order.
//  2. Size. n = design.size, or ceil(N × fraction_bp / 10000) when size is 0; capped at N.
//  3. Allocation to strata (H strata in code order, N_h units each). Each cell c has a floor
//     f_c = min(kMinPerCell, N_c) = min(2, N_c): two households give the cell a variance term,
//     a cell of one is taken whole. Stratum h's minimum is
//     m_h = max(min(min_per_stratum, N_h), Σ_{c in h} f_c), so every stratum is sampled. When
//     n < Σ_h m_h the design is refused (the message names Σ_h m_h). Otherwise:
//     a. each stratum first gets m_h;
//     b. the rest r = n − Σm_h is apportioned by Apportion() below, with weights N_h
//        (proportional) or 1 (equal) and caps N_h − m_h.
//  4. Split of each stratum's n_h into its registered cell and non-registered cell (a stratum
//     with one cell gives it n_h): target t = floor((n_h × registered_share_bp + 5000) / 10000);
//     n_reg = min(t, N_reg); n_non = min(n_h − n_reg, N_non); then n_reg = min(n_h − n_non,
//     N_reg) (a short cell passes its remainder to the other). registered_share_bp < 0 means
//     "no split": n_reg, n_non = Apportion(n_h, weights (N_reg, N_non), caps (N_reg, N_non)).
//     Then the floors: if n_reg < f_reg, n_reg = f_reg and n_non = n_h − f_reg; otherwise if
//     n_non < f_non, n_non = f_non and n_reg = n_h − f_non. (n_reg + n_non = n_h ≥ f_reg +
//     f_non, so at most one cell is short; a share of 0 or 1 still gives the other cell its floor.)
//  5. Apportion(total, weights w_i, caps c_i) (largest remainder with caps): repeat: over the
//     uncapped i, quota q_i = total' × w_i / Σw (exact integer arithmetic: floor, and the
//     remainder (total' × w_i) mod Σw); any i with floor(q_i) ≥ c_i gets c_i and leaves, and
//     total' drops by c_i; when none leaves, each gets floor(q_i) and the total' − Σfloor
//     units left go one each to the largest remainders (ties: lower index first).
//  6. Draw. Cell c (stratum s, registered g) has its own generator:
//     state = SplitMix64Mix(seed ⊕ SplitMix64Mix(s × 2 + g)) — see CellSeed(); the
//     generator is SplitMix64 (state += 0x9E3779B97F4A7C15; z = state; z = (z ⊕ z>>30) ×
//     0xBF58476D1CE4E5B9; z = (z ⊕ z>>27) × 0x94D049BB133111EB; return z ⊕ z>>31).
//     Bounded(k) draws x until x ≥ (2^64 − k) mod k and returns x mod k (unbiased).
//     Partial Fisher–Yates over the cell's positions a = [0, N_c): for i in [0, n_c):
//     j = i + Bounded(N_c − i); swap(a[i], a[j]); the sample is a[0..n_c) in that order.
//  7. Draw order: cells in frame order, then position in the draw.
// Each unit's inclusion probability is n_c / N_c and its weight N_c / n_c. A census
// (county self-check) takes every unit: n_c = N_c, whatever the other fields say.
//
// RULE VERSIONS. kSamplingRule numbers the rule above; a stored draw records the rule that made
// it. Rule 1 (draws before issue 14) had no cell floors: m_h = min(min_per_stratum, N_h), refused
// when n < H × min_per_stratum, and step 4 ended before "Then the floors". Steps 1, 2, 5, 6 and 7
// are the same in both, and so is a census.
//
// THE ESTIMATORS (stratified, cells are the strata; Cochran ch. 5-6, Taylor linearisation):
// a rate R = Y / X with Y = Σ_c N_c/n_c Σ_i y_i, X likewise, over the recorded households of
// each cell (n_c = households of the cell with findings; missing ones are treated as missing
// at random within the cell). Variance V = Σ_c N_c² (1 − n_c/N_c) s²_uc / n_c with
// u_i = (y_i − R x_i) / X and s²_uc the sample variance of u in the cell; a cell with one
// recorded household in the domain borrows the pooled within-cell variance of the domain's
// cells with two or more (as collapsing strata would), or 0 when there are none.
// The interval: engine/proportion_interval.h (logit with Student's t by default; df = recorded
// households in the domain − their cells). In a complete census (n_c = N_c everywhere) V = 0
// and the CI has zero width.
// THE PAIRED COMPARISON (EstimateDifference): on the households both levels recorded, weighted
// by the upper design with n_c = overlap households of the cell, D = Σ w (y_u − y_l) / Σ w x,
// its variance as above with u_i = (d_i − D x_i) / X, and a t interval on the linear scale.
//
// Thread safety: all functions are pure; callers may run them on any thread.
#ifndef JZ_ENGINE_SAMPLING_H_
#define JZ_ENGINE_SAMPLING_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/proportion_interval.h"

namespace jz {

// One household of the sampling frame.
struct FrameUnit {
  std::string key;       // 户编号: the stable sort key
  uint64_t stratum = 0;  // township or village code
  bool registered = false;
  int32_t persons = 0;
};

// The version of the algorithm above (see RULE VERSIONS); stored with every draw.
inline constexpr int32_t kSamplingRule = 2;

// Step 3's cell floor: two sampled households give a cell a within-cell variance.
inline constexpr int64_t kMinPerCell = 2;

enum class Allocation : uint8_t { kProportional = 1, kEqual = 2 };

struct SampleDesign {
  bool census = false;      // take every unit (county self-check)
  int64_t size = 0;         // total sample size n; 0: use fraction_bp
  int32_t fraction_bp = 0;  // sample fraction in basis points (1/10000) when size is 0
  Allocation allocation = Allocation::kProportional;
  int32_t registered_share_bp = 5000;  // share of each stratum's sample from registered; <0: proportional
  int32_t min_per_stratum = 2;         // raised per stratum to its cells' floors (step 3)
  uint64_t seed = 0;
};

// One cell: the units of one stratum with one registered flag.
struct SampleCell {
  uint64_t stratum = 0;
  bool registered = false;
  int64_t frame_count = 0;   // N_c
  int64_t sample_count = 0;  // n_c
};

struct SampledUnit {
  int64_t frame_index = 0;  // index into the frame as the caller passed it
  int32_t cell = 0;         // index into Sample::cells
};

// Invariants: cells in frame order (stratum ascending, registered first); Σ frame_count = N;
// units in draw order, each frame unit at most once; per cell, the count of its units equals
// sample_count.
struct Sample {
  std::vector<SampleCell> cells;
  std::vector<SampledUnit> units;
  int64_t frame_size = 0;
};

// The per-cell generator seed of step 6. Exposed for the documentation's test.
uint64_t CellSeed(uint64_t seed, uint64_t stratum, bool registered);

// SplitMix64, as step 6 defines it.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t state) : state_(state) {}
  uint64_t Next();
  // A uniform integer in [0, bound). REQUIRES: bound > 0.
  uint64_t Bounded(uint64_t bound);

 private:
  uint64_t state_;
};

// Largest-remainder apportionment with caps (step 5). Returns counts with Σ = min(total,
// Σcaps), each ≤ its cap. REQUIRES: weights and caps have the same length, weights ≥ 0.
std::vector<int64_t> Apportion(int64_t total, std::span<const int64_t> weights,
                               std::span<const int64_t> caps);

// Draws the sample of `design` from `frame` (any order; it is sorted internally by the rule of
// step 1). Fails with InvalidArgument when the frame is empty, has a duplicate key, or the
// design asks for a non-positive size, a fraction outside (0, 10000], a share above 10000, a
// negative minimum, or n below Σ m_h (step 3; the message names Σ m_h).
[[nodiscard]] StatusOr<Sample> DrawSample(std::span<const FrameUnit> frame, const SampleDesign& design);

// ---- Estimation ---------------------------------------------------------------------------

// What one recorded household contributes to a rate: numerator y and denominator x (both 0
// when the household is outside the rate's domain).
struct RateObservation {
  int32_t cell = 0;
  double y = 0;
  double x = 0;
};

struct RateEstimate {
  bool defined = false;  // false when no recorded household is in the domain (X = 0)
  double rate = 0;
  double standard_error = 0;
  double ci_low = 0;
  double ci_high = 0;
  int64_t households = 0;      // recorded households in the domain (x > 0)
  double numerator_units = 0;  // unweighted Σy (e.g. persons judged wrongly exited)
  double denominator_units = 0;
  bool zero_count_bound = false;  // the CI comes from the zero-event bound
  IntervalMethod method = IntervalMethod::kLogit;
  double degrees_of_freedom = 0;  // recorded households in the domain − their cells (≥ 1 when defined)
  double effective_n = 0;         // Interval::effective_n
  bool census = false;            // every cell recorded in full: the CI has zero width
};

// Per-cell population and recorded counts for the estimator: frame_count N_c and the number of
// recorded households n_c of each cell (index = RateObservation::cell).
struct CellCounts {
  int64_t frame_count = 0;
  int64_t recorded = 0;
};

// The stratified ratio estimator above, its interval by `method` (engine/proportion_interval.h).
// Observations of cells with recorded == 0 are not allowed.
// REQUIRES: every obs.cell < cells.size(); 0 < alpha < 1.
RateEstimate EstimateRate(std::span<const CellCounts> cells, std::span<const RateObservation> observations,
                          IntervalMethod method = IntervalMethod::kLogit, double alpha = 0.05);

// ---- Paired comparison between levels ------------------------------------------------------

// One household both levels recorded: y under each level's judgement (e.g. its persons when
// that level found it failing, else 0), x its denominator units (persons at the upper draw).
struct PairedObservation {
  int32_t cell = 0;  // the upper design's cell
  double y_upper = 0;
  double y_lower = 0;
  double x = 0;
};

struct DifferenceEstimate {
  bool defined = false;   // false when no household is in the domain (X = 0)
  double upper_rate = 0;  // R̂_u = Σ w y_u / Σ w x on the overlap
  double lower_rate = 0;  // R̂_l likewise
  double difference = 0;  // R̂_u − R̂_l
  double standard_error = 0;
  double ci_low = 0;  // t interval on the linear scale, df as above; may be negative
  double ci_high = 0;
  double degrees_of_freedom = 1;
  int64_t households = 0;   // households in the overlap and the domain (x > 0)
  int64_t disagreeing = 0;  // … whose y_upper ≠ y_lower
};

// The difference of the two levels' rates on the households both checked, weighted by the
// upper level's design: a ratio estimator of d = y_u − y_l over x with the same linearised
// variance as EstimateRate (cells are the upper design's, `recorded` = overlap households of
// the cell). REQUIRES: every obs.cell < cells.size() and cells[obs.cell].recorded > 0.
DifferenceEstimate EstimateDifference(std::span<const CellCounts> cells,
                                      std::span<const PairedObservation> observations, double alpha = 0.05);

}  // namespace jz

#endif  // JZ_ENGINE_SAMPLING_H_
