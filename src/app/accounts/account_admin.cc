// User administration (account_requests.h): add, list, disable, enable, reset a password.
// The roster import is in roster_import.cc.
#include <algorithm>

#include "app/accounts/account_requests.h"
#include "app/accounts/internal/account_support.h"
#include "app/accounts/internal/credentials.h"
#include "app/workspace.h"
#include "store/store.h"

namespace jz {

using internal::CheckPassword;
using internal::HashPassword;

namespace internal {

std::string NormalizeUsername(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

StatusOr<Account> BuildAccount(const AddUserRequest& r, Date today) {
  Account a;
  a.username = NormalizeUsername(r.username);
  RETURN_IF_ERROR(CheckUsername(a.username));
  a.display_name = r.display_name.empty() ? a.username : r.display_name;
  if (r.roles.empty()) {
    return InvalidArgumentError(
        Bilingual("账号 {} 至少需要一个角色", "account {} needs at least one role", a.username));
  }
  a.roles = r.roles;
  std::sort(a.roles.begin(), a.roles.end());
  a.roles.erase(std::unique(a.roles.begin(), a.roles.end()), a.roles.end());
  ASSIGN_OR_RETURN(a.scopes, ResolveScopes(r.region, r.view_region, r.search_region));
  if (r.expires_on && *r.expires_on < today) {
    return InvalidArgumentError(Bilingual("有效期 {} 早于今天 {}", "expiry {} is before today {}",
                                          r.expires_on->ToString(), today.ToString()));
  }
  a.expires_on = r.expires_on;
  a.created_by = r.created_by;
  a.created_on = today;
  return a;
}

StatusOr<Account> RequireAccount(Store& store, std::string_view username) {
  const std::string name = NormalizeUsername(username);
  ASSIGN_OR_RETURN(std::optional<Account> account, store.accounts().FindAccount(name));
  if (!account) return NotFoundError(Bilingual("没有用户 {}", "no user {}", name));
  return *account;
}

}  // namespace internal

StatusOr<Account> AddUser(Workspace& ws, const AddUserRequest& request) {
  ASSIGN_OR_RETURN(Account account, internal::BuildAccount(request, ws.today()));
  RETURN_IF_ERROR(CheckPassword(request.password, account.username));
  NewAccount n{account, ""};
  ASSIGN_OR_RETURN(n.password_hash, HashPassword(request.password));
  ASSIGN_OR_RETURN(std::vector<int64_t> ids, ws.store().accounts().CreateAccounts(std::span(&n, 1)));
  account.id = ids.front();
  return account;
}

StatusOr<std::vector<UserSummary>> ListUsers(Workspace& ws) {
  AccountStore& accounts = ws.store().accounts();
  ASSIGN_OR_RETURN(std::vector<Account> all, accounts.ListAccounts());
  std::vector<UserSummary> out;
  for (Account& a : all) {
    UserSummary s;
    if (a.last_sign_in_unix_s) s.last_sign_in = internal::CstMinuteText(*a.last_sign_in_unix_s);
    ASSIGN_OR_RETURN(std::vector<AccountSession> sessions, accounts.ListSessions(a.id));
    s.sessions = static_cast<int64_t>(sessions.size());
    s.account = std::move(a);
    out.push_back(std::move(s));
  }
  return out;
}

Status DisableUser(Workspace& ws, const UserStateRequest& request) {
  ASSIGN_OR_RETURN(Account account, internal::RequireAccount(ws.store(), request.username));
  RETURN_IF_ERROR(ws.store().accounts().SetState(account.id, AccountState::kDisabled));
  return ws.store().accounts().DeleteSessionsOf(account.id, std::nullopt).status();
}

Status EnableUser(Workspace& ws, const UserStateRequest& request) {
  ASSIGN_OR_RETURN(Account account, internal::RequireAccount(ws.store(), request.username));
  RETURN_IF_ERROR(ws.store().accounts().SetState(account.id, AccountState::kEnabled));
  // Forget the failures that locked it; otherwise the next wrong password would lock it again.
  return ws.store().accounts().RecordAttempt(
      {account.username, "", request.now_unix_s, SignInOutcome::kCleared});
}

Status ResetPassword(Workspace& ws, const ResetPasswordRequest& request) {
  ASSIGN_OR_RETURN(Account account, internal::RequireAccount(ws.store(), request.username));
  RETURN_IF_ERROR(CheckPassword(request.new_password, account.username));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(request.new_password));
  RETURN_IF_ERROR(ws.store().accounts().SetPassword(account.id, hash, /*change_required=*/true));
  return ws.store().accounts().DeleteSessionsOf(account.id, std::nullopt).status();
}

}  // namespace jz
