// Verification campaigns in the store (县级自查、市州复查、省级抽查, DOMAIN §5.4): the campaign,
// its sample design and drawn units, and the findings recorded per household and item.
// Reached through Store::campaigns(). History is append-only: a re-drawn sample is a new draw
// (the newest is current), and re-recorded findings are a new revision of the household's
// findings (the newest is reported); nothing is updated in place or deleted.
//
// Every mutating call is one transaction. Thread safety: as Store (one thread at a time).
#ifndef JZ_STORE_CAMPAIGN_STORE_H_
#define JZ_STORE_CAMPAIGN_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/money.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

// The level of a campaign; the code is stored.
enum class CampaignLevel : uint8_t {
  kCounty = 1,      // 县级自查: every household in scope
  kPrefecture = 2,  // 市州复查: a stratified sample
  kProvince = 3,    // 省级抽查: a (smaller) stratified sample
};

// What a sample is stratified by.
enum class StrataKind : uint8_t { kTownship = 1, kVillage = 2, kCounty = 3 };

// The region level of a stratum of `kind`; and its name, "township" | "village" | "county".
RegionLevel StrataLevel(StrataKind kind);
std::string_view StrataKindName(StrataKind kind);

// A finding's answer for one checklist item.
enum class FindingAnswer : uint8_t {
  kYes = 1,            // 符合: the guarantee holds / the record is right
  kNo = 2,             // 不符合: a problem
  kNotApplicable = 3,  // 不适用
};

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
// frame_count. allocation: 1 proportional, 2 equal (engine/sampling.h Allocation).
struct CampaignDesign {
  int32_t draw_no = 0;  // assigned by SaveSample
  bool census = false;
  uint64_t seed = 0;
  int64_t frame_size = 0;
  StrataKind strata = StrataKind::kTownship;
  int32_t allocation = 1;
  int64_t size = 0;
  int32_t fraction_bp = 0;
  int32_t registered_share_bp = 5000;
  int32_t min_per_stratum = 2;
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

class CampaignStore {
 public:
  virtual ~CampaignStore() = default;

  // Stores a new campaign and returns its id. AlreadyExists when the code is taken.
  [[nodiscard]] virtual StatusOr<int64_t> CreateCampaign(const Campaign& campaign) = 0;
  // The campaign with `code` (or `id`), or nullopt.
  [[nodiscard]] virtual StatusOr<std::optional<Campaign>> FindCampaign(std::string_view code) = 0;
  [[nodiscard]] virtual StatusOr<std::optional<Campaign>> FindCampaignById(int64_t id) = 0;
  // Every campaign, by id.
  [[nodiscard]] virtual StatusOr<std::vector<Campaign>> ListCampaigns() = 0;

  // The households inside `scope` with their village, type and member count, ordered by
  // household_no: the sampling frame.
  [[nodiscard]] virtual StatusOr<std::vector<FrameHousehold>> ReadFrame(RegionCode scope) = 0;

  // Stores `sample` as the campaign's next draw and returns its draw number (1 for the
  // first). FailedPrecondition when findings are already recorded for the campaign.
  [[nodiscard]] virtual StatusOr<int32_t> SaveSample(int64_t campaign_id, const StoredSample& sample) = 0;
  // The current (newest) draw with its units in draw order, or nullopt when none.
  [[nodiscard]] virtual StatusOr<std::optional<StoredSample>> LoadSample(int64_t campaign_id) = 0;

  // Records one household's findings as one transaction (all or nothing) and returns the
  // revision (1 for the first recording; a later one supersedes, the earlier stays stored).
  // NotFound when the household is not in the campaign's current sample; InvalidArgument
  // when two findings name the same item and person.
  [[nodiscard]] virtual StatusOr<int32_t> RecordFindings(int64_t campaign_id, const HouseholdFindings& findings) = 0;
  // Records many households in one transaction, each household inside its own savepoint: a
  // household that fails (as RecordFindings would) is rolled back alone and its status put in
  // `outcomes` (same order as `households`; the revision on success); the others commit
  // together. Fails as a whole (nothing stored) only when the transaction itself fails.
  // Every household is still whole or absent after a crash.
  [[nodiscard]] virtual Status RecordFindingsBatch(int64_t campaign_id, std::span<const HouseholdFindings> households,
                                                   std::vector<StatusOr<int32_t>>& outcomes) = 0;
  // Calls `visit` once per household with findings, in household id order, with the latest
  // revision's findings.
  [[nodiscard]] virtual Status ScanLatestFindings(
      int64_t campaign_id, const std::function<Status(int64_t household_id, std::span<const CampaignFinding>)>& visit) = 0;
  // Households with at least one recorded finding.
  [[nodiscard]] virtual StatusOr<int64_t> CountRecordedHouseholds(int64_t campaign_id) = 0;
};

inline RegionLevel StrataLevel(StrataKind kind) {
  switch (kind) {
    case StrataKind::kCounty: return RegionLevel::kCounty;
    case StrataKind::kVillage: return RegionLevel::kVillage;
    case StrataKind::kTownship: break;
  }
  return RegionLevel::kTownship;
}

inline std::string_view StrataKindName(StrataKind kind) {
  switch (kind) {
    case StrataKind::kCounty: return "county";
    case StrataKind::kVillage: return "village";
    case StrataKind::kTownship: break;
  }
  return "township";
}

}  // namespace jz

#endif  // JZ_STORE_CAMPAIGN_STORE_H_
