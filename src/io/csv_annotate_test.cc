// Tests for AnnotateCsv: the copy is the input byte for byte plus one column; records are
// numbered by the physical line CsvReader gives them (checked against CsvReader on the same
// bytes, including random files with quotes, line breaks and blank lines); GB18030 notes;
// read and write failures.
#include "io/csv_annotate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv_reader.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

// "L<line>". (Not "L" + std::to_string(): GCC 12 warns about it falsely, -Wrestrict.)
std::string LineNote(int64_t line) {
  std::string note = "L";
  note += std::to_string(line);
  return note;
}

class AnnotateCsvTest : public ::testing::Test {
 protected:
  std::string Path(std::string_view name) const {
    return ::testing::TempDir() + "jz_csv_annotate_" + std::to_string(::getpid()) + "_" + std::string(name);
  }
  std::string Write(std::string_view name, std::string_view bytes) const {
    const std::string path = Path(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
  }
  // Annotates `bytes` with "L<line>" on the lines in `noted` and returns the copy.
  std::string Annotate(std::string_view bytes, const std::map<int64_t, std::string>& noted,
                       AnnotateCsvOptions options = {}) const {
    const std::string in = Write("in.csv", bytes);
    const std::string out = Path("out.csv");
    const Status status = AnnotateCsv(in, out, options, [&noted](int64_t line) -> std::string_view {
      auto it = noted.find(line);
      return it == noted.end() ? std::string_view() : std::string_view(it->second);
    });
    EXPECT_OK(status);
    return Read(out);
  }
};

TEST_F(AnnotateCsvTest, AppendsTheNoteToEachRecordAndKeepsEverythingElse) {
  const std::string bom = "\xEF\xBB\xBF";
  const std::string in = bom + "a,b,c\r\n=1+1,\"x,y\",z\r\n\r\nshort\r\nlast,row,here";
  EXPECT_EQ(Annotate(in, {{1, "问题"}, {2, "bad, quoted"}, {5, "尾"}}, {.width = 3}),
            bom + "a,b,c,问题\r\n=1+1,\"x,y\",z,\"bad, quoted\"\r\n\r\nshort,,,\r\nlast,row,here,尾");
}

TEST_F(AnnotateCsvTest, AQuotedLineBreakKeepsTheRecordWholeAndCountsItsLines) {
  const std::string in = "h1,h2\n\"one\ntwo\",x\n\"say \"\"hi\"\"\",y\nnext,z\n";
  EXPECT_EQ(Annotate(in, {{2, "A"}, {4, "B"}, {5, "C"}}),
            "h1,h2,\n\"one\ntwo\",x,A\n\"say \"\"hi\"\"\",y,B\nnext,z,C\n");
}

TEST_F(AnnotateCsvTest, AQuoteInsideAnUnquotedFieldIsText) {
  EXPECT_EQ(Annotate("5\"2,a\nb,c\n", {{2, "n"}}), "5\"2,a,\nb,c,n\n");
}

TEST_F(AnnotateCsvTest, NotesAreWrittenInTheFilesEncodingAndDelimiter) {
  std::string gbk_in;
  ASSERT_OK(EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030)
                ->Convert("姓名\t年龄\n", gbk_in));
  const std::string out =
      Annotate(gbk_in, {{1, "证件号码\t有误"}}, {.encoding = TextEncoding::kGb18030, .delimiter = '\t'});
  std::string utf8_out;
  ASSERT_OK(EncodingConverter::Create(TextEncoding::kGb18030, TextEncoding::kUtf8)->Convert(out, utf8_out));
  EXPECT_EQ(utf8_out, "姓名\t年龄\t\"证件号码\t有误\"\n");
}

TEST_F(AnnotateCsvTest, GbDelimitersThatCanBeATrailingByteAreRefused) {
  EXPECT_TRUE(CanAnnotateCsv(TextEncoding::kUtf8, '|'));
  EXPECT_TRUE(CanAnnotateCsv(TextEncoding::kGb18030, ','));
  EXPECT_TRUE(CanAnnotateCsv(TextEncoding::kGb18030, '\t'));
  EXPECT_TRUE(CanAnnotateCsv(TextEncoding::kGb18030, ';'));
  EXPECT_FALSE(CanAnnotateCsv(TextEncoding::kGb18030, '|'));
  EXPECT_FALSE(CanAnnotateCsv(TextEncoding::kGb18030, '5'));
  EXPECT_FALSE(CanAnnotateCsv(TextEncoding::kUtf8, '"'));
}

// Random files of quoted, multi-line and blank-line records, many times the read block so
// that records straddle refills: every record's note lands on the line CsvReader gives it,
// and removing the notes gives the input back.
TEST_F(AnnotateCsvTest, RecordsAreNumberedAsCsvReaderNumbersThem) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  std::mt19937 rng(seed);
  const std::vector<std::string> cells = {"abc",  "\"q,\"\"x\"\"\"", "\"multi\nline\"", "", "中文",
                                          "\"\"", "\"a\r\nb\""};
  std::string in;
  while (in.size() < (size_t{1} << 20)) {
    const int fields = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < fields; ++f) {
      if (f > 0) in += ',';
      in += cells[rng() % cells.size()];
    }
    in += rng() % 5 == 0 ? "\r\n" : "\n";
    if (rng() % 20 == 0) in += "\n";
  }
  const std::string in_path = Write("random.csv", in);
  std::map<int64_t, std::string> expected;  // line → the record's fields joined
  {
    ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::Open(in_path));
    std::vector<std::string_view> fields;
    while (*reader->Next(fields)) expected[reader->line_number()] = std::to_string(fields.size());
  }
  std::map<int64_t, std::string> noted;
  for (const auto& [line, count] : expected) noted[line] = LineNote(line);
  const std::string out = Annotate(in, noted, {.read_block = 4096});
  ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::Open(Write("back.csv", out)));
  std::vector<std::string_view> fields;
  int64_t records = 0;
  while (*reader->Next(fields)) {
    ++records;
    ASSERT_FALSE(fields.empty());
    EXPECT_EQ(fields.back(), LineNote(reader->line_number()));
    EXPECT_EQ(std::to_string(fields.size() - 1), expected[reader->line_number()]) << reader->line_number();
  }
  EXPECT_EQ(records, static_cast<int64_t>(expected.size()));
}

TEST_F(AnnotateCsvTest, AMissingInputOrAnUnwritableOutputIsAnErrorNamingIt) {
  const auto none = [](int64_t) { return std::string_view(); };
  EXPECT_STATUS(AnnotateCsv(Path("missing.csv"), Path("o.csv"), {}, none), StatusCode::kNotFound,
                "missing.csv");
  const std::string in = Write("ok.csv", "a\n");
  EXPECT_STATUS(AnnotateCsv(in, Path("no/such/dir/o.csv"), {}, none), StatusCode::kNotFound, "o.csv");
  EXPECT_STATUS(AnnotateCsv(in, "/dev/full", {}, none), StatusCode::kDataLoss, "/dev/full");
}

}  // namespace
}  // namespace jz
