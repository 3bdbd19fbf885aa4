// The national code lists of the 建档立卡 registry and the 防返贫 monitoring system
// (DOMAIN.md §1.1-1.3, §3.2, §3.7, §3.8), as enumerations whose underlying value IS the
// national code, with zh-Hans / zh-Hant / English labels and a fast, forgiving parser.
//
// Every layer uses these types for coded fields; the English enum and list names here are
// the fixed English names used everywhere (STYLE.md "Names"). The importer calls Parse<E>()
// for tens of columns × millions of rows, so parsing is one hash lookup on the common path.
//
//   ASSIGN_OR_RETURN(Health health, Parse<Health>(cell));   // "长期慢性病", "2", "長期慢性病"
//   std::string_view shown = Label(health, Lang::kEn);      // "Long-term chronic illness"
//
// Labels: zh-Hans and English are written in code_list_tables.cc; zh-Hant labels are derived
// from zh-Hans with ToTraditional() once per list, on first use, and cached.
// Thread safety: every function here may be called from any thread.
#ifndef JZ_CORE_CODE_LISTS_H_
#define JZ_CORE_CODE_LISTS_H_

#include <array>
#include <concepts>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/i18n.h"
#include "core/status.h"

namespace jz {

// ---------------------------------------------------------------------------------------
// The lists. Order and codes follow the national system; "其他" is 99 where it exists.
// ---------------------------------------------------------------------------------------

// 贫困户属性 (aac006): (一般 | 低保 | 特困供养 | 低保+特困) × (贫困户 | 脱贫户). Written with two
// digits ("01") by the national system.
enum class HouseholdAttribute : uint8_t {
  kGeneralPoor = 1,     // 一般贫困户
  kDibaoExited = 2,     // 低保脱贫户
  kTekunExited = 3,     // 特困供养脱贫户
  kDibaoPoor = 4,       // 低保贫困户
  kGeneralExited = 5,   // 一般脱贫户
  kTekunPoor = 6,       // 特困供养贫困户
  kDibaoTekunPoor = 7,  // 低保特困供养贫困户
  kDibaoTekun = 8,      // 低保特困供养户
};

// Returns whether the household receives 低保 (minimum living allowance): 02, 04, 07, 08.
bool IsDibao(HouseholdAttribute attribute);
// Returns whether the household receives 特困供养 (extreme-poverty support): 03, 06, 07, 08.
bool IsTekun(HouseholdAttribute attribute);

// 脱贫状态 / 脱贫标志 (aar010). Code 2 is not used by the national system.
enum class PovertyStatus : uint8_t {
  kNotExited = 0,            // 未脱贫
  kExitedWithPolicy = 1,     // 已脱贫(享受政策)
  kReturned = 3,             // 返贫
  kExitedWithoutPolicy = 4,  // 已脱贫(不再享受政策)
};

// 户类型: the household's population, independent of MonitoringType (DOMAIN §9.1).
enum class HouseholdType : uint8_t {
  kPoor = 1,          // 贫困户
  kExited = 2,        // 脱贫户
  kMonitored = 3,     // 监测户
  kOrdinaryFarm = 4,  // 一般农户
};

// 致贫原因: used for 主要致贫原因 (one) and 其他致贫原因 (at most two). 12/13 were added in
// 2017+ versions of the national system.
enum class PovertyCause : uint8_t {
  kIllness = 1,         // 因病
  kDisability = 2,      // 因残
  kSchooling = 3,       // 因学
  kDisaster = 4,        // 因灾
  kLackOfLand = 5,      // 缺土地
  kLackOfWater = 6,     // 缺水
  kLackOfSkills = 7,    // 缺技术
  kLackOfLabour = 8,    // 缺劳力 (alias 缺劳动力)
  kLackOfFunds = 9,     // 缺资金
  kPoorTransport = 10,  // 交通条件落后
  kLackOfDrive = 11,    // 自身发展动力不足
  kMarriage = 12,       // 因婚
  kBereavement = 13,    // 因丧
  kOther = 99,          // 其他
};

// 性别 (GB/T 2261.1).
enum class Sex : uint8_t {
  kMale = 1,         // 男
  kFemale = 2,       // 女
  kUnspecified = 9,  // 未说明
};

// 与户主关系: the person's relationship to the head of household (户主).
enum class Relationship : uint8_t {
  kHead = 1,                  // 户主
  kSpouse = 2,                // 配偶
  kSon = 3,                   // 之子
  kDaughter = 4,              // 之女
  kDaughterInLaw = 5,         // 之儿媳
  kSonInLaw = 6,              // 之女婿
  kSonsSon = 7,               // 之孙子
  kSonsDaughter = 8,          // 之孙女
  kDaughtersSon = 9,          // 之外孙子
  kDaughtersDaughter = 10,    // 之外孙女
  kFather = 11,               // 之父
  kMother = 12,               // 之母
  kWifesFather = 13,          // 之岳父
  kWifesMother = 14,          // 之岳母
  kHusbandsFather = 15,       // 之公公
  kHusbandsMother = 16,       // 之婆婆
  kPaternalGrandfather = 17,  // 之祖父
  kPaternalGrandmother = 18,  // 之祖母
  kMaternalGrandfather = 19,  // 之外祖父
  kMaternalGrandmother = 20,  // 之外祖母
  kOther = 99,                // 其他
};

// Returns the sex the relationship implies (之子 → male, 之女 → female, 之岳母 → female …),
// or nullopt for 户主, 配偶 and 其他. Used by the 与户主关系-vs-性别 check (DOMAIN §1.4.10).
std::optional<Sex> ImpliedSex(Relationship relationship);

// Returns the person's generation relative to the head: 0 for 户主, 配偶 and 其他; -1 for
// children and children-in-law; -2 for grandchildren; +1 for parents and parents-in-law;
// +2 for grandparents. Negative = younger. Used for age plausibility checks.
int GenerationOffset(Relationship relationship);

// 民族 (GB 3304-1991): the 56 nationalities in standard order, 97 其他, 98 外国血统中国籍人士.
// Written with two digits ("01"). The poverty system writes 其他 as 99, accepted by Parse().
enum class Ethnicity : uint8_t {
  kHan = 1,
  kMongol,
  kHui,
  kTibetan,
  kUyghur,
  kMiao,
  kYi,
  kZhuang,
  kBouyei,
  kKorean,
  kManchu,
  kDong,
  kYao,
  kBai,
  kTujia,
  kHani,
  kKazakh,
  kDai,
  kLi,
  kLisu,
  kWa,
  kShe,
  kGaoshan,
  kLahu,
  kShui,
  kDongxiang,
  kNaxi,
  kJingpo,
  kKyrgyz,
  kTu,
  kDaur,
  kMulao,
  kQiang,
  kBlang,
  kSalar,
  kMaonan,
  kGelao,
  kXibe,
  kAchang,
  kPumi,
  kTajik,
  kNu,
  kUzbek,
  kRussian,
  kEvenki,
  kDeang,
  kBonan,
  kYugur,
  kGin,
  kTatar,
  kDerung,
  kOroqen,
  kHezhen,
  kMonba,
  kLhoba,
  kJino,                // kJino = 56
  kOther = 97,          // 其他 (alias code 99)
  kForeignOrigin = 98,  // 外国血统中国籍人士
};

// 文化程度 (recorded for non-students).
enum class Education : uint8_t {
  kIlliterate = 1,       // 文盲或半文盲
  kPrimary = 2,          // 小学
  kJuniorSecondary = 3,  // 初中
  kSeniorSecondary = 4,  // 高中
  kCollegeOrAbove = 5,   // 大专及以上
  kPreschoolChild = 6,   // 学龄前儿童
};

// 在校生状况.
enum class SchoolStatus : uint8_t {
  kNotInSchool = 1,             // 非在校生
  kPreschool = 2,               // 学前教育
  kPrimary = 3,                 // 小学
  kGrade7 = 4,                  // 七年级
  kGrade8 = 5,                  // 八年级
  kGrade9 = 6,                  // 九年级
  kSeniorYear1 = 7,             // 高中一年级
  kSeniorYear2 = 8,             // 高中二年级
  kSeniorYear3 = 9,             // 高中三年级
  kVocationalYear1 = 10,        // 中职一年级
  kVocationalYear2 = 11,        // 中职二年级
  kVocationalYear3 = 12,        // 中职三年级
  kHigherVocationalYear1 = 13,  // 高职一年级
  kHigherVocationalYear2 = 14,  // 高职二年级
  kHigherVocationalYear3 = 15,  // 高职三年级
  kCollegeOrAbove = 16,         // 大专及以上
};

// Returns whether the person is enrolled anywhere (anything but 非在校生).
bool IsStudent(SchoolStatus status);
// Returns whether the status is compulsory education (义务教育): 小学 … 九年级.
bool IsCompulsory(SchoolStatus status);
// Returns whether the status is senior secondary or above: 高中, 中职, 高职, 大专及以上.
bool IsSeniorOrAbove(SchoolStatus status);

// 健康状况.
enum class Health : uint8_t {
  kHealthy = 1,         // 健康
  kChronicIllness = 2,  // 长期慢性病
  kSeriousIllness = 3,  // 患有大病
  kDisabled = 4,        // 残疾
};

// 劳动技能. 无劳动力 = not of labour age (children, elderly); 丧失劳动力 = of labour age
// but unable to work.
enum class LabourSkill : uint8_t {
  kOrdinary = 1,        // 普通劳动力
  kSkilled = 2,         // 技能劳动力
  kWeakOrPartial = 3,   // 弱劳动力或半劳动力 (aliases 弱劳动力, 半劳动力)
  kLostCapacity = 4,    // 丧失劳动力
  kNotLabourForce = 5,  // 无劳动力
};

// Returns whether the person counts as labour: 普通, 技能, 弱或半 (codes 1-3).
bool CanWork(LabourSkill skill);

// 务工状况 (where the person works).
enum class WorkStatus : uint8_t {
  kWithinTownship = 1,               // 乡(镇)内务工
  kOutsideTownshipWithinCounty = 2,  // 乡(镇)外县内务工
  kOutsideCountyWithinProvince = 3,  // 县外省内务工
  kOutsideProvince = 4,              // 省外务工
  kOther = 99,                       // 其他
};

// 危房级别 (住建 appraisal grade); labels "A级".."D级", also accepted as "A".."D".
enum class HousingGrade : uint8_t { kA = 1, kB = 2, kC = 3, kD = 4 };

// Returns whether the grade makes the house a 危房 (unsafe house): C or D.
bool IsDangerous(HousingGrade grade);

// 监测对象类型 (DOMAIN §3.2).
enum class MonitoringType : uint8_t {
  kUnstableExited = 1,  // 脱贫不稳定户
  kMarginal = 2,        // 边缘易致贫户
  kSuddenHardship = 3,  // 突发严重困难户
};

// 风险类别: risk identified when a household enters monitoring (DOMAIN §3.7; the national
// codes are reconstructed, medium confidence).
enum class RiskCategory : uint8_t {
  kIllness = 1,               // 因病
  kDisability = 2,            // 因残
  kSchooling = 3,             // 因学
  kDisaster = 4,              // 因灾
  kAccident = 5,              // 因意外事故
  kIndustryFailure = 6,       // 因产业项目失败
  kUnstableEmployment = 7,    // 因务工就业不稳
  kLackOfLabour = 8,          // 缺劳动力 (alias 缺劳力)
  kHousingSafety = 9,         // 住房安全
  kDrinkingWaterSafety = 10,  // 饮水安全
  kOther = 99,                // 其他
};

// 风险消除方式 (DOMAIN §3.8).
enum class RiskEliminationMethod : uint8_t {
  kByAssistance = 1,  // 帮扶消除
  kNatural = 2,       // 自然消除
};

// 帮扶措施: the 14 assistance-measure categories of the monitoring system (DOMAIN §3.8).
enum class AssistanceKind : uint8_t {
  kIndustry = 1,               // 产业帮扶
  kEmployment = 2,             // 就业帮扶
  kPublicWelfareJob = 3,       // 公益性岗位帮扶 (alias 公益岗位)
  kHealth = 4,                 // 健康帮扶
  kEducation = 5,              // 教育帮扶
  kHousingSafety = 6,          // 住房安全保障
  kDrinkingWaterSafety = 7,    // 饮水安全保障
  kComprehensiveSecurity = 8,  // 综合保障 (低保/特困/临时救助)
  kRelocation = 9,             // 搬迁
  kLivingConditions = 10,      // 生产生活条件改善
  kInfrastructure = 11,        // 基础设施建设
  kFinancial = 12,             // 金融帮扶 (小额信贷)
  kSocial = 13,                // 社会帮扶
  kOther = 99,                 // 其他
};

// ---------------------------------------------------------------------------------------
// Yes/no fields (是否…).
// ---------------------------------------------------------------------------------------

// Parses a yes/no cell: 是/否, 有/无 (無), Y/N, yes/no, true/false, 1/0; ASCII
// case-insensitive, surrounding ASCII, full-width and no-break spaces ignored, full-width
// letters and digits read as ASCII. Returns InvalidArgument (bilingual, naming the value and
// the accepted spellings) otherwise, including for the empty string.
[[nodiscard]] StatusOr<bool> ParseYesNo(std::string_view text);

// Returns "是"/"否" (zh-Hans and zh-Hant) or "Yes"/"No" (en).
std::string_view YesNoLabel(bool value, Lang lang = Lang::kZhHans);

// ---------------------------------------------------------------------------------------
// Machinery shared by all lists. Use the generic functions further below, not this.
// ---------------------------------------------------------------------------------------
namespace internal {

// One value of a list as the tables spell it.
struct CodeRow {
  uint8_t code;
  std::string_view zh_hans;
  std::string_view en;
};

// A further accepted spelling of a value, never shown ("缺劳动力" for 缺劳力).
struct CodeAlias {
  std::string_view spelling;
  uint8_t code;
};

// A further accepted numeric code of a value ({99, 97}: 民族 其他 written as 99).
struct CodeNumberAlias {
  int number;
  uint8_t code;
};

// The static description of one list.
// Invariants (checked by code_lists_test.cc): codes unique, rows in ascending code order,
// zh-Hans labels unique, English labels unique ignoring ASCII case, no alias or alias code
// that names a different value than an existing spelling.
struct CodeListSpec {
  std::string_view name_zh_hans;
  std::string_view name_en;
  int code_digits;  // 2 when the national system zero-pads ("01").
  std::span<const CodeRow> rows;
  std::span<const CodeAlias> aliases;  // spellings; a zh alias's zh-Hant form is accepted too
  std::span<const CodeNumberAlias> alias_codes;
};

// One list at run time: labels by code, and the lookup from every accepted spelling.
// The zh-Hant labels and the spelling map are built on first use under std::call_once.
// Thread-safe. Instances live for the whole process (never destroyed).
class CodeList {
 public:
  explicit CodeList(const CodeListSpec& spec);
  CodeList(const CodeList&) = delete;
  CodeList& operator=(const CodeList&) = delete;
  ~CodeList();

