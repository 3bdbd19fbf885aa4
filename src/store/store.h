// The registry of record behind one narrow interface. SQLite (store/sqlite) is the
// embedded default; PostgreSQL will implement the same interface, and one conformance
// suite (store_conformance_test.cc) runs against every back end.
//
// Region scope: every read that returns registry data takes a ReadScope (core/read_scope.h)
// and sees nothing outside it; a household outside the scope answers exactly as a missing one.
//
// Thread safety: a Store and its writers are used from one thread at a time.
#ifndef JZ_STORE_STORE_H_
#define JZ_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/read_scope.h"
#include "core/registry.h"
#include "core/status.h"
#include "store/account_store.h"
#include "store/audit_store.h"
#include "store/campaign_store.h"
#include "store/case_store.h"
#include "store/ledger_store.h"

namespace jz {

// What one Upsert did.
enum class UpsertOutcome : uint8_t { kInserted, kUpdated, kUnchanged };

// Registry sizes, for summaries. `regions` counts every loaded region (public codes, not
// registry data); households and persons only those inside the scope asked for.
struct RegistryCounts {
  int64_t regions = 0;
  int64_t households = 0;
  int64_t persons = 0;
};

// One person a name search found.
struct PersonHit {
  std::string household_no;
  RegionCode village;
  int32_t seq = 0;  // the person's place in the household, as stored
  std::string name;
  IdNumber id_number;
  Relationship relationship = Relationship::kHead;
};

// Persons whose name is exactly one of `names` (the caller gives the spellings to accept: as
// typed, Simplified and Traditional), ordered by (户编号, seq), after the keyset cursor.
struct PersonNameSearch {
  std::vector<std::string> names;
  std::string after_household_no = {};  // "": from the start
  int32_t after_seq = -1;
  int64_t limit = 50;
};

// One unit of work: every write through it is a single transaction, made durable by
// Commit(). Destroying a writer without Commit() rolls everything back, so an import that
// fails half way leaves the store exactly as it was.
class RegistryWriter {
 public:
  virtual ~RegistryWriter() = default;

  // Inserts the household, or updates it when its household_no exists; members are keyed
  // by ID number, and members no longer listed are removed. Years are keyed by data_year.
  // Returns kUnchanged when the stored household already equals `household`.
  // Fails with AlreadyExists, naming the household and the masked ID, when a member's ID
  // number belongs to another household (a person is never silently moved), and with
  // InvalidArgument when the village is not a loaded region.
  // When `previous` is not null and the outcome is kUpdated, `*previous` receives the
  // household as stored before the update (the importer lists what changed from it); it is
  // left untouched otherwise. The stored household is read for the comparison anyway, so
  // asking for it costs nothing.
  virtual StatusOr<UpsertOutcome> Upsert(const Household& household, Household* previous) = 0;
  StatusOr<UpsertOutcome> Upsert(const Household& household) { return Upsert(household, nullptr); }

  virtual Status AddStatusEvent(const StatusEvent& event) = 0;
  virtual Status AddAssistanceMeasure(const AssistanceMeasure& measure) = 0;
  virtual Status AssignCadre(const CadreAssignment& assignment) = 0;
  // Stores `warning` unless the same (household, rule, period, person) is stored already.
  // Returns true when it was new. NotFound when the household does not exist.
  virtual StatusOr<bool> AddWarning(const Warning& warning) = 0;

  // Makes every write durable. After Commit() the writer accepts no more writes.
  virtual Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // The schema version of the open database (numbered migrations).
  virtual int SchemaVersion() const = 0;

  // Inserts or replaces regions (keyed by code and edition) in one transaction.
  virtual Status UpsertRegions(std::span<const Region> regions) = 0;
  // The region with `code` in the newest loaded edition, or nullopt.
  virtual StatusOr<std::optional<Region>> FindRegion(RegionCode code) = 0;
  // Regions of `level` inside `scope`, newest edition, ordered by code.
  virtual StatusOr<std::vector<Region>> ListRegions(RegionCode scope, RegionLevel level) = 0;
  // Every loaded region inside `scope` (`scope` itself included), of every level and every
  // edition, one entry per (code, edition) with edition_year set, ordered by code then
  // edition. The bulk read of the region-name resolver, which maps older editions' names and
  // codes to current ones: one sequential scan of the province, not a query per level.
  virtual StatusOr<std::vector<Region>> ListRegionsAllEditions(RegionCode scope) = 0;

  // Starts a unit of work. Only one writer may be open at a time.
  virtual StatusOr<std::unique_ptr<RegistryWriter>> BeginWrite() = 0;

  // The household with `household_no` inside `scope`, members ordered as stored, or nullopt.
  virtual StatusOr<std::optional<Household>> FindHousehold(const ReadScope& scope,
                                                           std::string_view household_no) = 0;
  // The household inside `scope` that has a member with `id_number`, or nullopt.
  virtual StatusOr<std::optional<std::string>> FindHouseholdOfPerson(const ReadScope& scope,
                                                                     const IdNumber& id_number) = 0;
  // Persons inside `scope` by name (PersonNameSearch), at most search.limit.
  virtual StatusOr<std::vector<PersonHit>> SearchPersonsByName(const ReadScope& scope,
                                                               const PersonNameSearch& search) = 0;
  // A household's history; empty when the household is outside `scope` or missing.
  virtual StatusOr<std::vector<StatusEvent>> ListStatusEvents(const ReadScope& scope,
                                                              std::string_view household_no) = 0;
  virtual StatusOr<std::vector<AssistanceMeasure>> ListAssistanceMeasures(const ReadScope& scope,
                                                                          std::string_view household_no) = 0;
  virtual StatusOr<std::vector<CadreAssignment>> ListCadreAssignments(const ReadScope& scope,
                                                                      std::string_view household_no) = 0;

  virtual StatusOr<RegistryCounts> Counts(const ReadScope& scope) = 0;
  virtual StatusOr<std::vector<Warning>> ListWarnings(const ReadScope& scope,
                                                      std::string_view household_no) = 0;
  virtual StatusOr<int64_t> CountWarnings(const ReadScope& scope) = 0;

  // Calls `visit` once per household inside `scope` (members and years filled), in
  // storage order; stops at and returns the first error `visit` returns. This is the bulk
  // read of validation and statistics: a few sequential scans, not a query per household.
  virtual Status ScanHouseholds(RegionCode scope, const std::function<Status(const Household&)>& visit) = 0;
  // Monitoring cases, their history, income checks and visits (store/case_store.h).
  virtual CaseStore& cases() = 0;
  // The rectification ledger (ledger_store.h), owned by this store.
  virtual LedgerStore& ledger() = 0;
  // Verification campaigns, samples and findings (campaign_store.h). Owned by the store.
  virtual CampaignStore& campaigns() = 0;
  // Accounts, sessions and sign-in attempts (account_store.h). Owned by the store.
  virtual AccountStore& accounts() = 0;
  // The append-only, hash-chained audit log (audit_store.h). Owned by the store.
  virtual AuditStore& audit() = 0;
};

}  // namespace jz

#endif  // JZ_STORE_STORE_H_
