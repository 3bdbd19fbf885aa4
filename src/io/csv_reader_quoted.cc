// CsvReader (csv_reader.h): records with quotes. A small state machine over the fields of
// one record: an unquoted field runs to the delimiter or line end; a quoted one to its
// closing quote, may hold the delimiter, CR, LF and "" (one quote), and must be followed by
// the delimiter or a line end. A field whose "" pairs are unescaped is copied into scratch_;
// every other field is a view of the buffer. Only records with a '"' (and a record that
// runs past the buffered bytes) come here; see csv_reader_records.cc for the rest.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_reader.h"

namespace jz {
namespace {

// Returns the first '"' in [p, end), or end, adding the line feeds before it to
// `newlines`. (memchr plus a vectorised count measured faster than one fused byte loop.)
const char* FindQuote(const char* p, const char* end, int64_t& newlines) {
  const auto* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
  const char* stop = quote != nullptr ? quote : end;
  newlines += std::count(p, stop, '\n');
  return stop;
}

}  // namespace

CsvReader::Parse CsvReader::ParseSlow(std::vector<std::string_view>& fields) {
  fields.clear();
  scratch_.clear();
  escaped_.clear();
  multiline_.clear();
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
CsvReader::FieldEnd CsvReader::UnquotedField(const char*& p, std::vector<std::string_view>& fields) {
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
  const int64_t newlines_before = record_newlines_;
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
  if (record_newlines_ != newlines_before) {
    multiline_.push_back({fields.size(), newlines_before, record_newlines_});
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
    const auto* quote = static_cast<const char*>(std::memchr(begin, '"', static_cast<size_t>(end - begin)));
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
    SetRecordError(column, Offset(p),
                   fmt::format("右引号后出现字符 {}；字段内的引号必须写成两个引号（\"\"）", shown),
                   fmt::format("unexpected character {} after a closing quote; a quote inside a field "
                               "must be doubled (\"\")",
                               shown));
    return FieldEnd::kError;
  }
  record_end_ = record_at_eof_ ? len_ : Offset(p) + line_end_bytes;
  return FieldEnd::kRecordEnd;
}

}  // namespace jz
