// The fast path of the registry loader. Each thread turns its range into a Part: household
// fragments (runs of rows with one 户编号) with their household-level field values taken
// from the fragment's first row, and the persons' field values, already in the form the
// snapshot stores (age in years as of as_of, codes, fen). Merge() then joins fragments split
// by range boundaries, checks that no 户编号 comes back later, and copies the kept households
// into the snapshot, computing the fields that depend on the whole household (size, 人均纯收入).
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstring>
#include <functional>
#include <thread>
#include <unordered_set>
#include <utility>

#include "core/code_lists.h"
#include "core/id_number.h"
#include "core/internal/text.h"
#include "core/limits.h"
#include "core/money.h"
#include "engine/fast_cells.h"
#include "engine/file_ranges.h"
#include "engine/registry_fast_path.h"
#include "rules/schema.h"

namespace jz {
namespace {

using C = RegistryColumn;
using internal::TrimAsciiWhitespace;

// What a needed field is, resolved once from its name so rows need no string compares.
enum class Kind : uint8_t {
  kAge, kBirthDate, kSex, kRelationship, kEducation, kSchoolStatus, kHealth, kLabourSkill, kWorkStatus,
  kWorkMonths, kMedicalInsured, kCriticalIllnessInsured, kReceivesDibao, kReceivesTekun,
  kSize, kType, kAttribute, kMainCause, kMonitoringType, kNetIncome, kNetIncomePerCapita, kDataYear,
  kWage, kBusiness, kProperty, kTransfer, kExpense, kAlwaysTrue, kSafeDrinkingWater, kHousingGrade,
};

std::optional<Kind> KindOf(const FieldDef& f) {
  static constexpr std::pair<std::string_view, Kind> kPerson[] = {
      {"age", Kind::kAge}, {"birth_date", Kind::kBirthDate}, {"sex", Kind::kSex},
      {"relationship", Kind::kRelationship}, {"education", Kind::kEducation},
      {"school_status", Kind::kSchoolStatus}, {"health", Kind::kHealth}, {"labour_skill", Kind::kLabourSkill},
      {"work_status", Kind::kWorkStatus}, {"work_months", Kind::kWorkMonths},
      {"medical_insured", Kind::kMedicalInsured}, {"critical_illness_insured", Kind::kCriticalIllnessInsured},
      {"receives_dibao", Kind::kReceivesDibao}, {"receives_tekun", Kind::kReceivesTekun}};
  static constexpr std::pair<std::string_view, Kind> kHousehold[] = {
      {"size", Kind::kSize}, {"type", Kind::kType}, {"attribute", Kind::kAttribute},
      {"main_cause", Kind::kMainCause}, {"monitoring_type", Kind::kMonitoringType},
      {"net_income", Kind::kNetIncome}, {"net_income_per_capita", Kind::kNetIncomePerCapita},
      {"data_year", Kind::kDataYear}, {"wage_income", Kind::kWage}, {"business_income", Kind::kBusiness},
      {"property_income", Kind::kProperty}, {"transfer_income", Kind::kTransfer},
      {"business_expense", Kind::kExpense}, {"food_secure", Kind::kAlwaysTrue},
      {"clothing_secure", Kind::kAlwaysTrue}, {"compulsory_education_secured", Kind::kAlwaysTrue},
      {"basic_medical_secured", Kind::kAlwaysTrue}, {"housing_secure", Kind::kAlwaysTrue},
      {"safe_drinking_water", Kind::kSafeDrinkingWater}, {"housing_grade", Kind::kHousingGrade}};
  if (f.scope == FieldScope::kPerson) {
    for (const auto& [name, kind] : kPerson) if (name == f.name) return kind;
  } else {
    for (const auto& [name, kind] : kHousehold) if (name == f.name) return kind;
  }
  return std::nullopt;
}

// A needed column of the file and, for a household cell, the span it lies in (or -1).
struct NeededCell {
  C column;
  uint32_t index;  // file column
  int span = -1;
};

// File columns [first, last] holding household cells and only household-level columns
// between them (the export repeats these on every member's row; see Row()).
struct HouseholdSpan {
  uint32_t first = 0, last = 0;
};

// At most this many spans (a bit mask each); a header scattering household cells among
// more person columns than this gets the rest parsed on every row.
constexpr size_t kMaxHouseholdSpans = 8;

// What the whole load shares.
struct Plan {
  std::string path;
  Date as_of;
  int data_year = 0;
  bool has_year = false;
  std::vector<size_t> person_fields, household_fields;  // indices into Fields()
  std::vector<Kind> person_kinds, household_kinds;
  std::vector<ColumnWidth> person_width, household_width;  // FieldWidth of each
  // Household fields that depend on the whole household (size, 人均纯收入): not parsed, but
  // computed by Assemble for the kept households only.
  std::vector<uint8_t> household_computed;
  int net_income = -1;     // index into household_fields of net_income, or -1
  bool store_net = false;  // 人均纯收入 is needed and net_income is not: parts keep the net
  std::vector<int> column_index;  // per RegistryColumn: file column when needed and present, else -1
  std::vector<bool> needed;       // per RegistryColumn
  std::vector<NeededCell> cells;  // the needed columns present, in file order
  std::vector<HouseholdSpan> household_spans;
  size_t header_fields = 0;
  size_t fields_kept = 0;  // 1 + the last file column needed: the rest is only counted
  std::string header;
};

// One row's needed values as the reader would store them (defaults as in core/registry.h).
struct RawRow {
  uint64_t id = 0;
  int32_t birth_days = 0;
  bool birth_set = false;
  uint8_t sex = 0;  // 0: take it from the ID number
  uint8_t relationship = static_cast<uint8_t>(Relationship::kHead);
  uint8_t education = 0, school_status = 0, health = 0, labour_skill = 0, work_status = 0;
  int32_t work_months = 0;
  bool medical = false, critical = false, dibao = false, tekun = false;
  uint64_t village = 0;
  uint8_t type = static_cast<uint8_t>(HouseholdType::kExited);
  uint8_t attribute = 0, main_cause = 0, monitoring_type = 0, housing_grade = 0;
  bool safe_water = true;
  int64_t income[5] = {};  // wage, business, property, transfer, expense (fen)
};

// The household fragments and persons of one range. Lines are relative to the range.
// Its columns are typed as the snapshot's, so that Assemble can adopt the first part's as
// the snapshot's own and append the others' (see Assemble).
struct Part {
  StringColumn household_no;
  std::vector<uint32_t> member_end;  // per fragment: end of its persons in this part
  std::vector<uint8_t> rejected;
  std::vector<uint32_t> county;
  std::vector<Column> household_values;  // per Plan::household_fields, a value per fragment
  std::vector<int64_t> net;              // per fragment when Plan::store_net: net income (fen)
  PersonNumbers person_no;
  std::vector<uint64_t> person_id;
  std::vector<Column> person_values;  // per Plan::person_fields, a value per person
  std::vector<RowProblem> problems;
  int64_t rows = 0;
  int64_t newlines = 0;
  bool give_up = false;
  Status status;
};

const internal::CodeList* ListOf(C column) {
  switch (column) {
    case C::kSex: return &CodeListTraits<Sex>::List();
    case C::kRelationship: return &CodeListTraits<Relationship>::List();
    case C::kEducation: return &CodeListTraits<Education>::List();
    case C::kSchoolStatus: return &CodeListTraits<SchoolStatus>::List();
    case C::kHealth: return &CodeListTraits<Health>::List();
    case C::kLabourSkill: return &CodeListTraits<LabourSkill>::List();
    case C::kWorkStatus: return &CodeListTraits<WorkStatus>::List();
    case C::kHouseholdType: return &CodeListTraits<HouseholdType>::List();
    case C::kHouseholdAttribute: return &CodeListTraits<HouseholdAttribute>::List();
    case C::kMainCause: return &CodeListTraits<PovertyCause>::List();
    case C::kMonitoringType: return &CodeListTraits<MonitoringType>::List();
    case C::kHousingGrade: return &CodeListTraits<HousingGrade>::List();
    default: return nullptr;
  }
}

// The needed cells whose values the fast path takes from a household's first row only.
bool IsHouseholdCell(C column) {
  switch (column) {
    case C::kRegionCode: case C::kHouseholdType: case C::kHouseholdAttribute: case C::kMainCause:
    case C::kMonitoringType: case C::kHousingGrade: case C::kSafeDrinkingWater: case C::kWageIncome:
    case C::kBusinessIncome: case C::kPropertyIncome: case C::kTransferIncome: case C::kBusinessExpense:
      return true;
    default: return false;
  }
}

// Columns that describe the household, not the person: the export repeats them on each
// member's row, so a span of them reads the same on every row of a household.
bool IsHouseholdLevel(C column) {
  switch (column) {
    case C::kCountyName: case C::kTownshipName: case C::kVillageName: case C::kNaturalVillage:
    case C::kRegionCode: case C::kHouseholdNo: case C::kHouseholdSize: case C::kHouseholdType:
    case C::kHouseholdAttribute: case C::kMainCause: case C::kOtherCauses: case C::kDangerousHouse:
    case C::kHousingGrade: case C::kSafeDrinkingWater: case C::kWageIncome: case C::kBusinessIncome:
    case C::kPropertyIncome: case C::kTransferIncome: case C::kBusinessExpense: case C::kNetIncomePerCapita:
    case C::kHouseholdPhone: case C::kFirstIdentified: case C::kMonitoringType: case C::kRiskEliminated:
    case C::kRiskIdentified: case C::kRiskEliminatedDate: case C::kCadreName:
      return true;
    default: return false;
  }
}

// Whether n bytes at a and b are equal. Labels are 2 to 24 bytes: for 8 to 16 bytes this is
// two overlapping 8-byte compares, inline, rather than a call to memcmp.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  if (n < 8 || n > 16) return std::memcmp(a, b, n) == 0;
  uint64_t a0, a1, b0, b1;
  std::memcpy(&a0, a, 8);
  std::memcpy(&b0, b, 8);
  std::memcpy(&a1, a + n - 8, 8);
  std::memcpy(&b1, b + n - 8, 8);
  return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

// Labels already parsed in one column, by their exact bytes: a column holds a few dozen
// distinct labels, so a short linear scan beats hashing the cell.
class CodeCache {
 public:
  std::optional<uint8_t> Find(std::string_view cell) const {
    for (const auto& [text, code] : entries_) {
      if (text.size() == cell.size() && SameBytes(text.data(), cell.data(), cell.size())) return code;
    }
    return std::nullopt;
  }
  void Add(std::string_view cell, uint8_t code) {
    if (entries_.size() < kMaxEntries) entries_.emplace_back(std::string(cell), code);
  }

