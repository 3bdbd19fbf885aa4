// The command table and language-aware printing shared by the commands.
#include "cli/command.h"

#include <fmt/format.h>

#include "cli/commands/commands.h"

namespace jz::cli {

std::vector<std::unique_ptr<Command>> AllCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(NewGenerateCommand());
  commands.push_back(NewRegionsCommand());
  commands.push_back(NewImportCommand());
  commands.push_back(NewValidateCommand());
  commands.push_back(NewStatsCommand());
  commands.push_back(NewPolicyCommand());
  commands.push_back(NewScreenCommand());
  commands.push_back(NewWhatIfCommand());
  commands.push_back(NewCasesCommand());
  commands.push_back(NewRectifyCommand());
  commands.push_back(NewCampaignCommand());
  commands.push_back(NewAuditCommand());
  commands.push_back(NewUsersCommand());
  commands.push_back(NewInfoCommand());
  commands.push_back(NewServeCommand());
  return commands;
}

std::string Localize(const GlobalOptions& options, std::string_view text) {
  switch (options.lang) {
    case Lang::kEn:
      return MessageHalf(text, true);
    case Lang::kZhHant:
      return ToTraditional(MessageHalf(text, false));
    case Lang::kZhHans:
      return MessageHalf(text, false);
  }
  return std::string(text);
}

void PrintLine(const GlobalOptions& options, std::string_view text) {
  fmt::print("{}\n", Localize(options, text));
}

StatusOr<RegionLevel> ParseLevelOption(std::string_view text, bool allow_province) {
  if (allow_province && text == "province") return RegionLevel::kProvince;
  if (text == "prefecture") return RegionLevel::kPrefecture;
  if (text == "county") return RegionLevel::kCounty;
  if (text == "township") return RegionLevel::kTownship;
  if (text == "village") return RegionLevel::kVillage;
  const std::string_view zh = allow_province ? "province、prefecture、county、township、village"
                                             : "prefecture、county、township、village";
  const std::string_view en = allow_province ? "province, prefecture, county, township or village"
                                             : "prefecture, county, township or village";
  return InvalidArgumentError(Bilingual(fmt::format("--level {} 无效（可用 {}）", text, zh),
                                        fmt::format("invalid --level {} (use {})", text, en)));
}

Status BadFormatError(std::string_view format) {
  return InvalidArgumentError(Bilingual("--format {} 无效（可用 table、csv、json）",
                                        "invalid --format {} (use table, csv or json)", format));
}

}  // namespace jz::cli
