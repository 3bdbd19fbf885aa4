// The store conformance suite: written once against the Store interface, instantiated for
// every back end (SQLite file, SQLite in memory; PostgreSQL when it lands).
#include "store/store_conformance_test.h"

#include <gtest/gtest.h>

#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {
using testing::LoadTestRegions;
using testing::TestHousehold;

TEST_P(StoreConformance, RegionsRoundTripAndList) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  ASSERT_OK_AND_ASSIGN(auto village, store->FindRegion(*RegionCode::Parse("222424100205")));
  ASSERT_TRUE(village.has_value());
  EXPECT_EQ(village->name, "柳树河村委会");
  EXPECT_EQ(village->edition_year, 2023);
  ASSERT_OK_AND_ASSIGN(auto missing, store->FindRegion(*RegionCode::Parse("222424999999")));
  EXPECT_FALSE(missing.has_value());
  ASSERT_OK_AND_ASSIGN(auto villages,
                       store->ListRegions(*RegionCode::Parse("222424100"), RegionLevel::kVillage));
  ASSERT_EQ(villages.size(), 2u);
  EXPECT_LT(villages[0].code, villages[1].code);
  ASSERT_OK_AND_ASSIGN(auto counties, store->ListRegions(*RegionCode::Parse("22"), RegionLevel::kCounty));
  EXPECT_EQ(counties.size(), 1u);
}

// Two editions side by side, keyed by (code, edition): the newest one answers FindRegion and
// ListRegions, every one answers ListRegionsAllEditions (what the region-name resolver reads).
TEST_P(StoreConformance, RegionEditionsLoadSideBySide) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  auto r2016 = [](const char* code, const char* name) {
    return Region{*RegionCode::Parse(code), name, 2016, 220};
  };
  const std::vector<Region> older = {r2016("22", "吉林省"), r2016("222424", "汪清县"),
                                     r2016("222424100205", "柳树河村民委员会"),
                                     r2016("222424100299", "旧村委会"), r2016("210000", "辽宁省")};
  ASSERT_OK(store->UpsertRegions(older));
  ASSERT_OK_AND_ASSIGN(auto village, store->FindRegion(*RegionCode::Parse("222424100205")));
  ASSERT_TRUE(village.has_value());
  EXPECT_EQ(village->edition_year, 2023);
  EXPECT_EQ(village->name, "柳树河村委会");
  ASSERT_OK_AND_ASSIGN(auto only_old, store->FindRegion(*RegionCode::Parse("222424100299")));
  ASSERT_TRUE(only_old.has_value());
  EXPECT_EQ(only_old->edition_year, 2016);
  ASSERT_OK_AND_ASSIGN(auto all, store->ListRegionsAllEditions(*RegionCode::Parse("222424")));
  std::vector<std::pair<std::string, int>> got;
  for (const Region& r : all) got.emplace_back(r.code.ToString() + " " + r.name, r.edition_year);
  const std::vector<std::pair<std::string, int>> want = {
      {"222424000000 汪清县", 2016},       {"222424000000 汪清县", 2023},
      {"222424100000 汪清镇", 2023},       {"222424100205 柳树河村民委员会", 2016},
      {"222424100205 柳树河村委会", 2023}, {"222424100206 新民村委会", 2023},
      {"222424100299 旧村委会", 2016}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(all[3].urban_rural_code, 220);
  // The province scope reaches no other province.
  ASSERT_OK_AND_ASSIGN(auto province, store->ListRegionsAllEditions(*RegionCode::Parse("22")));
  EXPECT_EQ(province.size(), 10u);
  for (const Region& r : province) EXPECT_TRUE(RegionCode::Parse("22")->Contains(r.code)) << r.code;
  ASSERT_OK_AND_ASSIGN(auto villages,
                       store->ListRegions(*RegionCode::Parse("222424100"), RegionLevel::kVillage));
  ASSERT_EQ(villages.size(), 3u);
  EXPECT_EQ(villages[0].name, "柳树河村委会");
}

TEST_P(StoreConformance, HouseholdRoundTripsExactly) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  const Household h = TestHousehold("2224241002050001", 3);
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  ASSERT_OK_AND_ASSIGN(UpsertOutcome outcome, writer->Upsert(h));
  EXPECT_EQ(outcome, UpsertOutcome::kInserted);
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto loaded, store->FindHousehold(ReadScope::WholeDatabase(), h.household_no));
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(*loaded, h);
  ASSERT_OK_AND_ASSIGN(RegistryCounts counts, store->Counts(ReadScope::WholeDatabase()));
  EXPECT_EQ(counts.households, 1);
  EXPECT_EQ(counts.persons, 3);
}

