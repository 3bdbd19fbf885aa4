// The floor of `make bench-screen`: the least work any screening engine must do on the same
// files. It reads the registry export and the nine feed CSVs with pread on two threads (each
// file split into two byte ranges at a line boundary), parses the cells the 18 Jilin rules
// read into typed columns (packed IDs, dates as day numbers, money as fen, bools) with no
// checks beyond what parsing needs, builds an open-addressing hash table of the registry's
// IDs and probes it once per feed row with batched prefetching. It evaluates no rule: the
// figure is the I/O + parse + match cost that `jingzhun screen --registry` is compared with.
// Prints wall seconds, GB/s over all bytes read, peak RSS and the matched-row count (the
// checksum that keeps the work from being optimised away).
//
// Usage: screen_floor REGISTRY.csv FEEDS_DIR
//
// IDs are packed as digits17 * 11 + check value ('0'..'9' -> 0..9, 'X' -> 10): injective on
// 17 digits plus a check character, so a feed row with a mistyped check character does not
// match, as in the engine. jz::IdNumber's own packed form needs IdNumber::Parse, which
// validates the address code, birth date and check character: more than a floor should do.
// Files are read with pread into buffers, not mmap, so page-cache pages are not counted in
// the peak RSS. Quoted fields are skipped correctly; a quoted line break (which the
// generator never writes) would break the split at line boundaries.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr int kThreads = 2;
constexpr size_t kBufferBytes = size_t{8} << 20;  // per thread read buffer
constexpr size_t kProbeBatch = 32;                // feed rows hashed and prefetched at once

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "screen_floor: %s\n", message.c_str());
  std::exit(1);
}

// ---- cell parsing: the minimum, no validation --------------------------------------------

uint64_t PackId(std::string_view s) {
  if (s.size() != 18) return 0;
  uint64_t v = 0;
  for (size_t i = 0; i < 17; ++i) v = v * 10 + static_cast<uint64_t>(s[i] - '0');
  const uint64_t check = s[17] == 'X' || s[17] == 'x' ? 10 : static_cast<uint64_t>(s[17] - '0');
  return v * 11 + check;
}

