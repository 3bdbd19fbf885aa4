// The sign-in core the server calls (account_requests.h): SignIn with throttling and
// lockout, ValidateSession with idle and absolute timeouts, SignOut and ChangePassword.
#include <algorithm>

#include "app/accounts/account_requests.h"
#include "app/accounts/internal/account_support.h"
#include "app/accounts/internal/credentials.h"
#include "app/workspace.h"
#include "store/store.h"

namespace jz {
namespace {

using internal::Sha256Hex;

Status WrongCredentials() {
  return PermissionDeniedError(Bilingual("用户名或密码错误", "wrong username or password"));
}
Status Locked() {
  return PermissionDeniedError(
      Bilingual("登录失败次数过多，账号已锁定，请联系管理员解锁",
                "too many failed sign-ins: the account is locked; ask an administrator "
                "to unlock it"));
}
Status SessionGone() {
  return PermissionDeniedError(
      Bilingual("未登录或会话已过期，请重新登录", "signed out or session expired; sign in again"));
}

// The wait after `failures` failures of which `free` cost nothing: 1 s, 2 s, 4 s … capped.
int64_t WaitSeconds(int64_t failures, int64_t free) {
  if (failures < free) return 0;
  const int64_t doublings = std::min<int64_t>(failures - free, 30);
  return std::min<int64_t>(int64_t{1} << doublings, kSignInMaxDelaySeconds);
}

// The seconds still to wait after `count` (0: none).
int64_t SecondsLeft(const FailureCount& count, int64_t free, int64_t now) {
  const int64_t wait = WaitSeconds(count.failures, free);
  if (wait == 0) return 0;
  return std::max<int64_t>(0, count.last_failure_unix_s + wait - now);
}

Status CheckWait(const FailureCount& count, int64_t free, int64_t now) {
  const int64_t left = SecondsLeft(count, free, now);
  if (left == 0) return OkStatus();
  return UnavailableError(
      Bilingual("登录失败次数过多，请 {} 秒后再试", "too many failed sign-ins; try again in {} s", left));
}

Status CheckThrottle(AccountStore& accounts, const SignInRequest& r, const std::string& username) {
  ASSIGN_OR_RETURN(
      FailureCount by_address,
      accounts.AddressFailuresSince(r.client_address, r.now_unix_s - kSignInAddressWindowSeconds));
  RETURN_IF_ERROR(CheckWait(by_address, kSignInAddressFreeFailures, r.now_unix_s));
  ASSIGN_OR_RETURN(FailureCount by_name, accounts.ConsecutiveFailures(username));
  if (by_name.failures >= kSignInLockFailures) return Locked();
  return CheckWait(by_name, kSignInFreeFailures, r.now_unix_s);
}

// A failed attempt: recorded, and the account locked when it reaches the limit.
Status Fail(AccountStore& accounts, const SignInRequest& r, const std::string& username,
            const std::optional<Account>& account) {
  RETURN_IF_ERROR(accounts.RecordAttempt({username, r.client_address, r.now_unix_s, SignInOutcome::kFailed}));
  ASSIGN_OR_RETURN(FailureCount by_name, accounts.ConsecutiveFailures(username));
  if (by_name.failures < kSignInLockFailures) return WrongCredentials();
  if (account && account->state == AccountState::kEnabled) {
    RETURN_IF_ERROR(accounts.SetState(account->id, AccountState::kLocked));
  }
  return Locked();
}

// The state checks told only to whoever gave the right password.
Status CheckUsable(AccountStore& accounts, const Account& a, const SignInRequest& r) {
  const Date today = Date::FromDays(internal::CstDays(r.now_unix_s));
  if (a.state == AccountState::kLocked) return Locked();
  if (a.state == AccountState::kDisabled) {
    return PermissionDeniedError(
        Bilingual("账号已停用，请联系管理员", "the account is disabled; ask an administrator"));
  }
  if (a.expires_on && today > *a.expires_on) {
    return PermissionDeniedError(Bilingual("账号已于 {} 到期，请联系管理员",
                                           "the account expired on {}; ask an administrator",
                                           a.expires_on->ToString()));
  }
  const Date last_used =
      a.last_sign_in_unix_s ? Date::FromDays(internal::CstDays(*a.last_sign_in_unix_s)) : a.created_on;
  if (today.days() - last_used.days() > r.inactive_days) {
    RETURN_IF_ERROR(accounts.SetState(a.id, AccountState::kDisabled));
    return PermissionDeniedError(
        Bilingual("账号已超过 {} 天未使用，已停用，请联系管理员",
                  "the account was unused for more than {} days and is now disabled; ask "
                  "an administrator",
                  r.inactive_days));
  }
  return OkStatus();
}

StatusOr<SignInResult> OpenSession(AccountStore& accounts, const Account& a, const SignInRequest& r) {
  SignInResult result;
  result.token = internal::RandomHexToken();
  result.csrf_token = internal::RandomHexToken();
  RETURN_IF_ERROR(accounts.CreateSession(
      {Sha256Hex(result.token), result.csrf_token, a.id, r.client_address, r.now_unix_s, r.now_unix_s}));
  RETURN_IF_ERROR(accounts.RecordSignIn(a.id, r.now_unix_s));
  RETURN_IF_ERROR(
      accounts.RecordAttempt({a.username, r.client_address, r.now_unix_s, SignInOutcome::kSucceeded}));
  result.account = a;
  result.account.last_sign_in_unix_s = r.now_unix_s;
  result.password_change_required = a.password_change_required;
  result.idle_expires_unix_s = r.now_unix_s + kSessionIdleSeconds;
  result.absolute_expires_unix_s = r.now_unix_s + kSessionAbsoluteSeconds;
  return result;
}

}  // namespace

StatusOr<SignInResult> SignIn(Workspace& ws, const SignInRequest& request) {
  AccountStore& accounts = ws.store().accounts();
  const std::string username = internal::NormalizeUsername(request.username);
  RETURN_IF_ERROR(CheckThrottle(accounts, request, username));
  ASSIGN_OR_RETURN(std::optional<Account> account, accounts.FindAccount(username));
  const bool too_long = request.password.size() > kMaxPasswordBytes;
  if (!account) {
    internal::VerifyAgainstDummy(too_long ? std::string_view() : std::string_view(request.password));
    return Fail(accounts, request, username, account);
  }
  ASSIGN_OR_RETURN(std::string hash, accounts.PasswordHash(account->id));
  if (too_long || !internal::VerifyPassword(request.password, hash)) {
    return Fail(accounts, request, username, account);
  }
  RETURN_IF_ERROR(CheckUsable(accounts, *account, request));
  return OpenSession(accounts, *account, request);
}

StatusOr<int64_t> SignInRetryAfterSeconds(Workspace& ws, const SignInRequest& request) {
  AccountStore& accounts = ws.store().accounts();
  ASSIGN_OR_RETURN(FailureCount by_address,
                   accounts.AddressFailuresSince(request.client_address,
                                                 request.now_unix_s - kSignInAddressWindowSeconds));
  ASSIGN_OR_RETURN(FailureCount by_name,
                   accounts.ConsecutiveFailures(internal::NormalizeUsername(request.username)));
  return std::max(SecondsLeft(by_address, kSignInAddressFreeFailures, request.now_unix_s),
                  SecondsLeft(by_name, kSignInFreeFailures, request.now_unix_s));
}

StatusOr<SessionInfo> ValidateSession(Workspace& ws, const SessionRequest& request) {
  AccountStore& accounts = ws.store().accounts();
  const std::string key = Sha256Hex(request.token);
  ASSIGN_OR_RETURN(std::optional<AccountSession> session, accounts.FindSession(key));
  if (!session) return SessionGone();
  const int64_t now = request.now_unix_s;
  const bool timed_out = now - session->last_seen_unix_s > kSessionIdleSeconds ||
                         now - session->created_unix_s > kSessionAbsoluteSeconds;
  ASSIGN_OR_RETURN(std::optional<Account> account, accounts.FindAccountById(session->account_id));
  const Date today = Date::FromDays(internal::CstDays(now));
  const bool usable = account && account->state == AccountState::kEnabled &&
                      (!account->expires_on || today <= *account->expires_on);
  if (timed_out || !usable) {
    RETURN_IF_ERROR(accounts.DeleteSession(key));
    return SessionGone();
  }
  RETURN_IF_ERROR(accounts.TouchSession(key, now));
  return SessionInfo{std::move(*account), session->csrf_token, session->created_unix_s};
}

Status SignOut(Workspace& ws, const SessionRequest& request) {
  return ws.store().accounts().DeleteSession(Sha256Hex(request.token));
}

StatusOr<int64_t> ChangePassword(Workspace& ws, const ChangePasswordRequest& request) {
  ASSIGN_OR_RETURN(SessionInfo info, ValidateSession(ws, {request.token, request.now_unix_s}));
  AccountStore& accounts = ws.store().accounts();
  ASSIGN_OR_RETURN(std::string hash, accounts.PasswordHash(info.account.id));
  if (request.old_password.size() > kMaxPasswordBytes ||
      !internal::VerifyPassword(request.old_password, hash)) {
    return PermissionDeniedError(Bilingual("原密码错误", "the current password is wrong"));
  }
  RETURN_IF_ERROR(internal::CheckPassword(request.new_password, info.account.username));
  if (request.new_password == request.old_password) {
    return InvalidArgumentError(
        Bilingual("新密码不能与原密码相同", "the new password must differ from the current one"));
  }
  ASSIGN_OR_RETURN(std::string new_hash, internal::HashPassword(request.new_password));
  RETURN_IF_ERROR(accounts.SetPassword(info.account.id, new_hash, /*change_required=*/false));
  const std::string keep = Sha256Hex(request.token);
  return accounts.DeleteSessionsOf(info.account.id, std::string_view(keep));
}

}  // namespace jz
