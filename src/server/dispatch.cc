// Dispatch of one request (dispatch.h).
#include "server/dispatch.h"

#include <fmt/format.h>

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

}  // namespace

Response Dispatcher::operator()(const Request& request) const {
  const Lang lang = NegotiateLang(request[http::field::accept_language]);
  try {
    StatusOr<RequestTarget> target = ParseRequestTarget(request.target());
    if (!target.ok()) {
      return ProblemResponse(
          {http::status::bad_request, StatusCode::kInvalidArgument, target.status().message()}, lang,
          request.version());
    }
    if (!target->segments.empty() && target->segments.front() == "api") return Api(request, *target, lang);
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

Response Dispatcher::Api(const Request& request, const RequestTarget& target, Lang lang) const {
  RouteMatch match = router_.Find(request.method(), target.segments);
  if (match.handler != nullptr) {
    return (*match.handler)(RouteContext{request, target, std::move(match.params), lang});
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
