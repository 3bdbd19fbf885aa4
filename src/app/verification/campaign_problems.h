// From verification to rectification (对账销号): every item a campaign found 不符合 in a
// household becomes a problem of the rectification ledger (rectification.h), owned by the
// responsible unit and person given, due `deadline_days` after the ledger entry. When the
// campaign re-checks a lower level's (compare_to), a problem the lower level had answered
// 符合 says so: the lower level's check missed it.
//
// Idempotent: each problem's source item is "<户编号>/<item>", so running it again after more
// findings were recorded adds only the new problems.
#ifndef JZ_APP_VERIFICATION_CAMPAIGN_PROBLEMS_H_
#define JZ_APP_VERIFICATION_CAMPAIGN_PROBLEMS_H_

#include <string>
#include <string_view>

#include "app/rectification/rectification.h"
#include "core/date.h"
#include "core/status.h"
#include "store/store.h"

namespace jz {

// In CampaignProblemsRequest::responsible_unit, stands for the county of each household.
inline constexpr std::string_view kCountyPlaceholder = "{county}";

struct CampaignProblemsRequest {
  std::string campaign;          // the campaign's code
  std::string responsible_unit;  // 责任单位; "{county}乡村振兴局" names each household's county
  std::string owner;             // 责任人
  std::string lead_unit;         // 牵头单位; may be empty
  std::string actor;             // who opens the ledger entries (建账)
  Date date;                     // when
  int deadline_days = 30;        // 整改时限: `date` plus this many days
};

// Fails with NotFound for an unknown campaign, FailedPrecondition when it has no sample,
// and as AddProblems does (nothing stored) when the request lacks a unit or an owner.
StatusOr<AddedProblems> OpenProblemsFromCampaign(Store& store, const CampaignProblemsRequest& request);

}  // namespace jz

#endif  // JZ_APP_VERIFICATION_CAMPAIGN_PROBLEMS_H_
