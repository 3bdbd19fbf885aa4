// The audit log through the app API: the chain as documented in audit_log.h, tampering through
// raw SQL found at the right entry (edited, deleted, reordered, rewritten with a recomputed
// hash, a cut tail against a noted head), the triggers, concurrent appends from two
// connections, filters and keyset paging, masking, and the request guards.
#include "app/audit/audit_log.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "app/workspace.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

AuditRecordRequest Open(std::string actor, std::string household, const char* region, int64_t time) {
  AuditRecordRequest r;
  r.actor = std::move(actor);
  r.client = "127.0.0.1";
  r.action = std::string(audit_action::kHouseholdOpen);
  r.object = std::move(household);
  if (region != nullptr) r.region = *RegionCode::Parse(region);
  r.rows = 1;
  r.time_utc_s = time;
  return r;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("jz-audit-{}-{}", ::getpid(), counter_++);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "a.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Workspace> Ws() {
    auto ws = Workspace::Open({.db_path = path_, .create_if_missing = true, .for_writing = true});
    EXPECT_TRUE(ws.ok()) << ws.status();
    return std::move(*ws);
  }
  // Five entries: wang opens two Wangqing households, li one in Yanji, wang searches, li exports.
  void RecordFive() {
    auto ws = Ws();
    ASSERT_OK(RecordAudit(*ws, Open("wang", "2224241002050001", "222424100205", 86400 * 20000)).status());
    ASSERT_OK(
        RecordAudit(*ws, Open("wang", "2224241002050002", "222424100205", 86400 * 20000 + 60)).status());
    ASSERT_OK(RecordAudit(*ws, Open("li", "2224010010010001", "222401001001", 86400 * 20001)).status());
    AuditRecordRequest search{"wang", "127.0.0.1",  std::string(audit_action::kSearch),
                              "王",   std::nullopt, 12};
    search.time_utc_s = 86400 * 20002;
    ASSERT_OK(RecordAudit(*ws, search).status());
    AuditRecordRequest export_rows{
        "li", "10.0.0.2", std::string(audit_action::kExport), "", *RegionCode::Parse("222424"),
        340,  "年度核查"};
    export_rows.time_utc_s = 86400 * 20003;
    ASSERT_OK(RecordAudit(*ws, export_rows).status());
  }
  // Runs `sql` on the file directly, as someone with the file and the sqlite3 tool would.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
  static constexpr const char* kDropTriggers =
      "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ";
  AuditVerifyResult Verify(std::optional<std::string> head = std::nullopt) {
    auto ws = Ws();
    auto result = VerifyAuditLog(*ws, AuditVerifyRequest{std::move(head)});
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : AuditVerifyResult{};
  }

  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::string path_;
};

TEST(AuditHash, MatchesTheDocumentedSerialisation) {
  AuditEntry e;
  e.sequence = 1;
  e.actor = "a";
  e.kind = AuditKind::kAccess;
  e.action = "search";
  e.previous_hash = std::string(kAuditGenesisHash);
  EXPECT_EQ(AuditCanonicalForm(e), "11:jz-audit-v1,1:1,1:0,1:a,0:,6:access,6:search,0:,0:,1:0,0:,0:,");
  // python3: hashlib.sha256(("0"*64 + canonical).encode()).hexdigest()
  EXPECT_EQ(AuditEntryHash(e), "ae9454c0efa152f90800e1d78612906bf240ecb587b1a176e000cd98b42cce55");
}

TEST_F(AuditLogTest, ChainIsBuiltAndVerifies) {
  RecordFive();
  AuditVerifyResult result = Verify();
  EXPECT_TRUE(result.intact()) << result.message;
  EXPECT_EQ(result.entries, 5);
  auto ws = Ws();
  ASSERT_OK_AND_ASSIGN(AuditListResult all, ListAuditLog(*ws, {}));
  ASSERT_EQ(all.entries.size(), 5u);
  EXPECT_EQ(all.entries[0].previous_hash, kAuditGenesisHash);
  for (size_t i = 1; i < 5; ++i) EXPECT_EQ(all.entries[i].previous_hash, all.entries[i - 1].hash);
  EXPECT_EQ(result.head_hash, all.entries[4].hash);
  EXPECT_EQ(all.entries[3].kind, AuditKind::kAccess);  // kinds come from the action
  EXPECT_EQ(all.entries[4].reason, "年度核查");
}

TEST_F(AuditLogTest, EmptyLogVerifiesWithTheGenesisHead) {
  AuditVerifyResult result = Verify();
  EXPECT_TRUE(result.intact());
  EXPECT_EQ(result.entries, 0);
  EXPECT_EQ(result.head_hash, kAuditGenesisHash);
}

