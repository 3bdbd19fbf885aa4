// IdNumber parsing, packing and the MOD 11-2 check character. Parse() works on a stack copy
// of the 17 leading digits and integer parts, and builds a message (the only allocation)
// only when the number is rejected. The rules on the address code and the birth date are
// written once, on integers, and shared by Parse(), FromParts() and Unpack().
#include "core/id_number.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>

#include "core/internal/text.h"

namespace jz {
namespace {

// ISO 7064 MOD 11-2 as GB 11643-1999 states it: weight of each of the 17 digits, and the
// check character for each remainder of the weighted sum modulo 11.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";

constexpr uint32_t kMinProvince = 11;
constexpr uint32_t kMaxProvince = 82;
// The earliest birth date an IdNumber can hold: the start of Date's year range. GB 11643
// itself sets no earliest date; a number born before 1900 is valid but implausible for a
// living person, which the registry validator reports (id.implausible_birth) instead of the
// import refusing the row.
constexpr uint32_t kEarliestBirth8 = Date::kMinYear * 10000 + 101;
// The last birth date an IdNumber can hold: the end of Date's year range, so that
// BirthDate() always has a Date to return.
constexpr uint32_t kLatestBirth8 = Date::kMaxYear * 10000 + 1231;
constexpr uint64_t kPackedLimit = 100'000'000'000'000'000;  // 10^17: 17 digits
constexpr uint64_t kAddressUnit = 100'000'000'000;          // 10^11: 8 + 3 digits follow
constexpr uint64_t kBirthUnit = 1'000;                      // 3 digits follow
constexpr std::string_view kLegacyCentury = "19";

// The 17 leading digits as ASCII, the 15-digit form already upgraded.
using Digits17 = std::array<char, 17>;

// The integer parts of the 17 leading digits.
struct Parts {
  uint32_t address6 = 0;
  uint32_t birth8 = 0;  // YYYYMMDD
  uint32_t sequence3 = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

uint32_t DigitsValue(const char* digits, size_t count) {
  uint32_t value = 0;
  for (size_t i = 0; i < count; ++i) value = value * 10 + static_cast<uint32_t>(digits[i] - '0');
  return value;
}

char CheckCharacterOf(const Digits17& digits) {
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) sum += (digits[i] - '0') * kWeights[i];
  return kCheckCharacters[static_cast<size_t>(sum % 11)];
}

Parts PartsOf(const Digits17& digits) {
  return {DigitsValue(digits.data(), 6), DigitsValue(digits.data() + 6, 8),
          DigitsValue(digits.data() + 14, 3)};
}

uint64_t Pack(const Parts& parts) {
  return uint64_t{parts.address6} * kAddressUnit + uint64_t{parts.birth8} * kBirthUnit + parts.sequence3;
}

Parts Unpacked(uint64_t packed) {
  return {static_cast<uint32_t>(packed / kAddressUnit),
          static_cast<uint32_t>(packed % kAddressUnit / kBirthUnit),
          static_cast<uint32_t>(packed % kBirthUnit)};
}

Digits17 DigitsOf(uint64_t packed) {
  Digits17 digits;
  for (size_t i = digits.size(); i > 0; --i) {
    digits[i - 1] = static_cast<char>('0' + packed % 10);
    packed /= 10;
  }
  return digits;
}

uint32_t Birth8Of(Date date) {
  return static_cast<uint32_t>(date.year() * 10000 + date.month() * 100 + date.day());
}

enum class AddressProblem { kNone, kProvince, kPrefecture };

AddressProblem CheckAddress(uint32_t address6) {
  const uint32_t province = address6 / 10000;
  if (province < kMinProvince || province > kMaxProvince) return AddressProblem::kProvince;
  if (address6 / 100 % 100 == 0) return AddressProblem::kPrefecture;
  return AddressProblem::kNone;
}

enum class BirthProblem { kNone, kNotReal, kTooEarly, kTooLate };

// `latest8` is the latest birth date accepted, as YYYYMMDD.
BirthProblem CheckBirth(uint32_t birth8, uint32_t latest8) {
  namespace chr = std::chrono;
  const chr::year_month_day ymd{chr::year{static_cast<int>(birth8 / 10000)}, chr::month{birth8 / 100 % 100},
                                chr::day{birth8 % 100}};
  if (!ymd.ok()) return BirthProblem::kNotReal;
  if (birth8 < kEarliestBirth8) return BirthProblem::kTooEarly;
  if (birth8 > latest8) return BirthProblem::kTooLate;
  return BirthProblem::kNone;
}

using internal::TrimAsciiWhitespace;

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The number of characters in `text`, counting each UTF-8 sequence once.
size_t CharacterCount(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !IsUtf8Continuation(c); }));
}

