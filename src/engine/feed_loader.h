// Loading a departmental feed file straight into a snapshot's per-person aggregates
// (FeedAccumulator), the way screening reads feeds: the rows are matched by packed ID number
// and added, never stored. Two paths with the same result:
//  - the slow path: LoadFeedTable (engine/feed_table.h, on io/CsvReader) then one
//    FeedAccumulator::Add per good row; the reference;
//  - the fast path, taken while the file is plain (UTF-8, comma-separated, no quote, a
//    header that maps; on anything else the feed's aggregates are zeroed and the slow path
//    reads the file): the data split into line-aligned byte ranges, one thread each
//    (engine/file_ranges.h); per row the ID packed by FastPackIdNumber and each cell read by
//    a fast parser of its common shape (engine/fast_cells.h) with the exact parser as
//    fallback, rows matched in batches with IdIndex::FindBatch; line numbers counted per
//    range and offset once all ranges are done.
// feed_loader_test.cc and app/snapshot_loading_test.cc check that the two agree.
#ifndef JZ_ENGINE_FEED_LOADER_H_
#define JZ_ENGINE_FEED_LOADER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "engine/feed_table.h"
#include "engine/snapshot.h"
#include "rules/expr.h"

namespace jz {

struct FeedLoadOptions {
  int threads = 0;  // 0: every core
  // Problems and unmatched rows listed in the result; beyond these only the counts grow.
  // Bounds the memory of a file that is wrong on every row.
  size_t max_problems = 100'000;
  size_t max_unmatched = 1'000'000;
  bool force_slow = false;  // tests: take the slow path whatever the file
};

// A row with a valid ID number that is no registry person's, for the screening report.
struct UnmatchedRow {
  int64_t line = 0;
  uint64_t packed_id = 0;

  friend bool operator==(const UnmatchedRow&, const UnmatchedRow&) = default;
};

// Invariant: rows == matched + unmatched + invalid_ids + bad_rows.
struct FeedLoadResult {
  int64_t rows = 0;                          // data rows read (blank lines are not rows)
  int64_t matched = 0;                       // good rows whose ID is a registry person's
  int64_t unmatched = 0;                     // good rows whose valid ID matches no person
  int64_t invalid_ids = 0;                   // rows rejected for their ID number
  int64_t bad_rows = 0;                      // rows with a valid ID but an unreadable date or cell
  std::vector<FeedProblem> problems;         // first max_problems, in line order
  std::vector<UnmatchedRow> unmatched_rows;  // first max_unmatched, in line order
  bool fast_path = false;                    // how the file was read (for benchmarks and tests)
};

// Reads the feed file `path` of schema `schema` (Policy::feeds[feed_index]) and adds each
// good row to `acc` (FeedAccumulator::Add semantics: money in fen, bool 0/1, int as is;
// rows dated after as_of ignored). Problems name the file, line (as CsvReader counts it),
// column and value (ID numbers masked), with a bilingual reason: an invalid ID number; else
// the first unreadable date or declared cell.
// Fails as LoadFeedTable does: NotFound for a missing file; InvalidArgument for an empty
// file, a missing column, or a file CsvReader cannot read on (a broken quote, bytes that are
// not UTF-8, a NUL byte, a field or record over the limits). After a failure `acc` holds
// none of the file's rows (what the fast path had added is zeroed again).
// Thread safety: other threads may add to `acc` meanwhile. `progress` gets one phase.
[[nodiscard]] StatusOr<FeedLoadResult> LoadFeed(const std::string& path, const FeedSchema& schema,
                                                size_t feed_index, FeedAccumulator& acc,
                                                const FeedLoadOptions& options,
                                                Progress& progress = NoProgress());

}  // namespace jz

#endif  // JZ_ENGINE_FEED_LOADER_H_
