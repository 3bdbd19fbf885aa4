// Household search and files for a signed-in caller: scope (outside reads as missing),
// spellings, masking, the audited reveal and paging (household_files.h).
#include "app/registry/household_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app/audit/audit_log.h"
#include "app/workspace.h"
#include "core/audit_records.h"
#include "store/store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kLiushuhe[] = "222424100205";  // 汪清县 柳树河村
constexpr char kXinmin[] = "222424100206";    // 汪清县 新民村
constexpr char kDehui[] = "220183100201";     // 德惠市, another prefecture

RegionCode R(const char* code) { return *RegionCode::Parse(code); }

Household InVillage(const std::string& no, const char* village, int members, int id_offset,
                    const std::string& head_name) {
  Household h = testing::TestHousehold(no, members, id_offset);
  h.village = R(village);
  h.members[0].name = head_name;
  return h;
}

Actor ActorIn(const char* name, std::vector<Role> roles, const char* view, const char* search) {
  return Actor{name, "192.0.2.7", std::move(roles), AccountScopes{R(view), R(view), R(search)}};
}

class HouseholdFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(ws_, Workspace::Open({.db_path = ":memory:",
                                               .create_if_missing = true,
                                               .for_writing = true,
                                               .today = Date::FromYmd(2025, 3, 1)}));
    Store& store = ws_->store();
    ASSERT_OK(testing::LoadTestRegions(store));
    const std::vector<Region> more = {{R("2201"), "长春市", 2023, 0},
                                      {R("220183"), "德惠市", 2023, 0},
                                      {R("220183100"), "胜利街道", 2023, 0},
                                      {R(kDehui), "某村", 2023, 0}};
    ASSERT_OK(store.UpsertRegions(more));
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<RegistryWriter> w, store.BeginWrite());
    // 张伟 lives in each village, written in Simplified in two and Traditional in one.
    ASSERT_OK(w->Upsert(InVillage("2224241002050001", kLiushuhe, 2, 0, "张伟"), nullptr).status());
    ASSERT_OK(w->Upsert(InVillage("2224241002050002", kLiushuhe, 1, 10, "李娜"), nullptr).status());
    ASSERT_OK(w->Upsert(InVillage("2224241002060001", kXinmin, 1, 20, "張偉"), nullptr).status());
    ASSERT_OK(w->Upsert(InVillage("2201831002010001", kDehui, 1, 30, "张伟"), nullptr).status());
    ASSERT_OK(w->Commit());
  }

  std::vector<AuditEntry> Audit() {
    StatusOr<AuditListResult> list = ListAuditLog(*ws_, {});
    EXPECT_OK(list.status());
    return list.ok() ? list->entries : std::vector<AuditEntry>{};
  }

  std::unique_ptr<Workspace> ws_;
};

std::vector<std::string> Numbers(const HouseholdSearchResult& r) {
  std::vector<std::string> out;
  for (const HouseholdSearchHit& h : r.hits) out.push_back(h.household_no);
  return out;
}

TEST_F(HouseholdFilesTest, NameSearchFindsBothSpellingsInsideTheSearchScopeOnly) {
  const Actor county = ActorIn("xian", {Role::kViewer}, "222424", "222424");
  ASSERT_OK_AND_ASSIGN(HouseholdSearchResult simplified, SearchHouseholds(*ws_, {county, "张伟"}));
  EXPECT_EQ(simplified.matched_by, SearchMatch::kName);
  EXPECT_THAT(Numbers(simplified), ElementsAre("2224241002050001", "2224241002060001"));
  ASSERT_OK_AND_ASSIGN(HouseholdSearchResult traditional, SearchHouseholds(*ws_, {county, "　張偉 "}));
  EXPECT_EQ(Numbers(traditional), Numbers(simplified));
  const Actor province = ActorIn("sheng", {Role::kViewer}, "22", "22");
  ASSERT_OK_AND_ASSIGN(HouseholdSearchResult all, SearchHouseholds(*ws_, {province, "张伟"}));
  EXPECT_EQ(all.hits.size(), 3u);
}

