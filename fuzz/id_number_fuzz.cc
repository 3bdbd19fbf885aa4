// Fuzz target for IdNumber::Parse (every identity number users and department feeds send)
// and IdNumber::Unpack (every packed number read back from the store). For each number
// accepted, checks that its 18-character form, packed form, masked form and parts agree
// and round-trip; FastPackIdNumber must give the same packed form for every input in the
// common form (18 bytes, uppercase X) that Parse accepts and nullopt for every other input.
// The first 8 bytes, read as a uint64, are also unpacked: Unpack must
// either refuse them or return a number with exactly that packed form.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/id_number.h"
#include "fuzz/fuzz_check.h"

namespace jz {
namespace {

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

uint32_t DigitsValue(std::string_view digits) {
  uint32_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<uint32_t>(c - '0');
  return value;
}

// 10^17: every packed number is below it (17 digits).
constexpr uint64_t kPackedLimit = 100'000'000'000'000'000;

// A fixed "today", so that a crashing input reproduces on any day.
Date Today() { return *Date::FromYmd(2024, 6, 30); }

// Checks the invariants of a valid number; `today` is a day on which it must parse again.
void CheckValid(IdNumber id, Date today) {
  const std::string text = id.ToString();
  JZ_FUZZ_CHECK(text.size() == IdNumber::kLength);
  JZ_FUZZ_CHECK(AllDigits(std::string_view(text).substr(0, 17)));
  JZ_FUZZ_CHECK(text[17] == IdNumber::CheckCharacter(std::string_view(text).substr(0, 17)));
  JZ_FUZZ_CHECK(id.Packed() != 0 && id.Packed() < kPackedLimit);

  StatusOr<IdNumber> again = IdNumber::Parse(text, today);
  JZ_FUZZ_CHECK(again.ok() && *again == id);
  std::optional<IdNumber> unpacked = IdNumber::Unpack(id.Packed());
  JZ_FUZZ_CHECK(unpacked.has_value() && *unpacked == id);

  const std::string masked = id.Masked();
  JZ_FUZZ_CHECK(masked.size() == IdNumber::kLength);
  JZ_FUZZ_CHECK(masked.substr(0, 6) == text.substr(0, 6) && masked.substr(6, 8) == "********" &&
                masked.substr(14) == text.substr(14));

  const std::string_view view(text);
  JZ_FUZZ_CHECK(id.AddressCode() == DigitsValue(view.substr(0, 6)));
  const Date birth = id.BirthDate();
  JZ_FUZZ_CHECK(DigitsValue(view.substr(6, 8)) ==
                static_cast<uint32_t>(birth.year() * 10000 + birth.month() * 100 + birth.day()));
  JZ_FUZZ_CHECK(id.Sequence() == DigitsValue(view.substr(14, 3)));
  JZ_FUZZ_CHECK(id.IsMale() == (id.Sequence() % 2 == 1));
}

// For accepted text: the 18-character form is the input, upper-cased, or the upgrade of
// the 15-digit form ("19" inserted, check character appended).
void CheckMatchesInput(std::string_view trimmed, IdNumber id) {
  const std::string text = id.ToString();
  if (trimmed.size() == IdNumber::kLength) {
    std::string upper(trimmed);
    if (upper.back() == 'x') upper.back() = 'X';
    JZ_FUZZ_CHECK(text == upper);
  } else {
    JZ_FUZZ_CHECK(trimmed.size() == IdNumber::kLegacyLength && AllDigits(trimmed));
    JZ_FUZZ_CHECK(text.substr(0, 17) ==
                  std::string(trimmed.substr(0, 6)) + "19" + std::string(trimmed.substr(6)));
  }
}

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\r\n";
  const size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

}  // namespace
}  // namespace jz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jz::StatusOr<jz::IdNumber> id = jz::IdNumber::Parse(text, jz::Today());
  if (id.ok()) {
    jz::CheckValid(*id, jz::Today());
    jz::CheckMatchesInput(jz::Trim(text), *id);
  }

  const std::optional<uint64_t> fast = jz::FastPackIdNumber(text, jz::Today());
  if (id.ok() && size == jz::IdNumber::kLength && jz::AllDigits(text.substr(0, 17)) && text.back() != 'x') {
    JZ_FUZZ_CHECK(fast == id->Packed());
  } else {
    JZ_FUZZ_CHECK(!fast.has_value());
  }

  if (size >= sizeof(uint64_t)) {
    uint64_t packed = 0;
    std::memcpy(&packed, data, sizeof packed);
    // The raw word is almost never below 10^17; its remainder lands in range.
    for (uint64_t candidate : {packed, packed % jz::kPackedLimit}) {
      std::optional<jz::IdNumber> unpacked = jz::IdNumber::Unpack(candidate);
      if (!unpacked.has_value()) continue;
      JZ_FUZZ_CHECK(unpacked->Packed() == candidate);
      // Unpack does not compare the birth date with today: the latest birth date it holds.
      jz::CheckValid(*unpacked, *jz::Date::FromYmd(jz::Date::kMaxYear, 12, 31));
    }
  }
  return 0;
}
