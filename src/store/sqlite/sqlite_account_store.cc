// SQLite implementation of AccountStore: the account, account_role, session and
// login_attempt tables of migration 9. Mutations run inside SqliteStore::InTransaction, so a
// batch of accounts is stored whole or not at all.
#include <fmt/format.h>

#include "store/account_store.h"
#include "store/sqlite/sqlite_store_internal.h"

namespace jz::sqlite_internal {
namespace {

constexpr std::string_view kAccountColumns =
    "id, username, display_name, state, write_scope, view_scope, search_scope, expires_on, last_sign_in, "
    "password_change_required, created_by, created_on";

std::optional<int64_t> ScopeValue(const std::optional<RegionCode>& scope) {
  if (!scope) return std::nullopt;
  return static_cast<int64_t>(scope->value());
}

StatusOr<std::optional<RegionCode>> ReadScope(const Stmt& stmt, int column) {
  if (stmt.IsNull(column)) return std::optional<RegionCode>();
  std::optional<RegionCode> code = RegionCode::FromValue(static_cast<uint64_t>(stmt.Int(column)));
  if (!code)
    return DataLossError(fmt::format("invalid scope {} of an account in the database", stmt.Int(column)));
  return code;
}

StatusOr<Account> DecodeAccount(const Stmt& stmt) {
  Account a;
  a.id = stmt.Int(0);
  a.username = stmt.Text(1);
  a.display_name = stmt.Text(2);
  ASSIGN_OR_RETURN(a.state, ReadCode<AccountState>(stmt, 3));
  ASSIGN_OR_RETURN(a.scopes.write, ReadScope(stmt, 4));
  ASSIGN_OR_RETURN(a.scopes.view, ReadScope(stmt, 5));
  ASSIGN_OR_RETURN(a.scopes.search, ReadScope(stmt, 6));
  ASSIGN_OR_RETURN(a.expires_on, ReadOptionalDate(stmt, 7));
  if (!stmt.IsNull(8)) a.last_sign_in_unix_s = stmt.Int(8);
  a.password_change_required = stmt.Int(9) != 0;
  a.created_by = stmt.Text(10);
  ASSIGN_OR_RETURN(a.created_on, ReadDate(stmt, 11));
  return a;
}

AccountSession DecodeSession(const Stmt& stmt) {
  return AccountSession{stmt.Text(0), stmt.Text(1), stmt.Int(2), stmt.Text(3), stmt.Int(4), stmt.Int(5)};
}

constexpr std::string_view kSessionColumns =
    "token_sha256, csrf_token, account_id, client_address, created_at, last_seen_at";

class SqliteAccountStore final : public AccountStore {
 public:
  explicit SqliteAccountStore(SqliteStore* store) : store_(store) {}

  StatusOr<std::vector<int64_t>> CreateAccounts(std::span<const NewAccount> accounts) override {
    std::vector<int64_t> ids;
    Status status = InTransaction([&]() -> Status {
      for (const NewAccount& a : accounts) {
        ASSIGN_OR_RETURN(int64_t id, InsertOne(a));
        ids.push_back(id);
      }
      return OkStatus();
    });
    if (!status.ok()) return status;
    return ids;
  }

  StatusOr<std::optional<Account>> FindAccount(std::string_view username) override {
    ASSIGN_OR_RETURN(
        Stmt stmt, Db().Prepare(fmt::format("SELECT {} FROM account WHERE username = ?1", kAccountColumns)));
    stmt.Bind(1, username);
    return ReadOne(stmt);
  }

  StatusOr<std::optional<Account>> FindAccountById(int64_t id) override {
    ASSIGN_OR_RETURN(Stmt stmt,
                     Db().Prepare(fmt::format("SELECT {} FROM account WHERE id = ?1", kAccountColumns)));
    stmt.Bind(1, id);
    return ReadOne(stmt);
  }

  StatusOr<std::vector<Account>> ListAccounts() override {
    ASSIGN_OR_RETURN(Stmt stmt,
                     Db().Prepare(fmt::format("SELECT {} FROM account ORDER BY username", kAccountColumns)));
    std::vector<Account> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      ASSIGN_OR_RETURN(Account a, DecodeAccount(stmt));
      out.push_back(std::move(a));
    }
    for (Account& a : out) RETURN_IF_ERROR(LoadRoles(a));
    return out;
  }

  StatusOr<std::string> PasswordHash(int64_t id) override {
    ASSIGN_OR_RETURN(Stmt stmt, Db().Prepare("SELECT password_hash FROM account WHERE id = ?1"));
    stmt.Bind(1, id);
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return NoAccount(id);
    return stmt.Text(0);
  }

