// Member-level rules on identity, mandatory fields, relationship, schooling and benefits:
// DOMAIN.md §1.3 and §1.4 items 1, 2, 3, 5 and 10, and §3.8 rule 5_17_002. Each function
// looks at one member (with the household for context) and reports on that member.
#include <fmt/format.h>

#include <string>

#include "app/registry/validation/internal/rule_support.h"

namespace jz::validation::internal {
namespace {

// 在校生状况 is mandatory from 6 (kCompulsoryAgeFrom) to 23 (DOMAIN §1.4 item 3).
constexpr int kSchoolStatusAgeMax = 23;
// DOMAIN §1.4 item 10: age ≤ 14 but 高中 or above; age ≥ 20 but 小学 or below.
constexpr int kMaxAgeBelowSenior = 14;
constexpr int kMinAgeBeyondPrimary = 20;
// DOMAIN §3.8 rule 5_17_002: 小学 only from 6 to 14.
constexpr int kPrimaryAgeMin = 6;
constexpr int kPrimaryAgeMax = 14;
// id.implausible_birth: nobody born before 1900 is alive to be registered.
constexpr int kEarliestPlausibleBirthYear = 1900;

Detail AgeDetail(int age) { return {fmt::format("年龄 {} 岁", age), fmt::format("aged {}", age)}; }

// id.birth_mismatch and id.sex_mismatch — DOMAIN §1.4 item 2 (证件号码异常): the 出生日期 and
// 性别 cells must agree with what the ID number encodes. id.implausible_birth: a number valid
// by GB 11643 whose birth date is before 1900 (no living person; a mistyped century) — the
// import keeps it so that the finding can be seen and corrected. The ID is quoted masked.
void CheckIdentity(const Scope& s, const Person& p) {
  if (p.id_number.Packed() == 0) return;
  const Date id_birth = p.id_number.BirthDate();
  if (id_birth.year() < kEarliestPlausibleBirthYear) {
    Report(s, Rule::kIdImplausibleBirth, &p, p.id_number.Masked(),
           {fmt::format("出生日期为 {}", id_birth.ToString()), fmt::format("born {}", id_birth.ToString())});
  }
  if (p.birth_date != id_birth) {
    Report(s, Rule::kIdBirthMismatch, &p, p.birth_date.ToString(),
           {fmt::format("证件号码 {} 中为 {}", p.id_number.Masked(), id_birth.ToString()),
            fmt::format("ID number {} gives {}", p.id_number.Masked(), id_birth.ToString())});
  }
  if (p.sex != Sex::kUnspecified && (p.sex == Sex::kMale) != p.id_number.IsMale()) {
    const Sex id_sex = p.id_number.IsMale() ? Sex::kMale : Sex::kFemale;
    Report(s, Rule::kIdSexMismatch, &p, std::string(Label(p.sex)),
           {fmt::format("证件号码 {} 为{}", p.id_number.Masked(), Label(id_sex)),
            fmt::format("ID number {} is {}", p.id_number.Masked(), Label(id_sex, Lang::kEn))});
  }
}

// mandatory.ethnicity, mandatory.education, mandatory.school_status, mandatory.health,
// mandatory.labour_skill — DOMAIN §1.4 item 3 (重要指标为空). 文化程度 is mandatory for
// non-students (在校生状况 empty or 非在校生), 在校生状况 at ages 6-23, 劳动技能 at 16-65.
void CheckMandatory(const Scope& s, const PersonFacts& f) {
  const Person& p = f.person;
  if (!p.ethnicity) Report(s, Rule::kMissingEthnicity, &p, "");
  if (!f.student && !p.education) Report(s, Rule::kMissingEducation, &p, "");
  if (!p.school_status && f.age >= kCompulsoryAgeFrom && f.age <= kSchoolStatusAgeMax) {
    Report(s, Rule::kMissingSchoolStatus, &p, "", AgeDetail(f.age));
  }
  if (!p.health) Report(s, Rule::kMissingHealth, &p, "");
  if (!p.labour_skill && f.LabourAge()) Report(s, Rule::kMissingLabourSkill, &p, "", AgeDetail(f.age));
}

// relationship.sex — DOMAIN §1.4 item 10 (与户主关系 inconsistent with 性别, e.g. 之子 female).
void CheckRelationshipSex(const Scope& s, const Person& p) {
  const std::optional<Sex> implied = ImpliedSex(p.relationship);
  if (!implied || p.sex == Sex::kUnspecified || *implied == p.sex) return;
  Report(s, Rule::kRelationshipSex, &p, std::string(Label(p.relationship)),
         {fmt::format("性别为{}", Label(p.sex)), fmt::format("sex is {}", Label(p.sex, Lang::kEn))});
}

bool PrimaryOrBelow(SchoolStatus status) {
  return status == SchoolStatus::kPreschool || status == SchoolStatus::kPrimary;
}

// school.grade_age — DOMAIN §1.4 item 10; school.primary_age — DOMAIN §3.8 rule 5_17_002,
// restricted to the ages school.grade_age leaves (under 6, or 15 to 19) so that one wrong
// grade is one finding.
void CheckGrade(const Scope& s, const PersonFacts& f) {
  if (!f.person.school_status) return;
  const SchoolStatus status = *f.person.school_status;
  const bool grade_age = (f.age <= kMaxAgeBelowSenior && IsSeniorOrAbove(status)) ||
                         (f.age >= kMinAgeBeyondPrimary && PrimaryOrBelow(status));
  const bool primary_age =
      status == SchoolStatus::kPrimary && !grade_age && (f.age < kPrimaryAgeMin || f.age > kPrimaryAgeMax);
  if (!grade_age && !primary_age) return;
  Report(s, grade_age ? Rule::kGradeAge : Rule::kPrimaryAge, &f.person, std::string(Label(status)),
         AgeDetail(f.age));
}

// school.dropout — DOMAIN §1.4 item 1 (a healthy child of compulsory-school age, 6-15,
// recorded as 非在校生).
void CheckDropout(const Scope& s, const PersonFacts& f) {
  if (!IsCompulsoryAgeDropout(f.person, f.age)) return;
  Report(s, Rule::kDropout, &f.person, std::string(Label(SchoolStatus::kNotInSchool)), AgeDetail(f.age));
}

bool IsGeneral(HouseholdAttribute attribute) {
  return attribute == HouseholdAttribute::kGeneralPoor || attribute == HouseholdAttribute::kGeneralExited;
}

// dibao.general_with_member and dibao.tekun_same_person — DOMAIN §1.4 item 5 (一般户 with
// members receiving 低保; the same person receiving both 低保 and 五保/特困 support).
void CheckBenefits(const Scope& s, const Person& p) {
  const std::optional<HouseholdAttribute>& attribute = s.household.attribute;
  if (p.receives_dibao && attribute && IsGeneral(*attribute)) {
    Report(s, Rule::kGeneralWithDibaoMember, &p, std::string(YesNoLabel(true)),
           {fmt::format("贫困户属性为{}", Label(*attribute)),
            fmt::format("the household attribute is {}", Label(*attribute, Lang::kEn))});
  }
  if (p.receives_dibao && p.receives_tekun)
    Report(s, Rule::kDibaoTekunSamePerson, &p, std::string(YesNoLabel(true)));
}

// assurance.illness_uninsured — DOMAIN §1.4 item 1 (因病 household with sick members not in
// 大病保险): a member with 长期慢性病 or 患有大病.
void CheckIllnessInsurance(const Scope& s, const Person& p) {
  if (s.household.main_cause != PovertyCause::kIllness || p.critical_illness_insured) return;
  if (p.health != Health::kChronicIllness && p.health != Health::kSeriousIllness) return;
  Report(s, Rule::kIllnessUninsured, &p, std::string(YesNoLabel(false)),
         {fmt::format("健康状况为{}", Label(*p.health)),
          fmt::format("health is {}", Label(*p.health, Lang::kEn))});
}

}  // namespace

void CheckPersonRules(const Scope& s, const PersonFacts& f) {
  CheckIdentity(s, f.person);
  CheckMandatory(s, f);
  CheckRelationshipSex(s, f.person);
  CheckGrade(s, f);
  CheckDropout(s, f);
  CheckBenefits(s, f.person);
  CheckIllnessInsurance(s, f.person);
}

}  // namespace jz::validation::internal
