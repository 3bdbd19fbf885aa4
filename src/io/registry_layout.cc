// The column table of the registry export layout, and the aliases under which counties
// write its headers.
#include "io/registry_layout.h"

#include <array>
#include <string>

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

// clang-format off
constexpr RegistryHeaderAlias kAliases[] = {
    {C::kCountyName, "县(市、区)"}, {C::kCountyName, "县(区)"},
    {C::kCountyName, "县(市)"}, {C::kCountyName, "县"}, {C::kCountyName, "县区"}, {C::kCountyName, "区县"},
    {C::kCountyName, "县市区"}, {C::kCountyName, "县名称"},
    {C::kTownshipName, "乡镇"}, {C::kTownshipName, "乡(镇、街道)"}, {C::kTownshipName, "乡镇(街道)"},
    {C::kTownshipName, "乡"}, {C::kTownshipName, "乡镇名称"},
    {C::kVillageName, "村"}, {C::kVillageName, "村(社区)"}, {C::kVillageName, "行政村(社区)"},
    {C::kVillageName, "村名称"}, {C::kVillageName, "村委会"},
    {C::kNaturalVillage, "自然村(组)"}, {C::kNaturalVillage, "村民小组"}, {C::kNaturalVillage, "组"},
    {C::kRegionCode, "区划代码"}, {C::kRegionCode, "行政区划编码"}, {C::kRegionCode, "村代码"},
    {C::kHouseholdNo, "户编码"}, {C::kHouseholdNo, "户码"},
    {C::kPersonNo, "人员编号"}, {C::kPersonNo, "人编码"},
    {C::kName, "人员姓名"}, {C::kName, "成员姓名"},
    {C::kIdNumber, "身份证号"}, {C::kIdNumber, "身份证号码"}, {C::kIdNumber, "公民身份号码"},
    {C::kIdNumber, "身份证件号码"}, {C::kIdNumber, "证件号"},
    {C::kBirthDate, "出生年月"},
    {C::kHouseholdSize, "家庭人口数"}, {C::kHouseholdSize, "家庭人口"}, {C::kHouseholdSize, "户人数"},
    {C::kRelationship, "户主关系"}, {C::kRelationship, "与户主的关系"},
    {C::kSchoolStatus, "在校生情况"},
    {C::kWorkStatus, "务工情况"},
    {C::kWorkMonths, "务工时间"}, {C::kWorkMonths, "务工月数"},
    {C::kMedicalInsured, "是否参加基本医疗保险"}, {C::kMedicalInsured, "是否参加城乡居民医保"},
    {C::kReceivesDibao, "是否低保"}, {C::kReceivesTekun, "是否特困"},
    {C::kHouseholdAttribute, "户属性"},
    {C::kMainCause, "主要致贫原因"},
    {C::kDangerousHouse, "是否危房户"},
    {C::kSafeDrinkingWater, "是否安全饮水"},
    {C::kNetIncomePerCapita, "家庭人均纯收入"},
    {C::kHouseholdPhone, "联系电话"}, {C::kPersonPhone, "本人联系电话"},
    {C::kMonitoringType, "监测对象类型"}, {C::kMonitoringType, "监测对象类别"},
    {C::kRiskEliminated, "风险是否已消除"},
    {C::kRiskIdentified, "识别监测时间"},
    {C::kCadreName, "帮扶人"},
};
// clang-format on

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The UTF-8 forms NormalizeRegistryHeader removes or replaces.
constexpr std::string_view kFullWidthSpace = "\u3000";
constexpr std::string_view kFullWidthOpen = "\uFF08";
constexpr std::string_view kFullWidthClose = "\uFF09";
constexpr std::string_view kFullWidthStar = "\uFF0A";

}  // namespace

std::string NormalizeRegistryHeader(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  for (size_t i = 0; i < header.size();) {
    const std::string_view rest = header.substr(i);
    if (StartsWith(rest, kFullWidthSpace)) {
      i += kFullWidthSpace.size();
    } else if (StartsWith(rest, kFullWidthOpen) || StartsWith(rest, kFullWidthClose)) {
      out.push_back(StartsWith(rest, kFullWidthOpen) ? '(' : ')');
      i += kFullWidthOpen.size();
    } else if (StartsWith(rest, kFullWidthStar)) {
      out.push_back('*');
      i += kFullWidthStar.size();
    } else {
      const char c = header[i++];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  while (!out.empty() && out.front() == '*') out.erase(0, 1);
  constexpr std::string_view kYuan = "(元)";
  if (out.size() > kYuan.size() && std::string_view(out).ends_with(kYuan))
    out.resize(out.size() - kYuan.size());
  return out;
}

std::span<const RegistryColumnInfo> RegistryColumns() { return kColumns; }

const RegistryColumnInfo& RegistryColumnInfoOf(RegistryColumn column) {
  return kColumns[static_cast<size_t>(column)];
}

std::span<const RegistryHeaderAlias> RegistryHeaderAliases() { return kAliases; }

std::optional<RegistryColumn> FindRegistryColumn(std::string_view header) {
  // The exact forms first: the generator's files (and the fast path's header) match here
  // without the normalising copy.
  for (const RegistryColumnInfo& info : kColumns) {
    if (header == info.zh_header || header == info.en_name) return info.column;
  }
  const std::string normal = NormalizeRegistryHeader(header);
  for (const RegistryColumnInfo& info : kColumns) {
    if (normal == info.zh_header || normal == info.en_name) return info.column;
  }
  for (const RegistryHeaderAlias& alias : kAliases) {
    if (normal == alias.header) return alias.column;
  }
  return std::nullopt;
}

bool RegistryColumnMayHoldLineBreak(RegistryColumn column) { return column == C::kNaturalVillage; }

}  // namespace jz
