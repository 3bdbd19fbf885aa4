// The audit log part of the store conformance suite (audit_store.h): append assigns the
// sequence and the previous hash inside its transaction, reads and filters page by keyset.
// The hash here is a stand-in (the store never computes one); app/audit tests the real one.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/store_conformance_test.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

// A distinct 64-hex "hash" per entry: the sequence spelled out, enough for the store.
std::string FakeSeal(const AuditEntry& e) { return fmt::format("{:064x}", e.sequence * 7 + 1); }

AuditEntry Entry(std::string actor, std::string object, const char* region, int64_t time) {
  AuditEntry e;
  e.time_utc_s = time;
  e.actor = std::move(actor);
  e.action = std::string(audit_action::kHouseholdOpen);
  e.object = std::move(object);
  if (region != nullptr) e.region = *RegionCode::Parse(region);
  e.rows = 1;
  return e;
}

TEST_P(StoreConformance, AuditAppendChainsSequenceAndPreviousHash) {
  auto store = Open();
  AuditStore& audit = store->audit();
  ASSERT_OK_AND_ASSIGN(std::optional<AuditEntry> none, audit.LastEntry());
  EXPECT_FALSE(none.has_value());
  ASSERT_OK_AND_ASSIGN(AuditEntry first, audit.Append(Entry("a", "h1", "222424100205", 10), FakeSeal));
  ASSERT_OK_AND_ASSIGN(AuditEntry second, audit.Append(Entry("b", "h2", nullptr, 20), FakeSeal));
  EXPECT_EQ(first.sequence, 1);
  EXPECT_EQ(first.previous_hash, kAuditGenesisHash);
  EXPECT_EQ(second.sequence, 2);
  EXPECT_EQ(second.previous_hash, first.hash);
  ASSERT_OK_AND_ASSIGN(std::vector<AuditEntry> all, audit.ReadFrom(1, 10));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], first);  // every field round-trips
  EXPECT_EQ(all[1], second);
  ASSERT_OK_AND_ASSIGN(std::optional<int64_t> seq, audit.FindSequenceOfHash(second.hash));
  EXPECT_EQ(seq, std::optional<int64_t>(2));
}

TEST_P(StoreConformance, AuditAppendRefusesBadEntriesAndStoresNothing) {
  auto store = Open();
  AuditStore& audit = store->audit();
  EXPECT_EQ(audit.Append(Entry("", "h", nullptr, 1), FakeSeal).status().code(), StatusCode::kInvalidArgument);
  auto bad_hash = [](const AuditEntry&) { return std::string("not-a-hash"); };
  EXPECT_EQ(audit.Append(Entry("a", "h", nullptr, 1), bad_hash).status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(std::optional<AuditEntry> none, audit.LastEntry());
  EXPECT_FALSE(none.has_value());
}

TEST_P(StoreConformance, AuditListFiltersAndPagesByKeyset) {
  auto store = Open();
  AuditStore& audit = store->audit();
  for (int i = 0; i < 10; ++i) {
    const char* region = i % 2 == 0 ? "222424100205" : "222401001001";
    ASSERT_OK(audit.Append(Entry(i < 5 ? "wang" : "li", fmt::format("h{}", i % 3), region, 100 + i), FakeSeal)
                  .status());
  }
  AuditFilter f;
  f.actor = "wang";
  ASSERT_OK_AND_ASSIGN(auto wang, audit.ListAudit(f));
  EXPECT_EQ(wang.size(), 5u);
  AuditFilter by_region;
  by_region.region = *RegionCode::Parse("222424");
  ASSERT_OK_AND_ASSIGN(auto wangqing, audit.ListAudit(by_region));
  ASSERT_EQ(wangqing.size(), 5u);
  for (const AuditEntry& e : wangqing) EXPECT_EQ(e.sequence % 2, 1);  // the even i, odd sequence
  AuditFilter by_object;
  by_object.object = "h0";
  by_object.since_utc_s = 103;
  by_object.until_utc_s = 109;
  ASSERT_OK_AND_ASSIGN(auto h0, audit.ListAudit(by_object));
  ASSERT_EQ(h0.size(), 2u);  // h0 is i = 0, 3, 6, 9 at 100 + i; [103, 109) keeps 3 and 6
  EXPECT_EQ(h0[0].sequence, 4);
  EXPECT_EQ(h0[1].sequence, 7);
  // Keyset paging: pages of 4 from after = 0 reach every entry once, in order.
  AuditFilter page;
  page.limit = 4;
  std::vector<int64_t> seen;
  while (true) {
    ASSERT_OK_AND_ASSIGN(auto rows, audit.ListAudit(page));
    if (rows.empty()) break;
    for (const AuditEntry& e : rows) seen.push_back(e.sequence);
    page.after = rows.back().sequence;
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

}  // namespace
}  // namespace jz
