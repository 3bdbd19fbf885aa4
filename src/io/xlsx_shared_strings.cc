// The shared strings of an .xlsx (io/internal/xlsx_shared_strings.h), streamed through
// expat into one arena: a million distinct strings cost their bytes plus four bytes each,
// not a std::string each.
#include "io/internal/xlsx_shared_strings.h"

#include <fmt/format.h>

#include <string>
#include <utility>

#include "core/limits.h"
#include "io/internal/xml_stream.h"

namespace jz::internal {
namespace {

static_assert(kMaxXlsxSharedStringBytes < (uint64_t{1} << 32), "offsets are 32-bit");

// <sst><si><t>text</t></si><si><r><t>rich</t></r><r><t> text</t></r><rPh>...</rPh></si>
// A string item's text is its <t>, or its runs' <t>s joined; phonetic runs (<rPh>) are not
// part of it.
class SharedStringsParser final : public XmlStream {
 public:
  SharedStringsParser(std::string file, std::string part, SharedStrings& out)
      : XmlStream(std::move(file), std::move(part)), out_(out) {}
  using XmlStream::Feed;

 private:
  void StartElement(std::string_view name, const XML_Char** /*attributes*/) override {
    if (name == "si") {
      in_item_ = true;
      item_start_ = out_.arena.size();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      collecting_ = in_item_ && phonetic_depth_ == 0;
    }
  }
  void EndElement(std::string_view name) override {
    if (name == "t") {
      collecting_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "si") {
      in_item_ = false;
      out_.ends.push_back(static_cast<uint32_t>(out_.arena.size()));
    }
  }
  void Characters(std::string_view text) override {
    if (!collecting_ || failed()) return;
    if (out_.arena.size() + text.size() > kMaxXlsxSharedStringBytes) {
      Fail(XlsxUnreadable(
          file(), fmt::format("{} 的共享字符串超过 {} MiB（上限）", part(), kMaxXlsxSharedStringBytes >> 20),
          fmt::format("{}: the shared strings are over {} MiB (the limit)", part(),
                      kMaxXlsxSharedStringBytes >> 20)));
      return;
    }
    if (out_.arena.size() - item_start_ + text.size() > kMaxCsvFieldBytes) {
      Fail(XlsxUnreadable(file(),
                          fmt::format("{} 的第 {} 个共享字符串超过 {} 字节（上限）", part(),
                                      out_.ends.size() + 1, kMaxCsvFieldBytes),
                          fmt::format("{}: shared string {} is longer than {} bytes (the limit)", part(),
                                      out_.ends.size() + 1, kMaxCsvFieldBytes)));
      return;
    }
    out_.arena.append(text);
  }

  SharedStrings& out_;
  bool in_item_ = false;
  bool collecting_ = false;
  int phonetic_depth_ = 0;
  size_t item_start_ = 0;
};

}  // namespace

StatusOr<SharedStrings> ReadSharedStrings(zip_t* zip, const std::string& file) {
  SharedStrings strings;
  ASSIGN_OR_RETURN(std::optional<PartStream> stream,
                   PartStream::Open(zip, file, "xl/sharedStrings.xml", kMaxXlsxSheetBytes));
  if (!stream.has_value()) return strings;
  SharedStringsParser parser(file, stream->part(), strings);
  std::string chunk(kXlsxReadChunkBytes, '\0');
  while (true) {
    ASSIGN_OR_RETURN(const size_t n, stream->Read(chunk.data(), chunk.size()));
    RETURN_IF_ERROR(parser.Feed(chunk.data(), n, n == 0));
    if (n == 0) break;
  }
  strings.arena.shrink_to_fit();
  strings.ends.shrink_to_fit();
  return strings;
}

}  // namespace jz::internal
