// Data builders for tests: a small real region tree (Wangqing county, Yanbian) and
// households with valid, distinct ID numbers.
#ifndef JZ_TESTS_TESTUTIL_REGISTRY_BUILDERS_H_
#define JZ_TESTS_TESTUTIL_REGISTRY_BUILDERS_H_

#include <string>
#include <vector>

#include "core/registry.h"
#include "store/store.h"

namespace jz::testing {

// Regions of the 2023 edition: 吉林省 / 延边州 / 汪清县 / 汪清镇 / two villages.
inline std::vector<Region> TestRegions() {
  auto r = [](const char* code, const char* name) { return Region{*RegionCode::Parse(code), name, 2023, 0}; };
  return {r("22", "吉林省"),        r("2224", "延边朝鲜族自治州"),     r("222424", "汪清县"),
          r("222424100", "汪清镇"), r("222424100205", "柳树河村委会"), r("222424100206", "新民村委会")};
}

inline Status LoadTestRegions(Store& store) {
  const std::vector<Region> regions = TestRegions();
  return store.UpsertRegions(regions);
}

// A household of `members` persons in 柳树河村; ID sequences start at `id_offset` so that
// different households get different ID numbers.
inline Household TestHousehold(const std::string& household_no, int members, int id_offset = 0) {
  Household h;
  h.household_no = household_no;
  h.village = *RegionCode::Parse("222424100205");
  h.natural_village = "三组";
  h.type = HouseholdType::kExited;
  h.attribute = HouseholdAttribute::kGeneralExited;
  h.main_cause = PovertyCause::kIllness;
  h.other_causes = {PovertyCause::kLackOfSkills};
  h.phone = "13912345678";
  h.first_identified = Date::FromYmd(2014, 10, 1);
  h.cadre_name = "王芳";
  h.declared_size = members;
  h.monitoring_type = MonitoringType::kUnstableExited;
  h.risk_identified = Date::FromYmd(2022, 5, 6);
  for (int i = 0; i < members; ++i) {
    Person p;
    p.person_no = household_no + std::to_string(i + 1);
    p.name = i == 0 ? "金成浩" : "金美玲";
    const bool male = i == 0;
    p.sex = male ? Sex::kMale : Sex::kFemale;
    p.birth_date = *Date::FromYmd(1960 + i * 25, 3, 1 + i);
    const uint32_t seq = static_cast<uint32_t>(2 * (id_offset + i) + (male ? 1 : 2));
    p.id_number = *IdNumber::FromParts(222424, p.birth_date, seq);
    p.relationship = i == 0 ? Relationship::kHead : Relationship::kDaughter;
    p.ethnicity = Ethnicity::kKorean;
    p.education = Education::kPrimary;
    p.school_status = SchoolStatus::kNotInSchool;
    p.health = i == 0 ? Health::kChronicIllness : Health::kHealthy;
    p.labour_skill = LabourSkill::kOrdinary;
    p.work_status = WorkStatus::kOutsideProvince;
    p.work_months = 8;
    p.medical_insured = true;
    p.critical_illness_insured = true;
    p.receives_dibao = false;
    p.receives_tekun = false;
    h.members.push_back(p);
  }
  HouseholdYear y;
  y.data_year = 2024;
  y.wage_income = Money::FromYuan(24000);
  y.business_income = Money::FromFen(800050);
  y.business_expense = Money::FromYuan(3000);
  y.property_income = Money::FromYuan(600);
  y.transfer_income = Money::FromYuan(2400);
  y.housing_grade = HousingGrade::kA;
  // Every field stated, as the generator's layout states it; tests of unknown fields reset one.
  y.food_secure = y.clothing_secure = y.compulsory_education_secured = true;
  y.basic_medical_secured = y.housing_secure = y.safe_drinking_water = true;
  y.declared_net_income_per_capita = y.NetIncomePerCapita(members);
  h.years.push_back(y);
  return h;
}

}  // namespace jz::testing

#endif  // JZ_TESTS_TESTUTIL_REGISTRY_BUILDERS_H_
