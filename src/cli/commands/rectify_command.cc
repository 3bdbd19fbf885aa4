// `jingzhun rectify ...`: the rectification ledger (整改台账, 对账销号 → 清零). Subcommands
// add, import, from-campaign, progress, request, confirm, reject, reopen, reassign, list,
// show, view. Each parses its options into one request of app/rectification/ledger_requests.h,
// calls it and prints the result; tables, CSV and JSON go through cli/row_printer.h.
#include <fmt/format.h>

#include "app/rectification/ledger_requests.h"
#include "app/workspace.h"
#include "cli/commands/commands.h"
#include "cli/group_command.h"
#include "cli/row_printer.h"
#include "io/report_table.h"

namespace jz::cli {
namespace {

constexpr std::string_view kHelp =
    "\n整改台账：每个问题有责任单位、责任人、整改措施、整改时限和佐证材料；销号须由责任人和申请人以外的人确认"
    "。\n"
    "状态：待整改 open → 整改中 in_progress → 申请销号 closure_requested → 已销号 closed；\n"
    "reject 退回到整改中，reopen 把已销号的问题重新打开。view "
    "按区划汇总问题数、已销号、未销号、逾期和是否清零。\n"
    "The ledger of problems from campaigns, inspections, validation and assessments: each has a\n"
    "responsible unit, an owner, measures, a deadline and evidence; its closure (销号) is confirmed by\n"
    "someone who is neither the owner nor the requester. view rolls open, closed and overdue counts up\n"
    "to a region level (清零 view). --date defaults to today; a date after today, or before the problem's\n"
    "last entry, is refused. Without --region, view covers the loaded province.\n\n"
    "导入 Excel 工作簿（.xlsx，第一个工作表）或 CSV；表头 Import .xlsx (first sheet) or CSV; columns "
    "(Chinese or English): 问题来源 source, 问题类别 category, 问题描述 description,\n"
    "  责任单位 responsible_unit, 责任人 owner, 整改时限 deadline (required); 问题编号 item_no, 来源类型\n"
    "  source_kind, 区划代码 region_code, 所在地区 region_name, 户编号 household_no, 牵头单位 lead_unit,\n"
    "  整改措施 measure (optional). A `jingzhun validate --report` file is also accepted (with --owner,\n"
    "  --unit, --deadline): its error findings become data-quality problems.\n\n"
    "示例 Examples:\n"
    "  jingzhun rectify import demo/jingzhun.db 问题清单.xlsx --by 李四\n"
    "  jingzhun rectify import demo/jingzhun.db findings.csv --by 李四\n"
    "  jingzhun rectify import demo/jingzhun.db validation-report.csv --by 李四 --owner 王芳 \\\n"
    "      --unit 汪清镇政府 --deadline 2025-03-31\n"
    "  jingzhun rectify add demo/jingzhun.db --region 222424100205 --category 住房安全 \\\n"
    "      --description 'C级危房未改造' --unit 汪清镇政府 --owner 张三 --deadline 2025-06-30 \\\n"
    "      --source-ref '2024年省级督查' --by 李四\n"
    "  jingzhun rectify from-campaign demo/jingzhun.db JL-2025 --unit '{county}乡村振兴局' \\\n"
    "      --owner 各县分管领导 --by 省核查组\n"
    "  jingzhun rectify progress demo/jingzhun.db 12 --by 张三 --evidence '施工合同' --note 已开工\n"
    "  jingzhun rectify request demo/jingzhun.db 12 --by 张三 --evidence '竣工验收单'\n"
    "  jingzhun rectify confirm demo/jingzhun.db 12 --by 王五        # 王五 is neither owner nor requester\n"
    "  jingzhun rectify reject demo/jingzhun.db 12 --by 王五 --reason '照片不清楚'\n"
    "  jingzhun rectify reopen demo/jingzhun.db 12 --by 省督查组 --reason '复查发现未整改到位'\n"
    "  jingzhun rectify list demo/jingzhun.db --region 222424 --open --format csv\n"
    "  jingzhun rectify list demo/jingzhun.db --overdue --as-of 2025-07-01\n"
    "  jingzhun rectify show demo/jingzhun.db 12 --format json\n"
    "  jingzhun rectify view demo/jingzhun.db --level county --as-of 2025-07-01\n";

StatusOr<std::optional<Date>> OptionalDate(const std::string& text) {
  if (text.empty()) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date date, Date::Parse(text));
  return std::optional<Date>(date);
}

StatusOr<std::optional<RegionCode>> OptionalRegion(const std::string& text) {
  if (text.empty()) return std::optional<RegionCode>();
  ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(text));
  return std::optional<RegionCode>(code);
}

