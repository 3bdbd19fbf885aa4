// Tests for CsvReader: RFC 4180 parsing, line numbers, every malformed input with its
// message and line, encodings (UTF-8, GB18030 sniffed and forced, GBK read as UTF-8), and
// records that straddle reads (a tiny read buffer must give the same records).
#include "io/csv_reader.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct ReadResult {
  Rows rows;
  std::vector<int64_t> lines;  // line_number() after each record
  Status status;               // the error that stopped reading, or OK
};

ReadResult ReadAll(std::string data, CsvOptions options = {}) {
  ReadResult result;
  StatusOr<std::unique_ptr<CsvReader>> reader = CsvReader::FromString(std::move(data), "t.csv", options);
  if (!reader.ok()) {
    result.status = reader.status();
    return result;
  }
  std::vector<std::string_view> fields;
  while (true) {
    StatusOr<bool> more = (*reader)->Next(fields);
    if (!more.ok()) {
      result.status = more.status();
      break;
    }
    if (!*more) break;
    result.rows.emplace_back(fields.begin(), fields.end());
    result.lines.push_back((*reader)->line_number());
  }
  return result;
}

std::string ToGb18030(std::string_view utf8) {
  StatusOr<EncodingConverter> converter =
      EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030);
  EXPECT_OK(converter);
  std::string out;
  EXPECT_OK(converter->Convert(utf8, out));
  return out;
}

std::string TempPath(std::string_view name) {
  return ::testing::TempDir() + "jz_csv_reader_" + std::to_string(::getpid()) + "_" + std::string(name);
}

TEST(CsvReader, ReadsSimpleRecordsWithIndexAndLines) {
  ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::FromString("id,name\n1,x\n2,y\n", "t.csv"));
  std::vector<std::string_view> fields;
  EXPECT_EQ(reader->record_index(), -1);
  ASSERT_TRUE(*reader->Next(fields));
  EXPECT_EQ(fields, (std::vector<std::string_view>{"id", "name"}));
  EXPECT_EQ(reader->record_index(), 0);
  EXPECT_EQ(reader->line_number(), 1);
  ASSERT_TRUE(*reader->Next(fields));
  EXPECT_EQ(fields, (std::vector<std::string_view>{"1", "x"}));
  EXPECT_EQ(reader->record_index(), 1);
  EXPECT_EQ(reader->line_number(), 2);
  ASSERT_TRUE(*reader->Next(fields));
  EXPECT_FALSE(*reader->Next(fields));
  EXPECT_TRUE(fields.empty());
  EXPECT_EQ(reader->record_index(), 2);
  EXPECT_EQ(reader->bytes_consumed(), reader->total_bytes());
  EXPECT_EQ(reader->delimiter(), ',');
  EXPECT_EQ(reader->encoding(), TextEncoding::kUtf8);
  EXPECT_EQ(reader->name(), "t.csv");
}

TEST(CsvReader, EmptyInputHasNoRecords) {
  const ReadResult result = ReadAll("");
  EXPECT_OK(result.status);
  EXPECT_TRUE(result.rows.empty());
  EXPECT_TRUE(ReadAll("\n\r\n\n").rows.empty());
  EXPECT_TRUE(ReadAll("\xEF\xBB\xBF").rows.empty());
}

TEST(CsvReader, HeaderOnly) {
  EXPECT_EQ(ReadAll("id,name\n").rows, (Rows{{"id", "name"}}));
  EXPECT_EQ(ReadAll("id,name").rows, (Rows{{"id", "name"}}));
}

TEST(CsvReader, SkipsUtf8ByteOrderMark) {
  const ReadResult result = ReadAll("\xEF\xBB\xBFid,name\n1,县\n");
  EXPECT_OK(result.status);
  EXPECT_EQ(result.rows, (Rows{{"id", "name"}, {"1", "县"}}));
}

