// The Jingzhun server assembled for a door (`jingzhun serve`): the API over a database, the
// web UI from a folder, on an address given as "host:port".
#ifndef JZ_SERVER_JINGZHUN_SERVER_H_
#define JZ_SERVER_JINGZHUN_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "server/http_server.h"

namespace jz::server {

struct ServeRequest {
  std::string db_path = {};
  std::string listen = "127.0.0.1:8080";  // host:port, [v6]:port; port 0 = ephemeral
  std::string web_dir = {};               // empty: no web UI
  int threads = 0;                        // 0: one per core
  bool secure_cookies = false;            // the session cookie gets Secure (behind TLS)
  std::string trusted_proxy = {};         // an IP literal whose X-Forwarded-For is believed
};

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};

// Parses "127.0.0.1:8080" or "[::1]:8080". InvalidArgument naming the value and the form.
[[nodiscard]] StatusOr<ListenAddress> ParseListenAddress(std::string_view text);

// The server for `request`, not yet started. Checks first that the database opens (the
// errors of CheckHealth, naming the path) and that web_dir is a built UI (StaticFiles::Open),
// so that a mistake is told at the command line rather than to the first browser.
[[nodiscard]] StatusOr<std::unique_ptr<HttpServer>> NewJingzhunServer(const ServeRequest& request);

}  // namespace jz::server

#endif  // JZ_SERVER_JINGZHUN_SERVER_H_
