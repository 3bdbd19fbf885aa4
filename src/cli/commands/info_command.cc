// `jingzhun info DB`: what a database holds (schema version and registry sizes).
#include <fmt/format.h>

#include "cli/commands/commands.h"
#include "store/sqlite/sqlite_store.h"

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
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(db_path_, {.create_if_missing = false}));
    ASSIGN_OR_RETURN(RegistryCounts c, store->Counts());
    PrintLine(global, Bilingual(fmt::format("数据库 {}：结构版本 {}，区划 {} 个，户 {} 户，人 {} 人", db_path_,
                                            store->SchemaVersion(), c.regions, c.households, c.persons),
                                fmt::format("database {}: schema version {}, {} regions, {} households, {} persons",
                                            db_path_, store->SchemaVersion(), c.regions, c.households, c.persons)));
    return OkStatus();
  }

 private:
  std::string db_path_;
};

}  // namespace

std::unique_ptr<Command> NewInfoCommand() { return std::make_unique<InfoCommand>(); }

}  // namespace jz::cli
