// `jingzhun cases SUBCOMMAND DB …`: monitoring cases (open, verify, include, exclude,
// measure, income, propose, eliminate, keep), their history and public notice, the overdue
// and unvisited lists, visits and responsible cadres. Each subcommand parses its flags into
// one request of app/cases/case_requests.h, calls it and prints the result with the row
// printer; every rule and default (today, the province) is in app.
#include <fmt/format.h>

#include <span>

#include "app/cases/case_requests.h"
#include "cli/commands/case_tables.h"
#include "cli/commands/commands.h"
#include "cli/group_command.h"
#include "cli/row_printer.h"
#include "core/code_lists.h"
#include "io/report_table.h"

namespace jz::cli {
namespace {

constexpr std::string_view kHelp =
    "\n监测案件：线索 → 已核实 → 不纳入 | 已纳入 → 帮扶中 → 风险消除已提出 → 已消除 | 继续监测。\n"
    "每一步记录操作人（--by）、日期（--date）和依据；不符合条件时列出每一项未满足的条件，退出码 6。\n"
    "Monitoring cases: lead → verified → not included | included → assisting → elimination proposed →\n"
    "eliminated | kept. Every step records who (--by), when (--date) and the evidence; a refused step\n"
    "lists every failed condition and exits with 6. See docs/cases.md.\n"
    "日期不得晚于今天，也不得早于上一步；不给 --region 时范围为本库的省。\n"
    "No date may be after today or before the case's previous step; without --region the scope is\n"
    "the database's province.\n\n"
    "示例 Examples:\n"
    "  jingzhun cases from-warnings demo/jingzhun.db --period 2025-12 --date 2026-01-05 --by 乡村振兴局 \\\n"
    "      --policy policies/jilin-2024.toml\n"
    "  jingzhun cases summary demo/jingzhun.db --level prefecture --as-of 2026-01-31\n"
    "  jingzhun cases open j.db --household 2224241002050001 --source application --date 2024-01-02 \\\n"
    "      --by 李明 --evidence 农户申请\n"
    "  jingzhun cases verify j.db 1 --date 2024-01-04 --by 李明 --evidence '入户核实：住院自付 2.1 万元'\n"
    "  jingzhun cases include j.db 1 --date 2024-01-15 --by 王强 --type 脱贫不稳定户 --risk 因病 \\\n"
    "      --appraisal 2024-01-06 --notice-start 2024-01-07 --notice-end 2024-01-11 --approved 2024-01-12\n"
    "  jingzhun cases measure j.db 1 --date 2024-01-20 --by 李明 --kind 健康帮扶 --start 2024-01-20 \\\n"
    "      --content 医疗救助 --funds 3000\n"
    "  jingzhun cases income j.db --household 2224241002050001 --date 2024-01-20 --per-capita 9000 --by "
    "李明\n"
    "  jingzhun cases propose j.db 1 --date 2024-08-01 --by 李明 --policy policies/jilin-2024.toml\n"
    "  jingzhun cases eliminate j.db 1 --date 2024-08-30 --by 王强 --line 7500 --appraisal 2024-08-22 \\\n"
    "      --notice-start 2024-08-23 --notice-end 2024-08-27 --approved 2024-08-29\n"
    "  jingzhun cases keep j.db 1 --date 2024-08-10 --by 王强 --reason 医疗负担仍重\n"
    "  jingzhun cases list j.db --state assisting --region 222424 --format csv\n"
    "  jingzhun cases show j.db 1\n"
    "  jingzhun cases notice j.db 1\n"
    "  jingzhun cases overdue j.db --as-of 2024-03-20 --format json\n"
    "  jingzhun cases visit j.db --household 2224241002050001 --date 2024-06-20 --by 王芳 --mode 入户 \\\n"
    "      --lat 43.312345 --lon 129.765432 --photo photos/0620.jpg --notes 收入稳定\n"
    "  jingzhun cases unvisited j.db --as-of 2024-06-30 --days 30\n"
    "  jingzhun cases cadre j.db --household 2224241002050001 --name 孙丽 --unit 乡政府 --date 2024-04-01 "
    "--by 王强\n";

// Options of every subcommand; each subcommand declares the ones it uses. Dates and numbers
// are kept as text or raw values here and checked by core parsers and by app.
struct Options {
  std::string db, by, date, household, evidence, reason, source = "visit", format = "table", level = "county";
  std::optional<std::string> region;
  int64_t case_id = 0;
  std::string state, period, type, appraisal, notice_start, notice_end, approved, kind, start, end, content;
  std::vector<std::string> risks;
  std::string funds = "0", per_capita, line, policy, method, as_of, cadre, mode = "入户", notes, lat, lon,
              photo;
  std::string unit, position, phone, income_source;
  std::optional<int> days;
};

StatusOr<Date> ParseDateOption(std::string_view flag, const std::string& text) {
  StatusOr<Date> d = Date::Parse(text);
  if (!d.ok()) return d.status().WithContext(flag);
  return d;
}

StatusOr<std::optional<Date>> OptionalDate(std::string_view flag, const std::string& text) {
  if (text.empty()) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date d, ParseDateOption(flag, text));
  return std::optional<Date>(d);
}

StatusOr<Money> ParseMoneyOption(std::string_view flag, const std::string& text) {
  StatusOr<Money> m = Money::Parse(text);
  if (!m.ok()) return m.status().WithContext(flag);
  return m;
}

template <CodeListEnum E>
StatusOr<E> ParseCodeOption(std::string_view flag, const std::string& text) {
  StatusOr<E> value = Parse<E>(text);
  if (!value.ok()) return value.status().WithContext(flag);
  return value;
}

StatusOr<std::optional<RegionCode>> ParseRegionOption(const std::optional<std::string>& text) {
  if (!text) return std::optional<RegionCode>();
  StatusOr<RegionCode> code = RegionCode::Parse(*text);
  if (!code.ok()) return code.status().WithContext("--region");
  return std::optional<RegionCode>(*code);
}

StatusOr<ProcedureDates> ParseProcedure(const Options& o) {
  ProcedureDates p;
  ASSIGN_OR_RETURN(p.appraisal, OptionalDate("--appraisal", o.appraisal));
  ASSIGN_OR_RETURN(p.notice_start, OptionalDate("--notice-start", o.notice_start));
  ASSIGN_OR_RETURN(p.notice_end, OptionalDate("--notice-end", o.notice_end));
  ASSIGN_OR_RETURN(p.approval, OptionalDate("--approved", o.approved));
  return p;
}

std::optional<std::string> NonEmpty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

Status Print(const GlobalOptions& g, const std::string& format, std::span<const ReportTable> tables) {
  ASSIGN_OR_RETURN(OutputFormat f, ParseOutputFormat(format));
  return PrintTables(g, f, tables);
}

void Done(const GlobalOptions& g, const CaseStepResult& r, std::string_view zh, std::string_view en) {
  PrintLine(g, Bilingual("案件 {0}：{1}", "case {0}: {2}", r.case_id, zh, en));
}

class CasesCommand final : public GroupCommand {
 public:
  std::string_view name() const override { return "cases"; }
  std::string_view summary() const override {
    return "监测案件：核实、纳入、帮扶、风险消除、走访 | monitoring cases, visits and cadres";
  }
  std::string_view help() const override { return kHelp; }

