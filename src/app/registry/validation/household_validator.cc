// The front of the validator: the public rule list, built once from the catalogue,
// and the dispatch that runs each rule family over one household and each member.
#include "app/registry/validation/household_validator.h"

#include <array>

#include "app/registry/validation/internal/rule_support.h"

namespace jz {
namespace vi = validation::internal;
namespace {

using validation::kValidatorRuleCount;

std::array<RuleInfo, kValidatorRuleCount> BuildRuleInfos() {
  std::array<RuleInfo, kValidatorRuleCount> infos{};
  for (size_t i = 0; i < kValidatorRuleCount; ++i) {
    const validation::RuleSpec& spec = validation::SpecOf(static_cast<validation::Rule>(i));
    infos[i] = RuleInfo{spec.id, spec.severity, spec.zh,
                        spec.en, spec.scope,    RegistryColumnInfoOf(spec.column).zh_header};
  }
  return infos;
}

// The latest year whose data_year is not after the reference date's year, or null.
const HouseholdYear* YearUnderCheck(const Household& household, Date reference_date) {
  const int reference_year = reference_date.year();
  const HouseholdYear* chosen = nullptr;
  for (const HouseholdYear& year : household.years) {
    if (year.data_year > reference_year) continue;
    if (chosen == nullptr || year.data_year > chosen->data_year) chosen = &year;
  }
  return chosen;
}

}  // namespace

std::span<const RuleInfo> ValidationRules() {
  // Built on first use (the field names live in io's column table); thread-safe by C++11
  // static initialisation, trivially destructible.
  static const std::array<RuleInfo, kValidatorRuleCount> kInfos = BuildRuleInfos();
  return kInfos;
}

void ValidateHousehold(const Household& household, const ValidationContext& context,
                       std::vector<Finding>& out) {
  const vi::Scope scope{household, context, YearUnderCheck(household, context.reference_date), out};
  vi::CheckCompositionRules(scope);
  vi::CheckCauseAndBenefitRules(scope);
  vi::CheckIncomeRules(scope);
  vi::CheckAssuranceAndCadreRules(scope);
  for (const Person& person : household.members) {
    const vi::PersonFacts facts{person, vi::AgeOn(person, context.reference_date),
                                vi::IsStudentPerson(person)};
    vi::CheckPersonRules(scope, facts);
    vi::CheckWorkRules(scope, facts);
  }
}

}  // namespace jz