 private:
  static constexpr size_t kMaxEntries = 64;  // beyond this, cells are parsed every time
  std::vector<std::pair<std::string, uint8_t>> entries_;
};

enum class Cell : uint8_t { kEmpty, kValue, kBad };

class RangeParser {
 public:
  RangeParser(const Plan& plan, std::unique_ptr<RegistryReader> reader, Date today, Part& part)
      : plan_(plan), reader_(std::move(reader)), today_(today), part_(part), starts_(kMaxCsvFields + 1),
        caches_(RegistryColumns().size()) {}

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

  Cell Code(C column, std::string_view cell, uint8_t& out) {
    CodeCache& cache = caches_[static_cast<size_t>(column)];
    if (std::optional<uint8_t> code = cache.Find(cell)) {
      out = *code;
      return Cell::kValue;
    }
    const std::string_view t = TrimAsciiWhitespace(cell);
    if (t.empty()) return Cell::kEmpty;
    StatusOr<uint8_t> code = ListOf(column)->Parse(t);
    if (!code.ok()) return Cell::kBad;
    cache.Add(cell, *code);
    out = *code;
    return Cell::kValue;
  }

  static Cell YesNo(std::string_view cell, bool& out) {
    if (std::optional<bool> b = FastYesNo(cell)) {
      out = *b;
      return Cell::kValue;
    }
    const std::string_view t = TrimAsciiWhitespace(cell);
    if (t.empty()) return Cell::kEmpty;
    StatusOr<bool> b = ParseYesNo(t);
    if (!b.ok()) return Cell::kBad;
    out = *b;
    return Cell::kValue;
  }

