// CsvReader: buffering, encoding checks and the record parser, hand-written because it is
// on our hot path (see csv_reader.h). A line without a quote takes the fast path: memchr
// finds the line end, a second memchr confirms there is no '"', and the line is split at
// each delimiter eight bytes at a time into views of the buffer. Other records go through
// a small state machine (ParseSlow) for quotes, "" escapes and quoted line breaks. A record
// that runs past the buffered bytes returns kNeedMore: it is moved to the buffer's front,
// more is read, and it is parsed again from its start. That happens once per buffer, costs
// nothing measurable, and keeps the parser free of resumable state. Encoding errors and
// NUL bytes are found as bytes are read (ScanUtf8, memchr) and reported only when a record
// reaches them, so every good record before a bad byte is still returned.
#include "io/csv_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace jz {
namespace {

constexpr size_t kMinReadBufferBytes = 16;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGbkHintZh = "文件可能是 GBK/GB18030 编码，请加上 --encoding gb18030";
constexpr std::string_view kGbkHintEn = "the file may be GBK/GB18030: pass --encoding gb18030";

std::string ErrnoText(int error) {
  return std::error_code(error, std::generic_category()).message();
}

Status OpenError(const std::string& path, int error) {
  if (error == ENOENT || error == ENOTDIR) {
    return NotFoundError(
        Bilingual(fmt::format("文件不存在：{}", path), fmt::format("file not found: {}", path)));
  }
  const std::string reason = ErrnoText(error);
  if (error == EACCES || error == EPERM) {
    return PermissionDeniedError(Bilingual(fmt::format("无权读取文件 {}（{}）", path, reason),
                                           fmt::format("may not read {} ({})", path, reason)));
  }
  return DataLossError(Bilingual(fmt::format("无法打开文件 {}（{}）", path, reason),
                                 fmt::format("cannot open {} ({})", path, reason)));
}

// Returns a word with the top bit of each byte set exactly where `word` has a zero byte
// (no false positives, unlike the cheaper haszero() trick).
uint64_t ZeroByteMask(uint64_t word) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((word & kLow7) + kLow7) | word | kLow7);
}

// Returns the first '"' in [p, end), or end, adding the line feeds before it to
// `newlines`. (memchr plus a vectorised count measured faster than one fused byte loop.)
const char* FindQuote(const char* p, const char* end, int64_t& newlines) {
  const auto* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
  const char* stop = quote != nullptr ? quote : end;
  newlines += std::count(p, stop, '\n');
  return stop;
}

}  // namespace

CsvReader::CsvReader(std::string name, CsvOptions options, int fd, std::string source,
                     int64_t total_bytes)
    : name_(std::move(name)),
      options_(options),
      delimiter_(options.delimiter),
      encoding_(options.encoding),
      total_bytes_(total_bytes),
      fd_(fd),
      source_(std::move(source)) {}

CsvReader::~CsvReader() {
  if (fd_ >= 0) ::close(fd_);
}

StatusOr<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path, CsvOptions options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OpenError(path, errno);
  struct stat info {};
  int64_t total_bytes = -1;
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      ::close(fd);
      return InvalidArgumentError(
          Bilingual(fmt::format("{} 是目录，不是 CSV 文件", path),
                    fmt::format("{} is a directory, not a CSV file", path)));
    }
    if (S_ISREG(info.st_mode)) total_bytes = info.st_size;
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  std::unique_ptr<CsvReader> reader(new CsvReader(path, options, fd, {}, total_bytes));
  RETURN_IF_ERROR(reader->Init());
  return reader;
}

StatusOr<std::unique_ptr<CsvReader>> CsvReader::FromString(std::string data, std::string name,
                                                           CsvOptions options) {
  const auto total_bytes = static_cast<int64_t>(data.size());
  std::unique_ptr<CsvReader> reader(
      new CsvReader(std::move(name), options, -1, std::move(data), total_bytes));
  RETURN_IF_ERROR(reader->Init());
  return reader;
}

