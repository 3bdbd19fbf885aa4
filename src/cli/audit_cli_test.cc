// End-to-end test of `jingzhun audit` through the binary: verify's exit codes and messages on
// an intact log, after an edit, a deletion and a swap made with the sqlite3 tool, and against a
// noted head after the tail is cut; list's filters, paging and formats; bad input refused.
// Entries are recorded through the app API: no CLI command records any yet.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/audit/audit_log.h"
#include "app/workspace.h"
#include "cli/testing/run_jingzhun.h"

namespace {

using jz::cli_testing::Result;
using jz::cli_testing::RunJingzhun;

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("jz-audit-cli-{}", ::getpid());
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "j.db").string();
    auto ws = jz::Workspace::Open({.db_path = db_, .create_if_missing = true, .for_writing = true});
    ASSERT_TRUE(ws.ok()) << ws.status();
    for (int i = 1; i <= 5; ++i) {
      jz::AuditRecordRequest r;
      r.actor = i % 2 == 1 ? "wang" : "li";
      r.action = std::string(jz::audit_action::kHouseholdOpen);
      r.object = fmt::format("222424100205000{}", i);
      r.region = *jz::RegionCode::Parse(i <= 3 ? "222424100205" : "222401001001");
      r.rows = 1;
      r.details = "电话 13812345678";
      r.time_utc_s = int64_t{86400} * (20000 + i);
      ASSERT_TRUE(jz::RecordAudit(**ws, r).ok());
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Sql(const std::string& sql) {
    const std::string command = fmt::format(
        "sqlite3 {} 'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; "
        "{}'",
        db_, sql);
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(AuditCliTest, VerifyIntactPrintsCountAndHead) {
  Result r = RunJingzhun("--lang en audit verify " + db_);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("audit log intact: 5 entries"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("head hash (note it elsewhere): "), std::string::npos) << r.out;
  Result zh = RunJingzhun("audit verify " + db_);
  EXPECT_NE(zh.out.find("审计日志完好：共 5 条"), std::string::npos) << zh.out;
}

TEST_F(AuditCliTest, VerifyNamesTheEditedEntryWithExitTen) {
  Sql("UPDATE audit_log SET actor = \"x\" WHERE sequence = 2");
  Result r = RunJingzhun("--lang en audit verify " + db_);
  EXPECT_EQ(r.exit_code, 10) << r.out;
  EXPECT_NE(r.out.find("entry 2's content does not match its hash"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the 1 entries before it are intact"), std::string::npos) << r.out;
}

TEST_F(AuditCliTest, VerifyNamesDeletedAndSwappedEntries) {
  Sql("UPDATE audit_log SET sequence = 1000 WHERE sequence = 5; UPDATE audit_log SET sequence = 5 WHERE "
      "sequence = 4; "
      "UPDATE audit_log SET sequence = 4 WHERE sequence = 1000");
  Result swapped = RunJingzhun("--lang en audit verify " + db_);
  EXPECT_EQ(swapped.exit_code, 10);
  EXPECT_NE(swapped.out.find("entry 4 was moved"), std::string::npos) << swapped.out;
  Sql("DELETE FROM audit_log WHERE sequence = 2");
  Result deleted = RunJingzhun("--lang en audit verify " + db_);
  EXPECT_EQ(deleted.exit_code, 10);
  EXPECT_NE(deleted.out.find("entries 2 to 2 are missing"), std::string::npos) << deleted.out;
}

TEST_F(AuditCliTest, CutTailIsFoundAgainstTheNotedHead) {
  Result before = RunJingzhun("--lang en audit verify " + db_);
  const size_t at = before.out.find("elsewhere): ");
  ASSERT_NE(at, std::string::npos);
  const std::string head = before.out.substr(at + 12, 64);
  Sql("DELETE FROM audit_log WHERE sequence = 5");
  EXPECT_EQ(RunJingzhun("audit verify " + db_).exit_code, 0);  // the chain alone cannot tell
  Result noted = RunJingzhun("--lang en audit verify " + db_ + " --expect-head " + head);
  EXPECT_EQ(noted.exit_code, 10) << noted.out;
  EXPECT_NE(noted.out.find("is not in the log (4 entries now"), std::string::npos) << noted.out;
  Result bad = RunJingzhun("--lang en audit verify " + db_ + " --expect-head zz");
  EXPECT_EQ(bad.exit_code, 3) << bad.out;
}

TEST_F(AuditCliTest, ListFiltersPagesAndMasks) {
  Result wang = RunJingzhun("--lang en audit list " + db_ + " --user wang --format csv");
  EXPECT_EQ(wang.exit_code, 0) << wang.out;
  EXPECT_NE(wang.out.find("2224241002050001"), std::string::npos);
  EXPECT_EQ(wang.out.find("2224241002050002"), std::string::npos);  // li's
  EXPECT_NE(wang.out.find("138****5678"), std::string::npos);
  EXPECT_EQ(wang.out.find("13812345678"), std::string::npos);
  Result region = RunJingzhun("--lang en audit list " + db_ + " --region 222401");
  EXPECT_NE(region.out.find("2224241002050004"), std::string::npos) << region.out;
  EXPECT_EQ(region.out.find("2224241002050003"), std::string::npos) << region.out;
  Result page = RunJingzhun("--lang en audit list " + db_ + " --limit 2 --after 2");
  EXPECT_NE(page.out.find("next page: --after 4"), std::string::npos) << page.out;
  Result house =
      RunJingzhun("audit list " + db_ + " --household 2224241002050003 --since 2024-10-05 --format json");
  EXPECT_EQ(house.exit_code, 0) << house.out;
  EXPECT_NE(house.out.find("\"hash\""), std::string::npos) << house.out;
  EXPECT_NE(house.out.find("2224241002050003"), std::string::npos) << house.out;
}

TEST_F(AuditCliTest, BadInputIsRefusedNamingTheValue) {
  Result limit = RunJingzhun("--lang en audit list " + db_ + " --limit 0");
  EXPECT_EQ(limit.exit_code, 3);
  EXPECT_NE(limit.out.find("invalid --limit 0 (use 1 to 1000)"), std::string::npos) << limit.out;
  Result date = RunJingzhun("--lang en audit list " + db_ + " --since 2024-13-01");
  EXPECT_EQ(date.exit_code, 3) << date.out;
  EXPECT_NE(date.out.find("2024-13-01"), std::string::npos) << date.out;
  Result region = RunJingzhun("--lang en audit list " + db_ + " --region 99");
  EXPECT_EQ(region.exit_code, 3) << region.out;
  Result missing = RunJingzhun("--lang en audit verify " + (dir_ / "none.db").string());
  EXPECT_EQ(missing.exit_code, 4) << missing.out;
  Result format = RunJingzhun("audit list " + db_ + " --format xml");
  EXPECT_NE(format.exit_code, 0);
  Result help = RunJingzhun("audit --help");
  EXPECT_NE(help.out.find("Examples"), std::string::npos);
}

}  // namespace
