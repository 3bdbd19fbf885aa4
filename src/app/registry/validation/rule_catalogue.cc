// The catalogue of data-quality rules (rule_catalogue.h): the single place a rule's id,
// severity, scope, column and wording are written.
#include "app/registry/validation/rule_catalogue.h"

#include <iterator>

namespace jz::validation {
namespace {

using C = RegistryColumn;
using R = Rule;
constexpr Severity kE = Severity::kError;
constexpr Severity kW = Severity::kWarning;
constexpr RuleScope kHh = RuleScope::kHousehold;
constexpr RuleScope kPe = RuleScope::kPerson;

// One rule per line: the validator's rules in Rule order, then the importer's.
// clang-format off
constexpr RuleSpec kRules[] = {
    {R::kIdBirthMismatch, "id.birth_mismatch", kE, kPe, C::kBirthDate, "出生日期与证件号码不符", "birth date differs from the ID number"},
    {R::kIdSexMismatch, "id.sex_mismatch", kE, kPe, C::kSex, "性别与证件号码不符", "sex differs from the ID number"},
    {R::kIdImplausibleBirth, "id.implausible_birth", kE, kPe, C::kIdNumber, "证件号码中的出生日期早于 1900 年", "the ID number gives a birth date before 1900"},
    {R::kNoMembers, "household.no_members", kE, kHh, C::kHouseholdSize, "户内无成员（空挂户）", "the household has no members"},
    {R::kNoHead, "household.no_head", kE, kHh, C::kRelationship, "户内无户主", "the household has no head"},
    {R::kTwoHeads, "household.two_heads", kE, kPe, C::kRelationship, "户内有两个户主", "the household has two heads"},
    {R::kSizeMismatch, "household.size_mismatch", kE, kHh, C::kHouseholdSize, "人数与成员行数不符", "household size differs from its member rows"},
    {R::kHeadTooYoung, "household.head_too_young", kW, kPe, C::kRelationship, "户主不满 16 岁", "the head of household is under 16"},
    {R::kMissingEthnicity, "mandatory.ethnicity", kE, kPe, C::kEthnicity, "民族为空", "ethnicity is empty"},
    {R::kMissingEducation, "mandatory.education", kE, kPe, C::kEducation, "非在校生文化程度为空", "education is empty for a non-student"},
    {R::kMissingSchoolStatus, "mandatory.school_status", kE, kPe, C::kSchoolStatus, "6-23 岁人员在校生状况为空", "school status is empty for a person aged 6-23"},
    {R::kMissingHealth, "mandatory.health", kE, kPe, C::kHealth, "健康状况为空", "health is empty"},
    {R::kMissingLabourSkill, "mandatory.labour_skill", kE, kPe, C::kLabourSkill, "16-65 岁人员劳动技能为空", "labour skill is empty for a person aged 16-65"},
    {R::kMissingMainCause, "mandatory.main_cause", kE, kHh, C::kMainCause, "主要致贫原因为空", "main poverty cause is empty"},
    {R::kIllnessAllHealthy, "cause.illness_all_healthy", kE, kHh, C::kMainCause, "主要致贫原因为因病，但成员均健康", "main cause is illness but every member is healthy"},
    {R::kDisabilityNoneDisabled, "cause.disability_none_disabled", kE, kHh, C::kMainCause, "主要致贫原因为因残，但无残疾成员", "main cause is disability but no member is disabled"},
    {R::kSchoolingNoStudent, "cause.schooling_no_student", kE, kHh, C::kMainCause, "主要致贫原因为因学，但无在校生", "main cause is schooling but no member is a student"},
    {R::kOtherDuplicatesMain, "cause.other_duplicates_main", kE, kHh, C::kOtherCauses, "其他致贫原因与主要致贫原因重复", "another cause repeats the main cause"},
    {R::kTooManyOtherCauses, "cause.other_too_many", kE, kHh, C::kOtherCauses, "其他致贫原因超过 2 项", "more than two other causes"},
    {R::kDibaoNoMember, "dibao.no_member", kE, kHh, C::kReceivesDibao, "低保户无享受低保的成员", "a dibao household has no member receiving dibao"},
    {R::kGeneralWithDibaoMember, "dibao.general_with_member", kE, kPe, C::kReceivesDibao, "一般户有享受低保的成员", "a general household has a member receiving dibao"},
    {R::kDibaoTekunSamePerson, "dibao.tekun_same_person", kE, kPe, C::kReceivesTekun, "同一人既享受低保又享受特困供养", "the same person receives both dibao and tekun support"},
    {R::kTekunWithLabourer, "tekun.has_labourer", kE, kHh, C::kHouseholdAttribute, "特困供养户有 16-65 岁有劳动能力成员", "a tekun household has a member aged 16-65 able to work"},
    {R::kHealthyLost, "labour.healthy_lost", kE, kPe, C::kLabourSkill, "劳动年龄健康人员标为丧失劳动力", "a healthy person of labour age is marked as having lost labour capacity"},
    {R::kHealthyNone, "labour.healthy_none", kE, kPe, C::kLabourSkill, "劳动年龄健康非在校生标为无劳动力", "a healthy non-student of labour age is marked as not in the labour force"},
    {R::kWorkMonthsRange, "work.months_range", kE, kPe, C::kWorkMonths, "务工时间超出 0-12 个月", "work months outside 0-12"},
    {R::kPlaceWithoutMonths, "work.place_without_months", kE, kPe, C::kWorkMonths, "有务工状况但务工时间为 0", "a work place but zero work months"},
    {R::kMonthsWithoutPlace, "work.months_without_place", kE, kPe, C::kWorkStatus, "有务工时间但无务工状况", "work months but no work place"},
    {R::kUnableWorker, "work.unable_worker", kE, kPe, C::kWorkStatus, "无劳动能力人员有务工", "a person without labour capacity is shown working"},
    {R::kWorkerUnder16, "work.under_16", kE, kPe, C::kWorkStatus, "不满 16 岁人员有务工", "a person under 16 is shown working"},
    {R::kWageWithoutWorker, "income.wage_without_worker", kE, kHh, C::kWageIncome, "有工资性收入但无务工人员", "wage income but no member working"},
    {R::kWorkerWithoutWage, "income.worker_without_wage", kE, kHh, C::kWageIncome, "有务工人员但无工资性收入", "a member working but no wage income"},
    {R::kIncomeArithmetic, "income.arithmetic", kE, kHh, C::kNetIncomePerCapita, "人均纯收入与收入构成不符", "net income per capita differs from its components"},
    {R::kIncomeRange, "income.range", kE, kHh, C::kNetIncomePerCapita, "人均纯收入不在 0-100000 元之间", "net income per capita outside 0-100,000 yuan"},
    {R::kBusinessWithoutExpense, "income.business_without_expense", kE, kHh, C::kBusinessExpense, "有生产经营性收入但无生产经营性支出", "business income without business expense"},
    {R::kRelationshipSex, "relationship.sex", kE, kPe, C::kRelationship, "与户主关系与性别不符", "relationship to head contradicts sex"},
    {R::kHeadSpouseSameSex, "relationship.head_spouse_same_sex", kE, kPe, C::kSex, "户主与配偶性别相同", "head and spouse have the same sex"},
    {R::kGradeAge, "school.grade_age", kE, kPe, C::kSchoolStatus, "在校生年级与年龄不符", "school grade does not fit the age"},
    {R::kPrimaryAge, "school.primary_age", kW, kPe, C::kSchoolStatus, "在校生状况为小学，但年龄小于 6 岁或大于 14 岁", "in primary school but younger than 6 or older than 14"},
    {R::kDropout, "school.dropout", kE, kPe, C::kSchoolStatus, "义务教育阶段适龄儿童未在校", "a child of compulsory-school age is not in school"},
    {R::kIllnessUninsured, "assurance.illness_uninsured", kW, kPe, C::kCriticalIllnessInsured, "因病户患病成员未参加大病保险", "an ill member of an illness-caused household has no critical-illness insurance"},
    {R::kExitedDangerousHouse, "assurance.exited_dangerous_house", kW, kHh, C::kHousingGrade, "脱贫户住房为危房（C/D 级）", "an exited household lives in an unsafe (grade C/D) house"},
    {R::kMissingCadre, "cadre.missing", kW, kHh, C::kCadreName, "无帮扶责任人", "no responsible cadre"},
    // Found by the importer (io/registry_reader.cc and registry_importer.cc): a record that
    // cannot even be stored. io cannot include app, so the reader spells its ids itself;
    // rule_catalogue_test checks that they are these.
    {R::kIdCheckCharacter, "id.check_character", kE, kPe, C::kIdNumber, "证件号码校验码错误", "ID number check character wrong"},
    {R::kIdLength, "id.length", kE, kPe, C::kIdNumber, "证件号码长度错误", "ID number has the wrong length"},
    {R::kDuplicatePerson, "person.duplicate", kE, kPe, C::kIdNumber, "同一人登记在两个户中", "the same person is in two households"},
    {R::kUnknownVillage, "region.unknown_village", kE, kHh, C::kRegionCode, "行政区划代码不在区划数据中", "region code is not in the region data"},
    {R::kNegativeIncome, "income.negative", kE, kHh, C::kWageIncome, "收入构成为负数（只有生产经营性收入可为亏损）", "an income component is negative (only business income may be a loss)"},
    {R::kIdDigitsLost, "id.digits_lost", kE, kPe, C::kIdNumber, "证件号码被 Excel 存为数字，只保留了 15 位有效数字", "the ID number was stored as a number by Excel, which kept only 15 digits"},
    {R::kQuoteSpan, "import.quote_span", kE, kPe, C::kName, "引号跨行：其间的行被并入一个单元格", "a quote spans lines: the rows between were swallowed into one cell"},
    {R::kPersonName, "person.name", kE, kPe, C::kName, "姓名不像人名（长度、控制字符或号码）", "the name is not a person's name (length, control characters or a number)"},
    {R::kRegionName, "import.region_name", kE, kHh, C::kVillageName, "县/乡/村名称无法对应到已加载的区划", "the county/township/village names match no loaded region, or several"},
    {R::kRegionMismatch, "import.region_mismatch", kE, kHh, C::kRegionCode, "行政区划代码与县/乡/村名称不符", "the region code and the county/township/village names disagree"},
};
// clang-format on
static_assert(std::size(kRules) == kCatalogueRuleCount, "kRules must list every Rule");

constexpr bool RulesInEnumOrder() {
  for (size_t i = 0; i < std::size(kRules); ++i) {
    if (static_cast<size_t>(kRules[i].rule) != i) return false;
  }
  return true;
}
static_assert(RulesInEnumOrder(), "kRules must list Rule values in order");

}  // namespace

const RuleSpec& SpecOf(Rule rule) { return kRules[static_cast<size_t>(rule)]; }

std::span<const RuleSpec> RuleCatalogue() { return kRules; }

}  // namespace jz::validation
