// The columnar rule engine of engine/rule_engine.h.
//
// A batch is a run of households and their persons. A rule is evaluated over a batch in two
// element spaces: space 0, the rule's own elements (households of the batch, or persons for
// a person-scope rule), and space 1, the body of member aggregates (count/sum/any/all):
// every member of each space-0 element's household. For each space the batch keeps, per
// element, the household, the scope person and the bound member, so a field node is one
// gather from its column and every operator one loop over arrays.
//
// Values are exact like the reference evaluator's: each lane holds numerators and, only
// when some value is a fraction (a share of an income), denominators; arithmetic on whole
// numbers is checked 64-bit, on fractions 128-bit and reduced only when the result would
// not fit, which overflows exactly where the reference's reduced rationals do. An error
// lane marks the elements where the reference would stop with an error, following its
// short-circuit order, so "not evaluable" matches too.
#include "engine/rule_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "rules/schema.h"

namespace jz {
namespace {

using Wide = __int128;
constexpr size_t kBatchHouseholds = 1024;

// The values of one node over the elements of its space.
struct Lane {
  std::vector<int64_t> num;
  std::vector<int64_t> den;   // filled only when !unit
  std::vector<uint8_t> err;   // filled only when any_err
  bool unit = true;           // every denominator is 1
  bool any_err = false;
  bool scalar = false;        // one value for every element (a literal)

