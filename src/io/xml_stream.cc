// XmlStream (io/internal/xml_stream.h): expat's callbacks to virtual functions.
#include "io/internal/xml_stream.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "io/internal/xlsx_package.h"

namespace jz::internal {
namespace {

std::string_view LocalName(const XML_Char* name) {
  std::string_view text(name);
  const size_t colon = text.rfind(':');
  return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

}  // namespace

XmlStream::XmlStream(std::string file, std::string part)
    : file_(std::move(file)), part_(std::move(part)), parser_(XML_ParserCreate("UTF-8")) {
  XML_Parser parser = parser_.get();
  XML_SetUserData(parser, this);
  XML_SetElementHandler(
      parser,
      [](void* self, const XML_Char* name, const XML_Char** attributes) {
        static_cast<XmlStream*>(self)->StartElement(LocalName(name), attributes);
      },
      [](void* self, const XML_Char* name) { static_cast<XmlStream*>(self)->EndElement(LocalName(name)); });
  XML_SetCharacterDataHandler(parser, [](void* self, const XML_Char* text, int size) {
    static_cast<XmlStream*>(self)->Characters(std::string_view(text, static_cast<size_t>(size)));
  });
  XML_SetStartDoctypeDeclHandler(
      parser, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto* stream = static_cast<XmlStream*>(self);
        stream->Fail(XlsxUnreadable(
            stream->file_, fmt::format("{} 含有文档类型声明（DOCTYPE），工作簿不应有", stream->part_),
            fmt::format("{} has a document type declaration, which no workbook has", stream->part_)));
      });
}

void XmlStream::Fail(Status status) {
  if (!error_.ok()) return;
  error_ = std::move(status);
  XML_StopParser(parser_.get(), XML_FALSE);
}

Status XmlStream::Feed(const char* data, size_t size, bool last) {
  if (!error_.ok()) return error_;
  while (size > 0 || last) {
    const size_t piece = std::min<size_t>(size, std::numeric_limits<int>::max());
    const bool final_piece = last && piece == size;
    if (XML_Parse(parser_.get(), data, static_cast<int>(piece), final_piece ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      if (!error_.ok()) return error_;
      const XML_Error code = XML_GetErrorCode(parser_.get());
      const auto line = XML_GetCurrentLineNumber(parser_.get());
      error_ = XlsxUnreadable(
          file_, fmt::format("{} 不是有效的 XML（第 {} 行：{}）", part_, line, XML_ErrorString(code)),
          fmt::format("{} is not valid XML (line {}: {})", part_, line, XML_ErrorString(code)));
      return error_;
    }
    if (!error_.ok()) return error_;
    data += piece;
    size -= piece;
    if (final_piece) break;
  }
  return OkStatus();
}

const char* XmlStream::Attribute(const XML_Char** attributes, std::string_view name) {
  for (; attributes[0] != nullptr; attributes += 2) {
    if (LocalName(attributes[0]) == name) return attributes[1];
  }
  return nullptr;
}

}  // namespace jz::internal
