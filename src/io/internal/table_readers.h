// The concrete TableReaders behind OpenTable() (io/table_reader.h), internal to src/io.
// Each opens either a file (`bytes` empty and `path` the file) or bytes in memory (`path`
// then only names them in errors). The format has been chosen by table_reader.cc.
#ifndef JZ_IO_INTERNAL_TABLE_READERS_H_
#define JZ_IO_INTERNAL_TABLE_READERS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "io/table_reader.h"

namespace jz::internal {

// A source of table bytes: a file on disk, or bytes in memory.
struct TableSource {
  std::string name;                  // the path, or the name given to TableFromBytes()
  std::optional<std::string> bytes;  // nullopt: read the file `name`
};

[[nodiscard]] StatusOr<std::unique_ptr<TableReader>> OpenCsvTable(TableSource source,
                                                                  const TableOptions& options);
[[nodiscard]] StatusOr<std::unique_ptr<TableReader>> OpenXlsxTable(TableSource source);
[[nodiscard]] StatusOr<std::unique_ptr<TableReader>> OpenXlsTable(TableSource source);

// Whether a CSV text cell looks like a number Excel wrote with an exponent and whose
// integer part had 16 or more digits ("4.10523E+17"): an ID number that went through a
// spreadsheet as a number, its last digits lost.
bool LooksLikeLostDigits(std::string_view text);

}  // namespace jz::internal

#endif  // JZ_IO_INTERNAL_TABLE_READERS_H_
