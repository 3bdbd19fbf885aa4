// RegistryReader::ParseCell: one case per column of the registry export layout.
#include <fmt/format.h>

#include <charconv>

#include "io/registry_reader.h"

namespace jz {
namespace {

using C = RegistryColumn;

std::optional<int> ParseCount(std::string_view text, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > max) return std::nullopt;
  return value;
}

// Splits 其他致贫原因 on 、 , or ;.
std::vector<std::string_view> SplitMulti(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  auto flush = [&](size_t end) {
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.push_back(part);
  };
  for (size_t i = 0; i < text.size();) {
    size_t sep = 0;
    if (text.compare(i, kMultiValueSeparator.size(), kMultiValueSeparator) == 0) {
      sep = kMultiValueSeparator.size();
    } else if (text[i] == ',' || text[i] == ';') {
      sep = 1;
    }
    if (sep == 0) {
      ++i;
      continue;
    }
    flush(i);
    i += sep;
    start = i;
  }
  flush(text.size());
  return parts;
}

}  // namespace

void RegistryReader::ParseCell(RegistryColumn column, std::string_view cell, RegistryRow& row,
                               std::vector<RowProblem>& problems) {
  Household& h = row.household;
  Person& p = row.person;
  HouseholdYear& y = row.year;
  // Reports a parse failure of `status` on this cell.
  auto fail = [&](const Status& status, std::string_view rule_id = "import.value") {
    Problem(problems, column, cell, rule_id, status.message());
  };
  // Optional code-list cell: empty stays empty.
  auto code = [&]<typename E>(std::optional<E>& out) {
    if (cell.empty()) return;
    StatusOr<E> value = Parse<E>(cell);
    if (value.ok()) {
      out = *value;
    } else {
      fail(value.status());
    }
  };
  auto required_code = [&]<typename E>(E& out) {
    if (cell.empty()) return;  // reported as a missing required cell, or defaulted
    StatusOr<E> value = Parse<E>(cell);
    if (value.ok()) {
      out = *value;
    } else {
      fail(value.status());
    }
  };
  auto yes_no = [&](bool& out) {
    if (cell.empty()) return;
    StatusOr<bool> value = ParseYesNo(cell);
    if (value.ok()) {
      out = *value;
    } else {
      fail(value.status());
    }
  };
  auto money = [&](Money& out) {
    if (cell.empty()) return;
    StatusOr<Money> value = Money::Parse(cell);
    if (value.ok()) {
      out = *value;
    } else {
      fail(value.status());
    }
  };
  auto date = [&](std::optional<Date>& out) {
    if (cell.empty()) return;
    StatusOr<Date> value = Date::Parse(cell);
    if (value.ok()) {
      out = *value;
    } else {
      fail(value.status());
    }
  };
  auto count = [&](int max, const char* what_zh, const char* what_en) -> std::optional<int> {
    if (cell.empty()) return std::nullopt;
    std::optional<int> value = ParseCount(cell, max);
    if (!value) {
      fail(Status(StatusCode::kInvalidArgument,
                  Bilingual(fmt::format("{}应为 0 到 {} 的整数", what_zh, max),
                            fmt::format("{} must be a whole number from 0 to {}", what_en, max))));
    }
    return value;
  };

  switch (column) {
    case C::kCountyName:
      row.place.county = std::string(cell);
      return;
    case C::kTownshipName:
      row.place.township = std::string(cell);
      return;
    case C::kVillageName:
      row.place.village = std::string(cell);
      return;
    case C::kDangerousHouse:
    case C::kPersonIdentified:
    case C::kRiskEliminated:
      return;  // derived from other columns; not stored
    case C::kNaturalVillage:
      h.natural_village = std::string(cell);
      return;
    case C::kRegionCode: {
      if (cell.empty()) return;
      StatusOr<RegionCode> code12 = RegionCode::Parse(cell);
      if (!code12.ok()) return fail(code12.status());
      if (code12->level() != RegionLevel::kVillage) {
        return fail(Status(
            StatusCode::kInvalidArgument,
            Bilingual("行政区划代码应为 12 位村级代码", "the region code must be a 12-digit village code")));
      }
      h.village = *code12;
      return;
    }
    case C::kHouseholdNo:
      h.household_no = std::string(cell);
      return;
    case C::kPersonNo:
      p.person_no = std::string(cell);
      return;
    case C::kName:
      p.name = std::string(cell);
      return;
    case C::kIdNumber: {
      if (cell.empty()) return;
      StatusOr<IdNumber> id = IdNumber::Parse(cell);
      if (id.ok()) {
        p.id_number = *id;
      } else {
        fail(id.status(), ClassifyIdProblem(cell));
      }
      return;
    }
    case C::kSex:
      row_has_sex_ = !cell.empty();
      return required_code(p.sex);
    case C::kBirthDate: {
      std::optional<Date> birth;
      date(birth);
      if (birth) p.birth_date = *birth, row_has_birth_date_ = true;
      return;
    }
    case C::kHouseholdSize:
      h.declared_size = count(99, "人数", "household size");
      return;
    case C::kRelationship:
      return required_code(p.relationship);
    case C::kEthnicity:
      return code(p.ethnicity);
    case C::kEducation:
      return code(p.education);
    case C::kSchoolStatus:
      return code(p.school_status);
    case C::kHealth:
      return code(p.health);
    case C::kLabourSkill:
      return code(p.labour_skill);
    case C::kWorkStatus:
      return code(p.work_status);
    case C::kWorkMonths:
      p.work_months = count(99, "务工时间", "work months").value_or(0);
      return;
    case C::kMedicalInsured:
      return yes_no(p.medical_insured);
    case C::kCriticalIllnessInsured:
      return yes_no(p.critical_illness_insured);
    case C::kReceivesDibao:
      return yes_no(p.receives_dibao);
    case C::kReceivesTekun:
      return yes_no(p.receives_tekun);
    case C::kHouseholdType:
      return required_code(h.type);
    case C::kHouseholdAttribute:
      return code(h.attribute);
    case C::kMainCause:
      return code(h.main_cause);
    case C::kOtherCauses:
      for (std::string_view part : SplitMulti(cell)) {
        StatusOr<PovertyCause> cause = Parse<PovertyCause>(part);
        if (cause.ok()) {
          h.other_causes.push_back(*cause);
        } else {
          fail(cause.status());
        }
      }
      return;
    case C::kHousingGrade:
      return code(y.housing_grade);
    case C::kSafeDrinkingWater:
      return yes_no(y.safe_drinking_water);
    case C::kWageIncome:
      return money(y.wage_income);
    case C::kBusinessIncome:
      return money(y.business_income);
    case C::kPropertyIncome:
      return money(y.property_income);
    case C::kTransferIncome:
      return money(y.transfer_income);
    case C::kBusinessExpense:
      return money(y.business_expense);
    case C::kNetIncomePerCapita: {
      Money declared;
      if (cell.empty()) return;
      money(declared);
      y.declared_net_income_per_capita = declared;
      return;
    }
    case C::kHouseholdPhone:
      h.phone = std::string(cell);
      return;
    case C::kPersonPhone:
      p.phone = std::string(cell);
      return;
    case C::kFirstIdentified:
      return date(h.first_identified);
    case C::kMonitoringType:
      return code(h.monitoring_type);
    case C::kRiskIdentified:
      return date(h.risk_identified);
    case C::kRiskEliminatedDate:
      return date(h.risk_eliminated);
    case C::kCadreName:
      h.cadre_name = std::string(cell);
      return;
  }
}

}  // namespace jz