  void Setup(CLI::App& app) override {
    SetupSteps(app);
    SetupRecordsAndLists(app);
  }

 private:
  using Handler = Status (CasesCommand::*)(const GlobalOptions&, Workspace&);

  void SetupSteps(CLI::App& app) {
    CLI::App* s = Step(app, "open", "登记线索 open a lead", false, &CasesCommand::Open);
    s->add_option("--household", o_.household, "户编号 household")->required();
    s->add_option("--source", o_.source, "来源 screening | visit | application")->capture_default_str();
    s->add_option("--evidence", o_.evidence, "线索依据 what raised the lead");
    s = Step(app, "from-warnings", "按预警批量登记线索 open leads from a period's warnings", false,
             &CasesCommand::FromWarnings);
    s->add_option("--period", o_.period, "预警月份 warning period YYYY-MM")->required();
    AddRegion(*s);
    s->add_option(
        "--policy", o_.policy,
        "政策文件（可选）：按其规则类别定线索；不给时按预警记录的规则类别，排除类（负面清单）不登记 "
        "policy file (optional): its rule kinds decide; without it the kind stored with each "
        "warning does, and exclusion warnings open no lead");
    s = Report(app, "list", "列出案件 list cases", &CasesCommand::List);
    s->add_option("--state", o_.state,
                  "状态 lead|verified|not_included|included|assisting|elimination_proposed|eliminated");
    AddRegion(*s);
    s = Report(app, "show", "案件与全部历史 a case and its history", &CasesCommand::Show);
    s->add_option("CASE", o_.case_id, "案件编号 case id")->required();
    s = Step(app, "verify", "入户核实 verified after the household visit", true, &CasesCommand::Verify);
    s->add_option("--evidence", o_.evidence, "核实情况 what the visit found")->required();
    s = Step(app, "include", "纳入监测 include as a monitored household", true, &CasesCommand::Include);
    s->add_option("--type", o_.type, "监测对象类型 脱贫不稳定户 | 边缘易致贫户 | 突发严重困难户");
    s->add_option("--risk", o_.risks, "风险类别（可重复） risk category, repeatable");
    AddProcedure(*s);
    s->add_option("--evidence", o_.evidence, "依据 evidence");
    s = Step(app, "exclude", "不纳入 not included", true, &CasesCommand::Exclude);
    s->add_option("--reason", o_.reason, "理由 reason")->required();
    s = Step(app, "measure", "记录帮扶措施 record an assistance measure", true, &CasesCommand::Measure);
    s->add_option("--kind", o_.kind, "措施类别 e.g. 产业帮扶, 就业帮扶, 健康帮扶 …")->required();
    s->add_option("--start", o_.start, "开始日期 start")->required();
    s->add_option("--end", o_.end, "结束日期 end");
    s->add_option("--content", o_.content, "内容 content")->required();
    s->add_option("--funds", o_.funds, "资金（元，0 至 100 万） funds, yuan (0 to 1,000,000)")
        ->capture_default_str();
    s = Step(app, "income", "记录收入核查 record an income check", false, &CasesCommand::Income);
    s->add_option("--household", o_.household, "户编号 household")->required();
    s->add_option("--per-capita", o_.per_capita, "人均纯收入（元/年） per-capita net income, yuan/year")
        ->required();
    s->add_option("--source", o_.income_source, "来源 e.g. 入户核算");
    for (bool propose : {true, false}) {
      s = propose
              ? Step(app, "propose", "提出风险消除 propose risk elimination", true, &CasesCommand::Propose)
              : Step(app, "eliminate", "标注风险消除 mark eliminated", true, &CasesCommand::Eliminate);
      s->add_option("--line", o_.line, "监测线（元） monitoring line, yuan");
      s->add_option("--policy", o_.policy, "政策文件（取 monitoring_line） policy file");
      s->add_option("--method", o_.method, "消除方式 帮扶消除 | 自然消除");
      s->add_option("--evidence", o_.evidence, "依据 evidence");
      if (!propose) AddProcedure(*s);
    }
    s = Step(app, "keep", "继续监测 keep monitoring", true, &CasesCommand::Keep);
    s->add_option("--reason", o_.reason, "理由 reason")->required();
  }

