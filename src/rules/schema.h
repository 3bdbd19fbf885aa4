// The fixed schema of registry fields a rule may read: person.*, household.* and year.*
// (the household's current data year), each with its type and how it is read from the
// records of core/registry.h. This table is the whole reach of a rule into the registry;
// feeds are declared by each policy file instead (FeedSchema in rules/expr.h).
#ifndef JZ_RULES_SCHEMA_H_
#define JZ_RULES_SCHEMA_H_

#include <optional>
#include <span>
#include <string_view>

#include "core/date.h"
#include "core/registry.h"
#include "rules/value.h"

namespace jz {

// Where a field lives: on a member, on the household, or on its current HouseholdYear.
enum class FieldScope : uint8_t { kPerson, kHousehold, kYear };

// What a field reader sees. `person` is set for person fields; `year` is the household's
// current data year (the latest not after as_of's year), or null when it has none.
struct FieldInput {
  const Household& household;
  const Person* person = nullptr;
  const HouseholdYear* year = nullptr;
  Date as_of;
};

// One field. Invariant: `read` returns a value of `type`; it is called only with a person
// for kPerson fields, and only with a year when `needs_year`. A field the registry may not
// know (a column the source lacked, core/registry.h) has `known`; where it returns false the
// value is unknown and `read` returns a placeholder no rule may use (docs/policy-language.md,
// "Unknown values"). `known` is null for fields that are always known.
struct FieldDef {
  FieldScope scope;
  std::string_view name;  // after "person." / "household." / "year."
  Type type;
  bool needs_year;
  std::string_view zh_hans;  // the field's name on the national forms
  Value (*read)(const FieldInput& input);
  bool (*known)(const FieldInput& input) = nullptr;
};

// Every field, in documentation order. The view lives for the whole process.
std::span<const FieldDef> Fields();

// Returns the index into Fields() of `scope`.`name`, or nullopt.
std::optional<size_t> FindField(FieldScope scope, std::string_view name);

// Returns the current data year of `household` as of `as_of` (see FieldInput), or null.
const HouseholdYear* CurrentYear(const Household& household, Date as_of);

}  // namespace jz

#endif  // JZ_RULES_SCHEMA_H_
