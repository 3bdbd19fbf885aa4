// The API's router: a method and a path pattern ("/api/v1/households/{household_no}") to a
// handler. Small and ours on top of Beast: routes are few (tens), matched segment by segment
// in the order added, and a path that matches with another method answers 405 with Allow.
//
//   Router router;
//   router.Add(http::verb::get, "/api/v1/health", [](const RouteContext& c) { ... });
//   RouteMatch m = router.Find(http::verb::get, target.segments);
//
// Thread safety: Add() before serving; Find() is const and safe from any thread.
#ifndef JZ_SERVER_ROUTER_H_
#define JZ_SERVER_ROUTER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.h"
#include "server/http_types.h"
#include "server/request_target.h"

namespace jz::server {

// What a handler sees: the request, its decoded target, the pattern's parameters, the
// negotiated language and the client's address.
struct RouteContext {
  const Request& request;
  const RequestTarget& target;
  std::vector<std::pair<std::string, std::string>> params;
  Lang lang = Lang::kZhHans;
  // The client's IP address ("127.0.0.1", "::1"): the TCP peer's, or the last hop of
  // X-Forwarded-For when the peer is the trusted proxy (Dispatcher). For throttling and audit.
  std::string client_address = {};

  // The value of pattern parameter `name` ("{household_no}"); empty when the pattern has none.
  std::string_view Param(std::string_view name) const;
};

using RouteHandler = std::function<Response(const RouteContext&)>;

struct RouteMatch {
  const RouteHandler* handler = nullptr;  // null: no route for this method and path
  std::vector<std::pair<std::string, std::string>> params;
  // When handler is null: the methods the path has routes for (empty: 404, else 405).
  std::vector<http::verb> allowed;
};

class Router {
 public:
  // REQUIRES: `pattern` starts with '/'; a segment "{name}" matches any one segment.
  void Add(http::verb method, std::string_view pattern, RouteHandler handler);

  RouteMatch Find(http::verb method, const std::vector<std::string>& segments) const;

  // The Allow header's value for `methods` ("GET, POST").
  static std::string AllowHeader(const std::vector<http::verb>& methods);

 private:
  struct Route {
    http::verb method;
    std::vector<std::string> pattern;  // literal segments, or "{name}"
    RouteHandler handler;
  };
  static bool Matches(const Route& route, const std::vector<std::string>& segments,
                      std::vector<std::pair<std::string, std::string>>* params);

  std::vector<Route> routes_;
};

}  // namespace jz::server

#endif  // JZ_SERVER_ROUTER_H_
