// The field table of rules/schema.h. A new field is one line here plus a line in
// docs/policy-language.md; nothing else in the language changes.
#include "rules/schema.h"

#include <array>

namespace jz {
namespace {

constexpr Type kBool{ValueKind::kBool};
constexpr Type kInt{ValueKind::kInt};
constexpr Type kMoney{ValueKind::kMoney};
constexpr Type kDate{ValueKind::kDate};
constexpr Type Code(ListId list) { return Type{ValueKind::kCode, list}; }

// A code field that the registry may leave empty reads as code 0, which equals no label.
template <class E>
Value OptionalCode(ListId list, const std::optional<E>& value) {
  return Value::Code(list, value ? static_cast<int>(*value) : 0);
}

// A yes/no field the registry may not know reads as false while unknown; `known` says which.
Value OptionalBool(const std::optional<bool>& value) { return Value::Bool(value.value_or(false)); }

// The income components (and 家庭纯收入) are known together or not at all.
bool ComponentsKnown(const FieldInput& in) { return in.year->income_components_known; }

// One-letter scopes keep each row of the field table below on one line.
// NOLINTBEGIN(readability-identifier-naming)
constexpr FieldScope P = FieldScope::kPerson;
constexpr FieldScope H = FieldScope::kHousehold;
constexpr FieldScope Y = FieldScope::kYear;
// NOLINTEND(readability-identifier-naming)

// clang-format off
const std::array<FieldDef, 34> kFields = {{
  {P, "age", kInt, false, "年龄", [](const FieldInput& in) {
     return Value::Int(in.person->birth_date.AgeOn(in.as_of)); }},
  {P, "birth_date", kDate, false, "出生日期", [](const FieldInput& in) {
     return Value::OfDate(in.person->birth_date); }},
  {P, "sex", Code(ListId::kSex), false, "性别", [](const FieldInput& in) {
     return Value::Code(ListId::kSex, static_cast<int>(in.person->sex)); }},
  {P, "relationship", Code(ListId::kRelationship), false, "与户主关系", [](const FieldInput& in) {
     return Value::Code(ListId::kRelationship, static_cast<int>(in.person->relationship)); }},
  {P, "education", Code(ListId::kEducation), false, "文化程度", [](const FieldInput& in) {
     return OptionalCode(ListId::kEducation, in.person->education); }},
  {P, "school_status", Code(ListId::kSchoolStatus), false, "在校生状况", [](const FieldInput& in) {
     return OptionalCode(ListId::kSchoolStatus, in.person->school_status); }},
  {P, "health", Code(ListId::kHealth), false, "健康状况", [](const FieldInput& in) {
     return OptionalCode(ListId::kHealth, in.person->health); }},
  {P, "labour_skill", Code(ListId::kLabourSkill), false, "劳动技能", [](const FieldInput& in) {
     return OptionalCode(ListId::kLabourSkill, in.person->labour_skill); }},
  {P, "work_status", Code(ListId::kWorkStatus), false, "务工状况", [](const FieldInput& in) {
     return OptionalCode(ListId::kWorkStatus, in.person->work_status); }},
  {P, "work_months", kInt, false, "务工时间(月)", [](const FieldInput& in) {
     return Value::Int(in.person->work_months.value_or(0)); },
   [](const FieldInput& in) { return in.person->work_months.has_value(); }},
  {P, "medical_insured", kBool, false, "城乡居民基本医疗保险", [](const FieldInput& in) {
     return OptionalBool(in.person->medical_insured); },
   [](const FieldInput& in) { return in.person->medical_insured.has_value(); }},
  {P, "critical_illness_insured", kBool, false, "大病保险", [](const FieldInput& in) {
     return OptionalBool(in.person->critical_illness_insured); },
   [](const FieldInput& in) { return in.person->critical_illness_insured.has_value(); }},
  {P, "receives_dibao", kBool, false, "享受低保", [](const FieldInput& in) {
     return OptionalBool(in.person->receives_dibao); },
   [](const FieldInput& in) { return in.person->receives_dibao.has_value(); }},
  {P, "receives_tekun", kBool, false, "特困供养", [](const FieldInput& in) {
     return OptionalBool(in.person->receives_tekun); },
   [](const FieldInput& in) { return in.person->receives_tekun.has_value(); }},
  {H, "size", kInt, false, "家庭人口数", [](const FieldInput& in) {
     return Value::Int(static_cast<int64_t>(in.household.members.size())); }},
  {H, "type", Code(ListId::kHouseholdType), false, "户类型", [](const FieldInput& in) {
     return Value::Code(ListId::kHouseholdType, static_cast<int>(in.household.type)); }},
  {H, "attribute", Code(ListId::kHouseholdAttribute), false, "贫困户属性", [](const FieldInput& in) {
     return OptionalCode(ListId::kHouseholdAttribute, in.household.attribute); }},
  {H, "main_cause", Code(ListId::kPovertyCause), false, "主要致贫原因", [](const FieldInput& in) {
     return OptionalCode(ListId::kPovertyCause, in.household.main_cause); }},
  {H, "monitoring_type", Code(ListId::kMonitoringType), false, "监测对象类型", [](const FieldInput& in) {
     return OptionalCode(ListId::kMonitoringType, in.household.monitoring_type); }},
  {H, "net_income", kMoney, true, "家庭纯收入", [](const FieldInput& in) {
     return Value::OfMoney(in.year->NetIncome().value_or(Money())); }, ComponentsKnown},
  // 人均纯收入 as DOMAIN §2.2 defines it, rounded to the fen like the registry's own figure;
  // the declared figure when only it is known. A household without members reads 0 (the
  // validator reports such households).
  {H, "net_income_per_capita", kMoney, true, "人均纯收入", [](const FieldInput& in) {
     const int members = static_cast<int>(in.household.members.size());
     return Value::OfMoney(members > 0 ? in.year->NetIncomePerCapita(members).value_or(Money()) : Money()); },
   [](const FieldInput& in) {
     return in.household.members.empty() || in.year->NetIncomePerCapita(1).has_value(); }},
  {Y, "data_year", kInt, true, "数据年度", [](const FieldInput& in) {
     return Value::Int(in.year->data_year); }},
  {Y, "wage_income", kMoney, true, "工资性收入", [](const FieldInput& in) {
     return Value::OfMoney(in.year->wage_income); }, ComponentsKnown},
  {Y, "business_income", kMoney, true, "生产经营性收入", [](const FieldInput& in) {
     return Value::OfMoney(in.year->business_income); }, ComponentsKnown},
  {Y, "property_income", kMoney, true, "财产性收入", [](const FieldInput& in) {
     return Value::OfMoney(in.year->property_income); }, ComponentsKnown},
  {Y, "transfer_income", kMoney, true, "转移性收入", [](const FieldInput& in) {
     return Value::OfMoney(in.year->transfer_income); }, ComponentsKnown},
  {Y, "business_expense", kMoney, true, "生产经营性支出", [](const FieldInput& in) {
     return Value::OfMoney(in.year->business_expense); }, ComponentsKnown},
  {Y, "food_secure", kBool, true, "不愁吃", [](const FieldInput& in) {
     return OptionalBool(in.year->food_secure); },
   [](const FieldInput& in) { return in.year->food_secure.has_value(); }},
  {Y, "clothing_secure", kBool, true, "不愁穿", [](const FieldInput& in) {
     return OptionalBool(in.year->clothing_secure); },
   [](const FieldInput& in) { return in.year->clothing_secure.has_value(); }},
  {Y, "compulsory_education_secured", kBool, true, "义务教育有保障", [](const FieldInput& in) {
     return OptionalBool(in.year->compulsory_education_secured); },
   [](const FieldInput& in) { return in.year->compulsory_education_secured.has_value(); }},
  {Y, "basic_medical_secured", kBool, true, "基本医疗有保障", [](const FieldInput& in) {
     return OptionalBool(in.year->basic_medical_secured); },
   [](const FieldInput& in) { return in.year->basic_medical_secured.has_value(); }},
  {Y, "housing_secure", kBool, true, "住房安全有保障", [](const FieldInput& in) {
     return OptionalBool(in.year->housing_secure); },
   [](const FieldInput& in) { return in.year->housing_secure.has_value(); }},
  {Y, "safe_drinking_water", kBool, true, "饮水安全", [](const FieldInput& in) {
     return OptionalBool(in.year->safe_drinking_water); },
   [](const FieldInput& in) { return in.year->safe_drinking_water.has_value(); }},
  {Y, "housing_grade", Code(ListId::kHousingGrade), true, "危房级别", [](const FieldInput& in) {
     return OptionalCode(ListId::kHousingGrade, in.year->housing_grade); }},
}};
// clang-format on

}  // namespace

std::span<const FieldDef> Fields() { return kFields; }

std::optional<size_t> FindField(FieldScope scope, std::string_view name) {
  for (size_t i = 0; i < kFields.size(); ++i) {
    if (kFields[i].scope == scope && kFields[i].name == name) return i;
  }
  return std::nullopt;
}

const HouseholdYear* CurrentYear(const Household& household, Date as_of) {
  const HouseholdYear* best = nullptr;
  for (const HouseholdYear& year : household.years) {
    if (year.data_year > as_of.year()) continue;
    if (best == nullptr || year.data_year > best->data_year) best = &year;
  }
  return best;
}

}  // namespace jz