  void Reset(size_t n) {
    num.resize(n);
    unit = true;
    any_err = false;
    scalar = false;
  }
  size_t At(size_t e) const { return scalar ? 0 : e; }
  int64_t N(size_t e) const { return num[At(e)]; }
  int64_t D(size_t e) const { return unit ? 1 : den[At(e)]; }
  bool E(size_t e) const { return any_err && err[At(e)] != 0; }
  Rational R(size_t e) const { return {N(e), D(e)}; }
  void SetErr(size_t e) {
    if (!any_err) {
      err.assign(num.size(), 0);
      any_err = true;
    }
    err[e] = 1;
  }
  void SetDen(size_t e, int64_t d) {
    if (unit) {
      if (d == 1) return;
      den.assign(num.size(), 1);
      unit = false;
    }
    den[e] = d;
  }
};

// Narrows num/den to int64 as the reference's Rational arithmetic would succeed: as is when
// both fit, else reduced; false when even the reduced form does not fit.
bool Narrow(Wide num, Wide den, int64_t& n, int64_t& d) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  constexpr Wide kMax = INT64_MAX;
  if (num > kMax || num < -kMax || den > kMax) {
    Wide a = num < 0 ? -num : num;
    Wide b = den;
    while (b != 0) a = std::exchange(b, a % b);
    if (a > 1) {
      num /= a;
      den /= a;
    }
    if (num > kMax || num < -kMax || den > kMax) return false;
  }
  n = static_cast<int64_t>(num);
  d = static_cast<int64_t>(den);
  return true;
}

Rational Reduced(int64_t n, int64_t d) {
  Wide a = n < 0 ? -Wide{n} : Wide{n};
  Wide b = d;
  while (b != 0) a = std::exchange(b, a % b);
  if (a > 1) return {static_cast<int64_t>(n / a), static_cast<int64_t>(d / a)};
  return {n, d};
}

// Per element of a space: its household, scope person and bound member.
struct Space {
  size_t n = 0;
  std::vector<uint32_t> household;
  std::vector<uint32_t> scope;
  std::vector<uint32_t> bound;
  std::vector<uint32_t> segment;  // space 1: body elements of space-0 element e are [segment[e], segment[e+1])
  bool all_have_year = true;      // every element's household has a data year
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
      : s_(s), rule_(rule), program_(program), ws_(ws),
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
          std::fill(s0.household.begin() + (s_.member_begin[h] - p0), s0.household.begin() + (s_.member_begin[h + 1] - p0), h);
        }
        s0.scope.resize(s0.n);
        for (uint32_t p = p0; p < p1; ++p) s0.scope[p - p0] = p;
      }
      s0.all_have_year = std::all_of(s_.has_year.begin() + h0, s_.has_year.begin() + h1, [](uint8_t y) { return y != 0; });
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
      case Op::kField: return Field(node, sp, out);
      case Op::kNeg: {
        const Lane& k = ws_.lanes[node.kids[0]];
        for (size_t e = 0; e < sp.n; ++e) {
          if (k.E(e) || k.N(e) == INT64_MIN) {
            out.SetErr(e);
            continue;
          }
          out.num[e] = -k.N(e);
          out.SetDen(e, k.D(e));
        }
        return;
      }
      case Op::kAdd: case Op::kSub: case Op::kMul: case Op::kDiv: return Arithmetic(node, sp.n, out);
      case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe: case Op::kEq: case Op::kNe:
        return Comparison(node, sp.n, out);
      case Op::kIn: return In(node, sp.n, out);
      case Op::kAnd: case Op::kOr: {
        const Lane& l = ws_.lanes[node.kids[0]];
        const Lane& r = ws_.lanes[node.kids[1]];
        const bool is_and = node.op == Op::kAnd;
        if (!l.any_err && !r.any_err && !l.scalar && !r.scalar) {  // bools are 0/1
          const int64_t* a = l.num.data();
          const int64_t* b = r.num.data();
          int64_t* o = out.num.data();
          if (is_and) for (size_t e = 0; e < sp.n; ++e) o[e] = a[e] & b[e];
          else for (size_t e = 0; e < sp.n; ++e) o[e] = a[e] | b[e];
          return;
        }
        for (size_t e = 0; e < sp.n; ++e) {
          if (l.E(e)) {
            out.SetErr(e);
          } else if ((l.N(e) != 0) != is_and) {
            out.num[e] = !is_and;  // short circuit: the right side is never evaluated
          } else {
            out.num[e] = r.N(e);
            if (r.E(e)) out.SetErr(e);
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
          if (k.E(0)) out.SetErr(0);
          return;
        }
        for (size_t e = 0; e < sp.n; ++e) out.num[e] = k.num[e] == 0;
        if (k.any_err) {
          for (size_t e = 0; e < sp.n; ++e) {
            if (k.err[e]) out.SetErr(e);
          }
        }
        return;
      }
      case Op::kCount: case Op::kSum: case Op::kAny: case Op::kAll: return MemberAggregate(node, sp, out);
      case Op::kFeedSum: case Op::kFeedCount: case Op::kFeedAny: return FeedAggregate(i, node, sp, out);
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
      if (contiguous) std::copy(c + index[0], c + index[0] + n, o);
      else for (size_t e = 0; e < n; ++e) o[e] = c[index[e]];
    };
    switch (column.width) {
      case ColumnWidth::kByte: copy(column.bytes.data()); break;
      case ColumnWidth::kNarrow: copy(column.narrow.data()); break;
      case ColumnWidth::kWide: copy(column.wide.data()); break;
    }
    if (!def.needs_year || sp.all_have_year) return;
    for (size_t e = 0; e < sp.n; ++e) {
      if (!s_.has_year[sp.household[e]]) out.SetErr(e);
    }
  }

  void Arithmetic(const Node& node, size_t n, Lane& out) {
    const Lane& l = ws_.lanes[node.kids[0]];
    const Lane& r = ws_.lanes[node.kids[1]];
    const bool whole = l.unit && r.unit && node.op != Op::kDiv;
    for (size_t e = 0; e < n; ++e) {
      if (l.E(e) || r.E(e)) {
        out.SetErr(e);
        continue;
      }
      if (whole) {
        int64_t v = 0;
        bool overflow = false;
        if (node.op == Op::kAdd) overflow = __builtin_add_overflow(l.N(e), r.N(e), &v);
        else if (node.op == Op::kSub) overflow = __builtin_sub_overflow(l.N(e), r.N(e), &v);
        else overflow = __builtin_mul_overflow(l.N(e), r.N(e), &v);
        if (overflow || v == INT64_MIN) out.SetErr(e);
        else out.num[e] = v;
        continue;
      }
      const Wide ln = l.N(e), ld = l.D(e), rn = r.N(e), rd = r.D(e);
      Wide num = 0, den = 1;
      switch (node.op) {
        case Op::kAdd: num = ln * rd + rn * ld; den = ld * rd; break;
        case Op::kSub: num = ln * rd - rn * ld; den = ld * rd; break;
        case Op::kMul: num = ln * rn; den = ld * rd; break;
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
        case Op::kLt: return CompareWhole(l, r, n, out, std::less<int64_t>());
        case Op::kLe: return CompareWhole(l, r, n, out, std::less_equal<int64_t>());
        case Op::kGt: return CompareWhole(l, r, n, out, std::greater<int64_t>());
        case Op::kGe: return CompareWhole(l, r, n, out, std::greater_equal<int64_t>());
        case Op::kEq: return CompareWhole(l, r, n, out, std::equal_to<int64_t>());
        default: return CompareWhole(l, r, n, out, std::not_equal_to<int64_t>());
      }
    }
    for (size_t e = 0; e < n; ++e) {
      out.num[e] = ComparisonHolds(node.op, Cmp(l, r, e));
      if (l.E(e) || r.E(e)) out.SetErr(e);
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
        out.SetErr(e);
        continue;
      }
      for (size_t k = 1; k < node.kids.size(); ++k) {
        const Lane& item = ws_.lanes[node.kids[k]];
        if (item.E(e)) {
          out.SetErr(e);
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
      bool error = false;
      Rational total;
      for (uint32_t j = segment[e]; j < segment[e + 1] && !error; ++j) {
        if (body.E(j)) {
          error = true;
          break;
        }
        if (node.op != Op::kSum) {
          count += body.N(j) != 0;
          continue;
        }
        const std::optional<Rational> sum = Add(total, Reduced(body.N(j), body.D(j)));
        if (!sum) error = true;
        else total = *sum;
      }
      if (error) {
        out.SetErr(e);
        continue;
      }
      const int64_t members = segment[e + 1] - segment[e];
      switch (node.op) {
        case Op::kCount: out.num[e] = count; break;
        case Op::kAny: out.num[e] = count > 0; break;
        case Op::kAll: out.num[e] = count == members; break;
        default:
          out.num[e] = total.num;
          out.SetDen(e, total.den);
      }
    }
  }

  void FeedAggregate(uint32_t i, const Node& node, const Space& sp, Lane& out) {
    const FeedColumn& column = s_.feed_values[static_cast<size_t>(program_.feed_key[i])];
    switch (column.form()) {
      case FeedColumn::Form::kZero: return FeedAggregate(node, sp, out, [](uint32_t) { return int64_t{0}; });
      case FeedColumn::Form::kSparse:
        return FeedAggregate(node, sp, out, [&column](uint32_t p) { return column.SparseAt(p); });
      case FeedColumn::Form::kDense: break;
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
      if (overflow || total == INT64_MIN) out.SetErr(e);
      else out.num[e] = any ? total > 0 : total;
    }
  }

  const Snapshot& s_;
  const Rule& rule_;
  const RuleEngine::Program& program_;
  Workspace& ws_;
  ScopeSpaces& spaces_;
};

