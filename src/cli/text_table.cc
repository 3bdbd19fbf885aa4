// TextTable rendering.
#include "cli/text_table.h"

#include <algorithm>

namespace jz::cli {
namespace {

bool LooksNumeric(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789.,-%") == std::string_view::npos;
}

std::string Pad(const std::string& cell, size_t width, bool right) {
  const size_t w = DisplayWidth(cell);
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + cell : cell + fill;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    width += length >= 3 ? 2 : 1;  // CJK, full-width forms and most 3-byte symbols are wide
    i += length;
  }
  return width;
}

std::string TextTable::Render() const {
  std::vector<size_t> widths(header_.size(), 0);
  for (size_t c = 0; c < header_.size(); ++c) widths[c] = DisplayWidth(header_[c]);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      out += Pad(cell, widths[c], !header && LooksNumeric(cell));
      out += c + 1 < widths.size() ? "  " : "\n";
    }
  };
  line(header_, true);
  size_t total = 0;
  for (size_t w : widths) total += w + 2;
  out += std::string(total > 2 ? total - 2 : 0, '-') + "\n";
  for (const auto& row : rows_) line(row, false);
  return out;
}

}  // namespace jz::cli
