// Test support for the account tests: a workspace over an in-memory store, dated 2025-06-02.
#ifndef JZ_APP_ACCOUNTS_INTERNAL_ACCOUNTS_TEST_FIXTURE_H_
#define JZ_APP_ACCOUNTS_INTERNAL_ACCOUNTS_TEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>

#include "app/accounts/account_requests.h"
#include "app/workspace.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testutil/status_matchers.h"

namespace jz::testing {

// 2025-06-02 10:00 China Standard Time.
inline constexpr int64_t kNow = 1'748'829'600;
inline constexpr std::string_view kGoodPassword = "correct horse battery";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(":memory:");
    ASSERT_OK(store.status());
    ws_ = Workspace::Over(std::move(*store), *Date::FromYmd(2025, 6, 2));
  }
  AddUserRequest Request(std::string name, const char* region = "222424100205") {
    AddUserRequest r;
    r.username = std::move(name);
    r.roles = {Role::kEntry};
    r.region = *RegionCode::Parse(region);
    r.password = std::string(kGoodPassword);
    return r;
  }
  StatusOr<SignInResult> SignInAs(const std::string& name, std::string_view password, int64_t now = kNow,
                                  const std::string& address = "10.0.0.1") {
    return SignIn(*ws_, {name, std::string(password), address, now});
  }
  std::unique_ptr<Workspace> ws_;
};

}  // namespace jz::testing

#endif  // JZ_APP_ACCOUNTS_INTERNAL_ACCOUNTS_TEST_FIXTURE_H_
