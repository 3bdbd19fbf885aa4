// Scoped counts and the name search of SqliteStore (store.h), apart from sqlite_store.cc.
#include <fmt/format.h>

#include <algorithm>

#include "store/sqlite/sqlite_store_internal.h"

namespace jz::sqlite_internal {

StatusOr<int64_t> SqliteStore::CountInScope(std::string_view sql, const ReadScope& scope) {
  ASSIGN_OR_RETURN(Stmt stmt, db_.Prepare(sql));
  BindScope(stmt, 1, scope);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

// The index on person (name) finds the few persons of each spelling; the join keeps those
// inside the scope, and the row-value comparison continues after the cursor.
StatusOr<std::vector<PersonHit>> SqliteStore::SearchPersonsByName(const ReadScope& scope,
                                                                  const PersonNameSearch& search) {
  std::vector<PersonHit> hits;
  if (search.names.empty() || scope.empty()) return hits;
  std::string placeholders;
  for (size_t i = 0; i < search.names.size(); ++i) placeholders += fmt::format("{}?{}", i ? ", " : "", i + 5);
  ASSIGN_OR_RETURN(Stmt stmt, db_.Prepare(fmt::format(
                                  "SELECT h.household_no, h.village, p.seq, p.name, p.id_number, "
                                  "p.relationship FROM person p JOIN household h ON h.id = p.household_id "
                                  "WHERE p.name IN ({}) AND h.village >= ?1 AND h.village < ?2 "
                                  "AND (h.household_no, p.seq) > (?3, ?4) "
                                  "ORDER BY h.household_no, p.seq LIMIT {}",
                                  placeholders, std::max<int64_t>(search.limit, 0))));
  BindScope(stmt, 1, scope);
  stmt.Bind(3, search.after_household_no);
  stmt.Bind(4, static_cast<int64_t>(search.after_seq));
  for (size_t i = 0; i < search.names.size(); ++i) stmt.Bind(static_cast<int>(i + 5), search.names[i]);
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    PersonHit hit;
    hit.household_no = stmt.Text(0);
    std::optional<RegionCode> village = RegionCode::FromValue(static_cast<uint64_t>(stmt.Int(1)));
    std::optional<IdNumber> id = IdNumber::Unpack(static_cast<uint64_t>(stmt.Int(4)));
    if (!village || !id)
      return DataLossError(fmt::format("invalid stored person in household {}", hit.household_no));
    hit.village = *village;
    hit.seq = static_cast<int32_t>(stmt.Int(2));
    hit.name = stmt.Text(3);
    hit.id_number = *id;
    ASSIGN_OR_RETURN(hit.relationship, ReadCode<Relationship>(stmt, 5));
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace jz::sqlite_internal
