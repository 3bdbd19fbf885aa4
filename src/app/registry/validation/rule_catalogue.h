// The public catalogue of data-quality rules: for every rule its stable id, severity, scope,
// column and wording, written once. The household validator (household_validator.h) reports
// the rules of the validation stage; the importer those of the import stage (a record that
// cannot be stored); the test-data generator (synth/problem_planter.cc) names the rule each
// planted problem must raise by its Rule value and takes id, column and wording from here.
//
//   const validation::RuleSpec& spec = validation::SpecOf(validation::Rule::kNoHead);
//   // spec.id == "household.no_head", spec.zh == "户内无户主"
#ifndef JZ_APP_REGISTRY_VALIDATION_RULE_CATALOGUE_H_
#define JZ_APP_REGISTRY_VALIDATION_RULE_CATALOGUE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "io/registry_layout.h"

namespace jz {

// kError: the record is wrong or contradicts itself and must be corrected.
// kWarning: the record may be right but needs a look (e.g. no responsible cadre).
enum class Severity : uint8_t { kError, kWarning };

// Whether a rule's findings concern the household as a whole or one member.
enum class RuleScope : uint8_t { kHousehold, kPerson };

namespace validation {

// Every rule, in catalogue order: first the validator's (ValidationRules() lists exactly
// these, in this order), then the importer's. One family per line reads better than one
// rule per line.
// clang-format off
enum class Rule : uint8_t {
  // Identity (id.*)
  kIdBirthMismatch, kIdSexMismatch, kIdImplausibleBirth,
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
  // The importer's: rows that cannot be stored as they are.
  kIdCheckCharacter, kIdLength, kDuplicatePerson, kUnknownVillage, kNegativeIncome,
  kIdDigitsLost, kQuoteSpan, kPersonName,
  kRegionName, kRegionMismatch,
};
// clang-format on

// The validator's rules are Rule values 0 .. kValidatorRuleCount - 1.
inline constexpr size_t kValidatorRuleCount = static_cast<size_t>(Rule::kMissingCadre) + 1;
inline constexpr size_t kCatalogueRuleCount = static_cast<size_t>(Rule::kRegionMismatch) + 1;

// One rule. All views have static storage.
struct RuleSpec {
  Rule rule;
  std::string_view id;  // stable, e.g. "household.no_head"; reports and planted truth use it
  Severity severity;
  RuleScope scope;
  // The column a finding names. income.negative names the negative component itself; the
  // catalogue gives its first (工资性收入).
  RegistryColumn column;
  std::string_view zh;  // what is wrong, zh-Hans
  std::string_view en;  // what is wrong, English
};

// The rule's entry. REQUIRES: `rule` is a Rule value. Thread-safe.
const RuleSpec& SpecOf(Rule rule);

// Every rule in Rule order. Thread-safe.
std::span<const RuleSpec> RuleCatalogue();

}  // namespace validation
}  // namespace jz

#endif  // JZ_APP_REGISTRY_VALIDATION_RULE_CATALOGUE_H_
