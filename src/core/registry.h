// The registry's records as plain values: regions, households with their members and
// per-data-year facts, status events, assistance measures and responsible cadres.
// These are what the importer produces, the store persists and the engine snapshots.
// They hold validated types only (IdNumber, RegionCode, Date, Money, code-list enums);
// checks that span several fields (a household without a head, income arithmetic) are the
// validator's business, not the constructor's.
#ifndef JZ_CORE_REGISTRY_H_
#define JZ_CORE_REGISTRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/money.h"
#include "core/region_code.h"

namespace jz {

// One statistical division of a given NBS edition (统计用区划代码).
struct Region {
  RegionCode code;
  std::string name;
  int edition_year = 0;           // NBS edition, e.g. 2023
  uint16_t urban_rural_code = 0;  // 城乡分类代码 (111..220); 0 when the edition has none

  friend bool operator==(const Region&, const Region&) = default;
};

// A household member (家庭成员). Optional fields are optional in the national export and
// mandatory only for some age bands, which the validator checks. The four flags and the work
// months are nullopt when the source does not say (a county's person-detail export has no
// such columns): unknown is never stored as "no", so rules and checks can leave it alone.
struct Person {
  std::string person_no;  // 人编号
  std::string name;
  IdNumber id_number;
  Sex sex = Sex::kMale;
  Date birth_date;
  Relationship relationship = Relationship::kHead;
  std::optional<Ethnicity> ethnicity;
  std::optional<Education> education;
  std::optional<SchoolStatus> school_status;
  std::optional<Health> health;
  std::optional<LabourSkill> labour_skill;
  std::optional<WorkStatus> work_status;
  std::optional<int> work_months;                // 务工时间(月), 0..12
  std::optional<bool> medical_insured;           // 城乡居民基本医疗保险
  std::optional<bool> critical_illness_insured;  // 大病保险
  std::optional<bool> receives_dibao;            // 享受低保
  std::optional<bool> receives_tekun;            // 特困供养
  std::string phone;

  friend bool operator==(const Person&, const Person&) = default;
};

// A household's facts for one data year (数据年度): last year's income components and the
// 两不愁三保障 + drinking-water indicators.
//
// Income is known in one of two ways. With `income_components_known` (the generator's layout,
// every import with a component column; one it lacks is 0) the five components are the household's
// and 人均纯收入 is computed from them. Without it (a person-detail export carries only
// 人均纯收入) the components are unknown, held as zero, and 人均纯收入 is the declared figure,
// or unknown when that is missing too. One flag rather than five optional amounts: the five
// come and go together (a layout lists income by component or not at all), and the hot paths (screening, the
// validator) then branch once per household instead of once per amount.
// Invariant: !income_components_known implies every component is zero.
//
// The 两不愁三保障 indicators are assessments no export column carries (only 饮水安全 has one):
// nullopt until something states them, never an invented "secured".
struct HouseholdYear {
  int data_year = 0;
  bool income_components_known = true;
  Money wage_income;                                 // 工资性收入
  Money business_income;                             // 生产经营性收入
  Money property_income;                             // 财产性收入
  Money transfer_income;                             // 转移性收入
  Money business_expense;                            // 生产经营性支出
  std::optional<bool> food_secure;                   // 不愁吃
  std::optional<bool> clothing_secure;               // 不愁穿
  std::optional<bool> compulsory_education_secured;  // 义务教育有保障
  std::optional<bool> basic_medical_secured;         // 基本医疗有保障
  std::optional<bool> housing_secure;                // 住房安全有保障
  std::optional<bool> safe_drinking_water;           // 饮水安全
  std::optional<HousingGrade> housing_grade;
  // 人均纯收入 as the source declared it (kept so the validator can check the arithmetic).
  std::optional<Money> declared_net_income_per_capita;

