// Use case: write a synthetic registry together with the departmental feeds a policy
// declares (docs/feeds.md) and the warnings the screening engine should raise on them, for
// checking the engine end to end. Same options, policy and seed, same bytes. Streaming:
// feed rows are written household by household; memory does not grow with the registry.
//
//   FeedOptions options{.registry = generator_options, .policy_path = "policies/jilin-2024.toml"};
//   ASSIGN_OR_RETURN(FeedSummary summary, GenerateFeeds(options, progress));
#ifndef JZ_SYNTH_FEED_GENERATOR_H_
#define JZ_SYNTH_FEED_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "synth/registry_generator.h"

namespace jz {

struct FeedOptions {
  GeneratorOptions registry;  // the registry to generate (written as GenerateRegistry does)
  std::string policy_path;    // the policy whose feeds and rules are used
  std::string feeds_dir;      // empty: <registry.out_dir>/feeds
};

struct FeedFileSummary {
  std::string feed;
  std::string path;
  int64_t rows = 0;          // all data rows
  int64_t outside_rows = 0;  // rows whose ID is not a registry person's (incl. bad checks)
  int64_t bytes = 0;
};

struct FeedSummary {
  GeneratorSummary registry;
  std::string feeds_dir;
  std::vector<FeedFileSummary> feeds;  // in the policy's feed order
  int64_t truth_rows = 0;              // hits in warnings-truth.csv
  std::string truth_path;              // <feeds_dir>/warnings-truth.csv
  std::string outside_path;            // <feeds_dir>/outside-ids.csv
};

// Names of the files written inside the feeds directory (besides <feed>.csv).
inline constexpr char kWarningsTruthFileName[] = "warnings-truth.csv";
inline constexpr char kOutsideIdsFileName[] = "outside-ids.csv";

// Loads the policy, then generates the registry as GenerateRegistry(options.registry) and,
// for each household, the feed rows of its members; writes <feed>.csv per policy feed,
// outside-ids.csv (feed, ID, reason: not_registered | bad_check) and warnings-truth.csv
// (rule_id, household_no, person_no: every hit of a warning or exclusion rule by the
// reference evaluator, as of 31 December of the data year).
// Errors: those of GenerateRegistry and LoadPolicyFile (NotFound for a missing policy file,
// InvalidArgument for a bad one), InvalidArgument for a feed column type the generator
// cannot fill, Internal when the evaluator fails on a household (naming it), DataLoss on a
// failed write.
[[nodiscard]] StatusOr<FeedSummary> GenerateFeeds(const FeedOptions& options,
                                                  Progress& progress = NoProgress());

}  // namespace jz

#endif  // JZ_SYNTH_FEED_GENERATOR_H_
