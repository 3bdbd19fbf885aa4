// The doors' view of accounts and sessions (../shared/docs/SERVER.md "Sessions and
// accounts"): user administration for `jingzhun users` and the sign-in core the server calls.
// One request and one result per use case over a Workspace; this header includes only core/
// and app/ headers, so no door sees the store.
//
// Rules, each tested in account_requests_test.cc / sign_in_test.cc:
//  - Passwords (NIST SP 800-63B): at least kMinPasswordChars characters, at most
//    kMaxPasswordBytes bytes, no composition rules; the username itself, one character
//    repeated, and a short list of common passwords are refused. Stored as argon2id
//    (libsodium, opslimit kPasswordHashOpsLimit, memlimit kPasswordHashMemLimitBytes).
//  - There is no default password: every account is created with a password its creator
//    typed, or (roster import) a random one shown once and to be changed at first sign-in.
//  - Sign-in refusals never tell "no such user" from "wrong password" (same message, same
//    cost: an unknown name is checked against a dummy hash). Account state (disabled,
//    expired, unused too long) is told only to whoever gave the right password. Throttling
//    counts per username as typed (existing or not) and per client address, with doubling
//    waits (core/limits.h); at kSignInLockFailures the username is locked and told so.
//  - Sessions: a 256-bit random token (returned once, stored only as its SHA-256) and a CSRF
//    token; ended after kSessionIdleSeconds without use or kSessionAbsoluteSeconds in all.
//  - Time is passed in as Unix seconds (`now_unix_s`); app never reads the clock. Calendar
//    dates (expiry, inactivity) are taken in China Standard Time, as Date::Today() does.
//
// Thread safety: as Workspace (one thread at a time).
#ifndef JZ_APP_ACCOUNTS_ACCOUNT_REQUESTS_H_
#define JZ_APP_ACCOUNTS_ACCOUNT_REQUESTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/account_records.h"
#include "core/date.h"
#include "core/limits.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

class Workspace;

// ---- administration -------------------------------------------------------------------

struct AddUserRequest {
  std::string username;                                    // CheckUsername; upper case is folded to lower
  std::string display_name;                                // "": the username
  std::vector<Role> roles;                                 // at least one
  std::optional<RegionCode> region = std::nullopt;         // write scope; unset: the account sees nothing
  std::optional<RegionCode> view_region = std::nullopt;    // unset: = region
  std::optional<RegionCode> search_region = std::nullopt;  // unset: = view_region
  std::optional<Date> expires_on = std::nullopt;           // unset: permanent
  std::string password;
  std::string created_by = "jingzhun";
};

// Creates one account. InvalidArgument for a bad username, no role, scopes that do not nest
// (ResolveScopes), an expiry before today, or a password the rules above refuse (the message
// says which rule); AlreadyExists when the username is taken.
[[nodiscard]] StatusOr<Account> AddUser(Workspace& ws, const AddUserRequest& request);

struct UserSummary {
  Account account;
  std::string last_sign_in;  // "YYYY-MM-DD HH:MM" China Standard Time, "" when never
  int64_t sessions = 0;      // open sessions (not yet removed)
};

// Every account, by username. Never carries a password hash or a session token.
[[nodiscard]] StatusOr<std::vector<UserSummary>> ListUsers(Workspace& ws);

struct UserStateRequest {
  std::string username;
  int64_t now_unix_s = 0;  // Enable: the time the failure count is cleared
};

// Disable: the account can no longer sign in and its sessions end. Enable: enabled again,
// failed sign-ins forgotten (unlocks a locked account). NotFound naming the username.
[[nodiscard]] Status DisableUser(Workspace& ws, const UserStateRequest& request);
[[nodiscard]] Status EnableUser(Workspace& ws, const UserStateRequest& request);

struct ResetPasswordRequest {
  std::string username;
  std::string new_password;
};

// Sets a new password that must be changed at the next sign-in, and ends every session of
// the account. NotFound naming the username; InvalidArgument for a refused password.
[[nodiscard]] Status ResetPassword(Workspace& ws, const ResetPasswordRequest& request);

