// Screening on the columnar engine: snapshot, feeds, rules, then warnings and tables.
#include "app/registry_screening.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "io/csv_writer.h"

namespace jz {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

RegionCode CountyCode(uint32_t county6) {
  return RegionCode::FromValue(uint64_t{county6} * 1'000'000).value_or(RegionCode());
}

// Fills the per-rule and per-county tables from the engine's hits.
void Tally(const Snapshot& snapshot, const Policy& policy, const EngineResult& engine, ScreenResult& result) {
  result.households = static_cast<int64_t>(snapshot.households());
  result.persons = static_cast<int64_t>(snapshot.persons());
  result.warnings = static_cast<int64_t>(engine.hits.size());
  for (size_t r = 0; r < policy.rules.size(); ++r) {
    if (engine.households_per_rule[r] > 0) result.households_per_rule[policy.rules[r].id] = engine.households_per_rule[r];
    result.not_evaluable += engine.not_evaluable_per_rule[r];
  }
  std::vector<uint8_t> warned(snapshot.households(), 0);
  for (size_t i = 0; i < engine.hits.size(); ++i) {
    const EngineHit& hit = engine.hits[i];
    if (i > 0 && engine.hits[i - 1].household == hit.household && engine.hits[i - 1].rule == hit.rule) continue;
    const RegionCode county = CountyCode(snapshot.county[hit.household]);
    ++result.per_county_rule[{county, policy.rules[hit.rule].id}];
    if (policy.rules[hit.rule].kind != RuleKind::kTest) warned[hit.household] = 1;
  }
  for (size_t h = 0; h < snapshot.households(); ++h) {
    auto& county = result.per_county[CountyCode(snapshot.county[h])];
    ++county.first;
    county.second += warned[h];
  }
}

StatusOr<EngineResult> Evaluate(const Snapshot& snapshot, const Policy& policy, const ScreenOptions& options,
                                ScreenResult& result, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  progress.Start("评估规则 evaluating rules", 0);
  ASSIGN_OR_RETURN(RuleEngine engine, RuleEngine::Create(policy, snapshot));
  ASSIGN_OR_RETURN(EngineResult evaluated, engine.Run({.threads = options.threads, .evidence = true}));
  progress.Finish();
  Tally(snapshot, policy, evaluated, result);
  result.evaluate_seconds = SecondsSince(start);
  return evaluated;
}

}  // namespace

Status LoadScreeningFeeds(Snapshot& snapshot, const Policy& policy, const ScreenOptions& options,
                          ScreenResult& result, Progress& progress) {
  if (!std::filesystem::is_directory(options.feeds_dir)) {
    return NotFoundError(Bilingual(fmt::format("数据源目录 {} 不存在", options.feeds_dir),
                                   fmt::format("feed directory {} does not exist", options.feeds_dir)));
  }
  const auto start = std::chrono::steady_clock::now();
  FeedAccumulator acc(snapshot, policy.feeds);
  result.feeds.clear();
  for (size_t f = 0; f < policy.feeds.size(); ++f) {
    const std::string file = policy.feeds[f].name + ".csv";
    const std::string path = (std::filesystem::path(options.feeds_dir) / file).string();
    FeedStats stats;
    stats.name = policy.feeds[f].name;
    if (std::filesystem::exists(path)) {
      progress.Start(fmt::format("读取 reading {}", file), 0);
      ASSIGN_OR_RETURN(FeedTable table, LoadFeedTable(path, policy.feeds[f]));
      progress.Finish();
      stats.provided = true;
      stats.rows = table.rows_read;
      stats.invalid_ids = table.invalid_ids;
      stats.bad_rows = static_cast<int64_t>(table.problems.size()) - stats.invalid_ids;
      for (FeedProblem& p : table.problems) result.problems.push_back(std::move(p));
      std::vector<int64_t> values;
      for (size_t r = 0; r < table.ids.size(); ++r) {
        values.clear();
        for (const Value& v : table.values[r]) values.push_back(v.number.num);
        if (acc.Add(f, table.ids[r], table.dates[r], values)) {
          ++stats.matched;
          continue;
        }
        ++stats.unmatched;
        result.problems.push_back({file, 0, "证件号码", IdNumber::Unpack(table.ids[r])->Masked(),
                                   Bilingual("证件号码不是登记范围内的人员", "the ID number is not a registered person in scope")});
      }
    }
    result.feeds.push_back(stats);
  }
  RETURN_IF_ERROR(acc.status());
  result.feed_seconds = SecondsSince(start);
  return OkStatus();
}

StatusOr<Snapshot> SnapshotFromStore(Store& store, const SnapshotNeeds& needs, Date as_of, RegionCode scope,
                                     Progress& progress) {
  SnapshotBuilder builder(needs, as_of);
  ASSIGN_OR_RETURN(RegistryCounts sizes, store.Counts());
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

StatusOr<ScreenResult> ScreenRegistry(Store& store, const Policy& policy, const ScreenOptions& options, Progress& progress) {
  if (!std::filesystem::is_directory(options.feeds_dir)) {
    return NotFoundError(Bilingual(fmt::format("数据源目录 {} 不存在", options.feeds_dir),
                                   fmt::format("feed directory {} does not exist", options.feeds_dir)));
  }
  ScreenResult result;
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(Snapshot snapshot, SnapshotFromStore(store, NeedsOf(policy), options.as_of, options.scope, progress));
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
    Warning w{std::string(snapshot.household_no[hit.household]), policy.rules[hit.rule].id, period,
              hit.person == kNoPerson ? "" : std::string(snapshot.person_no[hit.person]), policy.version,
              options.as_of, std::move(evaluated.evidence[i])};
    ASSIGN_OR_RETURN(bool fresh, writer->AddWarning(w));
    result.warnings_new += fresh;
    if ((i & 1023) == 0) progress.Update(static_cast<int64_t>(i));
  }
  progress.Finish();
  RETURN_IF_ERROR(writer->Commit());
  result.write_seconds = SecondsSince(start);
  return result;
}

Status WriteScreenReport(const std::string& path, const std::vector<FeedProblem>& problems) {
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> out, CsvWriter::Create(path));
  out->Row({"文件", "行", "列", "值", "原因"});
  for (const FeedProblem& p : problems) {
    out->Row({p.file, p.line > 0 ? std::to_string(p.line) : "", p.column, p.value, MessageHalf(p.reason, false)});
  }
  return out->Close();
}

}  // namespace jz
