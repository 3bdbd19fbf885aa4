// The fast path of engine/registry_loader.h, shared only by that module's files.
#ifndef JZ_ENGINE_REGISTRY_FAST_PATH_H_
#define JZ_ENGINE_REGISTRY_FAST_PATH_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/registry_loader.h"

namespace jz {

// Whether `problem` (from RegistryReader) is in a cell of a `needed` column, or about the
// row's shape; such a problem rejects the row's household.
bool ProblemIsInNeededCell(const RowProblem& problem, const std::vector<bool>& needed);

// Reads `path` the fast way; nullopt when the file must be read the slow way (not plain
// UTF-8 CSV, a quote, households not grouped, a row the fast path cannot read). Fails only
// when reading fails.
StatusOr<std::optional<RegistryLoadResult>> LoadRegistryFast(const std::string& path,
                                                             const SnapshotNeeds& needs, Date as_of,
                                                             const RegistryLoadOptions& options,
                                                             int data_year, Progress& progress);

}  // namespace jz

#endif  // JZ_ENGINE_REGISTRY_FAST_PATH_H_
