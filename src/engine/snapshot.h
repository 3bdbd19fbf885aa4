// The columnar snapshot of the registry that the screening engine evaluates: one entry per
// household and per person, each field a policy reads as one typed column, ID numbers packed
// to 64 bits with an open-addressing index, and the feed aggregates the policy's rules use
// (e.g. "sum of medical.out_of_pocket over the last 365 days") accumulated per person when
// the feeds are read, so the feed rows themselves are never stored.
//
// A snapshot is taken as of one date: every column holds what the field reader of
// rules/schema.h returns at that date (age in completed years, the household's current data
// year), so building one from Household records (SnapshotBuilder) is exact by construction;
// the fast CSV loader (engine/registry_loader.h) must and is tested to produce the same.
//
//   SnapshotBuilder builder(NeedsOf(policy), as_of);
//   for (const Household& h : households) builder.Add(h);
//   Snapshot snapshot = builder.Finish();
//   FeedAccumulator feeds(snapshot, policy.feeds);   // then Add() each feed row
//
// Thread safety: a finished Snapshot is immutable except for its feed-aggregate columns,
// which FeedAccumulator updates with atomic operations (dense) or under a lock (sparse), so
// several threads may add rows.
#ifndef JZ_ENGINE_SNAPSHOT_H_
#define JZ_ENGINE_SNAPSHOT_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/registry.h"
#include "core/status.h"
#include "engine/id_index.h"
#include "rules/policy.h"

namespace jz {

// One feed aggregate per person: the sum of a column, or the number of rows (whose bool
// column is true, when column >= 0), over the rows dated in [as_of - days, as_of]
// (days 0: every row up to as_of). feed_any(x) is count(x) > 0.
struct FeedKey {
  uint32_t feed = 0;    // index into Policy::feeds
  int32_t column = -1;  // index into FeedSchema::columns; -1 for whole rows
  int32_t days = 0;
  bool sum = false;  // sum of `column` (money or int) instead of a count

  friend bool operator==(const FeedKey&, const FeedKey&) = default;
};

// What a policy reads from the registry and the feeds.
struct SnapshotNeeds {
  std::vector<bool> fields;        // by index into Fields()
  std::vector<FeedKey> feed_keys;  // distinct

  // Returns the index of `key` in feed_keys, or -1.
  int FeedKeyIndex(const FeedKey& key) const;
};

// Collects the fields and feed aggregates every rule of `policy` reads.
SnapshotNeeds NeedsOf(const Policy& policy);

// How wide a column's values are: a byte for bools and codes (a code is a byte by type:
// core/code_lists.h), 32 bits for ints and dates (days), 64 bits for money (fen) and sums.
enum class ColumnWidth : uint8_t { kByte, kNarrow, kWide };

// The width of field `field`'s column (an index into Fields()).
ColumnWidth FieldWidth(size_t field);

// What a column holds where the registry does not know a field's value (FieldDef::known
// false: a column the source lacked). Only fields with `known` are ever tested for it, and
// none of their real values is the marker (bools are 0/1, months 0..99, money far from the
// int64 bound).
constexpr int64_t UnknownMarker(ColumnWidth width) {
  return width == ColumnWidth::kByte ? 0xFF : width == ColumnWidth::kNarrow ? INT32_MIN : INT64_MIN;
}

// A typed column; only the vector of its width is used. Bytes keep the snapshot's many code
// columns a quarter of the size: at ten million persons, 30 MB a column less to write and
// to read.
struct Column {
  ColumnWidth width = ColumnWidth::kWide;
  std::vector<uint8_t> bytes;
  std::vector<int32_t> narrow;
  std::vector<int64_t> wide;

