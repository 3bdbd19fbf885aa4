// The server in-process on an ephemeral loopback port, driven by a small Beast client:
// the API's answers, the protocol's limits and timeouts, keep-alive, the web UI's files,
// the connection cap and the graceful shutdown.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/workspace.h"
#include "core/i18n.h"
#include "server/api.h"
#include "server/dispatch.h"
#include "server/http_server.h"
#include "server/problem.h"
#include "tests/testutil/status_matchers.h"

namespace jz::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;
using ClientResponse = http::response<http::string_body>;

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// One client connection to the server under test.
class Client {
 public:
  explicit Client(uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  void Send(const std::string& raw) { asio::write(socket_, asio::buffer(raw)); }
  ClientResponse Read() {
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::uint64_t{64} << 20);
    http::read(socket_, buffer_, parser);
    return parser.release();
  }
  ClientResponse Exchange(const std::string& raw) {
    Send(raw);
    return Read();
  }
  // Whether the server has closed the connection (a read ends at once with end of file).
  bool ClosedByServer() {
    char byte = 0;
    beast::error_code ec;
    socket_.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

std::string Get(std::string_view target, std::string_view extra_headers = "") {
  return fmt::format("GET {} HTTP/1.1\r\nHost: localhost\r\n{}\r\n", target, extra_headers);
}

nlohmann::json Json(const ClientResponse& r) { return nlohmann::json::parse(r.body()); }

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jz-server-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "web" / "assets");
    ASSERT_OK(Workspace::Open({.db_path = DbPath(), .create_if_missing = true}).status());
  }
  void TearDown() override {
    if (server_) server_->Shutdown(std::chrono::seconds(5));
    server_.reset();
    fs::remove_all(dir_);
  }
  std::string DbPath() const { return (dir_ / "j.db").string(); }

  // Starts the server with the API, `extra` routes, and the web UI when `web` is set.
  void Start(
      ServerOptions options = {}, bool web = false,
      const std::function<void(Router&)>& extra = [](Router&) {}) {
    Router router;
    AddApiRoutes({.db_path = DbPath()}, router);
    extra(router);
    std::optional<StaticFiles> files;
    if (web) {
      ASSERT_OK_AND_ASSIGN(StaticFiles opened, StaticFiles::Open((dir_ / "web").string()));
      files = std::move(opened);
    }
    auto dispatcher = std::make_shared<const Dispatcher>(std::move(router), std::move(files));
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<HttpServer>(
        options, [dispatcher](const Request& r, const PeerInfo& p) { return (*dispatcher)(r, p); });
    ASSERT_OK(server_->Start());
  }
  uint16_t port() const { return server_->port(); }

  fs::path dir_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(ServerTest, HealthAnswersOkWithTheApiHeaders) {
  Start();
  Client client(port());
  ClientResponse r = client.Exchange(Get("/api/v1/health"));
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[http::field::content_type], "application/json");
  EXPECT_EQ(r[http::field::cache_control], "no-store");
  EXPECT_EQ(r["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(r["Referrer-Policy"], "no-referrer");
  EXPECT_NE(r["Content-Security-Policy"].find("default-src 'none'"), std::string::npos);
  const nlohmann::json body = Json(r);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["database"], "ok");
  EXPECT_EQ(body["version"], "0.1.0");
}

TEST_F(ServerTest, HealthIsAProblemWhenTheDatabaseIsGoneWithoutNamingIt) {
  Start();
  fs::remove(DbPath());
  Client client(port());
  ClientResponse r = client.Exchange(Get("/api/v1/health", "Accept-Language: en\r\n"));
  EXPECT_EQ(r.result_int(), 503);
  EXPECT_EQ(Json(r)["code"], "UNAVAILABLE");
  EXPECT_EQ(r.body().find(DbPath()), std::string::npos) << r.body();
}

TEST_F(ServerTest, NotFoundIsAProblemInTheRequestedLanguage) {
  Start();
  Client client(port());
  ClientResponse zh = client.Exchange(Get("/api/v1/nothing", "Accept-Language: zh-CN,zh;q=0.9,en;q=0.8\r\n"));
  EXPECT_EQ(zh.result_int(), 404);
  EXPECT_EQ(zh[http::field::content_type], "application/problem+json");
  EXPECT_EQ(zh[http::field::content_language], "zh-Hans");
  nlohmann::json body = Json(zh);
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["title"], "Not Found");
  EXPECT_EQ(body["code"], "NOT_FOUND");
  EXPECT_EQ(body["type"], "about:blank");
  EXPECT_EQ(body["detail"], "没有这个接口：/api/v1/nothing");

  ClientResponse en = client.Exchange(Get("/api/v1/nothing", "Accept-Language: en-GB\r\n"));
  EXPECT_EQ(Json(en)["detail"], "no such API resource: /api/v1/nothing");
  if (TraditionalAvailable()) {
    ClientResponse hant = client.Exchange(Get("/api/v1/nothing", "Accept-Language: zh-TW\r\n"));
    EXPECT_EQ(Json(hant)["detail"], "沒有這個接口：/api/v1/nothing");
  }
}

