// Import pipelined with the database writes: this thread parses every row and assembles
// households; the moment a household is complete it is handed to a writer thread, which
// upserts it while parsing goes on, so parsing and SQLite's B-tree work use both cores.
// "Complete" is decided in one of two ways:
//  - optimistic (first try): exports list a household's rows together, so a household is
//    complete when the next row belongs to another one. If a completed household shows up
//    again, the attempt is rolled back and the import starts over counted;
//  - counted: a first pass counts the rows of every household (only the 户编号 cell is
//    read), and a household is complete when its last row has been read.
// Either way rows of one household may be anywhere in the files; a household with any bad
// row is rejected whole; without --partial any rejection rolls the whole transaction back.
#include "app/registry/registry_importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <optional>
#include <thread>
#include <unordered_map>

#include "app/registry/internal/import_rows.h"
#include "app/registry/validation/rule_catalogue.h"
#include "app/workspace.h"
#include "core/limits.h"
#include "store/store.h"

namespace jz {
namespace {

using validation::Rule;
using validation::SpecOf;

// Where a row came from: the index of its file in ImportOptions::files and its first line.
struct RowRef {
  uint32_t file = 0;
  int64_t line = 0;
};

// A household being assembled. Lives in a deque, so its address never changes while
// later households are added; after it is sealed only the writer thread touches it, and
// after the writer has joined only the parsing thread again.
struct Pending {
  std::string household_no;  // the parser's index views this; it outlives `household`
  Household household;
  bool rejected = false;            // by the parser: a row with a problem
  bool rejected_by_writer = false;  // by the writer: unknown village, a person of another household
  bool stored = false;              // written (or, in a dry run, would be)
  int64_t first_line = 0;
  std::string first_file;
  std::vector<RowRef> rows;  // every row, for the user-layout copy; freed once stored
  int64_t row_count = 0;
  int remaining_rows = 0;  // counted mode: rows still to read
  bool sealed = false;     // handed to the writer; the parser must not touch it again
};

// What the writer thread produced; merged into the summary after it joins.
struct WriterResult {
  Status status;
  int64_t inserted = 0, updated = 0, unchanged = 0, persons = 0;
  int64_t rejected_households = 0;
  std::vector<RowProblem> problems;
  std::vector<HouseholdChange> changes;
};

class Importer {
 public:
  Importer(Store& store, const ImportOptions& options, const RegionNameResolver* resolver, Progress& progress,
           bool counted)
      : store_(store), options_(options), resolver_(resolver), progress_(progress), counted_(counted) {}

  // Imports; when an optimistic attempt finds the rows unsorted it returns with
  // unsorted() true and nothing written.
  StatusOr<ImportSummary> Run();
  bool unsorted() const { return unsorted_; }
  // After Run(): the problems column of each file's user-layout copy (by file index).
  const std::vector<internal::LayoutNotes>& notes() const { return notes_; }

 private:
  Status CountRows();
  Status ParseFile(uint32_t file_index);
  void NoteFile(const RegistryReader& reader, uint32_t file_index);
  void AddRow(RegistryRow&& row, uint32_t file_index, std::vector<RowProblem>&& row_problems);
  Pending& StartHousehold(RegistryRow& row, const std::string& file, std::vector<RowProblem>& row_problems);
  void WriterLoop(RegistryWriter* writer);
  void Write(Pending& p, RegistryWriter& writer, std::unordered_map<uint64_t, bool>& villages, bool upsert);
  void RejectInWriter(Pending& p, RowProblem problem);
  void Account(bool written);
  void NoteRejectedRows();
  void Seal(Pending* p) {
    p->sealed = true;
    sealed_.Push(p);
  }
  void Reject(Pending& p) {
    if (!p.rejected) ++summary_.rejected_households;
    p.rejected = true;
    any_rejected_ = true;
  }