TEST_F(AuditLogTest, TriggersRefuseUpdateAndDelete) {
  RecordFive();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET actor = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(Verify().intact());
}

TEST_F(AuditLogTest, EditedFieldIsFoundAtItsEntry) {
  RecordFive();
  Tamper(std::string(kDropTriggers) + "UPDATE audit_log SET row_count = 1 WHERE sequence = 5");
  AuditVerifyResult result = Verify();
  EXPECT_EQ(result.problem, AuditBreak::kEdited);
  EXPECT_EQ(result.first_bad_sequence, 5);
  EXPECT_EQ(result.entries, 4);
  EXPECT_NE(result.message.find("entry 5's content does not match its hash"), std::string::npos)
      << result.message;
}

TEST_F(AuditLogTest, DeletedEntryIsAGap) {
  RecordFive();
  Tamper(std::string(kDropTriggers) + "DELETE FROM audit_log WHERE sequence = 3");
  AuditVerifyResult result = Verify();
  EXPECT_EQ(result.problem, AuditBreak::kMissing);
  EXPECT_EQ(result.first_bad_sequence, 3);
  EXPECT_NE(result.message.find("entries 3 to 3 are missing"), std::string::npos) << result.message;
}

TEST_F(AuditLogTest, DeletedFirstEntryIsAGap) {
  RecordFive();
  Tamper(std::string(kDropTriggers) + "DELETE FROM audit_log WHERE sequence = 1");
  AuditVerifyResult result = Verify();
  EXPECT_EQ(result.problem, AuditBreak::kMissing);
  EXPECT_EQ(result.first_bad_sequence, 1);
}

TEST_F(AuditLogTest, SwappedEntriesAreReported) {
  RecordFive();
  Tamper(std::string(kDropTriggers) +
         "UPDATE audit_log SET sequence = 1000 WHERE sequence = 4; "
         "UPDATE audit_log SET sequence = 4 WHERE sequence = 3; "
         "UPDATE audit_log SET sequence = 3 WHERE sequence = 1000;");
  AuditVerifyResult result = Verify();
  EXPECT_EQ(result.problem, AuditBreak::kReordered);
  EXPECT_EQ(result.first_bad_sequence, 3);
  EXPECT_NE(result.message.find("entry 3 was moved; it was chained after the entry now at 4"),
            std::string::npos)
      << result.message;
}

TEST_F(AuditLogTest, RewrittenEntryWithRecomputedHashBreaksTheNextLink) {
  RecordFive();
  // The tamperer knows the public algorithm and re-seals entry 2 after editing it.
  AuditEntry second;
  {
    auto ws = Ws();
    ASSERT_OK_AND_ASSIGN(AuditListResult page, ListAuditLog(*ws, {.after = 1, .limit = 1}));
    second = page.entries.at(0);
  }
  second.actor = "someone-else";
  Tamper(std::string(kDropTriggers) +
         fmt::format("UPDATE audit_log SET actor = '{}', hash = '{}' WHERE sequence = 2", second.actor,
                     AuditEntryHash(second)));
  AuditVerifyResult result = Verify();
  EXPECT_EQ(result.problem, AuditBreak::kBrokenLink);
  EXPECT_EQ(result.first_bad_sequence, 3);
  EXPECT_NE(result.message.find("entry 2 was rewritten or replaced"), std::string::npos) << result.message;
}

