// Small file-system helpers shared by the use cases that write output folders.
#ifndef JZ_IO_FILES_H_
#define JZ_IO_FILES_H_

#include <string>

#include "core/status.h"

namespace jz {

// Creates `dir` and its missing parents. Unavailable, naming the directory and the system's
// reason, when it cannot.
Status CreateDirectories(const std::string& dir);

}  // namespace jz

#endif  // JZ_IO_FILES_H_
