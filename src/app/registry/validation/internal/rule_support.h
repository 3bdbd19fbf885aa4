// What the validation rule files share (internal to src/app/validation): the rule
// enumeration that indexes the rule table, the per-household scope findings go to, the
// per-member facts computed once, the report helper that builds a finding (the only place
// strings are made), and the entry point of each rule family.
#ifndef JZ_APP_REGISTRY_VALIDATION_INTERNAL_RULE_SUPPORT_H_
#define JZ_APP_REGISTRY_VALIDATION_INTERNAL_RULE_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/registry/validation/household_validator.h"
#include "core/domain_constants.h"
#include "core/registry.h"
#include "io/registry_layout.h"

namespace jz::validation::internal {

// Every rule, in ValidationRules() order. The table in rule_support.cc is indexed by it.
// One family per line reads better than one rule per line.
// clang-format off
enum class Rule : uint8_t {
  // Identity (id.*)
  kIdBirthMismatch, kIdSexMismatch,
  // Household composition (household.*)
  kNoMembers, kNoHead, kTwoHeads, kSizeMismatch, kHeadTooYoung,
  // Mandatory fields (mandatory.*)
  kMissingEthnicity, kMissingEducation, kMissingSchoolStatus, kMissingHealth,
  kMissingLabourSkill, kMissingMainCause,
  // Poverty causes (cause.*)
  kIllnessAllHealthy, kDisabilityNoneDisabled, kSchoolingNoStudent, kOtherDuplicatesMain,
  kTooManyOtherCauses,
  // Dibao and tekun (dibao.*, tekun.*)
  kDibaoNoMember, kGeneralWithDibaoMember, kDibaoTekunSamePerson, kTekunWithLabourer,
  // Labour capacity (labour.*)
  kHealthyLost, kHealthyNone,
  // Work (work.*)
  kWorkMonthsRange, kPlaceWithoutMonths, kMonthsWithoutPlace, kUnableWorker, kWorkerUnder16,
  // Income (income.*)
  kWageWithoutWorker, kWorkerWithoutWage, kIncomeArithmetic, kIncomeRange,
  kBusinessWithoutExpense,
  // Relationship (relationship.*)
  kRelationshipSex, kHeadSpouseSameSex,
  // School (school.*)
  kGradeAge, kPrimaryAge, kDropout,
  // Two assurances (assurance.*)
  kIllnessUninsured, kExitedDangerousHouse,
  // Responsible cadre (cadre.*)
  kMissingCadre,
};
// clang-format on
inline constexpr size_t kRuleCount = static_cast<size_t>(Rule::kMissingCadre) + 1;

// The static description of a rule: the public info but for the field, which is named by
// its column.
struct RuleSpec {
  Rule rule;
  std::string_view id;
  Severity severity;
  RuleScope scope;
  RegistryColumn column;
  std::string_view zh;
  std::string_view en;
};

const RuleSpec& SpecOf(Rule rule);


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
