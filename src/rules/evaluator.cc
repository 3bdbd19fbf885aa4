// The reference tree-walking evaluator of rules/evaluator.h.
#include "rules/evaluator.h"

#include <fmt/format.h>

#include "rules/schema.h"

namespace jz {
namespace {

using Index = uint32_t;

// The English half of the unknown-value message, by which IsUnknownValue recognises it.
constexpr std::string_view kUnknownMarker = "the registry does not know this value";

class Evaluator {
 public:
  Evaluator(const Expr& expr, const Household& household, const FeedView& feeds, Date as_of,
            std::optional<size_t> person, std::vector<Evidence>* evidence)
      : expr_(expr),
        household_(household),
        feeds_(feeds),
        as_of_(as_of),
        scope_(person),
        year_(CurrentYear(household, as_of)),
        evidence_(evidence) {}

  StatusOr<Value> Eval(Index i) {
    const Node& node = expr_.nodes[i];
    switch (node.op) {
      case Op::kLiteral:
        return node.value;
      case Op::kField:
        return Leaf(node, Field(node));
      case Op::kNeg: {
        ASSIGN_OR_RETURN(Value v, Eval(node.kids[0]));
        if (v.number.num == INT64_MIN) return ClauseError(node, "算术溢出", "arithmetic overflow");
        v.number.num = -v.number.num;
        return v;
      }
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv:
        return Arithmetic(node);
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe:
      case Op::kEq:
      case Op::kNe:
        return Comparison(node);
      case Op::kIn:
        return In(node);
      case Op::kAnd:
      case Op::kOr:
        return Logical(node);
      case Op::kNot: {
        negated_ = !negated_;
        StatusOr<Value> v = Eval(node.kids[0]);
        negated_ = !negated_;
        if (!v.ok()) return v.status();
        return Value::Bool(!v->AsBool());
      }
      case Op::kCount:
      case Op::kSum:
      case Op::kAny:
      case Op::kAll:
        return MemberAggregate(node);
      case Op::kFeedSum:
      case Op::kFeedCount:
        return FeedAggregate(node);
      case Op::kFeedAny:
        return Leaf(node, FeedAggregate(node));
    }
    return InternalError("unknown node");
  }

 private:
  Status ClauseError(const Node& node, std::string_view zh, std::string_view en) const {
    const std::string_view clause = expr_.SourceOf(node);
    return InvalidArgumentError(
        Bilingual(fmt::format("{}：{}", clause, zh), fmt::format("{}: {}", clause, en)));
  }

  std::optional<size_t> PersonOf(PersonRef who) const {
    if (who == PersonRef::kScope) return scope_;
    if (who == PersonRef::kBound) return bound_;
    return std::nullopt;
  }

  StatusOr<Value> Field(const Node& node) {
    const FieldDef& def = Fields()[node.field];
    if (def.needs_year && year_ == nullptr) {
      return FailedPreconditionError(Bilingual("户 {} 在 {} 年及以前没有年度数据",
                                               "household {} has no data year up to {}",
                                               household_.household_no, as_of_.year()));
    }
    FieldInput input{household_, nullptr, year_, as_of_};
    if (const std::optional<size_t> p = PersonOf(node.who)) input.person = &household_.members[*p];
    if (def.known != nullptr && !def.known(input)) {
      return FailedPreconditionError(
          Bilingual("{}：登记数据中没有这个值（来源未填）", "{}: {}", expr_.SourceOf(node), kUnknownMarker));
    }
    return def.read(input);
  }

  // A bool leaf (a field such as year.food_secure, or feed_any) is evidence when its value
  // pushes towards firing: true, or false under an odd number of `not`s.
  StatusOr<Value> Leaf(const Node& node, StatusOr<Value> value) {
    if (value.ok() && node.type.kind == ValueKind::kBool && value->AsBool() != negated_) {
      Record(node, fmt::format("{} = {}", expr_.SourceOf(node), value->ToString()));
    }
    return value;
  }

  StatusOr<Value> Arithmetic(const Node& node) {
    ASSIGN_OR_RETURN(Value l, Eval(node.kids[0]));
    ASSIGN_OR_RETURN(Value r, Eval(node.kids[1]));
    std::optional<Rational> result;
    switch (node.op) {
      case Op::kAdd:
        result = Add(l.number, r.number);
        break;
      case Op::kSub:
        result = Sub(l.number, r.number);
        break;
      case Op::kMul:
        result = Mul(l.number, r.number);
        break;
      default:
        if (r.number.num == 0) return ClauseError(node, "除数为零", "division by zero");
        result = Div(l.number, r.number);
    }
    if (!result) return ClauseError(node, "算术溢出", "arithmetic overflow");
    return Value{node.type, *result};
  }

  StatusOr<Value> Comparison(const Node& node) {
    ASSIGN_OR_RETURN(Value l, Eval(node.kids[0]));
    ASSIGN_OR_RETURN(Value r, Eval(node.kids[1]));
    const bool holds = ComparisonHolds(node.op, Compare(l.number, r.number));
    if (holds) Record(node, fmt::format("{} {} {}", l.ToString(), OpSymbol(node.op), r.ToString()));
    return Value::Bool(holds);
  }
  void Record(const Node& node, std::string values) {
    if (evidence_ == nullptr || bound_) return;
    evidence_->push_back({std::string(expr_.SourceOf(node)), std::move(values)});
  }