// The whole (possibly multi-byte) character that starts at byte `index`.
std::string_view CharacterAt(std::string_view text, size_t index) {
  size_t end = index + 1;
  while (end < text.size() && IsUtf8Continuation(text[end])) ++end;
  return text.substr(index, end - index);
}

Status NonDigitError(std::string_view id, size_t index) {
  const size_t position = CharacterCount(id.substr(0, index)) + 1;
  const std::string_view character = CharacterAt(id, index);
  return InvalidArgumentError(
      Bilingual("身份证号码第 {} 位“{}”不是数字；前 17 位应为半角数字，第 18 位为数字或 X",
                "ID number: character {} \"{}\" is not a digit; the first 17 characters must "
                "be ASCII digits and the 18th a digit or X",
                position, character));
}

// Checks that every character is a digit, except an X or x in place 18.
Status CheckCharacters(std::string_view id) {
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool check_place = id.size() == IdNumber::kLength && i == IdNumber::kLength - 1;
    if (!IsDigit(c) && !(check_place && (c == 'X' || c == 'x'))) return NonDigitError(id, i);
  }
  return OkStatus();
}

Status CheckLength(std::string_view id) {
  if (id.size() == IdNumber::kLength || id.size() == IdNumber::kLegacyLength) return OkStatus();
  if (id.empty()) {
    return InvalidArgumentError(
        Bilingual("身份证号码为空；应为 18 位，或 15 位旧号码",
                  "ID number is empty; 18 characters (or 15 digits for an old-style number) "
                  "are accepted"));
  }
  const size_t count = CharacterCount(id);
  // The right number of characters but more bytes: some are not ASCII (e.g. full-width).
  if (count == IdNumber::kLength || count == IdNumber::kLegacyLength) return CheckCharacters(id);
  return InvalidArgumentError(
      Bilingual("身份证号码长度为 {} 位；应为 18 位，或 15 位旧号码",
                "ID number has {} characters; 18 characters (or 15 digits for an old-style "
                "number) are accepted",
                count));
}

Digits17 LeadingDigits(std::string_view id) {
  Digits17 digits;
  if (id.size() == IdNumber::kLength) {
    std::copy_n(id.begin(), digits.size(), digits.begin());
  } else {
    auto out = std::copy_n(id.begin(), 6, digits.begin());
    out = std::copy(kLegacyCentury.begin(), kLegacyCentury.end(), out);
    std::copy(id.begin() + 6, id.end(), out);
  }
  return digits;
}

Status AddressError(AddressProblem problem, uint32_t address6) {
  switch (problem) {
    case AddressProblem::kNone:
      return OkStatus();
    case AddressProblem::kProvince:
      return InvalidArgumentError(
          Bilingual("身份证号码地址码的前两位 {:02} 不是省级代码（应为 {}–{}）",
                    "ID number: the address code starts with {:02}, which is not a province "
                    "code ({} to {})",
                    address6 / 10000, kMinProvince, kMaxProvince));
    case AddressProblem::kPrefecture:
      return InvalidArgumentError(
          Bilingual("身份证号码地址码 {:06} 的第 3–4 位为 00，未指明地级区划",
                    "ID number: address code {:06} has 00 in digits 3-4, so it names no "
                    "prefecture",
                    address6));
  }
  return InternalError("unhandled AddressProblem");
}

Status BirthError(BirthProblem problem, uint32_t birth8, Date today) {
  switch (problem) {
    case BirthProblem::kNone:
      return OkStatus();
    case BirthProblem::kNotReal:
      return InvalidArgumentError(Bilingual("身份证号码中的出生日期 {:08} 不是有效日期",
                                            "ID number: birth date {:08} is not a real date", birth8));
    case BirthProblem::kTooEarly:
      return InvalidArgumentError(Bilingual("身份证号码中的出生日期 {:08} 早于 {}-01-01",
                                            "ID number: birth date {:08} is before {}-01-01", birth8,
                                            Date::kMinYear));
    case BirthProblem::kTooLate:
      return InvalidArgumentError(Bilingual("身份证号码中的出生日期 {:08} 晚于今天（{}）",
                                            "ID number: birth date {:08} is after today ({})", birth8,
                                            today.ToString()));
  }
  return InternalError("unhandled BirthProblem");
}

