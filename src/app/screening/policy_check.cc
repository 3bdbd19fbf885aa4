// `policy check` as a request (screening_requests.h): the loaded policy as plain rows.
#include "app/screening/registry_screening.h"
#include "app/screening/screening_requests.h"

namespace jz {

StatusOr<PolicyCheckResult> CheckPolicy(const PolicyCheckRequest& request) {
  ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(request.path));
  PolicyCheckResult r{
      request.path, policy.version, policy.province, policy.effective_from, policy.effective_to, {}, {}, {}};
  for (const auto& [name, value] : policy.parameters) r.parameters.emplace_back(name, value.ToString());
  for (const FeedSchema& feed : policy.feeds) {
    std::string columns;
    for (const auto& [column, type] : feed.columns) columns += (columns.empty() ? "" : ", ") + column;
    r.feeds.emplace_back(feed.name, columns);
  }
  for (const Rule& rule : policy.rules) r.rules.push_back({rule.id, WarningKindOf(rule.kind), rule.name_zh});
  return r;
}

}  // namespace jz
