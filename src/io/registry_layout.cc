// The column table of the registry export layout.
#include "io/registry_layout.h"

#include <array>

namespace jz {
namespace {

using C = RegistryColumn;
constexpr RegistryColumnInfo kColumns[] = {
    {C::kCountyName, "县(市、区、旗)", "county_name"},
    {C::kTownshipName, "乡(镇)", "township_name"},
    {C::kVillageName, "行政村", "village_name"},
    {C::kNaturalVillage, "自然村", "natural_village"},
    {C::kRegionCode, "行政区划代码", "region_code"},
    {C::kHouseholdNo, "户编号", "household_no"},
    {C::kPersonNo, "人编号", "person_no"},
    {C::kName, "姓名", "name"},
    {C::kIdNumber, "证件号码", "id_number"},
    {C::kSex, "性别", "sex"},
    {C::kBirthDate, "出生日期", "birth_date"},
    {C::kHouseholdSize, "人数", "household_size"},
    {C::kRelationship, "与户主关系", "relationship"},
    {C::kEthnicity, "民族", "ethnicity"},
    {C::kEducation, "文化程度", "education"},
    {C::kSchoolStatus, "在校生状况", "school_status"},
    {C::kHealth, "健康状况", "health"},
    {C::kLabourSkill, "劳动技能", "labour_skill"},
    {C::kWorkStatus, "务工状况", "work_status"},
    {C::kWorkMonths, "务工时间(月)", "work_months"},
    {C::kMedicalInsured, "是否参加城乡居民基本医疗保险", "medical_insured"},
    {C::kCriticalIllnessInsured, "是否参加大病保险", "critical_illness_insured"},
    {C::kReceivesDibao, "是否享受低保", "receives_dibao"},
    {C::kReceivesTekun, "是否特困供养", "receives_tekun"},
    {C::kHouseholdType, "户类型", "household_type"},
    {C::kHouseholdAttribute, "贫困户属性", "household_attribute"},
    {C::kMainCause, "致贫原因", "main_poverty_cause"},
    {C::kOtherCauses, "其他致贫原因", "other_poverty_causes"},
    {C::kDangerousHouse, "危房户", "dangerous_house"},
    {C::kHousingGrade, "危房级别", "housing_grade"},
    {C::kSafeDrinkingWater, "是否解决安全饮用水", "safe_drinking_water"},
    {C::kWageIncome, "工资性收入", "wage_income"},
    {C::kBusinessIncome, "生产经营性收入", "business_income"},
    {C::kPropertyIncome, "财产性收入", "property_income"},
    {C::kTransferIncome, "转移性收入", "transfer_income"},
    {C::kBusinessExpense, "生产经营性支出", "business_expense"},
    {C::kNetIncomePerCapita, "人均纯收入", "net_income_per_capita"},
    {C::kHouseholdPhone, "户联系电话", "household_phone"},
    {C::kPersonPhone, "人联系电话", "person_phone"},
    {C::kFirstIdentified, "首次识别时间", "first_identified_date"},
    {C::kPersonIdentified, "人员识别时间", "person_identified_date"},
    {C::kMonitoringType, "易返贫致贫户(监测对象)类型", "monitoring_type"},
    {C::kRiskEliminated, "风险是否消除", "risk_eliminated"},
    {C::kRiskIdentified, "风险识别时间", "risk_identified_date"},
    {C::kRiskEliminatedDate, "风险消除时间", "risk_eliminated_date"},
    {C::kCadreName, "帮扶责任人", "cadre_name"},
};

constexpr bool ColumnsInEnumOrder() {
  for (size_t i = 0; i < std::size(kColumns); ++i) {
    if (static_cast<size_t>(kColumns[i].column) != i) return false;
  }
  return true;
}
static_assert(ColumnsInEnumOrder(), "kColumns must list RegistryColumn values in order");

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::span<const RegistryColumnInfo> RegistryColumns() { return kColumns; }

const RegistryColumnInfo& RegistryColumnInfoOf(RegistryColumn column) {
  return kColumns[static_cast<size_t>(column)];
}

std::optional<RegistryColumn> FindRegistryColumn(std::string_view header) {
  header = Trim(header);
  for (const RegistryColumnInfo& info : kColumns) {
    if (header == info.zh_header || header == info.en_name) return info.column;
  }
  return std::nullopt;
}

}  // namespace jz
