// File heads, line-aligned ranges and block reading for the fast loaders.
#include "engine/file_ranges.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <thread>

#include "core/limits.h"

namespace jz {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Bytes read per block: large enough to amortise the system call, small enough to stay
// mostly in the second-level cache while the block is parsed.
constexpr size_t kBlockBytes = size_t{1} << 20;
// Bytes read at a time while looking for the line end after a range's nominal start.
constexpr size_t kProbeBytes = size_t{64} << 10;

Status ReadError(int error) {
  return DataLossError(Bilingual("读取文件失败（{}）", "cannot read the file ({})", std::strerror(error)));
}

}  // namespace

StatusOr<RawFile> RawFile::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ReadError(errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const int error = errno;
    ::close(fd);
    return ReadError(error == 0 ? EINVAL : error);
  }
  return RawFile(fd, static_cast<int64_t>(st.st_size));
}

RawFile::~RawFile() {
  if (fd_ >= 0) ::close(fd_);
}

StatusOr<size_t> RawFile::ReadAt(int64_t offset, char* out, size_t count) const {
  size_t done = 0;
  while (done < count) {
    const ssize_t n =
        ::pread(fd_, out + done, count - done, static_cast<off_t>(offset) + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ReadError(errno);
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

StatusOr<FileHead> ReadFileHead(const RawFile& file) {
  FileHead head;
  std::string sample(static_cast<size_t>(std::min<int64_t>(file.size(), kEncodingSniffBytes)), '\0');
  ASSIGN_OR_RETURN(const size_t n, file.ReadAt(0, sample.data(), sample.size()));
  sample.resize(n);
  head.encoding = DetectEncoding(sample);
  // A workbook (zip, OLE2) or UTF-16/32 text is for OpenTable() on the slow path to read or
  // refuse by name, even where its first bytes happen to pass for UTF-8.
  using namespace std::string_view_literals;
  for (const std::string_view signature :
       {"PK\x03\x04"sv, "\xD0\xCF\x11\xE0"sv, "\xFF\xFE"sv, "\xFE\xFF"sv, "\0\0\xFE\xFF"sv}) {
    if (std::string_view(sample).starts_with(signature)) return head;
  }
  std::string_view rest(sample);
  size_t begin = 0;
  if (rest.starts_with(kUtf8Bom)) begin = kUtf8Bom.size();
  rest.remove_prefix(begin);
  const size_t newline = rest.find('\n');
  if (head.encoding != TextEncoding::kUtf8 || rest.empty() || rest.front() == '\n' || rest.front() == '\r' ||
      newline == std::string_view::npos) {
    return head;  // not fast-readable; a header without any data row is left to the slow path
  }
  std::string_view header = rest.substr(0, newline);
  if (header.ends_with('\r')) header.remove_suffix(1);
  const auto tabs = std::count(header.begin(), header.end(), '\t');
  if (tabs > std::count(header.begin(), header.end(), ',') || header.find('"') != std::string_view::npos ||
      header.empty()) {
    return head;
  }
  head.header = std::string(header);
  head.data_begin = static_cast<int64_t>(begin + newline + 1);
  head.fast_readable = true;
  return head;
}

StatusOr<std::vector<FileRange>> SplitAtLines(const RawFile& file, int64_t begin, size_t count) {
  std::vector<FileRange> ranges;
  const int64_t size = file.size();
  std::string probe(kProbeBytes, '\0');
  int64_t start = begin;
  for (size_t i = 1; i <= count; ++i) {
    int64_t end =
        i == count ? size : begin + (size - begin) * static_cast<int64_t>(i) / static_cast<int64_t>(count);
    end = std::max(end, start);
    // Move `end` just past the next line end (at or after end - 1, so a boundary that is
    // already a line start stays).
    if (end > start && end < size) {
      int64_t at = end - 1;
      while (true) {
        ASSIGN_OR_RETURN(const size_t n, file.ReadAt(at, probe.data(), probe.size()));
        const void* newline = std::memchr(probe.data(), '\n', n);
        if (newline != nullptr) {
          end = at + (static_cast<const char*>(newline) - probe.data()) + 1;
          break;
        }
        if (n < probe.size()) {
          end = size;
          break;
        }
        at += static_cast<int64_t>(n);
      }
    }
    ranges.push_back({start, end});
    start = end;
  }
  return ranges;
}

StatusOr<bool> ForEachBlock(const RawFile& file, FileRange range, size_t max_line_bytes, std::string& buffer,
                            const std::function<BlockVerdict(std::string_view block)>& visit) {
  if (buffer.size() < kBlockBytes) buffer.resize(kBlockBytes);
  size_t carried = 0;  // bytes of an unfinished line at buffer's start
  int64_t offset = range.begin;
  while (offset < range.end) {
    if (buffer.size() - carried < kBlockBytes / 2) {
      if (carried > max_line_bytes) return false;
      buffer.resize(buffer.size() * 2);
    }
    const size_t wanted = static_cast<size_t>(
        std::min<int64_t>(static_cast<int64_t>(buffer.size() - carried), range.end - offset));
    ASSIGN_OR_RETURN(const size_t n, file.ReadAt(offset, buffer.data() + carried, wanted));
    if (n == 0) break;  // the file shrank; the caller sees fewer lines
    offset += static_cast<int64_t>(n);
    const size_t filled = carried + n;
    const void* last = memrchr(buffer.data() + carried, '\n', n);
    if (last == nullptr) {
      carried = filled;
      continue;
    }
    const size_t complete = static_cast<size_t>(static_cast<const char*>(last) - buffer.data()) + 1;
    if (visit(std::string_view(buffer.data(), complete)) == BlockVerdict::kStop) return false;
    std::memmove(buffer.data(), buffer.data() + complete, filled - complete);
    carried = filled - complete;
  }
  if (carried > max_line_bytes) return false;
  if (carried > 0 && visit(std::string_view(buffer.data(), carried)) == BlockVerdict::kStop) return false;
  return true;
}

bool HasQuoteOrNul(std::string_view block) {
  const char* p = block.data();
  const size_t size = block.size();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i nul = _mm_setzero_si128();
  for (; i + 64 <= size; i += 64) {  // four chunks per test
    __m128i any = nul;
    for (size_t k = 0; k < 64; k += 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + k));
      any = _mm_or_si128(any, _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, nul)));
    }
    if (_mm_movemask_epi8(any) != 0) return true;
  }
