// Test support: writes a minimal Excel 97-2003 workbook (.xls, BIFF8) with one sheet, since
// FreeXL only reads and no writer is installed. The file is an OLE2 compound file holding
// one "Workbook" stream: the globals (BOF, CODEPAGE, two XFs — general and the built-in
// date format 14 —, BOUNDSHEET, SST, EOF) and the sheet (BOF, DIMENSIONS, cells, EOF).
// Text cells are LABELSST into the shared string table; numbers are NUMBER records; small
// integers RK records; dates NUMBER records styled with the date XF.
#ifndef JZ_TESTS_TESTUTIL_XLS_BUILDER_H_
#define JZ_TESTS_TESTUTIL_XLS_BUILDER_H_

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace jz::testing {

struct XlsTestCell {
  enum Kind { kEmpty, kText, kNumber, kInteger, kDate } kind = kEmpty;
  std::u16string text;  // kText
  double number = 0;    // kNumber, kDate (an Excel serial day)
  int32_t integer = 0;  // kInteger (RK, |value| < 2^29)
};
inline XlsTestCell XlsText(std::u16string v) { return {XlsTestCell::kText, std::move(v), 0, 0}; }
inline XlsTestCell XlsNumber(double v) { return {XlsTestCell::kNumber, {}, v, 0}; }
inline XlsTestCell XlsInteger(int32_t v) { return {XlsTestCell::kInteger, {}, 0, v}; }
inline XlsTestCell XlsDate(double serial) { return {XlsTestCell::kDate, {}, serial, 0}; }
inline XlsTestCell XlsEmpty() { return {}; }

namespace xls_internal {

inline void Put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
inline void Put32(std::string& out, uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}
inline void Record(std::string& out, uint16_t type, const std::string& data) {
  Put16(out, type);
  Put16(out, static_cast<uint32_t>(data.size()));
  out += data;
}
inline std::string Bof(uint16_t kind) {
  std::string d;
  Put16(d, 0x0600);
  Put16(d, kind);
  Put16(d, 0x0DBB);
  Put16(d, 0x07CC);
  Put32(d, 0);
  Put32(d, 0x06);
  return d;
}
inline std::string Xf(uint16_t format) {
  std::string d;
  Put16(d, 0);       // font
  Put16(d, format);  // number format
  Put16(d, 0x0001);  // locked cell
  d.append(14, '\0');
  return d;
}
inline std::string CellHead(size_t row, size_t column, uint16_t xf) {
  std::string d;
  Put16(d, static_cast<uint32_t>(row));
  Put16(d, static_cast<uint32_t>(column));
  Put16(d, xf);
  return d;
}

// The compound file with `stream` (at least 4096 bytes, so it lives in regular sectors).
inline std::string CompoundFile(const std::string& stream) {
  constexpr uint32_t kEnd = 0xFFFFFFFE, kFree = 0xFFFFFFFF, kFatSector = 0xFFFFFFFD;
  const uint32_t sectors = static_cast<uint32_t>((stream.size() + 511) / 512);
  std::string header;
  header += std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  header.append(16, '\0');
  Put16(header, 0x003E);
  Put16(header, 0x0003);
  Put16(header, 0xFFFE);
  Put16(header, 9);
  Put16(header, 6);
  header.append(6, '\0');
  Put32(header, 0);     // directory sectors (v3: 0)
  Put32(header, 1);     // FAT sectors
  Put32(header, 1);     // first directory sector
  Put32(header, 0);     // transaction signature
  Put32(header, 4096);  // mini stream cutoff
  Put32(header, kEnd);  // no mini FAT
  Put32(header, 0);
  Put32(header, kEnd);  // no DIFAT sectors
  Put32(header, 0);
  Put32(header, 0);  // DIFAT[0]: the FAT is sector 0
  for (int i = 1; i < 109; ++i) Put32(header, kFree);
  std::string fat;
  Put32(fat, kFatSector);
  Put32(fat, kEnd);
  for (uint32_t s = 0; s < sectors; ++s) Put32(fat, s + 1 == sectors ? kEnd : s + 3);
  while (fat.size() < 512) Put32(fat, kFree);
  auto entry = [](const std::u16string& name, uint8_t type, uint32_t child, uint32_t start, uint32_t size) {
    std::string e;
    for (char16_t c : name) Put16(e, c);
    e.resize(64, '\0');
    Put16(e, name.empty() ? 0 : static_cast<uint32_t>((name.size() + 1) * 2));
    e += static_cast<char>(type);
    e += static_cast<char>(1);  // black
    Put32(e, 0xFFFFFFFF);
    Put32(e, 0xFFFFFFFF);
    Put32(e, child);
    e.append(16 + 4 + 16, '\0');
    Put32(e, start);
    Put32(e, size);
    Put32(e, 0);
    return e;
  };
  std::string directory = entry(u"Root Entry", 5, 1, kEnd, 0) +
                          entry(u"Workbook", 2, 0xFFFFFFFF, 2, static_cast<uint32_t>(stream.size())) +
                          entry(u"", 0, 0xFFFFFFFF, 0, 0) + entry(u"", 0, 0xFFFFFFFF, 0, 0);
  std::string body = stream;
  body.resize(static_cast<size_t>(sectors) * 512, '\0');
  return header + fat + directory + body;
}

}  // namespace xls_internal

// The bytes of a workbook whose first sheet holds `rows` (row i is Excel row i + 1).
inline std::string XlsBytes(const std::vector<std::vector<XlsTestCell>>& rows) {
  using namespace xls_internal;
  std::vector<std::u16string> shared;
  std::string cells;
  size_t columns = 1;
  for (size_t r = 0; r < rows.size(); ++r) {
    columns = std::max(columns, rows[r].size());
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const XlsTestCell& cell = rows[r][c];
      std::string d = CellHead(r, c, cell.kind == XlsTestCell::kDate ? 17 : 16);
      switch (cell.kind) {
        case XlsTestCell::kEmpty:
          continue;
        case XlsTestCell::kText:
          Put32(d, static_cast<uint32_t>(shared.size()));
          shared.push_back(cell.text);
          Record(cells, 0x00FD, d);
          break;
        case XlsTestCell::kInteger:
          Put32(d, (static_cast<uint32_t>(cell.integer) << 2) | 0x2);
          Record(cells, 0x027E, d);
          break;
        case XlsTestCell::kNumber:
        case XlsTestCell::kDate: {
          char bytes[8];
          std::memcpy(bytes, &cell.number, 8);
          d.append(bytes, 8);
          Record(cells, 0x0203, d);
          break;
        }
      }
    }
  }
  std::string sst;
  Put32(sst, static_cast<uint32_t>(shared.size()));
  Put32(sst, static_cast<uint32_t>(shared.size()));
  for (const std::u16string& s : shared) {
    Put16(sst, static_cast<uint32_t>(s.size()));
    sst += '\x01';  // UTF-16LE characters
    for (char16_t c : s) Put16(sst, c);
  }
  std::string sheet;
  Record(sheet, 0x0809, Bof(0x0010));
  std::string dimensions;
  Put32(dimensions, 0);
  Put32(dimensions, static_cast<uint32_t>(rows.size()));
  Put16(dimensions, 0);
  Put16(dimensions, static_cast<uint32_t>(columns));
  Put16(dimensions, 0);
  Record(sheet, 0x0200, dimensions);
  sheet += cells;
  Record(sheet, 0x000A, "");

  auto globals = [&](uint32_t sheet_offset, size_t padding) {
    std::string g;
    Record(g, 0x0809, Bof(0x0005));
    std::string codepage;
    Put16(codepage, 1200);  // UTF-16
    Record(g, 0x0042, codepage);
    for (int i = 0; i < 16; ++i) Record(g, 0x00E0, Xf(0));  // Excel's 16 style XFs
    Record(g, 0x00E0, Xf(0));                               // XF 16 .. : cells
    Record(g, 0x00E0, Xf(14));
    std::string boundsheet;
    Put32(boundsheet, sheet_offset);
    Put16(boundsheet, 0);
    boundsheet += '\x06';
    boundsheet += '\0';
    boundsheet += "Sheet1";
    Record(g, 0x0085, boundsheet);
    Record(g, 0x00FC, sst);
    if (padding > 0) Record(g, 0x005C, std::string(padding, ' '));  // WRITEACCESS: fills to 4 KiB
    Record(g, 0x000A, "");
    return g;
  };
  std::string g = globals(0, 0);
  const size_t padding = g.size() + sheet.size() + 4 < 4096 ? 4096 - (g.size() + sheet.size() + 4) : 0;
  g = globals(static_cast<uint32_t>(g.size() + (padding > 0 ? padding + 4 : 0)), padding);
  return CompoundFile(g + sheet);
}

inline void WriteXls(const std::string& path, const std::vector<std::vector<XlsTestCell>>& rows) {
  std::ofstream(path, std::ios::binary) << XlsBytes(rows);
}

}  // namespace jz::testing

#endif  // JZ_TESTS_TESTUTIL_XLS_BUILDER_H_
