// The committed OpenAPI 3.1 document of the API (docs/api/openapi.json), compiled into the
// binary so that GET /api/v1/openapi.json serves exactly the file the tests check responses
// against (scripts/check-openapi).
#ifndef JZ_SERVER_OPENAPI_DOCUMENT_H_
#define JZ_SERVER_OPENAPI_DOCUMENT_H_

#include <string_view>

namespace jz::server {

// The document's bytes (UTF-8 JSON).
std::string_view OpenApiDocument();

}  // namespace jz::server

#endif  // JZ_SERVER_OPENAPI_DOCUMENT_H_
