// The lexer of the rule language: a single forward scan, no allocation per token beyond
// the token vector.
#include "rules/lexer.h"

#include <cctype>
#include <string>

namespace jz {
namespace {

constexpr std::string_view kYuan = "元";
constexpr std::string_view kIdeographicSpace = "\u3000";
constexpr size_t kMaxDigits = 18;  // fits int64 with room for the ×100 of yuan → fen

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c); }

class Lexer {
 public:
  Lexer(std::string_view source, size_t* error_offset) : src_(source), error_offset_(error_offset) {}

  StatusOr<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpace();
      if (pos_ >= src_.size()) break;
      ASSIGN_OR_RETURN(Token token, Next());
      tokens.push_back(token);
    }
    Token end;
    end.begin = end.end = static_cast<uint32_t>(src_.size());
    tokens.push_back(end);
    return tokens;
  }

 private:
  Status Fail(size_t at, std::string_view zh, std::string_view en) {
    *error_offset_ = at;
    return InvalidArgumentError(Bilingual(zh, en));
  }

  void SkipSpace() {
    while (pos_ < src_.size()) {
      if (std::isspace(static_cast<unsigned char>(src_[pos_]))) {
        ++pos_;
      } else if (src_.substr(pos_).starts_with(kIdeographicSpace)) {
        pos_ += kIdeographicSpace.size();
      } else {
        break;
      }
    }
  }

  Token Make(TokenKind kind, size_t begin) const {
    Token t;
    t.kind = kind;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(pos_);
    t.text = src_.substr(begin, pos_ - begin);
    return t;
  }

  StatusOr<Token> Next() {
    const size_t begin = pos_;
    const char c = src_[pos_];
    if (IsDigit(c)) return DateOrNumber();
    if (IsIdentStart(c)) {
      while (pos_ < src_.size() && IsIdentChar(src_[pos_])) ++pos_;
      return Make(TokenKind::kIdent, begin);
    }
    if (c == '"') return String();
    for (std::string_view two : {"<=", ">=", "==", "!="}) {
      if (src_.substr(pos_).starts_with(two)) {
        pos_ += 2;
        return Make(TokenKind::kSymbol, begin);
      }
    }
    if (std::string_view("<>+-*/()[],.=").find(c) != std::string_view::npos) {
      ++pos_;
      return Make(TokenKind::kSymbol, begin);
    }
    return Fail(begin, "无法识别的字符", "unexpected character");
  }

  StatusOr<Token> String() {
    const size_t begin = pos_;
    const size_t close = src_.find('"', pos_ + 1);
    if (close == std::string_view::npos) return Fail(begin, "字符串缺少右引号", "unclosed string");
    pos_ = close + 1;
    Token t = Make(TokenKind::kString, begin);
    t.text = src_.substr(begin + 1, close - begin - 1);
    return t;
  }

  // YYYY-MM-DD exactly, else a number.
  StatusOr<Token> DateOrNumber() {
    const size_t begin = pos_;
    const std::string_view rest = src_.substr(pos_);
    const bool shaped =
        rest.size() >= 10 && rest[4] == '-' && rest[7] == '-' && (rest.size() == 10 || !IsDigit(rest[10]));
    if (shaped) {
      const std::string_view digits[] = {rest.substr(0, 4), rest.substr(5, 2), rest.substr(8, 2)};
      bool all_digits = true;
      for (std::string_view d : digits) {
        for (char ch : d) all_digits = all_digits && IsDigit(ch);
      }
      if (all_digits) return DateToken(begin, rest.substr(0, 10));
    }
    return Number();
  }

  StatusOr<Token> DateToken(size_t begin, std::string_view text) {
    pos_ += text.size();
    const std::optional<Date> date =
        Date::FromYmd(std::stoi(std::string(text.substr(0, 4))), std::stoi(std::string(text.substr(5, 2))),
                      std::stoi(std::string(text.substr(8, 2))));
    if (!date) return Fail(begin, "日期不存在", "not a calendar date");
    Token t = Make(TokenKind::kDate, begin);
    t.number = {date->days(), 1};
    return t;
  }

  StatusOr<Token> Number() {
    const size_t begin = pos_;
    int64_t num = 0;
    int64_t den = 1;
    size_t digits = 0;
    bool point = false;
    for (; pos_ < src_.size(); ++pos_) {
      const char ch = src_[pos_];
      if (ch == '.' && !point && pos_ + 1 < src_.size() && IsDigit(src_[pos_ + 1])) {
        point = true;
        continue;
      }
      if (!IsDigit(ch)) break;
      if (++digits > kMaxDigits) return Fail(begin, "数字位数过多", "number has too many digits");
      num = num * 10 + (ch - '0');
      if (point) den *= 10;
    }
    Token t = Make(TokenKind::kNumber, begin);
    t.number = *Div({num, 1}, {den, 1});
    if (src_.substr(pos_).starts_with(kYuan)) return Yuan(t);
    return t;
  }

  StatusOr<Token> Yuan(Token t) {
    pos_ += kYuan.size();
    const std::optional<Rational> fen = Mul(t.number, {100, 1});
    if (!fen || fen->den != 1) {
      return Fail(t.begin, "金额最多两位小数", "money has at most two decimals");
    }
    Token money = Make(TokenKind::kMoney, t.begin);
    money.number = *fen;
    return money;
  }

  std::string_view src_;
  size_t* error_offset_;
  size_t pos_ = 0;
};

}  // namespace

StatusOr<std::vector<Token>> Lex(std::string_view source, size_t* error_offset) {
  return Lexer(source, error_offset).Run();
}

}  // namespace jz