  std::string_view Name(Lang lang) const;
  // The codes in table order.
  std::span<const uint8_t> Codes() const { return codes_; }
  bool Contains(int code) const;
  // Returns the label of `code`, or "" when `code` is not on the list.
  std::string_view Label(int code, Lang lang) const;
  // Returns `code` formatted as the national system writes it ("01" or "1").
  std::string CodeText(int code) const;
  // See Parse<E>() below.
  StatusOr<uint8_t> Parse(std::string_view text) const;

 private:
  struct Lookup;
  const Lookup& GetLookup() const;
  std::string AcceptedValues(Lang lang) const;
  Status ParseError(std::string_view text) const;

  const CodeListSpec spec_;
  std::vector<uint8_t> codes_;
  std::array<int16_t, 256> row_of_code_;  // index into spec_.rows, or -1
  mutable std::once_flag lookup_once_;
  mutable std::unique_ptr<const Lookup> lookup_;
};

}  // namespace internal

// ---------------------------------------------------------------------------------------
// Generic API over the lists.
// ---------------------------------------------------------------------------------------

// Specialised once per list (below); List() is defined in code_list_tables.cc.
template <class E>
struct CodeListTraits;

// An enumeration that is one of the national code lists.
template <class E>
concept CodeListEnum = std::is_enum_v<E> && requires {
  { CodeListTraits<E>::List() } -> std::same_as<const internal::CodeList&>;
};

template <>
struct CodeListTraits<HouseholdAttribute> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<PovertyStatus> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<HouseholdType> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<PovertyCause> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<Relationship> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<Sex> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<Ethnicity> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<Education> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<SchoolStatus> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<Health> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<LabourSkill> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<WorkStatus> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<HousingGrade> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<MonitoringType> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<RiskCategory> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<RiskEliminationMethod> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<AssistanceKind> {
  static const internal::CodeList& List();
};

// Returns the list's own name, e.g. 与户主关系 / 與戶主關係 / "Relationship to head".
template <CodeListEnum E>
std::string_view ListName(Lang lang = Lang::kZhHans) {
  return CodeListTraits<E>::List().Name(lang);
}

// Returns every value of the list in national order (ascending code).
template <CodeListEnum E>
std::span<const E> AllValues() {
  // Never destroyed (Google style); built once, thread-safe by C++11 static initialisation.
  static const std::vector<E>* const kValues = [] {
    auto* values = new std::vector<E>();
    for (uint8_t code : CodeListTraits<E>::List().Codes()) values->push_back(static_cast<E>(code));
    return values;
  }();
  return *kValues;
}

// Returns the national code of `value` (its underlying value).
template <CodeListEnum E>
int Code(E value) {
  return static_cast<int>(value);
}

// Returns `value`'s code as the national system writes it: "01" for lists written with two
// digits (HouseholdAttribute, Ethnicity), otherwise without padding ("2", "99").
template <CodeListEnum E>
std::string CodeText(E value) {
  return CodeListTraits<E>::List().CodeText(Code(value));
}

// Returns the value whose national code is `code`, or nullopt when the list has no such code.
// Alias codes (民族 99) are not accepted here; Parse() accepts them.
template <CodeListEnum E>
std::optional<E> FromCode(int code) {
  if (!CodeListTraits<E>::List().Contains(code)) return std::nullopt;
  return static_cast<E>(static_cast<std::underlying_type_t<E>>(code));
}

// Returns the label of `value` in `lang`. zh-Hant labels are ToTraditional() of the zh-Hans
// label (the zh-Hans label when OpenCC is unavailable). The view stays valid for the life of
// the process. Returns "" for a value that is not on the list (only reachable by casting).
template <CodeListEnum E>
std::string_view Label(E value, Lang lang = Lang::kZhHans) {
  return CodeListTraits<E>::List().Label(Code(value), lang);
}

// Parses one cell. Surrounding ASCII whitespace, full-width spaces (U+3000) and no-break
// spaces are ignored; full-width ASCII forms (（）, Ａ, ０１) read as ASCII. Accepts:
//   - the zh-Hans label, the zh-Hant label, the English label (ASCII case-insensitive);
//   - an alias (缺劳动力, "A" for A级, 汉 for 汉族 …, see code_list_tables.cc);
//   - the national code in decimal, with or without leading zeros ("01", "1", "001"), or an
//     alias code (民族 99 → 其他).
// Returns InvalidArgument otherwise (empty text, unknown label, code not on the list, "3.5"):
// a bilingual message naming the list and the value (cut to 40 characters) and listing the
// accepted values ("01 汉族, 02 蒙古族 …（共 58 项）" for long lists).
// Cost on the common path: one hash lookup, no allocation.
template <CodeListEnum E>
[[nodiscard]] StatusOr<E> Parse(std::string_view text) {
  StatusOr<uint8_t> code = CodeListTraits<E>::List().Parse(text);
  if (!code.ok()) return std::move(code).status();
  return static_cast<E>(*code);
}

}  // namespace jz

#endif  // JZ_CORE_CODE_LISTS_H_
