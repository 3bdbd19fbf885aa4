// Tests for CsvWriter: quoting rules, GB18030 output, flushing at row boundaries, write
// errors injected with /dev/full, and a writer→reader round trip of random fields (seed
// printed) in both encodings.
#include "io/csv_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv_reader.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string TempPath(std::string_view name) {
  return ::testing::TempDir() + "jz_csv_writer_" + std::to_string(::getpid()) + "_" + std::string(name);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
  std::string out;
  auto writer = CsvWriter::ToString(&out);
  writer->Field("plain");
  writer->Field("a,b");
  writer->Field("say \"hi\"");
  writer->Field("two\nlines");
  writer->Field("cr\r");
  writer->Field("吉林省汪清县");
  writer->EndRow();
  writer->Field(int64_t{-42});
  writer->Field(int64_t{9007199254740993});
  writer->EmptyField();
  writer->RawField("2024-06-01");
  writer->EndRow();
  writer->Row({"x", "", "\""});
  ASSERT_OK(writer->Close());
  EXPECT_EQ(out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",吉林省汪清县\n"
            "-42,9007199254740993,,2024-06-01\n"
            "x,,\"\"\"\"\n");
  EXPECT_EQ(writer->rows_written(), 3);
  EXPECT_EQ(writer->bytes_written(), static_cast<int64_t>(out.size()));
}

TEST(CsvWriter, QuotesTheChosenDelimiter) {
  std::string out;
  auto writer = CsvWriter::ToString(&out, TextEncoding::kUtf8, '\t');
  writer->Row({"a,b", "c\td"});
  ASSERT_OK(writer->Close());
  EXPECT_EQ(out, "a,b\t\"c\td\"\n");
}

TEST(CsvWriter, WritesARowOfOneEmptyFieldSoItIsNotABlankLine) {
  std::string out;
  auto writer = CsvWriter::ToString(&out);
  writer->Row({"a"});
  writer->Row({""});
  writer->EmptyField();
  writer->EndRow();
  writer->Row({"", ""});
  ASSERT_OK(writer->Close());
  EXPECT_EQ(out, "a\n\"\"\n\"\"\n,\n");
}

TEST(CsvWriter, WritesGb18030) {
  std::string out;
  auto writer = CsvWriter::ToString(&out, TextEncoding::kGb18030);
  writer->Row({"吉林省汪清县", "a,b"});
  ASSERT_OK(writer->Close());
  EXPECT_EQ(out, "\xBC\xAA\xC1\xD6\xCA\xA1\xCD\xF4\xC7\xE5\xCF\xD8,\"a,b\"\n");
}

TEST(CsvWriter, ReportsInvalidUtf8WhenConvertingToGb18030) {
  std::string out;
  auto writer = CsvWriter::ToString(&out, TextEncoding::kGb18030);
  writer->Row({"ok"});
  writer->Row({"bad \xFF"});
  const Status status = writer->Close();
  EXPECT_STATUS(status, StatusCode::kInvalidArgument, "cannot convert to GB18030");
  EXPECT_STATUS(status, StatusCode::kInvalidArgument, "0xFF");
  EXPECT_EQ(writer->status(), status);
}

TEST(CsvWriter, FlushesOnlyWholeRows) {
  std::string out;
  auto writer = CsvWriter::ToString(&out);
  const std::string field(1000, 'x');
  int64_t rows = 0;
  while (out.empty()) {
    writer->Row({field, "县"});
    ++rows;
    ASSERT_LT(rows, 5000) << "never flushed";
  }
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(static_cast<int64_t>(out.size()), rows * static_cast<int64_t>(field.size() + 5));
  writer->Field("partial");
  ASSERT_OK(writer->Close());  // Close ends the unfinished row.
  EXPECT_TRUE(out.ends_with("\npartial\n"));
  EXPECT_EQ(writer->rows_written(), rows + 1);
}

TEST(CsvWriter, WritesAFileAndClosesInTheDestructor) {
  const std::string path = TempPath("out.csv");
  {
    ASSERT_OK_AND_ASSIGN(auto writer, CsvWriter::Create(path));
    writer->Row({"id", "县"});
    ASSERT_OK(writer->Close());
    EXPECT_EQ(writer->bytes_written(), 7);  // 县 is three bytes
    EXPECT_OK(writer->Close());             // A second Close() returns the same status.
  }
  EXPECT_EQ(ReadFile(path), "id,县\n");
  {
    ASSERT_OK_AND_ASSIGN(auto writer, CsvWriter::Create(path, TextEncoding::kUtf8, ';'));
    writer->Row({"a;b", "c"});
  }
  EXPECT_EQ(ReadFile(path), "\"a;b\";c\n");
  std::remove(path.c_str());
}