// An unknown field (a column the source lacked) comes back unknown, and a stated "no" or 0
// comes back stated: the two are never merged (core/registry.h).
TEST_P(StoreConformance, UnknownFieldsRoundTripAsUnknownAndKnownFalseAsFalse) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  Household h = TestHousehold("2224241002050001", 2);
  Person& unknown = h.members[0];
  unknown.medical_insured.reset();
  unknown.critical_illness_insured.reset();
  unknown.receives_dibao.reset();
  unknown.receives_tekun.reset();
  unknown.work_months.reset();
  Person& stated = h.members[1];
  stated.medical_insured = stated.critical_illness_insured = stated.receives_dibao = false;
  stated.work_months = 0;
  HouseholdYear& y = h.years[0];
  y.income_components_known = false;
  y.wage_income = y.business_income = y.property_income = y.transfer_income = y.business_expense = Money();
  y.declared_net_income_per_capita = Money::FromYuan(6500);
  y.food_secure.reset();
  y.safe_drinking_water = false;
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  ASSERT_OK(writer->Upsert(h).status());
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto loaded, store->FindHousehold(ReadScope::WholeDatabase(), h.household_no));
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(*loaded, h);
  EXPECT_EQ(loaded->members[0].medical_insured, std::nullopt);
  EXPECT_EQ(loaded->members[1].medical_insured, false);
  EXPECT_EQ(loaded->members[0].work_months, std::nullopt);
  EXPECT_EQ(loaded->members[1].work_months, 0);
  EXPECT_FALSE(loaded->years[0].income_components_known);
  EXPECT_EQ(loaded->years[0].NetIncomePerCapita(2), Money::FromYuan(6500));
  EXPECT_EQ(loaded->years[0].food_secure, std::nullopt);
  EXPECT_EQ(loaded->years[0].safe_drinking_water, false);
}

TEST_P(StoreConformance, SecondIdenticalUpsertChangesNothing) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  const Household h = TestHousehold("2224241002050001", 2);
  for (UpsertOutcome expected : {UpsertOutcome::kInserted, UpsertOutcome::kUnchanged}) {
    ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
    ASSERT_OK_AND_ASSIGN(UpsertOutcome outcome, writer->Upsert(h));
    EXPECT_EQ(outcome, expected);
    ASSERT_OK(writer->Commit());
  }
  Household changed = h;
  changed.members.pop_back();
  changed.years[0].wage_income = Money::FromYuan(12345);
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  Household previous;
  ASSERT_OK_AND_ASSIGN(UpsertOutcome outcome, writer->Upsert(changed, &previous));
  EXPECT_EQ(outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(previous, h) << "the update hands back the household as it was stored";
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto loaded, store->FindHousehold(ReadScope::WholeDatabase(), h.household_no));
  EXPECT_EQ(*loaded, changed);
  ASSERT_OK_AND_ASSIGN(RegistryCounts counts, store->Counts(ReadScope::WholeDatabase()));
  EXPECT_EQ(counts.persons, 1);
}

TEST_P(StoreConformance, UnchangedOrInsertedUpsertLeavesPreviousUntouched) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  const Household h = TestHousehold("2224241002050001", 2);
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  for (UpsertOutcome expected : {UpsertOutcome::kInserted, UpsertOutcome::kUnchanged}) {
    Household previous;
    previous.household_no = "sentinel";
    ASSERT_OK_AND_ASSIGN(UpsertOutcome outcome, writer->Upsert(h, &previous));
    EXPECT_EQ(outcome, expected);
    EXPECT_EQ(previous.household_no, "sentinel");
  }
}

TEST_P(StoreConformance, PersonIsNeverSilentlyMovedToAnotherHousehold) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  const Household a = TestHousehold("2224241002050001", 2);
  Household b = TestHousehold("2224241002050002", 1, /*id_offset=*/10);
  b.members.push_back(a.members[1]);
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  ASSERT_OK(writer->Upsert(a));
  auto result = writer->Upsert(b);
  EXPECT_STATUS(result, StatusCode::kAlreadyExists, "2224241002050001");
  // The message names the person by masked ID only.
  EXPECT_EQ(result.status().message().find(a.members[1].id_number.ToString()), std::string::npos);
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto owner,
                       store->FindHouseholdOfPerson(ReadScope::WholeDatabase(), a.members[1].id_number));
  EXPECT_EQ(owner, a.household_no);
}

TEST_P(StoreConformance, UncommittedWriterLeavesStoreUnchanged) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  {
    ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
    ASSERT_OK(writer->Upsert(TestHousehold("2224241002050001", 2)));
    ASSERT_OK(writer->Upsert(TestHousehold("2224241002050002", 2, 10)));
  }  // dropped without Commit
  ASSERT_OK_AND_ASSIGN(RegistryCounts counts, store->Counts(ReadScope::WholeDatabase()));
  EXPECT_EQ(counts.households, 0);
  EXPECT_EQ(counts.persons, 0);
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());  // a new writer may open
  ASSERT_OK(writer->Commit());
}

