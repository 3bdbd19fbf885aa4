// The compiler of the rule language: a recursive-descent parser that type-checks each node
// as it builds it (children first), so a compiled Expr is well typed by construction. The
// grammar and the typing rules are in docs/policy-language.md.
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/limits.h"
#include "rules/expr.h"
#include "rules/lexer.h"
#include "rules/schema.h"

namespace jz {

int FeedSchema::ColumnIndex(std::string_view column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].first == column) return static_cast<int>(i);
  }
  return -1;
}

namespace {

using Index = uint32_t;

bool IsNumber(Type t) { return t.kind == ValueKind::kInt || t.kind == ValueKind::kRatio; }
bool Is(Type t, ValueKind kind) { return t.kind == kind; }

class Compiler {
 public:
  Compiler(std::string_view text, const CompileEnv& env, size_t* error_offset)
      : env_(env), error_offset_(error_offset) {
    expr_.text = std::string(text);
  }

  StatusOr<Expr> Run() {
    ASSIGN_OR_RETURN(tokens_, Lex(expr_.text, error_offset_));
    ASSIGN_OR_RETURN(Index root, ParseOr());
    if (Peek().kind != TokenKind::kEnd) return Fail(Peek().begin, "多余的内容", "unexpected token");
    RETURN_IF_ERROR(RequireResolved(root));
    if (env_.require_bool && !Is(expr_.nodes[root].type, ValueKind::kBool)) {
      return Fail(0, "规则的结果必须是 bool，实际是 " + TypeName(expr_.nodes[root].type),
                  "a rule must be a condition (bool), not " + TypeName(expr_.nodes[root].type));
    }
    expr_.root = root;
    return std::move(expr_);
  }

 private:
  // ---- errors and tokens ----
  Status Fail(size_t at, std::string_view zh, std::string_view en) {
    *error_offset_ = at;
    return InvalidArgumentError(Bilingual(zh, en));
  }
  const Token& Peek() const { return tokens_[pos_]; }
  bool IsSymbol(std::string_view s) const { return Peek().kind == TokenKind::kSymbol && Peek().text == s; }
  bool IsWord(std::string_view s) const { return Peek().kind == TokenKind::kIdent && Peek().text == s; }
  Status Expect(std::string_view symbol) {
    if (!IsSymbol(symbol)) {
      return Fail(Peek().begin, fmt::format("此处应为 “{}”", symbol), fmt::format("expected '{}'", symbol));
    }
    ++pos_;
    return OkStatus();
  }

  // ---- nodes ----
  StatusOr<Index> Add(Node node) {
    if (expr_.nodes.size() >= kMaxRuleNodes) {
      return Fail(node.begin, fmt::format("表达式超过 {} 个节点", kMaxRuleNodes),
                  fmt::format("expression has more than {} nodes", kMaxRuleNodes));
    }
    size_t depth = 1;
    for (Index kid : node.kids) depth = std::max(depth, depths_[kid] + 1);
    if (depth > kMaxRuleDepth) {
      return Fail(node.begin, fmt::format("表达式嵌套超过 {} 层", kMaxRuleDepth),
                  fmt::format("expression nests deeper than {} levels", kMaxRuleDepth));
    }
    expr_.nodes.push_back(std::move(node));
    depths_.push_back(depth);
    adaptable_.push_back(false);
    return static_cast<Index>(expr_.nodes.size() - 1);
  }
  StatusOr<Index> AddOp(Op op, Type type, std::vector<Index> kids, uint32_t begin) {
    Node node;
    node.op = op;
    node.type = type;
    node.begin = begin;
    node.end = expr_.nodes[kids.back()].end;
    node.kids = std::move(kids);
    return Add(std::move(node));
  }
  StatusOr<Index> AddLiteral(Value value, const Token& token, bool adaptable) {
    Node node;
    node.op = Op::kLiteral;
    node.type = value.type;
    node.value = value;
    node.begin = token.begin;
    node.end = token.end;
    ASSIGN_OR_RETURN(Index i, Add(std::move(node)));
    adaptable_[i] = adaptable;
    return i;
  }
  Node& At(Index i) { return expr_.nodes[i]; }
  Type TypeOf(Index i) const { return expr_.nodes[i].type; }

