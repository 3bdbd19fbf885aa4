// Tests for encoding names, strict UTF-8 validation, sniffing, and GB18030 conversion,
// including a random round trip through GB18030 (seed printed) and chunked conversion.
#include "io/text_encoding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <random>
#include <string>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

// "吉林省汪清县" in GB18030, as printed by `iconv -t GB18030`.
constexpr std::string_view kWangqingUtf8 = "吉林省汪清县";
constexpr std::string_view kWangqingGb18030 = "\xBC\xAA\xC1\xD6\xCA\xA1\xCD\xF4\xC7\xE5\xCF\xD8";

std::string Convert(TextEncoding from, TextEncoding to, std::string_view in) {
  StatusOr<EncodingConverter> converter = EncodingConverter::Create(from, to);
  EXPECT_OK(converter);
  std::string out;
  EXPECT_OK(converter->Convert(in, out));
  return out;
}

// Appends the UTF-8 encoding of `code_point`.
void AppendUtf8(uint32_t code_point, std::string& out) {
  auto byte = [&out](uint32_t b) { out.push_back(static_cast<char>(static_cast<uint8_t>(b))); };
  if (code_point < 0x80) {
    byte(code_point);
  } else if (code_point < 0x800) {
    byte(0xC0 | (code_point >> 6));
    byte(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    byte(0xE0 | (code_point >> 12));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  } else {
    byte(0xF0 | (code_point >> 18));
    byte(0x80 | ((code_point >> 12) & 0x3F));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  }
}

TEST(ParseTextEncoding, AcceptsNamesInAnyCase) {
  EXPECT_EQ(*ParseTextEncoding("utf-8"), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("UTF8"), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("GB18030"), TextEncoding::kGb18030);
  EXPECT_EQ(*ParseTextEncoding("gbk"), TextEncoding::kGb18030);
  EXPECT_EQ(*ParseTextEncoding("GB2312"), TextEncoding::kGb18030);
}

TEST(ParseTextEncoding, RejectsUnknownNameAndListsAccepted) {
  EXPECT_STATUS(ParseTextEncoding("latin1"), StatusCode::kInvalidArgument, "\"latin1\"");
  EXPECT_STATUS(ParseTextEncoding("latin1"), StatusCode::kInvalidArgument, "accepted: utf-8, gb18030");
  EXPECT_STATUS(ParseTextEncoding(""), StatusCode::kInvalidArgument, "未知的文本编码");
}

TEST(TextEncodingName, RoundTripsThroughParse) {
  for (TextEncoding e : {TextEncoding::kUtf8, TextEncoding::kGb18030}) {
    EXPECT_EQ(*ParseTextEncoding(TextEncodingName(e)), e);
  }
  EXPECT_EQ(TextEncodingName(TextEncoding::kGb18030), "gb18030");
}

TEST(IsValidUtf8, AcceptsAsciiChineseAndBoundaryCodePoints) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("household_id,county_code\n"));
  EXPECT_TRUE(IsValidUtf8(kWangqingUtf8));
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(IsValidUtf8, RejectsOverlongsSurrogatesAndOutOfRange) {
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800 surrogate
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\x80"));          // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xE5\x90"));      // cut off
  EXPECT_FALSE(IsValidUtf8("\xE5\x41\x80"));  // continuation missing
  EXPECT_FALSE(IsValidUtf8(kWangqingGb18030));
}

TEST(ScanUtf8, FindsTheFirstBadByteAfterLongAsciiRuns) {
  const std::string text = std::string(37, 'a') + "县" + "\xFF" + std::string(20, 'b');
  const Utf8Scan scan = ScanUtf8(text);
  EXPECT_EQ(scan.valid_bytes, 40u);
  EXPECT_FALSE(scan.truncated);
}

TEST(ScanUtf8, DistinguishesCutSequenceFromInvalidOne) {
  const std::string cut = std::string(kWangqingUtf8) + "\xE5\x90";
  EXPECT_EQ(ScanUtf8(cut).valid_bytes, kWangqingUtf8.size());
  EXPECT_TRUE(ScanUtf8(cut).truncated);
  EXPECT_TRUE(ScanUtf8("\xF0\x9F\x98").truncated);
  EXPECT_FALSE(ScanUtf8("\xE0\x80").truncated);  // would be overlong whatever follows
  EXPECT_FALSE(ScanUtf8("\xED\xA0").truncated);  // would be a surrogate
}

