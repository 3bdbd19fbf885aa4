// `jingzhun campaign create|sample|record|report|simulate|list|show`: verification campaigns
// (县级自查、市州复查、省级抽查) with reproducible stratified samples. Each subcommand parses its
// options into one request of app/verification/campaign_requests.h (simulate: synth/), calls
// it and prints the result; tables, CSV and JSON go through cli/row_printer.h.
#include <fmt/format.h>

#include <cstdlib>

#include "app/verification/campaign_requests.h"
#include "app/workspace.h"
#include "cli/commands/campaign_report_tables.h"
#include "cli/commands/commands.h"
#include "cli/group_command.h"
#include "cli/row_printer.h"
#include "io/report_table.h"
#include "synth/campaign_simulation.h"

namespace jz::cli {
namespace {

constexpr std::string_view kHelp =
    "\n核查活动的流程：create 建立 → sample 抽样（县级自查为全部农户）→ record 录入核查结果 → report 结果。\n"
    "Steps: create → sample (a county self-check takes every household) → record findings → report.\n"
    "抽样可重现：同一设计、同一种子得到同一样本（算法见 docs/campaigns.md）。\n"
    "Samples are reproducible: the same design and seed give the same households (docs/campaigns.md).\n"
    "未给 --region 时范围为数据库中已加载的省；未给 --date 时为今天，晚于今天的日期不予记录。\n"
    "Without --region the scope is the loaded province; without --date a step happens today; a date\n"
    "after today is refused.\n\n"
    "示例 Examples:\n"
    "  jingzhun campaign create demo/jingzhun.db --code WQ-2025 --name 汪清县自查 --level county \\\n"
    "      --region 222424 --policy policies/jilin-2024.toml\n"
    "  jingzhun campaign create demo/jingzhun.db --code JL-2025 --name 省级抽查 --level province \\\n"
    "      --compare-to WQ-2025 --line 4000\n"
    "  jingzhun campaign sample demo/jingzhun.db JL-2025 --seed 20250301 --size 400 --strata county\n"
    "  jingzhun campaign record demo/jingzhun.db JL-2025 findings.csv --by 张三\n"
    "  jingzhun campaign report demo/jingzhun.db JL-2025 --level county --format json\n"
    "  jingzhun campaign simulate demo/jingzhun.db JL-2025 --out sim.csv --miss-rate 0\n"
    "  jingzhun campaign list demo/jingzhun.db\n";

// The strict number of a share option ("0.05"); InvalidArgument naming the option otherwise.
StatusOr<double> ParseShare(std::string_view option, const std::string& text) {
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0') {
    return InvalidArgumentError(
        Bilingual("{} {} 须是 0 到 1 之间的小数", "{} {} must be a number in [0, 1]", option, text));
  }
  return x;
}

StatusOr<std::optional<Date>> OptionalDate(const std::string& text) {
  if (text.empty()) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date date, Date::Parse(text));
  return std::optional<Date>(date);
}

// A campaign's sample size; "-" for people (and empty for programs) when none is drawn yet.
ReportCell SampleCell(const std::optional<int64_t>& size, OutputFormat format) {
  if (size) return *size;
  return format == OutputFormat::kTable ? ReportCell(std::string("-")) : ReportCell();
}

class CampaignCommand final : public GroupCommand {
 public:
  std::string_view name() const override { return "campaign"; }
  std::string_view summary() const override {
    return "核查活动：县级自查、市州复查、省级抽查 | verification campaigns: create, sample, record, report";
  }
  std::string_view help() const override { return kHelp; }

  void Setup(CLI::App& app) override {
    SetupCreate(app);
    SetupSample(app);
    SetupRecord(app);
    SetupReport(app);
    SetupSimulate(app);
    CLI::App* list = Sub(app, "list", "列出核查活动 list campaigns", &CampaignCommand::RunList);
    list->add_option("--format", format_, "格式 format: table | csv | json")->capture_default_str();
    CLI::App* show =
        Sub(app, "show", "核查活动及其抽样设计 a campaign and its sample design", &CampaignCommand::RunShow);
    show->add_option("CODE", code_, "核查活动编号 campaign code")->required();
  }

