// RegistryReader's checks of what a cell's text alone does not show: where its quotes opened
// and closed (a stray quote swallows the rows after it into one field), whether Excel lost
// digits of a number (an ID number typed as a number keeps 15), and whether a name is a
// name. Each is a row problem, so that the importer rejects the household instead of storing
// one person made of several people's cells.
#include <fmt/format.h>

#include "core/internal/text.h"
#include "core/limits.h"
#include "io/registry_reader.h"

namespace jz {
namespace {

using C = RegistryColumn;

// A run of this many digits is an ID number (15 or 18) or a phone number (7 or 8 for a local
// fixed line, 11 for a mobile), never part of a name.
constexpr size_t kNumberRunDigits = 7;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The first line of a cell that holds line breaks.
std::string_view FirstLine(std::string_view cell) { return cell.substr(0, cell.find_first_of("\r\n")); }

// The longest run of ASCII digits in `text`.
size_t LongestDigitRun(std::string_view text) {
  size_t longest = 0;
  size_t run = 0;
  for (char c : text) {
    run = IsDigit(c) ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// Whether `text` holds a C0 or C1 control character or DEL (in UTF-8, C1 is C2 80..C2 9F).
bool HasControlCharacter(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) return true;
  }
  return false;
}

size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

}  // namespace

std::string PersonNameProblem(std::string_view name) {
  const size_t length = CodePoints(name);
  if (length > kMaxPersonNameChars) {
    return Bilingual("姓名有 {} 个字符，超过 {} 个", "the name has {} characters, more than {}", length,
                     kMaxPersonNameChars);
  }
  if (HasControlCharacter(name)) {
    return Bilingual("姓名中有控制字符（如换行）",
                     "the name holds a control character (such as a line break)");
  }
  if (LongestDigitRun(name) >= kNumberRunDigits) {
    return Bilingual("姓名中有一串数字，像是证件号码或电话号码",
                     "the name holds a run of digits that looks like an ID or phone number");
  }
  return "";
}

std::string MaskDigitRuns(std::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size();) {
    if (!IsDigit(out[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < out.size() && IsDigit(out[end])) ++end;
    const size_t run = end - i;
    if (run >= kNumberRunDigits) {
      // An ID number keeps its address code and last four, as IdNumber::Masked(); a phone
      // number its first three and last four.
      const size_t keep_front = run >= IdNumber::kLegacyLength ? 6 : 3;
      for (size_t k = i + keep_front; k + 4 < end; ++k) out[k] = '*';
    }
    i = end;
  }
  return out;
}

std::string RegistryReaderNote::Message() const {
  if (followed_by_data) {
    return Bilingual("{} 第 {} 行是表尾行“{}”，但其后仍有数据行；该行已跳过，不作为人员读取",
                     "{} line {}: footer row \"{}\" in the middle of the data (more data rows follow); "
                     "skipped, not read as a person",
                     file, line, first_cell);
  }
  return Bilingual("{} 第 {} 行是表尾行“{}”，已跳过", "{} line {}: footer row \"{}\" skipped", file, line,
                   first_cell);
}

// Returns false when the cell must not be parsed: its digits were lost, so any value read
// from it would be another person's number.
bool RegistryReader::CheckSource(size_t i, RegistryColumn column, std::string_view cell,
                                 std::vector<RowProblem>& problems) {
  const bool may_differ =
      row_last_line_ != row_line_ || column == C::kIdNumber || format() != TableFormat::kCsv;
  if (!may_differ) return true;
  const CellInfo info = InfoOf(i);
  if (info.source == CellSource::kMultiline && !RegistryColumnMayHoldLineBreak(column)) {
    if (column == C::kName) row_name_multiline_ = true;
    const std::string_view header = RegistryColumnInfoOf(column).zh_header;
    Problem(
        problems, column, FirstLine(cell), "import.quote_span",
        Bilingual("“{}”列的引号在第 {} 行开始，到第 {} 行才结束：第 {} 至 {} 行被读成了一个单元格，其间的行"
                  "没有作为数据读取；请检查第 {} 行的引号后重新导出",
                  "the quote in column \"{}\" opens on line {} and closes only on line {}: lines {} to {} "
                  "were read as one cell, swallowing the rows between; check the quote on line {} and "
                  "export again",
                  header, info.open_line, info.close_line, info.open_line, info.close_line, info.open_line));
    return true;
  }
  // An ID number stored as a number with more than 15 digits lost the rest in Excel, whether
  // or not the table reader could tell from the file.
  const bool id_number_past_15 =
      column == C::kIdNumber && info.source == CellSource::kNumber && cell.size() > IdNumber::kLegacyLength;
  if (!info.digits_lost && !id_number_past_15) return true;
  if (column == C::kIdNumber) {
    Problem(problems, column, cell, "id.digits_lost",
            Bilingual("证件号码被 Excel 存成了数字，只保留了 15 位有效数字，其后的数字已丢失；请把该列设为"
                      "文本格式，重新填入号码后再导出",
                      "the ID number was stored as a number by Excel, which keeps only 15 significant "
                      "digits: the digits after them are lost; format the column as text, enter the "
                      "numbers again and export"));
  } else {
    Problem(problems, column, cell, "import.digits_lost",
            Bilingual("“{}”被 Excel 存成了数字，只保留了 15 位有效数字；请把该列设为文本格式后重新导出",
                      "\"{}\" was stored as a number by Excel, which keeps only 15 significant digits; "
                      "format the column as text and export again",
                      RegistryColumnInfoOf(column).zh_header));
  }
  return false;
}

void RegistryReader::CheckName(std::string_view name, std::vector<RowProblem>& problems) {
  std::string reason = PersonNameProblem(name);
  if (!reason.empty()) Problem(problems, C::kName, name, "person.name", std::move(reason));
}

}  // namespace jz
