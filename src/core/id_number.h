// IdNumber: the 18-character resident identity number of GB 11643-1999 (公民身份号码), the
// key of every person in the registry: 6-digit address code, 8-digit birth date YYYYMMDD,
// 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
// Parse() validates what users and department feeds send (DOMAIN §1.4 item 2, 证件号码异常)
// and upgrades 15-digit legacy numbers. It runs about ten million times in a province-wide
// screening, so it does not allocate on success. The number is held packed as its 17 leading
// digits in one uint64, the form used in columns and indexes.
//
// These are personal data: error messages quote only the part that is wrong, and operator<<
// writes the masked form.
#ifndef JZ_CORE_ID_NUMBER_H_
#define JZ_CORE_ID_NUMBER_H_

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace jz {

// A valid identity number. Invariants: the address code has a province 11..82 and a
// non-zero prefecture (digits 3-4); the birth date is a real date in Date's range
// (1800-01-01 to 2200-12-31: GB 11643 sets no earliest date, and a number born before 1900
// is valid though implausible, which the registry validator reports as id.implausible_birth); the check
// character is always the one computed from the 17 digits, so it is not stored. Thread-compatible value type.
class IdNumber {
 public:
  static constexpr size_t kLength = 18;
  static constexpr size_t kLegacyLength = 15;

  // Parses an identity number, ignoring surrounding ASCII whitespace: 18 characters, the
  // last a digit, X or x; or 15 digits (legacy: address, YYMMDD of the 1900s, sequence),
  // which is upgraded by inserting "19" and computing the check character.
  // Returns InvalidArgumentError saying which part is wrong, and quoting only that part:
  // the length (the length found; 18 or 15 accepted), a character that is not a digit (its
  // position), the address code (province not 11..82, or prefecture 00), the birth date
  // (not a real date, before 1800-01-01, or after `today`), or the check character
  // (expected and found). Allocates nothing when it succeeds.
  static StatusOr<IdNumber> Parse(std::string_view text, Date today);

  // As Parse(text, Date::Today()). Bulk callers should read the clock once and pass it.
  static StatusOr<IdNumber> Parse(std::string_view text);

  // Returns the number with these parts and its computed check character (used by the test
  // data generator). Returns InvalidArgumentError when address6 breaks the address rules of
  // Parse(), `birth` is after Date::Today(), or sequence3 > 999.
  // The empty number (packed 0): not a valid ID, only the state of a record field before a
  // parsed number is assigned. Every member function but Packed(), comparison and hashing
  // REQUIRES a valid number.
  constexpr IdNumber() : packed_(0) {}

  static StatusOr<IdNumber> FromParts(uint32_t address6, Date birth, uint32_t sequence3);

  // Returns the MOD 11-2 check character ('0'..'9' or 'X') of the 17 leading digits.
  // REQUIRES: first17 is exactly 17 ASCII digits.
  static char CheckCharacter(std::string_view first17);

  // The 17 leading digits as one integer: below 10^17 (< 2^57), never 0, and ordered as the
  // 18-character strings are.
  constexpr uint64_t Packed() const { return packed_; }

  // Returns the number whose Packed() is `packed`, or nullopt when `packed` is not the
  // packed form of a valid number (out of range, bad address code, bad birth date). Does not
  // compare the birth date with today, so stored data unpacks the same on every day.
  static std::optional<IdNumber> Unpack(uint64_t packed);

  // The 18 characters, with an uppercase X.
  std::string ToString() const;

  // The first 6 digits, eight '*' and the last 4 characters, e.g. "222424********123X":
  // the form that may appear in logs, notices and error messages.
  std::string Masked() const;

  // The 6-digit address code, e.g. 222424.
  uint32_t AddressCode() const;
  Date BirthDate() const;
  // Whether the sequence is odd.
  bool IsMale() const;
  // 0..999.
  uint32_t Sequence() const;

  friend constexpr auto operator<=>(const IdNumber&, const IdNumber&) = default;
  friend constexpr bool operator==(const IdNumber&, const IdNumber&) = default;

 private:
  constexpr explicit IdNumber(uint64_t packed) : packed_(packed) {}

  uint64_t packed_;
};

// The fast form of IdNumber::Parse(text, today)->Packed() for the bulk path of feed and
// registry loaders: returns the packed number when `text` is exactly 18 bytes, 17 ASCII
// digits and a final digit or uppercase X, that Parse(text, today) accepts (address code,
// birth date up to `today`, check character); nullopt for every other text, including
// forms Parse also accepts (surrounding whitespace, a lowercase x, 15-digit numbers), so a
// caller that gets nullopt falls back to Parse for the exact result and message. About ten
// times faster than Parse on a valid number; allocates nothing. Thread-safe.
std::optional<uint64_t> FastPackIdNumber(std::string_view text, Date today);

// As FastPackIdNumber(text, Date::Today()). Bulk callers read the clock once and pass it.
std::optional<uint64_t> FastPackIdNumber(std::string_view text);

// Writes id.Masked(), never the full number, so that logs and test output do not leak it.
std::ostream& operator<<(std::ostream& os, const IdNumber& id);

}  // namespace jz

template <>
struct std::hash<jz::IdNumber> {
  size_t operator()(const jz::IdNumber& id) const noexcept { return std::hash<uint64_t>{}(id.Packed()); }
};

#endif  // JZ_CORE_ID_NUMBER_H_