  // A bare number literal next to money is read as yuan (`income < 7500`).
  Status AdaptToMoney(Index i) {
    Node& node = At(i);
    std::optional<Rational> fen = Mul(node.value.number, {100, 1});
    if (!fen || fen->den != 1) {
      return Fail(node.begin, "金额最多两位小数", "money has at most two decimals");
    }
    node.value = {{ValueKind::kMoney}, *fen};
    node.type = node.value.type;
    adaptable_[i] = false;
    return OkStatus();
  }
  Status Unify(Index l, Index r) {
    if (Is(TypeOf(l), ValueKind::kMoney) && adaptable_[r]) return AdaptToMoney(r);
    if (Is(TypeOf(r), ValueKind::kMoney) && adaptable_[l]) return AdaptToMoney(l);
    return OkStatus();
  }
  // A quoted label takes the code list of what it is compared with.
  Status ResolveLabel(Index label, Type code) {
    Node& node = At(label);
    const std::string_view text =
        std::string_view(expr_.text).substr(node.begin + 1, node.end - node.begin - 2);
    StatusOr<uint8_t> parsed = CodeListOf(code.list).Parse(text);
    if (!parsed.ok()) {
      return Fail(node.begin, fmt::format("代码表 {} 中没有标签 “{}”", ListIdName(code.list), text),
                  fmt::format("no label \"{}\" in code list {}", text, ListIdName(code.list)));
    }
    node.value = Value::Code(code.list, *parsed);
    node.type = code;
    return OkStatus();
  }
  Status ResolvePair(Index l, Index r) {
    if (Is(TypeOf(l), ValueKind::kLabel) && Is(TypeOf(r), ValueKind::kCode))
      return ResolveLabel(l, TypeOf(r));
    if (Is(TypeOf(r), ValueKind::kLabel) && Is(TypeOf(l), ValueKind::kCode))
      return ResolveLabel(r, TypeOf(l));
    return Unify(l, r);
  }
  Status RequireResolved(Index i) {
    if (!Is(TypeOf(i), ValueKind::kLabel)) return OkStatus();
    return Fail(At(i).begin, "带引号的标签只能与代码字段比较",
                "a quoted label can only be compared with a code field");
  }
  Status Mismatch(uint32_t at, std::string_view op, Index l, Index r) {
    const std::string lt = TypeName(TypeOf(l));
    const std::string rt = TypeName(TypeOf(r));
    return Fail(at, fmt::format("类型不匹配：不能对 {} 和 {} 使用 {}", lt, rt, op),
                fmt::format("type mismatch: cannot apply {} to {} and {}", op, lt, rt));
  }

  // ---- grammar ----
  struct DepthGuard {
    explicit DepthGuard(size_t& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
    size_t& depth;
  };

  StatusOr<Index> ParseOr() {
    DepthGuard guard(parse_depth_);
    if (parse_depth_ > kMaxRuleDepth) {
      return Fail(Peek().begin, fmt::format("表达式嵌套超过 {} 层", kMaxRuleDepth),
                  fmt::format("expression nests deeper than {} levels", kMaxRuleDepth));
    }
    ASSIGN_OR_RETURN(Index left, ParseAnd());
    while (IsWord("or")) {
      ++pos_;
      ASSIGN_OR_RETURN(Index right, ParseAnd());
      ASSIGN_OR_RETURN(left, Logical(Op::kOr, "or", left, right));
    }
    return left;
  }
  StatusOr<Index> ParseAnd() {
    ASSIGN_OR_RETURN(Index left, ParseNot());
    while (IsWord("and")) {
      ++pos_;
      ASSIGN_OR_RETURN(Index right, ParseNot());
      ASSIGN_OR_RETURN(left, Logical(Op::kAnd, "and", left, right));
    }
    return left;
  }
  StatusOr<Index> Logical(Op op, std::string_view name, Index l, Index r) {
    if (!Is(TypeOf(l), ValueKind::kBool) || !Is(TypeOf(r), ValueKind::kBool)) {
      return Mismatch(At(l).begin, name, l, r);
    }
    return AddOp(op, TypeOf(l), {l, r}, At(l).begin);
  }
  StatusOr<Index> ParseNot() {
    if (!IsWord("not")) return ParseCompare();
    const uint32_t begin = Peek().begin;
    ++pos_;
    DepthGuard guard(parse_depth_);
    if (parse_depth_ > kMaxRuleDepth) {
      return Fail(begin, fmt::format("表达式嵌套超过 {} 层", kMaxRuleDepth),
                  fmt::format("expression nests deeper than {} levels", kMaxRuleDepth));
    }
    ASSIGN_OR_RETURN(Index operand, ParseNot());
    if (!Is(TypeOf(operand), ValueKind::kBool)) {
      return Fail(begin, "not 需要 bool，实际是 " + TypeName(TypeOf(operand)),
                  "not needs a bool, not " + TypeName(TypeOf(operand)));
    }
    return AddOp(Op::kNot, TypeOf(operand), {operand}, begin);
  }

