// Who is asking, and what that allows (SERVER.md "Who sees what"): the doors describe a
// signed-in caller as an Actor (the server from its session), and every use case that reads
// registry data for a caller takes its scopes from here, never from the request.
//
//   Actor actor{.username = "cun01", .client = "127.0.0.1", .roles = {Role::kEntry},
//               .scopes = account.scopes};
//   ReadScope view = ViewScopeOf(actor);  // Nothing() for an auditor or department account
//
// Which roles read household files (ViewScopeOf, SearchScopeOf): admin, approver, entry and
// viewer, each inside its own scopes. The department role sees only its uploads, the auditor
// only the audit log, and the inspector only its campaign's sample (not yet offered): their
// registry scopes are empty, so every household reads to them as missing.
// Which roles may reveal personal data in clear, with a reason (MayRevealPersonalData):
// approver and entry, who work with the households themselves.
#ifndef JZ_APP_ACCOUNTS_ACCESS_H_
#define JZ_APP_ACCOUNTS_ACCESS_H_

#include <string>
#include <vector>

#include "core/account_records.h"
#include "core/read_scope.h"

namespace jz {

struct Actor {
  std::string username;     // recorded in the audit log
  std::string client;       // the client's address, recorded in the audit log
  std::vector<Role> roles;  // at least one
  AccountScopes scopes;
};

// The registry the actor may open (household files): its view scope, or Nothing().
ReadScope ViewScopeOf(const Actor& actor);
// The registry the actor may search (a wider scope, so that a county can find an ID number's
// duplicate elsewhere without opening that record): its search scope, or Nothing().
ReadScope SearchScopeOf(const Actor& actor);
// Whether the actor may see ID numbers, phones and health in clear after stating a reason.
bool MayRevealPersonalData(const Actor& actor);

}  // namespace jz

#endif  // JZ_APP_ACCOUNTS_ACCESS_H_
