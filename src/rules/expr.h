// A compiled rule expression: a typed tree held in one flat vector of nodes, produced by
// CompileExpr() from the rule language of docs/policy-language.md. Compilation resolves
// every name (fields, parameters, feeds, code-list labels) and checks every type, so the
// evaluator (rules/evaluator.h) never meets an unknown name or a type error. A tree has at
// most kMaxRuleNodes nodes and kMaxRuleDepth levels (core/limits.h).
#ifndef JZ_RULES_EXPR_H_
#define JZ_RULES_EXPR_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "rules/value.h"

namespace jz {

// Whether a rule is judged once per household or once per member.
enum class PolicyScope : uint8_t { kHousehold, kPerson };

// A departmental feed as a policy file declares it: rows keyed to a person (matched by ID
// number before evaluation), each with an event date and the typed columns listed here.
struct FeedSchema {
  std::string name;                                   // e.g. "medical"
  std::vector<std::pair<std::string, Type>> columns;  // e.g. {"out_of_pocket", money}

  // Returns the index of `column`, or -1.
  int ColumnIndex(std::string_view column) const;
};

enum class Op : uint8_t {
  kLiteral,  // value (parameters are folded to literals)
  kField,    // field of Fields(); who says which person
  kNeg,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kLt,
  kLe,
  kGt,
  kGe,
  kEq,
  kNe,
  kIn,  // kids[0] in kids[1..]
  kAnd,
  kOr,
  kNot,
  kCount,
  kSum,
  kAny,
  kAll,  // over members; kids[0] is the body
  kFeedSum,
  kFeedCount,
  kFeedAny,  // over the rows of a feed in a window
};

// Which person a person field or a feed aggregate refers to.
enum class PersonRef : uint8_t {
  kNone,   // household fields; feed aggregates over every member
  kScope,  // `person` of a person-scope rule
  kBound,  // the member variable of count/sum/any/all
};

// One node. Invariant: `type` is the checked result type; kids index into Expr::nodes and
// always point to earlier nodes (children are built first).
struct Node {
  Op op = Op::kLiteral;
  Type type;
  Value value;       // kLiteral
  size_t field = 0;  // kField: index into Fields()
  PersonRef who = PersonRef::kNone;
  size_t feed = 0;  // feed aggregates: index into the policy's feeds
  int column = -1;  // feed aggregates: column summed or tested, -1 for whole rows
  int days = 0;     // feed aggregates: window length, 0 for no window
  std::vector<uint32_t> kids;
  uint32_t begin = 0;  // byte offsets of the node's source text in Expr::text
  uint32_t end = 0;
};

// A compiled expression. Invariant: nodes is non-empty and nodes[root] has type `bool`
// when compiled for a rule. Thread-compatible; evaluation only reads it.
struct Expr {
  std::string text;
  std::vector<Node> nodes;
  uint32_t root = 0;

  std::string_view SourceOf(const Node& node) const {
    return std::string_view(text).substr(node.begin, node.end - node.begin);
  }
};

// What an expression may refer to besides the fixed registry schema.
struct CompileEnv {
  PolicyScope scope = PolicyScope::kHousehold;
  const std::map<std::string, Value, std::less<>>* parameters = nullptr;
  const std::vector<FeedSchema>* feeds = nullptr;
  bool require_bool = true;  // rules must be conditions; parameters need not be
};

// Compiles `text`. On error returns InvalidArgumentError with a bilingual message (no
// position prefix) and sets *error_offset to the byte offset in `text` where the error is;
// the caller turns it into file:line:column. Errors: syntax, unknown field / parameter /
// feed / column / label, type mismatch, nested member aggregates, too many nodes
// (kMaxRuleNodes), too deep (kMaxRuleDepth), a window outside 1..kMaxFeedWindowDays.
// REQUIRES: env.parameters and env.feeds are non-null; error_offset is non-null.
[[nodiscard]] StatusOr<Expr> CompileExpr(std::string_view text, const CompileEnv& env, size_t* error_offset);

}  // namespace jz

#endif  // JZ_RULES_EXPR_H_