  StatusOr<Value> In(const Node& node) {
    ASSIGN_OR_RETURN(Value l, Eval(node.kids[0]));
    for (size_t k = 1; k < node.kids.size(); ++k) {
      ASSIGN_OR_RETURN(Value item, Eval(node.kids[k]));
      if (Compare(l.number, item.number) == 0) {
        Record(node, fmt::format("{} = {}", l.ToString(), item.ToString()));
        return Value::Bool(true);
      }
    }
    return Value::Bool(false);
  }

  // Kleene's and/or over an unknown left side: the right side decides when it can.
  StatusOr<Value> Logical(const Node& node) {
    StatusOr<Value> l = Eval(node.kids[0]);
    const bool is_and = node.op == Op::kAnd;
    if (l.ok()) {
      if (l->AsBool() != is_and) return Value::Bool(!is_and);  // short circuit
      return Eval(node.kids[1]);
    }
    if (!IsUnknownValue(l.status())) return l.status();
    StatusOr<Value> r = Eval(node.kids[1]);
    if (r.ok() && r->AsBool() != is_and) return Value::Bool(!is_and);
    if (!r.ok() && !IsUnknownValue(r.status())) return r.status();
    return l.status();
  }

  StatusOr<Value> MemberAggregate(const Node& node) {
    Rational total;
    bool any = false;
    bool all = true;
    for (size_t m = 0; m < household_.members.size(); ++m) {
      bound_ = m;
      StatusOr<Value> v = Eval(node.kids[0]);
      bound_.reset();
      if (!v.ok()) return v.status();
      const bool yes = v->AsBool();
      any = any || yes;
      all = all && yes;
      const Rational step = node.op == Op::kSum ? v->number : Rational{yes ? 1 : 0, 1};
      const std::optional<Rational> sum = jz::Add(total, step);
      if (!sum) return ClauseError(node, "算术溢出", "arithmetic overflow");
      total = *sum;
    }
    Value result{node.type, total};
    if (node.op == Op::kAny) result = Value::Bool(any);
    if (node.op == Op::kAll) result = Value::Bool(all);
    return result;
  }

  static Value Empty(const Node& node) {
    return node.op == Op::kFeedAny ? Value::Bool(false) : Value{node.type, Rational{}};
  }

  // A row is in the window when as_of - days <= date <= as_of (days = 0: no lower bound).
  bool InWindow(const Node& node, const FeedRow& row) const {
    if (row.date > as_of_) return false;
    return node.days == 0 || row.date >= as_of_.AddDays(-node.days);
  }

  StatusOr<Value> FeedAggregate(const Node& node) {
    Rational total;
    auto it = feeds_.rows.find(node.feed);
    const std::optional<size_t> person = PersonOf(node.who);
    const size_t column = static_cast<size_t>(node.column);
    if (it == feeds_.rows.end()) return Empty(node);
    for (const FeedRow& row : it->second) {
      if ((person && row.member != *person) || !InWindow(node, row)) continue;
      if (node.column >= 0 && row.values.size() <= column) {
        return ClauseError(node, "数据源行缺少字段", "feed row lacks the column");
      }
      Rational step{1, 1};
      if (node.op == Op::kFeedSum) {
        step = row.values[column].number;
      } else if (node.column >= 0 && !row.values[column].AsBool()) {
        continue;
      }
      const std::optional<Rational> sum = jz::Add(total, step);
      if (!sum) return ClauseError(node, "算术溢出", "arithmetic overflow");
      total = *sum;
    }
    if (node.op == Op::kFeedAny) return Value::Bool(total.num > 0);
    return Value{node.type, total};
  }

  const Expr& expr_;
  const Household& household_;
  const FeedView& feeds_;
  const Date as_of_;
  const std::optional<size_t> scope_;
  const HouseholdYear* const year_;
  std::vector<Evidence>* const evidence_;
  std::optional<size_t> bound_;
  bool negated_ = false;  // inside an odd number of `not`s
};

}  // namespace

bool IsUnknownValue(const Status& status) {
  return status.code() == StatusCode::kFailedPrecondition &&
         status.message().find(kUnknownMarker) != std::string_view::npos;
}

bool ComparisonHolds(Op op, int cmp) {
  switch (op) {
    case Op::kLt:
      return cmp < 0;
    case Op::kLe:
      return cmp <= 0;
    case Op::kGt:
      return cmp > 0;
    case Op::kGe:
      return cmp >= 0;
    case Op::kEq:
      return cmp == 0;
    default:
      return cmp != 0;
  }
}

std::string_view OpSymbol(Op op) {
  switch (op) {
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kEq:
      return "==";
    default:
      return "!=";
  }
}

StatusOr<Value> EvaluateExpr(const Expr& expr, const Household& household, const FeedView& feeds, Date as_of,
                             std::optional<size_t> person) {
  return Evaluator(expr, household, feeds, as_of, person, nullptr).Eval(expr.root);
}

StatusOr<Outcome> Evaluate(const Rule& rule, const Household& household, const FeedView& feeds, Date as_of) {
  Outcome outcome;
  std::vector<std::optional<size_t>> scopes;
  if (rule.scope == PolicyScope::kHousehold) scopes.push_back(std::nullopt);
  for (size_t m = 0; rule.scope == PolicyScope::kPerson && m < household.members.size(); ++m) {
    scopes.push_back(m);
  }
  for (const std::optional<size_t>& person : scopes) {
    Hit hit{person, {}};
    StatusOr<Value> v =
        Evaluator(rule.expr, household, feeds, as_of, person, &hit.evidence).Eval(rule.expr.root);
    if (!v.ok()) return v.status().WithContext("rule " + rule.id);
    if (v->AsBool()) outcome.hits.push_back(std::move(hit));
  }
  outcome.fired = !outcome.hits.empty();
  return outcome;
}

}  // namespace jz
