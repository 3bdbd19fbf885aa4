// What the household validator's tests share (household_validator_test.cc and
// household_validator_work_test.cc): a clean base household, builders that keep a record
// consistent, and assertions that a household raises exactly one finding or none.
#ifndef JZ_APP_REGISTRY_VALIDATION_HOUSEHOLD_VALIDATOR_TEST_SUPPORT_H_
#define JZ_APP_REGISTRY_VALIDATION_HOUSEHOLD_VALIDATOR_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "app/registry/validation/household_validator.h"
#include "tests/testutil/registry_builders.h"

namespace jz::validator_testing {

using ::jz::testing::TestHousehold;

inline const Date kReference = *Date::FromYmd(2024, 12, 31);

inline Date Ymd(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

inline std::vector<Finding> Validate(const Household& h, Date on = kReference) {
  std::vector<Finding> findings;
  ValidateHousehold(h, ValidationContext{on}, findings);
  return findings;
}

inline std::string Describe(const std::vector<Finding>& findings) {
  std::string text = std::to_string(findings.size()) + " finding(s)";
  for (const Finding& f : findings) text += "\n  " + std::string(f.rule_id) + ": " + f.message;
  return text;
}

// Exactly one finding, of `rule_id`, on `person_no` ("" for household-level), in `field`.
inline ::testing::AssertionResult Only(const Household& h, std::string_view rule_id,
                                       std::string_view person_no, std::string_view field,
                                       Date on = kReference) {
  const std::vector<Finding> findings = Validate(h, on);
  if (findings.size() != 1 || findings[0].rule_id != rule_id || findings[0].person_no != person_no ||
      findings[0].field != field) {
    return ::testing::AssertionFailure() << "expected only " << rule_id << " on '" << person_no << "' in "
                                         << field << ", got " << Describe(findings);
  }
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult Clean(const Household& h, Date on = kReference) {
  const std::vector<Finding> findings = Validate(h, on);
  if (findings.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << Describe(findings);
}

// Keeps 人数 and the declared 人均纯收入 in step with the members and components, as a
// correct record does.
inline void Refresh(Household& h) {
  const int size = static_cast<int>(h.members.size());
  h.declared_size = size;
  for (HouseholdYear& y : h.years) y.declared_net_income_per_capita = y.NetIncomePerCapita(size);
}

// Sets the birth date and a matching ID number (sequence parity follows the sex).
inline void SetBirth(Person& p, Date birth) {
  p.birth_date = birth;
  p.id_number = *IdNumber::FromParts(222424, birth, p.sex == Sex::kMale ? 101 : 102);
}

inline void SetSex(Person& p, Sex sex) { p.sex = sex, SetBirth(p, p.birth_date); }

// A healthy daughter of the head, not working, with `status`; education only if not a student.
inline Person Child(const std::string& person_no, Date birth, SchoolStatus status) {
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

inline void StopWork(Person& p) { p.work_status.reset(), p.work_months = 0; }

inline void Add(Household& h, Person p) {
  h.members.push_back(std::move(p));
  Refresh(h);
}

// H11: head, male, 64, 长期慢性病, works; H12: daughter, female, 39, 健康, works. 因病, 一般脱贫户.
inline Household Base() { return TestHousehold("H1", 2); }
inline Person& Head(Household& h) { return h.members[0]; }
inline Person& Daughter(Household& h) { return h.members[1]; }

}  // namespace jz::validator_testing

#endif  // JZ_APP_REGISTRY_VALIDATION_HOUSEHOLD_VALIDATOR_TEST_SUPPORT_H_
