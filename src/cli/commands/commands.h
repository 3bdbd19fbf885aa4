// Factories of the `jingzhun` subcommands, one per file in this folder.
#ifndef JZ_CLI_COMMANDS_COMMANDS_H_
#define JZ_CLI_COMMANDS_COMMANDS_H_

#include <memory>

#include "cli/command.h"

namespace jz::cli {

std::unique_ptr<Command> NewGenerateCommand();
std::unique_ptr<Command> NewRegionsCommand();
std::unique_ptr<Command> NewInfoCommand();
std::unique_ptr<Command> NewImportCommand();
std::unique_ptr<Command> NewStatsCommand();
std::unique_ptr<Command> NewValidateCommand();
std::unique_ptr<Command> NewPolicyCommand();
std::unique_ptr<Command> NewScreenCommand();
std::unique_ptr<Command> NewWhatIfCommand();
std::unique_ptr<Command> NewCasesCommand();
std::unique_ptr<Command> NewRectifyCommand();
std::unique_ptr<Command> NewCampaignCommand();
std::unique_ptr<Command> NewServeCommand();
std::unique_ptr<Command> NewAuditCommand();
std::unique_ptr<Command> NewUsersCommand();

}  // namespace jz::cli

#endif  // JZ_CLI_COMMANDS_COMMANDS_H_
