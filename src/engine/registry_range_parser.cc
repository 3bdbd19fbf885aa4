// RangeParser: the rows of one byte range of a registry file into a Part (see
// internal/registry_range_parser.h), and ParseRanges, which runs one per range in parallel.
// A row is split into its fields up to the last needed one, its needed cells are parsed
// (RawRowParser), and the person is appended to the current household fragment or opens a
// new one. The export repeats a household's cells on every member's row: a later member's
// span of household cells with the same bytes as the first row's is not parsed again (see
// Row). A row with a problem in a needed cell is re-read by RegistryReader for its problems
// and rejects its household; a row the fast path and the reader disagree on gives up.
#include "engine/internal/registry_range_parser.h"

#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/limits.h"
#include "engine/internal/raw_row_parser.h"
#include "engine/registry_fast_path.h"

namespace jz::internal::registry_fast {
namespace {

using C = RegistryColumn;

// Parses the rows of one range into its Part, block by block (Block).
class RangeParser {
 public:
  RangeParser(const Plan& plan, std::unique_ptr<RegistryReader> reader, Date today, Part& part)
      : plan_(plan), reader_(std::move(reader)), part_(part), starts_(kMaxCsvFields + 1), cells_(today) {}

  // Parses the lines of `block`; false when the fast path must give up.
  bool Block(std::string_view block) {
    return ForEachPlainRow(block, part_.newlines,
                           [&](std::string_view line, int64_t number) { return Row(line, number); });
  }

 private:
  std::string_view Field(size_t k, std::string_view line) const {
    return line.substr(starts_[k], starts_[k + 1] - 1 - starts_[k]);
  }
  std::string_view CellOf(C column, std::string_view line) const {
    const int index = plan_.column_index[static_cast<size_t>(column)];
    return index < 0 ? std::string_view() : Field(static_cast<size_t>(index), line);
  }

  int32_t PersonValue(Kind kind, const RawRow& raw) const {
    switch (kind) {
      case Kind::kAge:
        return Date::FromDays(raw.birth_days).AgeOn(plan_.as_of);
      case Kind::kBirthDate:
        return raw.birth_days;
      case Kind::kSex:
        return raw.sex;
      case Kind::kRelationship:
        return raw.relationship;
      case Kind::kEducation:
        return raw.education;
      case Kind::kSchoolStatus:
        return raw.school_status;
      case Kind::kHealth:
        return raw.health;
      case Kind::kLabourSkill:
        return raw.labour_skill;
      case Kind::kWorkStatus:
        return raw.work_status;
      case Kind::kWorkMonths:
        return raw.work_months;
      case Kind::kMedicalInsured:
        return raw.medical;
      case Kind::kCriticalIllnessInsured:
        return raw.critical;
      case Kind::kReceivesDibao:
        return raw.dibao;
      case Kind::kReceivesTekun:
        return raw.tekun;
      default:
        return 0;
    }
  }

  int64_t HouseholdValue(Kind kind, const RawRow& raw, int64_t net) const {
    const bool y = plan_.has_year;
    switch (kind) {
      case Kind::kType:
        return raw.type;
      case Kind::kAttribute:
        return raw.attribute;
      case Kind::kMainCause:
        return raw.main_cause;
      case Kind::kMonitoringType:
        return raw.monitoring_type;
      case Kind::kNetIncome:
        return y ? net : 0;
      case Kind::kDataYear:
        return y ? plan_.data_year : 0;
      case Kind::kWage:
        return y ? raw.income[0] : 0;
      case Kind::kBusiness:
        return y ? raw.income[1] : 0;
      case Kind::kProperty:
        return y ? raw.income[2] : 0;
      case Kind::kTransfer:
        return y ? raw.income[3] : 0;
      case Kind::kExpense:
        return y ? raw.income[4] : 0;
      case Kind::kNoColumn:
        return y ? UnknownMarker(ColumnWidth::kByte) : 0;
      case Kind::kSafeDrinkingWater:
        return y ? raw.safe_water : 0;
      case Kind::kHousingGrade:
        return y ? raw.housing_grade : 0;
      default:
        return 0;  // size and 人均纯收入: computed by Assemble
    }
  }

