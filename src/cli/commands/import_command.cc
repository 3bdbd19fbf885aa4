// `jingzhun import DB FILE...`: bring registry exports into the database.
#include <fmt/format.h>

#include "app/registry/registry_importer.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"

namespace jz::cli {
namespace {

class ImportCommand final : public Command {
 public:
  std::string_view name() const override { return "import"; }
  std::string_view summary() const override {
    return "导入建档立卡登记数据（国家系统导出格式） | import registry exports (national export layout)";
  }
  std::string_view help() const override {
    return "\n每行一人，按户编号组户；表头可用国家系统的中文列名或英文列名，值可用名称或国家代码。\n"
           "One row per person, households assembled by 户编号; headers in Chinese (as exported) or our "
           "English\n"
           "names; values as labels or national codes. UTF-8 (with or without BOM) or GB18030/GBK, "
           "detected.\n"
           "默认全部或不导入：有任何错误行时数据库不变，错误写入报告。--partial "
           "导入无误的户，整户拒绝含错误行的户。\n"
           "By default all or nothing: with any bad row the database is unchanged and the rows are listed in "
           "the\n"
           "report. --partial stores the valid households and rejects whole households that have a bad row.\n"
           "重复导入同一文件不会改变任何数据 / importing the same file twice changes nothing the second "
           "time.\n\n"
           "示例 Examples:\n"
           "  jingzhun import demo/jingzhun.db demo/registry/registry.csv\n"
           "  jingzhun import demo/jingzhun.db county-a.csv county-b.csv --partial --report errors.csv\n"
           "  jingzhun import demo/jingzhun.db export.csv --encoding gb18030 --year 2024\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file")->required();
    app.add_option("FILE", files_, "登记数据文件 registry export files (CSV)")->required();
    app.add_option("--encoding", encoding_, "文件编码 encoding: auto | utf-8 | gb18030")
        ->capture_default_str();
    app.add_flag("--partial", partial_, "导入无误的户 store the valid households, reject the others");
    app.add_option("--report", report_, "错误报告 error report (CSV); default: import-errors.csv beside DB");
    year_option_ =
        app.add_option("--year", year_, "收入所属年度 year of the income columns (default: last year)");
  }
  Status Run(const GlobalOptions& global) override {
    ImportRequest request{.files = files_, .partial = partial_, .report_path = report_};
    if (year_option_->count() > 0) request.data_year = year_;
    if (encoding_ != "auto") {
      ASSIGN_OR_RETURN(TextEncoding encoding, ParseTextEncoding(encoding_));
      request.encoding = encoding;
    }
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws,
                     Workspace::Open({.db_path = db_path_, .create_if_missing = true, .for_writing = true}));
    ASSIGN_OR_RETURN(ImportSummary s, ImportRegistry(*ws, request, *global.progress));
    Print(global, s);
    if (s.rejected_rows > 0 && !s.committed) {
      return InvalidArgumentError(
          Bilingual("有 {0} 行错误，未导入任何数据；错误见 {1}（或用 --partial 导入无误的户）",
                    "{0} rows rejected, nothing was imported; see {1} (or use --partial to "
                    "import the valid households)",
                    s.rejected_rows, s.report_path));
    }
    return OkStatus();
  }

 private:
  static void Print(const GlobalOptions& global, const ImportSummary& s) {
    for (const std::string& column : s.unknown_columns) {
      PrintLine(global, Bilingual("忽略未知列 {}", "ignored unknown column {}", column));
    }
    PrintLine(
        global,
        Bilingual("读取 {} 行、{} 户；新增 {} 户，更新 {} 户，未变 {} 户，入库 {} 人；拒绝 {} 行（{} 户）；"
                  "用时 {:.1f} 秒",
                  "read {} rows, {} households; inserted {}, updated {}, unchanged {} households, {} "
                  "persons stored; rejected {} rows ({} households); {:.1f} s",
                  s.rows, s.households, s.inserted, s.updated, s.unchanged, s.persons_stored, s.rejected_rows,
                  s.rejected_households, s.seconds));
    if (!s.problems.empty()) PrintLine(global, Bilingual("错误报告：{}", "error report: {}", s.report_path));
  }

  std::string db_path_;
  std::vector<std::string> files_;
  std::string encoding_ = "auto";
  bool partial_ = false;
  std::string report_;
  int year_ = 0;
  CLI::Option* year_option_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> NewImportCommand() { return std::make_unique<ImportCommand>(); }

}  // namespace jz::cli
