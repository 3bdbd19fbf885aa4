// The run-time side of the national code lists (see code_lists.h): the spelling lookup that
// Parse<E>() uses, label access, error messages, the per-list predicates and yes/no cells.
// The tables themselves are in code_list_tables.cc.
#include "core/code_lists.h"

#include <fmt/format.h>

#include <cassert>
#include <functional>
#include <unordered_map>

namespace jz {

// ---------------------------------------------------------------------------------------
// Predicates over single lists.
// ---------------------------------------------------------------------------------------

bool IsDibao(HouseholdAttribute attribute) {
  switch (attribute) {
    case HouseholdAttribute::kDibaoExited:
    case HouseholdAttribute::kDibaoPoor:
    case HouseholdAttribute::kDibaoTekunPoor:
    case HouseholdAttribute::kDibaoTekun:
      return true;
    default:
      return false;
  }
}

bool IsTekun(HouseholdAttribute attribute) {
  switch (attribute) {
    case HouseholdAttribute::kTekunExited:
    case HouseholdAttribute::kTekunPoor:
    case HouseholdAttribute::kDibaoTekunPoor:
    case HouseholdAttribute::kDibaoTekun:
      return true;
    default:
      return false;
  }
}

std::optional<Sex> ImpliedSex(Relationship relationship) {
  using enum Relationship;
  switch (relationship) {
    case kSon:
    case kSonInLaw:
    case kSonsSon:
    case kDaughtersSon:
    case kFather:
    case kWifesFather:
    case kHusbandsFather:
    case kPaternalGrandfather:
    case kMaternalGrandfather:
      return Sex::kMale;
    case kDaughter:
    case kDaughterInLaw:
    case kSonsDaughter:
    case kDaughtersDaughter:
    case kMother:
    case kWifesMother:
    case kHusbandsMother:
    case kPaternalGrandmother:
    case kMaternalGrandmother:
      return Sex::kFemale;
    case kHead:
    case kSpouse:
    case kOther:
      return std::nullopt;
  }
  return std::nullopt;
}

int GenerationOffset(Relationship relationship) {
  using enum Relationship;
  switch (relationship) {
    case kSon:
    case kDaughter:
    case kDaughterInLaw:
    case kSonInLaw:
      return -1;
    case kSonsSon:
    case kSonsDaughter:
    case kDaughtersSon:
    case kDaughtersDaughter:
      return -2;
    case kFather:
    case kMother:
    case kWifesFather:
    case kWifesMother:
    case kHusbandsFather:
    case kHusbandsMother:
      return 1;
    case kPaternalGrandfather:
    case kPaternalGrandmother:
    case kMaternalGrandfather:
    case kMaternalGrandmother:
      return 2;
    case kHead:
    case kSpouse:
    case kOther:
      return 0;
  }
  return 0;
}

bool IsStudent(SchoolStatus status) { return status != SchoolStatus::kNotInSchool; }

bool IsCompulsory(SchoolStatus status) {
  return status >= SchoolStatus::kPrimary && status <= SchoolStatus::kGrade9;
}

bool IsSeniorOrAbove(SchoolStatus status) {
  return status >= SchoolStatus::kSeniorYear1 && status <= SchoolStatus::kCollegeOrAbove;
}

bool CanWork(LabourSkill skill) {
  return skill == LabourSkill::kOrdinary || skill == LabourSkill::kSkilled ||
         skill == LabourSkill::kWeakOrPartial;
}

bool IsDangerous(HousingGrade grade) { return grade == HousingGrade::kC || grade == HousingGrade::kD; }

// ---------------------------------------------------------------------------------------
// Cell normalisation shared by Parse() and ParseYesNo().
// ---------------------------------------------------------------------------------------
namespace {

// Lists longer than this are shown as their first two values and a count in error messages.
constexpr size_t kMaxListedValues = 24;
// A rejected value is quoted in the error message up to this many characters.
constexpr size_t kMaxQuotedChars = 40;
// Numeric codes are at most 99 (plus aliases); a run of more significant digits than this
// cannot be a code and is not converted to a number.
constexpr size_t kMaxCodeDigits = 3;

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// Removes one leading (front) or trailing blank: ASCII whitespace, U+3000 ideographic space
// (E3 80 80) or U+00A0 no-break space (C2 A0). Returns false when there is none.
bool StripBlank(std::string_view& s, bool front) {
  if (s.empty()) return false;
  const char edge = front ? s.front() : s.back();
  if (IsAsciiSpace(edge)) {
    front ? s.remove_prefix(1) : s.remove_suffix(1);
    return true;
  }
  for (std::string_view blank : {std::string_view("\xE3\x80\x80"), std::string_view("\xC2\xA0")}) {
    if (front ? s.starts_with(blank) : s.ends_with(blank)) {
      front ? s.remove_prefix(blank.size()) : s.remove_suffix(blank.size());
      return true;
    }
  }
  return false;
}

std::string_view TrimCell(std::string_view s) {
  while (StripBlank(s, true)) {
  }
  while (StripBlank(s, false)) {
  }
  return s;
}

// Returns the ASCII character a full-width form U+FF01..U+FF5E encodes as EF BC/BD xx, or 0.
char FullWidthToAscii(unsigned char b1, unsigned char b2) {
  if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) return static_cast<char>(0x20 + (b2 & 0x3F));
  if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) return static_cast<char>(0x60 + (b2 & 0x3F));
  return 0;
}

