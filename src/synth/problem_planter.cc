// One small function per problem kind. Each checks that it applies, mutates the household
// so that exactly its own rule fires, and names the person it touched.
#include "synth/problem_planter.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <utility>

#include "app/registry/validation/rule_catalogue.h"
#include "core/domain_constants.h"

namespace jz::gen {
namespace {

using C = RegistryColumn;
using K = ProblemKind;
using R = validation::Rule;

// The rule each kind plants a problem of, in ProblemKind order. Ids, columns and wordings
// come from the validation rule catalogue, so the planted truth says what validate says.
constexpr std::pair<ProblemKind, R> kKindRules[] = {
    {K::kIdCheckCharacter, R::kIdCheckCharacter},
    {K::kIdLength, R::kIdLength},
    {K::kIdBirthMismatch, R::kIdBirthMismatch},
    {K::kIdSexMismatch, R::kIdSexMismatch},
    {K::kDuplicatePerson, R::kDuplicatePerson},
    {K::kNoHead, R::kNoHead},
    {K::kTwoHeads, R::kTwoHeads},
    {K::kHouseholdSizeMismatch, R::kSizeMismatch},
    {K::kMissingEthnicity, R::kMissingEthnicity},
    {K::kMissingEducation, R::kMissingEducation},
    {K::kMissingHealth, R::kMissingHealth},
    {K::kMissingLabourSkill, R::kMissingLabourSkill},
    {K::kCauseIllnessAllHealthy, R::kIllnessAllHealthy},
    {K::kCauseDisabilityNoneDisabled, R::kDisabilityNoneDisabled},
    {K::kCauseSchoolingNoStudent, R::kSchoolingNoStudent},
    {K::kOtherCauseDuplicatesMain, R::kOtherDuplicatesMain},
    {K::kDibaoNoMember, R::kDibaoNoMember},
    {K::kGeneralWithDibaoMember, R::kGeneralWithDibaoMember},
    {K::kTekunWithLabourer, R::kTekunWithLabourer},
    {K::kHealthyLabourAgeLost, R::kHealthyLost},
    {K::kHealthyLabourAgeNone, R::kHealthyNone},
    {K::kWorkMonthsRange, R::kWorkMonthsRange},
    {K::kWorkPlaceWithoutMonths, R::kPlaceWithoutMonths},
    {K::kWorkMonthsWithoutPlace, R::kMonthsWithoutPlace},
    {K::kUnableWorker, R::kUnableWorker},
    {K::kWageWithoutWorker, R::kWageWithoutWorker},
    {K::kWorkerWithoutWage, R::kWorkerWithoutWage},
    {K::kIncomeArithmetic, R::kIncomeArithmetic},
    {K::kIncomeRange, R::kIncomeRange},
    {K::kBusinessIncomeWithoutExpense, R::kBusinessWithoutExpense},
    {K::kRelationshipSex, R::kRelationshipSex},
    {K::kHeadSpouseSameSex, R::kHeadSpouseSameSex},
    {K::kSchoolGradeAge, R::kGradeAge},
    {K::kSchoolAgeDropout, R::kDropout},
    {K::kUnknownVillage, R::kUnknownVillage},
    {K::kMissingCadre, R::kMissingCadre},
};

constexpr bool KindRulesInKindOrder() {
  for (size_t i = 0; i < std::size(kKindRules); ++i) {
    if (static_cast<size_t>(kKindRules[i].first) != i) return false;
  }
  return true;
}
static_assert(KindRulesInKindOrder(), "kKindRules must list ProblemKind values in order");

struct Ctx {
  Rng& rng;
  SyntheticHousehold& h;
  const SyntheticHousehold* previous;
  HouseholdSynthesizer& synth;
  PlantedProblem& out;

