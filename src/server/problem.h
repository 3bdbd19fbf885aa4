// Error responses as RFC 9457 problem details (application/problem+json), the language of a
// request (Accept-Language), and the headers every response carries.
//
//   {"type": "about:blank", "title": "Not Found", "status": 404, "code": "NOT_FOUND",
//    "detail": "没有这个资源：/api/v1/nothing"}
//
// `code` is a StatusCodeName() of core/status.h, the same names the CLI's exit codes stand
// for; `title` is the HTTP reason phrase (as RFC 9457 asks for the type about:blank);
// `detail` is the half of a Bilingual() message in the request's language (zh-Hant derived
// from zh-Hans with OpenCC). A problem never carries an exception's or a database's text.
#ifndef JZ_SERVER_PROBLEM_H_
#define JZ_SERVER_PROBLEM_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/i18n.h"
#include "core/status.h"
#include "server/http_types.h"

namespace jz::server {

// The language of an Accept-Language header: the supported tag (zh-Hans, zh-Hant, en and
// their variants, see ParseLang) with the highest q-value, the first of equals; zh-Hans when
// the header is missing or names nothing supported. Never fails: a malformed header is
// ignored item by item.
Lang NegotiateLang(std::string_view accept_language);

// The half of a Bilingual() message in `lang` (zh-Hant converted from the zh-Hans half).
std::string MessageIn(std::string_view bilingual, Lang lang);

struct Problem {
  http::status status = http::status::internal_server_error;
  StatusCode code = StatusCode::kInternal;
  std::string detail = {};  // a Bilingual() message
  // A finer, stable reason where one status and code cover several cases a client must tell
  // apart (e.g. "CSRF_TOKEN_INVALID" and "PASSWORD_CHANGE_REQUIRED", both 403): written as
  // the extension member "reason" (RFC 9457 §3.2) when not empty.
  std::string reason = {};
};

// The problem+json response for `problem` in `lang`, with the API's headers (SetApiHeaders).
Response ProblemResponse(const Problem& problem, Lang lang, unsigned http_version);

// A 200 (or `status`) application/json response with the API's headers.
Response JsonResponse(const nlohmann::json& body, unsigned http_version,
                      http::status status = http::status::ok);

// Headers of every API response: nosniff, no referrer, no framing, a CSP that allows
// nothing (JSON is never a document), and Cache-Control: no-store (answers are personal).
void SetApiHeaders(Response& response);

// Headers of every web UI response: nosniff, no referrer, no framing, and the UI's CSP:
// scripts, styles, fonts and connections from this origin only (Element Plus sets inline
// styles, hence 'unsafe-inline' for styles, never for scripts).
void SetUiHeaders(Response& response);

}  // namespace jz::server

#endif  // JZ_SERVER_PROBLEM_H_
