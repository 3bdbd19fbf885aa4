// The `jingzhun` binary: global options, the command table, and the one place where a
// Status becomes an error message on stderr and an exit code.
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "cli/command.h"
#include "cli/row_printer.h"
#include "cli/terminal_progress.h"
#include "core/version.h"

namespace jz::cli {
namespace {

constexpr std::string_view kDescription =
    "精准 Jingzhun — 精准扶贫与防止返贫动态监测系统\n"
    "Jingzhun — targeted poverty alleviation and relapse monitoring";

constexpr std::string_view kFooter =
    "\n示例 Examples:\n"
    "  jingzhun generate --out demo/registry --persons 100000 --seed 1 --regions ../shared/data/regions\n"
    "  jingzhun regions load demo/jingzhun.db ../shared/data/regions\n"
    "  jingzhun info demo/jingzhun.db\n"
    "  jingzhun COMMAND --help\n"
    "\n退出码 Exit codes: 0 成功 ok; 1 内部错误 internal; 2 用法错误 usage; 3 输入无效 invalid input;\n"
    "  4 未找到 not found; 5 已存在 already exists; 6 前提不满足 failed precondition;\n"
    "  7 无权限 permission denied; 8 已中止 aborted; 9 暂不可用 unavailable; 10 数据丢失 data loss\n";

int Main(int argc, char** argv) {
  CLI::App app{std::string(kDescription), "jingzhun"};
  app.require_subcommand(1);
  app.footer(std::string(kFooter));
  app.set_version_flag("--version", fmt::format("jingzhun {}", kJingzhunVersion));
  std::string lang_text = "zh-Hans";
  app.add_option("--lang", lang_text, "界面语言 language: zh-Hans | zh-Hant | en")->capture_default_str();
  std::string output_path;
  app.add_option("--output", output_path,
                 "表格写入文件 write the tables to FILE: .xlsx workbook, .csv or .json (headers in --lang)");
  // Global options may also follow the command: `jingzhun stats db --output x.xlsx`.
  app.fallthrough();

  std::vector<std::unique_ptr<Command>> commands = AllCommands();
  Command* chosen = nullptr;
  for (auto& command : commands) {
    CLI::App* sub = app.add_subcommand(std::string(command->name()), std::string(command->summary()));
    sub->footer(std::string(command->help()));
    command->Setup(*sub);
    Command* raw = command.get();
    sub->parse_complete_callback([&chosen, raw] { chosen = raw; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  GlobalOptions options;
  StatusOr<Lang> lang = ParseLang(lang_text);
  if (!lang.ok()) {
    fmt::print(stderr, "jingzhun: {}\n", lang.status().message());
    return kExitUsage;
  }
  options.lang = *lang;
  if (const Status output = CheckOutputPath(output_path); !output.ok()) {
    fmt::print(stderr, "jingzhun: {}\n", Localize(options, output.message()));
    return kExitUsage;
  }
  options.output_path = output_path;
  TerminalProgress progress = TerminalProgress::Default();
  options.progress = &progress;

  const Status status = chosen->Run(options);
  if (!status.ok()) {
    fmt::print(stderr, "jingzhun {}: {}{}\n", chosen->name(),
               Localize(options, options.lang == Lang::kEn ? "error: " : "错误："),
               Localize(options, status.message()));
  }
  return ExitCodeFor(status);
}

}  // namespace
}  // namespace jz::cli

// A library exception escaping a command (std::bad_alloc, a CLI11 or fmt error not caught where
// it arose) is a defect, not a user error: it ends the process with the internal error's exit
// code and a message, never with std::terminate's core dump.
int main(int argc, char** argv) {
  try {
    return jz::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jingzhun: internal error | 内部错误: %s\n", e.what());
    return jz::ExitCodeFor(jz::InternalError(e.what()));
  }
}
