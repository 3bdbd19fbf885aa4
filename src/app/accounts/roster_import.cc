// ImportUsers (account_requests.h): accounts from a roster spreadsheet, all or nothing.
// The first row is the header; columns are found by name in either language.
#include <fmt/format.h>

#include <array>
#include <map>

#include "app/accounts/account_requests.h"
#include "app/accounts/internal/account_support.h"
#include "app/accounts/internal/credentials.h"
#include "app/workspace.h"
#include "io/table_reader.h"
#include "store/store.h"

namespace jz {
namespace {

enum Column : size_t {
  kUsername,
  kDisplayName,
  kRoles,
  kRegion,
  kViewRegion,
  kSearchRegion,
  kExpires,
  kColumns
};

struct ColumnName {
  Column column;
  std::string_view en;
  std::string_view zh;
  bool required;
};

constexpr ColumnName kColumnNames[] = {
    {kUsername, "username", "用户名", true},
    {kDisplayName, "display_name", "姓名", true},
    {kRoles, "roles", "角色", true},
    {kRegion, "region", "区划代码", true},
    {kViewRegion, "view_region", "查看范围", false},
    {kSearchRegion, "search_region", "查询范围", false},
    {kExpires, "expires", "有效期至", false},
};

using ColumnIndex = std::array<std::optional<size_t>, kColumns>;

StatusOr<ColumnIndex> LocateColumns(const std::vector<std::string_view>& header, const std::string& file) {
  ColumnIndex index;
  for (size_t i = 0; i < header.size(); ++i) {
    for (const ColumnName& c : kColumnNames) {
      if (header[i] == c.en || header[i] == c.zh) index[c.column] = i;
    }
  }
  for (const ColumnName& c : kColumnNames) {
    if (c.required && !index[c.column]) {
      return InvalidArgumentError(
          Bilingual("{}：缺少列 {}（{}）", "{}: column {} ({}) is missing", file, c.zh, c.en));
    }
  }
  return index;
}

std::string_view Cell(const std::vector<std::string_view>& cells, const std::optional<size_t>& i) {
  if (!i || *i >= cells.size()) return {};
  return cells[*i];
}

// The length of the separator starting at `at` in `text`, 0 when none does.
size_t SeparatorAt(std::string_view text, size_t at) {
  for (std::string_view sep : {"、", "，", "；", ",", ";", " "}) {
    if (text.substr(at).starts_with(sep)) return sep.size();
  }
  return 0;
}

StatusOr<std::vector<Role>> ParseRoles(std::string_view text) {
  std::vector<Role> roles;
  size_t start = 0;
  for (size_t at = 0; at <= text.size(); ++at) {
    const size_t sep = at == text.size() ? 1 : SeparatorAt(text, at);
    if (sep == 0) continue;
    if (at > start) {
      ASSIGN_OR_RETURN(Role role, Parse<Role>(text.substr(start, at - start)));
      roles.push_back(role);
    }
    at += sep - 1;
    start = at + 1;
  }
  return roles;
}

StatusOr<std::optional<RegionCode>> OptionalRegion(std::string_view text) {
  if (text.empty()) return std::optional<RegionCode>();
  ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(text));
  return std::optional<RegionCode>(code);
}

// One row as an account (not stored), or the first column that is wrong in `failed`.
StatusOr<Account> ParseRow(Store& store, const std::vector<std::string_view>& cells, const ColumnIndex& at,
                           Date today, Column& failed) {
  AddUserRequest r;
  failed = kUsername;
  r.username = internal::NormalizeUsername(Cell(cells, at[kUsername]));
  RETURN_IF_ERROR(CheckUsername(r.username));
  ASSIGN_OR_RETURN(std::optional<Account> taken, store.accounts().FindAccount(r.username));
  if (taken) return AlreadyExistsError(Bilingual("用户名 {} 已存在", "username {} is taken", r.username));
  failed = kDisplayName;
  r.display_name = std::string(Cell(cells, at[kDisplayName]));
  failed = kRoles;
  ASSIGN_OR_RETURN(r.roles, ParseRoles(Cell(cells, at[kRoles])));
  if (r.roles.empty()) return InvalidArgumentError(Bilingual("没有角色", "no role"));
  failed = kRegion;
  ASSIGN_OR_RETURN(r.region, OptionalRegion(Cell(cells, at[kRegion])));
  if (!r.region) return InvalidArgumentError(Bilingual("区划代码为空", "the region code is empty"));
  failed = kViewRegion;
  ASSIGN_OR_RETURN(r.view_region, OptionalRegion(Cell(cells, at[kViewRegion])));
  failed = kSearchRegion;
  ASSIGN_OR_RETURN(r.search_region, OptionalRegion(Cell(cells, at[kSearchRegion])));
  RETURN_IF_ERROR(ResolveScopes(r.region, r.view_region, r.search_region).status());
  failed = kExpires;
  if (!Cell(cells, at[kExpires]).empty()) {
    ASSIGN_OR_RETURN(Date expires, Date::Parse(Cell(cells, at[kExpires])));
    r.expires_on = expires;
  }
  return internal::BuildAccount(r, today);
}

std::string_view ColumnEnglish(Column column) {
  for (const ColumnName& c : kColumnNames) {
    if (c.column == column) return c.en;
  }
  return {};
}

}  // namespace

StatusOr<ImportUsersResult> ImportUsers(Workspace& ws, const ImportUsersRequest& request) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> table, OpenTable(request.path));
  std::vector<std::string_view> cells;
  ASSIGN_OR_RETURN(bool any, table->Next(cells));
  if (!any) return InvalidArgumentError(Bilingual("{}：文件为空", "{}: the file is empty", request.path));
  ASSIGN_OR_RETURN(ColumnIndex at, LocateColumns(cells, request.path));
  ImportUsersResult result;
  std::vector<NewAccount> accounts;
  std::map<std::string, int64_t> seen;  // username -> row
  while (true) {
    ASSIGN_OR_RETURN(bool more, table->Next(cells));
    if (!more) break;
    if (table->rows_read() > kMaxRosterRows + 1) {
      return InvalidArgumentError(
          Bilingual("{}：超过 {} 行", "{}: more than {} rows", request.path, kMaxRosterRows));
    }
    const int64_t row = table->first_line();
    Column failed = kUsername;
    StatusOr<Account> account = ParseRow(ws.store(), cells, at, ws.today(), failed);
    if (account.ok()) {
      if (auto [it, fresh] = seen.emplace(account->username, row); !fresh) {
        account = InvalidArgumentError(Bilingual("用户名 {} 与第 {} 行重复", "username {} repeats row {}",
                                                 account->username, it->second));
      }
    }
    if (!account.ok()) {
      result.errors.push_back({request.path, row, std::string(ColumnEnglish(failed)),
                               std::string(Cell(cells, at[failed])), account.status().message()});
      continue;
    }
    account->password_change_required = true;
    accounts.push_back({std::move(*account), ""});
  }
  if (!result.errors.empty()) return result;
  std::vector<ImportedUser> created;
  for (NewAccount& n : accounts) {
    std::string password = internal::RandomPassword(16);
    ASSIGN_OR_RETURN(n.password_hash, internal::HashPassword(password));
    created.push_back({n.account.username, std::move(password)});
  }
  RETURN_IF_ERROR(ws.store().accounts().CreateAccounts(accounts).status());
  result.created = std::move(created);
  return result;
}

}  // namespace jz