TEST(CsvReader, AcceptsCrlfLineEnds) {
  const ReadResult result = ReadAll("a,b\r\n1,\"x\"\r\n,\r\n");
  EXPECT_OK(result.status);
  EXPECT_EQ(result.rows, (Rows{{"a", "b"}, {"1", "x"}, {"", ""}}));
  EXPECT_EQ(result.lines, (std::vector<int64_t>{1, 2, 3}));
}

TEST(CsvReader, DetectsTabSeparatedFromTheFirstLine) {
  ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::FromString("a\tb,c\tz\n1\t2,3\t4\n", "t.tsv"));
  EXPECT_EQ(reader->delimiter(), '\t');
  const ReadResult result = ReadAll("a\tb,c\tz\n1\t2,3\t4\n");
  EXPECT_EQ(result.rows, (Rows{{"a", "b,c", "z"}, {"1", "2,3", "4"}}));
  // A comma-separated file with a tab in one field stays comma-separated.
  EXPECT_EQ(ReadAll("a,b\tc,d\n").rows, (Rows{{"a", "b\tc", "d"}}));
}

TEST(CsvReader, UsesAnExplicitDelimiter) {
  CsvOptions options;
  options.delimiter = ';';
  EXPECT_EQ(ReadAll("a;b,c\n", options).rows, (Rows{{"a", "b,c"}}));
}

TEST(CsvReader, UnquotesFieldsWithDelimitersAndEscapedQuotes) {
  const ReadResult result = ReadAll("\"a,b\",\"say \"\"hi\"\"\",plain,\"\",\"\"\"\"\n");
  EXPECT_OK(result.status);
  EXPECT_EQ(result.rows, (Rows{{"a,b", "say \"hi\"", "plain", "", "\""}}));
}

TEST(CsvReader, KeepsAQuoteInsideAnUnquotedFieldLiterally) {
  EXPECT_EQ(ReadAll("5\" pipe,x\n").rows, (Rows{{"5\" pipe", "x"}}));
}

TEST(CsvReader, CountsQuotedLineBreaksInLineNumbers) {
  const ReadResult result = ReadAll("h1,h2\n\"line one\nline two\r\nline three\",x\n3,4\n\n5,\"bad\"x\n");
  EXPECT_EQ(result.rows, (Rows{{"h1", "h2"}, {"line one\nline two\r\nline three", "x"}, {"3", "4"}}));
  EXPECT_EQ(result.lines, (std::vector<int64_t>{1, 2, 5}));
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "t.csv: 第 7 行 (line 7)");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "column 2");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument,
                "unexpected character 'x' after a closing quote");
}

TEST(CsvReader, ReadsAFinalLineWithoutLineEnd) {
  EXPECT_EQ(ReadAll("a,b\n1,2").rows, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(ReadAll("a,b\n1,\"2\"").rows, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(ReadAll("a,b\n1,").rows, (Rows{{"a", "b"}, {"1", ""}}));
  EXPECT_EQ(ReadAll("a,b\r\n1,2\r").rows, (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, SkipsBlankLinesButCountsThem) {
  const ReadResult result = ReadAll("a\n\n\r\nb\n\n");
  EXPECT_EQ(result.rows, (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(result.lines, (std::vector<int64_t>{1, 4}));
}

TEST(CsvReader, KeepsEmptyFields) { EXPECT_EQ(ReadAll(",,\n\"\"\n").rows, (Rows{{"", "", ""}, {""}})); }

TEST(CsvReader, RejectsUnbalancedQuoteAtEndOfFile) {
  const ReadResult result = ReadAll("a,b\n1,\"open\n2,3\n");
  EXPECT_EQ(result.rows, (Rows{{"a", "b"}}));
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "t.csv: 第 2 行 (line 2)");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "column 2: unbalanced quote");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "第 2 列：引号未闭合");
}

TEST(CsvReader, RejectsCharacterAfterClosingQuote) {
  const ReadResult result = ReadAll("a,b,c\n1,\"x\" ,3\n");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "第 2 行 (line 2): 第 2 列");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument,
                "column 2: unexpected character ' ' after a closing quote");
  EXPECT_STATUS(ReadAll("\"x\"\ry\n").status, StatusCode::kInvalidArgument, "0x0D");
}

TEST(CsvReader, RejectsTwoMegabyteField) {
  const std::string big(2 << 20, 'x');
  const ReadResult unquoted = ReadAll("id,note\n1," + big + "\n");
  EXPECT_EQ(unquoted.rows.size(), 1u);
  EXPECT_STATUS(unquoted.status, StatusCode::kInvalidArgument,
                "第 2 行 (line 2): 第 2 列：字段超过 1048576 字节");
  EXPECT_STATUS(unquoted.status, StatusCode::kInvalidArgument, "column 2: field longer than 1048576 bytes");
  const ReadResult quoted = ReadAll("id,note\n1,\"" + big + "\"\n");
  EXPECT_STATUS(quoted.status, StatusCode::kInvalidArgument, "line 2");
  EXPECT_STATUS(quoted.status, StatusCode::kInvalidArgument, "field longer than 1048576 bytes");
}

TEST(CsvReader, SaysAQuoteMayBeUnclosedWhenAQuotedFieldRunsOn) {
  CsvOptions options;
  options.max_field_bytes = 10;
  const ReadResult result = ReadAll("a\n\"open\n" + std::string(40, 'x') + "\nmore\n", options);
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "line 2");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "opening quote may be unclosed");
}

