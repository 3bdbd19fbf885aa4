// The personal-number mask: ID numbers, mobiles and bank cards masked; region codes, 户编号,
// 人编号, dates and amounts kept.
#include "core/personal_data_mask.h"

#include <gtest/gtest.h>

namespace jz {
namespace {

TEST(MaskPersonalNumbers, MasksIdNumbersValidOrMistyped) {
  EXPECT_EQ(MaskPersonalNumbers("证件 11010519491231002X。"), "证件 110105********002X。");
  EXPECT_EQ(MaskPersonalNumbers("11010519491231002x"), "110105********002X");  // as IdNumber writes it
  // A wrong check digit is still someone's number.
  EXPECT_EQ(MaskPersonalNumbers("id=110105194912310021"), "id=110105********0021");
}

TEST(MaskPersonalNumbers, MasksMobilesAndBankCards) {
  EXPECT_EQ(MaskPersonalNumbers("tel 13812345678"), "tel 138****5678");
  EXPECT_EQ(MaskPersonalNumbers("6222020200112345679"), "***************5679");
}

TEST(MaskPersonalNumbers, KeepsRegistryNumbersDatesAndAmounts) {
  const std::string kept =
      "村 222424100205 户 2224241002050001 人 222424100205000101 于 2024-03-01 收入 12345.67 元 "
      "电话区号 0433-1234567 序号 12345678901";
  EXPECT_EQ(MaskPersonalNumbers(kept), kept);
  // 16 digits that fail Luhn are not a card.
  EXPECT_EQ(MaskPersonalNumbers("6222020200112346"), "6222020200112346");
}

}  // namespace
}  // namespace jz
