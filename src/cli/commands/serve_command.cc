// `jingzhun serve DB`: the HTTP API and the web UI (src/server) until Ctrl-C or SIGTERM.
#include <fmt/format.h>

#include <cstdio>

#include "cli/commands/commands.h"
#include "core/limits.h"
#include "server/jingzhun_server.h"

namespace jz::cli {
namespace {

class ServeCommand final : public Command {
 public:
  std::string_view name() const override { return "serve"; }
  std::string_view summary() const override {
    return "启动 HTTP 服务（接口与网页界面）| serve the HTTP API and the web UI";
  }
  std::string_view help() const override {
    return "\n默认只监听本机（127.0.0.1）；对外服务请在前面放 nginx 终止 TLS（docs/deploy.md）。\n"
           "Listens on loopback by default; put nginx in front for TLS (docs/deploy.md).\n"
           "Ctrl-C 或 SIGTERM 停止：不再接受连接，进行中的请求在 10 秒内完成后退出（退出码 0）。\n"
           "Ctrl-C or SIGTERM stops it: no new connections, requests in flight finish within 10 s, exit 0.\n"
           "经 TLS 代理对外服务时加 --secure-cookies（会话 Cookie 只经 HTTPS 发送），并以 --trusted-proxy\n"
           "指定代理地址：只有来自该地址的请求才采信 X-Forwarded-For（取最后一跳）作为客户端地址。\n"
           "Behind a TLS proxy add --secure-cookies (the session cookie travels over HTTPS only) and name "
           "the\n"
           "proxy with --trusted-proxy: X-Forwarded-For (its last hop) is believed only from that address.\n"
           "\n示例 Examples:\n  jingzhun serve demo/jingzhun.db\n"
           "  jingzhun serve demo/jingzhun.db --listen 127.0.0.1:8080 --web web/dist --threads 2\n"
           "  jingzhun serve /srv/jingzhun/jingzhun.db --web web/dist --secure-cookies --trusted-proxy "
           "127.0.0.1\n";
  }
  void Setup(CLI::App& app) override {
    app.add_option("DB", request_.db_path, "数据库文件 database file")->required();
    app.add_option("--listen", request_.listen, "监听地址 host:port to listen on")->capture_default_str();
    app.add_option("--web", request_.web_dir, "网页界面构建目录 the built web UI's folder");
    app.add_option("--threads", request_.threads, "线程数，默认每核一个 threads (default: one per core)");
    app.add_flag("--secure-cookies", request_.secure_cookies,
                 "会话 Cookie 加 Secure（TLS 代理之后）mark the session cookie Secure (behind TLS)");
    app.add_option(
        "--trusted-proxy", request_.trusted_proxy,
        "可信代理的 IP 地址，采信其 X-Forwarded-For the proxy's IP address whose X-Forwarded-For is "
        "believed");
  }
  Status Run(const GlobalOptions& global) override {
    // Before any thread starts, so that every thread inherits the mask and the signals
    // reach WaitForTerminationSignal() below instead of killing the process.
    server::BlockTerminationSignals();
    ASSIGN_OR_RETURN(std::unique_ptr<server::HttpServer> http, server::NewJingzhunServer(request_));
    RETURN_IF_ERROR(http->Start());
    ASSIGN_OR_RETURN(server::ListenAddress address, server::ParseListenAddress(request_.listen));
    const std::string host =
        address.host.find(':') == std::string::npos ? address.host : "[" + address.host + "]";
    PrintLine(global, Bilingual("服务已启动：http://{}:{}/（{} 个线程；Ctrl-C 停止）",
                                "serving at http://{}:{}/ ({} threads; Ctrl-C stops)", host, http->port(),
                                http->threads()));
    std::fflush(stdout);
    const int signal_number = server::WaitForTerminationSignal();
    PrintLine(global, Bilingual("收到信号 {}，正在停止…", "signal {} received; stopping…", signal_number));
    std::fflush(stdout);
    http->Shutdown(std::chrono::milliseconds(kHttpShutdownDeadlineMs));
    return OkStatus();
  }

 private:
  server::ServeRequest request_;
};

}  // namespace

std::unique_ptr<Command> NewServeCommand() { return std::make_unique<ServeCommand>(); }

}  // namespace jz::cli
