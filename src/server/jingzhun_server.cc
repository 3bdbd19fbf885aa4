// Assembly of the Jingzhun server (jingzhun_server.h).
#include "server/jingzhun_server.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <optional>
#include <thread>

#include "app/health/health.h"
#include "server/api.h"
#include "server/dispatch.h"

namespace jz::server {

StatusOr<ListenAddress> ParseListenAddress(std::string_view text) {
  Status bad = InvalidArgumentError(
      Bilingual("--listen 应为 主机:端口（如 127.0.0.1:8080 或 [::1]:8080）：{}",
                "--listen must be host:port (e.g. 127.0.0.1:8080 or [::1]:8080): {}", std::string(text)));
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad;
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad;
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return bad;
  }
  return ListenAddress{std::string(host), static_cast<uint16_t>(port)};
}

StatusOr<std::unique_ptr<HttpServer>> NewJingzhunServer(const ServeRequest& request) {
  ASSIGN_OR_RETURN(ListenAddress address, ParseListenAddress(request.listen));
  RETURN_IF_ERROR(CheckHealth({.db_path = request.db_path}).status());
  std::optional<StaticFiles> web;
  if (!request.web_dir.empty()) {
    ASSIGN_OR_RETURN(web, StaticFiles::Open(request.web_dir));
  }
  std::string trusted_proxy;  // normalised, as the peer's address is written
  if (!request.trusted_proxy.empty()) {
    boost::system::error_code ec;
    trusted_proxy = boost::asio::ip::make_address(request.trusted_proxy, ec).to_string();
    if (ec) {
      return InvalidArgumentError(Bilingual("--trusted-proxy 应为 IP 地址（如 127.0.0.1）：{}",
                                            "--trusted-proxy must be an IP address (e.g. 127.0.0.1): {}",
                                            request.trusted_proxy));
    }
  }
  // One workspace per server thread: a request thread never waits for another's.
  const int threads = request.threads > 0
                          ? request.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  Router router;
  AddApiRoutes(
      {.db_path = request.db_path,
       .pool = std::make_shared<WorkspacePool>(WorkspaceOptions{.db_path = request.db_path}, threads),
       .secure_cookies = request.secure_cookies},
      router);
  auto dispatcher = std::make_shared<const Dispatcher>(std::move(router), std::move(web), trusted_proxy);
  ServerOptions options{.address = address.host, .port = address.port, .threads = request.threads};
  return std::make_unique<HttpServer>(
      options, [dispatcher](const Request& r, const PeerInfo& peer) { return (*dispatcher)(r, peer); });
}

}  // namespace jz::server
