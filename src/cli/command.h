// A `jingzhun` subcommand: one file per command under cli/commands/, each implementing
// a name, a one-line summary, a detailed help with examples, its options, and Run().
// Commands parse and print; the work itself is a call into app/.
#ifndef JZ_CLI_COMMAND_H_
#define JZ_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string_view>
#include <vector>

#include "core/i18n.h"
#include "core/progress.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz::cli {

// Options every command sees.
struct GlobalOptions {
  Lang lang = Lang::kZhHans;
  // --output FILE: the tables PrintTables() would print go to this file instead, as .xlsx,
  // .csv or .json by its extension (cli/row_printer.h). Empty: print to stdout.
  std::string output_path = {};
  Progress* progress = nullptr;  // never null while a command runs
};

class Command {
 public:
  virtual ~Command() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view summary() const = 0;
  // Shown by `jingzhun NAME --help` after the options: details and examples.
  virtual std::string_view help() const = 0;
  // Declares the command's options and positional arguments on `app`.
  virtual void Setup(CLI::App& app) = 0;
  virtual Status Run(const GlobalOptions& options) = 0;
};

// Every command, in the order `jingzhun --help` lists them.
std::vector<std::unique_ptr<Command>> AllCommands();

// Prints a line of user-facing text to stdout in the chosen language: a Bilingual()
// message is cut to its half, and zh-Hant is derived from zh-Hans with OpenCC.
void PrintLine(const GlobalOptions& options, std::string_view text);
std::string Localize(const GlobalOptions& options, std::string_view text);

// The value of a --level option: prefecture, county, township or village, and province
// where `allow_province`. InvalidArgument naming the accepted values otherwise.
StatusOr<RegionLevel> ParseLevelOption(std::string_view text, bool allow_province = false);

// The error for a --format value a command does not print (table, csv, json).
Status BadFormatError(std::string_view format);

}  // namespace jz::cli

#endif  // JZ_CLI_COMMAND_H_
