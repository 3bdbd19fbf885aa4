// Tests of the design guards of DrawSample (sampling.h steps 3-4, rule 2): every cell with two
// households or more gets at least two, a cell of one is taken whole, the refusal names the
// smallest accepted n, and the allocation still sums to n. Samples where the floors bind are
// pinned against tests/sampling/reference_sample.py, an implementation written from the text.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "engine/sampling.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

// Three strata whose cells are uneven: (registered, non-registered) = (1, 9), (3, 12), (20, 2).
// The same frame as reference_sample.py's floor_frame().
std::vector<FrameUnit> FloorFrame() {
  const int sizes[3][2] = {{1, 9}, {3, 12}, {20, 2}};
  std::vector<FrameUnit> frame;
  for (int s = 0; s < 3; ++s) {
    const uint64_t stratum = uint64_t{220105100000} + static_cast<uint64_t>(s) * 1000;
    for (int i = 0; i < sizes[s][0]; ++i) frame.push_back({fmt::format("S{}R{:02}", s, i), stratum, true, 1});
    for (int i = 0; i < sizes[s][1]; ++i)
      frame.push_back({fmt::format("S{}N{:02}", s, i), stratum, false, 1});
  }
  return frame;
}

std::vector<std::string> Keys(const std::vector<FrameUnit>& frame, const Sample& sample) {
  std::vector<std::string> keys;
  for (const SampledUnit& u : sample.units) keys.push_back(frame[static_cast<size_t>(u.frame_index)].key);
  return keys;
}

std::vector<int64_t> CellCounts(const Sample& sample) {
  std::vector<int64_t> counts;
  for (const SampleCell& c : sample.cells) counts.push_back(c.sample_count);
  return counts;
}

// Floors bind in step 3 and step 4. m_h = max(2, f) = 3, 4, 4 (the registered cell of the
// first stratum has one household); the 1 left goes to the largest stratum (N_h = 22 of 47).
// n_h = 3, 4, 5. Share 0.2: t = 1, 1, 1. Stratum 1: (1, 2). Stratum 2: (1, 3) under rule 1, the
// registered cell is raised to its floor: (2, 2). Stratum 3: the non-registered cell of 2
// passes its remainder back: (3, 2). Rule 1 gives cells 1, 2, 1, 3, 3, 2 here.
TEST(SamplingFloors, PinnedSampleWhereTheSplitFloorBinds) {
  const std::vector<FrameUnit> frame = FloorFrame();
  ASSERT_OK_AND_ASSIGN(Sample s, DrawSample(frame, {.size = 12, .registered_share_bp = 2000, .seed = 2025}));
  EXPECT_THAT(CellCounts(s), ::testing::ElementsAre(1, 2, 2, 2, 3, 2));
  EXPECT_THAT(Keys(frame, s), ::testing::ElementsAre("S0R00", "S0N06", "S0N05", "S1R01", "S1R00", "S1N00",
                                                     "S1N02", "S2R12", "S2R14", "S2R00", "S2N00", "S2N01"));
}

// Equal allocation, split in proportion to the cells: m_h = 3, 4, 4, the 3 left go one to
// each stratum (caps 7, 11, 18): n_h = 4, 5, 5. Apportion(4; 1, 9) = (0, 4) → (1, 3);
// Apportion(5; 3, 12) = (1, 4) → (2, 3); Apportion(5; 20, 2) = (5, 0) → (3, 2). Rule 1 gave
// 1, 4, 1, 4, 4, 0: a registered cell of one and a non-registered cell of none.
TEST(SamplingFloors, PinnedSampleWithProportionalSplitAndEqualAllocation) {
  const std::vector<FrameUnit> frame = FloorFrame();
  ASSERT_OK_AND_ASSIGN(
      Sample s,
      DrawSample(frame,
                 {.size = 14, .allocation = Allocation::kEqual, .registered_share_bp = -1, .seed = 7}));
  EXPECT_THAT(CellCounts(s), ::testing::ElementsAre(1, 3, 2, 3, 3, 2));
  EXPECT_THAT(Keys(frame, s),
              ::testing::ElementsAre("S0R00", "S0N07", "S0N02", "S0N04", "S1R01", "S1R00", "S1N05", "S1N07",
                                     "S1N00", "S2R04", "S2R10", "S2R09", "S2N01", "S2N00"));
}

TEST(SamplingFloors, RefusalNamesTheSmallestAcceptedSize) {
  const std::vector<FrameUnit> frame = FloorFrame();
  // Σ m_h = 3 + 4 + 4 = 11.
  EXPECT_STATUS(DrawSample(frame, {.size = 10, .seed = 1}), StatusCode::kInvalidArgument,
                "3 strata need at least 11 households");
  EXPECT_STATUS(DrawSample(frame, {.size = 10, .seed = 1}), StatusCode::kInvalidArgument,
                "3 层至少需要 11 户");
  ASSERT_OK_AND_ASSIGN(Sample s, DrawSample(frame, {.size = 11, .seed = 1}));
  EXPECT_THAT(CellCounts(s), ::testing::ElementsAre(1, 2, 2, 2, 2, 2));
  // A per-stratum minimum above the floors rules: Σ max(6, f) = 18.
  EXPECT_STATUS(DrawSample(frame, {.size = 17, .min_per_stratum = 6}), StatusCode::kInvalidArgument,
                "draw at least 18");
  EXPECT_OK(DrawSample(frame, {.size = 18, .min_per_stratum = 6}).status());
  // A fraction is refused the same way: ⌈47 × 0.2⌉ = 10.
  EXPECT_STATUS(DrawSample(frame, {.fraction_bp = 2000}), StatusCode::kInvalidArgument, "sample size 10");
}