  StatusOr<Index> ParseCompare() {
    ASSIGN_OR_RETURN(Index left, ParseAdditive());
    if (IsWord("in")) return ParseIn(left);
    static constexpr std::pair<std::string_view, Op> kOps[] = {
        {"<", Op::kLt}, {"<=", Op::kLe}, {">", Op::kGt}, {">=", Op::kGe}, {"==", Op::kEq}, {"!=", Op::kNe}};
    for (const auto& [symbol, op] : kOps) {
      if (!IsSymbol(symbol)) continue;
      const uint32_t at = Peek().begin;
      ++pos_;
      ASSIGN_OR_RETURN(Index right, ParseAdditive());
      RETURN_IF_ERROR(ResolvePair(left, right));
      RETURN_IF_ERROR(CheckComparable(op, symbol, at, left, right));
      return AddOp(op, Type{ValueKind::kBool}, {left, right}, At(left).begin);
    }
    return left;
  }
  Status CheckComparable(Op op, std::string_view symbol, uint32_t at, Index l, Index r) {
    RETURN_IF_ERROR(RequireResolved(l));
    RETURN_IF_ERROR(RequireResolved(r));
    const Type lt = TypeOf(l);
    const Type rt = TypeOf(r);
    const bool same = lt == rt || (IsNumber(lt) && IsNumber(rt));
    const bool ordered = IsNumber(lt) || Is(lt, ValueKind::kMoney) || Is(lt, ValueKind::kDate);
    const bool equality = op == Op::kEq || op == Op::kNe;
    if (!same || (!equality && !ordered)) return Mismatch(at, symbol, l, r);
    return OkStatus();
  }
  StatusOr<Index> ParseIn(Index left) {
    const uint32_t at = Peek().begin;
    ++pos_;
    RETURN_IF_ERROR(Expect("["));
    std::vector<Index> kids = {left};
    while (!IsSymbol("]")) {
      if (kids.size() > 1) RETURN_IF_ERROR(Expect(","));
      ASSIGN_OR_RETURN(Index item, ParsePrimary());
      RETURN_IF_ERROR(ResolvePair(left, item));
      RETURN_IF_ERROR(CheckComparable(Op::kEq, "in", at, left, item));
      kids.push_back(item);
    }
    if (kids.size() == 1) return Fail(Peek().begin, "in 列表不能为空", "the list after in is empty");
    const uint32_t end = Peek().end;
    ++pos_;
    ASSIGN_OR_RETURN(Index node, AddOp(Op::kIn, Type{ValueKind::kBool}, std::move(kids), At(left).begin));
    At(node).end = end;
    return node;
  }

  StatusOr<Index> ParseAdditive() {
    ASSIGN_OR_RETURN(Index left, ParseMultiplicative());
    while (IsSymbol("+") || IsSymbol("-")) {
      const Token op = Peek();
      ++pos_;
      ASSIGN_OR_RETURN(Index right, ParseMultiplicative());
      ASSIGN_OR_RETURN(left, Arithmetic(op, left, right));
    }
    return left;
  }
  StatusOr<Index> ParseMultiplicative() {
    ASSIGN_OR_RETURN(Index left, ParseUnary());
    while (IsSymbol("*") || IsSymbol("/")) {
      const Token op = Peek();
      ++pos_;
      ASSIGN_OR_RETURN(Index right, ParseUnary());
      ASSIGN_OR_RETURN(left, Arithmetic(op, left, right));
    }
    return left;
  }
  StatusOr<Index> ParseUnary() {
    if (!IsSymbol("-")) return ParsePrimary();
    const uint32_t begin = Peek().begin;
    ++pos_;
    ASSIGN_OR_RETURN(Index operand, ParsePrimary());
    const Type t = TypeOf(operand);
    if (!IsNumber(t) && !Is(t, ValueKind::kMoney)) {
      return Fail(begin, "负号需要数字或金额", "unary minus needs a number or money");
    }
    if (At(operand).op == Op::kLiteral) {  // fold, keeping the literal adaptable
      At(operand).value.number.num = -At(operand).value.number.num;
      At(operand).begin = begin;
      return operand;
    }
    return AddOp(Op::kNeg, t, {operand}, begin);
  }

