// `jingzhun cases SUBCOMMAND DB …`: monitoring cases (open, verify, include, exclude,
// measure, income, propose, eliminate, keep), their history and public notice, the overdue
// and unvisited lists, visits and responsible cadres. Parsing and printing only; every
// rule is in app/cases.h.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cases/cases.h"
#include "cli/commands/commands.h"
#include "cli/text_table.h"
#include "core/code_lists.h"
#include "io/csv_writer.h"
#include "rules/policy.h"
#include "store/sqlite/sqlite_store.h"

namespace jz::cli {
namespace {

constexpr std::string_view kHelp =
    "\n监测案件：线索 → 已核实 → 不纳入 | 已纳入 → 帮扶中 → 风险消除已提出 → 已消除 | 继续监测。\n"
    "每一步记录操作人（--by）、日期（--date）和依据；不符合条件时列出每一项未满足的条件，退出码 6。\n"
    "Monitoring cases: lead → verified → not included | included → assisting → elimination proposed →\n"
    "eliminated | kept. Every step records who (--by), when (--date) and the evidence; a refused step\n"
    "lists every failed condition and exits with 6. See docs/cases.md.\n\n"
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
    "  jingzhun cases income j.db --household 2224241002050001 --date 2024-01-20 --per-capita 9000 --by 李明\n"
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
    "  jingzhun cases cadre j.db --household 2224241002050001 --name 孙丽 --unit 乡政府 --date 2024-04-01 --by 王强\n";

// Options of every subcommand; each subcommand declares the ones it uses.
struct Options {
  std::string db, by, date, household, evidence, reason, source = "visit", region = "22", format = "table", level = "county";
  int64_t case_id = 0;
  std::string state, period, type, appraisal, notice_start, notice_end, approved, kind, start, end, content;
  std::vector<std::string> risks;
  std::string funds = "0", per_capita, line, policy, method, as_of, cadre, mode = "入户", notes, lat, lon, photo;
  std::string unit, position, phone, income_source;
  int days = -1;
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

// "43.312345" → 43312345 microdegrees, exactly (no floating point); at most 6 decimals.
StatusOr<std::optional<int64_t>> ParseMicrodegrees(std::string_view flag, std::string_view text) {
  if (text.empty()) return std::optional<int64_t>();
  const bool negative = text.front() == '-';
  std::string_view rest = negative ? text.substr(1) : text;
  const size_t dot = rest.find('.');
  const std::string_view whole = rest.substr(0, dot);
  const std::string_view decimals = dot == std::string_view::npos ? "" : rest.substr(dot + 1);
  auto digits = [](std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (whole.empty() || whole.size() > 3 || decimals.size() > 6 || !digits(whole) || !digits(decimals)) {
    return InvalidArgumentError(Bilingual(fmt::format("{} {} 不是度数（如 43.312345，最多 6 位小数）", flag, text),
                                          fmt::format("{} {} is not degrees (e.g. 43.312345, at most 6 decimals)",
                                                      flag, text)));
  }
  int64_t value = std::stoll(std::string(whole)) * 1'000'000;
  int64_t scale = 100'000;
  for (char c : decimals) {
    value += (c - '0') * scale;
    scale /= 10;
  }
  return std::optional<int64_t>(negative ? -value : value);
}

StatusOr<ProcedureDates> ParseProcedure(const Options& o) {
  ProcedureDates p;
  ASSIGN_OR_RETURN(p.appraisal, OptionalDate("--appraisal", o.appraisal));
  ASSIGN_OR_RETURN(p.notice_start, OptionalDate("--notice-start", o.notice_start));
  ASSIGN_OR_RETURN(p.notice_end, OptionalDate("--notice-end", o.notice_end));
  ASSIGN_OR_RETURN(p.approval, OptionalDate("--approved", o.approved));
  return p;
}

// The monitoring line from --line (yuan) or the policy's monitoring_line parameter.
StatusOr<Money> MonitoringLine(const Options& o) {
  if (!o.line.empty()) return ParseMoneyOption("--line", o.line);
  if (o.policy.empty()) {
    return InvalidArgumentError(Bilingual("请用 --line 或 --policy 给出监测线",
                                          "give the monitoring line with --line or --policy"));
  }
  ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(o.policy));
  auto it = policy.parameters.find("monitoring_line");
  if (it == policy.parameters.end() || it->second.type.kind != ValueKind::kMoney) {
    return InvalidArgumentError(Bilingual(fmt::format("政策文件 {} 没有金额参数 monitoring_line", o.policy),
                                          fmt::format("policy {} has no money parameter monitoring_line", o.policy)));
  }
  return Money::FromFen(it->second.number.num / it->second.number.den);
}

std::string OptDate(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

// Prints rows as a table, CSV or JSON (an array of objects keyed by the CSV header).
Status PrintRows(const GlobalOptions& g, const std::string& format, const std::vector<std::string>& keys,
                 const std::vector<std::string>& zh, const std::vector<std::vector<std::string>>& rows) {
  if (format == "table") {
    TextTable table(g.lang == Lang::kEn ? keys : zh);
    for (const auto& row : rows) table.AddRow(row);
    fmt::print("{}", Localize(g, table.Render()));
    return OkStatus();
  }
  if (format == "csv") {
    std::string out;
    auto csv = CsvWriter::ToString(&out);
    auto write = [&](const std::vector<std::string>& row) {
      for (const std::string& field : row) csv->Field(field);
      csv->EndRow();
    };
    write(keys);
    for (const auto& row : rows) write(row);
    RETURN_IF_ERROR(csv->Close());
    fmt::print("{}", out);
    return OkStatus();
  }
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rows) {
      nlohmann::json object = nlohmann::json::object();
      for (size_t i = 0; i < keys.size(); ++i) object[keys[i]] = row[i];
      out.push_back(object);
    }
    fmt::print("{}\n", out.dump(2));
    return OkStatus();
  }
  return BadFormatError(format);
}

std::vector<std::string> CaseRow(const MonitoringCase& c, Lang lang) {
  return {std::to_string(c.id), c.household_no, c.village.ToString(), CaseStateLabel(c.state, lang),
          CaseSourceLabel(c.source, lang), c.lead_date.ToString(), OptDate(c.identified_date),
          c.monitoring_type ? std::string(Label(*c.monitoring_type, lang)) : "",
          [&] {
            std::string risks;
            for (RiskCategory r : c.risks) risks += (risks.empty() ? "" : ",") + std::string(Label(r, lang));
            return risks;
          }()};
}
const std::vector<std::string> kCaseKeys = {"case", "household", "village", "state", "source", "lead_date",
                                            "identified", "monitoring_type", "risks"};
const std::vector<std::string> kCaseZh = {"案件", "户编号", "村", "状态", "来源", "线索日期", "认定日期", "监测类型",
                                          "风险类别"};

class CasesCommand final : public Command {
 public:
  std::string_view name() const override { return "cases"; }
  std::string_view summary() const override {
    return "监测案件：核实、纳入、帮扶、风险消除、走访 | monitoring cases, visits and cadres";
  }
  std::string_view help() const override { return kHelp; }

