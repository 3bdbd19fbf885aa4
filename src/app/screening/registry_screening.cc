// Screening on the columnar engine: snapshot, feeds, rules, then warnings and tables.
#include "app/screening/registry_screening.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "engine/registry_loader.h"
#include "io/files.h"

namespace jz {
namespace {

// Checked before the registry is read, so that a mistyped directory fails at once.
Status RequireFeedDir(const ScreenOptions& options) {
  if (std::filesystem::is_directory(options.feeds_dir)) return OkStatus();
  return NotFoundError(
      Bilingual("数据源目录 {} 不存在", "feed directory {} does not exist", options.feeds_dir));
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

RegionCode CountyCode(uint32_t county6) {
  return RegionCode::FromValue(uint64_t{county6} * 1'000'000).value_or(RegionCode());
}

// Fills the per-rule and per-county tables from the engine's hits: counted in flat arrays
// by county slot (there are a few hundred counties and a million hits), then named.
void Tally(const Snapshot& snapshot, const Policy& policy, const EngineResult& engine, ScreenResult& result) {
  result.households = static_cast<int64_t>(snapshot.households());
  result.persons = static_cast<int64_t>(snapshot.persons());
  result.warnings = static_cast<int64_t>(engine.hits.size());
  const size_t rules = policy.rules.size();
  const std::vector<bool> decidable = DecidableRules(policy, result.feeds);
  for (size_t r = 0; r < rules; ++r) {
    if (engine.households_per_rule[r] > 0)
      result.households_per_rule[policy.rules[r].id] = engine.households_per_rule[r];
    result.not_evaluable += engine.not_evaluable_per_rule[r];
    result.unknown_values += engine.unknown_per_rule[r];
    if (decidable[r]) continue;
    result.undecidable_per_rule[policy.rules[r].id] = result.households;
    result.undecidable += result.households;
  }
  // County codes have six digits: the slots are found through a table by code, in one pass
  // (sorting millions of household codes took a quarter of a second at 10 million persons).
  uint32_t max_code = 0;
  for (const uint32_t code : snapshot.county) max_code = std::max(max_code, code);
  std::vector<uint32_t> slot_by_code(snapshot.county.empty() ? 0 : size_t{max_code} + 1, UINT32_MAX);
  for (const uint32_t code : snapshot.county) slot_by_code[code] = 0;  // present
  std::vector<uint32_t> counties;
  for (uint32_t code = 0; code < slot_by_code.size(); ++code) {
    if (slot_by_code[code] == UINT32_MAX) continue;
    slot_by_code[code] = static_cast<uint32_t>(counties.size());
    counties.push_back(code);
  }
  std::vector<uint32_t> slot_of(snapshot.households());
  for (size_t h = 0; h < snapshot.households(); ++h) slot_of[h] = slot_by_code[snapshot.county[h]];
  std::vector<int64_t> fired(counties.size() * rules, 0);
  std::vector<uint8_t> warned(snapshot.households(), 0);
  for (size_t i = 0; i < engine.hits.size(); ++i) {
    const EngineHit& hit = engine.hits[i];
    if (i > 0 && engine.hits[i - 1].household == hit.household && engine.hits[i - 1].rule == hit.rule)
      continue;
    ++fired[slot_of[hit.household] * rules + hit.rule];
    if (policy.rules[hit.rule].kind != RuleKind::kTest) warned[hit.household] = 1;
  }
  std::vector<std::pair<int64_t, int64_t>> totals(counties.size());
  for (size_t h = 0; h < snapshot.households(); ++h) {
    ++totals[slot_of[h]].first;
    totals[slot_of[h]].second += warned[h];
  }
  for (size_t c = 0; c < counties.size(); ++c) {
    const RegionCode county = CountyCode(counties[c]);
    result.per_county[county] = totals[c];
    for (size_t r = 0; r < rules; ++r) {
      if (fired[c * rules + r] > 0)
        result.per_county_rule[{county, policy.rules[r].id}] = fired[c * rules + r];
    }
  }
}

StatusOr<EngineResult> Evaluate(const Snapshot& snapshot, const Policy& policy, const ScreenOptions& options,
                                ScreenResult& result, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  progress.Start("评估规则 evaluating rules", 0);
  ASSIGN_OR_RETURN(RuleEngine engine, RuleEngine::Create(policy, snapshot));
  // Rules reading a feed that was not provided are not evaluated: an absent file says
  // nothing about the households, so no hit from it may become a warning.
  std::vector<bool> only = DecidableRules(policy, result.feeds);
  if (std::find(only.begin(), only.end(), false) == only.end()) only.clear();
  ASSIGN_OR_RETURN(EngineResult evaluated,
                   engine.Run({.threads = options.threads, .evidence = true, .only = std::move(only)}));
  progress.Finish();
  Tally(snapshot, policy, evaluated, result);
  result.evaluate_seconds = SecondsSince(start);
  return evaluated;
}

}  // namespace

std::vector<bool> DecidableRules(const Policy& policy, const std::vector<FeedStats>& feeds) {
  std::vector<bool> decidable(policy.rules.size(), true);
  for (size_t r = 0; r < policy.rules.size(); ++r) {
    for (const Node& node : policy.rules[r].expr.nodes) {
      const bool reads_feed = node.op == Op::kFeedSum || node.op == Op::kFeedCount || node.op == Op::kFeedAny;
      if (reads_feed && node.feed < feeds.size() && !feeds[node.feed].provided) decidable[r] = false;
    }
  }
  return decidable;
}

WarningKind WarningKindOf(RuleKind kind) {
  switch (kind) {
    case RuleKind::kTest:
      return WarningKind::kTest;
    case RuleKind::kWarning:
      return WarningKind::kWarning;
    case RuleKind::kExclusion:
      return WarningKind::kExclusion;
  }
  return WarningKind::kUnknown;
}

Status LoadScreeningFeeds(Snapshot& snapshot, const Policy& policy, const ScreenOptions& options,
                          ScreenResult& result, Progress& progress) {
  RETURN_IF_ERROR(RequireFeedDir(options));
  const auto start = std::chrono::steady_clock::now();
  FeedAccumulator acc(snapshot, policy.feeds);
  result.feeds.clear();
  result.feed_files.clear();
  result.missing_feeds.clear();
  result.unmatched_rows.assign(policy.feeds.size(), {});
  FeedLoadOptions load;
  load.threads = options.threads;
  for (size_t f = 0; f < policy.feeds.size(); ++f) {
    const std::string file = policy.feeds[f].name + ".csv";
    const std::string path = (std::filesystem::path(options.feeds_dir) / file).string();
    result.feed_files.push_back(file);
    FeedStats stats;
    stats.name = policy.feeds[f].name;
    if (std::filesystem::exists(path)) {
      ASSIGN_OR_RETURN(FeedLoadResult loaded, LoadFeed(path, policy.feeds[f], f, acc, load, progress));
      stats.provided = true;
      stats.rows = loaded.rows;
      stats.matched = loaded.matched;
      stats.unmatched = loaded.unmatched;
      stats.invalid_ids = loaded.invalid_ids;
      stats.bad_rows = loaded.bad_rows;
      for (FeedProblem& p : loaded.problems) {
        p.file = file;  // named as the unmatched rows are: within the feeds directory
        result.problems.push_back(std::move(p));
      }
      result.unmatched_rows[f] = std::move(loaded.unmatched_rows);
    } else {
      result.missing_feeds.push_back(stats.name);
    }
    result.feeds.push_back(stats);
  }
  RETURN_IF_ERROR(acc.status());
  result.feed_seconds = SecondsSince(start);
  return OkStatus();
}

StatusOr<Snapshot> SnapshotFromExport(const std::string& path, const SnapshotNeeds& needs, Date as_of,
                                      const ScreenOptions& options, Progress& progress) {
  RegistryLoadOptions load;
  load.data_year = options.data_year;
  load.threads = options.threads;
  ASSIGN_OR_RETURN(RegistryLoadResult loaded, LoadRegistrySnapshot(path, needs, as_of, load, progress));
  return std::move(loaded.snapshot);
}

StatusOr<Snapshot> SnapshotFromStore(Store& store, const SnapshotNeeds& needs, Date as_of, RegionCode scope,
                                     Progress& progress) {
  SnapshotBuilder builder(needs, as_of);
  ASSIGN_OR_RETURN(RegistryCounts sizes, store.Counts(ReadScope::Within(scope)));
  progress.Start("读取登记 reading the registry", sizes.households);
  int64_t households = 0;
  RETURN_IF_ERROR(store.ScanHouseholds(scope, [&](const Household& h) -> Status {
    builder.Add(h);
    if ((++households & 4095) == 0) progress.Update(households);
    return OkStatus();
  }));
  progress.Finish();
  return std::move(builder).Finish();
}

StatusOr<ScreenResult> ScreenRegistry(Store& store, const Policy& policy, const ScreenOptions& options,
                                      Progress& progress) {
  RETURN_IF_ERROR(RequireFeedDir(options));
  ScreenResult result;
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(Snapshot snapshot,
                   SnapshotFromStore(store, NeedsOf(policy), options.as_of, options.scope, progress));
  result.load_seconds = SecondsSince(start);
  RETURN_IF_ERROR(LoadScreeningFeeds(snapshot, policy, options, result, progress));
  ASSIGN_OR_RETURN(EngineResult evaluated, Evaluate(snapshot, policy, options, result, progress));
  if (options.dry_run) return result;

  start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(std::unique_ptr<RegistryWriter> writer, store.BeginWrite());
  const std::string period = options.as_of.ToString().substr(0, 7);
  progress.Start("写入预警 storing warnings", static_cast<int64_t>(evaluated.hits.size()));
  for (size_t i = 0; i < evaluated.hits.size(); ++i) {
    const EngineHit& hit = evaluated.hits[i];
    Warning w{std::string(snapshot.household_no[hit.household]),
              policy.rules[hit.rule].id,
              period,
              hit.person == kNoPerson ? "" : snapshot.PersonNo(hit.person, hit.household),
              policy.version,
              options.as_of,
              std::string(evaluated.evidence(i)),
              WarningKindOf(policy.rules[hit.rule].kind)};
    ASSIGN_OR_RETURN(bool fresh, writer->AddWarning(w));
    result.warnings_new += fresh;
    if ((i & 1023) == 0) progress.Update(static_cast<int64_t>(i));
  }
  progress.Finish();
  RETURN_IF_ERROR(writer->Commit());
  result.write_seconds = SecondsSince(start);
  return result;
}

StatusOr<ScreenResult> ScreenExport(const std::string& registry_csv, const Policy& policy,
                                    const ScreenOptions& options, const std::string& out_dir,
                                    Progress& progress) {
  RETURN_IF_ERROR(RequireFeedDir(options));
  RETURN_IF_ERROR(CreateDirectories(out_dir));
  ScreenResult result;
  auto start = std::chrono::steady_clock::now();
  RegistryLoadOptions load;
  load.data_year = options.data_year;
  load.threads = options.threads;
  ASSIGN_OR_RETURN(RegistryLoadResult loaded,
                   LoadRegistrySnapshot(registry_csv, NeedsOf(policy), options.as_of, load, progress));
  result.registry_problems = std::move(loaded.problems);
  result.households_rejected = loaded.households_rejected;
  Snapshot& snapshot = loaded.snapshot;
  result.load_seconds = SecondsSince(start);
  RETURN_IF_ERROR(LoadScreeningFeeds(snapshot, policy, options, result, progress));
  ASSIGN_OR_RETURN(EngineResult evaluated, Evaluate(snapshot, policy, options, result, progress));

  start = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(WriteScreenExportFiles(out_dir, snapshot, policy, evaluated, result, options.lang));
  result.write_seconds = SecondsSince(start);
  return result;
}

}  // namespace jz
