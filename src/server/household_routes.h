// The household routes: search and the 一户一档 household file, each for the signed-in
// caller (session_auth.h) inside its scopes, masked and audited by app
// (app/registry/household_files.h). Codes are {"code", "label"}; money integer fen.
//
//   GET  /api/v1/households?q=TEXT[&after=CURSOR][&limit=N]
//        → 200 {"matched_by": "household_no"|"id_number"|"name", "items": [{"household_no",
//          "village", "viewable", "name" (null when not viewable), "id_number" (masked),
//          "relationship"}], "next": cursor or null}; 400 for an empty, over-long or bad query.
//   GET  /api/v1/households/{household_no} → 200 the file, personal fields masked; 404 for a
//        household missing or outside the view scope (one body).
//   POST /api/v1/households/{household_no}/reveal {"reason": TEXT} → 200 the file in clear,
//        for roles that may (403 otherwise), audited with the reason.
#ifndef JZ_SERVER_HOUSEHOLD_ROUTES_H_
#define JZ_SERVER_HOUSEHOLD_ROUTES_H_

#include "server/api.h"
#include "server/router.h"

namespace jz::server {

// REQUIRES: options.pool set.
void AddHouseholdRoutes(const ApiOptions& options, Router& router);

}  // namespace jz::server

#endif  // JZ_SERVER_HOUSEHOLD_ROUTES_H_
