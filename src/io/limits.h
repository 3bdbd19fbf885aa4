// The limits of the io layer, each with the reason for its number. CsvReader and CsvWriter
// take their defaults from here; callers may tighten the per-reader ones in CsvOptions.
// A limit turns a malformed or hostile file into a clear error instead of unbounded memory.
#ifndef JZ_IO_LIMITS_H_
#define JZ_IO_LIMITS_H_

#include <cstddef>

namespace jz {

// The longest CSV field accepted. Registry fields are names, addresses, codes and notes of
// at most a few KiB; a field of a mebibyte almost always means an unclosed quote has
// swallowed the rest of the file, and saying so early beats reading it all into memory.
inline constexpr size_t kMaxCsvFieldBytes = size_t{1} << 20;

// The most fields one CSV record may have. Our widest import (the household roster) has
// fewer than 100 columns; 512 leaves room for wide exports while rejecting a file whose
// delimiter was guessed wrong (every byte a field) before it costs memory.
inline constexpr size_t kMaxCsvFields = 512;

// The longest CSV record, in raw bytes. The two limits above would allow 512 fields of a
// mebibyte each; this bounds the read buffer's growth to a figure a server can afford.
inline constexpr size_t kMaxCsvRecordBytes = size_t{64} << 20;

// The CsvReader's read(2) size. Four mebibytes amortise the system call and the shift of a
// partial record to the buffer's front to nothing, and still fit in L2/L3 on a server.
inline constexpr size_t kCsvReadBufferBytes = size_t{4} << 20;

// How much of a file's start DetectEncoding() sees. 64 KiB is hundreds of registry rows:
// enough Chinese text that GBK bytes show up as invalid UTF-8 with near certainty.
inline constexpr size_t kEncodingSniffBytes = size_t{64} << 10;

// The CsvWriter's buffer; it is flushed at the first row end past this size. One mebibyte
// makes write(2) and the GB18030 conversion per call cheap relative to the bytes moved.
inline constexpr size_t kCsvWriteBufferBytes = size_t{1} << 20;

}  // namespace jz

#endif  // JZ_IO_LIMITS_H_
