// Fuzz target: raw bytes as an HTTP/1.1 request, through Beast's parser with the server's
// limits, then the dispatcher (request target and query parameters, router, language,
// problem+json). Properties: no crash; a parsed request gets an answer whose status is one
// the router can give, and every error answer is a problem+json with a stable code.
#include <boost/beast/core/flat_buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/limits.h"
#include "fuzz/fuzz_check.h"
#include "server/dispatch.h"
#include "server/problem.h"

namespace {

using jz::server::http::status;

const jz::server::Dispatcher& TheDispatcher() {
  static const jz::server::Dispatcher* dispatcher = [] {
    jz::server::Router router;
    router.Add(jz::server::http::verb::get, "/api/v1/households/{household_no}",
               [](const jz::server::RouteContext& c) {
                 nlohmann::json body = {{"household_no", c.Param("household_no")}};
                 for (const auto& [key, value] : c.target.query) body["query"][key] = value;
                 return jz::server::JsonResponse(body, c.request.version());
               });
    router.Add(jz::server::http::verb::post, "/api/v1/households", [](const jz::server::RouteContext& c) {
      return jz::server::JsonResponse({{"bytes", c.request.body().size()}}, c.request.version());
    });
    return new jz::server::Dispatcher(std::move(router), std::nullopt);
  }();
  return *dispatcher;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  jz::server::http::request_parser<jz::server::http::string_body> parser;
  parser.header_limit(jz::kMaxHttpHeaderBytes);
  parser.body_limit(jz::kMaxHttpBodyBytes);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  const jz::server::Response response = TheDispatcher()(parser.get(), {.address = "127.0.0.1"});
  const status s = response.result();
  JZ_FUZZ_CHECK(s == status::ok || s == status::bad_request || s == status::not_found ||
                s == status::method_not_allowed);
  if (s != status::ok) {
    JZ_FUZZ_CHECK(response[jz::server::http::field::content_type] == "application/problem+json");
    const nlohmann::json problem = nlohmann::json::parse(response.body(), nullptr, false);
    JZ_FUZZ_CHECK(!problem.is_discarded() && problem["status"] == static_cast<unsigned>(s) &&
                  problem["code"].is_string());
  }
  return 0;
}