TEST_F(ServerTest, AWrongMethodIs405WithAllow) {
  Start();
  Client client(port());
  ClientResponse r = client.Exchange(
      "POST /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(r.result_int(), 405);
  EXPECT_EQ(r[http::field::allow], "GET");
  EXPECT_EQ(Json(r)["code"], "INVALID_ARGUMENT");
  EXPECT_EQ(Json(r)["detail"], "/api/v1/health does not support method POST; allowed: GET");
  ClientResponse zh = client.Exchange("DELETE /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(Json(zh)["detail"], "/api/v1/health 不支持方法 DELETE，可用：GET");
}

TEST_F(ServerTest, AnOversizedHeaderIs431AndClosesTheConnection) {
  Start();
  Client client(port());
  ClientResponse r = client.Exchange(Get("/api/v1/health", "X-Filler: " + std::string(9000, 'a') + "\r\n"));
  EXPECT_EQ(r.result_int(), 431);
  EXPECT_EQ(Json(r)["code"], "INVALID_ARGUMENT");
  EXPECT_EQ(Json(r)["detail"], "请求头超过 8192 字节");
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, AnOversizedBodyIs413BeforeItIsRead) {
  Start();
  Client client(port());
  ClientResponse r = client.Exchange(
      "POST /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nContent-Length: 2097152\r\n\r\n" +
      std::string(1000, '{'));
  EXPECT_EQ(r.result_int(), 413);
  EXPECT_EQ(Json(r)["detail"], "the request body exceeds 1048576 bytes");
}

TEST_F(ServerTest, AMalformedRequestLineIs400) {
  Start();
  for (const char* raw :
       {"GARBAGE\r\n\r\n", "GET /api/v1/health HTTP/9.x\r\n\r\n", "GET  HTTP/1.1\r\n\r\n"}) {
    Client client(port());
    ClientResponse r = client.Exchange(raw);
    EXPECT_EQ(r.result_int(), 400) << raw;
    EXPECT_EQ(Json(r)["code"], "INVALID_ARGUMENT") << raw;
  }
  Client client(port());
  ClientResponse bad_escape = client.Exchange(Get("/api/v1/health?x=%zz", "Accept-Language: en\r\n"));
  EXPECT_EQ(bad_escape.result_int(), 400);
  EXPECT_NE(Json(bad_escape)["detail"].get<std::string>().find("invalid percent escape"), std::string::npos);
}

TEST_F(ServerTest, ARequestThatDoesNotArriveWholeInTimeIs408) {
  Start({.read_timeout = std::chrono::milliseconds(200)});
  Client client(port());
  client.Send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n");  // the header never ends
  ClientResponse r = client.Read();
  EXPECT_EQ(r.result_int(), 408);
  EXPECT_EQ(Json(r)["code"], "UNAVAILABLE");
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, AnIdleConnectionIsClosed) {
  Start({.idle_timeout = std::chrono::milliseconds(200)});
  Client client(port());
  EXPECT_EQ(client.Exchange(Get("/api/v1/health")).result_int(), 200);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.ClosedByServer());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Start();
  Client client(port());
  for (int i = 0; i < 5; ++i) {
    ClientResponse r = client.Exchange(Get(i % 2 == 0 ? "/api/v1/health" : "/api/v1/none"));
    EXPECT_EQ(r.result_int(), i % 2 == 0 ? 200 : 404);
    EXPECT_TRUE(r.keep_alive());
  }
  // Two pipelined requests in one write, the second asking to close.
  client.Send(Get("/api/v1/health") + Get("/api/v1/health", "Connection: close\r\n"));
  EXPECT_EQ(client.Read().result_int(), 200);
  ClientResponse last = client.Read();
  EXPECT_EQ(last.result_int(), 200);
  EXPECT_FALSE(last.keep_alive());
  EXPECT_TRUE(client.ClosedByServer());
}

class StaticFilesTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    WriteFile(dir_ / "web" / "index.html", "<!doctype html><title>精准</title>");
    WriteFile(dir_ / "web" / "assets" / "app.js", "console.log(1)");
    WriteFile(dir_ / "secret.txt", "SECRET");
    fs::create_symlink(dir_ / "secret.txt", dir_ / "web" / "leak.txt");
    fs::create_directory_symlink(dir_, dir_ / "web" / "up");
    Start({}, true);
  }
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndETags) {
  Client client(port());
  ClientResponse index = client.Exchange(Get("/"));
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_EQ(index[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(index["Content-Security-Policy"].find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(index["X-Content-Type-Options"], "nosniff");
  EXPECT_NE(index.body().find("精准"), std::string::npos);

  ClientResponse js = client.Exchange(Get("/assets/app.js"));
  EXPECT_EQ(js.result_int(), 200);
  EXPECT_EQ(js[http::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body(), "console.log(1)");
  const std::string etag(js[http::field::etag]);
  ASSERT_FALSE(etag.empty());
  ClientResponse again = client.Exchange(Get("/assets/app.js", "If-None-Match: " + etag + "\r\n"));
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_TRUE(again.body().empty());
  ClientResponse other = client.Exchange(Get("/assets/app.js", "If-None-Match: \"other\"\r\n"));
  EXPECT_EQ(other.result_int(), 200);
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndex) {
  Client client(port());
  ClientResponse r = client.Exchange(Get("/households/220224001001?tab=members"));
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_NE(r.body().find("<!doctype html>"), std::string::npos);
  EXPECT_EQ(client.Exchange(Get("/assets/missing.js")).result_int(), 404);
  EXPECT_EQ(client.Exchange(Get("/api/v1/households")).result_int(), 404);  // never the UI
}

TEST_F(StaticFilesTest, RefusesTraversalSymlinkEscapeAndListings) {
  for (const char* target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/assets%2f..%2f..%2fsecret.txt",
        "/leak.txt", "/up/secret.txt", "/assets", "/assets/", "/..%5csecret.txt"}) {
    Client client(port());
    ClientResponse r = client.Exchange(Get(target));
    EXPECT_EQ(r.result_int(), 404) << target;
    EXPECT_EQ(r.body().find("SECRET"), std::string::npos) << target;
    EXPECT_EQ(r.body().find("console.log"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, StartRefusesATakenPortABadAddressAndTooManyThreads) {
  Start();
  HttpServer taken({.port = port()}, [](const Request&, const PeerInfo&) { return Response(); });
  Status busy = taken.Start();
  EXPECT_EQ(busy.code(), StatusCode::kUnavailable);
  EXPECT_THAT(busy.message(), ::testing::HasSubstr(fmt::format("cannot listen on 127.0.0.1:{}", port())));
  HttpServer named({.address = "localhost", .port = 0},
                   [](const Request&, const PeerInfo&) { return Response(); });
  EXPECT_EQ(named.Start().code(), StatusCode::kInvalidArgument);
  HttpServer greedy({.port = 0, .threads = kMaxThreads + 1},
                    [](const Request&, const PeerInfo&) { return Response(); });
  EXPECT_EQ(greedy.Start().code(), StatusCode::kInvalidArgument);
}

TEST_F(ServerTest, PastTheConnectionCapANewConnectionIs503) {
  Start({.max_connections = 1});
  Client first(port());
  EXPECT_EQ(first.Exchange(Get("/api/v1/health")).result_int(), 200);
  Client second(port());
  ClientResponse r = second.Read();
  EXPECT_EQ(r.result_int(), 503);
  EXPECT_EQ(Json(r)["code"], "UNAVAILABLE");
  EXPECT_EQ(first.Exchange(Get("/api/v1/health")).result_int(), 200);
}

TEST_F(ServerTest, ShutdownFinishesRequestsInFlightAndClosesIdleConnections) {
  std::promise<void> entered;
  Start({}, false, [&entered](Router& router) {
    router.Add(http::verb::get, "/api/v1/slow", [&entered](const RouteContext& c) {
      entered.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return JsonResponse({{"slow", true}}, c.request.version());
    });
  });
  Client idle(port());
  EXPECT_EQ(idle.Exchange(Get("/api/v1/health")).result_int(), 200);
  Client busy(port());
  busy.Send(Get("/api/v1/slow"));
  entered.get_future().wait();
  const auto start = std::chrono::steady_clock::now();
  server_->Shutdown(std::chrono::seconds(5));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  ClientResponse r = busy.Read();
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_FALSE(r.keep_alive());
  EXPECT_TRUE(idle.ClosedByServer());
  EXPECT_THROW(Client refused(port()), boost::system::system_error);
}

}  // namespace
}  // namespace jz::server
