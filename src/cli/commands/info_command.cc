// `jingzhun info DB`: what a database holds (schema version and registry sizes).
#include <fmt/format.h>

#include "app/registry/registry_stats.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"

namespace jz::cli {
namespace {

class InfoCommand final : public Command {
 public:
  std::string_view name() const override { return "info"; }
  std::string_view summary() const override { return "显示数据库概况 | show what a database holds"; }
  std::string_view help() const override {
    return "\n示例 Examples:\n  jingzhun info demo/jingzhun.db\n  jingzhun --lang en info demo/jingzhun.db\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file")->required();
  }
  Status Run(const GlobalOptions& global) override {
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Workspace::Open({.db_path = db_path_}));
    ASSIGN_OR_RETURN(DatabaseInfo d, DescribeDatabase(*ws));
    PrintLine(global, Bilingual("数据库 {}：结构版本 {}，区划 {} 个，户 {} 户，人 {} 人",
                                "database {}: schema version {}, {} regions, {} households, {} persons",
                                d.db_path, d.schema_version, d.regions, d.households, d.persons));
    return OkStatus();
  }

 private:
  std::string db_path_;
};

}  // namespace

std::unique_ptr<Command> NewInfoCommand() { return std::make_unique<InfoCommand>(); }

}  // namespace jz::cli
