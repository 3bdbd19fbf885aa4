// Import: read every file into households (rows of one household may be anywhere in the
// files), reject households with any problem, check villages and persons against the
// store, then write in one transaction.
#include "app/registry_importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "io/csv_writer.h"

namespace jz {
namespace {

// Households being assembled, in order of first appearance. A deque, so that households
// never move and `index` can key on views of their own household_no.
struct Assembly {
  std::deque<Household> households;
  std::vector<bool> rejected;
  std::vector<int64_t> first_line;
  std::vector<std::string> first_file;
  std::unordered_map<std::string_view, size_t> index;   // household_no -> position
  std::unordered_map<uint64_t, size_t> person_owner;    // packed ID -> position
};

void Reject(Assembly& a, size_t position, ImportSummary& summary) {
  if (!a.rejected[position]) ++summary.rejected_households;
  a.rejected[position] = true;
}

// Adds one parsed row to its household; returns the problems of this row.
void AddRow(RegistryRow&& row, const std::string& file, std::vector<RowProblem>&& row_problems, Assembly& a,
            ImportSummary& summary) {
  size_t position = 0;
  if (auto it = a.index.find(row.household.household_no); it != a.index.end()) {
    position = it->second;
  } else {
    position = a.households.size();
    row.household.years.push_back(row.year);
    a.households.push_back(std::move(row.household));
    a.index.emplace(a.households.back().household_no, position);
    a.rejected.push_back(false);
    a.first_line.push_back(row.line);
    a.first_file.push_back(file);
  }
  const uint64_t packed = row.person.id_number.Packed();
  if (packed != 0) {
    auto [owner, fresh] = a.person_owner.try_emplace(packed, position);
    if (!fresh) {
      const std::string& other = a.households[owner->second].household_no;
      row_problems.push_back(RowProblem{
          file, row.line, std::string(RegistryColumnInfoOf(RegistryColumn::kIdNumber).zh_header),
          row.person.id_number.Masked(), "person.duplicate",
          Bilingual(fmt::format("此人已在户编号 {} 中登记，同一人不能属于两户", other),
                    fmt::format("this person is already registered in household {}", other)),
          row.household.household_no, row.person.person_no});
    }
  }
  if (!row_problems.empty()) {
    ++summary.rejected_rows;
    Reject(a, position, summary);
    for (RowProblem& p : row_problems) summary.problems.push_back(std::move(p));
  }
  a.households[position].members.push_back(std::move(row.person));
}

Status ReadFile(const std::string& file, const ImportOptions& options, Assembly& a, ImportSummary& summary,
                Progress& progress) {
  RegistryReaderOptions reader_options{options.encoding, options.data_year};
  ASSIGN_OR_RETURN(std::unique_ptr<RegistryReader> reader, RegistryReader::Open(file, reader_options));
  for (const std::string& column : reader->unknown_columns()) summary.unknown_columns.push_back(file + ": " + column);
  // About 400 bytes per person row and 2.6 persons per household in exports.
  const auto expected_rows = static_cast<size_t>(std::max<int64_t>(reader->total_bytes(), 0) / 400);
  a.person_owner.reserve(a.person_owner.size() + expected_rows);
  a.index.reserve(a.index.size() + expected_rows / 2);
  progress.Start(fmt::format("读取 reading {}", file), reader->total_bytes());
  RegistryRow row;
  std::vector<RowProblem> row_problems;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(row, row_problems));
    if (!more) break;
    ++summary.rows;
    AddRow(std::move(row), file, std::move(row_problems), a, summary);
    row_problems.clear();
    if ((summary.rows & 4095) == 0) progress.Update(reader->bytes_consumed());
  }
  progress.Update(reader->bytes_consumed());
  progress.Finish();
  return OkStatus();
}

