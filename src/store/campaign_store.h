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

#include "core/campaign_records.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

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
  [[nodiscard]] virtual StatusOr<int32_t> RecordFindings(int64_t campaign_id,
                                                         const HouseholdFindings& findings) = 0;
  // Records many households in one transaction, each household inside its own savepoint: a
  // household that fails (as RecordFindings would) is rolled back alone and its status put in
  // `outcomes` (same order as `households`; the revision on success); the others commit
  // together. Fails as a whole (nothing stored) only when the transaction itself fails.
  // Every household is still whole or absent after a crash.
  [[nodiscard]] virtual Status RecordFindingsBatch(int64_t campaign_id,
                                                   std::span<const HouseholdFindings> households,
                                                   std::vector<StatusOr<int32_t>>& outcomes) = 0;
  // Calls `visit` once per household with findings, in household id order, with the latest
  // revision's findings.
  [[nodiscard]] virtual Status ScanLatestFindings(
      int64_t campaign_id,
      const std::function<Status(int64_t household_id, std::span<const CampaignFinding>)>& visit) = 0;
  // Households with at least one recorded finding.
  [[nodiscard]] virtual StatusOr<int64_t> CountRecordedHouseholds(int64_t campaign_id) = 0;
};

}  // namespace jz

#endif  // JZ_STORE_CAMPAIGN_STORE_H_