Status CheckCheckCharacter(const Digits17& digits, char found) {
  const char expected = CheckCharacterOf(digits);
  if (found == expected || (found == 'x' && expected == 'X')) return OkStatus();
  return InvalidArgumentError(
      Bilingual("身份证号码校验码错误：应为“{}”，实为“{}”；号码中可能有输错的数字",
                "ID number: the check character should be \"{}\" but is \"{}\"; a digit is "
                "probably mistyped",
                expected, found));
}

}  // namespace

StatusOr<IdNumber> IdNumber::Parse(std::string_view text, Date today) {
  const std::string_view id = TrimAsciiWhitespace(text);
  RETURN_IF_ERROR(CheckLength(id));
  RETURN_IF_ERROR(CheckCharacters(id));
  const Digits17 digits = LeadingDigits(id);
  const Parts parts = PartsOf(digits);
  RETURN_IF_ERROR(AddressError(CheckAddress(parts.address6), parts.address6));
  const uint32_t latest8 = std::min(Birth8Of(today), kLatestBirth8);
  RETURN_IF_ERROR(BirthError(CheckBirth(parts.birth8, latest8), parts.birth8, today));
  if (id.size() == kLength) RETURN_IF_ERROR(CheckCheckCharacter(digits, id[kLength - 1]));
  return IdNumber(Pack(parts));
}

StatusOr<IdNumber> IdNumber::Parse(std::string_view text) { return Parse(text, Date::Today()); }

StatusOr<IdNumber> IdNumber::FromParts(uint32_t address6, Date birth, uint32_t sequence3) {
  if (CheckAddress(address6) != AddressProblem::kNone) {
    return InvalidArgumentError(
        Bilingual("地址码 {} 无效：应为 6 位数字，前两位为 {}–{}，第 3–4 位不为 00",
                  "address code {} is not valid: it must be 6 digits, starting with {} to "
                  "{}, with digits 3-4 not 00",
                  address6, kMinProvince, kMaxProvince));
  }
  const Date today = Date::Today();
  if (birth > today) {
    return InvalidArgumentError(Bilingual("出生日期 {} 晚于今天（{}）", "birth date {} is after today ({})",
                                          birth.ToString(), today.ToString()));
  }
  if (sequence3 > 999) {
    return InvalidArgumentError(
        Bilingual("顺序码 {} 超出 0–999 的范围", "sequence {} is outside 0 to 999", sequence3));
  }
  return IdNumber(Pack({address6, Birth8Of(birth), sequence3}));
}

char IdNumber::CheckCharacter(std::string_view first17) {
  Digits17 digits;
  assert(first17.size() == digits.size());
  assert(std::all_of(first17.begin(), first17.end(), IsDigit));
  std::copy_n(first17.begin(), digits.size(), digits.begin());
  return CheckCharacterOf(digits);
}

std::optional<IdNumber> IdNumber::Unpack(uint64_t packed) {
  if (packed >= kPackedLimit) return std::nullopt;
  const Parts parts = Unpacked(packed);
  if (CheckAddress(parts.address6) != AddressProblem::kNone ||
      CheckBirth(parts.birth8, kLatestBirth8) != BirthProblem::kNone) {
    return std::nullopt;
  }
  return IdNumber(packed);
}

std::string IdNumber::ToString() const {
  const Digits17 digits = DigitsOf(packed_);
  std::string text(digits.begin(), digits.end());
  text.push_back(CheckCharacterOf(digits));
  return text;
}

// Written in place, not through ToString and a format: reports mask a million IDs a run.
std::string IdNumber::Masked() const {
  const Digits17 digits = DigitsOf(packed_);
  std::string text(kLength, '*');
  std::copy(digits.begin(), digits.begin() + 6, text.begin());
  std::copy(digits.begin() + 14, digits.end(), text.begin() + 14);
  text[17] = CheckCharacterOf(digits);
  return text;
}

uint32_t IdNumber::AddressCode() const { return Unpacked(packed_).address6; }

Date IdNumber::BirthDate() const {
  const uint32_t birth8 = Unpacked(packed_).birth8;
  const std::optional<Date> date = Date::FromYmd(
      static_cast<int>(birth8 / 10000), static_cast<int>(birth8 / 100 % 100), static_cast<int>(birth8 % 100));
  assert(date.has_value());  // The class invariant: a real date in Date's year range.
  return date.value_or(Date());
}

bool IdNumber::IsMale() const { return Sequence() % 2 == 1; }

uint32_t IdNumber::Sequence() const { return Unpacked(packed_).sequence3; }

