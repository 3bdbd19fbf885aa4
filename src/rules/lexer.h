// The tokens of the rule language and the lexer that produces them. Used by the compiler
// (rules/expr.h) only. Tokens keep byte offsets into the source so that errors can point at
// a line and column of the policy file.
#ifndef JZ_RULES_LEXER_H_
#define JZ_RULES_LEXER_H_

#include <string_view>
#include <vector>

#include "core/status.h"
#include "rules/value.h"

namespace jz {

enum class TokenKind : uint8_t {
  kEnd,     // after the last token
  kNumber,  // 12, 0.5 (an int or a ratio until context makes it money)
  kMoney,   // 7500元, 7500.00元 (number is in fen)
  kDate,    // 2024-01-01 (number is days since 1970-01-01)
  kString,  // "因病" (text is the label without quotes)
  kIdent,   // person, age, and, count ...
  kSymbol,  // < <= > >= == != + - * / ( ) [ ] , . =
};

// Invariant: source.substr(begin, end - begin) is the token's full spelling.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;
  Rational number;
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Splits `source` into tokens ending with kEnd. Whitespace (ASCII and U+3000) separates
// tokens. Returns InvalidArgumentError (bilingual) and sets *error_offset for a character
// that starts no token, an unclosed string, a number beyond 18 digits, more than two
// decimals on money, or an impossible date. REQUIRES: source.size() < 2^32.
[[nodiscard]] StatusOr<std::vector<Token>> Lex(std::string_view source, size_t* error_offset);

}  // namespace jz

#endif  // JZ_RULES_LEXER_H_
