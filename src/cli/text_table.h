// A plain-text table for terminals: columns aligned by display width, counting CJK
// characters as two columns wide, numbers right-aligned.
#ifndef JZ_CLI_TEXT_TABLE_H_
#define JZ_CLI_TEXT_TABLE_H_

#include <string>
#include <vector>

namespace jz::cli {

// Display columns of UTF-8 `text` on a terminal (East Asian wide characters count 2).
size_t DisplayWidth(std::string_view text);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // The table with a rule under the header; cells that look numeric are right-aligned.
  std::string Render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace jz::cli

#endif  // JZ_CLI_TEXT_TABLE_H_
