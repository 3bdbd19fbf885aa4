// The batch evaluator of the rule engine: a rule's expression evaluated over a batch of
// households node by node, each node one loop over the elements of its space (the rule's own
// elements, or the members of each for member aggregates). Internal to engine/rule_engine.cc,
// the one unit that includes it: a header only so that rule_engine.cc stays under the size
// limit while every loop is still compiled and inlined where Run() calls it.
#ifndef JZ_ENGINE_INTERNAL_BATCH_EVALUATOR_H_
#define JZ_ENGINE_INTERNAL_BATCH_EVALUATOR_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/internal/lane.h"
#include "engine/rule_engine.h"
#include "engine/snapshot.h"
#include "rules/policy.h"
#include "rules/schema.h"

namespace jz::internal {

// Per element of a space: its household, scope person and bound member.
struct Space {
  size_t n = 0;
  std::vector<uint32_t> household;
  std::vector<uint32_t> scope;
  std::vector<uint32_t> bound;
  std::vector<uint32_t>
      segment;                // space 1: body elements of space-0 element e are [segment[e], segment[e+1])
  bool all_have_year = true;  // every element's household has a data year
};

// The spaces of one batch for one rule scope, built once and shared by the rules.
struct ScopeSpaces {
  Space space[2];
  uint32_t h0 = 0, h1 = 0;
  bool built = false;
  bool body_built = false;
};

struct Workspace {
  ScopeSpaces scopes[2];  // by PolicyScope
  std::vector<Lane> lanes;
};

class BatchEvaluator {
 public:
  BatchEvaluator(const Snapshot& s, const Rule& rule, const RuleEngine::Program& program, Workspace& ws)
      : s_(s),
        rule_(rule),
        program_(program),
        ws_(ws),
        spaces_(ws.scopes[rule.scope == PolicyScope::kPerson ? 1 : 0]) {}

  // Evaluates every node of the rule for households [h0, h1).
  void Run(uint32_t h0, uint32_t h1) {
    BuildSpaces(h0, h1);
    if (ws_.lanes.size() < rule_.expr.nodes.size()) ws_.lanes.resize(rule_.expr.nodes.size());
    for (const uint32_t i : program_.order) Eval(i);
  }

  const Lane& lane(uint32_t node) const { return ws_.lanes[node]; }

 private:
  void BuildSpaces(uint32_t h0, uint32_t h1) {
    ScopeSpaces& sc = spaces_;
    if (!sc.built || sc.h0 != h0 || sc.h1 != h1) {
      sc.h0 = h0;
      sc.h1 = h1;
      sc.built = true;
      sc.body_built = false;
      Space& s0 = sc.space[0];
      const uint32_t p0 = s_.member_begin[h0];
      const uint32_t p1 = s_.member_begin[h1];
      if (rule_.scope == PolicyScope::kHousehold) {
        s0.n = h1 - h0;
        s0.household.resize(s0.n);
        for (uint32_t h = h0; h < h1; ++h) s0.household[h - h0] = h;
      } else {
        s0.n = p1 - p0;
        s0.household.resize(s0.n);
        for (uint32_t h = h0; h < h1; ++h) {
          std::fill(s0.household.begin() + (s_.member_begin[h] - p0),
                    s0.household.begin() + (s_.member_begin[h + 1] - p0), h);
        }
        s0.scope.resize(s0.n);
        for (uint32_t p = p0; p < p1; ++p) s0.scope[p - p0] = p;
      }
      s0.all_have_year =
          std::all_of(s_.has_year.begin() + h0, s_.has_year.begin() + h1, [](uint8_t y) { return y != 0; });
    }
    if (!program_.has_body || sc.body_built) return;
    sc.body_built = true;
    const Space& s0 = sc.space[0];
    Space& s1 = sc.space[1];
    const bool person_scope = rule_.scope == PolicyScope::kPerson;
    s1.household.clear();
    s1.scope.clear();
    s1.bound.clear();
    s1.segment.resize(s0.n + 1);
    for (size_t e = 0; e < s0.n; ++e) {
      s1.segment[e] = static_cast<uint32_t>(s1.household.size());
      const uint32_t h = s0.household[e];
      for (uint32_t m = s_.member_begin[h]; m < s_.member_begin[h + 1]; ++m) {
        s1.household.push_back(h);
        if (person_scope) s1.scope.push_back(s0.scope[e]);
        s1.bound.push_back(m);
      }
    }
    s1.segment[s0.n] = static_cast<uint32_t>(s1.household.size());
    s1.n = s1.household.size();
    s1.all_have_year = s0.all_have_year;
  }

