// Screening with the reference evaluator: feeds indexed by packed ID, one scan of the
// registry, every rule per household.
#include "app/registry_screening.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "io/csv_writer.h"
#include "io/registry_reader.h"
#include "rules/evaluator.h"

namespace jz {
namespace {

// A feed with its rows ordered by ID number, so a member's rows are one equal range.
struct IndexedFeed {
  FeedTable table;
  std::vector<uint32_t> order;  // row indices sorted by ID
  std::vector<bool> matched;
};

void Index(IndexedFeed& f) {
  f.order.resize(f.table.ids.size());
  std::iota(f.order.begin(), f.order.end(), 0u);
  std::stable_sort(f.order.begin(), f.order.end(), [&](uint32_t a, uint32_t b) { return f.table.ids[a] < f.table.ids[b]; });
  f.matched.assign(f.table.ids.size(), false);
}

std::string EvidenceText(const Hit& hit) {
  std::string text;
  for (const Evidence& e : hit.evidence) {
    if (!text.empty()) text += "；";
    text += fmt::format("{}: {}", e.clause, e.values);
  }
  return text;
}

// Collects the feed rows of `household`'s members, marking them matched.
FeedView Gather(const Household& household, std::vector<IndexedFeed>& feeds) {
  FeedView view;
  for (size_t f = 0; f < feeds.size(); ++f) {
    IndexedFeed& feed = feeds[f];
    for (size_t m = 0; m < household.members.size(); ++m) {
      const uint64_t id = household.members[m].id_number.Packed();
      const std::vector<uint64_t>& ids = feed.table.ids;
      const auto lo = std::lower_bound(feed.order.begin(), feed.order.end(), id,
                                       [&](uint32_t row, uint64_t value) { return ids[row] < value; });
      const auto hi = std::upper_bound(lo, feed.order.end(), id,
                                       [&](uint64_t value, uint32_t row) { return value < ids[row]; });
      for (auto it = lo; it != hi; ++it) {
        feed.matched[*it] = true;
        view.rows[f].push_back(FeedRow{m, feed.table.dates[*it], feed.table.values[*it]});
      }
    }
  }
  return view;
}

StatusOr<std::vector<IndexedFeed>> LoadFeeds(const Policy& policy, const ScreenOptions& options, ScreenResult& result) {
  std::vector<IndexedFeed> feeds(policy.feeds.size());
  for (size_t f = 0; f < policy.feeds.size(); ++f) {
    const std::string path = (std::filesystem::path(options.feeds_dir) / (policy.feeds[f].name + ".csv")).string();
    FeedStats stats;
    stats.name = policy.feeds[f].name;
    if (std::filesystem::exists(path)) {
      ASSIGN_OR_RETURN(feeds[f].table, LoadFeedTable(path, policy.feeds[f]));
      stats.provided = true;
      stats.rows = feeds[f].table.rows_read;
      stats.invalid_ids = feeds[f].table.invalid_ids;
      stats.bad_rows = static_cast<int64_t>(feeds[f].table.problems.size()) - stats.invalid_ids;
      for (FeedProblem& p : feeds[f].table.problems) result.problems.push_back(std::move(p));
    }
    Index(feeds[f]);
    result.feeds.push_back(stats);
  }
  return feeds;
}

}  // namespace

StatusOr<ScreenResult> ScreenRegistry(Store& store, const Policy& policy, const ScreenOptions& options, Progress& progress) {
  if (!std::filesystem::is_directory(options.feeds_dir)) {
    return NotFoundError(Bilingual(fmt::format("数据源目录 {} 不存在", options.feeds_dir),
                                   fmt::format("feed directory {} does not exist", options.feeds_dir)));
  }
  ScreenResult result;
  ASSIGN_OR_RETURN(std::vector<IndexedFeed> feeds, LoadFeeds(policy, options, result));
  std::unique_ptr<RegistryWriter> writer;
  if (!options.dry_run) {
    ASSIGN_OR_RETURN(writer, store.BeginWrite());
  }
  const std::string period = options.as_of.ToString().substr(0, 7);
  ASSIGN_OR_RETURN(RegistryCounts sizes, store.Counts());
  progress.Start("筛查 screening", sizes.households);
  RETURN_IF_ERROR(store.ScanHouseholds(options.scope, [&](const Household& h) -> Status {
    ++result.households;
    result.persons += static_cast<int64_t>(h.members.size());
    const FeedView view = Gather(h, feeds);
    bool warned = false;
    for (const Rule& rule : policy.rules) {
      StatusOr<Outcome> outcome = Evaluate(rule, h, view, options.as_of);
      if (!outcome.ok()) {
        ++result.not_evaluable;
        continue;
      }
      if (!outcome->fired) continue;
      ++result.households_per_rule[rule.id];
      warned |= rule.kind != RuleKind::kTest;
      for (const Hit& hit : outcome->hits) {
        ++result.warnings;
        if (!writer) continue;
        Warning w{h.household_no, rule.id, period, hit.member ? h.members[*hit.member].person_no : "",
                  policy.version, options.as_of, EvidenceText(hit)};
        ASSIGN_OR_RETURN(bool fresh, writer->AddWarning(w));
        result.warnings_new += fresh;
      }
    }
    auto& county = result.per_county[h.village.AtLevel(RegionLevel::kCounty)];
    ++county.first;
    county.second += warned;
    if ((result.households & 1023) == 0) progress.Update(result.households);
    return OkStatus();
  }));
  progress.Finish();
  for (size_t f = 0; f < feeds.size(); ++f) {
    const FeedTable& t = feeds[f].table;
    for (size_t r = 0; r < t.ids.size(); ++r) {
      if (feeds[f].matched[r]) {
        ++result.feeds[f].matched;
        continue;
      }
      ++result.feeds[f].unmatched;
      const std::string id = IdNumber::Unpack(t.ids[r])->Masked();
      result.problems.push_back({fmt::format("{}.csv", t.name), 0, "证件号码", id,
                                 Bilingual("证件号码不是登记范围内的人员", "the ID number is not a registered person in scope")});
    }
  }
  if (writer) RETURN_IF_ERROR(writer->Commit());
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
