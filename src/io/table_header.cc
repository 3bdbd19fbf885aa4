// FindHeader and IsFooterRow (io/table_reader.h): where the header of an office file sits
// and which rows end it. Exports put title rows above the header and split it over two
// rows under merged group cells; people add 合计 and 制表人 rows below the data.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "io/table_reader.h"

namespace jz {
namespace {

// `text` without ASCII whitespace and ideographic spaces (U+3000) at either end.
std::string_view TrimCell(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (true) {
    const size_t before = text.size();
    while (!text.empty() &&
           (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n')) {
      text.remove_prefix(1);
    }
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
      text.remove_suffix(1);
    }
    if (text.starts_with(kIdeographicSpace)) text.remove_prefix(kIdeographicSpace.size());
    if (text.ends_with(kIdeographicSpace)) text.remove_suffix(kIdeographicSpace.size());
    if (text.size() == before) return text;
  }
}

size_t CountKnown(const std::vector<std::string>& row,
                  const std::function<bool(std::string_view)>& is_known) {
  return static_cast<size_t>(std::count_if(row.begin(), row.end(), [&](const std::string& cell) {
    const std::string_view trimmed = TrimCell(cell);
    return !trimmed.empty() && is_known(trimmed);
  }));
}

// The two header rows as one: a cell empty in one row takes the other's text; where both
// have text the lower row's wins (a sub-header under a merged group title).
std::vector<std::string> MergeRows(const std::vector<std::string>& upper,
                                   const std::vector<std::string>& lower) {
  std::vector<std::string> merged(std::max(upper.size(), lower.size()));
  for (size_t i = 0; i < merged.size(); ++i) {
    const std::string_view up = i < upper.size() ? TrimCell(upper[i]) : std::string_view();
    const std::string_view low = i < lower.size() ? TrimCell(lower[i]) : std::string_view();
    merged[i] = std::string(low.empty() ? up : low);
  }
  return merged;
}

std::vector<std::string> TrimRow(const std::vector<std::string>& row) {
  std::vector<std::string> out;
  out.reserve(row.size());
  for (const std::string& cell : row) out.emplace_back(TrimCell(cell));
  return out;
}

}  // namespace

std::optional<LocatedHeader> FindHeader(std::span<const std::vector<std::string>> rows,
                                        const std::function<bool(std::string_view)>& is_known,
                                        size_t min_known) {
  const size_t n = std::min(rows.size(), kHeaderSearchRows);
  std::vector<size_t> known(n);
  for (size_t r = 0; r < n; ++r) known[r] = CountKnown(rows[r], is_known);
  std::optional<LocatedHeader> best;
  size_t best_known = 0;
  for (size_t r = 0; r < n; ++r) {
    if (known[r] > best_known) {
      best_known = known[r];
      best = LocatedHeader{TrimRow(rows[r]), r, 1};
    }
    if (r + 1 == n) continue;
    // A pair wins only when merging completes it: more known cells than either row alone.
    std::vector<std::string> merged = MergeRows(rows[r], rows[r + 1]);
    const size_t merged_known = CountKnown(merged, is_known);
    if (merged_known > std::max(known[r], known[r + 1]) && merged_known > best_known) {
      best_known = merged_known;
      best = LocatedHeader{std::move(merged), r, 2};
    }
  }
  if (!best.has_value() || best_known < std::max<size_t>(min_known, 1)) return std::nullopt;
  return best;
}

bool IsFooterRow(std::span<const std::string_view> cells) {
  // zh-Hans, then the zh-Hant forms that differ. Colons may be full-width or ASCII.
  static constexpr std::array<std::string_view, 30> kPrefixes = {
      "合计",       "总计",   "小计",       "制表人", "制表",   "填报人",   "填报日期", "填表人",
      "审核人",     "负责人", "单位负责人", "备注：", "备注:",  "说明：",   "说明:",    "合計",
      "總計",       "小計",   "製表人",     "製表",   "填報人", "填報日期", "審核人",   "負責人",
      "單位負責人", "備註：", "備註:",      "說明：", "說明:",  "填表日期",
  };
  for (const std::string_view cell : cells) {
    if (TrimCell(cell).empty()) continue;
    // "合 计" and "合　计": people space out two-character labels to fill a wide cell.
    std::string text;
    for (size_t i = 0; i < cell.size() && text.size() < 32;) {
      if (cell[i] == ' ' || cell[i] == '\t') {
        ++i;
      } else if (cell.substr(i).starts_with("\xE3\x80\x80")) {
        i += 3;
      } else {
        text += cell[i++];
      }
    }
    return std::any_of(kPrefixes.begin(), kPrefixes.end(),
                       [&](std::string_view prefix) { return text.starts_with(prefix); });
  }
  return false;
}

}  // namespace jz
