// User administration: passwords, scopes, disable/enable, reset, roster import.
#include "app/accounts/account_requests.h"

#include <fstream>

#include "app/accounts/internal/accounts_test_fixture.h"
#include "store/store.h"

namespace jz::testing {
namespace {

TEST_F(AccountsTest, AddsAUserWithNarrowestDefaultScopesAndAnArgon2idHash) {
  ASSERT_OK_AND_ASSIGN(Account a, AddUser(*ws_, Request("ZhangSan")));
  EXPECT_EQ(a.username, "zhangsan");
  EXPECT_EQ(*a.scopes.view, *RegionCode::Parse("222424100205"));
  EXPECT_EQ(*a.scopes.search, *RegionCode::Parse("222424100205"));
  ASSERT_OK_AND_ASSIGN(std::string hash, ws_->store().accounts().PasswordHash(a.id));
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=19456,t=2,")) << hash;
  EXPECT_EQ(hash.find(kGoodPassword), std::string::npos);
}

TEST_F(AccountsTest, RefusesWeakPasswordsSayingWhy) {
  struct Case {
    std::string password;
    std::string says;
  };
  const Case cases[] = {{"short-pw", "12"},
                        {"zhangsan1234", "username"},
                        {"ZHANGSAN1234", "username"},
                        {"aaaaaaaaaaaaaa", "repeat"},
                        {"password1234", "common"},
                        {"Qwertyuiop123", "common"},
                        {std::string(300, 'x') + "y", "256"}};
  for (const Case& c : cases) {
    AddUserRequest r = Request("zhangsan1234");
    r.password = c.password;
    SCOPED_TRACE(c.password);
    EXPECT_STATUS(AddUser(*ws_, r), StatusCode::kInvalidArgument, c.says);
  }
  AddUserRequest r = Request("zhangsan1234");
  r.password = "长城长城长城长城长城长城";  // 12 characters, 36 bytes: long enough, no symbols needed
  EXPECT_OK(AddUser(*ws_, r));
}

TEST_F(AccountsTest, RefusesBadNamesRolesScopesAndTakenNames) {
  AddUserRequest r = Request("ab");
  EXPECT_STATUS(AddUser(*ws_, r), StatusCode::kInvalidArgument, "3 to 64");
  r = Request("lisi");
  r.roles.clear();
  EXPECT_STATUS(AddUser(*ws_, r), StatusCode::kInvalidArgument, "role");
  r = Request("lisi");
  r.view_region = *RegionCode::Parse("222426");  // another county: does not contain the village
  EXPECT_STATUS(AddUser(*ws_, r), StatusCode::kInvalidArgument, "view scope 222426 must contain");
  r = Request("lisi");
  r.view_region = *RegionCode::Parse("222424");
  r.search_region = *RegionCode::Parse("222424100");
  EXPECT_STATUS(AddUser(*ws_, r), StatusCode::kInvalidArgument, "search scope 222424100 must contain");
  r = Request("lisi");
  r.expires_on = *Date::FromYmd(2025, 6, 1);
  EXPECT_STATUS(AddUser(*ws_, r), StatusCode::kInvalidArgument, "before today");
  ASSERT_OK(AddUser(*ws_, Request("lisi")));
  EXPECT_STATUS(AddUser(*ws_, Request("LiSi")), StatusCode::kAlreadyExists, "lisi");
}

TEST_F(AccountsTest, AnAccountWithoutARegionHasNoScope) {
  AddUserRequest r = Request("auditor");
  r.region.reset();
  r.roles = {Role::kAuditor};
  ASSERT_OK_AND_ASSIGN(Account a, AddUser(*ws_, r));
  EXPECT_FALSE(a.scopes.write || a.scopes.view || a.scopes.search);
  EXPECT_FALSE(AccountScopes::Inside(a.scopes.view, *RegionCode::Parse("222424100205")));
  r = Request("auditor2");
  r.region.reset();
  r.view_region = *RegionCode::Parse("22");
  EXPECT_STATUS(AddUser(*ws_, r), StatusCode::kInvalidArgument, "needs a write scope");
}

TEST_F(AccountsTest, ListNeverCarriesSecretsAndShowsLastSignIn) {
  ASSERT_OK(AddUser(*ws_, Request("wangwu")));
  ASSERT_OK(SignInAs("wangwu", kGoodPassword));
  ASSERT_OK_AND_ASSIGN(std::vector<UserSummary> all, ListUsers(*ws_));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].last_sign_in, "2025-06-02 10:00");
  EXPECT_EQ(all[0].sessions, 1);
}

TEST_F(AccountsTest, DisableEndsSessionsAndEnableAllowsSigningInAgain) {
  ASSERT_OK(AddUser(*ws_, Request("zhaoliu")));
  ASSERT_OK_AND_ASSIGN(SignInResult s, SignInAs("zhaoliu", kGoodPassword));
  ASSERT_OK(DisableUser(*ws_, {"zhaoliu", kNow}));
  EXPECT_STATUS(ValidateSession(*ws_, {s.token, kNow + 1}), StatusCode::kPermissionDenied, "signed out");
  EXPECT_STATUS(SignInAs("zhaoliu", kGoodPassword), StatusCode::kPermissionDenied, "disabled");
  ASSERT_OK(EnableUser(*ws_, {"zhaoliu", kNow}));
  EXPECT_OK(SignInAs("zhaoliu", kGoodPassword));
  EXPECT_STATUS(DisableUser(*ws_, {"nobody", kNow}), StatusCode::kNotFound, "nobody");
}