  void AddPerson(std::string_view household_no, std::string_view person_no, const RawRow& raw, bool bad) {
    Part& p = part_;
    const bool fresh = p.member_end.empty() || p.household_no[p.household_no.size() - 1] != household_no;
    if (fresh) {
      p.household_no.Add(household_no);
      p.member_end.push_back(p.member_end.empty() ? 0 : p.member_end.back());
      p.rejected.push_back(0);
      p.county.push_back(static_cast<uint32_t>(raw.village / 1'000'000));
      const int64_t net = raw.income[0] + raw.income[1] + raw.income[2] + raw.income[3] - raw.income[4];
      for (size_t i = 0; i < plan_.household_kinds.size(); ++i) {
        if (plan_.household_computed[i]) continue;
        p.household_values[i].Push(bad ? 0 : HouseholdValue(plan_.household_kinds[i], raw, net));
      }
      if (plan_.store_net) p.net.push_back(net);
    }
    if (bad) p.rejected.back() = 1;
    ++p.member_end.back();
    p.person_no.Add(household_no, person_no);
    p.person_id.push_back(raw.id);
    for (size_t i = 0; i < plan_.person_kinds.size(); ++i) {
      p.person_values[i].Push(bad ? 0 : PersonValue(plan_.person_kinds[i], raw));
    }
  }

  // Re-reads a row with a problem through RegistryReader; false when it finds none in a
  // needed cell (the fast path and the reader disagree: give up).
  bool BadRow(std::string_view line, size_t count, int64_t line_number) {
    SplitFields(line, starts_.data(), kMaxCsvFields);  // every field, not only the needed ones
    fields_.clear();
    for (size_t k = 0; k < count; ++k) fields_.push_back(Field(k, line));
    RegistryRow row;
    row_problems_.clear();
    reader_->ParseFields(fields_, line_number, row, row_problems_);
    bool any = false;
    for (RowProblem& problem : row_problems_) {
      if (!ProblemIsInNeededCell(problem, plan_.needed)) continue;
      part_.problems.push_back(std::move(problem));
      any = true;
    }
    if (!any) return false;
    RawRow raw;
    raw.id = row.person.id_number.Packed();
    AddPerson(row.household.household_no, row.person.person_no, raw, /*bad=*/true);
    return true;
  }

  std::string_view SpanText(const HouseholdSpan& span, std::string_view line) const {
    return line.substr(starts_[span.first], starts_[span.last + 1] - 1 - starts_[span.first]);
  }

  // The export repeats the household's cells on every member's row, and the fast path
  // takes their values from the household's first row only. A later row whose span of
  // household cells has the same bytes as that first row's would parse to the same values
  // and problems (none: the first row parsed), so its cells in the span are not parsed
  // again: with five money cells among them, this is a tenth of the load's work.
  bool Row(std::string_view line, int64_t line_number) {
    if (line.size() > kMaxCsvFieldBytes) return false;
    const size_t count = SplitFieldsKeeping(line, starts_.data(), kMaxCsvFields, plan_.fields_kept);
    if (count == 0) return false;
    ++part_.rows;
    if (count != plan_.header_fields) {
      spans_valid_ = false;
      return BadRow(line, count, line_number);
    }
    const std::string_view household_no = TrimAsciiWhitespace(CellOf(C::kHouseholdNo, line));
    const StringColumn& numbers = part_.household_no;
    const bool continues = spans_valid_ && numbers.size() > 0 && numbers[numbers.size() - 1] == household_no;
    uint32_t same = 0;  // bit k: span k reads as the household's first row
    if (continues) {
      for (size_t k = 0; k < plan_.household_spans.size(); ++k) {
        if (SpanText(plan_.household_spans[k], line) == saved_spans_[k]) same |= 1u << k;
      }
    }
    RawRow raw;
    for (const NeededCell& cell : plan_.cells) {
      if (cell.span >= 0 && (same >> cell.span & 1) != 0) continue;
      if (!cells_.ParseNeeded(cell.column, Field(cell.index, line), raw)) {
        spans_valid_ = false;
        return BadRow(line, count, line_number);
      }
    }
    RawRowParser::Defaults(raw);
    if (!continues) {
      saved_spans_.resize(plan_.household_spans.size());
      for (size_t k = 0; k < plan_.household_spans.size(); ++k) {
        saved_spans_[k].assign(SpanText(plan_.household_spans[k], line));
      }
      spans_valid_ = true;
    }
    AddPerson(household_no, TrimAsciiWhitespace(CellOf(C::kPersonNo, line)), raw, /*bad=*/false);
    return true;
  }

