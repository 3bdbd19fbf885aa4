// The zip package of an .xlsx workbook, internal to src/io: opening it, its small parts
// (workbook, relationships, styles: read whole with pugixml), and a part streamed in chunks
// for expat (the worksheet and the shared strings, which grow with the sheet).
#ifndef JZ_IO_INTERNAL_XLSX_PACKAGE_H_
#define JZ_IO_INTERNAL_XLSX_PACKAGE_H_

#include <zip.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jz::internal {

// InvalidArgument: "<file>: not a readable Excel workbook (.xlsx): <why>".
Status XlsxUnreadable(const std::string& file, std::string_view why_zh, std::string_view why_en);

struct ZipCloser {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;

// Opens the package in the file `file`, or in `bytes` when not null (which must outlive
// the handle; `file` then only names it).
[[nodiscard]] StatusOr<ZipHandle> OpenXlsxPackage(const std::string& file, const std::string* bytes);

// A part read whole (at most kMaxXlsxPartBytes), or nullopt when the package lacks it.
[[nodiscard]] StatusOr<std::optional<std::string>> ReadXlsxPart(zip_t* zip, const std::string& file,
                                                                const std::string& part);

// The package path of the workbook's first worksheet.
[[nodiscard]] StatusOr<std::string> FirstSheetPart(zip_t* zip, const std::string& file);

// Per cell style (cellXfs index), whether its number format shows a date.
[[nodiscard]] StatusOr<std::vector<bool>> ReadDateStyles(zip_t* zip, const std::string& file);

// A part read in chunks. Reading past `max_bytes` uncompressed, or a damaged part (libzip
// checks the CRC at the end), is an error naming the file and the part.
class PartStream {
 public:
  // nullopt when the package has no such part.
  [[nodiscard]] static StatusOr<std::optional<PartStream>> Open(zip_t* zip, const std::string& file,
                                                                std::string part, uint64_t max_bytes);
  PartStream(PartStream&&) noexcept = default;
  PartStream& operator=(PartStream&&) noexcept = default;

  // Reads up to `capacity` bytes; 0 at the end of the part.
  [[nodiscard]] StatusOr<size_t> Read(char* destination, size_t capacity);
  const std::string& part() const { return part_; }
  int64_t bytes_read() const { return bytes_read_; }
  int64_t size() const { return size_; }  // uncompressed, as the zip directory says

 private:
  struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
  };
  PartStream() = default;

  std::unique_ptr<zip_file_t, FileCloser> handle_;
  std::string file_;
  std::string part_;
  uint64_t max_bytes_ = 0;
  int64_t bytes_read_ = 0;
  int64_t size_ = -1;
};

// Appends to `out` the decimal text of a number cell's value as Excel wrote it ("12.5",
// "4.1052319800101101E+17"), without exponent ("410523198001011010"). Returns whether
// digits were lost: the integer part had more than 15 significant digits, or the exponent
// had to be filled with zeros (Excel keeps 15 digits; an ID number typed as a number).
// A fraction with more than 15 significant digits (binary noise of a sum, such as
// "0.30000000000000004") is rounded to 15, as Excel shows it, and loses nothing. Text
// that is not a number is appended as it is.
bool AppendXlsxNumber(std::string_view value, std::string& out);

}  // namespace jz::internal

#endif  // JZ_IO_INTERNAL_XLSX_PACKAGE_H_
