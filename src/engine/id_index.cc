// The packed-ID hash index of engine/id_index.h.
#include "engine/id_index.h"

#include <algorithm>
#include <bit>

namespace jz {

void IdIndex::Build(std::span<const uint64_t> ids) {
  const size_t capacity = std::bit_ceil(std::max<size_t>(16, ids.size() + ids.size() / 2));
  shift_ = 64 - std::countr_zero(capacity);
  slots_.assign(capacity, Slot{0, kNone});
  next_.clear();
  std::vector<uint32_t> last;  // last person of each chain, by first person; only on repeats
  const size_t mask = capacity - 1;
  constexpr size_t kAhead = 16;  // as in FindBatch: overlap the misses of the inserts
  for (size_t p = 0; p < ids.size(); ++p) {
    if (p + kAhead < ids.size()) __builtin_prefetch(&slots_[Home(ids[p + kAhead] + 1)], 1);
    const uint64_t key = ids[p] + 1;
    for (size_t s = Home(key);; s = (s + 1) & mask) {
      Slot& slot = slots_[s];
      if (slot.key == 0) {
        slot = Slot{key, static_cast<uint32_t>(p)};
        break;
      }
      if (slot.key != key) continue;
      if (next_.empty()) {
        next_.assign(ids.size(), kNone);
        last.assign(ids.size(), kNone);
      }
      uint32_t& tail = last[slot.value];
      next_[tail == kNone ? slot.value : tail] = static_cast<uint32_t>(p);
      tail = static_cast<uint32_t>(p);
      break;
    }
  }
}

uint32_t IdIndex::Find(uint64_t id) const {
  if (slots_.empty()) return kNone;
  const uint64_t key = id + 1;
  const size_t mask = slots_.size() - 1;
  for (size_t s = Home(key);; s = (s + 1) & mask) {
    const Slot& slot = slots_[s];
    if (slot.key == key) return slot.value;
    if (slot.key == 0) return kNone;
  }
}

void IdIndex::FindBatch(std::span<const uint64_t> ids, std::span<uint32_t> out) const {
  constexpr size_t kAhead = 16;  // slots in flight; enough to cover a DRAM miss on two cores
  const size_t n = ids.size();
  if (slots_.empty()) {
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