template <class E>
StatusOr<std::optional<E>> OptionalCode(const std::string& text) {
  if (text.empty()) return std::optional<E>();
  ASSIGN_OR_RETURN(E value, Parse<E>(text));
  return std::optional<E>(value);
}

// For people a flag reads 是 / yes or nothing; for programs it is 1 or 0.
ReportCell Flag(bool value, bool for_people, Lang lang, std::string_view no_zh = "",
                std::string_view no_en = "") {
  if (!for_people) return int64_t{value ? 1 : 0};
  if (lang == Lang::kEn) return std::string(value ? "yes" : no_en);
  return std::string(value ? "是" : no_zh);
}

// `rectify list`: ten columns for people, thirteen with codes for programs.
ReportTable ListTable(const ProblemList& list, OutputFormat format, Lang lang) {
  const bool people = format == OutputFormat::kTable;
  std::vector<ReportColumn> columns = {
      {"id", "编号", "id", CellKind::kInt},
      {"region_code", "区划代码", "region"},
      {"region_name", "地区", "name"},
      {"category", "类别", "category"},
      {"description", "问题描述", "description"},
      {"responsible_unit", "责任单位", "unit"},
      {"owner", "责任人", "owner"},
      {"deadline", "整改时限", "deadline"},
      {"status", "状态", "status"},
      {"overdue", "逾期", "overdue", people ? CellKind::kText : CellKind::kInt}};
  if (!people) {
    columns.push_back({"source", "来源类型", "source"});
    columns.push_back({"source_ref", "问题来源", "source ref"});
    columns.push_back({"household_no", "户编号", "household"});
  }
  ReportTable table("problems", std::move(columns));
  for (const ProblemRow& row : list.rows) {
    const Problem& p = row.problem;
    std::vector<ReportCell> cells = {p.id,
                                     p.region.ShortString(),
                                     row.region_name,
                                     std::string(Label(p.category, lang)),
                                     p.description,
                                     p.responsible_unit,
                                     p.owner,
                                     p.deadline.ToString(),
                                     std::string(people ? Label(p.status, lang) : CliName(p.status)),
                                     Flag(row.overdue, people, lang)};
    if (!people) {
      cells.emplace_back(std::string(CliName(p.source)));
      cells.emplace_back(p.source_ref);
      cells.emplace_back(p.household_no);
    }
    table.AddRow(std::move(cells));
  }
  return table;
}

// `rectify view`: the 清零 rows and the total; for people the total is named 合计 and
// own-level rows say so, for programs a column says which rows are own-level.
ReportTable ClearanceTable(const ClearanceView& view, OutputFormat format, Lang lang) {
  const bool people = format == OutputFormat::kTable;
  const bool en = lang == Lang::kEn;
  std::vector<ReportColumn> columns = {
      {"region_code", "区划代码", "code"},
      {"region_name", "名称", "region"},
      {"total", "问题数", "problems", CellKind::kInt},
      {"closed", "已销号", "closed", CellKind::kInt},
      {"open", "未销号", "open", CellKind::kInt},
      {"closure_requested", "申请销号", "requested", CellKind::kInt},
      {"overdue", "逾期", "overdue", CellKind::kInt},
      {"closure_rate", "销号率", "closure rate", CellKind::kShare},
      {"cleared", "清零", "cleared", people ? CellKind::kText : CellKind::kInt}};
  if (!people) columns.push_back({"own_level", "本级", "own level", CellKind::kInt});
  ReportTable table("clearance", std::move(columns));
  auto add = [&](const ClearanceRow& r, std::string name) {
    std::vector<ReportCell> cells = {r.code.ShortString(),
                                     std::move(name),
                                     r.total,
                                     r.closed,
                                     r.open,
                                     r.closure_requested,
                                     r.overdue,
                                     r.ClosureRate(),
                                     Flag(r.Cleared(), people, lang, "否", "no")};
    if (!people) cells.emplace_back(int64_t{r.own_level ? 1 : 0});
    table.AddRow(std::move(cells));
  };
  for (const ClearanceRow& r : view.rows) {
    add(r, people && r.own_level ? r.name + (en ? " (own level)" : "（本级）") : r.name);
  }
  add(view.total, people ? fmt::format("{} {}", en ? "total" : "合计", view.total.name) : view.total.name);
  return table;
}