  void Setup(CLI::App& app) override {
    app.require_subcommand(1);
    auto sub = [&](const char* name, const char* description, bool with_case, bool mutating) {
      CLI::App* s = app.add_subcommand(name, description);
      s->add_option("DB", o_.db, "数据库文件 database file")->required();
      if (with_case) s->add_option("CASE", o_.case_id, "案件编号 case id")->required();
      if (mutating) {
        s->add_option("--by", o_.by, "操作人 who acts")->required();
        s->add_option("--date", o_.date, "日期 date of the step")->required();
      }
      s->parse_complete_callback([this, name] { chosen_ = name; });
      return s;
    };
    CLI::App* s = sub("open", "登记线索 open a lead", false, true);
    s->add_option("--household", o_.household, "户编号 household")->required();
    s->add_option("--source", o_.source, "来源 screening | visit | application")->capture_default_str();
    s->add_option("--evidence", o_.evidence, "线索依据 what raised the lead");
    s = sub("from-warnings", "按预警批量登记线索 open leads from a period's warnings", false, true);
    s->add_option("--period", o_.period, "预警月份 warning period YYYY-MM")->required();
    s->add_option("--region", o_.region, "范围 scope")->capture_default_str();
    s->add_option("--policy", o_.policy,
                  "政策文件（可选）：按其规则类别定线索；不给时按预警记录的规则类别，排除类（负面清单）不登记 "
                  "policy file (optional): its rule kinds decide; without it the kind stored with each "
                  "warning does, and exclusion warnings open no lead");
    s = sub("list", "列出案件 list cases", false, false);
    s->add_option("--state", o_.state, "状态 lead|verified|not_included|included|assisting|elimination_proposed|eliminated");
    s->add_option("--region", o_.region, "范围 scope")->capture_default_str();
    s->add_option("--format", o_.format, "table | csv | json")->capture_default_str();
    s = sub("show", "案件与全部历史 a case and its history", true, false);
    s->add_option("--format", o_.format, "table | json")->capture_default_str();
    s = sub("verify", "入户核实 verified after the household visit", true, true);
    s->add_option("--evidence", o_.evidence, "核实情况 what the visit found")->required();
    s = sub("include", "纳入监测 include as a monitored household", true, true);
    s->add_option("--type", o_.type, "监测对象类型 脱贫不稳定户 | 边缘易致贫户 | 突发严重困难户");
    s->add_option("--risk", o_.risks, "风险类别（可重复） risk category, repeatable");
    AddProcedure(*s);
    s->add_option("--evidence", o_.evidence, "依据 evidence");
    s = sub("exclude", "不纳入 not included", true, true);
    s->add_option("--reason", o_.reason, "理由 reason")->required();
    s = sub("measure", "记录帮扶措施 record an assistance measure", true, true);
    s->add_option("--kind", o_.kind, "措施类别 e.g. 产业帮扶, 就业帮扶, 健康帮扶 …")->required();
    s->add_option("--start", o_.start, "开始日期 start")->required();
    s->add_option("--end", o_.end, "结束日期 end");
    s->add_option("--content", o_.content, "内容 content")->required();
    s->add_option("--funds", o_.funds, "资金（元） funds, yuan")->capture_default_str();
    s = sub("income", "记录收入核查 record an income check", false, true);
    s->add_option("--household", o_.household, "户编号 household")->required();
    s->add_option("--per-capita", o_.per_capita, "人均纯收入（元/年） per-capita net income, yuan/year")->required();
    s->add_option("--source", o_.income_source, "来源 e.g. 入户核算");
    for (const char* step : {"propose", "eliminate"}) {
      s = sub(step, step[0] == 'p' ? "提出风险消除 propose risk elimination" : "标注风险消除 mark eliminated", true, true);
      s->add_option("--line", o_.line, "监测线（元） monitoring line, yuan");
      s->add_option("--policy", o_.policy, "政策文件（取 monitoring_line） policy file");
      s->add_option("--method", o_.method, "消除方式 帮扶消除 | 自然消除");
      s->add_option("--evidence", o_.evidence, "依据 evidence");
      if (step[0] == 'e') AddProcedure(*s);
    }
    s = sub("keep", "继续监测 keep monitoring", true, true);
    s->add_option("--reason", o_.reason, "理由 reason")->required();
    sub("notice", "打印村内公示 print the village public notice", true, false);
    s = sub("overdue", "超期未认定的线索 leads not identified in time", false, false);
    AddReport(*s);
    s = sub("summary", "按区划汇总案件状态 cases per region and state", false, false);
    AddReport(*s);
    s->add_option("--level", o_.level, "级别 prefecture | county | township | village")->capture_default_str();
    s = sub("visit", "记录走访 record a visit", false, true);
    s->add_option("--household", o_.household, "户编号 household")->required();
    s->add_option("--cadre", o_.cadre, "走访干部（默认 --by） cadre (default --by)");
    s->add_option("--mode", o_.mode, "方式 入户 | 电话 | 视频 | 其他")->capture_default_str();
    s->add_option("--notes", o_.notes, "记录 notes");
    s->add_option("--lat", o_.lat, "纬度 latitude, degrees");
    s->add_option("--lon", o_.lon, "经度 longitude, degrees");
    s->add_option("--photo", o_.photo, "照片引用 photo reference");
    s = sub("unvisited", "超期未走访的监测户 monitored households not visited", false, false);
    AddReport(*s);
    s = sub("cadre", "指定帮扶责任人 assign the responsible cadre", false, true);
    s->add_option("--household", o_.household, "户编号 household")->required();
    s->add_option("--name", o_.cadre, "帮扶责任人 cadre name")->required();
    s->add_option("--unit", o_.unit, "单位 unit");
    s->add_option("--position", o_.position, "职务 position");
    s->add_option("--phone", o_.phone, "电话 phone");
  }

