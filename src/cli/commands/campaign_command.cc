// `jingzhun campaign create|sample|record|report|simulate|list|show`: verification campaigns
// (县级自查、市州复查、省级抽查) with reproducible stratified samples. The work is in
// app/campaigns.h; this file parses options and prints.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "app/verification/campaigns.h"
#include "synth/campaign_simulation.h"
#include "cli/commands/commands.h"
#include "cli/text_table.h"
#include "io/csv_writer.h"
#include "rules/policy.h"
#include "store/sqlite/sqlite_store.h"

namespace jz::cli {
namespace {

StatusOr<int32_t> ParseBasisPoints(std::string_view option, const std::string& text) {
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(x >= 0 && x <= 1)) {
    return InvalidArgumentError(Bilingual(fmt::format("{} {} 须是 0 到 1 之间的小数", option, text),
                                          fmt::format("{} {} must be a number in [0, 1]", option, text)));
  }
  return static_cast<int32_t>(std::lround(x * 10000));
}

std::string Percent(const RateEstimate& e) { return e.defined ? fmt::format("{:.2f}%", 100 * e.rate) : "-"; }
std::string Interval(const RateEstimate& e) {
  return e.defined ? fmt::format("{:.2f}–{:.2f}%{}", 100 * e.ci_low, 100 * e.ci_high, e.zero_count_bound ? "*" : "") : "-";
}

std::string ItemName(std::string_view code, bool en) {
  const ChecklistItem* item = FindChecklistItem(code);
  if (!item) return std::string(code);
  return std::string(en ? item->name_en : item->name_zh);
}

nlohmann::json RateJson(const RateEstimate& e) {
  if (!e.defined) return nullptr;
  return {{"rate", e.rate}, {"se", e.standard_error}, {"ci_low", e.ci_low}, {"ci_high", e.ci_high},
          {"households", e.households}, {"numerator", e.numerator_units}, {"denominator", e.denominator_units},
          {"zero_count_bound", e.zero_count_bound}};
}

class CampaignCommand final : public Command {
 public:
  std::string_view name() const override { return "campaign"; }
  std::string_view summary() const override {
    return "核查活动：县级自查、市州复查、省级抽查 | verification campaigns: create, sample, record, report";
  }
  std::string_view help() const override {
    return "\n核查活动的流程：create 建立 → sample 抽样（县级自查为全部农户）→ record 录入核查结果 → report 结果。\n"
           "Steps: create → sample (a county self-check takes every household) → record findings → report.\n"
           "抽样可重现：同一设计、同一种子得到同一样本（算法见 docs/campaigns.md）。\n"
           "Samples are reproducible: the same design and seed give the same households (docs/campaigns.md).\n\n"
           "示例 Examples:\n"
           "  jingzhun campaign create demo/jingzhun.db --code WQ-2025 --name 汪清县自查 --level county \\\n"
           "      --region 222424 --policy policies/jilin-2024.toml\n"
           "  jingzhun campaign create demo/jingzhun.db --code JL-2025 --name 省级抽查 --level province \\\n"
           "      --region 22 --compare-to WQ-2025 --line 4000\n"
           "  jingzhun campaign sample demo/jingzhun.db JL-2025 --seed 20250301 --size 400 --strata county\n"
           "  jingzhun campaign record demo/jingzhun.db JL-2025 findings.csv --by 张三\n"
           "  jingzhun campaign report demo/jingzhun.db JL-2025 --level county --format json\n"
           "  jingzhun campaign simulate demo/jingzhun.db JL-2025 --out sim.csv --miss-rate 0\n"
           "  jingzhun campaign list demo/jingzhun.db\n";
  }
  void Setup(CLI::App& app) override {
    app.require_subcommand(1);
    SetupCreate(app);
    SetupSample(app);
    SetupRecord(app);
    SetupReport(app);
    SetupSimulate(app);
    list_ = app.add_subcommand("list", "列出核查活动 list campaigns");
    list_->add_option("DB", db_path_, "数据库文件 database file")->required();
    show_ = app.add_subcommand("show", "核查活动及其抽样设计 a campaign and its sample design");
    show_->add_option("DB", db_path_, "数据库文件 database file")->required();
    show_->add_option("CODE", code_, "核查活动编号 campaign code")->required();
  }

