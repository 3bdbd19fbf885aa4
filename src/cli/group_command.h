// GroupCommand: the one dispatch style of the commands made of subcommands (`cases`,
// `campaign`, `rectify`): each subcommand is declared with the function that runs it, and
// Run() calls the one the user chose. A group command declares its subcommands in Setup()
// with AddSubcommand() and never tests `parsed()` itself.
#ifndef JZ_CLI_GROUP_COMMAND_H_
#define JZ_CLI_GROUP_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

#include "cli/command.h"

namespace jz::cli {

class GroupCommand : public Command {
 public:
  using Runner = std::function<Status(const GlobalOptions&)>;

  // Runs the subcommand the user chose. InternalError if none was (CLI11 requires one).
  Status Run(const GlobalOptions& options) final;

 protected:
  // Declares subcommand `name` on `app` (the group's own CLI::App), run by `run`; returns it
  // so the caller declares its options. Call from Setup(); `app.require_subcommand(1)` is set.
  CLI::App* AddSubcommand(CLI::App& app, const std::string& name, const std::string& description, Runner run);

 private:
  struct Entry {
    CLI::App* app;
    Runner run;
  };
  std::vector<Entry> entries_;
};

}  // namespace jz::cli

#endif  // JZ_CLI_GROUP_COMMAND_H_
