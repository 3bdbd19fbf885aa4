// Use cases of verification campaigns (县级自查、市州复查、省级抽查, DOMAIN §5.4; docs/campaigns.md):
// create a campaign, draw its reproducible stratified sample (engine/sampling.h), record
// findings item by item per household (one household = one transaction; a CSV import reports
// every refused row with file, row and field), report 错退率 / 漏评率 / accuracy per item with
// confidence intervals and the paired comparison with the lower level on the households both
// checked.
//
// Judgements (DOMAIN §5.2, §5.3): a household fails the standard when any of food, clothing,
// education, medical, housing, water is answered 不符合, or income is answered 不符合 or its
// value (per-capita net income) is below the campaign's income line. A registered exited
// household (脱贫户 or 监测户) that fails is 错退 (wrongly exited); a non-registered household
// (一般农户) that fails meets the identification standard and is 漏评 (missed). 贫困户 (not yet
// exited) are in neither rate. Rates are of persons (the household's member count at the draw).
//
// The doors call campaign_requests.h, which fills defaults and checks dates and bounds, then
// these. Nothing here prints or touches SQL. Thread safety: one call at a time per Store.
#ifndef JZ_APP_VERIFICATION_CAMPAIGNS_H_
#define JZ_APP_VERIFICATION_CAMPAIGNS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/verification/campaign_requests.h"
#include "core/region_code.h"
#include "core/status.h"
#include "engine/sampling.h"
#include "io/report_table.h"
#include "store/store.h"

namespace jz {

// A checklist item. `standard` items decide 错退 / 漏评; the others are reported for accuracy.
struct ChecklistItem {
  std::string_view code;
  std::string_view name_zh;
  std::string_view name_en;
  bool standard = false;
};

// The domain's default checklist: food 不愁吃, clothing 不愁穿, education 义务教育有保障, medical
// 基本医疗有保障, housing 住房安全有保障, water 饮水安全, income 收入达到标准 (value: per-capita net
// income), assistance 帮扶措施落实, accuracy 信息数据准确.
std::span<const ChecklistItem> DefaultChecklist();
// The item with `code`, or null.
const ChecklistItem* FindChecklistItem(std::string_view code);
// Parses "food,water,income" (spaces ignored). InvalidArgument naming an unknown or repeated
// code and listing the known ones. An empty list means the default checklist.
[[nodiscard]] StatusOr<std::vector<std::string>> ParseChecklist(std::string_view text);

struct CreateCampaignRequest {
  std::string code;
  std::string name;
  CampaignLevel level = CampaignLevel::kCounty;
  RegionCode scope;
  std::vector<std::string> items;  // empty: the default checklist
  std::string compare_to;          // code of the lower-level campaign, or ""
  Money income_line;
  std::string created_by;
  Date created_on;
};

// Creates a campaign. InvalidArgument for an empty code or name, a non-positive income line,
// a county self-check whose scope is above county level; NotFound for an unknown compare_to
// or a scope that is not a loaded region; InvalidArgument when compare_to is not of a lower
// level or its scope does not contain this one; AlreadyExists for a taken code.
[[nodiscard]] StatusOr<Campaign> CreateCampaign(Store& store, const CreateCampaignRequest& request);

struct DrawRequest {
  std::string campaign;  // code
  SampleDesign design;   // census is forced for a county self-check
  StrataKind strata = StrataKind::kTownship;
  std::string drawn_by;
  Date drawn_on;
};

struct DrawResult {
  Campaign campaign;
  StoredSample sample;
  bool reused = false;  // the same design and seed were drawn before: the stored sample
};

// Reads the frame (households in the campaign's scope) and draws the sample. The same design
// and seed return the stored draw unchanged (reused), whichever sampling rule made it; a new
// draw uses and records kSamplingRule; another design or seed is a new draw,
// refused (FailedPrecondition) once findings are recorded. A county self-check is a census of
// every household, stratified by village. NotFound for an unknown campaign.
[[nodiscard]] StatusOr<DrawResult> DrawCampaignSample(Store& store, const DrawRequest& request);

// Records one household's findings (one transaction). InvalidArgument for an item not on the
// campaign's checklist, a repeated item, a value on another item than income or a negative
// value; NotFound when the household is not in the sample. Returns the revision.
[[nodiscard]] StatusOr<int32_t> RecordHouseholdFindings(Store& store, const Campaign& campaign,
                                                        const HouseholdFindings& findings);

// The columns of a findings file, in the order FindingsFileColumns() gives them. A header
// cell names a column by its key (household_no), or its header in any language (户编号,
// 戶編號, household no), so a sample list written in any language can be filled in and read.
const std::vector<ReportColumn>& FindingsFileColumns();

// Imports a findings file (CSV in UTF-8 or GB18030, .xlsx or .xls; columns household_no,
// item, answer, value, note and optionally person_no, named as FindingsFileColumns() says;
// value is yuan, e.g. 4500.50; other columns, such as those of a sample list, are ignored). Rows are grouped
// by household; a household with any bad row is refused whole (its rows listed, the bad ones with their own
// reason, the others naming the bad row; the list in row order); the other households are
// recorded in batches, each household in its own savepoint, so a crash leaves each household
// whole or absent. Fails (nothing stored) for
// an unreadable file or a header without the required columns.
[[nodiscard]] StatusOr<ImportFindingsResult> ImportFindings(Store& store, std::string_view campaign,
                                                            const std::string& path,
                                                            const std::string& recorded_by, Date recorded_on);

// ---- Report ---------------------------------------------------------------------------

// Computes the report per region at `level` (province, prefecture, county; township when the
// strata are townships or villages; village when they are villages), every interval by
// `method`. With a compare_to campaign, each region also gets the paired comparison on the
// households both levels recorded (LevelComparison), the lower campaign's own figures, and the
// report lists every item the levels answered differently. FailedPrecondition when the
// campaign has no sample; InvalidArgument when `level` is finer than the strata.
[[nodiscard]] StatusOr<CampaignReport> BuildCampaignReport(Store& store, std::string_view campaign,
                                                           RegionLevel level,
                                                           IntervalMethod method = IntervalMethod::kLogit);

}  // namespace jz

#endif  // JZ_APP_VERIFICATION_CAMPAIGNS_H_
