// `jingzhun rectify ...`: the rectification ledger (整改台账, 对账销号 → 清零). Subcommands
// add, import, progress, request, confirm, reject, reopen, reassign, list, show, view; the
// rules are in app/rectification.h, this file parses and prints.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "app/verification/campaign_problems.h"
#include "app/rectification/problem_import.h"
#include "app/rectification/rectification.h"
#include "cli/commands/commands.h"
#include "cli/text_table.h"
#include "io/csv_writer.h"
#include "store/sqlite/sqlite_store.h"

namespace jz::cli {
namespace {

constexpr std::string_view kHelp =
    "\n整改台账：每个问题有责任单位、责任人、整改措施、整改时限和佐证材料；销号须由责任人和申请人以外的人确认。\n"
    "状态：待整改 open → 整改中 in_progress → 申请销号 closure_requested → 已销号 closed；\n"
    "reject 退回到整改中，reopen 把已销号的问题重新打开。view 按区划汇总问题数、已销号、未销号、逾期和是否清零。\n"
    "The ledger of problems from campaigns, inspections, validation and assessments: each has a\n"
    "responsible unit, an owner, measures, a deadline and evidence; its closure (销号) is confirmed by\n"
    "someone who is neither the owner nor the requester. view rolls open, closed and overdue counts up\n"
    "to a region level (清零 view).\n\n"
    "导入 Excel 工作簿（.xlsx，第一个工作表）或 CSV；表头 Import .xlsx (first sheet) or CSV; columns (Chinese or English): 问题来源 source, 问题类别 category, 问题描述 description,\n"
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

StatusOr<Date> DateOrToday(const std::string& text) {
  if (text.empty()) return Date::Today();
  return Date::Parse(text);
}

// Counts and rates as JSON numbers, flags as booleans, everything else (codes, names) as text.
nlohmann::json JsonCell(std::string_view key, const std::string& cell) {
  if (cell == "true" || cell == "false") return cell == "true";
  static constexpr std::string_view kNumeric[] = {"id", "total", "closed", "open", "closure_requested", "overdue"};
  if (key == "closure_rate") return std::stod(cell);
  for (std::string_view k : kNumeric) {
    if (key == k) return std::stoll(cell);
  }
  return cell;
}

std::string Percent(double rate) { return fmt::format("{:.1f}%", rate * 100.0); }

class RectifyCommand final : public Command {
 public:
  std::string_view name() const override { return "rectify"; }
  std::string_view summary() const override {
    return "整改台账：建账、对账、销号、清零 | rectification ledger: open, track, close, clearance view";
  }
  std::string_view help() const override { return kHelp; }