TEST(CsvWriter, CreateReportsAMissingDirectory) {
  EXPECT_STATUS(CsvWriter::Create("no/such/dir/out.csv"), StatusCode::kNotFound, "no/such/dir/out.csv");
  EXPECT_STATUS(CsvWriter::Create(TempPath("x.csv"), TextEncoding::kUtf8, '\n'), StatusCode::kInvalidArgument,
                "delimiter");
}

TEST(CsvWriter, ReportsDiskFullOnClose) {
  ASSERT_OK_AND_ASSIGN(auto writer, CsvWriter::Create("/dev/full"));
  writer->Row({"id", "name"});
  const Status status = writer->Close();
  EXPECT_STATUS(status, StatusCode::kDataLoss, "cannot write /dev/full");
  EXPECT_STATUS(status, StatusCode::kDataLoss, "写入 /dev/full 失败");
  EXPECT_EQ(writer->status(), status);
}

TEST(CsvWriter, KeepsTheFirstWriteErrorAndDropsLaterOutput) {
  ASSERT_OK_AND_ASSIGN(auto writer, CsvWriter::Create("/dev/full"));
  const std::string field(4096, 'x');
  int64_t rows = 0;
  while (writer->status().ok()) {
    writer->Row({field});
    ++rows;
    ASSERT_LT(rows, 5000) << "the write error was never seen";
  }
  EXPECT_EQ(writer->status().code(), StatusCode::kDataLoss);
  const int64_t rows_at_error = writer->rows_written();
  writer->Row({"more"});
  EXPECT_EQ(writer->rows_written(), rows_at_error);
  EXPECT_EQ(writer->bytes_written(), 0);
  EXPECT_STATUS(writer->Close(), StatusCode::kDataLoss, "/dev/full");
}

// A random field made of the characters that stress quoting and encodings.
std::string RandomField(std::mt19937& random) {
  static const std::vector<std::string> kPieces = {"a",  "Z",    "7",  " ",  ",",  "\"", "\"\"",
                                                   "\n", "\r\n", "\r", "\t", "吉", "林", "省",
                                                   "汪", "清",   "县", "€",  "😀"};
  std::uniform_int_distribution<size_t> length(0, 12);
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1);
  std::string field;
  for (size_t n = length(random); n > 0; --n) field += kPieces[piece(random)];
  return field;
}

Rows RandomRows(std::mt19937& random, int count) {
  std::uniform_int_distribution<int> width(1, 8);
  Rows rows(static_cast<size_t>(count));
  for (auto& row : rows) {
    for (int n = width(random); n > 0; --n) row.push_back(RandomField(random));
  }
  return rows;
}

Rows ReadBack(std::string data, CsvOptions options) {
  Rows rows;
  StatusOr<std::unique_ptr<CsvReader>> reader =
      CsvReader::FromString(std::move(data), "round-trip.csv", options);
  EXPECT_OK(reader);
  if (!reader.ok()) return rows;
  std::vector<std::string_view> fields;
  while (true) {
    StatusOr<bool> more = (*reader)->Next(fields);
    EXPECT_OK(more);
    if (!more.ok() || !*more) break;
    rows.emplace_back(fields.begin(), fields.end());
  }
  return rows;
}

TEST(CsvWriter, RoundTripsRandomFieldsThroughTheReader) {
  constexpr uint32_t kSeed = 4206;
  std::cout << "RoundTripsRandomFieldsThroughTheReader seed: " << kSeed << "\n";
  std::mt19937 random(kSeed);
  const Rows rows = RandomRows(random, 2000);
  for (const TextEncoding encoding : {TextEncoding::kUtf8, TextEncoding::kGb18030}) {
    SCOPED_TRACE(TextEncodingName(encoding));
    std::string out;
    // Verbatim: this checks quoting; the formula guard changes fields on purpose
    // (formula_guard_test.cc).
    auto writer = CsvWriter::ToString(&out, encoding, ',', FormulaGuard::kVerbatim);
    for (const auto& row : rows) {
      for (const std::string& field : row) writer->Field(field);
      writer->EndRow();
    }
    ASSERT_OK(writer->Close());
    CsvOptions options;
    options.delimiter = ',';
    EXPECT_EQ(ReadBack(out, options), rows);  // encoding detected
    options.detect_encoding = false;
    options.encoding = encoding;
    options.read_buffer_bytes = 64;
    EXPECT_EQ(ReadBack(out, options), rows);
  }
}

}  // namespace
}  // namespace jz
