// Snapshot building from household records, and feed accumulation.
#include "engine/snapshot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "engine/fast_cells.h"
#include "rules/schema.h"

namespace jz {
namespace {

bool IsFeedAggregate(Op op) { return op == Op::kFeedSum || op == Op::kFeedCount || op == Op::kFeedAny; }

// Adds `delta` to `cell` atomically; false (and no change) when the sum would overflow.
template <class T>
bool AtomicAddChecked(T& cell, int64_t delta) {
  std::atomic_ref<T> ref(cell);
  T old = ref.load(std::memory_order_relaxed);
  T sum;
  do {
    if (__builtin_add_overflow(old, delta, &sum)) return false;
  } while (!ref.compare_exchange_weak(old, sum, std::memory_order_relaxed));
  return true;
}

}  // namespace

int SnapshotNeeds::FeedKeyIndex(const FeedKey& key) const {
  const auto it = std::find(feed_keys.begin(), feed_keys.end(), key);
  return it == feed_keys.end() ? -1 : static_cast<int>(it - feed_keys.begin());
}

SnapshotNeeds NeedsOf(const Policy& policy) {
  SnapshotNeeds needs;
  needs.fields.assign(Fields().size(), false);
  for (const Rule& rule : policy.rules) {
    for (const Node& node : rule.expr.nodes) {
      if (node.op == Op::kField) needs.fields[node.field] = true;
      if (!IsFeedAggregate(node.op)) continue;
      const FeedKey key{static_cast<uint32_t>(node.feed), node.column, node.days, node.op == Op::kFeedSum};
      if (needs.FeedKeyIndex(key) < 0) needs.feed_keys.push_back(key);
    }
  }
  return needs;
}

ColumnWidth FieldWidth(size_t field) {
  switch (Fields()[field].type.kind) {
    case ValueKind::kBool:
    case ValueKind::kCode:
      return ColumnWidth::kByte;
    case ValueKind::kMoney:
      return ColumnWidth::kWide;
    default:
      return ColumnWidth::kNarrow;
  }
}

size_t Snapshot::MemoryBytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  size_t total = bytes(member_begin) + bytes(county) + bytes(has_year) + bytes(person_id) +
                 household_no.MemoryBytes() + person_no.MemoryBytes() + ids.MemoryBytes();
  for (const Column& c : fields) total += c.MemoryBytes();
  for (const FeedColumn& c : feed_values) total += c.MemoryBytes();
  return total;
}

SnapshotBuilder::SnapshotBuilder(SnapshotNeeds needs, Date as_of) : needs_(std::move(needs)) {
  snapshot_.as_of = as_of;
  snapshot_.fields.resize(Fields().size());
  for (size_t f = 0; f < snapshot_.fields.size() && f < needs_.fields.size(); ++f) {
    if (needs_.fields[f]) snapshot_.fields[f].width = FieldWidth(f);
  }
}

void SnapshotBuilder::Add(const Household& household) {
  Snapshot& s = snapshot_;
  const HouseholdYear* year = CurrentYear(household, s.as_of);
  s.county.push_back(household.County6());
  s.has_year.push_back(year != nullptr);
  s.household_no.Add(household.household_no);
  for (const Person& person : household.members) {
    s.person_no.Add(household.household_no, person.person_no);
    s.person_id.push_back(person.id_number.Packed());
  }
  s.member_begin.push_back(static_cast<uint32_t>(s.person_id.size()));
  const std::span<const FieldDef> fields = Fields();
  for (size_t f = 0; f < fields.size(); ++f) {
    if (!needs_.fields[f]) continue;
    Column& column = s.fields[f];
    // Field values are whole numbers (den 1): fen, days, codes, counts.
    auto push = [&](const Value& v) { column.Push(v.number.num); };
    auto read = [&](const FieldInput& input) {
      if (fields[f].known != nullptr && !fields[f].known(input)) {
        column.Push(UnknownMarker(column.width));
      } else {
        push(fields[f].read(input));
      }
    };
    if (fields[f].scope == FieldScope::kPerson) {
      for (const Person& person : household.members) read({household, &person, year, s.as_of});
    } else if (fields[f].needs_year && year == nullptr) {
      push(Value::Int(0));  // not evaluable; has_year says so
    } else {
      read({household, nullptr, year, s.as_of});
    }
  }
}