  Status Run(const GlobalOptions& g) override {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(db_path_, {.create_if_missing = false}));
    if (create_->parsed()) return RunCreate(g, *store);
    if (sample_->parsed()) return RunSample(g, *store);
    if (record_->parsed()) return RunRecord(g, *store);
    if (report_->parsed()) return RunReport(g, *store);
    if (simulate_->parsed()) return RunSimulate(g, *store);
    if (list_->parsed()) return RunList(g, *store);
    return RunShow(g, *store);
  }

 private:
  void SetupCreate(CLI::App& app) {
    create_ = app.add_subcommand("create", "建立核查活动 create a campaign");
    create_->footer("\n示例 Examples:\n"
                    "  jingzhun campaign create db --code WQ-2025 --name 汪清县自查 --level county --region 222424 --line 4000\n"
                    "  jingzhun campaign create db --code JL-2025 --name 省级抽查 --level province --region 22 \\\n"
                    "      --compare-to WQ-2025 --policy policies/jilin-2024.toml --items food,housing,water,income\n");
    create_->add_option("DB", db_path_, "数据库文件 database file")->required();
    create_->add_option("--code", code_, "编号 campaign code")->required();
    create_->add_option("--name", name_, "名称 name")->required();
    create_->add_option("--level", level_, "级别 level: county | prefecture | province")->required();
    create_->add_option("--region", region_, "范围区划代码 scope region code")->required();
    create_->add_option("--items", items_, "核查项 checklist items, comma-separated (default: all 9)");
    create_->add_option("--compare-to", compare_to_, "下一级核查活动编号 the lower level's campaign");
    create_->add_option("--policy", policy_, "政策文件（取 poverty_line） policy file (its poverty_line)");
    create_->add_option("--line", line_, "收入标准线（元） income line in yuan (instead of --policy)");
    create_->add_option("--by", by_, "操作人 created by")->capture_default_str();
  }
  void SetupSample(CLI::App& app) {
    sample_ = app.add_subcommand("sample", "抽取样本 draw the sample");
    sample_->footer("\n同一设计和种子再次运行返回已保存的样本；已录入结果后不能换种子重抽。\n"
                    "Re-running with the same design and seed returns the stored sample; once findings are\n"
                    "recorded another seed is refused. A county self-check takes every household.\n\n"
                    "示例 Examples:\n"
                    "  jingzhun campaign sample db JL-2025 --seed 20250301 --size 400\n"
                    "  jingzhun campaign sample db SP-2025 --seed 7 --fraction 0.02 --strata village --allocation equal \\\n"
                    "      --registered-share 0.5 --min-per-stratum 2 --out sample.csv\n");
    sample_->add_option("DB", db_path_, "数据库文件 database file")->required();
    sample_->add_option("CODE", code_, "核查活动编号 campaign code")->required();
    sample_->add_option("--seed", seed_, "随机种子 seed")->capture_default_str();
    sample_->add_option("--size", size_, "样本户数 sample size (households)");
    sample_->add_option("--fraction", fraction_, "抽样比例 sample fraction, e.g. 0.05");
    sample_->add_option("--strata", strata_, "分层 strata: county | township | village")->capture_default_str();
    sample_->add_option("--allocation", allocation_, "分配 allocation: proportional | equal")->capture_default_str();
    sample_->add_option("--registered-share", share_, "建档立卡户占比 registered share (or 'proportional')")
        ->capture_default_str();
    sample_->add_option("--min-per-stratum", min_per_stratum_, "每层最少 minimum per stratum")->capture_default_str();
    sample_->add_option("--by", by_, "操作人 drawn by")->capture_default_str();
    sample_->add_option("--out", out_, "样本清单 CSV the sampled households (CSV)");
  }
  void SetupRecord(CLI::App& app) {
    record_ = app.add_subcommand("record", "录入核查结果 record findings from a CSV file");
    record_->footer("\n文件列：household_no,item,answer,value,note[,person_no]；answer 为 1/符合、2/不符合、3/不适用；\n"
                    "value 为人均纯收入（元，仅 income 项）。每户一个事务：有错的户整户不录入并列出行号与字段。\n"
                    "Columns: household_no,item,answer,value,note[,person_no]; answer 1/yes, 2/no, 3/n/a; value\n"
                    "is per-capita net income in yuan (income only). One transaction per household: a household\n"
                    "with a bad row is refused whole, every row listed with file, row and field.\n\n"
                    "示例 Examples:\n"
                    "  jingzhun campaign record db WQ-2025 findings.csv --by 李四\n"
                    "  jingzhun campaign record db WQ-2025 findings.csv --report refused.csv\n");
    record_->add_option("DB", db_path_, "数据库文件 database file")->required();
    record_->add_option("CODE", code_, "核查活动编号 campaign code")->required();
    record_->add_option("FILE", file_, "核查结果 CSV findings file")->required();
    record_->add_option("--by", by_, "录入人 recorded by")->capture_default_str();
    record_->add_option("--report", out_, "未录入行清单 refused rows (CSV)");
  }
  void SetupReport(CLI::App& app) {
    report_ = app.add_subcommand("report", "核查结果：错退率、漏评率、各项准确率、与下级比对 results");
    report_->footer("\n置信区间为 95%，按抽样设计（分层比率估计，泰勒线性化，有限总体校正）；带 * 的区间为零事件上界。\n"
                    "95% CIs from the design (stratified ratio estimator, Taylor linearisation, finite population\n"
                    "correction); * marks a zero-event bound (docs/campaigns.md).\n\n"
                    "示例 Examples:\n"
                    "  jingzhun campaign report db JL-2025\n"
                    "  jingzhun campaign report db JL-2025 --level township --format csv > jl.csv\n"
                    "  jingzhun campaign report db JL-2025 --format json\n");
    report_->add_option("DB", db_path_, "数据库文件 database file")->required();
    report_->add_option("CODE", code_, "核查活动编号 campaign code")->required();
    report_->add_option("--level", report_level_, "区域级别 level: prefecture | county | township | village")
        ->capture_default_str();
    report_->add_option("--format", format_, "格式 format: table | csv | json")->capture_default_str();
  }
  void SetupSimulate(CLI::App& app) {
    simulate_ = app.add_subcommand("simulate", "模拟核查结果（仅用于演示和培训） simulate findings (demos, training)");
    simulate_->footer("\n以登记数据为真值，另按 --truth-seed 植入隐藏问题（各级相同），本级按 --miss-rate 漏查一部分。\n"
                      "The registry's facts are the truth plus hidden problems planted by --truth-seed (the same at\n"
                      "every level); this level misses --miss-rate of the true problems. For demos and training only.\n\n"
                      "示例 Examples:\n"
                      "  jingzhun campaign simulate db WQ-2025 --out county.csv --miss-rate 0.5\n"
                      "  jingzhun campaign simulate db JL-2025 --out province.csv --miss-rate 0 --seed 2\n");
    simulate_->add_option("DB", db_path_, "数据库文件 database file")->required();
    simulate_->add_option("CODE", code_, "核查活动编号 campaign code")->required();
    simulate_->add_option("--out", out_, "输出 CSV output findings file")->required();
    simulate_->add_option("--truth-seed", truth_seed_, "真值种子 truth seed")->capture_default_str();
    simulate_->add_option("--problem-rate", problem_rate_, "隐藏问题户比例 hidden problem rate")->capture_default_str();
    simulate_->add_option("--seed", seed_, "本级种子 this level's seed")->capture_default_str();
    simulate_->add_option("--miss-rate", miss_rate_, "漏查比例 share of problems missed")->capture_default_str();
  }