TEST(CsvReader, AcceptsAFieldOfExactlyTheLimit) {
  CsvOptions options;
  options.max_field_bytes = 4;
  EXPECT_EQ(ReadAll("abcd,\"ab\"\"c\"\r\n", options).rows, (Rows{{"abcd", "ab\"c"}}));
  EXPECT_STATUS(ReadAll("abcde\n", options).status, StatusCode::kInvalidArgument, "column 1");
}

TEST(CsvReader, RejectsTooManyFields) {
  CsvOptions options;
  options.max_fields = 3;
  EXPECT_EQ(ReadAll("a,b,c\n", options).rows, (Rows{{"a", "b", "c"}}));
  const ReadResult result = ReadAll("a,b,c\n1,2,3,4\n", options);
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "第 2 行 (line 2)");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "column 4: more than 3 fields (the limit)");
  EXPECT_STATUS(ReadAll("\"a\",\"b\",\"c\",\"d\"\n", options).status, StatusCode::kInvalidArgument,
                "column 4: more than 3 fields (the limit)");
  // The default limit: 512 fields pass, 513 do not.
  std::string wide(511, ',');
  EXPECT_OK(ReadAll(wide + "\n").status);
  EXPECT_STATUS(ReadAll(wide + ",\n").status, StatusCode::kInvalidArgument,
                "column 513: more than 512 fields");
}

TEST(CsvReader, RejectsNulByte) {
  const ReadResult result = ReadAll(std::string("a,b\n1,x\0y\n", 11));
  EXPECT_EQ(result.rows, (Rows{{"a", "b"}}));
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "第 2 行 (line 2)");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "column 2: NUL byte");
}

TEST(CsvReader, RejectsGbkDeclaredAsUtf8WithAHint) {
  CsvOptions options;
  options.detect_encoding = false;
  const std::string data = "id,county\n1,汪清\n2," + ToGb18030("吉林省汪清县") + "\n";
  const ReadResult result = ReadAll(data, options);
  EXPECT_EQ(result.rows, (Rows{{"id", "county"}, {"1", "汪清"}}));
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "t.csv: 第 3 行 (line 3)");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "column 2: invalid UTF-8 byte 0xBC");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument,
                "the file may be GBK/GB18030: pass --encoding gb18030");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "请加上 --encoding gb18030");
}

TEST(CsvReader, ReportsTheEncodingBeforeAParseErrorItCaused) {
  CsvOptions options;
  options.detect_encoding = false;
  const ReadResult result = ReadAll("a\n\"\xFF\n", options);
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "line 2");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "invalid UTF-8 byte 0xFF");
}

