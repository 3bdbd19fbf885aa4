// `jingzhun generate`: write a synthetic registry export (and its planted-problem truth),
// and with --feeds the departmental feeds of a policy and the warnings they should raise.
#include <fmt/format.h>

#include "cli/commands/commands.h"
#include "synth/feed_generator.h"
#include "synth/registry_generator.h"

namespace jz::cli {
namespace {

class GenerateCommand final : public Command {
 public:
  std::string_view name() const override { return "generate"; }
  std::string_view summary() const override {
    return "生成模拟的吉林省建档立卡登记数据 | write a synthetic Jilin registry export";
  }
  std::string_view help() const override {
    return "\n写出 DIR/registry.csv（每人一行，国家系统导出列）和 "
           "DIR/planted-problems.csv（植入问题清单）。\n"
           "Writes DIR/registry.csv (one row per person, national export columns) and\n"
           "DIR/planted-problems.csv (the ground truth of planted data-quality problems).\n"
           "同一种子生成完全相同的字节 / the same seed gives the same bytes.\n\n"
           "加 --feeds 时还写出政策声明的各部门数据 DIR/feeds/<数据源>.csv（格式见 docs/feeds.md）、\n"
           "DIR/feeds/outside-ids.csv（不在登记中的证件号码）和 DIR/feeds/warnings-truth.csv\n"
           "（参考求值器对每户得出的预警与负面清单命中，rule_id,household_no,person_no）。\n"
           "With --feeds, also writes the policy's departmental feeds DIR/feeds/<feed>.csv (format in\n"
           "docs/feeds.md), DIR/feeds/outside-ids.csv (IDs not in the registry) and\n"
           "DIR/feeds/warnings-truth.csv (every warning / exclusion hit of the reference evaluator,\n"
           "as of 31 December of --year). --policy defaults to policies/jilin-2024.toml.\n\n"
           "示例 Examples:\n"
           "  jingzhun generate --out demo/registry --persons 100000 --seed 1 --regions "
           "../shared/data/regions\n"
           "  jingzhun generate --out /tmp/gbk --persons 5000 --encoding gb18030 --error-rate 0.05\n"
           "  jingzhun generate --out demo/registry --persons 100000 --regions ../shared/data/regions "
           "--feeds\n"
           "      --policy policies/jilin-2024.toml\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("--out", options_.out_dir, "输出目录 output directory")->required();
    app.add_option("--persons", options_.persons, "人数 number of persons (1 to 200,000,000)")
        ->capture_default_str();
    app.add_option("--seed", options_.seed, "随机种子 random seed")->capture_default_str();
    app.add_option("--regions", options_.regions_dir,
                   "区划目录（省略则用模拟区划）region directory (synthetic tree if omitted)");
    app.add_option("--region-edition", options_.region_edition, "区划版本 region edition: 2023 | 2016")
        ->capture_default_str();
    app.add_option("--encoding", encoding_, "文件编码 encoding: utf-8 | gb18030")->capture_default_str();
    app.add_option("--error-rate", options_.error_rate,
                   "植入问题的户比例 share of households with a planted problem (0 to 0.5)")
        ->capture_default_str();
    app.add_option("--year", options_.data_year, "数据年度 data year (2014 to next year)")
        ->capture_default_str();
    app.add_flag("--feeds", feeds_,
                 "同时生成部门数据与预警真值 also write departmental feeds and warnings truth");
    app.add_option("--policy", policy_path_, "政策文件（用于 --feeds）policy file (for --feeds)")
        ->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    ASSIGN_OR_RETURN(options_.encoding, ParseTextEncoding(encoding_));
    GeneratorSummary s;
    FeedSummary feeds;
    if (feeds_) {
      ASSIGN_OR_RETURN(feeds, GenerateFeeds({options_, policy_path_, {}}, *global.progress));
      s = feeds.registry;
    } else {
      ASSIGN_OR_RETURN(s, GenerateRegistry(options_, *global.progress));
    }
    const double megabytes = static_cast<double>(s.bytes) / 1e6;
    PrintLine(global, Bilingual("已生成 {} 人、{} 户，分布在 {} 个行政村；植入问题 {} 个",
                                "generated {} persons in {} households over {} villages; {} planted problems",
                                s.persons, s.households, s.villages, s.planted));
    PrintLine(global,
              Bilingual("登记数据：{}（{:.1f} MB）", "registry: {} ({:.1f} MB)", s.registry_path, megabytes));
    PrintLine(global, Bilingual("植入问题清单：{}", "planted problems: {}", s.truth_path));
    if (feeds_) PrintFeeds(global, feeds);
    return OkStatus();
  }

 private:
  static void PrintFeeds(const GlobalOptions& global, const FeedSummary& f) {
    for (const FeedFileSummary& feed : f.feeds) {
      PrintLine(global, Bilingual("部门数据 {}：{} 行（其中登记外 {} 行），{:.1f} MB",
                                  "feed {}: {} rows ({} outside the registry), {:.1f} MB", feed.feed,
                                  feed.rows, feed.outside_rows, static_cast<double>(feed.bytes) / 1e6));
    }
    PrintLine(global, Bilingual("预警真值：{}（{} 条命中）", "warnings truth: {} ({} hits)", f.truth_path,
                                f.truth_rows));
  }

  GeneratorOptions options_;
  bool feeds_ = false;
  std::string policy_path_ = "policies/jilin-2024.toml";
  std::string encoding_ = "utf-8";
};

}  // namespace

std::unique_ptr<Command> NewGenerateCommand() { return std::make_unique<GenerateCommand>(); }

}  // namespace jz::cli
