// Synthesizes plausible registered households for one village: composition and ages of
// an ageing rural population, ethnicity by place (Korean households concentrated in
// Yanbian), health, schooling and labour skill consistent with age, work, the 贫困户属性
// and 致贫原因 consistent with the members, and income components consistent with the
// household's type and monitoring status. Clean output raises no data-quality finding of
// DOMAIN.md §1.4; planted problems are added afterwards by ProblemPlanter.
#ifndef JZ_SYNTH_HOUSEHOLD_SYNTHESIZER_H_
#define JZ_SYNTH_HOUSEHOLD_SYNTHESIZER_H_

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "synth/rng.h"
#include "synth/synthetic_household.h"
#include "synth/village_plan.h"

namespace jz::gen {

// The monitoring income line the generator places incomes around (yuan per person per
// year). It mirrors the 2024 national guidance figure of DOMAIN.md §3.3 (7,500, low
// confidence); the policy files of the screening engine carry the real, versioned values.
inline constexpr int64_t kGeneratorMonitoringLineYuan = 7500;

class HouseholdSynthesizer {
 public:
  // `data_year`: the registry year; ages are taken on 31 December of that year.
  explicit HouseholdSynthesizer(int data_year);

  // A household of `size` (>= 1) persons in `village`, numbered `household_no`.
  SyntheticHousehold Make(Rng& rng, const PlannedVillage& village, std::string household_no, int size);

  // Draws a household size from the registry's distribution (many 1-2 person households).
  static int DrawSize(Rng& rng);

  // Completes income and the income-dependent facts after members may have changed.
  // Public so the problem planter can re-derive income after changing a member.
  void AssignIncome(Rng& rng, SyntheticHousehold& out);

  // Gives `person` a new ID number matching its birth date and sex (after a planted
  // problem changed the sex), never one already issued.
  void ReissueId(Person& person, uint32_t county6);

  Date reference_date() const { return reference_date_; }
  int data_year() const { return data_year_; }

 private:
  struct Draft;
  void AddMembers(Rng& rng, Draft& draft, int size);
  void FillPerson(Rng& rng, Person& person, int age, uint32_t county6);
  IdNumber AllocateId(uint32_t county6, Date& birth, bool male);
  void AssignAttributeAndCauses(Rng& rng, SyntheticHousehold& out);
  void AssignStatus(Rng& rng, SyntheticHousehold& out);

  int data_year_;
  Date reference_date_;
  Date earliest_birth_;
  // Next ID sequence per (county, birth day, sex), so generated IDs never collide.
  std::unordered_map<uint32_t, uint32_t> county_index_;
  std::vector<uint16_t> next_sequence_;
};

// Full name pools, exposed for the problem planter (a duplicated person keeps the name).
std::string DrawName(Rng& rng, bool korean, bool male, std::string_view surname = {});

}  // namespace jz::gen

#endif  // JZ_SYNTH_HOUSEHOLD_SYNTHESIZER_H_
