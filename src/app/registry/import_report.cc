// The import's report files: the machine-readable error report, the change report, and
// where each report goes. The user-layout copy is written by internal/import_rows.cc.
#include <filesystem>

#include "app/registry/registry_importer.h"
#include "io/csv_writer.h"

namespace jz {
namespace {

// The report's path without its ".csv", so the other reports sit beside it under one name.
std::string ReportStem(const std::string& report_path) {
  std::filesystem::path path(report_path);
  if (path.extension() == ".csv") path.replace_extension();
  return path.string();
}

}  // namespace

std::string LayoutReportPath(const std::string& report_path, const std::string& file) {
  std::filesystem::path name = std::filesystem::path(file).filename();
  // A workbook's copy is an .xlsx (an .xls cannot be written); anything else is CSV.
  const std::string ext = name.extension().string();
  if (ext == ".xls") {
    name.replace_extension(".xlsx");
  } else if (ext != ".xlsx" && ext != ".csv" && ext != ".txt") {
    name += ".csv";
  }
  return ReportStem(report_path) + "." + name.string();
}

std::string ChangeReportPath(const std::string& report_path) {
  return ReportStem(report_path) + ".changes.csv";
}

Status WriteImportReport(const std::string& path, const std::vector<RowProblem>& problems) {
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> out, CsvWriter::Create(path));
  out->Row({"文件", "行", "户编号", "人编号", "列", "值", "规则", "原因"});
  for (const RowProblem& p : problems) {
    out->Field(p.file);
    out->Field(p.line);
    out->Field(p.household_no);
    out->Field(p.person_no);
    out->Field(p.column);
    out->Field(p.value);
    out->Field(p.rule_id);
    out->Field(MessageHalf(p.reason, false));
    out->EndRow();
  }
  return out->Close();
}

Status WriteChangeReport(const std::string& path, const std::vector<HouseholdChange>& changes) {
  ASSIGN_OR_RETURN(std::unique_ptr<CsvWriter> out, CsvWriter::Create(path));
  out->Row({"户编号", "变更", "成员", "年度", "字段", "原值", "新值"});
  for (const HouseholdChange& c : changes) {
    out->Field(c.household_no);
    out->Field(ChangeKindLabel(c.kind));
    out->Field(c.member);
    if (c.data_year > 0) {
      out->Field(int64_t{c.data_year});
    } else {
      out->EmptyField();
    }
    out->Field(c.field);
    out->Field(c.old_value);
    out->Field(c.new_value);
    out->EndRow();
  }
  return out->Close();
}

}  // namespace jz