void StringColumn::Materialize() {
  if (!fixed_) return;
  fixed_ = false;
  ends_.reserve(std::max(count_ + 1, reserved_));
  for (size_t k = 1; k <= count_; ++k) ends_.push_back(k * width_);
}

void StringColumn::MoveDown(size_t begin, size_t end, size_t to) {
  if (begin == end || begin == to) return;
  if (fixed_) {
    std::memmove(bytes_.data() + to * width_, bytes_.data() + begin * width_, (end - begin) * width_);
    return;
  }
  const size_t from_byte = begin == 0 ? 0 : ends_[begin - 1];
  const size_t to_byte = to == 0 ? 0 : ends_[to - 1];
  std::memmove(bytes_.data() + to_byte, bytes_.data() + from_byte, ends_[end - 1] - from_byte);
  const size_t shift = from_byte - to_byte;
  // Ascending: index to + k is written after every index it could overwrite was read.
  for (size_t k = 0; k < end - begin; ++k) ends_[to + k] = ends_[begin + k] - shift;
}

void StringColumn::Truncate(size_t count) {
  if (fixed_) {
    bytes_.resize(count * width_);
  } else {
    bytes_.resize(count == 0 ? 0 : ends_[count - 1]);
    ends_.resize(count);
  }
  count_ = count;
}

void StringColumn::AppendRange(const StringColumn& other, size_t begin, size_t end) {
  if (begin == end) return;
  if (fixed_ && other.fixed_ && (count_ == 0 || width_ == other.width_)) {
    width_ = other.width_;
    bytes_.append(other.bytes_, begin * width_, (end - begin) * width_);
    count_ += end - begin;
    return;
  }
  Materialize();
  const size_t base = bytes_.size();
  if (other.fixed_) {
    bytes_.append(other.bytes_, begin * other.width_, (end - begin) * other.width_);
    for (size_t k = 1; k <= end - begin; ++k) ends_.push_back(base + k * other.width_);
  } else {
    const size_t from_byte = begin == 0 ? 0 : other.ends_[begin - 1];
    bytes_.append(other.bytes_, from_byte, other.ends_[end - 1] - from_byte);
    for (size_t k = begin; k < end; ++k) ends_.push_back(other.ends_[k] - from_byte + base);
  }
  count_ += end - begin;
}

void FinishSnapshot(Snapshot& s, const SnapshotNeeds& needs) {
  s.fields.resize(Fields().size());
  s.ids.Build(s.person_id, /*threads=*/2);
  s.feed_keys = needs.feed_keys;
  s.feed_values.assign(needs.feed_keys.size(), FeedColumn{});  // zero until feeds are read
}

Snapshot SnapshotBuilder::Finish() && {
  FinishSnapshot(snapshot_, needs_);
  return std::move(snapshot_);
}

FeedAccumulator::FeedAccumulator(Snapshot& snapshot, const std::vector<FeedSchema>& feeds)
    : snapshot_(snapshot),
      keys_of_(feeds.size()),
      chosen_(std::make_unique<std::atomic<bool>[]>(snapshot.feed_keys.size())) {
  for (size_t k = 0; k < snapshot.feed_keys.size(); ++k) {
    keys_of_[snapshot.feed_keys[k].feed].push_back(static_cast<uint32_t>(k));
  }
}

void FeedAccumulator::Choose(uint32_t k, bool sparse) {
  if (chosen_[k].load(std::memory_order_acquire)) return;  // every row but the first
  std::lock_guard lock(choose_mutex_);
  if (chosen_[k].load(std::memory_order_relaxed)) return;
  FeedColumn& column = snapshot_.feed_values[k];
  if (column.form() == FeedColumn::Form::kZero) {  // else a copy of a snapshot already fed
    if (sparse) {
      column.MakeSparse(snapshot_.persons());
    } else {
      column.MakeDense(snapshot_.persons(), snapshot_.feed_keys[k].sum);
    }
  }
  chosen_[k].store(true, std::memory_order_release);
}

