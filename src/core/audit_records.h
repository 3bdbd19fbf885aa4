// The audit log's record (SERVER.md "Audit"): one entry per change and per read of personal
// data, chained by SHA-256 so that an edited, removed or reordered entry is found by
// `jingzhun audit verify`. The store keeps entries (store/audit_store.h); app/audit/ fills,
// masks, hashes and verifies them; this header is only the value type and the stable action
// codes, so that every door names the same action the same way.
#ifndef JZ_CORE_AUDIT_RECORDS_H_
#define JZ_CORE_AUDIT_RECORDS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/region_code.h"
#include "core/status.h"

namespace jz {

// change: something was written (old and new values go into details); access: personal data
// was read (a household opened, a search, an export, a reveal). Stored as 1 and 2.
enum class AuditKind : uint8_t { kChange = 1, kAccess = 2 };

// "change" / "access": the names the CLI, the API and the hash serialisation use.
std::string_view AuditKindName(AuditKind kind);
// InvalidArgument naming `text` and the two accepted names otherwise.
StatusOr<AuditKind> ParseAuditKind(std::string_view text);

// The stable action codes. A code never changes meaning once released: auditors' filters
// and the hash of every stored entry depend on it.
namespace audit_action {
inline constexpr std::string_view kHouseholdOpen = "household.open";
inline constexpr std::string_view kSearch = "search";
inline constexpr std::string_view kExport = "export";
inline constexpr std::string_view kReveal = "reveal";
inline constexpr std::string_view kCaseStep = "case.step";
inline constexpr std::string_view kImport = "import";
inline constexpr std::string_view kHouseholdChange = "household.change";
inline constexpr std::string_view kCampaignStep = "campaign.step";
inline constexpr std::string_view kProblemStep = "problem.step";
inline constexpr std::string_view kScreening = "screening";
inline constexpr std::string_view kUserAdd = "user.add";
inline constexpr std::string_view kUserChange = "user.change";
inline constexpr std::string_view kSessionStart = "session.start";
inline constexpr std::string_view kSessionEnd = "session.end";
}  // namespace audit_action

// Every code above with the kind it must be recorded as, in a fixed order.
struct AuditActionInfo {
  std::string_view code;
  AuditKind kind;
  bool reason_required;  // reveal and export: the user states why (SERVER.md "Masking")
};
std::span<const AuditActionInfo> AuditActions();
// The entry of `code`, or nullopt when it is not one of AuditActions().
std::optional<AuditActionInfo> FindAuditAction(std::string_view code);

// The hash of "no previous entry": 64 '0' characters, the previous_hash of entry 1.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// One entry of the audit log.
// Invariants of a stored entry: sequence is 1, 2, 3 … without gaps; previous_hash is the hash
// of entry sequence - 1 (kAuditGenesisHash for entry 1); hash is as app/audit/audit_log.h
// states; details, object and reason hold no ID number, phone or bank account in clear.
struct AuditEntry {
  int64_t sequence = 0;    // assigned by the store on append
  int64_t time_utc_s = 0;  // seconds since 1970-01-01T00:00:00Z
  std::string actor;       // an account's username, or "cli:<os user>"
  std::string client;      // the client's address ("127.0.0.1", "[::1]"); "" on the CLI
  AuditKind kind = AuditKind::kAccess;
  std::string action;  // one of audit_action::
  std::string object;  // 户编号, case id, campaign code, username …; "" when none
  std::optional<RegionCode> region = std::nullopt;  // the object's region (filter by prefix)
  int64_t rows = 0;           // rows read or written (search hits, export rows); 0 when none
  std::string reason;         // required for reveal and export
  std::string details;        // free text, masked
  std::string previous_hash;  // 64 lowercase hex digits
  std::string hash;           // 64 lowercase hex digits

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

}  // namespace jz

#endif  // JZ_CORE_AUDIT_RECORDS_H_
