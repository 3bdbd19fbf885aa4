// Record, verify and list of the audit log (audit_log.h) over the store's AuditStore.
#include "app/audit/audit_log.h"

#include <fmt/format.h>
#include <pwd.h>
#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "app/workspace.h"
#include "core/limits.h"
#include "core/personal_data_mask.h"
#include "store/store.h"

namespace jz {
namespace {

void AppendNetstring(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ',';
}

bool IsLowerHex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

int64_t NowUtcSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t DayStartUtc(Date day) { return int64_t{day.days()} * 86400; }

StatusOr<AuditEntry> BuildEntry(const AuditRecordRequest& r) {
  if (r.actor.empty()) {
    return InvalidArgumentError(
        Bilingual("审计记录的操作人（actor）为空", "the audit entry's actor is empty"));
  }
  std::optional<AuditActionInfo> info = FindAuditAction(r.action);
  if (!info) {
    return InvalidArgumentError(Bilingual("审计操作 {} 无效（见 docs/audit.md 的操作代码）",
                                          "unknown audit action {} (see the action codes in docs/audit.md)",
                                          r.action));
  }
  if (info->reason_required && r.reason.empty()) {
    return InvalidArgumentError(Bilingual("{} 必须说明理由（reason）", "{} requires a reason", r.action));
  }
  if (r.rows < 0) {
    return InvalidArgumentError(
        Bilingual("审计记录的行数 {} 不能为负", "the audit entry's rows {} is negative", r.rows));
  }
  AuditEntry e;
  e.time_utc_s = r.time_utc_s.value_or(NowUtcSeconds());
  e.actor = r.actor;
  e.client = r.client;
  e.kind = info->kind;
  e.action = r.action;
  e.object = MaskPersonalNumbers(r.object);
  e.region = r.region;
  e.rows = r.rows;
  e.reason = MaskPersonalNumbers(r.reason);
  e.details = MaskPersonalNumbers(r.details);
  if (e.details.size() > kMaxAuditDetailBytes) {
    return InvalidArgumentError(Bilingual("审计记录的详情有 {} 字节，超过上限 {} 字节",
                                          "the audit entry's details are {} bytes, over the limit of {}",
                                          e.details.size(), kMaxAuditDetailBytes));
  }
  return e;
}

// The first bad link between `previous` (sequence and hash of the entry before) and `e`.
StatusOr<AuditVerifyResult> CheckLink(AuditStore& audit, int64_t previous_sequence,
                                      std::string_view previous_hash, const AuditEntry& e) {
  AuditVerifyResult bad;
  bad.first_bad_sequence = e.sequence;
  if (e.sequence != previous_sequence + 1) {
    bad.problem = AuditBreak::kMissing;
    bad.first_bad_sequence = previous_sequence + 1;
    bad.message =
        Bilingual("审计日志被删改：第 {} 至 {} 条缺失（第 {} 条之后是第 {} 条）",
                  "audit log tampered with: entries {} to {} are missing (entry {} is followed by {})",
                  previous_sequence + 1, e.sequence - 1, previous_sequence, e.sequence);
    return bad;
  }
  if (e.previous_hash != previous_hash) {
    ASSIGN_OR_RETURN(std::optional<int64_t> chained_after, audit.FindSequenceOfHash(e.previous_hash));
    if (chained_after && *chained_after != previous_sequence) {
      bad.problem = AuditBreak::kReordered;
      bad.message =
          Bilingual("审计日志被删改：第 {} 条的顺序被改动，它原本接在现在的第 {} 条之后",
                    "audit log tampered with: entry {} was moved; it was chained after the entry now at {}",
                    e.sequence, *chained_after);
    } else {
      bad.problem = AuditBreak::kBrokenLink;
      bad.message = Bilingual("审计日志被删改：第 {} 条记录的前一哈希与第 {} 条不符（第 {} 条被改写或替换）",
                              "audit log tampered with: entry {}'s previous hash does not match entry {} "
                              "(entry {} was rewritten or replaced)",
                              e.sequence, previous_sequence, previous_sequence);
    }
    return bad;
  }
  if (AuditEntryHash(e) != e.hash) {
    bad.problem = AuditBreak::kEdited;
    bad.message = Bilingual(
        "审计日志被删改：第 {} 条的内容与其哈希不符（记录被修改）",
        "audit log tampered with: entry {}'s content does not match its hash (it was edited)", e.sequence);
    return bad;
  }
  return AuditVerifyResult{};
}

Status CheckExpectedHead(AuditStore& audit, const std::string& head, AuditVerifyResult& result) {
  ASSIGN_OR_RETURN(std::optional<int64_t> at, audit.FindSequenceOfHash(head));
  if (at || (head == kAuditGenesisHash)) return OkStatus();
  result.problem = AuditBreak::kHeadMissing;
  result.first_bad_sequence = result.entries + 1;
  result.message =
      Bilingual("审计日志被删改：记下的末条哈希 {} 不在日志中（现有 {} 条；末尾的记录被删除或日志被替换）",
                "audit log tampered with: the noted head hash {} is not in the log ({} entries now; "
                "entries were cut from the end or the log replaced)",
                head, result.entries);
  return OkStatus();
}

}  // namespace

std::string AuditCanonicalForm(const AuditEntry& e) {
  std::string out;
  AppendNetstring(out, "jz-audit-v1");
  AppendNetstring(out, std::to_string(e.sequence));
  AppendNetstring(out, std::to_string(e.time_utc_s));
  AppendNetstring(out, e.actor);
  AppendNetstring(out, e.client);
  AppendNetstring(out, AuditKindName(e.kind));
  AppendNetstring(out, e.action);
  AppendNetstring(out, e.object);
  AppendNetstring(out, e.region ? e.region->ToString() : std::string());
  AppendNetstring(out, std::to_string(e.rows));
  AppendNetstring(out, e.reason);
  AppendNetstring(out, e.details);
  return out;
}

std::string AuditEntryHash(const AuditEntry& e) {
  const std::string input = e.previous_hash + AuditCanonicalForm(e);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string CliAuditActor() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return std::string("cli:") + pw->pw_name;
  }
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0')
    return std::string("cli:") + user;
  return "cli:unknown";
}