  void Eval(uint32_t i) {
    const Node& node = rule_.expr.nodes[i];
    const Space& sp = spaces_.space[program_.in_body[i]];
    Lane& out = ws_.lanes[i];
    out.Reset(sp.n);
    switch (node.op) {
      case Op::kLiteral: {
        out.Reset(1);
        out.scalar = true;
        out.num[0] = node.value.number.num;
        out.SetDen(0, node.value.number.den);
        return;
      }
      case Op::kField:
        return Field(node, sp, out);
      case Op::kNeg: {
        const Lane& k = ws_.lanes[node.kids[0]];
        for (size_t e = 0; e < sp.n; ++e) {
          if (k.E(e) || k.N(e) == INT64_MIN) {
            out.SetErr(e, k.E(e) ? k.Code(e) : kError);
            continue;
          }
          out.num[e] = -k.N(e);
          out.SetDen(e, k.D(e));
        }
        return;
      }
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv:
        return Arithmetic(node, sp.n, out);
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe:
      case Op::kEq:
      case Op::kNe:
        return Comparison(node, sp.n, out);
      case Op::kIn:
        return In(node, sp.n, out);
      case Op::kAnd:
      case Op::kOr: {
        const Lane& l = ws_.lanes[node.kids[0]];
        const Lane& r = ws_.lanes[node.kids[1]];
        const bool is_and = node.op == Op::kAnd;
        if (!l.any_err && !r.any_err && !l.scalar && !r.scalar) {  // bools are 0/1
          const int64_t* a = l.num.data();
          const int64_t* b = r.num.data();
          int64_t* o = out.num.data();
          if (is_and) {
            for (size_t e = 0; e < sp.n; ++e) o[e] = a[e] & b[e];
          } else {
            for (size_t e = 0; e < sp.n; ++e) o[e] = a[e] | b[e];
          }
          return;
        }
        for (size_t e = 0; e < sp.n; ++e) {
          if (l.Code(e) == kUnknown) {
            // Kleene: the right side decides when it can; else its error, else unknown.
            if (!r.E(e) && (r.N(e) != 0) != is_and) {
              out.num[e] = !is_and;
            } else {
              out.SetErr(e, r.Code(e) == kError ? kError : kUnknown);
            }
          } else if (l.E(e)) {
            out.SetErr(e);
          } else if ((l.N(e) != 0) != is_and) {
            out.num[e] = !is_and;  // short circuit: the right side is never evaluated
          } else {
            out.num[e] = r.N(e);
            if (r.E(e)) out.SetErr(e, r.Code(e));
          }
        }
        return;
      }
      case Op::kNot: {
        const Lane& k = ws_.lanes[node.kids[0]];
        if (k.scalar) {
          out.Reset(1);
          out.scalar = true;
          out.num[0] = k.num[0] == 0;
          if (k.E(0)) out.SetErr(0, k.Code(0));
          return;
        }
        for (size_t e = 0; e < sp.n; ++e) out.num[e] = k.num[e] == 0;
        if (k.any_err) {
          for (size_t e = 0; e < sp.n; ++e) {
            if (k.err[e]) out.SetErr(e, k.err[e]);
          }
        }
        return;
      }
      case Op::kCount:
      case Op::kSum:
      case Op::kAny:
      case Op::kAll:
        return MemberAggregate(node, sp, out);
      case Op::kFeedSum:
      case Op::kFeedCount:
      case Op::kFeedAny:
        return FeedAggregate(i, node, sp, out);
    }
  }

