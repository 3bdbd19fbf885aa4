// Problem details, language negotiation and security headers (problem.h).
#include "server/problem.h"

#include <charconv>
#include <vector>

namespace jz::server {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The q-value of one Accept-Language item's parameters ("q=0.8"); 1 when absent, -1 when
// malformed (the item is then ignored).
double QValue(std::string_view params) {
  params = Trim(params);
  if (params.empty()) return 1.0;
  if (params.size() < 2 || (params[0] != 'q' && params[0] != 'Q') || params[1] != '=') return -1.0;
  params.remove_prefix(2);
  double q = -1.0;
  const auto [end, ec] = std::from_chars(params.data(), params.data() + params.size(), q);
  if (ec != std::errc() || end != params.data() + params.size() || q < 0.0 || q > 1.0) return -1.0;
  return q;
}

void SetCommonHeaders(Response& response) {
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
}

}  // namespace

Lang NegotiateLang(std::string_view accept_language) {
  Lang best = Lang::kZhHans;
  double best_q = 0.0;
  while (!accept_language.empty()) {
    const size_t comma = accept_language.find(',');
    std::string_view item = accept_language.substr(0, comma);
    accept_language =
        comma == std::string_view::npos ? std::string_view() : accept_language.substr(comma + 1);
    const size_t semicolon = item.find(';');
    const double q = semicolon == std::string_view::npos ? 1.0 : QValue(item.substr(semicolon + 1));
    StatusOr<Lang> lang = ParseLang(Trim(item.substr(0, semicolon)));
    if (lang.ok() && q > best_q) {
      best = *lang;
      best_q = q;
    }
  }
  return best;
}

std::string MessageIn(std::string_view bilingual, Lang lang) {
  if (lang == Lang::kEn) return MessageHalf(bilingual, true);
  std::string zh = MessageHalf(bilingual, false);
  return lang == Lang::kZhHant ? ToTraditional(zh) : zh;
}

Response ProblemResponse(const Problem& problem, Lang lang, unsigned http_version) {
  nlohmann::json body = {
      {"type", "about:blank"},
      {"title", std::string(http::obsolete_reason(problem.status))},
      {"status", static_cast<unsigned>(problem.status)},
      {"code", std::string(StatusCodeName(problem.code))},
      {"detail", MessageIn(problem.detail, lang)},
  };
  if (!problem.reason.empty()) body["reason"] = problem.reason;
  Response response = JsonResponse(body, http_version, problem.status);
  response.set(http::field::content_type, "application/problem+json");
  response.set(http::field::content_language, std::string(LangTag(lang)));
  return response;
}

Response JsonResponse(const nlohmann::json& body, unsigned http_version, http::status status) {
  Response response{status, http_version};
  response.set(http::field::content_type, "application/json");
  // Invalid UTF-8 from a request (a path segment echoed in a detail) is replaced, not thrown.
  response.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  SetApiHeaders(response);
  return response;
}

void SetApiHeaders(Response& response) {
  SetCommonHeaders(response);
  response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  response.set(http::field::cache_control, "no-store");
}

void SetUiHeaders(Response& response) {
  SetCommonHeaders(response);
  response.set("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
               "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
}

}  // namespace jz::server
