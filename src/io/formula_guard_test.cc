// The formula-neutralisation rule (OWASP CSV injection) and its use by the CSV writers.
#include "io/formula_guard.h"

#include <gtest/gtest.h>

#include "io/csv_writer.h"
#include "io/report_table.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

TEST(FormulaGuard, PrefixesEveryFormulaOpening) {
  EXPECT_EQ(NeutralizeFormula("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(NeutralizeFormula("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(NeutralizeFormula("-2+3"), "'-2+3");
  EXPECT_EQ(NeutralizeFormula("@SUM(1)"), "'@SUM(1)");
  EXPECT_EQ(NeutralizeFormula("\t=1"), "'\t=1");
  EXPECT_EQ(NeutralizeFormula("\r=1"), "'\r=1");
  EXPECT_EQ(NeutralizeFormula("-"), "'-");
  EXPECT_EQ(NeutralizeFormula("+"), "'+");
}

TEST(FormulaGuard, LeavesPlainNumbersAndOrdinaryText) {
  for (const char* kept :
       {"-300", "-12.5", "+86", "-.5", "-1e5", "-12.5%", "张三", "", "1+1", "a=b", "'=x"}) {
    EXPECT_EQ(NeutralizeFormula(kept), kept);
  }
}

TEST(FormulaGuard, CsvWriterNeutralisesTextFieldsOnly) {
  std::string out;
  auto csv = CsvWriter::ToString(&out);
  csv->Field("=1+1");
  csv->Field("-300");
  csv->Field(int64_t{-300});
  csv->RawField("-12.50");
  csv->Field("+cmd|' /C calc'!A0,x");
  csv->EndRow();
  ASSERT_OK(csv->Close());
  EXPECT_EQ(out, "'=1+1,-300,-300,-12.50,\"'+cmd|' /C calc'!A0,x\"\n");
}

TEST(FormulaGuard, VerbatimWriterRoundTripsDataFiles) {
  std::string out;
  auto csv = CsvWriter::ToString(&out, TextEncoding::kUtf8, ',', FormulaGuard::kVerbatim);
  csv->Row({"=1+1", "@x"});
  ASSERT_OK(csv->Close());
  EXPECT_EQ(out, "=1+1,@x\n");
}

TEST(FormulaGuard, ReportTableCsvKeepsNumbersNumeric) {
  ReportTable t("ledger", {{"finding", "问题", "finding"},
                           {"amount_fen", "金额", "amount", CellKind::kMoney},
                           {"note", "备注", "note"}});
  t.AddRow({std::string("=HYPERLINK(\"http://x\",\"y\")"), int64_t{-30000}, std::string("-300")});
  ASSERT_OK_AND_ASSIGN(std::string csv, t.ToCsv(Lang::kEn));
  EXPECT_EQ(csv, "finding,amount,note\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-300.00,-300\n");
}

}  // namespace
}  // namespace jz
