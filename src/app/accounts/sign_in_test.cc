// The sign-in core: refusals that tell nothing, throttling with growing delays, lockout,
// expiry, inactivity, session timeouts, and a password change ending other sessions.
#include "app/accounts/internal/accounts_test_fixture.h"
#include "store/store.h"

namespace jz::testing {
namespace {

TEST_F(AccountsTest, SignInGivesATokenStoredOnlyAsItsHash) {
  ASSERT_OK_AND_ASSIGN(Account a, AddUser(*ws_, Request("zhangsan")));
  ASSERT_OK_AND_ASSIGN(SignInResult s, SignInAs("ZhangSan", kGoodPassword));
  EXPECT_EQ(s.token.size(), 64u);
  EXPECT_EQ(s.csrf_token.size(), 64u);
  EXPECT_NE(s.token, s.csrf_token);
  EXPECT_EQ(s.idle_expires_unix_s, kNow + kSessionIdleSeconds);
  ASSERT_OK_AND_ASSIGN(std::vector<AccountSession> stored, ws_->store().accounts().ListSessions(a.id));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_NE(stored[0].token_sha256, s.token);
  ASSERT_OK_AND_ASSIGN(SessionInfo info, ValidateSession(*ws_, {s.token, kNow + 60}));
  EXPECT_EQ(info.account.username, "zhangsan");
  EXPECT_EQ(info.csrf_token, s.csrf_token);
  EXPECT_EQ(*info.account.scopes.write, *RegionCode::Parse("222424100205"));
  EXPECT_STATUS(ValidateSession(*ws_, {stored[0].token_sha256, kNow + 60}), StatusCode::kPermissionDenied,
                "signed out");
}

TEST_F(AccountsTest, UnknownUserAndWrongPasswordAreRefusedAlike) {
  ASSERT_OK(AddUser(*ws_, Request("zhangsan")));
  const Status unknown = SignInAs("nosuchuser", kGoodPassword).status();
  const Status wrong = SignInAs("zhangsan", "not the password at all").status();
  EXPECT_EQ(unknown.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(unknown, wrong);
}

TEST_F(AccountsTest, FailuresGrowTheWaitAndLockTheAccount) {
  ASSERT_OK_AND_ASSIGN(Account a, AddUser(*ws_, Request("lisi")));
  int64_t now = kNow;
  for (int i = 0; i < 3; ++i) {  // the free failures: no wait
    EXPECT_STATUS(SignInAs("lisi", "wrong password!", now), StatusCode::kPermissionDenied, "wrong");
  }
  // After 3 failures the next attempt waits 1 s, then 2 s, 4 s …: each refused while waiting.
  std::vector<int64_t> waits;
  for (int failures = 3; failures < kSignInLockFailures - 1; ++failures) {
    const Status early = SignInAs("lisi", std::string(kGoodPassword), now).status();
    EXPECT_EQ(early.code(), StatusCode::kUnavailable) << early;
    int64_t wait = 1;
    while (
        !SignInAs("lisi", "probe password", now + wait).status().message().starts_with("用户名或密码错误")) {
      ++wait;
      ASSERT_LT(wait, 1000);
    }
    waits.push_back(wait);
    now += wait;
  }
  EXPECT_EQ(waits, (std::vector<int64_t>{1, 2, 4, 8, 16, 32}));
  // The tenth failure locks the account, and it is told so, even with the right password.
  EXPECT_STATUS(SignInAs("lisi", "wrong password!", now + 1000), StatusCode::kPermissionDenied, "locked");
  EXPECT_STATUS(SignInAs("lisi", kGoodPassword, now + 5000), StatusCode::kPermissionDenied, "locked");
  ASSERT_OK_AND_ASSIGN(std::optional<Account> stored, ws_->store().accounts().FindAccount("lisi"));
  EXPECT_EQ(stored->state, AccountState::kLocked);  // the administrator sees it
  ASSERT_OK(EnableUser(*ws_, {"lisi", now + 6000}));
  EXPECT_OK(SignInAs("lisi", kGoodPassword, now + 6001));
  (void)a;
}

TEST_F(AccountsTest, RetryAfterTellsTheSecondsLeftOfTheWait) {
  ASSERT_OK(AddUser(*ws_, Request("wangwu")));
  auto retry_after = [this](const std::string& name, int64_t now) {
    StatusOr<int64_t> wait = SignInRetryAfterSeconds(*ws_, {name, "", "10.0.0.1", now});
    return wait.ok() ? *wait : -1;
  };
  EXPECT_EQ(retry_after("wangwu", kNow), 0);
  for (int i = 0; i < 3; ++i) (void)SignInAs("wangwu", "wrong password!", kNow);  // free failures
  EXPECT_EQ(retry_after("WangWu", kNow), 1);
  (void)SignInAs("wangwu", "wrong password!", kNow + 1);  // the 4th failure: 2 s from now on
  EXPECT_EQ(retry_after("wangwu", kNow + 1), 2);
  EXPECT_EQ(retry_after("wangwu", kNow + 2), 1);
  EXPECT_EQ(retry_after("wangwu", kNow + 3), 0);
  EXPECT_EQ(retry_after("other", kNow), 0);
}

TEST_F(AccountsTest, AnUnknownNameIsThrottledAndLockedLikeAKnownOne) {
  for (int i = 0; i < kSignInLockFailures; ++i) {
    (void)SignInAs("ghost", "wrong password!", kNow + i * 100'000);
  }
  EXPECT_STATUS(SignInAs("ghost", "wrong password!", kNow + 10'000'000), StatusCode::kPermissionDenied,
                "locked");
}

TEST_F(AccountsTest, OneAddressSprayingManyNamesIsThrottled) {
  ASSERT_OK(AddUser(*ws_, Request("victim")));
  for (int i = 0; i < kSignInAddressFreeFailures; ++i) {
    (void)SignInAs("user" + std::to_string(i), "wrong password!", kNow, "192.0.2.7");
  }
  EXPECT_STATUS(SignInAs("victim", kGoodPassword, kNow, "192.0.2.7"), StatusCode::kUnavailable, "try again");
  EXPECT_OK(SignInAs("victim", kGoodPassword, kNow, "192.0.2.8"));  // another address is not held up
  EXPECT_OK(SignInAs("victim", kGoodPassword, kNow + kSignInAddressWindowSeconds + 1, "192.0.2.7"));
}

TEST_F(AccountsTest, ExpiredAndUnusedAccountsAreRefusedOnlyToTheRightPassword) {
  AddUserRequest r = Request("temp");
  r.expires_on = *Date::FromYmd(2025, 6, 30);
  ASSERT_OK(AddUser(*ws_, r));
  const int64_t july_first = kNow + 29 * 86400;
  EXPECT_OK(SignInAs("temp", kGoodPassword, july_first - 86400));  // 30 June: the last day
  EXPECT_STATUS(SignInAs("temp", kGoodPassword, july_first), StatusCode::kPermissionDenied,
                "expired on 2025-06-30");
  EXPECT_STATUS(SignInAs("temp", "wrong password!", july_first), StatusCode::kPermissionDenied, "wrong");

  ASSERT_OK(AddUser(*ws_, Request("idle")));
  const int64_t later = kNow + int64_t{kAccountInactiveDays + 1} * 86400;
  EXPECT_STATUS(SignInAs("idle", kGoodPassword, later), StatusCode::kPermissionDenied,
                "unused for more than 90");
  ASSERT_OK_AND_ASSIGN(std::optional<Account> idle, ws_->store().accounts().FindAccount("idle"));
  EXPECT_EQ(idle->state, AccountState::kDisabled);
  ASSERT_OK(AddUser(*ws_, Request("shortidle")));
  EXPECT_STATUS(SignIn(*ws_, {"shortidle", std::string(kGoodPassword), "10.0.0.1", kNow + 8 * 86400, 7}),
                StatusCode::kPermissionDenied, "unused for more than 7");
}

TEST_F(AccountsTest, SessionsEndWhenIdleOrTooOld) {
  ASSERT_OK(AddUser(*ws_, Request("wangwu")));
  ASSERT_OK_AND_ASSIGN(SignInResult idle, SignInAs("wangwu", kGoodPassword));
  EXPECT_STATUS(ValidateSession(*ws_, {idle.token, kNow + kSessionIdleSeconds + 1}),
                StatusCode::kPermissionDenied, "expired");
  ASSERT_OK_AND_ASSIGN(SignInResult busy, SignInAs("wangwu", kGoodPassword));
  int64_t t = kNow;
  while (t + kSessionIdleSeconds / 2 <= kNow + kSessionAbsoluteSeconds) {  // used every quarter hour
    t += kSessionIdleSeconds / 2;
    ASSERT_OK(ValidateSession(*ws_, {busy.token, t}));
  }
  EXPECT_STATUS(ValidateSession(*ws_, {busy.token, kNow + kSessionAbsoluteSeconds + 1}),
                StatusCode::kPermissionDenied, "expired");
  ASSERT_OK_AND_ASSIGN(SignInResult out, SignInAs("wangwu", kGoodPassword));
  ASSERT_OK(SignOut(*ws_, {out.token, kNow}));
  ASSERT_OK(SignOut(*ws_, {out.token, kNow}));
  EXPECT_STATUS(ValidateSession(*ws_, {out.token, kNow}), StatusCode::kPermissionDenied, "");
}

TEST_F(AccountsTest, ChangingThePasswordEndsTheOtherSessions) {
  ASSERT_OK(AddUser(*ws_, Request("zhaoliu")));
  ASSERT_OK_AND_ASSIGN(SignInResult phone, SignInAs("zhaoliu", kGoodPassword));
  ASSERT_OK_AND_ASSIGN(SignInResult desk, SignInAs("zhaoliu", kGoodPassword));
  EXPECT_STATUS(ChangePassword(*ws_, {desk.token, "not my password", "a brand new phrase", kNow}),
                StatusCode::kPermissionDenied, "current password");
  EXPECT_STATUS(ChangePassword(*ws_, {desk.token, std::string(kGoodPassword), "zhaoliu", kNow}),
                StatusCode::kInvalidArgument, "12");
  ASSERT_OK_AND_ASSIGN(int64_t ended, ChangePassword(*ws_, {desk.token, std::string(kGoodPassword),
                                                            "a brand new phrase", kNow}));
  EXPECT_EQ(ended, 1);
  EXPECT_OK(ValidateSession(*ws_, {desk.token, kNow + 1}));
  EXPECT_STATUS(ValidateSession(*ws_, {phone.token, kNow + 1}), StatusCode::kPermissionDenied, "");
}

}  // namespace
}  // namespace jz::testing