  Store& store_;
  const ImportOptions& options_;
  const RegionNameResolver* resolver_;
  internal::PlaceMemo place_memo_;  // the last village code checked against its names
  Progress& progress_;
  ImportSummary summary_;
  std::unordered_map<std::string, int> rows_per_household_;  // from the first pass
  std::deque<Pending> households_;
  std::unordered_map<std::string_view, Pending*> index_;  // keys view households_
  std::unordered_map<uint64_t, Pending*> person_owner_;   // packed ID -> household
  internal::SealedQueue<Pending> sealed_;
  WriterResult written_;
  std::vector<internal::LayoutNotes> notes_;
  std::atomic<bool> any_rejected_{false};
  std::atomic<bool> stop_{false};
  const bool counted_;
  bool changed_ = false;     // counted mode: the files changed between the two passes
  bool unsorted_ = false;    // optimistic mode: a completed household reappeared
  Pending* open_ = nullptr;  // optimistic mode: the household of the previous row
};

Status Importer::CountRows() {
  RegistryReaderOptions reader_options{options_.encoding, options_.data_year};
  for (const std::string& file : options_.files) {
    ASSIGN_OR_RETURN(std::unique_ptr<RegistryReader> reader, RegistryReader::Open(file, reader_options));
    progress_.Start(fmt::format("清点 counting {}", file), reader->total_bytes());
    std::string_view household_no;
    for (int64_t rows = 1;; ++rows) {
      ASSIGN_OR_RETURN(bool more, reader->NextHouseholdNo(household_no));
      if (!more) break;
      ++rows_per_household_[std::string(household_no)];
      if ((rows & 16383) == 0) progress_.Update(reader->bytes_consumed());
    }
    progress_.Finish();
  }
  return OkStatus();
}

// The first row of a household carries its own fields: its place and incomes are checked
// here, once per household.
Pending& Importer::StartHousehold(RegistryRow& row, const std::string& file,
                                  std::vector<RowProblem>& row_problems) {
  internal::PlaceRow(row, resolver_, file, row_problems, &place_memo_);
  internal::CheckIncomeSigns(row, file, row_problems);
  row.household.years.push_back(row.year);
  Pending& fresh = households_.emplace_back();
  fresh.household = std::move(row.household);
  fresh.first_line = row.line;
  fresh.first_file = file;
  fresh.household_no = fresh.household.household_no;
  if (counted_) fresh.remaining_rows = rows_per_household_[fresh.household_no];
  index_.emplace(fresh.household_no, &fresh);
  return fresh;
}

void Importer::AddRow(RegistryRow&& row, uint32_t file_index, std::vector<RowProblem>&& row_problems) {
  const std::string& file = options_.files[file_index];
  Pending* p = nullptr;
  if (auto it = index_.find(row.household.household_no); it != index_.end()) {
    p = it->second;
    if (p->sealed) {  // counted: more rows than counted; optimistic: rows not together
      (counted_ ? changed_ : unsorted_) = true;
      stop_ = true;
      return;
    }
  } else {
    p = &StartHousehold(row, file, row_problems);
  }
  const uint64_t packed = row.person.id_number.Packed();
  if (packed != 0) {
    auto [owner, is_new] = person_owner_.try_emplace(packed, p);
    if (!is_new && owner->second != p) {
      const std::string& other = owner->second->household_no;
      row_problems.push_back(
          RowProblem{file, row.line, std::string(RegistryColumnInfoOf(RegistryColumn::kIdNumber).zh_header),
                     row.person.id_number.Masked(), SpecOf(Rule::kDuplicatePerson).id,
                     Bilingual("此人已在户编号 {} 中登记，同一人不能属于两户",
                               "this person is already registered in household {}", other),
                     p->household.household_no, row.person.person_no});
    }
  }
  if (!row_problems.empty()) {
    ++summary_.rows_with_problems;
    Reject(*p);
    for (RowProblem& problem : row_problems) summary_.problems.push_back(std::move(problem));
  }
  p->rows.push_back(RowRef{file_index, row.line});
  ++p->row_count;
  p->household.members.push_back(std::move(row.person));
  if (counted_) {
    if (--p->remaining_rows == 0) Seal(p);
  } else {
    if (open_ != nullptr && open_ != p) Seal(open_);
    open_ = p;
  }
}

Status Importer::ParseFile(uint32_t file_index) {
  const std::string& file = options_.files[file_index];
  RegistryReaderOptions reader_options{options_.encoding, options_.data_year};
  ASSIGN_OR_RETURN(std::unique_ptr<RegistryReader> reader, RegistryReader::Open(file, reader_options));
  for (const std::string& column : reader->unknown_columns()) {
    summary_.unknown_columns.push_back(fmt::format("{}: {}", file, column));
  }
  progress_.Start(fmt::format("导入 importing {}", file), reader->total_bytes());
  RegistryRow row;
  std::vector<RowProblem> row_problems;
  while (!stop_) {
    ASSIGN_OR_RETURN(bool more, reader->Next(row, row_problems));
    if (!more) break;
    ++summary_.rows;
    summary_.lines += std::max<int64_t>(row.last_line, row.line) - row.line + 1;
    AddRow(std::move(row), file_index, std::move(row_problems));
    row_problems.clear();
    if (changed_) {
      return AbortedError(Bilingual("{}：导入过程中文件被修改，未导入任何数据，请重试",
                                    "{}: the file changed during the import; nothing was imported, "
                                    "try again",
                                    file));
    }
    if ((summary_.rows & 4095) == 0) progress_.Update(reader->bytes_consumed());
  }
  progress_.Update(reader->bytes_consumed());
  progress_.Finish();
  NoteFile(*reader, file_index);
  return OkStatus();
}

// What the reader skipped and where its header was: counted, printed, and marked in the
// user-layout copy.
void Importer::NoteFile(const RegistryReader& reader, uint32_t file_index) {
  internal::LayoutNotes& notes = notes_[file_index];
  notes.header_line = reader.header_last_line();
  notes.header_width = reader.header_width();
  for (const RegistryReaderNote& note : reader.notes()) {
    ++summary_.footer_rows;
    summary_.notes.push_back(note.Message());
    notes.by_line[note.line] = "表尾行，已跳过（不是数据） | footer row, skipped (not data)";
  }
}

void Importer::RejectInWriter(Pending& p, RowProblem problem) {
  ++written_.rejected_households;
  p.rejected_by_writer = true;
  written_.problems.push_back(std::move(problem));
  any_rejected_ = true;
}

// Runs on the writer thread: the only thread that touches the store while it runs.
void Importer::Write(Pending& p, RegistryWriter& writer, std::unordered_map<uint64_t, bool>& villages,
                     bool upsert) {
  Household& h = p.household;
  if (h.village.value() != 0) {
    auto [it, fresh] = villages.try_emplace(h.village.value(), false);
    if (fresh) {
      StatusOr<std::optional<Region>> region = store_.FindRegion(h.village);
      if (!region.ok()) return void(written_.status = region.status());
      it->second = region->has_value();
    }
    if (!it->second) {
      return RejectInWriter(
          p, RowProblem{p.first_file, p.first_line,
                        std::string(RegistryColumnInfoOf(RegistryColumn::kRegionCode).zh_header),
                        h.village.ToString(), SpecOf(Rule::kUnknownVillage).id,
                        Bilingual("行政区划代码不在已加载的区划中（请先运行 jingzhun regions load）",
                                  "the region code is not a loaded region (run jingzhun regions load first)"),
                        h.household_no, ""});
    }
  }
  if (!upsert) return;
  Household previous;
  StatusOr<UpsertOutcome> outcome = writer.Upsert(h, &previous);
  if (!outcome.ok() && outcome.status().code() == StatusCode::kAlreadyExists) {
    return RejectInWriter(
        p, RowProblem{p.first_file, p.first_line,
                      std::string(RegistryColumnInfoOf(RegistryColumn::kIdNumber).zh_header), "",
                      SpecOf(Rule::kDuplicatePerson).id, outcome.status().message(), h.household_no, ""});
  }
  if (!outcome.ok()) return void(written_.status = outcome.status());
  p.stored = true;
  written_.inserted += *outcome == UpsertOutcome::kInserted;
  written_.updated += *outcome == UpsertOutcome::kUpdated;
  written_.unchanged += *outcome == UpsertOutcome::kUnchanged;
  written_.persons += static_cast<int64_t>(h.members.size());
  if (*outcome == UpsertOutcome::kUpdated) {
    for (HouseholdChange& change : DiffHouseholds(previous, h)) written_.changes.push_back(std::move(change));
  }
}

void Importer::WriterLoop(RegistryWriter* writer) {
  std::unordered_map<uint64_t, bool> villages;  // village -> loaded, each looked up once
  while (Pending* p = sealed_.Pop()) {
    // Without --partial one rejection dooms the transaction: stop writing, but go on
    // checking villages so that the report lists every problem.
    const bool doomed = !options_.partial && any_rejected_;
    if (p->rejected || !written_.status.ok() || stop_) continue;
    Write(*p, *writer, villages, /*upsert=*/!doomed);
    if (!written_.status.ok()) stop_ = true;
    if (!p->rejected_by_writer) {  // written: free it now (the parser only reads household_no)
      p->household = Household();
      p->rows = std::vector<RowRef>();
    }
  }
}

// Every row ends in exactly one count: stored (or would be, in a dry run), rejected with
// its household, or not written because the all-or-nothing import was rolled back.
void Importer::Account(bool written) {
  for (const Pending& p : households_) {
    const int64_t rows = p.row_count;
    if (p.rejected || p.rejected_by_writer) {
      summary_.rejected_rows += rows;
    } else if (written && p.stored) {
      summary_.persons_stored += rows;
    } else {
      summary_.rows_not_written += rows;
    }
  }
}

// The problems column of the user-layout copies: each row's own problems, and for the other
// rows of a rejected household the reason they were left out with it.
void Importer::NoteRejectedRows() {
  std::unordered_map<std::string, uint32_t> file_index;
  for (uint32_t i = 0; i < options_.files.size(); ++i) file_index.emplace(options_.files[i], i);
  for (const RowProblem& problem : summary_.problems) {
    internal::LayoutNotes& file_notes = notes_[file_index[problem.file]];
    file_notes.rejected = true;
    std::string& note = file_notes.by_line[problem.line];
    if (!note.empty()) note += "；";
    note += fmt::format("{}：{}", problem.column, MessageHalf(problem.reason, false));
  }
  for (const Pending& p : households_) {
    if (!p.rejected && !p.rejected_by_writer) continue;
    for (const RowRef& row : p.rows) {
      notes_[row.file].rejected = true;
      auto [it, fresh] = notes_[row.file].by_line.try_emplace(row.line);
      if (!fresh) continue;
      it->second = fmt::format("同户（户编号 {}）第 {} 行有错误，整户未导入", p.household_no, p.first_line);
    }
  }
}

StatusOr<ImportSummary> Importer::Run() {
  if (counted_) RETURN_IF_ERROR(CountRows());
  notes_.assign(options_.files.size(), internal::LayoutNotes{});
  ASSIGN_OR_RETURN(std::unique_ptr<RegistryWriter> writer, store_.BeginWrite());
  std::thread writer_thread(&Importer::WriterLoop, this, writer.get());
  Status parsed;
  for (uint32_t i = 0; i < options_.files.size(); ++i) {
    parsed = ParseFile(i);
    if (!parsed.ok() || stop_) break;
  }
  if (!parsed.ok()) stop_ = true;
  if (open_ != nullptr && !stop_) Seal(open_);
  sealed_.Close();
  writer_thread.join();
  RETURN_IF_ERROR(parsed);         // the writer rolls back when destroyed
  if (unsorted_) return summary_;  // likewise
  RETURN_IF_ERROR(written_.status);
  summary_.households = static_cast<int64_t>(households_.size());
  summary_.rejected_households += written_.rejected_households;
  for (RowProblem& p : written_.problems) summary_.problems.push_back(std::move(p));
  summary_.dry_run = options_.dry_run;
  const bool written = summary_.rejected_households == 0 || options_.partial;
  Account(written);
  NoteRejectedRows();
  if (!written) return summary_;                             // rolled back
  if (!options_.dry_run) RETURN_IF_ERROR(writer->Commit());  // a dry run rolls back here
  summary_.committed = !options_.dry_run;
  summary_.inserted = written_.inserted;
  summary_.updated = written_.updated;
  summary_.unchanged = written_.unchanged;
  summary_.changes = std::move(written_.changes);
  return summary_;
}

void CountChanges(ImportSummary& summary) {
  for (const HouseholdChange& change : summary.changes) {
    summary.members_added += change.kind == ChangeKind::kMemberAdded;
    summary.members_removed += change.kind == ChangeKind::kMemberRemoved;
    summary.fields_changed += change.kind == ChangeKind::kHouseholdField ||
                              change.kind == ChangeKind::kMemberField ||
                              change.kind == ChangeKind::kYearField;
  }
}

// The reports of a finished import: the machine CSV and the user-layout copies when a row
// was rejected, the change report when an update changed something.
Status WriteReports(const ImportOptions& options, const std::vector<internal::LayoutNotes>& notes,
                    ImportSummary& summary) {
  summary.report_path = options.report_path;
  if (options.report_path.empty()) return OkStatus();
  if (!summary.problems.empty()) {
    RETURN_IF_ERROR(WriteImportReport(options.report_path, summary.problems));
    for (size_t i = 0; i < options.files.size(); ++i) {
      if (!notes[i].rejected) continue;
      std::string path = LayoutReportPath(options.report_path, options.files[i]);
      RETURN_IF_ERROR(internal::WriteLayoutCopy(options.files[i], options.encoding, notes[i], path));
      summary.layout_report_paths.push_back(std::move(path));
    }
  }
  if (!summary.changes.empty()) {
    summary.change_report_path = ChangeReportPath(options.report_path);
    RETURN_IF_ERROR(WriteChangeReport(summary.change_report_path, summary.changes));
  }
  return OkStatus();
}

}  // namespace

StatusOr<ImportSummary> ImportRegistry(Store& store, const ImportOptions& options, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (options.files.empty()) {
    return InvalidArgumentError(Bilingual("没有指定要导入的文件", "no file to import was given"));
  }
  std::unique_ptr<RegionNameResolver> owned;
  ASSIGN_OR_RETURN(const RegionNameResolver* resolver,
                   internal::PrepareRegions(store, options.province, options.resolver, owned));
  Importer optimistic(store, options, resolver, progress, /*counted=*/false);
  ASSIGN_OR_RETURN(ImportSummary summary, optimistic.Run());
  const Importer* finished = &optimistic;
  std::optional<Importer> counted;
  if (optimistic.unsorted()) {
    counted.emplace(store, options, resolver, progress, /*counted=*/true);
    ASSIGN_OR_RETURN(summary, counted->Run());
    finished = &*counted;
  }
  CountChanges(summary);
  RETURN_IF_ERROR(WriteReports(options, finished->notes(), summary));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.data_year = options.data_year;
  return summary;
}

StatusOr<ImportSummary> ImportRegistry(Workspace& workspace, const ImportRequest& request,
                                       Progress& progress) {
  const int this_year = workspace.today().year();
  ImportOptions options;
  options.files = request.files;
  options.encoding = request.encoding;
  options.partial = request.partial;
  options.dry_run = request.dry_run;
  options.data_year = request.data_year.value_or(this_year - 1);
  options.report_path =
      request.report_path.empty() ? workspace.db_path() + ".import-errors.csv" : request.report_path;
  if (options.data_year < kFirstDataYear || options.data_year > this_year) {
    return InvalidArgumentError(
        Bilingual("收入所属年度 {} 超出范围，可接受 {} 到 {}（建档立卡始于 {} 年；未结束的年度没有全年收入）",
                  "income year {} is out of range; {} to {} are accepted (the registry began "
                  "in {}; a year not yet over has no full-year income)",
                  options.data_year, kFirstDataYear, this_year, kFirstDataYear));
  }
  // Names are resolved within the database's province. With no region loaded the import
  // stops here, once, saying what to run; with several provinces and none to choose, rows
  // that carry only names are rejected one by one (codes still work).
  StatusOr<RegionCode> province = workspace.Province();
  if (province.ok()) {
    options.province = *province;
  } else if (province.status().code() == StatusCode::kNotFound) {
    return FailedPreconditionError(province.status().message());
  }
  return ImportRegistry(workspace.store(), options, progress);
}

}  // namespace jz
