// Feed loading, fast and slow. The fast path parses, matches and adds in one parallel pass
// over line-aligned ranges. When it meets what it does not handle — a '"' (quoted cells),
// bytes that are not UTF-8, a NUL, a field or record over CsvReader's limits — it stops, the
// feed's aggregates are zeroed (FeedAccumulator::ResetFeed: its keys belong to this feed
// alone) and the slow path reads the whole file, giving CsvReader's result or error.
#include "engine/feed_loader.h"

#include <fmt/format.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <thread>

#include "core/id_number.h"
#include "core/limits.h"
#include "engine/fast_cells.h"
#include "engine/file_ranges.h"
#include "io/registry_reader.h"

namespace jz {
namespace {

// Good rows matched at a time: enough for FindBatch's prefetching to overlap the misses.
constexpr size_t kBatchRows = 512;

StatusOr<FeedLoadResult> LoadSlow(const std::string& path, const FeedSchema& schema, size_t feed_index,
                                  FeedAccumulator& acc, const FeedLoadOptions& options, Progress& progress) {
  progress.Start(fmt::format("读取数据源 reading feed {}", schema.name), -1);
  ASSIGN_OR_RETURN(FeedTable table, LoadFeedTable(path, schema));
  FeedLoadResult result;
  result.rows = table.rows_read;
  result.invalid_ids = table.invalid_ids;
  result.bad_rows = static_cast<int64_t>(table.problems.size()) - table.invalid_ids;
  if (table.problems.size() > options.max_problems) table.problems.resize(options.max_problems);
  result.problems = std::move(table.problems);
  std::vector<int64_t> values;
  for (size_t r = 0; r < table.ids.size(); ++r) {
    values.clear();
    for (const Value& v : table.values[r]) values.push_back(v.number.num);
    if (acc.Add(feed_index, table.ids[r], table.dates[r], values)) {
      ++result.matched;
    } else {
      ++result.unmatched;
      if (result.unmatched_rows.size() < options.max_unmatched) {
        result.unmatched_rows.push_back({table.lines[r], table.ids[r]});
      }
    }
  }
  progress.Finish();
  return result;
}

// What one range produced. Lines are relative until Merge: 1 + newlines before the row.
struct RangeResult {
  FeedLoadResult counts;
  int64_t newlines = 0;
  bool unreadable = false;  // CsvReader would fail on this range
  Status status;
};

// The fast path's parser for one range; one per thread.
class RangeParser {
 public:
  RangeParser(const std::string& path, const FeedSchema& schema, const FeedLayout& layout, size_t feed_index,
              FeedAccumulator& acc, const FeedLoadOptions& options, Date today, RangeResult& out)
      : path_(path),
        schema_(schema),
        layout_(layout),
        feed_(feed_index),
        acc_(acc),
        options_(options),
        today_(today),
        out_(out) {
    values_.resize(schema.columns.size());
    batch_values_.reserve(kBatchRows * schema.columns.size());
    keep_ = static_cast<size_t>(std::max(layout.id, layout.date)) + 1;
    for (const int c : layout.columns) keep_ = std::max(keep_, static_cast<size_t>(c) + 1);
  }

  // Parses the lines of `block`; false when the range cannot be read on.
  bool Block(std::string_view block) {
    return ForEachPlainRow(block, out_.newlines,
                           [&](std::string_view line, int64_t number) { return Row(line, number); });
  }

  void Flush() {
    const size_t n = batch_ids_.size();
    if (n == 0) return;
    first_.resize(n);
    acc_.ids().FindBatch(batch_ids_, first_);
    const size_t width = schema_.columns.size();
    FeedLoadResult& r = out_.counts;
    // The aggregate cells are as scattered as the index slots: prefetch them ahead too.
    constexpr size_t kAhead = 16;
    for (size_t i = 0; i < n && i < kAhead; ++i) acc_.Prefetch(feed_, first_[i]);
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) acc_.Prefetch(feed_, first_[i + kAhead]);
      if (first_[i] != IdIndex::kNone) {
        ++r.matched;
        acc_.AddMatched(feed_, first_[i], batch_dates_[i],
                        std::span<const int64_t>(batch_values_.data() + i * width, width));
      } else {
        ++r.unmatched;
        if (r.unmatched_rows.size() < options_.max_unmatched)
          r.unmatched_rows.push_back({batch_lines_[i], batch_ids_[i]});
      }
    }
    batch_ids_.clear();
    batch_dates_.clear();
    batch_lines_.clear();
    batch_values_.clear();
  }

