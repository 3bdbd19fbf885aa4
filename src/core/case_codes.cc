// The contents of the workflow code lists of monitoring cases (case_codes.h): per list its
// rows {enumerator, zh-Hans label, English label} and the CLI names accepted as aliases.
// The zh-Hans labels are those the case commands have always printed.
#include "core/case_codes.h"

#include "core/internal/code_list_builders.h"

namespace jz {

using internal::Alias;
using internal::CodeAlias;
using internal::CodeList;
using internal::CodeRow;
using internal::NewList;
using internal::Row;

const CodeList& CodeListTraits<CaseSource>::List() {
  using enum CaseSource;
  static constexpr CodeRow kRows[] = {
      Row(kScreening, "部门筛查预警", "screening"),
      Row(kVisit, "干部排查", "cadre visit"),
      Row(kApplication, "农户申报", "household application"),
  };
  static constexpr CodeAlias kAliases[] = {Alias("visit", kVisit), Alias("application", kApplication)};
  static const CodeList& kList = NewList("线索来源", "Case source", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<CaseState>::List() {
  using enum CaseState;
  static constexpr CodeRow kRows[] = {
      Row(kLead, "线索", "lead"),
      Row(kVerified, "已核实", "verified"),
      Row(kNotIncluded, "不纳入", "not included"),
      Row(kIncluded, "已纳入", "included"),
      Row(kAssisting, "帮扶中", "assisting"),
      Row(kEliminationProposed, "风险消除已提出", "elimination proposed"),
      Row(kEliminated, "已消除", "eliminated"),
  };
  static constexpr CodeAlias kAliases[] = {Alias("not_included", kNotIncluded),
                                           Alias("elimination_proposed", kEliminationProposed)};
  static const CodeList& kList = NewList("案件状态", "Case state", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<CaseAction>::List() {
  using enum CaseAction;
  static constexpr CodeRow kRows[] = {
      Row(kOpen, "登记线索", "open"),
      Row(kVerify, "入户核实", "verify"),
      Row(kExclude, "不纳入", "exclude"),
      Row(kInclude, "纳入监测", "include"),
      Row(kMeasure, "记录帮扶措施", "record measure"),
      Row(kPropose, "提出风险消除", "propose elimination"),
      Row(kEliminate, "标注风险消除", "eliminate"),
      Row(kKeep, "继续监测", "keep monitoring"),
  };
  static constexpr CodeAlias kAliases[] = {Alias("measure", kMeasure), Alias("propose", kPropose),
                                           Alias("keep", kKeep)};
  static const CodeList& kList = NewList("案件操作", "Case action", kRows, kAliases);
  return kList;
}

const CodeList& CodeListTraits<VisitMode>::List() {
  using enum VisitMode;
  static constexpr CodeRow kRows[] = {
      Row(kInPerson, "入户", "in person"),
      Row(kPhone, "电话", "phone"),
      Row(kVideo, "视频", "video"),
      Row(kOther, "其他", "other"),
  };
  static constexpr CodeAlias kAliases[] = {Alias("in-person", kInPerson)};
  static const CodeList& kList = NewList("走访方式", "Visit mode", kRows, kAliases);
  return kList;
}

}  // namespace jz