TEST_F(HouseholdFilesTest, AVillageAccountSeesItsVillageAndNothingElse) {
  const Actor village = ActorIn("cun", {Role::kEntry}, kLiushuhe, kLiushuhe);
  ASSERT_OK_AND_ASSIGN(HouseholdSearchResult r, SearchHouseholds(*ws_, {village, "张伟"}));
  EXPECT_THAT(Numbers(r), ElementsAre("2224241002050001"));
  EXPECT_TRUE(r.hits[0].viewable);
  EXPECT_EQ(r.hits[0].person_name, "张伟");
  // Outside: by 户编号 nothing is found, and opening it reads exactly as a missing household.
  ASSERT_OK_AND_ASSIGN(HouseholdSearchResult by_no, SearchHouseholds(*ws_, {village, "2224241002060001"}));
  EXPECT_THAT(by_no.hits, IsEmpty());
  const StatusOr<HouseholdFile> outside = OpenHouseholdFile(*ws_, {village, "2224241002060001"});
  const StatusOr<HouseholdFile> missing = OpenHouseholdFile(*ws_, {village, "2224241002069999"});
  ASSERT_EQ(outside.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(
      outside.status().message(),
      Status(NotFoundError(Bilingual("户编号 {} 不存在", "household {} does not exist", "2224241002060001")))
          .message());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(HouseholdFilesTest, AWiderSearchScopeFindsADuplicateWithoutShowingTheRecord) {
  const Actor village = ActorIn("cun", {Role::kEntry}, kLiushuhe, "22");
  const Household other = InVillage("2201831002010001", kDehui, 1, 30, "张伟");
  ASSERT_OK_AND_ASSIGN(HouseholdSearchResult r,
                       SearchHouseholds(*ws_, {village, other.members[0].id_number.ToString()}));
  EXPECT_EQ(r.matched_by, SearchMatch::kIdNumber);
  ASSERT_THAT(Numbers(r), ElementsAre("2201831002010001"));
  EXPECT_FALSE(r.hits[0].viewable);
  EXPECT_EQ(r.hits[0].person_name, "");
  EXPECT_EQ(r.hits[0].id_number, other.members[0].id_number.Masked());
  EXPECT_EQ(OpenHouseholdFile(*ws_, {village, "2201831002010001"}).status().code(), StatusCode::kNotFound);
}

TEST_F(HouseholdFilesTest, RolesWithoutRegistryAccessFindAndOpenNothing) {
  for (const Role role : {Role::kAuditor, Role::kDepartment, Role::kInspector}) {
    const Actor actor = ActorIn("x", {role}, "22", "22");
    ASSERT_OK_AND_ASSIGN(HouseholdSearchResult r, SearchHouseholds(*ws_, {actor, "张伟"}));
    EXPECT_THAT(r.hits, IsEmpty()) << CliName(role);
    EXPECT_EQ(OpenHouseholdFile(*ws_, {actor, "2224241002050001"}).status().code(), StatusCode::kNotFound);
  }
  Actor unscoped{"none", "", {Role::kAdmin}, AccountScopes{}};
  ASSERT_OK_AND_ASSIGN(HouseholdSearchResult r, SearchHouseholds(*ws_, {unscoped, "张伟"}));
  EXPECT_THAT(r.hits, IsEmpty());
}

TEST_F(HouseholdFilesTest, AFileIsMaskedUntilARoleThatMayRevealsItWithAReason) {
  const Actor viewer = ActorIn("kan", {Role::kViewer}, "222424", "222424");
  ASSERT_OK_AND_ASSIGN(HouseholdFile masked, OpenHouseholdFile(*ws_, {viewer, "2224241002050001"}));
  const Household stored = InVillage("2224241002050001", kLiushuhe, 2, 0, "张伟");
  ASSERT_EQ(masked.personal.size(), 2u);
  EXPECT_FALSE(masked.revealed);
  EXPECT_EQ(masked.personal[0].id_number, stored.members[0].id_number.Masked());
  EXPECT_EQ(masked.phone, "139****5678");
  EXPECT_FALSE(masked.personal[0].health.has_value());
  // Nothing in clear stays in the result for a door to leak.
  EXPECT_EQ(masked.household.members[0].id_number, IdNumber());
  EXPECT_EQ(masked.household.phone, "");
  EXPECT_FALSE(masked.household.members[0].health.has_value());
  EXPECT_EQ(masked.household.members[0].name, "张伟");

  const StatusOr<HouseholdFile> refused = OpenHouseholdFile(*ws_, {viewer, "2224241002050001", "入户核实"});
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);

  const Actor entry = ActorIn("cun", {Role::kEntry}, kLiushuhe, kLiushuhe);
  ASSERT_OK_AND_ASSIGN(HouseholdFile clear,
                       OpenHouseholdFile(*ws_, {entry, "2224241002050001", " 入户核实 "}));
  EXPECT_TRUE(clear.revealed);
  EXPECT_EQ(clear.personal[0].id_number, stored.members[0].id_number.ToString());
  EXPECT_EQ(clear.phone, "13912345678");
  EXPECT_EQ(clear.personal[0].health, Health::kChronicIllness);

  const std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 2u);  // the refused reveal records nothing: nothing was shown
  EXPECT_EQ(audit[0].action, audit_action::kHouseholdOpen);
  EXPECT_EQ(audit[0].actor, "kan");
  EXPECT_EQ(audit[0].object, "2224241002050001");
  EXPECT_EQ(audit[0].region, R(kLiushuhe));
  EXPECT_EQ(audit[1].action, audit_action::kReveal);
  EXPECT_EQ(audit[1].reason, "入户核实");
  EXPECT_EQ(audit[1].client, "192.0.2.7");
}