  const std::vector<uint32_t>& PersonsOf(const Space& sp, PersonRef who) const {
    return who == PersonRef::kScope ? sp.scope : sp.bound;
  }

  void Field(const Node& node, const Space& sp, Lane& out) {
    const FieldDef& def = Fields()[node.field];
    const Column& column = s_.fields[node.field];
    const bool person_field = def.scope == FieldScope::kPerson;
    const std::vector<uint32_t>& index = person_field ? PersonsOf(sp, node.who) : sp.household;
    const size_t n = sp.n;
    int64_t* o = out.num.data();
    // Space 0 of a rule over the field's own entity is a contiguous run: a plain copy.
    const bool person_rule = rule_.scope == PolicyScope::kPerson;
    const bool contiguous = &sp == &spaces_.space[0] && person_field == person_rule && n > 0;
    auto copy = [&](const auto* c) {
      if (contiguous) {
        std::copy(c + index[0], c + index[0] + n, o);
      } else {
        for (size_t e = 0; e < n; ++e) o[e] = c[index[e]];
      }
    };
    switch (column.width) {
      case ColumnWidth::kByte:
        copy(column.bytes.data());
        break;
      case ColumnWidth::kNarrow:
        copy(column.narrow.data());
        break;
      case ColumnWidth::kWide:
        copy(column.wide.data());
        break;
    }
    if (def.known != nullptr) {
      const int64_t unknown = UnknownMarker(column.width);
      for (size_t e = 0; e < n; ++e) {
        if (o[e] == unknown) out.SetErr(e, kUnknown);
      }
    }
    if (!def.needs_year || sp.all_have_year) return;
    for (size_t e = 0; e < sp.n; ++e) {
      if (!s_.has_year[sp.household[e]]) out.SetErr(e);  // the reference checks the year first
    }
  }

  void Arithmetic(const Node& node, size_t n, Lane& out) {
    const Lane& l = ws_.lanes[node.kids[0]];
    const Lane& r = ws_.lanes[node.kids[1]];
    const bool whole = l.unit && r.unit && node.op != Op::kDiv;
    for (size_t e = 0; e < n; ++e) {
      if (l.E(e) || r.E(e)) {
        out.SetErr(e, l.E(e) ? l.Code(e) : r.Code(e));
        continue;
      }
      if (whole) {
        int64_t v = 0;
        bool overflow = false;
        if (node.op == Op::kAdd) {
          overflow = __builtin_add_overflow(l.N(e), r.N(e), &v);
        } else if (node.op == Op::kSub) {
          overflow = __builtin_sub_overflow(l.N(e), r.N(e), &v);
        } else {
          overflow = __builtin_mul_overflow(l.N(e), r.N(e), &v);
        }
        if (overflow || v == INT64_MIN) {
          out.SetErr(e);
        } else {
          out.num[e] = v;
        }
        continue;
      }
      const Wide ln = l.N(e), ld = l.D(e), rn = r.N(e), rd = r.D(e);
      Wide num = 0, den = 1;
      switch (node.op) {
        case Op::kAdd:
          num = ln * rd + rn * ld;
          den = ld * rd;
          break;
        case Op::kSub:
          num = ln * rd - rn * ld;
          den = ld * rd;
          break;
        case Op::kMul:
          num = ln * rn;
          den = ld * rd;
          break;
        default:
          if (rn == 0) {
            out.SetErr(e);
            continue;
          }
          num = ln * rd;
          den = ld * rn;
      }
      int64_t nn = 0, dd = 1;
      if (!Narrow(num, den, nn, dd)) {
        out.SetErr(e);
        continue;
      }
      out.num[e] = nn;
      out.SetDen(e, dd);
    }
  }

