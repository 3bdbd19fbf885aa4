// Feed generation rides on the registry generator's household visitor: for each final
// household it draws the members' feed rows from a random stream of its own per village
// (so feeds do not disturb the registry's bytes), writes them with a few rows for people
// outside the registry, and evaluates the policy's warning and exclusion rules on exactly
// the rows an engine can match (not those with a mistyped ID).
#include "synth/feed_generator.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <system_error>

#include "io/csv_writer.h"
#include "io/files.h"
#include "rules/evaluator.h"
#include "rules/policy.h"
#include "synth/feed_synthesizer.h"
#include "synth/rng.h"
#include "synth/synthetic_household.h"

namespace jz {
namespace {

using gen::Rng;

// Salt of the feed streams, so that feed stream i is not registry stream i.
constexpr uint64_t kFeedStreamSalt = 0xFEEDFEEDFEEDULL;
// Rows for people outside the registry: about 5% of all rows (53 per 1000 registry rows).
constexpr uint32_t kOutsidePerMille = 53;
// Of the outside rows, the share with a mistyped ID of a registry person (about 0.1% of all rows).
constexpr uint32_t kBadCheckPerMilleOfOutside = 20;

std::string Cell(const Value& v) {
  switch (v.type.kind) {
    case ValueKind::kBool:
      return v.AsBool() ? "是" : "否";
    case ValueKind::kMoney:
      return Money::FromFen(v.number.num).ToString();
    default:
      return std::to_string(v.number.num);
  }
}

class FeedWriting {
 public:
  FeedWriting(const FeedOptions& o, const Policy& policy, gen::FeedSynthesizer synth)
      : options_(o), policy_(policy), synth_(std::move(synth)), rng_(0) {}

  Status Open(FeedSummary& summary) {
    for (const FeedSchema& feed : policy_.feeds) {
      FeedFileSummary file{feed.name, summary.feeds_dir + "/" + feed.name + ".csv", 0, 0, 0};
      // Feeds are data files screening reads back: verbatim (io/formula_guard.h).
      ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> w,
                       CsvWriter::Create(file.path, TextEncoding::kUtf8, ',', FormulaGuard::kVerbatim));
      w->Field("证件号码");
      w->Field("日期");
      for (const auto& [column, type] : feed.columns) w->Field(column);
      w->EndRow();
      writers_.push_back(std::move(w));
      summary.feeds.push_back(std::move(file));
    }
    ASSIGN_OR_RETURN(truth_, CsvWriter::Create(summary.truth_path));
    truth_->Row({"rule_id", "household_no", "person_no"});
    ASSIGN_OR_RETURN(outside_, CsvWriter::Create(summary.outside_path));
    outside_->Row({"feed", "证件号码", "reason"});
    summary_ = &summary;
    return OkStatus();
  }

  Status Visit(size_t village, const gen::SyntheticHousehold& h) {
    if (!village_ || *village_ != village) {
      rng_ = Rng::ForStream(options_.registry.seed ^ kFeedStreamSalt, village);
      village_ = village;
    }
    synth_.Draw(rng_, h, drawn_);
    matched_.rows.clear();
    for (auto& [feed, rows] : drawn_.rows) {
      for (FeedRow& row : rows) WriteRow(feed, h, std::move(row));
    }
    return WriteTruth(h);
  }

  Status Close() {
    Status first = OkStatus();
    for (size_t i = 0; i < writers_.size(); ++i) {
      Status s = writers_[i]->Close();
      if (first.ok()) first = s;
      summary_->feeds[i].bytes = writers_[i]->bytes_written();
      summary_->feeds[i].rows = writers_[i]->rows_written() - 1;
    }
    for (CsvWriter* w : {truth_.get(), outside_.get()}) {
      Status s = w->Close();
      if (first.ok()) first = s;
    }
    summary_->truth_rows = truth_->rows_written() - 1;
    return first;
  }

 private:
  void WriteRow(size_t feed, const gen::SyntheticHousehold& h, FeedRow row) {
    std::string id = h.household.members[row.member].id_number.ToString();
    if (rng_.PerMille(kOutsidePerMille)) {
      if (rng_.PerMille(kBadCheckPerMilleOfOutside)) {
        // A mistyped check character: no engine can match it, so the evaluator does not see it.
        Emit(feed, gen::WithBadCheckCharacter(rng_, id), row, "bad_check");
        return;
      }
      gen::OutsideRow outside = synth_.DrawOutside(rng_, feed);
      Emit(feed, outside.id_text, outside.row, "not_registered");
    }
    Emit(feed, id, row, {});
    matched_.rows[feed].push_back(std::move(row));
  }