  Status SetState(int64_t id, AccountState state) override {
    return UpdateAccount("UPDATE account SET state = ?2 WHERE id = ?1", id,
                         [&](Stmt& s) { s.Bind(2, CodeOf(state)); });
  }

  Status SetPassword(int64_t id, std::string_view password_hash, bool change_required) override {
    return UpdateAccount("UPDATE account SET password_hash = ?2, password_change_required = ?3 WHERE id = ?1",
                         id, [&](Stmt& s) {
                           s.Bind(2, password_hash);
                           s.Bind(3, int64_t{change_required ? 1 : 0});
                         });
  }

  Status RecordSignIn(int64_t id, int64_t at_unix_s) override {
    return UpdateAccount("UPDATE account SET last_sign_in = ?2 WHERE id = ?1", id,
                         [&](Stmt& s) { s.Bind(2, at_unix_s); });
  }

  Status CreateSession(const AccountSession& session) override {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(Stmt find, Db().Prepare("SELECT 1 FROM account WHERE id = ?1"));
      find.Bind(1, session.account_id);
      ASSIGN_OR_RETURN(bool exists, find.Step());
      if (!exists) return NoAccount(session.account_id);
      ASSIGN_OR_RETURN(Stmt insert,
                       Db().Prepare(fmt::format("INSERT INTO session ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                                kSessionColumns)));
      insert.Bind(1, session.token_sha256);
      insert.Bind(2, session.csrf_token);
      insert.Bind(3, session.account_id);
      insert.Bind(4, session.client_address);
      insert.Bind(5, session.created_unix_s);
      insert.Bind(6, session.last_seen_unix_s);
      return insert.Run();
    });
  }

  StatusOr<std::optional<AccountSession>> FindSession(std::string_view token_sha256) override {
    ASSIGN_OR_RETURN(Stmt stmt, Db().Prepare(fmt::format("SELECT {} FROM session WHERE token_sha256 = ?1",
                                                         kSessionColumns)));
    stmt.Bind(1, token_sha256);
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return std::optional<AccountSession>();
    return std::optional<AccountSession>(DecodeSession(stmt));
  }

  Status TouchSession(std::string_view token_sha256, int64_t at_unix_s) override {
    return Exec("UPDATE session SET last_seen_at = ?2 WHERE token_sha256 = ?1", token_sha256, at_unix_s);
  }

  Status DeleteSession(std::string_view token_sha256) override {
    return Exec("DELETE FROM session WHERE token_sha256 = ?1", token_sha256, std::nullopt);
  }

  StatusOr<int64_t> DeleteSessionsOf(int64_t account_id,
                                     std::optional<std::string_view> keep_sha256) override {
    int64_t removed = 0;
    Status status = InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(
          Stmt stmt,
          Db().Prepare("DELETE FROM session WHERE account_id = ?1 AND (?2 IS NULL OR token_sha256 <> ?2)"));
      stmt.Bind(1, account_id);
      if (keep_sha256) {
        stmt.Bind(2, *keep_sha256);
      } else {
        stmt.BindNull(2);
      }
      RETURN_IF_ERROR(stmt.Run());
      removed = Db().Changes();
      return OkStatus();
    });
    if (!status.ok()) return status;
    return removed;
  }