Status CsvReader::Init() {
  const char d = options_.delimiter;
  if (d == '"' || d == '\r' || d == '\n' || options_.max_fields == 0 ||
      options_.max_field_bytes == 0) {
    return InvalidArgumentError(Bilingual(
        fmt::format("{}：CSV 选项无效（分隔符不能是引号或换行符，上限必须大于 0）", name_),
        fmt::format("{}: invalid CSV options (the delimiter may not be a quote or a line "
                    "break, and the limits must be positive)",
                    name_)));
  }
  buf_.resize(std::max(options_.read_buffer_bytes, kMinReadBufferBytes));
  RETURN_IF_ERROR(ReadFirstBlock());
  if (options_.detect_encoding) {
    encoding_ = DetectEncoding(std::string_view(buf_.data(), std::min(len_, kEncodingSniffBytes)));
  }
  if (encoding_ == TextEncoding::kGb18030) {
    ASSIGN_OR_RETURN(EncodingConverter converter,
                     EncodingConverter::Create(TextEncoding::kGb18030, TextEncoding::kUtf8));
    converter_.emplace(std::move(converter));
    raw_ = std::move(buf_);
    raw_len_ = len_;
    buf_.assign(raw_.size(), '\0');
    len_ = 0;
    eof_ = false;
    RETURN_IF_ERROR(ReadConverted());
  } else {
    CheckNewBytes(0);
  }
  if (std::string_view(buf_.data(), len_).starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
  if (delimiter_ == 0) DetectDelimiter();
  return OkStatus();
}

// Fills buf_ with at least the encoding sniff's worth of bytes, or the whole input.
Status CsvReader::ReadFirstBlock() {
  const size_t wanted = std::min(kEncodingSniffBytes, buf_.size());
  while (len_ < wanted && !eof_) {
    ASSIGN_OR_RETURN(const size_t n, ReadSource(buf_.data() + len_, buf_.size() - len_));
    len_ += n;
    eof_ = n == 0;
  }
  return OkStatus();
}

void CsvReader::DetectDelimiter() {
  std::string_view line(buf_.data() + pos_, len_ - pos_);
  line = line.substr(0, line.find('\n'));
  const auto tabs = std::count(line.begin(), line.end(), '\t');
  delimiter_ = tabs > std::count(line.begin(), line.end(), ',') ? '\t' : ',';
}

StatusOr<size_t> CsvReader::ReadSource(char* destination, size_t capacity) {
  if (fd_ < 0) {
    const size_t n = std::min(capacity, source_.size() - source_pos_);
    std::memcpy(destination, source_.data() + source_pos_, n);
    source_pos_ += n;
    return n;
  }
  while (true) {
    const ssize_t n = ::read(fd_, destination, capacity);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno == EINTR) continue;
    const std::string reason = ErrnoText(errno);
    return Fail(DataLossError(Bilingual(fmt::format("读取文件 {} 失败（{}）", name_, reason),
                                        fmt::format("cannot read {} ({})", name_, reason))));
  }
}

// Makes room and reads more input after buf_[pos_, len_), the unfinished record.
// REQUIRES: !eof_.
Status CsvReader::Refill() {
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
    base_ += static_cast<int64_t>(pos_);
    len_ -= pos_;
    pos_ = 0;
  }
  if (len_ >= kMaxCsvRecordBytes) {
    return Fail(
        LineError(fmt::format("记录超过 {} 字节（上限）", kMaxCsvRecordBytes),
                  fmt::format("record longer than {} bytes (the limit)", kMaxCsvRecordBytes)));
  }
  // Keeping half the buffer free bounds the re-parses of one long record to O(log size).
  if (buf_.size() - len_ < buf_.size() / 2) buf_.resize(buf_.size() * 2);
  return converter_.has_value() ? ReadConverted() : ReadUtf8();
}

Status CsvReader::ReadUtf8() {
  const size_t old_len = len_;
  ASSIGN_OR_RETURN(const size_t n, ReadSource(buf_.data() + len_, buf_.size() - len_));
  len_ += n;
  eof_ = n == 0;
  CheckNewBytes(old_len);
  return OkStatus();
}

