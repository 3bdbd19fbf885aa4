// The account part of the store conformance suite (account_store.h): written against
// AccountStore, run for every back end instantiated in the store tests.
#include <gtest/gtest.h>

#include "store/store_conformance_test.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

// A syntactically plausible argon2id string; the store keeps it as given.
constexpr std::string_view kHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

NewAccount MakeAccount(std::string username, const char* region = "222424100205") {
  NewAccount n;
  n.account.username = std::move(username);
  n.account.display_name = "张三";
  n.account.roles = {Role::kEntry, Role::kViewer};
  n.account.scopes = *ResolveScopes(*RegionCode::Parse(region), std::nullopt, *RegionCode::Parse("22"));
  n.account.expires_on = *Date::FromYmd(2026, 12, 31);
  n.account.created_by = "admin";
  n.account.created_on = *Date::FromYmd(2025, 1, 2);
  n.password_hash = std::string(kHash);
  return n;
}

AccountSession MakeSession(int64_t account_id, char fill, int64_t at) {
  return AccountSession{
      std::string(64, fill), "csrf-" + std::string(1, fill), account_id, "10.0.0.1", at, at};
}

TEST_P(StoreConformance, AccountsRoundTripWithRolesScopesAndHash) {
  auto store = Open();
  AccountStore& accounts = store->accounts();
  const std::vector<NewAccount> batch = {MakeAccount("zhangsan"), MakeAccount("admin", "22")};
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> ids, accounts.CreateAccounts(batch));
  ASSERT_EQ(ids.size(), 2u);
  ASSERT_OK_AND_ASSIGN(std::optional<Account> loaded, accounts.FindAccount("zhangsan"));
  ASSERT_TRUE(loaded.has_value());
  Account expected = batch[0].account;
  expected.id = ids[0];
  EXPECT_EQ(*loaded, expected);
  ASSERT_OK_AND_ASSIGN(std::optional<Account> by_id, accounts.FindAccountById(ids[1]));
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->username, "admin");
  EXPECT_EQ(*by_id->scopes.write, *RegionCode::Parse("22"));
  ASSERT_OK_AND_ASSIGN(std::string hash, accounts.PasswordHash(ids[0]));
  EXPECT_EQ(hash, kHash);
  ASSERT_OK_AND_ASSIGN(std::vector<Account> all, accounts.ListAccounts());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].username, "admin");  // by username
  ASSERT_OK_AND_ASSIGN(std::optional<Account> none, accounts.FindAccount("nobody"));
  EXPECT_FALSE(none.has_value());
}

TEST_P(StoreConformance, AccountWithoutScopeIsStoredWithoutScope) {
  auto store = Open();
  NewAccount n = MakeAccount("auditor1");
  n.account.scopes = {};
  n.account.roles = {Role::kAuditor};
  ASSERT_OK(store->accounts().CreateAccounts(std::span(&n, 1)));
  ASSERT_OK_AND_ASSIGN(std::optional<Account> loaded, store->accounts().FindAccount("auditor1"));
  ASSERT_TRUE(loaded.has_value());
  EXPECT_FALSE(loaded->scopes.write.has_value());
  EXPECT_FALSE(loaded->scopes.search.has_value());
}

TEST_P(StoreConformance, AccountBatchWithATakenOrRepeatedNameStoresNothing) {
  auto store = Open();
  const std::vector<NewAccount> repeated = {MakeAccount("a1b"), MakeAccount("c2d"), MakeAccount("a1b")};
  EXPECT_STATUS(store->accounts().CreateAccounts(repeated), StatusCode::kAlreadyExists, "a1b");
  ASSERT_OK_AND_ASSIGN(std::vector<Account> all, store->accounts().ListAccounts());
  EXPECT_TRUE(all.empty());
  NewAccount no_role = MakeAccount("e3f");
  no_role.account.roles.clear();
  EXPECT_STATUS(store->accounts().CreateAccounts(std::span(&no_role, 1)), StatusCode::kInvalidArgument,
                "e3f");
}

