// Household-level rules on the household's composition (户主, 人数, 空挂户), its housing
// assurance and its responsible cadre: DOMAIN.md §1.4 items 1, 3, 9 and 10.
#include <fmt/format.h>

#include <string>

#include "app/registry/validation/internal/rule_support.h"

namespace jz::validation::internal {
namespace {

constexpr int kMinHeadAge = 16;

// The members recorded as 户主: the first one and how many there are.
struct Heads {
  const Person* first = nullptr;
  int count = 0;
};

Heads FindHeads(const Household& household) {
  Heads heads;
  for (const Person& person : household.members) {
    if (person.relationship != Relationship::kHead) continue;
    if (heads.first == nullptr) heads.first = &person;
    ++heads.count;
  }
  return heads;
}

// household.no_head and household.two_heads — DOMAIN §1.4 item 3 (household without 户主).
// Every head after the first is reported, so the finding names the extra head.
void CheckHeadCount(const Scope& s, const Heads& heads) {
  if (heads.count == 0) {
    Report(s, Rule::kNoHead, nullptr, "",
           {fmt::format("{} 名成员中无户主", s.household.members.size()),
            fmt::format("none of {} members is the head", s.household.members.size())});
    return;
  }
  for (const Person& person : s.household.members) {
    if (person.relationship != Relationship::kHead || &person == heads.first) continue;
    Report(s, Rule::kTwoHeads, &person, std::string(Label(person.relationship)),
           {fmt::format("另一户主为人编号 {}", heads.first->person_no),
            fmt::format("the other head is person {}", heads.first->person_no)});
  }
}

// household.size_mismatch — DOMAIN §1.3 (人数 column of the person export).
void CheckDeclaredSize(const Scope& s) {
  const std::optional<int>& declared = s.household.declared_size;
  const size_t rows = s.household.members.size();
  if (!declared || (*declared >= 0 && static_cast<size_t>(*declared) == rows)) return;
  Report(s, Rule::kSizeMismatch, nullptr, std::to_string(*declared),
         {fmt::format("成员行数为 {}", rows), fmt::format("{} member rows", rows)});
}

// household.head_too_young — DOMAIN §1.4 item 10 (age plausibility); a warning because an
// orphan may head a household. Judged only when there is exactly one head.
void CheckHeadAge(const Scope& s, const Heads& heads) {
  if (heads.count != 1) return;
  const int age = AgeOn(*heads.first, s.context.reference_date);
  if (age >= kMinHeadAge) return;
  Report(s, Rule::kHeadTooYoung, heads.first, std::string(Label(heads.first->relationship)),
         {fmt::format("年龄 {} 岁", age), fmt::format("aged {}", age)});
}

// relationship.head_spouse_same_sex — DOMAIN §1.4 item 10 (户主 and 配偶 same sex). Judged
// only with exactly one head (with two, household.two_heads is the finding); reported on
// the spouse.
void CheckSpouseSex(const Scope& s, const Heads& heads) {
  if (heads.count != 1 || heads.first->sex == Sex::kUnspecified) return;
  for (const Person& person : s.household.members) {
    if (person.relationship != Relationship::kSpouse || person.sex != heads.first->sex) continue;
    Report(s, Rule::kHeadSpouseSameSex, &person, std::string(Label(person.sex)),
           {fmt::format("户主人编号 {} 亦为{}", heads.first->person_no, Label(heads.first->sex)),
            fmt::format("the head, person {}, is also {}", heads.first->person_no,
                        Label(heads.first->sex, Lang::kEn))});
  }
}

// assurance.exited_dangerous_house — DOMAIN §1.4 item 1 (脱贫户 living in a 危房, §2.3).
void CheckDangerousHouse(const Scope& s) {
  if (s.household.type != HouseholdType::kExited || s.year == nullptr) return;
  const std::optional<HousingGrade>& grade = s.year->housing_grade;
  if (!grade || !IsDangerous(*grade)) return;
  Report(s, Rule::kExitedDangerousHouse, nullptr, std::string(Label(*grade)),
         {fmt::format("{} 年度", s.year->data_year), fmt::format("data year {}", s.year->data_year)});
}

// cadre.missing — DOMAIN §1.4 item 9 (household without an assigned 帮扶责任人).
void CheckCadre(const Scope& s) {
  if (s.household.cadre_name.find_first_not_of(" \t") != std::string::npos) return;
  Report(s, Rule::kMissingCadre, nullptr, "");
}

}  // namespace

// household.no_members — DOMAIN §1.4 item 10 (贫困户空挂): a household without members
// raises only this among the composition rules.
void CheckCompositionRules(const Scope& s) {
  if (s.household.members.empty()) {
    Report(s, Rule::kNoMembers, nullptr, "0");
    return;
  }
  const Heads heads = FindHeads(s.household);
  CheckHeadCount(s, heads);
  CheckDeclaredSize(s);
  CheckHeadAge(s, heads);
  CheckSpouseSex(s, heads);
}

void CheckAssuranceAndCadreRules(const Scope& s) {
  CheckDangerousHouse(s);
  CheckCadre(s);
}

}  // namespace jz::validation::internal