  Status Run(const GlobalOptions& g) override {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(o_.db, {.create_if_missing = false}));
    CaseService service(*store, o_.by);
    if (chosen_ == "list") return List(g, *store);
    if (chosen_ == "show") return Show(g, *store);
    if (chosen_ == "notice") {
      ASSIGN_OR_RETURN(std::string text, PublicNoticeText(*store, o_.case_id));
      fmt::print("{}", g.lang == Lang::kZhHant ? ToTraditional(text) : text);
      return OkStatus();
    }
    if (chosen_ == "overdue") return Overdue(g, *store);
    if (chosen_ == "summary") return Summary(g, *store);
    if (chosen_ == "unvisited") return Unvisited(g, *store);
    ASSIGN_OR_RETURN(Date date, ParseDateOption("--date", o_.date));
    return Mutate(g, *store, service, date);
  }

 private:
  void AddProcedure(CLI::App& s) {
    s.add_option("--appraisal", o_.appraisal, "民主评议日期 village appraisal date");
    s.add_option("--notice-start", o_.notice_start, "公示开始 notice start");
    s.add_option("--notice-end", o_.notice_end, "公示结束（含） notice end, inclusive");
    s.add_option("--approved", o_.approved, "县级审定日期 county approval date");
  }
  void AddReport(CLI::App& s) {
    s.add_option("--as-of", o_.as_of, "基准日（默认今天） as-of date (default today)");
    s.add_option("--days", o_.days, "天数 days (overdue 15, unvisited 30)");
    s.add_option("--region", o_.region, "范围 scope")->capture_default_str();
    s.add_option("--format", o_.format, "table | csv | json")->capture_default_str();
  }

