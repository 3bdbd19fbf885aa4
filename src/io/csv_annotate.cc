// AnnotateCsv (csv_annotate.h). Written by hand rather than as CsvReader → CsvWriter because
// it is on the import's path: the copy is made whenever a row is rejected, and on a
// province's 386 MB file re-parsing and re-quoting every field cost a fifth of the import.
// Here a quote-free line is found with two memchr calls and copied as it is.
#include "io/csv_annotate.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>
#include <utility>

#include "io/files.h"

namespace jz {
namespace {

constexpr size_t kWriteBlock = size_t{4} << 20;

std::string ErrnoText(int error) { return std::error_code(error, std::generic_category()).message(); }

// One record of the input buffer: [start, content_end) is its text, [content_end, end) its
// line end ("\n", "\r\n", or nothing at the end of the file).
struct Record {
  size_t content_end = 0;
  size_t end = 0;
  size_t fields = 0;
  int64_t newlines = 0;  // line feeds inside quoted fields
};

class Annotator {
 public:
  Annotator(const std::string& in_path, const std::string& out_path, const AnnotateCsvOptions& options,
            const std::function<std::string_view(int64_t)>& note)
      : in_path_(in_path), out_path_(out_path), options_(options), note_(note) {}
  Annotator(const Annotator&) = delete;
  Annotator& operator=(const Annotator&) = delete;
  ~Annotator() {
    if (in_ >= 0) ::close(in_);
    if (out_ >= 0) ::close(out_);
  }

  Status Run();

 private:
  Status Refill(size_t& pos);
  // Whether the bytes at pos_ start an empty line; sets `length` to its length with its
  // line end. Returns false when more input is needed to tell.
  bool BlankLine(size_t pos, bool& blank, size_t& length) const;
  // Finds the record starting at `pos`; false when it runs past the bytes read so far.
  bool Scan(size_t pos, Record& record) const;
  bool ScanQuoted(size_t pos, Record& record) const;
  Status AppendNote(int64_t line);
  Status Write(std::string_view bytes);
  Status Flush();

