// Use case: write a synthetic registry that looks like a real Jilin county export, for
// demos, tests and benchmarks. Same options and seed, same bytes. Streaming: memory does
// not grow with the number of persons (beyond a fixed table of issued ID sequences).
#ifndef JZ_SYNTH_REGISTRY_GENERATOR_H_
#define JZ_SYNTH_REGISTRY_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <string>

#include "core/progress.h"
#include "core/status.h"
#include "io/text_encoding.h"

namespace jz {
namespace gen {
struct SyntheticHousehold;
}  // namespace gen

struct GeneratorOptions {
  std::string out_dir;  // created if missing
  int64_t persons = 100'000;
  uint64_t seed = 1;
  std::string regions_dir;  // empty: a synthetic region tree
  int region_edition = 2023;
  TextEncoding encoding = TextEncoding::kUtf8;
  double error_rate = 0;  // share of households given one planted problem, 0..1
  int data_year = 2025;
};

struct GeneratorSummary {
  int64_t persons = 0;
  int64_t households = 0;
  int64_t villages = 0;
  int64_t planted = 0;
  int64_t bytes = 0;
  std::string registry_path;  // <out_dir>/registry.csv
  std::string truth_path;     // <out_dir>/planted-problems.csv (always written)
};

// Names of the files the generator writes inside out_dir.
inline constexpr char kRegistryFileName[] = "registry.csv";
inline constexpr char kPlantedProblemsFileName[] = "planted-problems.csv";

// Validates the options (InvalidArgument naming the option), reads the regions, and writes
// the registry and the ground truth of planted problems. Write failures (disk full) are
// DataLoss naming the file.
StatusOr<GeneratorSummary> GenerateRegistry(const GeneratorOptions& options,
                                            Progress& progress = NoProgress());

// Called once per household, in file order, after it is final (problems planted) and
// written: `village_index` identifies the village's random stream, so a consumer can draw
// its own deterministic stream per village. An error stops the generation and is returned.
using HouseholdVisitor =
    std::function<Status(size_t village_index, const gen::SyntheticHousehold& household)>;

// As above, calling `visitor` for every household (e.g. to derive departmental feeds).
StatusOr<GeneratorSummary> GenerateRegistry(const GeneratorOptions& options, Progress& progress,
                                            const HouseholdVisitor& visitor);

}  // namespace jz

#endif  // JZ_SYNTH_REGISTRY_GENERATOR_H_
