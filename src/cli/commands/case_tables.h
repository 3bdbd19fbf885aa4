// The tables the `cases` command prints (list, show, overdue, summary, unvisited), built from
// the results of app/cases/case_requests.h as ReportTables for the row printer.
#ifndef JZ_CLI_COMMANDS_CASE_TABLES_H_
#define JZ_CLI_COMMANDS_CASE_TABLES_H_

#include <span>

#include "app/cases/case_requests.h"
#include "io/report_table.h"

namespace jz::cli {

ReportTable CaseTable(std::span<const MonitoringCase> cases, Lang lang);
ReportTable EventTable(const CaseDetail& d, Lang lang);
ReportTable OverdueTable(const OverdueResult& r, Lang lang);
ReportTable SummaryTable(const CaseSummaryResult& r, Lang lang);
ReportTable UnvisitedTable(const UnvisitedResult& r, Lang lang);

}  // namespace jz::cli

#endif  // JZ_CLI_COMMANDS_CASE_TABLES_H_
