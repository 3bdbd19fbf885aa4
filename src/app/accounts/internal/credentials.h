// Internal to app/accounts: the password rules, argon2id hashing and random tokens, over
// libsodium. Nothing outside app/accounts includes this.
#ifndef JZ_APP_ACCOUNTS_INTERNAL_CREDENTIALS_H_
#define JZ_APP_ACCOUNTS_INTERNAL_CREDENTIALS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jz::internal {

// The NIST 800-63B rules of account_requests.h. InvalidArgument saying which rule (never
// echoing the password).
[[nodiscard]] Status CheckPassword(std::string_view password, std::string_view username);

// An argon2id hash string of `password`. Internal when libsodium fails (out of memory).
[[nodiscard]] StatusOr<std::string> HashPassword(std::string_view password);

// Whether `password` matches `hash` (false for a malformed hash).
bool VerifyPassword(std::string_view password, const std::string& hash);

// Runs one verification against a fixed hash, so an unknown username costs as much time as
// a known one.
void VerifyAgainstDummy(std::string_view password);

// 32 random bytes as 64 lower-case hex digits.
std::string RandomHexToken();
// The SHA-256 of `text` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view text);
// A random password of `chars` characters from an alphabet without look-alikes (no 0/O, 1/l/I).
std::string RandomPassword(size_t chars);

// The calendar date of `unix_s` in China Standard Time (UTC+8), and "YYYY-MM-DD HH:MM" of it.
int32_t CstDays(int64_t unix_s);
std::string CstMinuteText(int64_t unix_s);

}  // namespace jz::internal

#endif  // JZ_APP_ACCOUNTS_INTERNAL_CREDENTIALS_H_
