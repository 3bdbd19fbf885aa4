// Field-by-field comparison of a stored household with the one a re-import brings. Each
// field is rendered as the export shows it, so the change report reads like the file.
#include "app/registry/household_diff.h"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <unordered_map>

#include "core/code_lists.h"
#include "io/registry_layout.h"

namespace jz {
namespace {

using C = RegistryColumn;

std::string Show(const std::string& text) { return text; }
std::string Show(int value) { return std::to_string(value); }
std::string Show(bool value) { return std::string(YesNoLabel(value)); }
std::string Show(Money value) { return value.ToString(); }
std::string Show(Date value) { return value.ToString(); }
std::string Show(RegionCode value) { return value.value() == 0 ? std::string() : value.ToString(); }
template <CodeListEnum E>
std::string Show(E value) {
  return std::string(Label(value));
}
template <typename T>
std::string Show(const std::optional<T>& value) {
  return value ? Show(*value) : std::string();
}
std::string Show(const std::vector<PovertyCause>& causes) {
  std::string out;
  for (PovertyCause cause : causes) {
    if (!out.empty()) out += kMultiValueSeparator;
    out += Label(cause);
  }
  return out;
}

// A phone number is personal data like the ID number: the report shows its first three and
// last four digits, enough to see that it changed.
std::string MaskPhone(const std::string& phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::string MemberName(const Person& p) { return fmt::format("{} {}", p.name, p.id_number.Masked()); }

// Appends one change per differing field to `out`, each stamped with `base`'s household,
// kind, member and year.
class FieldDiff {
 public:
  FieldDiff(std::vector<HouseholdChange>& out, HouseholdChange base) : out_(out), base_(std::move(base)) {}

  template <typename T>
  void Compare(std::string_view field, const T& before, const T& after) {
    if (before == after) return;
    Add(field, Show(before), Show(after));
  }
  void Compare(C column, const auto& before, const auto& after) {
    Compare(RegistryColumnInfoOf(column).zh_header, before, after);
  }
  void ComparePhone(C column, const std::string& before, const std::string& after) {
    if (before != after) Add(RegistryColumnInfoOf(column).zh_header, MaskPhone(before), MaskPhone(after));
  }

 private:
  void Add(std::string_view field, std::string before, std::string after) {
    HouseholdChange change = base_;
    change.field = std::string(field);
    change.old_value = std::move(before);
    change.new_value = std::move(after);
    out_.push_back(std::move(change));
  }

  std::vector<HouseholdChange>& out_;
  HouseholdChange base_;
};

void DiffHouseholdFields(const Household& a, const Household& b, FieldDiff& d) {
  d.Compare(C::kRegionCode, a.village, b.village);
  d.Compare(C::kNaturalVillage, a.natural_village, b.natural_village);
  d.Compare(C::kHouseholdType, a.type, b.type);
  d.Compare(C::kHouseholdAttribute, a.attribute, b.attribute);
  d.Compare(C::kMainCause, a.main_cause, b.main_cause);
  d.Compare(C::kOtherCauses, a.other_causes, b.other_causes);
  d.Compare(C::kMonitoringType, a.monitoring_type, b.monitoring_type);
  d.ComparePhone(C::kHouseholdPhone, a.phone, b.phone);
  d.Compare(C::kFirstIdentified, a.first_identified, b.first_identified);
  d.Compare(C::kCadreName, a.cadre_name, b.cadre_name);
  d.Compare(C::kHouseholdSize, a.declared_size, b.declared_size);
  d.Compare(C::kRiskIdentified, a.risk_identified, b.risk_identified);
  d.Compare(C::kRiskEliminatedDate, a.risk_eliminated, b.risk_eliminated);
}

void DiffPersonFields(const Person& a, const Person& b, FieldDiff& d) {
  d.Compare(C::kPersonNo, a.person_no, b.person_no);
  d.Compare(C::kName, a.name, b.name);
  d.Compare(C::kSex, a.sex, b.sex);
  d.Compare(C::kBirthDate, a.birth_date, b.birth_date);
  d.Compare(C::kRelationship, a.relationship, b.relationship);
  d.Compare(C::kEthnicity, a.ethnicity, b.ethnicity);
  d.Compare(C::kEducation, a.education, b.education);
  d.Compare(C::kSchoolStatus, a.school_status, b.school_status);
  d.Compare(C::kHealth, a.health, b.health);
  d.Compare(C::kLabourSkill, a.labour_skill, b.labour_skill);
  d.Compare(C::kWorkStatus, a.work_status, b.work_status);
  d.Compare(C::kWorkMonths, a.work_months, b.work_months);
  d.Compare(C::kMedicalInsured, a.medical_insured, b.medical_insured);
  d.Compare(C::kCriticalIllnessInsured, a.critical_illness_insured, b.critical_illness_insured);
  d.Compare(C::kReceivesDibao, a.receives_dibao, b.receives_dibao);
  d.Compare(C::kReceivesTekun, a.receives_tekun, b.receives_tekun);
  d.ComparePhone(C::kPersonPhone, a.phone, b.phone);
}

// The indicators without a column of their own in the export are named as DOMAIN.md §2.1
// names them.
void DiffYearFields(const HouseholdYear& a, const HouseholdYear& b, FieldDiff& d) {
  d.Compare(C::kWageIncome, a.wage_income, b.wage_income);
  d.Compare(C::kBusinessIncome, a.business_income, b.business_income);
  d.Compare(C::kPropertyIncome, a.property_income, b.property_income);
  d.Compare(C::kTransferIncome, a.transfer_income, b.transfer_income);
  d.Compare(C::kBusinessExpense, a.business_expense, b.business_expense);
  d.Compare(C::kNetIncomePerCapita, a.declared_net_income_per_capita, b.declared_net_income_per_capita);
  d.Compare("不愁吃", a.food_secure, b.food_secure);
  d.Compare("不愁穿", a.clothing_secure, b.clothing_secure);
  d.Compare("义务教育有保障", a.compulsory_education_secured, b.compulsory_education_secured);
  d.Compare("基本医疗有保障", a.basic_medical_secured, b.basic_medical_secured);
  d.Compare("住房安全有保障", a.housing_secure, b.housing_secure);
  d.Compare(C::kSafeDrinkingWater, a.safe_drinking_water, b.safe_drinking_water);
  d.Compare(C::kHousingGrade, a.housing_grade, b.housing_grade);
}

HouseholdChange Base(const Household& h, ChangeKind kind) {
  HouseholdChange change;
  change.household_no = h.household_no;
  change.kind = kind;
  return change;
}

void DiffMembers(const Household& before, const Household& after, std::vector<HouseholdChange>& out) {
  std::unordered_map<uint64_t, const Person*> old_by_id, new_by_id;
  for (const Person& p : before.members) old_by_id.emplace(p.id_number.Packed(), &p);
  for (const Person& p : after.members) new_by_id.emplace(p.id_number.Packed(), &p);
  for (const Person& p : before.members) {
    if (new_by_id.contains(p.id_number.Packed())) continue;
    HouseholdChange change = Base(after, ChangeKind::kMemberRemoved);
    change.member = MemberName(p);
    out.push_back(std::move(change));
  }
  for (const Person& p : after.members) {
    if (old_by_id.contains(p.id_number.Packed())) continue;
    HouseholdChange change = Base(after, ChangeKind::kMemberAdded);
    change.member = MemberName(p);
    out.push_back(std::move(change));
  }
  for (const Person& p : after.members) {
    auto it = old_by_id.find(p.id_number.Packed());
    if (it == old_by_id.end()) continue;
    HouseholdChange base = Base(after, ChangeKind::kMemberField);
    base.member = MemberName(p);
    FieldDiff d(out, std::move(base));
    DiffPersonFields(*it->second, p, d);
  }
}

void DiffYears(const Household& before, const Household& after, std::vector<HouseholdChange>& out) {
  std::map<int, const HouseholdYear*> old_years, new_years;
  for (const HouseholdYear& y : before.years) old_years.emplace(y.data_year, &y);
  for (const HouseholdYear& y : after.years) new_years.emplace(y.data_year, &y);
  for (const auto& [year, y] : old_years) {
    if (new_years.contains(year)) continue;
    HouseholdChange change = Base(after, ChangeKind::kYearRemoved);
    change.data_year = year;
    out.push_back(std::move(change));
  }
  for (const auto& [year, y] : new_years) {
    auto it = old_years.find(year);
    HouseholdChange base =
        Base(after, it == old_years.end() ? ChangeKind::kYearAdded : ChangeKind::kYearField);
    base.data_year = year;
    if (it == old_years.end()) {
      out.push_back(std::move(base));
      continue;
    }
    FieldDiff d(out, std::move(base));
    DiffYearFields(*it->second, *y, d);
  }
}

}  // namespace

std::string_view ChangeKindLabel(ChangeKind kind, bool english) {
  switch (kind) {
    case ChangeKind::kMemberAdded:
      return english ? "member added" : "新增成员";
    case ChangeKind::kMemberRemoved:
      return english ? "member removed" : "减少成员";
    case ChangeKind::kHouseholdField:
      return english ? "household field" : "户信息变更";
    case ChangeKind::kMemberField:
      return english ? "member field" : "成员信息变更";
    case ChangeKind::kYearField:
      return english ? "year field" : "年度信息变更";
    case ChangeKind::kYearAdded:
      return english ? "year added" : "新增年度";
    case ChangeKind::kYearRemoved:
      return english ? "year removed" : "删除年度";
  }
  return "";
}

std::vector<HouseholdChange> DiffHouseholds(const Household& before, const Household& after) {
  std::vector<HouseholdChange> out;
  FieldDiff household(out, Base(after, ChangeKind::kHouseholdField));
  DiffHouseholdFields(before, after, household);
  DiffMembers(before, after, out);
  DiffYears(before, after, out);
  return out;
}

}  // namespace jz