#endif
  for (; i < size; ++i) {
    if (p[i] == '"' || p[i] == '\0') return true;
  }
  return false;
}

namespace {

// The bytes of `p` from `i` on, one at a time; then the result as SplitFieldsKeeping's.
size_t SplitTail(const char* p, size_t size, size_t i, size_t n, uint32_t* starts, size_t max_fields,
                 size_t keep) {
  for (; i < size; ++i) {
    if (p[i] != ',') continue;
    if (n <= keep) starts[n] = static_cast<uint32_t>(i + 1);
    ++n;
  }
  if (n > max_fields) return 0;
  if (n <= keep) starts[n] = static_cast<uint32_t>(size + 1);
  return n;
}

#if defined(__x86_64__) && defined(__GNUC__)
// 32 bytes at a time where the processor has AVX2 (chosen at run time: the build targets
// every x86-64). Per registry row this is a fifth of the load's instructions.
__attribute__((target("avx2,bmi,popcnt"))) size_t SplitAvx2(const char* p, size_t size, uint32_t* starts,
                                                            size_t max_fields, size_t keep) {
  size_t n = 1;  // fields started so far; starts[k] is written for k <= keep only
  starts[0] = 0;
  size_t i = 0;
  const __m256i comma = _mm256_set1_epi8(',');
  for (; i + 32 <= size; i += 32) {
    const __m256i chunk = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    auto mask = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(chunk, comma)));
    if (n > keep) {
      n += static_cast<size_t>(_mm_popcnt_u32(mask));
      continue;
    }
    for (; mask != 0; mask = _blsr_u32(mask)) {
      if (n <= keep) starts[n] = static_cast<uint32_t>(i + _tzcnt_u32(mask) + 1);
      ++n;
    }
  }
  return SplitTail(p, size, i, n, starts, max_fields, keep);
}
#endif

size_t SplitSse2(const char* p, size_t size, uint32_t* starts, size_t max_fields, size_t keep) {
  size_t n = 1;
  starts[0] = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  for (; i + 16 <= size; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, comma)));
    if (n > keep) {
      n += static_cast<size_t>(std::popcount(mask));
      continue;
    }
    for (; mask != 0; mask &= mask - 1) {
      if (n <= keep) starts[n] = static_cast<uint32_t>(i + static_cast<size_t>(std::countr_zero(mask)) + 1);
      ++n;
    }
  }
#endif
  return SplitTail(p, size, i, n, starts, max_fields, keep);
}

}  // namespace

size_t SplitFieldsKeeping(std::string_view line, uint32_t* starts, size_t max_fields, size_t keep) {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool kHasAvx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi");
  if (kHasAvx2) return SplitAvx2(line.data(), line.size(), starts, max_fields, keep);
#endif
  return SplitSse2(line.data(), line.size(), starts, max_fields, keep);
}

size_t internal::SplitFieldsKeepingSse2(std::string_view line, uint32_t* starts, size_t max_fields,
                                        size_t keep) {
  return SplitSse2(line.data(), line.size(), starts, max_fields, keep);
}

size_t SplitFields(std::string_view line, uint32_t* starts, size_t max_fields) {
  return SplitFieldsKeeping(line, starts, max_fields, max_fields);
}

size_t ThreadCount(int threads) {
  if (threads > 0) return static_cast<size_t>(threads);
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace jz