  void Emit(size_t feed, std::string_view id, const FeedRow& row, std::string_view outside_reason) {
    CsvWriter& w = *writers_[feed];
    w.RawField(id);
    w.RawField(row.date.ToString());
    for (const Value& v : row.values) w.Field(Cell(v));
    w.EndRow();
    if (!outside_reason.empty()) {
      outside_->Row({policy_.feeds[feed].name, id, outside_reason});
      ++summary_->feeds[feed].outside_rows;
    }
  }

  Status WriteTruth(const gen::SyntheticHousehold& h) {
    for (const Rule& rule : policy_.rules) {
      if (rule.kind == RuleKind::kTest) continue;
      StatusOr<Outcome> outcome = Evaluate(rule, h.household, matched_, synth_.as_of());
      if (!outcome.ok()) {
        return InternalError(
            fmt::format("household {}: {}", h.household.household_no, outcome.status().message()));
      }
      for (const Hit& hit : outcome->hits) {
        truth_->Row({rule.id, h.household.household_no,
                     hit.member ? std::string_view(h.household.members[*hit.member].person_no) : ""});
      }
    }
    return truth_->status();
  }

  const FeedOptions& options_;
  const Policy& policy_;
  gen::FeedSynthesizer synth_;
  Rng rng_;
  std::optional<size_t> village_;
  FeedView drawn_;                                   // rows drawn for the current household
  FeedView matched_;                                 // of those, the rows written with the member's own ID
  std::vector<std::unique_ptr<CsvWriter>> writers_;  // one per policy feed
  std::unique_ptr<CsvWriter> truth_;
  std::unique_ptr<CsvWriter> outside_;
  FeedSummary* summary_ = nullptr;
};

}  // namespace

StatusOr<FeedSummary> GenerateFeeds(const FeedOptions& options, Progress& progress) {
  if (options.policy_path.empty()) {
    return InvalidArgumentError(Bilingual("必须指定政策文件 --policy", "--policy (policy file) is required"));
  }
  StatusOr<Policy> loaded = LoadPolicyFile(options.policy_path);
  if (loaded.status().code() == StatusCode::kNotFound) {
    return NotFoundError(
        Bilingual("无法读取政策文件 {}；请用 --policy 指定政策文件（默认值相对于当前目录）",
                  "cannot read policy file {}; name one with --policy (the default is relative to the "
                  "current directory)",
                  options.policy_path));
  }
  ASSIGN_OR_RETURN(Policy policy, std::move(loaded));
  const std::optional<Date> as_of = Date::FromYmd(options.registry.data_year, 12, 31);
  if (!as_of) {
    return InvalidArgumentError(
        Bilingual("--year {} 无效", "--year {} is not a valid year", options.registry.data_year));
  }
  ASSIGN_OR_RETURN(gen::FeedSynthesizer synth, gen::FeedSynthesizer::Create(policy.feeds, *as_of));
  FeedSummary summary;
  summary.feeds_dir = options.feeds_dir.empty() ? options.registry.out_dir + "/feeds" : options.feeds_dir;
  summary.truth_path = summary.feeds_dir + "/" + kWarningsTruthFileName;
  summary.outside_path = summary.feeds_dir + "/" + kOutsideIdsFileName;
  if (options.registry.out_dir.empty()) {
    return InvalidArgumentError(Bilingual("必须指定输出目录 --out", "--out (output directory) is required"));
  }
  RETURN_IF_ERROR(CreateDirectories(summary.feeds_dir));
  FeedWriting writing(options, policy, std::move(synth));
  RETURN_IF_ERROR(writing.Open(summary));
  StatusOr<GeneratorSummary> registry = GenerateRegistry(
      options.registry, progress,
      [&](size_t village, const gen::SyntheticHousehold& h) { return writing.Visit(village, h); });
  Status closed = writing.Close();
  if (!registry.ok()) return registry.status();
  RETURN_IF_ERROR(closed);
  summary.registry = *std::move(registry);
  return summary;
}

}  // namespace jz
