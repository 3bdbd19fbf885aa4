// Encoding names, strict UTF-8 scanning, encoding sniffing and the iconv wrapper. The UTF-8
// scanner runs over every byte CsvReader reads, so it skips ASCII eight bytes at a time,
// checks three-byte (CJK) sequences with a few bit operations, and decodes the rest with a
// 256-entry table of lead bytes.
#include "io/text_encoding.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace jz {
namespace {

// What a byte means as the first byte of a UTF-8 sequence: the sequence's length (0 when
// the byte cannot start one) and the range allowed for the second byte, which is where
// table 3-7 of the Unicode standard excludes overlong forms, surrogates and > U+10FFFF.
struct Utf8Lead {
  uint8_t length = 0;
  uint8_t second_min = 0x80;
  uint8_t second_max = 0xBF;
};

constexpr std::array<Utf8Lead, 256> MakeUtf8LeadTable() {
  std::array<Utf8Lead, 256> table{};
  for (int b = 0; b < 0x80; ++b) table[static_cast<size_t>(b)].length = 1;
  for (int b = 0xC2; b <= 0xDF; ++b) table[static_cast<size_t>(b)].length = 2;
  for (int b = 0xE0; b <= 0xEF; ++b) table[static_cast<size_t>(b)].length = 3;
  for (int b = 0xF0; b <= 0xF4; ++b) table[static_cast<size_t>(b)].length = 4;
  table[0xE0].second_min = 0xA0;  // E0 80..9F would be overlong.
  table[0xED].second_max = 0x9F;  // ED A0..BF would encode surrogates.
  table[0xF0].second_min = 0x90;  // F0 80..8F would be overlong.
  table[0xF4].second_max = 0x8F;  // F4 90.. would exceed U+10FFFF.
  return table;
}

constexpr std::array<Utf8Lead, 256> kUtf8Leads = MakeUtf8LeadTable();

// Returns the offset of the first non-ASCII byte in s[i, n) found eight bytes at a time,
// or the offset where fewer than eight bytes remain.
size_t SkipAscii(const unsigned char* s, size_t i, size_t n) {
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, s + i, sizeof word);
    const uint64_t high_bits = word & 0x8080808080808080ULL;
    if (high_bits == 0) continue;
    const int zero_bits = std::endian::native == std::endian::little ? std::countr_zero(high_bits)
                                                                     : std::countl_zero(high_bits);
    return i + static_cast<size_t>(zero_bits / 8);
  }
  return i;
}
// The fast path for three-byte sequences, which is every CJK character: true when p[0] is
// E0..EF, p[1] and p[2] are continuation bytes, and the code point is neither overlong
// (below U+0800) nor a surrogate. Anything else takes the table path, which also finds
// the exact error.
bool IsValidThreeByteSequence(const unsigned char* p) {
  const bool continuations = ((p[1] & 0xC0) | ((p[2] & 0xC0) >> 2)) == 0xA0;
  const unsigned top_bits = ((p[0] & 0x0Fu) << 1) | ((p[1] >> 5) & 1u);  // code point bits 15..11
  return continuations && top_bits != 0 && top_bits != 0x1B;             // 0x1B: D800..DFFF
}

const char* IconvName(TextEncoding encoding) { return encoding == TextEncoding::kUtf8 ? "UTF-8" : "GB18030"; }

std::string AsciiLower(std::string_view s) {
  std::string lower(s);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace

StatusOr<TextEncoding> ParseTextEncoding(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "utf-8" || lower == "utf8") return TextEncoding::kUtf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return TextEncoding::kGb18030;
  return InvalidArgumentError(
      Bilingual("未知的文本编码“{}”；可用的编码：utf-8、gb18030（gbk、gb2312 按 gb18030 读取）",
                "unknown text encoding \"{}\"; accepted: utf-8, gb18030 (gbk and gb2312 "
                "are read as gb18030)",
                name));
}

std::string_view TextEncodingName(TextEncoding encoding) {
  return encoding == TextEncoding::kUtf8 ? "utf-8" : "gb18030";
}

Utf8Scan ScanUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      i = SkipAscii(s, i + 1, n);
      continue;
    }
    if ((s[i] & 0xF0) == 0xE0 && i + 3 <= n && IsValidThreeByteSequence(s + i)) {
      i += 3;
      continue;
    }
    const Utf8Lead lead = kUtf8Leads[s[i]];
    if (lead.length == 0) return {i, false};
    const size_t available = std::min<size_t>(lead.length, n - i);
    if (available >= 2 && (s[i + 1] < lead.second_min || s[i + 1] > lead.second_max)) {
      return {i, false};
    }
    for (size_t k = 2; k < available; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return {i, false};
    }
    if (available < lead.length) return {i, true};
    i += lead.length;
  }
  return {n, false};
}

