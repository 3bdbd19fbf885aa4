#include "io/xlsx_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <unordered_map>

#include "core/date.h"
#include "core/limits.h"

namespace jz {
namespace {

Status Unreadable(const std::string& path, std::string_view why_zh, std::string_view why_en) {
  return InvalidArgumentError(
      Bilingual(fmt::format("{}：不是可读的 Excel 工作簿（.xlsx）：{}", path, why_zh),
                fmt::format("{}: not a readable Excel workbook (.xlsx): {}", path, why_en)));
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

// One part of the package, or nullopt when it is absent.
StatusOr<std::optional<std::string>> ReadPart(zip_t* zip, const std::string& path, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name.c_str(), 0, &st) != 0) return std::optional<std::string>();
  if ((st.valid & ZIP_STAT_SIZE) == 0 || st.size > kMaxXlsxPartBytes) {
    return Unreadable(path, fmt::format("{} 超过 {} MiB", name, kMaxXlsxPartBytes >> 20),
                      fmt::format("{} is over {} MiB", name, kMaxXlsxPartBytes >> 20));
  }
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(zip, name.c_str(), 0), zip_fclose);
  if (!file)
    return Unreadable(path, fmt::format("无法解压 {}", name), fmt::format("cannot inflate {}", name));
  std::string data(static_cast<size_t>(st.size), '\0');
  size_t done = 0;
  while (done < data.size()) {
    const zip_int64_t n = zip_fread(file.get(), data.data() + done, data.size() - done);
    if (n <= 0)
      return Unreadable(path, fmt::format("无法解压 {}", name), fmt::format("cannot inflate {}", name));
    done += static_cast<size_t>(n);
  }
  // One more read reaches the end of the entry, where libzip checks its CRC: a damaged part
  // is refused rather than parsed.
  char past_end;
  if (zip_fread(file.get(), &past_end, 1) != 0) {
    return Unreadable(path, fmt::format("{} 已损坏（校验和不符）", name),
                      fmt::format("{} is damaged (checksum mismatch)", name));
  }
  return std::optional<std::string>(std::move(data));
}

StatusOr<pugi::xml_document> ParseXml(const std::string& path, const std::string& name,
                                      const std::string& xml) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    return Unreadable(path, fmt::format("{} 不是有效的 XML（{}）", name, parsed.description()),
                      fmt::format("{} is not valid XML ({})", name, parsed.description()));
  }
  return doc;
}

// The text of a shared or inline string: its <t>, or its rich-text runs' <t>s joined;
// phonetic runs (<rPh>) are not part of the text.
std::string StringItemText(const pugi::xml_node& item) {
  if (pugi::xml_node t = item.child("t")) return t.text().get();
  std::string text;
  for (pugi::xml_node run : item.children("r")) text += run.child("t").text().get();
  return text;
}

// Whether a number format shows a date: Excel's built-in date formats (including the East
// Asian ones), or a custom code with a year or day part outside quotes and brackets.
bool IsDateFormat(int id, std::string_view code) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  bool quoted = false;
  int bracket = 0;
  for (char c : code) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '[') {
      ++bracket;
    } else if (!quoted && c == ']' && bracket > 0) {
      --bracket;
    } else if (!quoted && bracket == 0) {
      const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == 'y' || lower == 'd') return true;
    }
  }
  return false;
}

// Per cell style index (cellXfs), whether it shows a date.
std::vector<bool> DateStyles(const pugi::xml_document& styles) {
  const pugi::xml_node root = styles.child("styleSheet");
  std::unordered_map<int, std::string> custom;
  for (pugi::xml_node f : root.child("numFmts").children("numFmt")) {
    custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").as_string();
  }
  std::vector<bool> dates;
  for (pugi::xml_node xf : root.child("cellXfs").children("xf")) {
    const int id = xf.attribute("numFmtId").as_int();
    auto it = custom.find(id);
    dates.push_back(IsDateFormat(id, it == custom.end() ? std::string_view() : std::string_view(it->second)));
  }
  return dates;
}

