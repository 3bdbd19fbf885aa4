// The packed-ID hash index of engine/id_index.h.
#include "engine/id_index.h"

#include <algorithm>
#include <bit>
#include <thread>

namespace jz {

IdIndex::IdIndex(const IdIndex& other)
    : slots_(other.capacity_ == 0 ? nullptr : new Slot[other.capacity_]),
      capacity_(other.capacity_),
      region_mask_(other.region_mask_),
      next_(other.next_),
      shift_(other.shift_) {
  std::copy(other.slots_.get(), other.slots_.get() + capacity_, slots_.get());
}

IdIndex& IdIndex::operator=(const IdIndex& other) {
  if (this != &other) *this = IdIndex(other);
  return *this;
}

void IdIndex::Build(std::span<const uint64_t> ids, size_t threads) {
  const size_t n = ids.size();
  capacity_ = std::bit_ceil(std::max<size_t>(16, n + n / 2));
  shift_ = 64 - std::countr_zero(capacity_);
  // Two regions when worth a thread and no region would be over 3/4 full.
  constexpr size_t kMinParallelKeys = size_t{1} << 16;
  size_t regions = 1;
  if (threads >= 2 && n >= kMinParallelKeys) {
    const size_t half = capacity_ / 2;
    size_t first = 0;
    for (const uint64_t id : ids) first += Home(id + 1) < half ? size_t{1} : size_t{0};
    if (std::max(first, n - first) <= half / 4 * 3) regions = 2;
  }
  region_mask_ = capacity_ / regions - 1;
  slots_.reset(new Slot[capacity_]);  // uninitialized: each region is cleared by its thread
  next_.clear();
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> repeats(regions);
  std::vector<std::thread> helpers;
  for (size_t r = 1; r < regions; ++r) helpers.emplace_back([&, r] { Insert(ids, r, repeats[r]); });
  Insert(ids, 0, repeats[0]);
  for (std::thread& t : helpers) t.join();

  // Chains of repeated IDs: each key's repeats are in one region's list, in person order.
  std::vector<uint32_t> last;  // last person of each chain, by first person
  for (const auto& list : repeats) {
    for (const auto& [first, person] : list) {
      if (next_.empty()) {
        next_.assign(n, kNone);
        last.assign(n, kNone);
      }
      uint32_t& tail = last[first];
      next_[tail == kNone ? first : tail] = person;
      tail = person;
    }
  }
}

void IdIndex::Insert(std::span<const uint64_t> ids, size_t region,
                     std::vector<std::pair<uint32_t, uint32_t>>& repeats) {
  const size_t region_size = region_mask_ + 1;
  const bool all = region_size == capacity_;
  Slot* const begin = slots_.get() + region * region_size;
  std::fill(begin, begin + region_size, Slot{0, kNone});
  constexpr size_t kAhead = 16;  // as in FindBatch: overlap the misses of the inserts
  for (size_t p = 0; p < ids.size(); ++p) {
    if (p + kAhead < ids.size()) {
      const size_t ahead = Home(ids[p + kAhead] + 1);
      if (all || ahead / region_size == region) __builtin_prefetch(&slots_[ahead], 1);
    }
    const uint64_t key = ids[p] + 1;
    const size_t home = Home(key);
    if (!all && home / region_size != region) continue;
    for (size_t s = home;; s = Next(s)) {
      Slot& slot = slots_[s];
      if (slot.key == 0) {
        slot = Slot{key, static_cast<uint32_t>(p)};
        break;
      }
      if (slot.key != key) continue;
      repeats.emplace_back(slot.value, static_cast<uint32_t>(p));
      break;
    }
  }
}

uint32_t IdIndex::Find(uint64_t id) const {
  if (capacity_ == 0) return kNone;
  const uint64_t key = id + 1;
  for (size_t s = Home(key);; s = Next(s)) {
    const Slot& slot = slots_[s];
    if (slot.key == key) return slot.value;
    if (slot.key == 0) return kNone;
  }
}

void IdIndex::FindBatch(std::span<const uint64_t> ids, std::span<uint32_t> out) const {
  constexpr size_t kAhead = 16;  // slots in flight; enough to cover a DRAM miss on two cores
  const size_t n = ids.size();
  if (capacity_ == 0) {
    for (size_t i = 0; i < n; ++i) out[i] = kNone;
    return;
  }
  for (size_t i = 0; i < n && i < kAhead; ++i) __builtin_prefetch(&slots_[Home(ids[i] + 1)]);
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(&slots_[Home(ids[i + kAhead] + 1)]);
    out[i] = Find(ids[i]);
  }
}

}  // namespace jz