  void Setup(CLI::App& app) override {
    app.require_subcommand(1);
    add_ = Sub(app, "add", "新增一个问题 add one problem");
    add_->add_option("--region", region_, "区划代码 region code (any level)");
    add_->add_option("--household", household_, "户编号 household number");
    add_->add_option("--category", category_, "问题类别 category (住房安全, 饮水安全, 识别退出, 项目资金, 工作作风 …)")->required();
    add_->add_option("--description", description_, "问题描述 description")->required();
    add_->add_option("--lead-unit", lead_unit_, "牵头单位 lead unit");
    add_->add_option("--unit", unit_, "责任单位 responsible unit")->required();
    add_->add_option("--owner", owner_, "责任人 owner")->required();
    add_->add_option("--measure", measure_, "整改措施 measures");
    add_->add_option("--deadline", deadline_, "整改时限 deadline")->required();
    add_->add_option("--source", source_, "来源类型 source kind: campaign | inspection | validation | assessment")->capture_default_str();
    add_->add_option("--source-ref", source_ref_, "问题来源 e.g. 督查名称 / 核查编号")->required();
    add_->add_option("--item", item_, "问题编号 item number within the source");

    import_ = Sub(app, "import", "从表格导入问题 import problems from .xlsx or CSV files");
    import_->add_option("FILE", files_, "问题清单（.xlsx 或 CSV）或校验报告 findings (.xlsx or CSV) or validation reports")->required();
    import_->add_option("--source", source_, "无“来源类型”列时的来源类型 default source kind")->capture_default_str();
    import_->add_option("--encoding", encoding_, "编码 auto | utf-8 | gb18030")->capture_default_str();
    import_->add_option("--report", report_, "错误清单 CSV error report");
    import_->add_option("--owner", owner_, "校验报告：责任人 validation reports: owner");
    import_->add_option("--unit", unit_, "校验报告：责任单位 validation reports: responsible unit");
    import_->add_option("--deadline", deadline_, "校验报告：整改时限 validation reports: deadline");
    import_->add_option("--source-ref", source_ref_, "校验报告：问题来源 validation reports: source reference");

    from_campaign_ = Sub(app, "from-campaign", "核查发现的问题建账 open a problem per item a campaign found 不符合");
    from_campaign_->add_option("CAMPAIGN", campaign_, "核查编号 campaign code")->required();
    from_campaign_->add_option("--unit", unit_, "责任单位，{county} 代表农户所在县 responsible unit; {county}: the household's county")->required();
    from_campaign_->add_option("--owner", owner_, "责任人 owner")->required();
    from_campaign_->add_option("--lead-unit", lead_unit_, "牵头单位 lead unit");
    from_campaign_->add_option("--days", deadline_days_, "整改时限：建账后天数 deadline, days after --date")
        ->capture_default_str()
        ->check(CLI::Range(1, 3650));

    for (auto [verb, text] : {std::pair{"progress", "记录整改进展 record progress (with --evidence)"},
                              std::pair{"request", "申请销号 request closure (with --evidence)"},
                              std::pair{"confirm", "确认销号 confirm closure (not the owner, not the requester)"},
                              std::pair{"reject", "退回销号申请 reject the closure (--reason)"},
                              std::pair{"reopen", "重新打开已销号问题 reopen a closed problem (--reason)"},
                              std::pair{"reassign", "更换责任人 give the problem a new owner (--owner)"}}) {
      CLI::App* sub = Sub(app, verb, text);
      sub->add_option("ID", id_, "问题编号 problem id")->required();
      sub->add_option("--evidence", evidence_, "佐证材料 evidence");
      sub->add_option("--note,--reason", note_, "说明或理由 note or reason");
      if (std::string_view(verb) == "reassign") sub->add_option("--owner", owner_, "新责任人 new owner")->required();
      actions_.push_back(sub);
    }

    list_ = Sub(app, "list", "列出问题 list problems");
    list_->add_option("--region", region_, "范围 scope region code");
    list_->add_option("--status", status_, "状态 open | in_progress | closure_requested | closed");
    list_->add_flag("--open", open_only_, "只列未销号 only problems not closed");
    list_->add_flag("--overdue", overdue_, "只列逾期 only overdue problems (as of --as-of)");
    list_->add_option("--source", source_filter_, "来源类型 source kind");
    list_->add_option("--as-of", as_of_, "基准日 as-of date (default today)");
    list_->add_option("--format", format_, "输出格式 table | csv | json")->capture_default_str();

    show_ = Sub(app, "show", "查看一个问题及其记录 show a problem and its history");
    show_->add_option("ID", id_, "问题编号 problem id")->required();
    show_->add_option("--format", format_, "输出格式 table | json")->capture_default_str();

    view_ = Sub(app, "view", "清零视图：按区划汇总 clearance view by region");
    view_->add_option("--region", view_region_, "范围 scope region code")->capture_default_str();
    view_->add_option("--level", level_, "级别 prefecture | county | township | village")->capture_default_str();
    view_->add_option("--as-of", as_of_, "基准日 as-of date (default today)");
    view_->add_option("--format", format_, "输出格式 table | csv | json")->capture_default_str();
  }

  Status Run(const GlobalOptions& g) override {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(db_path_, {.create_if_missing = false}));
    store_ = store.get();
    if (add_->parsed()) return RunAdd(g);
    if (import_->parsed()) return RunImport(g);
    if (from_campaign_->parsed()) return RunFromCampaign(g);
    if (list_->parsed()) return RunList(g);
    if (show_->parsed()) return RunShow(g);
    if (view_->parsed()) return RunView(g);
    for (CLI::App* sub : actions_) {
      if (sub->parsed()) return RunAction(g, sub->get_name());
    }
    return InternalError("no rectify subcommand");
  }

