// `jingzhun users add|list|disable|enable|reset-password|import`: accounts of the server
// (app/accounts/account_requests.h). The first administrator is created here; there is no
// default password anywhere: a password is read from standard input (--password-stdin), never
// from an option (it would show in the process list and the shell history).
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "app/accounts/account_requests.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"
#include "cli/group_command.h"
#include "cli/row_printer.h"
#include "io/report_table.h"

namespace jz::cli {
namespace {

constexpr std::string_view kHelp =
    "\n账号有一个或多个角色（admin approver entry viewer department inspector auditor）和区划范围：\n"
    "--region 为写入范围，查看范围（--view-region）和查询范围（--search-region）默认与之相同，须逐级包含。\n"
    "Accounts have roles (admin approver entry viewer department inspector auditor) and a region:\n"
    "--region is the write scope; the view and search scopes default to it (narrowest) and must contain\n"
    "it. Without --region an account sees nothing. Passwords: at least 12 characters, read from stdin.\n\n"
    "示例 Examples (the first administrator):\n"
    "  read -rs PW && printf '%s\\n' \"$PW\" | jingzhun users add demo/jingzhun.db admin --role admin \\\n"
    "      --region 22 --password-stdin\n"
    "  jingzhun users add db cun01 --name 张三 --role entry --region 222424100205 --view-region 222424 \\\n"
    "      --expires 2026-12-31 --password-stdin < pw.txt\n"
    "  jingzhun users list db --format csv\n"
    "  jingzhun users import db roster.xlsx\n";

int64_t NowUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The password on standard input: its first line, without the line end.
StatusOr<std::string> ReadPasswordFromStdin(bool asked) {
  if (!asked) {
    return InvalidArgumentError(Bilingual("请用 --password-stdin 从标准输入给出密码（不设默认密码）",
                                          "give the password on standard input with --password-stdin (there "
                                          "is no default password)"));
  }
  if (isatty(STDIN_FILENO)) std::cerr << "密码 password: " << std::flush;
  std::string line;
  if (!std::getline(std::cin, line) || line.empty()) {
    return InvalidArgumentError(Bilingual("标准输入中没有密码", "no password on standard input"));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

StatusOr<std::optional<RegionCode>> OptionalRegion(const std::string& option, const std::string& text) {
  if (text.empty()) return std::optional<RegionCode>();
  StatusOr<RegionCode> code = RegionCode::Parse(text);
  if (!code.ok()) return InvalidArgumentError(fmt::format("{}: {}", option, code.status().message()));
  return std::optional<RegionCode>(*code);
}

std::string Scope(const std::optional<RegionCode>& scope) { return scope ? scope->ShortString() : "-"; }

std::string RoleList(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) out += (out.empty() ? "" : ",") + std::string(CliName(r));
  return out;
}

class UsersCommand final : public GroupCommand {
 public:
  std::string_view name() const override { return "users"; }
  std::string_view summary() const override {
    return "账号：添加、列出、停用、启用、重置密码、批量导入 | accounts: add, list, disable, enable, reset, "
           "import";
  }
  std::string_view help() const override { return kHelp; }

  void Setup(CLI::App& app) override {
    CLI::App* add = Sub(app, "add", "添加账号 add an account", &UsersCommand::RunAdd);
    add->add_option("NAME", username_, "用户名 username")->required();
    add->add_option("--name", display_name_, "姓名 display name");
    add->add_option("--role", roles_, "角色（可多次） role (repeatable)")->required();
    add->add_option("--region", region_, "写入范围区划代码 write scope region code");
    add->add_option("--view-region", view_region_, "查看范围（默认 = --region） view scope");
    add->add_option("--search-region", search_region_, "查询范围（默认 = 查看范围） search scope");
    add->add_option("--expires", expires_, "有效期至 last day the account may sign in");
    add->add_flag("--password-stdin", password_stdin_, "从标准输入读密码 read the password from stdin");
    add->add_option("--by", by_, "创建人 created by")->capture_default_str();
    CLI::App* list = Sub(app, "list", "列出账号 list accounts", &UsersCommand::RunList);
    list->add_option("--format", format_, "格式 format: table | csv | json")->capture_default_str();
    Sub(app, "disable", "停用账号并结束其会话 disable an account", &UsersCommand::RunDisable)
        ->add_option("NAME", username_, "用户名 username")
        ->required();
    Sub(app, "enable", "启用（解锁）账号 enable (unlock) an account", &UsersCommand::RunEnable)
        ->add_option("NAME", username_, "用户名 username")
        ->required();
    CLI::App* reset =
        Sub(app, "reset-password", "重置密码（下次登录须修改） reset a password", &UsersCommand::RunReset);
    reset->add_option("NAME", username_, "用户名 username")->required();
    reset->add_flag("--password-stdin", password_stdin_, "从标准输入读密码 read the password from stdin");
    CLI::App* import =
        Sub(app, "import", "从花名册批量创建账号 create accounts from a roster", &UsersCommand::RunImport);
    import->footer(
        "\n花名册（CSV、.xlsx、.xls）列：用户名 username、姓名 display_name、角色 roles、区划代码 region，\n"
        "可选 查看范围 view_region、查询范围 search_region、有效期至 expires。有错行则全部不导入。\n"
        "每个账号得到一个随机初始密码（只显示这一次），首次登录须修改。\n"
        "Any bad row refuses the whole roster (file, row, field listed). Each account gets a random\n"
        "initial password, shown once, to be changed at first sign-in.\n");
    import->add_option("FILE", file_, "花名册 roster file")->required();
    import->add_option("--by", by_, "创建人 created by")->capture_default_str();
    import->add_option("--format", format_, "格式 format: table | csv | json")->capture_default_str();
  }

 private:
  using Runner = Status (UsersCommand::*)(const GlobalOptions&);

  CLI::App* Sub(CLI::App& app, const std::string& verb, const std::string& text, Runner run) {
    CLI::App* sub =
        AddSubcommand(app, verb, text, [this, run](const GlobalOptions& g) { return (this->*run)(g); });
    sub->add_option("DB", db_path_, "数据库文件 database file")->required();
    return sub;
  }

  StatusOr<std::unique_ptr<Workspace>> Open(bool create) {
    return Workspace::Open({.db_path = db_path_, .create_if_missing = create, .for_writing = true});
  }

  Status RunAdd(const GlobalOptions& g) {
    AddUserRequest r;
    r.username = username_;
    r.display_name = display_name_;
    r.created_by = by_;
    for (const std::string& text : roles_) {
      ASSIGN_OR_RETURN(Role role, Parse<Role>(text));
      r.roles.push_back(role);
    }
    ASSIGN_OR_RETURN(r.region, OptionalRegion("--region", region_));
    ASSIGN_OR_RETURN(r.view_region, OptionalRegion("--view-region", view_region_));
    ASSIGN_OR_RETURN(r.search_region, OptionalRegion("--search-region", search_region_));
    if (!expires_.empty()) {
      ASSIGN_OR_RETURN(Date expires, Date::Parse(expires_));
      r.expires_on = expires;
    }
    ASSIGN_OR_RETURN(r.password, ReadPasswordFromStdin(password_stdin_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open(/*create=*/true));
    ASSIGN_OR_RETURN(Account a, AddUser(*ws, r));
    PrintLine(
        g, Bilingual("已添加账号 {}（{}），写入/查看/查询范围 {}/{}/{}",
                     "added account {} ({}), write/view/search scope {}/{}/{}", a.username, RoleList(a.roles),
                     Scope(a.scopes.write), Scope(a.scopes.view), Scope(a.scopes.search)));
    return OkStatus();
  }

  Status RunList(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open(false));
    ASSIGN_OR_RETURN(std::vector<UserSummary> all, ListUsers(*ws));
    ReportTable table("users", {{"username", "用户名", "username"},
                                {"display_name", "姓名", "name"},
                                {"roles", "角色", "roles"},
                                {"write_scope", "写入范围", "write scope"},
                                {"view_scope", "查看范围", "view scope"},
                                {"search_scope", "查询范围", "search scope"},
                                {"state", "状态", "state"},
                                {"expires", "有效期至", "expires"},
                                {"last_sign_in", "最近登录", "last sign-in"},
                                {"sessions", "会话", "sessions", CellKind::kInt},
                                {"change_required", "须改密码", "must change password"}});
    const bool text = format == OutputFormat::kTable;
    for (const UserSummary& s : all) {
      const Account& a = s.account;
      table.AddRow({a.username, a.display_name, RoleList(a.roles), Scope(a.scopes.write),
                    Scope(a.scopes.view), Scope(a.scopes.search),
                    std::string(text ? Label(a.state, g.lang) : CliName(a.state)),
                    a.expires_on ? a.expires_on->ToString() : std::string(text ? "-" : ""), s.last_sign_in,
                    s.sessions, std::string(a.password_change_required ? "yes" : "no")});
    }
    const ReportTable tables[] = {std::move(table)};
    return PrintTables(g, format, tables);
  }

  Status RunDisable(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open(false));
    RETURN_IF_ERROR(DisableUser(*ws, {username_, NowUnixSeconds()}));
    PrintLine(
        g, Bilingual("已停用账号 {}，其会话已结束", "disabled account {} and ended its sessions", username_));
    return OkStatus();
  }

  Status RunEnable(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open(false));
    RETURN_IF_ERROR(EnableUser(*ws, {username_, NowUnixSeconds()}));
    PrintLine(g, Bilingual("已启用账号 {}", "enabled account {}", username_));
    return OkStatus();
  }

