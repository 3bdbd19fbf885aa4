// RAII wrappers over sqlite3 / sqlite3_stmt and result-code translation.
#include "store/sqlite/sqlite_db.h"

#include <fmt/format.h>

#include <utility>

namespace jz::sqlite {

namespace {

// The database file of `db` ("" for an in-memory one or when no connection was made).
std::string FileOf(sqlite3* db) {
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  return file != nullptr ? std::string(file) : std::string();
}

}  // namespace

Status ToStatus(int rc, sqlite3* db, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return OkStatus();
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string en = fmt::format("{}: {}", what, detail);
  const std::string file = FileOf(db);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return AlreadyExistsError(Bilingual("记录已存在", en));
      }
      return InvalidArgumentError(Bilingual("数据不满足约束", en));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return UnavailableError(Bilingual("数据库正被其他程序使用，请稍后重试", en));
    case SQLITE_CORRUPT:
      return DataLossError(
          Bilingual("数据库文件 {} 已损坏（{}）", "the database file {} is corrupt ({})", file, en));
    case SQLITE_NOTADB:
      return FailedPreconditionError(
          Bilingual("{} 不是 SQLite 数据库文件，未做任何修改（是否选错了文件？）",
                    "{} is not a SQLite database file; nothing was changed (is it the "
                    "right file?)",
                    file));
    case SQLITE_FULL:
      // Its own message: the one failure a user fixes by freeing space. The statement's
      // transaction is rolled back by its owner, so the database is as it was.
      return FailedPreconditionError(
          Bilingual("磁盘已满（或数据库达到大小上限），写入 {} 失败；本次操作已撤销，"
                    "数据库保持原样。请释放磁盘空间后重试",
                    "the disk is full (or the database reached its size limit) while "
                    "writing {}; the operation was rolled back and the database is as it "
                    "was: free disk space and try again",
                    file));
    case SQLITE_IOERR:
      return DataLossError(Bilingual("读写数据库文件 {} 时磁盘出错（{}）",
                                     "disk I/O error on the database file {} ({})", file, en));
    case SQLITE_READONLY:
      return PermissionDeniedError(
          Bilingual("数据库文件 {} 只读，无法写入；请检查文件及其目录的写权限",
                    "the database file {} is read-only and cannot be written: check the "
                    "write permission of the file and its folder",
                    file));
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return UnavailableError(Bilingual("无法打开或写入数据库文件 {}",
                                        "cannot open or write the database file {} ({})", file, en));
    default:
      return InternalError(Bilingual("数据库内部错误", en));
  }
}

Stmt::Stmt(Stmt&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

void Stmt::Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Stmt::Bind(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Stmt::BindStatic(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
}

void Stmt::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

StatusOr<bool> Stmt::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status status = ToStatus(rc, db_, sqlite3_sql(stmt_));
  sqlite3_reset(stmt_);
  return status;
}

Status Stmt::Run() {
  while (true) {
    ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  Reset();
  return OkStatus();
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

int64_t Stmt::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Stmt::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

Db::Db(Db&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Db::~Db() { sqlite3_close_v2(db_); }

// Process-wide SQLite settings, applied once before the first connection. Memory
// statistics take a global mutex on every allocation; we never read them.
void ConfigureSqliteOnce() {
  static const bool kConfigured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)kConfigured;
}

StatusOr<Db> Db::Open(const std::string& path, int flags) {
  ConfigureSqliteOnce();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);  // closes `raw` on every path, also when open failed
  if (rc != SQLITE_OK) return ToStatus(rc, raw, path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

Status Db::Exec(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  return ToStatus(rc, db_, text.substr(0, 80));
}

StatusOr<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt, nullptr);
  if (rc != SQLITE_OK) return ToStatus(rc, db_, sql.substr(0, 80));
  return Stmt(db_, stmt);
}

StatusOr<int64_t> Db::QueryInt(std::string_view sql) {
  ASSIGN_OR_RETURN(Stmt stmt, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return InternalError(fmt::format("no row from {}", sql));
  return stmt.Int(0);
}

int64_t Db::Changes() const { return sqlite3_changes64(db_); }

}  // namespace jz::sqlite
