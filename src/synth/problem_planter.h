// Plants data-quality problems of the kinds in DOMAIN.md §1.4 into generated households,
// one problem per chosen household, each placed so that it is the only finding the
// household raises. The list of what was planted is the ground truth against which
// `jingzhun validate` is measured (recall and precision per kind).
#ifndef JZ_SYNTH_PROBLEM_PLANTER_H_
#define JZ_SYNTH_PROBLEM_PLANTER_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "io/registry_layout.h"
#include "synth/household_synthesizer.h"
#include "synth/rng.h"
#include "synth/synthetic_household.h"

namespace jz::gen {

enum class ProblemKind : uint8_t {
  kIdCheckCharacter,
  kIdLength,
  kIdBirthMismatch,
  kIdSexMismatch,
  kDuplicatePerson,
  kNoHead,
  kTwoHeads,
  kHouseholdSizeMismatch,
  kMissingEthnicity,
  kMissingEducation,
  kMissingHealth,
  kMissingLabourSkill,
  kCauseIllnessAllHealthy,
  kCauseDisabilityNoneDisabled,
  kCauseSchoolingNoStudent,
  kOtherCauseDuplicatesMain,
  kDibaoNoMember,
  kGeneralWithDibaoMember,
  kTekunWithLabourer,
  kHealthyLabourAgeLost,
  kHealthyLabourAgeNone,
  kWorkMonthsRange,
  kWorkPlaceWithoutMonths,
  kWorkMonthsWithoutPlace,
  kUnableWorker,
  kWageWithoutWorker,
  kWorkerWithoutWage,
  kIncomeArithmetic,
  kIncomeRange,
  kBusinessIncomeWithoutExpense,
  kRelationshipSex,
  kHeadSpouseSameSex,
  kSchoolGradeAge,
  kSchoolAgeDropout,
  kUnknownVillage,
  kMissingCadre,
};

struct ProblemKindInfo {
  ProblemKind kind;
  // From the validation rule catalogue (app/registry/validation/rule_catalogue.h).
  std::string_view id;  // stable rule id
  RegistryColumn column;
  std::string_view zh;  // what is wrong, zh-Hans
  std::string_view en;
};

std::span<const ProblemKindInfo> ProblemKinds();
const ProblemKindInfo& ProblemKindInfoOf(ProblemKind kind);

struct PlantedProblem {
  ProblemKind kind;
  std::string household_no;
  std::string person_no;  // empty for household-level problems
  std::string detail;     // e.g. the other household of a duplicated person
};

class ProblemPlanter {
 public:
  explicit ProblemPlanter(HouseholdSynthesizer* synthesizer) : synthesizer_(synthesizer) {}

  // Plants one problem into `target`, trying kinds from a random one onward until one
  // applies. `previous` (may be null) is an earlier household, source of duplicates.
  // Returns nullopt when no kind applies to this household.
  std::optional<PlantedProblem> Plant(Rng& rng, SyntheticHousehold& target,
                                      const SyntheticHousehold* previous);

 private:
  bool TryPlant(ProblemKind kind, Rng& rng, SyntheticHousehold& h, const SyntheticHousehold* previous,
                PlantedProblem& out);

  HouseholdSynthesizer* synthesizer_;
};

}  // namespace jz::gen

#endif  // JZ_SYNTH_PROBLEM_PLANTER_H_