  static Cell MoneyCell(std::string_view cell, int64_t& out) {
    if (std::optional<int64_t> fen = FastMoneyFen(cell)) {
      out = *fen;
      return Cell::kValue;
    }
    const std::string_view t = TrimAsciiWhitespace(cell);
    if (t.empty()) return Cell::kEmpty;
    StatusOr<Money> m = Money::Parse(t);
    if (!m.ok()) return Cell::kBad;
    out = m->fen();
    return Cell::kValue;
  }

  // Parses the needed cell of `column`; false when it has a problem.
  bool ParseNeeded(C column, std::string_view cell, RawRow& raw) {
    switch (column) {
      case C::kIdNumber: {
        if (std::optional<uint64_t> packed = FastPackIdNumber(cell, today_)) {
          raw.id = *packed;
          return true;
        }
        const std::string_view t = TrimAsciiWhitespace(cell);
        if (t.empty()) return false;  // a required cell
        StatusOr<IdNumber> id = IdNumber::Parse(t);
        if (!id.ok()) return false;
        raw.id = id->Packed();
        return true;
      }
      case C::kRegionCode: {
        if (std::optional<uint64_t> code = FastVillageCode(cell)) {
          raw.village = *code;
          return true;
        }
        const std::string_view t = TrimAsciiWhitespace(cell);
        if (t.empty()) return false;
        StatusOr<RegionCode> code = RegionCode::Parse(t);
        if (!code.ok() || code->level() != RegionLevel::kVillage) return false;
        raw.village = code->value();
        return true;
      }
      case C::kHouseholdNo: return !TrimAsciiWhitespace(cell).empty();
      case C::kPersonNo: return true;
      case C::kBirthDate: {
        std::optional<Date> date = FastDate(cell);
        if (!date) {
          const std::string_view t = TrimAsciiWhitespace(cell);
          if (t.empty()) return true;
          StatusOr<Date> parsed = Date::Parse(t);
          if (!parsed.ok()) return false;
          date = *parsed;
        }
        raw.birth_days = date->days();
        raw.birth_set = true;
        return true;
      }
      case C::kSex: return Code(column, cell, raw.sex) != Cell::kBad;
      case C::kRelationship: return Code(column, cell, raw.relationship) == Cell::kValue;  // required
      case C::kEducation: return Code(column, cell, raw.education) != Cell::kBad;
      case C::kSchoolStatus: return Code(column, cell, raw.school_status) != Cell::kBad;
      case C::kHealth: return Code(column, cell, raw.health) != Cell::kBad;
      case C::kLabourSkill: return Code(column, cell, raw.labour_skill) != Cell::kBad;
      case C::kWorkStatus: return Code(column, cell, raw.work_status) != Cell::kBad;
      case C::kHouseholdType: return Code(column, cell, raw.type) != Cell::kBad;
      case C::kHouseholdAttribute: return Code(column, cell, raw.attribute) != Cell::kBad;
      case C::kMainCause: return Code(column, cell, raw.main_cause) != Cell::kBad;
      case C::kMonitoringType: return Code(column, cell, raw.monitoring_type) != Cell::kBad;
      case C::kHousingGrade: return Code(column, cell, raw.housing_grade) != Cell::kBad;
      case C::kWorkMonths: {
        const std::string_view t = TrimAsciiWhitespace(cell);
        if (t.empty()) return true;
        int value = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        if (ec != std::errc() || end != t.data() + t.size() || value < 0 || value > 99) return false;
        raw.work_months = value;
        return true;
      }
      case C::kMedicalInsured: return YesNo(cell, raw.medical) != Cell::kBad;
      case C::kCriticalIllnessInsured: return YesNo(cell, raw.critical) != Cell::kBad;
      case C::kReceivesDibao: return YesNo(cell, raw.dibao) != Cell::kBad;
      case C::kReceivesTekun: return YesNo(cell, raw.tekun) != Cell::kBad;
      case C::kSafeDrinkingWater: return YesNo(cell, raw.safe_water) != Cell::kBad;
      case C::kWageIncome: return MoneyCell(cell, raw.income[0]) != Cell::kBad;
      case C::kBusinessIncome: return MoneyCell(cell, raw.income[1]) != Cell::kBad;
      case C::kPropertyIncome: return MoneyCell(cell, raw.income[2]) != Cell::kBad;
      case C::kTransferIncome: return MoneyCell(cell, raw.income[3]) != Cell::kBad;
      case C::kBusinessExpense: return MoneyCell(cell, raw.income[4]) != Cell::kBad;
      default: return true;
    }
  }

