// Stratified sampling; the algorithm is specified in sampling.h (the estimators are in
// estimation.cc).
#include "engine/sampling.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace jz {
namespace {

uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Status CheckDesign(std::span<const FrameUnit> frame, const SampleDesign& d) {
  if (frame.empty()) {
    return InvalidArgumentError(
        Bilingual("抽样框为空：范围内没有农户", "the sampling frame is empty: no household in scope"));
  }
  if (d.census) return OkStatus();
  if (d.size < 0 || (d.size == 0 && (d.fraction_bp <= 0 || d.fraction_bp > 10000))) {
    return InvalidArgumentError(Bilingual("样本量须为正数，或抽样比例在 0 到 1 之间",
                                          "the sample size must be positive, or the fraction in (0, 1]"));
  }
  if (d.registered_share_bp > 10000) {
    return InvalidArgumentError(
        Bilingual("建档立卡户占比须在 0 到 1 之间", "the registered share must be in [0, 1]"));
  }
  if (d.min_per_stratum < 0) {
    return InvalidArgumentError(
        Bilingual("每层最少样本量不能为负", "the minimum per stratum must not be negative"));
  }
  return OkStatus();
}

// Frame positions sorted by step 1 of sampling.h; fails on a duplicate key.
StatusOr<std::vector<int64_t>> SortedFrame(std::span<const FrameUnit> frame) {
  std::vector<int64_t> order(frame.size());
  std::iota(order.begin(), order.end(), int64_t{0});
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    const FrameUnit& x = frame[static_cast<size_t>(a)];
    const FrameUnit& y = frame[static_cast<size_t>(b)];
    if (x.stratum != y.stratum) return x.stratum < y.stratum;
    if (x.registered != y.registered) return x.registered;
    return x.key < y.key;
  });
  std::vector<std::string_view> keys;
  keys.reserve(frame.size());
  for (const FrameUnit& u : frame) keys.push_back(u.key);
  std::sort(keys.begin(), keys.end());
  auto dup = std::adjacent_find(keys.begin(), keys.end());
  if (dup != keys.end()) {
    return InvalidArgumentError(
        Bilingual("抽样框中户编号 {} 重复", "household {} appears twice in the frame", *dup));
  }
  return order;
}

int64_t TotalSize(int64_t frame_size, const SampleDesign& d) {
  if (d.census) return frame_size;
  const int64_t n = d.size > 0 ? d.size : (frame_size * d.fraction_bp + 9999) / 10000;
  return std::min(n, frame_size);
}

int64_t CellFloor(int64_t frame_count) { return std::min(kMinPerCell, frame_count); }

// A stratum: its run of one or two cells (registered first) and the sizes of step 3.
struct Stratum {
  size_t first = 0;  // first and last cell, in Sample::cells
  size_t last = 0;
  int64_t size = 0;     // N_h
  int64_t minimum = 0;  // m_h
};

// The strata of `cells` (runs with one stratum code) with their minimum m_h of step 3.
std::vector<Stratum> StrataOf(const std::vector<SampleCell>& cells, const SampleDesign& d) {
  std::vector<Stratum> strata;
  std::vector<int64_t> cell_floors;  // Σ f_c per stratum
  for (size_t c = 0; c < cells.size(); ++c) {
    if (strata.empty() || cells[strata.back().first].stratum != cells[c].stratum) {
      strata.push_back({c, c, 0, 0});
      cell_floors.push_back(0);
    }
    strata.back().last = c;
    strata.back().size += cells[c].frame_count;
    cell_floors.back() += CellFloor(cells[c].frame_count);
  }
  for (size_t h = 0; h < strata.size(); ++h) {
    const int64_t n_h = strata[h].size;
    strata[h].minimum = d.census ? n_h : std::max(std::min(int64_t{d.min_per_stratum}, n_h), cell_floors[h]);
  }
  return strata;
}

// Step 3's refusal: n below Σ m_h, the least sample in which every cell gets its floor.
Status CheckSize(int64_t n, const std::vector<Stratum>& strata, const SampleDesign& d) {
  int64_t needed = 0;
  for (const Stratum& h : strata) needed += h.minimum;
  if (d.census || n >= needed) return OkStatus();
  return InvalidArgumentError(Bilingual(
      "样本量 {0} 不足：{1} 层至少需要 {2} 户（每层的建档立卡户和非建档立卡户各至少 {3} 户，不足 {3} "
      "户的全抽；每层至少 {4} 户）。请将样本量增至至少 {2} 户，或改用更粗的分层（乡镇或县）",
      "the sample size {0} is too small: {1} strata need at least {2} households ({3} registered and {3} "
      "non-registered in each stratum, all of a group with fewer, and at least {4} per stratum); draw at "
      "least {2}, or use coarser strata (township or county)",
      n, strata.size(), needed, kMinPerCell, d.min_per_stratum));
}

// Step 4: (n_registered, n_non_registered) of a stratum's n_h, each at least its cell floor.
// REQUIRES: CellFloor(n_reg_frame) + CellFloor(n_non_frame) <= n_h <= n_reg_frame + n_non_frame.
std::pair<int64_t, int64_t> SplitStratum(int64_t n_h, int64_t n_reg_frame, int64_t n_non_frame,
                                         int32_t share_bp) {
  int64_t reg = 0, non = 0;
  if (share_bp < 0) {
    const int64_t w[2] = {n_reg_frame, n_non_frame};
    std::vector<int64_t> split = Apportion(n_h, w, w);
    reg = split[0];
    non = split[1];
  } else {
    const int64_t target = (n_h * share_bp + 5000) / 10000;
    reg = std::min(target, n_reg_frame);
    non = std::min(n_h - reg, n_non_frame);
    reg = std::min(n_h - non, n_reg_frame);
  }
  // The split sums to n_h, so at most one cell is below its floor, and the other keeps its own.
  if (reg < CellFloor(n_reg_frame)) {
    reg = CellFloor(n_reg_frame);
    non = n_h - reg;
  } else if (non < CellFloor(n_non_frame)) {
    non = CellFloor(n_non_frame);
    reg = n_h - non;
  }
  return {reg, non};
}