// Reads raw GB18030 bytes and converts every complete line (or, for a block without a
// line feed, every complete character) into buf_. A conversion error stops the input at
// the offending byte; it is reported when the parser gets there.
Status CsvReader::ReadConverted() {
  bool raw_eof = false;
  size_t complete = 0;
  while (complete == 0 && !raw_eof) {
    if (raw_len_ < raw_.size()) {
      ASSIGN_OR_RETURN(const size_t n, ReadSource(raw_.data() + raw_len_, raw_.size() - raw_len_));
      raw_len_ += n;
      raw_eof = n == 0;
    }
    complete = raw_eof ? raw_len_ : Gb18030CompletePrefix(std::string_view(raw_.data(), raw_len_));
  }
  converted_.clear();
  Status converted = converter_->Convert(std::string_view(raw_.data(), complete), converted_);
  std::memmove(raw_.data(), raw_.data() + complete, raw_len_ - complete);
  raw_len_ -= complete;
  if (buf_.size() - len_ < converted_.size()) buf_.resize(len_ + converted_.size() * 2);
  std::memcpy(buf_.data() + len_, converted_.data(), converted_.size());
  len_ += converted_.size();
  CheckNewBytes(len_ - converted_.size());
  eof_ = raw_eof || !converted.ok();
  if (!converted.ok()) {
    conversion_error_ = std::move(converted);
    bad_pos_ = std::min(bad_pos_, base_ + static_cast<int64_t>(len_));
    if (bad_pos_ == base_ + static_cast<int64_t>(len_)) bad_kind_ = BadByte::kInvalidGb18030;
  }
  return OkStatus();
}

// Records the first NUL byte, and for UTF-8 input the first invalid byte, in the bytes
// appended at buf_[from, len_). A UTF-8 sequence cut by the end of the block is checked
// again once the next block arrives.
void CsvReader::CheckNewBytes(size_t from) {
  if (bad_pos_ != kNoBadByte) return;
  if (const void* nul = std::memchr(buf_.data() + from, '\0', len_ - from); nul != nullptr) {
    bad_pos_ = base_ + static_cast<int64_t>(Offset(static_cast<const char*>(nul)));
    bad_kind_ = BadByte::kNul;
  }
  if (converter_.has_value()) return;
  const size_t start = static_cast<size_t>(std::max(validated_to_, base_) - base_);
  const Utf8Scan scan = ScanUtf8(std::string_view(buf_.data() + start, len_ - start));
  const int64_t valid_end = base_ + static_cast<int64_t>(start + scan.valid_bytes);
  if (start + scan.valid_bytes == len_ || (scan.truncated && !eof_)) {
    validated_to_ = valid_end;
  } else if (valid_end < bad_pos_) {
    bad_pos_ = valid_end;
    bad_kind_ = BadByte::kInvalidUtf8;
  }
}

// Moves pos_ past empty lines. Returns false when more input is needed to decide whether
// the next line is empty.
bool CsvReader::SkipBlankLines() {
  while (pos_ < len_) {
    const char c = buf_[pos_];
    if (c == '\n') {
      ++pos_;
      ++line_;
    } else if (c != '\r') {
      return true;
    } else if (pos_ + 1 == len_) {
      if (!eof_) return false;
      ++pos_;  // A lone CR at the very end is a line end, not a record.
    } else if (buf_[pos_ + 1] == '\n') {
      pos_ += 2;
      ++line_;
    } else {
      return true;
    }
  }
  return eof_;
}

StatusOr<bool> CsvReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  if (!status_.ok()) return status_;
  while (true) {
    if (!SkipBlankLines()) {
      RETURN_IF_ERROR(Refill());
      continue;
    }
    if (pos_ == len_) {
      if (bad_pos_ == kNoBadByte) return false;
      SetBadByteError();
      return status_;
    }
    const Parse parse = ParseFast(fields);
    if (parse == Parse::kRecord) break;
    if (parse == Parse::kError) {
      fields.clear();
      return status_;
    }
    RETURN_IF_ERROR(Refill());
  }
  if (bad_pos_ < base_ + static_cast<int64_t>(record_end_) ||
      (record_at_eof_ && bad_pos_ != kNoBadByte)) {
    fields.clear();
    SetBadByteError();
    return status_;
  }
  line_number_ = line_;
  line_ += 1 + record_newlines_;
  pos_ = record_end_;
  ++record_index_;
  return true;
}