  void SetupRecordsAndLists(CLI::App& app) {
    CLI::App* s = Sub(app, "notice", "打印村内公示 print the village public notice", &CasesCommand::Notice);
    s->add_option("CASE", o_.case_id, "案件编号 case id")->required();
    AddListOptions(
        *Report(app, "overdue", "超期未认定的线索 leads not identified in time", &CasesCommand::Overdue));
    s = Report(app, "summary", "按区划汇总案件状态 cases per region and state", &CasesCommand::Summary);
    AddListOptions(*s);
    s->add_option("--level", o_.level, "级别 prefecture | county | township | village")
        ->capture_default_str();
    s = Step(app, "visit", "记录走访 record a visit", false, &CasesCommand::RecordVisit);
    s->add_option("--household", o_.household, "户编号 household")->required();
    s->add_option("--cadre", o_.cadre, "走访干部（默认 --by） cadre (default --by)");
    s->add_option("--mode", o_.mode, "方式 入户 | 电话 | 视频 | 其他")->capture_default_str();
    s->add_option("--notes", o_.notes, "记录 notes");
    s->add_option("--lat", o_.lat, "纬度 latitude, degrees");
    s->add_option("--lon", o_.lon, "经度 longitude, degrees");
    s->add_option("--photo", o_.photo, "照片引用 photo reference");
    AddListOptions(*Report(app, "unvisited", "超期未走访的监测户 monitored households not visited",
                           &CasesCommand::Unvisited));
    s = Step(app, "cadre", "指定帮扶责任人 assign the responsible cadre", false, &CasesCommand::Cadre);
    s->add_option("--household", o_.household, "户编号 household")->required();
    s->add_option("--name", o_.cadre, "帮扶责任人 cadre name")->required();
    s->add_option("--unit", o_.unit, "单位 unit");
    s->add_option("--position", o_.position, "职务 position");
    s->add_option("--phone", o_.phone, "电话 phone");
  }