std::string AllowedNext(const ProblemView& v) {
  std::string next;
  for (LedgerAction a : v.allowed_next) next += (next.empty() ? "" : ", ") + std::string(CliName(a));
  return next;
}

// `rectify show` for people: the fields as a two-column table.
ReportTable FieldsForPeople(const ProblemView& v, Lang lang) {
  const Problem& p = v.problem;
  const bool en = lang == Lang::kEn;
  ReportTable fields("problem", {{"field", "项目", "field"}, {"value", "内容", "value"}});
  auto add = [&](std::string zh, std::string e, std::string value) {
    fields.AddRow({en ? std::move(e) : std::move(zh), std::move(value)});
  };
  add("问题编号", "id", std::to_string(p.id));
  add("地区", "region", fmt::format("{} {}", p.region.ShortString(), v.region_name));
  if (!p.household_no.empty()) add("户编号", "household", p.household_no);
  add("问题来源", "source",
      fmt::format("{}{}{} {}", Label(p.source, lang), en ? ": " : "：", p.source_ref, p.source_item));
  add("问题类别", "category", std::string(Label(p.category, lang)));
  add("问题描述", "description", p.description);
  add("牵头单位", "lead unit", p.lead_unit);
  add("责任单位", "responsible unit", p.responsible_unit);
  add("责任人", "owner", p.owner);
  add("整改措施", "measure", p.measure);
  add("整改时限", "deadline", p.deadline.ToString());
  add("状态", "status", std::string(Label(p.status, lang)));
  add("可执行", "allowed next", AllowedNext(v));
  return fields;
}

// `rectify show` for programs: the fields as one row, codes as command-line names.
ReportTable FieldsForPrograms(const ProblemView& v) {
  const Problem& p = v.problem;
  ReportTable fields("problem", {{"id", "问题编号", "id", CellKind::kInt},
                                 {"region_code", "区划代码", "region_code"},
                                 {"region_name", "地区", "region_name"},
                                 {"household_no", "户编号", "household_no"},
                                 {"source", "来源类型", "source"},
                                 {"source_ref", "问题来源", "source_ref"},
                                 {"item", "问题编号", "item"},
                                 {"category", "问题类别", "category"},
                                 {"description", "问题描述", "description"},
                                 {"lead_unit", "牵头单位", "lead_unit"},
                                 {"responsible_unit", "责任单位", "responsible_unit"},
                                 {"owner", "责任人", "owner"},
                                 {"measure", "整改措施", "measure"},
                                 {"deadline", "整改时限", "deadline"},
                                 {"status", "状态", "status"},
                                 {"allowed_next", "可执行", "allowed_next"}});
  fields.AddRow({p.id, p.region.ShortString(), v.region_name, p.household_no, std::string(CliName(p.source)),
                 p.source_ref, p.source_item, std::string(CliName(p.category)), p.description, p.lead_unit,
                 p.responsible_unit, p.owner, p.measure, p.deadline.ToString(),
                 std::string(CliName(p.status)), AllowedNext(v)});
  return fields;
}

// `rectify show`: the fields, then the history.
std::vector<ReportTable> ShowTables(const ProblemView& v, OutputFormat format, Lang lang) {
  const bool people = format == OutputFormat::kTable;
  std::vector<ReportTable> tables;
  tables.push_back(people ? FieldsForPeople(v, lang) : FieldsForPrograms(v));
  ReportTable events("events", {{"date", "日期", "date"},
                                {"kind", "记录", "event"},
                                {"actor", "操作人", "by"},
                                {"evidence", "佐证材料", "evidence"},
                                {"note", "说明", "note"}});
  for (const ProblemEvent& e : v.events) {
    events.AddRow({e.date.ToString(), std::string(people ? Label(e.kind, lang) : CliName(e.kind)), e.actor,
                   e.evidence, e.note});
  }
  tables.push_back(std::move(events));
  return tables;
}

class RectifyCommand final : public GroupCommand {
 public:
  std::string_view name() const override { return "rectify"; }
  std::string_view summary() const override {
    return "整改台账：建账、对账、销号、清零 | rectification ledger: open, track, close, clearance view";
  }
  std::string_view help() const override { return kHelp; }

