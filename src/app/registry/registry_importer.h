// Use case: import registry exports (one row per person) into the store without losing a
// row. Households are assembled by 户编号 across all files; a household with any bad row
// is rejected whole. By default the import is all-or-nothing: with any rejected row the
// store is left exactly as it was. With `partial`, valid households are stored and the
// rejected ones listed. Every rejected row is written to the error report.
#ifndef JZ_APP_REGISTRY_REGISTRY_IMPORTER_H_
#define JZ_APP_REGISTRY_REGISTRY_IMPORTER_H_

#include <optional>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "io/registry_reader.h"
#include "io/text_encoding.h"
#include "store/store.h"

namespace jz {

struct ImportOptions {
  std::vector<std::string> files;
  std::optional<TextEncoding> encoding;  // nullopt: detect per file
  bool partial = false;
  int data_year = 0;        // year of the income columns; REQUIRES > 0
  std::string report_path;  // error report (CSV); written when any row is rejected
};

struct ImportSummary {
  int64_t rows = 0;
  int64_t households = 0;   // distinct households read
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t persons_stored = 0;
  int64_t rejected_rows = 0;
  int64_t rejected_households = 0;
  bool committed = false;   // false: nothing was written
  std::vector<std::string> unknown_columns;  // "file: column"
  std::vector<RowProblem> problems;          // every rejected row's reasons
  double seconds = 0;
};

// Imports `options.files` into `store`. Returns the summary also when rows were rejected
// (then `committed` tells whether anything was written); returns an error only when a
// file cannot be read at all (missing, empty, no required columns, broken CSV syntax, wrong
// encoding) or the store fails, and in every error case the store is unchanged.
StatusOr<ImportSummary> ImportRegistry(Store& store, const ImportOptions& options, Progress& progress = NoProgress());

// Writes `problems` as the error report: file, line, household, person, column, value,
// rule, reason (zh-Hans).
Status WriteImportReport(const std::string& path, const std::vector<RowProblem>& problems);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGISTRY_IMPORTER_H_
