// The helpers the rule files share. The rules' ids, severities, scopes, columns and
// wordings are in the public catalogue (validation/rule_catalogue.h).
#include "app/registry/validation/internal/rule_support.h"

#include <fmt/format.h>

#include "core/status.h"

namespace jz::validation::internal {
namespace {

std::string_view ShownZh(std::string_view value) {
  return value.empty() ? std::string_view("（空）") : value;
}
std::string_view ShownEn(std::string_view value) {
  return value.empty() ? std::string_view("(empty)") : value;
}

std::string WhoZh(const Household& household, const Person* person) {
  if (person == nullptr) return fmt::format("户编号 {}", household.household_no);
  return fmt::format("户编号 {}，人编号 {}（{}）", household.household_no, person->person_no, person->name);
}

std::string WhoEn(const Household& household, const Person* person) {
  if (person == nullptr) return fmt::format("household {}", household.household_no);
  return fmt::format("household {}, person {} ({})", household.household_no, person->person_no, person->name);
}

}  // namespace

Date IdBirthDate(const Person& person) {
  return person.id_number.Packed() != 0 ? person.id_number.BirthDate() : person.birth_date;
}

int AgeOn(const Person& person, Date on) { return IdBirthDate(person).AgeOn(on); }

bool IsStudentPerson(const Person& person) {
  return person.school_status.has_value() && IsStudent(*person.school_status);
}

bool IsCompulsoryAgeDropout(const Person& person, int age) {
  return age >= kCompulsoryAgeFrom && age <= kCompulsoryAgeTo && person.health == Health::kHealthy &&
         person.school_status == SchoolStatus::kNotInSchool;
}

void Report(const Scope& scope, Rule rule, const Person* person, std::string value, const Detail& detail) {
  const RuleSpec& spec = SpecOf(rule);
  const RegistryColumnInfo& column = RegistryColumnInfoOf(spec.column);
  std::string zh = fmt::format("{}，{}「{}」：{}", WhoZh(scope.household, person), column.zh_header,
                               ShownZh(value), spec.zh);
  std::string en = fmt::format("{}, {} \"{}\": {}", WhoEn(scope.household, person), column.en_name,
                               ShownEn(value), spec.en);
  if (!detail.zh.empty()) zh += fmt::format("（{}）", detail.zh);
  if (!detail.en.empty()) en += fmt::format(" ({})", detail.en);
  Finding& finding = scope.out.emplace_back();
  finding.rule_id = spec.id;
  finding.severity = spec.severity;
  finding.household_no = scope.household.household_no;
  if (person != nullptr) finding.person_no = person->person_no;
  finding.field = column.zh_header;
  finding.value = std::move(value);
  finding.message = Bilingual(zh, en);
}

}  // namespace jz::validation::internal
