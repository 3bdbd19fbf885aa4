// The HTTP/1.1 server: Beast over Asio with C++20 coroutines, one coroutine per connection on
// a strand, run by N threads. It owns the protocol and its limits; what a request means is
// the RequestHandler's business (dispatch.h).
//
// - keep-alive: a connection serves requests one after another until the client closes,
//   asks to close, or stays idle past idle_timeout (then it is closed silently);
// - a request must arrive whole within read_timeout of its first byte (else 408 and close);
//   its header may have header_limit_bytes (else 431), its body body_limit_bytes (else 413);
//   a request Beast cannot parse is answered 400; each of these closes the connection;
// - past max_connections open connections a new one is answered 503 and closed;
// - Shutdown() stops accepting, closes idle connections, lets requests in flight finish
//   and answer (with Connection: close) until a deadline, then stops.
//
//   HttpServer server(options, handler);
//   RETURN_IF_ERROR(server.Start());           // listening when this returns
//   ... server.port() ...
//   server.Shutdown(std::chrono::seconds(10));
//
// Thread safety: Start() and Shutdown() from one controlling thread; port() from any.
#ifndef JZ_SERVER_HTTP_SERVER_H_
#define JZ_SERVER_HTTP_SERVER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/limits.h"
#include "core/status.h"
#include "server/http_types.h"

namespace jz::server {

struct ServerOptions {
  std::string address = "127.0.0.1";  // an IPv4 or IPv6 literal
  uint16_t port = 8080;               // 0: an ephemeral port (see port())
  int threads = 0;                    // 0: one per core
  uint32_t header_limit_bytes = kMaxHttpHeaderBytes;
  uint64_t body_limit_bytes = kMaxHttpBodyBytes;
  std::chrono::milliseconds read_timeout{kHttpReadTimeoutMs};
  std::chrono::milliseconds idle_timeout{kHttpIdleTimeoutMs};
  int max_connections = kMaxHttpConnections;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, RequestHandler handler);
  // Shuts down without a deadline for requests in flight if still running.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the threads. InvalidArgument for an address that is not an IP
  // literal or a thread count outside 1..kMaxThreads; Unavailable (naming the address and the
  // system's reason) when it cannot bind, e.g. the port is taken.
  [[nodiscard]] Status Start();

  // The port listened on (the ephemeral one when options.port was 0). REQUIRES: Start() ok.
  uint16_t port() const;
  // How many threads run the server.
  int threads() const;

  // Graceful stop; returns when every connection has closed or `deadline` has passed, and
  // the threads have ended. Idempotent.
  void Shutdown(std::chrono::milliseconds deadline);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks SIGINT and SIGTERM in the calling thread, so that threads started afterwards
// (the server's) inherit the mask and WaitForTerminationSignal() receives them.
void BlockTerminationSignals();
// Waits for SIGINT or SIGTERM (blocked before by BlockTerminationSignals()) and returns it.
int WaitForTerminationSignal();

}  // namespace jz::server

#endif  // JZ_SERVER_HTTP_SERVER_H_
