// The assembly of a fast registry load (see internal/registry_fast_assembly.h). Households
// are walked from the parts' fragments (ForEachHousehold), never stored; the kept runs of
// every column are gathered into part 0's own columns, which were reserved for the whole
// file, so that half of the data (with two threads) is never copied; then the fields that
// depend on the whole household (size, 人均纯收入) are computed for the kept households.
#include "engine/internal/registry_fast_assembly.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/money.h"
#include "engine/file_ranges.h"
#include "rules/schema.h"

namespace jz::internal::registry_fast {
namespace {

// A household: its fragments, consecutive in (part, fragment) order.
struct Group {
  size_t part = 0;
  size_t fragment = 0;
  size_t count = 0;  // fragments
  bool rejected = false;
};

// Calls fn(const Group&) for each household in file order, once its fragments are all
// seen. A fragment continues the previous household only when it opens a part and has the
// same 户编号 (a range boundary cut the household). The groups are not stored: at ten
// million persons a vector of them would be a hundred megabytes of fresh pages.
template <class Fn>
void ForEachHousehold(const std::vector<Part>& parts, Fn&& fn) {
  Group open;
  bool any = false;
  std::string_view last;
  for (size_t p = 0; p < parts.size(); ++p) {
    for (size_t f = 0; f < parts[p].member_end.size(); ++f) {
      const std::string_view no = parts[p].household_no[f];
      if (!(f == 0 && any && no == last)) {
        if (any) fn(std::as_const(open));
        open = Group{p, f, 0, false};
        any = true;
      }
      ++open.count;
      open.rejected |= parts[p].rejected[f] != 0;
      last = no;
    }
  }
  if (any) fn(std::as_const(open));
}

void AddRange(std::vector<Range>& ranges, size_t part, size_t begin, size_t end) {
  if (begin == end) return;
  if (!ranges.empty() && ranges.back().part == part && ranges.back().end == begin) {
    ranges.back().end = end;
  } else {
    ranges.push_back({part, begin, end});
  }
}

// Makes part 0's column (`of(0)`) hold the kept runs of every part: part 0's own are moved
// down in place, the others' appended. Part 0's columns were reserved for the whole file,
// so nothing is reallocated: half of the data (with two threads) is never copied and its
// pages are never touched twice.
template <class T, class Of>
void Gather(const std::vector<Range>& ranges, Of&& of) {
  std::vector<T>& dest = of(0);
  size_t total = 0;
  for (const Range& r : ranges) total += r.end - r.begin;
  if (dest.capacity() < total) dest.reserve(total);
  size_t written = 0, i = 0;
  for (; i < ranges.size() && ranges[i].part == 0; ++i) {
    const Range& r = ranges[i];
    if (written != r.begin)
      std::memmove(dest.data() + written, dest.data() + r.begin, (r.end - r.begin) * sizeof(T));
    written += r.end - r.begin;
  }
  dest.resize(written);
  for (; i < ranges.size(); ++i) {
    const std::vector<T>& src = of(ranges[i].part);
    dest.insert(dest.end(), src.begin() + static_cast<ptrdiff_t>(ranges[i].begin),
                src.begin() + static_cast<ptrdiff_t>(ranges[i].end));
  }
}

template <class Of>
void GatherStrings(const std::vector<Range>& ranges, Of&& of) {
  StringColumn& dest = of(0);
  size_t written = 0, i = 0;
  for (; i < ranges.size() && ranges[i].part == 0; ++i) {
    dest.MoveDown(ranges[i].begin, ranges[i].end, written);
    written += ranges[i].end - ranges[i].begin;
  }
  dest.Truncate(written);
  for (; i < ranges.size(); ++i) dest.AppendRange(of(ranges[i].part), ranges[i].begin, ranges[i].end);
}

template <class Of>
void GatherColumn(const std::vector<Range>& ranges, ColumnWidth width, Of&& of) {
  switch (width) {
    case ColumnWidth::kByte:
      return Gather<uint8_t>(ranges, [&](size_t p) -> std::vector<uint8_t>& { return of(p).bytes; });
    case ColumnWidth::kNarrow:
      return Gather<int32_t>(ranges, [&](size_t p) -> std::vector<int32_t>& { return of(p).narrow; });
    case ColumnWidth::kWide:
      return Gather<int64_t>(ranges, [&](size_t p) -> std::vector<int64_t>& { return of(p).wide; });
  }
}

}  // namespace

bool AnyRepeated(const std::vector<Part>& parts) {
  bool sorted = true;
  std::string_view previous;
  size_t households = 0;
  ForEachHousehold(parts, [&](const Group& g) {
    const std::string_view no = parts[g.part].household_no[g.fragment];
    if (households > 0 && !(previous < no)) sorted = false;
    previous = no;
    ++households;
  });
  if (sorted) return false;
  std::unordered_set<std::string_view> seen;
  seen.reserve(households);
  bool repeated = false;
  ForEachHousehold(parts, [&](const Group& g) {
    repeated |= !seen.insert(parts[g.part].household_no[g.fragment]).second;
  });
  return repeated;
}

Kept KeptRanges(const std::vector<Part>& parts) {
  Kept kept;
  size_t fragments = 0;
  for (const Part& part : parts) fragments += part.member_end.size();
  kept.sizes.reserve(fragments);
  ForEachHousehold(parts, [&](const Group& g) {
    ++kept.households_seen;
    if (g.rejected) return;
    AddRange(kept.households, g.part, g.fragment, g.fragment + 1);
    uint32_t size = 0;
    size_t p = g.part, f = g.fragment;
    for (size_t k = 0; k < g.count; ++k, ++f) {
      if (f == parts[p].member_end.size()) p += 1, f = 0;
      while (parts[p].member_end.empty()) ++p;
      const uint32_t begin = f == 0 ? 0 : parts[p].member_end[f - 1];
      AddRange(kept.persons, p, begin, parts[p].member_end[f]);
      size += parts[p].member_end[f] - begin;
    }
    kept.sizes.push_back(size);
  });
  return kept;
}

Snapshot Assemble(std::vector<Part>& parts, const Kept& kept, const Plan& plan, const SnapshotNeeds& needs) {
  std::vector<std::function<void()>> tasks;
  tasks.push_back([&] {
    GatherStrings(kept.households, [&](size_t p) -> StringColumn& { return parts[p].household_no; });
  });
  PersonNumbers person_no;  // a byte a person: gathered into a new column, not in place
  tasks.push_back([&] {
    size_t total = 0;
    for (const Range& r : kept.persons) total += r.end - r.begin;
    person_no.Reserve(total);
    for (const Range& r : kept.persons) person_no.AppendRange(parts[r.part].person_no, r.begin, r.end);
  });
  tasks.push_back([&] {
    Gather<uint64_t>(kept.persons, [&](size_t p) -> std::vector<uint64_t>& { return parts[p].person_id; });
  });
  tasks.push_back([&] {
    Gather<uint32_t>(kept.households, [&](size_t p) -> std::vector<uint32_t>& { return parts[p].county; });
  });
  if (plan.store_net) {
    tasks.push_back([&] {
      Gather<int64_t>(kept.households, [&](size_t p) -> std::vector<int64_t>& { return parts[p].net; });
    });
  }
  for (size_t i = 0; i < plan.person_fields.size(); ++i) {
    tasks.push_back([&, i] {
      GatherColumn(kept.persons, plan.person_width[i],
                   [&](size_t p) -> Column& { return parts[p].person_values[i]; });
    });
  }
  for (size_t i = 0; i < plan.household_fields.size(); ++i) {
    if (plan.household_computed[i]) continue;
    tasks.push_back([&, i] {
      GatherColumn(kept.households, plan.household_width[i],
                   [&](size_t p) -> Column& { return parts[p].household_values[i]; });
    });
  }
  std::atomic<size_t> next{0};
  RunParallel(std::min<size_t>(2, tasks.size()), [&](size_t) {
    for (size_t k; (k = next.fetch_add(1)) < tasks.size();) tasks[k]();
  });

  Part& first = parts[0];
  Snapshot s;
  s.as_of = plan.as_of;
  s.fields.resize(Fields().size());
  const size_t households = kept.sizes.size();
  s.member_begin.resize(households + 1);
  s.member_begin[0] = 0;
  for (size_t h = 0; h < households; ++h) s.member_begin[h + 1] = s.member_begin[h] + kept.sizes[h];
  s.county = std::move(first.county);
  s.has_year.assign(households, plan.has_year ? 1 : 0);
  s.household_no = std::move(first.household_no);
  s.person_no = std::move(person_no);
  s.person_id = std::move(first.person_id);
  for (size_t i = 0; i < plan.person_fields.size(); ++i)
    s.fields[plan.person_fields[i]] = std::move(first.person_values[i]);
  for (size_t i = 0; i < plan.household_fields.size(); ++i) {
    s.fields[plan.household_fields[i]] = std::move(first.household_values[i]);
  }
  // The kept households' net income: the net_income column when it is needed (equal to the
  // net wherever 人均纯收入 is computed: has_year), else the parts' own.
  const std::vector<int64_t>& net =
      plan.net_income >= 0 ? s.fields[plan.household_fields[static_cast<size_t>(plan.net_income)]].wide
                           : first.net;
  for (size_t i = 0; i < plan.household_fields.size(); ++i) {
    if (!plan.household_computed[i]) continue;
    Column& column = s.fields[plan.household_fields[i]];
    column.Reserve(households);
    for (size_t h = 0; h < households; ++h) {
      const int64_t size = kept.sizes[h];
      int64_t value = size;
      if (plan.household_kinds[i] == Kind::kNetIncomePerCapita) {
        value = plan.has_year && size > 0 ? Money::FromFen(net[h]).DivideRounded(size).fen() : 0;
      }
      column.Push(value);
    }
  }
  parts.clear();
  FinishSnapshot(s, needs);
  return s;
}

}  // namespace jz::internal::registry_fast
