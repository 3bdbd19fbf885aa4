// Tests of the reference evaluator on hand-built households: boundary values of the
// monitoring line, the edge of a 365-day feed window, a leap day, exact money arithmetic.
// Rule ids are those of policies/jilin-2024.toml.
#include "rules/evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "rules/policy.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::jz::testing::TestHousehold;

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

class EvaluatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<Policy> policy = LoadPolicyFile(std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml");
    ASSERT_OK(policy);
    policy_ = *std::move(policy);
    // Two members; net income 15,000.00 yuan, so 7,500.00 per person (the monitoring line).
    household_ = TestHousehold("220001", 2);
    HouseholdYear& year = household_.years[0];
    year.wage_income = Money::FromYuan(15000);
    year.business_income = year.property_income = year.transfer_income = Money();
    year.business_expense = Money();
  }

  bool Fires(std::string_view id, Date as_of = D(2024, 3, 1)) {
    const Rule* rule = policy_.FindRule(id);
    EXPECT_NE(rule, nullptr) << id;
    StatusOr<Outcome> outcome = Evaluate(*rule, household_, feeds_, as_of);
    EXPECT_OK(outcome);
    return outcome.ok() && outcome->fired;
  }

  void AddRow(std::string_view feed, size_t member, Date date, std::vector<Value> values) {
    feeds_.rows[*policy_.FeedIndex(feed)].push_back({member, date, std::move(values)});
  }

  StatusOr<Value> Eval(std::string_view text, std::optional<size_t> person = std::nullopt) {
    size_t offset = 0;
    const CompileEnv env{person ? PolicyScope::kPerson : PolicyScope::kHousehold, &policy_.parameters,
                         &policy_.feeds, false};
    ASSIGN_OR_RETURN(Expr expr, CompileExpr(text, env, &offset));
    return EvaluateExpr(expr, household_, feeds_, D(2024, 3, 1), person);
  }

  Policy policy_;
  Household household_;
  FeedView feeds_;
};

TEST_F(EvaluatorTest, IncomeExactlyAtMonitoringLineDoesNotFire) {  // JL-W-INCOME-EXITED
  EXPECT_FALSE(Fires("JL-W-INCOME-EXITED"));
  household_.years[0].wage_income -= Money::FromFen(2);  // 7,499.99 per person
  EXPECT_TRUE(Fires("JL-W-INCOME-EXITED"));
  EXPECT_FALSE(Fires("JL-W-INCOME-FARM"));  // the household is a 脱贫户
  household_.type = HouseholdType::kOrdinaryFarm;
  EXPECT_TRUE(Fires("JL-W-INCOME-FARM"));
}

TEST_F(EvaluatorTest, MedicalShareComparesExactlyToTheFen) {  // JL-W-MEDICAL
  household_.years[0].wage_income += Money::FromFen(1);       // net 15,000.01: half is 7,500.005
  AddRow("medical", 0, D(2024, 1, 10), {Value::OfMoney(Money::FromYuan(7500)), Value::Bool(true)});
  EXPECT_FALSE(Fires("JL-W-MEDICAL"));
  AddRow("medical", 1, D(2024, 2, 1), {Value::OfMoney(Money::FromFen(1)), Value::Bool(false)});
  EXPECT_TRUE(Fires("JL-W-MEDICAL"));
  ASSERT_OK_AND_ASSIGN(Outcome outcome,
                       Evaluate(*policy_.FindRule("JL-W-MEDICAL"), household_, feeds_, D(2024, 3, 1)));
  ASSERT_EQ(outcome.hits.size(), 1u);
  ASSERT_EQ(outcome.hits[0].evidence.size(), 1u);
  EXPECT_EQ(outcome.hits[0].evidence[0].values, "7500.01元 > 1500001/2分");
}

TEST_F(EvaluatorTest, WindowIncludesDay365AndExcludesDay366) {  // JL-W-MEDICAL
  const Date as_of = D(2024, 3, 1);  // 2023-03-02 is 365 days before (2024-02-29 exists)
  ASSERT_EQ(as_of.days() - D(2023, 3, 2).days(), 365);
  AddRow("medical", 0, D(2023, 3, 1), {Value::OfMoney(Money::FromYuan(9000)), Value::Bool(true)});
  EXPECT_FALSE(Fires("JL-W-MEDICAL", as_of));
  feeds_.rows.clear();
  AddRow("medical", 0, D(2023, 3, 2), {Value::OfMoney(Money::FromYuan(9000)), Value::Bool(true)});
  EXPECT_TRUE(Fires("JL-W-MEDICAL", as_of));
  feeds_.rows.clear();
  AddRow("medical", 0, D(2024, 3, 2), {Value::OfMoney(Money::FromYuan(9000)), Value::Bool(true)});
  EXPECT_FALSE(Fires("JL-W-MEDICAL", as_of));  // rows after as_of are ignored
}