  const Plan& plan_;
  std::unique_ptr<RegistryReader> reader_;
  Part& part_;
  std::vector<uint32_t> starts_;
  RawRowParser cells_;
  std::vector<std::string_view> fields_;
  std::vector<RowProblem> row_problems_;
  // The household spans of the current household's first row, when it parsed without a
  // problem (see Row).
  std::vector<std::string> saved_spans_;
  bool spans_valid_ = false;
};

// Reserves a part's columns for the rows its range can hold, so that they are not grown by
// doubling: every regrowth copies and touches fresh pages, which at 10 million persons
// cost seconds. A row has at least kMinRowBytes (the export has 46 columns), so this is an
// upper bound; reserved pages that are never written cost only address space.
void ReservePart(Part& part, size_t range_bytes, const Plan& plan) {
  constexpr size_t kMinRowBytes = 100;
  constexpr size_t kNumberBytes = 24;  // a generous 户编号
  const size_t rows = range_bytes / kMinRowBytes + 16;
  auto reserve = [rows](std::vector<Column>& columns, const std::vector<ColumnWidth>& widths,
                        const std::vector<uint8_t>& computed) {
    columns.clear();
    for (size_t i = 0; i < widths.size(); ++i) {
      columns.emplace_back(widths[i]);
      if (computed.empty() || !computed[i]) columns.back().Reserve(rows);
    }
  };
  part.person_no.Reserve(rows);
  part.person_id.reserve(rows);
  reserve(part.person_values, plan.person_width, {});
  part.household_no.Reserve(rows, rows * kNumberBytes);
  part.member_end.reserve(rows);
  part.rejected.reserve(rows);
  part.county.reserve(rows);
  reserve(part.household_values, plan.household_width, plan.household_computed);
  if (plan.store_net) part.net.reserve(rows);
}

}  // namespace

StatusOr<bool> ParseRanges(const RawFile& file, const std::vector<FileRange>& ranges, const Plan& plan,
                           const RegistryReaderOptions& reader_options, Progress& progress,
                           std::vector<Part>& parts) {
  progress.Start(fmt::format("读取登记数据 reading {}", plan.path), file.size());
  parts.clear();
  parts.resize(ranges.size());
  std::atomic<bool> give_up{false};
  std::atomic<int64_t> bytes_done{0};
  const Date today = Date::Today();
  RunParallel(ranges.size(), [&](size_t i) {
    Part& part = parts[i];
    // Part 0's columns become the snapshot's (Assemble): reserved for the whole file.
    const int64_t bytes = i == 0 ? ranges.back().end - ranges.front().begin : ranges[i].end - ranges[i].begin;
    ReservePart(part, static_cast<size_t>(bytes), plan);
    RangeParser parser(
        plan, std::move(RegistryReader::FromString(plan.header + "\n", plan.path, reader_options)).value(),
        today, part);
    std::string buffer;
    StatusOr<bool> done =
        ForEachBlock(file, ranges[i], kMaxCsvFieldBytes, buffer, [&](std::string_view block) {
          if (give_up.load(std::memory_order_relaxed) || !parser.Block(block)) return BlockVerdict::kStop;
          const int64_t total =
              bytes_done.fetch_add(static_cast<int64_t>(block.size())) + static_cast<int64_t>(block.size());
          if (i == 0) progress.Update(total);
          return BlockVerdict::kContinue;
        });
    if (!done.ok()) {
      part.status = done.status();
    } else if (!*done) {
      give_up = true;
    }
  });
  progress.Finish();
  for (const Part& part : parts) RETURN_IF_ERROR(part.status);
  return !give_up;
}

}  // namespace jz::internal::registry_fast
