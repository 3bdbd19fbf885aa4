// Unit tests of the household validator: for every rule, a clean household with one
// violation gives exactly that finding (rule id, person, field), and the boundaries of
// each limit (ages 6/15/16/65/66, 务工时间 0/12/13, 人均纯收入 0 and 100,000 yuan, a 29
// February birth) fall on the documented side. Each test names the rule id it covers.
#include "app/registry/validation/household_validator.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "tests/testutil/registry_builders.h"

namespace jz {
namespace {

using ::jz::testing::TestHousehold;

const Date kReference = *Date::FromYmd(2024, 12, 31);

Date Ymd(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

std::vector<Finding> Validate(const Household& h, Date on = kReference) {
  std::vector<Finding> findings;
  ValidateHousehold(h, ValidationContext{on}, findings);
  return findings;
}

std::string Describe(const std::vector<Finding>& findings) {
  std::string text = std::to_string(findings.size()) + " finding(s)";
  for (const Finding& f : findings) text += "\n  " + std::string(f.rule_id) + ": " + f.message;
  return text;
}

// Exactly one finding, of `rule_id`, on `person_no` ("" for household-level), in `field`.
::testing::AssertionResult Only(const Household& h, std::string_view rule_id, std::string_view person_no,
                                std::string_view field, Date on = kReference) {
  const std::vector<Finding> findings = Validate(h, on);
  if (findings.size() != 1 || findings[0].rule_id != rule_id || findings[0].person_no != person_no ||
      findings[0].field != field) {
    return ::testing::AssertionFailure() << "expected only " << rule_id << " on '" << person_no << "' in "
                                         << field << ", got " << Describe(findings);
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult Clean(const Household& h, Date on = kReference) {
  const std::vector<Finding> findings = Validate(h, on);
  if (findings.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << Describe(findings);
}

// Keeps 人数 and the declared 人均纯收入 in step with the members and components, as a
// correct record does.
void Refresh(Household& h) {
  const int size = static_cast<int>(h.members.size());
  h.declared_size = size;
  for (HouseholdYear& y : h.years) y.declared_net_income_per_capita = y.NetIncomePerCapita(size);
}

// Sets the birth date and a matching ID number (sequence parity follows the sex).
void SetBirth(Person& p, Date birth) {
  p.birth_date = birth;
  p.id_number = *IdNumber::FromParts(222424, birth, p.sex == Sex::kMale ? 101 : 102);
}

void SetSex(Person& p, Sex sex) { p.sex = sex, SetBirth(p, p.birth_date); }

// A healthy daughter of the head, not working, with `status`; education only if not a student.
Person Child(const std::string& person_no, Date birth, SchoolStatus status) {
  Person p;
  p.person_no = person_no;
  p.name = "金小雪";
  p.sex = Sex::kFemale;
  p.relationship = Relationship::kDaughter;
  SetBirth(p, birth);
  p.ethnicity = Ethnicity::kKorean;
  p.school_status = status;
  if (!IsStudent(status)) p.education = Education::kPrimary;
  p.health = Health::kHealthy;
  p.labour_skill = LabourSkill::kNotLabourForce;
  p.medical_insured = p.critical_illness_insured = true;
  return p;
}

void StopWork(Person& p) { p.work_status.reset(), p.work_months = 0; }

void Add(Household& h, Person p) {
  h.members.push_back(std::move(p));
  Refresh(h);
}

// H11: head, male, 64, 长期慢性病, works; H12: daughter, female, 39, 健康, works. 因病, 一般脱贫户.
Household Base() { return TestHousehold("H1", 2); }
Person& Head(Household& h) { return h.members[0]; }
Person& Daughter(Household& h) { return h.members[1]; }

TEST(HouseholdValidator, BaseHouseholdIsClean) { EXPECT_TRUE(Clean(Base())); }

TEST(HouseholdValidator, RulesHaveUniqueIdsAndFields) {
  std::set<std::string_view> ids;
  for (const RuleInfo& rule : ValidationRules()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_FALSE(rule.field.empty()) << rule.id;
    EXPECT_FALSE(rule.zh.empty() || rule.en.empty()) << rule.id;
  }
  EXPECT_EQ(ids.size(), 42u);
}

TEST(HouseholdValidator, FindingCarriesSeverityValueAndBilingualMessage) {
  Household h = Base();
  Daughter(h).work_months = 13;
  const std::vector<Finding> findings = Validate(h);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  const Finding& f = findings[0];
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.household_no, "H1");
  EXPECT_EQ(f.value, "13");
  for (std::string_view part : {"H1", "H12", "金美玲", "务工时间(月)", "13", " | ", "work_months", "0-12"}) {
    EXPECT_NE(f.message.find(part), std::string::npos) << part << " missing in " << f.message;
  }
}

// id.birth_mismatch
TEST(HouseholdValidator, BirthDateDiffersFromIdNumber) {
  Household h = Base();
  Daughter(h).birth_date = Ymd(1985, 3, 3);
  EXPECT_TRUE(Only(h, "id.birth_mismatch", "H12", "出生日期"));
  EXPECT_EQ(Validate(h)[0].value, "1985-03-03");
}

// id.sex_mismatch; the ID number appears only masked.
TEST(HouseholdValidator, SexDiffersFromIdNumber) {
  Household h = Base();
  Head(h).sex = Sex::kFemale;
  EXPECT_TRUE(Only(h, "id.sex_mismatch", "H11", "性别"));
  const Finding f = Validate(h)[0];
  EXPECT_NE(f.message.find(Head(h).id_number.Masked()), std::string::npos) << f.message;
  EXPECT_EQ(f.message.find(Head(h).id_number.ToString()), std::string::npos) << f.message;
  Head(h).sex = Sex::kUnspecified;
  EXPECT_TRUE(Clean(h));
}

// household.no_members
TEST(HouseholdValidator, HouseholdWithoutMembers) {
  Household h = Base();
  h.members.clear();
  EXPECT_TRUE(Only(h, "household.no_members", "", "人数"));
}

// household.no_head
TEST(HouseholdValidator, NoHead) {
  Household h = Base();
  Head(h).relationship = Relationship::kOther;
  EXPECT_TRUE(Only(h, "household.no_head", "", "与户主关系"));
}

// household.two_heads: the finding names the second head.
TEST(HouseholdValidator, TwoHeads) {
  Household h = Base();
  Daughter(h).relationship = Relationship::kHead;
  EXPECT_TRUE(Only(h, "household.two_heads", "H12", "与户主关系"));
}

// household.size_mismatch
TEST(HouseholdValidator, DeclaredSizeDiffersFromMembers) {
  Household h = Base();
  h.declared_size = 3;
  EXPECT_TRUE(Only(h, "household.size_mismatch", "", "人数"));
  EXPECT_EQ(Validate(h)[0].value, "3");
  h.declared_size.reset();
  EXPECT_TRUE(Clean(h));
}

// household.head_too_young (warning), at 15 but not at 16.
TEST(HouseholdValidator, HeadUnder16) {
  Household h = Base();
  StopWork(Head(h));
  SetBirth(Head(h), Ymd(2009, 1, 1));  // 15 on 2024-12-31
  EXPECT_TRUE(Only(h, "household.head_too_young", "H11", "与户主关系"));
  EXPECT_EQ(Validate(h)[0].severity, Severity::kWarning);
  SetBirth(Head(h), Ymd(2008, 12, 31));  // 16 that day
  EXPECT_TRUE(Clean(h));
}

// mandatory.ethnicity
TEST(HouseholdValidator, MissingEthnicity) {
  Household h = Base();
  Daughter(h).ethnicity.reset();
  EXPECT_TRUE(Only(h, "mandatory.ethnicity", "H12", "民族"));
}

// mandatory.education: for non-students, whether 非在校生 or with no 在校生状况.
TEST(HouseholdValidator, MissingEducationForNonStudent) {
  Household h = Base();
  Daughter(h).education.reset();
  EXPECT_TRUE(Only(h, "mandatory.education", "H12", "文化程度"));
  Daughter(h).school_status.reset();
  EXPECT_TRUE(Only(h, "mandatory.education", "H12", "文化程度"));
  Add(h, Child("H13", Ymd(2014, 5, 1), SchoolStatus::kPrimary));  // a student needs none
  Daughter(h).education = Education::kPrimary;
  EXPECT_TRUE(Clean(h));
}

// mandatory.school_status: ages 6 to 23.
TEST(HouseholdValidator, MissingSchoolStatusAged6To23) {
  Household h = Base();
  Person child = Child("H13", Ymd(2014, 5, 1), SchoolStatus::kNotInSchool);
  child.school_status.reset();
  Add(h, child);
  EXPECT_TRUE(Only(h, "mandatory.school_status", "H13", "在校生状况"));
  h.members[2].labour_skill = LabourSkill::kOrdinary;
  SetBirth(h.members[2], Ymd(2000, 12, 31));  // 24
  EXPECT_TRUE(Clean(h));
  SetBirth(h.members[2], Ymd(2001, 1, 1));  // 23
  EXPECT_TRUE(Only(h, "mandatory.school_status", "H13", "在校生状况"));
}

// mandatory.health
TEST(HouseholdValidator, MissingHealth) {
  Household h = Base();
  Daughter(h).health.reset();
  EXPECT_TRUE(Only(h, "mandatory.health", "H12", "健康状况"));
}

// mandatory.labour_skill at 16 and 65, not at 15 or 66.
TEST(HouseholdValidator, MissingLabourSkillAged16To65) {
  Household h = Base();
  Person& d = Daughter(h);
  d.labour_skill.reset();
  EXPECT_TRUE(Only(h, "mandatory.labour_skill", "H12", "劳动技能"));
  StopWork(d);
  SetBirth(d, Ymd(1959, 12, 31));  // 65 on 2024-12-31
  EXPECT_TRUE(Only(h, "mandatory.labour_skill", "H12", "劳动技能"));
  SetBirth(d, Ymd(1958, 12, 31));  // 66
  EXPECT_TRUE(Clean(h));
  d.school_status = SchoolStatus::kSeniorYear1;  // a pupil, so that 15 is no dropout
  d.education.reset();
  SetBirth(d, Ymd(2008, 12, 31));  // 16
  EXPECT_TRUE(Only(h, "mandatory.labour_skill", "H12", "劳动技能"));
  SetBirth(d, Ymd(2009, 1, 1));  // 15
  EXPECT_TRUE(Clean(h));
}

// A person born on 29 February turns 16 on 29 February of a leap year and on 1 March of
// a common year (Date::AgeOn), and the rules follow.
TEST(HouseholdValidator, LeapDayBirthTurnsOlderOnTheDay) {
  Household h = Base();
  Daughter(h).labour_skill.reset();
  StopWork(Daughter(h));
  Daughter(h).school_status = SchoolStatus::kSeniorYear1;  // a pupil, so that 15 is no dropout
  Daughter(h).education.reset();
  SetBirth(Daughter(h), Ymd(2008, 2, 29));  // mandatory.labour_skill from age 16
  EXPECT_TRUE(Clean(h, Ymd(2024, 2, 28)));
  EXPECT_TRUE(Only(h, "mandatory.labour_skill", "H12", "劳动技能", Ymd(2024, 2, 29)));
  Household g = Base();
  g.years.clear();  // income years after the reference date are not checked anyway
  Add(g, Child("H13", Ymd(2016, 2, 29), SchoolStatus::kNotInSchool));  // school.dropout from 6
  EXPECT_TRUE(Clean(g, Ymd(2022, 2, 28)));
  EXPECT_TRUE(Only(g, "school.dropout", "H13", "在校生状况", Ymd(2022, 3, 1)));
}

// mandatory.main_cause: for poor and exited households only.
TEST(HouseholdValidator, MissingMainCause) {
  Household h = Base();
  h.main_cause.reset();
  EXPECT_TRUE(Only(h, "mandatory.main_cause", "", "致贫原因"));
  h.type = HouseholdType::kMonitored;
  h.attribute.reset();
  EXPECT_TRUE(Clean(h));
}

// cause.illness_all_healthy
TEST(HouseholdValidator, IllnessCauseButAllHealthy) {
  Household h = Base();
  Head(h).health = Health::kHealthy;
  EXPECT_TRUE(Only(h, "cause.illness_all_healthy", "", "致贫原因"));
  EXPECT_EQ(Validate(h)[0].value, "因病");
}

// cause.disability_none_disabled
TEST(HouseholdValidator, DisabilityCauseButNoneDisabled) {
  Household h = Base();
  h.main_cause = PovertyCause::kDisability;
  EXPECT_TRUE(Only(h, "cause.disability_none_disabled", "", "致贫原因"));
  Head(h).health = Health::kDisabled;
  EXPECT_TRUE(Clean(h));
}

// cause.schooling_no_student; a compulsory-age dropout is school.dropout's finding alone.
TEST(HouseholdValidator, SchoolingCauseButNoStudent) {
  Household h = Base();
  h.main_cause = PovertyCause::kSchooling;
  EXPECT_TRUE(Only(h, "cause.schooling_no_student", "", "致贫原因"));
  Add(h, Child("H13", Ymd(2021, 6, 1), SchoolStatus::kPreschool));
  EXPECT_TRUE(Clean(h));
  h.members[2] = Child("H13", Ymd(2014, 6, 1), SchoolStatus::kNotInSchool);
  EXPECT_TRUE(Only(h, "school.dropout", "H13", "在校生状况"));
}

// cause.other_duplicates_main
TEST(HouseholdValidator, OtherCauseRepeatsMain) {
  Household h = Base();
  h.other_causes.push_back(PovertyCause::kIllness);
  EXPECT_TRUE(Only(h, "cause.other_duplicates_main", "", "其他致贫原因"));
  EXPECT_EQ(Validate(h)[0].value, "缺技术、因病");
}

// cause.other_too_many
TEST(HouseholdValidator, MoreThanTwoOtherCauses) {
  Household h = Base();
  h.other_causes = {PovertyCause::kLackOfSkills, PovertyCause::kLackOfFunds};
  EXPECT_TRUE(Clean(h));
  h.other_causes.push_back(PovertyCause::kLackOfLand);
  EXPECT_TRUE(Only(h, "cause.other_too_many", "", "其他致贫原因"));
}

// dibao.no_member
TEST(HouseholdValidator, DibaoHouseholdWithoutRecipient) {
  Household h = Base();
  h.attribute = HouseholdAttribute::kDibaoExited;
  EXPECT_TRUE(Only(h, "dibao.no_member", "", "是否享受低保"));
  Daughter(h).receives_dibao = true;
  EXPECT_TRUE(Clean(h));
}

// dibao.general_with_member, for 一般脱贫户 and 一般贫困户.
TEST(HouseholdValidator, GeneralHouseholdWithDibaoRecipient) {
  Household h = Base();
  Daughter(h).receives_dibao = true;
  EXPECT_TRUE(Only(h, "dibao.general_with_member", "H12", "是否享受低保"));
  h.attribute = HouseholdAttribute::kGeneralPoor;
  EXPECT_TRUE(Only(h, "dibao.general_with_member", "H12", "是否享受低保"));
}

// dibao.tekun_same_person
TEST(HouseholdValidator, SamePersonReceivesDibaoAndTekun) {
  Household h = Base();
  h.attribute = HouseholdAttribute::kDibaoExited;
  Daughter(h).receives_dibao = true;
  Daughter(h).receives_tekun = true;
  EXPECT_TRUE(Only(h, "dibao.tekun_same_person", "H12", "是否特困供养"));
}

// tekun.has_labourer: a labourer aged 65 counts, one aged 66 does not.
TEST(HouseholdValidator, TekunHouseholdWithLabourer) {
  Household h = Base();
  h.attribute = HouseholdAttribute::kTekunExited;
  EXPECT_TRUE(Only(h, "tekun.has_labourer", "", "贫困户属性"));
  Daughter(h).labour_skill = LabourSkill::kLostCapacity;
  Daughter(h).health = Health::kDisabled;
  StopWork(Daughter(h));
  SetBirth(Head(h), Ymd(1959, 1, 1));  // 65
  EXPECT_TRUE(Only(h, "tekun.has_labourer", "", "贫困户属性"));
  SetBirth(Head(h), Ymd(1958, 12, 31));  // 66
  EXPECT_TRUE(Clean(h));
}

// labour.healthy_lost, at 65 but not 66.
TEST(HouseholdValidator, HealthyLabourAgeMarkedLost) {
  Household h = Base();
  Daughter(h).labour_skill = LabourSkill::kLostCapacity;
  StopWork(Daughter(h));
  EXPECT_TRUE(Only(h, "labour.healthy_lost", "H12", "劳动技能"));
  SetBirth(Daughter(h), Ymd(1959, 12, 31));  // 65
  EXPECT_TRUE(Only(h, "labour.healthy_lost", "H12", "劳动技能"));
  SetBirth(Daughter(h), Ymd(1958, 12, 31));  // 66
  EXPECT_TRUE(Clean(h));
}

// labour.healthy_none, not for students.
TEST(HouseholdValidator, HealthyLabourAgeNonStudentMarkedNone) {
  Household h = Base();
  Daughter(h).labour_skill = LabourSkill::kNotLabourForce;
  StopWork(Daughter(h));
  EXPECT_TRUE(Only(h, "labour.healthy_none", "H12", "劳动技能"));
  SetBirth(Daughter(h), Ymd(2008, 12, 31));  // 16
  EXPECT_TRUE(Only(h, "labour.healthy_none", "H12", "劳动技能"));
  Daughter(h).school_status = SchoolStatus::kSeniorYear2;
  Daughter(h).education.reset();
  EXPECT_TRUE(Clean(h));
}

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
}  // namespace jz