  static void Done(const GlobalOptions& g, int64_t id, std::string_view zh, std::string_view en) {
    PrintLine(g, Bilingual(fmt::format("案件 {}：{}", id, zh), fmt::format("case {}: {}", id, en)));
  }

  Status Mutate(const GlobalOptions& g, Store& store, CaseService& service, Date date) {
    const std::string& c = chosen_;
    const int64_t id = o_.case_id;
    if (c == "open") {
      ASSIGN_OR_RETURN(CaseSource source, ParseCaseSource(o_.source));
      ASSIGN_OR_RETURN(int64_t opened, service.Open({o_.household, source, date, o_.evidence, std::nullopt}));
      Done(g, opened, fmt::format("已登记户 {} 的线索", o_.household), fmt::format("lead opened for household {}", o_.household));
      return OkStatus();
    }
    if (c == "from-warnings") {
      ASSIGN_OR_RETURN(RegionCode scope, RegionCode::Parse(o_.region));
      std::optional<std::set<std::string>> lead_rules;
      if (!o_.policy.empty()) {
        ASSIGN_OR_RETURN(Policy policy, LoadPolicyFile(o_.policy));
        lead_rules = LeadRulesOf(policy);
      }
      ASSIGN_OR_RETURN(LeadsFromWarnings leads, OpenCasesFromWarnings(store, scope, o_.period, date, o_.by,
                                                                       lead_rules ? &*lead_rules : nullptr));
      PrintLine(g, Bilingual(fmt::format("按 {} 的预警新登记线索 {} 条", o_.period, leads.opened.size()),
                             fmt::format("{} leads opened from the warnings of {}", leads.opened.size(), o_.period)));
      if (leads.households_skipped > 0) {
        PrintLine(g, Bilingual(fmt::format("{} 户只有排除类（负面清单）预警，未登记为线索", leads.households_skipped),
                               fmt::format("{} households with exclusion warnings only were not opened as leads",
                                           leads.households_skipped)));
      }
      return OkStatus();
    }
    if (c == "verify") {
      RETURN_IF_ERROR(service.Verify(id, date, o_.evidence));
      Done(g, id, "已核实", "verified");
    } else if (c == "include") {
      IncludeRequest r;
      r.date = date;
      if (!o_.type.empty()) {
        ASSIGN_OR_RETURN(r.monitoring_type, Parse<MonitoringType>(o_.type));
      }
      for (const std::string& risk : o_.risks) {
        ASSIGN_OR_RETURN(RiskCategory category, Parse<RiskCategory>(risk));
        r.risks.push_back(category);
      }
      ASSIGN_OR_RETURN(r.procedure, ParseProcedure(o_));
      r.evidence = o_.evidence;
      RETURN_IF_ERROR(service.Include(id, r));
      Done(g, id, "已纳入监测", "included as a monitored household");
    } else if (c == "exclude") {
      RETURN_IF_ERROR(service.Exclude(id, date, o_.reason));
      Done(g, id, "不纳入", "not included");
    } else if (c == "measure") {
      AssistanceMeasure m;
      ASSIGN_OR_RETURN(m.kind, Parse<AssistanceKind>(o_.kind));
      ASSIGN_OR_RETURN(m.start, ParseDateOption("--start", o_.start));
      ASSIGN_OR_RETURN(m.end, OptionalDate("--end", o_.end));
      m.content = o_.content;
      ASSIGN_OR_RETURN(m.funds, ParseMoneyOption("--funds", o_.funds));
      RETURN_IF_ERROR(service.RecordMeasure(id, date, m));
      Done(g, id, fmt::format("已记录帮扶措施（{}）", Label(m.kind)), fmt::format("measure recorded ({})", Label(m.kind, Lang::kEn)));
    } else if (c == "income") {
      ASSIGN_OR_RETURN(Money income, ParseMoneyOption("--per-capita", o_.per_capita));
      RETURN_IF_ERROR(service.RecordIncomeCheck(o_.household, date, income, o_.income_source));
      PrintLine(g, Bilingual(fmt::format("已记录户 {} 的收入核查：人均纯收入 {} 元", o_.household, income.ToString()),
                             fmt::format("income check recorded for household {}: {} yuan per capita", o_.household,
                                         income.ToString())));
    } else if (c == "propose" || c == "eliminate") {
      EliminationRequest r;
      r.date = date;
      if (!o_.method.empty()) {
        ASSIGN_OR_RETURN(r.method, Parse<RiskEliminationMethod>(o_.method));
      }
      ASSIGN_OR_RETURN(r.monitoring_line, MonitoringLine(o_));
      r.evidence = o_.evidence;
      if (c == "propose") {
        RETURN_IF_ERROR(service.Propose(id, r));
        Done(g, id, "已提出风险消除", "risk elimination proposed");
      } else {
        ASSIGN_OR_RETURN(r.procedure, ParseProcedure(o_));
        RETURN_IF_ERROR(service.Eliminate(id, r));
        Done(g, id, "已标注风险消除", "marked eliminated");
      }
    } else if (c == "keep") {
      RETURN_IF_ERROR(service.Keep(id, date, o_.reason));
      Done(g, id, "继续监测", "kept under monitoring");
    } else if (c == "visit") {
      Visit v;
      v.household_no = o_.household;
      v.cadre_name = o_.cadre;
      v.visit_date = date;
      ASSIGN_OR_RETURN(v.mode, ParseVisitMode(o_.mode));
      v.notes = o_.notes;
      ASSIGN_OR_RETURN(v.lat_microdeg, ParseMicrodegrees("--lat", o_.lat));
      ASSIGN_OR_RETURN(v.lon_microdeg, ParseMicrodegrees("--lon", o_.lon));
      v.photo_ref = o_.photo;
      RETURN_IF_ERROR(service.RecordVisit(v));
      PrintLine(g, Bilingual(fmt::format("已记录对户 {} 的走访", o_.household), fmt::format("visit to household {} recorded", o_.household)));
    } else if (c == "cadre") {
      RETURN_IF_ERROR(service.AssignCadre({o_.household, o_.cadre, o_.unit, o_.position, o_.phone, date, std::nullopt}));
      PrintLine(g, Bilingual(fmt::format("户 {} 的帮扶责任人为 {}", o_.household, o_.cadre),
                             fmt::format("{} is now the responsible cadre of household {}", o_.cadre, o_.household)));
    }
    return OkStatus();
  }

