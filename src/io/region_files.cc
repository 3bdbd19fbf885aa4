// Region CSV reading with referential checks; see region_files.h.
#include "io/region_files.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <unordered_set>

#include "io/csv_reader.h"

namespace jz {
namespace {

// Column positions found in a file's header; -1 when absent.
struct Columns {
  int code = -1;
  int name = -1;
  int parent = -1;
  int level = -1;
  int urban_rural = -1;
};

Status RowError(const CsvReader& reader, std::string_view column, std::string_view value, std::string_view zh,
                std::string_view en) {
  return InvalidArgumentError(Bilingual(fmt::format("{}: 第 {} 行, 列 {}, 值 \"{}\": {}", reader.name(),
                                                    reader.line_number(), column, value, zh),
                                        fmt::format("{}: line {}, column {}, value \"{}\": {}", reader.name(),
                                                    reader.line_number(), column, value, en)));
}

StatusOr<Columns> ReadHeader(CsvReader& reader) {
  std::vector<std::string_view> fields;
  ASSIGN_OR_RETURN(bool has_header, reader.Next(fields));
  if (!has_header) {
    return InvalidArgumentError(Bilingual("{}: 文件为空", "{}: the file is empty", reader.name()));
  }
  Columns c;
  for (size_t i = 0; i < fields.size(); ++i) {
    const int index = static_cast<int>(i);
    if (fields[i] == "code") c.code = index;
    if (fields[i] == "name") c.name = index;
    if (fields[i] == "parent_code") c.parent = index;
    if (fields[i] == "level") c.level = index;
    if (fields[i] == "ur_code") c.urban_rural = index;
  }
  if (c.code < 0 || c.name < 0 || c.parent < 0) {
    return InvalidArgumentError(Bilingual("{}: 表头缺少 code、name 或 parent_code 列",
                                          "{}: the header lacks a code, name or parent_code column",
                                          reader.name()));
  }
  return c;
}

// A county-level row whose code equals its parent's: a prefecture-level city without
// counties (东莞市 441900, 中山市 442000, 儋州市 460400). The NBS lists it again at county
// level under the same code; the prefecture row already stands for it, so it is skipped.
bool IsCountylessCityRow(const std::vector<std::string_view>& f, const Columns& c) {
  const auto at = [&](int i) {
    return i >= 0 && i < static_cast<int>(f.size()) ? f[static_cast<size_t>(i)] : std::string_view();
  };
  const std::string_view code = at(c.code);
  return at(c.level) == "3" && code.size() == 6 && code.substr(4) == "00" &&
         at(c.parent) == code.substr(0, 4);
}

// Checks one row's fields and builds its Region.
StatusOr<Region> ParseRow(const CsvReader& reader, const std::vector<std::string_view>& f, const Columns& c,
                          int edition_year, const std::unordered_set<uint64_t>& known) {
  const auto field = [&](int index) {
    return index < static_cast<int>(f.size()) ? f[static_cast<size_t>(index)] : std::string_view();
  };
  StatusOr<RegionCode> code = RegionCode::Parse(field(c.code));
  if (!code.ok()) return RowError(reader, "code", field(c.code), "区划代码无效", "invalid region code");
  Region region{*code, std::string(field(c.name)), edition_year, 0};
  if (region.name.empty()) return RowError(reader, "name", "", "名称为空", "the name is empty");
  if (c.level >= 0) {
    const std::string_view level = field(c.level);
    if (level.size() != 1 || level[0] - '0' != static_cast<int>(code->level())) {
      return RowError(reader, "level", level, "级别与代码位数不符", "the level does not match the code");
    }
  }
  const std::string_view parent_text = field(c.parent);
  if (code->level() != RegionLevel::kProvince) {
    StatusOr<RegionCode> parent = RegionCode::Parse(parent_text);
    if (!parent.ok() || *parent != code->Parent()) {
      return RowError(reader, "parent_code", parent_text, "上级代码不是本代码的上一级",
                      "the parent code is not the code's parent");
    }
    if (!known.contains(parent->value())) {
      return RowError(reader, "parent_code", parent_text, "上级区划不存在", "the parent region is unknown");
    }
  }
  if (c.urban_rural >= 0) {
    const std::string_view ur = field(c.urban_rural);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(ur.data(), ur.data() + ur.size(), value);
    if (ec != std::errc() || end != ur.data() + ur.size() || value < 111 || value > 220) {
      return RowError(reader, "ur_code", ur, "城乡分类代码无效（应为 111-220）",
                      "invalid urban-rural code (expected 111-220)");
    }
    region.urban_rural_code = static_cast<uint16_t>(value);
  }
  return region;
}

Status ReadFile(const std::string& path, int edition_year, std::vector<Region>& out,
                std::unordered_set<uint64_t>& known, Progress& progress) {
  ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> reader, CsvReader::Open(path));
  ASSIGN_OR_RETURN(Columns columns, ReadHeader(*reader));
  progress.Start("读取区划 reading regions", reader->total_bytes());
  std::vector<std::string_view> fields;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(fields));
    if (!more) break;
    if (IsCountylessCityRow(fields, columns)) continue;
    ASSIGN_OR_RETURN(Region region, ParseRow(*reader, fields, columns, edition_year, known));
    if (!known.insert(region.code.value()).second) {
      return RowError(*reader, "code", fields[static_cast<size_t>(columns.code)], "代码重复",
                      "duplicate code");
    }
    out.push_back(std::move(region));
    if ((out.size() & 1023) == 0) progress.Update(reader->bytes_consumed());
  }
  progress.Update(reader->bytes_consumed());
  progress.Finish();
  return OkStatus();
}

}  // namespace

StatusOr<RegionEdition> RegionEditionFor(int year) {
  if (year == 2023)
    return RegionEdition{2023, "china-counties.csv", "jilin-townships.csv", "jilin-villages.csv"};
  if (year == 2016) {
    return RegionEdition{2016, "jilin-counties-2016.csv", "jilin-townships-2016.csv",
                         "jilin-villages-2016.csv"};
  }
  return InvalidArgumentError(Bilingual("不支持的区划版本 {}（可用 2023、2016）",
                                        "unsupported region edition {} (use 2023 or 2016)", year));
}

StatusOr<std::vector<Region>> ReadRegionDirectory(const std::string& dir, const RegionEdition& edition,
                                                  Progress& progress) {
  std::vector<Region> regions;
  std::unordered_set<uint64_t> known;
  for (const std::string* file : {&edition.counties_file, &edition.townships_file, &edition.villages_file}) {
    RETURN_IF_ERROR(ReadFile(dir + "/" + *file, edition.year, regions, known, progress));
  }
  return regions;
}

}  // namespace jz