TEST(CsvReader, RejectsUtf8CutAtEndOfFile) {
  // The sniff ignores a cut character at the end of its sample, so this is read as UTF-8.
  const ReadResult result = ReadAll("a,b\n1,县\xE5\x90");
  EXPECT_EQ(result.rows, (Rows{{"a", "b"}}));
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "line 2");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "column 2: invalid UTF-8 byte 0xE5");
}

TEST(CsvReader, ReadsGb18030DetectedAutomatically) {
  const std::string utf8 = "县名,地址\n汪清县,\"吉林省,延边州\"\n\"引号\"\"内\",x\n";
  ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::FromString(ToGb18030(utf8), "gb.csv"));
  EXPECT_EQ(reader->encoding(), TextEncoding::kGb18030);
  const ReadResult result = ReadAll(ToGb18030(utf8));
  EXPECT_OK(result.status);
  EXPECT_EQ(result.rows, (Rows{{"县名", "地址"}, {"汪清县", "吉林省,延边州"}, {"引号\"内", "x"}}));
}

TEST(CsvReader, ReadsGb18030WhenForced) {
  CsvOptions options;
  options.encoding = TextEncoding::kGb18030;
  options.detect_encoding = false;
  const std::string gb = ToGb18030(
      "\xEF\xBB\xBF"
      "id,县\n1,吉林省汪清县\n");
  const ReadResult result = ReadAll(gb, options);
  EXPECT_OK(result.status);
  EXPECT_EQ(result.rows, (Rows{{"id", "县"}, {"1", "吉林省汪清县"}}));
  ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::FromString(gb, "gb.csv", options));
  std::vector<std::string_view> fields;
  while (*reader->Next(fields)) {
  }
  EXPECT_EQ(reader->bytes_consumed(), static_cast<int64_t>(gb.size()));
}

TEST(CsvReader, RejectsInvalidGb18030AfterReturningTheGoodRecords) {
  CsvOptions options;
  options.encoding = TextEncoding::kGb18030;
  options.detect_encoding = false;
  const std::string data = ToGb18030("id,县\n1,汪清\n") + "2,\xFF" + ToGb18030("吉林\n3,x\n");
  const ReadResult result = ReadAll(data, options);
  EXPECT_EQ(result.rows, (Rows{{"id", "县"}, {"1", "汪清"}}));
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "第 3 行 (line 3)");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "column 2: invalid gb18030 byte 0xFF");
  // Cut in the middle of a quoted field: still the encoding error, not a quote error.
  const std::string quoted = ToGb18030("id,县\n1,\"汪") + "\xFF\"\n";
  EXPECT_STATUS(ReadAll(quoted, options).status, StatusCode::kInvalidArgument, "line 2): 第 2 列");
  EXPECT_STATUS(ReadAll(quoted, options).status, StatusCode::kInvalidArgument, "gb18030 byte");
  // A character cut by the end of the file.
  EXPECT_STATUS(ReadAll(ToGb18030("a\n县").substr(0, 3), options).status, StatusCode::kInvalidArgument,
                "incomplete gb18030 character");
}

TEST(CsvReader, StopsRepeatingTheFirstError) {
  ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::FromString("\"a\"b\nc\n", "t.csv"));
  std::vector<std::string_view> fields;
  const StatusOr<bool> first = reader->Next(fields);
  EXPECT_STATUS(first, StatusCode::kInvalidArgument, "line 1");
  EXPECT_EQ(reader->Next(fields).status(), first.status());
}

TEST(CsvReader, RejectsInvalidOptions) {
  CsvOptions options;
  options.delimiter = '"';
  EXPECT_STATUS(CsvReader::FromString("a", "t.csv", options), StatusCode::kInvalidArgument,
                "invalid CSV options");
  options.delimiter = ',';
  options.max_fields = 0;
  EXPECT_STATUS(CsvReader::FromString("a", "t.csv", options), StatusCode::kInvalidArgument,
                "invalid CSV options");
}

