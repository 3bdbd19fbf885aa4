// Generator orchestration: plan villages, then for each village draw households with a
// random stream of its own (so a village's content does not depend on the others), plant
// problems, and stream rows to the export file.
#include "synth/registry_generator.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <system_error>

#include "core/date.h"
#include "core/limits.h"
#include "io/csv_writer.h"
#include "io/files.h"
#include "io/region_files.h"
#include "io/registry_layout.h"
#include "synth/export_writer.h"
#include "synth/household_synthesizer.h"
#include "synth/problem_planter.h"
#include "synth/village_plan.h"

namespace jz {
namespace {

using gen::PlannedVillage;
using gen::Rng;
using gen::SyntheticHousehold;

Status CheckOptions(const GeneratorOptions& o) {
  if (o.out_dir.empty()) {
    return InvalidArgumentError(Bilingual("必须指定输出目录 --out", "--out (output directory) is required"));
  }
  if (o.persons < 1 || o.persons > kMaxGeneratedPersons) {
    return InvalidArgumentError(Bilingual("--persons {} 超出范围，可接受 1 到 {}",
                                          "--persons {} is out of range; 1 to {} "
                                          "are accepted",
                                          o.persons, kMaxGeneratedPersons));
  }
  if (!(o.error_rate >= 0 && o.error_rate <= kMaxPlantedProblemShare)) {
    return InvalidArgumentError(Bilingual("--error-rate {} 超出范围，可接受 0 到 {}（植入问题的户比例）",
                                          "--error-rate {} is out of range; 0 to {} (the share of households "
                                          "given a planted problem) are accepted",
                                          o.error_rate, kMaxPlantedProblemShare));
  }
  const int last_year = Date::Today().year() + kSyntheticDataYearsAhead;
  if (o.data_year < kFirstDataYear || o.data_year > last_year) {
    return InvalidArgumentError(
        Bilingual("--year {} 超出范围，可接受 {} 到 {}（建档立卡始于 {} 年）",
                  "--year {} is out of range; {} to {} are accepted (the registry began in {})", o.data_year,
                  kFirstDataYear, last_year, kFirstDataYear));
  }
  return OkStatus();
}

class Generation {
 public:
  Generation(const GeneratorOptions& o, CsvWriter* registry, CsvWriter* truth,
             const HouseholdVisitor* visitor)
      : options_(o),
        visitor_(visitor),
        synth_(o.data_year),
        planter_(&synth_),
        export_(registry),
        truth_(truth),
        error_per_million_(static_cast<uint64_t>(std::llround(o.error_rate * 1'000'000))) {}

  Status Village(size_t index, const PlannedVillage& village, GeneratorSummary& summary) {
    Rng rng = Rng::ForStream(options_.seed, index);
    int64_t left = village.persons;
    for (int number = 1; left > 0; ++number) {
      const int size = static_cast<int>(std::min<int64_t>(gen::HouseholdSynthesizer::DrawSize(rng), left));
      SyntheticHousehold h =
          synth_.Make(rng, village, fmt::format("{}{:04d}", village.code.ToString(), number), size);
      left -= size;
      if (rng.Below(1'000'000) < error_per_million_) Plant(rng, h, summary);
      export_.Write(village, h);
      if (visitor_ != nullptr && *visitor_) RETURN_IF_ERROR((*visitor_)(index, h));
      summary.persons += static_cast<int64_t>(h.household.members.size());
      ++summary.households;
      previous_ = std::move(h);
    }
    return OkStatus();
  }

 private:
  void Plant(Rng& rng, SyntheticHousehold& h, GeneratorSummary& summary) {
    std::optional<gen::PlantedProblem> problem = planter_.Plant(rng, h, previous_ ? &*previous_ : nullptr);
    if (!problem) return;
    const gen::ProblemKindInfo& info = gen::ProblemKindInfoOf(problem->kind);
    truth_->Row({info.id, problem->household_no, problem->person_no,
                 RegistryColumnInfoOf(info.column).zh_header, info.zh, problem->detail});
    ++summary.planted;
  }

  const GeneratorOptions& options_;
  const HouseholdVisitor* visitor_;
  gen::HouseholdSynthesizer synth_;
  gen::ProblemPlanter planter_;
  gen::ExportWriter export_;
  CsvWriter* truth_;
  uint64_t error_per_million_;
  std::optional<SyntheticHousehold> previous_;
};

}  // namespace

StatusOr<GeneratorSummary> GenerateRegistry(const GeneratorOptions& options, Progress& progress) {
  return GenerateRegistry(options, progress, HouseholdVisitor());
}

StatusOr<GeneratorSummary> GenerateRegistry(const GeneratorOptions& options, Progress& progress,
                                            const HouseholdVisitor& visitor) {
  RETURN_IF_ERROR(CheckOptions(options));
  std::vector<Region> regions;
  if (!options.regions_dir.empty()) {
    ASSIGN_OR_RETURN(RegionEdition edition, RegionEditionFor(options.region_edition));
    ASSIGN_OR_RETURN(regions, ReadRegionDirectory(options.regions_dir, edition));
  }
  ASSIGN_OR_RETURN(std::vector<PlannedVillage> villages,
                   gen::PlanVillages(regions, options.persons, options.seed));
  RETURN_IF_ERROR(CreateDirectories(options.out_dir));

  GeneratorSummary summary;
  summary.registry_path = options.out_dir + "/" + kRegistryFileName;
  summary.truth_path = options.out_dir + "/" + kPlantedProblemsFileName;
  // The registry is a data file our importer reads back: written verbatim, so that it
  // round-trips exactly whatever a planted value holds (see io/formula_guard.h).
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> registry,
                   CsvWriter::Create(summary.registry_path, options.encoding, ',', FormulaGuard::kVerbatim));
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> truth,
                   CsvWriter::Create(summary.truth_path, options.encoding, ',', FormulaGuard::kVerbatim));
  truth->Row({"rule_id", "户编号", "人编号", "字段", "问题", "说明"});

  Generation generation(options, registry.get(), truth.get(), &visitor);
  gen::ExportWriter(registry.get()).WriteHeader();
  progress.Start("生成登记数据 generating registry", options.persons);
  for (size_t i = 0; i < villages.size(); ++i) {
    if (villages[i].persons == 0) continue;
    Status visited = generation.Village(i, villages[i], summary);
    if (!visited.ok()) {
      progress.Finish();
      return visited;
    }
    ++summary.villages;
    progress.Update(summary.persons);
    if (!registry->status().ok()) break;
  }
  progress.Finish();
  RETURN_IF_ERROR(registry->Close());
  RETURN_IF_ERROR(truth->Close());
  summary.bytes = registry->bytes_written();
  return summary;
}

}  // namespace jz