  StatusOr<Money> IncomeLine() const {
    if (!line_.empty()) return Money::Parse(line_);
    if (policy_.empty()) {
      return InvalidArgumentError(Bilingual("请用 --policy 或 --line 给出收入标准线",
                                            "give the income line with --policy or --line"));
    }
    ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(policy_));
    auto it = policy.parameters.find("poverty_line");
    if (it == policy.parameters.end() || it->second.type.kind != ValueKind::kMoney) {
      return InvalidArgumentError(Bilingual(fmt::format("{} 没有金额参数 poverty_line", policy_),
                                            fmt::format("{} has no money parameter poverty_line", policy_)));
    }
    return Money::FromFen(it->second.number.num / it->second.number.den);
  }

  Status RunCreate(const GlobalOptions& g, Store& store) {
    CreateCampaignRequest r;
    r.code = code_;
    r.name = name_;
    ASSIGN_OR_RETURN(r.level, ParseCampaignLevel(level_));
    ASSIGN_OR_RETURN(r.scope, RegionCode::Parse(region_));
    ASSIGN_OR_RETURN(r.items, ParseChecklist(items_));
    r.compare_to = compare_to_;
    ASSIGN_OR_RETURN(r.income_line, IncomeLine());
    r.created_by = by_;
    r.created_on = Date::Today();
    ASSIGN_OR_RETURN(Campaign c, CreateCampaign(store, r));
    PrintLine(g, Bilingual(fmt::format("已建立核查活动 {}（{}，范围 {}，{} 个核查项，收入标准线 {} 元）", c.code,
                                       CampaignLevelName(c.level, false), c.scope.ShortString(), c.items.size(),
                                       c.income_line.ToString()),
                           fmt::format("created campaign {} ({}, scope {}, {} items, income line {} yuan)", c.code,
                                       CampaignLevelName(c.level, true), c.scope.ShortString(), c.items.size(),
                                       c.income_line.ToString())));
    return OkStatus();
  }

  Status RunSample(const GlobalOptions& g, Store& store) {
    DrawRequest r;
    r.campaign = code_;
    r.design.seed = seed_;
    r.design.size = size_;
    if (size_ == 0 && !fraction_.empty()) {
      ASSIGN_OR_RETURN(r.design.fraction_bp, ParseBasisPoints("--fraction", fraction_));
    }
    if (share_ == "proportional") {
      r.design.registered_share_bp = -1;
    } else {
      ASSIGN_OR_RETURN(r.design.registered_share_bp, ParseBasisPoints("--registered-share", share_));
    }
    r.design.min_per_stratum = min_per_stratum_;
    if (allocation_ != "proportional" && allocation_ != "equal") {
      return InvalidArgumentError(Bilingual(fmt::format("--allocation {} 无效（可用 proportional、equal）", allocation_),
                                            fmt::format("invalid --allocation {} (use proportional or equal)", allocation_)));
    }
    r.design.allocation = allocation_ == "equal" ? Allocation::kEqual : Allocation::kProportional;
    if (strata_ != "township" && strata_ != "village" && strata_ != "county") {
      return InvalidArgumentError(Bilingual(fmt::format("--strata {} 无效（可用 county、township、village）", strata_),
                                            fmt::format("invalid --strata {} (use county, township or village)", strata_)));
    }
    r.strata = strata_ == "village" ? StrataKind::kVillage : strata_ == "county" ? StrataKind::kCounty : StrataKind::kTownship;
    r.drawn_by = by_;
    r.drawn_on = Date::Today();
    ASSIGN_OR_RETURN(DrawResult d, DrawCampaignSample(store, r));
    const CampaignDesign& s = d.sample.design;
    int64_t registered = 0;
    for (const CampaignUnit& u : d.sample.units) registered += u.type != HouseholdType::kOrdinaryFarm;
    PrintLine(g, Bilingual(fmt::format("{}第 {} 次抽样：抽样框 {} 户，样本 {} 户（建档立卡户 {}，一般农户 {}），{} 层，种子 {}{}",
                                       d.reused ? "沿用已保存的" : "", s.draw_no, s.frame_size, s.sample_size, registered,
                                       s.sample_size - registered, d.sample.strata.size(), s.seed, s.census ? "（全部农户）" : ""),
                           fmt::format("{}draw {}: frame {} households, sample {} ({} registered, {} not), {} cells, "
                                       "seed {}{}",
                                       d.reused ? "stored " : "", s.draw_no, s.frame_size, s.sample_size, registered,
                                       s.sample_size - registered, d.sample.strata.size(), s.seed,
                                       s.census ? " (census)" : "")));
    if (out_.empty()) return OkStatus();
    ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> csv, CsvWriter::Create(out_));
    csv->Row({"draw_order", "household_no", "village", "stratum", "household_type_code", "persons"});
    for (const CampaignUnit& u : d.sample.units) {
      csv->Row({std::to_string(u.draw_order), u.household_no, u.village.ToString(), std::to_string(u.stratum),
                std::to_string(static_cast<int>(u.type)), std::to_string(u.persons)});
    }
    return csv->Close();
  }

  Status RunRecord(const GlobalOptions& g, Store& store) {
    ASSIGN_OR_RETURN(ImportFindingsResult r, ImportFindings(store, code_, file_, by_, Date::Today()));
    PrintLine(g, Bilingual(fmt::format("{} 行：已录入 {} 户（{} 行），未录入 {} 户（{} 行）", r.rows, r.households_stored,
                                       r.rows_stored, r.households_refused, r.refused.size()),
                           fmt::format("{} rows: {} households stored ({} rows), {} households refused ({} rows)", r.rows,
                                       r.households_stored, r.rows_stored, r.households_refused, r.refused.size())));
    const size_t shown = std::min<size_t>(r.refused.size(), 20);
    for (size_t i = 0; i < shown; ++i) {
      const FindingRowError& e = r.refused[i];
      PrintLine(g, fmt::format("  {}: 第 {} 行 {}: {} | {}: row {} {}: {}", e.file, e.row, e.field, MessageHalf(e.message, false),
                               e.file, e.row, e.field, MessageHalf(e.message, true)));
    }
    if (!out_.empty()) {
      ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> csv, CsvWriter::Create(out_));
      csv->Row({"file", "row", "field", "message"});
      for (const FindingRowError& e : r.refused) csv->Row({e.file, std::to_string(e.row), e.field, Localize(g, e.message)});
      RETURN_IF_ERROR(csv->Close());
    }
    if (r.households_refused > 0) {
      return InvalidArgumentError(Bilingual(fmt::format("{} 户未录入", r.households_refused),
                                            fmt::format("{} households were refused", r.households_refused)));
    }
    return OkStatus();
  }

  Status RunSimulate(const GlobalOptions& g, Store& store) {
    SimulationOptions o{out_, truth_seed_, problem_rate_, seed_, miss_rate_};
    ASSIGN_OR_RETURN(int64_t n, SimulateFindings(store, code_, o));
    PrintLine(g, Bilingual(fmt::format("已为 {} 户写出模拟核查结果到 {}（仅供演示和培训）", n, out_),
                           fmt::format("wrote simulated findings of {} households to {} (demos and training only)", n, out_)));
    return OkStatus();
  }

  Status RunReport(const GlobalOptions& g, Store& store) {
    ASSIGN_OR_RETURN(RegionLevel level, ParseLevelOption(report_level_, /*allow_province=*/true));
    ASSIGN_OR_RETURN(CampaignReport report, BuildCampaignReport(store, code_, level));
    if (format_ == "table") return PrintTable(g, report);
    if (format_ == "csv") return PrintCsv(report);
    if (format_ == "json") return PrintJson(report);
    return BadFormatError(format_);
  }

  static Status PrintTable(const GlobalOptions& g, const CampaignReport& r) {
    const bool en = g.lang == Lang::kEn;
    const bool lower = r.lower.has_value();
    PrintLine(g, Bilingual(fmt::format("{} {}（{}），范围 {}；{}", r.campaign.code, r.campaign.name,
                                       CampaignLevelName(r.campaign.level, false), r.campaign.scope.ShortString(),
                                       r.design.census ? "全部农户" : fmt::format("分层抽样，种子 {}，样本 {} / {} 户", r.design.seed,
                                                                                  r.design.sample_size, r.design.frame_size)),
                           fmt::format("{} {} ({}), scope {}; {}", r.campaign.code, r.campaign.name,
                                       CampaignLevelName(r.campaign.level, true), r.campaign.scope.ShortString(),
                                       r.design.census ? "census" : fmt::format("stratified sample, seed {}, {} of {} households",
                                                                                r.design.seed, r.design.sample_size,
                                                                                r.design.frame_size))));
    std::vector<std::string> header = {en ? "code" : "区划代码", en ? "region" : "名称", en ? "sampled" : "样本户",
                                       en ? "recorded" : "已录入", en ? "wrongly exited" : "错退率", "95% CI",
                                       en ? "missed" : "漏评率", "95% CI"};
    if (lower) {
      header.push_back(en ? "lower: wrongly exited" : "下级错退率");
      header.push_back(en ? "lower: missed" : "下级漏评率");
    }
    TextTable table(header);
    auto add = [&](const RegionResult& x) {
      std::vector<std::string> row = {x.code.ShortString(), x.name, std::to_string(x.sampled), std::to_string(x.recorded),
                                      Percent(x.wrong_exit), Interval(x.wrong_exit), Percent(x.missed), Interval(x.missed)};
      if (lower) {
        row.push_back(x.lower_wrong_exit ? Percent(*x.lower_wrong_exit) : "-");
        row.push_back(x.lower_missed ? Percent(*x.lower_missed) : "-");
      }
      table.AddRow(std::move(row));
    };
    for (const RegionResult& x : r.regions) add(x);
    add(r.total);
    fmt::print("{}\n", table.Render());
    std::vector<std::string> item_header = {en ? "item" : "核查项", en ? "name" : "名称", en ? "accuracy" : "准确率", "95% CI",
                                            en ? "problems" : "问题户"};
    if (lower) {
      item_header.push_back(en ? "compared" : "比对户");
      item_header.push_back(en ? "disagree" : "不一致户");
      item_header.push_back(en ? "disagreement" : "不一致率");
    }
    TextTable items(item_header);
    for (const ItemResult& i : r.total.items) {
      std::vector<std::string> row = {i.item, ItemName(i.item, en), Percent(i.accuracy), Interval(i.accuracy),
                                      std::to_string(i.problems)};
      if (lower) {
        row.push_back(std::to_string(i.compared));
        row.push_back(std::to_string(i.discrepancies));
        row.push_back(Percent(i.discrepancy_rate));
      }
      items.AddRow(std::move(row));
    }
    fmt::print("{}", items.Render());
    return OkStatus();
  }

  // Long format: one line per region and metric (错退率, 漏评率, each item's accuracy and
  // disagreement), easy to pivot.
  static Status PrintCsv(const CampaignReport& r) {
    std::string out;
    auto csv = CsvWriter::ToString(&out);
    csv->Row({"campaign", "region_code", "region_name", "metric", "item", "estimate", "ci_low", "ci_high", "se",
              "households", "numerator", "denominator", "sampled", "recorded"});
    auto line = [&](const RegionResult& x, std::string_view metric, std::string_view item, const RateEstimate& e) {
      csv->Row({r.campaign.code, x.code.ShortString(), x.name, metric, item, e.defined ? fmt::format("{:.6f}", e.rate) : "",
                e.defined ? fmt::format("{:.6f}", e.ci_low) : "", e.defined ? fmt::format("{:.6f}", e.ci_high) : "",
                e.defined ? fmt::format("{:.6f}", e.standard_error) : "", std::to_string(e.households),
                fmt::format("{}", e.numerator_units), fmt::format("{}", e.denominator_units), std::to_string(x.sampled),
                std::to_string(x.recorded)});
    };
    auto region = [&](const RegionResult& x) {
      line(x, "wrongly_exited_rate", "", x.wrong_exit);
      line(x, "missed_rate", "", x.missed);
      if (x.lower_wrong_exit) line(x, "lower_wrongly_exited_rate", "", *x.lower_wrong_exit);
      if (x.lower_missed) line(x, "lower_missed_rate", "", *x.lower_missed);
      for (const ItemResult& i : x.items) {
        line(x, "item_accuracy", i.item, i.accuracy);
        if (r.lower) line(x, "item_disagreement", i.item, i.discrepancy_rate);
      }
    };
    for (const RegionResult& x : r.regions) region(x);
    region(r.total);
    RETURN_IF_ERROR(csv->Close());
    fmt::print("{}", out);
    return OkStatus();
  }

  static Status PrintJson(const CampaignReport& r) {
    auto region = [&](const RegionResult& x) {
      nlohmann::json j = {{"code", x.code.ShortString()}, {"name", x.name}, {"frame_households", x.frame_households},
                          {"sampled", x.sampled}, {"recorded", x.recorded}, {"wrongly_exited_rate", RateJson(x.wrong_exit)},
                          {"missed_rate", RateJson(x.missed)}};
      if (x.lower_wrong_exit) j["lower_wrongly_exited_rate"] = RateJson(*x.lower_wrong_exit);
      if (x.lower_missed) j["lower_missed_rate"] = RateJson(*x.lower_missed);
      j["items"] = nlohmann::json::array();
      for (const ItemResult& i : x.items) {
        j["items"].push_back({{"item", i.item}, {"accuracy", RateJson(i.accuracy)}, {"problems", i.problems},
                              {"compared", i.compared}, {"discrepancies", i.discrepancies},
                              {"disagreement", RateJson(i.discrepancy_rate)}});
      }
      return j;
    };
    const CampaignDesign& d = r.design;
    nlohmann::json out = {{"campaign", r.campaign.code}, {"name", r.campaign.name},
                          {"level", std::string(CampaignLevelName(r.campaign.level, true))},
                          {"compare_to", r.lower ? nlohmann::json(r.lower->code) : nlohmann::json(nullptr)},
                          {"design", {{"census", d.census}, {"seed", d.seed}, {"frame_size", d.frame_size},
                                      {"sample_size", d.sample_size}, {"draw", d.draw_no},
                                      {"strata", std::string(StrataKindName(d.strata))},
                                      {"allocation", d.allocation == 2 ? "equal" : "proportional"},
                                      {"registered_share", d.registered_share_bp / 10000.0}}},
                          {"total", region(r.total)}};
    out["regions"] = nlohmann::json::array();
    for (const RegionResult& x : r.regions) out["regions"].push_back(region(x));
    fmt::print("{}\n", out.dump(2));
    return OkStatus();
  }

  Status RunList(const GlobalOptions& g, Store& store) {
    ASSIGN_OR_RETURN(std::vector<Campaign> all, store.campaigns().ListCampaigns());
    const bool en = g.lang == Lang::kEn;
    TextTable table({en ? "code" : "编号", en ? "name" : "名称", en ? "level" : "级别", en ? "scope" : "范围",
                     en ? "sample" : "样本户", en ? "recorded" : "已录入"});
    for (const Campaign& c : all) {
      ASSIGN_OR_RETURN(std::optional<StoredSample> s, store.campaigns().LoadSample(c.id));
      ASSIGN_OR_RETURN(int64_t recorded, store.campaigns().CountRecordedHouseholds(c.id));
      table.AddRow({c.code, c.name, std::string(CampaignLevelName(c.level, en)), c.scope.ShortString(),
                    s ? std::to_string(s->design.sample_size) : "-", std::to_string(recorded)});
    }
    fmt::print("{}", table.Render());
    return OkStatus();
  }

  Status RunShow(const GlobalOptions& g, Store& store) {
    ASSIGN_OR_RETURN(std::optional<Campaign> c, store.campaigns().FindCampaign(code_));
    if (!c) return NotFoundError(Bilingual(fmt::format("核查活动 {} 不存在", code_), fmt::format("no campaign {}", code_)));
    ASSIGN_OR_RETURN(std::optional<StoredSample> s, store.campaigns().LoadSample(c->id));
    std::string items;
    for (const std::string& i : c->items) items += (items.empty() ? "" : ",") + i;
    PrintLine(g, Bilingual(fmt::format("{} {}：{}，范围 {}，核查项 {}，收入标准线 {} 元，{} 于 {} 建立", c->code, c->name,
                                       CampaignLevelName(c->level, false), c->scope.ShortString(), items,
                                       c->income_line.ToString(), c->created_by, c->created_on.ToString()),
                           fmt::format("{} {}: {}, scope {}, items {}, income line {} yuan, created by {} on {}", c->code,
                                       c->name, CampaignLevelName(c->level, true), c->scope.ShortString(), items,
                                       c->income_line.ToString(), c->created_by, c->created_on.ToString())));
    if (!s) return OkStatus();
    const CampaignDesign& d = s->design;
    PrintLine(g, fmt::format("draw {}: census={} seed={} frame={} sample={} strata={} allocation={} registered_share={} "
                             "min_per_stratum={} cells={} drawn_by={} drawn_on={}",
                             d.draw_no, d.census, d.seed, d.frame_size, d.sample_size,
                             StrataKindName(d.strata),
                             d.allocation == 2 ? "equal" : "proportional", d.registered_share_bp / 10000.0,
                             d.min_per_stratum, s->strata.size(), d.drawn_by, d.drawn_on.ToString()));
    return OkStatus();
  }

  CLI::App *create_ = nullptr, *sample_ = nullptr, *record_ = nullptr, *report_ = nullptr, *simulate_ = nullptr,
           *list_ = nullptr, *show_ = nullptr;
  std::string db_path_, code_, name_, level_, region_, items_, compare_to_, policy_, line_, file_, out_, fraction_;
  std::string by_ = "jingzhun";
  uint64_t seed_ = 1;
  uint64_t truth_seed_ = 2024;
  int64_t size_ = 0;
  std::string strata_ = "township";
  std::string allocation_ = "proportional";
  std::string share_ = "0.5";
  int32_t min_per_stratum_ = 2;
  std::string report_level_ = "county";
  std::string format_ = "table";
  double problem_rate_ = 0.05;
  double miss_rate_ = 0;
};

}  // namespace

std::unique_ptr<Command> NewCampaignCommand() { return std::make_unique<CampaignCommand>(); }

}  // namespace jz::cli
