// The SQLite back end of Store: one database file in WAL mode, prepared statements,
// numbered migrations. Opening a database written by a newer binary is refused.
#ifndef JZ_STORE_SQLITE_SQLITE_STORE_H_
#define JZ_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace jz {

struct SqliteOptions {
  // Create the file when it does not exist. When false, a missing file is NotFound.
  bool create_if_missing = true;
};

// Opens (and migrates forward) the database at `path`; ":memory:" gives a private
// in-memory database. Fails with FailedPrecondition when the file belongs to a newer
// Jingzhun or is not a Jingzhun database, with NotFound when it is missing and
// create_if_missing is false, and with Unavailable when it cannot be opened.
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                 const SqliteOptions& options = {});

// The newest schema version this binary knows.
int SqliteSchemaVersion();

}  // namespace jz

#endif  // JZ_STORE_SQLITE_SQLITE_STORE_H_
