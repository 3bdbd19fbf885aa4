// Money: an amount of renminbi held as a whole number of fen (分, 1/100 yuan). Incomes,
// benefits and poverty lines are compared against each other to the fen, so no floating
// point is used anywhere: parsing reads the decimal digits exactly, and division rounds
// explicitly. Parse() reads the spellings found in county spreadsheets.
#ifndef JZ_CORE_MONEY_H_
#define JZ_CORE_MONEY_H_

#include <compare>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jz {

// A signed amount in fen. Arithmetic is plain int64 arithmetic: the caller keeps results in
// range (a province's whole budget is far below 9.2e16 yuan). Thread-compatible value type.
class Money {
 public:
  // Zero.
  constexpr Money() = default;

  static constexpr Money FromFen(int64_t fen) { return Money(fen); }
  // REQUIRES: yuan * 100 fits in int64.
  static constexpr Money FromYuan(int64_t yuan) { return Money(yuan * kFenPerYuan); }

  // Parses an amount in yuan as users type it. Leading and trailing ASCII whitespace is
  // ignored. Accepted: an optional sign (+ or -), an optional ¥ or ￥ before the number,
  // an optional 元 after it, and digits with at most two decimals ("1234", "1234.5",
  // "-12.3", ".5", "12."), where the integer part may be grouped by commas in threes
  // ("1,234.56"). Decimals beyond the second are accepted only when they are zeros
  // ("12.300"), because they change nothing.
  // Returns InvalidArgumentError naming the text when it is empty, not such a number, has a
  // non-zero third decimal, has misplaced commas, or is beyond ±92,233,720,368,547,758.07.
  static StatusOr<Money> Parse(std::string_view text);

  constexpr int64_t fen() const { return fen_; }

  // Returns the amount divided by `divisor`, rounded to the nearest fen, halves away from
  // zero (e.g. a household total shared per person). REQUIRES: divisor > 0.
  Money DivideRounded(int64_t divisor) const;

  // Returns yuan with exactly two decimals and no grouping: "1234.50", "-0.05", "0.00".
  std::string ToString() const;

  // REQUIRES for each operator: the result fits in int64 fen.
  constexpr Money operator+(Money other) const { return Money(fen_ + other.fen_); }
  constexpr Money operator-(Money other) const { return Money(fen_ - other.fen_); }
  constexpr Money operator*(int64_t factor) const { return Money(fen_ * factor); }
  constexpr Money& operator+=(Money other) {
    fen_ += other.fen_;
    return *this;
  }
  constexpr Money& operator-=(Money other) {
    fen_ -= other.fen_;
    return *this;
  }

  // NOLINTNEXTLINE(modernize-use-nullptr): a false positive on the defaulted comparison.
  friend constexpr auto operator<=>(const Money&, const Money&) = default;
  friend constexpr bool operator==(const Money&, const Money&) = default;

 private:
  static constexpr int64_t kFenPerYuan = 100;

  constexpr explicit Money(int64_t fen) : fen_(fen) {}

  int64_t fen_ = 0;
};

// Writes money.ToString(); used by test failure messages and logs.
std::ostream& operator<<(std::ostream& os, Money money);

}  // namespace jz

#endif  // JZ_CORE_MONEY_H_
