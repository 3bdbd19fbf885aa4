// The .xlsx package (io/internal/xlsx_package.h) and the public helpers of xlsx_reader.h.
// The small parts (workbook, relationships, styles) are read whole with pugixml; the parts
// that grow with the sheet are streamed (PartStream, read by xlsx_stream.cc with expat).
#include "io/xlsx_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <unordered_map>

#include "core/date.h"
#include "core/limits.h"
#include "io/internal/xlsx_package.h"

namespace jz {
namespace internal {
namespace {

StatusOr<pugi::xml_document> ParseXml(const std::string& file, const std::string& part,
                                      const std::string& xml) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    return XlsxUnreadable(file, fmt::format("{} 不是有效的 XML（{}）", part, parsed.description()),
                          fmt::format("{} is not valid XML ({})", part, parsed.description()));
  }
  return doc;
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

Status NotAZip(const std::string& file, zip_error_t* error) {
  const std::string why = zip_error_strerror(error);
  return XlsxUnreadable(file, fmt::format("不是 zip 压缩包（{}）", why),
                        fmt::format("not a zip package ({})", why));
}

}  // namespace

Status XlsxUnreadable(const std::string& file, std::string_view why_zh, std::string_view why_en) {
  return InvalidArgumentError(
      Bilingual(fmt::format("{}：不是可读的 Excel 工作簿（.xlsx）：{}", file, why_zh),
                fmt::format("{}: not a readable Excel workbook (.xlsx): {}", file, why_en)));
}

StatusOr<ZipHandle> OpenXlsxPackage(const std::string& file, const std::string* bytes) {
  zip_error_t error;
  zip_error_init(&error);
  ZipHandle zip;
  if (bytes == nullptr) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
      return NotFoundError(Bilingual("{}：文件不存在", "{}: no such file", file));
    int code = 0;
    zip.reset(zip_open(file.c_str(), ZIP_RDONLY, &code));
    if (!zip) zip_error_init_with_code(&error, code);
  } else {
    zip_source_t* source = zip_source_buffer_create(bytes->data(), bytes->size(), 0, &error);
    if (source != nullptr) {
      zip.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
      if (!zip) zip_source_free(source);
    }
  }
  if (!zip) {
    Status status = NotAZip(file, &error);
    zip_error_fini(&error);
    return status;
  }
  zip_error_fini(&error);
  return zip;
}

StatusOr<std::optional<std::string>> ReadXlsxPart(zip_t* zip, const std::string& file,
                                                  const std::string& part) {
  ASSIGN_OR_RETURN(std::optional<PartStream> stream, PartStream::Open(zip, file, part, kMaxXlsxPartBytes));
  if (!stream.has_value()) return std::optional<std::string>();
  std::string data(static_cast<size_t>(std::max<int64_t>(stream->size(), 0)), '\0');
  size_t done = 0;
  while (true) {
    if (done == data.size()) data.resize(data.size() + 4096);
    ASSIGN_OR_RETURN(const size_t n, stream->Read(data.data() + done, data.size() - done));
    if (n == 0) break;
    done += n;
  }
  data.resize(done);
  return std::optional<std::string>(std::move(data));
}

StatusOr<std::optional<PartStream>> PartStream::Open(zip_t* zip, const std::string& file, std::string part,
                                                     uint64_t max_bytes) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, part.c_str(), 0, &st) != 0) return std::optional<PartStream>();
  if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > max_bytes) {
    return XlsxUnreadable(file, fmt::format("{} 超过 {} MiB（上限）", part, max_bytes >> 20),
                          fmt::format("{} is over {} MiB (the limit)", part, max_bytes >> 20));
  }
  PartStream stream;
  stream.handle_.reset(zip_fopen(zip, part.c_str(), 0));
  if (!stream.handle_) {
    return XlsxUnreadable(file, fmt::format("无法解压 {}", part), fmt::format("cannot inflate {}", part));
  }
  stream.file_ = file;
  stream.part_ = std::move(part);
  stream.max_bytes_ = max_bytes;
  stream.size_ = (st.valid & ZIP_STAT_SIZE) != 0 ? static_cast<int64_t>(st.size) : -1;
  return std::optional<PartStream>(std::move(stream));
}

StatusOr<size_t> PartStream::Read(char* destination, size_t capacity) {
  const zip_int64_t n = zip_fread(handle_.get(), destination, capacity);
  if (n < 0) {
    return XlsxUnreadable(file_, fmt::format("{} 已损坏（无法解压或校验和不符）", part_),
                          fmt::format("{} is damaged (cannot inflate, or checksum mismatch)", part_));
  }
  bytes_read_ += n;
  if (static_cast<uint64_t>(bytes_read_) > max_bytes_) {
    return XlsxUnreadable(file_, fmt::format("{} 超过 {} MiB（上限）", part_, max_bytes_ >> 20),
                          fmt::format("{} is over {} MiB (the limit)", part_, max_bytes_ >> 20));
  }
  return static_cast<size_t>(n);
}

StatusOr<std::string> FirstSheetPart(zip_t* zip, const std::string& file) {
  ASSIGN_OR_RETURN(std::optional<std::string> workbook_xml, ReadXlsxPart(zip, file, "xl/workbook.xml"));
  if (!workbook_xml) return XlsxUnreadable(file, "缺少 xl/workbook.xml", "xl/workbook.xml is missing");
  ASSIGN_OR_RETURN(pugi::xml_document workbook, ParseXml(file, "xl/workbook.xml", *workbook_xml));
  const pugi::xml_node sheet = workbook.child("workbook").child("sheets").child("sheet");
  if (!sheet) return XlsxUnreadable(file, "工作簿中没有工作表", "the workbook has no sheet");
  const std::string id = sheet.attribute("r:id").as_string();
  ASSIGN_OR_RETURN(std::optional<std::string> rels_xml,
                   ReadXlsxPart(zip, file, "xl/_rels/workbook.xml.rels"));
  if (rels_xml && !id.empty()) {
    ASSIGN_OR_RETURN(pugi::xml_document rels, ParseXml(file, "xl/_rels/workbook.xml.rels", *rels_xml));
    for (pugi::xml_node rel : rels.child("Relationships").children("Relationship")) {
      if (id != rel.attribute("Id").as_string()) continue;
      std::string target = rel.attribute("Target").as_string();
      if (target.starts_with('/')) return target.substr(1);
      return "xl/" + target;
    }
  }
  return std::string("xl/worksheets/sheet1.xml");
}

StatusOr<std::vector<bool>> ReadDateStyles(zip_t* zip, const std::string& file) {
  ASSIGN_OR_RETURN(std::optional<std::string> styles_xml, ReadXlsxPart(zip, file, "xl/styles.xml"));
  std::vector<bool> dates;
  if (!styles_xml) return dates;
  ASSIGN_OR_RETURN(pugi::xml_document styles, ParseXml(file, "xl/styles.xml", *styles_xml));
  const pugi::xml_node root = styles.child("styleSheet");
  std::unordered_map<int, std::string> custom;
  for (pugi::xml_node f : root.child("numFmts").children("numFmt")) {
    custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").as_string();
  }
  for (pugi::xml_node xf : root.child("cellXfs").children("xf")) {
    const int id = xf.attribute("numFmtId").as_int();
    auto it = custom.find(id);
    dates.push_back(IsDateFormat(id, it == custom.end() ? std::string_view() : std::string_view(it->second)));
  }
  return dates;
}

}  // namespace internal

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

}  // namespace jz
