// Household-level rules on the poverty causes (致贫原因) and on the 低保 / 特困供养
// attribute against the members who justify it: DOMAIN.md §1.2 (A3a/A3b) and §1.4 items
// 3, 4 and 5.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "app/registry/validation/internal/rule_support.h"

namespace jz::validation::internal {
namespace {

bool AnyMember(const Household& household, bool (*predicate)(const Person&)) {
  return std::any_of(household.members.begin(), household.members.end(), predicate);
}

std::string CauseList(const std::vector<PovertyCause>& causes) {
  std::string text;
  for (PovertyCause cause : causes) {
    if (!text.empty()) text += kMultiValueSeparator;
    text += Label(cause);
  }
  return text;
}

// mandatory.main_cause — DOMAIN §1.2 (A3a 主要致贫原因 mandatory) and §1.4 item 3. Only
// households identified as poor carry a cause; a monitored 边缘户 or an ordinary farm
// household may have none.
void CheckMainCausePresent(const Scope& s) {
  const HouseholdType type = s.household.type;
  if (s.household.main_cause || (type != HouseholdType::kPoor && type != HouseholdType::kExited)) return;
  Report(s, Rule::kMissingMainCause, nullptr, "");
}

// Whether a member justifies 因学: one enrolled anywhere (学前教育 included), or a child of
// compulsory-school age recorded as 非在校生. That child is school.dropout's finding: either
// the child is in fact enrolled, or has dropped out (which the schooling cost may explain);
// either way the household's cause is not the record to correct, so it is not reported too.
bool JustifiesSchooling(const Scope& s) {
  for (const Person& person : s.household.members) {
    if (IsStudentPerson(person)) return true;
    // The cheap test first: the age is computed only for a member who is 非在校生.
    if (person.school_status == SchoolStatus::kNotInSchool &&
        IsCompulsoryAgeDropout(person, AgeOn(person, s.context.reference_date))) {
      return true;
    }
  }
  return false;
}

// cause.illness_all_healthy, cause.disability_none_disabled, cause.schooling_no_student —
// DOMAIN §1.4 item 4. As the national check reads, 因病 needs a member who is not 健康
// (a member with an empty 健康状况 is mandatory.health's finding, not this one), 因残 a
// member who is 残疾, and 因学 a member JustifiesSchooling() accepts. Returns the rule an
// unjustified main cause breaks, or nullopt.
std::optional<Rule> UnjustifiedCause(const Scope& s, PovertyCause cause) {
  switch (cause) {
    case PovertyCause::kIllness:
      if (AnyMember(s.household, [](const Person& p) { return p.health != Health::kHealthy; }))
        return std::nullopt;
      return Rule::kIllnessAllHealthy;
    case PovertyCause::kDisability:
      if (AnyMember(s.household, [](const Person& p) { return p.health == Health::kDisabled; }))
        return std::nullopt;
      return Rule::kDisabilityNoneDisabled;
    case PovertyCause::kSchooling:
      if (JustifiesSchooling(s)) return std::nullopt;
      return Rule::kSchoolingNoStudent;
    default:
      return std::nullopt;
  }
}

void CheckMainCauseJustified(const Scope& s) {
  if (!s.household.main_cause || s.household.members.empty()) return;
  const std::optional<Rule> rule = UnjustifiedCause(s, *s.household.main_cause);
  if (!rule) return;
  const size_t n = s.household.members.size();
  Report(s, *rule, nullptr, std::string(Label(*s.household.main_cause)),
         {fmt::format("共 {} 名成员", n), fmt::format("{} members", n)});
}

// cause.other_duplicates_main — DOMAIN §1.2 (A3b must not repeat the main cause), §1.4 item 4.
void CheckOtherCausesRepeatMain(const Scope& s) {
  const std::vector<PovertyCause>& others = s.household.other_causes;
  if (!s.household.main_cause ||
      std::find(others.begin(), others.end(), *s.household.main_cause) == others.end()) {
    return;
  }
  Report(s, Rule::kOtherDuplicatesMain, nullptr, CauseList(others),
         {fmt::format("主要致贫原因为{}", Label(*s.household.main_cause)),
          fmt::format("the main cause is {}", Label(*s.household.main_cause, Lang::kEn))});
}

// cause.other_too_many — DOMAIN §1.2 (A3b 其他致贫原因: at most 2).
void CheckOtherCauseCount(const Scope& s) {
  if (s.household.other_causes.size() <= 2) return;
  Report(s, Rule::kTooManyOtherCauses, nullptr, CauseList(s.household.other_causes));
}

// dibao.no_member — DOMAIN §1.4 item 5 (低保户 with no member receiving 低保).
void CheckDibaoHasMember(const Scope& s) {
  const std::optional<HouseholdAttribute>& attribute = s.household.attribute;
  if (!attribute || !IsDibao(*attribute) || s.household.members.empty()) return;
  // A member whose 低保 is unknown may be the one: only all members known "no" is reported.
  if (AnyMember(s.household, [](const Person& p) { return p.receives_dibao.value_or(true); })) return;
  Report(s, Rule::kDibaoNoMember, nullptr, std::string(Label(*attribute)));
}

// The first member aged 16-65 whose labour skill counts as labour, or null.
const Person* FirstLabourer(const Scope& s) {
  for (const Person& person : s.household.members) {
    if (!person.labour_skill || !CanWork(*person.labour_skill)) continue;
    const int age = AgeOn(person, s.context.reference_date);
    if (age >= kWorkingAgeFrom && age <= kWorkingAgeTo) return &person;
  }
  return nullptr;
}

// tekun.has_labourer — DOMAIN §1.4 item 5 (五保/特困 household containing a labour-age
// labourer). Household-level: the attribute and the labourers contradict each other, and
// the message names the first labourer.
void CheckTekunWithoutLabourer(const Scope& s) {
  const std::optional<HouseholdAttribute>& attribute = s.household.attribute;
  if (!attribute || !IsTekun(*attribute)) return;
  const Person* labourer = FirstLabourer(s);
  if (labourer == nullptr) return;
  Report(s, Rule::kTekunWithLabourer, nullptr, std::string(Label(*attribute)),
         {fmt::format("人编号 {}（{}）为{}", labourer->person_no, labourer->name,
                      Label(*labourer->labour_skill)),
          fmt::format("person {} ({}) is {}", labourer->person_no, labourer->name,
                      Label(*labourer->labour_skill, Lang::kEn))});
}

}  // namespace

void CheckCauseAndBenefitRules(const Scope& s) {
  CheckMainCausePresent(s);
  CheckMainCauseJustified(s);
  CheckOtherCausesRepeatMain(s);
  CheckOtherCauseCount(s);
  CheckDibaoHasMember(s);
  CheckTekunWithoutLabourer(s);
}

}  // namespace jz::validation::internal
