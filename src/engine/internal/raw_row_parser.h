// RawRowParser: the needed cells of one registry row into a RawRow, the values as the
// registry reader would store them, for the fast registry load (registry_fast_path.h). Each
// cell tries the fast parser of engine/fast_cells.h first and falls back on core's exact
// parser, so that a cell reads exactly as RegistryReader reads it; ParseNeeded returns
// false for a cell the exact parser rejects (or a required cell left empty), and the row is
// then re-read by RegistryReader for its problems. Header-only: ParseNeeded runs for every
// needed cell of every row, so its one caller (RangeParser::Row, registry_range_parser.cc)
// must see its body. Not thread-safe (it caches labels): one per thread.
#ifndef JZ_ENGINE_INTERNAL_RAW_ROW_PARSER_H_
#define JZ_ENGINE_INTERNAL_RAW_ROW_PARSER_H_

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/internal/text.h"
#include "core/money.h"
#include "core/registry.h"
#include "engine/fast_cells.h"
#include "engine/internal/code_cache.h"
#include "io/registry_layout.h"

namespace jz::internal::registry_fast {

// One row's needed values as the reader would store them (defaults as in core/registry.h).
struct RawRow {
  uint64_t id = 0;
  int32_t birth_days = 0;
  bool birth_set = false;
  uint8_t sex = 0;  // 0: take it from the ID number
  uint8_t relationship = static_cast<uint8_t>(Relationship::kHead);
  uint8_t education = 0, school_status = 0, health = 0, labour_skill = 0, work_status = 0;
  // Unknown (snapshot.h UnknownMarker) until a cell says: a column the file lacks stays so.
  int32_t work_months = INT32_MIN;
  uint8_t medical = 0xFF, critical = 0xFF, dibao = 0xFF, tekun = 0xFF;
  uint64_t village = 0;
  uint8_t type = static_cast<uint8_t>(HouseholdType::kExited);
  uint8_t attribute = 0, main_cause = 0, monitoring_type = 0, housing_grade = 0;
  uint8_t safe_water = 0xFF;
  int64_t income[5] = {};  // wage, business, property, transfer, expense (fen)
};

// How a cell read: empty (the field keeps its default), a value, or a value the exact
// parser rejects.
enum class Cell : uint8_t { kEmpty, kValue, kBad };

// The needed cells of one row into a RawRow. One per thread (it caches labels).
class RawRowParser {
  using C = RegistryColumn;

 public:
  // `today` bounds the birth dates of ID numbers (FastPackIdNumber).
  explicit RawRowParser(Date today) : today_(today), caches_(RegistryColumns().size()) {}

