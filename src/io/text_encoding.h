// The text encodings our files come in, and conversion between them. Registry exports from
// provincial systems arrive as UTF-8 or as GBK/GB18030 (Excel on Chinese Windows saves CSV
// in the ANSI code page, which is GBK); internally everything is UTF-8. CsvReader and
// CsvWriter use this module to sniff, validate and convert; the CLI parses --encoding with
// ParseTextEncoding(). Conversion is done by glibc iconv behind a small RAII class.
#ifndef JZ_IO_TEXT_ENCODING_H_
#define JZ_IO_TEXT_ENCODING_H_

#include <iconv.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jz {

// An encoding of a file's bytes. GB18030 is a superset of GBK and GB2312, so files in
// either are read as GB18030.
enum class TextEncoding : uint8_t { kUtf8, kGb18030 };

// Returns the encoding named by `name`: "utf-8" / "utf8" → kUtf8; "gb18030", "gbk",
// "gb2312" → kGb18030 (ASCII case is ignored).
// Fails with InvalidArgumentError (bilingual) naming `name` and the accepted names.
[[nodiscard]] StatusOr<TextEncoding> ParseTextEncoding(std::string_view name);

// Returns the canonical lower-case name of `encoding`: "utf-8" or "gb18030".
std::string_view TextEncodingName(TextEncoding encoding);

// The outcome of scanning bytes as UTF-8.
struct Utf8Scan {
  // Length of the longest prefix made only of complete, valid UTF-8 sequences.
  size_t valid_bytes = 0;
  // True when the bytes after `valid_bytes` are the start of a valid sequence that is cut
  // off by the end of the input (so more input could complete it); false when they are
  // invalid, or when there are none.
  bool truncated = false;
};

// Scans `bytes` as strict UTF-8 (Unicode table 3-7: no overlong forms, no surrogates,
// nothing above U+10FFFF). Runs of ASCII are skipped eight bytes at a time. Thread-safe.
Utf8Scan ScanUtf8(std::string_view bytes);

// Returns true when `bytes` is entirely valid, complete, strict UTF-8 (see ScanUtf8).
bool IsValidUtf8(std::string_view bytes);

// Guesses the encoding of a file from its first bytes: kUtf8 when `sample` is valid UTF-8,
// ignoring a multi-byte sequence cut off at the very end of the sample (the sample is
// usually a prefix of the file), else kGb18030. Pure ASCII is reported as kUtf8; both
// encodings read it identically.
TextEncoding DetectEncoding(std::string_view sample);

// Returns the length of the longest prefix of the GB18030 bytes `block` that ends on a
// character boundary, assuming `block` starts on one: the part of a read that can be
// converted now without splitting a character. Thread-safe.
size_t Gb18030CompletePrefix(std::string_view block);

// Converts text from one TextEncoding to another with glibc iconv.
//
// Both encodings are stateless, so a text may be converted in pieces by calling Convert()
// repeatedly, provided each piece ends at a character boundary. Movable, not copyable.
// Not thread-safe: use one converter per thread.
class EncodingConverter {
 public:
  // Returns a converter from `from` to `to` (which may be equal: the input is then only
  // validated). Fails with InternalError when iconv lacks the conversion (the system's
  // gconv modules are missing).
  [[nodiscard]] static StatusOr<EncodingConverter> Create(TextEncoding from, TextEncoding to);

  EncodingConverter(EncodingConverter&& other) noexcept;
  EncodingConverter& operator=(EncodingConverter&& other) noexcept;
  EncodingConverter(const EncodingConverter&) = delete;
  EncodingConverter& operator=(const EncodingConverter&) = delete;
  ~EncodingConverter();

  // Appends the conversion of `in` to `out`.
  // Fails with InvalidArgumentError (bilingual) naming the byte offset of the first byte
  // that is not valid in the source encoding, or of a character cut off at the end of
  // `in`; offsets count from the first byte ever passed to this converter. On failure
  // `out` holds the conversion of every byte before that offset, and the converter may be
  // used again for later input.
  // REQUIRES: this converter was not moved from.
  [[nodiscard]] Status Convert(std::string_view in, std::string& out);

  // The number of input bytes converted so far. After a failed Convert() this is the
  // offset of the offending byte.
  int64_t input_offset() const { return input_offset_; }

  TextEncoding from() const { return from_; }
  TextEncoding to() const { return to_; }

 private:
  EncodingConverter(iconv_t cd, TextEncoding from, TextEncoding to) : cd_(cd), from_(from), to_(to) {}

  iconv_t cd_ = nullptr;  // Owned; nullptr once moved from.
  TextEncoding from_;
  TextEncoding to_;
  int64_t input_offset_ = 0;
};

}  // namespace jz

#endif  // JZ_IO_TEXT_ENCODING_H_
