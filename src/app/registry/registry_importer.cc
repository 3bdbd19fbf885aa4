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
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "app/registry/validation/rule_catalogue.h"
#include "app/workspace.h"
#include "core/limits.h"
#include "io/csv_writer.h"
#include "store/store.h"

namespace jz {
namespace {

using validation::Rule;
using validation::SpecOf;

// The income components that may not be negative (DOMAIN.md §2.2). 工资性收入, 财产性收入 and
// 转移性收入 are amounts received, and 生产经营性支出 an amount spent: below zero each is a
// typing error (a minus sign, a column shifted) that would lower 人均纯收入 and could push a
// household under the monitoring line. 生产经营性收入 is absent on purpose: it is the family
// operation's net result (farming, herding, a shop, in-kind produce valued at price), and a
// year of hail, drought or falling prices makes it a real loss that the registry must keep.
struct IncomeComponent {
  RegistryColumn column;
  Money HouseholdYear::*amount;
};
constexpr IncomeComponent kNonNegativeIncome[] = {
    {RegistryColumn::kWageIncome, &HouseholdYear::wage_income},
    {RegistryColumn::kPropertyIncome, &HouseholdYear::property_income},
    {RegistryColumn::kTransferIncome, &HouseholdYear::transfer_income},
    {RegistryColumn::kBusinessExpense, &HouseholdYear::business_expense},
};

// Appends a problem for each negative component of the household's first row (the income
// cells repeat on every member's row; one report per household is enough).
void CheckIncomeSigns(const RegistryRow& row, const std::string& file, std::vector<RowProblem>& out) {
  for (const IncomeComponent& component : kNonNegativeIncome) {
    const Money amount = row.year.*component.amount;
    if (amount.fen() >= 0) continue;
    const RegistryColumnInfo& info = RegistryColumnInfoOf(component.column);
    out.push_back(RowProblem{
        file, row.line, std::string(info.zh_header), amount.ToString(), SpecOf(Rule::kNegativeIncome).id,
        Bilingual(
            "{0}为负数（{2} 元）；只有生产经营性收入可为负（经营亏损），其余收入与生产经营性支出应为 0 "
            "或正数",
            "{1} ({0}) is negative ({2} yuan); only business income (生产经营性收入) may be negative, a "
            "loss; the other income components and the business expense must be 0 or more",
            info.zh_header, info.en_name, amount.ToString()),
        row.household.household_no, row.person.person_no});
  }
}

// A household being assembled. Lives in a deque, so its address never changes while
// later households are added; after it is sealed only the writer thread touches it.
struct Pending {
  std::string household_no;  // the parser's index views this; it outlives `household`
  Household household;
  bool rejected = false;
  int64_t first_line = 0;
  std::string first_file;
  int remaining_rows = 0;  // counted mode: rows still to read
  bool sealed = false;     // handed to the writer; the parser must not touch it again
};

// Hands sealed households from the parsing thread to the writer thread. Bounded: the
// writer sets the pace, and a parser running ahead would only hold more rows in memory.
class SealedQueue {
 public:
  void Push(Pending* p) {
    {
      std::unique_lock lock(mutex_);
      room_.wait(lock, [&] { return items_.size() < kImportQueueHouseholds; });
      items_.push_back(p);
    }
    ready_.notify_one();
  }
  void Close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_one();
  }
  // The next sealed household, or nullptr once closed and drained.
  Pending* Pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return nullptr;
    Pending* p = items_.front();
    items_.pop_front();
    lock.unlock();
    room_.notify_one();
    return p;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<Pending*> items_;
  bool closed_ = false;
};

// What the writer thread produced; merged into the summary after it joins.
struct WriterResult {
  Status status;
  int64_t inserted = 0, updated = 0, unchanged = 0, persons = 0;
  int64_t rejected_households = 0, rejected_rows = 0;
  std::vector<RowProblem> problems;
};

class Importer {
 public:
  Importer(Store& store, const ImportOptions& options, Progress& progress, bool counted)
      : store_(store), options_(options), progress_(progress), counted_(counted) {}

  // Imports; when an optimistic attempt finds the rows unsorted it returns with
  // unsorted() true and nothing written.
  StatusOr<ImportSummary> Run();
  bool unsorted() const { return unsorted_; }

