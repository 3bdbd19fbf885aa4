// Runs the columnar engine (src/engine) on hand-built households with reference-style feed
// rows (rules/evaluator.h FeedView), so tests can hold it to the reference evaluator's
// results household by household. Header-only; link jz_engine.
#ifndef JZ_TESTS_TESTUTIL_ENGINE_ADAPTER_H_
#define JZ_TESTS_TESTUTIL_ENGINE_ADAPTER_H_

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "engine/rule_engine.h"
#include "engine/snapshot.h"

namespace jz::testing {

// One rule hit in comparable form: (rule id, household index, member index or -1,
// evidence joined), plus the (household, rule) pairs that could not be judged.
struct ComparableHit {
  std::string rule;
  size_t household = 0;
  int member = -1;
  std::string evidence;
  friend bool operator==(const ComparableHit&, const ComparableHit&) = default;
  friend bool operator<(const ComparableHit& a, const ComparableHit& b) {
    return std::tie(a.household, a.rule, a.member, a.evidence) <
           std::tie(b.household, b.rule, b.member, b.evidence);
  }
};

inline std::string JoinEvidence(const std::vector<Evidence>& evidence) {
  std::string text;
  for (const Evidence& e : evidence) text += e.clause + " => " + e.values + "\n";
  return text;
}

struct ComparableRun {
  std::vector<ComparableHit> hits;
  std::map<std::string, int64_t> not_evaluable;  // (household, rule) pairs per rule id
  std::map<std::string, int64_t> unknown;        // undecided for an unknown value, per rule id
};

// The reference evaluator over `households`, feeds[i] being household i's rows.
inline ComparableRun RunReference(const Policy& policy, const std::vector<Household>& households,
                                  const std::vector<FeedView>& feeds, Date as_of) {
  ComparableRun run;
  for (size_t h = 0; h < households.size(); ++h) {
    for (const Rule& rule : policy.rules) {
      StatusOr<Outcome> outcome = Evaluate(rule, households[h], feeds[h], as_of);
      if (!outcome.ok()) {
        ++(IsUnknownValue(outcome.status()) ? run.unknown : run.not_evaluable)[rule.id];
        continue;
      }
      for (const Hit& hit : outcome->hits) {
        run.hits.push_back(
            {rule.id, h, hit.member ? static_cast<int>(*hit.member) : -1, JoinEvidence(hit.evidence)});
      }
    }
  }
  std::sort(run.hits.begin(), run.hits.end());
  return run;
}

// The engine over the same input: a snapshot of `households`, each feed row added for its
// member. REQUIRES: ID numbers distinct across households.
inline StatusOr<ComparableRun> RunEngine(const Policy& policy, const std::vector<Household>& households,
                                         const std::vector<FeedView>& feeds, Date as_of, int threads = 2) {
  SnapshotBuilder builder(NeedsOf(policy), as_of);
  for (const Household& h : households) builder.Add(h);
  Snapshot snapshot = std::move(builder).Finish();
  FeedAccumulator acc(snapshot, policy.feeds);
  for (size_t h = 0; h < households.size(); ++h) {
    for (const auto& [feed, rows] : feeds[h].rows) {
      for (const FeedRow& row : rows) {
        std::vector<int64_t> values;
        for (const Value& v : row.values) values.push_back(v.number.num);
        acc.AddMatched(feed, snapshot.member_begin[h] + static_cast<uint32_t>(row.member), row.date, values);
      }
    }
  }
  RETURN_IF_ERROR(acc.status());
  ASSIGN_OR_RETURN(RuleEngine engine, RuleEngine::Create(policy, snapshot));
  ASSIGN_OR_RETURN(EngineResult result, engine.Run({.threads = threads, .evidence = true}));
  ComparableRun run;
  for (size_t i = 0; i < result.hits.size(); ++i) {
    const EngineHit& hit = result.hits[i];
    if (result.evidence(i) != FormatEvidence(engine.Explain(hit)))
      return InternalError("bulk and single evidence differ");
    const int member =
        hit.person == kNoPerson ? -1 : static_cast<int>(hit.person - snapshot.member_begin[hit.household]);
    run.hits.push_back({policy.rules[hit.rule].id, hit.household, member, JoinEvidence(engine.Explain(hit))});
  }
  std::sort(run.hits.begin(), run.hits.end());
  for (size_t r = 0; r < policy.rules.size(); ++r) {
    if (result.not_evaluable_per_rule[r] > 0)
      run.not_evaluable[policy.rules[r].id] = result.not_evaluable_per_rule[r];
    if (result.unknown_per_rule[r] > 0) run.unknown[policy.rules[r].id] = result.unknown_per_rule[r];
  }
  return run;
}

}  // namespace jz::testing

#endif  // JZ_TESTS_TESTUTIL_ENGINE_ADAPTER_H_
