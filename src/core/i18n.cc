// Language tags and the OpenCC-backed simplified → traditional conversion (see i18n.h).
#include "core/i18n.h"

#include <opencc/opencc.h>

#include <array>
#include <cstdint>

namespace jz {
namespace {

// OpenCC's C API reports a failed opencc_open() as (opencc_t)-1.
opencc_t FailedHandle() { return reinterpret_cast<opencc_t>(static_cast<intptr_t>(-1)); }

// Language tags longer than this are rejected before any work: real tags are short, and the
// tag may come from an HTTP header.
constexpr size_t kMaxLangTagBytes = 35;

std::string_view TrimAsciiSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Lower-cases ASCII letters and maps '_' to '-', so "zh_CN" and "ZH-cn" compare equal.
std::string FoldLangTag(std::string_view tag) {
  std::string folded(tag);
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  return folded;
}

bool IsTagOrSubtag(std::string_view tag, std::string_view base) {
  return tag == base || (tag.size() > base.size() + 1 && tag.starts_with(base) && tag[base.size()] == '-');
}

}  // namespace

StatusOr<Lang> ParseLang(std::string_view tag) {
  const std::string_view trimmed = TrimAsciiSpaces(tag);
  if (!trimmed.empty() && trimmed.size() <= kMaxLangTagBytes) {
    const std::string t = FoldLangTag(trimmed);
    constexpr std::array<std::string_view, 4> kHans = {"zh", "zh-cn", "zh-sg", "zh-my"};
    constexpr std::array<std::string_view, 3> kHant = {"zh-tw", "zh-hk", "zh-mo"};
    for (std::string_view base : kHans) {
      if (t == base) return Lang::kZhHans;
    }
    if (IsTagOrSubtag(t, "zh-hans")) return Lang::kZhHans;
    for (std::string_view base : kHant) {
      if (t == base) return Lang::kZhHant;
    }
    if (IsTagOrSubtag(t, "zh-hant")) return Lang::kZhHant;
    if (IsTagOrSubtag(t, "en")) return Lang::kEn;
  }
  const std::string shown(trimmed.substr(0, kMaxLangTagBytes));
  return InvalidArgumentError(Bilingual(
      "无法识别的语言“" + shown + "”；可用：zh-Hans（简体中文）、zh-Hant（繁體中文）、en（English）",
      "unrecognised language \"" + shown + "\"; accepted: zh-Hans, zh-Hant, en"));
}

std::string_view LangTag(Lang lang) {
  switch (lang) {
    case Lang::kZhHans:
      return "zh-Hans";
    case Lang::kZhHant:
      return "zh-Hant";
    case Lang::kEn:
      return "en";
  }
  return "zh-Hans";
}

ChineseConverter::ChineseConverter(std::string config_file) : config_file_(std::move(config_file)) {}

ChineseConverter::~ChineseConverter() {
  if (handle_ != nullptr) opencc_close(static_cast<opencc_t>(handle_));
}

void ChineseConverter::Open() const {
  std::call_once(open_once_, [this] {
    opencc_t h = opencc_open(config_file_.c_str());
    if (h != FailedHandle() && h != nullptr) handle_ = h;
  });
}

bool ChineseConverter::available() const {
  Open();
  return handle_ != nullptr;
}

namespace {

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or code points
// above U+10FFFF). OpenCC trusts each lead byte's length and reads past the end of a
// truncated sequence (found by server_request_fuzz: a request path echoed into a zh-Hant
// message), so only well-formed text is handed to it.
bool IsWellFormedUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    for (size_t k = 1; k < length; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

std::string ChineseConverter::ConvertPiece(std::string_view piece) const {
  if (piece.empty()) return std::string();
  if (!IsWellFormedUtf8(piece)) return std::string(piece);  // see IsWellFormedUtf8
  char* converted = opencc_convert_utf8(static_cast<opencc_t>(handle_), piece.data(), piece.size());
  // OpenCC returns null (after catching its own exception) when it cannot convert.
  if (converted == nullptr) return std::string(piece);
  std::string result(converted);
  opencc_convert_utf8_free(converted);
  return result;
}

std::string ChineseConverter::Convert(std::string_view text) const {
  Open();
  if (handle_ == nullptr || text.empty()) return std::string(text);
  // OpenCC works on C strings, so a NUL would end the conversion early: convert the pieces
  // between NULs one by one and keep the NULs.
  std::lock_guard<std::mutex> lock(mutex_);
  std::string result;
  size_t start = 0;
  while (true) {
    const size_t nul = text.find('\0', start);
    result += ConvertPiece(text.substr(start, nul == std::string_view::npos ? nul : nul - start));
    if (nul == std::string_view::npos) break;
    result += '\0';
    start = nul + 1;
  }
  return result;
}

namespace {

// The process-wide s2t converter. Deliberately never destroyed (Google style: no
// non-trivially destructible statics), so it is usable while other statics are destroyed.
const ChineseConverter& Simplified2Traditional() {
  static const ChineseConverter* const kConverter = new ChineseConverter("s2t.json");
  return *kConverter;
}

// The process-wide t2s converter, for search (names typed in either form).
const ChineseConverter& Traditional2Simplified() {
  static const ChineseConverter* const kConverter = new ChineseConverter("t2s.json");
  return *kConverter;
}

}  // namespace

std::string ToTraditional(std::string_view zh_hans) { return Simplified2Traditional().Convert(zh_hans); }

std::string ToSimplified(std::string_view zh_hant) { return Traditional2Simplified().Convert(zh_hant); }

bool TraditionalAvailable() { return Simplified2Traditional().available(); }

}  // namespace jz
