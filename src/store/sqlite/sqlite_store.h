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
  // The caller will write: a read-only file or folder is refused up front (PermissionDenied
  // naming both) rather than at the first write.
  bool for_writing = false;
};

// Opens (and migrates forward) the database at `path`; ":memory:" gives a private
// in-memory database. Every error names the path and the cause: NotFound when it is missing
// and create_if_missing is false; InvalidArgument when it is a folder; PermissionDenied when
// for_writing and the file or its folder is read-only; FailedPrecondition when the file is
// not a SQLite database, not a Jingzhun database, or belongs to a newer Jingzhun (schema
// version); Unavailable when it cannot be opened. A later write that finds the disk full is
// FailedPrecondition saying so, and the write's transaction is rolled back.
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const SqliteOptions& options = {});

// The newest schema version this binary knows.
int SqliteSchemaVersion();

}  // namespace jz

#endif  // JZ_STORE_SQLITE_SQLITE_STORE_H_