  // 家庭纯收入 = wages + business + property + transfers - business expenses (DOMAIN §2.2),
  // or nullopt when the components are unknown.
  std::optional<Money> NetIncome() const {
    if (!income_components_known) return std::nullopt;
    return wage_income + business_income + property_income + transfer_income - business_expense;
  }
  // 人均纯收入: from the components, rounded half away from zero to the fen, when they are
  // known; else the declared figure; nullopt when neither is known. REQUIRES: members > 0.
  std::optional<Money> NetIncomePerCapita(int members) const {
    if (!income_components_known) return declared_net_income_per_capita;
    return NetIncome()->DivideRounded(members);
  }

  friend bool operator==(const HouseholdYear&, const HouseholdYear&) = default;
};

// A registered household (户), keyed by its 户编号, placed in a village.
struct Household {
  std::string household_no;  // 户编号
  RegionCode village;
  std::string natural_village;  // 自然村 / 村民小组 (free text)
  HouseholdType type = HouseholdType::kExited;
  std::optional<HouseholdAttribute> attribute;
  std::optional<PovertyCause> main_cause;
  std::vector<PovertyCause> other_causes;  // at most 2, none equal to main_cause
  std::optional<MonitoringType> monitoring_type;
  std::string phone;
  std::optional<Date> first_identified;  // 首次识别时间
  std::string cadre_name;                // 帮扶责任人 (name as exported)
  std::optional<int> declared_size;      // 人数 as the source declared it
  std::optional<Date> risk_identified;   // 风险识别时间 (monitored households)
  std::optional<Date> risk_eliminated;   // 风险消除时间
  std::vector<Person> members;
  std::vector<HouseholdYear> years;

  uint32_t County6() const { return village.County6(); }
  friend bool operator==(const Household&, const Household&) = default;
};

// What happened to a household, with its date: the status history.
enum class StatusEventKind : uint8_t {
  kIdentified = 1,      // 识别为贫困户
  kExited = 2,          // 标注脱贫
  kReturned = 3,        // 返贫
  kMonitored = 4,       // 纳入监测 (with a monitoring type)
  kRiskEliminated = 5,  // 风险消除 (with a method)
};

struct StatusEvent {
  std::string household_no;
  StatusEventKind kind = StatusEventKind::kIdentified;
  Date date;
  std::optional<MonitoringType> monitoring_type;
  std::optional<RiskEliminationMethod> elimination_method;
  std::string note;

  friend bool operator==(const StatusEvent&, const StatusEvent&) = default;
};

// An assistance measure (帮扶措施) given to a household.
struct AssistanceMeasure {
  std::string household_no;
  AssistanceKind kind = AssistanceKind::kIndustry;
  Date start;
  std::optional<Date> end;
  std::string content;
  Money funds;

  friend bool operator==(const AssistanceMeasure&, const AssistanceMeasure&) = default;
};

// The cadre responsible for a household (帮扶责任人) over a period.
struct CadreAssignment {
  std::string household_no;
  std::string cadre_name;
  std::string unit;
  std::string position;
  std::string phone;
  Date start;
  std::optional<Date> end;

  friend bool operator==(const CadreAssignment&, const CadreAssignment&) = default;
};

// What the rule behind a warning is for, stored with the warning so that later steps (leads
// from warnings) need not read the policy file again: a 两不愁三保障 / water test, a
// departmental warning, or an item of the exclusion list (负面清单). kUnknown: stored before
// the kind was recorded (schema version 6); treated as a possible lead, as it was then.
// The numbers are stored: never reuse one.
enum class WarningKind : uint8_t { kUnknown = 0, kTest = 1, kWarning = 2, kExclusion = 3 };

// A screening warning: a policy rule that fired for a household (or one of its members) in
// a period. Unique per household, rule, period and person, so screening twice adds nothing.
struct Warning {
  std::string household_no;
  std::string rule_id;
  std::string period;     // the as-of month, "YYYY-MM"
  std::string person_no;  // for person-scope rules; empty otherwise
  std::string policy_version;
  Date as_of;
  std::string evidence;                      // the clauses that held and the values they compared
  WarningKind kind = WarningKind::kUnknown;  // the rule's kind when it was stored

  friend bool operator==(const Warning&, const Warning&) = default;
};

}  // namespace jz

#endif  // JZ_CORE_REGISTRY_H_
