// The fast path of the registry loader, in three steps over the file's line-aligned byte
// ranges, each in a file of its own:
//   1. MakePlan (registry_fast_plan.cc): what each needed field is and where its column is;
//   2. ParseRanges (registry_range_parser.cc): each thread turns its range into a Part of
//      household fragments and persons, the cells parsed by RawRowParser
//      (internal/raw_row_parser.h) with the labels cached per column (internal/code_cache.h);
//   3. AnyRepeated, KeptRanges and Assemble (registry_fast_assembly.cc): fragments split by
//      range boundaries are joined, a 户编号 that comes back later sends the file to the slow
//      path, and the kept households are copied into the snapshot, with the fields that
//      depend on the whole household (size, 人均纯收入) computed.
// This file runs the steps and merges the parts' problems, their lines made the file's.
#include "engine/registry_fast_path.h"

#include <utility>

#include "engine/file_ranges.h"
#include "engine/internal/registry_fast_assembly.h"
#include "engine/internal/registry_fast_plan.h"
#include "engine/internal/registry_range_parser.h"

namespace jz {
namespace {

using internal::registry_fast::AnyRepeated;
using internal::registry_fast::Assemble;
using internal::registry_fast::Kept;
using internal::registry_fast::KeptRanges;
using internal::registry_fast::MakePlan;
using internal::registry_fast::ParseRanges;
using internal::registry_fast::Part;
using internal::registry_fast::Plan;

// What LoadRegistryFast returns to send the file to the slow path. (A bare std::nullopt
// would construct StatusOr's own empty value instead.)
std::optional<RegistryLoadResult> SlowPath() { return std::optional<RegistryLoadResult>(); }

}  // namespace

StatusOr<std::optional<RegistryLoadResult>> LoadRegistryFast(const std::string& path,
                                                             const SnapshotNeeds& needs, Date as_of,
                                                             const RegistryLoadOptions& options,
                                                             int data_year, Progress& progress) {
  StatusOr<RawFile> file = RawFile::Open(path);
  if (!file.ok()) return SlowPath();
  ASSIGN_OR_RETURN(const FileHead head, ReadFileHead(*file));
  if (!head.fast_readable) return SlowPath();
  const RegistryReaderOptions reader_options{TextEncoding::kUtf8, data_year};
  if (!RegistryReader::FromString(head.header + "\n", path, reader_options).ok()) return SlowPath();
  std::optional<Plan> plan = MakePlan(path, needs, as_of, data_year, head.header);
  if (!plan) return SlowPath();
  const size_t threads = ThreadCount(options.threads);
  ASSIGN_OR_RETURN(const std::vector<FileRange> ranges, SplitAtLines(*file, head.data_begin, threads));

  std::vector<Part> parts;
  ASSIGN_OR_RETURN(const bool parsed, ParseRanges(*file, ranges, *plan, reader_options, progress, parts));
  if (!parsed) return SlowPath();

  RegistryLoadResult result;
  result.fast_path = true;
  result.data_year = data_year;
  int64_t lines_before = 1;  // the header
  for (Part& part : parts) {
    result.rows += part.rows;
    for (RowProblem& problem : part.problems) {
      problem.line += lines_before;
      result.problems.push_back(std::move(problem));
    }
    part.problems.clear();
    lines_before += part.newlines;
  }
  if (AnyRepeated(parts)) return SlowPath();
  const Kept kept = KeptRanges(parts);
  result.households = static_cast<int64_t>(kept.households_seen);
  result.households_rejected = static_cast<int64_t>(kept.households_seen - kept.sizes.size());
  result.snapshot = Assemble(parts, kept, *plan, needs);
  return std::optional<RegistryLoadResult>(std::move(result));
}

}  // namespace jz
