// A thin RAII layer over the SQLite C API for the SQLite store: a connection, prepared
// statements with typed binds and columns, and the translation of SQLite result codes to
// Status (unique violation -> AlreadyExists, busy -> Unavailable, corrupt -> DataLoss).
// Nothing outside store/sqlite includes this file.
#ifndef JZ_STORE_SQLITE_SQLITE_DB_H_
#define JZ_STORE_SQLITE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jz::sqlite {

// Translates a SQLite result code (with the connection's message) to a Status.
Status ToStatus(int rc, sqlite3* db, std::string_view what);

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binds by 1-based index. Empty optionals bind NULL.
  void Bind(int index, int64_t value);
  void Bind(int index, std::string_view value);
  // Binds text without copying it. REQUIRES: `value` outlives the statement's next Run()
  // or Reset(); used on the import path, where each bind is followed by Run() at once.
  void BindStatic(int index, std::string_view value);
  void BindNull(int index);
  template <typename T>
  void Bind(int index, const std::optional<T>& value) {
    if (value) {
      Bind(index, *value);
    } else {
      BindNull(index);
    }
  }

  // Steps once: true when a row is available, false when done.
  StatusOr<bool> Step();
  // Steps to completion (for statements returning no rows) and resets.
  Status Run();
  // Resets the statement and clears its bindings for reuse.
  void Reset();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  std::string Text(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class Db {
 public:
  Db() = default;
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  static StatusOr<Db> Open(const std::string& path, int flags);

  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql);
  StatusOr<Stmt> Prepare(std::string_view sql);
  // The single integer a query returns (e.g. PRAGMA user_version).
  StatusOr<int64_t> QueryInt(std::string_view sql);
  int64_t Changes() const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace jz::sqlite

#endif  // JZ_STORE_SQLITE_SQLITE_DB_H_