// Reads the digits as integers directly rather than through Digits17 and Parts, and checks
// the birth date with a month-length table instead of std::chrono; every rule is the same
// as Parse()'s, which id_number_test.cc and fuzz/id_number_fuzz.cc check on every input.
std::optional<uint64_t> FastPackIdNumber(std::string_view text, Date today) {
  if (text.size() != IdNumber::kLength) return std::nullopt;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  uint64_t packed = 0;
  int sum = 0;
#if defined(__SSE2__)
  // The first 16 digits at once (every x86-64 has SSE2): checked to be digits, weighted for
  // the check character and combined into their value with multiply-adds (pairs, fours,
  // eights). The scalar loop below is the same arithmetic one digit at a time.
  const __m128i digits =
      _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s)), _mm_set1_epi8('0'));
  const __m128i nine = _mm_set1_epi8(9);
  if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(digits, nine), nine)) != 0xFFFF) return std::nullopt;
  const unsigned last = s[16] - unsigned{'0'};
  if (last > 9) return std::nullopt;
  const __m128i zero = _mm_setzero_si128();
  const __m128i lo = _mm_unpacklo_epi8(digits, zero);  // digits 0-7 as 16-bit lanes
  const __m128i hi = _mm_unpackhi_epi8(digits, zero);  // digits 8-15
  __m128i weighted = _mm_add_epi32(
      _mm_madd_epi16(lo, _mm_setr_epi16(kWeights[0], kWeights[1], kWeights[2], kWeights[3], kWeights[4],
                                        kWeights[5], kWeights[6], kWeights[7])),
      _mm_madd_epi16(hi, _mm_setr_epi16(kWeights[8], kWeights[9], kWeights[10], kWeights[11], kWeights[12],
                                        kWeights[13], kWeights[14], kWeights[15])));
  weighted = _mm_add_epi32(weighted, _mm_shuffle_epi32(weighted, _MM_SHUFFLE(1, 0, 3, 2)));
  weighted = _mm_add_epi32(weighted, _mm_shuffle_epi32(weighted, _MM_SHUFFLE(2, 3, 0, 1)));
  sum = _mm_cvtsi128_si32(weighted) + static_cast<int>(last) * kWeights[16];
  const __m128i ten_one = _mm_setr_epi16(10, 1, 10, 1, 10, 1, 10, 1);
  const __m128i pairs = _mm_packs_epi32(_mm_madd_epi16(lo, ten_one), _mm_madd_epi16(hi, ten_one));  // <= 99
  const __m128i fours = _mm_madd_epi16(pairs, _mm_setr_epi16(100, 1, 100, 1, 100, 1, 100, 1));      // <= 9999
  const __m128i eights =
      _mm_madd_epi16(_mm_packs_epi32(fours, fours), _mm_setr_epi16(10000, 1, 10000, 1, 0, 0, 0, 0));
  const uint64_t first8 = static_cast<uint32_t>(_mm_cvtsi128_si32(eights));
  const uint64_t next8 = static_cast<uint32_t>(_mm_cvtsi128_si32(_mm_shuffle_epi32(eights, 1)));
  packed = (first8 * 100'000'000 + next8) * 10 + last;
#else
  for (size_t i = 0; i < 17; ++i) {
    const unsigned digit = s[i] - unsigned{'0'};
    if (digit > 9) return std::nullopt;
    packed = packed * 10 + digit;
    sum += static_cast<int>(digit) * kWeights[i];
  }
#endif
  if (text[17] != kCheckCharacters[static_cast<size_t>(sum % 11)]) return std::nullopt;
  const Parts parts = Unpacked(packed);
  if (CheckAddress(parts.address6) != AddressProblem::kNone) return std::nullopt;
  const uint32_t year = parts.birth8 / 10000;
  const uint32_t month = parts.birth8 / 100 % 100;
  const uint32_t day = parts.birth8 % 100;
  static constexpr uint8_t kMonthDays[] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kMonthDays[month]) return std::nullopt;
  if (month == 2 && day == 29 && !IsLeapYear(static_cast<int>(year))) return std::nullopt;
  if (parts.birth8 < kEarliestBirth8) return std::nullopt;
  // The latest accepted birth date, cached per thread: converting `today` to YYYYMMDD costs
  // more than the rest of this function.
  thread_local int32_t cached_days = INT32_MIN;
  thread_local uint32_t cached_latest8 = 0;
  if (today.days() != cached_days) {
    cached_latest8 = std::min(Birth8Of(today), kLatestBirth8);
    cached_days = today.days();
  }
  if (parts.birth8 > cached_latest8) return std::nullopt;
  return packed;
}

std::optional<uint64_t> FastPackIdNumber(std::string_view text) {
  return FastPackIdNumber(text, Date::Today());
}

std::ostream& operator<<(std::ostream& os, const IdNumber& id) { return os << id.Masked(); }

}  // namespace jz
