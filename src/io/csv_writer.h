// CsvWriter: writes RFC 4180 CSV for exports, reports and the synthetic-data generator
// (about 300 MB per million households), in UTF-8 or, for users whose Excel expects the
// ANSI code page, GB18030.
//
//   ASSIGN_OR_RETURN(auto writer, CsvWriter::Create(path));
//   writer->Row({"household_id", "county"});
//   writer->Field(household.id);
//   writer->Field(county_name);  // Quoted only when it must be.
//   writer->EndRow();
//   RETURN_IF_ERROR(writer->Close());
//
// Text fields are neutralised against formula injection (io/formula_guard.h): a field that a
// spreadsheet would run as a formula gets a leading apostrophe. Typed fields (Field(int64_t),
// RawField) are never touched. Data files written to be read back exactly by our own readers
// (the generator's registry and feeds) pass FormulaGuard::kVerbatim instead.
//
// Rows are built in a 1 MiB buffer that is written out only at row ends, so the GB18030
// conversion always sees whole rows. Write errors do not interrupt the caller field by
// field: the first one is kept, later output is dropped, and Close() reports it.
#ifndef JZ_IO_CSV_WRITER_H_
#define JZ_IO_CSV_WRITER_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "io/text_encoding.h"

namespace jz {

// Whether CsvWriter::Field() neutralises text that a spreadsheet would read as a formula.
enum class FormulaGuard : uint8_t {
  kNeutralize,  // reports and lists a person opens in a spreadsheet (the default)
  kVerbatim,    // data files read back by our own importer, which must round-trip exactly
};

// Not thread-safe. Output uses LF line ends and no byte-order mark.
class CsvWriter {
 public:
  // Creates (or truncates) `path` for writing in `encoding` with `delimiter`.
  // Fails with NotFoundError when the directory does not exist, PermissionDeniedError when
  // it may not be written, InvalidArgumentError when `path` is a directory or `delimiter`
  // is '"', '\r' or '\n', DataLossError for any other failure to create it, and
  // InternalError when GB18030 output cannot be produced (missing gconv modules).
  [[nodiscard]] static StatusOr<std::unique_ptr<CsvWriter>> Create(
      const std::string& path, TextEncoding encoding = TextEncoding::kUtf8, char delimiter = ',',
      FormulaGuard guard = FormulaGuard::kNeutralize);

  // Returns a writer that appends its output to `*out` at each flush and at Close(); call
  // Close() before reading `*out`. `out` must outlive the writer.
  // REQUIRES: out != nullptr; `delimiter` is not '"', '\r' or '\n'.
  static std::unique_ptr<CsvWriter> ToString(std::string* out, TextEncoding encoding = TextEncoding::kUtf8,
                                             char delimiter = ',',
                                             FormulaGuard guard = FormulaGuard::kNeutralize);

  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  // Closes the writer if Close() was not called, ignoring any error.
  ~CsvWriter();

  // Appends a text field to the current row: with a leading apostrophe when the writer
  // neutralises formulas and StartsLikeFormula(value); quoted (with quotes doubled) when it
  // contains the delimiter, a quote, CR or LF. `value` must be UTF-8; for GB18030 output invalid UTF-8
  // makes status() an InvalidArgumentError at the next flush.
  void Field(std::string_view value);
  // Appends an integer field in decimal.
  void Field(int64_t value);
  // Appends an empty field.
  void EmptyField();
  // Appends `value` as it is, never neutralised: the fastest path, for codes, dates and
  // amounts the caller formatted itself (a negative amount is a plain number, left as is).
  // REQUIRES: `value` contains no delimiter, quote, CR or LF.
  void RawField(std::string_view value);
  // Ends the current row with LF. A row of one empty field is written as "" so that it is
  // not read back as an (ignored) empty line; a row of no fields is written as an empty
  // line.
  void EndRow();
  // Appends each of `fields` with Field(), then ends the row.
  void Row(std::initializer_list<std::string_view> fields);

  // Ends an unfinished row, writes out the buffer, flushes the file to disk and closes it.
  // Returns status(): OK, or the first error (DataLossError naming the path for a failed
  // write, fdatasync or close, such as a full disk or EIO). Calling it again returns the
  // same status. No field may be added afterwards.
  [[nodiscard]] Status Close();

  // The first error met so far, or OK. After an error, further output is discarded.
  Status status() const { return status_; }

  // Bytes handed to the file (or string) so far, in the output encoding; after a
  // successful Close() this is the output's size.
  int64_t bytes_written() const { return bytes_written_; }

  // Rows ended with EndRow() (or Row()) while no error had occurred.
  int64_t rows_written() const { return rows_written_; }

 private:
  CsvWriter(std::string name, int fd, std::string* out, TextEncoding encoding, char delimiter,
            FormulaGuard guard);
  void AppendText(std::string_view value);

  void StartField() {
    if (row_has_field_) buf_.push_back(delimiter_);
    row_has_field_ = true;
  }
  bool NeedsQuotes(std::string_view value) const;
  void Flush();
  void Write(std::string_view bytes);

  const std::string name_;  // The path, or "<string>".
  int fd_;                  // Owned; -1 when writing to out_ or once closed.
  std::string* const out_;
  const char delimiter_;
  const bool neutralize_;                       // FormulaGuard::kNeutralize
  std::optional<EncodingConverter> converter_;  // Set for GB18030 output.
  std::array<bool, 256> needs_quotes_{};        // Bytes that force a field to be quoted.

  // Invariant: buf_[0, row_start_) holds whole rows; the current row follows.
  std::string buf_;
  size_t row_start_ = 0;
  bool row_has_field_ = false;
  std::string converted_;

  Status status_;
  bool closed_ = false;
  int64_t bytes_written_ = 0;
  int64_t rows_written_ = 0;
};

}  // namespace jz

#endif  // JZ_IO_CSV_WRITER_H_