  explicit Column(ColumnWidth w = ColumnWidth::kWide) : width(w) {}
  bool is_wide() const { return width == ColumnWidth::kWide; }
  int64_t operator[](size_t i) const {
    switch (width) {
      case ColumnWidth::kByte:
        return bytes[i];
      case ColumnWidth::kNarrow:
        return narrow[i];
      default:
        return wide[i];
    }
  }
  size_t size() const {
    switch (width) {
      case ColumnWidth::kByte:
        return bytes.size();
      case ColumnWidth::kNarrow:
        return narrow.size();
      default:
        return wide.size();
    }
  }
  // Appends `value`, which fits the width.
  void Push(int64_t value) {
    switch (width) {
      case ColumnWidth::kByte:
        bytes.push_back(static_cast<uint8_t>(value));
        break;
      case ColumnWidth::kNarrow:
        narrow.push_back(static_cast<int32_t>(value));
        break;
      default:
        wide.push_back(value);
    }
  }
  // Sets entry i to `value`, which fits the width.
  void Set(size_t i, int64_t value) {
    switch (width) {
      case ColumnWidth::kByte:
        bytes[i] = static_cast<uint8_t>(value);
        break;
      case ColumnWidth::kNarrow:
        narrow[i] = static_cast<int32_t>(value);
        break;
      default:
        wide[i] = value;
    }
  }
  void Reserve(size_t n) {
    switch (width) {
      case ColumnWidth::kByte:
        bytes.reserve(n);
        break;
      case ColumnWidth::kNarrow:
        narrow.reserve(n);
        break;
      default:
        wide.reserve(n);
    }
  }
  size_t MemoryBytes() const {
    return bytes.capacity() + narrow.capacity() * sizeof(int32_t) + wide.capacity() * sizeof(int64_t);
  }
};

// Strings stored back to back: household numbers, kept only to name the households in
// warnings. While every string has the same length (户编号 usually do) no offsets are kept:
// string i is at i times the length; the first string of another length adds them.
class StringColumn {
 public:
  void Add(std::string_view s) {
    if (fixed_ && (count_ == 0 || s.size() == width_)) {
      width_ = s.size();
    } else {
      Materialize();
      ends_.push_back(bytes_.size() + s.size());
    }
    bytes_.append(s);
    ++count_;
  }
  std::string_view operator[](size_t i) const {
    if (fixed_) return std::string_view(bytes_).substr(i * width_, width_);
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  size_t size() const { return count_; }
  void Reserve(size_t count, size_t bytes) {
    reserved_ = count;
    bytes_.reserve(bytes);
  }
  size_t MemoryBytes() const { return bytes_.capacity() + ends_.capacity() * sizeof(uint64_t); }

  // In-place compaction, for loaders that drop rejected rows without a copy: moves strings
  // [begin, end) down to start at index `to`. REQUIRES: to <= begin, and strings before `to`
  // are final. Truncate(count) then drops what follows.
  void MoveDown(size_t begin, size_t end, size_t to);
  void Truncate(size_t count);
  // Appends strings [begin, end) of `other`.
  void AppendRange(const StringColumn& other, size_t begin, size_t end);

 private:
  // Keeps offsets from now on.
  void Materialize();

  std::string bytes_;
  std::vector<uint64_t> ends_;  // when !fixed_: the end of each string in bytes_
  size_t count_ = 0;
  size_t width_ = 0;  // when fixed_: the length of every string
  bool fixed_ = true;
  size_t reserved_ = 0;  // strings Reserve() expects, for the offsets if they come
};

// One feed aggregate's value per person (FeedKey), in one of three forms:
//  - zero: no row was added (the feed's file is absent); every value is 0.
//  - dense: a column, added to with atomic operations as the rows are read. For feeds with
//    rows for many persons (medical claims: three a person).
//  - sparse: for feeds naming a few percent of persons, where a dense column would still
//    have a row on nearly every page (at ten million persons, 40 MB of fresh pages a key for
//    1% of its cells). Add() collects (person, value) pairs; Seal() sorts and sums them into
//    a bitmap of the persons with a value, a count of set bits before each bitmap word, and
//    the values in person order, so a read is a bit test and, for the few set, a popcount.
// Add() may be called from several threads; reads need a sealed column (FeedAccumulator::EndFeed).
class FeedColumn {
 public:
  enum class Form : uint8_t { kZero, kDense, kSparse };

  FeedColumn() = default;
  FeedColumn(const FeedColumn& other);
  FeedColumn& operator=(const FeedColumn& other);
  FeedColumn(FeedColumn&&) = default;
  FeedColumn& operator=(FeedColumn&&) = default;

  // Turn a zero column into a dense (64-bit when `wide`) or sparse one of `persons` values.
  void MakeDense(size_t persons, bool wide);
  void MakeSparse(size_t persons);

