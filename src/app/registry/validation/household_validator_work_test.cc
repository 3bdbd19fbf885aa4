// Unit tests of the household validator's work, income, relationship, school, two-assurance
// and cadre rules: for every rule, a clean household with one violation gives exactly that
// finding, and the boundaries (务工时间 0/12/13, 人均纯收入 0 and 100,000 yuan, school ages)
// fall on the documented side. Each test names the rule id it covers.
#include <gtest/gtest.h>

#include "app/registry/validation/household_validator.h"
#include "app/registry/validation/household_validator_test_support.h"

namespace jz::validator_testing {
namespace {

// work.months_range: 0 and 12 are in range, 13 and -1 are not.
TEST(HouseholdValidator, WorkMonthsOutsideZeroToTwelve) {
  Household h = Base();
  Daughter(h).work_months = 12;
  EXPECT_TRUE(Clean(h));
  Daughter(h).work_months = 13;
  EXPECT_TRUE(Only(h, "work.months_range", "H12", "务工时间(月)"));
  Daughter(h).work_months = -1;
  EXPECT_TRUE(Only(h, "work.months_range", "H12", "务工时间(月)"));
  StopWork(Daughter(h));
  EXPECT_TRUE(Clean(h));
}

// work.place_without_months
TEST(HouseholdValidator, WorkPlaceWithZeroMonths) {
  Household h = Base();
  Daughter(h).work_months = 0;
  EXPECT_TRUE(Only(h, "work.place_without_months", "H12", "务工时间(月)"));
}

// work.months_without_place
TEST(HouseholdValidator, WorkMonthsWithoutPlace) {
  Household h = Base();
  Daughter(h).work_status.reset();
  EXPECT_TRUE(Only(h, "work.months_without_place", "H12", "务工状况"));
}

// work.unable_worker
TEST(HouseholdValidator, PersonWithoutCapacityWorking) {
  Household h = Base();
  Daughter(h).health = Health::kDisabled;
  Daughter(h).labour_skill = LabourSkill::kLostCapacity;
  EXPECT_TRUE(Only(h, "work.unable_worker", "H12", "务工状况"));
  Daughter(h).labour_skill = LabourSkill::kWeakOrPartial;
  EXPECT_TRUE(Clean(h));
}

// work.under_16: at 15, not at 16 (a working student of 16 is no finding).
TEST(HouseholdValidator, WorkerUnder16) {
  Household h = Base();
  Person child = Child("H13", Ymd(2009, 1, 1), SchoolStatus::kGrade9);  // 15
  child.work_status = WorkStatus::kWithinTownship;
  child.work_months = 2;
  Add(h, child);
  EXPECT_TRUE(Only(h, "work.under_16", "H13", "务工状况"));
  SetBirth(h.members[2], Ymd(2008, 12, 31));  // 16
  EXPECT_TRUE(Clean(h));
}

// income.wage_without_worker
TEST(HouseholdValidator, WageIncomeWithoutWorker) {
  Household h = Base();
  for (Person& p : h.members) StopWork(p);
  EXPECT_TRUE(Only(h, "income.wage_without_worker", "", "工资性收入"));
}

// income.worker_without_wage
TEST(HouseholdValidator, WorkerWithoutWageIncome) {
  Household h = Base();
  h.years[0].wage_income = Money();
  Refresh(h);
  EXPECT_TRUE(Only(h, "income.worker_without_wage", "", "工资性收入"));
  EXPECT_EQ(Validate(h)[0].value, "0.00");
}

// income.arithmetic, to the fen.
TEST(HouseholdValidator, DeclaredPerCapitaDiffersFromComponents) {
  Household h = Base();
  HouseholdYear& y = h.years[0];
  y.declared_net_income_per_capita = *y.declared_net_income_per_capita + Money::FromFen(1);
  EXPECT_TRUE(Only(h, "income.arithmetic", "", "人均纯收入"));
  EXPECT_EQ(Validate(h)[0].value, "16000.26");
}

// income.range: 0.00 and 100,000.01 yuan per capita are out, 0.01 and 100,000.00 are in.
TEST(HouseholdValidator, PerCapitaIncomeOutsideRange) {
  const struct {
    int64_t total_fen;
    bool fires;
  } cases[] = {{20'000'000, false}, {20'000'002, true}, {0, true}, {2, false}, {-200, true}};
  for (const auto& c : cases) {
    Household h = Base();
    HouseholdYear& y = h.years[0];
    y.wage_income = Money::FromYuan(1000);
    y.business_income = y.business_expense = y.property_income = Money();
    y.transfer_income = Money::FromFen(c.total_fen) - y.wage_income;
    Refresh(h);
    if (c.fires) {
      EXPECT_TRUE(Only(h, "income.range", "", "人均纯收入")) << c.total_fen;
    } else {
      EXPECT_TRUE(Clean(h)) << c.total_fen;
    }
  }
}

// income.business_without_expense
TEST(HouseholdValidator, BusinessIncomeWithoutExpense) {
  Household h = Base();
  h.years[0].business_expense = Money();
  Refresh(h);
  EXPECT_TRUE(Only(h, "income.business_without_expense", "", "生产经营性支出"));
}

// Income rules check the latest year not after the reference year.
TEST(HouseholdValidator, IncomeRulesCheckTheYearOfTheReferenceDate) {
  Household h = Base();
  HouseholdYear next = h.years[0];
  next.data_year = 2025;
  next.declared_net_income_per_capita = Money();
  h.years.push_back(next);
  EXPECT_TRUE(Clean(h));
  EXPECT_TRUE(Only(h, "income.arithmetic", "", "人均纯收入", Ymd(2025, 12, 31)));
}

// relationship.sex
TEST(HouseholdValidator, RelationshipContradictsSex) {
  Household h = Base();
  SetSex(Daughter(h), Sex::kMale);
  EXPECT_TRUE(Only(h, "relationship.sex", "H12", "与户主关系"));
  Daughter(h).relationship = Relationship::kSon;
  EXPECT_TRUE(Clean(h));
}

// relationship.head_spouse_same_sex, reported on the spouse; with two heads only
// household.two_heads is reported.
TEST(HouseholdValidator, HeadAndSpouseSameSex) {
  Household h = Base();
  Daughter(h).relationship = Relationship::kSpouse;
  EXPECT_TRUE(Clean(h));
  SetSex(Daughter(h), Sex::kMale);
  EXPECT_TRUE(Only(h, "relationship.head_spouse_same_sex", "H12", "性别"));
  Add(h, Child("H13", Ymd(1990, 1, 1), SchoolStatus::kNotInSchool));
  h.members[2].relationship = Relationship::kHead;
  h.members[2].labour_skill = LabourSkill::kOrdinary;
  EXPECT_TRUE(Only(h, "household.two_heads", "H13", "与户主关系"));
}

// school.grade_age: 高中 at 14 (not at 15); 小学 or 学前教育 at 20 or more.
TEST(HouseholdValidator, SchoolGradeDoesNotFitAge) {
  Household h = Base();
  Add(h, Child("H13", Ymd(2010, 1, 1), SchoolStatus::kSeniorYear1));  // 14
  EXPECT_TRUE(Only(h, "school.grade_age", "H13", "在校生状况"));
  SetBirth(h.members[2], Ymd(2009, 12, 31));  // 15
  EXPECT_TRUE(Clean(h));
  Daughter(h).school_status = SchoolStatus::kPrimary;
  Daughter(h).education.reset();
  EXPECT_TRUE(Only(h, "school.grade_age", "H12", "在校生状况"));
  Daughter(h).school_status = SchoolStatus::kPreschool;
  EXPECT_TRUE(Only(h, "school.grade_age", "H12", "在校生状况"));
}

// school.primary_age: 小学 under 6 or from 15 to 19 (older is school.grade_age).
TEST(HouseholdValidator, PrimarySchoolOutsideSixToFourteen) {
  const struct {
    Date birth;
    const char* rule;
  } cases[] = {{Ymd(2019, 1, 1), "school.primary_age"},
               {Ymd(2018, 12, 31), nullptr},
               {Ymd(2010, 1, 1), nullptr},
               {Ymd(2009, 12, 31), "school.primary_age"},
               {Ymd(2005, 1, 1), "school.primary_age"},
               {Ymd(2004, 12, 31), "school.grade_age"}};
  for (const auto& c : cases) {
    Household h = Base();
    Add(h, Child("H13", c.birth, SchoolStatus::kPrimary));
    if (c.rule == nullptr) {
      EXPECT_TRUE(Clean(h)) << c.birth;
    } else {
      EXPECT_TRUE(Only(h, c.rule, "H13", "在校生状况")) << c.birth;
    }
  }
}

// school.dropout: healthy, 非在校生, aged 6 to 15.
TEST(HouseholdValidator, CompulsoryAgeChildNotInSchool) {
  Household h = Base();
  Add(h, Child("H13", Ymd(2014, 6, 1), SchoolStatus::kNotInSchool));
  EXPECT_TRUE(Only(h, "school.dropout", "H13", "在校生状况"));
  SetBirth(h.members[2], Ymd(2009, 1, 1));  // 15
  EXPECT_TRUE(Only(h, "school.dropout", "H13", "在校生状况"));
  SetBirth(h.members[2], Ymd(2008, 12, 31));  // 16
  h.members[2].labour_skill = LabourSkill::kOrdinary;
  EXPECT_TRUE(Clean(h));
  SetBirth(h.members[2], Ymd(2014, 6, 1));
  h.members[2].labour_skill = LabourSkill::kNotLabourForce;
  h.members[2].health = Health::kDisabled;
  EXPECT_TRUE(Clean(h));
}

// assurance.illness_uninsured (warning): ill members of a 因病 household only.
TEST(HouseholdValidator, IllMemberWithoutCriticalIllnessInsurance) {
  Household h = Base();
  Daughter(h).critical_illness_insured = false;
  EXPECT_TRUE(Clean(h));
  Head(h).critical_illness_insured = false;
  EXPECT_TRUE(Only(h, "assurance.illness_uninsured", "H11", "是否参加大病保险"));
  EXPECT_EQ(Validate(h)[0].severity, Severity::kWarning);
}

// assurance.exited_dangerous_house (warning): 脱贫户 with a C or D grade house.
TEST(HouseholdValidator, ExitedHouseholdInDangerousHouse) {
  Household h = Base();
  h.years[0].housing_grade = HousingGrade::kB;
  EXPECT_TRUE(Clean(h));
  h.years[0].housing_grade = HousingGrade::kC;
  EXPECT_TRUE(Only(h, "assurance.exited_dangerous_house", "", "危房级别"));
  h.type = HouseholdType::kMonitored;
  EXPECT_TRUE(Clean(h));
}

// cadre.missing (warning), also when the name is blank.
TEST(HouseholdValidator, NoResponsibleCadre) {
  Household h = Base();
  h.cadre_name.assign(1, ' ');  // not = " ": GCC 12 -Wrestrict false positive at -O2
  EXPECT_TRUE(Only(h, "cadre.missing", "", "帮扶责任人"));
  EXPECT_EQ(Validate(h)[0].severity, Severity::kWarning);
}

}  // namespace
}  // namespace jz::validator_testing
