// Internal to app/accounts: the helpers the administration, roster and sign-in files share.
#ifndef JZ_APP_ACCOUNTS_INTERNAL_ACCOUNT_SUPPORT_H_
#define JZ_APP_ACCOUNTS_INTERNAL_ACCOUNT_SUPPORT_H_

#include <string>
#include <string_view>

#include "app/accounts/account_requests.h"
#include "store/store.h"

namespace jz::internal {

// ASCII upper case folded to lower: usernames are compared case-insensitively.
std::string NormalizeUsername(std::string_view text);
// The account `r` describes (not stored, no password), checked as AddUser documents.
StatusOr<Account> BuildAccount(const AddUserRequest& r, Date today);
// The account named `username`; NotFound naming it.
StatusOr<Account> RequireAccount(Store& store, std::string_view username);

}  // namespace jz::internal

#endif  // JZ_APP_ACCOUNTS_INTERNAL_ACCOUNT_SUPPORT_H_
