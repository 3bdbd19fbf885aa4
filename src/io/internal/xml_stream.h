// XmlStream: an expat parser fed a part of an .xlsx package in chunks, internal to src/io.
// Subclasses see elements by local name (namespace prefixes dropped, as Excel and other
// writers differ in them) and character data. A document type declaration is refused: a
// workbook has none, and refusing it shuts out entity-expansion bombs.
#ifndef JZ_IO_INTERNAL_XML_STREAM_H_
#define JZ_IO_INTERNAL_XML_STREAM_H_

#include <expat.h>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/status.h"

namespace jz::internal {

class XmlStream {
 public:
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

 protected:
  XmlStream(std::string file, std::string part);
  virtual ~XmlStream() = default;

  // Parses the next chunk (`last`: the part ends after it). Errors name the file, the part
  // and the XML line; a handler's Fail() status is returned as it is.
  [[nodiscard]] Status Feed(const char* data, size_t size, bool last);

  virtual void StartElement(std::string_view name, const XML_Char** attributes) = 0;
  virtual void EndElement(std::string_view name) = 0;
  virtual void Characters(std::string_view text) = 0;

  // Stops parsing; Feed() returns `status` (the first one given).
  void Fail(Status status);
  bool failed() const { return !error_.ok(); }

  // The value of attribute `name` (unprefixed), or nullptr.
  static const char* Attribute(const XML_Char** attributes, std::string_view name);

  const std::string& file() const { return file_; }
  const std::string& part() const { return part_; }
  void set_part(std::string part) { part_ = std::move(part); }

 private:
  struct ParserFree {
    void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
  };

  std::string file_;
  std::string part_;
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree> parser_;
  Status error_;
};

}  // namespace jz::internal

#endif  // JZ_IO_INTERNAL_XML_STREAM_H_
