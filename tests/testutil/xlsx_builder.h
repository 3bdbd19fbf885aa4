// Test support: writes a minimal .xlsx workbook (one sheet) the way Excel lays it out —
// shared strings, a styles part with a date format, cell references — so that readers of
// spreadsheets can be tested without an office suite. Cells are given as rows of
// XlsxTestCell: text becomes a shared string, a number a numeric cell, and a date serial
// a numeric cell styled as a date (Excel's built-in format 14).
#ifndef JZ_TESTS_TESTUTIL_XLSX_BUILDER_H_
#define JZ_TESTS_TESTUTIL_XLSX_BUILDER_H_

#include <zip.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace jz::testing {

struct XlsxTestCell {
  enum Kind { kText, kNumber, kDate, kInline, kEmpty } kind = kEmpty;
  std::string value;  // text, or the number / date serial as written in the XML
};
inline XlsxTestCell Text(std::string v) { return {XlsxTestCell::kText, std::move(v)}; }
inline XlsxTestCell Number(std::string v) { return {XlsxTestCell::kNumber, std::move(v)}; }
inline XlsxTestCell DateSerial(std::string v) { return {XlsxTestCell::kDate, std::move(v)}; }
inline XlsxTestCell Inline(std::string v) { return {XlsxTestCell::kInline, std::move(v)}; }
inline XlsxTestCell Empty() { return {}; }

inline std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Writes a zip package with the given parts (name -> content).
inline void WriteZip(const std::string& path, const std::map<std::string, std::string>& parts) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) throw std::runtime_error("cannot create " + path);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_discard(zip);
      throw std::runtime_error("cannot add " + name);
    }
  }
  if (zip_close(zip) != 0) throw std::runtime_error("cannot write " + path);
}

// The parts of a workbook with one sheet holding `rows` (row i is Excel row i + 1).
inline std::map<std::string, std::string> XlsxParts(const std::vector<std::vector<XlsxTestCell>>& rows) {
  std::vector<std::string> shared;
  std::string sheet =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
  for (size_t r = 0; r < rows.size(); ++r) {
    sheet += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const XlsxTestCell& cell = rows[r][c];
      if (cell.kind == XlsxTestCell::kEmpty) continue;
      std::string ref;
      for (size_t n = c + 1; n > 0; n = (n - 1) / 26)
        ref.insert(ref.begin(), static_cast<char>('A' + (n - 1) % 26));
      ref += std::to_string(r + 1);
      switch (cell.kind) {
        case XlsxTestCell::kText:
          sheet += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(shared.size()) + "</v></c>";
          shared.push_back(cell.value);
          break;
        case XlsxTestCell::kNumber:
          sheet += "<c r=\"" + ref + "\"><v>" + cell.value + "</v></c>";
          break;
        case XlsxTestCell::kDate:
          sheet += "<c r=\"" + ref + "\" s=\"1\"><v>" + cell.value + "</v></c>";
          break;
        case XlsxTestCell::kInline:
          sheet += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + XmlEscape(cell.value) + "</t></is></c>";
          break;
        case XlsxTestCell::kEmpty:
          break;
      }
    }
    sheet += "</row>";
  }
  sheet += "</sheetData></worksheet>";
  std::string sst = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  for (const std::string& s : shared) sst += "<si><t>" + XmlEscape(s) + "</t></si>";
  sst += "</sst>";
  return {
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
       R"(<Default Extension="xml" ContentType="application/xml"/></Types>)"},
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
       R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
       R"(<sheets><sheet name="问题清单" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" )"
       R"(Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/styles.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
       R"(<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>)"},
      {"xl/sharedStrings.xml", sst},
      {"xl/worksheets/sheet1.xml", sheet},
  };
}

inline void WriteXlsx(const std::string& path, const std::vector<std::vector<XlsxTestCell>>& rows) {
  WriteZip(path, XlsxParts(rows));
}

}  // namespace jz::testing

#endif  // JZ_TESTS_TESTUTIL_XLSX_BUILDER_H_