  // A subcommand on the database DB, run by `run` on the opened workspace.
  CLI::App* Sub(CLI::App& app, const char* name, const char* description, Handler run) {
    CLI::App* s = AddSubcommand(app, name, description, [this, run](const GlobalOptions& g) -> Status {
      ASSIGN_OR_RETURN(
          std::unique_ptr<Workspace> ws,
          Workspace::Open({.db_path = o_.db, .create_if_missing = false, .today = std::nullopt}));
      return (this->*run)(g, *ws);
    });
    s->add_option("DB", o_.db, "数据库文件 database file")->required();
    return s;
  }
  // A step: who acts and when, and the case it acts on when `with_case`.
  CLI::App* Step(CLI::App& app, const char* name, const char* description, bool with_case, Handler run) {
    CLI::App* s = Sub(app, name, description, run);
    if (with_case) s->add_option("CASE", o_.case_id, "案件编号 case id")->required();
    s->add_option("--by", o_.by, "操作人 who acts")->required();
    s->add_option("--date", o_.date, "日期 date of the step (not after today)")->required();
    return s;
  }
  CLI::App* Report(CLI::App& app, const char* name, const char* description, Handler run) {
    CLI::App* s = Sub(app, name, description, run);
    s->add_option("--format", o_.format, "table | csv | json")->capture_default_str();
    return s;
  }
  void AddRegion(CLI::App& s) {
    s.add_option("--region", o_.region, "范围（默认本库的省） scope (default: the province)");
  }
  void AddProcedure(CLI::App& s) {
    s.add_option("--appraisal", o_.appraisal, "民主评议日期 village appraisal date");
    s.add_option("--notice-start", o_.notice_start, "公示开始 notice start");
    s.add_option("--notice-end", o_.notice_end, "公示结束（含） notice end, inclusive");
    s.add_option("--approved", o_.approved, "县级审定日期 county approval date");
  }
  void AddListOptions(CLI::App& s) {
    s.add_option("--as-of", o_.as_of, "基准日（默认今天） as-of date (default today)");
    s.add_option("--days", o_.days, "天数 days, 0-3660 (overdue 15, unvisited 30)");
    AddRegion(s);
  }

  StatusOr<Date> StepDate() const { return ParseDateOption("--date", o_.date); }

