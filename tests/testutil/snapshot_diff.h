// SnapshotDiff: compares two engine Snapshots field by field (every column, the string
// columns, has_year, county, member_begin, person IDs, feed keys and values)
// and describes the first differences, for tests that check two loaders agree. Header-only;
// tests that include it link jz_engine.
#ifndef JZ_TESTS_TESTUTIL_SNAPSHOT_DIFF_H_
#define JZ_TESTS_TESTUTIL_SNAPSHOT_DIFF_H_

#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/snapshot.h"
#include "rules/schema.h"

namespace jz::testing {

namespace snapshot_diff_internal {

// Appends the first difference of two vectors to `out`, naming them `what`.
template <class T>
void Compare(const std::vector<T>& a, const std::vector<T>& b, const std::string& what, std::string& out) {
  if (a.size() != b.size()) {
    out += fmt::format("{}: {} vs {} entries\n", what, a.size(), b.size());
    return;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    out += fmt::format("{}[{}]: {} vs {}\n", what, i, static_cast<int64_t>(a[i]), static_cast<int64_t>(b[i]));
    return;
  }
}

inline void CompareStrings(const StringColumn& a, const StringColumn& b, const std::string& what,
                           std::string& out) {
  if (a.size() != b.size()) {
    out += fmt::format("{}: {} vs {} entries\n", what, a.size(), b.size());
    return;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    out += fmt::format("{}[{}]: \"{}\" vs \"{}\"\n", what, i, a[i], b[i]);
    return;
  }
}

inline void CompareColumns(const std::vector<Column>& a, const std::vector<Column>& b,
                           const std::string& what, std::string& out) {
  if (a.size() != b.size()) {
    out += fmt::format("{}: {} vs {} columns\n", what, a.size(), b.size());
    return;
  }
  for (size_t k = 0; k < a.size(); ++k) {
    const std::string name =
        what == "fields" && k < Fields().size() ? std::string(Fields()[k].name) : std::to_string(k);
    if (a[k].width != b[k].width) out += fmt::format("{}[{}]: widths differ\n", what, name);
    Compare(a[k].bytes, b[k].bytes, fmt::format("{}[{}].bytes", what, name), out);
    Compare(a[k].narrow, b[k].narrow, fmt::format("{}[{}].narrow", what, name), out);
    Compare(a[k].wide, b[k].wide, fmt::format("{}[{}].wide", what, name), out);
  }
}

}  // namespace snapshot_diff_internal

// Returns "" when `a` and `b` hold the same data, else one line per differing member.
inline std::string SnapshotDiff(const Snapshot& a, const Snapshot& b) {
  using namespace snapshot_diff_internal;
  std::string out;
  if (a.as_of != b.as_of) out += "as_of differs\n";
  Compare(a.member_begin, b.member_begin, "member_begin", out);
  Compare(a.county, b.county, "county", out);
  Compare(a.has_year, b.has_year, "has_year", out);
  CompareStrings(a.household_no, b.household_no, "household_no", out);
  if (a.person_no.size() != b.person_no.size()) {
    out += fmt::format("person_no: {} vs {} entries\n", a.person_no.size(), b.person_no.size());
  } else if (a.member_begin == b.member_begin && out.empty()) {
    for (size_t p = 0; p < a.person_no.size(); ++p) {
      if (a.PersonNo(p) == b.PersonNo(p)) continue;
      out += fmt::format("person_no[{}]: \"{}\" vs \"{}\"\n", p, a.PersonNo(p), b.PersonNo(p));
      break;
    }
  }
  Compare(a.person_id, b.person_id, "person_id", out);
  CompareColumns(a.fields, b.fields, "fields", out);
  if (a.feed_keys != b.feed_keys) out += "feed_keys differ\n";
  if (a.feed_values.size() != b.feed_values.size()) {
    out += fmt::format("feed_values: {} vs {} columns\n", a.feed_values.size(), b.feed_values.size());
  } else {
    for (size_t k = 0; k < a.feed_values.size(); ++k) {
      for (size_t p = 0; p < a.person_id.size() && p < b.person_id.size(); ++p) {
        if (a.feed_values[k][p] == b.feed_values[k][p]) continue;
        out += fmt::format("feed_values[{}][{}]: {} vs {}\n", k, p, a.feed_values[k][p], b.feed_values[k][p]);
        break;
      }
    }
  }
  for (size_t p = 0; p < a.person_id.size() && p < b.person_id.size() && out.empty(); ++p) {
    if (a.ids.Find(a.person_id[p]) != b.ids.Find(b.person_id[p]))
      out += fmt::format("ids.Find differs at {}\n", p);
  }
  return out;
}

}  // namespace jz::testing

#endif  // JZ_TESTS_TESTUTIL_SNAPSHOT_DIFF_H_
