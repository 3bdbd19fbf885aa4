// A departmental feed file loaded for screening: one row per event with the person's packed
// ID number, the event date and the values of the columns the policy declares for the feed
// (docs/feeds.md). Rows whose ID number is not valid are counted and reported, never
// dropped silently; a cell that cannot be read is a problem naming file, line and column.
#ifndef JZ_ENGINE_FEED_TABLE_H_
#define JZ_ENGINE_FEED_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "rules/expr.h"
#include "rules/value.h"

namespace jz {

// A row that could not be used, for the screening report.
struct FeedProblem {
  std::string file;
  int64_t line = 0;
  std::string column;
  std::string value;   // ID numbers masked
  std::string reason;  // Bilingual
};

struct FeedTable {
  std::string name;                        // the feed's name in the policy
  std::vector<uint64_t> ids;               // packed ID number per row
  std::vector<Date> dates;                 // event date per row
  std::vector<std::vector<Value>> values;  // declared columns per row
  std::vector<int64_t> lines;              // line of each row, as CsvReader counts them
  int64_t rows_read = 0;
  int64_t invalid_ids = 0;  // rows rejected for their ID number
  std::vector<FeedProblem> problems;
};

// Where the feed's columns are in a file: file column indices of the ID number, the date
// and each declared column (in FeedSchema::columns order).
struct FeedLayout {
  int id = -1;
  int date = -1;
  std::vector<int> columns;
};

// Maps a feed file's header (see LoadFeedTable). Fails with InvalidArgument naming `path`,
// the feed and every missing column.
StatusOr<FeedLayout> MapFeedHeader(const std::vector<std::string_view>& header, const FeedSchema& schema,
                                   const std::string& path);

// Parses one declared cell of type `type`; nullopt with `reason` (bilingual) set when it
// cannot be read. The reference parser the fast loader (feed_loader.h) falls back to.
std::optional<Value> ParseFeedCell(std::string_view cell, Type type, std::string& reason);

// Loads `path` as the feed `schema`. Header: 证件号码 / id_number, 日期 / date, then the
// declared columns by name (order free; unknown columns are ignored). Fails with NotFound
// for a missing file and InvalidArgument for a missing column or broken CSV; bad rows are
// problems, not failures.
StatusOr<FeedTable> LoadFeedTable(const std::string& path, const FeedSchema& schema);

}  // namespace jz

#endif  // JZ_ENGINE_FEED_TABLE_H_
