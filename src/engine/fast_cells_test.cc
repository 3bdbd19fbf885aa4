// Tests of the fast cell parsers: whatever they accept, the exact parser of core reads the
// same; they accept the common shapes; and they leave everything else (nullopt) to it.
#include "engine/fast_cells.h"

#include <gtest/gtest.h>

#include "core/code_lists.h"
#include "core/money.h"
#include "core/region_code.h"

namespace jz {
namespace {

TEST(FastCells, DatesAgreeWithDateParse) {
  for (std::string_view s :
       {"2024-03-01", "2024-02-29", "2023-02-29", "1800-01-01", "1799-12-31", "2200-12-31", "2201-01-01",
        "2024-13-01", "2024-00-10", "2024-3-1", "20240301", "2024/03/01", " 2024-03-01", "2024-03-0a", ""}) {
    const std::optional<Date> fast = FastDate(s);
    const StatusOr<Date> exact = Date::Parse(s);
    if (fast) {
      ASSERT_TRUE(exact.ok()) << s;
      EXPECT_EQ(*fast, *exact) << s;
    }
  }
  EXPECT_TRUE(FastDate("2024-03-01").has_value());
  EXPECT_FALSE(FastDate("2023-02-29").has_value());
}

TEST(FastCells, MoneyAgreesWithMoneyParse) {
  for (std::string_view s : {"0",
                             "12",
                             "-12",
                             "1234.5",
                             "1234.56",
                             "-0.05",
                             "007.10",
                             "999999999999999.99",
                             "9999999999999999",
                             "99999999999999999999",
                             "1.234",
                             "1.",
                             ".5",
                             "1,234.00",
                             "+1",
                             "¥1",
                             "1元",
                             " 1",
                             "-",
                             "",
                             "1.2x"}) {
    const std::optional<int64_t> fast = FastMoneyFen(s);
    const StatusOr<Money> exact = Money::Parse(s);
    if (fast) {
      ASSERT_TRUE(exact.ok()) << s;
      EXPECT_EQ(*fast, exact->fen()) << s;
    }
  }
  EXPECT_EQ(FastMoneyFen("1234.5"), 123450);
  EXPECT_EQ(FastMoneyFen("99999999999999999999"), std::nullopt);  // regression: overflowed
}

TEST(FastCells, YesNoAndVillageCodesAgreeWithTheExactParsers) {
  EXPECT_EQ(FastYesNo("是"), true);
  EXPECT_EQ(FastYesNo("否"), false);
  EXPECT_EQ(FastYesNo("Y"), std::nullopt);
  for (std::string_view s : {"222424100205", "222424100000", "222400100205", "832424100205", "102424100205",
                             "22242410020", "22242410020x", "000000000000"}) {
    const std::optional<uint64_t> fast = FastVillageCode(s);
    const StatusOr<RegionCode> exact = RegionCode::Parse(s);
    const bool village = exact.ok() && exact->level() == RegionLevel::kVillage;
    EXPECT_EQ(fast.has_value(), village) << s;
    if (fast) {
      EXPECT_EQ(*fast, exact->value()) << s;
    }
  }
}

}  // namespace
}  // namespace jz
