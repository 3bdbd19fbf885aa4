// Assembly of the Jingzhun server (jingzhun_server.h).
#include "server/jingzhun_server.h"

#include <charconv>
#include <optional>

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
  Router router;
  AddApiRoutes({.db_path = request.db_path}, router);
  auto dispatcher = std::make_shared<const Dispatcher>(std::move(router), std::move(web));
  ServerOptions options{.address = address.host, .port = address.port, .threads = request.threads};
  return std::make_unique<HttpServer>(options, [dispatcher](const Request& r) { return (*dispatcher)(r); });
}

}  // namespace jz::server