StatusOr<AuditEntry> RecordAudit(Workspace& ws, const AuditRecordRequest& request) {
  ASSIGN_OR_RETURN(AuditEntry entry, BuildEntry(request));
  return ws.store().audit().Append(std::move(entry), AuditEntryHash);
}

StatusOr<AuditVerifyResult> VerifyAuditLog(Workspace& ws, const AuditVerifyRequest& request) {
  if (request.expected_head && !IsLowerHex64(*request.expected_head)) {
    return InvalidArgumentError(Bilingual("--expect-head {} 不是 64 位小写十六进制哈希",
                                          "--expect-head {} is not a hash of 64 lowercase hex digits",
                                          *request.expected_head));
  }
  AuditStore& audit = ws.store().audit();
  AuditVerifyResult result;
  result.head_hash = std::string(kAuditGenesisHash);
  int64_t previous_sequence = 0;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<AuditEntry> batch,
                     audit.ReadFrom(previous_sequence + 1, kAuditVerifyBatchRows));
    if (batch.empty()) break;
    for (const AuditEntry& e : batch) {
      ASSIGN_OR_RETURN(AuditVerifyResult link, CheckLink(audit, previous_sequence, result.head_hash, e));
      if (!link.intact()) {
        link.entries = result.entries;
        link.head_hash = result.head_hash;
        return link;
      }
      ++result.entries;
      previous_sequence = e.sequence;
      result.head_hash = e.hash;
    }
  }
  if (request.expected_head) RETURN_IF_ERROR(CheckExpectedHead(audit, *request.expected_head, result));
  return result;
}

StatusOr<AuditListResult> ListAuditLog(Workspace& ws, const AuditListRequest& request) {
  const int64_t limit = request.limit.value_or(kAuditPageRowsDefault);
  if (limit < 1 || limit > kMaxAuditPageRows) {
    return InvalidArgumentError(Bilingual("--limit {} 无效（可用 1 至 {}）",
                                          "invalid --limit {} (use 1 to {})", limit, kMaxAuditPageRows));
  }
  if (request.after < 0) {
    return InvalidArgumentError(Bilingual("--after {} 无效（须为 0 或之前一页给出的序号）",
                                          "invalid --after {} (use 0 or the sequence a previous page gave)",
                                          request.after));
  }
  if (request.since && request.until && *request.until < *request.since) {
    return InvalidArgumentError(Bilingual("--until {} 早于 --since {}", "--until {} is before --since {}",
                                          request.until->ToString(), request.since->ToString()));
  }
  AuditFilter f;
  f.actor = request.actor;
  f.object = request.household_no;
  f.region = request.region;
  if (request.since) f.since_utc_s = DayStartUtc(*request.since);
  if (request.until) f.until_utc_s = DayStartUtc(request.until->AddDays(1));
  f.after = request.after;
  f.limit = limit + 1;  // one more tells whether another page follows
  AuditListResult result;
  ASSIGN_OR_RETURN(result.entries, ws.store().audit().ListAudit(f));
  if (static_cast<int64_t>(result.entries.size()) > limit) {
    result.entries.resize(static_cast<size_t>(limit));
    result.next_after = result.entries.back().sequence;
  }
  return result;
}

}  // namespace jz
