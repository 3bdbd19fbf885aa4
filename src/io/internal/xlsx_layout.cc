// Sheet names, widths and typed cells for the xlsx writer (internal/xlsx_layout.h).
#include "io/internal/xlsx_layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <variant>

namespace jz {
namespace {

constexpr size_t kSheetNameMax = 31;    // characters Excel allows in a sheet name
constexpr size_t kCellTextMax = 32767;  // characters Excel holds in a cell
constexpr double kColumnWidthMax = 60;  // wider columns make a sheet hard to read; text wraps
constexpr double kColumnWidthMin = 6;

size_t Utf8Length(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  return out;
}

// The first `max_chars` characters of UTF-8 `s`.
std::string_view FirstChars(std::string_view s, size_t max_chars) {
  size_t bytes = 0;
  for (size_t n = 0; n < max_chars && bytes < s.size(); ++n) {
    bytes += Utf8Length(static_cast<unsigned char>(s[bytes]));
  }
  return s.substr(0, std::min(bytes, s.size()));
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += Utf8Length(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

std::string CleanSheetName(std::string_view wanted) {
  std::string name;
  for (const char c : wanted)
    name.push_back(std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_');
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  name = std::string(FirstChars(name, kSheetNameMax));
  while (!name.empty() && name.back() == '\'') name.pop_back();
  return name.empty() ? std::string("Sheet") : name;
}

}  // namespace

std::string XlsxSheetName(std::string_view wanted, std::span<const std::string> taken) {
  const std::string base = CleanSheetName(wanted);
  auto is_taken = [&](const std::string& name) {
    return std::any_of(taken.begin(), taken.end(),
                       [&](const std::string& t) { return AsciiLower(t) == AsciiLower(name); });
  };
  std::string name = base;
  for (int n = 2; is_taken(name); ++n) {
    const std::string suffix = fmt::format(" ({})", n);
    name = std::string(FirstChars(base, kSheetNameMax - suffix.size())) + suffix;
  }
  return name;
}

namespace internal {

size_t XlsxCellWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t length = Utf8Length(static_cast<unsigned char>(text[i]));
    width += length >= 3 ? 2 : 1;  // CJK, full-width forms and most 3-byte symbols are wide
    i += length;
  }
  return width;
}

size_t XlsxNumberWidth(double value, XlsxStyle style) {
  switch (style) {
    case XlsxStyle::kInteger:
      return fmt::format("{:.0f}", value).size();
    case XlsxStyle::kMoney: {
      const size_t digits = fmt::format("{:.0f}", std::fabs(value)).size();
      return fmt::format("{:.2f}", value).size() + (digits - 1) / 3;  // group separators
    }
    case XlsxStyle::kShare:
      return fmt::format("{:.1f}%", 100 * value).size();
    case XlsxStyle::kDecimal:
      return fmt::format("{:.3f}", value).size();
  }
  return 10;
}

double XlsxColumnWidth(size_t width) {
  return std::clamp(static_cast<double>(width) + 2, kColumnWidthMin, kColumnWidthMax);
}

std::string XlsxCutText(std::string text) {
  if (text.size() <= kCellTextMax || CharCount(text) <= kCellTextMax) return text;
  text.resize(FirstChars(text, kCellTextMax).size());
  return text;
}

void WriteReportCell(XlsxWriter& xlsx, const ReportCell& cell, CellKind kind) {
  if (const auto* text = std::get_if<std::string>(&cell)) return xlsx.Text(*text);
  if (const auto* n = std::get_if<int64_t>(&cell)) {
    if (kind == CellKind::kMoney) return xlsx.Number(static_cast<double>(*n) / 100, XlsxStyle::kMoney);
    return xlsx.Number(static_cast<double>(*n), XlsxStyle::kInteger);
  }
  if (const auto* x = std::get_if<double>(&cell)) {
    return xlsx.Number(*x, kind == CellKind::kShare ? XlsxStyle::kShare : XlsxStyle::kDecimal);
  }
  xlsx.Blank();
}

}  // namespace internal
}  // namespace jz
