#include "cli/row_printer.h"

#include <gtest/gtest.h>

#include "tests/testutil/status_matchers.h"

namespace jz::cli {
namespace {

std::vector<ReportTable> Tables() {
  std::vector<ReportTable> tables;
  tables.emplace_back("rules",
                      std::vector<ReportColumn>{{"rule", "规则", "rule"},
                                                {"households", "户数", "households", CellKind::kInt}});
  tables[0].AddRow({std::string("W1"), int64_t{12}});
  tables.emplace_back("feeds", std::vector<ReportColumn>{{"feed", "数据源", "feed"}});
  tables[1].AddRow({std::string("death")});
  return tables;
}

TEST(RowPrinter, ParsesOnlyTheThreeFormats) {
  EXPECT_EQ(*ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_FALSE(ParseOutputFormat("xml").ok());
}

TEST(RowPrinter, OneTableServesEveryFormat) {
  std::vector<ReportTable> tables = Tables();
  GlobalOptions en{.lang = Lang::kEn};
  ASSERT_OK_AND_ASSIGN(std::string table, RenderTables(en, OutputFormat::kTable, tables));
  EXPECT_EQ(table, "rule  households\n----------------\nW1            12\n\nfeed \n-----\ndeath\n");
  ASSERT_OK_AND_ASSIGN(std::string csv, RenderTables(GlobalOptions{}, OutputFormat::kCsv, tables));
  EXPECT_EQ(csv, "规则,户数\nW1,12\n\n数据源\ndeath\n");
  ASSERT_OK_AND_ASSIGN(std::string json, RenderTables(en, OutputFormat::kJson, std::span(tables).first(1)));
  EXPECT_EQ(json, "[\n  {\n    \"rule\": \"W1\",\n    \"households\": 12\n  }\n]\n");
  ASSERT_OK_AND_ASSIGN(std::string both, RenderTables(en, OutputFormat::kJson, tables));
  EXPECT_NE(both.find("\"feeds\": ["), std::string::npos);
}

}  // namespace
}  // namespace jz::cli
