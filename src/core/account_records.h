// Accounts of the people who use Jingzhun through its doors (docs: ../shared/docs/SERVER.md
// "Who sees what", "Sessions and accounts"): roles by fixed ids, the three region scopes
// (write, view, search), the account's state, and the server-side session and sign-in
// attempt records the store keeps. Value types only; the rules that use them are in
// app/accounts/.
//
// Scopes. Each scope is a region code (2, 4, 6, 9 or 12 digits: province … village);
// "this region and below" is a prefix test on the code. Narrowest by default: an account
// created with only a write scope views and searches exactly that region; a wider view or
// search scope must be given explicitly. Nesting is required: the view scope contains the
// write scope and the search scope contains the view scope (one cannot change what one
// cannot see; searching wider than one views is the duplicate-ID check of SERVER.md). An
// account without a scope (write, view and search all unset) sees nothing, never the
// whole tree.
//
// Times of sign-in and sessions are Unix seconds (UTC), passed in by the caller, never read
// from the clock here. Thread safety: value types, thread-compatible.
#ifndef JZ_CORE_ACCOUNT_RECORDS_H_
#define JZ_CORE_ACCOUNT_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

// What an account may do (issue 15 item 3). The values are stored; never renumber.
enum class Role : uint8_t {
  kAdmin = 1,       // 系统管理员: accounts and settings
  kApprover = 2,    // 县级审核 (认定/审核)
  kEntry = 3,       // 村级录入 (帮扶责任人, 驻村工作队)
  kViewer = 4,      // 查看
  kDepartment = 5,  // 行业部门: uploads its own feeds, sees only its uploads and their reports
  kInspector = 6,   // 核查人员: sees only the households sampled for its campaign
  kAuditor = 7,     // 审计: reads the audit log, nothing personal
};

// The state of an account. kLocked is set by too many failed sign-ins; only an
// administrator's Enable clears it.
enum class AccountState : uint8_t {
  kEnabled = 1,   // 正常
  kDisabled = 2,  // 停用 (by an administrator, or unused for too long)
  kLocked = 3,    // 锁定 (too many failed sign-ins)
};

template <>
struct CodeListTraits<Role> {
  static const internal::CodeList& List();
};
template <>
struct CodeListTraits<AccountState> {
  static const internal::CodeList& List();
};

// The fixed English id: "admin", "approver", "entry", "viewer", "department", "inspector",
// "auditor"; "enabled", "disabled", "locked". Parse<E>() accepts these and the labels.
std::string_view CliName(Role value);
std::string_view CliName(AccountState value);

// The three scopes of an account. Invariant (ResolveScopes): either all three are unset (the
// account sees nothing) or all are set with search ⊇ view ⊇ write.
struct AccountScopes {
  std::optional<RegionCode> write;
  std::optional<RegionCode> view;
  std::optional<RegionCode> search;

  // Whether `region` lies inside the scope (false when the scope is unset).
  static bool Inside(const std::optional<RegionCode>& scope, RegionCode region) {
    return scope.has_value() && scope->Contains(region);
  }
  friend bool operator==(const AccountScopes&, const AccountScopes&) = default;
};

// Fills the narrowest defaults (view = write, search = view) and checks the nesting.
// InvalidArgument naming both codes when view does not contain write or search does not
// contain view, or when view or search is given without write.
[[nodiscard]] StatusOr<AccountScopes> ResolveScopes(std::optional<RegionCode> write,
                                                    std::optional<RegionCode> view,
                                                    std::optional<RegionCode> search);

// Checks a username: 3 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter
// or digit (ASCII, so it is typed the same on every keyboard and never confused with a
// look-alike). InvalidArgument naming the text and the rule otherwise.
[[nodiscard]] Status CheckUsername(std::string_view username);

struct Account {
  int64_t id = 0;            // the store's id; 0 before it is stored
  std::string username;      // unique; CheckUsername
  std::string display_name;  // 姓名 as shown
  std::vector<Role> roles;   // at least one, each once, in code order
  AccountScopes scopes;
  AccountState state = AccountState::kEnabled;
  std::optional<Date> expires_on;              // the last day it may sign in; unset: permanent
  std::optional<int64_t> last_sign_in_unix_s;  // unset: never signed in
  bool password_change_required = false;       // set by a reset; cleared by a change
  std::string created_by;
  Date created_on;

  bool HasRole(Role role) const;
  friend bool operator==(const Account&, const Account&) = default;
};

// A server-side session. The token itself is never stored: only its SHA-256 (hex), so a
// copy of the database cannot be used to sign in.
struct AccountSession {
  std::string token_sha256;  // 64 lower-case hex digits
  std::string csrf_token;    // sent back with every state-changing request
  int64_t account_id = 0;
  std::string client_address;
  int64_t created_unix_s = 0;
  int64_t last_seen_unix_s = 0;
  friend bool operator==(const AccountSession&, const AccountSession&) = default;
};

// What one sign-in attempt came to; kCleared marks an administrator's unlock (Enable), after
// which earlier failures no longer count.
enum class SignInOutcome : uint8_t { kFailed = 0, kSucceeded = 1, kCleared = 2 };

struct SignInAttempt {
  std::string username;  // as typed (lower-cased), whether or not such an account exists
  std::string client_address;
  int64_t at_unix_s = 0;
  SignInOutcome outcome = SignInOutcome::kFailed;
};

// Recent failures, for throttling: how many and when the latest was.
struct FailureCount {
  int64_t failures = 0;
  int64_t last_failure_unix_s = 0;
};

}  // namespace jz

#endif  // JZ_CORE_ACCOUNT_RECORDS_H_
