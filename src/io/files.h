// Small file-system helpers shared by the use cases that write output folders.
#ifndef JZ_IO_FILES_H_
#define JZ_IO_FILES_H_

#include <string>

#include "core/status.h"

namespace jz {

// Creates `dir` and its missing parents. Unavailable, naming the directory and the system's
// reason, when it cannot.
Status CreateDirectories(const std::string& dir);

// The error for a failure, with `error` (an errno value), to create the file `path`:
// NotFound when its folder does not exist, PermissionDenied when it may not be written,
// InvalidArgument when `path` is a directory, DataLoss otherwise; each names `path`.
Status FileCreateError(const std::string& path, int error);

}  // namespace jz

#endif  // JZ_IO_FILES_H_
