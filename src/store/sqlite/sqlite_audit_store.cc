// SQLite implementation of AuditStore: the audit_log table of migration 10. Append is one
// BEGIN IMMEDIATE … COMMIT transaction: taking the write lock before reading the last entry
// is what keeps two connections from both chaining onto the same previous hash.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store_internal.h"

namespace jz::sqlite_internal {
namespace {

constexpr std::string_view kAuditColumns =
    "sequence, time_utc_s, actor, client, kind, action, object, region, row_count, reason, details, "
    "previous_hash, hash";

bool IsLowerHex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

StatusOr<AuditEntry> DecodeEntry(const Stmt& stmt) {
  AuditEntry e;
  e.sequence = stmt.Int(0);
  e.time_utc_s = stmt.Int(1);
  e.actor = stmt.Text(2);
  e.client = stmt.Text(3);
  const int64_t kind = stmt.Int(4);
  if (kind != 1 && kind != 2) {
    return DataLossError(
        Bilingual("审计日志第 {} 条的类别 {} 无效", "audit entry {}: invalid kind {}", e.sequence, kind));
  }
  e.kind = static_cast<AuditKind>(kind);
  e.action = stmt.Text(5);
  e.object = stmt.Text(6);
  if (!stmt.IsNull(7)) {
    e.region = RegionCode::FromValue(static_cast<uint64_t>(stmt.Int(7)));
    if (!e.region) {
      return DataLossError(Bilingual("审计日志第 {} 条的区划代码 {} 无效",
                                     "audit entry {}: invalid region code {}", e.sequence, stmt.Int(7)));
    }
  }
  e.rows = stmt.Int(8);
  e.reason = stmt.Text(9);
  e.details = stmt.Text(10);
  e.previous_hash = stmt.Text(11);
  e.hash = stmt.Text(12);
  return e;
}

Status CheckAppend(const AuditEntry& e) {
  if (e.actor.empty() || e.action.empty()) {
    return InvalidArgumentError(
        Bilingual("审计记录缺少操作人或操作", "an audit entry needs an actor and an action"));
  }
  if (!IsLowerHex64(e.hash)) {
    return InvalidArgumentError(Bilingual("审计记录的哈希 {} 不是 64 位小写十六进制",
                                          "the audit entry's hash {} is not 64 lowercase hex digits",
                                          e.hash));
  }
  return OkStatus();
}

}  // namespace

Status SqliteAuditStore::Insert(const AuditEntry& e) {
  ASSIGN_OR_RETURN(Stmt insert, store_->db().Prepare(fmt::format(
                                    "INSERT INTO audit_log ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                    "?10, ?11, ?12, ?13)",
                                    kAuditColumns)));
  insert.Bind(1, e.sequence);
  insert.Bind(2, e.time_utc_s);
  insert.Bind(3, e.actor);
  insert.Bind(4, e.client);
  insert.Bind(5, CodeOf(e.kind));
  insert.Bind(6, e.action);
  insert.Bind(7, e.object);
  if (e.region) {
    insert.Bind(8, static_cast<int64_t>(e.region->value()));
  } else {
    insert.BindNull(8);
  }
  insert.Bind(9, e.rows);
  insert.Bind(10, e.reason);
  insert.Bind(11, e.details);
  insert.Bind(12, e.previous_hash);
  insert.Bind(13, e.hash);
  return insert.Run();
}

StatusOr<AuditEntry> SqliteAuditStore::Append(AuditEntry entry, const AuditSealer& seal) {
  Status status = store_->InTransaction("审计日志", "the audit log", [&]() -> Status {
    ASSIGN_OR_RETURN(std::optional<AuditEntry> last, LastEntry());
    entry.sequence = last ? last->sequence + 1 : 1;
    entry.previous_hash = last ? last->hash : std::string(kAuditGenesisHash);
    entry.hash = seal(entry);
    RETURN_IF_ERROR(CheckAppend(entry));
    return Insert(entry);
  });
  if (!status.ok()) return status;
  return entry;
}

StatusOr<std::vector<AuditEntry>> SqliteAuditStore::ReadAll(Stmt& stmt) {
  std::vector<AuditEntry> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(AuditEntry e, DecodeEntry(stmt));
    out.push_back(std::move(e));
  }
  return out;
}

StatusOr<std::vector<AuditEntry>> SqliteAuditStore::ReadFrom(int64_t first, int64_t limit) {
  ASSIGN_OR_RETURN(Stmt stmt, store_->db().Prepare(fmt::format(
                                  "SELECT {} FROM audit_log WHERE sequence >= ?1 ORDER BY sequence LIMIT ?2",
                                  kAuditColumns)));
  stmt.Bind(1, first);
  stmt.Bind(2, limit);
  return ReadAll(stmt);
}

StatusOr<std::vector<AuditEntry>> SqliteAuditStore::ListAudit(const AuditFilter& f) {
  // Unset filters bind NULL and match everything; the keyset cursor keeps each page one
  // index range scan however deep the auditor pages.
  ASSIGN_OR_RETURN(Stmt stmt, store_->db().Prepare(fmt::format(
                                  "SELECT {} FROM audit_log WHERE sequence > ?1 "
                                  "AND (?2 IS NULL OR actor = ?2) AND (?3 IS NULL OR object = ?3) "
                                  "AND (?4 IS NULL OR (region >= ?4 AND region < ?5)) "
                                  "AND (?6 IS NULL OR time_utc_s >= ?6) AND (?7 IS NULL OR time_utc_s < ?7) "
                                  "ORDER BY sequence LIMIT ?8",
                                  kAuditColumns)));
  stmt.Bind(1, f.after);
  stmt.Bind(2, f.actor);
  stmt.Bind(3, f.object);
  if (f.region) {
    const auto [low, high] = CodeRange(*f.region);
    stmt.Bind(4, static_cast<int64_t>(low));
    stmt.Bind(5, static_cast<int64_t>(high));
  }
  stmt.Bind(6, f.since_utc_s);
  stmt.Bind(7, f.until_utc_s);
  stmt.Bind(8, f.limit);
  return ReadAll(stmt);
}

StatusOr<std::optional<int64_t>> SqliteAuditStore::FindSequenceOfHash(std::string_view hash) {
  ASSIGN_OR_RETURN(Stmt stmt, store_->db().Prepare("SELECT sequence FROM audit_log WHERE hash = ?1"));
  stmt.Bind(1, hash);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(stmt.Int(0));
}

StatusOr<std::optional<AuditEntry>> SqliteAuditStore::LastEntry() {
  ASSIGN_OR_RETURN(Stmt stmt, store_->db().Prepare(fmt::format(
                                  "SELECT {} FROM audit_log ORDER BY sequence DESC LIMIT 1", kAuditColumns)));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<AuditEntry>();
  ASSIGN_OR_RETURN(AuditEntry e, DecodeEntry(stmt));
  return std::optional<AuditEntry>(std::move(e));
}

}  // namespace jz::sqlite_internal