// Records that straddle reads, grow the buffer, or split a CRLF, a "" escape or a
// GB18030 character across reads must parse exactly as with one big read.
TEST(CsvReader, TinyReadBufferGivesTheSameRecords) {
  const std::vector<std::string> inputs = {
      "id,name\n1,x\n2,yy\n3,zzz\n",
      "a,b\r\n\"q,\r\n\"\"x\"\"\",2\r\n\r\n,\r\n",
      "\xEF\xBB\xBF"
      "县名,人口\n汪清县,\"吉林省\n延边\"\n" +
          std::string(100, 'k') + ",县\n",
      "\"" + std::string(70, 'q') + "\"\"" + std::string(30, 'r') + "\"\nlast",
      "a\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nb\n",
  };
  for (const std::string& input : inputs) {
    const ReadResult whole = ReadAll(input);
    ASSERT_OK(whole.status);
    for (const size_t size : {size_t{16}, size_t{17}, size_t{19}, size_t{23}, size_t{32}}) {
      CsvOptions options;
      options.read_buffer_bytes = size;
      options.encoding = TextEncoding::kUtf8;
      options.detect_encoding = false;
      const ReadResult pieces = ReadAll(input, options);
      EXPECT_OK(pieces.status) << input << " / " << size;
      EXPECT_EQ(pieces.rows, whole.rows) << input << " / " << size;
      EXPECT_EQ(pieces.lines, whole.lines) << input << " / " << size;
      options.encoding = TextEncoding::kGb18030;
      const ReadResult gb = ReadAll(ToGb18030(input), options);
      EXPECT_OK(gb.status) << input << " / " << size;
      EXPECT_EQ(gb.rows, whole.rows) << "gb18030: " << input << " / " << size;
    }
  }
}

// A deliberately simple reference parser for the random test below: one character at a
// time over the whole input, comma-separated, stopping at the first malformed record.
struct Reference {
  Rows rows;
  std::vector<int64_t> lines;
  int64_t error_line = 0;  // 0: no error
};

Reference ReferenceParse(std::string_view in) {
  Reference out;
  const size_t n = in.size();
  size_t i = 0;
  int64_t line = 1;
  // Consumes a line end at i, if there is one; true when it did.
  auto line_end = [&]() {
    if (i < n && in[i] == '\n') {
      ++i;
      ++line;
    } else if (i + 1 == n && in[i] == '\r') {
      ++i;
    } else if (i + 1 < n && in[i] == '\r' && in[i + 1] == '\n') {
      i += 2;
      ++line;
    } else {
      return false;
    }
    return true;
  };
  while (i < n) {
    if (line_end()) continue;  // A blank line.
    const int64_t start_line = line;
    std::vector<std::string> row;
    while (true) {
      std::string field;
      if (i < n && in[i] == '"') {
        for (++i; i == n || in[i] != '"' || (i + 1 < n && in[i + 1] == '"'); ++i) {
          if (i == n) {
            out.error_line = start_line;
            return out;
          }
          if (in[i] == '"') ++i;  // The first of a "" pair.
          if (in[i] == '\n') ++line;
          field += in[i];
        }
        ++i;  // The closing quote.
      } else {
        while (i < n && in[i] != ',' && in[i] != '\n') field += in[i++];
        if ((i == n || in[i] == '\n') && !field.empty() && field.back() == '\r') field.pop_back();
      }
      row.push_back(field);
      if (i < n && in[i] == ',') {
        ++i;
        continue;
      }
      if (i == n || line_end()) break;
      out.error_line = start_line;
      return out;
    }
    out.rows.push_back(row);
    out.lines.push_back(start_line);
  }
  return out;
}