  const std::string& in_path_;
  const std::string& out_path_;
  const AnnotateCsvOptions& options_;
  const std::function<std::string_view(int64_t)>& note_;
  int in_ = -1;
  int out_ = -1;
  std::string buf_;
  size_t len_ = 0;
  bool eof_ = false;
  std::string out_buf_;
  std::string quote_triggers_;                  // the delimiter, quote, CR and LF
  std::optional<EncodingConverter> converter_;  // UTF-8 notes to GB18030
  std::string field_, converted_;
};

Status Annotator::Run() {
  quote_triggers_ = {options_.delimiter, '"', '\r', '\n'};
  if (options_.encoding != TextEncoding::kUtf8) {
    ASSIGN_OR_RETURN(converter_, EncodingConverter::Create(TextEncoding::kUtf8, options_.encoding));
  }
  in_ = ::open(in_path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (in_ < 0) {
    const int error = errno;
    const std::string reason = ErrnoText(error);
    if (error == ENOENT) return NotFoundError(Bilingual("找不到文件 {}", "file {} not found", in_path_));
    return DataLossError(Bilingual("读取 {} 失败（{}）", "cannot read {} ({})", in_path_, reason));
  }
  out_ = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out_ < 0) return FileCreateError(out_path_, errno);
  buf_.resize(std::max<size_t>(options_.read_block, 64));
  out_buf_.reserve(kWriteBlock + buf_.size());
  size_t pos = 0;
  int64_t line = 1;
  while (true) {
    if (pos == len_) {
      if (eof_) break;
      RETURN_IF_ERROR(Refill(pos));
      continue;
    }
    bool blank = false;
    size_t length = 0;
    Record record;
    if (!BlankLine(pos, blank, length) || (!blank && !Scan(pos, record))) {
      RETURN_IF_ERROR(Refill(pos));
      continue;
    }
    if (blank) {  // CsvReader skips it; the copy keeps it
      out_buf_.append(buf_, pos, length);
      pos += length;
      ++line;
    } else {
      out_buf_.append(buf_, pos, record.content_end - pos);
      for (size_t i = record.fields; i < options_.width; ++i) out_buf_.push_back(options_.delimiter);
      out_buf_.push_back(options_.delimiter);
      RETURN_IF_ERROR(AppendNote(line));
      out_buf_.append(buf_, record.content_end, record.end - record.content_end);
      pos = record.end;
      line += 1 + record.newlines;
    }
    if (out_buf_.size() >= kWriteBlock) RETURN_IF_ERROR(Flush());
  }
  RETURN_IF_ERROR(Flush());
  // Without a sync, EIO from writeback would surface nowhere; EINVAL means the file cannot
  // be synced (a pipe), which is fine.
  if (::fdatasync(out_) != 0 && errno != EINVAL && errno != EROFS) {
    const std::string reason = ErrnoText(errno);
    return DataLossError(Bilingual("写入 {} 失败（{}）", "cannot write {} ({})", out_path_, reason));
  }
  const int fd = std::exchange(out_, -1);
  if (::close(fd) != 0) {
    const std::string reason = ErrnoText(errno);
    return DataLossError(Bilingual("关闭 {} 失败（{}）", "cannot close {} ({})", out_path_, reason));
  }
  return OkStatus();
}

// Moves the unread bytes [pos, len_) to the front (growing the buffer when one record fills
// it) and reads more after them.
Status Annotator::Refill(size_t& pos) {
  if (pos > 0) {
    std::memmove(buf_.data(), buf_.data() + pos, len_ - pos);
    len_ -= pos;
    pos = 0;
  }
  if (len_ == buf_.size()) buf_.resize(buf_.size() * 2);
  while (true) {
    const ssize_t n = ::read(in_, buf_.data() + len_, buf_.size() - len_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = ErrnoText(errno);
      return DataLossError(Bilingual("读取 {} 失败（{}）", "cannot read {} ({})", in_path_, reason));
    }
    len_ += static_cast<size_t>(n);
    eof_ = n == 0;
    return OkStatus();
  }
}

// As CsvReader::SkipBlankLines: "\n", "\r\n", and a lone "\r" at the very end are empty lines.
bool Annotator::BlankLine(size_t pos, bool& blank, size_t& length) const {
  const char c = buf_[pos];
  blank = false;
  if (c == '\n') {
    blank = true;
    length = 1;
  } else if (c == '\r') {
    if (pos + 1 == len_) {
      if (!eof_) return false;
      blank = true;
      length = 1;
    } else if (buf_[pos + 1] == '\n') {
      blank = true;
      length = 2;
    }
  }
  return true;
}

bool Annotator::Scan(size_t pos, Record& record) const {
  const char* const data = buf_.data();
  const auto* newline = static_cast<const char*>(std::memchr(data + pos, '\n', len_ - pos));
  if (newline == nullptr && !eof_) return false;
  const size_t line_end = newline != nullptr ? static_cast<size_t>(newline - data) : len_;
  if (std::memchr(data + pos, '"', line_end - pos) != nullptr) return ScanQuoted(pos, record);
  record.fields = 1 + static_cast<size_t>(std::count(data + pos, data + line_end, options_.delimiter));
  record.newlines = 0;
  record.end = newline != nullptr ? line_end + 1 : len_;
  record.content_end = line_end > pos && data[line_end - 1] == '\r' ? line_end - 1 : line_end;
  return true;
}

// The slow path, field by field, for a record with a quote. As CsvReader reads it, a quote
// opens a quoted field only as the field's first byte, and an unclosed quote runs to the end
// of the file.
bool Annotator::ScanQuoted(size_t pos, Record& record) const {
  const char* const data = buf_.data();
  record.fields = 1;
  record.newlines = 0;
  bool field_start = true;
  size_t i = pos;
  while (i < len_) {
    const char c = data[i];
    if (field_start && c == '"') {
      field_start = false;
      ++i;
      while (true) {
        const auto* quote = static_cast<const char*>(std::memchr(data + i, '"', len_ - i));
        const size_t stop = quote != nullptr ? static_cast<size_t>(quote - data) : len_;
        if (quote == nullptr && !eof_) return false;
        record.newlines += std::count(data + i, data + stop, '\n');
        i = quote != nullptr ? stop + 1 : len_;
        if (i == len_ && !eof_) return false;  // a second quote may follow
        if (i < len_ && data[i] == '"') {
          ++i;  // "" inside a quoted field
          continue;
        }
        break;
      }
      continue;
    }
    field_start = false;
    if (c == options_.delimiter) {
      ++record.fields;
      field_start = true;
    } else if (c == '\n') {
      record.end = i + 1;
      record.content_end = i > pos && data[i - 1] == '\r' ? i - 1 : i;
      return true;
    }
    ++i;
  }
  if (!eof_) return false;
  record.end = len_;
  record.content_end = len_ > pos && data[len_ - 1] == '\r' ? len_ - 1 : len_;
  return true;
}

// The note as one CSV field in the file's encoding: quoted when it holds the delimiter, a
// quote or a line break. No formula guard: notes are our own text.
Status Annotator::AppendNote(int64_t line) {
  const std::string_view note = note_(line);
  if (note.empty()) return OkStatus();
  field_.clear();
  const bool quote = note.find_first_of(quote_triggers_) != std::string_view::npos;
  if (quote) field_.push_back('"');
  for (const char c : note) {
    if (c == '"') field_.push_back('"');
    field_.push_back(c);
  }
  if (quote) field_.push_back('"');
  if (!converter_) {
    out_buf_ += field_;
    return OkStatus();
  }
  converted_.clear();
  RETURN_IF_ERROR(converter_->Convert(field_, converted_));
  out_buf_ += converted_;
  return OkStatus();
}

Status Annotator::Flush() {
  Status status = Write(out_buf_);
  out_buf_.clear();
  return status;
}

Status Annotator::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(out_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = n < 0 ? ErrnoText(errno) : "wrote nothing";
      return DataLossError(Bilingual("写入 {} 失败（{}）", "cannot write {} ({})", out_path_, reason));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return OkStatus();
}

}  // namespace

bool CanAnnotateCsv(TextEncoding encoding, char delimiter) {
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') return false;
  if (encoding == TextEncoding::kUtf8) return true;
  // GB18030's trailing bytes are 0x40–0x7E and 0x80–0xFE in two-byte characters, and the
  // digits 0x30–0x39 in four-byte ones: ',', '\t' and ';' are never among them, '|' is.
  const auto byte = static_cast<unsigned char>(delimiter);
  return byte < 0x30 || (byte > 0x39 && byte < 0x40);
}

Status AnnotateCsv(const std::string& in_path, const std::string& out_path, const AnnotateCsvOptions& options,
                   const std::function<std::string_view(int64_t line)>& note) {
  Annotator annotator(in_path, out_path, options, note);
  return annotator.Run();
}

}  // namespace jz
