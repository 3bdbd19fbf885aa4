// What the validation rule files share (internal to src/app/registry/validation): the
// per-household scope findings go to, the per-member facts computed once, the report helper
// that builds a finding (the only place strings are made), and the entry point of each rule
// family. The rules themselves (Rule, SpecOf) are the public catalogue's.
#ifndef JZ_APP_REGISTRY_VALIDATION_INTERNAL_RULE_SUPPORT_H_
#define JZ_APP_REGISTRY_VALIDATION_INTERNAL_RULE_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/registry/validation/household_validator.h"
#include "app/registry/validation/rule_catalogue.h"
#include "core/domain_constants.h"
#include "core/registry.h"
#include "io/registry_layout.h"

namespace jz::validation::internal {

// One household under validation and where its findings go. The year is the
// HouseholdYear the income rules check, or null when the household has none up to the
// reference year.
struct Scope {
  const Household& household;
  const ValidationContext& context;
  const HouseholdYear* year;
  std::vector<Finding>& out;
};

// Facts about one member that several rules need, computed once per member.
struct PersonFacts {
  const Person& person;
  int age;       // whole years on the reference date, from the ID number's birth date
  bool student;  // 在校生状况 present and not 非在校生

  bool LabourAge() const { return age >= kWorkingAgeFrom && age <= kWorkingAgeTo; }
  bool Healthy() const { return person.health == Health::kHealthy; }
  bool Working() const { return person.work_status.has_value(); }
};

// The person's birth date as the ID number states it (the record's 出生日期 when the ID is
// the empty number, which only an unfinished record has).
Date IdBirthDate(const Person& person);
// Age in whole years on `on`, from IdBirthDate().
int AgeOn(const Person& person, Date on);
bool IsStudentPerson(const Person& person);
// Whether the member is what school.dropout reports: aged 6-15 (义务教育), 健康, 非在校生.
bool IsCompulsoryAgeDropout(const Person& person, int age);

// An optional clause appended to a finding's message, in both languages.
struct Detail {
  std::string zh;
  std::string en;
};

// Appends a finding of `rule` to scope.out. `person` is the member concerned, or null for
// a household-level finding. `value` is the offending cell as text ("" for an empty one).
void Report(const Scope& scope, Rule rule, const Person* person, std::string value,
            const Detail& detail = {});

// The rule families. Each appends its findings for one household (or one member).
void CheckCompositionRules(const Scope& scope);
void CheckCauseAndBenefitRules(const Scope& scope);
void CheckIncomeRules(const Scope& scope);
void CheckAssuranceAndCadreRules(const Scope& scope);
void CheckPersonRules(const Scope& scope, const PersonFacts& facts);
void CheckWorkRules(const Scope& scope, const PersonFacts& facts);

}  // namespace jz::validation::internal

#endif  // JZ_APP_REGISTRY_VALIDATION_INTERNAL_RULE_SUPPORT_H_
