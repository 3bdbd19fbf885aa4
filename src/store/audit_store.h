// The audit log of the store (SERVER.md "Audit"): an append-only, hash-chained list of
// entries (core/audit_records.h). There is no update or delete here on purpose — no code path
// can rewrite history; the SQLite back end also refuses UPDATE and DELETE by trigger.
//
// The store does not know the hash function: Append() takes the sealing function from
// app/audit and runs it inside the append's transaction, after the sequence number and the
// previous hash are read, so concurrent appends (threads with their own connections, or two
// processes) are serialised and cannot fork the chain.
//
// Reached through Store::audit(). Thread safety: as the Store it belongs to.
#ifndef JZ_STORE_AUDIT_STORE_H_
#define JZ_STORE_AUDIT_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_records.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

// What ListAudit returns: entries matching every set filter, ordered by sequence, with
// sequence > after, at most `limit` of them. Empty optionals do not filter.
struct AuditFilter {
  std::optional<std::string> actor = std::nullopt;
  std::optional<std::string> object = std::nullopt;   // exact: a 户编号, a case id …
  std::optional<RegionCode> region = std::nullopt;    // entries whose region lies inside it
  std::optional<int64_t> since_utc_s = std::nullopt;  // time >= since
  std::optional<int64_t> until_utc_s = std::nullopt;  // time < until
  int64_t after = 0;                                  // keyset cursor: the last sequence seen
  int64_t limit = 100;                                // REQUIRES: > 0
};

// Computes an entry's hash from its fields and previous_hash (app/audit/audit_log.h).
using AuditSealer = std::function<std::string(const AuditEntry&)>;

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends `entry` in one transaction: reads the last entry, sets entry.sequence to its
  // sequence + 1 (1 for the first) and entry.previous_hash to its hash (kAuditGenesisHash
  // for the first), sets entry.hash = seal(entry), inserts it and commits. Returns the
  // entry as stored. Fails, storing nothing, with InvalidArgument when actor or action is
  // empty or the hash is not 64 lowercase hex digits, FailedPrecondition while a
  // RegistryWriter is open on this store, and Unavailable when another connection holds
  // the write lock past the busy timeout.
  virtual StatusOr<AuditEntry> Append(AuditEntry entry, const AuditSealer& seal) = 0;

  // Entries with first <= sequence, in sequence order, at most `limit`: the walk of verify.
  // Reads rows as stored; a row the database cannot decode (an unknown kind, a bad region
  // code) is DataLoss naming its sequence.
  virtual StatusOr<std::vector<AuditEntry>> ReadFrom(int64_t first, int64_t limit) = 0;

  // Entries matching `filter` (see AuditFilter).
  virtual StatusOr<std::vector<AuditEntry>> ListAudit(const AuditFilter& filter) = 0;

  // The sequence of the entry whose stored hash is `hash`, or nullopt: where a link that
  // points elsewhere really points (verify's reorder report, a noted head hash).
  virtual StatusOr<std::optional<int64_t>> FindSequenceOfHash(std::string_view hash) = 0;

  // The entry with the highest sequence, or nullopt when the log is empty.
  virtual StatusOr<std::optional<AuditEntry>> LastEntry() = 0;
};

}  // namespace jz

#endif  // JZ_STORE_AUDIT_STORE_H_