// The bulk loaders validate gigabytes with this, so it is simdjson's SIMD validator (the
// same strict rules as ScanUtf8, checked equal by text_encoding_test and the CSV fuzzer)
// rather than ScanUtf8's byte loop, which stays for finding where an error is.
bool IsValidUtf8(std::string_view bytes) { return simdjson::validate_utf8(bytes.data(), bytes.size()); }

TextEncoding DetectEncoding(std::string_view sample) {
  const Utf8Scan scan = ScanUtf8(sample);
  if (scan.valid_bytes == sample.size() || scan.truncated) return TextEncoding::kUtf8;
  return TextEncoding::kGb18030;
}

// A line feed is never part of a multi-byte GB18030 character (trail bytes are >= 0x30),
// so the prefix usually ends after the last one; a block without one is walked from its
// start by character length: one byte below 0x80, four when the second byte is a digit,
// else two.
size_t Gb18030CompletePrefix(std::string_view block) {
  if (const void* newline = memrchr(block.data(), '\n', block.size()); newline != nullptr) {
    return static_cast<size_t>(static_cast<const char*>(newline) - block.data()) + 1;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(block.data());
  const size_t size = block.size();
  size_t i = 0;
  size_t complete = 0;
  while (i < size) {
    if (bytes[i] < 0x80) {
      i += 1;
    } else if (i + 1 < size && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) {
      i += 4;
    } else {
      i += 2;
    }
    if (i <= size) complete = i;
  }
  return complete;
}

StatusOr<EncodingConverter> EncodingConverter::Create(TextEncoding from, TextEncoding to) {
  iconv_t cd = iconv_open(IconvName(to), IconvName(from));
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    const std::string reason = std::error_code(errno, std::generic_category()).message();
    return InternalError(
        Bilingual("无法创建 {} 到 {} 的编码转换（iconv：{}）",
                  "cannot convert from {} to {} (iconv: {}); are the gconv modules installed?",
                  TextEncodingName(from), TextEncodingName(to), reason));
  }
  return EncodingConverter(cd, from, to);
}

EncodingConverter::EncodingConverter(EncodingConverter&& other) noexcept
    : cd_(std::exchange(other.cd_, nullptr)),
      from_(other.from_),
      to_(other.to_),
      input_offset_(other.input_offset_) {}

EncodingConverter& EncodingConverter::operator=(EncodingConverter&& other) noexcept {
  if (this != &other) {
    if (cd_ != nullptr) iconv_close(cd_);
    cd_ = std::exchange(other.cd_, nullptr);
    from_ = other.from_;
    to_ = other.to_;
    input_offset_ = other.input_offset_;
  }
  return *this;
}

EncodingConverter::~EncodingConverter() {
  if (cd_ != nullptr) iconv_close(cd_);
}

Status EncodingConverter::Convert(std::string_view in, std::string& out) {
  assert(cd_ != nullptr);
  // iconv's POSIX signature takes char** for the input but never writes through it.
  char* in_next = const_cast<char*>(in.data());
  size_t in_left = in.size();
  while (in_left > 0) {
    // GB18030 → UTF-8 grows at most 3/2, UTF-8 → GB18030 at most 2; E2BIG loops anyway.
    const size_t out_start = out.size();
    const size_t room = in_left * 2 + 16;
    out.resize(out_start + room);
    char* out_next = out.data() + out_start;
    size_t out_left = room;
    const size_t result = iconv(cd_, &in_next, &in_left, &out_next, &out_left);
    const int error = errno;
    out.resize(out_start + room - out_left);
    if (result != static_cast<size_t>(-1) || error == E2BIG) continue;
    const size_t offset_in_piece = static_cast<size_t>(in_next - in.data());
    input_offset_ += static_cast<int64_t>(offset_in_piece);
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // Back to the initial state for reuse.
    const std::string_view name = TextEncodingName(from_);
    if (error == EINVAL) {
      return InvalidArgumentError(Bilingual("{} 文本在字节偏移 {} 处有不完整的字符",
                                            "incomplete {} character at byte offset {}", name,
                                            input_offset_));
    }
    const auto byte = static_cast<unsigned char>(in[offset_in_piece]);
    return InvalidArgumentError(
        Bilingual(fmt::format("字节偏移 {} 处的字节 0x{:02X} 不是有效的 {} 文本", input_offset_, byte, name),
                  fmt::format("invalid {} byte 0x{:02X} at byte offset {}", name, byte, input_offset_)));
  }
  input_offset_ += static_cast<int64_t>(in.size());
  return OkStatus();
}

}  // namespace jz