  Status RunReset(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(std::string password, ReadPasswordFromStdin(password_stdin_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open(false));
    RETURN_IF_ERROR(ResetPassword(*ws, {username_, password}));
    PrintLine(
        g, Bilingual("已重置 {} 的密码，下次登录须修改；其会话已结束",
                     "reset the password of {}; it must be changed at the next sign-in; its sessions ended",
                     username_));
    return OkStatus();
  }

  Status RunImport(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open(/*create=*/true));
    ASSIGN_OR_RETURN(ImportUsersResult r, ImportUsers(*ws, {file_, by_}));
    if (!r.errors.empty()) {
      for (const RosterRowError& e : r.errors) {
        PrintLine(g,
                  Bilingual("  {0}: 第 {1} 行 {2} '{3}': {4}", "  {0}: row {1} {2} '{3}': {5}", e.file, e.row,
                            e.field, e.value, MessageHalf(e.message, false), MessageHalf(e.message, true)));
      }
      return InvalidArgumentError(Bilingual("花名册有 {} 行有错，未创建任何账号",
                                            "{} rows of the roster are wrong; no account was created",
                                            r.errors.size()));
    }
    ReportTable table("initial_passwords", {{"username", "用户名", "username"},
                                            {"initial_password", "初始密码（首次登录须修改）",
                                             "initial password (change at first sign-in)"}});
    for (const ImportedUser& u : r.created) table.AddRow({u.username, u.initial_password});
    const ReportTable tables[] = {std::move(table)};
    return PrintTables(g, format, tables);
  }

  std::string db_path_, username_, display_name_, region_, view_region_, search_region_, expires_, file_;
  std::vector<std::string> roles_;
  bool password_stdin_ = false;
  std::string by_ = "jingzhun";
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> NewUsersCommand() { return std::make_unique<UsersCommand>(); }

}  // namespace jz::cli
