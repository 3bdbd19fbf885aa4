// `jingzhun screen DB --policy FILE --feeds DIR`: departmental feeds against the registry.
// Parses the flags into a ScreenRequest, calls app (app/screening/screening_requests.h), and
// prints the result's tables through the row printer.
#include <fmt/format.h>

#include "app/screening/screening_requests.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"
#include "cli/commands/screening_flags.h"
#include "cli/row_printer.h"

namespace jz::cli {
namespace {

double Share(int64_t part, int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

ReportTable FeedTable(const GlobalOptions& g, const ScreenSummary& s) {
  ReportTable t("feeds", {{"feed", "数据源", "feed"},
                          {"rows", "行数", "rows", CellKind::kInt},
                          {"matched", "匹配", "matched", CellKind::kInt},
                          {"unmatched", "未匹配", "unmatched", CellKind::kInt},
                          {"invalid_ids", "证件号无效", "invalid ID", CellKind::kInt},
                          {"bad_rows", "错误行", "bad rows", CellKind::kInt}});
  for (const ScreenFeedRow& f : s.feeds) {
    if (!f.provided) {
      t.AddRow({f.name, std::string(g.lang == Lang::kEn ? "(not provided)" : "（未提供）"), {}, {}, {}, {}});
      continue;
    }
    t.AddRow({f.name, f.rows, f.matched, f.unmatched, f.invalid_ids, f.bad_rows});
  }
  return t;
}

// The undecidable column appears when a feed is missing, so that a complete run prints as
// it always has.
ReportTable RuleTable(const ScreenSummary& s) {
  const bool open = !s.missing_feeds.empty();
  std::vector<ReportColumn> columns = {{"rule", "规则", "rule"},
                                       {"name", "名称", "name"},
                                       {"households", "户数", "households", CellKind::kInt}};
  if (open) {
    columns.push_back(
        {"undecidable", "无法判定户数（缺数据源）", "undecidable (missing feed)", CellKind::kInt});
  }
  ReportTable t("rules", std::move(columns));
  for (const ScreenRuleRow& r : s.rules) {
    std::vector<ReportCell> cells = {r.id, r.name_zh, r.households};
    if (open) cells.emplace_back(r.undecidable);
    t.AddRow(std::move(cells));
  }
  return t;
}

ReportTable RegionTable(const ScreenSummary& s) {
  ReportTable t("regions", {{"code", "区划代码", "code"},
                            {"region", "名称", "region"},
                            {"households", "户数", "households", CellKind::kInt},
                            {"warned", "预警户数", "warned", CellKind::kInt},
                            {"share", "占比", "share", CellKind::kShare}});
  for (const RegionRow& r : s.regions) {
    t.AddRow({r.code.ShortString(), (r.depth > 0 ? "  " : "") + r.name, r.counts[0], r.counts[1],
              Share(r.counts[1], r.counts[0])});
  }
  return t;
}

ReportTable CountyTable(const ScreenSummary& s) {
  ReportTable t("counties", {{"county", "县", "county"},
                             {"households", "户数", "households", CellKind::kInt},
                             {"warned", "预警户数", "warned", CellKind::kInt},
                             {"share", "占比", "share", CellKind::kShare}});
  for (const auto& [county, counts] : s.counties) {
    t.AddRow({county.ShortString(), counts.first, counts.second, Share(counts.second, counts.first)});
  }
  return t;
}

void PrintMissingFeeds(const GlobalOptions& g, const std::vector<std::string>& missing) {
  if (missing.empty()) return;
  std::string names;
  for (const std::string& name : missing) names += (names.empty() ? "" : ", ") + name;
  PrintLine(g,
            Bilingual("缺少数据源 {}：读取它们的规则无法判定，未生成预警",
                      "feeds not provided: {}; the rules reading them are undecidable and stored no warning",
                      names));
}

class ScreenCommand final : public Command {
 public:
  std::string_view name() const override { return "screen"; }
  std::string_view summary() const override {
    return "部门数据筛查预警 | screen departmental feeds against the registry";
  }
  std::string_view help() const override {
    return "\n按政策文件的规则，用部门数据（DIR/<数据源>.csv，格式见 "
           "docs/feeds.md）逐户筛查，生成带依据的预警，\n"
           "同一户、规则、月份只记一次；无法匹配或证件号码无效的行计数并写入报告。--dry-run 只报告不写入。\n"
           "Evaluates every rule of the policy for every household with the departmental feeds in DIR\n"
           "(<feed>.csv, see docs/feeds.md); warnings carry their evidence and are stored once per "
           "household,\n"
           "rule and month; rows matching no person or with an invalid ID are counted and reported.\n\n"
           "政策声明的数据源缺文件时拒绝筛查，除非 "
           "--allow-missing-feeds（读取它们的规则计为无法判定，不生成预警）；\n"
           "基准日须不晚于今天，且在政策有效期内（除非 --ignore-policy-period）。\n"
           "A declared feed without its file is refused unless --allow-missing-feeds (the rules reading it "
           "are\n"
           "then undecidable and store no warning); the as-of date may not be after today and must lie in "
           "the\n"
           "policy's effective period unless --ignore-policy-period.\n\n"
           "不用数据库：--registry 直接筛查登记导出 "
           "CSV，把预警（warnings.csv）、按县规则户数（county-summary.csv）\n"
           "和未用行报告（feed-report.csv）写入 --out 目录，可在导入前检查文件。\n"
           "Without a database: --registry screens a registry export CSV directly and writes the warnings\n"
           "(warnings.csv), households per county and rule (county-summary.csv) and the unused feed rows\n"
           "(feed-report.csv) into the --out directory: a file can be checked before it is imported.\n\n"
           "示例 Examples:\n"
           "  jingzhun screen demo/jingzhun.db --policy policies/jilin-2024.toml --feeds "
           "demo/registry/feeds\n"
           "  jingzhun screen demo/jingzhun.db --policy policies/jilin-2024.toml --feeds feeds --as-of "
           "2024-12-31 --dry-run\n"
           "  jingzhun screen --registry demo/registry/registry.csv --policy policies/jilin-2024.toml \\\n"
           "      --feeds demo/registry/feeds --out demo/screen-export\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file (or --registry)");
    app.add_option("--registry", request_.registry_csv,
                   "直接筛查登记导出 CSV screen a registry export CSV, no database");
    app.add_option("--out", request_.out_dir, "--registry 的输出目录 output directory of --registry")
        ->capture_default_str();
    flags_.Setup(app);
    app.add_option("--report", request_.report_path,
                   "无法匹配行报告（.csv 或 .xlsx，表头随 --lang） unmatched rows report (.csv or .xlsx, "
                   "headers in --lang; default: DB.screen.csv)");
    app.add_flag("--dry-run", request_.dry_run, "只报告不写入 report only, write nothing");
    app.add_option("--format", format_, "输出格式 format: table | csv | json")->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    if (db_path_.empty() == request_.registry_csv.empty()) {
      return InvalidArgumentError(Bilingual("请给出数据库文件或 --registry 登记导出文件（二选一）",
                                            "give either a database file or --registry with an export file"));
    }
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(request_.inputs, flags_.Inputs());
    request_.lang = global.lang;
    if (!request_.registry_csv.empty()) return RunExport(global, format);
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = db_path_}));
    ASSIGN_OR_RETURN(ScreenSummary s, Screen(*ws, request_, *global.progress));
    const ReportTable tables[] = {FeedTable(global, s), RuleTable(s), RegionTable(s)};
    RETURN_IF_ERROR(PrintTables(global, format, tables));
    if (format != OutputFormat::kTable) return OkStatus();
    fmt::print("\n");
    PrintMissingFeeds(global, s.missing_feeds);
    PrintLine(
        global,
        Bilingual("筛查 {} 户 {} 人：预警 {} 条（新增 {} 条）；无法判定 {} 项；报告 {}",
                  "screened {} households, {} persons: {} warnings ({} new); {} not evaluable; report {}",
                  s.households, s.persons, s.warnings, s.warnings_new, s.not_evaluable + s.undecidable,
                  s.report_path));
    return OkStatus();
  }

 private:
  Status RunExport(const GlobalOptions& global, OutputFormat format) {
    ASSIGN_OR_RETURN(ScreenSummary s, ScreenExportFile(request_, Date::Today(), *global.progress));
    const ReportTable tables[] = {FeedTable(global, s), RuleTable(s), CountyTable(s)};
    RETURN_IF_ERROR(PrintTables(global, format, tables));
    if (format != OutputFormat::kTable) return OkStatus();
    fmt::print("\n");
    PrintMissingFeeds(global, s.missing_feeds);
    PrintLine(
        global,
        Bilingual(
            "筛查 {} 户 {} 人（拒绝 {} 户）：预警 {} 条；无法判定 {} 项；结果写入 {}",
            "screened {} households, {} persons ({} rejected): {} warnings; {} not evaluable; output in {}",
            s.households, s.persons, s.households_rejected, s.warnings, s.not_evaluable + s.undecidable,
            s.out_dir));
    PrintLine(global,
              Bilingual("用时：读登记 {:.2f} 秒，读部门数据 {:.2f} 秒，评估 {:.2f} 秒，写出 {:.2f} 秒",
                        "seconds: registry {:.2f}, feeds {:.2f}, evaluation {:.2f}, output {:.2f}",
                        s.load_seconds, s.feed_seconds, s.evaluate_seconds, s.write_seconds));
    return OkStatus();
  }

  std::string db_path_;
  ScreeningFlags flags_;
  ScreenRequest request_;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> NewScreenCommand() { return std::make_unique<ScreenCommand>(); }

}  // namespace jz::cli