TEST(DetectEncoding, TellsUtf8FromGb18030) {
  EXPECT_EQ(DetectEncoding(""), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding("id,name\n1,x\n"), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding(kWangqingUtf8), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding(kWangqingGb18030), TextEncoding::kGb18030);
}

TEST(DetectEncoding, IgnoresACharacterCutByTheEndOfTheSample) {
  const std::string sample = std::string(kWangqingUtf8) + "\xE5\x90";
  EXPECT_EQ(DetectEncoding(sample), TextEncoding::kUtf8);
  const std::string invalid_then_cut = std::string("\xFF") + "\xE5\x90";
  EXPECT_EQ(DetectEncoding(invalid_then_cut), TextEncoding::kGb18030);
}

TEST(Gb18030CompletePrefix, NeverSplitsACharacter) {
  EXPECT_EQ(Gb18030CompletePrefix(""), 0u);
  EXPECT_EQ(Gb18030CompletePrefix("ab\ncd"), 3u);  // up to the last line feed
  EXPECT_EQ(Gb18030CompletePrefix(kWangqingGb18030), kWangqingGb18030.size());
  EXPECT_EQ(Gb18030CompletePrefix(kWangqingGb18030.substr(0, 5)), 4u);
  // 😀 is 95 32 82 36 in GB18030; any cut inside it keeps only what precedes it.
  // (Appended rather than "a" + ..., which trips GCC 12's false -Wrestrict at -O3.)
  std::string emoji = "a";
  emoji += Convert(TextEncoding::kUtf8, TextEncoding::kGb18030, "😀");
  ASSERT_EQ(emoji.size(), 5u);
  for (size_t cut = 1; cut < 5; ++cut) EXPECT_EQ(Gb18030CompletePrefix(emoji.substr(0, cut)), 1u);
  EXPECT_EQ(Gb18030CompletePrefix(emoji), 5u);
}

TEST(EncodingConverter, ConvertsChineseBothWays) {
  EXPECT_EQ(Convert(TextEncoding::kUtf8, TextEncoding::kGb18030, kWangqingUtf8), kWangqingGb18030);
  EXPECT_EQ(Convert(TextEncoding::kGb18030, TextEncoding::kUtf8, kWangqingGb18030), kWangqingUtf8);
  // The euro sign and é (from GBK's pinyin block) take two bytes; an emoji, outside GBK,
  // takes GB18030's four-byte form.
  const std::string wide = "€é😀";
  const std::string gb = Convert(TextEncoding::kUtf8, TextEncoding::kGb18030, wide);
  EXPECT_EQ(gb.size(), 2u + 2u + 4u);
  EXPECT_EQ(Convert(TextEncoding::kGb18030, TextEncoding::kUtf8, gb), wide);
}

TEST(EncodingConverter, AppendsAndHandlesWholeCharacterChunks) {
  ASSERT_OK_AND_ASSIGN(EncodingConverter converter,
                       EncodingConverter::Create(TextEncoding::kGb18030, TextEncoding::kUtf8));
  std::string out = "前缀:";
  for (size_t i = 0; i < kWangqingGb18030.size(); i += 2) {
    ASSERT_OK(converter.Convert(kWangqingGb18030.substr(i, 2), out));
  }
  EXPECT_EQ(out, "前缀:" + std::string(kWangqingUtf8));
  EXPECT_EQ(converter.input_offset(), static_cast<int64_t>(kWangqingGb18030.size()));
}

TEST(EncodingConverter, ReportsInvalidByteOffsetCountedAcrossCalls) {
  ASSERT_OK_AND_ASSIGN(EncodingConverter converter,
                       EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030));
  std::string out;
  ASSERT_OK(converter.Convert("abc", out));
  const Status status = converter.Convert(
      "d\xFF"
      "e",
      out);
  EXPECT_STATUS(status, StatusCode::kInvalidArgument, "invalid utf-8 byte 0xFF at byte offset 4");
  EXPECT_STATUS(status, StatusCode::kInvalidArgument, "字节偏移 4");
  EXPECT_EQ(out, "abcd");  // Everything before the bad byte was converted.
  EXPECT_EQ(converter.input_offset(), 4);
  // The converter is usable again after the error.
  out.clear();
  ASSERT_OK(converter.Convert(kWangqingUtf8, out));
  EXPECT_EQ(out, kWangqingGb18030);
}