 private:
  Status CountRows();
  Status ParseFile(const std::string& file);
  void AddRow(RegistryRow&& row, const std::string& file, std::vector<RowProblem>&& row_problems);
  void WriterLoop(RegistryWriter* writer);
  void Write(Pending& p, RegistryWriter& writer, std::unordered_map<uint64_t, bool>& villages, bool upsert);
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
  Progress& progress_;
  ImportSummary summary_;
  std::unordered_map<std::string, int> rows_per_household_;  // from the first pass
  std::deque<Pending> households_;
  std::unordered_map<std::string_view, Pending*> index_;  // keys view households_
  std::unordered_map<uint64_t, Pending*> person_owner_;   // packed ID -> household
  SealedQueue sealed_;
  WriterResult written_;
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

void Importer::AddRow(RegistryRow&& row, const std::string& file, std::vector<RowProblem>&& row_problems) {
  Pending* p = nullptr;
  if (auto it = index_.find(row.household.household_no); it != index_.end()) {
    p = it->second;
    if (p->sealed) {  // counted: more rows than counted; optimistic: rows not together
      (counted_ ? changed_ : unsorted_) = true;
      stop_ = true;
      return;
    }
  } else {
    CheckIncomeSigns(row, file, row_problems);
    row.household.years.push_back(row.year);
    Pending& fresh = households_.emplace_back();
    fresh.household = std::move(row.household);
    fresh.first_line = row.line;
    fresh.first_file = file;
    fresh.household_no = fresh.household.household_no;
    if (counted_) fresh.remaining_rows = rows_per_household_[fresh.household_no];
    index_.emplace(fresh.household_no, &fresh);
    p = &fresh;
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
    ++summary_.rejected_rows;
    Reject(*p);
    for (RowProblem& problem : row_problems) summary_.problems.push_back(std::move(problem));
  }
  p->household.members.push_back(std::move(row.person));
  if (counted_) {
    if (--p->remaining_rows == 0) Seal(p);
  } else {
    if (open_ != nullptr && open_ != p) Seal(open_);
    open_ = p;
  }
}

Status Importer::ParseFile(const std::string& file) {
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
    AddRow(std::move(row), file, std::move(row_problems));
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
  return OkStatus();
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
      ++written_.rejected_households;
      written_.rejected_rows += static_cast<int64_t>(h.members.size());
      written_.problems.push_back(
          RowProblem{p.first_file, p.first_line,
                     std::string(RegistryColumnInfoOf(RegistryColumn::kRegionCode).zh_header),
                     h.village.ToString(), SpecOf(Rule::kUnknownVillage).id,
                     Bilingual("行政区划代码不在已加载的区划中（请先运行 jingzhun regions load）",
                               "the region code is not a loaded region (run jingzhun regions load first)"),
                     h.household_no, ""});
      any_rejected_ = true;
      return;
    }
  }
  if (!upsert) return;
  StatusOr<UpsertOutcome> outcome = writer.Upsert(h);
  if (!outcome.ok() && outcome.status().code() == StatusCode::kAlreadyExists) {
    ++written_.rejected_households;
    written_.rejected_rows += static_cast<int64_t>(h.members.size());
    written_.problems.push_back(RowProblem{
        p.first_file, p.first_line, std::string(RegistryColumnInfoOf(RegistryColumn::kIdNumber).zh_header),
        "", SpecOf(Rule::kDuplicatePerson).id, outcome.status().message(), h.household_no, ""});
    any_rejected_ = true;
    return;
  }
  if (!outcome.ok()) return void(written_.status = outcome.status());
  written_.inserted += *outcome == UpsertOutcome::kInserted;
  written_.updated += *outcome == UpsertOutcome::kUpdated;
  written_.unchanged += *outcome == UpsertOutcome::kUnchanged;
  written_.persons += static_cast<int64_t>(h.members.size());
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
    p->household = Household();  // written: free it now (the parser only reads household_no)
  }
}

StatusOr<ImportSummary> Importer::Run() {
  if (counted_) RETURN_IF_ERROR(CountRows());
  ASSIGN_OR_RETURN(std::unique_ptr<RegistryWriter> writer, store_.BeginWrite());
  std::thread writer_thread(&Importer::WriterLoop, this, writer.get());
  Status parsed;
  for (const std::string& file : options_.files) {
    parsed = ParseFile(file);
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
  summary_.rejected_rows += written_.rejected_rows;
  for (RowProblem& p : written_.problems) summary_.problems.push_back(std::move(p));
  if (summary_.rejected_households > 0 && !options_.partial) return summary_;  // rolled back
  RETURN_IF_ERROR(writer->Commit());
  summary_.committed = true;
  summary_.inserted = written_.inserted;
  summary_.updated = written_.updated;
  summary_.unchanged = written_.unchanged;
  summary_.persons_stored = written_.persons;
  return summary_;
}

}  // namespace

StatusOr<ImportSummary> ImportRegistry(Store& store, const ImportOptions& options, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (options.files.empty()) {
    return InvalidArgumentError(Bilingual("没有指定要导入的文件", "no file to import was given"));
  }
  Importer optimistic(store, options, progress, /*counted=*/false);
  ASSIGN_OR_RETURN(ImportSummary summary, optimistic.Run());
  if (optimistic.unsorted()) {
    Importer counted(store, options, progress, /*counted=*/true);
    ASSIGN_OR_RETURN(summary, counted.Run());
  }
  if (!summary.problems.empty() && !options.report_path.empty()) {
    RETURN_IF_ERROR(WriteImportReport(options.report_path, summary.problems));
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.data_year = options.data_year;
  summary.report_path = options.report_path;
  return summary;
}

StatusOr<ImportSummary> ImportRegistry(Workspace& workspace, const ImportRequest& request,
                                       Progress& progress) {
  const int this_year = workspace.today().year();
  ImportOptions options;
  options.files = request.files;
  options.encoding = request.encoding;
  options.partial = request.partial;
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
  return ImportRegistry(workspace.store(), options, progress);
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
