// The assembly of a fast registry load (registry_fast_path.h): the parts that the range
// parser produced (internal/registry_range_parser.h) are joined where a range boundary cut a
// household, checked for a 户编号 that comes back later, and their kept households and
// persons gathered into the snapshot's columns. Internal to src/engine.
#ifndef JZ_ENGINE_INTERNAL_REGISTRY_FAST_ASSEMBLY_H_
#define JZ_ENGINE_INTERNAL_REGISTRY_FAST_ASSEMBLY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/internal/registry_fast_plan.h"
#include "engine/internal/registry_range_parser.h"
#include "engine/snapshot.h"

namespace jz::internal::registry_fast {

// A run of rows [begin, end) of one part that the snapshot keeps.
struct Range {
  size_t part = 0;
  size_t begin = 0, end = 0;
};

// The kept households' first fragments and the kept persons, as runs per part, in order;
// and each kept household's member count.
struct Kept {
  std::vector<Range> households, persons;
  std::vector<uint32_t> sizes;
  size_t households_seen = 0;  // kept or rejected
};

// Whether two households share a 户编号; cheap when the file is sorted by it.
bool AnyRepeated(const std::vector<Part>& parts);

// The kept (not rejected) households and their persons, as runs of rows per part.
Kept KeptRanges(const std::vector<Part>& parts);

// Turns the parts into the snapshot: every column is gathered into part 0's (Gather), the
// columns spread over two threads, then the fields that depend on the whole household
// (size, 人均纯收入) and the household of each person are filled in.
// Leaves `parts` empty. REQUIRES: kept is KeptRanges(parts); plan is the parts' plan.
Snapshot Assemble(std::vector<Part>& parts, const Kept& kept, const Plan& plan, const SnapshotNeeds& needs);

}  // namespace jz::internal::registry_fast

#endif  // JZ_ENGINE_INTERNAL_REGISTRY_FAST_ASSEMBLY_H_