  StatusOr<Date> AsOf() const {
    if (o_.as_of.empty()) return Date::Today();
    return ParseDateOption("--as-of", o_.as_of);
  }

  Status List(const GlobalOptions& g, Store& store) {
    CaseFilter filter;
    ASSIGN_OR_RETURN(filter.scope, RegionCode::Parse(o_.region));
    if (!o_.state.empty()) {
      ASSIGN_OR_RETURN(filter.state, ParseCaseState(o_.state));
    }
    ASSIGN_OR_RETURN(std::vector<MonitoringCase> cases, store.cases().ListCases(filter));
    std::vector<std::vector<std::string>> rows;
    for (const MonitoringCase& c : cases) rows.push_back(CaseRow(c, g.lang));
    return PrintRows(g, o_.format, kCaseKeys, kCaseZh, rows);
  }

  Status Show(const GlobalOptions& g, Store& store) {
    ASSIGN_OR_RETURN(CaseDetail d, LoadCaseDetail(store, o_.case_id));
    const Lang lang = g.lang;
    const std::vector<std::string> keys = {"seq", "action", "from", "to", "date", "actor", "evidence", "appraisal",
                                           "notice", "approved", "reason", "details", "recorded_at"};
    const std::vector<std::string> zh = {"序号", "操作", "原状态", "新状态", "日期", "操作人", "依据", "民主评议",
                                         "公示", "县级审定", "理由", "内容", "录入时间"};
    std::vector<std::vector<std::string>> rows;
    for (const CaseEvent& e : d.events) {
      const std::string notice = e.notice_start ? OptDate(e.notice_start) + "~" + OptDate(e.notice_end) : "";
      rows.push_back({std::to_string(e.seq), CaseActionLabel(e.action, lang),
                      e.from_state ? CaseStateLabel(*e.from_state, lang) : "", CaseStateLabel(e.to_state, lang),
                      e.event_date.ToString(), e.actor, e.evidence, OptDate(e.appraisal_date), notice,
                      OptDate(e.approval_date), e.reason, e.payload, e.recorded_at});
    }
    if (o_.format == "table") {
      TextTable summary(lang == Lang::kEn ? kCaseKeys : kCaseZh);
      summary.AddRow(CaseRow(d.c, lang));
      fmt::print("{}\n", Localize(g, summary.Render()));
    }
    return PrintRows(g, o_.format, keys, zh, rows);
  }

