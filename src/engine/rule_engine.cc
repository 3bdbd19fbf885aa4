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

#include "engine/internal/batch_evaluator.h"
#include "rules/schema.h"

namespace jz {
namespace {

constexpr size_t kBatchHouseholds = 1024;

using internal::BatchEvaluator;
using internal::Lane;
using internal::Reduced;
using internal::Workspace;

// The reference's Record() calls, replayed over a single evaluated element.
class Explainer {
 public:
  Explainer(const Rule& rule, const BatchEvaluator& batch, std::vector<Evidence>& out)
      : rule_(rule), batch_(batch), out_(out) {}

  void Walk(uint32_t i, size_t e, bool negated) {
    const Node& node = rule_.expr.nodes[i];
    switch (node.op) {
      case Op::kLiteral:
      case Op::kFeedSum:
      case Op::kFeedCount:
      case Op::kCount:
      case Op::kSum:
      case Op::kAny:
      case Op::kAll:
        return;  // nothing recorded; member aggregate bodies never record
      case Op::kField:
      case Op::kFeedAny: {
        const Lane& lane = batch_.lane(i);
        if (lane.E(e)) return;  // an unknown value under a Kleene and/or records nothing
        if (node.type.kind == ValueKind::kBool && (lane.N(e) != 0) != negated) {
          Record(i, fmt::format("{} = {}", Source(i), ValueOf(i, e).ToString()));
        }
        return;
      }
      case Op::kNeg:
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv:
        for (const uint32_t k : node.kids) {
          Walk(k, e, negated);
          if (batch_.lane(k).E(e)) return;  // the reference stops at the first operand without a value
        }
        return;
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe:
      case Op::kEq:
      case Op::kNe:
        Walk(node.kids[0], e, negated);
        if (batch_.lane(node.kids[0]).E(e)) return;
        Walk(node.kids[1], e, negated);
        if (!batch_.lane(i).E(e) && batch_.lane(i).N(e) != 0) {
          Record(i, fmt::format("{} {} {}", ValueOf(node.kids[0], e).ToString(), OpSymbol(node.op),
                                ValueOf(node.kids[1], e).ToString()));
        }
        return;
      case Op::kIn: {
        Walk(node.kids[0], e, negated);
        const Lane& l = batch_.lane(node.kids[0]);
        if (l.E(e)) return;
        for (size_t k = 1; k < node.kids.size(); ++k) {
          Walk(node.kids[k], e, negated);
          const Lane& item = batch_.lane(node.kids[k]);
          if (item.E(e)) return;
          if (Compare(l.R(e), item.R(e)) == 0) {
            Record(i, fmt::format("{} = {}", ValueOf(node.kids[0], e).ToString(),
                                  ValueOf(node.kids[k], e).ToString()));
            return;
          }
        }
        return;
      }
      case Op::kAnd:
      case Op::kOr: {
        Walk(node.kids[0], e, negated);
        const bool is_and = node.op == Op::kAnd;
        const Lane& l = batch_.lane(node.kids[0]);
        if (l.E(e) || (l.N(e) != 0) == is_and) Walk(node.kids[1], e, negated);  // unknown: Kleene
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
  int64_t unknown = 0;  // undecided for a value the registry does not know
};

HitCounts CollectHits(const Snapshot& s, const Rule& rule, uint32_t r, const BatchEvaluator& batch,
                      uint32_t h0, uint32_t h1, bool evidence, std::vector<BatchHit>& hits,
                      std::string& text) {
  int64_t fired = 0, not_evaluable = 0, unknown = 0;
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
    return {fired, not_evaluable, unknown};
  }
  if (rule.scope == PolicyScope::kHousehold) {
    for (uint32_t h = h0; h < h1; ++h) {
      const size_t e = h - h0;
      if (root.E(e)) {
        ++(root.Code(e) == internal::kUnknown ? unknown : not_evaluable);
      } else if (root.N(e) != 0) {
        add(h, kNoPerson, e);
        ++fired;
      }
    }
    return {fired, not_evaluable, unknown};
  }
  const uint32_t p0 = s.member_begin[h0];
  for (uint32_t h = h0; h < h1; ++h) {
    const uint32_t begin = s.member_begin[h], end = s.member_begin[h + 1];
    uint8_t error = 0;
    for (uint32_t p = begin; p < end && error == 0; ++p) error = root.Code(p - p0);
    if (error != 0) {
      // The reference stops at the first member without a value: no hit for the household.
      ++(error == internal::kUnknown ? unknown : not_evaluable);
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
  return {fired, not_evaluable, unknown};
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
      const bool aggregate =
          node.op == Op::kCount || node.op == Op::kSum || node.op == Op::kAny || node.op == Op::kAll;
      for (const uint32_t k : node.kids) {
        program.in_body[k] = program.in_body[i] || aggregate;
        stack.push_back({k, false});
      }
      program.has_body |= aggregate;
    }
    for (const uint32_t i : program.order) {
      const Node& node = expr.nodes[i];
      auto missing = [&](std::string_view what) {
        return FailedPreconditionError(
            Bilingual("规则 {}：快照缺少 {}", "rule {}: the snapshot lacks {}", rule.id, what));
      };
      if (node.op == Op::kField) {
        const size_t rows =
            Fields()[node.field].scope == FieldScope::kPerson ? snapshot.persons() : snapshot.households();
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
  std::vector<std::vector<int64_t>> unjudged(static_cast<size_t>(threads),
                                             std::vector<int64_t>(rules.size()));
  std::vector<std::vector<int64_t>> unknown(static_cast<size_t>(threads), std::vector<int64_t>(rules.size()));
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
        const HitCounts counts =
            CollectHits(s, rules[r], r, batch, h0, h1, options.evidence, hits, batch_text[b]);
        fired[t][r] += counts.fired;
        unjudged[t][r] += counts.not_evaluable;
        unknown[t][r] += counts.unknown;
      }
      // Rule-major within the batch; household-major overall (rule and person order kept).
      std::stable_sort(hits.begin(), hits.end(), [](const BatchHit& x, const BatchHit& y) {
        return x.hit.household < y.hit.household;
      });
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, static_cast<size_t>(t));
  work(0);
  for (std::thread& th : pool) th.join();

  EngineResult result;
  result.households_per_rule.assign(rules.size(), 0);
  result.not_evaluable_per_rule.assign(rules.size(), 0);
  result.unknown_per_rule.assign(rules.size(), 0);
  for (size_t t = 0; t < static_cast<size_t>(threads); ++t) {
    for (size_t r = 0; r < rules.size(); ++r) {
      result.households_per_rule[r] += fired[t][r];
      result.not_evaluable_per_rule[r] += unjudged[t][r];
      result.unknown_per_rule[r] += unknown[t][r];
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
  const size_t element =
      rule.scope == PolicyScope::kPerson ? hit.person - snapshot_->member_begin[hit.household] : 0;
  std::vector<Evidence> evidence;
  Explainer(rule, batch, evidence).Walk(rule.expr.root, element, false);
  return evidence;
}

}  // namespace jz
