// CsvReader: a streaming RFC 4180 reader for registry imports (household rosters, region
// lists, income surveys), which arrive as multi-gigabyte UTF-8 or GBK/GB18030 files.
//
//   ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
//   std::vector<std::string_view> fields;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, reader->Next(fields));
//     if (!more) break;
//     ...  // fields[i] stays valid until the next call to Next().
//   }
//
// The reader is on the import hot path, so it is hand-written rather than built on a
// general parser: it finds line ends and delimiters with memchr over a large read buffer
// and hands out views into that buffer, copying only quoted fields that contain "".
// Every error names the file, the line where the record starts and the column, in Chinese
// and English.
#ifndef JZ_IO_CSV_READER_H_
#define JZ_IO_CSV_READER_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "core/status.h"
#include "io/text_encoding.h"

namespace jz {

struct CsvOptions {
  // The field separator. 0 detects it from the first line: tab when that line has more
  // tabs than commas, else comma. Must not be '"', '\r' or '\n'.
  char delimiter = 0;
  // What the input is. GB18030 input is converted to UTF-8 while reading, in pieces that
  // never split a character, so callers always see UTF-8.
  TextEncoding encoding = TextEncoding::kUtf8;
  // When true, the first kEncodingSniffBytes are sniffed with DetectEncoding() and the
  // result overrides `encoding`. Callers set it to false when the user named an encoding
  // (a file whose first 64 KiB are ASCII is otherwise taken for UTF-8).
  bool detect_encoding = true;
  // A record with a longer field (after unescaping) is an error. Must be at least 1.
  size_t max_field_bytes = kMaxCsvFieldBytes;
  // A record with more fields is an error. Must be at least 1.
  size_t max_fields = kMaxCsvFields;
  // Size of each read. Only tests change it, to make records straddle reads; values
  // below 16 are raised to 16.
  size_t read_buffer_bytes = kCsvReadBufferBytes;
};

// Reads records one at a time from a file or a string. Not thread-safe; movable only
// through the unique_ptr it is created in.
//
// Format: fields separated by the delimiter, records by LF or CRLF; a field starting with
// '"' is quoted and may contain the delimiter, CR, LF and "" (one quote). A quote inside
// an unquoted field is kept as a literal character. A UTF-8 byte-order mark at the start is
// skipped. Empty lines are skipped and are not records (so a one-column file cannot
// express an empty value by an empty line). The last line may lack its line end.
class CsvReader {
 public:
  // Opens `path` for reading and reads its first block.
  // Fails with NotFoundError naming `path` when it does not exist, PermissionDeniedError
  // when it may not be read, InvalidArgumentError when it is a directory or `options` are
  // invalid, DataLossError when reading fails, and InternalError when GB18030 input cannot
  // be converted (missing gconv modules).
  [[nodiscard]] static StatusOr<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                                 CsvOptions options = {});

  // Reads records from `data`; `name` stands in for the file name in error messages.
  // Fails as Open() does, apart from the file-system errors.
  [[nodiscard]] static StatusOr<std::unique_ptr<CsvReader>> FromString(std::string data, std::string name,
                                                                       CsvOptions options = {});

  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();

  // Replaces the contents of `fields` with the next record's fields, in UTF-8, and returns
  // true; returns false (and leaves `fields` empty) at the end of the input. The views
  // point into the reader and stay valid until the next call to Next() or the reader's
  // destruction.
  // Fails with InvalidArgumentError (bilingual), prefixed with
  // "<name>: 第 N 行 (line N)" where N is the physical line the record starts on, and
  // naming the 1-based column, when: the input ends inside a quoted field; a quoted field
  // is followed by anything but the delimiter or a line end; a field is longer than
  // max_field_bytes; a record has more than max_fields fields or more than
  // kMaxCsvRecordBytes bytes; the input contains a NUL byte; UTF-8 input is not valid
  // UTF-8 (the message suggests --encoding gb18030); GB18030 input is not valid GB18030.
  // Fails with DataLossError when reading the file fails. Records before the offending one
  // are returned normally. After an error every later call returns the same error.
  [[nodiscard]] StatusOr<bool> Next(std::vector<std::string_view>& fields);

  // The 0-based index of the record last returned by Next(): 0 after the first record (the
  // header, in our files), 1 after the first data row; -1 before any.
  int64_t record_index() const { return record_index_; }

  // The 1-based physical line on which the record last returned by Next() starts; 0
  // before any. Quoted line breaks and skipped empty lines count as lines.
  int64_t line_number() const { return line_number_; }

  // Input bytes consumed by the records returned so far (including a byte-order mark and
  // skipped empty lines). For GB18030 input this is estimated from the conversion ratio so
  // far; it is meant for progress bars, against total_bytes().
  int64_t bytes_consumed() const;

  // The input's size in bytes, or -1 when it is not a regular file (a pipe).
  int64_t total_bytes() const { return total_bytes_; }

  // The path passed to Open(), or the name passed to FromString().
  const std::string& name() const { return name_; }

  // The input's encoding after detection.
  TextEncoding encoding() const { return encoding_; }

  // The delimiter in use after detection.
  char delimiter() const { return delimiter_; }

