// ReportFile: one streaming writer of report files as CSV or .xlsx (report_file.h).
#include "io/report_file.h"

#include <cassert>

#include "io/csv_writer.h"
#include "io/internal/xlsx_layout.h"
#include "io/xlsx_writer.h"

namespace jz {

ReportFile::ReportFile(std::string path, Lang lang) : path_(std::move(path)), lang_(lang) {}

ReportFile::~ReportFile() = default;

StatusOr<std::unique_ptr<ReportFile>> ReportFile::Create(const std::string& path, Lang lang) {
  std::unique_ptr<ReportFile> file(new ReportFile(path, lang));
  if (IsXlsxOutputPath(path)) {
    ASSIGN_OR_RETURN(file->xlsx_, XlsxWriter::Create(path));
  } else {
    ASSIGN_OR_RETURN(file->csv_, CsvWriter::Create(path));
  }
  return file;
}

void ReportFile::StartTable(std::string_view name, std::span<const ReportColumn> columns) {
  columns_ = columns;
  std::vector<std::string> header;
  for (const ReportColumn& c : columns) {
    header.push_back(lang_ == Lang::kEn ? c.en : lang_ == Lang::kZhHant ? ToTraditional(c.zh) : c.zh);
  }
  if (xlsx_) {
    xlsx_->StartSheet(name, header);
  } else {
    if (tables_ > 0) csv_->EndRow();  // a blank line between tables
    for (const std::string& h : header) csv_->Field(h);
    csv_->EndRow();
  }
  ++tables_;
}

void ReportFile::Row(std::span<const ReportCell> cells) {
  assert(cells.size() == columns_.size());
  for (size_t c = 0; c < cells.size(); ++c) {
    if (xlsx_) {
      internal::WriteReportCell(*xlsx_, cells[c], columns_[c].kind);
    } else if (const auto* text = std::get_if<std::string>(&cells[c])) {
      csv_->Field(*text);  // through the formula guard
    } else {
      csv_->RawField(ReportTable::PlainCell(cells[c], columns_[c].kind));
    }
  }
  if (xlsx_) {
    xlsx_->EndRow();
  } else {
    csv_->EndRow();
  }
}

Status ReportFile::Close() { return xlsx_ ? xlsx_->Close() : csv_->Close(); }

Status WriteReportFile(const std::string& path, std::span<const ReportTable> tables, Lang lang) {
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> file, ReportFile::Create(path, lang));
  for (const ReportTable& table : tables) {
    file->StartTable(table.name(), table.columns());
    for (const std::vector<ReportCell>& cells : table.rows()) file->Row(cells);
  }
  return file->Close();
}

std::string TextIn(Lang lang, std::string_view bilingual) {
  switch (lang) {
    case Lang::kEn:
      return MessageHalf(bilingual, true);
    case Lang::kZhHant:
      return ToTraditional(MessageHalf(bilingual, false));
    case Lang::kZhHans:
      break;
  }
  return MessageHalf(bilingual, false);
}

}  // namespace jz
