// CsvReader (csv_reader.h): the record errors. Each names the file, the line on which the
// record starts and the 1-based column, in Chinese and English; a bad byte read before the
// point of a malformed record is reported instead, as the likelier cause (e.g. a GBK file
// read as UTF-8). The first error is kept in status_ and returned by every later Next().
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "io/csv_reader.h"

namespace jz {

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
void CsvReader::SetRecordError(size_t column, size_t where, std::string_view zh, std::string_view en) {
  if (bad_pos_ <= base_ + static_cast<int64_t>(where)) {
    SetBadByteError();
    return;
  }
  status_ = LineError(fmt::format("第 {} 列：{}", column, zh), fmt::format("column {}: {}", column, en));
}

void CsvReader::SetTooManyFields(size_t where) {
  SetRecordError(
      options_.max_fields + 1, where,
      fmt::format("字段数超过 {} 个（上限）；分隔符是否正确？", options_.max_fields),
      fmt::format("more than {} fields (the limit); is the delimiter right?", options_.max_fields));
}

void CsvReader::SetFieldTooLong(size_t column, bool unclosed_quote, size_t where) {
  const size_t limit = options_.max_field_bytes;
  SetRecordError(
      column, where,
      fmt::format("字段超过 {} 字节（上限）{}", limit, unclosed_quote ? "；该字段的左引号可能没有闭合" : ""),
      fmt::format("field longer than {} bytes (the limit){}", limit,
                  unclosed_quote ? "; its opening quote may be unclosed" : ""));
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

}  // namespace jz
