// `jingzhun audit verify|list`: the tamper-evident audit log (docs/audit.md). verify walks the
// hash chain and exits 0 with the entry count and the head hash, or with the data-loss exit
// code (10) naming the first bad entry and what is wrong; list shows entries for the auditor,
// filtered and paged. Both are one call into app/audit/audit_log.h.
#include <fmt/format.h>

#include "app/audit/audit_log.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"
#include "cli/group_command.h"
#include "cli/row_printer.h"
#include "io/report_table.h"

namespace jz::cli {
namespace {

constexpr std::string_view kHelp =
    "\n审计日志记录每次修改和每次查看个人信息（谁、何时、从哪里、做了什么、多少行），只追加、用 SHA-256 "
    "逐条链接；\n"
    "verify 检查整条链：完好时退出码 "
    "0，并打印条数和末条哈希（请另行记下末条哈希，日志末尾被截去时靠它发现）；\n"
    "被删改时退出码 10，指出第一条有问题的记录和问题所在（被修改、缺失、顺序被改动）。\n"
    "The audit log records every change and every read of personal data (who, when, from where,\n"
    "what, how many rows), append-only and chained by SHA-256. verify checks the whole chain: exit 0\n"
    "with the entry count and the head hash when intact (note the head hash elsewhere: a cut-off\n"
    "tail is only found against it, with --expect-head), exit 10 naming the first bad entry and what\n"
    "is wrong (edited, missing, reordered) otherwise. list pages by sequence: pass the printed\n"
    "next --after to read on. Dates are UTC days.\n\n"
    "示例 Examples:\n"
    "  jingzhun audit verify demo/jingzhun.db\n"
    "  jingzhun audit verify demo/jingzhun.db --expect-head 3f2a…(64 hex)\n"
    "  jingzhun audit list demo/jingzhun.db --user wang --since 2025-01-01\n"
    "  jingzhun audit list demo/jingzhun.db --household 2224241002050001 --format json\n"
    "  jingzhun audit list demo/jingzhun.db --region 222424 --limit 50 --after 100\n";

std::string UtcTime(int64_t seconds) {
  const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const int64_t rest = seconds - days * 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", Date::FromDays(static_cast<int32_t>(days)).ToString(),
                     rest / 3600, rest / 60 % 60, rest % 60);
}

ReportTable EntriesTable(const AuditListResult& list, OutputFormat format) {
  const bool people = format == OutputFormat::kTable;
  std::vector<ReportColumn> columns = {{"sequence", "序号", "seq", CellKind::kInt},
                                       {"time", "时间(UTC)", "time (UTC)"},
                                       {"actor", "操作人", "actor"},
                                       {"client", "来源地址", "client"},
                                       {"kind", "类别", "kind"},
                                       {"action", "操作", "action"},
                                       {"object", "对象", "object"},
                                       {"region", "区划", "region"},
                                       {"rows", "行数", "rows", CellKind::kInt},
                                       {"reason", "理由", "reason"},
                                       {"details", "详情", "details"}};
  if (!people) {
    columns.push_back({"previous_hash", "前一哈希", "previous hash"});
    columns.push_back({"hash", "哈希", "hash"});
  }
  ReportTable table("audit", std::move(columns));
  for (const AuditEntry& e : list.entries) {
    std::vector<ReportCell> cells = {e.sequence,
                                     UtcTime(e.time_utc_s),
                                     e.actor,
                                     e.client,
                                     std::string(AuditKindName(e.kind)),
                                     e.action,
                                     e.object,
                                     e.region ? e.region->ShortString() : std::string(),
                                     e.rows,
                                     e.reason,
                                     e.details};
    if (!people) {
      cells.push_back(e.previous_hash);
      cells.push_back(e.hash);
    }
    table.AddRow(std::move(cells));
  }
  return table;
}

template <class T, class F>
StatusOr<std::optional<T>> Optional(const std::string& text, F parse) {
  if (text.empty()) return std::optional<T>();
  ASSIGN_OR_RETURN(T value, parse(text));
  return std::optional<T>(value);
}

class AuditCommand final : public GroupCommand {
 public:
  std::string_view name() const override { return "audit"; }
  std::string_view summary() const override {
    return "审计日志：校验哈希链、按人员/农户/区划/时间查看 | audit log: verify the hash chain, list entries";
  }
  std::string_view help() const override { return kHelp; }