// The reference's Record() calls, replayed over a single evaluated element.
class Explainer {
 public:
  Explainer(const Rule& rule, const BatchEvaluator& batch, std::vector<Evidence>& out)
      : rule_(rule), batch_(batch), out_(out) {}

  void Walk(uint32_t i, size_t e, bool negated) {
    const Node& node = rule_.expr.nodes[i];
    switch (node.op) {
      case Op::kLiteral: case Op::kFeedSum: case Op::kFeedCount:
      case Op::kCount: case Op::kSum: case Op::kAny: case Op::kAll:
        return;  // nothing recorded; member aggregate bodies never record
      case Op::kField: case Op::kFeedAny: {
        const Lane& lane = batch_.lane(i);
        if (node.type.kind == ValueKind::kBool && (lane.N(e) != 0) != negated) {
          Record(i, fmt::format("{} = {}", Source(i), ValueOf(i, e).ToString()));
        }
        return;
      }
      case Op::kNeg: case Op::kAdd: case Op::kSub: case Op::kMul: case Op::kDiv:
        for (const uint32_t k : node.kids) Walk(k, e, negated);
        return;
      case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe: case Op::kEq: case Op::kNe:
        Walk(node.kids[0], e, negated);
        Walk(node.kids[1], e, negated);
        if (batch_.lane(i).N(e) != 0) {
          Record(i, fmt::format("{} {} {}", ValueOf(node.kids[0], e).ToString(), OpSymbol(node.op),
                                ValueOf(node.kids[1], e).ToString()));
        }
        return;
      case Op::kIn: {
        Walk(node.kids[0], e, negated);
        const Lane& l = batch_.lane(node.kids[0]);
        for (size_t k = 1; k < node.kids.size(); ++k) {
          Walk(node.kids[k], e, negated);
          const Lane& item = batch_.lane(node.kids[k]);
          if (Compare(l.R(e), item.R(e)) == 0) {
            Record(i, fmt::format("{} = {}", ValueOf(node.kids[0], e).ToString(), ValueOf(node.kids[k], e).ToString()));
            return;
          }
        }
        return;
      }
      case Op::kAnd: case Op::kOr: {
        Walk(node.kids[0], e, negated);
        const bool is_and = node.op == Op::kAnd;
        if ((batch_.lane(node.kids[0]).N(e) != 0) == is_and) Walk(node.kids[1], e, negated);
        return;
      }
      case Op::kNot:
        Walk(node.kids[0], e, !negated);
        return;
    }
  }

