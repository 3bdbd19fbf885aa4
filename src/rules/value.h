// The values and types of the policy language (docs/policy-language.md): bool, int, money,
// ratio, date and code<List>. Numbers are exact rationals of 64-bit integers, so that
// "out-of-pocket > 0.5 * income" compares to the fen without floating point; money is a
// rational number of fen (a share of an income may fall between two fen). Every arithmetic
// helper reports overflow instead of wrapping.
#ifndef JZ_RULES_VALUE_H_
#define JZ_RULES_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/money.h"

namespace jz {

// The kinds of the language. kLabel is a quoted label not yet resolved against a code list;
// it exists only while compiling.
enum class ValueKind : uint8_t { kBool, kInt, kMoney, kRatio, kDate, kCode, kLabel };

// The code lists a field or feed column may hold (English names fixed in core/code_lists.h).
enum class ListId : uint8_t {
  kNone,
  kSex,
  kRelationship,
  kEducation,
  kSchoolStatus,
  kHealth,
  kLabourSkill,
  kWorkStatus,
  kHouseholdType,
  kHouseholdAttribute,
  kPovertyCause,
  kMonitoringType,
  kHousingGrade,
  kRiskCategory,
};

// Returns the list's run-time table. REQUIRES: id != kNone.
const internal::CodeList& CodeListOf(ListId id);
// Returns the English type name of the list ("Health"), as written in feed declarations.
std::string_view ListIdName(ListId id);
// Returns the list named `name` ("Health"), or nullopt.
std::optional<ListId> ListIdByName(std::string_view name);

// A type of the language. Invariant: list != kNone exactly when kind == kCode.
struct Type {
  ValueKind kind = ValueKind::kBool;
  ListId list = ListId::kNone;

  friend bool operator==(const Type&, const Type&) = default;
};

// Returns "bool", "int", "money", "ratio", "date", "code<Health>" or "label".
std::string TypeName(Type type);
// Parses a type name as TypeName() writes it; nullopt for anything else.
std::optional<Type> TypeByName(std::string_view name);

// An exact fraction. Invariant: den > 0 and gcd(|num|, den) == 1.
struct Rational {
  int64_t num = 0;
  int64_t den = 1;

  friend bool operator==(const Rational&, const Rational&) = default;
};

// Exact arithmetic; nullopt when the reduced result does not fit in int64 or on division by
// zero. Compare() never overflows (it cross-multiplies in 128 bits).
std::optional<Rational> Add(Rational a, Rational b);
std::optional<Rational> Sub(Rational a, Rational b);
std::optional<Rational> Mul(Rational a, Rational b);
std::optional<Rational> Div(Rational a, Rational b);
int Compare(Rational a, Rational b);

// One value. bool: num 0/1; int: num; money: num/den fen; ratio: num/den; date: num = days
// since 1970-01-01; code: num = national code, 0 when the registry has no value.
struct Value {
  Type type;
  Rational number;

  static Value Bool(bool b) { return {{ValueKind::kBool}, {b ? 1 : 0, 1}}; }
  static Value Int(int64_t i) { return {{ValueKind::kInt}, {i, 1}}; }
  static Value OfMoney(Money m) { return {{ValueKind::kMoney}, {m.fen(), 1}}; }
  static Value OfDate(Date d) { return {{ValueKind::kDate}, {d.days(), 1}}; }
  static Value Code(ListId list, int code) { return {{ValueKind::kCode, list}, {code, 1}}; }

  bool AsBool() const { return number.num != 0; }
  // For display in evidence: "true", "3", "7500.00元" (a fraction of a fen is shown exactly,
  // "1234567/2分"), "1/2", "2024-01-01", the zh-Hans label ("（空）" for no value).
  std::string ToString() const;

  friend bool operator==(const Value&, const Value&) = default;
};

}  // namespace jz

#endif  // JZ_RULES_VALUE_H_