 private:
  // Splits `line` into starts_; false past CsvReader's limits (or for any line longer than
  // a field may be: rare, and the slow path then decides).
  bool Split(std::string_view line) {
    if (line.size() > kMaxCsvFieldBytes) return false;
    line_ = line;
    count_ = SplitFieldsKeeping(line, starts_.data(), kMaxCsvFields, keep_);
    return count_ != 0;
  }

  std::string_view Cell(int index) const {
    const size_t k = static_cast<size_t>(index);
    return k < count_ ? line_.substr(starts_[k], starts_[k + 1] - 1 - starts_[k]) : std::string_view();
  }

  void Problem(int64_t line, std::string column, std::string value, std::string reason) {
    if (out_.counts.problems.size() >= options_.max_problems) return;
    out_.counts.problems.push_back({path_, line, std::move(column), std::move(value), std::move(reason)});
  }

  std::optional<int64_t> ReadCell(size_t c, std::string_view cell, int64_t line) {
    const Type type = schema_.columns[c].second;
    if (type.kind == ValueKind::kMoney) {
      // A negative amount falls through to ParseFeedCell, which refuses it with its reason.
      if (std::optional<int64_t> fen = FastMoneyFen(cell); fen && *fen >= 0) return fen;
    } else if (type.kind == ValueKind::kBool) {
      if (std::optional<bool> b = FastYesNo(cell)) return *b ? 1 : 0;
    }
    std::string reason;
    std::optional<Value> value = ParseFeedCell(cell, type, reason);
    if (value) return value->number.num;
    Problem(line, schema_.columns[c].first, std::string(cell), std::move(reason));
    return std::nullopt;
  }

  // Parses one record; false when the range cannot be read on.
  bool Row(std::string_view line, int64_t line_number) {
    if (!Split(line)) return false;
    FeedLoadResult& r = out_.counts;
    ++r.rows;
    const std::string_view id_cell = Cell(layout_.id);
    std::optional<uint64_t> packed = FastPackIdNumber(id_cell, today_);
    if (!packed) {
      StatusOr<IdNumber> id = IdNumber::Parse(id_cell);
      if (!id.ok()) {
        ++r.invalid_ids;
        Problem(line_number, "证件号码", MaskIdText(id_cell), id.status().message());
        return true;
      }
      packed = id->Packed();
    }
    const std::string_view date_cell = Cell(layout_.date);
    std::optional<Date> date = FastDate(date_cell);
    if (!date) {
      StatusOr<Date> parsed = Date::Parse(date_cell);
      if (!parsed.ok()) {
        ++r.bad_rows;
        Problem(line_number, "日期", std::string(date_cell), parsed.status().message());
        return true;
      }
      date = *parsed;
    }
    for (size_t c = 0; c < values_.size(); ++c) {
      std::optional<int64_t> v = ReadCell(c, Cell(layout_.columns[c]), line_number);
      if (!v) {
        ++r.bad_rows;
        return true;
      }
      values_[c] = *v;
    }
    batch_ids_.push_back(*packed);
    batch_dates_.push_back(*date);
    batch_lines_.push_back(line_number);
    batch_values_.insert(batch_values_.end(), values_.begin(), values_.end());
    if (batch_ids_.size() == kBatchRows) Flush();
    return true;
  }

  const std::string& path_;
  const FeedSchema& schema_;
  const FeedLayout& layout_;
  const size_t feed_;
  FeedAccumulator& acc_;
  const FeedLoadOptions& options_;
  const Date today_;
  RangeResult& out_;
  std::vector<uint32_t> starts_ = std::vector<uint32_t>(kMaxCsvFields + 1);
  size_t keep_ = 0;   // 1 + the last column read
  size_t count_ = 0;  // fields of line_
  std::string_view line_;
  std::vector<int64_t> values_;
  std::vector<uint64_t> batch_ids_;
  std::vector<Date> batch_dates_;
  std::vector<int64_t> batch_lines_;
  std::vector<int64_t> batch_values_;
  std::vector<uint32_t> first_;
};