 private:
  CLI::App* Sub(CLI::App& app, const char* name, const char* text) {
    CLI::App* sub = app.add_subcommand(name, text);
    sub->add_option("DB", db_path_, "数据库文件 database file")->required();
    const std::string_view verb(name);
    if (verb != "list" && verb != "show" && verb != "view") {
      sub->add_option("--by", by_, "操作人 who does it")->required();
      sub->add_option("--date", date_, "日期 date (default today)");
    }
    sub->footer(std::string(kHelp.substr(kHelp.find("示例"))));
    return sub;
  }

  StatusOr<std::string> RegionName(RegionCode code) {
    auto it = names_.find(code);
    if (it != names_.end()) return it->second;
    ASSIGN_OR_RETURN(std::optional<Region> region, store_->FindRegion(code));
    return names_[code] = region ? region->name : "";
  }

  Status RunAdd(const GlobalOptions& g) {
    ProblemBatch batch;
    ASSIGN_OR_RETURN(batch.source, ParseProblemSource(source_));
    batch.source_ref = source_ref_;
    batch.actor = by_;
    ASSIGN_OR_RETURN(batch.date, DateOrToday(date_));
    Problem p;
    if (!region_.empty()) {
      ASSIGN_OR_RETURN(p.region, RegionCode::Parse(region_));
    }
    p.household_no = household_;
    ASSIGN_OR_RETURN(p.category, ParseProblemCategory(category_));
    p.description = description_;
    p.lead_unit = lead_unit_;
    p.responsible_unit = unit_;
    p.owner = owner_;
    p.measure = measure_;
    ASSIGN_OR_RETURN(p.deadline, Date::Parse(deadline_));
    p.source_item = item_;
    batch.problems.push_back(std::move(p));
    ASSIGN_OR_RETURN(AddedProblems added, AddProblems(*store_, std::move(batch)));
    const int64_t id = added.ids[0];
    PrintLine(g, added.added ? Bilingual(fmt::format("已建账：问题 {}", id), fmt::format("opened problem {}", id))
                             : Bilingual(fmt::format("台账中已有此问题：问题 {}，未重复建账", id),
                                         fmt::format("already in the ledger as problem {}; not added again", id)));
    return OkStatus();
  }

  Status RunImport(const GlobalOptions& g) {
    ProblemImportOptions options;
    options.actor = by_;
    ASSIGN_OR_RETURN(options.date, DateOrToday(date_));
    ASSIGN_OR_RETURN(options.default_source, ParseProblemSource(source_));
    if (encoding_ != "auto") {
      ASSIGN_OR_RETURN(options.encoding, ParseTextEncoding(encoding_));
    }
    options.owner = owner_;
    options.responsible_unit = unit_;
    options.validation_ref = source_ref_;
    if (!deadline_.empty()) {
      ASSIGN_OR_RETURN(options.deadline, Date::Parse(deadline_));
    }
    ASSIGN_OR_RETURN(ProblemImportResult result, ImportProblemFiles(*store_, files_, options));
    if (!report_.empty()) RETURN_IF_ERROR(WriteProblemImportReport(result, report_));
    RETURN_IF_ERROR(ProblemImportStatus(result));
    PrintLine(g, Bilingual(fmt::format("读入 {} 个问题：新建账 {} 个，台账中已有 {} 个", result.rows, result.added, result.unchanged),
                           fmt::format("read {} problems: {} added, {} already in the ledger", result.rows, result.added,
                                       result.unchanged)));
    return OkStatus();
  }

  Status RunFromCampaign(const GlobalOptions& g) {
    CampaignProblemsRequest request;
    request.campaign = campaign_;
    request.responsible_unit = unit_;
    request.owner = owner_;
    request.lead_unit = lead_unit_;
    request.actor = by_;
    ASSIGN_OR_RETURN(request.date, DateOrToday(date_));
    request.deadline_days = deadline_days_;
    ASSIGN_OR_RETURN(AddedProblems added, OpenProblemsFromCampaign(*store_, request));
    PrintLine(g, Bilingual(fmt::format("核查 {} 发现的问题：新建账 {} 个，台账中已有 {} 个", campaign_, added.added, added.unchanged),
                           fmt::format("problems found by campaign {}: {} added, {} already in the ledger", campaign_,
                                       added.added, added.unchanged)));
    return OkStatus();
  }