  void Setup(CLI::App& app) override {
    SetupAdd(app);
    SetupImport(app);
    SetupFromCampaign(app);
    for (LedgerAction action : AllValues<LedgerAction>()) SetupAction(app, action);
    SetupList(app);
    CLI::App* show =
        Sub(app, "show", "查看一个问题及其记录 show a problem and its history", &RectifyCommand::RunShow);
    show->add_option("ID", id_, "问题编号 problem id")->required();
    show->add_option("--format", format_, "输出格式 table | csv | json")->capture_default_str();
    CLI::App* view =
        Sub(app, "view", "清零视图：按区划汇总 clearance view by region", &RectifyCommand::RunView);
    view->add_option("--region", region_, "范围（默认本省） scope region code (default: the province)");
    view->add_option("--level", level_, "级别 prefecture | county | township | village")
        ->capture_default_str();
    view->add_option("--as-of", as_of_, "基准日 as-of date (default today)");
    view->add_option("--format", format_, "输出格式 table | csv | json")->capture_default_str();
  }

 private:
  using Runner = Status (RectifyCommand::*)(const GlobalOptions&);

  CLI::App* Sub(CLI::App& app, const std::string& verb, const std::string& text, Runner run) {
    CLI::App* sub =
        AddSubcommand(app, verb, text, [this, run](const GlobalOptions& g) { return (this->*run)(g); });
    sub->add_option("DB", db_path_, "数据库文件 database file")->required();
    if (verb != "list" && verb != "show" && verb != "view") {
      sub->add_option("--by", by_, "操作人 who does it")->required();
      sub->add_option("--date", date_,
                      "日期（默认今天，不能晚于今天） date (default today; not after today)");
    }
    sub->footer(std::string(kHelp.substr(kHelp.find("示例"))));
    return sub;
  }