// Whether Fold() would change `s`: it has an upper-case ASCII letter or a full-width form.
bool NeedsFolding(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 'A' && b <= 'Z') return true;
    if (b == 0xEF && i + 2 < s.size() &&
        FullWidthToAscii(static_cast<unsigned char>(s[i + 1]), static_cast<unsigned char>(s[i + 2])) != 0) {
      return true;
    }
  }
  return false;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads full-width ASCII forms as ASCII and lower-cases ASCII letters.
std::string Fold(std::string_view s) {
  std::string folded;
  folded.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xEF && i + 2 < s.size()) {
      const char ascii =
          FullWidthToAscii(static_cast<unsigned char>(s[i + 1]), static_cast<unsigned char>(s[i + 2]));
      if (ascii != 0) {
        folded += LowerAscii(ascii);
        i += 2;
        continue;
      }
    }
    folded += LowerAscii(s[i]);
  }
  return folded;
}

// Returns the decimal value of an all-digit string, or nullopt when `s` is empty, has a
// non-digit, or has more significant digits than any code ("3.5", "-1", "12345" → nullopt).
std::optional<int> ParseDecimal(std::string_view s) {
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const size_t first_significant = s.find_first_not_of('0');
  if (first_significant == std::string_view::npos) return 0;
  s.remove_prefix(first_significant);
  if (s.size() > kMaxCodeDigits) return std::nullopt;
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

// Returns `s` cut to kMaxQuotedChars UTF-8 characters, fit for quoting in a message: control
// characters become spaces and '|' becomes '¦' so the text cannot fake the Bilingual() split.
std::string QuoteForMessage(std::string_view s) {
  std::string shown;
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const bool starts_char = (b & 0xC0) != 0x80;
    if (starts_char && ++chars > kMaxQuotedChars) {
      shown += "…";
      break;
    }
    if (b < 0x20 || b == 0x7F) {
      shown += ' ';
    } else if (b == '|') {
      shown += "¦";
    } else {
      shown += s[i];
    }
  }
  return shown;
}

// Transparent hashing so the map can be searched with a string_view without a copy.
struct SpellingHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

}  // namespace