CsvReader::Parse CsvReader::ParseFast(std::vector<std::string_view>& fields) {
  fields.clear();
  const char* const begin = buf_.data() + pos_;
  const char* const end = buf_.data() + len_;
  const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', len_ - pos_));
  const char* line_end = newline != nullptr ? newline : (eof_ ? end : nullptr);
  if (line_end == nullptr ||
      std::memchr(begin, '"', static_cast<size_t>(line_end - begin)) != nullptr) {
    return ParseSlow(fields);
  }
  record_end_ = newline != nullptr ? Offset(newline) + 1 : len_;
  record_at_eof_ = newline == nullptr;
  record_newlines_ = 0;
  if (line_end > begin && line_end[-1] == '\r') --line_end;
  return SplitLine(begin, line_end, fields) ? Parse::kRecord : Parse::kError;
}

// Splits the quote-free line [begin, end) into fields at each delimiter. On little-endian
// machines eight bytes are compared at a time (SWAR), which beats a memchr call per field
// on registry rows, whose fields average about ten bytes.
bool CsvReader::SplitLine(const char* begin, const char* end,
                          std::vector<std::string_view>& fields) {
  const char* field = begin;
  const char* p = begin;
  if constexpr (std::endian::native == std::endian::little) {
    const uint64_t pattern = 0x0101010101010101ULL * static_cast<unsigned char>(delimiter_);
    for (; end - p >= 8; p += 8) {
      uint64_t word;
      std::memcpy(&word, p, sizeof word);
      for (uint64_t mask = ZeroByteMask(word ^ pattern); mask != 0; mask &= mask - 1) {
        const char* delimiter = p + (std::countr_zero(mask) >> 3);
        if (!AddField(field, delimiter, fields)) return false;
        field = delimiter + 1;
      }
    }
  }
  for (; p < end; ++p) {
    if (*p != delimiter_) continue;
    if (!AddField(field, p, fields)) return false;
    field = p + 1;
  }
  return AddField(field, end, fields);
}

// Appends [begin, end) as the next field of an unquoted line, checking the limits.
bool CsvReader::AddField(const char* begin, const char* end,
                         std::vector<std::string_view>& fields) {
  if (fields.size() == options_.max_fields) {
    SetTooManyFields(Offset(begin));
    return false;
  }
  const auto size = static_cast<size_t>(end - begin);
  if (size > options_.max_field_bytes) {
    SetFieldTooLong(fields.size() + 1, false, Offset(begin));
    return false;
  }
  fields.emplace_back(begin, size);
  return true;
}

CsvReader::Parse CsvReader::ParseSlow(std::vector<std::string_view>& fields) {
  fields.clear();
  scratch_.clear();
  escaped_.clear();
  record_newlines_ = 0;
  record_at_eof_ = false;
  const char* p = buf_.data() + pos_;
  FieldEnd field_end = FieldEnd::kDelimiter;
  while (field_end == FieldEnd::kDelimiter) {
    if (fields.size() == options_.max_fields) {
      SetTooManyFields(Offset(p));
      return Parse::kError;
    }
    const bool quoted = p < buf_.data() + len_ && *p == '"';
    field_end = quoted ? QuotedField(p, fields) : UnquotedField(p, fields);
  }
  if (field_end == FieldEnd::kNeedMore) return Parse::kNeedMore;
  if (field_end == FieldEnd::kError) return Parse::kError;
  for (const EscapedField& escaped : escaped_) {
    fields[escaped.index] = std::string_view(scratch_.data() + escaped.offset, escaped.size);
  }
  return Parse::kRecord;
}

// Parses the unquoted field at p; on kDelimiter, p is left at the next field.
CsvReader::FieldEnd CsvReader::UnquotedField(const char*& p,
                                             std::vector<std::string_view>& fields) {
  const char* const begin = p;
  const char* const end = buf_.data() + len_;
  const size_t column = fields.size() + 1;
  while (p < end && *p != delimiter_ && *p != '\n') ++p;
  if (p == end && !eof_) {
    // One more byte than the limit allows for the CR of a CRLF.
    if (static_cast<size_t>(p - begin) > options_.max_field_bytes + 1) {
      SetFieldTooLong(column, false, Offset(begin));
      return FieldEnd::kError;
    }
    return FieldEnd::kNeedMore;
  }
  const char* value_end = p;
  const bool line_end = p == end || *p == '\n';
  if (line_end && value_end > begin && value_end[-1] == '\r') --value_end;
  const auto size = static_cast<size_t>(value_end - begin);
  if (size > options_.max_field_bytes) {
    SetFieldTooLong(column, false, Offset(begin));
    return FieldEnd::kError;
  }
  fields.emplace_back(begin, size);
  if (!line_end) {
    ++p;
    return FieldEnd::kDelimiter;
  }
  record_at_eof_ = p == end;
  record_end_ = record_at_eof_ ? len_ : Offset(p) + 1;
  return FieldEnd::kRecordEnd;
}

