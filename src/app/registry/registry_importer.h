// Use case: import registry exports (one row per person) into the store without losing a
// row. Households are assembled by 户编号 across all files; a household with any bad row
// is rejected whole. By default the import is all-or-nothing: with any rejected row the
// store is left exactly as it was. With `partial`, valid households are stored and the
// rejected ones listed. With `dry_run`, every check runs and nothing is written.
//
// An import explains itself in three reports (import_report.cc):
//  - the error report: one machine-readable row per problem (ID numbers masked);
//  - beside it, for each file with a rejected row, a copy of the user's file in their own
//    layout (title and header rows, every row in order) with one added column 问题 / problems
//    saying what is wrong in each rejected row;
//  - the change report: what a re-import changed in each stored household (household_diff.h).
// Rows without a region code are placed by their 县/乡/村 names (region_names.h).
#ifndef JZ_APP_REGISTRY_REGISTRY_IMPORTER_H_
#define JZ_APP_REGISTRY_REGISTRY_IMPORTER_H_

#include <optional>
#include <string>
#include <vector>

#include "app/registry/household_diff.h"
#include "core/progress.h"
#include "core/region_code.h"
#include "core/status.h"
#include "io/registry_reader.h"
#include "io/text_encoding.h"

namespace jz {

class RegionNameResolver;
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
  // The error report; default: "<database>.import-errors.csv". The copies of the user's
  // files and the change report are named after it (ImportReportPaths()).
  std::string report_path = {};
  // Every check and every report, but nothing written to the database.
  bool dry_run = false;
};

struct ImportOptions {
  std::vector<std::string> files;
  std::optional<TextEncoding> encoding;  // nullopt: detect per file
  bool partial = false;
  int data_year = 0;        // year of the income columns; REQUIRES > 0
  std::string report_path;  // error report (CSV); written when any row is rejected
  bool dry_run = false;     // check and report, roll back instead of committing
  // The province whose region names rows are resolved in (the workspace's province). When
  // set, the resolver is loaded from the store once, before any row is read, and a province
  // without villages loaded fails the import with one FailedPrecondition. nullopt: rows
  // that carry only names are rejected (import.region_name), and a store without any region
  // fails the import as above.
  std::optional<RegionCode> province;
  // Tests: a resolver to use instead of loading one from the store (not owned; must outlive
  // the call). Takes precedence over `province`.
  const RegionNameResolver* resolver = nullptr;
};

// The counts of an import. They always add up: rows = persons_stored + rejected_rows +
// rows_not_written (in a dry run, persons_stored counts the rows that would have been stored).
struct ImportSummary {
  int64_t rows = 0;         // data rows (records) read, footer rows not included
  int64_t lines = 0;        // physical lines those rows span (> rows when a quoted field holds a line break)
  int64_t footer_rows = 0;  // 合计, 制表人 ... rows recognised and skipped
  int64_t households = 0;   // distinct households read
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t persons_stored = 0;
  int64_t rejected_rows = 0;       // every row of a rejected household
  int64_t rows_with_problems = 0;  // rows with a problem of their own (<= rejected_rows)
  int64_t rows_not_written = 0;    // valid rows left out because an all-or-nothing import rolled back
  int64_t rejected_households = 0;
  bool committed = false;  // false: nothing was written
  bool dry_run = false;
  std::vector<std::string> unknown_columns;  // "file: column"
  std::vector<std::string> notes;            // Bilingual: each footer row skipped, naming file and line
  std::vector<RowProblem> problems;          // every rejected row's reasons
  // What the updates changed (or would change, in a dry run), and their counts.
  std::vector<HouseholdChange> changes;
  int64_t members_added = 0;
  int64_t members_removed = 0;
  int64_t fields_changed = 0;
  double seconds = 0;
  int data_year = 0;        // the year the income columns were read as
  std::string report_path;  // where the error report was (or would be) written
  // The copies of the user's files with the problems column, one per file with a rejected
  // row (written only then), and the change report (written only when something changed).
  std::vector<std::string> layout_report_paths;
  std::string change_report_path;
};

// Imports `options.files` into `store`. Returns the summary also when rows were rejected
// (then `committed` tells whether anything was written); returns an error only when a
// file cannot be read at all (missing, empty, no required columns, broken CSV syntax, wrong
// encoding), the store has no region to place a household in (FailedPrecondition, once,
// before any row is read, saying to run regions load), or the store fails; in every error
// case the store is unchanged. With `dry_run` the store is never changed and `committed` is
// false; every other field is what the same import without it would report. The reports
// are written (ImportSummary's paths) whenever `report_path` is set.
[[nodiscard]] StatusOr<ImportSummary> ImportRegistry(Store& store, const ImportOptions& options,
                                                     Progress& progress = NoProgress());

// The door's entry: fills the request's defaults, checks the year (InvalidArgument naming it
// and the accepted years), takes the workspace's province for region names (no region
// loaded: FailedPrecondition naming the database and the command to run) and imports into
// the workspace's database as above. A disk that
// fills during the import leaves the database as it was (FailedPrecondition saying so).
[[nodiscard]] StatusOr<ImportSummary> ImportRegistry(Workspace& workspace, const ImportRequest& request,
                                                     Progress& progress = NoProgress());

// Writes `problems` as the error report: file, line, household, person, column, value,
// rule, reason (zh-Hans).
Status WriteImportReport(const std::string& path, const std::vector<RowProblem>& problems);

// The change report: household, kind, member, year, field, old value, new value (zh-Hans;
// ID numbers and phones masked).
Status WriteChangeReport(const std::string& path, const std::vector<HouseholdChange>& changes);

// Where the reports of an import whose error report is `report_path` go: the copy of
// `file` with the problems column is "<report without .csv>.<file's name>" beside the
// report (CSV for a CSV file; .xlsx for a workbook, .xls renamed .xlsx); the change report "<report without
// .csv>.changes.csv".
std::string LayoutReportPath(const std::string& report_path, const std::string& file);
std::string ChangeReportPath(const std::string& report_path);

}  // namespace jz

#endif  // JZ_APP_REGISTRY_REGISTRY_IMPORTER_H_