// Appends the ranges' results in order, turning relative lines into file lines.
FeedLoadResult Merge(std::vector<RangeResult>& ranges, const FeedLoadOptions& options) {
  FeedLoadResult result;
  result.fast_path = true;
  size_t unmatched = 0;
  for (const RangeResult& range : ranges) unmatched += range.counts.unmatched_rows.size();
  result.unmatched_rows.reserve(std::min(unmatched, options.max_unmatched));
  int64_t lines_before = 1;  // the header
  for (RangeResult& range : ranges) {
    FeedLoadResult& r = range.counts;
    result.rows += r.rows;
    result.matched += r.matched;
    result.unmatched += r.unmatched;
    result.invalid_ids += r.invalid_ids;
    result.bad_rows += r.bad_rows;
    for (FeedProblem& p : r.problems) {
      if (result.problems.size() == options.max_problems) break;
      p.line += lines_before;
      result.problems.push_back(std::move(p));
    }
    for (UnmatchedRow& u : r.unmatched_rows) {
      if (result.unmatched_rows.size() == options.max_unmatched) break;
      u.line += lines_before;
      result.unmatched_rows.push_back(u);
    }
    std::vector<UnmatchedRow>().swap(r.unmatched_rows);  // freed before the next range's are copied
    lines_before += range.newlines;
  }
  return result;
}

// The header's fields, or nullopt when it has more than CsvReader accepts.
std::optional<std::vector<std::string_view>> SplitHeader(std::string_view header) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t comma = header.find(',', start);
    fields.push_back(
        header.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (fields.size() > kMaxCsvFields) return std::nullopt;
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

StatusOr<FeedLoadResult> LoadRows(const std::string& path, const FeedSchema& schema, size_t feed_index,
                                  FeedAccumulator& acc, const FeedLoadOptions& options, Progress& progress) {
  auto slow = [&] { return LoadSlow(path, schema, feed_index, acc, options, progress); };
  if (options.force_slow) return slow();
  StatusOr<RawFile> file = RawFile::Open(path);
  if (!file.ok()) return slow();
  ASSIGN_OR_RETURN(const FileHead head, ReadFileHead(*file));
  if (!head.fast_readable) return slow();
  std::optional<std::vector<std::string_view>> header = SplitHeader(head.header);
  if (!header) return slow();
  StatusOr<FeedLayout> layout = MapFeedHeader(*header, schema, path);
  if (!layout.ok()) return slow();
  const size_t threads = ThreadCount(options.threads);
  ASSIGN_OR_RETURN(const std::vector<FileRange> ranges, SplitAtLines(*file, head.data_begin, threads));

  progress.Start(fmt::format("读取数据源 reading feed {}", schema.name), file->size());
  std::atomic<int64_t> bytes_done{0};
  std::atomic<bool> unreadable{false};
  std::vector<RangeResult> results(ranges.size());
  const Date today = Date::Today();
  RunParallel(ranges.size(), [&](size_t i) {
    RangeParser parser(path, schema, *layout, feed_index, acc, options, today, results[i]);
    std::string buffer;
    StatusOr<bool> done =
        ForEachBlock(*file, ranges[i], kMaxCsvRecordBytes, buffer, [&](std::string_view block) {
          if (unreadable.load(std::memory_order_relaxed) || !parser.Block(block)) return BlockVerdict::kStop;
          const int64_t total =
              bytes_done.fetch_add(static_cast<int64_t>(block.size())) + static_cast<int64_t>(block.size());
          if (i == 0) progress.Update(total);
          return BlockVerdict::kContinue;
        });
    parser.Flush();
    if (!done.ok()) {
      results[i].status = done.status();
    } else if (!*done) {
      unreadable = true;
    }
  });
  progress.Finish();
  for (const RangeResult& r : results) {
    if (!r.status.ok()) {
      acc.ResetFeed(feed_index);
      return r.status;
    }
  }
  if (unreadable) {
    acc.ResetFeed(feed_index);  // take back what the fast pass added
    return slow();
  }
  return Merge(results, options);
}

}  // namespace

StatusOr<FeedLoadResult> LoadFeed(const std::string& path, const FeedSchema& schema, size_t feed_index,
                                  FeedAccumulator& acc, const FeedLoadOptions& options, Progress& progress) {
  // The aggregates' form (FeedColumn) follows the most persons the file's rows could name: a
  // row that matches a person has an ID number, a date, a comma and a line end.
  constexpr int64_t kMinMatchingRowBytes = 24;
  std::error_code error;
  const uintmax_t bytes = std::filesystem::file_size(path, error);
  acc.BeginFeed(feed_index, error ? -1 : static_cast<int64_t>(bytes) / kMinMatchingRowBytes);
  StatusOr<FeedLoadResult> result = LoadRows(path, schema, feed_index, acc, options, progress);
  acc.EndFeed(feed_index);
  return result;
}

}  // namespace jz