  Status Open(const GlobalOptions& g, Workspace& ws) {
    OpenCaseRequest r{o_.household, CaseSource::kVisit, {}, o_.by, o_.evidence};
    ASSIGN_OR_RETURN(r.source, ParseCodeOption<CaseSource>("--source", o_.source));
    ASSIGN_OR_RETURN(r.date, StepDate());
    ASSIGN_OR_RETURN(CaseStepResult done, OpenCase(ws, r));
    Done(g, done, fmt::format("已登记户 {} 的线索", o_.household),
         fmt::format("lead opened for household {}", o_.household));
    return OkStatus();
  }

  Status FromWarnings(const GlobalOptions& g, Workspace& ws) {
    LeadsFromWarningsRequest r{o_.period, {}, {}, o_.by, NonEmpty(o_.policy)};
    ASSIGN_OR_RETURN(r.scope, ParseRegionOption(o_.region));
    ASSIGN_OR_RETURN(r.date, StepDate());
    ASSIGN_OR_RETURN(LeadsFromWarningsResult result, OpenLeadsFromWarnings(ws, r));
    const size_t opened = result.leads.opened.size();
    PrintLine(g, Bilingual("按 {0} 的预警新登记线索 {1} 条", "{1} leads opened from the warnings of {0}",
                           result.period, opened));
    if (result.leads.households_skipped > 0) {
      PrintLine(g, Bilingual("{} 户只有排除类（负面清单）预警，未登记为线索",
                             "{} households with exclusion warnings only were not opened as leads",
                             result.leads.households_skipped));
    }
    return OkStatus();
  }

  Status Verify(const GlobalOptions& g, Workspace& ws) {
    VerifyCaseRequest r{o_.case_id, {}, o_.by, o_.evidence};
    ASSIGN_OR_RETURN(r.date, StepDate());
    ASSIGN_OR_RETURN(CaseStepResult done, VerifyCase(ws, r));
    Done(g, done, "已核实", "verified");
    return OkStatus();
  }

  Status Exclude(const GlobalOptions& g, Workspace& ws) {
    ExcludeCaseRequest r{o_.case_id, {}, o_.by, o_.reason};
    ASSIGN_OR_RETURN(r.date, StepDate());
    ASSIGN_OR_RETURN(CaseStepResult done, ExcludeCase(ws, r));
    Done(g, done, "不纳入", "not included");
    return OkStatus();
  }

  Status Keep(const GlobalOptions& g, Workspace& ws) {
    KeepMonitoringRequest r{o_.case_id, {}, o_.by, o_.reason};
    ASSIGN_OR_RETURN(r.date, StepDate());
    ASSIGN_OR_RETURN(CaseStepResult done, KeepMonitoring(ws, r));
    Done(g, done, "继续监测", "kept under monitoring");
    return OkStatus();
  }

  Status Include(const GlobalOptions& g, Workspace& ws) {
    IncludeCaseRequest r;
    r.case_id = o_.case_id;
    r.actor = o_.by;
    ASSIGN_OR_RETURN(r.date, StepDate());
    if (!o_.type.empty()) {
      ASSIGN_OR_RETURN(r.monitoring_type, ParseCodeOption<MonitoringType>("--type", o_.type));
    }
    for (const std::string& risk : o_.risks) {
      ASSIGN_OR_RETURN(RiskCategory category, ParseCodeOption<RiskCategory>("--risk", risk));
      r.risks.push_back(category);
    }
    ASSIGN_OR_RETURN(r.procedure, ParseProcedure(o_));
    r.evidence = o_.evidence;
    ASSIGN_OR_RETURN(CaseStepResult done, IncludeCase(ws, r));
    Done(g, done, "已纳入监测", "included as a monitored household");
    return OkStatus();
  }

