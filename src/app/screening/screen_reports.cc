// The report files of screening (registry_screening.h): the unused feed rows, and the
// warnings and rejected registry rows of the export door, written through io/report_file.h
// so that each follows the path's extension and the user's language.
#include <fmt/format.h>

#include <filesystem>
#include <thread>

#include "app/screening/registry_screening.h"
#include "io/report_file.h"

namespace jz {
namespace {

const std::vector<ReportColumn>& FeedReportColumns() {
  static const std::vector<ReportColumn> kColumns = {{"file", "文件", "file"},
                                                     {"line", "行", "line", CellKind::kInt},
                                                     {"column", "列", "column"},
                                                     {"value", "值", "value"},
                                                     {"reason", "原因", "reason"}};
  return kColumns;
}

const std::vector<ReportColumn>& WarningColumns() {
  static const std::vector<ReportColumn> kColumns = {
      {"household_no", "户编号", "household no"}, {"person_no", "人编号", "person no"},
      {"county", "县", "county", CellKind::kInt}, {"rule", "规则", "rule"},
      {"rule_name", "规则名称", "rule name"},     {"evidence", "依据", "evidence"}};
  return kColumns;
}

// county-summary.csv keeps its machine keys in every language: the screening benchmark
// (bench/screen) compares it byte for byte with DuckDB's and SQLite's answers.
const std::vector<ReportColumn>& CountySummaryColumns() {
  static const std::vector<ReportColumn> kColumns = {
      {"county", "county", "county", CellKind::kInt},
      {"rule_id", "rule_id", "rule_id"},
      {"households", "households", "households", CellKind::kInt}};
  return kColumns;
}

const std::vector<ReportColumn>& RegistryReportColumns() {
  static const std::vector<ReportColumn> kColumns = {{"file", "文件", "file"},
                                                     {"line", "行", "line", CellKind::kInt},
                                                     {"household_no", "户编号", "household no"},
                                                     {"person_no", "人编号", "person no"},
                                                     {"column", "列", "column"},
                                                     {"value", "值", "value"},
                                                     {"rule", "规则", "rule"},
                                                     {"reason", "原因", "reason"}};
  return kColumns;
}

// A policy's rule name in `lang`: policies name rules in zh-Hans only, so English keeps it.
std::string RuleName(const Rule& rule, Lang lang) {
  return lang == Lang::kZhHant ? ToTraditional(rule.name_zh) : rule.name_zh;
}

Status WriteWarnings(const std::string& path, const Snapshot& snapshot, const Policy& policy,
                     const EngineResult& evaluated, Lang lang) {
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("warnings", WarningColumns());
  std::vector<std::string> names;  // each rule's name converted once
  for (const Rule& rule : policy.rules) names.push_back(RuleName(rule, lang));
  for (size_t i = 0; i < evaluated.hits.size(); ++i) {
    const EngineHit& hit = evaluated.hits[i];
    out->Row({std::string(snapshot.household_no[hit.household]),
              hit.person == kNoPerson ? std::string() : snapshot.PersonNo(hit.person, hit.household),
              static_cast<int64_t>(snapshot.county[hit.household]), policy.rules[hit.rule].id,
              names[hit.rule], std::string(evaluated.evidence(i))});
  }
  return out->Close();
}

Status WriteCountySummary(const std::string& path, const ScreenResult& result, Lang lang) {
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("county-summary", CountySummaryColumns());
  for (const auto& [key, households] : result.per_county_rule) {
    out->Row({static_cast<int64_t>(key.first.County6()), key.second, households});
  }
  return out->Close();
}

Status WriteRegistryReport(const std::string& path, const ScreenResult& result, Lang lang) {
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("registry", RegistryReportColumns());
  for (const RowProblem& p : result.registry_problems) {
    out->Row({p.file, p.line, p.household_no, p.person_no, p.column, p.value, std::string(p.rule_id),
              TextIn(lang, p.reason)});
  }
  return out->Close();
}

}  // namespace

Status WriteScreenReport(const std::string& path, const ScreenResult& result, Lang lang) {
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("unused", FeedReportColumns());
  for (const FeedProblem& p : result.problems) {
    out->Row(
        {p.file, p.line > 0 ? ReportCell(p.line) : ReportCell(), p.column, p.value, TextIn(lang, p.reason)});
  }
  const std::string column = TextIn(lang, Bilingual("证件号码", "ID number"));
  const std::string reason = TextIn(
      lang, Bilingual("证件号码不是登记范围内的人员", "the ID number is not a registered person in scope"));
  for (size_t feed = 0; feed < result.unmatched_rows.size(); ++feed) {
    for (const UnmatchedRow& row : result.unmatched_rows[feed]) {
      const std::optional<IdNumber> id = IdNumber::Unpack(row.packed_id);
      out->Row({result.feed_files[feed], row.line, column, id ? id->Masked() : std::string(), reason});
    }
  }
  return out->Close();
}

Status WriteScreenExportFiles(const std::string& out_dir, const Snapshot& snapshot, const Policy& policy,
                              const EngineResult& evaluated, const ScreenResult& result, Lang lang) {
  const std::filesystem::path dir(out_dir);
  // The warnings (a million rows at 10 million persons) and the feed report (as many
  // unmatched rows) are written at the same time.
  Status report_status;
  std::thread report(
      [&] { report_status = WriteScreenReport((dir / "feed-report.csv").string(), result, lang); });
  Status warnings_status = WriteWarnings((dir / "warnings.csv").string(), snapshot, policy, evaluated, lang);
  report.join();
  RETURN_IF_ERROR(warnings_status);
  RETURN_IF_ERROR(report_status);
  RETURN_IF_ERROR(WriteCountySummary((dir / "county-summary.csv").string(), result, lang));
  if (result.registry_problems.empty()) return OkStatus();
  return WriteRegistryReport((dir / "registry-report.csv").string(), result, lang);
}

}  // namespace jz