// Steps 3b and 4: each stratum's m_h plus its share of the rest, split into its cells.
void Allocate(int64_t n, const std::vector<Stratum>& strata, const SampleDesign& d,
              std::vector<SampleCell>& cells) {
  std::vector<int64_t> weights(strata.size()), caps(strata.size());
  int64_t rest = n;
  for (size_t h = 0; h < strata.size(); ++h) {
    rest -= strata[h].minimum;
    weights[h] = d.allocation == Allocation::kEqual ? 1 : strata[h].size;
    caps[h] = strata[h].size - strata[h].minimum;
  }
  const std::vector<int64_t> extra = Apportion(rest, weights, caps);
  for (size_t h = 0; h < strata.size(); ++h) {
    const int64_t n_h = strata[h].minimum + extra[h];
    SampleCell& first = cells[strata[h].first];
    if (d.census) {
      for (size_t c = strata[h].first; c <= strata[h].last; ++c) cells[c].sample_count = cells[c].frame_count;
    } else if (strata[h].first == strata[h].last) {
      first.sample_count = n_h;
    } else {
      SampleCell& second = cells[strata[h].last];  // first is registered, second is not
      const auto [reg, non] = SplitStratum(n_h, first.frame_count, second.frame_count, d.registered_share_bp);
      first.sample_count = reg;
      second.sample_count = non;
    }
  }
}

}  // namespace

uint64_t SplitMix64::Next() {
  state_ += 0x9E3779B97F4A7C15ULL;
  return Mix(state_);
}

uint64_t SplitMix64::Bounded(uint64_t bound) {
  const uint64_t threshold = (0 - bound) % bound;  // (2^64 − bound) mod bound
  while (true) {
    const uint64_t x = Next();
    if (x >= threshold) return x % bound;
  }
}

uint64_t CellSeed(uint64_t seed, uint64_t stratum, bool registered) {
  return Mix(seed ^ Mix(stratum * 2 + (registered ? 1 : 0)));
}

std::vector<int64_t> Apportion(int64_t total, std::span<const int64_t> weights,
                               std::span<const int64_t> caps) {
  const size_t k = weights.size();
  std::vector<int64_t> out(k, 0);
  std::vector<bool> done(k, false);
  int64_t left = total;
  while (left > 0) {
    __int128 weight_sum = 0;
    for (size_t i = 0; i < k; ++i) {
      if (!done[i]) weight_sum += weights[i];
    }
    if (weight_sum == 0) break;
    bool capped = false;
    std::vector<std::pair<__int128, size_t>> remainders;
    int64_t given = 0;
    for (size_t i = 0; i < k; ++i) {
      if (done[i]) continue;
      const __int128 product = static_cast<__int128>(left) * weights[i];
      const auto floor_q = static_cast<int64_t>(product / weight_sum);
      if (floor_q >= caps[i]) {
        out[i] = caps[i];
        done[i] = true;
        left -= caps[i];
        capped = true;
        break;  // recompute the quotas of the others with the smaller total
      }
      out[i] = floor_q;
      given += floor_q;
      remainders.emplace_back(product % weight_sum, i);
    }
    if (capped) continue;
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    int64_t extra = left - given;
    for (const auto& [rem, i] : remainders) {
      if (extra == 0) break;
      if (out[i] < caps[i]) {
        ++out[i];
        --extra;
      }
    }
    break;
  }
  return out;
}

StatusOr<Sample> DrawSample(std::span<const FrameUnit> frame, const SampleDesign& design) {
  RETURN_IF_ERROR(CheckDesign(frame, design));
  ASSIGN_OR_RETURN(std::vector<int64_t> order, SortedFrame(frame));
  Sample sample;
  sample.frame_size = static_cast<int64_t>(frame.size());
  // Cells and their start positions in `order`.
  std::vector<size_t> cell_start;
  for (size_t p = 0; p < order.size(); ++p) {
    const FrameUnit& u = frame[static_cast<size_t>(order[p])];
    if (sample.cells.empty() || sample.cells.back().stratum != u.stratum ||
        sample.cells.back().registered != u.registered) {
      sample.cells.push_back({u.stratum, u.registered, 0, 0});
      cell_start.push_back(p);
    }
    ++sample.cells.back().frame_count;
  }
  const std::vector<Stratum> strata = StrataOf(sample.cells, design);
  const int64_t n = TotalSize(sample.frame_size, design);
  RETURN_IF_ERROR(CheckSize(n, strata, design));
  Allocate(n, strata, design, sample.cells);
  for (size_t c = 0; c < sample.cells.size(); ++c) {
    const SampleCell& cell = sample.cells[c];
    std::vector<int64_t> positions(static_cast<size_t>(cell.frame_count));
    std::iota(positions.begin(), positions.end(), int64_t{0});
    SplitMix64 rng(CellSeed(design.seed, cell.stratum, cell.registered));
    const auto count = static_cast<uint64_t>(cell.frame_count);
    for (uint64_t i = 0; i < static_cast<uint64_t>(cell.sample_count); ++i) {
      const uint64_t j = design.census ? i : i + rng.Bounded(count - i);
      std::swap(positions[i], positions[j]);
      sample.units.push_back(
          {order[cell_start[c] + static_cast<size_t>(positions[i])], static_cast<int32_t>(c)});
    }
  }
  return sample;
}

}  // namespace jz