  Status RunAction(const GlobalOptions& g, const std::string& verb) {
    ProblemAction action{id_, by_, {}, evidence_, note_};
    ASSIGN_OR_RETURN(action.date, DateOrToday(date_));
    if (verb == "progress") RETURN_IF_ERROR(RecordProgress(*store_, action));
    if (verb == "request") RETURN_IF_ERROR(RequestClosure(*store_, action));
    if (verb == "confirm") RETURN_IF_ERROR(ConfirmClosure(*store_, action));
    if (verb == "reject") RETURN_IF_ERROR(RejectClosure(*store_, action));
    if (verb == "reopen") RETURN_IF_ERROR(ReopenProblem(*store_, action));
    if (verb == "reassign") RETURN_IF_ERROR(ReassignProblem(*store_, action, owner_));
    ASSIGN_OR_RETURN(ProblemDetail d, ShowProblem(*store_, id_));
    PrintLine(g, Bilingual(fmt::format("问题 {}：{}，责任人 {}", id_, ProblemStatusLabel(d.problem.status, Lang::kZhHans),
                                       d.problem.owner),
                           fmt::format("problem {}: {}, owner {}", id_, ProblemStatusKey(d.problem.status), d.problem.owner)));
    return OkStatus();
  }

  // The columns of list, in order: key (CSV/JSON), zh, en.
  static constexpr std::array<std::array<std::string_view, 3>, 13> kListColumns = {{
      {"id", "编号", "id"}, {"region_code", "区划代码", "region"}, {"region_name", "地区", "name"},
      {"category", "类别", "category"}, {"description", "问题描述", "description"},
      {"responsible_unit", "责任单位", "unit"}, {"owner", "责任人", "owner"}, {"deadline", "整改时限", "deadline"},
      {"status", "状态", "status"}, {"overdue", "逾期", "overdue"}, {"source", "来源类型", "source"},
      {"source_ref", "问题来源", "source ref"}, {"household_no", "户编号", "household"},
  }};

  StatusOr<std::vector<std::string>> ListCells(const GlobalOptions& g, const Problem& p, Date as_of, bool keys) {
    ASSIGN_OR_RETURN(std::string name, RegionName(p.region));
    const bool en = g.lang == Lang::kEn;
    const bool overdue = IsOverdue(p, as_of);
    return std::vector<std::string>{
        std::to_string(p.id), p.region.ShortString(), name, ProblemCategoryLabel(p.category, g.lang), p.description,
        p.responsible_unit, p.owner, p.deadline.ToString(),
        keys ? std::string(ProblemStatusKey(p.status)) : ProblemStatusLabel(p.status, g.lang),
        keys ? (overdue ? "true" : "false") : (overdue ? (en ? "yes" : "是") : ""),
        keys ? std::string(ProblemSourceKey(p.source)) : ProblemSourceLabel(p.source, g.lang), p.source_ref,
        p.household_no};
  }

  Status RunList(const GlobalOptions& g) {
    ProblemQuery query;
    if (!region_.empty()) {
      ASSIGN_OR_RETURN(query.scope, RegionCode::Parse(region_));
    }
    if (!status_.empty()) {
      ASSIGN_OR_RETURN(query.status, ParseProblemStatus(status_));
    }
    if (!source_filter_.empty()) {
      ASSIGN_OR_RETURN(query.source, ParseProblemSource(source_filter_));
    }
    query.open_only = open_only_;
    ASSIGN_OR_RETURN(Date as_of, DateOrToday(as_of_));
    if (overdue_) query.overdue_as_of = as_of;
    ASSIGN_OR_RETURN(std::vector<Problem> problems, ListProblems(*store_, query));
    const bool en = g.lang == Lang::kEn;
    const bool keys = format_ != "table";
    std::vector<std::vector<std::string>> rows;
    for (const Problem& p : problems) {
      ASSIGN_OR_RETURN(std::vector<std::string> cells, ListCells(g, p, as_of, keys));
      rows.push_back(std::move(cells));
    }
    if (format_ == "table") {
      std::vector<std::string> header;
      for (size_t c = 0; c < 10; ++c) header.emplace_back(en ? kListColumns[c][2] : kListColumns[c][1]);
      TextTable table(header);
      for (auto& row : rows) table.AddRow(std::vector<std::string>(row.begin(), row.begin() + 10));
      fmt::print("{}", Localize(g, table.Render()));
      PrintLine(g, Bilingual(fmt::format("共 {} 个问题", rows.size()), fmt::format("{} problems", rows.size())));
      return OkStatus();
    }
    return PrintKeyed(kListColumns, rows);
  }

