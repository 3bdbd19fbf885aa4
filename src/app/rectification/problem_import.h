// Use case: open ledger problems from spreadsheets (建账). Two layouts are read, told apart
// by their header:
//
//  1. inspection findings (督查巡查、考核反馈问题清单), one problem per row, Chinese column
//     names or English aliases, in any order; other columns (序号, 备注 …) are ignored:
//       问题来源 source (required)        来源类型 source_kind (optional: 核查, 督查巡查, 数据校验, 考核评估)
//       问题编号 item_no (optional)        问题类别 category (required)
//       问题描述 description (required)   区划代码 region_code / 所在地区 region_name
//       户编号 household_no (optional)     牵头单位 lead_unit (optional)
//       责任单位 responsible_unit (req.)   责任人 owner (required)
//       整改措施 measure (optional)        整改时限 deadline (required)
//     A row needs a region: a loaded 区划代码, or a 所在地区 name that names exactly one
//     loaded region (a path such as "汪清县汪清镇新民村委会" narrows it), or a household.
//  2. the report of `jingzhun validate --report` (规则, 严重程度, 户编号, 人编号, 行政区划代码,
//     字段, 值, 说明): each error-severity finding becomes a problem of source validation,
//     category 数据质量, with the owner, unit and deadline given in the options.
//
// Files are UTF-8 (with or without BOM) or GB18030, detected unless an encoding is given.
// The whole input is checked first; any bad row refuses the import with every error listed
// (file, line, field, value) and nothing stored. A good input is stored in one transaction.
//
// Idempotency: each problem's key is ProblemKey() (rectification.h): the source kind, the
// 问题来源 and the 问题编号 when the file numbers its problems, else a hash of region,
// household, category and description. Importing the same file again adds nothing; a row
// whose key is already in the ledger is counted as unchanged and not updated (after 建账
// the ledger, not the spreadsheet, is the record). Two rows of the input with the same
// key are an error.
#ifndef JZ_APP_RECTIFICATION_PROBLEM_IMPORT_H_
#define JZ_APP_RECTIFICATION_PROBLEM_IMPORT_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/rectification/rectification.h"
#include "core/i18n.h"
#include "io/text_encoding.h"
#include "store/store.h"

namespace jz {

struct ProblemImportOptions {
  std::string actor;                                          // who opens the entries (建账人); required
  Date date;                                                  // when
  ProblemSource default_source = ProblemSource::kInspection;  // rows without 来源类型
  std::optional<TextEncoding> encoding;                       // nullopt: detect
  // Validation reports only: who answers for the data-quality problems, and by when.
  std::string responsible_unit;
  std::string owner;
  std::optional<Date> deadline;
  std::string validation_ref;  // 问题来源 of the findings; default "数据校验 <date>"
};

// Reads every file of `paths`, checks all rows, and stores them when none is bad.
// Problems with a file (missing, bad encoding, missing column) are errors of the result,
// not a failed status; the status fails only when the store does.
StatusOr<ProblemImportResult> ImportProblemFiles(Store& store, std::span<const std::string> paths,
                                                 const ProblemImportOptions& options);

// InvalidArgument summarising `result.errors` (count and the first few), OK when none.
Status ProblemImportStatus(const ProblemImportResult& result);

// Writes every error to `path`: 文件, 行, 字段, 值, 说明, with headers and messages in `lang`,
// as .xlsx when `path` ends in .xlsx and CSV otherwise.
[[nodiscard]] Status WriteProblemImportReport(const ProblemImportResult& result, const std::string& path,
                                              Lang lang = Lang::kZhHans);

}  // namespace jz

#endif  // JZ_APP_RECTIFICATION_PROBLEM_IMPORT_H_
