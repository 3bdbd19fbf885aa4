// The parallel parse of a registry file's line-aligned byte ranges, one thread a range, for
// the fast registry load (registry_fast_path.h). Each range becomes a Part: household
// fragments (runs of rows with one 户编号) with their household-level values taken from the
// fragment's first row, and the persons' values, already in the form the snapshot stores.
// Internal to src/engine.
#ifndef JZ_ENGINE_INTERNAL_REGISTRY_RANGE_PARSER_H_
#define JZ_ENGINE_INTERNAL_REGISTRY_RANGE_PARSER_H_

#include <cstdint>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "engine/file_ranges.h"
#include "engine/internal/registry_fast_plan.h"
#include "engine/snapshot.h"
#include "io/registry_reader.h"

namespace jz::internal::registry_fast {

// The household fragments and persons of one range. Lines are relative to the range.
// Its columns are typed as the snapshot's, so that Assemble can adopt the first part's as
// the snapshot's own and append the others' (see Assemble).
struct Part {
  StringColumn household_no;
  std::vector<uint32_t> member_end;  // per fragment: end of its persons in this part
  std::vector<uint8_t> rejected;
  std::vector<uint32_t> county;
  std::vector<Column> household_values;  // per Plan::household_fields, a value per fragment
  std::vector<int64_t> net;              // per fragment when Plan::store_net: net income (fen)
  PersonNumbers person_no;
  std::vector<uint64_t> person_id;
  std::vector<Column> person_values;  // per Plan::person_fields, a value per person
  std::vector<RowProblem> problems;
  int64_t rows = 0;
  int64_t newlines = 0;
  bool give_up = false;
  Status status;
};

// Parses each of `ranges` of `file` into parts[i] (parts is resized to ranges.size()), on a
// thread of its own, reporting progress against the file's size. Returns true when every
// range was read; false when a range met a row the fast path cannot read (the file must
// then be read the slow way). Fails only when reading the file fails.
[[nodiscard]] StatusOr<bool> ParseRanges(const RawFile& file, const std::vector<FileRange>& ranges,
                                         const Plan& plan, const RegistryReaderOptions& reader_options,
                                         Progress& progress, std::vector<Part>& parts);

}  // namespace jz::internal::registry_fast

#endif  // JZ_ENGINE_INTERNAL_REGISTRY_RANGE_PARSER_H_
