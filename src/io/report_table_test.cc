#include "io/report_table.h"

#include <gtest/gtest.h>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

ReportTable Sample() {
  ReportTable t("counties", {{"code", "区划代码", "code"},
                             {"households", "户数", "households", CellKind::kInt},
                             {"income_fen", "人均纯收入", "net income per person", CellKind::kMoney},
                             {"share", "占比", "share", CellKind::kShare}});
  t.AddRow({std::string("222424"), int64_t{1234}, int64_t{-505}, 0.125});
  t.AddRow({std::string("=cmd"), std::monostate{}, int64_t{100}, std::monostate{}});
  return t;
}

TEST(ReportTable, DisplayWritesMoneyAsYuanAndSharesAsPercent) {
  ReportTable t = Sample();
  EXPECT_EQ(t.Display(0, 2), "-5.05");
  EXPECT_EQ(t.Display(0, 3), "12.5%");
  EXPECT_EQ(t.Plain(0, 3), "0.125");
  EXPECT_EQ(t.Display(1, 1), "");
}

TEST(ReportTable, CsvHeadersFollowTheLanguage) {
  ReportTable t = Sample();
  ASSERT_OK_AND_ASSIGN(std::string zh, t.ToCsv(Lang::kZhHans));
  EXPECT_EQ(zh.substr(0, zh.find('\n')), "区划代码,户数,人均纯收入,占比");
  ASSERT_OK_AND_ASSIGN(std::string en, t.ToCsv(Lang::kEn));
  EXPECT_EQ(en, "code,households,net income per person,share\n222424,1234,-5.05,0.125\n'=cmd,,1.00,\n");
  if (TraditionalAvailable()) {
    ASSERT_OK_AND_ASSIGN(std::string hant, t.ToCsv(Lang::kZhHant));
    EXPECT_EQ(hant.substr(0, hant.find(",人均")), "區劃代碼,戶數");
  }
}

TEST(ReportTable, JsonKeepsTypesAndKeys) {
  EXPECT_EQ(Sample().ToJson(),
            "[\n  {\n    \"code\": \"222424\",\n    \"households\": 1234,\n    \"income_fen\": -505,\n"
            "    \"share\": 0.125\n  },\n  {\n    \"code\": \"=cmd\",\n    \"households\": null,\n"
            "    \"income_fen\": 100,\n    \"share\": null\n  }\n]");
}

}  // namespace
}  // namespace jz