  Status Measure(const GlobalOptions& g, Workspace& ws) {
    CaseMeasureRequest r;
    r.case_id = o_.case_id;
    r.actor = o_.by;
    ASSIGN_OR_RETURN(r.date, StepDate());
    AssistanceMeasure& m = r.measure;
    ASSIGN_OR_RETURN(m.kind, ParseCodeOption<AssistanceKind>("--kind", o_.kind));
    ASSIGN_OR_RETURN(m.start, ParseDateOption("--start", o_.start));
    ASSIGN_OR_RETURN(m.end, OptionalDate("--end", o_.end));
    m.content = o_.content;
    ASSIGN_OR_RETURN(m.funds, ParseMoneyOption("--funds", o_.funds));
    ASSIGN_OR_RETURN(CaseStepResult done, RecordCaseMeasure(ws, r));
    Done(g, done, fmt::format("已记录帮扶措施（{}）", Label(m.kind)),
         fmt::format("measure recorded ({})", Label(m.kind, Lang::kEn)));
    return OkStatus();
  }

  // The fields propose and eliminate share: case, who, when, method, line or policy, evidence.
  template <typename R>
  StatusOr<R> Elimination() const {
    R r;
    r.case_id = o_.case_id;
    r.actor = o_.by;
    ASSIGN_OR_RETURN(r.date, StepDate());
    if (!o_.method.empty()) {
      ASSIGN_OR_RETURN(r.method, ParseCodeOption<RiskEliminationMethod>("--method", o_.method));
    }
    if (!o_.line.empty()) {
      ASSIGN_OR_RETURN(r.monitoring_line, ParseMoneyOption("--line", o_.line));
    }
    r.policy_path = NonEmpty(o_.policy);
    r.evidence = o_.evidence;
    return r;
  }

  Status Propose(const GlobalOptions& g, Workspace& ws) {
    ASSIGN_OR_RETURN(ProposeEliminationRequest r, Elimination<ProposeEliminationRequest>());
    ASSIGN_OR_RETURN(CaseStepResult done, ProposeElimination(ws, r));
    Done(g, done, "已提出风险消除", "risk elimination proposed");
    return OkStatus();
  }

  Status Eliminate(const GlobalOptions& g, Workspace& ws) {
    ASSIGN_OR_RETURN(EliminateRiskRequest r, Elimination<EliminateRiskRequest>());
    ASSIGN_OR_RETURN(r.procedure, ParseProcedure(o_));
    ASSIGN_OR_RETURN(CaseStepResult done, EliminateRisk(ws, r));
    Done(g, done, "已标注风险消除", "marked eliminated");
    return OkStatus();
  }

  Status Income(const GlobalOptions& g, Workspace& ws) {
    IncomeCheckRequest r{o_.household, {}, o_.by, {}, o_.income_source};
    ASSIGN_OR_RETURN(r.date, StepDate());
    ASSIGN_OR_RETURN(r.per_capita, ParseMoneyOption("--per-capita", o_.per_capita));
    ASSIGN_OR_RETURN(HouseholdRecordResult done, RecordIncome(ws, r));
    PrintLine(g, Bilingual("已记录户 {} 的收入核查：人均纯收入 {} 元",
                           "income check recorded for household {}: {} yuan per capita", done.household_no,
                           r.per_capita.ToString()));
    return OkStatus();
  }

  Status RecordVisit(const GlobalOptions& g, Workspace& ws) {
    VisitRequest r{o_.household, {},     o_.by,  o_.cadre, VisitMode::kInPerson,
                   o_.notes,     o_.lat, o_.lon, o_.photo};
    ASSIGN_OR_RETURN(r.date, StepDate());
    ASSIGN_OR_RETURN(r.mode, ParseCodeOption<VisitMode>("--mode", o_.mode));
    ASSIGN_OR_RETURN(HouseholdRecordResult done, RecordCaseVisit(ws, r));
    PrintLine(g, Bilingual("已记录对户 {} 的走访", "visit to household {} recorded", done.household_no));
    return OkStatus();
  }

  Status Cadre(const GlobalOptions& g, Workspace& ws) {
    CadreRequest r{o_.household, o_.cadre, o_.unit, o_.position, o_.phone, {}, o_.by};
    ASSIGN_OR_RETURN(r.date, StepDate());
    ASSIGN_OR_RETURN(HouseholdRecordResult done, AssignHouseholdCadre(ws, r));
    PrintLine(g, Bilingual("户 {0} 的帮扶责任人为 {1}", "{1} is now the responsible cadre of household {0}",
                           done.household_no, o_.cadre));
    return OkStatus();
  }