  Form form() const { return form_; }
  const Column& dense() const { return dense_; }
  // Person p's value in a sparse column.
  int64_t SparseAt(uint32_t p) const {
    const uint64_t word = bits_[p >> 6];
    const uint64_t bit = uint64_t{1} << (p & 63);
    if ((word & bit) == 0) return 0;
    return values_[rank_[p >> 6] + static_cast<uint32_t>(__builtin_popcountll(word & (bit - 1)))];
  }
  int64_t operator[](size_t p) const {
    switch (form_) {
      case Form::kDense:
        return dense_[p];
      case Form::kSparse:
        return SparseAt(static_cast<uint32_t>(p));
      default:
        return 0;
    }
  }

  // Adds `delta` to person p's value; false (and no change) when a dense sum would overflow.
  // REQUIRES: not a zero column.
  bool Add(uint32_t p, int64_t delta);
  // Makes a sparse column's added pairs readable; false when a sum overflowed 64 bits.
  bool Seal();
  // Every value back to 0, keeping the form.
  void Clear();
  void Prefetch(uint32_t p) const {
    if (form_ != Form::kDense) return;
    if (dense_.is_wide()) {
      __builtin_prefetch(dense_.wide.data() + p, 1);
    } else {
      __builtin_prefetch(dense_.narrow.data() + p, 1);
    }
  }
  size_t MemoryBytes() const;

 private:
  struct Pending {
    std::mutex mutex;
    std::vector<std::pair<uint32_t, int64_t>> pairs;  // added since the last Seal()
  };

  Form form_ = Form::kZero;
  Column dense_;
  std::vector<uint64_t> bits_;   // sparse: bit p set when person p has a nonzero value
  std::vector<uint32_t> rank_;   // sparse: set bits before each word
  std::vector<int64_t> values_;  // sparse: the nonzero values, in person order
  std::unique_ptr<Pending> pending_;
};

// Person numbers (人编号), kept only to name persons in warnings. The export numbers a person
// as the household's 户编号 followed by two digits, so such a number is kept as those two
// digits, a byte; any other number (another form, empty) is kept whole beside them. At ten
// million persons that is 10 MB instead of 260 MB of strings and offsets, all of it fresh
// pages a load would otherwise write.
class PersonNumbers {
 public:
  // Appends the number of the next person; household_no is its household's 户编号.
  void Add(std::string_view household_no, std::string_view person_no);
  // The number of person p, whose household's 户编号 is household_no (as given to Add).
  std::string Get(size_t p, std::string_view household_no) const;
  size_t size() const { return codes_.size(); }
  void Reserve(size_t count) { codes_.reserve(count); }
  // Appends persons [begin, end) of `other`.
  void AppendRange(const PersonNumbers& other, size_t begin, size_t end);
  size_t MemoryBytes() const {
    return codes_.capacity() + other_persons_.capacity() * sizeof(uint32_t) + others_.MemoryBytes();
  }

 private:
  static constexpr uint8_t kOther = 255;  // the number is in others_
  std::vector<uint8_t> codes_;            // per person: the two digits' value, or kOther
  std::vector<uint32_t> other_persons_;   // ascending: the persons coded kOther
  StringColumn others_;                   // their numbers, in the same order
};

// Invariants: member_begin has households() + 1 entries, starts at 0 and is non-decreasing;
// the members of household h are persons [member_begin[h], member_begin[h + 1]) (no
// person-to-household column: 40 MB at ten million persons); every needed field column has households() or
// persons() entries by the field's scope (year fields per household, valid where has_year);
// feed_values[k] has persons() values (a zero column until a feed's rows are added).
struct Snapshot {
  Date as_of;
  std::vector<uint32_t> member_begin{0};
  std::vector<uint32_t> county;   // per household: 6-digit county code (220221)
  std::vector<uint8_t> has_year;  // per household: 1 when it has a data year up to as_of
  StringColumn household_no;
  PersonNumbers person_no;
  std::vector<uint64_t> person_id;  // packed ID number per person
  std::vector<Column> fields;       // indexed as Fields(); empty where not needed
  std::vector<FeedKey> feed_keys;
  std::vector<FeedColumn> feed_values;  // per feed key, per person
  IdIndex ids;                          // packed ID -> persons