  std::vector<Person>& members() { return h.household.members; }
  HouseholdYear& year() { return h.household.years.front(); }
  int Age(const Person& p) const { return p.birth_date.AgeOn(synth.reference_date()); }
  // A random member matching `pred`, recorded as the problem's person; -1 if none.
  int Pick(const std::function<bool(const Person&)>& pred) {
    std::vector<int> matches;
    for (size_t i = 0; i < members().size(); ++i) {
      if (pred(members()[i])) matches.push_back(static_cast<int>(i));
    }
    if (matches.empty()) return -1;
    const int index = matches[rng.Below(matches.size())];
    out.person_no = members()[static_cast<size_t>(index)].person_no;
    return index;
  }
  Person& At(int index) { return members()[static_cast<size_t>(index)]; }
  bool LabourAge(const Person& p) const { return Age(p) >= kWorkingAgeFrom && Age(p) <= kWorkingAgeTo; }
  int Workers() const {
    int n = 0;
    for (const Person& p : h.household.members) n += p.work_status.has_value();
    return n;
  }
  bool AnyMember(const std::function<bool(const Person&)>& pred) {
    return std::any_of(members().begin(), members().end(), pred);
  }
  bool IsGeneral() const { return h.household.attribute == HouseholdAttribute::kGeneralExited; }
};

bool IsStudentPerson(const Person& p) { return p.school_status && IsStudent(*p.school_status); }
bool Healthy(const Person& p) { return p.health == Health::kHealthy; }
bool Working(const Person& p) { return p.work_status.has_value(); }

bool PlantIdCheck(Ctx& c) {
  const int i = c.Pick([](const Person&) { return true; });
  std::string id = c.At(i).id_number.ToString();
  const char right = id.back();
  id.back() = right == '0' ? '1' : right == 'X' ? '2' : '0';
  c.h.overrides = {i, id};
  return true;
}

bool PlantIdLength(Ctx& c) {
  const int i = c.Pick([](const Person&) { return true; });
  std::string id = c.At(i).id_number.ToString();
  id.pop_back();
  c.h.overrides = {i, id};
  return true;
}

bool PlantBirthMismatch(Ctx& c) {
  const int i = c.Pick([](const Person&) { return true; });
  Person& p = c.At(i);
  // Same calendar year, so age on 31 December (and every age-based rule) is unchanged.
  const Date start = *Date::FromYmd(p.birth_date.year(), 1, 1);
  const int32_t days = IsLeapYear(p.birth_date.year()) ? 366 : 365;
  const int32_t shift = 1 + static_cast<int32_t>(c.rng.Below(static_cast<uint64_t>(days - 1)));
  p.birth_date = start.AddDays((p.birth_date.days() - start.days() + shift) % days);
  return true;
}

bool PlantSexMismatch(Ctx& c) {
  if (c.AnyMember([](const Person& p) { return p.relationship == Relationship::kSpouse; })) return false;
  const int i = c.Pick([](const Person& p) { return p.relationship == Relationship::kHead; });
  if (i < 0) return false;
  c.At(i).sex = c.At(i).sex == Sex::kMale ? Sex::kFemale : Sex::kMale;
  return true;
}

// Replaces the household's last non-head member with a copy of a member of an earlier
// household (same ID number and name), so the person total stays as requested.
bool PlantDuplicate(Ctx& c) {
  if (c.previous == nullptr || c.previous->household.members.empty() || c.members().size() < 2) return false;
  const Household& prev = c.previous->household;
  if (prev.household_no == c.h.household.household_no) return false;
  const size_t source = c.rng.Below(prev.members.size());
  // A member whose ID cell was corrupted in the earlier household has another number in
  // the file, so copying it would plant no duplicate there.
  if (c.previous->overrides.person_index == static_cast<int>(source)) return false;
  Person copy = prev.members[source];
  const bool tekun = c.h.household.attribute == HouseholdAttribute::kTekunExited;
  if (tekun && c.LabourAge(copy) && copy.labour_skill && CanWork(*copy.labour_skill)) return false;
  Person& replaced = c.members().back();
  if (replaced.relationship == Relationship::kHead) return false;
  copy.relationship = Relationship::kOther;
  copy.receives_dibao = c.h.household.attribute == HouseholdAttribute::kDibaoExited;
  copy.receives_tekun = tekun;
  copy.person_no = replaced.person_no;
  c.out.person_no = copy.person_no;
  c.out.detail = prev.household_no;
  c.h.person_identified.back() = std::max(c.h.person_identified.front(), copy.birth_date);
  replaced = std::move(copy);
  c.synth.AssignIncome(c.rng, c.h);
  return true;
}

bool PlantNoHead(Ctx& c) {
  const int i = c.Pick([](const Person& p) { return p.relationship == Relationship::kHead; });
  c.At(i).relationship = Relationship::kOther;
  return true;
}

bool PlantTwoHeads(Ctx& c) {
  const int i = c.Pick([](const Person& p) { return p.relationship != Relationship::kHead; });
  if (i < 0) return false;
  c.At(i).relationship = Relationship::kHead;
  return true;
}

bool PlantSizeMismatch(Ctx& c) {
  c.h.household.declared_size = static_cast<int>(c.members().size()) + 1 + static_cast<int>(c.rng.Below(2));
  return true;
}

bool PlantMissingEthnicity(Ctx& c) {
  c.At(c.Pick([](const Person&) { return true; })).ethnicity.reset();
  return true;
}

bool PlantMissingEducation(Ctx& c) {
  const int i = c.Pick([](const Person& p) { return !IsStudentPerson(p) && p.education.has_value(); });
  if (i < 0) return false;
  c.At(i).education.reset();
  return true;
}

bool PlantMissingHealth(Ctx& c) {
  const int i = c.Pick(Healthy);
  if (i < 0) return false;
  c.At(i).health.reset();
  return true;
}

bool PlantMissingSkill(Ctx& c) {
  const int i = c.Pick([&](const Person& p) { return c.LabourAge(p) && !Working(p); });
  if (i < 0) return false;
  c.At(i).labour_skill.reset();
  return true;
}

bool PlantMainCause(Ctx& c, PovertyCause cause, const std::function<bool(const Person&)>& justifies) {
  if (c.AnyMember(justifies) || c.h.household.main_cause == cause) return false;
  c.h.household.main_cause = cause;
  return true;
}

bool PlantOtherDuplicatesMain(Ctx& c) {
  auto& others = c.h.household.other_causes;
  if (others.size() == 2) others.pop_back();
  others.push_back(*c.h.household.main_cause);
  return true;
}

bool PlantDibaoNoMember(Ctx& c) {
  if (c.h.household.attribute != HouseholdAttribute::kDibaoExited) return false;
  for (Person& p : c.members()) p.receives_dibao = false;
  return true;
}

bool PlantGeneralWithDibao(Ctx& c) {
  if (!c.IsGeneral()) return false;
  c.At(c.Pick([](const Person&) { return true; })).receives_dibao = true;
  return true;
}

bool PlantTekunWithLabourer(Ctx& c) {
  if (!c.IsGeneral()) return false;
  const int i =
      c.Pick([&](const Person& p) { return c.LabourAge(p) && p.labour_skill && CanWork(*p.labour_skill); });
  if (i < 0) return false;
  c.h.household.attribute = HouseholdAttribute::kTekunExited;
  for (Person& p : c.members()) p.receives_tekun = true;
  return true;
}

bool PlantHealthyLabour(Ctx& c, LabourSkill skill) {
  const int i = c.Pick([&](const Person& p) { return c.LabourAge(p) && Healthy(p) && !IsStudentPerson(p); });
  if (i < 0) return false;
  Person& p = c.At(i);
  p.labour_skill = skill;
  p.work_status.reset();
  p.work_months = 0;
  c.synth.AssignIncome(c.rng, c.h);
  return true;
}

bool PlantWorkMonthsRange(Ctx& c) {
  const int i = c.Pick(Working);
  if (i < 0) return false;
  c.At(i).work_months = 13 + static_cast<int>(c.rng.Below(3));
  return true;
}

bool PlantPlaceWithoutMonths(Ctx& c) {
  const int i = c.Pick(Working);
  if (i < 0) return false;
  c.At(i).work_months = 0;
  return true;
}

bool PlantMonthsWithoutPlace(Ctx& c) {
  if (c.Workers() < 2) return false;  // others still work, so wages stay explained
  c.At(c.Pick(Working)).work_status.reset();
  return true;
}

bool PlantUnableWorker(Ctx& c) {
  const int i = c.Pick([&](const Person& p) {
    return c.Age(p) >= 16 && !IsStudentPerson(p) && p.labour_skill && !CanWork(*p.labour_skill);
  });
  if (i < 0) return false;
  c.At(i).work_status = WorkStatus::kWithinTownship;
  c.At(i).work_months = 6;
  c.synth.AssignIncome(c.rng, c.h);
  return true;
}

bool PlantWageWithoutWorker(Ctx& c) {
  if (c.Workers() > 0) return false;
  c.year().wage_income = c.year().wage_income + Money::FromYuan(c.rng.Between(2000, 8000));
  return true;
}

bool PlantWorkerWithoutWage(Ctx& c) {
  if (c.Workers() == 0) return false;
  HouseholdYear& y = c.year();
  y.business_income = y.business_income + y.wage_income;  // same total, booked as business
  if (y.business_expense.fen() == 0)
    y.business_expense = Money::FromYuan(500), y.business_income = y.business_income + Money::FromYuan(500);
  y.wage_income = Money::FromFen(0);
  return true;
}

bool PlantArithmetic(Ctx& c) {
  const int members = static_cast<int>(c.members().size());
  c.year().declared_net_income_per_capita =
      *c.year().NetIncomePerCapita(members) + Money::FromYuan(c.rng.Between(100, 2000));
  return true;
}

bool PlantIncomeRange(Ctx& c) {
  const int64_t members = static_cast<int64_t>(c.members().size());
  HouseholdYear& y = c.year();
  const Money extra = Money::FromYuan(100'000 * members + c.rng.Between(1000, 50000));
  y.business_income = y.business_income + extra;
  if (y.business_expense.fen() == 0) y.business_expense = Money::FromYuan(1000);
  return true;
}

bool PlantBusinessWithoutExpense(Ctx& c) {
  HouseholdYear& y = c.year();
  if (y.business_income.fen() <= 0) return false;
  y.business_income = y.business_income - y.business_expense;
  y.business_expense = Money::FromFen(0);
  return true;
}

bool PlantRelationshipSex(Ctx& c) {
  const int i = c.Pick([](const Person& p) {
    return p.relationship == Relationship::kSon || p.relationship == Relationship::kDaughter;
  });
  if (i < 0) return false;
  Person& p = c.At(i);
  p.relationship = p.relationship == Relationship::kSon ? Relationship::kDaughter : Relationship::kSon;
  return true;
}

bool PlantHeadSpouseSameSex(Ctx& c) {
  const int i = c.Pick([](const Person& p) { return p.relationship == Relationship::kSpouse; });
  if (i < 0) return false;
  Person& p = c.At(i);
  p.sex = p.sex == Sex::kMale ? Sex::kFemale : Sex::kMale;
  c.synth.ReissueId(p, c.h.household.village.County6());
  return true;
}

bool PlantGradeAge(Ctx& c) {
  const int i =
      c.Pick([&](const Person& p) { return c.Age(p) >= 7 && c.Age(p) <= 14 && IsStudentPerson(p); });
  if (i < 0) return false;
  c.At(i).school_status = SchoolStatus::kSeniorYear1;
  return true;
}

bool PlantDropout(Ctx& c) {
  const int i = c.Pick([&](const Person& p) { return c.Age(p) >= 7 && c.Age(p) <= 14 && Healthy(p); });
  if (i < 0) return false;
  c.At(i).school_status = SchoolStatus::kNotInSchool;
  c.At(i).education = Education::kPrimary;  // a non-student has an education level
  return true;
}

bool PlantUnknownVillage(Ctx& c) {
  c.h.household.village =
      *RegionCode::FromValue(c.h.household.village.AtLevel(RegionLevel::kTownship).value() + 999);
  return true;
}

bool PlantMissingCadre(Ctx& c) {
  c.h.household.cadre_name.clear();
  return true;
}

bool Dispatch(K kind, Ctx& c) {
  switch (kind) {
    case K::kIdCheckCharacter:
      return PlantIdCheck(c);
    case K::kIdLength:
      return PlantIdLength(c);
    case K::kIdBirthMismatch:
      return PlantBirthMismatch(c);
    case K::kIdSexMismatch:
      return PlantSexMismatch(c);
    case K::kDuplicatePerson:
      return PlantDuplicate(c);
    case K::kNoHead:
      return PlantNoHead(c);
    case K::kTwoHeads:
      return PlantTwoHeads(c);
    case K::kHouseholdSizeMismatch:
      return PlantSizeMismatch(c);
    case K::kMissingEthnicity:
      return PlantMissingEthnicity(c);
    case K::kMissingEducation:
      return PlantMissingEducation(c);
    case K::kMissingHealth:
      return PlantMissingHealth(c);
    case K::kMissingLabourSkill:
      return PlantMissingSkill(c);
    case K::kCauseIllnessAllHealthy:
      return PlantMainCause(c, PovertyCause::kIllness, [](const Person& p) { return !Healthy(p); });
    case K::kCauseDisabilityNoneDisabled:
      return PlantMainCause(c, PovertyCause::kDisability,
                            [](const Person& p) { return p.health == Health::kDisabled; });
    case K::kCauseSchoolingNoStudent:
      return PlantMainCause(c, PovertyCause::kSchooling, IsStudentPerson);
    case K::kOtherCauseDuplicatesMain:
      return PlantOtherDuplicatesMain(c);
    case K::kDibaoNoMember:
      return PlantDibaoNoMember(c);
    case K::kGeneralWithDibaoMember:
      return PlantGeneralWithDibao(c);
    case K::kTekunWithLabourer:
      return PlantTekunWithLabourer(c);
    case K::kHealthyLabourAgeLost:
      return PlantHealthyLabour(c, LabourSkill::kLostCapacity);
    case K::kHealthyLabourAgeNone:
      return PlantHealthyLabour(c, LabourSkill::kNotLabourForce);
    case K::kWorkMonthsRange:
      return PlantWorkMonthsRange(c);
    case K::kWorkPlaceWithoutMonths:
      return PlantPlaceWithoutMonths(c);
    case K::kWorkMonthsWithoutPlace:
      return PlantMonthsWithoutPlace(c);
    case K::kUnableWorker:
      return PlantUnableWorker(c);
    case K::kWageWithoutWorker:
      return PlantWageWithoutWorker(c);
    case K::kWorkerWithoutWage:
      return PlantWorkerWithoutWage(c);
    case K::kIncomeArithmetic:
      return PlantArithmetic(c);
    case K::kIncomeRange:
      return PlantIncomeRange(c);
    case K::kBusinessIncomeWithoutExpense:
      return PlantBusinessWithoutExpense(c);
    case K::kRelationshipSex:
      return PlantRelationshipSex(c);
    case K::kHeadSpouseSameSex:
      return PlantHeadSpouseSameSex(c);
    case K::kSchoolGradeAge:
      return PlantGradeAge(c);
    case K::kSchoolAgeDropout:
      return PlantDropout(c);
    case K::kUnknownVillage:
      return PlantUnknownVillage(c);
    case K::kMissingCadre:
      return PlantMissingCadre(c);
  }
  return false;
}

}  // namespace

std::span<const ProblemKindInfo> ProblemKinds() {
  // Built on first use from the catalogue (its table lives in another file); thread-safe by
  // C++11 static initialisation.
  static const std::array<ProblemKindInfo, std::size(kKindRules)> kKinds = [] {
    std::array<ProblemKindInfo, std::size(kKindRules)> kinds{};
    for (size_t i = 0; i < kinds.size(); ++i) {
      const validation::RuleSpec& spec = validation::SpecOf(kKindRules[i].second);
      kinds[i] = ProblemKindInfo{kKindRules[i].first, spec.id, spec.column, spec.zh, spec.en};
    }
    return kinds;
  }();
  return kKinds;
}

const ProblemKindInfo& ProblemKindInfoOf(ProblemKind kind) {
  return ProblemKinds()[static_cast<size_t>(kind)];
}

bool ProblemPlanter::TryPlant(ProblemKind kind, Rng& rng, SyntheticHousehold& h,
                              const SyntheticHousehold* previous, PlantedProblem& out) {
  out = PlantedProblem{kind, h.household.household_no, {}, {}};
  Ctx ctx{rng, h, previous, *synthesizer_, out};
  if (!Dispatch(kind, ctx)) return false;
  // The declared per-capita income follows the (possibly changed) components, except
  // where the planted problem is the declaration itself.
  if (kind != K::kIncomeArithmetic) {
    HouseholdYear& year = h.household.years.front();
    year.declared_net_income_per_capita =
        *year.NetIncomePerCapita(static_cast<int>(h.household.members.size()));
  }
  return true;
}

std::optional<PlantedProblem> ProblemPlanter::Plant(Rng& rng, SyntheticHousehold& target,
                                                    const SyntheticHousehold* previous) {
  // Kinds are tried in a random order, so each applicable kind is about equally likely.
  std::vector<size_t> order(std::size(kKindRules));
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng.Below(i + 1)]);
  for (size_t index : order) {
    const auto kind = static_cast<ProblemKind>(index);
    // A kind that does not apply must leave the household untouched: plant on a copy.
    SyntheticHousehold attempt = target;
    PlantedProblem problem;
    if (TryPlant(kind, rng, attempt, previous, problem)) {
      target = std::move(attempt);
      return problem;
    }
  }
  return std::nullopt;
}

}  // namespace jz::gen
