// The tables of the `cases` command (case_tables.h).
#include "cli/commands/case_tables.h"

#include <fmt/format.h>

#include "core/code_lists.h"

namespace jz::cli {
namespace {

ReportCell DateCell(const std::optional<Date>& d) { return d ? ReportCell(d->ToString()) : ReportCell(); }
ReportCell Text(std::string_view text) { return std::string(text); }

std::string JoinRisks(const std::vector<RiskCategory>& risks, Lang lang) {
  std::string out;
  for (RiskCategory r : risks) {
    if (!out.empty()) out += ',';
    out += Label(r, lang);
  }
  return out;
}

// The columns of a case row (list, show). English headers are the keys, as they always were.
std::vector<ReportColumn> CaseColumns() {
  return {{"case", "案件", "case", CellKind::kInt},
          {"household", "户编号", "household"},
          {"village", "村", "village"},
          {"state", "状态", "state"},
          {"source", "来源", "source"},
          {"lead_date", "线索日期", "lead_date"},
          {"identified", "认定日期", "identified"},
          {"monitoring_type", "监测类型", "monitoring_type"},
          {"risks", "风险类别", "risks"}};
}

std::vector<ReportCell> CaseCells(const MonitoringCase& c, Lang lang) {
  return {c.id,
          c.household_no,
          c.village.ToString(),
          Text(Label(c.state, lang)),
          Text(Label(c.source, lang)),
          c.lead_date.ToString(),
          DateCell(c.identified_date),
          c.monitoring_type ? Text(Label(*c.monitoring_type, lang)) : ReportCell(),
          JoinRisks(c.risks, lang)};
}

}  // namespace

ReportTable CaseTable(std::span<const MonitoringCase> cases, Lang lang) {
  ReportTable t("cases", CaseColumns());
  for (const MonitoringCase& c : cases) t.AddRow(CaseCells(c, lang));
  return t;
}

ReportTable EventTable(const CaseDetail& d, Lang lang) {
  ReportTable t("events", {{"seq", "序号", "seq", CellKind::kInt},
                           {"action", "操作", "action"},
                           {"from", "原状态", "from"},
                           {"to", "新状态", "to"},
                           {"date", "日期", "date"},
                           {"actor", "操作人", "actor"},
                           {"evidence", "依据", "evidence"},
                           {"appraisal", "民主评议", "appraisal"},
                           {"notice", "公示", "notice"},
                           {"approved", "县级审定", "approved"},
                           {"reason", "理由", "reason"},
                           {"details", "内容", "details"},
                           {"recorded_at", "录入时间", "recorded_at"}});
  for (const CaseEvent& e : d.events) {
    const ReportCell notice =
        e.notice_start
            ? ReportCell(e.notice_start->ToString() + "~" + (e.notice_end ? e.notice_end->ToString() : ""))
            : ReportCell();
    t.AddRow({int64_t{e.seq}, Text(Label(e.action, lang)),
              e.from_state ? Text(Label(*e.from_state, lang)) : ReportCell(), Text(Label(e.to_state, lang)),
              e.event_date.ToString(), e.actor, e.evidence, DateCell(e.appraisal_date), notice,
              DateCell(e.approval_date), e.reason, e.payload, e.recorded_at});
  }
  return t;
}

ReportTable OverdueTable(const OverdueResult& r, Lang lang) {
  ReportTable t("overdue", {{"case", "案件", "case", CellKind::kInt},
                            {"household", "户编号", "household"},
                            {"village", "村", "village"},
                            {"state", "状态", "state"},
                            {"lead_date", "线索日期", "lead_date"},
                            {"identified", "认定日期", "identified"},
                            {"days", "天数", "days", CellKind::kInt},
                            {"status", "情况", "status"}});
  for (const OverdueCase& x : r.cases) {
    const char* status = x.identified ? (lang == Lang::kEn ? "identified late" : "超期认定")
                                      : (lang == Lang::kEn ? "still waiting" : "尚未认定");
    t.AddRow({x.c.id, x.c.household_no, x.c.village.ToString(), Text(Label(x.c.state, lang)),
              x.c.lead_date.ToString(), DateCell(x.c.identified_date), int64_t{x.days}, std::string(status)});
  }
  return t;
}

ReportTable SummaryTable(const CaseSummaryResult& r, Lang lang) {
  std::vector<ReportColumn> columns = {{"region_code", "区划代码", "region_code"},
                                       {"region_name", "名称", "region_name"}};
  for (CaseState state : AllValues<CaseState>()) {
    const std::string key = state == CaseState::kNotIncluded           ? "not_included"
                            : state == CaseState::kEliminationProposed ? "elimination_proposed"
                                                                       : std::string(Label(state, Lang::kEn));
    columns.push_back({key, std::string(Label(state)), key, CellKind::kInt});
  }
  columns.push_back({"overdue", fmt::format("超{}天未认定", r.days), "overdue", CellKind::kInt});
  columns.push_back({"total", "合计", "total", CellKind::kInt});
  ReportTable t("summary", std::move(columns));
  auto add = [&](const CaseRegionCounts& c, std::string name) {
    std::vector<ReportCell> cells = {c.region.ShortString(), std::move(name)};
    for (int64_t n : c.by_state) cells.push_back(n);
    cells.push_back(c.overdue);
    cells.push_back(c.total);
    t.AddRow(std::move(cells));
  };
  for (const CaseRegionCounts& c : r.summary.regions) add(c, c.name);
  add(r.summary.total, (lang == Lang::kEn ? "total " : "合计 ") + r.summary.total.name);
  return t;
}

ReportTable UnvisitedTable(const UnvisitedResult& r, Lang lang) {
  ReportTable t("unvisited", {{"household", "户编号", "household"},
                              {"village", "村", "village"},
                              {"case", "案件", "case", CellKind::kInt},
                              {"state", "状态", "state"},
                              {"last_visit", "最近走访", "last_visit"},
                              {"cadre", "帮扶责任人", "cadre"}});
  for (const UnvisitedHousehold& u : r.households) {
    t.AddRow({u.c.household_no, u.c.village.ToString(), u.c.id, Text(Label(u.c.state, lang)),
              DateCell(u.last_visit),
              u.cadre.empty() ? std::string(lang == Lang::kEn ? "none" : "未指定") : u.cadre});
  }
  return t;
}

}  // namespace jz::cli
