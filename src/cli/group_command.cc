// GroupCommand: subcommands declared with their runners (group_command.h).
#include "cli/group_command.h"

namespace jz::cli {

CLI::App* GroupCommand::AddSubcommand(CLI::App& app, const std::string& name, const std::string& description,
                                      Runner run) {
  app.require_subcommand(1);
  CLI::App* sub = app.add_subcommand(name, description);
  entries_.push_back({sub, std::move(run)});
  return sub;
}

Status GroupCommand::Run(const GlobalOptions& options) {
  for (const Entry& entry : entries_) {
    if (entry.app->parsed()) return entry.run(options);
  }
  return InternalError("no subcommand was chosen");
}

}  // namespace jz::cli