  Status List(const GlobalOptions& g, Workspace& ws) {
    ListCasesRequest r;
    ASSIGN_OR_RETURN(r.scope, ParseRegionOption(o_.region));
    if (!o_.state.empty()) {
      ASSIGN_OR_RETURN(r.state, ParseCodeOption<CaseState>("--state", o_.state));
    }
    ASSIGN_OR_RETURN(ListCasesResult result, ListMonitoringCases(ws, r));
    const ReportTable tables[] = {CaseTable(result.cases, g.lang)};
    return Print(g, o_.format, tables);
  }

  Status Show(const GlobalOptions& g, Workspace& ws) {
    ASSIGN_OR_RETURN(CaseDetail d, ShowCase(ws, {o_.case_id}));
    const ReportTable tables[] = {CaseTable(std::span(&d.c, 1), g.lang), EventTable(d, g.lang)};
    return Print(g, o_.format, tables);
  }

  Status Notice(const GlobalOptions& g, Workspace& ws) {
    ASSIGN_OR_RETURN(CaseNoticeResult notice, CaseNotice(ws, {o_.case_id}));
    fmt::print("{}", g.lang == Lang::kZhHant ? ToTraditional(notice.text) : notice.text);
    return OkStatus();
  }

  // The fields overdue, summary and unvisited share: scope, as-of date and days.
  template <typename R>
  StatusOr<R> ListRequest() const {
    R r;
    ASSIGN_OR_RETURN(r.scope, ParseRegionOption(o_.region));
    ASSIGN_OR_RETURN(r.as_of, OptionalDate("--as-of", o_.as_of));
    r.days = o_.days;
    return r;
  }

  Status Overdue(const GlobalOptions& g, Workspace& ws) {
    ASSIGN_OR_RETURN(OverdueRequest r, ListRequest<OverdueRequest>());
    ASSIGN_OR_RETURN(OverdueResult result, ListOverdue(ws, r));
    const ReportTable tables[] = {OverdueTable(result, g.lang)};
    RETURN_IF_ERROR(Print(g, o_.format, tables));
    if (o_.format != "table") return OkStatus();
    PrintLine(g, Bilingual("超过 {1} 天未完成认定：{0} 件（截至 {2}）",
                           "{0} cases beyond {1} days from lead to identification (as of {2})",
                           result.cases.size(), result.days, result.as_of.ToString()));
    return OkStatus();
  }

  Status Summary(const GlobalOptions& g, Workspace& ws) {
    ASSIGN_OR_RETURN(CaseSummaryRequest r, ListRequest<CaseSummaryRequest>());
    ASSIGN_OR_RETURN(r.level, ParseLevelOption(o_.level));
    ASSIGN_OR_RETURN(CaseSummaryResult result, SummarizeMonitoringCases(ws, r));
    const ReportTable tables[] = {SummaryTable(result, g.lang)};
    return Print(g, o_.format, tables);
  }

  Status Unvisited(const GlobalOptions& g, Workspace& ws) {
    ASSIGN_OR_RETURN(UnvisitedRequest r, ListRequest<UnvisitedRequest>());
    ASSIGN_OR_RETURN(UnvisitedResult result, ListUnvisitedHouseholds(ws, r));
    const ReportTable tables[] = {UnvisitedTable(result, g.lang)};
    RETURN_IF_ERROR(Print(g, o_.format, tables));
    if (o_.format != "table") return OkStatus();
    PrintLine(g, Bilingual("{1} 天内未走访的监测户：{0} 户（截至 {2}）",
                           "{0} monitored households not visited within {1} days (as of {2})",
                           result.households.size(), result.days, result.as_of.ToString()));
    return OkStatus();
  }

  Options o_;
};

}  // namespace

std::unique_ptr<Command> NewCasesCommand() { return std::make_unique<CasesCommand>(); }

}  // namespace jz::cli