  // The result type of `l op r`, or nullopt when the operation is not defined.
  static std::optional<Type> ArithmeticType(char op, Type l, Type r) {
    const Type int_t{ValueKind::kInt}, ratio{ValueKind::kRatio}, money{ValueKind::kMoney};
    const bool both_int = Is(l, ValueKind::kInt) && Is(r, ValueKind::kInt);
    if (IsNumber(l) && IsNumber(r)) return (both_int && op != '/') ? int_t : ratio;
    const bool lm = Is(l, ValueKind::kMoney), rm = Is(r, ValueKind::kMoney);
    if (op == '+' || op == '-') {
      if (lm && rm) return money;
      if (Is(l, ValueKind::kDate) && Is(r, ValueKind::kInt)) return Type{ValueKind::kDate};
      if (op == '-' && Is(l, ValueKind::kDate) && Is(r, ValueKind::kDate)) return int_t;
      return std::nullopt;
    }
    if (op == '*' && ((lm && IsNumber(r)) || (rm && IsNumber(l)))) return money;
    if (op == '/' && lm && IsNumber(r)) return money;
    if (op == '/' && lm && rm) return ratio;
    return std::nullopt;
  }
  StatusOr<Index> Arithmetic(const Token& op, Index l, Index r) {
    RETURN_IF_ERROR(RequireResolved(l));
    RETURN_IF_ERROR(RequireResolved(r));
    if (op.text == "+" || op.text == "-") RETURN_IF_ERROR(Unify(l, r));
    const std::optional<Type> type = ArithmeticType(op.text[0], TypeOf(l), TypeOf(r));
    if (!type) return Mismatch(op.begin, op.text, l, r);
    const Op code = op.text == "+"   ? Op::kAdd
                    : op.text == "-" ? Op::kSub
                    : op.text == "*" ? Op::kMul
                                     : Op::kDiv;
    ASSIGN_OR_RETURN(Index node, AddOp(code, *type, {l, r}, At(l).begin));
    adaptable_[node] = false;
    return node;
  }

  StatusOr<Index> ParsePrimary() {
    const Token token = Peek();
    switch (token.kind) {
      case TokenKind::kNumber: {
        ++pos_;
        const ValueKind kind = token.number.den == 1 ? ValueKind::kInt : ValueKind::kRatio;
        return AddLiteral({{kind}, token.number}, token, true);
      }
      case TokenKind::kMoney:
        ++pos_;
        return AddLiteral({{ValueKind::kMoney}, token.number}, token, false);
      case TokenKind::kDate:
        ++pos_;
        return AddLiteral({{ValueKind::kDate}, token.number}, token, false);
      case TokenKind::kString: {
        ++pos_;
        return AddLiteral({{ValueKind::kLabel}, {}}, token, false);
      }
      case TokenKind::kIdent:
        return ParseName();
      case TokenKind::kSymbol:
        if (token.text == "(") return ParseParenthesised();
        break;
      case TokenKind::kEnd:
        return Fail(token.begin, "表达式不完整", "expression ends too early");
    }
    return Fail(token.begin, fmt::format("此处不应出现 “{}”", token.text),
                fmt::format("unexpected '{}'", token.text));
  }
  StatusOr<Index> ParseParenthesised() {
    const uint32_t begin = Peek().begin;
    ++pos_;
    ASSIGN_OR_RETURN(Index inner, ParseOr());
    const uint32_t end = Peek().end;
    RETURN_IF_ERROR(Expect(")"));
    if (Is(TypeOf(inner), ValueKind::kLabel)) return inner;  // its span is its text
    At(inner).begin = begin;
    At(inner).end = end;
    return inner;
  }