  static int Cmp(const Lane& l, const Lane& r, size_t e) {
    if (l.unit && r.unit) return (l.N(e) > r.N(e)) - (l.N(e) < r.N(e));
    return Compare(l.R(e), r.R(e));
  }

  // out[e] = cmp(a[e], b[e]) with either side possibly one scalar value.
  template <class Cmp>
  static void CompareWhole(const Lane& l, const Lane& r, size_t n, Lane& out, Cmp cmp) {
    const int64_t* a = l.num.data();
    const int64_t* b = r.num.data();
    int64_t* o = out.num.data();
    if (r.scalar) {
      const int64_t c = b[0];
      for (size_t e = 0; e < n; ++e) o[e] = cmp(a[e], c);
    } else if (l.scalar) {
      const int64_t c = a[0];
      for (size_t e = 0; e < n; ++e) o[e] = cmp(c, b[e]);
    } else {
      for (size_t e = 0; e < n; ++e) o[e] = cmp(a[e], b[e]);
    }
  }

  void Comparison(const Node& node, size_t n, Lane& out) {
    const Lane& l = ws_.lanes[node.kids[0]];
    const Lane& r = ws_.lanes[node.kids[1]];
    if (l.unit && r.unit && !l.any_err && !r.any_err && !(l.scalar && r.scalar)) {
      switch (node.op) {
        case Op::kLt:
          return CompareWhole(l, r, n, out, std::less<int64_t>());
        case Op::kLe:
          return CompareWhole(l, r, n, out, std::less_equal<int64_t>());
        case Op::kGt:
          return CompareWhole(l, r, n, out, std::greater<int64_t>());
        case Op::kGe:
          return CompareWhole(l, r, n, out, std::greater_equal<int64_t>());
        case Op::kEq:
          return CompareWhole(l, r, n, out, std::equal_to<int64_t>());
        default:
          return CompareWhole(l, r, n, out, std::not_equal_to<int64_t>());
      }
    }
    for (size_t e = 0; e < n; ++e) {
      out.num[e] = ComparisonHolds(node.op, Cmp(l, r, e));
      if (l.E(e) || r.E(e)) out.SetErr(e, l.E(e) ? l.Code(e) : r.Code(e));
    }
  }

  void In(const Node& node, size_t n, Lane& out) {
    const Lane& l = ws_.lanes[node.kids[0]];
    bool simple = l.unit && !l.any_err && !l.scalar;
    for (size_t k = 1; k < node.kids.size(); ++k) {
      const Lane& item = ws_.lanes[node.kids[k]];
      simple = simple && item.scalar && item.unit && !item.any_err;
    }
    if (simple) {  // x in [literal, ...]
      int64_t* o = out.num.data();
      const int64_t* a = l.num.data();
      std::fill(o, o + n, 0);
      for (size_t k = 1; k < node.kids.size(); ++k) {
        const int64_t c = ws_.lanes[node.kids[k]].num[0];
        for (size_t e = 0; e < n; ++e) o[e] |= a[e] == c;
      }
      return;
    }
    for (size_t e = 0; e < n; ++e) {
      out.num[e] = 0;
      if (l.E(e)) {
        out.SetErr(e, l.Code(e));
        continue;
      }
      for (size_t k = 1; k < node.kids.size(); ++k) {
        const Lane& item = ws_.lanes[node.kids[k]];
        if (item.E(e)) {
          out.SetErr(e, item.Code(e));
          break;
        }
        if (Cmp(l, item, e) == 0) {
          out.num[e] = 1;
          break;
        }
      }
    }
  }

