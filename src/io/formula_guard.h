// Formula neutralisation (OWASP "CSV injection"): a text cell that a spreadsheet would read as
// a formula, such as `=HYPERLINK("http://x","y")` or `+cmd|' /C calc'!A0` typed into a
// finding, is written with a leading apostrophe so that Excel, LibreOffice and WPS show it as
// text and never evaluate it. Every CSV and .xlsx the system writes passes its text cells
// through NeutralizeFormula() (CsvWriter::Field, XlsxWriter::Text); typed numbers are never
// passed, and a text cell that is a plain number ("-300", "-12.5") is left as it is, since a
// spreadsheet reads it as that number and nothing else.
#ifndef JZ_IO_FORMULA_GUARD_H_
#define JZ_IO_FORMULA_GUARD_H_

#include <string>
#include <string_view>

namespace jz {

// Whether a spreadsheet could read `text` as a formula or a DDE command: it begins with `=`,
// `+`, `-`, `@`, a tab or a carriage return, and is not a plain number (an optional sign,
// digits with an optional decimal part and exponent, an optional trailing `%`).
bool StartsLikeFormula(std::string_view text);

// `text` with a leading apostrophe when StartsLikeFormula(text); otherwise `text` unchanged.
std::string NeutralizeFormula(std::string_view text);

}  // namespace jz

#endif  // JZ_IO_FORMULA_GUARD_H_
