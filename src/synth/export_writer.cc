// Export rows: cells in RegistryColumn order. Money and dates are formatted into stack
// buffers (no allocation per cell) because this runs tens of millions of times.
#include "synth/export_writer.h"

#include <charconv>

#include "io/registry_layout.h"

namespace jz::gen {
namespace {

// Formats fen as yuan with two decimals ("1234.50") into `buf`; returns the text.
std::string_view FormatMoney(Money money, char (&buf)[32]) {
  int64_t fen = money.fen();
  char* p = buf;
  if (fen < 0) *p++ = '-', fen = -fen;
  p = std::to_chars(p, buf + sizeof(buf), fen / 100).ptr;
  *p++ = '.';
  *p++ = static_cast<char>('0' + (fen % 100) / 10);
  *p++ = static_cast<char>('0' + fen % 10);
  return {buf, static_cast<size_t>(p - buf)};
}

std::string_view FormatDate(Date date, char (&buf)[16]) {
  const int y = date.year(), m = date.month(), d = date.day();
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + d / 10);
  buf[9] = static_cast<char>('0' + d % 10);
  return {buf, 10};
}

template <typename E>
std::string_view LabelOrEmpty(const std::optional<E>& value) {
  return value ? Label(*value) : std::string_view();
}

std::string_view YesNo(bool value) { return YesNoLabel(value, Lang::kZhHans); }
// The synthesizer states every flag; an unknown one (a hand-built household) is written empty.
std::string_view YesNo(std::optional<bool> value) { return value ? YesNo(*value) : std::string_view(); }

}  // namespace

void ExportWriter::WriteHeader() {
  for (const RegistryColumnInfo& info : RegistryColumns()) csv_->Field(info.zh_header);
  csv_->EndRow();
}

void ExportWriter::Write(const PlannedVillage& village, const SyntheticHousehold& sh) {
  const Household& h = sh.household;
  const HouseholdYear& y = h.years.front();
  const int members = static_cast<int>(h.members.size());
  const std::string region_code = h.village.ToString();
  std::string other_causes;
  for (PovertyCause cause : h.other_causes) {
    if (!other_causes.empty()) other_causes += kMultiValueSeparator;
    other_causes += Label(cause);
  }
  char money_buf[32], date_buf[16];
  for (size_t i = 0; i < h.members.size(); ++i) {
    const Person& p = h.members[i];
    csv_->Field(village.county_name);
    csv_->Field(village.township_name);
    csv_->Field(village.village_name);
    csv_->Field(h.natural_village);
    csv_->RawField(region_code);
    csv_->RawField(h.household_no);
    csv_->RawField(p.person_no);
    csv_->Field(p.name);
    if (sh.overrides.person_index == static_cast<int>(i)) {
      csv_->Field(sh.overrides.id_text);
    } else {
      csv_->RawField(p.id_number.ToString());
    }
    csv_->RawField(Label(p.sex));
    csv_->RawField(FormatDate(p.birth_date, date_buf));
    csv_->Field(int64_t{h.declared_size.value_or(members)});
    csv_->RawField(Label(p.relationship));
    csv_->RawField(LabelOrEmpty(p.ethnicity));
    csv_->RawField(LabelOrEmpty(p.education));
    csv_->RawField(LabelOrEmpty(p.school_status));
    csv_->RawField(LabelOrEmpty(p.health));
    csv_->RawField(LabelOrEmpty(p.labour_skill));
    csv_->Field(LabelOrEmpty(p.work_status));
    csv_->Field(int64_t{p.work_months.value_or(0)});
    csv_->RawField(YesNo(p.medical_insured));
    csv_->RawField(YesNo(p.critical_illness_insured));
    csv_->RawField(YesNo(p.receives_dibao));
    csv_->RawField(YesNo(p.receives_tekun));
    csv_->RawField(Label(h.type));
    csv_->RawField(LabelOrEmpty(h.attribute));
    csv_->RawField(LabelOrEmpty(h.main_cause));
    csv_->Field(other_causes);
    const bool dangerous = y.housing_grade && IsDangerous(*y.housing_grade);
    csv_->RawField(YesNo(dangerous));
    csv_->RawField(LabelOrEmpty(y.housing_grade));
    csv_->RawField(YesNo(y.safe_drinking_water));
    csv_->RawField(FormatMoney(y.wage_income, money_buf));
    csv_->RawField(FormatMoney(y.business_income, money_buf));
    csv_->RawField(FormatMoney(y.property_income, money_buf));
    csv_->RawField(FormatMoney(y.transfer_income, money_buf));
    csv_->RawField(FormatMoney(y.business_expense, money_buf));
    csv_->RawField(FormatMoney(
        y.declared_net_income_per_capita.value_or(y.NetIncomePerCapita(members).value_or(Money())),
        money_buf));
    csv_->RawField(h.phone);
    csv_->RawField(p.phone);
    if (h.first_identified) {
      csv_->RawField(FormatDate(*h.first_identified, date_buf));
    } else {
      csv_->EmptyField();
    }
    csv_->RawField(FormatDate(sh.person_identified[i], date_buf));
    csv_->RawField(LabelOrEmpty(h.monitoring_type));
    if (h.monitoring_type) {
      csv_->RawField(YesNo(h.risk_eliminated.has_value()));
    } else {
      csv_->EmptyField();
    }
    if (h.risk_identified) {
      csv_->RawField(FormatDate(*h.risk_identified, date_buf));
    } else {
      csv_->EmptyField();
    }
    if (h.risk_eliminated) {
      csv_->RawField(FormatDate(*h.risk_eliminated, date_buf));
    } else {
      csv_->EmptyField();
    }
    csv_->Field(h.cadre_name);
    csv_->EndRow();
  }
}

}  // namespace jz::gen
