// The what-if requests (screening_requests.h): --set parsed into overrides, both policies
// loaded, the registry and feeds read once, the two evaluations compared.
#include <fmt/format.h>

#include "app/screening/internal/screening_inputs.h"
#include "app/screening/screening_requests.h"
#include "app/screening/what_if.h"

namespace jz {
namespace {

StatusOr<std::vector<ParameterOverride>> ParseSets(const std::vector<std::string>& sets) {
  if (sets.empty()) {
    return InvalidArgumentError(
        Bilingual("请至少给出一个 --set 名称=值", "give at least one --set NAME=VALUE"));
  }
  std::vector<ParameterOverride> overrides;
  for (const std::string& set : sets) {
    const size_t eq = set.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgumentError(Bilingual("--set {} 应写作 名称=值，如 monitoring_line=8000",
                                            "--set {} must be NAME=VALUE, e.g. monitoring_line=8000", set));
    }
    overrides.push_back({set.substr(0, eq), set.substr(eq + 1)});
  }
  return overrides;
}

WhatIfSummary Summarize(const Snapshot& snapshot, const Policy& base, const Policy& changed,
                        const std::vector<ParameterOverride>& overrides, const std::vector<bool>& decidable,
                        const WhatIfResult& r) {
  WhatIfSummary s;
  for (const ParameterOverride& o : overrides) {
    s.parameters.push_back(
        {o.name, base.parameters.at(o.name).ToString(), changed.parameters.at(o.name).ToString()});
  }
  for (size_t i = 0; i < base.rules.size(); ++i) {
    s.rules.push_back({base.rules[i].id, base.rules[i].name_zh, r.base_households_per_rule[i],
                       r.changed_households_per_rule[i],
                       decidable[i] ? 0 : static_cast<int64_t>(snapshot.households())});
  }
  for (const auto& [key, counts] : r.per_county) {
    s.counties.push_back(
        {fmt::format("{:06}", key.first), base.rules[key.second].id, counts.first, counts.second});
  }
  s.changes = static_cast<int64_t>(r.changes.size());
  s.rules_reevaluated = r.rules_reevaluated;
  s.base_seconds = r.base_seconds;
  s.rerun_seconds = r.rerun_seconds;
  return s;
}

StatusOr<WhatIfSummary> RunWhatIf(Workspace* workspace, const WhatIfRequest& request, Date today,
                                  Progress& progress) {
  ASSIGN_OR_RETURN(std::vector<ParameterOverride> overrides, ParseSets(request.sets));
  ASSIGN_OR_RETURN(internal::PreparedScreening prepared,
                   internal::PrepareScreening(request.inputs, workspace, today));
  const Policy& base = prepared.policy;
  const ScreenOptions& options = prepared.options;
  ASSIGN_OR_RETURN(Policy changed, LoadPolicyFile(request.inputs.policy_path, overrides));
  Snapshot snapshot;
  if (workspace != nullptr) {
    ASSIGN_OR_RETURN(snapshot, SnapshotFromStore(workspace->store(), NeedsOf(base), options.as_of,
                                                 options.scope, progress));
  } else {
    ASSIGN_OR_RETURN(
        snapshot, SnapshotFromExport(request.registry_csv, NeedsOf(base), options.as_of, options, progress));
  }
  ScreenResult loaded;
  RETURN_IF_ERROR(LoadScreeningFeeds(snapshot, base, options, loaded, progress));
  const std::vector<bool> decidable = DecidableRules(base, loaded.feeds);
  ASSIGN_OR_RETURN(WhatIfResult result, CompareWhatIf(snapshot, base, changed, options.threads, decidable));
  RETURN_IF_ERROR(WriteWhatIfList(request.out_path, snapshot, base, result, request.lang));
  WhatIfSummary summary = Summarize(snapshot, base, changed, overrides, decidable, result);
  summary.as_of = options.as_of;
  summary.missing_feeds = loaded.missing_feeds;
  summary.out_path = request.out_path;
  return summary;
}

}  // namespace

StatusOr<WhatIfSummary> WhatIf(Workspace& workspace, const WhatIfRequest& request, Progress& progress) {
  return RunWhatIf(&workspace, request, workspace.today(), progress);
}

StatusOr<WhatIfSummary> WhatIfExportFile(const WhatIfRequest& request, Date today, Progress& progress) {
  if (request.registry_csv.empty()) {
    return InvalidArgumentError(Bilingual("请给出登记导出文件", "name the registry export"));
  }
  return RunWhatIf(nullptr, request, today, progress);
}

}  // namespace jz