// Parses the quoted field whose opening quote is at p.
CsvReader::FieldEnd CsvReader::QuotedField(const char*& p, std::vector<std::string_view>& fields) {
  const char* const content = p + 1;
  const char* const end = buf_.data() + len_;
  const size_t column = fields.size() + 1;
  const char* scan = content;
  size_t escapes = 0;
  const char* closing = nullptr;
  while (true) {
    closing = FindQuote(scan, end, record_newlines_);
    if (closing == end) {
      if (static_cast<size_t>(end - content) - escapes > options_.max_field_bytes) {
        SetFieldTooLong(column, true, Offset(end));
        return FieldEnd::kError;
      }
      if (!eof_) return FieldEnd::kNeedMore;
      SetRecordError(column, len_, "引号未闭合：文件在带引号的字段中结束",
                     "unbalanced quote: the file ends inside a quoted field");
      return FieldEnd::kError;
    }
    if (closing + 1 == end && !eof_) return FieldEnd::kNeedMore;
    if (closing + 1 == end || closing[1] != '"') break;  // The closing quote.
    ++escapes;
    scan = closing + 2;
  }
  const size_t size = static_cast<size_t>(closing - content) - escapes;
  if (size > options_.max_field_bytes) {
    SetFieldTooLong(column, false, Offset(content));
    return FieldEnd::kError;
  }
  if (escapes == 0) {
    fields.emplace_back(content, size);
  } else {
    escaped_.push_back({fields.size(), scratch_.size(), size});
    UnescapeInto(content, closing);
    fields.emplace_back();
  }
  p = closing + 1;
  return AfterClosingQuote(p, column);
}

// Appends [begin, end) to scratch_ with each "" pair reduced to one quote.
void CsvReader::UnescapeInto(const char* begin, const char* end) {
  while (begin < end) {
    const auto* quote =
        static_cast<const char*>(std::memchr(begin, '"', static_cast<size_t>(end - begin)));
    if (quote == nullptr) {
      scratch_.append(begin, end);
      return;
    }
    scratch_.append(begin, quote + 1);
    begin = quote + 2;
  }
}

// Checks what follows a closing quote at p: the delimiter, a line end, or the input's end.
CsvReader::FieldEnd CsvReader::AfterClosingQuote(const char*& p, size_t column) {
  const char* const end = buf_.data() + len_;
  if (p < end && *p == delimiter_) {
    ++p;
    return FieldEnd::kDelimiter;
  }
  size_t line_end_bytes = 0;
  if (p == end) {
    record_at_eof_ = true;
  } else if (*p == '\n') {
    line_end_bytes = 1;
  } else if (*p == '\r' && p + 1 == end) {
    if (!eof_) return FieldEnd::kNeedMore;
    record_at_eof_ = true;
  } else if (*p == '\r' && p[1] == '\n') {
    line_end_bytes = 2;
  } else {
    const auto byte = static_cast<unsigned char>(*p);
    const std::string shown =
        byte >= 0x20 && byte < 0x7F ? fmt::format("'{}'", *p) : fmt::format("0x{:02X}", byte);
    SetRecordError(
        column, Offset(p),
        fmt::format("右引号后出现字符 {}；字段内的引号必须写成两个引号（\"\"）", shown),
        fmt::format("unexpected character {} after a closing quote; a quote inside a field "
                    "must be doubled (\"\")",
                    shown));
    return FieldEnd::kError;
  }
  record_end_ = record_at_eof_ ? len_ : Offset(p) + line_end_bytes;
  return FieldEnd::kRecordEnd;
}

