// CsvWriter: field quoting, the row buffer, conversion and the write loop. The common case
// (a field that needs no quotes) is one table scan and one append.
#include "io/csv_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <system_error>
#include <utility>

#include "core/limits.h"
#include "io/files.h"
#include "io/formula_guard.h"

namespace jz {
namespace {

std::string ErrnoText(int error) { return std::error_code(error, std::generic_category()).message(); }

bool IsValidDelimiter(char delimiter) { return delimiter != '"' && delimiter != '\r' && delimiter != '\n'; }

}  // namespace

CsvWriter::CsvWriter(std::string name, int fd, std::string* out, TextEncoding encoding, char delimiter,
                     FormulaGuard guard)
    : name_(std::move(name)),
      fd_(fd),
      out_(out),
      delimiter_(delimiter),
      neutralize_(guard == FormulaGuard::kNeutralize) {
  for (const char c : {delimiter, '"', '\r', '\n'}) needs_quotes_[static_cast<unsigned char>(c)] = true;
  // Room for a flush's worth of rows plus the row that crosses the threshold.
  buf_.reserve(kCsvWriteBufferBytes + kCsvWriteBufferBytes / 4);
  if (encoding == TextEncoding::kGb18030) {
    StatusOr<EncodingConverter> converter =
        EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030);
    if (converter.ok()) {
      converter_.emplace(std::move(converter).value());
    } else {
      status_ = converter.status();
    }
  }
}

CsvWriter::~CsvWriter() {
  if (!closed_) static_cast<void>(Close());
}

StatusOr<std::unique_ptr<CsvWriter>> CsvWriter::Create(const std::string& path, TextEncoding encoding,
                                                       char delimiter, FormulaGuard guard) {
  if (!IsValidDelimiter(delimiter)) {
    return InvalidArgumentError(
        Bilingual("CSV 分隔符不能是引号或换行符", "a CSV delimiter may not be a quote or a line break"));
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return FileCreateError(path, errno);
  std::unique_ptr<CsvWriter> writer(new CsvWriter(path, fd, nullptr, encoding, delimiter, guard));
  if (!writer->status_.ok()) return writer->status_;
  return writer;
}

std::unique_ptr<CsvWriter> CsvWriter::ToString(std::string* out, TextEncoding encoding, char delimiter,
                                               FormulaGuard guard) {
  assert(out != nullptr);
  assert(IsValidDelimiter(delimiter));
  return std::unique_ptr<CsvWriter>(new CsvWriter("<string>", -1, out, encoding, delimiter, guard));
}

bool CsvWriter::NeedsQuotes(std::string_view value) const {
  for (const char c : value) {
    if (needs_quotes_[static_cast<unsigned char>(c)]) return true;
  }
  return false;
}

void CsvWriter::Field(std::string_view value) {
  StartField();
  // One byte compare on the common path; only a cell opening like a formula pays for the copy.
  if (neutralize_ && StartsLikeFormula(value)) {
    AppendText(NeutralizeFormula(value));
  } else {
    AppendText(value);
  }
}

void CsvWriter::AppendText(std::string_view value) {
  if (!NeedsQuotes(value)) {
    buf_.append(value);
    return;
  }
  buf_.push_back('"');
  while (!value.empty()) {
    const size_t quote = value.find('"');
    if (quote == std::string_view::npos) {
      buf_.append(value);
      break;
    }
    buf_.append(value.substr(0, quote + 1));
    buf_.push_back('"');
    value.remove_prefix(quote + 1);
  }
  buf_.push_back('"');
}

void CsvWriter::Field(int64_t value) {
  StartField();
  char digits[24];
  const std::to_chars_result result = std::to_chars(digits, digits + sizeof digits, value);
  buf_.append(digits, result.ptr);
}

void CsvWriter::EmptyField() { StartField(); }

void CsvWriter::RawField(std::string_view value) {
  assert(!NeedsQuotes(value));
  StartField();
  buf_.append(value);
}

void CsvWriter::EndRow() {
  assert(!closed_);
  if (row_has_field_ && buf_.size() == row_start_) buf_.append("\"\"");
  buf_.push_back('\n');
  row_has_field_ = false;
  if (status_.ok()) ++rows_written_;
  if (buf_.size() >= kCsvWriteBufferBytes) Flush();
  row_start_ = buf_.size();
}

void CsvWriter::Row(std::initializer_list<std::string_view> fields) {
  for (const std::string_view field : fields) Field(field);
  EndRow();
}

// Writes out the whole rows in buf_ (converting them first for GB18030), or drops them
// after an error.
void CsvWriter::Flush() {
  if (status_.ok() && converter_.has_value()) {
    converted_.clear();
    const Status converted = converter_->Convert(buf_, converted_);
    if (converted.ok()) {
      Write(converted_);
    } else {
      const std::string& message = converted.message();
      status_ = InvalidArgumentError(
                    Bilingual(fmt::format("无法转换为 GB18030：{}", MessageHalf(message, false)),
                              fmt::format("cannot convert to GB18030: {}", MessageHalf(message, true))))
                    .WithContext(name_);
    }
  } else if (status_.ok()) {
    Write(buf_);
  }
  buf_.clear();
  row_start_ = 0;
}

void CsvWriter::Write(std::string_view bytes) {
  if (fd_ < 0) {
    out_->append(bytes);
    bytes_written_ += static_cast<int64_t>(bytes.size());
    return;
  }
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = n < 0 ? ErrnoText(errno) : "wrote nothing";
      status_ = DataLossError(Bilingual("写入 {} 失败（{}）", "cannot write {} ({})", name_, reason));
      return;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    bytes_written_ += n;
  }
}

Status CsvWriter::Close() {
  if (closed_) return status_;
  if (row_has_field_ || buf_.size() > row_start_) EndRow();
  Flush();
  closed_ = true;
  if (fd_ < 0) return status_;
  // Without a sync, EIO from writeback would surface nowhere; EINVAL means the file
  // (a pipe, /dev/full) cannot be synced, which is fine.
  if (::fdatasync(fd_) != 0 && errno != EINVAL && errno != EROFS && status_.ok()) {
    const std::string reason = ErrnoText(errno);
    status_ = DataLossError(Bilingual("写入 {} 失败（{}）", "cannot write {} ({})", name_, reason));
  }
  if (::close(fd_) != 0 && status_.ok()) {
    const std::string reason = ErrnoText(errno);
    status_ = DataLossError(Bilingual("关闭 {} 失败（{}）", "cannot close {} ({})", name_, reason));
  }
  fd_ = -1;
  return status_;
}

}  // namespace jz
