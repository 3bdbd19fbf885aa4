// The columnar rule engine: evaluates every rule of a policy over a whole snapshot
// (engine/snapshot.h), a batch of households at a time, each expression node computed for
// the whole batch as one tight loop over typed arrays, batches spread over every core.
//
// Its results equal the reference evaluator's (rules/evaluator.h) household by household,
// including where the data cannot answer (a year field of a household without a data year,
// a division by zero, an overflow: the rule is "not evaluable" there, and a person-scope
// rule with one such member yields no hit for the whole household, as the reference does),
// and Explain() gives the same evidence text; engine tests and the screening tests check
// both on generated data.
//
//   ASSIGN_OR_RETURN(RuleEngine engine, RuleEngine::Create(policy, snapshot));
//   ASSIGN_OR_RETURN(EngineResult result, engine.Run());
//   for (const EngineHit& hit : result.hits) ... engine.Explain(hit) ...
//
// A policy with changed parameters (what-if) is evaluated over the same snapshot by a new
// RuleEngine, as long as it reads no field or feed aggregate the snapshot lacks.
//
// Thread safety: Run() and Explain() are const; the snapshot must not change meanwhile.
#ifndef JZ_ENGINE_RULE_ENGINE_H_
#define JZ_ENGINE_RULE_ENGINE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "engine/snapshot.h"
#include "rules/evaluator.h"
#include "rules/policy.h"

namespace jz {

inline constexpr uint32_t kNoPerson = UINT32_MAX;

// A rule that fired: for a household, or for one person of it (person-scope rules).
struct EngineHit {
  uint32_t household = 0;
  uint32_t person = kNoPerson;  // snapshot person index
  uint32_t rule = 0;            // index into Policy::rules

  friend bool operator==(const EngineHit&, const EngineHit&) = default;
};

struct EngineResult {
  // Ordered by household, then rule, then person.
  std::vector<EngineHit> hits;
  // With RunOptions::evidence: FormatEvidence(Explain(hits[i])).
  std::string_view evidence(size_t i) const {
    const EvidenceRef& r = evidence_refs[i];
    return std::string_view(evidence_text[r.batch]).substr(r.begin, r.size);
  }
  // Where evidence(i) is: each batch's texts back to back in one string, not a string a hit
  // (a million warnings would be a million allocations and twice the memory).
  struct EvidenceRef {
    uint32_t batch = 0, begin = 0, size = 0;
  };
  std::vector<std::string> evidence_text;  // per batch
  std::vector<EvidenceRef> evidence_refs;  // per hit, with RunOptions::evidence
  // Per rule: households where it fired, and (household, rule) pairs it could not judge.
  std::vector<int64_t> households_per_rule;
  std::vector<int64_t> not_evaluable_per_rule;
  // Per rule: (household, rule) pairs left undecided by a value the registry does not know
  // (rules/evaluator.h IsUnknownValue); neither fired nor counted as not evaluable.
  std::vector<int64_t> unknown_per_rule;
};

struct RunOptions {
  int threads = 0;              // 0: every core
  bool evidence = false;        // also format each hit's evidence (costs about a microsecond a hit)
  std::vector<bool> only = {};  // when not empty: evaluate rule r only where only[r]
};

// Evidence as one line for a warning: "clause: values；clause: values".
std::string FormatEvidence(const std::vector<Evidence>& evidence);

class RuleEngine {
 public:
  // Prepares `policy` for `snapshot`. Fails with FailedPrecondition when a rule reads a
  // field or feed aggregate the snapshot was not built with. Both must outlive the engine.
  static StatusOr<RuleEngine> Create(const Policy& policy, const Snapshot& snapshot);

  // Evaluates every rule for every household.
  StatusOr<EngineResult> Run(const RunOptions& options = {}) const;

  // The evidence of `hit`, exactly as Evaluate() of rules/evaluator.h records it.
  std::vector<Evidence> Explain(const EngineHit& hit) const;

  // One rule prepared for the engine.
  struct Program {
    std::vector<uint32_t> order;   // the nodes reachable from the root, children first
    std::vector<uint8_t> in_body;  // per node: 1 inside a member aggregate's body
    std::vector<int> feed_key;     // per node: the snapshot's feed key of a feed aggregate
    bool has_body = false;
  };

 private:
  RuleEngine(const Policy& policy, const Snapshot& snapshot) : policy_(&policy), snapshot_(&snapshot) {}

  const Policy* policy_;
  const Snapshot* snapshot_;
  std::vector<Program> programs_;
};

}  // namespace jz

#endif  // JZ_ENGINE_RULE_ENGINE_H_