TEST_P(StoreConformance, AccountStatePasswordAndSignInAreUpdated) {
  auto store = Open();
  AccountStore& accounts = store->accounts();
  const NewAccount n = MakeAccount("lisi");
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> ids, accounts.CreateAccounts(std::span(&n, 1)));
  ASSERT_OK(accounts.SetState(ids[0], AccountState::kLocked));
  const std::string new_hash = std::string(kHash) + "x";
  ASSERT_OK(accounts.SetPassword(ids[0], new_hash, true));
  ASSERT_OK(accounts.RecordSignIn(ids[0], 1'700'000'000));
  ASSERT_OK_AND_ASSIGN(std::optional<Account> a, accounts.FindAccountById(ids[0]));
  EXPECT_EQ(a->state, AccountState::kLocked);
  EXPECT_TRUE(a->password_change_required);
  EXPECT_EQ(a->last_sign_in_unix_s, 1'700'000'000);
  ASSERT_OK_AND_ASSIGN(std::string hash, accounts.PasswordHash(ids[0]));
  EXPECT_EQ(hash, new_hash);
  EXPECT_STATUS(accounts.SetState(ids[0] + 100, AccountState::kEnabled), StatusCode::kNotFound, "");
  EXPECT_STATUS(accounts.PasswordHash(ids[0] + 100), StatusCode::kNotFound, "");
}

TEST_P(StoreConformance, SessionsAreFoundTouchedAndEnded) {
  auto store = Open();
  AccountStore& accounts = store->accounts();
  const NewAccount n = MakeAccount("wangwu");
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> ids, accounts.CreateAccounts(std::span(&n, 1)));
  ASSERT_OK(accounts.CreateSession(MakeSession(ids[0], 'a', 100)));
  ASSERT_OK(accounts.CreateSession(MakeSession(ids[0], 'b', 200)));
  ASSERT_OK(accounts.CreateSession(MakeSession(ids[0], 'c', 300)));
  EXPECT_STATUS(accounts.CreateSession(MakeSession(ids[0], 'a', 400)), StatusCode::kAlreadyExists, "");
  EXPECT_STATUS(accounts.CreateSession(MakeSession(ids[0] + 1, 'd', 400)), StatusCode::kNotFound, "");

  ASSERT_OK(accounts.TouchSession(std::string(64, 'a'), 150));
  ASSERT_OK_AND_ASSIGN(std::optional<AccountSession> a, accounts.FindSession(std::string(64, 'a')));
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->last_seen_unix_s, 150);
  EXPECT_EQ(a->created_unix_s, 100);
  EXPECT_EQ(a->csrf_token, "csrf-a");

  ASSERT_OK(accounts.DeleteSession(std::string(64, 'c')));
  ASSERT_OK(accounts.DeleteSession(std::string(64, 'c')));  // already gone: not an error
  ASSERT_OK_AND_ASSIGN(std::vector<AccountSession> left, accounts.ListSessions(ids[0]));
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].token_sha256, std::string(64, 'a'));

  const std::string keep(64, 'b');
  ASSERT_OK_AND_ASSIGN(int64_t removed, accounts.DeleteSessionsOf(ids[0], keep));
  EXPECT_EQ(removed, 1);
  ASSERT_OK_AND_ASSIGN(left, accounts.ListSessions(ids[0]));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].token_sha256, keep);
  ASSERT_OK_AND_ASSIGN(removed, accounts.DeleteSessionsOf(ids[0], std::nullopt));
  EXPECT_EQ(removed, 1);
}

TEST_P(StoreConformance, FailuresCountSinceTheLatestSuccessOrClearing) {
  auto store = Open();
  AccountStore& accounts = store->accounts();
  auto attempt = [&](const char* user, const char* address, int64_t at, SignInOutcome outcome) {
    ASSERT_OK(accounts.RecordAttempt({user, address, at, outcome}));
  };
  attempt("u1", "1.1.1.1", 10, SignInOutcome::kFailed);
  attempt("u1", "1.1.1.1", 20, SignInOutcome::kSucceeded);
  attempt("u1", "1.1.1.1", 30, SignInOutcome::kFailed);
  attempt("u1", "2.2.2.2", 40, SignInOutcome::kFailed);
  attempt("u2", "1.1.1.1", 50, SignInOutcome::kFailed);
  ASSERT_OK_AND_ASSIGN(FailureCount u1, accounts.ConsecutiveFailures("u1"));
  EXPECT_EQ(u1.failures, 2);
  EXPECT_EQ(u1.last_failure_unix_s, 40);
  ASSERT_OK_AND_ASSIGN(FailureCount address, accounts.AddressFailuresSince("1.1.1.1", 15));
  EXPECT_EQ(address.failures, 2);  // 30 and 50; the one at 10 is before the window
  EXPECT_EQ(address.last_failure_unix_s, 50);
  attempt("u1", "1.1.1.1", 60, SignInOutcome::kCleared);
  ASSERT_OK_AND_ASSIGN(u1, accounts.ConsecutiveFailures("u1"));
  EXPECT_EQ(u1.failures, 0);
  ASSERT_OK_AND_ASSIGN(FailureCount nobody, accounts.ConsecutiveFailures("nobody"));
  EXPECT_EQ(nobody.failures, 0);
}

}  // namespace
}  // namespace jz
