// The doors' view of the tamper-evident audit log (SERVER.md "Audit", docs/audit.md): record an
// entry, verify the whole chain, list entries for the auditor. Defaults are filled here: the
// kind comes from the action, the time from the clock, and every free-text field is masked
// (core/personal_data_mask.h) before it is hashed and stored. This header includes only core/
// and app/ headers; the store behind it is store/audit_store.h.
//
// THE HASH, exactly, so that another tool can verify a log (docs/audit.md has a Python one):
//   canonical(e) = the concatenation of netstrings N(x) = <decimal byte length of x> ":" x ","
//     of, in this order: "jz-audit-v1", sequence, time_utc_s, actor, client, kind ("change" or
//     "access"), action, object, region (its 12 digits, "" when none), rows, reason, details.
//     Integers are written in decimal ASCII, '-' before a negative, no leading zeros. Text is
//     the stored UTF-8 bytes (already masked).
//   hash(e) = lowercase hex of SHA-256(previous_hash || canonical(e)), where previous_hash is
//     the 64 lowercase hex characters of the previous entry's hash as ASCII, and 64 '0' for
//     entry 1 (kAuditGenesisHash).
//   Example: entry 1 with time 0, actor "a", action "search", all else empty or 0, hashes
//   SHA-256("000…000" "11:jz-audit-v1,1:1,1:0,1:a,0:,6:access,6:search,0:,0:,1:0,0:,0:,").
//
// HOW THE DOORS WILL CALL RecordAudit (not wired yet; the CLI's own commands are not audited):
//   - the server, once per request that changes data or reads personal data, after the app
//     call succeeded and before the response is sent: actor = the session's username, client =
//     the peer address (or X-Forwarded-For from the configured proxy), action/object/region/rows
//     from the handler's app result, reason from the request (reveal, export); a failed record
//     fails the request (500), so no personal data leaves unaudited;
//   - the CLI, in each state-changing command after its app call: actor = CliAuditActor().
//   RecordAudit opens its own transaction; it is refused while a registry import's writer is
//   open, so an import records its entry after Commit().
//
// Thread safety: as Workspace (one thread at a time). Two workspaces on one database file,
// in threads or processes, may append concurrently: the store serialises them.
#ifndef JZ_APP_AUDIT_AUDIT_LOG_H_
#define JZ_APP_AUDIT_AUDIT_LOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_records.h"
#include "core/date.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

class Workspace;

// canonical(e) and hash(e) as stated above. Pure.
std::string AuditCanonicalForm(const AuditEntry& entry);
std::string AuditEntryHash(const AuditEntry& entry);

// "cli:" and the operating-system user running the process ("cli:unknown" when none).
std::string CliAuditActor();

// ---- record -----------------------------------------------------------------------------

struct AuditRecordRequest {
  std::string actor = {};
  std::string client = {};
  std::string action = {};  // one of audit_action:: (core/audit_records.h); its kind is taken from there
  std::string object = {};
  std::optional<RegionCode> region = std::nullopt;
  int64_t rows = 0;
  std::string reason = {};
  std::string details = {};
  std::optional<int64_t> time_utc_s = std::nullopt;  // unset: now
};

// Appends one entry and returns it as stored (sequence, hashes, masked text). Fails, storing
// nothing, with InvalidArgument (naming the field and what is accepted) when the actor is
// empty, the action unknown, the reason missing for an action that requires one (reveal,
// export), rows negative, or the masked details longer than kMaxAuditDetailBytes;
// FailedPrecondition while a registry writer is open; Unavailable when the database stays
// locked past the busy timeout.
[[nodiscard]] StatusOr<AuditEntry> RecordAudit(Workspace& ws, const AuditRecordRequest& request);

// ---- verify -----------------------------------------------------------------------------

// What is wrong at the first bad link.
enum class AuditBreak : uint8_t {
  kNone,
  kEdited,       // the entry's content does not give its stored hash
  kMissing,      // sequence gap: entries before it were removed
  kReordered,    // its previous hash is the hash of an entry stored elsewhere in the log
  kBrokenLink,   // its previous hash matches no entry: the one before was rewritten or replaced
  kHeadMissing,  // the noted head hash is not in the log: its tail was cut off or replaced
};

struct AuditVerifyRequest {
  // A head hash noted earlier (printed by a previous verify). Set: the log must still contain
  // it, which is how a truncated tail is found — the chain alone cannot show a cut end.
  std::optional<std::string> expected_head = std::nullopt;
};

struct AuditVerifyResult {
  int64_t entries = 0;    // entries checked (all, when intact)
  std::string head_hash;  // the last entry's hash (kAuditGenesisHash when empty); note it
  AuditBreak problem = AuditBreak::kNone;
  int64_t first_bad_sequence = 0;  // 0 when intact
  std::string message;             // Bilingual: what is wrong, naming the sequence numbers
  bool intact() const { return problem == AuditBreak::kNone; }
};

// Walks the whole chain in batches (memory stays flat) and stops at the first bad link.
// A broken chain is a result, not an error; errors are the database's own (DataLoss for a
// row that cannot be decoded, naming its sequence) and InvalidArgument for an expected_head
// that is not 64 hex digits.
[[nodiscard]] StatusOr<AuditVerifyResult> VerifyAuditLog(Workspace& ws, const AuditVerifyRequest& request);

// ---- list -------------------------------------------------------------------------------

struct AuditListRequest {
  std::optional<std::string> actor = std::nullopt;
  std::optional<std::string> household_no = std::nullopt;  // entries about this object
  std::optional<RegionCode> region = std::nullopt;         // this region and below
  std::optional<Date> since = std::nullopt;                // from 00:00 UTC of this day
  std::optional<Date> until = std::nullopt;                // before 00:00 UTC of the day after
  int64_t after = 0;                                       // keyset cursor: next_after of a page
  std::optional<int64_t> limit = std::nullopt;             // unset: kAuditPageRowsDefault
};

struct AuditListResult {
  std::vector<AuditEntry> entries;  // ordered by sequence
  // The cursor of the next page (pass as `after`), or nullopt when this page is the last.
  std::optional<int64_t> next_after = std::nullopt;
};

// Entries matching every filter. InvalidArgument when limit is outside 1..kMaxAuditPageRows,
// after is negative, or since is after until.
[[nodiscard]] StatusOr<AuditListResult> ListAuditLog(Workspace& ws, const AuditListRequest& request);

}  // namespace jz

#endif  // JZ_APP_AUDIT_AUDIT_LOG_H_