TEST(EncodingConverter, ReportsCharacterCutAtEndOfInput) {
  ASSERT_OK_AND_ASSIGN(EncodingConverter converter,
                       EncodingConverter::Create(TextEncoding::kGb18030, TextEncoding::kUtf8));
  std::string out;
  EXPECT_STATUS(converter.Convert(kWangqingGb18030.substr(0, 3), out), StatusCode::kInvalidArgument,
                "incomplete gb18030 character at byte offset 2");
  EXPECT_EQ(out, "吉");
}

TEST(EncodingConverter, SameEncodingOnlyValidates) {
  ASSERT_OK_AND_ASSIGN(EncodingConverter converter,
                       EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kUtf8));
  std::string out;
  ASSERT_OK(converter.Convert(kWangqingUtf8, out));
  EXPECT_EQ(out, kWangqingUtf8);
  EXPECT_STATUS(converter.Convert("a\xFF"
                                  "b",
                                  out),
                StatusCode::kInvalidArgument, "invalid utf-8 byte 0xFF at byte offset 19");
}

TEST(EncodingConverter, IsMovable) {
  ASSERT_OK_AND_ASSIGN(EncodingConverter first,
                       EncodingConverter::Create(TextEncoding::kUtf8, TextEncoding::kGb18030));
  EncodingConverter second = std::move(first);
  ASSERT_OK_AND_ASSIGN(EncodingConverter third,
                       EncodingConverter::Create(TextEncoding::kGb18030, TextEncoding::kUtf8));
  third = std::move(second);
  EXPECT_EQ(third.from(), TextEncoding::kUtf8);
  std::string out;
  ASSERT_OK(third.Convert(kWangqingUtf8, out));
  EXPECT_EQ(out, kWangqingGb18030);
}

// GB18030 covers all of Unicode, so any valid UTF-8 survives a round trip through it.
TEST(EncodingConverter, RandomTextRoundTripsThroughGb18030) {
  const uint32_t seed = 20240611;
  std::cout << "RandomTextRoundTripsThroughGb18030 seed: " << seed << "\n";
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  std::mt19937 random(seed);
  std::uniform_int_distribution<uint32_t> code_point(1, 0x10FFFF);
  std::uniform_int_distribution<uint32_t> cjk(0x4E00, 0x9FFF);
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    uint32_t c = i % 2 == 0 ? cjk(random) : code_point(random);
    if (c >= 0xD800 && c <= 0xDFFF) c = 'x';
    AppendUtf8(c, text);
  }
  ASSERT_TRUE(IsValidUtf8(text));
  const std::string gb = Convert(TextEncoding::kUtf8, TextEncoding::kGb18030, text);
  EXPECT_EQ(DetectEncoding(gb), TextEncoding::kGb18030);
  EXPECT_EQ(Convert(TextEncoding::kGb18030, TextEncoding::kUtf8, gb), text);
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// IsValidUtf8 (simdjson's SIMD validator) and ScanUtf8 (our byte loop) must agree on every
// input: random bytes, and valid Chinese text with single bytes changed.
TEST(IsValidUtf8, AgreesWithScanUtf8) {
  std::mt19937 rng(42);
  const std::string base = "户编号,证件号码,姓名\n2201,22010219800101001X,金成浩,健康,非在校生\n€𝄞ß\n";
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    if (i % 2 == 0) {
      s.resize(static_cast<size_t>(rng() % 80));
      for (char& c : s) c = static_cast<char>(rng() % 256);
    } else {
      s = base + base;
      for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k)
        s[rng() % s.size()] = static_cast<char>(rng() % 256);
    }
    ASSERT_EQ(IsValidUtf8(s), ScanUtf8(s).valid_bytes == s.size()) << i;
  }
}

}  // namespace
}  // namespace jz
