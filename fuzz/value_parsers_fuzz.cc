// Fuzz target for the cell parsers of registry imports: Money::Parse, Date::Parse, the code
// lists' Parse<E> (Health, Ethnicity, Relationship) and ParseYesNo, all on the same bytes.
// Whatever one accepts must come back unchanged from its own printed form: Money and Date
// from ToString(), a code-list value from each of its labels and its national code, a yes/no
// value from each of its labels.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "fuzz/fuzz_check.h"

namespace jz {
namespace {

constexpr Lang kLangs[] = {Lang::kZhHans, Lang::kZhHant, Lang::kEn};

void CheckMoney(std::string_view text) {
  StatusOr<Money> money = Money::Parse(text);
  if (!money.ok()) return;
  const std::string printed = money->ToString();
  StatusOr<Money> again = Money::Parse(printed);
  JZ_FUZZ_CHECK(again.ok() && *again == *money);
}

void CheckDate(std::string_view text) {
  StatusOr<Date> date = Date::Parse(text);
  if (!date.ok()) return;
  JZ_FUZZ_CHECK(date->year() >= Date::kMinYear && date->year() <= Date::kMaxYear);
  JZ_FUZZ_CHECK(Date::FromYmd(date->year(), date->month(), date->day()) == *date);
  StatusOr<Date> again = Date::Parse(date->ToString());
  JZ_FUZZ_CHECK(again.ok() && *again == *date);
}

template <CodeListEnum E>
void CheckCodeList(std::string_view text) {
  StatusOr<E> value = Parse<E>(text);
  if (!value.ok()) return;
  for (Lang lang : kLangs) {
    const std::string_view label = Label(*value, lang);
    JZ_FUZZ_CHECK(!label.empty());
    StatusOr<E> again = Parse<E>(label);
    JZ_FUZZ_CHECK(again.ok() && *again == *value);
  }
  StatusOr<E> by_code = Parse<E>(CodeText(*value));
  JZ_FUZZ_CHECK(by_code.ok() && *by_code == *value);
}

void CheckYesNo(std::string_view text) {
  StatusOr<bool> value = ParseYesNo(text);
  if (!value.ok()) return;
  for (Lang lang : kLangs) {
    StatusOr<bool> again = ParseYesNo(YesNoLabel(*value, lang));
    JZ_FUZZ_CHECK(again.ok() && *again == *value);
  }
}

}  // namespace
}  // namespace jz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jz::CheckMoney(text);
  jz::CheckDate(text);
  jz::CheckCodeList<jz::Health>(text);
  jz::CheckCodeList<jz::Ethnicity>(text);
  jz::CheckCodeList<jz::Relationship>(text);
  jz::CheckYesNo(text);
  return 0;
}