  size_t households() const { return member_begin.size() - 1; }
  size_t persons() const { return member_begin.back(); }
  // The household of person p.
  uint32_t HouseholdOf(size_t p) const {
    return static_cast<uint32_t>(std::upper_bound(member_begin.begin(), member_begin.end(), p) -
                                 member_begin.begin() - 1);
  }
  // Person p's 人编号; `h`, when the caller knows it, is p's household.
  std::string PersonNo(size_t p) const { return PersonNo(p, HouseholdOf(p)); }
  std::string PersonNo(size_t p, size_t h) const { return person_no.Get(p, household_no[h]); }
  // Approximate bytes held, for progress and benchmark reports.
  size_t MemoryBytes() const;
};

// Builds a snapshot from household records (the database path and tests).
class SnapshotBuilder {
 public:
  SnapshotBuilder(SnapshotNeeds needs, Date as_of);

  // Appends `household` and its members, reading each needed field as rules/schema.h does.
  void Add(const Household& household);

  // Indexes the ID numbers and sizes the feed-aggregate columns (all zero).
  Snapshot Finish() &&;

 private:
  SnapshotNeeds needs_;
  Snapshot snapshot_;
};

// Allocates the feed columns of `needs` and builds the ID index; used by every builder once
// the registry is in. REQUIRES: person_id is complete.
void FinishSnapshot(Snapshot& snapshot, const SnapshotNeeds& needs);

// Adds feed rows to a snapshot's aggregates. One accumulator per screening run; Add() may be
// called from several threads at once.
class FeedAccumulator {
 public:
  FeedAccumulator(Snapshot& snapshot, const std::vector<FeedSchema>& feeds);

  // The keys of feed `feed`, for a loader to know which columns matter.
  std::span<const uint32_t> KeysOf(size_t feed) const { return keys_of_[feed]; }

  // Adds one row of feed `feed` for every person with packed ID `person`'s entry
  // (duplicated ID numbers: each of them). `values` are the row's declared columns as
  // integers (money in fen, bool 0/1). Returns false when the ID matches no person.
  bool Add(size_t feed, uint64_t packed_id, Date date, std::span<const int64_t> values);

  // The same for a row already matched to `first`, the first person with its ID (from
  // IdIndex::FindBatch). REQUIRES: first is a person.
  void AddMatched(size_t feed, uint32_t first, Date date, std::span<const int64_t> values);

  // The snapshot's ID index, for loaders that match rows in batches (IdIndex::FindBatch)
  // before calling AddMatched.
  const IdIndex& ids() const { return snapshot_.ids; }

  // Chooses the form of feed `feed`'s columns (FeedColumn) before its rows are added, from
  // an upper bound of its rows: sparse when they can name at most one person in eight.
  // Keys left unchosen become dense at their first row.
  void BeginFeed(size_t feed, int64_t max_rows);
  // Makes the rows added to feed `feed` readable (FeedColumn::Seal). REQUIRES: no thread
  // is adding rows of this feed.
  void EndFeed(size_t feed);

  // Zeroes the aggregates of feed `feed` (its keys are its own), to read it again from the
  // start. REQUIRES: no thread is adding rows of this feed.
  void ResetFeed(size_t feed);

  // Hints the cache to fetch the aggregate cells of `first` for feed `feed` (no-op for
  // IdIndex::kNone): batch loaders call it a few rows ahead of AddMatched.
  void Prefetch(size_t feed, uint32_t first) const {
    if (first == IdIndex::kNone) return;
    for (const uint32_t k : keys_of_[feed]) snapshot_.feed_values[k].Prefetch(first);
  }

  // Fails when a sum overflowed 64 bits (no realistic feed does; the run is refused rather
  // than reporting a wrong sum).
  Status status() const;

 private:
  // Gives key k its form, once: the first call's (BeginFeed's, or dense at a first row).
  void Choose(uint32_t k, bool sparse);

  Snapshot& snapshot_;
  std::vector<std::vector<uint32_t>> keys_of_;   // per feed: indices into feed_keys
  std::unique_ptr<std::atomic<bool>[]> chosen_;  // per key: its form is chosen
  std::mutex choose_mutex_;
  mutable std::atomic<bool> overflow_{false};
};

}  // namespace jz

#endif  // JZ_ENGINE_SNAPSHOT_H_
