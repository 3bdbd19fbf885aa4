// CsvReader (csv_reader.h): encoding handling. GB18030 input is converted to UTF-8 a
// complete line (or character) at a time as it is read; UTF-8 input is validated as it is
// read; both are checked for NUL bytes. The first bad byte's stream offset is recorded
// (bad_pos_) and reported only when a record reaches it (SetBadByteError), so that every
// good record before it is still returned.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "io/csv_reader.h"

namespace jz {
namespace {

constexpr std::string_view kGbkHintZh = "文件可能是 GBK/GB18030 编码，请加上 --encoding gb18030";
constexpr std::string_view kGbkHintEn = "the file may be GBK/GB18030: pass --encoding gb18030";

}  // namespace

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
  status_ = LineError(fmt::format("第 {} 列：{}", column, zh), fmt::format("column {}: {}", column, en));
}

}  // namespace jz