  // Parses the needed cell of `column` into `raw`; false when it has a problem.
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
      case C::kHouseholdNo:
        return !TrimAsciiWhitespace(cell).empty();
      case C::kPersonNo:
        return true;
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
      case C::kSex:
        return Code(column, cell, raw.sex) != Cell::kBad;
      case C::kRelationship:
        return Code(column, cell, raw.relationship) == Cell::kValue;  // required
      case C::kEducation:
        return Code(column, cell, raw.education) != Cell::kBad;
      case C::kSchoolStatus:
        return Code(column, cell, raw.school_status) != Cell::kBad;
      case C::kHealth:
        return Code(column, cell, raw.health) != Cell::kBad;
      case C::kLabourSkill:
        return Code(column, cell, raw.labour_skill) != Cell::kBad;
      case C::kWorkStatus:
        return Code(column, cell, raw.work_status) != Cell::kBad;
      case C::kHouseholdType:
        return Code(column, cell, raw.type) != Cell::kBad;
      case C::kHouseholdAttribute:
        return Code(column, cell, raw.attribute) != Cell::kBad;
      case C::kMainCause:
        return Code(column, cell, raw.main_cause) != Cell::kBad;
      case C::kMonitoringType:
        return Code(column, cell, raw.monitoring_type) != Cell::kBad;
      case C::kHousingGrade:
        return Code(column, cell, raw.housing_grade) != Cell::kBad;
      case C::kWorkMonths: {
        const std::string_view t = TrimAsciiWhitespace(cell);
        if (t.empty()) {
          raw.work_months = 0;  // a blank cell of a present column: none, as the reader has it
          return true;
        }
        int value = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        if (ec != std::errc() || end != t.data() + t.size() || value < 0 || value > 99) return false;
        raw.work_months = value;
        return true;
      }
      case C::kMedicalInsured:
        return YesNo(cell, raw.medical) != Cell::kBad;
      case C::kCriticalIllnessInsured:
        return YesNo(cell, raw.critical) != Cell::kBad;
      case C::kReceivesDibao:
        return YesNo(cell, raw.dibao) != Cell::kBad;
      case C::kReceivesTekun:
        return YesNo(cell, raw.tekun) != Cell::kBad;
      case C::kSafeDrinkingWater:
        return YesNo(cell, raw.safe_water) != Cell::kBad;
      case C::kWageIncome:
        return MoneyCell(cell, raw.income[0]) != Cell::kBad;
      case C::kBusinessIncome:
        return MoneyCell(cell, raw.income[1]) != Cell::kBad;
      case C::kPropertyIncome:
        return MoneyCell(cell, raw.income[2]) != Cell::kBad;
      case C::kTransferIncome:
        return MoneyCell(cell, raw.income[3]) != Cell::kBad;
      case C::kBusinessExpense:
        return MoneyCell(cell, raw.income[4]) != Cell::kBad;
      default:
        return true;
    }
  }

  // Fills in what defaults from the ID number, as RegistryReader::ParseFields does.
  static void Defaults(RawRow& raw) {
    const uint32_t birth8 = static_cast<uint32_t>(raw.id % 100'000'000'000 / 1000);
    if (!raw.birth_set) {
      raw.birth_days = Date::FromYmd(static_cast<int>(birth8 / 10000), static_cast<int>(birth8 / 100 % 100),
                                     static_cast<int>(birth8 % 100))
                           ->days();
    }
    if (raw.sex == 0) raw.sex = static_cast<uint8_t>(raw.id % 1000 % 2 == 1 ? Sex::kMale : Sex::kFemale);
  }

 private:
  static const internal::CodeList* ListOf(C column) {
    switch (column) {
      case C::kSex:
        return &CodeListTraits<Sex>::List();
      case C::kRelationship:
        return &CodeListTraits<Relationship>::List();
      case C::kEducation:
        return &CodeListTraits<Education>::List();
      case C::kSchoolStatus:
        return &CodeListTraits<SchoolStatus>::List();
      case C::kHealth:
        return &CodeListTraits<Health>::List();
      case C::kLabourSkill:
        return &CodeListTraits<LabourSkill>::List();
      case C::kWorkStatus:
        return &CodeListTraits<WorkStatus>::List();
      case C::kHouseholdType:
        return &CodeListTraits<HouseholdType>::List();
      case C::kHouseholdAttribute:
        return &CodeListTraits<HouseholdAttribute>::List();
      case C::kMainCause:
        return &CodeListTraits<PovertyCause>::List();
      case C::kMonitoringType:
        return &CodeListTraits<MonitoringType>::List();
      case C::kHousingGrade:
        return &CodeListTraits<HousingGrade>::List();
      default:
        return nullptr;
    }
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

  // A yes/no cell as 0/1; an empty cell leaves `out` unknown, as the reader does.
  static Cell YesNo(std::string_view cell, uint8_t& out) {
    if (std::optional<bool> b = FastYesNo(cell)) {
      out = *b ? 1 : 0;
      return Cell::kValue;
    }
    const std::string_view t = TrimAsciiWhitespace(cell);
    if (t.empty()) return Cell::kEmpty;
    StatusOr<bool> b = ParseYesNo(t);
    if (!b.ok()) return Cell::kBad;
    out = *b ? 1 : 0;
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

  const Date today_;
  std::vector<CodeCache> caches_;  // per RegistryColumn
};

}  // namespace jz::internal::registry_fast

#endif  // JZ_ENGINE_INTERNAL_RAW_ROW_PARSER_H_
