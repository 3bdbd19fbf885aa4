// The numbered schema migrations of the SQLite store, applied in order, each in its own
// transaction, recorded in PRAGMA user_version. A migration, once released, never changes:
// a schema change is a new migration at the end of the list.
#ifndef JZ_STORE_SQLITE_MIGRATIONS_H_
#define JZ_STORE_SQLITE_MIGRATIONS_H_

#include <span>
#include <string_view>

namespace jz::sqlite {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> Migrations();

// PRAGMA application_id of a Jingzhun database ("JZN1").
inline constexpr int kApplicationId = 0x4A5A4E31;

}  // namespace jz::sqlite

#endif  // JZ_STORE_SQLITE_MIGRATIONS_H_
