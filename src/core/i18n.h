// The languages Jingzhun speaks and the simplified → traditional Chinese conversion.
//
// Every user-facing text is written once in zh-Hans and once in English; zh-Hant is never
// typed by hand but derived from zh-Hans with OpenCC ("s2t.json"), so the three stay in
// step. Code lists (code_lists.h) use ToTraditional() to build their zh-Hant labels, and the
// front doors use ParseLang() to read a language tag from a flag, a header or a setting.
#ifndef JZ_CORE_I18N_H_
#define JZ_CORE_I18N_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jz {

// A display language. zh-Hans is the language of the source texts and the default.
enum class Lang : uint8_t { kZhHans, kZhHant, kEn };

// Parses a language tag, case-insensitively, with '-' or '_' as separator:
//   zh-Hans, zh, zh-CN, zh-SG, zh-Hans-* → kZhHans;
//   zh-Hant, zh-TW, zh-HK, zh-MO, zh-Hant-* → kZhHant;
//   en, en-* (en-US, en_GB …) → kEn.
// Surrounding ASCII spaces are ignored. Returns InvalidArgument (bilingual, naming the tag
// and the accepted forms) for anything else, including the empty string.
[[nodiscard]] StatusOr<Lang> ParseLang(std::string_view tag);

// Returns the canonical BCP 47 tag of `lang`: "zh-Hans", "zh-Hant" or "en".
std::string_view LangTag(Lang lang);

// Converts UTF-8 text with one OpenCC configuration. The OpenCC instance is opened on the
// first Convert() or available() call (once, under std::call_once) and closed by the
// destructor; conversions are serialised by a mutex because OpenCC's C API does not
// promise that one instance may be used from several threads at once.
// Thread-safe: every method may be called from any thread.
class ChineseConverter {
 public:
  // `config_file` is an OpenCC configuration, either a bare name looked up in OpenCC's data
  // directory (/usr/share/opencc) or a path. Opening is deferred to first use.
  explicit ChineseConverter(std::string config_file);
  ~ChineseConverter();
  ChineseConverter(const ChineseConverter&) = delete;
  ChineseConverter& operator=(const ChineseConverter&) = delete;

  // Returns whether the configuration could be opened. Tries to open it on the first call;
  // a failure is remembered and not retried.
  bool available() const;

  // Returns `text` converted. When the configuration could not be opened, or OpenCC fails
  // on this input (e.g. invalid UTF-8), returns `text` unchanged. Embedded NUL bytes are
  // kept; the pieces between them are converted separately.
  std::string Convert(std::string_view text) const;

 private:
  void Open() const;
  std::string ConvertPiece(std::string_view piece) const;  // REQUIRES: mutex_ held

  const std::string config_file_;
  mutable std::once_flag open_once_;
  mutable std::mutex mutex_;
  // The OpenCC handle (opencc_t); null when not open or when opening failed.
  mutable void* handle_ = nullptr;
};

// Returns `zh_hans` converted to traditional Chinese with OpenCC "s2t.json"
// (e.g. "与户主关系" → "與戶主關係"). Non-Chinese text passes through unchanged. If OpenCC
// cannot be opened (configuration missing) the input is returned unchanged, and
// TraditionalAvailable() reports false from then on.
// Thread-safe; one process-wide converter is opened lazily and never closed.
std::string ToTraditional(std::string_view zh_hans);

// Returns `zh_hant` converted to simplified Chinese with OpenCC "t2s.json" ("張偉" → "张伟"),
// for matching text typed in either form. Same behaviour and thread safety as ToTraditional().
std::string ToSimplified(std::string_view zh_hant);

// Returns whether ToTraditional() really converts (OpenCC "s2t.json" could be opened).
// Opens the converter if that has not happened yet. Thread-safe.
bool TraditionalAvailable();

}  // namespace jz

#endif  // JZ_CORE_I18N_H_