 private:
  std::string_view Source(uint32_t i) const { return rule_.expr.SourceOf(rule_.expr.nodes[i]); }
  Value ValueOf(uint32_t i, size_t e) const {
    const Lane& lane = batch_.lane(i);
    return Value{rule_.expr.nodes[i].type, Reduced(lane.N(e), lane.D(e))};
  }
  void Record(uint32_t i, std::string values) { out_.push_back({std::string(Source(i)), std::move(values)}); }

  const Rule& rule_;
  const BatchEvaluator& batch_;
  std::vector<Evidence>& out_;
};

// Appends the hits of rule `r` in the evaluated batch; counts per rule.
struct BatchHit {
  EngineHit hit;
  uint32_t begin = 0, size = 0;  // its evidence in the batch's text
};

// Households where a rule fired, and where it could not be judged, in one batch. Returned
// rather than added to the caller's per-thread counters as hits are found: those share
// cache lines between the threads.
struct HitCounts {
  int64_t fired = 0;
  int64_t not_evaluable = 0;
};

HitCounts CollectHits(const Snapshot& s, const Rule& rule, uint32_t r, const BatchEvaluator& batch, uint32_t h0,
                      uint32_t h1, bool evidence, std::vector<BatchHit>& hits, std::string& text) {
  int64_t fired = 0, not_evaluable = 0;
  const Lane& root = batch.lane(rule.expr.root);
  auto add = [&](uint32_t h, uint32_t p, size_t e) {
    BatchHit& hit = hits.emplace_back(BatchHit{{h, p, r}});
    if (!evidence) return;
    std::vector<Evidence> items;
    Explainer(rule, batch, items).Walk(rule.expr.root, e, false);
    hit.begin = static_cast<uint32_t>(text.size());
    text += FormatEvidence(items);
    hit.size = static_cast<uint32_t>(text.size()) - hit.begin;
  };
  if (rule.scope == PolicyScope::kHousehold && !root.any_err && !root.scalar) {
    const int64_t* v = root.num.data();
    for (uint32_t h = h0; h < h1; ++h) {
      if (v[h - h0] == 0) continue;
      add(h, kNoPerson, h - h0);
      ++fired;
    }
    return {fired, not_evaluable};
  }
  if (rule.scope == PolicyScope::kHousehold) {
    for (uint32_t h = h0; h < h1; ++h) {
      const size_t e = h - h0;
      if (root.E(e)) {
        ++not_evaluable;
      } else if (root.N(e) != 0) {
        add(h, kNoPerson, e);
        ++fired;
      }
    }
    return {fired, not_evaluable};
  }
  const uint32_t p0 = s.member_begin[h0];
  for (uint32_t h = h0; h < h1; ++h) {
    const uint32_t begin = s.member_begin[h], end = s.member_begin[h + 1];
    bool error = false;
    for (uint32_t p = begin; p < end; ++p) error |= root.E(p - p0);
    if (error) {
      ++not_evaluable;  // the reference stops at the member's error: no hit for the household
      continue;
    }
    bool any = false;
    for (uint32_t p = begin; p < end; ++p) {
      if (root.N(p - p0) == 0) continue;
      add(h, p, p - p0);
      any = true;
    }
    fired += any;
  }
  return {fired, not_evaluable};
}

}  // namespace