  Status Overdue(const GlobalOptions& g, Store& store) {
    ASSIGN_OR_RETURN(RegionCode scope, RegionCode::Parse(o_.region));
    ASSIGN_OR_RETURN(Date as_of, AsOf());
    const int days = o_.days >= 0 ? o_.days : kIdentificationLimitDays;
    ASSIGN_OR_RETURN(std::vector<OverdueCase> list, ListOverdueCases(store, scope, as_of, days));
    std::vector<std::vector<std::string>> rows;
    for (const OverdueCase& x : list) {
      rows.push_back({std::to_string(x.c.id), x.c.household_no, x.c.village.ToString(), CaseStateLabel(x.c.state, g.lang),
                      x.c.lead_date.ToString(), OptDate(x.c.identified_date), std::to_string(x.days),
                      x.identified ? (g.lang == Lang::kEn ? "identified late" : "超期认定")
                                   : (g.lang == Lang::kEn ? "still waiting" : "尚未认定")});
    }
    RETURN_IF_ERROR(PrintRows(g, o_.format, {"case", "household", "village", "state", "lead_date", "identified", "days", "status"},
                              {"案件", "户编号", "村", "状态", "线索日期", "认定日期", "天数", "情况"}, rows));
    if (o_.format == "table") {
      PrintLine(g, Bilingual(fmt::format("超过 {} 天未完成认定：{} 件（截至 {}）", days, list.size(), as_of.ToString()),
                             fmt::format("{} cases beyond {} days from lead to identification (as of {})", list.size(),
                                         days, as_of.ToString())));
    }
    return OkStatus();
  }

