// Feed loading: header mapping, then one typed row per record.
#include "engine/feed_table.h"

#include <fmt/format.h>

#include <charconv>

#include "core/id_number.h"
#include "core/money.h"
#include "io/registry_reader.h"
#include "io/table_reader.h"

namespace jz {

StatusOr<FeedLayout> MapFeedHeader(const std::vector<std::string_view>& header, const FeedSchema& schema,
                                   const std::string& path) {
  FeedLayout layout;
  layout.columns.assign(schema.columns.size(), -1);
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string_view h = header[i];
    const int index = static_cast<int>(i);
    if (h == "证件号码" || h == "id_number") layout.id = index;
    if (h == "日期" || h == "date") layout.date = index;
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      if (h == schema.columns[c].first) layout.columns[c] = index;
    }
  }
  std::string missing;
  if (layout.id < 0) missing += "证件号码 ";
  if (layout.date < 0) missing += "日期 ";
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    if (layout.columns[c] < 0) missing += schema.columns[c].first + " ";
  }
  if (!missing.empty()) {
    return InvalidArgumentError(
        Bilingual("{}: 数据源 {} 缺少列：{}", "{}: feed {} lacks columns: {}", path, schema.name, missing));
  }
  return layout;
}

std::optional<Value> ParseFeedCell(std::string_view cell, Type type, std::string& reason) {
  switch (type.kind) {
    case ValueKind::kMoney: {
      StatusOr<Money> m = Money::Parse(cell);
      if (m.ok() && m->fen() < 0) {
        // Feed amounts (costs, losses, values) are never below zero; a negative one would
        // lower a sum and hide a warning, so the row is refused like an unreadable one.
        reason = Bilingual("金额 {} 为负数；应为 0 或以上的元，如 1200.50",
                           "amount {} is negative; expected yuan of 0 "
                           "or more, e.g. 1200.50",
                           cell);
        return std::nullopt;
      }
      if (m.ok()) return Value::OfMoney(*m);
      reason = m.status().message();
      return std::nullopt;
    }
    case ValueKind::kBool: {
      StatusOr<bool> b = ParseYesNo(cell);
      if (b.ok()) return Value::Bool(*b);
      reason = b.status().message();
      return std::nullopt;
    }
    case ValueKind::kInt: {
      int64_t v = 0;
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
      if (ec == std::errc() && end == cell.data() + cell.size()) return Value::Int(v);
      reason = Bilingual("应为整数", "expected a whole number");
      return std::nullopt;
    }
    case ValueKind::kDate: {
      StatusOr<Date> d = Date::Parse(cell);
      if (d.ok()) return Value::OfDate(*d);
      reason = d.status().message();
      return std::nullopt;
    }
    default:
      reason = Bilingual("不支持的字段类型", "unsupported column type");
      return std::nullopt;
  }
}

StatusOr<FeedTable> LoadFeedTable(const std::string& path, const FeedSchema& schema) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableReader> reader, OpenTable(path));
  std::vector<std::string_view> f;
  ASSIGN_OR_RETURN(bool has_header, reader->Next(f));
  if (!has_header) {
    return InvalidArgumentError(Bilingual("{}: 文件为空", "{}: the file is empty", path));
  }
  ASSIGN_OR_RETURN(FeedLayout layout, MapFeedHeader(f, schema, path));
  FeedTable table;
  table.name = schema.name;
  std::vector<Value> values;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(f));
    if (!more) break;
    ++table.rows_read;
    auto cell = [&](int i) {
      return i < static_cast<int>(f.size()) ? f[static_cast<size_t>(i)] : std::string_view();
    };
    auto problem = [&](std::string column, std::string value, std::string reason) {
      table.problems.push_back(
          {path, reader->first_line(), std::move(column), std::move(value), std::move(reason)});
    };
    StatusOr<IdNumber> id = IdNumber::Parse(cell(layout.id));
    if (!id.ok()) {
      ++table.invalid_ids;
      problem("证件号码", MaskIdText(cell(layout.id)), id.status().message());
      continue;
    }
    StatusOr<Date> date = Date::Parse(cell(layout.date));
    if (!date.ok()) {
      problem("日期", std::string(cell(layout.date)), date.status().message());
      continue;
    }
    values.clear();
    bool ok = true;
    for (size_t c = 0; c < schema.columns.size() && ok; ++c) {
      std::string reason;
      std::optional<Value> v = ParseFeedCell(cell(layout.columns[c]), schema.columns[c].second, reason);
      if (!v) {
        problem(schema.columns[c].first, std::string(cell(layout.columns[c])), reason);
        ok = false;
      } else {
        values.push_back(*v);
      }
    }
    if (!ok) continue;
    table.ids.push_back(id->Packed());
    table.dates.push_back(*date);
    table.values.push_back(values);
    table.lines.push_back(reader->first_line());
  }
  return table;
}

}  // namespace jz
