// Test-only: writes regions and households into a Workspace's database, for tests of the
// doors (server, CLI), which do not include the store themselves.
#ifndef JZ_TESTS_TESTUTIL_WORKSPACE_SEED_H_
#define JZ_TESTS_TESTUTIL_WORKSPACE_SEED_H_

#include <memory>
#include <vector>

#include "app/workspace.h"
#include "core/registry.h"
#include "store/store.h"
#include "tests/testutil/registry_builders.h"

namespace jz::testing {

// Loads TestRegions() and writes `households` in one transaction.
inline Status SeedTestHouseholds(Workspace& ws, const std::vector<Household>& households) {
  Store& store = ws.store();
  RETURN_IF_ERROR(LoadTestRegions(store));
  ASSIGN_OR_RETURN(std::unique_ptr<RegistryWriter> writer, store.BeginWrite());
  for (const Household& h : households) RETURN_IF_ERROR(writer->Upsert(h, nullptr).status());
  return writer->Commit();
}

}  // namespace jz::testing

#endif  // JZ_TESTS_TESTUTIL_WORKSPACE_SEED_H_