  Status Summary(const GlobalOptions& g, Store& store) {
    ASSIGN_OR_RETURN(RegionCode scope, RegionCode::Parse(o_.region));
    ASSIGN_OR_RETURN(RegionLevel level, ParseLevelOption(o_.level));
    ASSIGN_OR_RETURN(Date as_of, AsOf());
    const int days = o_.days >= 0 ? o_.days : kIdentificationLimitDays;
    ASSIGN_OR_RETURN(CaseSummary summary, SummarizeCases(store, scope, level, as_of, days));
    std::vector<std::vector<std::string>> rows;
    auto row = [&](const CaseRegionCounts& c, std::string name) {
      std::vector<std::string> cells = {c.region.ShortString(), std::move(name)};
      for (int64_t n : c.by_state) cells.push_back(std::to_string(n));
      cells.push_back(std::to_string(c.overdue));
      cells.push_back(std::to_string(c.total));
      rows.push_back(std::move(cells));
    };
    for (const CaseRegionCounts& c : summary.regions) row(c, c.name);
    row(summary.total, (g.lang == Lang::kEn ? "total " : "合计 ") + summary.total.name);
    RETURN_IF_ERROR(PrintRows(g, o_.format,
                              {"region_code", "region_name", "lead", "verified", "not_included", "included", "assisting",
                               "elimination_proposed", "eliminated", "overdue", "total"},
                              {"区划代码", "名称", "线索", "已核实", "不纳入", "已纳入", "帮扶中", "风险消除已提出", "已消除",
                               fmt::format("超{}天未认定", days), "合计"},
                              rows));
    return OkStatus();
  }

  Status Unvisited(const GlobalOptions& g, Store& store) {
    ASSIGN_OR_RETURN(RegionCode scope, RegionCode::Parse(o_.region));
    ASSIGN_OR_RETURN(Date as_of, AsOf());
    const int days = o_.days >= 0 ? o_.days : kDefaultUnvisitedDays;
    ASSIGN_OR_RETURN(std::vector<UnvisitedHousehold> list, ListUnvisited(store, scope, as_of, days));
    std::vector<std::vector<std::string>> rows;
    for (const UnvisitedHousehold& u : list) {
      rows.push_back({u.c.household_no, u.c.village.ToString(), std::to_string(u.c.id), CaseStateLabel(u.c.state, g.lang),
                      OptDate(u.last_visit), u.cadre.empty() ? (g.lang == Lang::kEn ? "none" : "未指定") : u.cadre});
    }
    RETURN_IF_ERROR(PrintRows(g, o_.format, {"household", "village", "case", "state", "last_visit", "cadre"},
                              {"户编号", "村", "案件", "状态", "最近走访", "帮扶责任人"}, rows));
    if (o_.format == "table") {
      PrintLine(g, Bilingual(fmt::format("{} 天内未走访的监测户：{} 户（截至 {}）", days, list.size(), as_of.ToString()),
                             fmt::format("{} monitored households not visited within {} days (as of {})", list.size(),
                                         days, as_of.ToString())));
    }
    return OkStatus();
  }

  Options o_;
  std::string chosen_;
};

}  // namespace

std::unique_ptr<Command> NewCasesCommand() { return std::make_unique<CasesCommand>(); }

}  // namespace jz::cli
