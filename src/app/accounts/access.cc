// Roles to registry scopes (access.h).
#include "app/accounts/access.h"

#include <algorithm>

namespace jz {
namespace {

bool HasAny(const Actor& actor, std::initializer_list<Role> roles) {
  return std::any_of(actor.roles.begin(), actor.roles.end(),
                     [&](Role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); });
}

bool ReadsRegistry(const Actor& actor) {
  return HasAny(actor, {Role::kAdmin, Role::kApprover, Role::kEntry, Role::kViewer});
}

}  // namespace

ReadScope ViewScopeOf(const Actor& actor) {
  return ReadsRegistry(actor) ? ReadScope::WithinOrNothing(actor.scopes.view) : ReadScope::Nothing();
}

ReadScope SearchScopeOf(const Actor& actor) {
  return ReadsRegistry(actor) ? ReadScope::WithinOrNothing(actor.scopes.search) : ReadScope::Nothing();
}

bool MayRevealPersonalData(const Actor& actor) { return HasAny(actor, {Role::kApprover, Role::kEntry}); }

}  // namespace jz
