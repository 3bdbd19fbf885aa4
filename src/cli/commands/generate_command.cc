// `jingzhun generate`: write a synthetic registry export (and its planted-problem truth).
#include <fmt/format.h>

#include "app/registry_generator.h"
#include "cli/commands/commands.h"

namespace jz::cli {
namespace {

class GenerateCommand final : public Command {
 public:
  std::string_view name() const override { return "generate"; }
  std::string_view summary() const override {
    return "生成模拟的吉林省建档立卡登记数据 | write a synthetic Jilin registry export";
  }
  std::string_view help() const override {
    return "\n写出 DIR/registry.csv（每人一行，国家系统导出列）和 DIR/planted-problems.csv（植入问题清单）。\n"
           "Writes DIR/registry.csv (one row per person, national export columns) and\n"
           "DIR/planted-problems.csv (the ground truth of planted data-quality problems).\n"
           "同一种子生成完全相同的字节 / the same seed gives the same bytes.\n\n"
           "示例 Examples:\n"
           "  jingzhun generate --out demo/registry --persons 100000 --seed 1 --regions ../shared/data/regions\n"
           "  jingzhun generate --out /tmp/gbk --persons 5000 --encoding gb18030 --error-rate 0.05\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("--out", options_.out_dir, "输出目录 output directory")->required();
    app.add_option("--persons", options_.persons, "人数 number of persons")->capture_default_str();
    app.add_option("--seed", options_.seed, "随机种子 random seed")->capture_default_str();
    app.add_option("--regions", options_.regions_dir,
                   "区划目录（省略则用模拟区划）region directory (synthetic tree if omitted)");
    app.add_option("--region-edition", options_.region_edition, "区划版本 region edition: 2023 | 2016")
        ->capture_default_str();
    app.add_option("--encoding", encoding_, "文件编码 encoding: utf-8 | gb18030")->capture_default_str();
    app.add_option("--error-rate", options_.error_rate,
                   "植入问题的户比例 share of households with a planted problem (0-1)")
        ->capture_default_str();
    app.add_option("--year", options_.data_year, "数据年度 data year")->capture_default_str();
  }
  Status Run(const GlobalOptions& global) override {
    ASSIGN_OR_RETURN(options_.encoding, ParseTextEncoding(encoding_));
    ASSIGN_OR_RETURN(GeneratorSummary s, GenerateRegistry(options_, *global.progress));
    PrintLine(global, Bilingual(fmt::format("已生成 {} 人、{} 户，分布在 {} 个行政村；植入问题 {} 个", s.persons,
                                            s.households, s.villages, s.planted),
                                fmt::format("generated {} persons in {} households over {} villages; {} planted "
                                            "problems",
                                            s.persons, s.households, s.villages, s.planted)));
    PrintLine(global, Bilingual(fmt::format("登记数据：{}（{:.1f} MB）", s.registry_path, static_cast<double>(s.bytes) / 1e6),
                                fmt::format("registry: {} ({:.1f} MB)", s.registry_path, static_cast<double>(s.bytes) / 1e6)));
    PrintLine(global, Bilingual(fmt::format("植入问题清单：{}", s.truth_path),
                                fmt::format("planted problems: {}", s.truth_path)));
    return OkStatus();
  }

 private:
  GeneratorOptions options_;
  std::string encoding_ = "utf-8";
};

}  // namespace

std::unique_ptr<Command> NewGenerateCommand() { return std::make_unique<GenerateCommand>(); }

}  // namespace jz::cli