  void MemberAggregate(const Node& node, const Space& sp, Lane& out) {
    const Lane& body = ws_.lanes[node.kids[0]];
    const std::vector<uint32_t>& segment = spaces_.space[1].segment;
    if (node.op != Op::kSum && !body.any_err && !body.scalar) {
      const int64_t* b = body.num.data();
      for (size_t e = 0; e < sp.n; ++e) {
        int64_t count = 0;
        for (uint32_t j = segment[e]; j < segment[e + 1]; ++j) count += b[j];
        const int64_t members = segment[e + 1] - segment[e];
        out.num[e] = node.op == Op::kCount ? count : node.op == Op::kAny ? count > 0 : count == members;
      }
      return;
    }
    for (size_t e = 0; e < sp.n; ++e) {
      int64_t count = 0;
      uint8_t error = 0;
      Rational total;
      for (uint32_t j = segment[e]; j < segment[e + 1] && error == 0; ++j) {
        if (body.E(j)) {
          error = body.Code(j);  // the first member's, as the reference stops there
          break;
        }
        if (node.op != Op::kSum) {
          count += body.N(j) != 0;
          continue;
        }
        const std::optional<Rational> sum = Add(total, Reduced(body.N(j), body.D(j)));
        if (!sum) {
          error = kError;
        } else {
          total = *sum;
        }
      }
      if (error != 0) {
        out.SetErr(e, error);
        continue;
      }
      const int64_t members = segment[e + 1] - segment[e];
      switch (node.op) {
        case Op::kCount:
          out.num[e] = count;
          break;
        case Op::kAny:
          out.num[e] = count > 0;
          break;
        case Op::kAll:
          out.num[e] = count == members;
          break;
        default:
          out.num[e] = total.num;
          out.SetDen(e, total.den);
      }
    }
  }

  void FeedAggregate(uint32_t i, const Node& node, const Space& sp, Lane& out) {
    const FeedColumn& column = s_.feed_values[static_cast<size_t>(program_.feed_key[i])];
    switch (column.form()) {
      case FeedColumn::Form::kZero:
        return FeedAggregate(node, sp, out, [](uint32_t) { return int64_t{0}; });
      case FeedColumn::Form::kSparse:
        return FeedAggregate(node, sp, out, [&column](uint32_t p) { return column.SparseAt(p); });
      case FeedColumn::Form::kDense:
        break;
    }
    const Column& dense = column.dense();
    if (dense.is_wide()) {
      const int64_t* c = dense.wide.data();
      return FeedAggregate(node, sp, out, [c](uint32_t p) { return c[p]; });
    }
    const int32_t* c = dense.narrow.data();
    FeedAggregate(node, sp, out, [c](uint32_t p) { return int64_t{c[p]}; });
  }

  // The aggregate over one person (node.who) or over the household's members, reading a
  // person's value with value_of(p).
  template <class ValueOf>
  void FeedAggregate(const Node& node, const Space& sp, Lane& out, ValueOf&& value_of) {
    const bool any = node.op == Op::kFeedAny;
    if (node.who != PersonRef::kNone) {
      const std::vector<uint32_t>& persons = PersonsOf(sp, node.who);
      for (size_t e = 0; e < sp.n; ++e) {
        const int64_t v = value_of(persons[e]);
        out.num[e] = any ? v > 0 : v;
      }
      return;
    }
    for (size_t e = 0; e < sp.n; ++e) {
      const uint32_t h = sp.household[e];
      int64_t total = 0;
      bool overflow = false;
      for (uint32_t p = s_.member_begin[h]; p < s_.member_begin[h + 1]; ++p) {
        overflow |= __builtin_add_overflow(total, value_of(p), &total);
      }
      if (overflow || total == INT64_MIN) {
        out.SetErr(e);
      } else {
        out.num[e] = any ? total > 0 : total;
      }
    }
  }

  const Snapshot& s_;
  const Rule& rule_;
  const RuleEngine::Program& program_;
  Workspace& ws_;
  ScopeSpaces& spaces_;
};

}  // namespace jz::internal

#endif  // JZ_ENGINE_INTERNAL_BATCH_EVALUATOR_H_