// Rejects households whose village is not a loaded region (each village looked up once).
Status CheckVillages(Store& store, Assembly& a, ImportSummary& summary) {
  std::unordered_map<uint64_t, bool> known;
  for (size_t i = 0; i < a.households.size(); ++i) {
    const RegionCode village = a.households[i].village;
    if (village.value() == 0) continue;  // already reported as a missing required cell
    auto [it, fresh] = known.try_emplace(village.value(), false);
    if (fresh) {
      ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(village));
      it->second = region.has_value();
    }
    if (it->second) continue;
    Reject(a, i, summary);
    ++summary.rejected_rows;
    summary.problems.push_back(RowProblem{
        a.first_file[i], a.first_line[i], std::string(RegistryColumnInfoOf(RegistryColumn::kRegionCode).zh_header),
        village.ToString(), "region.unknown_village",
        Bilingual("行政区划代码不在已加载的区划中（请先运行 jingzhun regions load）",
                  "the region code is not a loaded region (run jingzhun regions load first)"),
        a.households[i].household_no, ""});
  }
  return OkStatus();
}

// Writes the accepted households in one transaction. A household whose member belongs to
// another household in the store is rejected (never moved); without `partial` that
// rejection rolls everything back.
Status WriteHouseholds(Store& store, const ImportOptions& options, Assembly& a, ImportSummary& summary,
                       Progress& progress) {
  ASSIGN_OR_RETURN(std::unique_ptr<RegistryWriter> writer, store.BeginWrite());
  progress.Start("写入数据库 writing", static_cast<int64_t>(a.households.size()));
  for (size_t i = 0; i < a.households.size(); ++i) {
    if ((i & 1023) == 0) progress.Update(static_cast<int64_t>(i));
    if (a.rejected[i]) continue;
    StatusOr<UpsertOutcome> outcome = writer->Upsert(a.households[i]);
    if (!outcome.ok() && outcome.status().code() == StatusCode::kAlreadyExists) {
      Reject(a, i, summary);
      summary.rejected_rows += static_cast<int64_t>(a.households[i].members.size());
      summary.problems.push_back(RowProblem{a.first_file[i], a.first_line[i],
                                            std::string(RegistryColumnInfoOf(RegistryColumn::kIdNumber).zh_header), "",
                                            "person.duplicate", outcome.status().message(),
                                            a.households[i].household_no, ""});
      if (!options.partial) break;
      continue;
    }
    if (!outcome.ok()) return outcome.status();
    summary.inserted += *outcome == UpsertOutcome::kInserted;
    summary.updated += *outcome == UpsertOutcome::kUpdated;
    summary.unchanged += *outcome == UpsertOutcome::kUnchanged;
    summary.persons_stored += static_cast<int64_t>(a.households[i].members.size());
  }
  progress.Finish();
  if (summary.rejected_households > 0 && !options.partial) return OkStatus();  // writer rolls back
  RETURN_IF_ERROR(writer->Commit());
  summary.committed = true;
  return OkStatus();
}

}  // namespace

StatusOr<ImportSummary> ImportRegistry(Store& store, const ImportOptions& options, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (options.files.empty()) {
    return InvalidArgumentError(Bilingual("没有指定要导入的文件", "no file to import was given"));
  }
  ImportSummary summary;
  Assembly assembly;
  for (const std::string& file : options.files) RETURN_IF_ERROR(ReadFile(file, options, assembly, summary, progress));
  summary.households = static_cast<int64_t>(assembly.households.size());
  RETURN_IF_ERROR(CheckVillages(store, assembly, summary));
  if (summary.rejected_households == 0 || options.partial) {
    RETURN_IF_ERROR(WriteHouseholds(store, options, assembly, summary, progress));
  }
  if (!summary.committed) summary.inserted = summary.updated = summary.unchanged = summary.persons_stored = 0;
  if (!summary.problems.empty() && !options.report_path.empty()) {
    RETURN_IF_ERROR(WriteImportReport(options.report_path, summary.problems));
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

Status WriteImportReport(const std::string& path, const std::vector<RowProblem>& problems) {
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> out, CsvWriter::Create(path));
  out->Row({"文件", "行", "户编号", "人编号", "列", "值", "规则", "原因"});
  for (const RowProblem& p : problems) {
    out->Field(p.file);
    out->Field(p.line);
    out->Field(p.household_no);
    out->Field(p.person_no);
    out->Field(p.column);
    out->Field(p.value);
    out->Field(p.rule_id);
    out->Field(MessageHalf(p.reason, false));
    out->EndRow();
  }
  return out->Close();
}

}  // namespace jz