TEST_F(HouseholdFilesTest, SearchesAreAuditedWithTheirHitCountAndMaskedQuery) {
  const Actor province = ActorIn("sheng", {Role::kViewer}, "22", "22");
  const Household other = InVillage("2201831002010001", kDehui, 1, 30, "张伟");
  ASSERT_OK(SearchHouseholds(*ws_, {province, "张伟"}).status());
  ASSERT_OK(SearchHouseholds(*ws_, {province, other.members[0].id_number.ToString()}).status());
  const std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, audit_action::kSearch);
  EXPECT_EQ(audit[0].rows, 3);
  EXPECT_EQ(audit[0].details, "张伟");
  EXPECT_EQ(audit[1].rows, 1);
  EXPECT_THAT(audit[1].details, Not(HasSubstr(other.members[0].id_number.ToString())));
}

TEST_F(HouseholdFilesTest, NameHitsArePagedWithACursor) {
  const Actor province = ActorIn("sheng", {Role::kViewer}, "22", "22");
  std::vector<std::string> seen;
  std::string after;
  for (int page = 0; page < 5; ++page) {
    ASSERT_OK_AND_ASSIGN(HouseholdSearchResult r, SearchHouseholds(*ws_, {province, "张伟", after, 2}));
    for (const auto& hit : r.hits) seen.push_back(hit.household_no);
    if (r.next.empty()) break;
    after = r.next;
  }
  EXPECT_THAT(seen, ElementsAre("2201831002010001", "2224241002050001", "2224241002060001"));
}

TEST_F(HouseholdFilesTest, BadQueriesAreRefusedNamingTheProblem) {
  const Actor province = ActorIn("sheng", {Role::kViewer}, "22", "22");
  const auto refused = [&](std::string query, std::string after, int64_t limit, std::string_view part) {
    return testing::IsInvalidArgumentWith(
        SearchHouseholds(*ws_, {province, std::move(query), std::move(after), limit}).status(), part);
  };
  EXPECT_TRUE(refused(" \t", "", 20, "ID number"));
  EXPECT_TRUE(refused(std::string(300, 'a'), "", 20, "too long"));
  EXPECT_TRUE(refused("张伟", "x'; --", 20, "cursor"));
  EXPECT_TRUE(refused("张伟", "", 0, "limit"));
  // 18 characters shaped like an ID number with a wrong check digit: named as such.
  EXPECT_EQ(SearchHouseholds(*ws_, {province, "222424196003010011"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_THAT(Audit(), IsEmpty());
}

}  // namespace
}  // namespace jz