  StatusOr<std::vector<AccountSession>> ListSessions(int64_t account_id) override {
    ASSIGN_OR_RETURN(Stmt stmt,
                     Db().Prepare(fmt::format(
                         "SELECT {} FROM session WHERE account_id = ?1 ORDER BY created_at, token_sha256",
                         kSessionColumns)));
    stmt.Bind(1, account_id);
    std::vector<AccountSession> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.push_back(DecodeSession(stmt));
    }
    return out;
  }

  Status RecordAttempt(const SignInAttempt& attempt) override {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(Stmt stmt,
                       Db().Prepare("INSERT INTO login_attempt (username, client_address, at, outcome) "
                                    "VALUES (?1, ?2, ?3, ?4)"));
      stmt.Bind(1, attempt.username);
      stmt.Bind(2, attempt.client_address);
      stmt.Bind(3, attempt.at_unix_s);
      stmt.Bind(4, CodeOf(attempt.outcome));
      return stmt.Run();
    });
  }

  StatusOr<FailureCount> ConsecutiveFailures(std::string_view username) override {
    ASSIGN_OR_RETURN(Stmt stmt,
                     Db().Prepare("SELECT count(*), coalesce(max(at), 0) FROM login_attempt "
                                  "WHERE username = ?1 AND outcome = 0 AND id > coalesce((SELECT "
                                  "max(id) FROM login_attempt WHERE username = ?1 AND outcome <> 0), 0)"));
    stmt.Bind(1, username);
    return ReadCount(stmt);
  }

  StatusOr<FailureCount> AddressFailuresSince(std::string_view client_address,
                                              int64_t since_unix_s) override {
    ASSIGN_OR_RETURN(Stmt stmt, Db().Prepare("SELECT count(*), coalesce(max(at), 0) FROM login_attempt "
                                             "WHERE client_address = ?1 AND at >= ?2 AND outcome = 0"));
    stmt.Bind(1, client_address);
    stmt.Bind(2, since_unix_s);
    return ReadCount(stmt);
  }

 private:
  sqlite::Db& Db() { return store_->db(); }

  Status InTransaction(const std::function<Status()>& body) {
    return store_->InTransaction("账号", "the accounts", body);
  }

  static Status NoAccount(int64_t id) {
    return NotFoundError(Bilingual("没有编号为 {} 的账号", "no account with id {}", id));
  }

  StatusOr<int64_t> InsertOne(const NewAccount& n) {
    const Account& a = n.account;
    if (a.roles.empty() || n.password_hash.empty()) {
      return InvalidArgumentError(
          Bilingual("账号 {} 没有角色或密码", "account {} has no role or no password", a.username));
    }
    ASSIGN_OR_RETURN(Stmt find, Db().Prepare("SELECT 1 FROM account WHERE username = ?1"));
    find.Bind(1, a.username);
    ASSIGN_OR_RETURN(bool taken, find.Step());
    if (taken) return AlreadyExistsError(Bilingual("用户名 {} 已存在", "username {} is taken", a.username));
    ASSIGN_OR_RETURN(
        Stmt insert,
        Db().Prepare("INSERT INTO account (username, display_name, password_hash, state, write_scope, "
                     "view_scope, search_scope, expires_on, last_sign_in, password_change_required, "
                     "created_by, created_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
    insert.Bind(1, a.username);
    insert.Bind(2, a.display_name);
    insert.Bind(3, n.password_hash);
    insert.Bind(4, CodeOf(a.state));
    insert.Bind(5, ScopeValue(a.scopes.write));
    insert.Bind(6, ScopeValue(a.scopes.view));
    insert.Bind(7, ScopeValue(a.scopes.search));
    insert.Bind(8, DateText(a.expires_on));
    insert.Bind(9, a.last_sign_in_unix_s);
    insert.Bind(10, int64_t{a.password_change_required ? 1 : 0});
    insert.Bind(11, a.created_by);
    insert.Bind(12, a.created_on.ToString());
    RETURN_IF_ERROR(insert.Run());
    const int64_t id = sqlite3_last_insert_rowid(Db().raw());
    ASSIGN_OR_RETURN(Stmt role,
                     Db().Prepare("INSERT OR IGNORE INTO account_role (account_id, role) VALUES (?1, ?2)"));
    for (Role r : a.roles) {
      role.Bind(1, id);
      role.Bind(2, CodeOf(r));
      RETURN_IF_ERROR(role.Run());
    }
    return id;
  }

  Status LoadRoles(Account& a) {
    ASSIGN_OR_RETURN(Stmt stmt,
                     Db().Prepare("SELECT role FROM account_role WHERE account_id = ?1 ORDER BY role"));
    stmt.Bind(1, a.id);
    a.roles.clear();
    while (true) {
      ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return OkStatus();
      ASSIGN_OR_RETURN(Role role, ReadCode<Role>(stmt, 0));
      a.roles.push_back(role);
    }
  }

  StatusOr<std::optional<Account>> ReadOne(Stmt& stmt) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return std::optional<Account>();
    ASSIGN_OR_RETURN(Account a, DecodeAccount(stmt));
    RETURN_IF_ERROR(LoadRoles(a));
    return std::optional<Account>(std::move(a));
  }

  Status UpdateAccount(std::string_view sql, int64_t id, const std::function<void(Stmt&)>& bind) {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(Stmt stmt, Db().Prepare(sql));
      stmt.Bind(1, id);
      bind(stmt);
      RETURN_IF_ERROR(stmt.Run());
      if (Db().Changes() == 0) return NoAccount(id);
      return OkStatus();
    });
  }

  Status Exec(std::string_view sql, std::string_view key, std::optional<int64_t> value) {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(Stmt stmt, Db().Prepare(sql));
      stmt.Bind(1, key);
      if (value) stmt.Bind(2, *value);
      return stmt.Run();
    });
  }

  static StatusOr<FailureCount> ReadCount(Stmt& stmt) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return FailureCount{};
    return FailureCount{stmt.Int(0), stmt.Int(1)};
  }

  SqliteStore* store_;
};

}  // namespace

std::unique_ptr<AccountStore> NewSqliteAccountStore(SqliteStore* store) {
  return std::make_unique<SqliteAccountStore>(store);
}

}  // namespace jz::sqlite_internal