TEST_P(StoreConformance, RejectsHouseholdInUnknownVillage) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  Household h = TestHousehold("2224241002050001", 1);
  h.village = *RegionCode::Parse("222424100999");
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  EXPECT_STATUS(writer->Upsert(h), StatusCode::kInvalidArgument, "222424100999");
}

TEST_P(StoreConformance, OnlyOneWriterAtATime) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  EXPECT_STATUS(store->BeginWrite(), StatusCode::kFailedPrecondition, "writer");
}

TEST_P(StoreConformance, EventsMeasuresAndCadresAreKeptInOrder) {
  auto store = Open();
  ASSERT_OK(LoadTestRegions(*store));
  const std::string no = "2224241002050001";
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  ASSERT_OK(writer->Upsert(TestHousehold(no, 2)));
  StatusEvent identified{no, StatusEventKind::kIdentified, *Date::FromYmd(2014, 10, 1), {}, {}, "首次识别"};
  StatusEvent exited{no, StatusEventKind::kExited, *Date::FromYmd(2019, 12, 20), {}, {}, ""};
  StatusEvent monitored{
      no, StatusEventKind::kMonitored, *Date::FromYmd(2022, 5, 6), MonitoringType::kUnstableExited, {}, ""};
  ASSERT_OK(writer->AddStatusEvent(monitored));
  ASSERT_OK(writer->AddStatusEvent(identified));
  ASSERT_OK(writer->AddStatusEvent(exited));
  AssistanceMeasure measure{no,
                            AssistanceKind::kPublicWelfareJob,
                            *Date::FromYmd(2022, 6, 1),
                            Date::FromYmd(2023, 5, 31),
                            "村保洁员",
                            Money::FromYuan(6000)};
  ASSERT_OK(writer->AddAssistanceMeasure(measure));
  CadreAssignment cadre{no,
                        "李明",
                        "县乡村振兴局",
                        "科员",
                        "13900000000",
                        *Date::FromYmd(2021, 1, 1),
                        Date::FromYmd(2025, 12, 31)};
  ASSERT_OK(writer->AssignCadre(cadre));
  EXPECT_STATUS(writer->AddStatusEvent({"nope", StatusEventKind::kExited, Date(), {}, {}, ""}),
                StatusCode::kNotFound, "nope");
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto events, store->ListStatusEvents(ReadScope::WholeDatabase(), no));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0], identified);
  EXPECT_EQ(events[2], monitored);
  ASSERT_OK_AND_ASSIGN(auto measures, store->ListAssistanceMeasures(ReadScope::WholeDatabase(), no));
  ASSERT_EQ(measures.size(), 1u);
  EXPECT_EQ(measures[0], measure);
  ASSERT_OK_AND_ASSIGN(auto cadres, store->ListCadreAssignments(ReadScope::WholeDatabase(), no));
  ASSERT_EQ(cadres.size(), 1u);
  EXPECT_EQ(cadres[0], cadre);
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

