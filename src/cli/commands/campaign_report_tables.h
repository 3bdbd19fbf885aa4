// The tables and lines `campaign report` prints, built from app/verification's CampaignReport
// as ReportTables for the row printer: the regions' rates, the paired comparison with the
// lower level, the items, the long table of every figure (CSV, JSON) and the design (JSON).
// Percentages keep three significant digits below 1 %, so a lower bound above zero never
// reads as 0.00%.
#ifndef JZ_CLI_COMMANDS_CAMPAIGN_REPORT_TABLES_H_
#define JZ_CLI_COMMANDS_CAMPAIGN_REPORT_TABLES_H_

#include <string>
#include <vector>

#include "app/verification/campaign_requests.h"
#include "io/report_table.h"

namespace jz::cli {

// 100 × share with two decimals, or three significant digits when it is below 1 in magnitude
// ("0.0123"); no sign, no "%".
std::string PercentNumber(double share);

// Regions (and the scope's total) with 错退率 and 漏评率, their intervals and df.
ReportTable CampaignRegionsTable(const CampaignReport& r);
// The paired comparison with the lower level, one row per region both levels checked.
// REQUIRES: r.lower.
ReportTable CampaignComparisonTable(const CampaignReport& r, Lang lang);
// The scope's items: accuracy and, with a lower level, disagreement on the overlap.
ReportTable CampaignItemsTable(const CampaignReport& r, Lang lang);
// One row per campaign, region and metric, each campaign with its own counts (CSV and JSON).
ReportTable CampaignEstimatesTable(const CampaignReport& r, Lang lang);
// The design of the current draw and the interval method, one row (JSON).
ReportTable CampaignDesignTable(const CampaignReport& r);

// The heading line: the campaign, its design and the interval method (bilingual).
std::string CampaignReportHeading(const CampaignReport& r);
// The legend lines under the tables (bilingual): the marks used, what the comparison covers.
std::vector<std::string> CampaignReportLegend(const CampaignReport& r);

}  // namespace jz::cli

#endif  // JZ_CLI_COMMANDS_CAMPAIGN_REPORT_TABLES_H_