  StatusOr<Index> ParseName() {
    const Token name = Peek();
    ++pos_;
    if (name.text == "true" || name.text == "false") {
      return AddLiteral(Value::Bool(name.text == "true"), name, false);
    }
    if (IsSymbol("(")) return ParseCall(name);
    if (IsSymbol(".")) return ParseField(name);
    auto param = env_.parameters->find(name.text);
    if (param != env_.parameters->end()) return AddLiteral(param->second, name, false);
    return Fail(name.begin, fmt::format("未知的名称 “{}”", name.text),
                fmt::format("unknown name '{}'", name.text));
  }
  StatusOr<Token> ExpectIdent() {
    if (Peek().kind != TokenKind::kIdent) return Fail(Peek().begin, "此处应为名称", "expected a name");
    return tokens_[pos_++];
  }
  StatusOr<Index> ParseField(const Token& object) {
    ++pos_;  // '.'
    ASSIGN_OR_RETURN(Token member, ExpectIdent());
    FieldScope scope = FieldScope::kPerson;
    PersonRef who = PersonRef::kNone;
    if (object.text == "household") {
      scope = FieldScope::kHousehold;
    } else if (object.text == "year") {
      scope = FieldScope::kYear;
    } else if (object.text == "person" && env_.scope == PolicyScope::kPerson) {
      who = PersonRef::kScope;
    } else if (!bound_.empty() && object.text == bound_) {
      who = PersonRef::kBound;
    } else {
      return Fail(object.begin, fmt::format("未知的对象 “{}”", object.text),
                  fmt::format("unknown object '{}' (person.* needs scope = \"person\"; members "
                              "are reached with count/sum/any/all)",
                              object.text));
    }
    const std::optional<size_t> field = FindField(scope, member.text);
    if (!field) {
      return Fail(member.begin, fmt::format("未知的字段 “{}.{}”", object.text, member.text),
                  fmt::format("unknown field '{}.{}'", object.text, member.text));
    }
    Node node;
    node.op = Op::kField;
    node.type = Fields()[*field].type;
    node.field = *field;
    node.who = who;
    node.begin = object.begin;
    node.end = member.end;
    return Add(std::move(node));
  }

  StatusOr<Index> ParseCall(const Token& name) {
    static constexpr std::pair<std::string_view, Op> kMember[] = {
        {"count", Op::kCount}, {"sum", Op::kSum}, {"any", Op::kAny}, {"all", Op::kAll}};
    static constexpr std::pair<std::string_view, Op> kFeed[] = {
        {"feed_sum", Op::kFeedSum}, {"feed_count", Op::kFeedCount}, {"feed_any", Op::kFeedAny}};
    for (const auto& [fn, op] : kMember) {
      if (name.text == fn) return ParseMemberAggregate(name, op);
    }
    for (const auto& [fn, op] : kFeed) {
      if (name.text == fn) return ParseFeedAggregate(name, op);
    }
    return Fail(name.begin, fmt::format("未知的函数 “{}”", name.text),
                fmt::format("unknown function '{}'", name.text));
  }

  StatusOr<Index> ParseMemberAggregate(const Token& name, Op op) {
    ++pos_;  // '('
    if (!bound_.empty()) {
      return Fail(name.begin, "成员聚合不能嵌套", "member aggregates cannot be nested");
    }
    ASSIGN_OR_RETURN(Token var, ExpectIdent());
    if (var.text == "person" || var.text == "household" || var.text == "year") {
      return Fail(var.begin, "变量名已被占用", "the variable name is reserved");
    }
    RETURN_IF_ERROR(Expect(","));
    bound_ = var.text;
    StatusOr<Index> body = ParseOr();
    bound_ = {};
    if (!body.ok()) return body.status();
    const uint32_t end = Peek().end;
    RETURN_IF_ERROR(Expect(")"));
    ASSIGN_OR_RETURN(Type type, MemberAggregateType(name, op, *body));
    ASSIGN_OR_RETURN(Index node, AddOp(op, type, {*body}, name.begin));
    At(node).end = end;
    return node;
  }
  StatusOr<Type> MemberAggregateType(const Token& name, Op op, Index body) {
    RETURN_IF_ERROR(RequireResolved(body));
    const Type t = TypeOf(body);
    if (op == Op::kSum) {
      if (Is(t, ValueKind::kMoney) || Is(t, ValueKind::kInt)) return t;
      return Fail(name.begin, "sum 需要金额或整数", "sum needs money or int, not " + TypeName(t));
    }
    if (!Is(t, ValueKind::kBool)) {
      return Fail(name.begin, fmt::format("{} 需要条件 (bool)", name.text),
                  fmt::format("{} needs a condition (bool), not {}", name.text, TypeName(t)));
    }
    return op == Op::kCount ? Type{ValueKind::kInt} : Type{ValueKind::kBool};
  }

