// Tests of Money: every written form Parse() accepts and every rejection with its message,
// the int64 limits, formatting, arithmetic, and rounding division checked against a 128-bit
// reference over random amounts.
#include "core/money.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <sstream>
#include <string>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

constexpr int64_t kMaxFen = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinFen = std::numeric_limits<int64_t>::min();

TEST(Money, ConstructsFromFenAndYuan) {
  static_assert(Money::FromYuan(12).fen() == 1200);
  EXPECT_EQ(Money().fen(), 0);
  EXPECT_EQ(Money::FromFen(-5).fen(), -5);
  EXPECT_EQ(Money::FromYuan(-3), Money::FromFen(-300));
}

TEST(Money, AddsSubtractsAndMultiplies) {
  const Money a = Money::FromFen(1050);
  const Money b = Money::FromFen(275);
  EXPECT_EQ((a + b).fen(), 1325);
  EXPECT_EQ((b - a).fen(), -775);
  EXPECT_EQ((a * 3).fen(), 3150);
  EXPECT_EQ((a * -2).fen(), -2100);
  Money total;
  total += a;
  total += b;
  total -= Money::FromFen(25);
  EXPECT_EQ(total.fen(), 1300);
}

TEST(Money, ComparesByAmount) {
  EXPECT_LT(Money::FromFen(-1), Money());
  EXPECT_GT(Money::FromYuan(4000), Money::FromFen(399'999));
  EXPECT_EQ(Money::FromYuan(1), Money::FromFen(100));
  EXPECT_NE(Money::FromYuan(1), Money::FromFen(101));
}

TEST(Money, DivideRoundedRoundsHalvesAwayFromZero) {
  EXPECT_EQ(Money::FromFen(10).DivideRounded(3).fen(), 3);
  EXPECT_EQ(Money::FromFen(11).DivideRounded(3).fen(), 4);
  EXPECT_EQ(Money::FromFen(5).DivideRounded(2).fen(), 3);
  EXPECT_EQ(Money::FromFen(-5).DivideRounded(2).fen(), -3);
  EXPECT_EQ(Money::FromFen(-10).DivideRounded(3).fen(), -3);
  EXPECT_EQ(Money::FromFen(-11).DivideRounded(3).fen(), -4);
  EXPECT_EQ(Money::FromFen(1).DivideRounded(3).fen(), 0);
  EXPECT_EQ(Money::FromFen(-1).DivideRounded(3).fen(), 0);
  EXPECT_EQ(Money::FromFen(0).DivideRounded(7).fen(), 0);
  EXPECT_EQ(Money::FromFen(1234).DivideRounded(1).fen(), 1234);
}

TEST(Money, DivideRoundedHandlesTheInt64Limits) {
  EXPECT_EQ(Money::FromFen(kMaxFen).DivideRounded(kMaxFen).fen(), 1);
  EXPECT_EQ(Money::FromFen(kMinFen).DivideRounded(kMaxFen).fen(), -1);
  EXPECT_EQ(Money::FromFen(kMaxFen).DivideRounded(2).fen(), kMaxFen / 2 + 1);
  EXPECT_EQ(Money::FromFen(kMinFen).DivideRounded(2).fen(), kMinFen / 2);
  EXPECT_EQ(Money::FromFen(kMaxFen / 2).DivideRounded(kMaxFen).fen(), 0);
  EXPECT_EQ(Money::FromFen(kMaxFen / 2 + 1).DivideRounded(kMaxFen).fen(), 1);
}

// The reference: exact rational rounding in 128 bits.
int64_t ReferenceDivideRounded(int64_t fen, int64_t divisor) {
  const __int128 magnitude = fen < 0 ? -static_cast<__int128>(fen) : fen;
  const __int128 rounded = (2 * magnitude + divisor) / (2 * static_cast<__int128>(divisor));
  return static_cast<int64_t>(fen < 0 ? -rounded : rounded);
}

TEST(Money, DivideRoundedMatchesExactRoundingForRandomAmounts) {
  constexpr uint64_t kSeed = 20210225;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  std::uniform_int_distribution<int64_t> any_fen(kMinFen, kMaxFen);
  std::uniform_int_distribution<int64_t> small_fen(-100'000, 100'000);
  std::uniform_int_distribution<int64_t> any_divisor(1, kMaxFen);
  std::uniform_int_distribution<int64_t> small_divisor(1, 12);
  for (int i = 0; i < 100'000; ++i) {
    const int64_t fen = i % 2 == 0 ? any_fen(random) : small_fen(random);
    const int64_t divisor = i % 3 == 0 ? any_divisor(random) : small_divisor(random);
    ASSERT_EQ(Money::FromFen(fen).DivideRounded(divisor).fen(), ReferenceDivideRounded(fen, divisor))
        << fen << " / " << divisor;
  }
}

TEST(Money, ParseAcceptsEveryWrittenForm) {
  const std::pair<const char*, int64_t> cases[] = {
      {"1234", 123400},
      {"1234.5", 123450},
      {"1234.56", 123456},
      {"-12.3", -1230},
      {"1,234.56", 123456},
      {"1,234,567", 123456700},
      {"1234元", 123400},
      {"1234 元", 123400},
      {"¥1234.00", 123400},
      {"￥12", 1200},
      {"¥ 12", 1200},
      {"+5", 500},
      {".5", 50},
      {"12.", 1200},
      {"-.05", -5},
      {"0", 0},
      {"-0", 0},
      {"0.01", 1},
      {"-¥12", -1200},
      {"¥-12", -1200},
      {"  7.07\t", 707},
      {"12.300", 1230},
      {"12.00000", 1200},
      {"001", 100},
      {"999", 99900},
      {"100,000.00", 10000000},
      {"¥1,234.5元", 123450},
  };
  for (const auto& [text, fen] : cases) {
    SCOPED_TRACE(text);
    ASSERT_OK_AND_ASSIGN(const Money money, Money::Parse(text));
    EXPECT_EQ(money.fen(), fen);
  }
}

TEST(Money, ParseReachesExactlyTheInt64Limits) {
  ASSERT_OK_AND_ASSIGN(const Money max, Money::Parse("92233720368547758.07"));
  EXPECT_EQ(max.fen(), kMaxFen);
  ASSERT_OK_AND_ASSIGN(const Money min, Money::Parse("-92,233,720,368,547,758.08"));
  EXPECT_EQ(min.fen(), kMinFen);
}

TEST(Money, ParseRejectsEmptyText) {
  EXPECT_STATUS(Money::Parse(""), StatusCode::kInvalidArgument, "amount is empty");
  EXPECT_STATUS(Money::Parse(" \t "), StatusCode::kInvalidArgument, "金额为空");
}

TEST(Money, ParseRejectsTextThatIsNotAnAmountNamingIt) {
  for (const char* text :
       {"abc",    "1..2",  "--1",  "+-1", "-+1",   "12a3",   "1e5",  "¥",      "元",   ".",   "-",
        "12.3.4", "1 234", "0x10", "NaN", "12.3a", "12,3a4", "¥¥12", "12元元", "1.-2", "１２"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(Money::Parse(text), StatusCode::kInvalidArgument,
                  fmt::format("amount \"{}\" is not a number of yuan", text));
    EXPECT_STATUS(Money::Parse(text), StatusCode::kInvalidArgument, fmt::format("金额“{}”无法识别", text));
  }
}

TEST(Money, ParseRejectsMisplacedThousandsSeparators) {
  for (const char* text : {"1,23.4", "1,2345", ",123", "1,234,", "1234,567", "1,,234", "12,34,567"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(Money::Parse(text), StatusCode::kInvalidArgument,
                  fmt::format("amount \"{}\" has misplaced thousands separators", text));
  }
}

TEST(Money, ParseRejectsMoreThanTwoDecimals) {
  for (const char* text : {"12.345", "0.001", "-1.0001", "12.3400001"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(Money::Parse(text), StatusCode::kInvalidArgument,
                  fmt::format("amount \"{}\" has more than two decimal places", text));
    EXPECT_STATUS(Money::Parse(text), StatusCode::kInvalidArgument, "小数超过两位");
  }
}

TEST(Money, ParseRejectsAmountsBeyondInt64Fen) {
  for (const char* text : {"92233720368547758.08", "-92233720368547758.09", "99999999999999999999999",
                           "92233720368547759", "184467440737095516.16"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(Money::Parse(text), StatusCode::kInvalidArgument,
                  fmt::format("amount \"{}\" is out of range", text));
  }
}

TEST(Money, ToStringWritesYuanWithTwoDecimals) {
  EXPECT_EQ(Money::FromFen(123450).ToString(), "1234.50");
  EXPECT_EQ(Money::FromFen(-5).ToString(), "-0.05");
  EXPECT_EQ(Money::FromFen(0).ToString(), "0.00");
  EXPECT_EQ(Money::FromFen(-100).ToString(), "-1.00");
  EXPECT_EQ(Money::FromFen(7).ToString(), "0.07");
  EXPECT_EQ(Money::FromYuan(1'000'000).ToString(), "1000000.00");
  EXPECT_EQ(Money::FromFen(kMaxFen).ToString(), "92233720368547758.07");
  EXPECT_EQ(Money::FromFen(kMinFen).ToString(), "-92233720368547758.08");
  std::ostringstream os;
  os << Money::FromFen(250);
  EXPECT_EQ(os.str(), "2.50");
}

TEST(Money, ParseRoundTripsToStringForRandomAmounts) {
  constexpr uint64_t kSeed = 20201231;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  std::uniform_int_distribution<int64_t> any_fen(kMinFen, kMaxFen);
  std::uniform_int_distribution<int64_t> small_fen(-1'000'000, 1'000'000);
  for (int i = 0; i < 50'000; ++i) {
    const Money money = Money::FromFen(i % 2 == 0 ? any_fen(random) : small_fen(random));
    ASSERT_OK_AND_ASSIGN(const Money parsed, Money::Parse(money.ToString()));
    ASSERT_EQ(parsed, money);
  }
}

}  // namespace
}  // namespace jz