void FeedAccumulator::BeginFeed(size_t feed, int64_t max_rows) {
  const bool sparse = max_rows >= 0 && static_cast<uint64_t>(max_rows) <= snapshot_.persons() / 8;
  for (const uint32_t k : keys_of_[feed]) Choose(k, sparse);
}

void FeedAccumulator::EndFeed(size_t feed) {
  for (const uint32_t k : keys_of_[feed]) {
    if (!snapshot_.feed_values[k].Seal()) overflow_.store(true, std::memory_order_relaxed);
  }
}

bool FeedAccumulator::Add(size_t feed, uint64_t packed_id, Date date, std::span<const int64_t> values) {
  const uint32_t first = snapshot_.ids.Find(packed_id);
  if (first == IdIndex::kNone) return false;
  AddMatched(feed, first, date, values);
  return true;
}

void FeedAccumulator::AddMatched(size_t feed, uint32_t first, Date date, std::span<const int64_t> values) {
  const Date as_of = snapshot_.as_of;
  if (date > as_of) return;
  for (const uint32_t k : keys_of_[feed]) {
    const FeedKey& key = snapshot_.feed_keys[k];
    if (key.days != 0 && date < as_of.AddDays(-key.days)) continue;
    int64_t delta = 1;
    if (key.sum) {
      delta = values[static_cast<size_t>(key.column)];
    } else if (key.column >= 0 && values[static_cast<size_t>(key.column)] == 0) {
      continue;
    }
    Choose(k, /*sparse=*/false);
    FeedColumn& column = snapshot_.feed_values[k];
    for (uint32_t p = first; p != IdIndex::kNone; p = snapshot_.ids.next(p)) {
      if (!column.Add(p, delta)) overflow_.store(true, std::memory_order_relaxed);
    }
  }
}

void FeedAccumulator::ResetFeed(size_t feed) {
  for (const uint32_t k : keys_of_[feed]) snapshot_.feed_values[k].Clear();
}

Status FeedAccumulator::status() const {
  if (!overflow_.load()) return OkStatus();
  return InvalidArgumentError(Bilingual("数据源合计超出 64 位整数范围，拒绝本次筛查",
                                        "a feed sum overflowed 64 bits; the run is refused"));
}

void PersonNumbers::Add(std::string_view household_no, std::string_view person_no) {
  const size_t n = household_no.size();
  if (person_no.size() == n + 2 && IsAsciiDigit(person_no[n]) && IsAsciiDigit(person_no[n + 1]) &&
      person_no.starts_with(household_no)) {
    codes_.push_back(static_cast<uint8_t>((person_no[n] - '0') * 10 + (person_no[n + 1] - '0')));
    return;
  }
  other_persons_.push_back(static_cast<uint32_t>(codes_.size()));
  codes_.push_back(kOther);
  others_.Add(person_no);
}

std::string PersonNumbers::Get(size_t p, std::string_view household_no) const {
  const uint8_t code = codes_[p];
  if (code != kOther) {
    std::string number(household_no);
    number.push_back(static_cast<char>('0' + code / 10));
    number.push_back(static_cast<char>('0' + code % 10));
    return number;
  }
  const auto it = std::lower_bound(other_persons_.begin(), other_persons_.end(), static_cast<uint32_t>(p));
  return std::string(others_[static_cast<size_t>(it - other_persons_.begin())]);
}

