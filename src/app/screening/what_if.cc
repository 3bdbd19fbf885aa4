// What-if: two engine runs over one snapshot, compared as sorted (household, rule) sets.
#include "app/screening/what_if.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "io/report_file.h"

namespace jz {
namespace {

using Clock = std::chrono::steady_clock;

// The distinct (household, rule) pairs of sorted hits.
std::vector<std::pair<uint32_t, uint32_t>> Pairs(const EngineResult& result) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  pairs.reserve(result.hits.size());
  for (const EngineHit& hit : result.hits) {
    const std::pair<uint32_t, uint32_t> p{hit.household, hit.rule};
    if (pairs.empty() || pairs.back() != p) pairs.push_back(p);
  }
  return pairs;
}

StatusOr<EngineResult> RunPolicy(const Snapshot& snapshot, const Policy& policy, int threads,
                                 std::vector<bool> only = {}) {
  ASSIGN_OR_RETURN(RuleEngine engine, RuleEngine::Create(policy, snapshot));
  return engine.Run({.threads = threads, .evidence = false, .only = std::move(only)});
}

// Whether a changed value reaches the rule: the same text compiles to the same tree, so
// the rules differ exactly where a folded parameter literal does.
bool SameRule(const Rule& a, const Rule& b) {
  if (a.expr.text != b.expr.text || a.expr.nodes.size() != b.expr.nodes.size()) return false;
  for (size_t i = 0; i < a.expr.nodes.size(); ++i) {
    if (a.expr.nodes[i].op != b.expr.nodes[i].op || !(a.expr.nodes[i].value == b.expr.nodes[i].value))
      return false;
  }
  return true;
}

}  // namespace

StatusOr<WhatIfResult> CompareWhatIf(const Snapshot& snapshot, const Policy& base, const Policy& changed,
                                     int threads, const std::vector<bool>& decidable) {
  bool same_rules = base.rules.size() == changed.rules.size();
  for (size_t r = 0; same_rules && r < base.rules.size(); ++r)
    same_rules = base.rules[r].id == changed.rules[r].id;
  if (!same_rules) {
    return InvalidArgumentError(
        Bilingual("两个政策的规则不同，无法比较", "the two policies have different rules"));
  }
  WhatIfResult result;
  auto start = Clock::now();
  ASSIGN_OR_RETURN(EngineResult before, RunPolicy(snapshot, base, threads, decidable));
  result.base_seconds = std::chrono::duration<double>(Clock::now() - start).count();

  // Only the rules a changed value reaches are evaluated again; the others keep their hits.
  start = Clock::now();
  std::vector<bool> affected(base.rules.size());
  for (size_t r = 0; r < base.rules.size(); ++r) {
    affected[r] = !SameRule(base.rules[r], changed.rules[r]) && (decidable.empty() || decidable[r]);
  }
  ASSIGN_OR_RETURN(EngineResult after, RunPolicy(snapshot, changed, threads, affected));
  std::vector<std::pair<uint32_t, uint32_t>> a = Pairs(before);
  std::erase_if(a, [&](const std::pair<uint32_t, uint32_t>& p) { return !affected[p.second]; });
  const std::vector<std::pair<uint32_t, uint32_t>> b = Pairs(after);
  size_t i = 0, j = 0;
  auto record = [&](std::pair<uint32_t, uint32_t> p, bool enters) {
    result.changes.push_back({p.first, p.second, enters});
    auto& counts = result.per_county[{snapshot.county[p.first], p.second}];
    (enters ? counts.first : counts.second) += 1;
  };
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i] < b[j])) {
      record(a[i++], false);
    } else if (i == a.size() || b[j] < a[i]) {
      record(b[j++], true);
    } else {
      ++i;
      ++j;
    }
  }
  result.rerun_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.base_households_per_rule = std::move(before.households_per_rule);
  result.changed_households_per_rule = std::move(after.households_per_rule);
  for (size_t r = 0; r < base.rules.size(); ++r) {
    if (!affected[r]) result.changed_households_per_rule[r] = result.base_households_per_rule[r];
  }
  result.rules_reevaluated = static_cast<int>(std::count(affected.begin(), affected.end(), true));
  return result;
}

Status WriteWhatIfList(const std::string& path, const Snapshot& snapshot, const Policy& policy,
                       const WhatIfResult& result, Lang lang) {
  static const std::vector<ReportColumn> kColumns = {{"county", "县", "county"},
                                                     {"household_no", "户编号", "household no"},
                                                     {"rule", "规则", "rule"},
                                                     {"rule_name", "规则名称", "rule name"},
                                                     {"change", "变化", "change"}};
  ASSIGN_OR_RETURN(std::unique_ptr<ReportFile> out, ReportFile::Create(path, lang));
  out->StartTable("changes", kColumns);
  const std::string enters = TextIn(lang, Bilingual("进入", "enters"));
  const std::string leaves = TextIn(lang, Bilingual("退出", "leaves"));
  std::vector<std::string> names;  // policies name rules in zh-Hans only: English keeps it
  for (const Rule& rule : policy.rules)
    names.push_back(lang == Lang::kZhHant ? ToTraditional(rule.name_zh) : rule.name_zh);
  for (const WhatIfChange& c : result.changes) {
    out->Row({fmt::format("{:06}", snapshot.county[c.household]),
              std::string(snapshot.household_no[c.household]), policy.rules[c.rule].id, names[c.rule],
              c.enters ? enters : leaves});
  }
  return out->Close();
}

}  // namespace jz
