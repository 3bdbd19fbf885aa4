// CsvReader (csv_reader.h): opening a file or string, the read buffer and its refills, and
// the detection of encoding and delimiter. The reader is on our hot path, so it is hand-
// written, and its parts are in files of their own:
//   csv_reader.cc           opening, buffering, refilling (this file);
//   csv_reader_encoding.cc  GB18030 conversion, and NUL and invalid bytes found as bytes are
//                           read but reported only when a record reaches them, so that
//                           every good record before a bad byte is still returned;
//   csv_reader_records.cc   Next() and the quote-free fast path (memchr for the line end and
//                           a quote, then a split at each delimiter eight bytes at a time);
//   csv_reader_quoted.cc    the small state machine for quotes, "" escapes and quoted line
//                           breaks;
//   csv_reader_errors.cc    the messages, each naming the file, line and column.
// A record that runs past the buffered bytes makes the parser return kNeedMore: it is moved
// to the buffer's front (Refill), more is read, and it is parsed again from its start. That
// happens once per buffer, costs nothing measurable, and keeps the parser free of
// resumable state.
#include "io/csv_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace jz {
namespace {

constexpr size_t kMinReadBufferBytes = 16;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string ErrnoText(int error) { return std::error_code(error, std::generic_category()).message(); }

Status OpenError(const std::string& path, int error) {
  if (error == ENOENT || error == ENOTDIR) {
    return NotFoundError(Bilingual("文件不存在：{}", "file not found: {}", path));
  }
  const std::string reason = ErrnoText(error);
  if (error == EACCES || error == EPERM) {
    return PermissionDeniedError(Bilingual("无权读取文件 {}（{}）", "may not read {} ({})", path, reason));
  }
  return DataLossError(Bilingual("无法打开文件 {}（{}）", "cannot open {} ({})", path, reason));
}

}  // namespace

CsvReader::CsvReader(std::string name, CsvOptions options, int fd, std::string source, int64_t total_bytes)
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
          Bilingual("{} 是目录，不是 CSV 文件", "{} is a directory, not a CSV file", path));
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
  if (d == '"' || d == '\r' || d == '\n' || options_.max_fields == 0 || options_.max_field_bytes == 0) {
    return InvalidArgumentError(
        Bilingual("{}：CSV 选项无效（分隔符不能是引号或换行符，上限必须大于 0）",
                  "{}: invalid CSV options (the delimiter may not be a quote or a line "
                  "break, and the limits must be positive)",
                  name_));
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
    return Fail(DataLossError(Bilingual("读取文件 {} 失败（{}）", "cannot read {} ({})", name_, reason)));
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
    return Fail(LineError(fmt::format("记录超过 {} 字节（上限）", kMaxCsvRecordBytes),
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

int64_t CsvReader::bytes_consumed() const {
  const int64_t consumed = base_ + static_cast<int64_t>(pos_);
  const int64_t produced = base_ + static_cast<int64_t>(len_);
  if (!converter_.has_value() || produced == 0) return consumed;
  return static_cast<int64_t>(static_cast<double>(converter_->input_offset()) *
                              static_cast<double>(consumed) / static_cast<double>(produced));
}

}  // namespace jz
