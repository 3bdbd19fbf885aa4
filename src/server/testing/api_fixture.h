// Test-only: a real server with the whole API on a temporary database, on a loopback port,
// and a client that sends one request per connection. Every response the client reads is
// appended to the file JZ_API_RECORD_FILE names (one JSON object per line), which the
// openapi_responses test checks against docs/api/openapi.json (scripts/check-openapi).
#ifndef JZ_SERVER_TESTING_API_FIXTURE_H_
#define JZ_SERVER_TESTING_API_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts/account_requests.h"
#include "app/audit/audit_log.h"
#include "app/workspace.h"
#include "server/api.h"
#include "server/dispatch.h"
#include "server/http_server.h"
#include "server/session_auth.h"
#include "tests/testutil/status_matchers.h"

namespace jz::server::testing {

using ClientResponse = http::response<http::string_body>;
using Headers = std::map<std::string, std::string>;

// Appends one response to the record (truncated on the first call of the process).
inline void RecordApiResponse(http::verb method, std::string_view target, const ClientResponse& response) {
#ifdef JZ_API_RECORD_FILE
  static std::mutex mutex;
  static bool truncated = false;
  std::lock_guard<std::mutex> lock(mutex);
  std::ofstream out(JZ_API_RECORD_FILE, truncated ? std::ios::app : std::ios::trunc);
  truncated = true;
  out << nlohmann::json{{"method", std::string(http::to_string(method))},
                        {"target", std::string(target)},
                        {"status", response.result_int()},
                        {"content_type", std::string(response[http::field::content_type])},
                        {"body", response.body()}}
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
#else
  (void)method, (void)target, (void)response;
#endif
}

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("jz-api-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    now_ = SystemNowUnixSeconds();
    ASSERT_OK_AND_ASSIGN(ws_, Workspace::Open({.db_path = DbPath(), .create_if_missing = true}));
  }
  void TearDown() override {
    if (server_) server_->Shutdown(std::chrono::seconds(5));
    server_.reset();
    ws_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string DbPath() const { return (dir_ / "j.db").string(); }

  // Adds an account with `password`.
  void AddAccount(std::string username, std::vector<Role> roles, const char* region,
                  std::string_view password, const char* view_region = nullptr,
                  const char* search_region = nullptr) {
    AddUserRequest user;
    user.username = std::move(username);
    user.roles = std::move(roles);
    user.region = *RegionCode::Parse(region);
    if (view_region) user.view_region = *RegionCode::Parse(view_region);
    if (search_region) user.search_region = *RegionCode::Parse(search_region);
    user.password = std::string(password);
    ASSERT_OK(AddUser(*ws_, user).status());
  }

  // The whole API (AddApiRoutes) with the fixture's clock, plus what `extra` adds.
  void Start(bool secure_cookies = false, std::string trusted_proxy = "",
             const std::function<void(Router&, WorkspacePool&, std::function<int64_t()>)>& extra = nullptr) {
    auto pool = std::make_shared<WorkspacePool>(WorkspaceOptions{.db_path = DbPath()}, 2);
    Router router;
    auto clock = [this] { return now_.load(); };
    AddApiRoutes({.db_path = DbPath(), .pool = pool, .now_unix_s = clock, .secure_cookies = secure_cookies},
                 router);
    if (extra) extra(router, *pool, clock);
    auto dispatcher = std::make_shared<const Dispatcher>(std::move(router), std::nullopt, trusted_proxy);
    server_ = std::make_unique<HttpServer>(
        ServerOptions{.port = 0, .threads = 2},
        [dispatcher, pool](const Request& r, const PeerInfo& p) { return (*dispatcher)(r, p); });
    ASSERT_OK(server_->Start());
  }

  ClientResponse Call(http::verb method, std::string_view target, const Headers& headers = {},
                      std::string body = "") {
    namespace asio = boost::asio;
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, "localhost");
    request.set(http::field::accept_language, "en");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::move(body);
    request.prepare_payload();
    http::write(socket, request);
    boost::beast::flat_buffer buffer;
    ClientResponse response;
    http::read(socket, buffer, response);
    RecordApiResponse(method, target, response);
    return response;
  }

  ClientResponse SignIn(std::string_view username, std::string_view password, Headers headers = {}) {
    headers.emplace("Content-Type", "application/json");
    return Call(http::verb::post, "/api/v1/sessions", headers,
                nlohmann::json{{"username", username}, {"password", password}}.dump());
  }

  // Signs in; the Cookie header's value and the CSRF token.
  std::pair<std::string, std::string> SignedIn(std::string_view username, std::string_view password) {
    ClientResponse r = SignIn(username, password);
    EXPECT_EQ(r.result_int(), 201) << r.body();
    const std::string cookie(r[http::field::set_cookie]);
    const size_t start = cookie.find('=') + 1;
    const nlohmann::json body = nlohmann::json::parse(r.body(), nullptr, false);
    return {"jz_session=" + cookie.substr(start, cookie.find(';') - start),
            body.is_object() ? body.value("csrf_token", "") : ""};
  }

  std::vector<AuditEntry> Audit() {
    StatusOr<AuditListResult> list = ListAuditLog(*ws_, {});
    EXPECT_OK(list.status());
    return list.ok() ? list->entries : std::vector<AuditEntry>{};
  }

  std::filesystem::path dir_;
  std::atomic<int64_t> now_{0};
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace jz::server::testing

#endif  // JZ_SERVER_TESTING_API_FIXTURE_H_