TEST_F(EvaluatorTest, LeapDayClaimAndLeapDayBirthday) {  // JL-W-MEDICAL, JL-W-DROPOUT
  AddRow("medical", 0, D(2024, 2, 29), {Value::OfMoney(Money::FromYuan(8000)), Value::Bool(true)});
  EXPECT_TRUE(Fires("JL-W-MEDICAL", D(2024, 2, 29)));
  EXPECT_TRUE(Fires("JL-W-MEDICAL", D(2025, 2, 28)));  // 365 days later
  EXPECT_FALSE(Fires("JL-W-MEDICAL", D(2025, 3, 1)));  // 366 days later
  // A child born on 29 Feb 2008 turns 16 on 1 Mar 2024 and leaves the 6-15 school age.
  household_.members[1].birth_date = D(2008, 2, 29);
  EXPECT_TRUE(Fires("JL-W-DROPOUT", D(2024, 2, 28)));
  EXPECT_FALSE(Fires("JL-W-DROPOUT", D(2024, 3, 1)));
  AddRow("school_roll", 1, D(2023, 9, 1), {Value::Bool(true)});
  EXPECT_FALSE(Fires("JL-W-DROPOUT", D(2024, 2, 28)));
}

TEST_F(EvaluatorTest, PersonScopeRulesReportTheMember) {  // JL-W-DEATH, JL-X-PAYROLL
  AddRow("death", 1, D(2024, 1, 5), {});
  ASSERT_OK_AND_ASSIGN(Outcome outcome,
                       Evaluate(*policy_.FindRule("JL-W-DEATH"), household_, feeds_, D(2024, 3, 1)));
  ASSERT_EQ(outcome.hits.size(), 1u);
  EXPECT_EQ(outcome.hits[0].member, 1u);
  EXPECT_FALSE(Fires("JL-X-PAYROLL"));
  AddRow("payroll", 0, D(2024, 1, 31), {});
  EXPECT_TRUE(Fires("JL-X-PAYROLL"));
}

TEST_F(EvaluatorTest, EvidenceNamesBoolFieldsAndFeedHits) {  // JL-T-WATER, JL-W-DEATH
  household_.years[0].safe_drinking_water = false;
  ASSERT_OK_AND_ASSIGN(Outcome water,
                       Evaluate(*policy_.FindRule("JL-T-WATER"), household_, feeds_, D(2024, 3, 1)));
  ASSERT_EQ(water.hits.size(), 1u);
  ASSERT_EQ(water.hits[0].evidence.size(), 1u);
  EXPECT_EQ(water.hits[0].evidence[0].values, "year.safe_drinking_water = false");
  AddRow("death", 0, D(2024, 2, 1), {});
  ASSERT_OK_AND_ASSIGN(Outcome death,
                       Evaluate(*policy_.FindRule("JL-W-DEATH"), household_, feeds_, D(2024, 3, 1)));
  ASSERT_EQ(death.hits.size(), 1u);
  EXPECT_EQ(death.hits[0].member, 0u);
  ASSERT_EQ(death.hits[0].evidence.size(), 1u);
  EXPECT_EQ(death.hits[0].evidence[0].clause, "feed_any(death)");
}

TEST_F(EvaluatorTest, TestsAndExclusions) {  // JL-T-*, JL-X-*
  EXPECT_FALSE(Fires("JL-T-HOUSING"));
  household_.years[0].housing_grade = HousingGrade::kC;
  EXPECT_TRUE(Fires("JL-T-HOUSING"));
  EXPECT_FALSE(Fires("JL-T-MEDICAL"));
  household_.members[1].medical_insured = false;
  EXPECT_TRUE(Fires("JL-T-MEDICAL"));
  AddRow("vehicle", 0, D(2020, 5, 1), {Value::OfMoney(Money::FromYuan(50000)), Value::Bool(true)});
  EXPECT_FALSE(Fires("JL-X-VEHICLE"));  // a farm vehicle
  AddRow("vehicle", 0, D(2021, 5, 1), {Value::OfMoney(Money::FromYuan(80000)), Value::Bool(false)});
  EXPECT_TRUE(Fires("JL-X-VEHICLE"));
}

TEST_F(EvaluatorTest, MoneyArithmeticIsExact) {
  ASSERT_OK_AND_ASSIGN(Value third, Eval("year.wage_income / 3"));
  EXPECT_EQ(third.number, (Rational{500000, 1}));
  ASSERT_OK_AND_ASSIGN(Value back, Eval("(year.wage_income + 1元) / 3 * 3 == year.wage_income + 1"));
  EXPECT_TRUE(back.AsBool());
  ASSERT_OK_AND_ASSIGN(Value tenths, Eval("0.1 + 0.2 == 0.3"));
  EXPECT_TRUE(tenths.AsBool());
  ASSERT_OK_AND_ASSIGN(Value ratio, Eval("year.wage_income / household.net_income"));
  EXPECT_EQ(ratio.number, (Rational{1, 1}));
  EXPECT_STATUS(Eval("year.wage_income / year.property_income > 1"), StatusCode::kInvalidArgument,
                "division by zero");
}

TEST_F(EvaluatorTest, MissingDataYearIsAnError) {
  EXPECT_FALSE(Fires("JL-W-INCOME-EXITED", D(2024, 6, 1)));
  const Rule* rule = policy_.FindRule("JL-W-INCOME-EXITED");
  EXPECT_STATUS(Evaluate(*rule, household_, feeds_, D(2023, 6, 1)), StatusCode::kFailedPrecondition,
                "rule JL-W-INCOME-EXITED: ");
}

}  // namespace
}  // namespace jz
