// A county's person-detail export has no insurance, 低保/特困 or income-component columns:
// what it does not say is stored as unknown, screened and validated without false
// warnings; the same households with those columns give the findings and warnings they
// always gave.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "app/registry/registry_importer.h"
#include "app/registry/registry_validation.h"
#include "app/screening/registry_screening.h"
#include "app/workspace.h"
#include "rules/policy.h"
#include "store/store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

const Date kToday = *Date::FromYmd(2026, 3, 1);

std::string Id(int year, int seq) {
  return IdNumber::FromParts(222424, *Date::FromYmd(year, 5, 1), static_cast<uint32_t>(seq))->ToString();
}

// One 低保 household whose head is chronically ill, 因病: rows of `columns` extra cells.
std::string File(bool full) {
  std::string header =
      "户编号,人编号,姓名,证件号码,与户主关系,健康状况,行政区划代码,户类型,贫困户属性,致贫原因,人均纯收入";
  if (full) {
    header +=
        ",是否参加城乡居民基本医疗保险,是否参加大病保险,是否享受低保,是否特困供养,务工时间(月),工资性收入,"
        "生产经营性收入,财产性收入,转移性收入,生产经营性支出";
  }
  std::string rows;
  const std::string flags = full ? ",否,否,否,否,0,0,0,0,0,0" : "";
  rows += "H1,H101,王强," + Id(1950, 3) + ",户主,长期慢性病,222424100205,脱贫户,低保脱贫户,因病,8000" +
          flags + "\n";
  rows +=
      "H1,H102,王芳," + Id(1952, 4) + ",配偶,健康,222424100205,脱贫户,低保脱贫户,因病,8000" + flags + "\n";
  return header + "\n" + rows;
}

class UnknownFieldsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-unknown-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Imports `csv` into a fresh database with the test regions.
  std::unique_ptr<Workspace> Import(const std::string& name, const std::string& csv) {
    const std::string path = (dir_ / (name + ".csv")).string();
    std::ofstream(path, std::ios::binary) << csv;
    auto ws = std::move(Workspace::Open({.db_path = (dir_ / (name + ".db")).string(),
                                         .create_if_missing = true,
                                         .today = kToday}))
                  .value();
    EXPECT_OK(testing::LoadTestRegions(ws->store()));
    StatusOr<ImportSummary> s = ImportRegistry(*ws, {.files = {path}, .data_year = 2025});
    EXPECT_OK(s.status());
    if (s.ok()) {
      EXPECT_EQ(s->persons_stored, 2);
    }
    return ws;
  }
  std::vector<std::string> FindingIds(Store& store) {
    StatusOr<ValidationResult> r =
        ValidateRegistry(store, {.scope = *RegionCode::Parse("22"), .reference_date = std::nullopt});
    EXPECT_OK(r.status());
    std::vector<std::string> ids;
    for (const Finding& f : r->findings) ids.emplace_back(f.rule_id);
    return ids;
  }
  ScreenResult Screen(Store& store) {
    std::filesystem::create_directories(dir_ / "no-feeds");  // every feed not provided
    StatusOr<Policy> policy = LoadPolicyFile(std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml");
    EXPECT_OK(policy.status());
    StatusOr<ScreenResult> r = ScreenRegistry(
        store, *policy,
        {(dir_ / "no-feeds").string(), *Date::FromYmd(2025, 12, 31), true, *RegionCode::Parse("22")});
    EXPECT_OK(r.status());
    return *r;
  }
  bool Fired(const ScreenResult& r, const std::string& rule) const {
    return r.households_per_rule.contains(rule);
  }

  std::filesystem::path dir_;
};

TEST_F(UnknownFieldsTest, AbsentColumnsAreStoredAsUnknown) {
  auto ws = Import("detail", File(false));
  ASSERT_OK_AND_ASSIGN(std::optional<Household> h,
                       ws->store().FindHousehold(ReadScope::WholeDatabase(), "H1"));
  ASSERT_TRUE(h.has_value());
  const Person& head = h->members[0];
  EXPECT_EQ(head.medical_insured, std::nullopt);
  EXPECT_EQ(head.critical_illness_insured, std::nullopt);
  EXPECT_EQ(head.receives_dibao, std::nullopt);
  EXPECT_EQ(head.work_months, std::nullopt);
  ASSERT_EQ(h->years.size(), 1u);
  const HouseholdYear& y = h->years[0];
  EXPECT_FALSE(y.income_components_known);
  EXPECT_EQ(y.food_secure, std::nullopt) << "no export column carries 不愁吃";
  EXPECT_EQ(y.safe_drinking_water, std::nullopt);
  // 人均纯收入 is the declared figure, not the (unknown) components' zero.
  EXPECT_EQ(y.NetIncomePerCapita(2), Money::FromYuan(8000));
}

TEST_F(UnknownFieldsTest, StatedColumnsAreStoredAsStated) {
  auto ws = Import("full", File(true));
  ASSERT_OK_AND_ASSIGN(std::optional<Household> h,
                       ws->store().FindHousehold(ReadScope::WholeDatabase(), "H1"));
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->members[0].medical_insured, false) << "a known 否 stays false, not unknown";
  EXPECT_EQ(h->members[0].receives_dibao, false);
  EXPECT_EQ(h->members[0].work_months, 0);
  EXPECT_TRUE(h->years[0].income_components_known);
  EXPECT_EQ(h->years[0].NetIncomePerCapita(2), Money()) << "the components give 0";
}

// DOMAIN §1.4: dibao.no_member, assurance.illness_uninsured, income.arithmetic.
TEST_F(UnknownFieldsTest, ValidationReportsNothingFromUnknownFields) {
  auto detail = Import("detail", File(false));
  const std::vector<std::string> unknown = FindingIds(detail->store());
  for (const char* rule : {"dibao.no_member", "assurance.illness_uninsured", "income.arithmetic"}) {
    EXPECT_EQ(std::count(unknown.begin(), unknown.end(), rule), 0) << rule;
  }
  auto full = Import("full", File(true));
  const std::vector<std::string> stated = FindingIds(full->store());
  for (const char* rule : {"dibao.no_member", "assurance.illness_uninsured", "income.arithmetic"}) {
    EXPECT_EQ(std::count(stated.begin(), stated.end(), rule), 1) << rule << " (stated 否 and 0 income)";
  }
}

// JL-T-MEDICAL (not insured) and JL-W-INCOME-EXITED (人均纯收入 under the line).
TEST_F(UnknownFieldsTest, ScreeningFiresNoWarningOnUnknownValues) {
  auto detail = Import("detail", File(false));
  const ScreenResult unknown = Screen(detail->store());
  EXPECT_FALSE(Fired(unknown, "JL-T-MEDICAL")) << "insurance unknown is not uninsured";
  EXPECT_FALSE(Fired(unknown, "JL-T-FOOD"));
  EXPECT_FALSE(Fired(unknown, "JL-W-INCOME-EXITED")) << "declared 8000 is above the line";
  EXPECT_GT(unknown.unknown_values, 0);
  EXPECT_EQ(unknown.not_evaluable, 0) << "unknown is counted apart";

  auto full = Import("full", File(true));
  const ScreenResult stated = Screen(full->store());
  EXPECT_TRUE(Fired(stated, "JL-T-MEDICAL")) << "stated 否";
  EXPECT_TRUE(Fired(stated, "JL-W-INCOME-EXITED")) << "components give 0";
}

}  // namespace
}  // namespace jz