// ---------------------------------------------------------------------------------------
// CodeList.
// ---------------------------------------------------------------------------------------
namespace internal {

// What is derived from the spec on first use.
// Invariant: zh_hant_labels[i] is ToTraditional(spec_.rows[i].zh_hans); every key of
// by_spelling is either a spelling as written or its Fold(), and maps to a code on the list.
struct CodeList::Lookup {
  std::string name_zh_hant;
  // The accepted values as error messages list them, built once rather than per error.
  std::string accepted_zh_hans;
  std::string accepted_en;
  std::vector<std::string> zh_hant_labels;
  std::unordered_map<std::string, uint8_t, SpellingHash, std::equal_to<>> by_spelling;

  void Add(std::string_view spelling, uint8_t code) {
    for (std::string key : {std::string(spelling), Fold(spelling)}) {
      const auto [it, inserted] = by_spelling.emplace(std::move(key), code);
      // Two values sharing a spelling is a mistake in the tables (code_lists_test.cc).
      assert(inserted || it->second == code);
      (void)inserted;
      (void)it;
    }
  }
};

CodeList::CodeList(const CodeListSpec& spec) : spec_(spec) {
  row_of_code_.fill(-1);
  codes_.reserve(spec_.rows.size());
  for (size_t i = 0; i < spec_.rows.size(); ++i) {
    const uint8_t code = spec_.rows[i].code;
    assert(row_of_code_[code] == -1 && "duplicate code in a code list table");
    row_of_code_[code] = static_cast<int16_t>(i);
    codes_.push_back(code);
  }
}

CodeList::~CodeList() = default;

const CodeList::Lookup& CodeList::GetLookup() const {
  std::call_once(lookup_once_, [this] {
    auto lookup = std::make_unique<Lookup>();
    lookup->name_zh_hant = ToTraditional(spec_.name_zh_hans);
    lookup->zh_hant_labels.reserve(spec_.rows.size());
    for (const CodeRow& row : spec_.rows) {
      lookup->zh_hant_labels.push_back(ToTraditional(row.zh_hans));
      lookup->Add(row.zh_hans, row.code);
      lookup->Add(lookup->zh_hant_labels.back(), row.code);
      lookup->Add(row.en, row.code);
    }
    for (const CodeAlias& alias : spec_.aliases) {
      lookup->Add(alias.spelling, alias.code);
      lookup->Add(ToTraditional(alias.spelling), alias.code);
    }
    lookup->accepted_zh_hans = AcceptedValues(Lang::kZhHans);
    lookup->accepted_en = AcceptedValues(Lang::kEn);
    lookup_ = std::move(lookup);
  });
  return *lookup_;
}

std::string_view CodeList::Name(Lang lang) const {
  switch (lang) {
    case Lang::kZhHans:
      return spec_.name_zh_hans;
    case Lang::kZhHant:
      return GetLookup().name_zh_hant;
    case Lang::kEn:
      return spec_.name_en;
  }
  return spec_.name_zh_hans;
}

bool CodeList::Contains(int code) const {
  return code >= 0 && code < static_cast<int>(row_of_code_.size()) &&
         row_of_code_[static_cast<size_t>(code)] >= 0;
}

std::string_view CodeList::Label(int code, Lang lang) const {
  if (!Contains(code)) return {};
  const auto row = static_cast<size_t>(row_of_code_[static_cast<size_t>(code)]);
  switch (lang) {
    case Lang::kZhHans:
      return spec_.rows[row].zh_hans;
    case Lang::kZhHant:
      return GetLookup().zh_hant_labels[row];
    case Lang::kEn:
      return spec_.rows[row].en;
  }
  return spec_.rows[row].zh_hans;
}

std::string CodeList::CodeText(int code) const { return fmt::format("{:0{}d}", code, spec_.code_digits); }

StatusOr<uint8_t> CodeList::Parse(std::string_view text) const {
  const std::string_view cell = TrimCell(text);
  const auto from_digits = [this](std::string_view digits) -> std::optional<uint8_t> {
    const std::optional<int> number = ParseDecimal(digits);
    if (!number) return std::nullopt;
    if (Contains(*number)) return static_cast<uint8_t>(*number);
    for (const CodeNumberAlias& alias : spec_.alias_codes) {
      if (alias.number == *number) return alias.code;
    }
    return std::nullopt;
  };
  if (std::optional<uint8_t> code = from_digits(cell)) return *code;
  const Lookup& lookup = GetLookup();
  if (auto it = lookup.by_spelling.find(cell); it != lookup.by_spelling.end()) return it->second;
  if (NeedsFolding(cell)) {
    const std::string folded = Fold(cell);
    if (std::optional<uint8_t> code = from_digits(folded)) return *code;
    if (auto it = lookup.by_spelling.find(folded); it != lookup.by_spelling.end()) {
      return it->second;
    }
  }
  return ParseError(cell);
}

std::string CodeList::AcceptedValues(Lang lang) const {
  const bool cut = spec_.rows.size() > kMaxListedValues;
  const size_t listed = cut ? 2 : spec_.rows.size();
  std::string text;
  for (size_t i = 0; i < listed; ++i) {
    if (i > 0) text += ", ";
    const CodeRow& row = spec_.rows[i];
    text += fmt::format("{} {}", CodeText(row.code), lang == Lang::kEn ? row.en : row.zh_hans);
  }
  if (cut) {
    text += lang == Lang::kEn ? fmt::format(" … ({} values)", spec_.rows.size())
                              : fmt::format(" …（共 {} 项）", spec_.rows.size());
  }
  return text;
}

Status CodeList::ParseError(std::string_view cell) const {
  const std::string& accepted_zh = GetLookup().accepted_zh_hans;
  const std::string& accepted_en = GetLookup().accepted_en;
  if (cell.empty()) {
    return InvalidArgumentError(
        Bilingual(fmt::format("{}：值为空；可填写名称或代码：{}", spec_.name_zh_hans, accepted_zh),
                  fmt::format("{}: value is empty; enter a label or code: {}", spec_.name_en, accepted_en)));
  }
  const std::string quoted = QuoteForMessage(cell);
  return InvalidArgumentError(Bilingual(
      fmt::format("{}：无法识别“{}”；可填写名称或代码：{}", spec_.name_zh_hans, quoted, accepted_zh),
      fmt::format("{}: unrecognised value \"{}\"; enter a label or code: {}", spec_.name_en, quoted,
                  accepted_en)));
}

}  // namespace internal