TEST_F(AccountsTest, ResetForcesAChangeAndEndsSessions) {
  ASSERT_OK(AddUser(*ws_, Request("sunqi")));
  ASSERT_OK_AND_ASSIGN(SignInResult before, SignInAs("sunqi", kGoodPassword));
  EXPECT_FALSE(before.password_change_required);
  EXPECT_STATUS(ResetPassword(*ws_, {"sunqi", "short"}), StatusCode::kInvalidArgument, "12");
  ASSERT_OK(ResetPassword(*ws_, {"sunqi", "a new temporary phrase"}));
  EXPECT_STATUS(ValidateSession(*ws_, {before.token, kNow + 1}), StatusCode::kPermissionDenied, "");
  EXPECT_STATUS(SignInAs("sunqi", kGoodPassword, kNow + 2), StatusCode::kPermissionDenied, "wrong");
  ASSERT_OK_AND_ASSIGN(SignInResult after, SignInAs("sunqi", "a new temporary phrase", kNow + 3));
  EXPECT_TRUE(after.password_change_required);
  ASSERT_OK(ChangePassword(*ws_, {after.token, "a new temporary phrase", "my own long phrase", kNow + 4}));
  ASSERT_OK_AND_ASSIGN(SignInResult changed, SignInAs("sunqi", "my own long phrase", kNow + 5));
  EXPECT_FALSE(changed.password_change_required);
}

class RosterTest : public AccountsTest {
 protected:
  std::string Write(const std::string& text) {
    const std::string path = ::testing::TempDir() + "/roster-" +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv";
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(RosterTest, ImportsEveryRowWithARandomPasswordToChange) {
  const std::string path = Write(
      "用户名,姓名,角色,区划代码,查看范围,有效期至\n"
      "cun01,张三,entry、viewer,222424100205,,2026-12-31\n"
      "xian01,李四,approver,222424,22,\n");
  ASSERT_OK_AND_ASSIGN(ImportUsersResult r, ImportUsers(*ws_, {path, "admin"}));
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.created.size(), 2u);
  EXPECT_EQ(r.created[0].initial_password.size(), 16u);
  EXPECT_NE(r.created[0].initial_password, r.created[1].initial_password);
  ASSERT_OK_AND_ASSIGN(SignInResult s, SignInAs("cun01", r.created[0].initial_password));
  EXPECT_TRUE(s.password_change_required);
  EXPECT_EQ(s.account.roles, (std::vector<Role>{Role::kEntry, Role::kViewer}));
  EXPECT_EQ(*s.account.expires_on, *Date::FromYmd(2026, 12, 31));
  ASSERT_OK_AND_ASSIGN(std::optional<Account> xian, ws_->store().accounts().FindAccount("xian01"));
  EXPECT_EQ(*xian->scopes.view, *RegionCode::Parse("22"));
}

TEST_F(RosterTest, BadRowsAreNamedByFileRowAndFieldAndNothingIsStored) {
  ASSERT_OK(AddUser(*ws_, Request("taken")));
  const std::string path = Write(
      "username,display_name,roles,region,expires\n"
      "ok01,好人,viewer,222424,\n"
      "bad01,坏角色,boss,222424,\n"
      "bad02,坏区划,viewer,2224241,\n"
      "bad03,坏日期,viewer,222424,2025-13-01\n"
      "taken,已有,viewer,222424,\n"
      "ok01,重复,viewer,222424,\n");
  ASSERT_OK_AND_ASSIGN(ImportUsersResult r, ImportUsers(*ws_, {path, "admin"}));
  EXPECT_TRUE(r.created.empty());
  ASSERT_EQ(r.errors.size(), 5u);
  EXPECT_EQ(r.errors[0].row, 3);
  EXPECT_EQ(r.errors[0].field, "roles");
  EXPECT_EQ(r.errors[0].value, "boss");
  EXPECT_EQ(r.errors[1].field, "region");
  EXPECT_EQ(r.errors[2].field, "expires");
  EXPECT_EQ(r.errors[3].field, "username");
  EXPECT_NE(r.errors[3].message.find("taken"), std::string::npos);
  EXPECT_EQ(r.errors[4].row, 7);
  EXPECT_NE(r.errors[4].message.find("repeats row 2"), std::string::npos);
  EXPECT_EQ(r.errors[0].file, path);
  ASSERT_OK_AND_ASSIGN(std::optional<Account> ok, ws_->store().accounts().FindAccount("ok01"));
  EXPECT_FALSE(ok.has_value()) << "all or nothing";
}

TEST_F(RosterTest, AMissingColumnIsRefusedNamingIt) {
  const std::string path = Write("username,display_name,region\nok01,好人,222424\n");
  EXPECT_STATUS(ImportUsers(*ws_, {path, "admin"}), StatusCode::kInvalidArgument, "roles");
}

}  // namespace
}  // namespace jz::testing