 private:
  using Runner = Status (CampaignCommand::*)(const GlobalOptions&);

  CLI::App* Sub(CLI::App& app, const std::string& verb, const std::string& text, Runner run) {
    CLI::App* sub =
        AddSubcommand(app, verb, text, [this, run](const GlobalOptions& g) { return (this->*run)(g); });
    sub->add_option("DB", db_path_, "数据库文件 database file")->required();
    return sub;
  }

  void SetupCreate(CLI::App& app) {
    CLI::App* create = Sub(app, "create", "建立核查活动 create a campaign", &CampaignCommand::RunCreate);
    create->footer(
        "\n示例 Examples:\n"
        "  jingzhun campaign create db --code WQ-2025 --name 汪清县自查 --level county --region 222424 "
        "--line 4000\n"
        "  jingzhun campaign create db --code JL-2025 --name 省级抽查 --level province --region 22 \\\n"
        "      --compare-to WQ-2025 --policy policies/jilin-2024.toml --items food,housing,water,income\n");
    create->add_option("--code", code_, "编号 campaign code")->required();
    create->add_option("--name", name_, "名称 name")->required();
    create->add_option("--level", level_, "级别 level: county | prefecture | province")->required();
    create->add_option("--region", region_,
                       "范围区划代码（默认本省） scope region code (default: the province)");
    create->add_option("--items", items_, "核查项 checklist items, comma-separated (default: all 9)");
    create->add_option("--compare-to", compare_to_, "下一级核查活动编号 the lower level's campaign");
    create->add_option("--policy", policy_, "政策文件（取 poverty_line） policy file (its poverty_line)");
    create->add_option("--line", line_, "收入标准线（元） income line in yuan (instead of --policy)");
    create->add_option("--by", by_, "操作人 created by")->capture_default_str();
    create->add_option("--date", date_, "建立日期（默认今天） date created (default today)");
  }
  void SetupSample(CLI::App& app) {
    CLI::App* sample = Sub(app, "sample", "抽取样本 draw the sample", &CampaignCommand::RunSample);
    sample->footer(
        "\n同一设计和种子再次运行返回已保存的样本；已录入结果后不能换种子重抽。\n"
        "Re-running with the same design and seed returns the stored sample; once findings are\n"
        "recorded another seed is refused. A county self-check takes every household.\n\n"
        "示例 Examples:\n"
        "  jingzhun campaign sample db JL-2025 --seed 20250301 --size 400\n"
        "  jingzhun campaign sample db SP-2025 --seed 7 --fraction 0.02 --strata village --allocation equal "
        "\\\n"
        "      --registered-share 0.5 --min-per-stratum 2 --out sample.csv\n");
    sample->add_option("CODE", code_, "核查活动编号 campaign code")->required();
    sample->add_option("--seed", seed_, "随机种子 seed (0 .. 2^53-1)")->capture_default_str();
    sample->add_option("--size", size_, "样本户数 sample size (households, at most 1000000)");
    sample->add_option("--fraction", fraction_, "抽样比例 sample fraction in (0, 1], e.g. 0.05");
    sample->add_option("--strata", strata_, "分层 strata: county | township | village")
        ->capture_default_str();
    sample->add_option("--allocation", allocation_, "分配 allocation: proportional | equal")
        ->capture_default_str();
    sample->add_option("--registered-share", share_, "建档立卡户占比 registered share (or 'proportional')")
        ->capture_default_str();
    sample->add_option("--min-per-stratum", min_per_stratum_, "每层最少 minimum per stratum (1 .. 1000)")
        ->capture_default_str();
    sample->add_option("--by", by_, "操作人 drawn by")->capture_default_str();
    sample->add_option("--date", date_, "抽样日期（默认今天） date drawn (default today)");
    sample->add_option(
        "--out", out_,
        "样本清单（.csv 或 .xlsx，表头随 --lang；加上 核查项、结果 列即可用 record 录入） the sampled "
        "households (.csv or .xlsx, headers in --lang; add item and answer columns and record it)");
  }
  void SetupRecord(CLI::App& app) {
    CLI::App* record =
        Sub(app, "record", "录入核查结果 record findings from a CSV file", &CampaignCommand::RunRecord);
    record->footer(
        "\n文件（CSV、.xlsx 或 .xls）列：household_no,item,answer,value,note[,person_no]（或 "
        "户编号、核查项、结果、\n"
        "数值、备注、人编号，任一语言；其他列如样本清单的列不读）；answer 为 1/符合、2/不符合、3/不适用；\n"
        "value 为人均纯收入（元，仅 income 项）。每户一个事务：有错的户整户不录入并列出行号与字段。\n"
        "File (CSV, .xlsx or .xls) columns: household_no,item,answer,value,note[,person_no] (or their\n"
        "headers in any language; other columns, such as a sample list's, are not read); answer 1/yes,\n"
        "2/no, 3/n/a; value\n"
        "is per-capita net income in yuan (income only). One transaction per household: a household\n"
        "with a bad row is refused whole, every row listed with file, row and field.\n\n"
        "示例 Examples:\n"
        "  jingzhun campaign record db WQ-2025 findings.csv --by 李四\n"
        "  jingzhun campaign record db WQ-2025 findings.csv --report refused.csv\n"
        "  jingzhun --lang en campaign record db JL-2025 sample-filled.xlsx --report refused.xlsx\n");
    record->add_option("CODE", code_, "核查活动编号 campaign code")->required();
    record->add_option("FILE", file_, "核查结果 CSV findings file")->required();
    record->add_option("--by", by_, "录入人 recorded by")->capture_default_str();
    record->add_option("--date", date_, "录入日期（默认今天） date recorded (default today)");
    record->add_option("--report", out_,
                       "未录入行清单（.csv 或 .xlsx，表头随 --lang） refused rows (.csv or .xlsx)");
  }
  void SetupReport(CLI::App& app) {
    CLI::App* report = Sub(app, "report", "核查结果：错退率、漏评率、各项准确率、与下级比对 results",
                           &CampaignCommand::RunReport);
    report->footer(
        "\n95% 置信区间按抽样设计（分层组合比率估计，泰勒线性化，有限总体校正）；--interval "
        "logit（默认，logit\n"
        "尺度上的 t 区间）或 korn-graubard（有效样本量上的精确区间，覆盖率有保证）；df 为自由度；* "
        "为零事件上界；\n"
        "† 为所依据的已录入户偏少。与下级比对只在两级均核查的户上、按本级设计加权（docs/campaigns.md）。\n"
        "95% CIs from the design (stratified combined ratio estimator, Taylor linearisation, finite\n"
        "population correction); --interval logit (default: Student's t on the logit scale) or\n"
        "korn-graubard (exact on the effective sample size, guaranteed coverage); df: degrees of freedom;\n"
        "* zero-event bound; † rests on few recorded households. The comparison with the lower level covers\n"
        "only the households both levels checked, weighted by this level's design (docs/campaigns.md).\n"
        "csv 为长表：每核查活动、区划、指标一行；json 另含抽样设计。csv gives the long table, one row per\n"
        "campaign, region and metric; json gives the design and that table.\n\n"
        "示例 Examples:\n"
        "  jingzhun campaign report db JL-2025\n"
        "  jingzhun campaign report db JL-2025 --level township --format csv > jl.csv\n"
        "  jingzhun campaign report db JL-2025 --interval korn-graubard --disagreements diff.xlsx\n"
        "  jingzhun campaign report db JL-2025 --format json\n");
    report->add_option("CODE", code_, "核查活动编号 campaign code")->required();
    report->add_option("--level", report_level_, "区域级别 level: prefecture | county | township | village")
        ->capture_default_str();
    report->add_option("--format", format_, "格式 format: table | csv | json")->capture_default_str();
    report->add_option("--interval", interval_, "区间方法 interval: logit | korn-graubard")
        ->capture_default_str();
    report->add_option(
        "--disagreements", disagreements_,
        "两级结果不一致的逐户逐项清单（.csv 或 .xlsx，表头随 --lang） the items the two levels "
        "answered differently, household by household (.csv or .xlsx, headers in --lang)");
  }
  void SetupSimulate(CLI::App& app) {
    CLI::App* simulate =
        Sub(app, "simulate", "模拟核查结果（仅用于演示和培训） simulate findings (demos, training)",
            &CampaignCommand::RunSimulate);
    simulate->footer(
        "\n以登记数据为真值，另按 --truth-seed 植入隐藏问题（各级相同），本级按 --miss-rate 漏查一部分。\n"
        "The registry's facts are the truth plus hidden problems planted by --truth-seed (the same at\n"
        "every level); this level misses --miss-rate of the true problems. For demos and training only.\n\n"
        "示例 Examples:\n"
        "  jingzhun campaign simulate db WQ-2025 --out county.csv --miss-rate 0.5\n"
        "  jingzhun campaign simulate db JL-2025 --out province.csv --miss-rate 0 --seed 2\n");
    simulate->add_option("CODE", code_, "核查活动编号 campaign code")->required();
    simulate->add_option("--out", out_, "输出 CSV output findings file")->required();
    simulate->add_option("--truth-seed", sim_.truth_seed, "真值种子 truth seed")->capture_default_str();
    simulate->add_option("--problem-rate", sim_.problem_rate, "隐藏问题户比例 hidden problem rate, in [0, 1]")
        ->capture_default_str();
    simulate->add_option("--seed", sim_.seed, "本级种子 this level's seed")->capture_default_str();
    simulate->add_option("--miss-rate", sim_.miss_rate, "漏查比例 share of problems missed, in [0, 1]")
        ->capture_default_str();
  }