int64_t Digits(std::string_view s) {
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Days since 1970-01-01 of "YYYY-MM-DD" (Howard Hinnant's days_from_civil).
int32_t DayNumber(std::string_view s) {
  if (s.size() < 10) return 0;
  int64_t y = Digits(s.substr(0, 4));
  const int64_t m = Digits(s.substr(5, 2));
  const int64_t d = Digits(s.substr(8, 2));
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int32_t>(era * 146097 + doe - 719468);
}

// "-1234.5" -> -123450 fen.
int64_t Fen(std::string_view s) {
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  const size_t dot = s.find('.');
  int64_t fen = Digits(s.substr(0, dot)) * 100;
  if (dot != std::string_view::npos) {
    const std::string_view frac = s.substr(dot + 1);
    if (frac.size() >= 1) fen += (frac[0] - '0') * 10;
    if (frac.size() >= 2) fen += frac[1] - '0';
  }
  return negative ? -fen : fen;
}

bool Yes(std::string_view s) { return s == "是"; }

// Splits one CSV line (no line break) into at most `max` fields; quotes are kept. memchr
// (via find) beats a plain byte loop here even on fields of under 10 bytes.
size_t SplitFields(std::string_view line, std::string_view* fields, size_t max) {
  size_t n = 0;
  size_t i = 0;
  while (n < max) {
    size_t end = i;
    if (end < line.size() && line[end] == '"') {
      for (++end; end < line.size(); ++end) {
        if (line[end] == '"' && (end + 1 >= line.size() || line[end + 1] != '"')) break;
        if (line[end] == '"') ++end;
      }
      end = line.find(',', end);
    } else {
      end = line.find(',', i);
    }
    if (end == std::string_view::npos) end = line.size();
    fields[n++] = line.substr(i, end - i);
    if (end >= line.size()) break;
    i = end + 1;
  }
  return n;
}

// ---- reading: pread into a buffer, whole lines to a callback -----------------------------

class File {
 public:
  explicit File(const std::string& path) : path_(path), fd_(open(path.c_str(), O_RDONLY)) {
    struct stat st {};
    if (fd_ < 0 || fstat(fd_, &st) != 0) Die("cannot open " + path);
    size_ = static_cast<size_t>(st.st_size);
    posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  ~File() { close(fd_); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  size_t size() const { return size_; }
  const std::string& path() const { return path_; }

  size_t Read(size_t offset, char* out, size_t bytes) const {
    size_t done = 0;
    while (done < bytes) {
      const ssize_t n = pread(fd_, out + done, bytes - done, static_cast<off_t>(offset + done));
      if (n < 0) Die("cannot read " + path_);
      if (n == 0) break;
      done += static_cast<size_t>(n);
    }
    return done;
  }

  // The offset just after the first '\n' at or after `offset` (size() when none).
  size_t NextLineStart(size_t offset) const {
    char block[4096];
    while (offset < size_) {
      const size_t n = Read(offset, block, sizeof block);
      const void* nl = std::memchr(block, '\n', n);
      if (nl != nullptr) return offset + static_cast<size_t>(static_cast<const char*>(nl) - block) + 1;
      offset += n;
    }
    return size_;
  }

 private:
  std::string path_;
  int fd_;
  size_t size_ = 0;
};

// Calls on_line(line) for every line starting in [begin, end); `end` is a line start.
template <class OnLine>
void ForEachLine(const File& file, size_t begin, size_t end, OnLine&& on_line) {
  std::vector<char> buffer(kBufferBytes);
  size_t carried = 0;  // bytes of an unfinished line at the buffer's start
  size_t offset = begin;
  while (offset < end || carried > 0) {
    const size_t want = std::min(buffer.size() - carried, end - offset);
    const size_t got = file.Read(offset, buffer.data() + carried, want);
    offset += got;
    const size_t filled = carried + got;
    const bool last = offset >= end || got == 0;
    size_t start = 0;
    while (true) {
      const void* nl = std::memchr(buffer.data() + start, '\n', filled - start);
      if (nl == nullptr) break;
      const size_t stop = static_cast<size_t>(static_cast<const char*>(nl) - buffer.data());
      size_t len = stop - start;
      if (len > 0 && buffer[start + len - 1] == '\r') --len;
      on_line(std::string_view(buffer.data() + start, len));
      start = stop + 1;
    }
    carried = filled - start;
    if (last) {
      if (carried > 0) on_line(std::string_view(buffer.data() + start, carried));
      break;
    }
    if (carried == buffer.size()) buffer.resize(buffer.size() * 2);
    std::memmove(buffer.data(), buffer.data() + start, carried);
  }
}

// Splits the file after its header into kThreads ranges at line boundaries and runs
// work(thread, begin, end) on each on its own thread.
template <class Work>
void InParallel(const File& file, Work&& work) {
  std::array<size_t, kThreads + 1> cut{};
  cut[0] = file.NextLineStart(0);
  for (int t = 1; t < kThreads; ++t) {
    const size_t guess = cut[0] + (file.size() - cut[0]) * static_cast<size_t>(t) / kThreads;
    cut[static_cast<size_t>(t)] = std::max(cut[static_cast<size_t>(t) - 1], file.NextLineStart(guess));
  }
  cut[kThreads] = file.size();
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads; ++t) threads.emplace_back([&, t] { work(t, cut[t], cut[t + 1]); });
  for (std::thread& th : threads) th.join();
}

std::vector<std::string_view> HeaderOf(const File& file, std::string& storage) {
  storage.resize(std::min<size_t>(file.size(), 1 << 16));
  storage.resize(file.Read(0, storage.data(), storage.size()));
  const size_t nl = storage.find('\n');
  storage.resize(nl == std::string::npos ? storage.size() : nl);
  if (!storage.empty() && storage.back() == '\r') storage.pop_back();
  std::vector<std::string_view> fields(256);
  fields.resize(SplitFields(storage, fields.data(), fields.size()));
  return fields;
}

size_t ColumnIndex(const std::vector<std::string_view>& header, std::string_view name, const File& file) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  Die(fmt::format("{}: no column {}", file.path(), name));
}

// ---- the registry ------------------------------------------------------------------------

// Typed columns of one byte range of the registry: what the 18 rules read.
struct RegistryPart {
  std::vector<uint64_t> ids;
  std::vector<uint32_t> households;  // ordinal of the household within the part
  std::vector<uint32_t> counties;
  std::vector<int32_t> birth_days;
  std::vector<int64_t> net_income_fen;
  std::vector<uint8_t> flags;  // bit per label or yes/no a rule compares with
};

enum RegistryField : size_t {
  kRegion,
  kHouseholdNo,
  kIdNumber,
  kBirthDate,
  kSchoolStatus,
  kHealth,
  kLabourSkill,
  kMedicalInsured,
  kHouseholdType,
  kHousingGrade,
  kSafeWater,
  kWage,
  kBusiness,
  kProperty,
  kTransfer,
  kExpense,
  kRegistryFields
};
constexpr std::array<std::string_view, kRegistryFields> kRegistryHeaders = {
    "行政区划代码",   "户编号",     "证件号码",           "出生日期",
    "在校生状况",     "健康状况",   "劳动技能",           "是否参加城乡居民基本医疗保险",
    "户类型",         "危房级别",   "是否解决安全饮用水", "工资性收入",
    "生产经营性收入", "财产性收入", "转移性收入",         "生产经营性支出"};

uint8_t RegistryFlags(const std::array<std::string_view, kRegistryFields>& c) {
  const std::string_view labour = c[kLabourSkill];
  return static_cast<uint8_t>(
      (c[kSchoolStatus] == "非在校生") | (c[kHealth] == "残疾") << 1 |
      (labour == "普通劳动力" || labour == "技能劳动力" || labour == "弱劳动力或半劳动力") << 2 |
      Yes(c[kMedicalInsured]) << 3 | (c[kHouseholdType] == "脱贫户") << 4 |
      (c[kHousingGrade] == "C级" || c[kHousingGrade] == "D级") << 5 | (c[kSafeWater] != "否") << 6);
}

void ParseRegistryRange(const File& file, const std::array<size_t, kRegistryFields>& column,
                        size_t max_column, size_t begin, size_t end, RegistryPart& part) {
  std::vector<std::string_view> fields(max_column + 1);
  std::array<std::string_view, kRegistryFields> c;
  std::string previous_household;
  uint32_t household = 0;
  ForEachLine(file, begin, end, [&](std::string_view line) {
    if (SplitFields(line, fields.data(), fields.size()) <= max_column) return;
    for (size_t f = 0; f < kRegistryFields; ++f) c[f] = fields[column[f]];
    if (c[kHouseholdNo] != previous_household) {
      previous_household.assign(c[kHouseholdNo]);
      ++household;
    }
    part.ids.push_back(PackId(c[kIdNumber]));
    part.households.push_back(household);
    part.counties.push_back(static_cast<uint32_t>(Digits(c[kRegion].substr(0, 6))));
    part.birth_days.push_back(DayNumber(c[kBirthDate]));
    part.net_income_fen.push_back(Fen(c[kWage]) + Fen(c[kBusiness]) + Fen(c[kProperty]) + Fen(c[kTransfer]) -
                                  Fen(c[kExpense]));
    part.flags.push_back(RegistryFlags(c));
  });
}

std::array<RegistryPart, kThreads> ReadRegistry(const File& file) {
  std::string header_text;
  const std::vector<std::string_view> header = HeaderOf(file, header_text);
  std::array<size_t, kRegistryFields> column{};
  for (size_t f = 0; f < kRegistryFields; ++f) column[f] = ColumnIndex(header, kRegistryHeaders[f], file);
  const size_t max_column = *std::max_element(column.begin(), column.end());
  std::array<RegistryPart, kThreads> parts;
  InParallel(file, [&](size_t t, size_t begin, size_t end) {
    ParseRegistryRange(file, column, max_column, begin, end, parts[t]);
  });
  return parts;
}

// ---- the ID hash table -------------------------------------------------------------------

// Open addressing with linear probing, split in kThreads halves by the hash's top bit so
// that each thread builds one half without atomics. Key 0 marks an empty slot (no valid ID
// packs to 0). Invariant: each half is at most 70% full.
class IdTable {
 public:
  explicit IdTable(size_t keys) {
    while ((size_t{1} << bits_) * kThreads * 7 < keys * 10) ++bits_;
    for (auto& half : halves_) half.assign(size_t{1} << bits_, Slot{});
  }

  static uint64_t Hash(uint64_t key) { return key * 0x9E3779B97F4A7C15ULL; }
  size_t HalfOf(uint64_t hash) const { return static_cast<size_t>(hash >> 63); }
  size_t SlotOf(uint64_t hash) const { return static_cast<size_t>(hash >> (63 - bits_)) & Mask(); }

  void Insert(uint64_t key, uint32_t row) {
    const uint64_t h = Hash(key);
    std::vector<Slot>& half = halves_[HalfOf(h)];
    for (size_t s = SlotOf(h);; s = (s + 1) & Mask()) {
      if (half[s].key == key) return;  // duplicate ID: the first row wins
      if (half[s].key == 0) {
        half[s] = Slot{key, row};
        return;
      }
    }
  }

  void Prefetch(uint64_t hash) const { __builtin_prefetch(&halves_[HalfOf(hash)][SlotOf(hash)]); }

  // The row of `key`, or UINT32_MAX.
  uint32_t Find(uint64_t key, uint64_t hash) const {
    const std::vector<Slot>& half = halves_[HalfOf(hash)];
    for (size_t s = SlotOf(hash);; s = (s + 1) & Mask()) {
      if (half[s].key == key) return half[s].row;
      if (half[s].key == 0) return UINT32_MAX;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t row = 0;
  };
  size_t Mask() const { return (size_t{1} << bits_) - 1; }

  int bits_ = 10;
  std::array<std::vector<Slot>, kThreads> halves_;
};

IdTable BuildIdTable(const std::array<RegistryPart, kThreads>& parts) {
  size_t rows = 0;
  for (const RegistryPart& p : parts) rows += p.ids.size();
  IdTable table(rows);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      uint32_t row = 0;
      for (const RegistryPart& p : parts) {
        for (uint64_t id : p.ids) {
          if (id != 0 && table.HalfOf(IdTable::Hash(id)) == t) table.Insert(id, row);
          ++row;
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  return table;
}

// ---- the feeds ---------------------------------------------------------------------------

struct FeedSpec {
  std::string_view name;
  std::string_view money;  // money column, or empty
  std::string_view flag;   // bool column, or empty
};
constexpr std::array<FeedSpec, 9> kFeeds = {{
    {"medical", "out_of_pocket", "inpatient"},
    {"disability", "", "severe"},
    {"school_roll", "", "compulsory"},
    {"disaster", "loss", ""},
    {"death", "", ""},
    {"payroll", "", ""},
    {"vehicle", "value", "farm_or_disability"},
    {"company", "", "operating"},
    {"property", "", "commercial"},
}};

// Typed columns of one byte range of a feed, and the registry row each row matched.
struct FeedPart {
  std::vector<uint64_t> ids;
  std::vector<int32_t> days;
  std::vector<int64_t> amount_fen;
  std::vector<uint8_t> flag;
  std::vector<uint32_t> person;  // registry row, UINT32_MAX when none
  uint64_t matched = 0;
};

void ProbeAll(const IdTable& table, FeedPart& part) {
  const size_t n = part.ids.size();
  part.person.resize(n);
  std::array<uint64_t, kProbeBatch> hashes{};
  for (size_t base = 0; base < n; base += kProbeBatch) {
    const size_t count = std::min(kProbeBatch, n - base);
    for (size_t i = 0; i < count; ++i) {
      hashes[i] = IdTable::Hash(part.ids[base + i]);
      table.Prefetch(hashes[i]);
    }
    for (size_t i = 0; i < count; ++i) {
      const uint32_t row = table.Find(part.ids[base + i], hashes[i]);
      part.person[base + i] = row;
      part.matched += row != UINT32_MAX;
    }
  }
}

uint64_t ReadFeed(const File& file, const FeedSpec& spec, const IdTable& table) {
  std::string header_text;
  const std::vector<std::string_view> header = HeaderOf(file, header_text);
  const size_t id = ColumnIndex(header, "证件号码", file);
  const size_t date = ColumnIndex(header, "日期", file);
  const size_t money = spec.money.empty() ? SIZE_MAX : ColumnIndex(header, spec.money, file);
  const size_t flag = spec.flag.empty() ? SIZE_MAX : ColumnIndex(header, spec.flag, file);
  const size_t max_column = std::max({id, date, money == SIZE_MAX ? 0 : money, flag == SIZE_MAX ? 0 : flag});
  std::array<FeedPart, kThreads> parts;
  InParallel(file, [&](size_t t, size_t begin, size_t end) {
    FeedPart& part = parts[t];
    std::vector<std::string_view> f(max_column + 1);
    ForEachLine(file, begin, end, [&](std::string_view line) {
      if (SplitFields(line, f.data(), f.size()) <= max_column) return;
      part.ids.push_back(PackId(f[id]));
      part.days.push_back(DayNumber(f[date]));
      if (money != SIZE_MAX) part.amount_fen.push_back(Fen(f[money]));
      if (flag != SIZE_MAX) part.flag.push_back(Yes(f[flag]));
    });
    ProbeAll(table, part);
  });
  uint64_t matched = 0;
  for (const FeedPart& p : parts) matched += p.matched;
  return matched;
}

long PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: screen_floor REGISTRY.csv FEEDS_DIR\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  auto since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  const File registry(argv[1]);
  size_t bytes = registry.size();
  const std::array<RegistryPart, kThreads> parts = ReadRegistry(registry);
  const double registry_seconds = since(start);
  const IdTable table = BuildIdTable(parts);
  const double table_seconds = since(start) - registry_seconds;
  uint64_t feed_rows_matched = 0;
  for (const FeedSpec& spec : kFeeds) {
    const File feed(std::string(argv[2]) + "/" + std::string(spec.name) + ".csv");
    bytes += feed.size();
    feed_rows_matched += ReadFeed(feed, spec, table);
  }
  const double seconds = since(start);
  size_t persons = 0;
  for (const RegistryPart& p : parts) persons += p.ids.size();
  fmt::print(
      "floor: {:.3f} s for {:.2f} GB ({:.2f} GB/s), peak {} MiB; {} persons, {} feed rows matched "
      "(registry {:.3f} s, ID table {:.3f} s, feeds {:.3f} s)\n",
      seconds, static_cast<double>(bytes) / 1e9, static_cast<double>(bytes) / 1e9 / seconds, PeakRssMib(),
      persons, feed_rows_matched, registry_seconds, table_seconds,
      seconds - registry_seconds - table_seconds);
  return 0;
}