// The 0-based column of a cell reference such as "AB12"; -1 when it has no letters.
// Excel's limits: rows 1..1,048,576, columns A..XFD.
constexpr int64_t kMaxXlsxRows = 1'048'576;
constexpr int kMaxXlsxColumns = 16'384;

int ColumnOf(std::string_view ref) {
  int column = 0;
  size_t i = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
    column = column * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (column > kMaxXlsxColumns) return -1;
  }
  return i == 0 ? -1 : column - 1;
}

// The path inside the package of the workbook's first sheet.
StatusOr<std::string> FirstSheetPart(zip_t* zip, const std::string& path) {
  ASSIGN_OR_RETURN(std::optional<std::string> workbook_xml, ReadPart(zip, path, "xl/workbook.xml"));
  if (!workbook_xml) return Unreadable(path, "缺少 xl/workbook.xml", "xl/workbook.xml is missing");
  ASSIGN_OR_RETURN(pugi::xml_document workbook, ParseXml(path, "xl/workbook.xml", *workbook_xml));
  const pugi::xml_node sheet = workbook.child("workbook").child("sheets").child("sheet");
  if (!sheet) return Unreadable(path, "工作簿中没有工作表", "the workbook has no sheet");
  const std::string id = sheet.attribute("r:id").as_string();
  ASSIGN_OR_RETURN(std::optional<std::string> rels_xml, ReadPart(zip, path, "xl/_rels/workbook.xml.rels"));
  if (rels_xml && !id.empty()) {
    ASSIGN_OR_RETURN(pugi::xml_document rels, ParseXml(path, "xl/_rels/workbook.xml.rels", *rels_xml));
    for (pugi::xml_node rel : rels.child("Relationships").children("Relationship")) {
      if (id != rel.attribute("Id").as_string()) continue;
      std::string target = rel.attribute("Target").as_string();
      if (target.starts_with('/')) return target.substr(1);
      return "xl/" + target;
    }
  }
  return std::string("xl/worksheets/sheet1.xml");
}

Status NotAZip(const std::string& path, zip_error_t* error) {
  const std::string why = zip_error_strerror(error);
  return Unreadable(path, fmt::format("不是 zip 压缩包（{}）", why),
                    fmt::format("not a zip package ({})", why));
}