TEST_F(AuditLogTest, TruncatedTailNeedsTheNotedHead) {
  RecordFive();
  const std::string head = Verify().head_hash;
  EXPECT_TRUE(Verify(head).intact());
  Tamper(std::string(kDropTriggers) + "DELETE FROM audit_log WHERE sequence >= 4");
  AuditVerifyResult alone = Verify();
  EXPECT_TRUE(alone.intact());  // the chain itself cannot show a cut end
  EXPECT_EQ(alone.entries, 3);
  AuditVerifyResult noted = Verify(head);
  EXPECT_EQ(noted.problem, AuditBreak::kHeadMissing);
  EXPECT_EQ(noted.first_bad_sequence, 4);
  auto ws = Ws();
  EXPECT_EQ(VerifyAuditLog(*ws, {.expected_head = "abc"}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(AuditLogTest, ConcurrentAppendsFromTwoConnectionsKeepOneChain) {
  Ws();  // creates and migrates the file before the threads race
  auto append = [this](const char* actor) {
    auto ws = Workspace::Open({.db_path = path_, .for_writing = true});
    ASSERT_TRUE(ws.ok());
    for (int i = 0; i < 25; ++i) {
      ASSERT_OK(RecordAudit(**ws, Open(actor, fmt::format("h{}", i), nullptr, i)).status());
    }
  };
  std::thread a(append, "a"), b(append, "b");
  a.join();
  b.join();
  AuditVerifyResult result = Verify();
  EXPECT_TRUE(result.intact()) << result.message;
  EXPECT_EQ(result.entries, 50);
}

TEST_F(AuditLogTest, ListFiltersByUserHouseholdRegionAndTime) {
  RecordFive();
  auto ws = Ws();
  ASSERT_OK_AND_ASSIGN(AuditListResult wang, ListAuditLog(*ws, {.actor = "wang"}));
  EXPECT_EQ(wang.entries.size(), 3u);
  ASSERT_OK_AND_ASSIGN(AuditListResult house, ListAuditLog(*ws, {.household_no = "2224241002050002"}));
  ASSERT_EQ(house.entries.size(), 1u);
  EXPECT_EQ(house.entries[0].sequence, 2);
  ASSERT_OK_AND_ASSIGN(AuditListResult wangqing, ListAuditLog(*ws, {.region = *RegionCode::Parse("222424")}));
  EXPECT_EQ(wangqing.entries.size(), 3u);  // two households and the county export
  const Date day = Date::FromDays(20001);
  ASSERT_OK_AND_ASSIGN(AuditListResult one_day, ListAuditLog(*ws, {.since = day, .until = day}));
  ASSERT_EQ(one_day.entries.size(), 1u);
  EXPECT_EQ(one_day.entries[0].actor, "li");
}

TEST_F(AuditLogTest, ListPagesByKeyset) {
  RecordFive();
  auto ws = Ws();
  std::vector<int64_t> seen;
  AuditListRequest r{.limit = 2};
  int pages = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(AuditListResult page, ListAuditLog(*ws, r));
    ++pages;
    for (const AuditEntry& e : page.entries) seen.push_back(e.sequence);
    if (!page.next_after) break;
    r.after = *page.next_after;
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(ListAuditLog(*ws, {.limit = 0}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ListAuditLog(*ws, {.limit = 1001}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ListAuditLog(*ws, {.after = -1}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ListAuditLog(*ws, {.since = Date::FromDays(2), .until = Date::FromDays(1)}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(AuditLogTest, PersonalNumbersAreMaskedBeforeHashing) {
  auto ws = Ws();
  AuditRecordRequest reveal{"wang",
                            "127.0.0.1",
                            std::string(audit_action::kReveal),
                            "11010519491231002X",
                            *RegionCode::Parse("222424100205"),
                            1,
                            "核对 13812345678 的来电"};
  reveal.details = "户 2224241002050001 证件 11010519491231002X 电话 13812345678 卡号 6222020200112345679";
  ASSERT_OK_AND_ASSIGN(AuditEntry stored, RecordAudit(*ws, reveal));
  EXPECT_EQ(stored.object, "110105********002X");
  EXPECT_EQ(stored.reason, "核对 138****5678 的来电");
  EXPECT_EQ(stored.details,
            "户 2224241002050001 证件 110105********002X 电话 138****5678 卡号 ***************5679");
  EXPECT_EQ(stored.hash, AuditEntryHash(stored));  // what is hashed is what is stored
  EXPECT_TRUE(Verify().intact());
}

TEST_F(AuditLogTest, RecordRefusesBadRequestsAndStoresNothing) {
  auto ws = Ws();
  EXPECT_EQ(RecordAudit(*ws, Open("", "h", nullptr, 1)).status().code(), StatusCode::kInvalidArgument);
  AuditRecordRequest unknown = Open("wang", "h", nullptr, 1);
  unknown.action = "household.delete";
  Status status = RecordAudit(*ws, unknown).status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("household.delete"), std::string::npos);
  AuditRecordRequest reveal = Open("wang", "h", nullptr, 1);
  reveal.action = std::string(audit_action::kReveal);
  status = RecordAudit(*ws, reveal).status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("reveal requires a reason"), std::string::npos);
  AuditRecordRequest negative = Open("wang", "h", nullptr, 1);
  negative.rows = -1;
  EXPECT_EQ(RecordAudit(*ws, negative).status().code(), StatusCode::kInvalidArgument);
  AuditRecordRequest huge = Open("wang", "h", nullptr, 1);
  huge.details.assign((size_t{64} << 10) + 1, 'x');  // one byte over kMaxAuditDetailBytes
  EXPECT_EQ(RecordAudit(*ws, huge).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Verify().entries, 0);
}

TEST(AuditActor, CliActorNamesTheOsUser) { EXPECT_EQ(CliAuditActor().rfind("cli:", 0), 0u); }

}  // namespace
}  // namespace jz
