// AnnotateCsv: copies a CSV file byte for byte and appends one column to every record: the
// import's "problems" column in the copy of the user's own file (app/registry). The copy
// keeps everything the user wrote exactly as it was: encoding, byte-order mark, line ends,
// quoting, blank lines, and cells a spreadsheet would read as formulas (it is their file).
//
//   if (CanAnnotateCsv(encoding, delimiter)) {
//     RETURN_IF_ERROR(AnnotateCsv(in, out, {.encoding = encoding, .delimiter = ',', .width = 12},
//                                 [&](int64_t line) { return NoteFor(line); }));
//   }
//
// Records are found as CsvReader finds them (a quote opens a quoted field only at a field's
// start; "" inside it is a quote; a record ends at a line feed outside quotes) and numbered
// by the physical line they start on, as CsvReader::line_number() numbers them.
#ifndef JZ_IO_CSV_ANNOTATE_H_
#define JZ_IO_CSV_ANNOTATE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "io/text_encoding.h"

namespace jz {

struct AnnotateCsvOptions {
  TextEncoding encoding = TextEncoding::kUtf8;  // of the input, and so of the notes written
  char delimiter = ',';
  // Records with fewer fields (a title or footer row) get empty fields up to this width, so
  // that every note sits in the same column.
  size_t width = 0;
  // Bytes read at a time (the buffer grows for a longer record); tests make it small so that
  // records straddle reads.
  size_t read_block = size_t{4} << 20;
};

// Whether a file in `encoding` can be split into records byte by byte at `delimiter`, quote
// and line feed. False for GB18030 with a delimiter in 0x40–0x7E (such as '|'), which can be
// the second byte of a two-byte character.
bool CanAnnotateCsv(TextEncoding encoding, char delimiter);

// Writes `out_path`: `in_path` with one more field at the end of every record, holding
// note(line) for the record starting on physical line `line` (1-based), quoted as needed and
// converted to the file's encoding. An empty note is an empty field. The output is synced to
// disk before this returns.
// Fails with the error of FileCreateError() when `out_path` cannot be created, NotFound or
// DataLoss naming `in_path` when it cannot be read, DataLoss naming `out_path` on a failed
// write, InvalidArgument when a note cannot be converted.
// REQUIRES: CanAnnotateCsv(options.encoding, options.delimiter).
[[nodiscard]] Status AnnotateCsv(const std::string& in_path, const std::string& out_path,
                                 const AnnotateCsvOptions& options,
                                 const std::function<std::string_view(int64_t line)>& note);

}  // namespace jz

#endif  // JZ_IO_CSV_ANNOTATE_H_
