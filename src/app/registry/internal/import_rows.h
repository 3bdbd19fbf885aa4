// Helpers the importer's files share: per-row checks made on the parsing thread (income
// signs, the place of a row by code or by names), the hand-off queue to the writer thread,
// and the notes that become the problems column of the user-layout copy.
#ifndef JZ_APP_REGISTRY_INTERNAL_IMPORT_ROWS_H_
#define JZ_APP_REGISTRY_INTERNAL_IMPORT_ROWS_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/registry/region_names.h"
#include "core/limits.h"
#include "core/status.h"
#include "io/registry_reader.h"
#include "io/text_encoding.h"

namespace jz {

class Store;

namespace internal {

// Appends a problem for each income component of `row` that may not be negative and is
// (the income cells repeat on every member's row; the caller checks a household's first row).
void CheckIncomeSigns(const RegistryRow& row, const std::string& file, std::vector<RowProblem>& out);

// Gives `row` its village code, or appends why it cannot have one:
//  - a code and names: the names must name the code's unit (import.region_mismatch);
//  - a code of an older edition: replaced by the current unit's code;
//  - names only: resolved (import.region_name with the resolver's message when unknown or
//    ambiguous; the same rule, saying the province is unknown, when `resolver` is null).
// A code that is no loaded region at all is left for the writer (region.unknown_village).
//
// `memo`, when given, remembers the last code checked against its names: an export lists a
// village's households together, and checking names (with their zh-Hant folding) for every
// household costs as much as parsing its rows.
struct PlaceMemo {
  bool valid = false;
  RegionCode code;
  PlaceNames place;
  RegionCode current;
  std::string mismatch;  // the CheckAgrees message; empty when the names agree
};
void PlaceRow(RegistryRow& row, const RegionNameResolver* resolver, const std::string& file,
              std::vector<RowProblem>& out, PlaceMemo* memo = nullptr);

// The resolver an import uses, loaded once before any row is read: `given` when set; else
// loaded for `province`; else none. Fails with FailedPrecondition — one error, saying what
// to run — when the store holds no region at all, or none of `province` (the resolver's own
// error). `owned` keeps a loaded resolver alive.
[[nodiscard]] StatusOr<const RegionNameResolver*> PrepareRegions(Store& store,
                                                                 const std::optional<RegionCode>& province,
                                                                 const RegionNameResolver* given,
                                                                 std::unique_ptr<RegionNameResolver>& owned);

// The problems column of one file's user-layout copy: the text for each rejected (or
// skipped footer) row, by the line or sheet row the row starts on, and the header's last line
// (the problems column's title goes there).
struct LayoutNotes {
  std::map<int64_t, std::string> by_line;
  int64_t header_line = 0;  // 0: the header was not read
  size_t header_width = 0;  // the problems column goes after this many cells
  bool rejected = false;    // a row of this file was rejected: the copy is written
};

// Writes a copy of `file` — every record in order, title and header rows included — with
// one more column: "问题 | problems" on the header row, `notes.by_line` on the rows it
// names, empty elsewhere. A CSV file's copy is CSV in its own encoding and delimiter; a
// workbook's (.xlsx or .xls) is an .xlsx of its first sheet's non-empty rows (the path must
// then end in .xlsx: LayoutReportPath()).
// ID numbers stay as the user gave them (it is their file).
[[nodiscard]] Status WriteLayoutCopy(const std::string& file, const std::optional<TextEncoding>& encoding,
                                     const LayoutNotes& notes, const std::string& out_path);

// Hands sealed households from the parsing thread to the writer thread. Bounded: the
// writer sets the pace, and a parser running ahead would only hold more rows in memory.
template <typename T>
class SealedQueue {
 public:
  void Push(T* p) {
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
  T* Pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return nullptr;
    T* p = items_.front();
    items_.pop_front();
    lock.unlock();
    room_.notify_one();
    return p;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<T*> items_;
  bool closed_ = false;
};

}  // namespace internal
}  // namespace jz

#endif  // JZ_APP_REGISTRY_INTERNAL_IMPORT_ROWS_H_
