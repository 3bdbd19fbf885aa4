// The builders every code-list table uses (code_list_tables.cc for the national lists,
// case_codes.cc and verification_codes.cc for the workflow lists): rows and aliases written
// with enumerators, and lists that live for the whole process. One mechanism for every list.
#ifndef JZ_CORE_INTERNAL_CODE_LIST_BUILDERS_H_
#define JZ_CORE_INTERNAL_CODE_LIST_BUILDERS_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/code_lists.h"

namespace jz::internal {

template <class E>
constexpr CodeRow Row(E value, std::string_view zh_hans, std::string_view en) {
  return {static_cast<uint8_t>(value), zh_hans, en};
}

template <class E>
constexpr CodeAlias Alias(std::string_view spelling, E value) {
  return {spelling, static_cast<uint8_t>(value)};
}

// Returns a list that lives for the rest of the process (never destroyed, Google style).
inline const CodeList& NewList(std::string_view name_zh_hans, std::string_view name_en,
                               std::span<const CodeRow> rows, std::span<const CodeAlias> aliases = {},
                               int code_digits = 1, std::span<const CodeNumberAlias> alias_codes = {}) {
  return *new CodeList(CodeListSpec{name_zh_hans, name_en, code_digits, rows, aliases, alias_codes});
}

// One value of a workflow list (states, actions, levels …): its labels and the English
// command-line name, which Parse<E>() accepts too.
struct WorkflowRow {
  uint8_t code;
  std::string_view zh_hans;
  std::string_view en;
  std::string_view cli;
};

template <class E>
constexpr WorkflowRow Row(E value, std::string_view zh_hans, std::string_view en, std::string_view cli) {
  return {static_cast<uint8_t>(value), zh_hans, en, cli};
}

// A workflow list with the storage of its rows and aliases: the CodeList's spans point into the
// vectors of the same allocation, which therefore stays reachable (no leak report) and lives as
// long as the list.
struct OwnedWorkflowList {
  OwnedWorkflowList(std::string_view name_zh_hans, std::string_view name_en, std::span<const WorkflowRow> in,
                    std::span<const CodeAlias> extra)
      : rows(RowsOf(in)),
        aliases(AliasesOf(in, extra)),
        list(CodeListSpec{name_zh_hans, name_en, 1, rows, aliases, {}}) {}

  static std::vector<CodeRow> RowsOf(std::span<const WorkflowRow> in) {
    std::vector<CodeRow> out;
    for (const WorkflowRow& row : in) out.push_back({row.code, row.zh_hans, row.en});
    return out;
  }
  // The command-line names are aliases, after the `extra` spellings.
  static std::vector<CodeAlias> AliasesOf(std::span<const WorkflowRow> in, std::span<const CodeAlias> extra) {
    std::vector<CodeAlias> out(extra.begin(), extra.end());
    for (const WorkflowRow& row : in) out.push_back({row.cli, row.code});
    return out;
  }

  std::vector<CodeRow> rows;
  std::vector<CodeAlias> aliases;
  CodeList list;
};

// A workflow list built from `rows` and `extra` aliases; the command-line names become aliases.
// Lives for the rest of the process (never destroyed), like the national lists.
inline const CodeList& NewWorkflowList(std::string_view name_zh_hans, std::string_view name_en,
                                       std::span<const WorkflowRow> rows,
                                       std::span<const CodeAlias> extra = {}) {
  return (new OwnedWorkflowList(name_zh_hans, name_en, rows, extra))->list;
}

// The command-line name of `value` in `rows`, or "" when it has none.
template <class E>
std::string_view CliNameIn(std::span<const WorkflowRow> rows, E value) {
  for (const WorkflowRow& row : rows) {
    if (row.code == static_cast<uint8_t>(value)) return row.cli;
  }
  return {};
}

}  // namespace jz::internal

#endif  // JZ_CORE_INTERNAL_CODE_LIST_BUILDERS_H_
