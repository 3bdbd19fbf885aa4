// The checks and defaults shared by the screen and what-if requests (screening_inputs.h).
#include "app/screening/internal/screening_inputs.h"

#include <filesystem>

#include "core/limits.h"

namespace jz::internal {
namespace {

Status CheckThreads(int threads) {
  if (threads >= 0 && threads <= kMaxThreads) return OkStatus();
  return InvalidArgumentError(Bilingual("--threads {} 超出范围：应为 0（全部核心）到 {}",
                                        "--threads {} is out of range: use 0 (every core) to {}", threads,
                                        kMaxThreads));
}

StatusOr<Date> ResolveAsOf(const std::optional<Date>& requested, Date today) {
  const Date as_of = requested ? *requested : DefaultAsOf(today);
  if (as_of <= today) return as_of;
  return InvalidArgumentError(Bilingual("筛查基准日 {} 晚于今天 {}：基准日应为今天或更早",
                                        "as-of date {} is after today {}: use today or an earlier date",
                                        as_of.ToString(), today.ToString()));
}

Status CheckPolicyPeriod(const Policy& policy, Date as_of, bool ignore) {
  if (ignore || (policy.effective_from <= as_of && as_of <= policy.effective_to)) return OkStatus();
  return FailedPreconditionError(Bilingual(
      "政策 {} 的有效期为 {} 至 {}，基准日 {} 不在其内：请用该期的政策文件，或加 --ignore-policy-period",
      "policy {} is effective from {} to {}, and the as-of date {} is outside it: use the policy of that "
      "period, or pass --ignore-policy-period",
      policy.source, policy.effective_from.ToString(), policy.effective_to.ToString(), as_of.ToString()));
}

// The declared feeds whose <name>.csv is not in `dir`, in policy order.
std::vector<std::string> MissingFeeds(const Policy& policy, const std::string& dir) {
  std::vector<std::string> missing;
  for (const FeedSchema& feed : policy.feeds) {
    if (!std::filesystem::exists(std::filesystem::path(dir) / (feed.name + ".csv")))
      missing.push_back(feed.name);
  }
  return missing;
}

Status CheckFeeds(const Policy& policy, const std::string& dir, bool allow,
                  std::vector<std::string>& missing) {
  if (!std::filesystem::is_directory(dir)) {
    return NotFoundError(Bilingual("数据源目录 {} 不存在", "feed directory {} does not exist", dir));
  }
  missing = MissingFeeds(policy, dir);
  if (missing.empty() || allow) return OkStatus();
  std::string files;
  for (const std::string& name : missing) files += (files.empty() ? "" : ", ") + name + ".csv";
  return FailedPreconditionError(Bilingual(
      "数据源目录 {} 缺少政策 {} 声明的数据源文件：{}；读取它们的规则无法判定。请补齐文件，"
      "或加 --allow-missing-feeds 以这些规则无法判定继续",
      "the feed directory {} lacks files of feeds that policy {} declares: {}; the rules reading them cannot "
      "be decided. Provide the files, or pass --allow-missing-feeds to go on with those rules undecidable",
      dir, policy.source, files));
}

// The requested scope, else the database's province. When regions of several provinces are
// loaded (the national code table), the policy's own province is the one it can screen.
StatusOr<RegionCode> ResolveScope(Workspace& workspace, const std::optional<RegionCode>& requested,
                                  const Policy& policy) {
  StatusOr<RegionCode> scope = workspace.ScopeOr(requested);
  if (scope.ok() || scope.status().code() != StatusCode::kInvalidArgument) return scope;
  StatusOr<RegionCode> of_policy = RegionCode::Parse(policy.province);
  return of_policy.ok() ? of_policy : scope;
}

}  // namespace

Date DefaultAsOf(Date today) { return *Date::FromYmd(today.year() - 1, 12, 31); }

StatusOr<PreparedScreening> PrepareScreening(const ScreeningInputs& inputs, Workspace* workspace,
                                             Date today) {
  RETURN_IF_ERROR(CheckThreads(inputs.threads));
  PreparedScreening prepared;
  ScreenOptions& options = prepared.options;
  ASSIGN_OR_RETURN(options.as_of, ResolveAsOf(inputs.as_of, today));
  ASSIGN_OR_RETURN(prepared.policy, LoadPolicyFile(inputs.policy_path));
  RETURN_IF_ERROR(CheckPolicyPeriod(prepared.policy, options.as_of, inputs.ignore_policy_period));
  RETURN_IF_ERROR(
      CheckFeeds(prepared.policy, inputs.feeds_dir, inputs.allow_missing_feeds, prepared.missing_feeds));
  if (workspace != nullptr) {
    ASSIGN_OR_RETURN(options.scope, ResolveScope(*workspace, inputs.scope, prepared.policy));
  } else if (inputs.scope) {
    options.scope = *inputs.scope;
  }
  options.feeds_dir = inputs.feeds_dir;
  options.threads = inputs.threads;
  options.data_year = inputs.data_year;
  return prepared;
}

}  // namespace jz::internal
