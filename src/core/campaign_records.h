// The records of verification campaigns (县级自查、市州复查、省级抽查, DOMAIN §5.4): the campaign,
// its sample design, strata and drawn units, and the findings recorded per household and item.
// Plain values: the store keeps them (store/campaign_store.h), app computes with them, doors
// show them. The code lists they use are in verification_codes.h.
#ifndef JZ_CORE_CAMPAIGN_RECORDS_H_
#define JZ_CORE_CAMPAIGN_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/money.h"
#include "core/region_code.h"
#include "core/verification_codes.h"

namespace jz {

struct Campaign {
  int64_t id = 0;  // assigned by CreateCampaign
  std::string code;
  std::string name;
  CampaignLevel level = CampaignLevel::kCounty;
  RegionCode scope;
  std::vector<std::string> items;     // checklist item codes, in order
  std::optional<int64_t> compare_to;  // id of the lower-level campaign
  Money income_line;                  // per-capita net income below it is a problem
  std::string created_by;
  Date created_on;
};

// A household of the sampling frame.
struct FrameHousehold {
  int64_t household_id = 0;
  std::string household_no;
  RegionCode village;
  HouseholdType type = HouseholdType::kOrdinaryFarm;
  int32_t persons = 0;
};

// The design of one draw. Invariant: census implies every stratum's sample_count equals its
// frame_count.
struct CampaignDesign {
  int32_t draw_no = 0;  // assigned by SaveSample
  bool census = false;
  uint64_t seed = 0;
  int64_t frame_size = 0;
  StrataKind strata = StrataKind::kTownship;
  SampleAllocation allocation = SampleAllocation::kProportional;
  int64_t size = 0;
  int32_t fraction_bp = 0;
  int32_t registered_share_bp = 5000;
  int32_t min_per_stratum = 2;
  // The number of the sampling rule that drew it (engine/sampling.h kSamplingRule, RULE
  // VERSIONS): 1 for draws stored before the cell floors, 2 since. A stored draw is never
  // re-drawn, so the number says which text reproduces it.
  int32_t sampling_rule = 1;
  int64_t sample_size = 0;
  std::string drawn_by;
  Date drawn_on;
};

struct CampaignStratum {
  uint64_t stratum = 0;
  bool registered = false;
  int64_t frame_count = 0;
  int64_t sample_count = 0;
};

struct CampaignUnit {
  int64_t household_id = 0;
  std::string household_no;
  RegionCode village;
  uint64_t stratum = 0;
  HouseholdType type = HouseholdType::kOrdinaryFarm;
  int32_t persons = 0;
  int64_t draw_order = 0;
};

// A draw: the design, its cells and its units in draw order.
struct StoredSample {
  CampaignDesign design;
  std::vector<CampaignStratum> strata;
  std::vector<CampaignUnit> units;
};

struct CampaignFinding {
  std::string item;
  std::string person_no;  // "" for household items
  FindingAnswer answer = FindingAnswer::kYes;
  std::optional<Money> value;  // income items: per-capita net income
  std::string note;

  friend bool operator==(const CampaignFinding&, const CampaignFinding&) = default;
};

// All the findings of one household in one recording.
struct HouseholdFindings {
  std::string household_no;
  std::vector<CampaignFinding> findings;
  std::string recorded_by;
  Date recorded_on;
};

}  // namespace jz

#endif  // JZ_CORE_CAMPAIGN_RECORDS_H_
