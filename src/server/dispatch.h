// One request to its response: the decoded target, the language, the API's routes under
// /api/, the web UI for every other GET, and problem+json for everything that goes wrong —
// including an exception thrown by a handler, answered 500 without its text (which could
// name a file or a query) and logged to stderr instead.
//
// Thread safety: const after construction; operator() may run on many threads at once.
#ifndef JZ_SERVER_DISPATCH_H_
#define JZ_SERVER_DISPATCH_H_

#include <optional>

#include "server/http_types.h"
#include "server/router.h"
#include "server/static_files.h"

namespace jz::server {

class Dispatcher {
 public:
  // `web`: the built UI, or none (then every path outside /api/ answers 404).
  Dispatcher(Router router, std::optional<StaticFiles> web)
      : router_(std::move(router)), web_(std::move(web)) {}

  // Never throws.
  Response operator()(const Request& request) const;

 private:
  Response Api(const Request& request, const RequestTarget& target, Lang lang) const;

  Router router_;
  std::optional<StaticFiles> web_;
};

}  // namespace jz::server

#endif  // JZ_SERVER_DISPATCH_H_