  void SetupAdd(CLI::App& app) {
    CLI::App* add = Sub(app, "add", "新增一个问题 add one problem", &RectifyCommand::RunAdd);
    add->add_option("--region", region_, "区划代码 region code (any level)");
    add->add_option("--household", household_, "户编号 household number");
    add->add_option("--category", category_,
                    "问题类别 category (住房安全, 饮水安全, 识别退出, 项目资金, 工作作风 …)")
        ->required();
    add->add_option("--description", description_, "问题描述 description")->required();
    add->add_option("--lead-unit", lead_unit_, "牵头单位 lead unit");
    add->add_option("--unit", unit_, "责任单位 responsible unit")->required();
    add->add_option("--owner", owner_, "责任人 owner")->required();
    add->add_option("--measure", measure_, "整改措施 measures");
    add->add_option("--deadline", deadline_, "整改时限 deadline")->required();
    add->add_option("--source", source_,
                    "来源类型 source kind: campaign | inspection | validation | assessment")
        ->capture_default_str();
    add->add_option("--source-ref", source_ref_, "问题来源 e.g. 督查名称 / 核查编号")->required();
    add->add_option("--item", item_, "问题编号 item number within the source");
  }
  void SetupImport(CLI::App& app) {
    CLI::App* import = Sub(app, "import", "从表格导入问题 import problems from .xlsx or CSV files",
                           &RectifyCommand::RunImport);
    import
        ->add_option("FILE", files_,
                     "问题清单（.xlsx 或 CSV）或校验报告 findings (.xlsx or CSV) or validation reports")
        ->required();
    import->add_option("--source", source_, "无“来源类型”列时的来源类型 default source kind")
        ->capture_default_str();
    import->add_option("--encoding", encoding_, "编码 auto | utf-8 | gb18030")->capture_default_str();
    import->add_option(
        "--report", report_,
        "错误清单（.csv 或 .xlsx，表头随 --lang） error report (.csv or .xlsx, headers in --lang)");
    import->add_option("--owner", owner_, "校验报告：责任人 validation reports: owner");
    import->add_option("--unit", unit_, "校验报告：责任单位 validation reports: responsible unit");
    import->add_option("--deadline", deadline_, "校验报告：整改时限 validation reports: deadline");
    import->add_option("--source-ref", source_ref_,
                       "校验报告：问题来源 validation reports: source reference");
  }
  void SetupFromCampaign(CLI::App& app) {
    CLI::App* from =
        Sub(app, "from-campaign", "核查发现的问题建账 open a problem per item a campaign found 不符合",
            &RectifyCommand::RunFromCampaign);
    from->add_option("CAMPAIGN", campaign_, "核查编号 campaign code")->required();
    from->add_option("--unit", unit_,
                     "责任单位，{county} 代表农户所在县 responsible unit; {county}: the household's county")
        ->required();
    from->add_option("--owner", owner_, "责任人 owner")->required();
    from->add_option("--lead-unit", lead_unit_, "牵头单位 lead unit");
    from->add_option("--days", deadline_days_,
                     "整改时限：建账后天数（1 到 3650） deadline, days after --date (1 to 3650)")
        ->capture_default_str();
  }
  void SetupAction(CLI::App& app, LedgerAction action) {
    static constexpr std::string_view kHints[] = {"",
                                                  " (--evidence)",
                                                  " (--evidence)",
                                                  " (not the owner, not the requester)",
                                                  " (--reason)",
                                                  " (--reason)",
                                                  " (--owner)"};
    const std::string text =
        fmt::format("{} {}{}", Label(action), Label(action, Lang::kEn), kHints[Code(action)]);
    CLI::App* sub = AddSubcommand(app, std::string(CliName(action)), text,
                                  [this, action](const GlobalOptions& g) { return RunAction(g, action); });
    sub->add_option("DB", db_path_, "数据库文件 database file")->required();
    sub->add_option("--by", by_, "操作人 who does it")->required();
    sub->add_option("--date", date_, "日期（默认今天，不能晚于今天） date (default today; not after today)");
    sub->footer(std::string(kHelp.substr(kHelp.find("示例"))));
    sub->add_option("ID", id_, "问题编号 problem id")->required();
    sub->add_option("--evidence", evidence_, "佐证材料 evidence");
    sub->add_option("--note,--reason", note_, "说明或理由 note or reason");
    if (action == LedgerAction::kReassign)
      sub->add_option("--owner", owner_, "新责任人 new owner")->required();
  }
  void SetupList(CLI::App& app) {
    CLI::App* list = Sub(app, "list", "列出问题 list problems", &RectifyCommand::RunList);
    list->add_option("--region", region_, "范围 scope region code");
    list->add_option("--status", status_, "状态 open | in_progress | closure_requested | closed");
    list->add_flag("--open", open_only_, "只列未销号 only problems not closed");
    list->add_flag("--overdue", overdue_, "只列逾期 only overdue problems (as of --as-of)");
    list->add_option("--source", source_filter_, "来源类型 source kind");
    list->add_option("--as-of", as_of_, "基准日 as-of date (default today)");
    list->add_option("--format", format_, "输出格式 table | csv | json")->capture_default_str();
  }

  StatusOr<std::unique_ptr<Workspace>> Open() const { return Workspace::Open({.db_path = db_path_}); }