TEST(CsvReader, MatchesAReferenceParserOnRandomInput) {
  constexpr uint32_t kSeed = 1729;
  std::cout << "MatchesAReferenceParserOnRandomInput seed: " << kSeed << "\n";
  std::mt19937 random(kSeed);
  const std::vector<std::string> pieces = {"a", "b", ",", ",", "\"", "\"", "\n", "\r\n", "\r", "县"};
  std::uniform_int_distribution<size_t> length(0, 40);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    for (size_t k = length(random); k > 0; --k) input += pieces[piece(random)];
    const Reference expected = ReferenceParse(input);
    for (const size_t size : {size_t{16}, size_t{17}, size_t{4096}}) {
      CsvOptions options;
      options.delimiter = ',';
      options.read_buffer_bytes = size;
      const ReadResult actual = ReadAll(input, options);
      SCOPED_TRACE(::testing::Message() << "input \"" << input << "\", buffer " << size);
      EXPECT_EQ(actual.rows, expected.rows);
      EXPECT_EQ(actual.lines, expected.lines);
      if (expected.error_line == 0) {
        EXPECT_OK(actual.status);
      } else {
        EXPECT_STATUS(actual.status, StatusCode::kInvalidArgument,
                      fmt::format("(line {})", expected.error_line));
      }
    }
  }
}

TEST(CsvReader, ReportsErrorsAtTheRightLineWithATinyBuffer) {
  CsvOptions options;
  options.read_buffer_bytes = 16;
  const ReadResult result = ReadAll("a,b\n1,2\n3,4\n5,6\n7,\"x\ny\"z\n", options);
  EXPECT_EQ(result.rows.size(), 4u);
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "第 5 行 (line 5)");
  EXPECT_STATUS(result.status, StatusCode::kInvalidArgument, "column 2");
}

TEST(CsvReader, OpenNamesAMissingFile) {
  EXPECT_STATUS(CsvReader::Open("no/such/dir/households.csv"), StatusCode::kNotFound,
                "no/such/dir/households.csv");
  EXPECT_STATUS(CsvReader::Open(::testing::TempDir()), StatusCode::kInvalidArgument, "is a directory");
}

TEST(CsvReader, OpenReadsAFileAndReportsProgress) {
  const std::string path = TempPath("open.csv");
  std::string content = "id,name\n";
  for (int i = 0; i < 1000; ++i) content += std::to_string(i) + ",吉林省汪清县\n";
  std::ofstream(path, std::ios::binary) << content;
  CsvOptions options;
  options.read_buffer_bytes = 4096;
  ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::Open(path, options));
  EXPECT_EQ(reader->total_bytes(), static_cast<int64_t>(content.size()));
  EXPECT_EQ(reader->name(), path);
  std::vector<std::string_view> fields;
  int64_t records = 0;
  int64_t last_consumed = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(bool more, reader->Next(fields));
    if (!more) break;
    ++records;
    EXPECT_GT(reader->bytes_consumed(), last_consumed);
    last_consumed = reader->bytes_consumed();
    EXPECT_EQ(fields.size(), 2u);
  }
  EXPECT_EQ(records, 1001);
  EXPECT_EQ(reader->bytes_consumed(), reader->total_bytes());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// Found by csv_reader_fuzz: a quote inside an unquoted field is an ordinary character, so
// it must not throw off the column an error names.
TEST(CsvReaderColumns, QuoteInsideUnquotedFieldDoesNotShiftErrorColumn) {
  CsvOptions options;
  options.delimiter = ',';
  options.detect_encoding = false;
  auto reader = CsvReader::FromString(std::string("a\"b,c,d\0e\n", 10), "q.csv", options);
  ASSERT_OK(reader);
  std::vector<std::string_view> fields;
  auto result = (*reader)->Next(fields);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), ::testing::HasSubstr("column 3"));
  auto quoted = CsvReader::FromString(std::string("\"a,\"\"b\",c,d\0e\n", 14), "q2.csv", options);
  ASSERT_OK(quoted);
  auto second = (*quoted)->Next(fields);
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(second.status().message(), ::testing::HasSubstr("column 3"));
}

}  // namespace
}  // namespace jz
