// Test support: reads back an .xlsx our writers produced, as Excel would see it — each sheet's
// name, cells (type, text or number, number format, bold, whether it is a formula), the frozen
// pane, the autofilter and the column widths — so that tests check cell types and formats,
// not only the text. Built on libzip and pugixml (linked through jz_io). Throws on a file
// that is not a workbook: a test failure, not a case to handle.
#ifndef JZ_TESTS_TESTUTIL_XLSX_INSPECT_H_
#define JZ_TESTS_TESTUTIL_XLSX_INSPECT_H_

#include <zip.h>

#include <map>
#include <pugixml.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace jz::testing {

struct InspectedCell {
  std::string type;           // "n" number, "inlineStr" or "s" text
  std::string text;           // the string, or the number as written
  std::string number_format;  // "General", "0", "#,##0.00", "0.0%", …
  bool bold = false;
  bool formula = false;
};

struct InspectedSheet {
  std::string name;
  std::map<std::string, InspectedCell> cells;  // by reference, "A1"
  std::string frozen_top_left;                 // "A2" when the header row is frozen
  std::string autofilter;                      // "A1:C3"
  std::vector<double> widths;                  // of the <col> elements, in order
};

inline std::string ReadZipPart(zip_t* zip, const std::string& name) {
  zip_file_t* file = zip_fopen(zip, name.c_str(), 0);
  if (file == nullptr) return {};
  std::string out;
  char buf[65536];
  for (zip_int64_t n; (n = zip_fread(file, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  zip_fclose(file);
  return out;
}

// The number format code of each cellXfs index, and whether its font is bold.
inline std::vector<std::pair<std::string, bool>> InspectStyles(const std::string& xml) {
  std::map<int, std::string> formats = {{0, "General"},  {1, "0"},  {2, "0.00"},  {3, "#,##0"},
                                        {4, "#,##0.00"}, {9, "0%"}, {10, "0.00%"}};
  pugi::xml_document doc;
  doc.load_string(xml.c_str());
  const pugi::xml_node root = doc.child("styleSheet");
  for (pugi::xml_node f : root.child("numFmts").children("numFmt"))
    formats[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").value();
  std::vector<bool> bold_fonts;
  for (pugi::xml_node font : root.child("fonts").children("font"))
    bold_fonts.push_back(bool(font.child("b")));
  std::vector<std::pair<std::string, bool>> xfs;
  for (pugi::xml_node xf : root.child("cellXfs").children("xf")) {
    const auto font = static_cast<size_t>(xf.attribute("fontId").as_int());
    xfs.emplace_back(formats[xf.attribute("numFmtId").as_int()],
                     font < bold_fonts.size() && bold_fonts[font]);
  }
  return xfs;
}

inline InspectedSheet InspectSheet(const std::string& xml,
                                   const std::vector<std::pair<std::string, bool>>& xfs,
                                   const std::vector<std::string>& shared) {
  InspectedSheet sheet;
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) throw std::runtime_error("sheet XML does not parse");
  const pugi::xml_node ws = doc.child("worksheet");
  const pugi::xml_node pane = ws.child("sheetViews").child("sheetView").child("pane");
  if (std::string(pane.attribute("state").value()) == "frozen")
    sheet.frozen_top_left = pane.attribute("topLeftCell").value();
  sheet.autofilter = ws.child("autoFilter").attribute("ref").value();
  for (pugi::xml_node col : ws.child("cols").children("col"))
    sheet.widths.push_back(col.attribute("width").as_double());
  for (pugi::xml_node row : ws.child("sheetData").children("row")) {
    for (pugi::xml_node c : row.children("c")) {
      InspectedCell cell;
      cell.type = c.attribute("t") ? c.attribute("t").value() : "n";
      const auto style = static_cast<size_t>(c.attribute("s").as_int());
      if (style < xfs.size()) std::tie(cell.number_format, cell.bold) = xfs[style];
      cell.formula = bool(c.child("f"));
      if (cell.type == "inlineStr") {
        cell.text = c.child("is").child("t").text().get();
      } else if (cell.type == "s") {
        cell.text = shared.at(static_cast<size_t>(c.child("v").text().as_int()));
      } else {
        cell.text = c.child("v").text().get();
      }
      sheet.cells[c.attribute("r").value()] = cell;
    }
  }
  return sheet;
}

inline std::vector<InspectedSheet> InspectXlsx(const std::string& path) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (zip == nullptr) throw std::runtime_error("not a zip: " + path);
  const auto xfs = InspectStyles(ReadZipPart(zip, "xl/styles.xml"));
  std::vector<std::string> shared;
  pugi::xml_document strings;
  strings.load_string(ReadZipPart(zip, "xl/sharedStrings.xml").c_str());
  for (pugi::xml_node si : strings.child("sst").children("si")) shared.push_back(si.child("t").text().get());
  pugi::xml_document workbook;
  workbook.load_string(ReadZipPart(zip, "xl/workbook.xml").c_str());
  std::vector<InspectedSheet> sheets;
  for (pugi::xml_node s : workbook.child("workbook").child("sheets").children("sheet")) {
    const std::string part = "xl/worksheets/sheet" + std::to_string(sheets.size() + 1) + ".xml";
    sheets.push_back(InspectSheet(ReadZipPart(zip, part), xfs, shared));
    sheets.back().name = s.attribute("name").value();
  }
  zip_close(zip);
  return sheets;
}

}  // namespace jz::testing

#endif  // JZ_TESTS_TESTUTIL_XLSX_INSPECT_H_