// The rows of the first sheet of the opened package `zip`; `path` names it in errors.
StatusOr<std::vector<XlsxRow>> ReadSheet(zip_t* zip, const std::string& path) {
  ASSIGN_OR_RETURN(const std::string sheet_part, FirstSheetPart(zip, path));

  std::vector<std::string> shared;
  ASSIGN_OR_RETURN(std::optional<std::string> shared_xml, ReadPart(zip, path, "xl/sharedStrings.xml"));
  if (shared_xml) {
    ASSIGN_OR_RETURN(pugi::xml_document doc, ParseXml(path, "xl/sharedStrings.xml", *shared_xml));
    for (pugi::xml_node si : doc.child("sst").children("si")) shared.push_back(StringItemText(si));
  }
  std::vector<bool> date_style;
  ASSIGN_OR_RETURN(std::optional<std::string> styles_xml, ReadPart(zip, path, "xl/styles.xml"));
  if (styles_xml) {
    ASSIGN_OR_RETURN(pugi::xml_document doc, ParseXml(path, "xl/styles.xml", *styles_xml));
    date_style = DateStyles(doc);
  }

  ASSIGN_OR_RETURN(std::optional<std::string> sheet_xml, ReadPart(zip, path, sheet_part));
  if (!sheet_xml)
    return Unreadable(path, fmt::format("缺少 {}", sheet_part), fmt::format("{} is missing", sheet_part));
  ASSIGN_OR_RETURN(pugi::xml_document sheet, ParseXml(path, sheet_part, *sheet_xml));
  std::vector<XlsxRow> rows;
  int64_t next_row = 1;
  for (pugi::xml_node row : sheet.child("worksheet").child("sheetData").children("row")) {
    XlsxRow out;
    out.row_number = row.attribute("r").as_llong(next_row);
    if (out.row_number < 1 || out.row_number > kMaxXlsxRows) {
      return Unreadable(path, fmt::format("{} 的行号 {} 无效", sheet_part, row.attribute("r").as_string()),
                        fmt::format("{}: invalid row number {}", sheet_part, row.attribute("r").as_string()));
    }
    next_row = out.row_number + 1;
    int next_column = 0;
    for (pugi::xml_node c : row.children("c")) {
      const pugi::xml_attribute ref = c.attribute("r");
      const int column = ref ? ColumnOf(ref.as_string()) : next_column;
      if (column < 0 || column >= kMaxXlsxColumns) {
        return Unreadable(
            path, fmt::format("{} 第 {} 行的单元格引用 {} 无效", sheet_part, out.row_number, ref.as_string()),
            fmt::format("{} row {}: invalid cell reference {}", sheet_part, out.row_number, ref.as_string()));
      }
      next_column = column + 1;
      const std::string_view type = c.attribute("t").as_string();
      const std::string value = c.child("v").text().get();
      std::string text;
      if (type == "s") {
        size_t index = 0;
        const auto [end, ec2] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec2 != std::errc() || end != value.data() + value.size() || index >= shared.size()) {
          return Unreadable(
              path, fmt::format("{} 第 {} 行引用了不存在的共享字符串 {}", sheet_part, out.row_number, value),
              fmt::format("{} row {}: shared string {} does not exist", sheet_part, out.row_number, value));
        }
        text = shared[index];
      } else if (type == "inlineStr") {
        text = StringItemText(c.child("is"));
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else if (type == "str" || type == "e") {
        text = value;
      } else {  // a number, perhaps shown as a date
        text = value;
        const size_t style = c.attribute("s").as_uint();
        if (!value.empty() && style < date_style.size() && date_style[style]) {
          const std::string date = ExcelSerialToIsoDate(std::strtod(value.c_str(), nullptr));
          if (!date.empty()) text = date;
        }
      }
      if (out.cells.size() <= static_cast<size_t>(column)) out.cells.resize(static_cast<size_t>(column) + 1);
      out.cells[static_cast<size_t>(column)] = std::move(text);
    }
    if (!out.cells.empty()) rows.push_back(std::move(out));
  }
  return rows;
}

}  // namespace

bool IsXlsxPath(std::string_view path) {
  if (path.size() < 5) return false;
  std::string tail(path.substr(path.size() - 5));
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == ".xlsx";
}

std::string ExcelSerialToIsoDate(double serial) {
  if (!std::isfinite(serial) || serial < 1 || serial >= 2958466) return "";  // 9999-12-31
  const auto day = static_cast<int32_t>(std::floor(serial));
  if (day == 60) return "";  // 1900-02-29, a day Excel counts that never was
  // Day 1 is 1900-01-01, 25,567 days before 1970-01-01; from day 61 on, one less for the
  // fictitious leap day.
  const int32_t days = day - 25568 - (day > 60 ? 1 : 0);
  const Date date = Date::FromDays(days);
  if (date.year() < Date::kMinYear || date.year() > Date::kMaxYear) return "";
  return date.ToString();
}

StatusOr<std::vector<XlsxRow>> ReadXlsxFirstSheet(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return NotFoundError(Bilingual("{}：文件不存在", "{}: no such file", path));
  }
  int code = 0;
  Zip zip(zip_open(path.c_str(), ZIP_RDONLY, &code));
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    Status status = NotAZip(path, &error);
    zip_error_fini(&error);
    return status;
  }
  return ReadSheet(zip.get(), path);
}

StatusOr<std::vector<XlsxRow>> ReadXlsxFirstSheetFromBuffer(std::string_view bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    Status status = NotAZip(name, &error);
    zip_error_fini(&error);
    return status;
  }
  Zip zip(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!zip) {
    zip_source_free(source);
    Status status = NotAZip(name, &error);
    zip_error_fini(&error);
    return status;
  }
  zip_error_fini(&error);
  return ReadSheet(zip.get(), name);
}

}  // namespace jz
