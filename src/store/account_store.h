// Accounts, their roles and scopes, server-side sessions and sign-in attempts in the store
// (core/account_records.h; migration 9). Reached through Store::accounts(). Passwords are
// kept only as argon2id hash strings and session tokens only as their SHA-256: the store
// never sees a secret it could leak. The rules (password policy, throttling, timeouts) are
// in app/accounts; the store keeps and finds records.
//
// Every mutating call is one transaction. Thread safety: as Store (one thread at a time).
#ifndef JZ_STORE_ACCOUNT_STORE_H_
#define JZ_STORE_ACCOUNT_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/account_records.h"
#include "core/status.h"

namespace jz {

// An account to create with its password hash (an argon2id string from libsodium).
struct NewAccount {
  Account account;  // id ignored
  std::string password_hash;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Stores the accounts in one transaction (all or nothing) and returns their ids in order.
  // AlreadyExists naming the username when one is taken (or repeated in `accounts`);
  // InvalidArgument naming the username when it has no role or no password hash.
  [[nodiscard]] virtual StatusOr<std::vector<int64_t>> CreateAccounts(
      std::span<const NewAccount> accounts) = 0;
  // The account with `username` (or `id`), roles in code order, or nullopt.
  [[nodiscard]] virtual StatusOr<std::optional<Account>> FindAccount(std::string_view username) = 0;
  [[nodiscard]] virtual StatusOr<std::optional<Account>> FindAccountById(int64_t id) = 0;
  // Every account, by username.
  [[nodiscard]] virtual StatusOr<std::vector<Account>> ListAccounts() = 0;
  // The stored password hash of account `id`. NotFound when there is no such account.
  [[nodiscard]] virtual StatusOr<std::string> PasswordHash(int64_t id) = 0;

  // Each NotFound when there is no account `id`.
  [[nodiscard]] virtual Status SetState(int64_t id, AccountState state) = 0;
  [[nodiscard]] virtual Status SetPassword(int64_t id, std::string_view password_hash,
                                           bool change_required) = 0;
  [[nodiscard]] virtual Status RecordSignIn(int64_t id, int64_t at_unix_s) = 0;

  // Sessions. CreateSession: AlreadyExists when the token hash is taken (a broken random
  // source), NotFound when the account does not exist.
  [[nodiscard]] virtual Status CreateSession(const AccountSession& session) = 0;
  [[nodiscard]] virtual StatusOr<std::optional<AccountSession>> FindSession(
      std::string_view token_sha256) = 0;
  [[nodiscard]] virtual Status TouchSession(std::string_view token_sha256, int64_t at_unix_s) = 0;
  // Removes one session; removing one that does not exist is not an error.
  [[nodiscard]] virtual Status DeleteSession(std::string_view token_sha256) = 0;
  // Removes every session of `account_id` except `keep_sha256` (when given); returns how many.
  [[nodiscard]] virtual StatusOr<int64_t> DeleteSessionsOf(int64_t account_id,
                                                           std::optional<std::string_view> keep_sha256) = 0;
  // The sessions of `account_id`, oldest first.
  [[nodiscard]] virtual StatusOr<std::vector<AccountSession>> ListSessions(int64_t account_id) = 0;

  // Sign-in attempts (append-only).
  [[nodiscard]] virtual Status RecordAttempt(const SignInAttempt& attempt) = 0;
  // Failures for `username` after its latest success or clearing (consecutive failures).
  [[nodiscard]] virtual StatusOr<FailureCount> ConsecutiveFailures(std::string_view username) = 0;
  // Failures from `client_address` at or after `since_unix_s`, any username.
  [[nodiscard]] virtual StatusOr<FailureCount> AddressFailuresSince(std::string_view client_address,
                                                                    int64_t since_unix_s) = 0;
};

}  // namespace jz

#endif  // JZ_STORE_ACCOUNT_STORE_H_
