// `jingzhun regions load DB DIR`: load statistical division codes into the database.
#include <fmt/format.h>

#include "app/registry/region_loader.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"

namespace jz::cli {
namespace {

class RegionsCommand final : public Command {
 public:
  std::string_view name() const override { return "regions"; }
  std::string_view summary() const override {
    return "管理行政区划代码（regions load） | manage division codes (regions load)";
  }
  std::string_view help() const override {
    return "\nregions load DB DIR: 从 DIR 读取统计用区划代码 CSV（china-counties.csv、jilin-townships.csv、\n"
           "jilin-villages.csv；--edition 2016 读取 *-2016.csv）写入数据库 "
           "DB（不存在则创建）。有错误时不写入任何数据。\n"
           "Reads statistical division CSVs from DIR into database DB (created if missing); on any bad row\n"
           "nothing is stored.\n\n"
           "示例 Examples:\n"
           "  jingzhun regions load demo/jingzhun.db ../shared/data/regions\n"
           "  jingzhun regions load demo/jingzhun.db ../shared/data/regions --edition 2016\n";
  }
  void Setup(CLI::App& app) override {
    app.require_subcommand(1);
    CLI::App* load = app.add_subcommand("load", "加载区划 load division codes");
    load->add_option("DB", db_path_, "数据库文件 database file")->required();
    load->add_option("DIR", dir_, "区划目录 region directory")->required();
    load->add_option("--edition", edition_, "区划版本 edition: 2023 | 2016")->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws,
                     Workspace::Open({.db_path = db_path_, .create_if_missing = true, .for_writing = true}));
    ASSIGN_OR_RETURN(RegionLoadSummary s,
                     LoadRegions(*ws, {.dir = dir_, .edition_year = edition_}, *global.progress));
    const auto& n = s.by_level;
    PrintLine(global, Bilingual("已加载 {0} 版区划 {1} 个：省级 {2}、地级 {3}、县级 {4}、乡级 {5}、村级 {6}",
                                "loaded {1} regions of the {0} edition: {2} provinces, {3} prefectures, "
                                "{4} counties, {5} townships, {6} villages",
                                s.edition_year, s.total, n[1], n[2], n[3], n[4], n[5]));
    return OkStatus();
  }

 private:
  std::string db_path_;
  std::string dir_;
  int edition_ = 2023;
};

}  // namespace

std::unique_ptr<Command> NewRegionsCommand() { return std::make_unique<RegionsCommand>(); }

}  // namespace jz::cli
