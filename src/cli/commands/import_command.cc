// `jingzhun import DB FILE...`: bring registry exports into the database.
#include <fmt/format.h>

#include "app/registry/registry_importer.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"
#include "cli/row_printer.h"

namespace jz::cli {
namespace {

constexpr std::string_view kHelp =
    "\n每行一人，按户编号组户；表头可用国家系统的中文列名或英文列名，值可用名称或国家代码。\n"
    "One row per person, households assembled by 户编号; headers in Chinese (as exported) or our English\n"
    "names; values as labels or national codes. UTF-8 (with or without BOM) or GB18030/GBK, detected.\n"
    "没有行政区划代码列时，按县(市、区、旗)/乡(镇)/"
    "行政村名称在数据库所在省份的区划中查找；两者都有时须一致。\n"
    "Without a 行政区划代码 column, rows are placed by their county/township/village names within the\n"
    "database's province; when a file has both, they must agree. Load the regions first (regions load).\n"
    "默认全部或不导入：有任何错误行时数据库不变。--partial 导入无误的户，整户拒绝含错误行的户。\n"
    "By default all or nothing: with any bad row the database is unchanged. --partial stores the valid\n"
    "households and rejects whole households that have a bad row.\n"
    "--dry-run 做全部检查、给出同样的计数和报告，但不写入数据库 / every check, the same counts and\n"
    "reports, nothing written.\n"
    "报告 Reports (named after --report, default <DB>.import-errors.csv):\n"
    "  错误报告 error report: 每个问题一行（文件、行、户、人、列、值、规则、原因；证件号码已脱敏）\n"
    "    one row per problem (file, line, household, person, column, value, rule, reason; IDs masked);\n"
    "  原表副本 your own file back: <报告名>.<原文件名>，原样保留每一行，增加“问题”列说明每个被拒绝行的错误\n"
    "    <report>.<your file>: every row as you gave it, with a 问题/problems column on each rejected row;\n"
    "  变更报告 change report: <报告名>.changes.csv，重复导入时每户新增/减少的成员和变更的字段（原值 → "
    "新值）\n"
    "    <report>.changes.csv: members added and removed, fields changed (old → new) on re-import.\n"
    "重复导入同一文件不会改变任何数据 / importing the same file twice changes nothing the second time.\n\n"
    "示例 Examples:\n"
    "  jingzhun import demo/jingzhun.db demo/registry/registry.csv\n"
    "  jingzhun import demo/jingzhun.db county-a.csv county-b.csv --partial --report errors.csv\n"
    "  jingzhun import demo/jingzhun.db export.csv --dry-run\n"
    "  jingzhun import demo/jingzhun.db export.csv --encoding gb18030 --year 2024 --format json\n";

class ImportCommand final : public Command {
 public:
  std::string_view name() const override { return "import"; }
  std::string_view summary() const override {
    return "导入建档立卡登记数据（国家系统导出格式） | import registry exports (national export layout)";
  }
  std::string_view help() const override { return kHelp; }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file")->required();
    app.add_option("FILE", files_, "登记数据文件 registry export files (CSV)")->required();
    app.add_option("--encoding", encoding_, "文件编码 encoding: auto | utf-8 | gb18030")
        ->capture_default_str();
    app.add_flag("--partial", partial_, "导入无误的户 store the valid households, reject the others");
    app.add_flag("--dry-run", dry_run_, "试运行：全部检查和报告，不写入 check and report, write nothing");
    app.add_option("--report", report_, "错误报告 error report (CSV); default: import-errors.csv beside DB");
    app.add_option("--format", format_, "输出格式 format: table | csv | json")->capture_default_str();
    year_option_ =
        app.add_option("--year", year_, "收入所属年度 year of the income columns (default: last year)");
  }
  Status Run(const GlobalOptions& global) override {
    ImportRequest request{.files = files_, .partial = partial_, .report_path = report_, .dry_run = dry_run_};
    if (year_option_->count() > 0) request.data_year = year_;
    if (encoding_ != "auto") {
      ASSIGN_OR_RETURN(TextEncoding encoding, ParseTextEncoding(encoding_));
      request.encoding = encoding;
    }
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(
        std::unique_ptr<Workspace> ws,
        Workspace::Open({.db_path = db_path_, .create_if_missing = !dry_run_, .for_writing = !dry_run_}));
    ASSIGN_OR_RETURN(ImportSummary s, ImportRegistry(*ws, request, *global.progress));
    if (format == OutputFormat::kTable) {
      PrintSummary(global, s);
    } else {
      const ReportTable tables[] = {SummaryTable(s)};
      RETURN_IF_ERROR(PrintTables(global, format, tables));
    }
    if (s.rejected_households > 0 && !partial_) {
      return InvalidArgumentError(
          Bilingual("拒绝 {0} 行，未导入任何数据；错误见 {1}（或用 --partial 导入无误的户）",
                    "{0} rows rejected, nothing was imported; see {1} (or use --partial to "
                    "import the valid households)",
                    s.rejected_rows, s.report_path));
    }
    return OkStatus();
  }