  template <size_t N>
  Status PrintKeyed(const std::array<std::array<std::string_view, 3>, N>& columns,
                    const std::vector<std::vector<std::string>>& rows) {
    if (format_ == "csv") {
      std::string out;
      auto csv = CsvWriter::ToString(&out);
      for (const auto& c : columns) csv->Field(c[0]);
      csv->EndRow();
      for (const auto& row : rows) {
        for (const std::string& cell : row) csv->Field(cell);
        csv->EndRow();
      }
      RETURN_IF_ERROR(csv->Close());
      fmt::print("{}", out);
      return OkStatus();
    }
    if (format_ != "json") return BadFormatError(format_);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rows) {
      nlohmann::json j;
      for (size_t c = 0; c < N; ++c) j[std::string(columns[c][0])] = JsonCell(columns[c][0], row[c]);
      out.push_back(std::move(j));
    }
    fmt::print("{}\n", out.dump(2));
    return OkStatus();
  }

  Status RunShow(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(ProblemDetail d, ShowProblem(*store_, id_));
    const Problem& p = d.problem;
    ASSIGN_OR_RETURN(std::string name, RegionName(p.region));
    if (format_ == "json") {
      nlohmann::json j = {{"id", p.id}, {"region_code", p.region.ShortString()}, {"region_name", name},
                          {"household_no", p.household_no}, {"source", ProblemSourceKey(p.source)},
                          {"source_ref", p.source_ref}, {"item", p.source_item},
                          {"category", ProblemCategoryLabel(p.category, g.lang)}, {"description", p.description},
                          {"lead_unit", p.lead_unit}, {"responsible_unit", p.responsible_unit}, {"owner", p.owner},
                          {"measure", p.measure}, {"deadline", p.deadline.ToString()},
                          {"status", ProblemStatusKey(p.status)}, {"allowed_next", AllowedActions(p.status)}};
      j["events"] = nlohmann::json::array();
      for (const ProblemEvent& e : d.events) {
        j["events"].push_back({{"date", e.date.ToString()}, {"kind", ProblemEventKindKey(e.kind)}, {"actor", e.actor},
                               {"evidence", e.evidence}, {"note", e.note}});
      }
      fmt::print("{}\n", j.dump(2));
      return OkStatus();
    }
    if (format_ != "table") return BadFormatError(format_);
    const bool en = g.lang == Lang::kEn;
    TextTable fields({en ? "field" : "项目", en ? "value" : "内容"});
    auto add = [&](std::string_view zh, std::string_view e, std::string value) {
      fields.AddRow({std::string(en ? e : zh), std::move(value)});
    };
    add("问题编号", "id", std::to_string(p.id));
    add("地区", "region", fmt::format("{} {}", p.region.ShortString(), name));
    if (!p.household_no.empty()) add("户编号", "household", p.household_no);
    add("问题来源", "source", fmt::format("{}{}{} {}", ProblemSourceLabel(p.source, g.lang), en ? ": " : "：", p.source_ref, p.source_item));
    add("问题类别", "category", ProblemCategoryLabel(p.category, g.lang));
    add("问题描述", "description", p.description);
    add("牵头单位", "lead unit", p.lead_unit);
    add("责任单位", "responsible unit", p.responsible_unit);
    add("责任人", "owner", p.owner);
    add("整改措施", "measure", p.measure);
    add("整改时限", "deadline", p.deadline.ToString());
    add("状态", "status", ProblemStatusLabel(p.status, g.lang));
    std::string next;
    for (std::string_view v : AllowedActions(p.status)) next += (next.empty() ? "" : ", ") + std::string(v);
    add("可执行", "allowed next", next);
    fmt::print("{}\n", Localize(g, fields.Render()));
    TextTable events({en ? "date" : "日期", en ? "event" : "记录", en ? "by" : "操作人", en ? "evidence" : "佐证材料",
                      en ? "note" : "说明"});
    for (const ProblemEvent& e : d.events) {
      events.AddRow({e.date.ToString(), ProblemEventKindLabel(e.kind, g.lang), e.actor, e.evidence, e.note});
    }
    fmt::print("{}", Localize(g, events.Render()));
    return OkStatus();
  }

