// Test-only helpers of the campaign store tests: a registry of one-member households in the
// test villages, a campaign over it and a census sample of every household.
#ifndef JZ_STORE_SQLITE_CAMPAIGN_TEST_SUPPORT_H_
#define JZ_STORE_SQLITE_CAMPAIGN_TEST_SUPPORT_H_

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "store/store.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"

namespace jz::testing {

inline std::string TestHouseholdNo(int i) { return fmt::format("2224241002050{:05}", i); }

// Stores `count` one-member households (REQUIRES: count <= 450, the ID sequence space).
inline Status WriteTestHouseholds(Store& store, int count) {
  RETURN_IF_ERROR(LoadTestRegions(store));
  ASSIGN_OR_RETURN(auto writer, store.BeginWrite());
  for (int i = 0; i < count; ++i) {
    Household h = TestHousehold(TestHouseholdNo(i), 1, i);
    if (i % 3 == 0) h.type = HouseholdType::kOrdinaryFarm;
    if (i % 2 == 0) h.village = *RegionCode::Parse("222424100206");
    ASSIGN_OR_RETURN(UpsertOutcome outcome, writer->Upsert(h));
    (void)outcome;
  }
  return writer->Commit();
}

inline Campaign TestCampaign(const std::string& code) {
  Campaign c;
  c.code = code;
  c.name = "汪清县自查";
  c.level = CampaignLevel::kCounty;
  c.scope = *RegionCode::Parse("222424");
  c.items = {"food",  "clothing", "education",  "medical", "housing",
             "water", "income",   "assistance", "accuracy"};
  c.income_line = Money::FromYuan(4000);
  c.created_by = "测试";
  c.created_on = *Date::FromYmd(2025, 3, 1);
  return c;
}

// A census draw of the whole frame (every household a unit, one cell per village × registered).
inline StatusOr<int32_t> SaveCensus(CampaignStore& campaigns, int64_t campaign_id, RegionCode scope) {
  ASSIGN_OR_RETURN(std::vector<FrameHousehold> frame, campaigns.ReadFrame(scope));
  StoredSample s;
  s.design.census = true;
  s.design.frame_size = static_cast<int64_t>(frame.size());
  s.design.sample_size = s.design.frame_size;
  s.design.drawn_by = "测试";
  s.design.drawn_on = *Date::FromYmd(2025, 3, 2);
  std::map<std::pair<uint64_t, bool>, int64_t> cells;
  for (const FrameHousehold& h : frame) {
    const bool registered = h.type != HouseholdType::kOrdinaryFarm;
    ++cells[{h.village.value(), registered}];
    s.units.push_back({h.household_id, h.household_no, h.village, h.village.value(), h.type, h.persons,
                       static_cast<int64_t>(s.units.size())});
  }
  for (const auto& [key, n] : cells) s.strata.push_back({key.first, key.second, n, n});
  return campaigns.SaveSample(campaign_id, s);
}

inline HouseholdFindings TestFindings(const std::string& household_no,
                                      const std::vector<std::string>& items) {
  HouseholdFindings f;
  f.household_no = household_no;
  f.recorded_by = "核查员";
  f.recorded_on = *Date::FromYmd(2025, 3, 5);
  for (const std::string& item : items) {
    CampaignFinding x;
    x.item = item;
    x.answer = FindingAnswer::kYes;
    if (item == "income") x.value = Money::FromYuan(6000);
    f.findings.push_back(x);
  }
  return f;
}

}  // namespace jz::testing

#endif  // JZ_STORE_SQLITE_CAMPAIGN_TEST_SUPPORT_H_