 private:
  static void PrintSummary(const GlobalOptions& global, const ImportSummary& s) {
    for (const std::string& column : s.unknown_columns) {
      PrintLine(global, Bilingual("忽略未知列 {}", "ignored unknown column {}", column));
    }
    for (const std::string& note : s.notes) PrintLine(global, note);
    if (s.dry_run) PrintLine(global, Bilingual("试运行，未写入", "dry run, nothing written"));
    PrintLine(
        global,
        Bilingual("读取 {} 行、{} 户；新增 {} 户，更新 {} 户，未变 {} 户，入库 {} 人；拒绝 {} 行（{} 户）；"
                  "用时 {:.1f} 秒",
                  "read {} rows, {} households; inserted {}, updated {}, unchanged {} households, {} "
                  "persons stored; rejected {} rows ({} households); {:.1f} s",
                  s.rows, s.households, s.inserted, s.updated, s.unchanged, s.persons_stored, s.rejected_rows,
                  s.rejected_households, s.seconds));
    PrintCounts(global, s);
    if (!s.changes.empty()) {
      PrintLine(global,
                Bilingual("变更：新增成员 {} 人，减少成员 {} 人，字段变更 {} 项；变更报告：{}",
                          "changes: {} members added, {} removed, {} fields changed; change report: {}",
                          s.members_added, s.members_removed, s.fields_changed, s.change_report_path));
    }
    if (s.problems.empty()) return;
    PrintLine(global, Bilingual("错误报告：{}", "error report: {}", s.report_path));
    for (const std::string& path : s.layout_report_paths) {
      PrintLine(global,
                Bilingual("原表副本（含“问题”列）：{}", "your file with a problems column: {}", path));
    }
  }

  // The line that shows the counts add up; only what differs from the plain case is shown.
  static void PrintCounts(const GlobalOptions& global, const ImportSummary& s) {
    std::string zh =
        fmt::format("核对：读取 {} 行 = 入库 {} + 拒绝 {}", s.rows, s.persons_stored, s.rejected_rows);
    std::string en = fmt::format("check: {} rows read = {} stored + {} rejected", s.rows, s.persons_stored,
                                 s.rejected_rows);
    if (s.rows_not_written > 0) {
      zh += fmt::format(" + 因整批回滚未写入 {}", s.rows_not_written);
      en += fmt::format(" + {} not written (all or nothing)", s.rows_not_written);
    }
    if (s.rejected_rows != s.rows_with_problems) {
      zh += fmt::format("（其中 {} 行本身有错误，其余随户拒绝）", s.rows_with_problems);
      en += fmt::format(" ({} with a problem of their own, the rest with their household)",
                        s.rows_with_problems);
    }
    if (s.footer_rows > 0) {
      zh += fmt::format("；跳过表尾 {} 行", s.footer_rows);
      en += fmt::format("; {} footer rows skipped", s.footer_rows);
    }
    if (s.lines != s.rows) {
      zh += fmt::format("；{} 条记录占 {} 个物理行（有字段含换行）", s.rows, s.lines);
      en += fmt::format("; {} records span {} physical lines (a field holds a line break)", s.rows, s.lines);
    }
    PrintLine(global, Bilingual(zh, en));
  }

  // --format csv/json: the whole summary as one row.
  static ReportTable SummaryTable(const ImportSummary& s) {
    auto count = [](std::string key, std::string zh) {
      return ReportColumn{key, std::move(zh), std::move(key), CellKind::kInt};
    };
    ReportTable table("import", {{"dry_run", "试运行", "dry_run"},
                                 {"committed", "已写入", "committed"},
                                 count("rows", "读取行数"),
                                 count("lines", "物理行数"),
                                 count("footer_rows", "跳过表尾行数"),
                                 count("households", "户数"),
                                 count("inserted", "新增户"),
                                 count("updated", "更新户"),
                                 count("unchanged", "未变户"),
                                 count("persons_stored", "入库人数"),
                                 count("rejected_rows", "拒绝行数"),
                                 count("rows_with_problems", "错误行数"),
                                 count("rows_not_written", "回滚未写入行数"),
                                 count("rejected_households", "拒绝户数"),
                                 count("members_added", "新增成员"),
                                 count("members_removed", "减少成员"),
                                 count("fields_changed", "字段变更"),
                                 {"report", "错误报告", "report"},
                                 {"layout_reports", "原表副本", "layout_reports"},
                                 {"change_report", "变更报告", "change_report"}});
    std::string layouts;
    for (const std::string& path : s.layout_report_paths) layouts += (layouts.empty() ? "" : ";") + path;
    table.AddRow({std::string(s.dry_run ? "true" : "false"),
                  std::string(s.committed ? "true" : "false"),
                  s.rows,
                  s.lines,
                  s.footer_rows,
                  s.households,
                  s.inserted,
                  s.updated,
                  s.unchanged,
                  s.persons_stored,
                  s.rejected_rows,
                  s.rows_with_problems,
                  s.rows_not_written,
                  s.rejected_households,
                  s.members_added,
                  s.members_removed,
                  s.fields_changed,
                  s.problems.empty() ? std::string() : s.report_path,
                  layouts,
                  s.change_report_path});
    return table;
  }

  std::string db_path_;
  std::vector<std::string> files_;
  std::string encoding_ = "auto";
  bool partial_ = false;
  bool dry_run_ = false;
  std::string report_;
  std::string format_ = "table";
  int year_ = 0;
  CLI::Option* year_option_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> NewImportCommand() { return std::make_unique<ImportCommand>(); }

}  // namespace jz::cli
