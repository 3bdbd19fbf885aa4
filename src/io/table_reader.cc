// OpenTable / TableFromBytes (io/table_reader.h): the format is chosen by the file's first
// bytes, because county offices rename files (an .xlsx saved as .csv, a UTF-16 "Unicode
// text" export named .csv) and a wrong guess would parse the bytes as garbage rows. The
// name decides only where the bytes do not: plain text is CSV unless the name promised a
// workbook.
#include "io/table_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "io/internal/table_readers.h"

namespace jz {
namespace {

// The longest signature checked (the OLE2 compound file's).
constexpr size_t kSniffBytes = 8;

enum class Sniffed : uint8_t { kCsv, kXlsx, kXls };

bool EndsWithNoCase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), text.end() - static_cast<ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); });
}

Status Refuse(const std::string& name, std::string_view zh, std::string_view en) {
  return InvalidArgumentError(Bilingual(fmt::format("{}：{}", name, zh), fmt::format("{}: {}", name, en)));
}

Status UnicodeText(const std::string& name, std::string_view encoding) {
  return InvalidArgumentError(Bilingual(
      "{}：文件是 {} 编码的文本（按字节序标记判断），无法读取；请在 Excel 或记事本中另存为 UTF-8 或 GB18030 "
      "编码的 CSV，或另存为 .xlsx",
      "{}: the file is {} text (by its byte-order mark), which is not read; save it as CSV in UTF-8 or "
      "GB18030 (Excel or Notepad: Save As), or as .xlsx",
      name, encoding));
}

// The reader for the bytes `head` (the file's first bytes) of a file named `name`.
StatusOr<Sniffed> Sniff(std::string_view head, const std::string& name) {
  using namespace std::string_view_literals;
  if (head.empty()) return Refuse(name, "文件为空", "the file is empty");
  if (head.starts_with("\xEF\xBB\xBF"sv)) return Sniffed::kCsv;
  if (head.starts_with("\xFF\xFE\0\0"sv)) return UnicodeText(name, "UTF-32LE");
  if (head.starts_with("\0\0\xFE\xFF"sv)) return UnicodeText(name, "UTF-32BE");
  if (head.starts_with("\xFF\xFE"sv)) return UnicodeText(name, "UTF-16LE");
  if (head.starts_with("\xFE\xFF"sv)) return UnicodeText(name, "UTF-16BE");
  if (head.starts_with("PK\x03\x04"sv)) return Sniffed::kXlsx;
  if (head.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) return Sniffed::kXls;
  if (head.starts_with("%PDF"sv)) {
    return Refuse(name, "这是 PDF 文件，不是表格；请提供导出的 Excel 或 CSV 文件",
                  "this is a PDF document, not a table; give the exported Excel or CSV file");
  }
  if (EndsWithNoCase(name, ".xlsx")) {
    return Refuse(name, "文件名是 .xlsx，但内容不是 Excel 工作簿（不是 zip 压缩包）",
                  "named .xlsx, but not an Excel workbook (not a zip package)");
  }
  if (EndsWithNoCase(name, ".xls")) {
    // Web systems often export an HTML or text table named .xls.
    return Refuse(
        name,
        "文件名是 .xls，但内容不是 Excel 97-2003 工作簿（可能是网页或文本）；请用 Excel 打开后另存为 "
        ".xlsx 或 CSV",
        "named .xls, but not an Excel 97-2003 workbook (perhaps a web page or text); open it in "
        "Excel and save it as .xlsx or CSV");
  }
  return Sniffed::kCsv;
}

StatusOr<std::unique_ptr<TableReader>> OpenSniffed(Sniffed sniffed, internal::TableSource source,
                                                   const TableOptions& options) {
  switch (sniffed) {
    case Sniffed::kXlsx:
      return internal::OpenXlsxTable(std::move(source));
    case Sniffed::kXls:
      return internal::OpenXlsTable(std::move(source));
    case Sniffed::kCsv:
      break;
  }
  return internal::OpenCsvTable(std::move(source), options);
}

Status ReadHeadError(const std::string& path, int error) {
  const std::string reason = std::error_code(error, std::generic_category()).message();
  if (error == ENOENT || error == ENOTDIR)
    return NotFoundError(Bilingual("文件不存在：{}", "file not found: {}", path));
  if (error == EACCES || error == EPERM) {
    return PermissionDeniedError(Bilingual("无权读取文件 {}（{}）", "may not read {} ({})", path, reason));
  }
  if (error == EISDIR)
    return InvalidArgumentError(Bilingual("{} 是目录，不是文件", "{} is a directory, not a file", path));
  return DataLossError(Bilingual("无法读取文件 {}（{}）", "cannot read {} ({})", path, reason));
}

// The first kSniffBytes of the file (fewer when it is shorter).
StatusOr<std::string> ReadHead(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ReadHeadError(path, errno);
  std::array<char, kSniffBytes> head{};
  size_t got = 0;
  while (got < head.size()) {
    const ssize_t n = ::read(fd, head.data() + got, head.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return ReadHeadError(path, error);
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  return std::string(head.data(), got);
}

}  // namespace

std::string_view TableFormatName(TableFormat format) {
  switch (format) {
    case TableFormat::kCsv:
      return "CSV";
    case TableFormat::kXlsx:
      return "xlsx";
    case TableFormat::kXls:
      return "xls";
  }
  return "CSV";
}

StatusOr<std::unique_ptr<TableReader>> OpenTable(const std::string& path, const TableOptions& options) {
  ASSIGN_OR_RETURN(const std::string head, ReadHead(path));
  ASSIGN_OR_RETURN(const Sniffed sniffed, Sniff(head, path));
  return OpenSniffed(sniffed, internal::TableSource{path, std::nullopt}, options);
}

StatusOr<std::unique_ptr<TableReader>> TableFromBytes(std::string bytes, std::string name,
                                                      const TableOptions& options) {
  ASSIGN_OR_RETURN(const Sniffed sniffed, Sniff(std::string_view(bytes).substr(0, kSniffBytes), name));
  return OpenSniffed(sniffed, internal::TableSource{std::move(name), std::move(bytes)}, options);
}

}  // namespace jz
