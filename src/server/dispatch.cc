// Dispatch of one request (dispatch.h).
#include "server/dispatch.h"

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <cstdio>
#include <exception>

#include "server/problem.h"

namespace jz::server {
namespace {

Response InternalProblem(const Request& request, Lang lang) {
  return ProblemResponse({http::status::internal_server_error, StatusCode::kInternal,
                          Bilingual("服务器内部错误，已记录", "internal server error; it has been logged")},
                         lang, request.version());
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string ClientAddress(const Request& request, const PeerInfo& peer, std::string_view trusted_proxy) {
  if (trusted_proxy.empty() || peer.address != trusted_proxy) return peer.address;
  std::string_view last_hop;
  const auto [first, last] = request.equal_range("X-Forwarded-For");
  for (auto field = first; field != last; ++field) {  // several headers: the last one's last hop
    const std::string_view value = field->value();
    const size_t comma = value.rfind(',');
    last_hop = TrimSpaces(comma == std::string_view::npos ? value : value.substr(comma + 1));
  }
  boost::system::error_code ec;
  const boost::asio::ip::address address = boost::asio::ip::make_address(std::string(last_hop), ec);
  return ec || last_hop.empty() ? peer.address : address.to_string();
}

Response Dispatcher::operator()(const Request& request, const PeerInfo& peer) const {
  const Lang lang = NegotiateLang(request[http::field::accept_language]);
  try {
    StatusOr<RequestTarget> target = ParseRequestTarget(request.target());
    if (!target.ok()) {
      return ProblemResponse(
          {http::status::bad_request, StatusCode::kInvalidArgument, target.status().message()}, lang,
          request.version());
    }
    if (!target->segments.empty() && target->segments.front() == "api")
      return Api(request, *target, lang, peer);
    if (web_.has_value() && request.method() == http::verb::get) return web_->Serve(*target, request, lang);
    return ProblemResponse(
        {http::status::not_found, StatusCode::kNotFound,
         Bilingual("没有这个资源：{}", "no such resource: {}", std::string(request.target()))},
        lang, request.version());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jingzhun serve: %s %s: internal error: %s\n",
                 std::string(request.method_string()).c_str(), std::string(request.target()).c_str(),
                 e.what());
    return InternalProblem(request, lang);
  }
}

Response Dispatcher::Api(const Request& request, const RequestTarget& target, Lang lang,
                         const PeerInfo& peer) const {
  RouteMatch match = router_.Find(request.method(), target.segments);
  if (match.handler != nullptr) {
    return (*match.handler)(RouteContext{request, target, std::move(match.params), lang,
                                         ClientAddress(request, peer, trusted_proxy_)});
  }
  if (match.allowed.empty()) {
    return ProblemResponse(
        {http::status::not_found, StatusCode::kNotFound,
         Bilingual("没有这个接口：{}", "no such API resource: {}", std::string(request.target()))},
        lang, request.version());
  }
  const std::string allow = Router::AllowHeader(match.allowed);
  Response response =
      ProblemResponse({http::status::method_not_allowed, StatusCode::kInvalidArgument,
                       Bilingual("{} 不支持方法 {}，可用：{}", "{} does not support method {}; allowed: {}",
                                 std::string(request.target()), std::string(request.method_string()), allow)},
                      lang, request.version());
  response.set(http::field::allow, allow);
  return response;
}

}  // namespace jz::server
