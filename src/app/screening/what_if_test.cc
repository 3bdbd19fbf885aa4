#include "app/screening/what_if.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

const std::string kPolicy = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";

// Households of two persons with per-capita incomes 7,000, 7,600, 8,200 ... yuan.
Snapshot Registry(const Policy& policy) {
  SnapshotBuilder builder(NeedsOf(policy), *Date::FromYmd(2024, 12, 31));
  for (int i = 0; i < 10; ++i) {
    std::string no = "H";  // (not "H" + to_string: GCC 12 -Wrestrict false positive)
    no += std::to_string(i);
    Household h = testing::TestHousehold(no, 2, 4 * i);
    HouseholdYear& y = h.years[0];
    y.wage_income = Money::FromYuan(2 * (7000 + 600 * i));
    y.business_income = y.property_income = y.transfer_income = y.business_expense = Money();
    builder.Add(h);
  }
  return std::move(builder).Finish();
}

TEST(WhatIfTest, HigherLineBringsHouseholdsInLowerLineTakesThemOut) {
  ASSERT_OK_AND_ASSIGN(Policy base, LoadPolicyFile(kPolicy));
  const Snapshot snapshot = Registry(base);
  const size_t income = static_cast<size_t>(base.FindRule("JL-W-INCOME-EXITED") - base.rules.data());

  const std::vector<ParameterOverride> higher{{"monitoring_line", "8800"}};
  ASSERT_OK_AND_ASSIGN(Policy up, LoadPolicyFile(kPolicy, higher));
  ASSERT_OK_AND_ASSIGN(WhatIfResult r, CompareWhatIf(snapshot, base, up, 1));
  // 7,000 fires already; 7,600, 8,200 (and not 8,800: the line is "below") enter.
  EXPECT_EQ(r.base_households_per_rule[income], 1);
  EXPECT_EQ(r.changed_households_per_rule[income], 3);
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_TRUE(r.changes[0].enters);
  EXPECT_EQ(snapshot.household_no[r.changes[0].household], "H1");
  EXPECT_EQ(snapshot.household_no[r.changes[1].household], "H2");
  const auto county = std::pair<uint32_t, uint32_t>{222424, static_cast<uint32_t>(income)};
  EXPECT_EQ(r.per_county.at(county), (std::pair<int64_t, int64_t>{2, 0}));
  EXPECT_EQ(r.rules_reevaluated, 3);  // the two income rules and the labour rule read the line

  const std::vector<ParameterOverride> lower{{"monitoring_line", "6000元"}};
  ASSERT_OK_AND_ASSIGN(Policy down, LoadPolicyFile(kPolicy, lower));
  ASSERT_OK_AND_ASSIGN(WhatIfResult d, CompareWhatIf(snapshot, base, down, 2));
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_FALSE(d.changes[0].enters);

  const auto path =
      std::filesystem::temp_directory_path() / ("jz-whatif-" + std::to_string(::getpid()) + ".csv");
  ASSERT_OK(WriteWhatIfList(path.string(), snapshot, base, r));
  std::ifstream in(path);
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  EXPECT_EQ(header, "县,户编号,规则,规则名称,变化");
  EXPECT_EQ(first, "222424,H1,JL-W-INCOME-EXITED,脱贫户人均纯收入低于监测范围,进入");
  std::filesystem::remove(path);
  // In English the headers and the change are English (policies name rules in zh-Hans only).
  ASSERT_OK(WriteWhatIfList(path.string(), snapshot, base, r, Lang::kEn));
  std::ifstream en(path);
  std::getline(en, header);
  std::getline(en, first);
  EXPECT_EQ(header, "county,household no,rule,rule name,change");
  EXPECT_EQ(first, "222424,H1,JL-W-INCOME-EXITED,脱贫户人均纯收入低于监测范围,enters");
  std::filesystem::remove(path);
}

TEST(WhatIfTest, SkippingUnaffectedRulesEqualsAFullRerun) {
  ASSERT_OK_AND_ASSIGN(Policy base, LoadPolicyFile(kPolicy));
  const Snapshot snapshot = Registry(base);
  const std::vector<ParameterOverride> changes{{"monitoring_line", "8000"}, {"school_age_to", "16"}};
  ASSERT_OK_AND_ASSIGN(Policy changed, LoadPolicyFile(kPolicy, changes));
  ASSERT_OK_AND_ASSIGN(WhatIfResult r, CompareWhatIf(snapshot, base, changed, 2));
  ASSERT_OK_AND_ASSIGN(RuleEngine engine, RuleEngine::Create(changed, snapshot));
  ASSERT_OK_AND_ASSIGN(EngineResult full, engine.Run());
  EXPECT_EQ(r.changed_households_per_rule, full.households_per_rule);
}

TEST(WhatIfTest, PoliciesWithOtherRulesAreRefused) {
  ASSERT_OK_AND_ASSIGN(Policy base, LoadPolicyFile(kPolicy));
  Policy other = base;
  other.rules.pop_back();
  const Snapshot snapshot = Registry(base);
  EXPECT_STATUS(CompareWhatIf(snapshot, base, other), StatusCode::kInvalidArgument, "different rules");
}

}  // namespace
}  // namespace jz