StatusOr<RuleEngine> RuleEngine::Create(const Policy& policy, const Snapshot& snapshot) {
  RuleEngine engine(policy, snapshot);
  for (const Rule& rule : policy.rules) {
    const Expr& expr = rule.expr;
    Program program;
    program.in_body.assign(expr.nodes.size(), 0);
    program.feed_key.assign(expr.nodes.size(), -1);
    // Post-order from the root; a body's nodes are marked from the aggregate down.
    std::vector<std::pair<uint32_t, bool>> stack{{expr.root, false}};
    while (!stack.empty()) {
      auto [i, expanded] = stack.back();
      stack.pop_back();
      const Node& node = expr.nodes[i];
      if (expanded) {
        program.order.push_back(i);
        continue;
      }
      stack.push_back({i, true});
      const bool aggregate = node.op == Op::kCount || node.op == Op::kSum || node.op == Op::kAny || node.op == Op::kAll;
      for (const uint32_t k : node.kids) {
        program.in_body[k] = program.in_body[i] || aggregate;
        stack.push_back({k, false});
      }
      program.has_body |= aggregate;
    }
    for (const uint32_t i : program.order) {
      const Node& node = expr.nodes[i];
      auto missing = [&](std::string_view what) {
        return FailedPreconditionError(Bilingual(fmt::format("规则 {}：快照缺少 {}", rule.id, what),
                                                 fmt::format("rule {}: the snapshot lacks {}", rule.id, what)));
      };
      if (node.op == Op::kField) {
        const size_t rows = Fields()[node.field].scope == FieldScope::kPerson ? snapshot.persons() : snapshot.households();
        if (snapshot.fields.size() <= node.field || snapshot.fields[node.field].size() != rows) {
          return missing(expr.SourceOf(node));
        }
      }
      if (node.op == Op::kFeedSum || node.op == Op::kFeedCount || node.op == Op::kFeedAny) {
        const FeedKey key{static_cast<uint32_t>(node.feed), node.column, node.days, node.op == Op::kFeedSum};
        const auto it = std::find(snapshot.feed_keys.begin(), snapshot.feed_keys.end(), key);
        if (it == snapshot.feed_keys.end()) return missing(expr.SourceOf(node));
        program.feed_key[i] = static_cast<int>(it - snapshot.feed_keys.begin());
      }
    }
    engine.programs_.push_back(std::move(program));
  }
  return engine;
}

