// Fuzz target for CsvReader, the reader of every registry import. The first input byte
// chooses the options (delimiter, encoding and its detection, limits, a read buffer of 16 to
// 107 bytes so that records straddle reads); the rest is the file. Properties, each a trap
// when broken: no crash or sanitizer report; every field is valid UTF-8 without NUL inside
// live memory (each byte is read) and within the limits; line numbers increase; after an
// error Next() returns the same error again with no fields; and the records, their line
// numbers and the final status code and line equal those of a reference reader that holds the
// whole input in one buffer. Only the error's line is compared, not its column and wording,
// which still depend on where reads end: a GB18030 sequence cut by a read is "incomplete"
// rather than "invalid", and a too-long field straddling a read is reported before a bad
// byte inside it, with the hint that its quote may be unclosed.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "fuzz/fuzz_check.h"
#include "io/csv_reader.h"
#include "io/text_encoding.h"

namespace jz {
namespace {

// Everything a reader returned, copied so that it outlives the reader.
struct Outcome {
  std::vector<std::vector<std::string>> records;
  std::vector<int64_t> line_numbers;
  Status end;  // OK at the end of the input, else the error Next() returned.
  char delimiter = 0;
  TextEncoding encoding = TextEncoding::kUtf8;
};

CsvOptions OptionsFrom(uint8_t control) {
  constexpr char kDelimiters[] = {0, ',', '\t', ';'};
  CsvOptions options;
  options.delimiter = kDelimiters[control & 3];
  options.detect_encoding = (control & 4) == 0;
  options.encoding = (control & 8) != 0 ? TextEncoding::kGb18030 : TextEncoding::kUtf8;
  options.read_buffer_bytes = 16 + size_t{13} * ((control >> 4) & 7);
  if ((control & 0x80) != 0) {
    options.max_field_bytes = 8;
    options.max_fields = 4;
  }
  return options;
}

// Checks one returned record against the options, reading every byte of every field.
void CheckRecord(const std::vector<std::string_view>& fields, const CsvOptions& options) {
  JZ_FUZZ_CHECK(!fields.empty() && fields.size() <= options.max_fields);
  for (std::string_view field : fields) {
    JZ_FUZZ_CHECK(field.size() <= options.max_field_bytes);
    unsigned char seen = 0;
    for (char c : field) seen |= static_cast<unsigned char>(c == '\0');
    JZ_FUZZ_CHECK(seen == 0);
    JZ_FUZZ_CHECK(IsValidUtf8(field));
  }
}

Outcome ReadAll(std::string_view data, const CsvOptions& options) {
  StatusOr<std::unique_ptr<CsvReader>> opened = CsvReader::FromString(std::string(data), "fuzz.csv", options);
  JZ_FUZZ_CHECK(opened.ok());  // The options are valid and iconv knows GB18030.
  CsvReader& reader = **opened;
  Outcome outcome{.delimiter = reader.delimiter(), .encoding = reader.encoding()};
  std::vector<std::string_view> fields;
  while (true) {
    StatusOr<bool> more = reader.Next(fields);
    if (!more.ok()) {
      JZ_FUZZ_CHECK(fields.empty());
      for (int again = 0; again < 2; ++again) {
        StatusOr<bool> later = reader.Next(fields);
        JZ_FUZZ_CHECK(!later.ok() && later.status() == more.status() && fields.empty());
      }
      outcome.end = more.status();
      return outcome;
    }
    if (!*more) {
      JZ_FUZZ_CHECK(fields.empty());
      return outcome;
    }
    CheckRecord(fields, options);
    JZ_FUZZ_CHECK(reader.record_index() == static_cast<int64_t>(outcome.records.size()));
    JZ_FUZZ_CHECK(outcome.line_numbers.empty() || reader.line_number() > outcome.line_numbers.back());
    // Every record consumes at least one input byte; more means the reader is looping.
    JZ_FUZZ_CHECK(outcome.records.size() < data.size());
    outcome.records.emplace_back(fields.begin(), fields.end());
    outcome.line_numbers.push_back(reader.line_number());
  }
}

// The status code and the start of the message, "<name>: 第 N 行 (line N)": the line of the
// record in error.
std::string ErrorLine(const Status& status) {
  const std::string& message = status.message();
  const size_t line = message.find("(line ");
  const size_t line_end = line == std::string::npos ? std::string::npos : message.find(')', line);
  return std::to_string(static_cast<int>(status.code())) + " " +
         (line_end == std::string::npos ? message : message.substr(0, line_end + 1));
}

}  // namespace
}  // namespace jz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const jz::CsvOptions options = jz::OptionsFrom(data[0]);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  // The SIMD validator the bulk loaders use agrees with the scanner the reader uses.
  JZ_FUZZ_CHECK(jz::IsValidUtf8(text) == (jz::ScanUtf8(text).valid_bytes == text.size()));
  const jz::Outcome small = jz::ReadAll(text, options);

  // The same file in one read, with what the small-buffer reader detected pinned (detection
  // looks only at the first buffer, so it may legitimately differ).
  jz::CsvOptions whole = options;
  whole.read_buffer_bytes = text.size() + 16;
  whole.delimiter = small.delimiter;
  whole.encoding = small.encoding;
  whole.detect_encoding = false;
  const jz::Outcome reference = jz::ReadAll(text, whole);
  JZ_FUZZ_CHECK(small.records == reference.records);
  JZ_FUZZ_CHECK(small.line_numbers == reference.line_numbers);
  JZ_FUZZ_CHECK(jz::ErrorLine(small.end) == jz::ErrorLine(reference.end));
  return 0;
}
