// Exact rational arithmetic and the naming of the language's types and code lists.
#include "rules/value.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace jz {
namespace {

using Wide = __int128;  // NOLINT(runtime/int): products of two int64 need 128 bits.

struct NamedList {
  ListId id;
  std::string_view name;
};

constexpr std::array<NamedList, 13> kListNames = {{
    {ListId::kSex, "Sex"},
    {ListId::kRelationship, "Relationship"},
    {ListId::kEducation, "Education"},
    {ListId::kSchoolStatus, "SchoolStatus"},
    {ListId::kHealth, "Health"},
    {ListId::kLabourSkill, "LabourSkill"},
    {ListId::kWorkStatus, "WorkStatus"},
    {ListId::kHouseholdType, "HouseholdType"},
    {ListId::kHouseholdAttribute, "HouseholdAttribute"},
    {ListId::kPovertyCause, "PovertyCause"},
    {ListId::kMonitoringType, "MonitoringType"},
    {ListId::kHousingGrade, "HousingGrade"},
    {ListId::kRiskCategory, "RiskCategory"},
}};

Wide Gcd(Wide a, Wide b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) a = std::exchange(b, a % b);
  return a;
}

// Reduces num/den and narrows it to int64; nullopt on den == 0 or overflow.
std::optional<Rational> Reduce(Wide num, Wide den) {
  if (den == 0) return std::nullopt;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const Wide g = Gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  constexpr Wide kMax = INT64_MAX;
  if (num > kMax || num < -kMax || den > kMax) return std::nullopt;
  return Rational{static_cast<int64_t>(num), static_cast<int64_t>(den)};
}

}  // namespace

const internal::CodeList& CodeListOf(ListId id) {
  switch (id) {
    case ListId::kSex:
      return CodeListTraits<Sex>::List();
    case ListId::kRelationship:
      return CodeListTraits<Relationship>::List();
    case ListId::kEducation:
      return CodeListTraits<Education>::List();
    case ListId::kSchoolStatus:
      return CodeListTraits<SchoolStatus>::List();
    case ListId::kHealth:
      return CodeListTraits<Health>::List();
    case ListId::kLabourSkill:
      return CodeListTraits<LabourSkill>::List();
    case ListId::kWorkStatus:
      return CodeListTraits<WorkStatus>::List();
    case ListId::kHouseholdType:
      return CodeListTraits<HouseholdType>::List();
    case ListId::kHouseholdAttribute:
      return CodeListTraits<HouseholdAttribute>::List();
    case ListId::kPovertyCause:
      return CodeListTraits<PovertyCause>::List();
    case ListId::kMonitoringType:
      return CodeListTraits<MonitoringType>::List();
    case ListId::kHousingGrade:
      return CodeListTraits<HousingGrade>::List();
    case ListId::kRiskCategory:
      return CodeListTraits<RiskCategory>::List();
    case ListId::kNone:
      break;
  }
  assert(false && "CodeListOf(kNone)");
  return CodeListTraits<Sex>::List();
}

std::string_view ListIdName(ListId id) {
  for (const NamedList& entry : kListNames) {
    if (entry.id == id) return entry.name;
  }
  return "none";
}

std::optional<ListId> ListIdByName(std::string_view name) {
  for (const NamedList& entry : kListNames) {
    if (entry.name == name) return entry.id;
  }
  return std::nullopt;
}

std::string TypeName(Type type) {
  switch (type.kind) {
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kInt:
      return "int";
    case ValueKind::kMoney:
      return "money";
    case ValueKind::kRatio:
      return "ratio";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kCode:
      return fmt::format("code<{}>", ListIdName(type.list));
    case ValueKind::kLabel:
      return "label";
  }
  return "?";
}

std::optional<Type> TypeByName(std::string_view name) {
  for (ValueKind kind :
       {ValueKind::kBool, ValueKind::kInt, ValueKind::kMoney, ValueKind::kRatio, ValueKind::kDate}) {
    if (TypeName(Type{kind}) == name) return Type{kind};
  }
  constexpr std::string_view kPrefix = "code<";
  if (name.starts_with(kPrefix) && name.ends_with(">")) {
    name = name.substr(kPrefix.size(), name.size() - kPrefix.size() - 1);
    if (std::optional<ListId> list = ListIdByName(name)) return Type{ValueKind::kCode, *list};
  }
  return std::nullopt;
}

std::optional<Rational> Add(Rational a, Rational b) {
  return Reduce(Wide{a.num} * b.den + Wide{b.num} * a.den, Wide{a.den} * b.den);
}

std::optional<Rational> Sub(Rational a, Rational b) {
  return Reduce(Wide{a.num} * b.den - Wide{b.num} * a.den, Wide{a.den} * b.den);
}

std::optional<Rational> Mul(Rational a, Rational b) {
  return Reduce(Wide{a.num} * b.num, Wide{a.den} * b.den);
}

std::optional<Rational> Div(Rational a, Rational b) {
  return Reduce(Wide{a.num} * b.den, Wide{a.den} * b.num);
}

int Compare(Rational a, Rational b) {
  const Wide left = Wide{a.num} * b.den;
  const Wide right = Wide{b.num} * a.den;
  return left < right ? -1 : (left > right ? 1 : 0);
}

std::string Value::ToString() const {
  switch (type.kind) {
    case ValueKind::kBool:
      return AsBool() ? "true" : "false";
    case ValueKind::kMoney:
      if (number.den == 1) return Money::FromFen(number.num).ToString() + "元";
      return fmt::format("{}/{}分", number.num, number.den);
    case ValueKind::kDate:
      return Date::FromDays(static_cast<int32_t>(number.num)).ToString();
    case ValueKind::kCode: {
      if (number.num == 0) return "（空）";
      return std::string(CodeListOf(type.list).Label(static_cast<int>(number.num), Lang::kZhHans));
    }
    case ValueKind::kInt:
    case ValueKind::kRatio:
    case ValueKind::kLabel:
      break;
  }
  if (number.den == 1) return std::to_string(number.num);
  return fmt::format("{}/{}", number.num, number.den);
}

}  // namespace jz
