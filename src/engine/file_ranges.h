// Parallel reading of a CSV file's data rows for the fast loaders (feed_loader.h,
// registry_loader.h): the file's start as CsvReader would see it (encoding sniff, byte-order
// mark, header line), then the data split into byte ranges at line boundaries, one per
// thread, each read with pread() into a per-thread buffer in blocks of whole lines. Files
// are never mapped: mapped pages would count in the process's peak resident memory.
//
// Only quote-free, comma-separated UTF-8 files are read this way; FileHead says when a file
// is something else, and the loaders then take their slow path (CsvReader) for the whole
// file. Line semantics follow CsvReader's for such files: records end at LF, one CR before
// it is dropped, empty lines (and a line holding only CR) are skipped but counted.
#ifndef JZ_ENGINE_FILE_RANGES_H_
#define JZ_ENGINE_FILE_RANGES_H_

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/status.h"
#include "io/text_encoding.h"

namespace jz {

// An open file, closed on destruction. Movable only.
class RawFile {
 public:
  // Opens `path` for reading. Fails with the errno text; loaders then take their slow path,
  // whose CsvReader reports the failure as users expect it.
  static StatusOr<RawFile> Open(const std::string& path);
  RawFile(RawFile&& other) noexcept : fd_(other.fd_), size_(other.size_) { other.fd_ = -1; }
  RawFile& operator=(RawFile&&) = delete;
  RawFile(const RawFile&) = delete;
  ~RawFile();

  int64_t size() const { return size_; }
  // Reads up to `count` bytes at `offset` (fewer only at the end of the file).
  StatusOr<size_t> ReadAt(int64_t offset, char* out, size_t count) const;

 private:
  RawFile(int fd, int64_t size) : fd_(fd), size_(size) {}
  int fd_;
  int64_t size_;
};

// The start of a file and whether the fast path may read it.
struct FileHead {
  TextEncoding encoding = TextEncoding::kUtf8;  // DetectEncoding of the first 64 KiB
  std::string header;                           // the header line, without BOM and line end
  int64_t data_begin = 0;                       // offset just past the header's line end
  // False when the file is empty, starts with a blank line, has no complete header within
  // the first 64 KiB, has a tab-separated header or a quote in the header.
  bool fast_readable = false;
};

// Reads the start of `file`. Fails only when reading fails.
StatusOr<FileHead> ReadFileHead(const RawFile& file);

struct FileRange {
  int64_t begin = 0;  // at the start of a line
  int64_t end = 0;    // just past a line end, or the end of the file
};

// Splits [begin, file.size()) into `count` ranges at line boundaries (some may be empty).
StatusOr<std::vector<FileRange>> SplitAtLines(const RawFile& file, int64_t begin, size_t count);

// What a block reader tells ForEachBlock.
enum class BlockVerdict : uint8_t { kContinue, kStop };

// Calls `visit` with consecutive blocks of `range`, each of whole lines: every block ends
// just past a '\n', except the last block of a file that does not end in one. `buffer` is
// the caller's (one per thread), grown as needed. Returns false when `visit` stopped or a
// line is longer than `max_line_bytes` (the caller then falls back to its slow path);
// fails when reading fails.
StatusOr<bool> ForEachBlock(const RawFile& file, FileRange range, size_t max_line_bytes, std::string& buffer,
                            const std::function<BlockVerdict(std::string_view block)>& visit);

// Whether `block` holds a '"' or a NUL byte: one pass, 16 bytes at a time.
bool HasQuoteOrNul(std::string_view block);

// Calls `visit(line, newlines_before)` for each record line of `block`, CR-LF aware, with
// blank lines skipped as CsvReader skips them; `newlines_before` counts the line ends in
// `block` before the line. Returns the number of '\n' in `block`.
template <class Visit>
int64_t ForEachLine(std::string_view block, Visit&& visit) {
  const char* p = block.data();
  const char* const end = p + block.size();
  int64_t newlines = 0;
  while (p < end) {
    const auto* newline = static_cast<const char*>(__builtin_memchr(p, '\n', static_cast<size_t>(end - p)));
    const char* line_end = newline != nullptr ? newline : end;
    std::string_view line(p, static_cast<size_t>(line_end - p));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // An empty line, "\r\n", or a lone CR at the end of the file: not a record.
    if (line_end - p > 1 || (line_end - p == 1 && *p != '\r')) visit(line, newlines);
    if (newline == nullptr) break;
    ++newlines;
    p = newline + 1;
  }
  return newlines;
}

// Calls row(line, line_number) for each record line of `block`, numbering from
// `newlines` + 1 and advancing `newlines` by the block's line ends. Returns false, having
// read nothing, when the block is not plain for the fast paths (a '"', a NUL, bytes that
// are not UTF-8), or as soon as `row` returns false.
template <class Row>
bool ForEachPlainRow(std::string_view block, int64_t& newlines, Row&& row) {
  if (HasQuoteOrNul(block) || !IsValidUtf8(block)) return false;
  bool ok = true;
  const int64_t base = newlines;
  newlines += ForEachLine(block, [&](std::string_view line, int64_t before) {
    if (ok) ok = row(line, base + before + 1);
  });
  return ok;
}

// Finds the fields of the quote-free line `line`: field k is
// line.substr(starts[k], starts[k + 1] - 1 - starts[k]). Returns the number of fields, or 0
// when there are more than `max_fields`. REQUIRES: starts has max_fields + 1 entries.
// Compares 16 bytes at a time (SSE2); registry rows have 46 fields of about 8 bytes.
size_t SplitFields(std::string_view line, uint32_t* starts, size_t max_fields);

// As SplitFields, but only fields 0 .. keep-1 can be read from `starts` afterwards (when the
// line has that many); the commas after them are only counted. For the registry, whose last
// needed column comes well before its 46th.
size_t SplitFieldsKeeping(std::string_view line, uint32_t* starts, size_t max_fields, size_t keep);

namespace internal {
// SplitFieldsKeeping without AVX2 (which it uses where the processor has it), for tests.
size_t SplitFieldsKeepingSse2(std::string_view line, uint32_t* starts, size_t max_fields, size_t keep);
}  // namespace internal

// The threads option resolved: 0 is every core.
size_t ThreadCount(int threads);

// Runs fn(0) on the calling thread and fn(1) .. fn(count - 1) on threads of their own, and
// returns when all are done.
template <class Fn>
void RunParallel(size_t count, Fn&& fn) {
  std::vector<std::thread> threads;
  for (size_t i = 1; i < count; ++i) threads.emplace_back([&fn, i] { fn(i); });
  fn(0);
  for (std::thread& t : threads) t.join();
}

}  // namespace jz

#endif  // JZ_ENGINE_FILE_RANGES_H_