  Status RunAdd(const GlobalOptions& g) {
    ProblemAddRequest r;
    ASSIGN_OR_RETURN(r.source, Parse<ProblemSource>(source_));
    r.source_ref = source_ref_;
    r.source_item = item_;
    ASSIGN_OR_RETURN(r.region, OptionalRegion(region_));
    r.household_no = household_;
    ASSIGN_OR_RETURN(r.category, Parse<ProblemCategory>(category_));
    r.description = description_;
    r.lead_unit = lead_unit_;
    r.responsible_unit = unit_;
    r.owner = owner_;
    r.measure = measure_;
    ASSIGN_OR_RETURN(r.deadline, Date::Parse(deadline_));
    r.actor = by_;
    ASSIGN_OR_RETURN(r.date, OptionalDate(date_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(AddedProblems added, AddProblem(*ws, r));
    const int64_t id = added.ids[0];
    PrintLine(g, added.added ? Bilingual("已建账：问题 {}", "opened problem {}", id)
                             : Bilingual("台账中已有此问题：问题 {}，未重复建账",
                                         "already in the ledger as problem {}; not added again", id));
    return OkStatus();
  }

  Status RunImport(const GlobalOptions& g) {
    ProblemImportRequest r;
    r.paths = files_;
    r.actor = by_;
    ASSIGN_OR_RETURN(r.date, OptionalDate(date_));
    ASSIGN_OR_RETURN(r.default_source, Parse<ProblemSource>(source_));
    if (encoding_ != "auto") {
      ASSIGN_OR_RETURN(r.encoding, ParseTextEncoding(encoding_));
    }
    r.owner = owner_;
    r.responsible_unit = unit_;
    r.validation_ref = source_ref_;
    ASSIGN_OR_RETURN(r.deadline, OptionalDate(deadline_));
    r.error_report_path = report_;
    r.lang = g.lang;
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(ProblemImportResult result, ImportProblems(*ws, r));
    PrintLine(g, Bilingual("读入 {} 个问题：新建账 {} 个，台账中已有 {} 个",
                           "read {} problems: {} added, {} already in the ledger", result.rows, result.added,
                           result.unchanged));
    return OkStatus();
  }

  Status RunFromCampaign(const GlobalOptions& g) {
    ProblemsFromCampaignRequest r{campaign_, unit_, owner_, lead_unit_, by_, {}, deadline_days_};
    ASSIGN_OR_RETURN(r.date, OptionalDate(date_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(AddedProblems added, OpenCampaignProblems(*ws, r));
    PrintLine(g, Bilingual("核查 {} 发现的问题：新建账 {} 个，台账中已有 {} 个",
                           "problems found by campaign {}: {} added, {} already in the ledger", campaign_,
                           added.added, added.unchanged));
    return OkStatus();
  }

  Status RunAction(const GlobalOptions& g, LedgerAction action) {
    ProblemActionRequest r{action, id_, by_, {}, evidence_, note_, owner_};
    ASSIGN_OR_RETURN(r.date, OptionalDate(date_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(ProblemActionResult result, ActOnProblem(*ws, r));
    const Problem& p = result.problem;
    PrintLine(g, Bilingual("问题 {0}：{1}，责任人 {3}", "problem {0}: {2}, owner {3}", id_, Label(p.status),
                           CliName(p.status), p.owner));
    return OkStatus();
  }

  Status RunList(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ProblemListRequest r;
    ASSIGN_OR_RETURN(r.scope, OptionalRegion(region_));
    ASSIGN_OR_RETURN(r.status, OptionalCode<ProblemStatus>(status_));
    ASSIGN_OR_RETURN(r.source, OptionalCode<ProblemSource>(source_filter_));
    r.open_only = open_only_;
    r.overdue_only = overdue_;
    ASSIGN_OR_RETURN(r.as_of, OptionalDate(as_of_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(ProblemList list, ListLedger(*ws, r));
    const ReportTable tables[] = {ListTable(list, format, g.lang)};
    RETURN_IF_ERROR(PrintTables(g, format, tables));
    if (format == OutputFormat::kTable) {
      PrintLine(g, Bilingual("共 {} 个问题", "{} problems", list.rows.size()));
    }
    return OkStatus();
  }

  Status RunShow(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(ProblemView view, ShowLedgerProblem(*ws, ProblemShowRequest{id_}));
    return PrintTables(g, format, ShowTables(view, format, g.lang));
  }

  Status RunView(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(format_));
    ClearanceViewRequest r;
    ASSIGN_OR_RETURN(r.scope, OptionalRegion(region_));
    ASSIGN_OR_RETURN(r.level, ParseLevelOption(level_));
    ASSIGN_OR_RETURN(r.as_of, OptionalDate(as_of_));
    ASSIGN_OR_RETURN(std::unique_ptr<Workspace> ws, Open());
    ASSIGN_OR_RETURN(ClearanceView view, ViewClearance(*ws, r));
    if (format == OutputFormat::kTable) {
      PrintLine(g, Bilingual("清零视图（{0}，截至 {2}）", "clearance view ({1} level, as of {2})",
                             RegionLevelName(view.level, false), RegionLevelName(view.level, true),
                             view.as_of.ToString()));
    }
    const ReportTable tables[] = {ClearanceTable(view, format, g.lang)};
    return PrintTables(g, format, tables);
  }

  std::string db_path_, by_, date_, region_, household_, category_, description_, lead_unit_, unit_, owner_,
      measure_, deadline_, source_ref_, item_, report_, evidence_, note_, status_, source_filter_, as_of_,
      campaign_;
  int deadline_days_ = 30;
  std::string source_ = "inspection";
  std::string encoding_ = "auto";
  std::string format_ = "table";
  std::string level_ = "county";
  std::vector<std::string> files_;
  int64_t id_ = 0;
  bool open_only_ = false;
  bool overdue_ = false;
};

}  // namespace

std::unique_ptr<Command> NewRectifyCommand() { return std::make_unique<RectifyCommand>(); }

}  // namespace jz::cli