struct ImportUsersRequest {
  std::string path;  // roster: CSV, .xlsx or .xls
  std::string created_by = "jingzhun";
};

struct RosterRowError {
  std::string file;
  int64_t row = 0;  // line (CSV) or sheet row
  std::string field;
  std::string value;
  std::string message;  // Bilingual
};

struct ImportedUser {
  std::string username;
  std::string initial_password;  // random, shown once; must be changed at first sign-in
};

struct ImportUsersResult {
  std::vector<ImportedUser> created;  // empty when any row is bad
  std::vector<RosterRowError> errors;
};

// Reads a roster with columns username/用户名, display_name/姓名, roles/角色 (ids or labels,
// separated by ',' '、' ';' or spaces), region/区划代码, and optionally view_region/查看范围,
// search_region/查询范围, expires/有效期至. All or nothing: any bad row (named by file, row
// and field) stores no account. Each account gets a random initial password (16 characters
// from an alphabet without look-alikes) and must change it at first sign-in. Fails (status)
// for a file that cannot be read, a missing column, or more than kMaxRosterRows rows.
[[nodiscard]] StatusOr<ImportUsersResult> ImportUsers(Workspace& ws, const ImportUsersRequest& request);

// ---- sign-in and sessions (the server's core) -------------------------------------------

struct SignInRequest {
  std::string username;
  std::string password;
  std::string client_address;
  int64_t now_unix_s = 0;
  int32_t inactive_days = kAccountInactiveDays;  // unused this long: disabled at sign-in
};

struct SignInResult {
  std::string token;       // the session token: 64 hex digits, never stored
  std::string csrf_token;  // 64 hex digits
  Account account;
  bool password_change_required = false;  // the door allows only ChangePassword until done
  int64_t idle_expires_unix_s = 0;
  int64_t absolute_expires_unix_s = 0;
};

// PermissionDenied "wrong username or password" for an unknown user or a wrong password;
// PermissionDenied saying the account is locked at kSignInLockFailures failures in a row;
// Unavailable with the seconds to wait while throttled (per username or per address);
// PermissionDenied saying why for a right password on a disabled, expired or unused account.
[[nodiscard]] StatusOr<SignInResult> SignIn(Workspace& ws, const SignInRequest& request);

// The seconds `request` (username and client address at now_unix_s) must still wait before
// SignIn tries it, 0 when it is not throttled: the server's Retry-After after an Unavailable
// from SignIn (0 there means the Unavailable was the database's, not throttling). Reads only.
[[nodiscard]] StatusOr<int64_t> SignInRetryAfterSeconds(Workspace& ws, const SignInRequest& request);

struct SessionRequest {
  std::string token;
  int64_t now_unix_s = 0;
};

struct SessionInfo {
  Account account;  // with its roles and scopes
  std::string csrf_token;
  int64_t created_unix_s = 0;
};

// The session's account; touches its idle time. PermissionDenied "signed out or expired" for
// an unknown token, an idle or absolute timeout (the session is removed), or an account no
// longer enabled or past its expiry.
[[nodiscard]] StatusOr<SessionInfo> ValidateSession(Workspace& ws, const SessionRequest& request);

// Ends the session (an unknown token is not an error: signing out twice is harmless).
[[nodiscard]] Status SignOut(Workspace& ws, const SessionRequest& request);

struct ChangePasswordRequest {
  std::string token;  // the session asking
  std::string old_password;
  std::string new_password;
  int64_t now_unix_s = 0;
};

// Changes the session's account password, clears "change required" and ends every other
// session of the account; returns how many. PermissionDenied for a bad session or a wrong
// old password; InvalidArgument for a refused new one or one equal to the old.
[[nodiscard]] StatusOr<int64_t> ChangePassword(Workspace& ws, const ChangePasswordRequest& request);

}  // namespace jz

#endif  // JZ_APP_ACCOUNTS_ACCOUNT_REQUESTS_H_
