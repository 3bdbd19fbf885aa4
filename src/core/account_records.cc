// The account code lists (roles, states) and the scope and username checks of
// account_records.h.
#include "core/account_records.h"

#include <algorithm>

#include "core/internal/code_list_builders.h"

namespace jz {
namespace {

using internal::CliNameIn;
using internal::CodeList;
using internal::NewWorkflowList;
using internal::Row;
using internal::WorkflowRow;

constexpr WorkflowRow kRoles[] = {
    Row(Role::kAdmin, "系统管理员", "administrator", "admin"),
    Row(Role::kApprover, "审核", "approver", "approver"),
    Row(Role::kEntry, "录入", "data entry", "entry"),
    Row(Role::kViewer, "查看", "viewer", "viewer"),
    Row(Role::kDepartment, "行业部门", "department", "department"),
    Row(Role::kInspector, "核查人员", "inspector", "inspector"),
    Row(Role::kAuditor, "审计", "auditor", "auditor"),
};

constexpr WorkflowRow kStates[] = {
    Row(AccountState::kEnabled, "正常", "enabled", "enabled"),
    Row(AccountState::kDisabled, "停用", "disabled", "disabled"),
    Row(AccountState::kLocked, "锁定", "locked", "locked"),
};

bool UsernameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

}  // namespace

const CodeList& CodeListTraits<Role>::List() {
  static const CodeList& kList = NewWorkflowList("角色", "Role", kRoles);
  return kList;
}

const CodeList& CodeListTraits<AccountState>::List() {
  static const CodeList& kList = NewWorkflowList("账号状态", "Account state", kStates);
  return kList;
}

std::string_view CliName(Role value) { return CliNameIn(kRoles, value); }
std::string_view CliName(AccountState value) { return CliNameIn(kStates, value); }

StatusOr<AccountScopes> ResolveScopes(std::optional<RegionCode> write, std::optional<RegionCode> view,
                                      std::optional<RegionCode> search) {
  if (!write) {
    if (view || search) {
      return InvalidArgumentError(Bilingual("给了查看或查询范围却没有写入范围（--region）",
                                            "a view or search scope needs a write scope (--region)"));
    }
    return AccountScopes{};
  }
  if (!view) view = write;
  if (!search) search = view;
  if (!view->Contains(*write)) {
    return InvalidArgumentError(Bilingual("查看范围 {} 须包含写入范围 {}",
                                          "view scope {} must contain write scope {}", view->ShortString(),
                                          write->ShortString()));
  }
  if (!search->Contains(*view)) {
    return InvalidArgumentError(Bilingual("查询范围 {} 须包含查看范围 {}",
                                          "search scope {} must contain view scope {}", search->ShortString(),
                                          view->ShortString()));
  }
  return AccountScopes{write, view, search};
}

Status CheckUsername(std::string_view username) {
  const bool shape_ok = username.size() >= 3 && username.size() <= 64 &&
                        std::all_of(username.begin(), username.end(), UsernameChar) && username[0] != '.' &&
                        username[0] != '_' && username[0] != '-';
  if (shape_ok) return OkStatus();
  return InvalidArgumentError(
      Bilingual("用户名 '{}' 无效：须为 3 到 64 个小写字母、数字或 . _ -，以字母或数字开头",
                "username '{}' is invalid: 3 to 64 of a-z, 0-9, '.', '_', '-', "
                "starting with a letter or digit",
                username));
}

bool Account::HasRole(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

}  // namespace jz