void PersonNumbers::AppendRange(const PersonNumbers& other, size_t begin, size_t end) {
  if (begin == end) return;
  const size_t base = codes_.size();
  codes_.insert(codes_.end(), other.codes_.begin() + static_cast<ptrdiff_t>(begin),
                other.codes_.begin() + static_cast<ptrdiff_t>(end));
  const auto first = std::lower_bound(other.other_persons_.begin(), other.other_persons_.end(), begin);
  const auto last = std::lower_bound(first, other.other_persons_.end(), end);
  for (auto it = first; it != last; ++it) other_persons_.push_back(static_cast<uint32_t>(*it - begin + base));
  others_.AppendRange(other.others_, static_cast<size_t>(first - other.other_persons_.begin()),
                      static_cast<size_t>(last - other.other_persons_.begin()));
}

FeedColumn::FeedColumn(const FeedColumn& other)
    : form_(other.form_),
      dense_(other.dense_),
      bits_(other.bits_),
      rank_(other.rank_),
      values_(other.values_) {
  if (other.pending_) {
    pending_ = std::make_unique<Pending>();
    std::lock_guard lock(other.pending_->mutex);
    pending_->pairs = other.pending_->pairs;
  }
}

FeedColumn& FeedColumn::operator=(const FeedColumn& other) {
  if (this != &other) *this = FeedColumn(other);
  return *this;
}

void FeedColumn::MakeDense(size_t persons, bool wide) {
  form_ = Form::kDense;
  dense_.width = wide ? ColumnWidth::kWide : ColumnWidth::kNarrow;
  if (wide) {
    dense_.wide.assign(persons, 0);
  } else {
    dense_.narrow.assign(persons, 0);
  }
}

void FeedColumn::MakeSparse(size_t persons) {
  form_ = Form::kSparse;
  bits_.assign(persons / 64 + 1, 0);
  rank_.assign(bits_.size(), 0);
  pending_ = std::make_unique<Pending>();
}

bool FeedColumn::Add(uint32_t p, int64_t delta) {
  if (form_ == Form::kSparse) {
    if (delta == 0) return true;
    std::lock_guard lock(pending_->mutex);
    pending_->pairs.emplace_back(p, delta);
    return true;
  }
  return dense_.is_wide() ? AtomicAddChecked(dense_.wide[p], delta)
                          : AtomicAddChecked(dense_.narrow[p], delta);
}

bool FeedColumn::Seal() {
  if (form_ != Form::kSparse || pending_->pairs.empty()) return true;
  std::vector<std::pair<uint32_t, int64_t>>& pairs = pending_->pairs;
  // Values sealed earlier join the new pairs.
  for (size_t w = 0; w < bits_.size(); ++w) {
    for (uint64_t word = bits_[w]; word != 0; word &= word - 1) {
      const uint32_t p = static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(word)));
      pairs.emplace_back(p, SparseAt(p));
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::fill(bits_.begin(), bits_.end(), 0);
  values_.clear();
  bool ok = true;
  for (size_t i = 0; i < pairs.size();) {
    const uint32_t p = pairs[i].first;
    int64_t total = 0;
    for (; i < pairs.size() && pairs[i].first == p; ++i)
      ok &= !__builtin_add_overflow(total, pairs[i].second, &total);
    if (total == 0) continue;
    bits_[p >> 6] |= uint64_t{1} << (p & 63);
    values_.push_back(total);
  }
  uint32_t before = 0;
  for (size_t w = 0; w < bits_.size(); ++w) {
    rank_[w] = before;
    before += static_cast<uint32_t>(__builtin_popcountll(bits_[w]));
  }
  pairs.clear();
  pairs.shrink_to_fit();
  return ok;
}

void FeedColumn::Clear() {
  std::fill(dense_.narrow.begin(), dense_.narrow.end(), 0);
  std::fill(dense_.wide.begin(), dense_.wide.end(), 0);
  std::fill(bits_.begin(), bits_.end(), 0);
  std::fill(rank_.begin(), rank_.end(), 0);
  values_.clear();
  if (pending_) pending_->pairs.clear();
}

size_t FeedColumn::MemoryBytes() const {
  return dense_.MemoryBytes() + bits_.capacity() * sizeof(uint64_t) + rank_.capacity() * sizeof(uint32_t) +
         values_.capacity() * sizeof(int64_t);
}

}  // namespace jz
