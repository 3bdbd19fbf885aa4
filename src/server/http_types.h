// The request and response types every file of the server shares: Beast's HTTP/1.1
// messages with the body held in a std::string (bodies are bounded by kMaxHttpBodyBytes).
#ifndef JZ_SERVER_HTTP_TYPES_H_
#define JZ_SERVER_HTTP_TYPES_H_

#include <boost/beast/http.hpp>
#include <functional>
#include <string>

namespace jz::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// The other end of the connection a request came on.
struct PeerInfo {
  std::string address = {};  // the TCP peer's IP address: "127.0.0.1", "::1"
};

// Turns one parsed request into its response. Called on the connection's strand, possibly
// on several threads at once for different connections, so it must be thread-safe. It
// never throws: Dispatch() (dispatch.h) catches what a handler throws and answers 500.
using RequestHandler = std::function<Response(const Request&, const PeerInfo&)>;

}  // namespace jz::server

#endif  // JZ_SERVER_HTTP_TYPES_H_
