// Spreadsheet import of ledger problems (problem_import.h): header mapping, row checks with
// file/line/field errors, region names resolved against the region table, and one store
// transaction for the whole input.
#include "app/rectification/problem_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "app/registry/registry_validation.h"
#include "io/report_file.h"
#include "io/table_reader.h"

namespace jz {
namespace {

enum Column : size_t {
  kSource,
  kSourceKind,
  kItemNo,
  kCategory,
  kDescription,
  kRegionCode,
  kRegionName,
  kHousehold,
  kLeadUnit,
  kResponsibleUnit,
  kOwner,
  kMeasure,
  kDeadline,
  kColumnCount
};

struct ColumnSpec {
  std::string_view zh;
  std::string_view en;
  bool required;
};

constexpr std::array<ColumnSpec, kColumnCount> kColumns = {{
    {"问题来源", "source", true},
    {"来源类型", "source_kind", false},
    {"问题编号", "item_no", false},
    {"问题类别", "category", true},
    {"问题描述", "description", true},
    {"区划代码", "region_code", false},
    {"所在地区", "region_name", false},
    {"户编号", "household_no", false},
    {"牵头单位", "lead_unit", false},
    {"责任单位", "responsible_unit", true},
    {"责任人", "owner", true},
    {"整改措施", "measure", false},
    {"整改时限", "deadline", true},
}};

constexpr Lang kLangs[] = {Lang::kZhHans, Lang::kZhHant, Lang::kEn};

// Whether `header` is that of a `jingzhun validate --report` file, in any of its languages.
bool IsValidationReportHeader(const std::vector<std::string>& header) {
  const std::vector<ReportColumn>& columns = ValidationReportColumns();
  if (header.size() != columns.size()) return false;
  return std::any_of(std::begin(kLangs), std::end(kLangs), [&](Lang lang) {
    for (size_t i = 0; i < columns.size(); ++i) {
      const std::string& name = lang == Lang::kEn ? columns[i].en : columns[i].zh;
      if (header[i] != (lang == Lang::kZhHant ? ToTraditional(name) : name)) return false;
    }
    return true;
  });
}

bool IsErrorSeverity(std::string_view label) {
  return std::any_of(std::begin(kLangs), std::end(kLangs),
                     [&](Lang lang) { return label == ValidationErrorLabel(lang); });
}

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

// One data row, its cells copied out of the reader.
struct Row {
  int64_t line = 0;
  std::vector<std::string> cells;
};

struct ReadFile {
  std::string path;
  std::vector<std::string> header;
  std::vector<Row> rows;
};

class Importer {
 public:
  Importer(Store& store, const ProblemImportOptions& options) : store_(store), options_(options) {}

  StatusOr<ProblemImportResult> Run(std::span<const std::string> paths);

 private:
  void Error(const std::string& file, int64_t line, std::string_view field, std::string_view value,
             std::string message) {
    result_.errors.push_back({file, line, std::string(field), std::string(value), std::move(message)});
  }
  std::optional<ReadFile> Read(const std::string& path);
  Status AddFindingsRows(const ReadFile& file);
  Status AddInspectionRows(const ReadFile& file);
  std::optional<std::array<int, kColumnCount>> MapHeader(const ReadFile& file);
  Status ParseInspectionRow(const ReadFile& file, const std::array<int, kColumnCount>& at, const Row& row);
  StatusOr<std::optional<RegionCode>> ResolveRegionName(std::string_view name, std::string* error_zh,
                                                        std::string* error_en);
  Status LoadRegionNames();
  Status CheckAndStore();

  // A problem waiting to be checked, with where it came from.
  struct Pending {
    Problem problem;
    std::string file;
    int64_t line;
    std::vector<std::string> header_names;  // column names of this file, by Column
    bool region_reported = false;           // a bad 区划代码 or 所在地区 was reported already
  };
  std::string FieldColumn(const Pending& p, std::string_view field) const;

