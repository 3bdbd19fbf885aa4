// CsvReader (csv_reader.h): Next() and the quote-free fast path, the import and screening
// hot path. A line without a quote is found with memchr (its end, then a second memchr
// confirms there is no '"') and split at each delimiter into views of the buffer, eight
// bytes at a time. A record with a quote, or one that runs past the buffered bytes, goes to
// ParseSlow (csv_reader_quoted.cc). Next, ParseFast, SplitLine and AddField stay together
// in this file so that the compiler can inline the per-field calls into the per-line loop.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "io/csv_reader.h"

namespace jz {
namespace {

// Returns a word with the top bit of each byte set exactly where `word` has a zero byte
// (no false positives, unlike the cheaper haszero() trick).
uint64_t ZeroByteMask(uint64_t word) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((word & kLow7) + kLow7) | word | kLow7);
}

}  // namespace

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
  if (bad_pos_ < base_ + static_cast<int64_t>(record_end_) || (record_at_eof_ && bad_pos_ != kNoBadByte)) {
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
  if (line_end == nullptr || std::memchr(begin, '"', static_cast<size_t>(line_end - begin)) != nullptr) {
    return ParseSlow(fields);
  }
  record_end_ = newline != nullptr ? Offset(newline) + 1 : len_;
  record_at_eof_ = newline == nullptr;
  record_newlines_ = 0;
  multiline_.clear();
  if (line_end > begin && line_end[-1] == '\r') --line_end;
  return SplitLine(begin, line_end, fields) ? Parse::kRecord : Parse::kError;
}

// Splits the quote-free line [begin, end) into fields at each delimiter. On little-endian
// machines eight bytes are compared at a time (SWAR), which beats a memchr call per field
// on registry rows, whose fields average about ten bytes.
bool CsvReader::SplitLine(const char* begin, const char* end, std::vector<std::string_view>& fields) {
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
bool CsvReader::AddField(const char* begin, const char* end, std::vector<std::string_view>& fields) {
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

}  // namespace jz