TEST(SamplingFloors, CensusIsUnchanged) {
  const std::vector<FrameUnit> frame = FloorFrame();
  ASSERT_OK_AND_ASSIGN(Sample s, DrawSample(frame, {.census = true, .size = 1}));
  EXPECT_THAT(CellCounts(s), ::testing::ElementsAre(1, 9, 3, 12, 20, 2));
  EXPECT_EQ(s.units.size(), frame.size());
}

// ---- Random frames ------------------------------------------------------------------------

// A cell size drawn so that 0, 1, 2 and 3 are common (where the floors matter) and large cells
// occur. SplitMix64 rather than <random>, so a printed seed gives the same frame everywhere.
int64_t CellSize(SplitMix64& rng) {
  const uint64_t kind = rng.Bounded(4);
  if (kind == 0) return static_cast<int64_t>(rng.Bounded(4));
  if (kind == 1) return static_cast<int64_t>(rng.Bounded(12));
  return static_cast<int64_t>(rng.Bounded(80));
}

struct RandomCase {
  std::vector<FrameUnit> frame;
  SampleDesign design;
  int64_t needed = 0;  // Σ m_h, computed here from the text of step 3
};

RandomCase MakeRandomCase(uint64_t seed) {
  SplitMix64 rng(seed);
  RandomCase rc;
  rc.design.min_per_stratum = static_cast<int32_t>(rng.Bounded(7));
  const auto strata = 1 + static_cast<int>(rng.Bounded(25));
  for (int s = 0; s < strata; ++s) {
    int64_t n_reg = CellSize(rng), n_non = CellSize(rng);
    if (n_reg + n_non == 0) n_non = 1;
    const uint64_t stratum = uint64_t{220100000000} + static_cast<uint64_t>(s) * 1000;
    for (int64_t i = 0; i < n_reg + n_non; ++i)
      rc.frame.push_back({fmt::format("{:02}{:04}", s, i), stratum, i < n_reg, 1});
    rc.needed += std::max(std::min<int64_t>(rc.design.min_per_stratum, n_reg + n_non),
                          std::min<int64_t>(2, n_reg) + std::min<int64_t>(2, n_non));
  }
  const int32_t shares[] = {-1, 0, 2000, 5000, 8000, 10000, static_cast<int32_t>(rng.Bounded(10001))};
  rc.design.registered_share_bp = shares[rng.Bounded(7)];
  rc.design.allocation = rng.Bounded(2) == 0 ? Allocation::kProportional : Allocation::kEqual;
  const auto big_n = static_cast<int64_t>(rc.frame.size());
  rc.design.size =
      rc.needed + static_cast<int64_t>(rng.Bounded(static_cast<uint64_t>(big_n - rc.needed + 1)));
  rc.design.seed = rng.Next();
  return rc;
}

// Every cell gets at least min(2, N_c) and at most N_c; the cells sum to n; each stratum gets
// at least min(min_per_stratum, N_h); the units match the counts.
void ExpectFloorsHold(const RandomCase& rc, const Sample& s) {
  int64_t total = 0;
  std::map<uint64_t, std::pair<int64_t, int64_t>> per_stratum;  // (N_h, n_h)
  for (const SampleCell& c : s.cells) {
    EXPECT_GE(c.sample_count, std::min<int64_t>(2, c.frame_count))
        << "cell " << c.stratum << "/" << c.registered;
    EXPECT_LE(c.sample_count, c.frame_count);
    total += c.sample_count;
    per_stratum[c.stratum].first += c.frame_count;
    per_stratum[c.stratum].second += c.sample_count;
  }
  EXPECT_EQ(total, rc.design.size);
  EXPECT_EQ(static_cast<int64_t>(s.units.size()), rc.design.size);
  for (const auto& [stratum, sizes] : per_stratum)
    EXPECT_GE(sizes.second, std::min<int64_t>(rc.design.min_per_stratum, sizes.first))
        << "stratum " << stratum;
  std::vector<int64_t> drawn(s.cells.size(), 0);
  for (const SampledUnit& u : s.units) ++drawn[static_cast<size_t>(u.cell)];
  for (size_t c = 0; c < s.cells.size(); ++c) EXPECT_EQ(drawn[c], s.cells[c].sample_count);
}

TEST(SamplingFloors, EveryCellWithTwoGetsTwoOnRandomFrames) {
  constexpr uint64_t kBaseSeed = 20250314;
  constexpr int kFrames = 400;
  std::printf("  random frames: seeds %llu + 0 .. %d (SplitMix64, see MakeRandomCase)\n",
              static_cast<unsigned long long>(kBaseSeed), kFrames - 1);
  for (int k = 0; k < kFrames; ++k) {
    const uint64_t seed = kBaseSeed + static_cast<uint64_t>(k);
    SCOPED_TRACE(fmt::format("frame seed {}", seed));
    const RandomCase rc = MakeRandomCase(seed);
    ASSERT_OK_AND_ASSIGN(Sample s, DrawSample(rc.frame, rc.design));
    ExpectFloorsHold(rc, s);
    if (HasFailure()) return;
    if (rc.needed > 1) {
      SampleDesign small = rc.design;
      small.size = rc.needed - 1;
      EXPECT_STATUS(DrawSample(rc.frame, small), StatusCode::kInvalidArgument,
                    fmt::format("need at least {} households", rc.needed));
    }
  }
}

}  // namespace
}  // namespace jz