std::string FormatEvidence(const std::vector<Evidence>& evidence) {
  std::string text;
  for (const Evidence& e : evidence) {
    if (!text.empty()) text += "；";
    text += e.clause;
    text += ": ";
    text += e.values;
  }
  return text;
}

StatusOr<EngineResult> RuleEngine::Run(const RunOptions& options) const {
  int threads = options.threads;
  const Snapshot& s = *snapshot_;
  const std::vector<Rule>& rules = policy_->rules;
  const size_t households = s.households();
  const size_t batches = (households + kBatchHouseholds - 1) / kBatchHouseholds;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, batches)));

  std::vector<std::vector<BatchHit>> batch_hits(batches);
  std::vector<std::string> batch_text(batches);  // each batch's evidence, back to back
  std::vector<std::vector<int64_t>> fired(static_cast<size_t>(threads), std::vector<int64_t>(rules.size()));
  std::vector<std::vector<int64_t>> unjudged(static_cast<size_t>(threads), std::vector<int64_t>(rules.size()));
  std::atomic<size_t> next{0};
  auto work = [&](size_t t) {
    Workspace ws;
    for (size_t b = next++; b < batches; b = next++) {
      const uint32_t h0 = static_cast<uint32_t>(b * kBatchHouseholds);
      const uint32_t h1 = static_cast<uint32_t>(std::min(households, (b + 1) * kBatchHouseholds));
      std::vector<BatchHit>& hits = batch_hits[b];
      for (uint32_t r = 0; r < rules.size(); ++r) {
        if (!options.only.empty() && !options.only[r]) continue;
        BatchEvaluator batch(s, rules[r], programs_[r], ws);
        batch.Run(h0, h1);
        const HitCounts counts = CollectHits(s, rules[r], r, batch, h0, h1, options.evidence, hits, batch_text[b]);
        fired[t][r] += counts.fired;
        unjudged[t][r] += counts.not_evaluable;
      }
      // Rule-major within the batch; household-major overall (rule and person order kept).
      std::stable_sort(hits.begin(), hits.end(),
                       [](const BatchHit& x, const BatchHit& y) { return x.hit.household < y.hit.household; });
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, static_cast<size_t>(t));
  work(0);
  for (std::thread& th : pool) th.join();

  EngineResult result;
  result.households_per_rule.assign(rules.size(), 0);
  result.not_evaluable_per_rule.assign(rules.size(), 0);
  for (size_t t = 0; t < static_cast<size_t>(threads); ++t) {
    for (size_t r = 0; r < rules.size(); ++r) {
      result.households_per_rule[r] += fired[t][r];
      result.not_evaluable_per_rule[r] += unjudged[t][r];
    }
  }
  size_t total = 0;
  for (const auto& hits : batch_hits) total += hits.size();
  result.hits.reserve(total);
  if (options.evidence) result.evidence_refs.reserve(total);
  for (size_t b = 0; b < batches; ++b) {
    for (const BatchHit& h : batch_hits[b]) {
      result.hits.push_back(h.hit);
      if (options.evidence) result.evidence_refs.push_back({static_cast<uint32_t>(b), h.begin, h.size});
    }
    std::vector<BatchHit>().swap(batch_hits[b]);
  }
  if (options.evidence) result.evidence_text = std::move(batch_text);
  return result;
}

std::vector<Evidence> RuleEngine::Explain(const EngineHit& hit) const {
  const Rule& rule = policy_->rules[hit.rule];
  Workspace ws;
  BatchEvaluator batch(*snapshot_, rule, programs_[hit.rule], ws);
  batch.Run(hit.household, hit.household + 1);
  const size_t element = rule.scope == PolicyScope::kPerson ? hit.person - snapshot_->member_begin[hit.household] : 0;
  std::vector<Evidence> evidence;
  Explainer(rule, batch, evidence).Walk(rule.expr.root, element, false);
  return evidence;
}

}  // namespace jz