  StatusOr<Index> ParseFeedAggregate(const Token& name, Op op) {
    ++pos_;  // '('
    Node node;
    node.op = op;
    node.begin = name.begin;
    node.who = !bound_.empty()                      ? PersonRef::kBound
               : env_.scope == PolicyScope::kPerson ? PersonRef::kScope
                                                    : PersonRef::kNone;
    RETURN_IF_ERROR(ParseFeedColumn(node));
    if (IsSymbol(",")) RETURN_IF_ERROR(ParseWindow(node));
    node.end = Peek().end;
    RETURN_IF_ERROR(Expect(")"));
    RETURN_IF_ERROR(TypeFeedAggregate(name, node));
    return Add(std::move(node));
  }
  Status ParseFeedColumn(Node& node) {
    ASSIGN_OR_RETURN(Token feed, ExpectIdent());
    const std::vector<FeedSchema>& feeds = *env_.feeds;
    auto it =
        std::find_if(feeds.begin(), feeds.end(), [&](const FeedSchema& f) { return f.name == feed.text; });
    if (it == feeds.end()) {
      return Fail(feed.begin, fmt::format("策略文件未声明数据源 “{}”", feed.text),
                  fmt::format("feed '{}' is not declared in the policy file", feed.text));
    }
    node.feed = static_cast<size_t>(it - feeds.begin());
    if (!IsSymbol(".")) return OkStatus();
    ++pos_;
    ASSIGN_OR_RETURN(Token column, ExpectIdent());
    node.column = it->ColumnIndex(column.text);
    if (node.column < 0) {
      return Fail(column.begin, fmt::format("数据源 {} 没有字段 “{}”", feed.text, column.text),
                  fmt::format("feed {} has no column '{}'", feed.text, column.text));
    }
    node.type = it->columns[static_cast<size_t>(node.column)].second;
    return OkStatus();
  }
  Status ParseWindow(Node& node) {
    ++pos_;  // ','
    ASSIGN_OR_RETURN(Token key, ExpectIdent());
    if (key.text != "days") return Fail(key.begin, "此处应为 days=", "expected days=");
    RETURN_IF_ERROR(Expect("="));
    const Token days = Peek();
    if (days.kind != TokenKind::kNumber || days.number.den != 1 || days.number.num < 1 ||
        days.number.num > kMaxFeedWindowDays) {
      return Fail(days.begin, fmt::format("days 必须是 1 到 {} 的整数", kMaxFeedWindowDays),
                  fmt::format("days must be a whole number from 1 to {}", kMaxFeedWindowDays));
    }
    ++pos_;
    node.days = static_cast<int>(days.number.num);
    return OkStatus();
  }
  Status TypeFeedAggregate(const Token& name, Node& node) {
    const Type column = node.type;
    const bool has_column = node.column >= 0;
    if (node.op == Op::kFeedSum) {
      if (has_column && (Is(column, ValueKind::kMoney) || Is(column, ValueKind::kInt))) return OkStatus();
      return Fail(name.begin, "feed_sum 需要金额或整数字段", "feed_sum needs a money or int column");
    }
    if (has_column && !Is(column, ValueKind::kBool)) {
      return Fail(name.begin, fmt::format("{} 只能按 bool 字段筛选", name.text),
                  fmt::format("{} can only filter by a bool column", name.text));
    }
    node.type = node.op == Op::kFeedCount ? Type{ValueKind::kInt} : Type{ValueKind::kBool};
    return OkStatus();
  }

  const CompileEnv& env_;
  size_t* error_offset_;
  Expr expr_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t parse_depth_ = 0;
  std::vector<size_t> depths_;   // tree depth of each node
  std::vector<bool> adaptable_;  // bare number literals that may become money
  std::string_view bound_;       // the member variable inside count/sum/any/all
};

}  // namespace

StatusOr<Expr> CompileExpr(std::string_view text, const CompileEnv& env, size_t* error_offset) {
  *error_offset = 0;
  return Compiler(text, env, error_offset).Run();
}

}  // namespace jz