TEST_P(StoreConformance, ScanVisitsEveryHouseholdInScopeWithMembersAndYears) {
  auto store = Open();
  ASSERT_OK(testing::LoadTestRegions(*store));
  std::vector<Household> written;
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  for (int i = 0; i < 5; ++i) {
    Household h = testing::TestHousehold("22242410020500" + std::to_string(10 + i), 1 + i % 3, 10 * i);
    if (i == 4) h.village = *RegionCode::Parse("222424100206");
    ASSERT_OK(writer->Upsert(h));
    written.push_back(h);
  }
  ASSERT_OK(writer->Commit());
  std::vector<Household> seen;
  ASSERT_OK(store->ScanHouseholds(*RegionCode::Parse("22"), [&](const Household& h) {
    seen.push_back(h);
    return OkStatus();
  }));
  EXPECT_EQ(seen, written);
  int in_village = 0;
  ASSERT_OK(store->ScanHouseholds(*RegionCode::Parse("222424100206"), [&](const Household& h) {
    EXPECT_EQ(h, written[4]);
    ++in_village;
    return OkStatus();
  }));
  EXPECT_EQ(in_village, 1);
  int visited = 0;
  EXPECT_STATUS(store->ScanHouseholds(*RegionCode::Parse("22"),
                                      [&](const Household&) {
                                        ++visited;
                                        return AbortedError("stop here");
                                      }),
                StatusCode::kAborted, "stop here");
  EXPECT_EQ(visited, 1);
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// Every registry read answers for its scope only: a household in the other village reads as
// missing, its events as none, and counts and name hits leave it out.
TEST_P(StoreConformance, RegistryReadsSeeOnlyTheirScope) {
  auto store = Open();
  ASSERT_OK(testing::LoadTestRegions(*store));
  Household here = testing::TestHousehold("2224241002050001", 2, 0);
  Household there = testing::TestHousehold("2224241002060001", 1, 10);
  there.village = *RegionCode::Parse("222424100206");
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  ASSERT_OK(writer->Upsert(here));
  ASSERT_OK(writer->Upsert(there));
  ASSERT_OK(writer->AddStatusEvent(
      {there.household_no, StatusEventKind::kExited, *Date::FromYmd(2019, 12, 20), {}, {}, ""}));
  ASSERT_OK(writer->Commit());
  const ReadScope village = ReadScope::Within(here.village);
  ASSERT_OK_AND_ASSIGN(auto found, store->FindHousehold(village, here.household_no));
  EXPECT_EQ(found, here);
  ASSERT_OK_AND_ASSIGN(auto outside, store->FindHousehold(village, there.household_no));
  EXPECT_FALSE(outside.has_value());
  ASSERT_OK_AND_ASSIGN(auto of_person, store->FindHouseholdOfPerson(village, there.members[0].id_number));
  EXPECT_FALSE(of_person.has_value());
  ASSERT_OK_AND_ASSIGN(auto events, store->ListStatusEvents(village, there.household_no));
  EXPECT_TRUE(events.empty());
  ASSERT_OK_AND_ASSIGN(auto counted, store->Counts(village));
  EXPECT_EQ(counted.households, 1);
  EXPECT_EQ(counted.persons, 2);
  ASSERT_OK_AND_ASSIGN(auto nothing, store->Counts(ReadScope::Nothing()));
  EXPECT_EQ(nothing.households, 0);
  EXPECT_EQ(nothing.persons, 0);
  ASSERT_OK_AND_ASSIGN(auto none, store->FindHousehold(ReadScope::Nothing(), here.household_no));
  EXPECT_FALSE(none.has_value());
  // Both households' heads are called 金成浩.
  PersonNameSearch search{.names = {"金成浩", "金成皓"}};
  ASSERT_OK_AND_ASSIGN(auto county_hits,
                       store->SearchPersonsByName(ReadScope::Within(*RegionCode::Parse("222424")), search));
  ASSERT_EQ(county_hits.size(), 2u);
  EXPECT_EQ(county_hits[0].household_no, here.household_no);
  EXPECT_EQ(county_hits[0].id_number, here.members[0].id_number);
  EXPECT_EQ(county_hits[1].village, there.village);
  ASSERT_OK_AND_ASSIGN(auto village_hits, store->SearchPersonsByName(village, search));
  ASSERT_EQ(village_hits.size(), 1u);
  search.after_household_no = here.household_no;
  search.after_seq = 0;
  ASSERT_OK_AND_ASSIGN(auto after,
                       store->SearchPersonsByName(ReadScope::Within(*RegionCode::Parse("22")), search));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].household_no, there.household_no);
}

TEST_P(StoreConformance, WarningsAreUniquePerHouseholdRulePeriodAndPerson) {
  auto store = Open();
  ASSERT_OK(testing::LoadTestRegions(*store));
  ASSERT_OK_AND_ASSIGN(auto writer, store->BeginWrite());
  ASSERT_OK(writer->Upsert(testing::TestHousehold("A", 2)));
  Warning w{
      "A", "JL-W-MEDICAL", "2024-12", "", "2024.1", *Date::FromYmd(2024, 12, 31), "8000.00元 > 7500.00元"};
  ASSERT_OK_AND_ASSIGN(bool first, writer->AddWarning(w));
  EXPECT_TRUE(first);
  ASSERT_OK_AND_ASSIGN(bool again, writer->AddWarning(w));
  EXPECT_FALSE(again);
  Warning next_month = w;
  next_month.period = "2025-01";
  ASSERT_OK_AND_ASSIGN(bool other_period, writer->AddWarning(next_month));
  EXPECT_TRUE(other_period);
  Warning person = w;
  person.rule_id = "JL-W-DISABILITY";
  person.person_no = "A2";
  ASSERT_OK(writer->AddWarning(person));
  EXPECT_STATUS(writer->AddWarning(Warning{"nope", "R", "2024-12", "", "1", Date(), ""}),
                StatusCode::kNotFound, "nope");
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto stored, store->ListWarnings(ReadScope::WholeDatabase(), "A"));
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[1], w);  // ordered by period, rule, person: DISABILITY comes first
  ASSERT_OK_AND_ASSIGN(int64_t count, store->CountWarnings(ReadScope::WholeDatabase()));
  EXPECT_EQ(count, 3);
}

}  // namespace
}  // namespace jz
