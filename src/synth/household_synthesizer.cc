// Household synthesis. The distributions are plausible for rural Jilin registered
// households (an ageing population, many one- and two-person households, illness the
// leading cause); they are modelling choices for realistic test data, not statistics.
#include "synth/household_synthesizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/domain_constants.h"

namespace jz::gen {
namespace {

// Name pools: every character is a 3-byte UTF-8 CJK character, picked by index.
constexpr std::string_view kHanSurnames =
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
    "薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹常武乔贺";
constexpr std::string_view kKoreanSurnames = "金李朴崔郑姜赵尹张林韩申吴徐权黄安宋洪全";
constexpr std::string_view kMaleGiven =
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬"
    "富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友"
    "裕河哲江超浩亮政谦奇鸣朋斌栋维启克伦翔旭鹏泽晨辰建家树德行泰盛雄钧冠腾";
constexpr std::string_view kFemaleGiven =
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱霞香月媛艳瑞佳嘉"
    "琼勤珍贞莉桂叶璐琦晶妍茜秋珊莎锦青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉君琴蕊薇菁梦岚馨韵园艺悦昭冰爽"
    "欣宁晓欢芸菲亚宜可舒丽阳妮宝";
constexpr std::string_view kGroups[] = {"一组", "二组", "三组", "四组", "五组", "六组", "七组",
                                        "八组", "东屯", "西屯", "南屯", "北屯", "前屯", "后屯"};
constexpr size_t kCharBytes = 3;

std::string_view PickChar(Rng& rng, std::string_view pool) {
  const size_t count = pool.size() / kCharBytes;
  return pool.substr(rng.Below(count) * kCharBytes, kCharBytes);
}

// Ethnicity mix per place (per mille, in the order Han, Korean, Manchu, Mongol, Hui),
// from the province's known pattern: Korean in Yanbian and Changbai, Manchu around Jilin
// city, Tonghua and Yitong, Mongol in Qian Gorlos.
std::array<uint32_t, 5> EthnicMix(uint32_t county6) {
  if (county6 / 100 == 2224) return {600, 350, 40, 5, 5};
  if (county6 == 220623) return {800, 170, 25, 0, 5};
  if (county6 == 220323) return {780, 5, 200, 5, 10};
  if (county6 == 220721) return {820, 5, 20, 150, 5};
  if (county6 / 100 == 2202 || county6 / 100 == 2205) return {900, 20, 70, 5, 5};
  return {965, 5, 20, 5, 5};
}
constexpr Ethnicity kMixOrder[] = {Ethnicity::kHan, Ethnicity::kKorean, Ethnicity::kManchu,
                                   Ethnicity::kMongol, Ethnicity::kHui};

Date RandomDayInYear(Rng& rng, int year) {
  const Date first = *Date::FromYmd(year, 1, 1);
  const int32_t days = IsLeapYear(year) ? 366 : 365;
  return first.AddDays(static_cast<int32_t>(rng.Below(static_cast<uint64_t>(days))));
}

Date RandomDateBetween(Rng& rng, Date from, Date to) {
  if (to <= from) return from;
  return from.AddDays(static_cast<int32_t>(rng.Below(static_cast<uint64_t>(to.days() - from.days() + 1))));
}

Health DrawHealth(Rng& rng, int age) {
  static constexpr uint32_t kChild[] = {960, 15, 5, 20};
  static constexpr uint32_t kAdult[] = {760, 130, 40, 70};
  static constexpr uint32_t kElder[] = {420, 380, 70, 130};
  const uint32_t* w = age < 16 ? kChild : age < 60 ? kAdult : kElder;
  const size_t index = rng.Weighted(std::span<const uint32_t>(w, 4));
  return static_cast<Health>(index + 1);
}

// School status for `age` on the reference date; compulsory ages (6-15) are always enrolled.
SchoolStatus DrawSchool(Rng& rng, int age) {
  using S = SchoolStatus;
  if (age <= 2) return S::kNotInSchool;
  if (age <= 5) return rng.PerMille(700) ? S::kPreschool : S::kNotInSchool;
  if (age == 6) return rng.PerMille(400) ? S::kPreschool : S::kPrimary;
  if (age <= 11) return S::kPrimary;
  if (age == 12) return rng.PerMille(500) ? S::kPrimary : S::kGrade7;
  if (age == 13) return rng.PerMille(500) ? S::kGrade7 : S::kGrade8;
  if (age == 14) return rng.PerMille(500) ? S::kGrade8 : S::kGrade9;
  if (age == 15) {
    if (rng.PerMille(600)) return S::kGrade9;
    return rng.PerMille(600) ? S::kSeniorYear1 : S::kVocationalYear1;
  }
  if (age <= 18) {
    if (!rng.PerMille(700)) return S::kNotInSchool;
    const int year = age - 16;  // 0..2
    const int base =
        rng.PerMille(600) ? static_cast<int>(S::kSeniorYear1) : static_cast<int>(S::kVocationalYear1);
    return static_cast<S>(base + year);
  }
  if (age <= 22 && rng.PerMille(300)) {
    return rng.PerMille(500)
               ? S::kCollegeOrAbove
               : static_cast<S>(static_cast<int>(S::kHigherVocationalYear1) + std::min(age - 19, 2));
  }
  return S::kNotInSchool;
}

Education DrawEducation(Rng& rng, int age) {
  using E = Education;
  if (age <= 5) return E::kPreschoolChild;
  if (age <= 22) return rng.PerMille(700) ? E::kJuniorSecondary : E::kSeniorSecondary;
  static constexpr uint32_t kYoung[] = {0, 100, 600, 200, 100};
  static constexpr uint32_t kMiddle[] = {80, 400, 450, 60, 10};
  static constexpr uint32_t kOld[] = {350, 450, 180, 20, 0};
  const uint32_t* w = age < 45 ? kYoung : age < 65 ? kMiddle : kOld;
  return static_cast<E>(rng.Weighted(std::span<const uint32_t>(w, 5)) + 1);
}

LabourSkill DrawSkill(Rng& rng, int age, Health health, bool student) {
  using L = LabourSkill;
  if (age < kWorkingAgeFrom || student) return L::kNotLabourForce;
  if (age > kWorkingAgeTo)
    return health == Health::kHealthy && rng.PerMille(350) ? L::kWeakOrPartial : L::kNotLabourForce;
  switch (health) {
    case Health::kHealthy: {
      static constexpr uint32_t kWeights[] = {750, 150, 100};
      return static_cast<L>(rng.Weighted(kWeights) + 1);
    }
    case Health::kChronicIllness:
      return rng.PerMille(500) ? L::kOrdinary : L::kWeakOrPartial;
    case Health::kSeriousIllness:
    case Health::kDisabled:
      return rng.PerMille(400) ? L::kWeakOrPartial : L::kLostCapacity;
  }
  return L::kNotLabourForce;
}

std::string DrawPhone(Rng& rng) {
  static constexpr char kSecond[] = {'3', '5', '8'};
  return fmt::format("1{}{:09d}", kSecond[rng.Below(3)], rng.Below(1'000'000'000));
}

int64_t YuanBetween(Rng& rng, int64_t lo, int64_t hi) { return rng.Between(lo, hi) * 100; }

// The share of 一般农户 whose per-capita income is below the monitoring line (per mille).
// Households under the line are normally identified and become 监测户 within weeks (§3.5),
// so those still recorded as 一般农户 are a small, recent minority.
constexpr uint32_t kOrdinaryFarmBelowLinePerMille = 20;

}  // namespace

std::string DrawName(Rng& rng, bool korean, bool male, std::string_view surname) {
  std::string name(surname.empty() ? PickChar(rng, korean ? kKoreanSurnames : kHanSurnames) : surname);
  const std::string_view pool = male ? kMaleGiven : kFemaleGiven;
  name += PickChar(rng, pool);
  if (rng.PerMille(750)) name += PickChar(rng, pool);
  return name;
}

struct HouseholdSynthesizer::Draft {
  SyntheticHousehold& out;
  uint32_t county6;
  Ethnicity ethnicity;
  std::string surname;
  std::vector<int> ages;
};

HouseholdSynthesizer::HouseholdSynthesizer(int data_year)
    : data_year_(data_year),
      reference_date_(*Date::FromYmd(data_year, 12, 31)),
      earliest_birth_(*Date::FromYmd(data_year - 100, 1, 1)) {}

int HouseholdSynthesizer::DrawSize(Rng& rng) {
  static constexpr uint32_t kSizes[] = {220, 330, 200, 140, 70, 30, 10};  // 1..7 persons
  return static_cast<int>(rng.Weighted(kSizes)) + 1;
}

IdNumber HouseholdSynthesizer::AllocateId(uint32_t county6, Date& birth, bool male) {
  auto [it, inserted] = county_index_.try_emplace(county6, static_cast<uint32_t>(county_index_.size()));
  const size_t days = static_cast<size_t>(reference_date_.days() - earliest_birth_.days() + 1);
  if (inserted) next_sequence_.resize(next_sequence_.size() + days * 2, 0);
  while (true) {
    const size_t day = static_cast<size_t>(birth.days() - earliest_birth_.days());
    uint16_t& next = next_sequence_[(it->second * days + day) * 2 + (male ? 0 : 1)];
    // Sequences start at a place-and-day dependent offset, as real ones do not start at 001.
    const uint32_t offset = static_cast<uint32_t>((county6 * 2654435761u + day * 40503u) >> 7) % 120;
    const uint32_t slot = offset + next;
    if (slot <= 498) {
      ++next;
      return *IdNumber::FromParts(county6, birth, male ? 2 * slot + 1 : 2 * slot + 2);
    }
    birth = birth.AddDays(birth < reference_date_ ? 1 : -1);  // this day is full: move a day
  }
}

void HouseholdSynthesizer::ReissueId(Person& person, uint32_t county6) {
  person.id_number = AllocateId(county6, person.birth_date, person.sex == Sex::kMale);
}

void HouseholdSynthesizer::FillPerson(Rng& rng, Person& p, int age, uint32_t county6) {
  p.health = DrawHealth(rng, age);
  p.school_status = DrawSchool(rng, age);
  const bool student = IsStudent(*p.school_status);
  if (!student) p.education = DrawEducation(rng, age);
  p.labour_skill = DrawSkill(rng, age, *p.health, student);
  const bool able = CanWork(*p.labour_skill) && age >= kWorkingAgeFrom && age <= kWorkingAgeTo && !student;
  const bool works = able && rng.PerMille(*p.labour_skill == LabourSkill::kWeakOrPartial ? 250 : 700);
  if (works) {
    static constexpr uint32_t kPlaces[] = {200, 300, 250, 250};
    p.work_status = static_cast<WorkStatus>(rng.Weighted(kPlaces) + 1);
    p.work_months = static_cast<int>(rng.Between(3, 12));
  }
  p.medical_insured = true;
  p.critical_illness_insured = true;
  if (age >= 16 && age <= 70 && rng.PerMille(600)) p.phone = DrawPhone(rng);
  Date birth = RandomDayInYear(rng, data_year_ - age);
  p.id_number = AllocateId(county6, birth, p.sex == Sex::kMale);
  p.birth_date = birth;
}

void HouseholdSynthesizer::AddMembers(Rng& rng, Draft& d, int size) {
  Household& h = d.out.household;
  auto add = [&](Relationship rel, bool male, int age, std::string_view surname) {
    Person p;
    // The synthetic registry states every field (the generator writes every column).
    p.work_months = 0;
    p.receives_dibao = false;
    p.receives_tekun = false;
    p.relationship = rel;
    p.sex = male ? Sex::kMale : Sex::kFemale;
    age = std::clamp(age, 0, 95);
    const bool korean = d.ethnicity == Ethnicity::kKorean;
    p.name = DrawName(rng, korean, male, surname);
    p.ethnicity = d.ethnicity;
    if (rel == Relationship::kSpouse || rel == Relationship::kDaughterInLaw) {
      if (!rng.PerMille(900)) p.ethnicity = Ethnicity::kHan;
    }
    p.person_no = fmt::format("{}{:02d}", h.household_no, h.members.size() + 1);
    FillPerson(rng, p, age, d.county6);
    d.ages.push_back(p.birth_date.AgeOn(reference_date_));
    h.members.push_back(std::move(p));
  };
  const bool head_male = rng.PerMille(size == 1 ? 550 : 850);
  int head_age = 0;
  if (size == 1) {
    head_age =
        rng.PerMille(750) ? static_cast<int>(rng.Between(60, 90)) : static_cast<int>(rng.Between(40, 59));
  } else if (size == 2) {
    head_age = static_cast<int>(rng.Between(45, 85));
  } else {
    head_age = static_cast<int>(rng.Between(28, 72));
  }
  add(Relationship::kHead, head_male, head_age, d.surname);
  int remaining = size - 1;
  const bool with_spouse = remaining > 0 && (size > 2 || rng.PerMille(700));
  if (with_spouse) {
    add(Relationship::kSpouse, !head_male, head_age + static_cast<int>(rng.Between(-5, 5)), {});
    --remaining;
  }
  const std::string child_surname = head_male ? d.surname : std::string();
  if (head_age >= 52 && remaining >= 2) {
    const int son_age = head_age - static_cast<int>(rng.Between(22, 30));
    add(Relationship::kSon, true, son_age, child_surname);
    add(Relationship::kDaughterInLaw, false, son_age + static_cast<int>(rng.Between(-3, 3)), {});
    remaining -= 2;
    int age = std::max(0, son_age - static_cast<int>(rng.Between(21, 28)));
    for (; remaining > 0; --remaining, age = std::max(0, age - static_cast<int>(rng.Between(1, 4)))) {
      const bool male = rng.PerMille(520);
      add(male ? Relationship::kSonsSon : Relationship::kSonsDaughter, male, age, child_surname);
    }
    return;
  }
  if (head_age <= 45 && remaining >= 2 && rng.PerMille(300)) {
    const bool father = rng.PerMille(400);
    add(father ? Relationship::kFather : Relationship::kMother, father,
        head_age + static_cast<int>(rng.Between(22, 32)), father ? std::string_view(child_surname) : "");
    --remaining;
  }
  int age = std::max(0, head_age - static_cast<int>(rng.Between(22, 32)));
  for (; remaining > 0; --remaining, age = std::max(0, age - static_cast<int>(rng.Between(1, 4)))) {
    const bool male = rng.PerMille(520);
    add(male ? Relationship::kSon : Relationship::kDaughter, male, age, child_surname);
  }
}

void HouseholdSynthesizer::AssignStatus(Rng& rng, SyntheticHousehold& out) {
  Household& h = out.household;
  const uint64_t r = rng.Below(1000);
  const Date monitoring_start = *Date::FromYmd(2021, 1, 1);
  h.type = HouseholdType::kExited;
  if (r >= 880 && r < 930) {
    // 一般农户 on record: ordinary farm households never registered as poor, kept in the
    // registry so that departmental screening can find 边缘易致贫户 among them (DOMAIN §3.2).
    h.type = HouseholdType::kOrdinaryFarm;
  } else if (r >= 930 && r < 955) {
    h.monitoring_type = MonitoringType::kUnstableExited;
  } else if (r >= 955 && r < 985) {
    h.type = HouseholdType::kMonitored;
    h.monitoring_type = MonitoringType::kMarginal;
  } else if (r >= 985) {
    h.type = rng.PerMille(500) ? HouseholdType::kExited : HouseholdType::kMonitored;
    h.monitoring_type = MonitoringType::kSuddenHardship;
  }
  if (h.type == HouseholdType::kExited) {
    static constexpr uint32_t kYears[] = {700, 120, 80, 50, 30, 20};  // 2014..2019
    const int year = 2014 + static_cast<int>(rng.Weighted(kYears));
    h.first_identified =
        *Date::FromYmd(year, static_cast<int>(rng.Between(8, 12)), static_cast<int>(rng.Between(1, 28)));
  }
  if (h.monitoring_type) {
    h.risk_identified = RandomDateBetween(rng, monitoring_start, reference_date_.AddDays(-30));
    const Date earliest_elimination = h.risk_identified->AddDays(183);
    if (earliest_elimination <= reference_date_ && rng.PerMille(400)) {
      h.risk_eliminated = RandomDateBetween(rng, earliest_elimination, reference_date_);
    }
  }
}

void HouseholdSynthesizer::AssignAttributeAndCauses(Rng& rng, SyntheticHousehold& out) {
  Household& h = out.household;
  bool ill = false, disabled = false, student = false, able_labourer = false;
  int workers = 0;
  for (const Person& p : h.members) {
    ill |= *p.health == Health::kChronicIllness || *p.health == Health::kSeriousIllness;
    disabled |= *p.health == Health::kDisabled;
    student |= IsStudent(*p.school_status) && *p.school_status != SchoolStatus::kPreschool;
    const int age = p.birth_date.AgeOn(reference_date_);
    able_labourer |= age >= kWorkingAgeFrom && age <= kWorkingAgeTo && CanWork(*p.labour_skill);
    workers += p.work_status.has_value();
  }
  const bool low_income =
      h.monitoring_type && !h.risk_eliminated && *h.monitoring_type != MonitoringType::kSuddenHardship;
  if (h.type == HouseholdType::kExited) {
    if (!able_labourer && h.members.size() <= 2 && !low_income && rng.PerMille(400)) {
      h.attribute = HouseholdAttribute::kTekunExited;
    } else if (!low_income && rng.PerMille(220)) {
      h.attribute = HouseholdAttribute::kDibaoExited;
    } else {
      h.attribute = HouseholdAttribute::kGeneralExited;
    }
    for (Person& p : h.members) {
      p.receives_dibao = *h.attribute == HouseholdAttribute::kDibaoExited;
      p.receives_tekun = *h.attribute == HouseholdAttribute::kTekunExited;
    }
  }
  using P = PovertyCause;
  std::vector<P> causes;
  std::vector<uint32_t> weights;
  auto consider = [&](P cause, uint32_t weight) {
    causes.push_back(cause);
    weights.push_back(weight);
  };
  if (ill) consider(P::kIllness, 400);
  if (disabled) consider(P::kDisability, 250);
  if (student) consider(P::kSchooling, 100);
  if (workers <= 1) consider(P::kLackOfLabour, 150);
  static constexpr P kGeneral[] = {P::kLackOfSkills, P::kLackOfFunds,   P::kDisaster,   P::kLackOfLand,
                                   P::kLackOfWater,  P::kPoorTransport, P::kLackOfDrive};
  static constexpr uint32_t kGeneralWeights[] = {150, 120, 40, 30, 10, 20, 30};
  for (size_t i = 0; i < std::size(kGeneral); ++i) consider(kGeneral[i], kGeneralWeights[i]);
  h.main_cause = causes[rng.Weighted(weights)];
  // Other causes come from the causes that need no member to justify them.
  const int others = static_cast<int>(rng.Weighted(std::array<uint32_t, 3>{500, 350, 150}));
  for (int i = 0; i < others; ++i) {
    const P cause = kGeneral[rng.Below(std::size(kGeneral))];
    if (cause != *h.main_cause &&
        std::find(h.other_causes.begin(), h.other_causes.end(), cause) == h.other_causes.end()) {
      h.other_causes.push_back(cause);
    }
  }
}

void HouseholdSynthesizer::AssignIncome(Rng& rng, SyntheticHousehold& out) {
  Household& h = out.household;
  const int64_t size = static_cast<int64_t>(h.members.size());
  int64_t transfer = 0, property = 0, workers = 0;
  for (size_t i = 0; i < h.members.size(); ++i) {
    const Person& p = h.members[i];
    const int age = p.birth_date.AgeOn(reference_date_);
    if (age >= 60) transfer += 12 * YuanBetween(rng, 110, 200);  // basic pension
    if (p.receives_dibao.value_or(false)) transfer += YuanBetween(rng, 4800, 6000);
    if (p.receives_tekun.value_or(false)) transfer += YuanBetween(rng, 9000, 11000);
    if (p.health == Health::kDisabled) transfer += YuanBetween(rng, 1080, 1800);
    workers += p.work_status.has_value();
  }
  if (rng.PerMille(500)) transfer += YuanBetween(rng, 100, 800);   // ecological compensation
  if (rng.PerMille(600)) property += YuanBetween(rng, 300, 1500);  // asset-income dividends
  if (rng.PerMille(200)) property += YuanBetween(rng, 500, 4000);  // land transfer rent

  const int64_t line = kGeneratorMonitoringLineYuan * 100;
  const bool monitored_low =
      h.monitoring_type && !h.risk_eliminated && *h.monitoring_type != MonitoringType::kSuddenHardship;
  // A few 一般农户 have fallen just below the line and are not yet monitored: the
  // 边缘易致贫户 candidates that JL-W-INCOME-FARM exists to find (DOMAIN §3.3).
  const bool farm_low =
      h.type == HouseholdType::kOrdinaryFarm && rng.PerMille(kOrdinaryFarmBelowLinePerMille);
  const bool low = monitored_low || farm_low;
  const int64_t target_pc = monitored_low ? YuanBetween(rng, 3500, kGeneratorMonitoringLineYuan - 300)
                            : farm_low    ? YuanBetween(rng, 5500, kGeneratorMonitoringLineYuan - 200)
                                          : line + YuanBetween(rng, 300, 12000);
  int64_t needed = target_pc * size - transfer - property;
  if (low && needed < workers * 150000) property = 0, needed = target_pc * size - transfer;
  needed = std::max(needed, workers * 150000);  // every worker earns something
  int64_t wage = workers > 0 ? needed * static_cast<int64_t>(rng.Between(45, 80)) / 100 : 0;
  int64_t business_net = std::max<int64_t>(needed - wage, 0);
  if (business_net > 0 && business_net < 10000) {  // too small to farm: fold into wages
    if (workers > 0) {
      wage += business_net, business_net = 0;
    } else {
      business_net = 10000;
    }
  }
  const int64_t expense_pct = rng.Between(25, 50);
  const int64_t business_income = business_net * 100 / (100 - expense_pct);
  HouseholdYear year;
  year.data_year = data_year_;
  // Every guarantee holds until the problem planter breaks one; stated, not unknown.
  year.food_secure = year.clothing_secure = year.compulsory_education_secured = true;
  year.basic_medical_secured = year.housing_secure = year.safe_drinking_water = true;
  year.wage_income = Money::FromFen(wage);
  year.business_income = Money::FromFen(business_income);
  year.business_expense = Money::FromFen(business_income - business_net);
  year.property_income = Money::FromFen(property);
  year.transfer_income = Money::FromFen(transfer);
  year.housing_grade = rng.PerMille(700) ? HousingGrade::kA : HousingGrade::kB;
  year.declared_net_income_per_capita = *year.NetIncomePerCapita(static_cast<int>(size));
  h.years.assign(1, year);
}

SyntheticHousehold HouseholdSynthesizer::Make(Rng& rng, const PlannedVillage& village,
                                              std::string household_no, int size) {
  SyntheticHousehold out;
  Household& h = out.household;
  h.household_no = std::move(household_no);
  h.village = village.code;
  h.natural_village = std::string(kGroups[rng.Below(std::size(kGroups))]);
  AssignStatus(rng, out);
  const uint32_t county6 = village.code.County6();
  const std::array<uint32_t, 5> mix = EthnicMix(county6);
  Draft draft{out, county6, kMixOrder[rng.Weighted(mix)], {}, {}};
  draft.surname =
      std::string(PickChar(rng, draft.ethnicity == Ethnicity::kKorean ? kKoreanSurnames : kHanSurnames));
  AddMembers(rng, draft, size);
  AssignAttributeAndCauses(rng, out);
  AssignIncome(rng, out);
  h.phone = DrawPhone(rng);
  h.cadre_name = DrawName(rng, false, rng.PerMille(600));
  const Date registered =
      h.first_identified ? *h.first_identified : h.risk_identified.value_or(reference_date_);
  h.declared_size = static_cast<int>(h.members.size());
  for (const Person& p : h.members) out.person_identified.push_back(std::max(registered, p.birth_date));
  return out;
}

}  // namespace jz::gen