  int32_t PersonValue(Kind kind, const RawRow& raw) const {
    switch (kind) {
      case Kind::kAge: return Date::FromDays(raw.birth_days).AgeOn(plan_.as_of);
      case Kind::kBirthDate: return raw.birth_days;
      case Kind::kSex: return raw.sex;
      case Kind::kRelationship: return raw.relationship;
      case Kind::kEducation: return raw.education;
      case Kind::kSchoolStatus: return raw.school_status;
      case Kind::kHealth: return raw.health;
      case Kind::kLabourSkill: return raw.labour_skill;
      case Kind::kWorkStatus: return raw.work_status;
      case Kind::kWorkMonths: return raw.work_months;
      case Kind::kMedicalInsured: return raw.medical;
      case Kind::kCriticalIllnessInsured: return raw.critical;
      case Kind::kReceivesDibao: return raw.dibao;
      case Kind::kReceivesTekun: return raw.tekun;
      default: return 0;
    }
  }

  int64_t HouseholdValue(Kind kind, const RawRow& raw, int64_t net) const {
    const bool y = plan_.has_year;
    switch (kind) {
      case Kind::kType: return raw.type;
      case Kind::kAttribute: return raw.attribute;
      case Kind::kMainCause: return raw.main_cause;
      case Kind::kMonitoringType: return raw.monitoring_type;
      case Kind::kNetIncome: return y ? net : 0;
      case Kind::kDataYear: return y ? plan_.data_year : 0;
      case Kind::kWage: return y ? raw.income[0] : 0;
      case Kind::kBusiness: return y ? raw.income[1] : 0;
      case Kind::kProperty: return y ? raw.income[2] : 0;
      case Kind::kTransfer: return y ? raw.income[3] : 0;
      case Kind::kExpense: return y ? raw.income[4] : 0;
      case Kind::kAlwaysTrue: return y ? 1 : 0;
      case Kind::kSafeDrinkingWater: return y ? raw.safe_water : 0;
      case Kind::kHousingGrade: return y ? raw.housing_grade : 0;
      default: return 0;  // size and 人均纯收入: set by Merge
    }
  }

