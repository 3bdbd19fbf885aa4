// Row decoders shared by the single-household reads and the bulk scan, so both read the
// same columns the same way.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store_internal.h"

namespace jz::sqlite_internal {

std::pair<uint64_t, uint64_t> CodeRange(RegionCode scope) {
  uint64_t span = 1;
  switch (scope.level()) {
    case RegionLevel::kProvince:
      span = 10'000'000'000;
      break;
    case RegionLevel::kPrefecture:
      span = 100'000'000;
      break;
    case RegionLevel::kCounty:
      span = 1'000'000;
      break;
    case RegionLevel::kTownship:
      span = 1'000;
      break;
    case RegionLevel::kVillage:
      span = 1;
      break;
  }
  return {scope.value(), scope.value() + span};
}

StatusOr<Household> DecodeHousehold(const Stmt& h) {
  Household out;
  out.household_no = h.Text(1);
  std::optional<RegionCode> village = RegionCode::FromValue(static_cast<uint64_t>(h.Int(2)));
  if (!village) return DataLossError(fmt::format("invalid village code {} in the database", h.Int(2)));
  out.village = *village;
  out.natural_village = h.Text(3);
  ASSIGN_OR_RETURN(out.type, ReadCode<HouseholdType>(h, 4));
  ASSIGN_OR_RETURN(out.attribute, ReadOptionalCode<HouseholdAttribute>(h, 5));
  ASSIGN_OR_RETURN(out.main_cause, ReadOptionalCode<PovertyCause>(h, 6));
  ASSIGN_OR_RETURN(out.other_causes, SplitCauses(h.Text(7)));
  ASSIGN_OR_RETURN(out.monitoring_type, ReadOptionalCode<MonitoringType>(h, 8));
  out.phone = h.Text(9);
  ASSIGN_OR_RETURN(out.first_identified, ReadOptionalDate(h, 10));
  out.cadre_name = h.Text(11);
  if (!h.IsNull(12)) out.declared_size = static_cast<int>(h.Int(12));
  ASSIGN_OR_RETURN(out.risk_identified, ReadOptionalDate(h, 13));
  ASSIGN_OR_RETURN(out.risk_eliminated, ReadOptionalDate(h, 14));
  return out;
}

StatusOr<Person> DecodePerson(const Stmt& p) {
  Person person;
  person.person_no = p.Text(1);
  std::optional<IdNumber> id_number = IdNumber::Unpack(static_cast<uint64_t>(p.Int(2)));
  if (!id_number) return DataLossError("invalid packed ID number in the database");
  person.id_number = *id_number;
  person.name = p.Text(3);
  ASSIGN_OR_RETURN(person.sex, ReadCode<Sex>(p, 4));
  ASSIGN_OR_RETURN(person.birth_date, ReadDate(p, 5));
  ASSIGN_OR_RETURN(person.relationship, ReadCode<Relationship>(p, 6));
  ASSIGN_OR_RETURN(person.ethnicity, ReadOptionalCode<Ethnicity>(p, 7));
  ASSIGN_OR_RETURN(person.education, ReadOptionalCode<Education>(p, 8));
  ASSIGN_OR_RETURN(person.school_status, ReadOptionalCode<SchoolStatus>(p, 9));
  ASSIGN_OR_RETURN(person.health, ReadOptionalCode<Health>(p, 10));
  ASSIGN_OR_RETURN(person.labour_skill, ReadOptionalCode<LabourSkill>(p, 11));
  ASSIGN_OR_RETURN(person.work_status, ReadOptionalCode<WorkStatus>(p, 12));
  if (!p.IsNull(13)) person.work_months = static_cast<int>(p.Int(13));
  person.medical_insured = ReadOptionalBool(p, 14);
  person.critical_illness_insured = ReadOptionalBool(p, 15);
  person.receives_dibao = ReadOptionalBool(p, 16);
  person.receives_tekun = ReadOptionalBool(p, 17);
  person.phone = p.Text(18);
  return person;
}

StatusOr<HouseholdYear> DecodeYear(const Stmt& y) {
  HouseholdYear year;
  year.data_year = static_cast<int>(y.Int(1));
  year.wage_income = Money::FromFen(y.Int(2));
  year.business_income = Money::FromFen(y.Int(3));
  year.property_income = Money::FromFen(y.Int(4));
  year.transfer_income = Money::FromFen(y.Int(5));
  year.business_expense = Money::FromFen(y.Int(6));
  year.food_secure = ReadOptionalBool(y, 7);
  year.clothing_secure = ReadOptionalBool(y, 8);
  year.compulsory_education_secured = ReadOptionalBool(y, 9);
  year.basic_medical_secured = ReadOptionalBool(y, 10);
  year.housing_secure = ReadOptionalBool(y, 11);
  year.safe_drinking_water = ReadOptionalBool(y, 12);
  ASSIGN_OR_RETURN(year.housing_grade, ReadOptionalCode<HousingGrade>(y, 13));
  if (!y.IsNull(14)) year.declared_net_income_per_capita = Money::FromFen(y.Int(14));
  year.income_components_known = y.Int(15) != 0;
  return year;
}

}  // namespace jz::sqlite_internal
