// Tests for the national code lists (code_lists.h): the table invariants and the parser are
// checked for every list by typed tests; the codes and labels the national system uses
// (DOMAIN.md §1.1-1.3, §3.2, §3.7, §3.8) and the helper predicates are checked per list.
#include "core/code_lists.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/case_codes.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::jz::testing::IsInvalidArgumentWith;

using ::testing::HasSubstr;
using ::testing::Not;

constexpr Lang kAllLangs[] = {Lang::kZhHans, Lang::kZhHant, Lang::kEn};

std::string LowerAscii(std::string_view s) {
  std::string lower(s);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::string UpperAscii(std::string_view s) {
  std::string upper(s);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// ---------------------------------------------------------------------------------------
// Invariants every list must satisfy.
// ---------------------------------------------------------------------------------------

template <class E>
class EveryCodeList : public ::testing::Test {};

using AllLists =
    ::testing::Types<HouseholdAttribute, PovertyStatus, HouseholdType, PovertyCause, Relationship, Sex,
                     Ethnicity, Education, SchoolStatus, Health, LabourSkill, WorkStatus, HousingGrade,
                     MonitoringType, RiskCategory, RiskEliminationMethod, AssistanceKind, CaseSource,
                     CaseState, CaseAction, VisitMode>;
TYPED_TEST_SUITE(EveryCodeList, AllLists);

TYPED_TEST(EveryCodeList, CodesAreUniqueAndAscending) {
  const auto values = AllValues<TypeParam>();
  ASSERT_FALSE(values.empty());
  for (size_t i = 1; i < values.size(); ++i) {
    EXPECT_LT(Code(values[i - 1]), Code(values[i])) << ListName<TypeParam>(Lang::kEn);
  }
}

TYPED_TEST(EveryCodeList, LabelsAreNonEmptyAndUniqueInEveryLanguage) {
  for (Lang lang : kAllLangs) {
    std::set<std::string> seen;
    for (TypeParam value : AllValues<TypeParam>()) {
      const std::string_view label = Label(value, lang);
      EXPECT_FALSE(label.empty()) << Code(value);
      // English is compared ignoring case because Parse() ignores it.
      EXPECT_TRUE(seen.insert(LowerAscii(label)).second)
          << ListName<TypeParam>(Lang::kEn) << ": duplicate label " << label;
    }
  }
}

TYPED_TEST(EveryCodeList, ZhHantIsDerivedFromZhHans) {
  EXPECT_EQ(ListName<TypeParam>(Lang::kZhHant), ToTraditional(ListName<TypeParam>()));
  for (TypeParam value : AllValues<TypeParam>()) {
    EXPECT_EQ(Label(value, Lang::kZhHant), ToTraditional(Label(value, Lang::kZhHans)));
  }
}

TYPED_TEST(EveryCodeList, ParseRoundTripsEveryLabelInEveryLanguage) {
  for (TypeParam value : AllValues<TypeParam>()) {
    for (Lang lang : kAllLangs) {
      ASSERT_OK_AND_ASSIGN(TypeParam parsed, Parse<TypeParam>(Label(value, lang)));
      EXPECT_EQ(parsed, value) << Label(value, lang);
    }
    const std::string_view en = Label(value, Lang::kEn);
    EXPECT_EQ(*Parse<TypeParam>(LowerAscii(en)), value) << en;
    EXPECT_EQ(*Parse<TypeParam>(UpperAscii(en)), value) << en;
  }
}

TYPED_TEST(EveryCodeList, ParsesNationalCodesWithOrWithoutLeadingZeros) {
  for (TypeParam value : AllValues<TypeParam>()) {
    const int code = Code(value);
    EXPECT_EQ(*Parse<TypeParam>(std::to_string(code)), value) << code;
    EXPECT_EQ(*Parse<TypeParam>("0" + std::to_string(code)), value) << code;
    EXPECT_EQ(*Parse<TypeParam>("00" + std::to_string(code)), value) << code;
    EXPECT_EQ(*Parse<TypeParam>(CodeText(value)), value) << code;
    EXPECT_EQ(FromCode<TypeParam>(code), value) << code;
  }
}

TYPED_TEST(EveryCodeList, IgnoresSurroundingAsciiAndFullWidthSpaces) {
  for (TypeParam value : AllValues<TypeParam>()) {
    const std::string label(Label(value));
    EXPECT_EQ(*Parse<TypeParam>("  " + label + "\t"), value);
    EXPECT_EQ(*Parse<TypeParam>("\u3000" + label + "\u3000\u3000"), value);
    EXPECT_EQ(*Parse<TypeParam>(" " + std::to_string(Code(value)) + "\u3000"), value);
  }
}

// The first code in 0..120 that the list neither has nor accepts as an alias.
template <class E>
int CodeNotOnList() {
  for (int code = 0; code <= 120; ++code) {
    if (!FromCode<E>(code) && !Parse<E>(std::to_string(code)).ok()) return code;
  }
  return -1;
}

TYPED_TEST(EveryCodeList, RejectsBadInputNamingTheListAndValue) {
  const std::string name_zh(ListName<TypeParam>(Lang::kZhHans));
  const std::string name_en(ListName<TypeParam>(Lang::kEn));
  const int missing = CodeNotOnList<TypeParam>();
  ASSERT_GE(missing, 0);
  for (const std::string& bad :
       {std::string(""), std::string("   "), std::string("\u3000"), std::string("不存在的值"),
        std::string("3.5"), std::string("-1"), std::string("1e1"), std::string("１.５"),
        std::to_string(missing), std::string("123456789012345678901234567890")}) {
    const StatusOr<TypeParam> parsed = Parse<TypeParam>(bad);
    ASSERT_FALSE(parsed.ok()) << name_en << " accepted \"" << bad << "\"";
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(MessageHalf(parsed.status().message(), false), HasSubstr(name_zh));
    EXPECT_THAT(MessageHalf(parsed.status().message(), true), HasSubstr(name_en));
  }
  EXPECT_TRUE(IsInvalidArgumentWith(Parse<TypeParam>("不存在的值").status(), "“不存在的值”"));
  EXPECT_TRUE(IsInvalidArgumentWith(Parse<TypeParam>("3.5").status(), "\"3.5\""));
  EXPECT_FALSE(FromCode<TypeParam>(missing).has_value());
  EXPECT_FALSE(FromCode<TypeParam>(-1).has_value());
  EXPECT_FALSE(FromCode<TypeParam>(256).has_value());
  EXPECT_FALSE(FromCode<TypeParam>(1000).has_value());
}

TYPED_TEST(EveryCodeList, ErrorListsTheAcceptedValues) {
  const TypeParam first = AllValues<TypeParam>().front();
  const std::string message = Parse<TypeParam>("不存在的值").status().message();
  EXPECT_THAT(MessageHalf(message, false), HasSubstr(CodeText(first) + " " + std::string(Label(first))));
  EXPECT_THAT(MessageHalf(message, true),
              HasSubstr(CodeText(first) + " " + std::string(Label(first, Lang::kEn))));
}

// ---------------------------------------------------------------------------------------
// The national codes and labels, list by list.
// ---------------------------------------------------------------------------------------

// Expects the list to hold exactly `expected` {code, zh-Hans label}, in this order.
template <class E>
void ExpectTable(const std::vector<std::pair<int, std::string_view>>& expected) {
  const auto values = AllValues<E>();
  ASSERT_EQ(values.size(), expected.size()) << ListName<E>(Lang::kEn);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(Code(values[i]), expected[i].first) << ListName<E>(Lang::kEn) << " row " << i;
    EXPECT_EQ(Label(values[i]), expected[i].second) << ListName<E>(Lang::kEn) << " row " << i;
  }
}

TEST(CodeLists, HouseholdAttributeMatchesTheNationalSystem) {
  ExpectTable<HouseholdAttribute>({{1, "一般贫困户"},
                                   {2, "低保脱贫户"},
                                   {3, "特困供养脱贫户"},
                                   {4, "低保贫困户"},
                                   {5, "一般脱贫户"},
                                   {6, "特困供养贫困户"},
                                   {7, "低保特困供养贫困户"},
                                   {8, "低保特困供养户"}});
  EXPECT_EQ(Code(HouseholdAttribute::kDibaoTekunPoor), 7);
  EXPECT_EQ(CodeText(HouseholdAttribute::kGeneralPoor), "01");
  EXPECT_EQ(ListName<HouseholdAttribute>(), "贫困户属性");
}

TEST(CodeLists, PovertyStatusMatchesAar010) {
  ExpectTable<PovertyStatus>(
      {{0, "未脱贫"}, {1, "已脱贫(享受政策)"}, {3, "返贫"}, {4, "已脱贫(不再享受政策)"}});
  EXPECT_EQ(*Parse<PovertyStatus>("0"), PovertyStatus::kNotExited);
  EXPECT_EQ(*Parse<PovertyStatus>("已脱贫（享受政策）"), PovertyStatus::kExitedWithPolicy);
  EXPECT_FALSE(FromCode<PovertyStatus>(2).has_value());
}

TEST(CodeLists, HouseholdTypeAndMonitoringLists) {
  ExpectTable<HouseholdType>({{1, "贫困户"}, {2, "脱贫户"}, {3, "监测户"}, {4, "一般农户"}});
  ExpectTable<MonitoringType>({{1, "脱贫不稳定户"}, {2, "边缘易致贫户"}, {3, "突发严重困难户"}});
  ExpectTable<RiskEliminationMethod>({{1, "帮扶消除"}, {2, "自然消除"}});
  ExpectTable<RiskCategory>({{1, "因病"},
                             {2, "因残"},
                             {3, "因学"},
                             {4, "因灾"},
                             {5, "因意外事故"},
                             {6, "因产业项目失败"},
                             {7, "因务工就业不稳"},
                             {8, "缺劳动力"},
                             {9, "住房安全"},
                             {10, "饮水安全"},
                             {99, "其他"}});
  EXPECT_EQ(*Parse<RiskCategory>("缺劳力"), RiskCategory::kLackOfLabour);
}

TEST(CodeLists, PovertyCauseIncludesMarriageAndBereavement) {
  ExpectTable<PovertyCause>({{1, "因病"},
                             {2, "因残"},
                             {3, "因学"},
                             {4, "因灾"},
                             {5, "缺土地"},
                             {6, "缺水"},
                             {7, "缺技术"},
                             {8, "缺劳力"},
                             {9, "缺资金"},
                             {10, "交通条件落后"},
                             {11, "自身发展动力不足"},
                             {12, "因婚"},
                             {13, "因丧"},
                             {99, "其他"}});
  EXPECT_EQ(*Parse<PovertyCause>("缺劳动力"), PovertyCause::kLackOfLabour);
  EXPECT_EQ(*Parse<PovertyCause>("缺勞動力"), PovertyCause::kLackOfLabour);  // zh-Hant alias
}

TEST(CodeLists, RelationshipHasTwentyOneValues) {
  ExpectTable<Relationship>(
      {{1, "户主"},      {2, "配偶"},      {3, "之子"},     {4, "之女"},      {5, "之儿媳"},  {6, "之女婿"},
       {7, "之孙子"},    {8, "之孙女"},    {9, "之外孙子"}, {10, "之外孙女"}, {11, "之父"},   {12, "之母"},
       {13, "之岳父"},   {14, "之岳母"},   {15, "之公公"},  {16, "之婆婆"},   {17, "之祖父"}, {18, "之祖母"},
       {19, "之外祖父"}, {20, "之外祖母"}, {99, "其他"}});
  EXPECT_EQ(ListName<Relationship>(Lang::kZhHans), "与户主关系");
  EXPECT_EQ(ListName<Relationship>(Lang::kZhHant), "與戶主關係");
  EXPECT_EQ(ListName<Relationship>(Lang::kEn), "Relationship to head");
}

TEST(CodeLists, SexFollowsGbT2261) {
  ExpectTable<Sex>({{1, "男"}, {2, "女"}, {9, "未说明"}});
  EXPECT_EQ(*Parse<Sex>("女性"), Sex::kFemale);
  EXPECT_EQ(*Parse<Sex>("male"), Sex::kMale);
}

TEST(CodeLists, EthnicityFollowsGb3304) {
  const std::vector<std::string_view> nationalities = {
      "汉族",     "蒙古族",   "回族",       "藏族",     "维吾尔族",   "苗族",   "彝族",     "壮族",
      "布依族",   "朝鲜族",   "满族",       "侗族",     "瑶族",       "白族",   "土家族",   "哈尼族",
      "哈萨克族", "傣族",     "黎族",       "傈僳族",   "佤族",       "畲族",   "高山族",   "拉祜族",
      "水族",     "东乡族",   "纳西族",     "景颇族",   "柯尔克孜族", "土族",   "达斡尔族", "仫佬族",
      "羌族",     "布朗族",   "撒拉族",     "毛南族",   "仡佬族",     "锡伯族", "阿昌族",   "普米族",
      "塔吉克族", "怒族",     "乌孜别克族", "俄罗斯族", "鄂温克族",   "德昂族", "保安族",   "裕固族",
      "京族",     "塔塔尔族", "独龙族",     "鄂伦春族", "赫哲族",     "门巴族", "珞巴族",   "基诺族"};
  std::vector<std::pair<int, std::string_view>> expected;
  for (size_t i = 0; i < nationalities.size(); ++i) {
    expected.emplace_back(static_cast<int>(i) + 1, nationalities[i]);
  }
  expected.emplace_back(97, "其他");
  expected.emplace_back(98, "外国血统中国籍人士");
  ExpectTable<Ethnicity>(expected);
  EXPECT_EQ(Code(Ethnicity::kJino), 56);
  EXPECT_EQ(Label(Ethnicity::kUyghur, Lang::kEn), "Uyghur");
  EXPECT_EQ(CodeText(Ethnicity::kHan), "01");
  EXPECT_EQ(CodeText(Ethnicity::kOther), "97");
}

TEST(CodeLists, EthnicityAcceptsAliasCodeAndIdCardSpellings) {
  EXPECT_EQ(*Parse<Ethnicity>("99"), Ethnicity::kOther);  // the poverty system's 其他
  EXPECT_EQ(*Parse<Ethnicity>("97"), Ethnicity::kOther);
  EXPECT_FALSE(FromCode<Ethnicity>(99).has_value());    // an alias, not a code
  EXPECT_EQ(*Parse<Ethnicity>("汉"), Ethnicity::kHan);  // ID cards omit 族
  EXPECT_EQ(*Parse<Ethnicity>("漢族"), Ethnicity::kHan);
  EXPECT_EQ(*Parse<Ethnicity>("土"), Ethnicity::kTu);
  EXPECT_EQ(*Parse<Ethnicity>("土家"), Ethnicity::kTujia);
  EXPECT_EQ(*Parse<Ethnicity>("Uygur"), Ethnicity::kUyghur);  // GB 3304 romanisation
  EXPECT_EQ(*Parse<Ethnicity>("ZANG"), Ethnicity::kTibetan);
  EXPECT_EQ(*Parse<Ethnicity>("０１"), Ethnicity::kHan);  // full-width digits
}

TEST(CodeLists, EthnicityErrorTruncatesTheAcceptedList) {
  const std::string message = Parse<Ethnicity>("火星族").status().message();
  EXPECT_THAT(MessageHalf(message, false), HasSubstr("01 汉族, 02 蒙古族 …（共 58 项）"));
  EXPECT_THAT(MessageHalf(message, true), HasSubstr("01 Han, 02 Mongol … (58 values)"));
  EXPECT_THAT(message, Not(HasSubstr("藏族")));
}

TEST(CodeLists, ShortListErrorListsEveryValue) {
  const Status status = Parse<Health>("良好").status();
  EXPECT_EQ(MessageHalf(status.message(), false),
            "健康状况：无法识别“良好”；可填写名称或代码：1 健康, 2 长期慢性病, 3 患有大病, 4 残疾");
  EXPECT_EQ(MessageHalf(status.message(), true),
            "Health status: unrecognised value \"良好\"; enter a label or code: 1 Healthy, "
            "2 Long-term chronic illness, 3 Serious illness, 4 Disabled");
  EXPECT_TRUE(IsInvalidArgumentWith(Parse<Health>("").status(), "健康状况：值为空"));
}

TEST(CodeLists, ErrorQuotesLongOrHostileValuesSafely) {
  const std::string long_value(500, 'x');
  const std::string message = Parse<Health>(long_value).status().message();
  EXPECT_THAT(message, HasSubstr(std::string(40, 'x') + "…"));
  EXPECT_THAT(message, Not(HasSubstr(std::string(41, 'x'))));
  // A '|' in the value must not move the zh-Hans / English split.
  const Status piped = Parse<Health>("a | b").status();
  EXPECT_THAT(MessageHalf(piped.message(), true), ::testing::StartsWith("Health status:"));
}

TEST(CodeLists, PersonListsMatchTheRegistrationForm) {
  ExpectTable<Education>(
      {{1, "文盲或半文盲"}, {2, "小学"}, {3, "初中"}, {4, "高中"}, {5, "大专及以上"}, {6, "学龄前儿童"}});
  ExpectTable<SchoolStatus>({{1, "非在校生"},
                             {2, "学前教育"},
                             {3, "小学"},
                             {4, "七年级"},
                             {5, "八年级"},
                             {6, "九年级"},
                             {7, "高中一年级"},
                             {8, "高中二年级"},
                             {9, "高中三年级"},
                             {10, "中职一年级"},
                             {11, "中职二年级"},
                             {12, "中职三年级"},
                             {13, "高职一年级"},
                             {14, "高职二年级"},
                             {15, "高职三年级"},
                             {16, "大专及以上"}});
  ExpectTable<Health>({{1, "健康"}, {2, "长期慢性病"}, {3, "患有大病"}, {4, "残疾"}});
  ExpectTable<LabourSkill>(
      {{1, "普通劳动力"}, {2, "技能劳动力"}, {3, "弱劳动力或半劳动力"}, {4, "丧失劳动力"}, {5, "无劳动力"}});
  ExpectTable<WorkStatus>(
      {{1, "乡(镇)内务工"}, {2, "乡(镇)外县内务工"}, {3, "县外省内务工"}, {4, "省外务工"}, {99, "其他"}});
  ExpectTable<HousingGrade>({{1, "A级"}, {2, "B级"}, {3, "C级"}, {4, "D级"}});
}

TEST(CodeLists, AssistanceKindHasFourteenCategories) {
  ExpectTable<AssistanceKind>({{1, "产业帮扶"},
                               {2, "就业帮扶"},
                               {3, "公益性岗位帮扶"},
                               {4, "健康帮扶"},
                               {5, "教育帮扶"},
                               {6, "住房安全保障"},
                               {7, "饮水安全保障"},
                               {8, "综合保障"},
                               {9, "搬迁"},
                               {10, "生产生活条件改善"},
                               {11, "基础设施建设"},
                               {12, "金融帮扶"},
                               {13, "社会帮扶"},
                               {99, "其他"}});
  EXPECT_EQ(*Parse<AssistanceKind>("公益岗位"), AssistanceKind::kPublicWelfareJob);
}

TEST(CodeLists, ZhHantLabelIsTheOpenCcForm) {
  ASSERT_TRUE(TraditionalAvailable());
  EXPECT_EQ(Label(Health::kChronicIllness, Lang::kZhHant), "長期慢性病");
  EXPECT_EQ(Label(WorkStatus::kWithinTownship, Lang::kZhHant), "鄉(鎮)內務工");
  EXPECT_EQ(*Parse<Health>("長期慢性病"), Health::kChronicIllness);
  EXPECT_EQ(*Parse<MonitoringType>("邊緣易致貧戶"), MonitoringType::kMarginal);
}

TEST(CodeLists, AcceptsAliasesAndFullWidthForms) {
  EXPECT_EQ(*Parse<HousingGrade>("A"), HousingGrade::kA);
  EXPECT_EQ(*Parse<HousingGrade>("d"), HousingGrade::kD);
  EXPECT_EQ(*Parse<HousingGrade>("Ｃ级"), HousingGrade::kC);
  EXPECT_EQ(*Parse<HousingGrade>("grade b"), HousingGrade::kB);
  EXPECT_EQ(*Parse<LabourSkill>("半劳动力"), LabourSkill::kWeakOrPartial);
  EXPECT_EQ(*Parse<LabourSkill>("弱劳动力"), LabourSkill::kWeakOrPartial);
  EXPECT_EQ(*Parse<WorkStatus>("乡（镇）外县内务工"), WorkStatus::kOutsideTownshipWithinCounty);
  EXPECT_EQ(*Parse<WorkStatus>("乡镇内务工"), WorkStatus::kWithinTownship);
  EXPECT_EQ(*Parse<Health>("２"), Health::kChronicIllness);
  EXPECT_EQ(*Parse<Health>("\u00a0健康\u00a0"), Health::kHealthy);  // no-break spaces
}

TEST(CodeLists, LabelOfAValueNotOnTheListIsEmpty) {
  EXPECT_EQ(Label(static_cast<Health>(77)), "");
  EXPECT_EQ(Label(static_cast<Health>(77), Lang::kZhHant), "");
}

// ---------------------------------------------------------------------------------------
// Helper predicates.
// ---------------------------------------------------------------------------------------

TEST(HouseholdAttribute, DibaoAndTekunVariants) {
  std::set<int> dibao;
  std::set<int> tekun;
  for (HouseholdAttribute a : AllValues<HouseholdAttribute>()) {
    if (IsDibao(a)) dibao.insert(Code(a));
    if (IsTekun(a)) tekun.insert(Code(a));
    // The predicates agree with the label: 低保 / 特困 appear in exactly those values.
    EXPECT_EQ(IsDibao(a), Label(a).find("低保") != std::string_view::npos) << Label(a);
    EXPECT_EQ(IsTekun(a), Label(a).find("特困") != std::string_view::npos) << Label(a);
  }
  EXPECT_EQ(dibao, (std::set<int>{2, 4, 7, 8}));
  EXPECT_EQ(tekun, (std::set<int>{3, 6, 7, 8}));
}

TEST(Relationship, ImpliedSexAgreesWithTheRelation) {
  using enum Relationship;
  EXPECT_EQ(ImpliedSex(kHead), std::nullopt);
  EXPECT_EQ(ImpliedSex(kSpouse), std::nullopt);
  EXPECT_EQ(ImpliedSex(kOther), std::nullopt);
  for (Relationship r : {kSon, kSonInLaw, kSonsSon, kDaughtersSon, kFather, kWifesFather, kHusbandsFather,
                         kPaternalGrandfather, kMaternalGrandfather}) {
    EXPECT_EQ(ImpliedSex(r), Sex::kMale) << Label(r);
  }
  for (Relationship r : {kDaughter, kDaughterInLaw, kSonsDaughter, kDaughtersDaughter, kMother, kWifesMother,
                         kHusbandsMother, kPaternalGrandmother, kMaternalGrandmother}) {
    EXPECT_EQ(ImpliedSex(r), Sex::kFemale) << Label(r);
  }
  // 18 of the 21 relationships imply a sex.
  int with_sex = 0;
  for (Relationship r : AllValues<Relationship>()) with_sex += ImpliedSex(r).has_value() ? 1 : 0;
  EXPECT_EQ(with_sex, 18);
}

TEST(Relationship, GenerationOffsets) {
  using enum Relationship;
  const std::vector<std::pair<Relationship, int>> expected = {{kHead, 0},
                                                              {kSpouse, 0},
                                                              {kSon, -1},
                                                              {kDaughter, -1},
                                                              {kDaughterInLaw, -1},
                                                              {kSonInLaw, -1},
                                                              {kSonsSon, -2},
                                                              {kSonsDaughter, -2},
                                                              {kDaughtersSon, -2},
                                                              {kDaughtersDaughter, -2},
                                                              {kFather, 1},
                                                              {kMother, 1},
                                                              {kWifesFather, 1},
                                                              {kWifesMother, 1},
                                                              {kHusbandsFather, 1},
                                                              {kHusbandsMother, 1},
                                                              {kPaternalGrandfather, 2},
                                                              {kPaternalGrandmother, 2},
                                                              {kMaternalGrandfather, 2},
                                                              {kMaternalGrandmother, 2},
                                                              {kOther, 0}};
  ASSERT_EQ(expected.size(), AllValues<Relationship>().size());
  for (const auto& [relationship, offset] : expected) {
    EXPECT_EQ(GenerationOffset(relationship), offset) << Label(relationship);
  }
}

TEST(SchoolStatus, StudentCompulsoryAndSeniorBands) {
  std::set<int> students;
  std::set<int> compulsory;
  std::set<int> senior;
  for (SchoolStatus s : AllValues<SchoolStatus>()) {
    if (IsStudent(s)) students.insert(Code(s));
    if (IsCompulsory(s)) compulsory.insert(Code(s));
    if (IsSeniorOrAbove(s)) senior.insert(Code(s));
  }
  EXPECT_EQ(students.size(), 15u);
  EXPECT_FALSE(students.contains(1));
  EXPECT_EQ(compulsory, (std::set<int>{3, 4, 5, 6}));
  EXPECT_EQ(senior, (std::set<int>{7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
  EXPECT_FALSE(IsCompulsory(SchoolStatus::kPreschool));
  EXPECT_FALSE(IsSeniorOrAbove(SchoolStatus::kPreschool));
}

TEST(LabourSkill, CanWorkOnlyForTheFirstThree) {
  EXPECT_TRUE(CanWork(LabourSkill::kOrdinary));
  EXPECT_TRUE(CanWork(LabourSkill::kSkilled));
  EXPECT_TRUE(CanWork(LabourSkill::kWeakOrPartial));
  EXPECT_FALSE(CanWork(LabourSkill::kLostCapacity));
  EXPECT_FALSE(CanWork(LabourSkill::kNotLabourForce));
}

TEST(HousingGrade, CAndDAreDangerous) {
  EXPECT_FALSE(IsDangerous(HousingGrade::kA));
  EXPECT_FALSE(IsDangerous(HousingGrade::kB));
  EXPECT_TRUE(IsDangerous(HousingGrade::kC));
  EXPECT_TRUE(IsDangerous(HousingGrade::kD));
}

// ---------------------------------------------------------------------------------------
// Yes/no cells.
// ---------------------------------------------------------------------------------------

TEST(ParseYesNo, AcceptsEverySpelling) {
  for (std::string_view yes :
       {"是", "有", "Y", "y", "yes", "YES", "Yes", "true", "TRUE", "1", " 是 ", "\u3000有", "Ｙ"}) {
    ASSERT_OK_AND_ASSIGN(bool value, ParseYesNo(yes));
    EXPECT_TRUE(value) << yes;
  }
  for (std::string_view no : {"否", "无", "無", "N", "n", "no", "No", "false", "False", "0", "０", " 否\t"}) {
    ASSERT_OK_AND_ASSIGN(bool value, ParseYesNo(no));
    EXPECT_FALSE(value) << no;
  }
}

TEST(ParseYesNo, RejectsAnythingElse) {
  for (std::string_view bad : {"", " ", "maybe", "2", "是的", "yes no", "01"}) {
    EXPECT_TRUE(IsInvalidArgumentWith(ParseYesNo(bad).status(), "是/否")) << bad;
  }
  EXPECT_TRUE(IsInvalidArgumentWith(ParseYesNo("maybe").status(), "\"maybe\""));
}

TEST(ParseYesNo, LabelsRoundTrip) {
  for (bool value : {true, false}) {
    for (Lang lang : kAllLangs) EXPECT_EQ(*ParseYesNo(YesNoLabel(value, lang)), value);
  }
  EXPECT_EQ(YesNoLabel(true), "是");
  EXPECT_EQ(YesNoLabel(false, Lang::kEn), "No");
}

// ---------------------------------------------------------------------------------------
// Concurrency: the zh-Hant labels and the spelling maps are built lazily, once.
// ---------------------------------------------------------------------------------------

TEST(CodeLists, ConcurrentParseAndLabelAgree) {
  constexpr int kThreads = 4;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      int& failed = failures[static_cast<size_t>(t)];
      for (int round = 0; round < 50; ++round) {
        for (RiskCategory r : AllValues<RiskCategory>()) {
          const StatusOr<RiskCategory> parsed = Parse<RiskCategory>(Label(r, Lang::kZhHant));
          if (!parsed.ok() || *parsed != r) ++failed;
        }
        if (Label(Health::kChronicIllness, Lang::kZhHant) != "長期慢性病") ++failed;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[static_cast<size_t>(t)], 0) << t;
}

}  // namespace
}  // namespace jz
