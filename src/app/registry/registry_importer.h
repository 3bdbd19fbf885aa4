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

namespace jz {

class Store;
class Workspace;

// What a door asks for. Unset fields take the defaults filled in by ImportRegistry().
struct ImportRequest {
  std::vector<std::string> files = {};
  std::optional<TextEncoding> encoding = std::nullopt;  // nullopt: detect per file
  bool partial = false;
  // Year of the income columns; default: the year before the workspace's today. Accepted:
  // kFirstDataYear (core/limits.h) to today's year.
  std::optional<int> data_year = std::nullopt;
  // The error report; default: "<database>.import-errors.csv".
  std::string report_path = {};
};

struct ImportOptions {
  std::vector<std::string> files;
  std::optional<TextEncoding> encoding;  // nullopt: detect per file
  bool partial = false;
  int data_year = 0;        // year of the income columns; REQUIRES > 0
  std::string report_path;  // error report (CSV); written when any row is rejected
};

struct ImportSummary {
  int64_t rows = 0;
  int64_t households = 0;  // distinct households read
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t persons_stored = 0;
  int64_t rejected_rows = 0;
  int64_t rejected_households = 0;
  bool committed = false;                    // false: nothing was written
  std::vector<std::string> unknown_columns;  // "file: column"
  std::vector<RowProblem> problems;          // every rejected row's reasons
  double seconds = 0;
  int data_year = 0;        // the year the income columns were read as
  std::string report_path;  // where the error report was (or would be) written
};

// Imports `options.files` into `store`. Returns the summary also when rows were rejected
// (then `committed` tells whether anything was written); returns an error only when a
// file cannot be read at all (missing, empty, no required columns, broken CSV syntax, wrong
// encoding) or the store fails, and in every error case the store is unchanged.
[[nodiscard]] StatusOr<ImportSummary> ImportRegistry(Store& store, const ImportOptions& options,
                                                     Progress& progress = NoProgress());

// The door's entry: fills the request's defaults, checks the year (InvalidArgument naming it
// and the accepted years) and imports into the workspace's database as above. A disk that
// fills during the import leaves the database as it was (FailedPrecondition saying so).
[[nodiscard]] StatusOr<ImportSummary> ImportRegistry(Workspace& workspace, const ImportRequest& request,
                                                     Progress& progress = NoProgress());

// Writes `problems` as the error report: file, line, household, person, column, value,
// rule, reason (zh-Hans).
Status WriteImportReport(const std::string& path, const std::vector<RowProblem>& problems);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGISTRY_IMPORTER_H_
