// The routes of the JSON API under /api/v1. Each handler parses, calls one function of
// src/app and serialises its result: no decision is made here.
#ifndef JZ_SERVER_API_H_
#define JZ_SERVER_API_H_

#include <string>

#include "server/router.h"

namespace jz::server {

struct ApiOptions {
  std::string db_path = {};
};

// Adds every route of the API to `router`:
//   GET /api/v1/health → 200 {"status": "ok", "version", "database": "ok", "schema_version"},
//                        or a 503 problem when the database cannot be opened.
void AddApiRoutes(const ApiOptions& options, Router& router);

}  // namespace jz::server

#endif  // JZ_SERVER_API_H_