  Store& store_;
  const ProblemImportOptions& options_;
  ProblemImportResult result_;
  std::vector<Pending> pending_;
  bool pending_from_report_ = false;
  // Region names, loaded on first use: name -> codes, code -> name.
  bool names_loaded_ = false;
  std::unordered_multimap<std::string, RegionCode> codes_by_name_;
  std::unordered_map<RegionCode, std::string> name_by_code_;
};

// A CSV file, or an Excel workbook's first sheet (rows numbered as Excel numbers them),
// through TableReader, which chooses by the file's content.
std::optional<ReadFile> Importer::Read(const std::string& path) {
  TableOptions table_options;
  table_options.encoding = options_.encoding;
  StatusOr<std::unique_ptr<TableReader>> table = OpenTable(path, table_options);
  if (!table.ok()) {
    Error(path, 0, "", "", table.status().message());
    return std::nullopt;
  }
  TableReader& reader = **table;
  const bool spreadsheet = reader.format() != TableFormat::kCsv;
  ReadFile file{path, {}, {}};
  std::vector<std::string_view> fields;
  while (true) {
    StatusOr<bool> more = reader.Next(fields);
    if (!more.ok()) {
      // A CSV error names the line itself; a sheet's names its row.
      Error(path, spreadsheet ? 0 : reader.last_line() + 1, "", "", more.status().message());
      return std::nullopt;
    }
    if (!*more) break;
    std::vector<std::string> cells;
    cells.reserve(fields.size());
    for (std::string_view f : fields) cells.emplace_back(Trim(f));
    if (file.header.empty() && reader.rows_read() == 1) {
      file.header = std::move(cells);
      continue;
    }
    // Excel leaves out a row's trailing empty cells: they are empty, not missing.
    if (spreadsheet && cells.size() < file.header.size()) cells.resize(file.header.size());
    file.rows.push_back({reader.first_line(), std::move(cells)});
  }
  if (file.header.empty()) {
    Error(path, 0, "", "",
          spreadsheet ? Bilingual("工作表为空，没有表头", "the sheet is empty: no header")
                      : Bilingual("文件为空，没有表头", "the file is empty: no header"));
    return std::nullopt;
  }
  return file;
}

std::optional<std::array<int, kColumnCount>> Importer::MapHeader(const ReadFile& file) {
  std::array<int, kColumnCount> at;
  at.fill(-1);
  bool ok = true;
  for (size_t i = 0; i < file.header.size(); ++i) {
    for (size_t c = 0; c < kColumnCount; ++c) {
      if (file.header[i] != kColumns[c].zh && file.header[i] != kColumns[c].en) continue;
      if (at[c] >= 0) {
        Error(file.path, 1, file.header[i], "",
              Bilingual(fmt::format("列“{}”出现两次", kColumns[c].zh),
                        fmt::format("column {} appears twice", kColumns[c].en)));
        ok = false;
      }
      at[c] = static_cast<int>(i);
    }
  }
  for (size_t c = 0; c < kColumnCount; ++c) {
    if (kColumns[c].required && at[c] < 0) {
      Error(file.path, 1, kColumns[c].zh, "",
            Bilingual(fmt::format("缺少必需的列“{}”（或 {}）", kColumns[c].zh, kColumns[c].en),
                      fmt::format("the required column {} ({}) is missing", kColumns[c].en, kColumns[c].zh)));
      ok = false;
    }
  }
  if (at[kRegionCode] < 0 && at[kRegionName] < 0 && at[kHousehold] < 0) {
    Error(file.path, 1, "区划代码", "",
          Bilingual("缺少列“区划代码”、“所在地区”或“户编号”（至少一列）",
                    "the columns region_code, region_name and household_no are all missing (one is needed)"));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return at;
}

Status Importer::LoadRegionNames() {
  names_loaded_ = true;
  for (int province = 11; province <= 82; ++province) {
    StatusOr<RegionCode> scope = RegionCode::Parse(std::to_string(province));
    if (!scope.ok()) continue;
    for (RegionLevel level : {RegionLevel::kProvince, RegionLevel::kPrefecture, RegionLevel::kCounty,
                              RegionLevel::kTownship, RegionLevel::kVillage}) {
      ASSIGN_OR_RETURN(std::vector<Region> regions, store_.ListRegions(*scope, level));
      if (level == RegionLevel::kProvince && regions.empty()) break;
      for (Region& r : regions) {
        codes_by_name_.emplace(r.name, r.code);
        name_by_code_.emplace(r.code, std::move(r.name));
      }
    }
  }
  return OkStatus();
}

// A region whose name ends `text`, the rest of `text` being the names of some of its
// ancestors in order (separators ignored): "汪清县汪清镇新民村委会", "汪清县/新民村委会".
StatusOr<std::optional<RegionCode>> Importer::ResolveRegionName(std::string_view raw, std::string* zh,
                                                                std::string* en) {
  if (!names_loaded_) RETURN_IF_ERROR(LoadRegionNames());
  std::string text;
  for (char c : raw) {
    if (c != ' ' && c != '/' && c != '-' && c != '\t') text += c;
  }
  std::vector<RegionCode> matches;
  for (const auto& [name, code] : codes_by_name_) {
    if (text.size() < name.size() || text.compare(text.size() - name.size(), name.size(), name) != 0)
      continue;
    std::string_view rest(text.data(), text.size() - name.size());
    for (RegionCode up = code; !rest.empty() && up.level() > RegionLevel::kProvince;) {
      up = up.Parent();
      auto it = name_by_code_.find(up);
      if (it != name_by_code_.end() && rest.ends_with(it->second)) rest.remove_suffix(it->second.size());
    }
    if (rest.empty()) matches.push_back(code);
  }
  if (matches.size() == 1) return std::optional<RegionCode>(matches[0]);
  std::sort(matches.begin(), matches.end());
  std::string listed;
  for (size_t i = 0; i < matches.size() && i < 3; ++i) listed += (i ? ", " : "") + matches[i].ToString();
  if (matches.empty()) {
    *zh = fmt::format("所在地区“{}”不是已加载的区划名称", raw);
    *en = fmt::format("region name '{}' is not a loaded region", raw);
  } else {
    *zh =
        fmt::format("所在地区“{}”对应 {} 个区划（{}…），请写上级名称或区划代码", raw, matches.size(), listed);
    *en = fmt::format("region name '{}' matches {} regions ({}...); add the parent's name or give the code",
                      raw, matches.size(), listed);
  }
  return std::optional<RegionCode>();
}

std::string Importer::FieldColumn(const Pending& p, std::string_view field) const {
  if (pending_from_report_) return std::string(field);
  static const std::map<std::string_view, Column> kByField = {{"region", kRegionCode},
                                                              {"household_no", kHousehold},
                                                              {"description", kDescription},
                                                              {"responsible_unit", kResponsibleUnit},
                                                              {"owner", kOwner},
                                                              {"source_ref", kSource}};
  auto it = kByField.find(field);
  if (it == kByField.end()) return std::string(field);
  const int index = static_cast<int>(it->second);
  if (index < static_cast<int>(p.header_names.size()) &&
      !p.header_names[static_cast<size_t>(index)].empty()) {
    return p.header_names[static_cast<size_t>(index)];
  }
  return std::string(kColumns[it->second].zh);
}

Status Importer::ParseInspectionRow(const ReadFile& file, const std::array<int, kColumnCount>& at,
                                    const Row& row) {
  if (row.cells.size() != file.header.size()) {
    Error(file.path, row.line, "", "",
          Bilingual("该行有 {} 列，表头有 {} 列", "the row has {} cells, the header {}", row.cells.size(),
                    file.header.size()));
    return OkStatus();
  }
  auto cell = [&](Column c) -> std::string { return at[c] < 0 ? "" : row.cells[static_cast<size_t>(at[c])]; };
  auto bad = [&](Column c, std::string message) {
    Error(file.path, row.line, kColumns[c].zh, cell(c), std::move(message));
  };
  Pending pending{{}, file.path, row.line, {}};
  for (size_t c = 0; c < kColumnCount; ++c) {
    pending.header_names.push_back(at[c] < 0 ? "" : file.header[static_cast<size_t>(at[c])]);
  }
  Problem& p = pending.problem;
  p.source = options_.default_source;
  if (!cell(kSourceKind).empty()) {
    StatusOr<ProblemSource> source = Parse<ProblemSource>(cell(kSourceKind));
    if (source.ok()) {
      p.source = *source;
    } else {
      bad(kSourceKind, source.status().message());
    }
  }
  p.source_ref = cell(kSource);  // checked, when empty, by CheckProblems
  p.source_item = cell(kItemNo);
  StatusOr<ProblemCategory> category = Parse<ProblemCategory>(cell(kCategory));
  if (category.ok()) {
    p.category = *category;
  } else {
    bad(kCategory, category.status().message());
  }
  p.description = cell(kDescription);
  p.household_no = cell(kHousehold);
  p.lead_unit = cell(kLeadUnit);
  p.responsible_unit = cell(kResponsibleUnit);
  p.owner = cell(kOwner);
  p.measure = cell(kMeasure);
  StatusOr<Date> deadline = Date::Parse(cell(kDeadline));
  if (deadline.ok()) {
    p.deadline = *deadline;
  } else {
    bad(kDeadline, deadline.status().message());
  }
  if (!cell(kRegionCode).empty()) {
    StatusOr<RegionCode> code = RegionCode::Parse(cell(kRegionCode));
    if (code.ok()) {
      p.region = *code;
    } else {
      bad(kRegionCode, code.status().message());
    }
    pending.region_reported = !code.ok();
  } else if (!cell(kRegionName).empty()) {
    std::string zh, en;
    ASSIGN_OR_RETURN(std::optional<RegionCode> code, ResolveRegionName(cell(kRegionName), &zh, &en));
    if (code) {
      p.region = *code;
    } else {
      bad(kRegionName, Bilingual(zh, en));
    }
    pending.region_reported = !code;
  }
  pending_.push_back(std::move(pending));
  return OkStatus();
}

Status Importer::AddInspectionRows(const ReadFile& file) {
  std::optional<std::array<int, kColumnCount>> at = MapHeader(file);
  if (!at) return OkStatus();
  for (const Row& row : file.rows) RETURN_IF_ERROR(ParseInspectionRow(file, *at, row));
  return OkStatus();
}

Status Importer::AddFindingsRows(const ReadFile& file) {
  pending_from_report_ = true;
  if (options_.owner.empty() || options_.responsible_unit.empty() || !options_.deadline) {
    Error(file.path, 0, "", "",
          Bilingual("导入校验报告须给出责任单位、责任人和整改时限（--unit、--owner、--deadline）",
                    "importing a validation report needs the responsible unit, owner and deadline "
                    "(--unit, --owner, --deadline)"));
    return OkStatus();
  }
  const std::string ref = options_.validation_ref.empty()
                              ? fmt::format("数据校验 {}", options_.date.ToString())
                              : options_.validation_ref;
  for (const Row& row : file.rows) {
    if (row.cells.size() != ValidationReportColumns().size()) {
      Error(file.path, row.line, "", "",
            Bilingual("该行列数与校验报告表头不符", "the row does not match the report's header"));
      continue;
    }
    if (!IsErrorSeverity(row.cells[1])) continue;  // warnings are not rectification items
    Pending pending{{}, file.path, row.line, {}};
    Problem& p = pending.problem;
    p.source = ProblemSource::kValidation;
    p.source_ref = ref;
    // Stable across runs: the same finding on the same household keeps its key.
    p.source_item = fmt::format("{}/{}/{}/{}", row.cells[0], row.cells[2], row.cells[3], row.cells[5]);
    p.category = ProblemCategory::kDataQuality;
    p.description = row.cells[7];
    p.household_no = row.cells[2];
    StatusOr<RegionCode> code = RegionCode::Parse(row.cells[4]);
    if (code.ok()) {
      p.region = *code;
    } else {
      Error(file.path, row.line, "行政区划代码", row.cells[4], code.status().message());
    }
    pending.region_reported = !code.ok();
    p.responsible_unit = options_.responsible_unit;
    p.owner = options_.owner;
    p.deadline = *options_.deadline;
    p.measure = fmt::format("核实并更正{}", row.cells[5]);
    pending_.push_back(std::move(pending));
  }
  return OkStatus();
}

Status Importer::CheckAndStore() {
  std::map<std::string, std::pair<std::string, int64_t>> seen;  // key -> first file and line
  std::vector<Problem> problems;
  for (Pending& pending : pending_) {
    ProblemBatch one{
        pending.problem.source, pending.problem.source_ref, options_.actor, options_.date, {pending.problem}};
    ASSIGN_OR_RETURN(std::vector<ProblemFieldError> errors, CheckProblems(store_, one));
    for (const ProblemFieldError& e : errors) {
      if (e.field == "region" && pending.region_reported) continue;
      Error(pending.file, pending.line, FieldColumn(pending, e.field), e.value, e.message);
    }
    Problem& p = one.problems[0];
    auto [it, fresh] = seen.try_emplace(p.key, pending.file, pending.line);
    if (!fresh) {
      Error(pending.file, pending.line, p.source_item.empty() ? "问题描述" : "问题编号", p.source_item,
            Bilingual("与 {} 第 {} 行是同一问题（来源、编号或内容相同）",
                      "the same problem as {} line {} (same source and number, or same content)",
                      it->second.first, it->second.second));
    }
    problems.push_back(std::move(p));
  }
  result_.rows = static_cast<int64_t>(problems.size());
  if (!result_.errors.empty() || problems.empty()) return OkStatus();
  ASSIGN_OR_RETURN(auto stored, store_.ledger().AddProblems(problems, "导入建账"));
  for (const auto& [id, is_new] : stored) {
    result_.ids.push_back(id);
    ++(is_new ? result_.added : result_.unchanged);
  }
  return OkStatus();
}

StatusOr<ProblemImportResult> Importer::Run(std::span<const std::string> paths) {
  if (Trim(options_.actor).empty()) {
    Error("", 0, "", "", Bilingual("缺少建账人（--by）", "the actor (--by) is missing"));
    return result_;
  }
  for (const std::string& path : paths) {
    std::optional<ReadFile> file = Read(path);
    if (!file) continue;
    if (IsValidationReportHeader(file->header)) {
      RETURN_IF_ERROR(AddFindingsRows(*file));
    } else {
      RETURN_IF_ERROR(AddInspectionRows(*file));
    }
  }
  RETURN_IF_ERROR(CheckAndStore());
  return result_;
}

}  // namespace

StatusOr<ProblemImportResult> ImportProblemFiles(Store& store, std::span<const std::string> paths,
                                                 const ProblemImportOptions& options) {
  Importer importer(store, options);
  return importer.Run(paths);
}

Status ProblemImportStatus(const ProblemImportResult& result) {
  if (result.errors.empty()) return OkStatus();
  std::string zh, en;
  for (size_t i = 0; i < result.errors.size() && i < 20; ++i) {
    const ProblemImportError& e = result.errors[i];
    zh += fmt::format("\n  {}：第 {} 行，{}：{}", e.file, e.line, e.field.empty() ? "-" : e.field,
                      MessageHalf(e.message, false));
    en += fmt::format("\n  {}: line {}, {}: {}", e.file, e.line, e.field.empty() ? "-" : e.field,
                      MessageHalf(e.message, true));
  }
  const std::string more_zh =
      result.errors.size() > 20 ? fmt::format("\n  …另有 {} 处", result.errors.size() - 20) : "";
  const std::string more_en =
      result.errors.size() > 20 ? fmt::format("\n  ... and {} more", result.errors.size() - 20) : "";
  return InvalidArgumentError(fmt::format("{} 处错误，未导入任何问题：{}{}{}{} errors, nothing imported:{}{}",
                                          result.errors.size(), zh, more_zh, kBilingualSeparator,
                                          result.errors.size(), en, more_en));
}

Status WriteProblemImportReport(const ProblemImportResult& result, const std::string& path, Lang lang) {
  static const std::vector<ReportColumn> kColumns = {{"file", "文件", "file"},
                                                     {"line", "行", "line", CellKind::kInt},
                                                     {"field", "字段", "field"},
                                                     {"value", "值", "value"},
                                                     {"message", "说明", "message"}};
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("errors", kColumns);
  for (const ProblemImportError& e : result.errors) {
    out->Row({e.file, e.line, e.field, e.value, TextIn(lang, e.message)});
  }
  return out->Close();
}

}  // namespace jz