  // A quoted field of the record last returned that held a line break: its 0-based index
  // and the line breaks of the record before its opening and before its closing quote, so
  // that the quotes sit on lines line_number() + open_newlines and line_number() +
  // close_newlines. An importer uses it to refuse a name or an ID number that swallowed
  // the rows below it (a quote opened and closed in different rows).
  struct MultilineField {
    size_t index;
    int64_t open_newlines;
    int64_t close_newlines;
  };
  // The record's multi-line fields, by increasing index; empty for most records.
  const std::vector<MultilineField>& multiline_fields() const { return multiline_; }

 private:
  enum class Parse : uint8_t { kRecord, kNeedMore, kError };
  enum class FieldEnd : uint8_t { kDelimiter, kRecordEnd, kNeedMore, kError };
  enum class BadByte : uint8_t { kNone, kNul, kInvalidUtf8, kInvalidGb18030 };
  static constexpr int64_t kNoBadByte = std::numeric_limits<int64_t>::max();

  // A quoted field whose "" pairs were unescaped into scratch_; fields[index] is pointed
  // at scratch_[offset, offset + size) once the record is complete, because scratch_ may
  // reallocate while the record is parsed.
  struct EscapedField {
    size_t index;
    size_t offset;
    size_t size;
  };

  CsvReader(std::string name, CsvOptions options, int fd, std::string source, int64_t total_bytes);

  [[nodiscard]] Status Init();
  [[nodiscard]] Status ReadFirstBlock();
  void DetectDelimiter();
  [[nodiscard]] Status Refill();
  [[nodiscard]] Status ReadUtf8();
  [[nodiscard]] Status ReadConverted();
  [[nodiscard]] StatusOr<size_t> ReadSource(char* destination, size_t capacity);
  void CheckNewBytes(size_t from);
  bool SkipBlankLines();

  Parse ParseFast(std::vector<std::string_view>& fields);
  bool SplitLine(const char* begin, const char* end, std::vector<std::string_view>& fields);
  bool AddField(const char* begin, const char* end, std::vector<std::string_view>& fields);
  Parse ParseSlow(std::vector<std::string_view>& fields);
  FieldEnd UnquotedField(const char*& p, std::vector<std::string_view>& fields);
  FieldEnd QuotedField(const char*& p, std::vector<std::string_view>& fields);
  FieldEnd AfterClosingQuote(const char*& p, size_t column);
  void UnescapeInto(const char* begin, const char* end);
  size_t Offset(const char* p) const { return static_cast<size_t>(p - buf_.data()); }

  Status Fail(Status status);
  // These set status_ to a record error prefixed with the file and line.
  void SetRecordError(size_t column, size_t where, std::string_view zh, std::string_view en);
  void SetTooManyFields(size_t where);
  void SetFieldTooLong(size_t column, bool unclosed_quote, size_t where);
  void SetBadByteError();
  // An InvalidArgumentError prefixed with "<name>: 第 N 行 (line N)" for the current record.
  Status LineError(std::string_view zh, std::string_view en) const;
  size_t ColumnAt(size_t from, size_t to) const;

  const std::string name_;
  const CsvOptions options_;
  char delimiter_;
  TextEncoding encoding_;
  const int64_t total_bytes_;

  // The source: an owned file descriptor, or (fd_ < 0) the bytes of source_.
  int fd_;
  std::string source_;
  size_t source_pos_ = 0;

  // Invariant: buf_[pos_, len_) is UTF-8 input not yet returned, pos_ <= len_ <=
  // buf_.size() (the capacity), and buf_[0] is byte base_ of the UTF-8 stream. eof_ means
  // nothing will ever be appended after len_.
  std::string buf_;
  size_t pos_ = 0;
  size_t len_ = 0;
  int64_t base_ = 0;
  bool eof_ = false;

  // GB18030 input only: raw_[0, raw_len_) are read bytes not yet converted (at most a
  // partial line), and converted_ is the conversion's scratch output.
  std::optional<EncodingConverter> converter_;
  std::string raw_;
  size_t raw_len_ = 0;
  std::string converted_;

  // Input is checked for NUL bytes and bad encoding as it is read, not as it is parsed;
  // bad_pos_ is the stream offset of the first bad byte, reported when a record reaches
  // it. For GB18030 input reading stops there and conversion_error_ says why.
  int64_t bad_pos_ = kNoBadByte;
  BadByte bad_kind_ = BadByte::kNone;
  int64_t validated_to_ = 0;  // UTF-8 input: stream offset checked so far.
  Status conversion_error_;

  // The record being parsed.
  std::string scratch_;
  std::vector<EscapedField> escaped_;
  size_t record_end_ = 0;        // buf_ offset just past the record and its line end.
  bool record_at_eof_ = false;   // The record was ended by the end of input.
  int64_t record_newlines_ = 0;  // Line breaks inside its quoted fields.
  std::vector<MultilineField> multiline_;

  int64_t line_ = 1;  // The line on which the next record starts.
  int64_t line_number_ = 0;
  int64_t record_index_ = -1;
  Status status_;  // The first error; once set, Next() returns it.
};

}  // namespace jz

#endif  // JZ_IO_CSV_READER_H_
