// The contents of the national code lists declared in code_lists.h: per list its name, its
// rows {enumerator, zh-Hans label, English label} in code order, and the further spellings
// Parse() accepts. zh-Hant is never written here; it is derived with OpenCC (i18n.h).
//
// Sources: DOMAIN.md §1.1 (贫困户属性, 脱贫状态), §1.2 (致贫原因), §1.3 (person lists), §3.2,
// §3.7 and §3.8 (monitoring lists), §9; 民族 from GB 3304-1991, 性别 from GB/T 2261.1.
// Aliases are spellings seen in county exports and on ID cards (民族 "汉" for 汉族), plus the
// GB 3304 romanisations of the nationalities where they differ from the English label.
#include <array>

#include "core/code_lists.h"
#include "core/internal/code_list_builders.h"

namespace jz {

using internal::Alias;
using internal::CodeAlias;
using internal::CodeList;
using internal::CodeNumberAlias;
using internal::CodeRow;
using internal::NewList;
using internal::Row;

const CodeList& CodeListTraits<HouseholdAttribute>::List() {
  using enum HouseholdAttribute;
  static constexpr CodeRow kRows[] = {
      Row(kGeneralPoor, "一般贫困户", "General poor household"),
      Row(kDibaoExited, "低保脱贫户", "Exited dibao household"),
      Row(kTekunExited, "特困供养脱贫户", "Exited extreme-poverty support household"),
      Row(kDibaoPoor, "低保贫困户", "Dibao poor household"),
      Row(kGeneralExited, "一般脱贫户", "Exited general household"),
      Row(kTekunPoor, "特困供养贫困户", "Extreme-poverty support poor household"),
      Row(kDibaoTekunPoor, "低保特困供养贫困户", "Dibao and extreme-poverty support poor household"),
      Row(kDibaoTekun, "低保特困供养户", "Dibao and extreme-poverty support household"),
  };
  static const CodeList& kList = NewList("贫困户属性", "Household attribute", kRows, {}, 2);
  return kList;
}

const CodeList& CodeListTraits<PovertyStatus>::List() {
  using enum PovertyStatus;
  static constexpr CodeRow kRows[] = {
      Row(kNotExited, "未脱贫", "Not exited"),
      Row(kExitedWithPolicy, "已脱贫(享受政策)", "Exited (still receiving policy support)"),
      Row(kReturned, "返贫", "Returned to poverty"),
      Row(kExitedWithoutPolicy, "已脱贫(不再享受政策)", "Exited (no longer receiving policy support)"),
  };
  static const CodeList& kList = NewList("脱贫状态", "Poverty exit status", kRows);
  return kList;
}

const CodeList& CodeListTraits<HouseholdType>::List() {
  using enum HouseholdType;
  static constexpr CodeRow kRows[] = {
      Row(kPoor, "贫困户", "Poor household"),
      Row(kExited, "脱贫户", "Exited household"),
      Row(kMonitored, "监测户", "Monitored household"),
      Row(kOrdinaryFarm, "一般农户", "Ordinary farm household"),
  };
  static const CodeList& kList = NewList("户类型", "Household type", kRows);
  return kList;
}

const CodeList& CodeListTraits<PovertyCause>::List() {
  using enum PovertyCause;
  static constexpr CodeRow kRows[] = {
      Row(kIllness, "因病", "Illness"),
      Row(kDisability, "因残", "Disability"),
      Row(kSchooling, "因学", "Schooling costs"),
      Row(kDisaster, "因灾", "Disaster"),
      Row(kLackOfLand, "缺土地", "Lack of land"),
      Row(kLackOfWater, "缺水", "Lack of water"),
      Row(kLackOfSkills, "缺技术", "Lack of skills"),
      Row(kLackOfLabour, "缺劳力", "Lack of labour"),
      Row(kLackOfFunds, "缺资金", "Lack of funds"),
      Row(kPoorTransport, "交通条件落后", "Poor transport"),
      Row(kLackOfDrive, "自身发展动力不足", "Lack of drive to develop"),
      Row(kMarriage, "因婚", "Marriage"),
      Row(kBereavement, "因丧", "Bereavement"),
      Row(kOther, "其他", "Other"),
  };
  static constexpr CodeAlias kAliases[] = {Alias("缺劳动力", kLackOfLabour)};
  static const CodeList& kList = NewList("致贫原因", "Cause of poverty", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<Relationship>::List() {
  using enum Relationship;
  static constexpr CodeRow kRows[] = {
      Row(kHead, "户主", "Head of household"),
      Row(kSpouse, "配偶", "Spouse"),
      Row(kSon, "之子", "Son"),
      Row(kDaughter, "之女", "Daughter"),
      Row(kDaughterInLaw, "之儿媳", "Daughter-in-law"),
      Row(kSonInLaw, "之女婿", "Son-in-law"),
      Row(kSonsSon, "之孙子", "Grandson (son's son)"),
      Row(kSonsDaughter, "之孙女", "Granddaughter (son's daughter)"),
      Row(kDaughtersSon, "之外孙子", "Grandson (daughter's son)"),
      Row(kDaughtersDaughter, "之外孙女", "Granddaughter (daughter's daughter)"),
      Row(kFather, "之父", "Father"),
      Row(kMother, "之母", "Mother"),
      Row(kWifesFather, "之岳父", "Father-in-law (wife's father)"),
      Row(kWifesMother, "之岳母", "Mother-in-law (wife's mother)"),
      Row(kHusbandsFather, "之公公", "Father-in-law (husband's father)"),
      Row(kHusbandsMother, "之婆婆", "Mother-in-law (husband's mother)"),
      Row(kPaternalGrandfather, "之祖父", "Paternal grandfather"),
      Row(kPaternalGrandmother, "之祖母", "Paternal grandmother"),
      Row(kMaternalGrandfather, "之外祖父", "Maternal grandfather"),
      Row(kMaternalGrandmother, "之外祖母", "Maternal grandmother"),
      Row(kOther, "其他", "Other"),
  };
  static const CodeList& kList = NewList("与户主关系", "Relationship to head", kRows);
  return kList;
}

const CodeList& CodeListTraits<Sex>::List() {
  using enum Sex;
  static constexpr CodeRow kRows[] = {
      Row(kMale, "男", "Male"),
      Row(kFemale, "女", "Female"),
      Row(kUnspecified, "未说明", "Unspecified"),
  };
  static constexpr CodeAlias kAliases[] = {Alias("男性", kMale), Alias("女性", kFemale)};
  static const CodeList& kList = NewList("性别", "Sex", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<Ethnicity>::List() {
  using enum Ethnicity;
  static constexpr CodeRow kRows[] = {
      Row(kHan, "汉族", "Han"),
      Row(kMongol, "蒙古族", "Mongol"),
      Row(kHui, "回族", "Hui"),
      Row(kTibetan, "藏族", "Tibetan"),
      Row(kUyghur, "维吾尔族", "Uyghur"),
      Row(kMiao, "苗族", "Miao"),
      Row(kYi, "彝族", "Yi"),
      Row(kZhuang, "壮族", "Zhuang"),
      Row(kBouyei, "布依族", "Bouyei"),
      Row(kKorean, "朝鲜族", "Korean"),
      Row(kManchu, "满族", "Manchu"),
      Row(kDong, "侗族", "Dong"),
      Row(kYao, "瑶族", "Yao"),
      Row(kBai, "白族", "Bai"),
      Row(kTujia, "土家族", "Tujia"),
      Row(kHani, "哈尼族", "Hani"),
      Row(kKazakh, "哈萨克族", "Kazakh"),
      Row(kDai, "傣族", "Dai"),
      Row(kLi, "黎族", "Li"),
      Row(kLisu, "傈僳族", "Lisu"),
      Row(kWa, "佤族", "Wa"),
      Row(kShe, "畲族", "She"),
      Row(kGaoshan, "高山族", "Gaoshan"),
      Row(kLahu, "拉祜族", "Lahu"),
      Row(kShui, "水族", "Shui"),
      Row(kDongxiang, "东乡族", "Dongxiang"),
      Row(kNaxi, "纳西族", "Naxi"),
      Row(kJingpo, "景颇族", "Jingpo"),
      Row(kKyrgyz, "柯尔克孜族", "Kyrgyz"),
      Row(kTu, "土族", "Tu"),
      Row(kDaur, "达斡尔族", "Daur"),
      Row(kMulao, "仫佬族", "Mulao"),
      Row(kQiang, "羌族", "Qiang"),
      Row(kBlang, "布朗族", "Blang"),
      Row(kSalar, "撒拉族", "Salar"),
      Row(kMaonan, "毛南族", "Maonan"),
      Row(kGelao, "仡佬族", "Gelao"),
      Row(kXibe, "锡伯族", "Xibe"),
      Row(kAchang, "阿昌族", "Achang"),
      Row(kPumi, "普米族", "Pumi"),
      Row(kTajik, "塔吉克族", "Tajik"),
      Row(kNu, "怒族", "Nu"),
      Row(kUzbek, "乌孜别克族", "Uzbek"),
      Row(kRussian, "俄罗斯族", "Russian"),
      Row(kEvenki, "鄂温克族", "Evenki"),
      Row(kDeang, "德昂族", "De'ang"),
      Row(kBonan, "保安族", "Bonan"),
      Row(kYugur, "裕固族", "Yugur"),
      Row(kGin, "京族", "Gin"),
      Row(kTatar, "塔塔尔族", "Tatar"),
      Row(kDerung, "独龙族", "Derung"),
      Row(kOroqen, "鄂伦春族", "Oroqen"),
      Row(kHezhen, "赫哲族", "Hezhen"),
      Row(kMonba, "门巴族", "Monba"),
      Row(kLhoba, "珞巴族", "Lhoba"),
      Row(kJino, "基诺族", "Jino"),
      Row(kOther, "其他", "Other"),
      Row(kForeignOrigin, "外国血统中国籍人士", "Chinese citizen of foreign origin"),
  };
  static constexpr size_t kNationalities = 56;
  // GB 3304 romanisations and common English variants that differ from the English label.
  static constexpr CodeAlias kEnglishAliases[] = {
      Alias("Mongolian", kMongol), Alias("Zang", kTibetan),  Alias("Uygur", kUyghur),
      Alias("Uighur", kUyghur),    Alias("Buyei", kBouyei),  Alias("Chosen", kKorean),
      Alias("Man", kManchu),       Alias("Kazak", kKazakh),  Alias("Va", kWa),
      Alias("Sui", kShui),         Alias("Kirgiz", kKyrgyz), Alias("Russ", kRussian),
      Alias("Ewenki", kEvenki),    Alias("Deang", kDeang),   Alias("Jing", kGin),
  };
  // Every nationality's label without the trailing 族 ("汉", "蒙古"), as ID cards write it,
  // followed by the English aliases.
  static constexpr auto kAliases = [] {
    constexpr std::string_view kZu = "族";
    constexpr size_t kEnglish = std::size(kEnglishAliases);
    std::array<CodeAlias, kNationalities + kEnglish> aliases{};
    for (size_t i = 0; i < kNationalities; ++i) {
      const std::string_view label = kRows[i].zh_hans;
      aliases[i] = {label.substr(0, label.size() - kZu.size()), kRows[i].code};
    }
    for (size_t i = 0; i < kEnglish; ++i) aliases[kNationalities + i] = kEnglishAliases[i];
    return aliases;
  }();
  // The poverty system writes 其他 as 99 (GB 3304 has 97).
  static constexpr CodeNumberAlias kAliasCodes[] = {{99, static_cast<uint8_t>(kOther)}};
  static const CodeList& kList = NewList("民族", "Ethnicity", kRows, kAliases, 2, kAliasCodes);
  return kList;
}

const CodeList& CodeListTraits<Education>::List() {
  using enum Education;
  static constexpr CodeRow kRows[] = {
      Row(kIlliterate, "文盲或半文盲", "Illiterate or semi-literate"),
      Row(kPrimary, "小学", "Primary school"),
      Row(kJuniorSecondary, "初中", "Junior secondary school"),
      Row(kSeniorSecondary, "高中", "Senior secondary school"),
      Row(kCollegeOrAbove, "大专及以上", "College or above"),
      Row(kPreschoolChild, "学龄前儿童", "Pre-school child"),
  };
  static const CodeList& kList = NewList("文化程度", "Education level", kRows);
  return kList;
}

const CodeList& CodeListTraits<SchoolStatus>::List() {
  using enum SchoolStatus;
  static constexpr CodeRow kRows[] = {
      Row(kNotInSchool, "非在校生", "Not in school"),
      Row(kPreschool, "学前教育", "Pre-school education"),
      Row(kPrimary, "小学", "Primary school"),
      Row(kGrade7, "七年级", "Grade 7"),
      Row(kGrade8, "八年级", "Grade 8"),
      Row(kGrade9, "九年级", "Grade 9"),
      Row(kSeniorYear1, "高中一年级", "Senior high school year 1"),
      Row(kSeniorYear2, "高中二年级", "Senior high school year 2"),
      Row(kSeniorYear3, "高中三年级", "Senior high school year 3"),
      Row(kVocationalYear1, "中职一年级", "Secondary vocational year 1"),
      Row(kVocationalYear2, "中职二年级", "Secondary vocational year 2"),
      Row(kVocationalYear3, "中职三年级", "Secondary vocational year 3"),
      Row(kHigherVocationalYear1, "高职一年级", "Higher vocational year 1"),
      Row(kHigherVocationalYear2, "高职二年级", "Higher vocational year 2"),
      Row(kHigherVocationalYear3, "高职三年级", "Higher vocational year 3"),
      Row(kCollegeOrAbove, "大专及以上", "College or above"),
  };
  static const CodeList& kList = NewList("在校生状况", "School enrolment", kRows);
  return kList;
}

const CodeList& CodeListTraits<Health>::List() {
  using enum Health;
  static constexpr CodeRow kRows[] = {
      Row(kHealthy, "健康", "Healthy"),
      Row(kChronicIllness, "长期慢性病", "Long-term chronic illness"),
      Row(kSeriousIllness, "患有大病", "Serious illness"),
      Row(kDisabled, "残疾", "Disabled"),
  };
  static const CodeList& kList = NewList("健康状况", "Health status", kRows);
  return kList;
}

const CodeList& CodeListTraits<LabourSkill>::List() {
  using enum LabourSkill;
  static constexpr CodeRow kRows[] = {
      Row(kOrdinary, "普通劳动力", "Ordinary labour"),
      Row(kSkilled, "技能劳动力", "Skilled labour"),
      Row(kWeakOrPartial, "弱劳动力或半劳动力", "Weak or partial labour"),
      Row(kLostCapacity, "丧失劳动力", "Lost labour capacity"),
      Row(kNotLabourForce, "无劳动力", "Not labour (outside working age)"),
  };
  static constexpr CodeAlias kAliases[] = {
      Alias("弱劳动力", kWeakOrPartial), Alias("半劳动力", kWeakOrPartial),
      Alias("无劳动能力", kNotLabourForce),  // spelling used in county rule 5_15_007
  };
  static const CodeList& kList = NewList("劳动技能", "Labour skill", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<WorkStatus>::List() {
  using enum WorkStatus;
  static constexpr CodeRow kRows[] = {
      Row(kWithinTownship, "乡(镇)内务工", "Working within the township"),
      Row(kOutsideTownshipWithinCounty, "乡(镇)外县内务工",
          "Working outside the township, within the county"),
      Row(kOutsideCountyWithinProvince, "县外省内务工", "Working outside the county, within the province"),
      Row(kOutsideProvince, "省外务工", "Working outside the province"),
      Row(kOther, "其他", "Other"),
  };
  // Exports also write the township without parentheses; full-width （镇） is folded anyway.
  static constexpr CodeAlias kAliases[] = {
      Alias("乡镇内务工", kWithinTownship),
      Alias("乡镇外县内务工", kOutsideTownshipWithinCounty),
  };
  static const CodeList& kList = NewList("务工状况", "Work location", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<HousingGrade>::List() {
  using enum HousingGrade;
  static constexpr CodeRow kRows[] = {
      Row(kA, "A级", "Grade A"),
      Row(kB, "B级", "Grade B"),
      Row(kC, "C级", "Grade C"),
      Row(kD, "D级", "Grade D"),
  };
  static constexpr CodeAlias kAliases[] = {
      Alias("A", kA),
      Alias("B", kB),
      Alias("C", kC),
      Alias("D", kD),
  };
  static const CodeList& kList = NewList("危房级别", "Housing safety grade", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<MonitoringType>::List() {
  using enum MonitoringType;
  static constexpr CodeRow kRows[] = {
      Row(kUnstableExited, "脱贫不稳定户", "Unstable exited household"),
      Row(kMarginal, "边缘易致贫户", "Marginal household at risk of poverty"),
      Row(kSuddenHardship, "突发严重困难户", "Household in sudden severe hardship"),
  };
  static const CodeList& kList = NewList("监测对象类型", "Monitoring type", kRows);
  return kList;
}

const CodeList& CodeListTraits<RiskCategory>::List() {
  using enum RiskCategory;
  static constexpr CodeRow kRows[] = {
      Row(kIllness, "因病", "Illness"),
      Row(kDisability, "因残", "Disability"),
      Row(kSchooling, "因学", "Schooling costs"),
      Row(kDisaster, "因灾", "Disaster"),
      Row(kAccident, "因意外事故", "Accident"),
      Row(kIndustryFailure, "因产业项目失败", "Failed industry project"),
      Row(kUnstableEmployment, "因务工就业不稳", "Unstable employment"),
      Row(kLackOfLabour, "缺劳动力", "Lack of labour"),
      Row(kHousingSafety, "住房安全", "Housing safety"),
      Row(kDrinkingWaterSafety, "饮水安全", "Drinking water safety"),
      Row(kOther, "其他", "Other"),
  };
  static constexpr CodeAlias kAliases[] = {Alias("缺劳力", kLackOfLabour)};
  static const CodeList& kList = NewList("风险类别", "Risk category", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<RiskEliminationMethod>::List() {
  using enum RiskEliminationMethod;
  static constexpr CodeRow kRows[] = {
      Row(kByAssistance, "帮扶消除", "Eliminated through assistance"),
      Row(kNatural, "自然消除", "Eliminated naturally"),
  };
  static const CodeList& kList = NewList("风险消除方式", "Risk elimination method", kRows);
  return kList;
}

const CodeList& CodeListTraits<AssistanceKind>::List() {
  using enum AssistanceKind;
  static constexpr CodeRow kRows[] = {
      Row(kIndustry, "产业帮扶", "Industry support"),
      Row(kEmployment, "就业帮扶", "Employment support"),
      Row(kPublicWelfareJob, "公益性岗位帮扶", "Public-welfare job"),
      Row(kHealth, "健康帮扶", "Health support"),
      Row(kEducation, "教育帮扶", "Education support"),
      Row(kHousingSafety, "住房安全保障", "Housing safety guarantee"),
      Row(kDrinkingWaterSafety, "饮水安全保障", "Drinking water safety guarantee"),
      Row(kComprehensiveSecurity, "综合保障", "Comprehensive social security"),
      Row(kRelocation, "搬迁", "Relocation"),
      Row(kLivingConditions, "生产生活条件改善", "Better production and living conditions"),
      Row(kInfrastructure, "基础设施建设", "Infrastructure"),
      Row(kFinancial, "金融帮扶", "Financial support"),
      Row(kSocial, "社会帮扶", "Social support"),
      Row(kOther, "其他", "Other"),
  };
  static constexpr CodeAlias kAliases[] = {Alias("公益岗位", kPublicWelfareJob)};
  static const CodeList& kList = NewList("帮扶措施", "Assistance measure", kRows, kAliases);
  return kList;
}

}  // namespace jz