// ---------------------------------------------------------------------------------------
// Yes/no cells.
// ---------------------------------------------------------------------------------------

StatusOr<bool> ParseYesNo(std::string_view text) {
  struct Spelling {
    std::string_view text;
    bool value;
  };
  // Folded spellings (lower-case ASCII); 無 is the zh-Hant form of 无.
  static constexpr Spelling kSpellings[] = {
      {"是", true},     {"否", false}, {"有", true},  {"无", false}, {"無", false},
      {"y", true},      {"n", false},  {"yes", true}, {"no", false}, {"true", true},
      {"false", false}, {"1", true},   {"0", false},
  };
  const std::string_view cell = TrimCell(text);
  std::string folded;
  const std::string_view key = NeedsFolding(cell) ? (folded = Fold(cell)) : cell;
  for (const Spelling& spelling : kSpellings) {
    if (key == spelling.text) return spelling.value;
  }
  const std::string quoted = QuoteForMessage(cell);
  return InvalidArgumentError(
      Bilingual("无法识别是/否值“{}”；可填写：是/否、有/无、Y/N、yes/no、true/false、1/0",
                "unrecognised yes/no value \"{}\"; accepted: 是/否, 有/无, Y/N, yes/no, "
                "true/false, 1/0",
                quoted));
}

std::string_view YesNoLabel(bool value, Lang lang) {
  if (lang == Lang::kEn) return value ? "Yes" : "No";
  return value ? "是" : "否";
}

}  // namespace jz
