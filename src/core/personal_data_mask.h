// Masks the personal numbers found in free text — ID numbers, mobile phone numbers and bank
// account numbers — so that text bound for the audit log, logs or error messages never
// carries one in clear (SERVER.md "Masking": the audit itself is masked like everywhere else).
//
// The text is cut into maximal runs of ASCII digits (an 18-character run may end in X or x);
// each run is judged by its shape alone:
//   - 18 characters whose characters 7–14 are a real date in 1900–2099: an ID number, written
//     as IdNumber::Masked() does (6 digits, eight '*', the last 4), valid checksum or not —
//     a mistyped ID number is still someone's;
//   - 11 digits starting 13–19: a mobile number, written "138****5678";
//   - 16 to 19 digits passing the Luhn check: a bank card or account, written as '*' but the
//     last 4 — except 16 and 18 digits led by a valid 12-digit region code, which is the shape
//     of a 户编号 (village code + 4) and a 人编号 (户编号 + 2), kept in clear because they
//     are the objects an auditor looks for.
// Everything else (region codes, dates, amounts, 户编号) is copied unchanged. A rule of thumb,
// not a guarantee: callers put numbers they know to be personal through IdNumber::Masked()
// themselves, and this is the net under them.
#ifndef JZ_CORE_PERSONAL_DATA_MASK_H_
#define JZ_CORE_PERSONAL_DATA_MASK_H_

#include <string>
#include <string_view>

namespace jz {

// `text` with every personal number masked as above. Pure; UTF-8 other than digits passes
// through untouched.
std::string MaskPersonalNumbers(std::string_view text);

}  // namespace jz

#endif  // JZ_CORE_PERSONAL_DATA_MASK_H_