  void Setup(CLI::App& app) override {
    CLI::App* verify = AddSubcommand(app, "verify", "校验审计日志的哈希链 verify the audit log's hash chain",
                                     [this](const GlobalOptions& g) { return RunVerify(g); });
    verify->add_option("DB", db_path_, "数据库文件 database file")->required();
    verify->add_option("--expect-head", expect_head_, "之前记下的末条哈希 a head hash noted earlier");
    CLI::App* list = AddSubcommand(app, "list", "查看审计记录 list audit entries",
                                   [this](const GlobalOptions& g) { return RunList(g); });
    list->add_option("DB", db_path_, "数据库文件 database file")->required();
    list->add_option("--user", user_, "操作人 actor (username or cli:<os user>)");
    list->add_option("--household", household_, "户编号 household number (the entry's object)");
    list->add_option("--region", region_, "区划代码（含下级） region code or prefix (and below)");
    list->add_option("--since", since_, "起始日期（UTC） from this day (UTC), YYYY-MM-DD");
    list->add_option("--until", until_, "截止日期（UTC，含当天） to this day (UTC, inclusive)");
    list->add_option("--after", after_, "上一页给出的序号 the sequence a previous page ended at")
        ->capture_default_str();
    list->add_option("--limit", limit_, "每页条数 entries per page (1..1000)")->capture_default_str();
    list->add_option("--format", format_, "输出格式 table | csv | json")->capture_default_str();
  }

 private:
  StatusOr<std::unique_ptr<Workspace>> Open() const { return Workspace::Open({.db_path = db_path_}); }

  Status RunVerify(const GlobalOptions& g) {
    AuditVerifyRequest r;
    if (!expect_head_.empty()) r.expected_head = expect_head_;
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(AuditVerifyResult result, VerifyAuditLog(*ws, r));
    if (!result.intact()) {
      return DataLossError(
          Bilingual(fmt::format("{}；此前 {} 条完好", MessageHalf(result.message, false), result.entries),
                    fmt::format("{}; the {} entries before it are intact", MessageHalf(result.message, true),
                                result.entries)));
    }
    PrintLine(g, Bilingual("审计日志完好：共 {} 条", "audit log intact: {} entries", result.entries));
    PrintLine(g,
              Bilingual("末条哈希（请另行记下）：{}", "head hash (note it elsewhere): {}", result.head_hash));
    return OkStatus();
  }

  Status RunList(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    AuditListRequest r;
    if (!user_.empty()) r.actor = user_;
    if (!household_.empty()) r.household_no = household_;
    ASSIGN_OR_RETURN(
        r.region, Optional<RegionCode>(region_, [](const std::string& t) { return RegionCode::Parse(t); }));
    ASSIGN_OR_RETURN(r.since, Optional<Date>(since_, [](const std::string& t) { return Date::Parse(t); }));
    ASSIGN_OR_RETURN(r.until, Optional<Date>(until_, [](const std::string& t) { return Date::Parse(t); }));
    r.after = after_;
    r.limit = limit_;
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(AuditListResult list, ListAuditLog(*ws, r));
    const ReportTable tables[] = {EntriesTable(list, format)};
    RETURN_IF_ERROR(PrintTables(g, format, tables));
    if (format == OutputFormat::kTable) {
      PrintLine(g, list.next_after
                       ? Bilingual("本页 {} 条；下一页用 --after {}", "{} entries; next page: --after {}",
                                   list.entries.size(), *list.next_after)
                       : Bilingual("共 {} 条", "{} entries", list.entries.size()));
    }
    return OkStatus();
  }

  std::string db_path_, expect_head_, user_, household_, region_, since_, until_;
  std::string format_ = "table";
  int64_t after_ = 0;
  int64_t limit_ = 100;
};

}  // namespace

std::unique_ptr<Command> NewAuditCommand() { return std::make_unique<AuditCommand>(); }

}  // namespace jz::cli
