// Feed rates, per person per year unless noted. They are of the order the brief of the
// screening engine gives (not measured): about three medical claims per person, deaths
// about 0.7% (more among the old), new severe disability about 0.3%, disaster losses about
// 2% of households, vehicles about 3%, companies about 1%, payroll about 0.5%, commercial
// housing about 1%, and one school-roll row per enrolled child (1% of compulsory-age
// children missing from the roll).
#include "synth/feed_synthesizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/code_lists.h"
#include "core/id_number.h"
#include "core/money.h"

namespace jz::gen {
namespace {

struct Facts {
  int64_t amount_fen = 0;
  bool flag = false;
};

FeedKind KindOf(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, FeedKind>, 9> kNames = {
      {{"medical", FeedKind::kMedical},
       {"disability", FeedKind::kDisability},
       {"school_roll", FeedKind::kSchoolRoll},
       {"disaster", FeedKind::kDisaster},
       {"death", FeedKind::kDeath},
       {"payroll", FeedKind::kPayroll},
       {"vehicle", FeedKind::kVehicle},
       {"company", FeedKind::kCompany},
       {"property", FeedKind::kProperty}}};
  for (const auto& [n, kind] : kNames) {
    if (n == name) return kind;
  }
  return FeedKind::kOther;
}

int64_t Yuan(Rng& rng, int64_t lo, int64_t hi) { return rng.Between(lo * 100, hi * 100); }

// The amount and flag of one row of `kind`; `ill`: the person has a long-term or serious
// illness (more and larger claims).
Facts DrawFacts(Rng& rng, FeedKind kind, bool ill) {
  switch (kind) {
    case FeedKind::kMedical: {
      // Most claims are small after 基本医保, 大病保险 and 医疗救助; a few leave a large
      // out-of-pocket amount (an inpatient stay).
      if (rng.PerMille(ill ? 40 : 6)) return {Yuan(rng, 3'000, rng.Between(6'000, 60'000)), true};
      return {rng.Between(500, rng.Between(2'000, 120'000)), rng.PerMille(30)};
    }
    case FeedKind::kDisability:
      return {0, rng.PerMille(400)};
    case FeedKind::kSchoolRoll:
      return {0, true};
    case FeedKind::kDisaster:
      return {Yuan(rng, 500, rng.Between(2'000, 40'000)), true};
    case FeedKind::kDeath:
      return {0, true};
    case FeedKind::kPayroll:
      return {Yuan(rng, 2'500, 9'000), true};
    case FeedKind::kVehicle:
      return {Yuan(rng, 3'000, rng.Between(10'000, 200'000)), rng.PerMille(400)};
    case FeedKind::kCompany:
      return {Yuan(rng, 10'000, 1'000'000), rng.PerMille(700)};
    case FeedKind::kProperty:
      return {Yuan(rng, 150'000, 900'000), rng.PerMille(800)};
    case FeedKind::kOther:
      return {Yuan(rng, 100, 10'000), rng.PerMille(500)};
  }
  return {};
}

// Death per mille per year by age: rural Jilin is old, and the overall rate is about 7.
uint32_t DeathPerMille(int age) {
  if (age >= 85) return 80;
  if (age >= 75) return 30;
  if (age >= 65) return 12;
  if (age >= 50) return 4;
  return 1;
}

// Address codes of counties outside Jilin (Beijing, Tianjin, Hebei, Liaoning,
// Heilongjiang, Shandong, Inner Mongolia), for people who are not in a Jilin registry.
constexpr std::array<uint32_t, 10> kOutsideCounties = {110101, 110105, 120101, 130102, 210102,
                                                       210203, 230102, 230103, 370102, 150102};

}  // namespace

StatusOr<FeedSynthesizer> FeedSynthesizer::Create(const std::vector<FeedSchema>& feeds, Date as_of) {
  for (const FeedSchema& feed : feeds) {
    for (const auto& [column, type] : feed.columns) {
      if (type.kind != ValueKind::kBool && type.kind != ValueKind::kMoney && type.kind != ValueKind::kInt) {
        return InvalidArgumentError(Bilingual(
            fmt::format("数据源 {} 的列 {} 类型为 {}，生成器只能生成 bool、money、int 列", feed.name, column,
                        TypeName(type)),
            fmt::format("feed {} column {} has type {}; the generator fills only bool, money and int columns",
                        feed.name, column, TypeName(type))));
      }
    }
  }
  return FeedSynthesizer(feeds, as_of);
}

FeedSynthesizer::FeedSynthesizer(const std::vector<FeedSchema>& feeds, Date as_of)
    : feeds_(&feeds), as_of_(as_of) {
  for (const FeedSchema& feed : feeds) kinds_.push_back(KindOf(feed.name));
}

Date FeedSynthesizer::DrawDate(Rng& rng, Date last) const {
  const Date first = window_start();
  if (last < first) return first;
  return first.AddDays(static_cast<int32_t>(rng.Between(0, last.days() - first.days())));
}

FeedRow FeedSynthesizer::MakeRow(size_t feed, size_t member, Date date, int64_t amount_fen, bool flag) const {
  FeedRow row{member, date, {}};
  for (const auto& [column, type] : (*feeds_)[feed].columns) {
    if (type.kind == ValueKind::kMoney) {
      row.values.push_back(Value::OfMoney(Money::FromFen(amount_fen)));
    } else if (type.kind == ValueKind::kInt) {
      row.values.push_back(Value::Int(1));
    } else {
      row.values.push_back(Value::Bool(flag));
    }
  }
  return row;
}

void FeedSynthesizer::Add(FeedView& view, FeedKind kind, size_t member, Date date, int64_t amount_fen,
                          bool flag) const {
  for (size_t i = 0; i < kinds_.size(); ++i) {
    if (kinds_[i] == kind) view.rows[i].push_back(MakeRow(i, member, date, amount_fen, flag));
  }
}

void FeedSynthesizer::Draw(Rng& rng, const SyntheticHousehold& h, FeedView& view) const {
  view.rows.clear();
  const std::vector<Person>& members = h.household.members;
  for (size_t m = 0; m < members.size(); ++m) {
    if (static_cast<int>(m) == h.overrides.person_index) continue;
    DrawPerson(rng, h, m, view);
  }
  if (!members.empty() && h.overrides.person_index != 0 && rng.PerMille(20)) {
    const int rows = rng.PerMille(200) ? 2 : 1;
    for (int i = 0; i < rows; ++i) {
      const Facts facts = DrawFacts(rng, FeedKind::kDisaster, false);
      Add(view, FeedKind::kDisaster, 0, DrawDate(rng, as_of_), facts.amount_fen, facts.flag);
    }
  }
}

void FeedSynthesizer::DrawPerson(Rng& rng, const SyntheticHousehold& h, size_t member, FeedView& view) const {
  const Person& p = h.household.members[member];
  const int age = p.birth_date.AgeOn(as_of_);
  const bool disabled = p.health == Health::kDisabled;
  const bool ill = p.health == Health::kChronicIllness || p.health == Health::kSeriousIllness;
  auto add = [&](FeedKind kind, Date last) {
    const Facts facts = DrawFacts(rng, kind, ill);
    Add(view, kind, member, DrawDate(rng, last), facts.amount_fen, facts.flag);
  };
  Date last = as_of_;  // events of a person who died are dated no later than the death
  if (rng.PerMille(DeathPerMille(age))) {
    last = DrawDate(rng, as_of_);
    Add(view, FeedKind::kDeath, member, last, 0, true);
  }
  static constexpr std::array<uint32_t, 9> kClaimsPerYear = {14, 20, 18, 15, 11, 8, 6, 4, 4};
  int claims =
      static_cast<int>(rng.Weighted(kClaimsPerYear)) + (ill ? static_cast<int>(rng.Between(0, 3)) : 0);
  for (int i = 0; i < claims; ++i) add(FeedKind::kMedical, last);
  if (disabled ? rng.PerMille(50) : rng.PerMille(5)) {
    // New certificates: about 3 in 5 for a person not yet registered as disabled are
    // severe (一二级), about 0.3% of persons.
    const bool severe = disabled ? rng.PerMille(400) : rng.PerMille(600);
    Add(view, FeedKind::kDisability, member, DrawDate(rng, last), 0, severe);
  }
  if (p.school_status && IsStudent(*p.school_status) && age >= 6 && age <= 18 &&
      !(age <= 15 && rng.PerMille(10))) {
    // The roll of the school year starting in September; compulsory education up to 15.
    const Date enrolled = Date::FromYmd(as_of_.year(), 9, 1).value_or(as_of_);
    Add(view, FeedKind::kSchoolRoll, member, std::min(enrolled, last), 0, age <= 15);
  }
  if (age >= 18 && age <= 70 && rng.PerMille(45)) add(FeedKind::kVehicle, last);
  if (age >= 20 && age <= 65 && rng.PerMille(15)) add(FeedKind::kCompany, last);
  if (age >= 20 && age <= 59 && rng.PerMille(10)) add(FeedKind::kPayroll, last);
  if (age >= 25 && age <= 70 && rng.PerMille(15)) add(FeedKind::kProperty, last);
  if (rng.PerMille(10)) add(FeedKind::kOther, last);
}

OutsideRow FeedSynthesizer::DrawOutside(Rng& rng, size_t feed) const {
  const FeedKind kind = kinds_[feed];
  const int min_age = kind == FeedKind::kSchoolRoll ? 6 : 18;
  const int max_age = kind == FeedKind::kSchoolRoll ? 15 : 85;
  const Date birth = as_of_.AddDays(-static_cast<int32_t>(rng.Between(min_age * 365 + 1, max_age * 365)));
  const std::string ymd = birth.ToString();
  std::string first17 =
      fmt::format("{}{}{}{}{:03d}", kOutsideCounties[rng.Below(kOutsideCounties.size())], ymd.substr(0, 4),
                  ymd.substr(5, 2), ymd.substr(8, 2), rng.Between(1, 999));
  const Facts facts = DrawFacts(rng, kind, false);
  OutsideRow out;
  out.id_text = first17 + IdNumber::CheckCharacter(first17);
  out.row = MakeRow(feed, 0, DrawDate(rng, as_of_), facts.amount_fen, facts.flag);
  return out;
}

std::string WithBadCheckCharacter(Rng& rng, std::string id_text) {
  static constexpr std::string_view kChecks = "0123456789X";
  const char good = id_text.back();
  char bad = good;
  while (bad == good) bad = kChecks[rng.Below(kChecks.size())];
  id_text.back() = bad;
  return id_text;
}

}  // namespace jz::gen