Status CsvReader::Fail(Status status) {
  status_ = std::move(status);
  return status_;
}

Status CsvReader::LineError(std::string_view zh, std::string_view en) const {
  return InvalidArgumentError(Bilingual(zh, en))
      .WithContext(fmt::format("{}: 第 {} 行 (line {})", name_, line_, line_));
}

// Reports a malformed record, unless a bad byte at or before `where` (a buf_ offset)
// came first: it is the likelier cause, e.g. a GBK file read as UTF-8.
void CsvReader::SetRecordError(size_t column, size_t where, std::string_view zh,
                               std::string_view en) {
  if (bad_pos_ <= base_ + static_cast<int64_t>(where)) {
    SetBadByteError();
    return;
  }
  status_ =
      LineError(fmt::format("第 {} 列：{}", column, zh), fmt::format("column {}: {}", column, en));
}

void CsvReader::SetTooManyFields(size_t where) {
  SetRecordError(
      options_.max_fields + 1, where,
      fmt::format("字段数超过 {} 个（上限）；分隔符是否正确？", options_.max_fields),
      fmt::format("more than {} fields (the limit); is the delimiter right?", options_.max_fields));
}

void CsvReader::SetFieldTooLong(size_t column, bool unclosed_quote, size_t where) {
  const size_t limit = options_.max_field_bytes;
  SetRecordError(column, where,
                 fmt::format("字段超过 {} 字节（上限）{}", limit,
                             unclosed_quote ? "；该字段的左引号可能没有闭合" : ""),
                 fmt::format("field longer than {} bytes (the limit){}", limit,
                             unclosed_quote ? "; its opening quote may be unclosed" : ""));
}

void CsvReader::SetBadByteError() {
  const auto at = static_cast<size_t>(bad_pos_ - base_);
  const size_t column = ColumnAt(pos_, at);
  std::string zh = MessageHalf(conversion_error_.message(), false);
  std::string en = MessageHalf(conversion_error_.message(), true);
  if (bad_kind_ == BadByte::kNul) {
    zh = "含有 NUL 字节（0x00）；文件可能是二进制文件或 UTF-16 编码，请另存为 CSV（UTF-8 或 "
         "GB18030）";
    en = "NUL byte (0x00); the file may be binary or UTF-16: save it as CSV in UTF-8 or GB18030";
  } else if (bad_kind_ == BadByte::kInvalidUtf8) {
    const auto byte = static_cast<unsigned char>(buf_[at]);
    zh = fmt::format("字节 0x{:02X} 不是有效的 UTF-8；{}", byte, kGbkHintZh);
    en = fmt::format("invalid UTF-8 byte 0x{:02X}; {}", byte, kGbkHintEn);
  }
  status_ =
      LineError(fmt::format("第 {} 列：{}", column, zh), fmt::format("column {}: {}", column, en));
}

// Returns the 1-based column of buf_[to] in the record starting at buf_[from].
// A quote opens a quoted section only at the start of a field ("" inside it is one quote);
// elsewhere it is an ordinary character, as the parser treats it.
size_t CsvReader::ColumnAt(size_t from, size_t to) const {
  size_t column = 1;
  bool quoted = false;
  bool field_start = true;
  const size_t end = std::min(to, len_);
  for (size_t i = from; i < end; ++i) {
    const char c = buf_[i];
    if (quoted) {
      if (c != '"') continue;
      if (i + 1 < end && buf_[i + 1] == '"') {
        ++i;  // an escaped quote
        continue;
      }
      quoted = false;
    } else if (field_start && c == '"') {
      quoted = true;
    } else if (c == delimiter_) {
      ++column;
      field_start = true;
      continue;
    }
    field_start = false;
  }
  return column;
}

int64_t CsvReader::bytes_consumed() const {
  const int64_t consumed = base_ + static_cast<int64_t>(pos_);
  const int64_t produced = base_ + static_cast<int64_t>(len_);
  if (!converter_.has_value() || produced == 0) return consumed;
  return static_cast<int64_t>(static_cast<double>(converter_->input_offset()) *
                              static_cast<double>(consumed) / static_cast<double>(produced));
}

}  // namespace jz
