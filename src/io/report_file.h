// ReportFile: a report or list written to the file a user names, as .xlsx when the path ends in
// .xlsx and as CSV otherwise, with headers in the user's language — one writer for both
// formats, so every report file (validation findings, screening reports, what-if changes,
// refused rows) follows `--report x.xlsx` and `--lang` the same way. Rows stream to the file
// (never all held), so it serves million-row lists.
//
//   ASSIGN_OR_RETURN(auto out, ReportFile::Create(path, Lang::kEn));
//   out->StartTable("findings", kColumns);          // header row in the chosen language
//   out->Row({std::string("R01"), int64_t{12}});   // typed cells, as ReportTable's
//   RETURN_IF_ERROR(out->Close());
//
// CSV: tables after the first follow a blank line, as `--format csv` prints them. Text cells
// are neutralised against formulas in both formats (io/formula_guard.h).
#ifndef JZ_IO_REPORT_FILE_H_
#define JZ_IO_REPORT_FILE_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.h"
#include "core/status.h"
#include "io/report_table.h"

namespace jz {

class CsvWriter;
class XlsxWriter;

// Not thread-safe.
class ReportFile {
 public:
  // Creates `path` (or, for .xlsx, a temporary file beside it). Errors as CsvWriter::Create /
  // XlsxWriter::Create, naming `path`.
  [[nodiscard]] static StatusOr<std::unique_ptr<ReportFile>> Create(const std::string& path, Lang lang);
  ~ReportFile();
  ReportFile(const ReportFile&) = delete;
  ReportFile& operator=(const ReportFile&) = delete;

  // Starts a table (an xlsx sheet named `name`) whose header row is `columns` in the language.
  // `columns` must outlive the rows written under it.
  void StartTable(std::string_view name, std::span<const ReportColumn> columns);
  // REQUIRES: StartTable() was called; cells.size() == its columns' size.
  void Row(std::span<const ReportCell> cells);
  void Row(std::initializer_list<ReportCell> cells) { Row(std::span<const ReportCell>(cells.begin(), cells.size())); }
  // Writes the file out. OK, or the first error, naming the path; nothing is left at `path`
  // by a failed .xlsx (a failed CSV may be partial, as CsvWriter documents).
  [[nodiscard]] Status Close();

  const std::string& path() const { return path_; }
  Lang lang() const { return lang_; }

 private:
  ReportFile(std::string path, Lang lang);

  const std::string path_;
  const Lang lang_;
  std::unique_ptr<CsvWriter> csv_;  // exactly one of csv_ and xlsx_ is set
  std::unique_ptr<XlsxWriter> xlsx_;
  std::span<const ReportColumn> columns_;
  int tables_ = 0;
};

// Writes whole `tables` to `path` with ReportFile.
[[nodiscard]] Status WriteReportFile(const std::string& path, std::span<const ReportTable> tables, Lang lang);

// A text of ours (a label, a Bilingual() message) in `lang`: the English half, the zh-Hans half,
// or the zh-Hans half in traditional characters.
std::string TextIn(Lang lang, std::string_view bilingual);

}  // namespace jz

#endif  // JZ_IO_REPORT_FILE_H_
