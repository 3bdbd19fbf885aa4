// `jingzhun validate DB`: the data-quality rules over the registry, village by village.
#include <fmt/format.h>

#include "app/registry/registry_validation.h"
#include "cli/commands/commands.h"
#include "cli/text_table.h"
#include "store/sqlite/sqlite_store.h"

namespace jz::cli {
namespace {

class ValidateCommand final : public Command {
 public:
  std::string_view name() const override { return "validate"; }
  std::string_view summary() const override {
    return "普查级数据质量校验（逐户逐人逐项） | census-grade data-quality checks";
  }
  std::string_view help() const override {
    return "\n按 DOMAIN §1.4/§3.8 的规则逐户逐人逐项校验：证件号码与出生日期、性别，必填项，致贫原因与成员，\n"
           "低保/特困，劳动技能，务工，收入算术与范围，与户主关系，在校生与年龄，户主，帮扶责任人等。\n"
           "Checks every household and person: ID against birth date and sex, mandatory fields by age, causes\n"
           "against members, dibao/tekun, labour skill, work, income arithmetic and ranges, relationships, school\n"
           "grade against age, heads, responsible cadres. Writes every finding to --report and the counts per\n"
           "rule at every region level (province to village) to the same name with .counts.csv.\n"
           "退出码：无错误级问题为 0，否则为 3 / exit 0 when no error-severity finding, else 3.\n\n"
           "示例 Examples:\n"
           "  jingzhun validate demo/jingzhun.db\n"
           "  jingzhun validate demo/jingzhun.db --region 222424 --report wangqing.csv\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", db_path_, "数据库文件 database file")->required();
    app.add_option("--region", region_, "校验范围 scope region code")->capture_default_str();
    app.add_option("--report", report_, "问题清单 findings report (CSV); default: DB.validation.csv");
  }
  Status Run(const GlobalOptions& global) override {
    ASSIGN_OR_RETURN(RegionCode scope, RegionCode::Parse(region_));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(db_path_, {.create_if_missing = false}));
    ASSIGN_OR_RETURN(ValidationResult r, ValidateRegistry(*store, {scope, std::nullopt}, *global.progress));
    const std::string report = report_.empty() ? db_path_ + ".validation.csv" : report_;
    const std::string counts = report + ".counts.csv";
    RETURN_IF_ERROR(WriteValidationReport(*store, r, report, counts));
    PrintRules(global, r);
    RETURN_IF_ERROR(PrintPrefectures(global, *store, r));
    PrintLine(global, Bilingual(fmt::format("校验 {} 户 {} 人：{} 户有问题，错误 {} 个，警告 {} 个", r.households, r.persons,
                                            r.households_with_findings, r.errors, r.warnings),
                                fmt::format("checked {} households, {} persons: {} households with findings, {} errors, "
                                            "{} warnings",
                                            r.households, r.persons, r.households_with_findings, r.errors, r.warnings)));
    PrintLine(global, Bilingual(fmt::format("问题清单：{}；分级统计：{}", report, counts),
                                fmt::format("findings: {}; counts by region level: {}", report, counts)));
    if (r.errors > 0) {
      return InvalidArgumentError(Bilingual(fmt::format("发现 {} 个错误级问题", r.errors),
                                            fmt::format("{} error-severity findings", r.errors)));
    }
    return OkStatus();
  }

 private:
  static void PrintRules(const GlobalOptions& g, const ValidationResult& r) {
    const bool en = g.lang == Lang::kEn;
    TextTable table({en ? "rule" : "规则", en ? "severity" : "级别", en ? "what is wrong" : "问题", en ? "count" : "数量"});
    for (const RuleInfo& rule : ValidationRules()) {
      auto it = r.counts.find(rule.id);
      if (it == r.counts.end()) continue;
      const int64_t total = it->second.begin()->second;  // the province-level entry comes first
      table.AddRow({std::string(rule.id), rule.severity == Severity::kError ? (en ? "error" : "错误") : (en ? "warning" : "警告"),
                    std::string(en ? rule.en : rule.zh), std::to_string(total)});
    }
    fmt::print("{}\n", Localize(g, table.Render()));
  }

  static Status PrintPrefectures(const GlobalOptions& g, Store& store, const ValidationResult& r) {
    const bool en = g.lang == Lang::kEn;
    TextTable table({en ? "code" : "区划代码", en ? "prefecture" : "市州", en ? "households" : "户数",
                     en ? "with findings" : "有问题户数", en ? "share" : "占比"});
    for (const auto& [code, counts] : r.by_prefecture) {
      ASSIGN_OR_RETURN(std::optional<Region> region, store.FindRegion(code));
      const double share = counts.first > 0 ? 100.0 * static_cast<double>(counts.second) / static_cast<double>(counts.first) : 0;
      table.AddRow({code.ShortString(), region ? region->name : "", std::to_string(counts.first),
                    std::to_string(counts.second), fmt::format("{:.1f}%", share)});
    }
    fmt::print("{}\n", Localize(g, table.Render()));
    return OkStatus();
  }

  std::string db_path_;
  std::string region_ = "22";
  std::string report_;
};

}  // namespace

std::unique_ptr<Command> NewValidateCommand() { return std::make_unique<ValidateCommand>(); }

}  // namespace jz::cli
