// Unit tests of the household validator's identity, composition, mandatory-field, cause,
// dibao/tekun and labour rules (the others: household_validator_work_test.cc): for every
// rule, a clean household with one violation gives exactly that finding (rule id, person,
// field), and the boundaries of each limit (ages 6/15/16/65/66, a 29 February birth) fall
// on the documented side. Each test names the rule id it covers.
#include "app/registry/validation/household_validator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "app/registry/validation/household_validator_test_support.h"
#include "tests/testutil/registry_builders.h"

namespace jz::validator_testing {
namespace {

TEST(HouseholdValidator, BaseHouseholdIsClean) { EXPECT_TRUE(Clean(Base())); }

TEST(HouseholdValidator, RulesHaveUniqueIdsAndFields) {
  std::set<std::string_view> ids;
  for (const RuleInfo& rule : ValidationRules()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_FALSE(rule.field.empty()) << rule.id;
    EXPECT_FALSE(rule.zh.empty() || rule.en.empty()) << rule.id;
  }
  EXPECT_EQ(ids.size(), 43u);
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

// id.implausible_birth: a number valid by GB 11643 but born before 1900 imports (IdNumber
// accepts it) and is reported here, masked, with its birth date.
TEST(HouseholdValidator, IdNumberBornBefore1900) {
  Household h = Base();
  SetBirth(Daughter(h), Ymd(1899, 12, 31));
  const std::vector<Finding> findings = Validate(h);
  const auto it = std::find_if(findings.begin(), findings.end(),
                               [](const Finding& f) { return f.rule_id == "id.implausible_birth"; });
  ASSERT_NE(it, findings.end()) << Describe(findings);
  EXPECT_EQ(it->person_no, "H12");
  EXPECT_EQ(it->field, "证件号码");
  EXPECT_EQ(it->value, Daughter(h).id_number.Masked());
  EXPECT_NE(it->message.find("1899-12-31"), std::string::npos) << it->message;
  SetBirth(Daughter(h), Ymd(1900, 1, 1));
  for (const Finding& f : Validate(h)) EXPECT_NE(f.rule_id, "id.implausible_birth");
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

}  // namespace
}  // namespace jz::validator_testing
