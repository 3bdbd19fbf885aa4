// Loading a registry export CSV (io/registry_layout.h) straight into a columnar Snapshot for
// screening, reading only the cells the policy needs. Two paths with the same result:
//  - the slow path, the reference: RegistryReader rows grouped into households by 户编号 in
//    order of first appearance (household facts from a household's first row, as the
//    importer assembles them), rejected households dropped, then SnapshotBuilder::Add;
//  - the fast path, for plain files (UTF-8, comma-separated, no quote anywhere): line-
//    aligned byte ranges, one thread each (engine/file_ranges.h); per row only the needed
//    cells are parsed (fast parsers of the common shapes, exact parsers as fallback), the
//    others skipped; households assembled from contiguous rows, one split across a range
//    boundary merged. A row with a problem in a needed cell is re-read by
//    RegistryReader::ParseFields, so its problems are the reader's own.
// The fast path gives up, and the slow path reads the whole file, when a 户编号 reappears
// after other households' rows (the file is not grouped), or when anything is unusual.
//
// A household is rejected when a cell the snapshot needs has a problem on any of its rows:
// 户编号, 人编号, 证件号码, 行政区划代码, and the columns behind each needed field (e.g.
// person.age reads 出生日期, household.net_income the five income columns), or a row has
// the wrong number of fields. Problems in other cells are the validator's and importer's
// business: they neither reject nor are listed here.
#ifndef JZ_ENGINE_REGISTRY_LOADER_H_
#define JZ_ENGINE_REGISTRY_LOADER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/progress.h"
#include "core/status.h"
#include "engine/snapshot.h"
#include "io/registry_layout.h"
#include "io/registry_reader.h"
#include "io/text_encoding.h"

namespace jz {

struct RegistryLoadOptions {
  int data_year = 0;                     // the income columns' year; 0: as_of.year()
  std::optional<TextEncoding> encoding;  // nullopt: detect UTF-8 / GB18030
  int threads = 0;                       // 0: every core
  bool force_slow = false;               // tests: take the slow path whatever the file
};

struct RegistryLoadResult {
  Snapshot snapshot;       // finished (FinishSnapshot): indexed, feed columns zero
  int64_t rows = 0;        // data rows read
  int64_t households = 0;  // households read, rejected ones included
  int64_t households_rejected = 0;
  std::vector<RowProblem> problems;  // in line order: why each rejected household was
  int data_year = 0;                 // the data year used
  bool fast_path = false;            // how the file was read (benchmarks and tests)
};

// The export columns whose cells the snapshot of `needs` reads (always 户编号, 人编号,
// 证件号码 and 行政区划代码), indexed by RegistryColumn.
std::vector<bool> NeededRegistryColumns(const SnapshotNeeds& needs);

// Reads the registry export `path` into a snapshot of the fields of `needs` as of `as_of`.
// Fails as RegistryReader::Open and Next do: NotFound for a missing file; InvalidArgument
// for an empty file, a duplicated or missing required column, or a file CsvReader cannot
// read on (a broken quote, bytes not in the encoding, a field or record over the limits).
// `progress` gets one phase.
[[nodiscard]] StatusOr<RegistryLoadResult> LoadRegistrySnapshot(const std::string& path,
                                                                const SnapshotNeeds& needs, Date as_of,
                                                                const RegistryLoadOptions& options,
                                                                Progress& progress = NoProgress());

}  // namespace jz

#endif  // JZ_ENGINE_REGISTRY_LOADER_H_
