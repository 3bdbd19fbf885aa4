// The screen requests (screening_requests.h): checks and defaults, the work of
// registry_screening.h, then the result as the doors print it.
#include <map>

#include "app/screening/internal/screening_inputs.h"
#include "app/screening/screening_requests.h"

namespace jz {
namespace {

ScreenSummary Summarize(const Policy& policy, const ScreenOptions& options, const ScreenResult& r) {
  ScreenSummary s;
  s.as_of = options.as_of;
  s.scope = options.scope;
  s.policy_version = policy.version;
  for (const FeedStats& f : r.feeds) {
    s.feeds.push_back({f.name, f.provided, f.rows, f.matched, f.unmatched, f.invalid_ids, f.bad_rows});
  }
  s.missing_feeds = r.missing_feeds;
  for (const Rule& rule : policy.rules) {
    const auto fired = r.households_per_rule.find(rule.id);
    const auto open = r.undecidable_per_rule.find(rule.id);
    s.rules.push_back({rule.id, rule.name_zh, WarningKindOf(rule.kind),
                       fired == r.households_per_rule.end() ? 0 : fired->second,
                       open == r.undecidable_per_rule.end() ? 0 : open->second});
  }
  s.households = r.households;
  s.persons = r.persons;
  s.warnings = r.warnings;
  s.warnings_new = r.warnings_new;
  s.not_evaluable = r.not_evaluable;
  s.unknown_values = r.unknown_values;
  s.undecidable = r.undecidable;
  s.households_rejected = r.households_rejected;
  s.load_seconds = r.load_seconds;
  s.feed_seconds = r.feed_seconds;
  s.evaluate_seconds = r.evaluate_seconds;
  s.write_seconds = r.write_seconds;
  return s;
}

}  // namespace

StatusOr<ScreenSummary> Screen(Workspace& workspace, const ScreenRequest& request, Progress& progress) {
  ASSIGN_OR_RETURN(internal::PreparedScreening prepared,
                   internal::PrepareScreening(request.inputs, &workspace, workspace.today()));
  prepared.options.dry_run = request.dry_run;
  ASSIGN_OR_RETURN(ScreenResult result,
                   ScreenRegistry(workspace.store(), prepared.policy, prepared.options, progress));
  ScreenSummary summary = Summarize(prepared.policy, prepared.options, result);
  summary.report_path =
      request.report_path.empty() ? workspace.db_path() + ".screen.csv" : request.report_path;
  RETURN_IF_ERROR(WriteScreenReport(summary.report_path, result, request.lang));
  std::map<RegionCode, std::vector<int64_t>> per_county;
  for (const auto& [county, counts] : result.per_county) per_county[county] = {counts.first, counts.second};
  ASSIGN_OR_RETURN(summary.regions,
                   RollUpRegions(workspace.store(), per_county, RegionLevel::kPrefecture, /*detail=*/true));
  return summary;
}

StatusOr<ScreenSummary> ScreenExportFile(const ScreenRequest& request, Date today, Progress& progress) {
  if (request.registry_csv.empty()) {
    return InvalidArgumentError(
        Bilingual("请给出要筛查的登记导出文件", "name the registry export to screen"));
  }
  ASSIGN_OR_RETURN(internal::PreparedScreening prepared,
                   internal::PrepareScreening(request.inputs, nullptr, today));
  prepared.options.lang = request.lang;
  ASSIGN_OR_RETURN(ScreenResult result, ScreenExport(request.registry_csv, prepared.policy, prepared.options,
                                                     request.out_dir, progress));
  ScreenSummary summary = Summarize(prepared.policy, prepared.options, result);
  summary.out_dir = request.out_dir;
  summary.counties.assign(result.per_county.begin(), result.per_county.end());
  return summary;
}

}  // namespace jz
