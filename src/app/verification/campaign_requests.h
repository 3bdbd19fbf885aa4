// The doors' view of verification campaigns (县级自查、市州复查、省级抽查; docs/campaigns.md):
// one request and one result per step — create, sample, record, report, list, show — over a
// Workspace. Defaults are filled here, not in the door: dates are the workspace's today, the
// scope is the database's province, an income line named by a policy file is that policy's
// poverty_line. This header includes only core/, io/ and app/ headers, so the CLI and the
// server see no engine, rules or store type; campaigns.h has the judgements and the
// functions over Store& that these call.
//
// Every dated step is refused (InvalidArgument, naming both dates) when dated after today or
// before the step it follows: a sample before its campaign was created, findings before the
// sample was drawn. Numeric options are bounded by core/limits.h.
//
// Thread safety: as Workspace (one thread at a time).
#ifndef JZ_APP_VERIFICATION_CAMPAIGN_REQUESTS_H_
#define JZ_APP_VERIFICATION_CAMPAIGN_REQUESTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/campaign_records.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/region_code.h"
#include "core/status.h"
#include "core/verification_codes.h"

namespace jz {

class Workspace;

// ---- create ---------------------------------------------------------------------------

struct CampaignCreateRequest {
  std::string code;
  std::string name;
  CampaignLevel level = CampaignLevel::kCounty;
  std::optional<RegionCode> scope = std::nullopt;  // unset: the database's province
  std::string items;       // checklist codes, comma-separated; "": the default checklist
  std::string compare_to;  // code of the lower-level campaign, or ""
  std::optional<Money> income_line = std::nullopt;  // unset: the poverty_line of policy_path
  std::string policy_path;
  std::string created_by = "jingzhun";
  std::optional<Date> created_on = std::nullopt;  // unset: today
};

// Creates a campaign. Fails as CreateCampaign(Store&) (campaigns.h) does, and with
// InvalidArgument when neither an income line nor a policy is given, the policy has no
// money parameter poverty_line, the date is after today, or an item is unknown or repeated.
[[nodiscard]] StatusOr<Campaign> CreateCampaign(Workspace& ws, const CampaignCreateRequest& request);

// ---- sample ---------------------------------------------------------------------------

struct CampaignSampleRequest {
  std::string campaign;                           // code
  uint64_t seed = 1;                              // at most kMaxSampleSeed
  int64_t size = 0;                               // households; 0: use fraction
  std::optional<double> fraction = std::nullopt;  // in (0, 1], when size is 0
  StrataKind strata = StrataKind::kTownship;
  SampleAllocation allocation = SampleAllocation::kProportional;
  std::optional<double> registered_share = 0.5;  // in [0, 1]; nullopt: proportional to the frame
  int32_t min_per_stratum = 2;                   // 1 .. kMaxMinPerStratum
  std::string drawn_by = "jingzhun";
  std::optional<Date> drawn_on = std::nullopt;  // unset: today
  // When set, the sampled households are written there: .xlsx when it ends in .xlsx, CSV
  // otherwise, headers in `lang`; filled in with item and answer columns, the list is a
  // findings file that `record` reads in any language.
  std::string list_path;
  Lang lang = Lang::kZhHans;
};

struct CampaignSampleResult {
  Campaign campaign;
  StoredSample sample;
  bool reused = false;     // the same design and seed were drawn before: the stored sample
  int64_t registered = 0;  // sampled households that are 建档立卡 (not 一般农户)
};

// Draws (or reuses) the campaign's sample; see DrawCampaignSample (campaigns.h). InvalidArgument
// for a size above kMaxSampleHouseholds, a fraction outside (0, 1], a share outside [0, 1], a
// min_per_stratum outside 1..kMaxMinPerStratum, a seed above kMaxSampleSeed, a date after
// today or before the campaign was created, or a size too small for two households in every cell
// of every stratum (engine/sampling.h step 3; the message names the smallest size accepted).
[[nodiscard]] StatusOr<CampaignSampleResult> SampleCampaign(Workspace& ws,
                                                            const CampaignSampleRequest& request);

// ---- record ---------------------------------------------------------------------------

// One refused row of a findings file.
struct FindingRowError {
  std::string file;
  int64_t row = 0;      // 1-based data row (the header is row 0)
  std::string field;    // column name
  std::string message;  // bilingual
};

struct ImportFindingsResult {
  int64_t rows = 0;
  int64_t households_stored = 0;
  int64_t rows_stored = 0;
  int64_t households_refused = 0;
  std::vector<FindingRowError> refused;  // every row of a refused household, in file order
};

struct CampaignRecordRequest {
  std::string campaign;  // code
  std::string path;      // the findings file, CSV, .xlsx or .xls (ImportFindings in campaigns.h)
  std::string recorded_by = "jingzhun";
  std::optional<Date> recorded_on = std::nullopt;  // unset: today
  std::string refused_path;                        // when set, the refused rows: .xlsx or CSV by extension
  Lang lang = Lang::kZhHans;                       // the refused rows' headers, fields and messages
};

// Imports the findings file. InvalidArgument when the date is after today or before the
// campaign's current sample was drawn (FailedPrecondition when there is no sample); otherwise
// as ImportFindings. Refused households are in the result, not a failed status.
[[nodiscard]] StatusOr<ImportFindingsResult> RecordCampaignFindings(Workspace& ws,
                                                                    const CampaignRecordRequest& request);

// ---- report ---------------------------------------------------------------------------

// A rate estimated from the sample (engine/sampling.h RateEstimate, copied for the doors), or
// the difference of two levels' rates (then `rate` is the difference, upper minus lower, and
// the interval is on the linear scale and may reach below zero).
struct RateFigure {
  bool defined = false;  // false when no recorded household is in the domain
  double rate = 0;
  double standard_error = 0;
  double ci_low = 0;
  double ci_high = 0;
  int64_t households = 0;  // the recorded households the figure rests on (in its domain)
  double numerator_units = 0;
  double denominator_units = 0;
  bool zero_count_bound = false;  // the CI is the zero-event bound
  double degrees_of_freedom = 0;  // of the interval's t quantile: recorded households − their cells
  bool census = false;            // every cell recorded in full: no sampling error, zero width
  // Rests on fewer than kMinRecordedHouseholdsPerFigure recorded households (core/limits.h) and
  // is not a census: the doors mark it. Never set on an undefined figure.
  bool thin = false;
};

// One rate compared between the levels on the households both recorded (the overlap of a
// region), weighted by the upper level's design with each cell's recorded count taken as its
// overlap households (engine/sampling.h EstimateDifference).
struct PairedFigure {
  RateFigure upper;         // the upper level's rate on the overlap
  RateFigure lower;         // the lower level's rate on the same households, same weights
  RateFigure difference;    // upper − lower, its t interval on the linear scale
  int64_t disagreeing = 0;  // households of the domain the two levels judged differently
};

// The paired comparison of one region (campaigns with compare_to).
struct LevelComparison {
  std::string population;   // bilingual: "两级均核查的 N 户 | the N households both levels checked"
  int64_t overlap = 0;      // households of the region both levels recorded
  int64_t disagreeing = 0;  // … with at least one item answered differently (both answered)
  PairedFigure wrong_exit;  // 错退率
  PairedFigure missed;      // 漏评率
};

// The compare_to campaign's own figures over its own recorded households in the region: a
// different population from the upper level's (machine outputs only; the table compares on
// the overlap).
struct LowerOwnFigures {
  std::string population;  // bilingual, names the lower campaign and its recorded households
  int64_t sampled = 0;     // the lower campaign's own units in the region
  int64_t recorded = 0;    // … with findings
  RateFigure wrong_exit;
  RateFigure missed;
};

struct ItemResult {
  std::string item;
  std::string name_zh;  // the checklist item's name; the code for a custom item
  std::string name_en;
  RateFigure accuracy;   // share answered 符合 among 符合 + 不符合 (the region's recorded households)
  int64_t problems = 0;  // households answered 不符合 (unweighted)
  int64_t compared = 0;  // overlap households answered (符合 or 不符合) at both levels
  int64_t discrepancies = 0;  // … with different answers
  // Weighted share of compared households that disagree, on the overlap only (the cells'
  // recorded counts are their overlap households, as for LevelComparison).
  RateFigure discrepancy_rate;
};

struct RegionResult {
  RegionCode code;
  std::string name;
  std::string population;  // bilingual: the region and its recorded households
  int64_t frame_households = 0;
  int64_t sampled = 0;
  int64_t recorded = 0;
  RateFigure wrong_exit;  // 错退率
  RateFigure missed;      // 漏评率
  // Set for a campaign with compare_to when both levels recorded a household of the region.
  std::optional<LevelComparison> comparison = std::nullopt;
  // Set for a campaign with compare_to when the lower campaign sampled in the region.
  std::optional<LowerOwnFigures> lower_own = std::nullopt;
  std::vector<ItemResult> items;
};

// One household and item the two levels answered differently (both answered 符合 or 不符合;
// an income below the line counts as 不符合).
struct ItemDisagreement {
  std::string household_no;
  RegionCode village;
  std::string village_name;
  std::string item;
  FindingAnswer upper = FindingAnswer::kYes;
  FindingAnswer lower = FindingAnswer::kYes;
};

struct CampaignReport {
  Campaign campaign;
  std::optional<Campaign> lower = std::nullopt;
  CampaignDesign design;
  RegionLevel level = RegionLevel::kCounty;
  std::string interval;                         // the interval method: "logit" or "korn-graubard"
  int64_t thin_minimum = 0;                     // kMinRecordedHouseholdsPerFigure, for the doors' legend
  std::vector<RegionResult> regions;            // by code
  RegionResult total;                           // the campaign's scope
  std::vector<ItemDisagreement> disagreements;  // over the scope, by village, household, item
};

struct CampaignReportRequest {
  std::string campaign;  // code
  RegionLevel level = RegionLevel::kCounty;
  std::string interval = "logit";  // "logit" (default) or "korn-graubard"
  // When set, the disagreements are written there: .xlsx when it ends in .xlsx, CSV otherwise,
  // headers and answers in `lang`.
  std::string disagreements_path = {};
  Lang lang = Lang::kZhHans;
};

// See BuildCampaignReport (campaigns.h). InvalidArgument naming the value and the accepted ones
// for an unknown interval method; FailedPrecondition for a disagreements path when the campaign
// has no compare_to; the file's own errors naming its path.
[[nodiscard]] StatusOr<CampaignReport> ReportCampaign(Workspace& ws, const CampaignReportRequest& request);

// ---- list and show --------------------------------------------------------------------

struct CampaignListRequest {};

struct CampaignSummary {
  Campaign campaign;
  std::optional<int64_t> sample_size;  // nullopt: not drawn yet
  int64_t recorded = 0;                // households with findings
};

// Every campaign, by id.
[[nodiscard]] StatusOr<std::vector<CampaignSummary>> ListCampaigns(Workspace& ws,
                                                                   const CampaignListRequest& request);

struct CampaignShowRequest {
  std::string campaign;  // code
};

struct CampaignDetail {
  Campaign campaign;
  std::optional<CampaignDesign> design = std::nullopt;  // the current draw's, nullopt when not drawn
  int64_t cells = 0;                                    // strata × registered cells of the current draw
};

// NotFound for an unknown campaign.
[[nodiscard]] StatusOr<CampaignDetail> ShowCampaign(Workspace& ws, const CampaignShowRequest& request);

}  // namespace jz

#endif  // JZ_APP_VERIFICATION_CAMPAIGN_REQUESTS_H_