  // Fills in what defaults from the ID number, as RegistryReader::ParseFields does.
  static void Defaults(RawRow& raw) {
    const uint32_t birth8 = static_cast<uint32_t>(raw.id % 100'000'000'000 / 1000);
    if (!raw.birth_set) {
      raw.birth_days = Date::FromYmd(static_cast<int>(birth8 / 10000), static_cast<int>(birth8 / 100 % 100),
                                     static_cast<int>(birth8 % 100))->days();
    }
    if (raw.sex == 0) raw.sex = static_cast<uint8_t>(raw.id % 1000 % 2 == 1 ? Sex::kMale : Sex::kFemale);
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
      if (!ParseNeeded(cell.column, Field(cell.index, line), raw)) {
        spans_valid_ = false;
        return BadRow(line, count, line_number);
      }
    }
    Defaults(raw);
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
  const Date today_;
  Part& part_;
  std::vector<uint32_t> starts_;
  std::vector<CodeCache> caches_;
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

// Builds the plan; nullopt when the fast path cannot serve these needs or this header.
std::optional<Plan> MakePlan(const std::string& path, const SnapshotNeeds& needs, Date as_of, int data_year,
                             const std::string& header) {
  Plan plan;
  plan.path = path;
  plan.as_of = as_of;
  plan.data_year = data_year;
  plan.has_year = data_year <= as_of.year();
  plan.header = header;
  const std::span<const FieldDef> fields = Fields();
  for (size_t f = 0; f < fields.size() && f < needs.fields.size(); ++f) {
    if (!needs.fields[f]) continue;
    const std::optional<Kind> kind = KindOf(fields[f]);
    if (!kind) return std::nullopt;
    if (fields[f].scope == FieldScope::kPerson) {
      plan.person_fields.push_back(f);
      plan.person_kinds.push_back(*kind);
      plan.person_width.push_back(FieldWidth(f));
    } else {
      plan.household_fields.push_back(f);
      plan.household_kinds.push_back(*kind);
      plan.household_width.push_back(FieldWidth(f));
      plan.household_computed.push_back(*kind == Kind::kSize || *kind == Kind::kNetIncomePerCapita);
      if (*kind == Kind::kNetIncome && FieldWidth(f) == ColumnWidth::kWide) {
        plan.net_income = static_cast<int>(plan.household_kinds.size()) - 1;
      }
    }
  }
  for (const Kind kind : plan.household_kinds) plan.store_net |= kind == Kind::kNetIncomePerCapita;
  plan.store_net &= plan.net_income < 0;
  plan.needed = NeededRegistryColumns(needs);
  plan.column_index.assign(RegistryColumns().size(), -1);
  std::string_view rest(header);
  std::vector<bool> household_level;  // per file column
  for (int index = 0;; ++index) {
    const size_t comma = rest.find(',');
    const std::optional<RegistryColumn> column = FindRegistryColumn(rest.substr(0, comma));
    household_level.push_back(column && IsHouseholdLevel(*column));
    if (column && plan.needed[static_cast<size_t>(*column)]) {
      plan.column_index[static_cast<size_t>(*column)] = index;
      plan.cells.push_back(NeededCell{*column, static_cast<uint32_t>(index)});
      plan.fields_kept = std::max(plan.fields_kept, static_cast<size_t>(index) + 1);
    }
    ++plan.header_fields;
    if (plan.header_fields > kMaxCsvFields) return std::nullopt;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  // Household cells, in file order, grouped into spans of household-level columns.
  std::sort(plan.cells.begin(), plan.cells.end(),
            [](const NeededCell& a, const NeededCell& b) { return a.index < b.index; });
  for (NeededCell& cell : plan.cells) {
    if (!IsHouseholdCell(cell.column)) continue;
    if (!plan.household_spans.empty()) {
      HouseholdSpan& span = plan.household_spans.back();
      bool joined = true;
      for (uint32_t k = span.last + 1; k < cell.index && joined; ++k) joined = household_level[k];
      if (joined) {
        span.last = cell.index;
        cell.span = static_cast<int>(plan.household_spans.size()) - 1;
        continue;
      }
    }
    if (plan.household_spans.size() == kMaxHouseholdSpans) continue;  // parsed on every row
    plan.household_spans.push_back(HouseholdSpan{cell.index, cell.index});
    cell.span = static_cast<int>(plan.household_spans.size()) - 1;
  }
  return plan;
}

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

// Whether two households share a 户编号; cheap when the file is sorted by it.
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

// A run of rows [begin, end) of one part that the snapshot keeps.
struct Range {
  size_t part = 0;
  size_t begin = 0, end = 0;
};

void AddRange(std::vector<Range>& ranges, size_t part, size_t begin, size_t end) {
  if (begin == end) return;
  if (!ranges.empty() && ranges.back().part == part && ranges.back().end == begin) {
    ranges.back().end = end;
  } else {
    ranges.push_back({part, begin, end});
  }
}

// The kept households' first fragments and the kept persons, as runs per part, in order;
// and each kept household's member count.
struct Kept {
  std::vector<Range> households, persons;
  std::vector<uint32_t> sizes;
  size_t households_seen = 0;  // kept or rejected
};

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
    if (written != r.begin) std::memmove(dest.data() + written, dest.data() + r.begin, (r.end - r.begin) * sizeof(T));
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
    case ColumnWidth::kByte: return Gather<uint8_t>(ranges, [&](size_t p) -> std::vector<uint8_t>& { return of(p).bytes; });
    case ColumnWidth::kNarrow: return Gather<int32_t>(ranges, [&](size_t p) -> std::vector<int32_t>& { return of(p).narrow; });
    case ColumnWidth::kWide: return Gather<int64_t>(ranges, [&](size_t p) -> std::vector<int64_t>& { return of(p).wide; });
  }
}

// Turns the parts into the snapshot: every column is gathered into part 0's (Gather), the
// columns spread over two threads, then the fields that depend on the whole household
// (size, 人均纯收入) and the household of each person are filled in.
Snapshot Assemble(std::vector<Part>& parts, const Kept& kept, const Plan& plan, const SnapshotNeeds& needs) {
  std::vector<std::function<void()>> tasks;
  tasks.push_back([&] { GatherStrings(kept.households, [&](size_t p) -> StringColumn& { return parts[p].household_no; }); });
  PersonNumbers person_no;  // a byte a person: gathered into a new column, not in place
  tasks.push_back([&] {
    size_t total = 0;
    for (const Range& r : kept.persons) total += r.end - r.begin;
    person_no.Reserve(total);
    for (const Range& r : kept.persons) person_no.AppendRange(parts[r.part].person_no, r.begin, r.end);
  });
  tasks.push_back([&] { Gather<uint64_t>(kept.persons, [&](size_t p) -> std::vector<uint64_t>& { return parts[p].person_id; }); });
  tasks.push_back([&] { Gather<uint32_t>(kept.households, [&](size_t p) -> std::vector<uint32_t>& { return parts[p].county; }); });
  if (plan.store_net) {
    tasks.push_back([&] { Gather<int64_t>(kept.households, [&](size_t p) -> std::vector<int64_t>& { return parts[p].net; }); });
  }
  for (size_t i = 0; i < plan.person_fields.size(); ++i) {
    tasks.push_back([&, i] {
      GatherColumn(kept.persons, plan.person_width[i], [&](size_t p) -> Column& { return parts[p].person_values[i]; });
    });
  }
  for (size_t i = 0; i < plan.household_fields.size(); ++i) {
    if (plan.household_computed[i]) continue;
    tasks.push_back([&, i] {
      GatherColumn(kept.households, plan.household_width[i], [&](size_t p) -> Column& { return parts[p].household_values[i]; });
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
  for (size_t i = 0; i < plan.person_fields.size(); ++i) s.fields[plan.person_fields[i]] = std::move(first.person_values[i]);
  for (size_t i = 0; i < plan.household_fields.size(); ++i) {
    s.fields[plan.household_fields[i]] = std::move(first.household_values[i]);
  }
  // The kept households' net income: the net_income column when it is needed (equal to the
  // net wherever 人均纯收入 is computed: has_year), else the parts' own.
  const std::vector<int64_t>& net =
      plan.net_income >= 0 ? s.fields[plan.household_fields[static_cast<size_t>(plan.net_income)]].wide : first.net;
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

// What LoadRegistryFast returns to send the file to the slow path. (A bare std::nullopt
// would construct StatusOr's own empty value instead.)
std::optional<RegistryLoadResult> SlowPath() { return std::optional<RegistryLoadResult>(); }

}  // namespace

StatusOr<std::optional<RegistryLoadResult>> LoadRegistryFast(const std::string& path, const SnapshotNeeds& needs,
                                                             Date as_of, const RegistryLoadOptions& options,
                                                             int data_year, Progress& progress) {
  StatusOr<RawFile> file = RawFile::Open(path);
  if (!file.ok()) return SlowPath();
  ASSIGN_OR_RETURN(const FileHead head, ReadFileHead(*file));
  if (!head.fast_readable) return SlowPath();
  const RegistryReaderOptions reader_options{TextEncoding::kUtf8, data_year};
  if (!RegistryReader::FromString(head.header + "\n", path, reader_options).ok()) return SlowPath();
  std::optional<Plan> plan = MakePlan(path, needs, as_of, data_year, head.header);
  if (!plan) return SlowPath();
  const size_t threads = ThreadCount(options.threads);
  ASSIGN_OR_RETURN(const std::vector<FileRange> ranges, SplitAtLines(*file, head.data_begin, threads));

  progress.Start(fmt::format("读取登记数据 reading {}", path), file->size());
  std::vector<Part> parts(ranges.size());
  std::atomic<bool> give_up{false};
  std::atomic<int64_t> bytes_done{0};
  const Date today = Date::Today();
  RunParallel(ranges.size(), [&](size_t i) {
    Part& part = parts[i];
    // Part 0's columns become the snapshot's (Assemble): reserved for the whole file.
    const int64_t bytes = i == 0 ? ranges.back().end - ranges.front().begin : ranges[i].end - ranges[i].begin;
    ReservePart(part, static_cast<size_t>(bytes), *plan);
    RangeParser parser(*plan, std::move(RegistryReader::FromString(plan->header + "\n", path, reader_options)).value(),
                       today, part);
    std::string buffer;
    StatusOr<bool> done = ForEachBlock(*file, ranges[i], kMaxCsvFieldBytes, buffer, [&](std::string_view block) {
      if (give_up.load(std::memory_order_relaxed) || !parser.Block(block)) return BlockVerdict::kStop;
      const int64_t total = bytes_done.fetch_add(static_cast<int64_t>(block.size())) + static_cast<int64_t>(block.size());
      if (i == 0) progress.Update(total);
      return BlockVerdict::kContinue;
    });
    if (!done.ok()) part.status = done.status();
    else if (!*done) give_up = true;
  });
  progress.Finish();
  for (const Part& part : parts) RETURN_IF_ERROR(part.status);
  if (give_up) return SlowPath();

  RegistryLoadResult result;
  result.fast_path = true;
  result.data_year = data_year;
  int64_t lines_before = 1;  // the header
  for (Part& part : parts) {
    result.rows += part.rows;
    for (RowProblem& problem : part.problems) {
      problem.line += lines_before;
      result.problems.push_back(std::move(problem));
    }
    part.problems.clear();
    lines_before += part.newlines;
  }
  if (AnyRepeated(parts)) return SlowPath();
  const Kept kept = KeptRanges(parts);
  result.households = static_cast<int64_t>(kept.households_seen);
  result.households_rejected = static_cast<int64_t>(kept.households_seen - kept.sizes.size());
  result.snapshot = Assemble(parts, kept, *plan, needs);
  return std::optional<RegistryLoadResult>(std::move(result));
}

}  // namespace jz