  static constexpr std::array<std::array<std::string_view, 3>, 10> kViewColumns = {{
      {"region_code", "区划代码", "code"}, {"region_name", "名称", "region"}, {"total", "问题数", "problems"},
      {"closed", "已销号", "closed"}, {"open", "未销号", "open"}, {"closure_requested", "申请销号", "requested"},
      {"overdue", "逾期", "overdue"}, {"closure_rate", "销号率", "closure rate"}, {"cleared", "清零", "cleared"},
      {"own_level", "本级", "own level"},
  }};

  std::vector<std::string> ViewCells(const GlobalOptions& g, const ClearanceRow& r, bool keys) {
    const bool en = g.lang == Lang::kEn;
    std::string name = r.name;
    if (!keys && r.own_level) name += en ? " (own level)" : "（本级）";
    return {r.code.ShortString(), name, std::to_string(r.total), std::to_string(r.closed), std::to_string(r.open),
            std::to_string(r.closure_requested), std::to_string(r.overdue),
            keys ? fmt::format("{:.4f}", r.ClosureRate()) : Percent(r.ClosureRate()),
            keys ? (r.Cleared() ? "true" : "false") : (r.Cleared() ? (en ? "yes" : "是") : (en ? "no" : "否")),
            keys ? (r.own_level ? "true" : "false") : ""};
  }

  Status RunView(const GlobalOptions& g) {
    ASSIGN_OR_RETURN(RegionCode scope, RegionCode::Parse(view_region_));
    ASSIGN_OR_RETURN(RegionLevel level, ParseLevelOption(level_));
    ASSIGN_OR_RETURN(Date as_of, DateOrToday(as_of_));
    ASSIGN_OR_RETURN(ClearanceView view, ComputeClearanceView(*store_, scope, level, as_of));
    const bool keys = format_ != "table";
    std::vector<std::vector<std::string>> rows;
    for (const ClearanceRow& r : view.rows) rows.push_back(ViewCells(g, r, keys));
    std::vector<std::string> total = ViewCells(g, view.total, keys);
    if (format_ != "table") {
      rows.push_back(std::move(total));
      return PrintKeyed(kViewColumns, rows);
    }
    const bool en = g.lang == Lang::kEn;
    std::vector<std::string> header;
    for (size_t c = 0; c < 9; ++c) header.emplace_back(en ? kViewColumns[c][2] : kViewColumns[c][1]);
    TextTable table(header);
    for (auto& row : rows) table.AddRow(std::vector<std::string>(row.begin(), row.begin() + 9));
    total[1] = fmt::format("{} {}", en ? "total" : "合计", total[1]);
    table.AddRow(std::vector<std::string>(total.begin(), total.begin() + 9));
    PrintLine(g, Bilingual(fmt::format("清零视图（{}，截至 {}）", RegionLevelName(level, false), as_of.ToString()),
                           fmt::format("clearance view ({} level, as of {})", RegionLevelName(level, true), as_of.ToString())));
    fmt::print("{}", Localize(g, table.Render()));
    return OkStatus();
  }

  CLI::App *add_ = nullptr, *import_ = nullptr, *list_ = nullptr, *show_ = nullptr, *view_ = nullptr, *from_campaign_ = nullptr;
  std::vector<CLI::App*> actions_;
  Store* store_ = nullptr;
  std::map<RegionCode, std::string> names_;

  std::string db_path_, by_, date_, region_, household_, category_, description_, lead_unit_, unit_, owner_, measure_,
      deadline_, source_ref_, item_, report_, evidence_, note_, status_, source_filter_, as_of_, campaign_;
  int deadline_days_ = 30;
  std::string source_ = "inspection";
  std::string encoding_ = "auto";
  std::string format_ = "table";
  std::string view_region_ = "22";
  std::string level_ = "county";
  std::vector<std::string> files_;
  int64_t id_ = 0;
  bool open_only_ = false;
  bool overdue_ = false;
};

}  // namespace

std::unique_ptr<Command> NewRectifyCommand() { return std::make_unique<RectifyCommand>(); }

}  // namespace jz::cli