  StatusOr<std::unique_ptr<Workspace>> Open() const { return Workspace::Open({.db_path = db_path_}); }

  Status RunCreate(const GlobalOptions& g) {
    CampaignCreateRequest r;
    r.code = code_;
    r.name = name_;
    ASSIGN_OR_RETURN(r.level, Parse<CampaignLevel>(level_));
    if (!region_.empty()) {
      ASSIGN_OR_RETURN(r.scope, RegionCode::Parse(region_));
    }
    r.items = items_;
    r.compare_to = compare_to_;
    if (!line_.empty()) {
      ASSIGN_OR_RETURN(r.income_line, Money::Parse(line_));
    }
    r.policy_path = policy_;
    r.created_by = by_;
    ASSIGN_OR_RETURN(r.created_on, OptionalDate(date_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(Campaign c, CreateCampaign(*ws, r));
    PrintLine(g, Bilingual("已建立核查活动 {0}（{1}，范围 {3}，{4} 个核查项，收入标准线 {5} 元）",
                           "created campaign {0} ({2}, scope {3}, {4} items, income line {5} yuan)", c.code,
                           Label(c.level), Label(c.level, Lang::kEn), c.scope.ShortString(), c.items.size(),
                           c.income_line.ToString()));
    return OkStatus();
  }

  StatusOr<CampaignSampleRequest> SampleRequest(const GlobalOptions& g) const {
    CampaignSampleRequest r;
    r.campaign = code_;
    r.seed = seed_;
    r.size = size_;
    if (!fraction_.empty()) {
      ASSIGN_OR_RETURN(r.fraction, ParseShare("--fraction", fraction_));
    }
    if (share_ == "proportional") {
      r.registered_share = std::nullopt;
    } else {
      ASSIGN_OR_RETURN(r.registered_share, ParseShare("--registered-share", share_));
    }
    r.min_per_stratum = min_per_stratum_;
    ASSIGN_OR_RETURN(r.allocation, Parse<SampleAllocation>(allocation_));
    ASSIGN_OR_RETURN(r.strata, Parse<StrataKind>(strata_));
    r.drawn_by = by_;
    ASSIGN_OR_RETURN(r.drawn_on, OptionalDate(date_));
    r.list_path = out_;
    r.lang = g.lang;
    return r;
  }

  Status RunSample(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(CampaignSampleRequest request, SampleRequest(g));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(CampaignSampleResult d, SampleCampaign(*ws, request));
    const CampaignDesign& s = d.sample.design;
    PrintLine(
        g,
        Bilingual(
            fmt::format(
                "{}第 {} 次抽样：抽样框 {} 户，样本 {} 户（建档立卡户 {}，一般农户 {}），{} 层，种子 {}{}",
                d.reused ? "沿用已保存的" : "", s.draw_no, s.frame_size, s.sample_size, d.registered,
                s.sample_size - d.registered, d.sample.strata.size(), s.seed, s.census ? "（全部农户）" : ""),
            fmt::format("{}draw {}: frame {} households, sample {} ({} registered, {} not), {} cells, "
                        "seed {}{}",
                        d.reused ? "stored " : "", s.draw_no, s.frame_size, s.sample_size, d.registered,
                        s.sample_size - d.registered, d.sample.strata.size(), s.seed,
                        s.census ? " (census)" : "")));
    return OkStatus();
  }

  Status RunRecord(const GlobalOptions& g) {
    CampaignRecordRequest request{code_, file_, by_, {}, out_, g.lang};
    ASSIGN_OR_RETURN(request.recorded_on, OptionalDate(date_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(ImportFindingsResult r, RecordCampaignFindings(*ws, request));
    PrintLine(g, Bilingual("{} 行：已录入 {} 户（{} 行），未录入 {} 户（{} 行）",
                           "{} rows: {} households stored ({} rows), {} households refused ({} rows)", r.rows,
                           r.households_stored, r.rows_stored, r.households_refused, r.refused.size()));
    const size_t shown = std::min<size_t>(r.refused.size(), 20);
    for (size_t i = 0; i < shown; ++i) {
      const FindingRowError& e = r.refused[i];
      PrintLine(g, Bilingual("  {0}: 第 {1} 行 {2}: {3}", "  {0}: row {1} {2}: {4}", e.file, e.row, e.field,
                             MessageHalf(e.message, false), MessageHalf(e.message, true)));
    }
    if (r.households_refused > 0) {
      return InvalidArgumentError(
          Bilingual("{} 户未录入", "{} households were refused", r.households_refused));
    }
    return OkStatus();
  }

  Status RunSimulate(const GlobalOptions& g) {
    CampaignSimulateRequest request{code_, sim_};
    request.options.out_path = out_;
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(int64_t n, SimulateCampaignFindings(*ws, request));
    PrintLine(
        g, Bilingual("已为 {} 户写出模拟核查结果到 {}（仅供演示和培训）",
                     "wrote simulated findings of {} households to {} (demos and training only)", n, out_));
    return OkStatus();
  }

  Status RunReport(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    CampaignReportRequest request{code_, RegionLevel::kCounty, interval_, disagreements_, g.lang};
    ASSIGN_OR_RETURN(request.level, ParseLevelOption(report_level_, /*allow_province=*/true));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(CampaignReport report, ReportCampaign(*ws, request));
    if (format == OutputFormat::kCsv) {
      const ReportTable estimates[] = {CampaignEstimatesTable(report, g.lang)};
      return PrintTables(g, format, estimates);
    }
    if (format == OutputFormat::kJson) {
      const ReportTable tables[] = {CampaignDesignTable(report), CampaignEstimatesTable(report, g.lang)};
      return PrintTables(g, format, tables);
    }
    PrintLine(g, CampaignReportHeading(report));
    std::vector<ReportTable> tables = {CampaignRegionsTable(report)};
    if (report.lower) tables.push_back(CampaignComparisonTable(report, g.lang));
    tables.push_back(CampaignItemsTable(report, g.lang));
    RETURN_IF_ERROR(PrintTables(g, format, tables));
    for (const std::string& line : CampaignReportLegend(report)) PrintLine(g, line);
    if (!disagreements_.empty()) {
      PrintLine(g, Bilingual("两级结果不一致的 {} 个核查项已写出到 {}",
                             "wrote the {} items the levels answered "
                             "differently to {}",
                             report.disagreements.size(), disagreements_));
    }
    return OkStatus();
  }

  Status RunList(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(std::vector<CampaignSummary> all, ListCampaigns(*ws, CampaignListRequest{}));
    ReportTable table("campaigns", {{"code", "编号", "code"},
                                    {"name", "名称", "name"},
                                    {"level", "级别", "level"},
                                    {"scope", "范围", "scope"},
                                    {"sample", "样本户", "sample", CellKind::kInt},
                                    {"recorded", "已录入", "recorded", CellKind::kInt}});
    for (const CampaignSummary& s : all) {
      const Campaign& c = s.campaign;
      table.AddRow({c.code, c.name,
                    std::string(format == OutputFormat::kTable ? Label(c.level, g.lang) : CliName(c.level)),
                    c.scope.ShortString(), SampleCell(s.sample_size, format), s.recorded});
    }
    const ReportTable tables[] = {std::move(table)};
    return PrintTables(g, format, tables);
  }

  Status RunShow(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(CampaignDetail detail, ShowCampaign(*ws, CampaignShowRequest{code_}));
    const Campaign& c = detail.campaign;
    const std::string items = fmt::format("{}", fmt::join(c.items, ","));
    PrintLine(g, Bilingual("{0} {1}：{2}，范围 {4}，核查项 {5}，收入标准线 {6} 元，{7} 于 {8} 建立",
                           "{0} {1}: {3}, scope {4}, items {5}, income line {6} yuan, created by {7} on {8}",
                           c.code, c.name, Label(c.level), Label(c.level, Lang::kEn), c.scope.ShortString(),
                           items, c.income_line.ToString(), c.created_by, c.created_on.ToString()));
    if (!detail.design) return OkStatus();
    const CampaignDesign& d = *detail.design;
    PrintLine(g,
              fmt::format(
                  "draw {}: census={} seed={} frame={} sample={} strata={} allocation={} registered_share={} "
                  "min_per_stratum={} sampling_rule={} cells={} drawn_by={} drawn_on={}",
                  d.draw_no, d.census, d.seed, d.frame_size, d.sample_size, CliName(d.strata),
                  CliName(d.allocation), d.registered_share_bp / 10000.0, d.min_per_stratum, d.sampling_rule,
                  detail.cells, d.drawn_by, d.drawn_on.ToString()));
    return OkStatus();
  }

  std::string db_path_, code_, name_, level_, region_, items_, compare_to_, policy_, line_, file_, out_,
      fraction_, date_;
  std::string by_ = "jingzhun";
  uint64_t seed_ = 1;
  int64_t size_ = 0;
  std::string strata_ = "township";
  std::string allocation_ = "proportional";
  std::string share_ = "0.5";
  int32_t min_per_stratum_ = 2;
  std::string report_level_ = "county";
  std::string format_ = "table";
  std::string interval_ = "logit";
  std::string disagreements_;
  SimulationOptions sim_;
};

}  // namespace

std::unique_ptr<Command> NewCampaignCommand() { return std::make_unique<CampaignCommand>(); }

}  // namespace jz::cli
