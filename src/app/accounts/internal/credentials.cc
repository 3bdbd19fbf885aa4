// Passwords and tokens over libsodium: argon2id (crypto_pwhash_str_alg), randombytes_buf
// and crypto_hash_sha256.
#include "app/accounts/internal/credentials.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "core/date.h"
#include "core/limits.h"

namespace jz::internal {
namespace {

// Passwords of 12 characters or more that lists of leaked passwords put near the top, in
// Chinese and international use (NIST 800-63B asks to refuse "commonly used" ones).
constexpr std::string_view kCommonPasswords[] = {
    "123456789012", "1234567890123",  "12345678901234",   "123456789000",  "098765432109",  "987654321098",
    "password1234", "password123456", "passwordpassword", "qwertyuiop12",  "qwertyuiop123", "qwerty123456",
    "1qaz2wsx3edc", "1q2w3e4r5t6y",   "abcdefghijkl",     "abc123456789",  "abcd12345678",  "iloveyou1234",
    "admin1234567", "admin123456789", "administrator",    "woaini1314520", "woaini123456",  "5201314520131",
    "jingzhun1234", "jingzhun123456", "zhongguo1234",     "a12345678901",  "aa1234567890",  "qq1234567890",
};

void EnsureSodium() {
  static const bool kReady = sodium_init() >= 0;
  if (!kReady) std::abort();  // no safe random source: nothing here may go on
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2, '\0');
  sodium_bin2hex(out.data(), out.size() + 1, bytes, n);
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

Status CheckPassword(std::string_view password, std::string_view username) {
  if (CodePoints(password) < kMinPasswordChars) {
    return InvalidArgumentError(Bilingual("密码至少 {} 个字符（不要求特殊符号，长句子更好记也更安全）",
                                          "the password needs at least {} characters (no symbols required; "
                                          "a long phrase is easier to remember and safer)",
                                          kMinPasswordChars));
  }
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgumentError(
        Bilingual("密码最长 {} 字节", "the password may have at most {} bytes", kMaxPasswordBytes));
  }
  const std::string lower = Lower(password);
  if (lower == Lower(username)) {
    return InvalidArgumentError(Bilingual("密码不能与用户名相同", "the password must not be the username"));
  }
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
    return InvalidArgumentError(
        Bilingual("密码不能是同一个字符的重复", "the password must not repeat one character"));
  }
  if (std::find(std::begin(kCommonPasswords), std::end(kCommonPasswords), lower) !=
      std::end(kCommonPasswords)) {
    return InvalidArgumentError(Bilingual("这是常见密码，容易被猜中，请换一个",
                                          "this is a common password, easily guessed; choose another"));
  }
  return OkStatus();
}

StatusOr<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kPasswordHashOpsLimit,
                            kPasswordHashMemLimitBytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return InternalError(
        Bilingual("密码哈希失败（内存不足）", "hashing the password failed (out of memory)"));
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummy(std::string_view password) {
  static const std::string kDummy = [] {
    StatusOr<std::string> hash = HashPassword(RandomHexToken());
    return hash.ok() ? *hash : std::string();
  }();
  (void)VerifyPassword(password, kDummy);
}

std::string RandomHexToken() {
  EnsureSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return Hex(bytes.data(), bytes.size());
}

std::string Sha256Hex(std::string_view text) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return Hex(digest.data(), digest.size());
}

std::string RandomPassword(size_t chars) {
  EnsureSodium();
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (size_t i = 0; i < chars; ++i) {
    out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return out;
}

int32_t CstDays(int64_t unix_s) {
  constexpr int64_t kCstOffsetSeconds = 8 * 3600;
  const int64_t shifted = unix_s + kCstOffsetSeconds;
  return static_cast<int32_t>(shifted >= 0 ? shifted / 86400 : (shifted - 86399) / 86400);
}

std::string CstMinuteText(int64_t unix_s) {
  const int32_t days = CstDays(unix_s);
  const int64_t second_of_day = unix_s + 8 * 3600 - int64_t{days} * 86400;
  return fmt::format("{} {:02}:{:02}", Date::FromDays(days).ToString(), second_of_day / 3600,
                     (second_of_day / 60) % 60);
}

}  // namespace jz::internal
