// One request to its response: the decoded target, the language, the API's routes under
// /api/, the web UI for every other GET, and problem+json for everything that goes wrong —
// including an exception thrown by a handler, answered 500 without its text (which could
// name a file or a query) and logged to stderr instead.
//
// Thread safety: const after construction; operator() may run on many threads at once.
#ifndef JZ_SERVER_DISPATCH_H_
#define JZ_SERVER_DISPATCH_H_

#include <optional>
#include <string>
#include <string_view>

#include "server/http_types.h"
#include "server/router.h"
#include "server/static_files.h"

namespace jz::server {

// The client's address for RouteContext::client_address: the peer's, except when the peer
// is `trusted_proxy` (an IP literal; empty: none is trusted), which speaks for the client
// in X-Forwarded-For: then the last hop of that header (the address the proxy itself saw;
// earlier hops are the client's say and could be anything), when it is an IP literal. Any
// other peer's X-Forwarded-For is ignored, so a client cannot pick its own address.
std::string ClientAddress(const Request& request, const PeerInfo& peer, std::string_view trusted_proxy);

class Dispatcher {
 public:
  // `web`: the built UI, or none (then every path outside /api/ answers 404).
  // `trusted_proxy`: see ClientAddress().
  Dispatcher(Router router, std::optional<StaticFiles> web, std::string trusted_proxy = {})
      : router_(std::move(router)), web_(std::move(web)), trusted_proxy_(std::move(trusted_proxy)) {}

  // Never throws.
  Response operator()(const Request& request, const PeerInfo& peer) const;

 private:
  Response Api(const Request& request, const RequestTarget& target, Lang lang, const PeerInfo& peer) const;

  Router router_;
  std::optional<StaticFiles> web_;
  std::string trusted_proxy_;
};

}  // namespace jz::server

#endif  // JZ_SERVER_DISPATCH_H_
