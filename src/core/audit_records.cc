// Names and the action table of core/audit_records.h.
#include "core/audit_records.h"

#include <array>

namespace jz {
namespace {

constexpr std::array kActions = {
    AuditActionInfo{audit_action::kHouseholdOpen, AuditKind::kAccess, false},
    AuditActionInfo{audit_action::kSearch, AuditKind::kAccess, false},
    AuditActionInfo{audit_action::kExport, AuditKind::kAccess, true},
    AuditActionInfo{audit_action::kReveal, AuditKind::kAccess, true},
    AuditActionInfo{audit_action::kCaseStep, AuditKind::kChange, false},
    AuditActionInfo{audit_action::kImport, AuditKind::kChange, false},
    AuditActionInfo{audit_action::kHouseholdChange, AuditKind::kChange, false},
    AuditActionInfo{audit_action::kCampaignStep, AuditKind::kChange, false},
    AuditActionInfo{audit_action::kProblemStep, AuditKind::kChange, false},
    AuditActionInfo{audit_action::kScreening, AuditKind::kChange, false},
    AuditActionInfo{audit_action::kUserAdd, AuditKind::kChange, false},
    AuditActionInfo{audit_action::kUserChange, AuditKind::kChange, false},
    AuditActionInfo{audit_action::kSessionStart, AuditKind::kAccess, false},
    AuditActionInfo{audit_action::kSessionEnd, AuditKind::kAccess, false},
};

}  // namespace

std::string_view AuditKindName(AuditKind kind) { return kind == AuditKind::kChange ? "change" : "access"; }

StatusOr<AuditKind> ParseAuditKind(std::string_view text) {
  if (text == "change") return AuditKind::kChange;
  if (text == "access") return AuditKind::kAccess;
  return InvalidArgumentError(Bilingual("审计类别 {} 无效（可用 change、access）",
                                        "invalid audit kind {} (use change or access)", text));
}

std::span<const AuditActionInfo> AuditActions() { return kActions; }

std::optional<AuditActionInfo> FindAuditAction(std::string_view code) {
  for (const AuditActionInfo& info : kActions) {
    if (info.code == code) return info;
  }
  return std::nullopt;
}

}  // namespace jz
