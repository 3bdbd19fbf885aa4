// `jingzhun users` through the binary: the first administrator from stdin, list formats
// without secrets, and bad input (unknown role, bad region, weak password, no stdin, roster
// with bad rows) refused with the exit code of invalid arguments (3).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/testing/run_jingzhun.h"

namespace jz {
namespace {

using cli_testing::RunJingzhun;

class UsersCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("jz-users-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "db.sqlite").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  cli_testing::Result Add(const std::string& args, const std::string& password) {
    return RunJingzhun("--lang en users add " + db_ + " " + args + " --password-stdin",
                       "printf '%s\\n' '" + password + "' | ");
  }
  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(UsersCliTest, TheFirstAdministratorIsCreatedFromStdinAndListedWithoutSecrets) {
  cli_testing::Result r = Add("admin --role admin --region 22", "a long admin passphrase");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("added account admin (admin), write/view/search scope 22/22/22"), std::string::npos)
      << r.out;
  r =
      Add("cun01 --name 张三 --role entry --role viewer --region 222424100205 --view-region 222424 --expires "
          "2099-12-31",
          "village cadre phrase");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  r = RunJingzhun("users list " + db_ + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("cun01,张三,\"entry,viewer\",222424100205,222424,222424,enabled,2099-12-31,,0,no"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("argon2"), std::string::npos);
  r = RunJingzhun("users list " + db_ + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("\"username\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("argon2"), std::string::npos);
  r = RunJingzhun("--lang en users list " + db_);
  EXPECT_NE(r.out.find("admin"), std::string::npos) << r.out;
}

TEST_F(UsersCliTest, BadInputIsRefusedNamingWhatIsAccepted) {
  cli_testing::Result r = Add("u001 --role boss --region 22", "a long enough phrase");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("boss"), std::string::npos) << r.out;
  r = Add("u001 --role viewer --region 2224241", "a long enough phrase");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--region"), std::string::npos) << r.out;
  r = Add("u001 --role viewer --region 22", "short");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("at least 12 characters"), std::string::npos) << r.out;
  r = Add("u001 --role viewer --region 22", "password1234");
  EXPECT_NE(r.out.find("common password"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en users add " + db_ + " u001 --role viewer --region 22");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--password-stdin"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en users add " + db_ + " u001 --role viewer --region 22 --password-stdin",
                  "true | ");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("no password on standard input"), std::string::npos) << r.out;
}

TEST_F(UsersCliTest, DisableEnableResetAndUnknownUser) {
  ASSERT_EQ(Add("wangwu --role viewer --region 222424", "wang wu passphrase").exit_code, 0);
  cli_testing::Result r = RunJingzhun("--lang en users disable " + db_ + " wangwu");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(RunJingzhun("users list " + db_ + " --format csv").out.find("disabled"), std::string::npos);
  ASSERT_EQ(RunJingzhun("users enable " + db_ + " wangwu").exit_code, 0);
  r = RunJingzhun("--lang en users reset-password " + db_ + " wangwu --password-stdin",
                  "printf 'temporary passphrase\\n' | ");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(RunJingzhun("users list " + db_ + " --format csv").out.find(",yes"), std::string::npos);
  r = RunJingzhun("--lang en users disable " + db_ + " nobody");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("no user nobody"), std::string::npos) << r.out;
}

TEST_F(UsersCliTest, RosterImportPrintsInitialPasswordsOrEveryBadRow) {
  const std::string good = (dir_ / "roster.csv").string();
  std::ofstream(good)
      << "用户名,姓名,角色,区划代码\ncun01,张三,entry,222424100205\ncun02,李四,entry,222424100206\n";
  cli_testing::Result r = RunJingzhun("users import " + db_ + " " + good + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("cun02,"), std::string::npos) << r.out;
  const std::string bad = (dir_ / "bad.csv").string();
  std::ofstream(bad) << "username,display_name,roles,region\nok01,好人,viewer,22\nbad01,坏,boss,22\n";
  r = RunJingzhun("--lang en users import " + db_ + " " + bad);
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("bad.csv: row 3 roles 'boss'"), std::string::npos) << r.out;
  EXPECT_EQ(RunJingzhun("users list " + db_ + " --format csv").out.find("ok01"), std::string::npos);
}

}  // namespace
}  // namespace jz
