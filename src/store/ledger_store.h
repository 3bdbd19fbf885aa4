// The rectification ledger (整改台账) of the store: problems found by verification
// campaigns, inspections (督查巡查, 巡视, 成效考核反馈, 审计), data validation or external
// assessment, and the append-only history of what was done about each one until it was
// closed (销号). The rules of the state machine live in app/rectification.h; the store
// keeps rows and checks only what makes a row valid, plus one compare-and-set on the
// status so that two people acting on the same problem cannot both succeed.
//
// Reached through Store::ledger(). Thread safety: as the Store it belongs to.
#ifndef JZ_STORE_LEDGER_STORE_H_
#define JZ_STORE_LEDGER_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ledger_records.h"
#include "core/region_code.h"
#include "core/status.h"

namespace jz {

// What ListProblems returns. Empty optionals do not filter.
struct ProblemFilter {
  std::optional<RegionCode> scope = std::nullopt;  // problems whose region lies inside it
  std::optional<ProblemStatus> status = std::nullopt;
  std::optional<ProblemSource> source = std::nullopt;
  std::optional<std::string> source_ref = std::nullopt;
};

// One change of a problem's state: `event` is appended and the problem's status set to
// `new_status` (and its owner to `new_owner` when given), provided its status still is
// `expected_status`.
struct ProblemTransition {
  ProblemEvent event;
  ProblemStatus expected_status = ProblemStatus::kOpen;
  ProblemStatus new_status = ProblemStatus::kOpen;
  std::optional<std::string> new_owner = std::nullopt;
};

class LedgerStore {
 public:
  virtual ~LedgerStore() = default;

  // Adds `problems` in one transaction, each with an `opened` event (actor created_by,
  // date created_at, note `opened_note`). A problem whose key is already stored (or
  // repeated earlier in `problems`) is skipped. Returns, parallel to `problems`, the id
  // of each problem and whether it was added (true) or skipped (false).
  // Fails, storing nothing, with InvalidArgument when a problem breaks an invariant
  // (naming its index and field) and FailedPrecondition while a RegistryWriter is open.
  virtual StatusOr<std::vector<std::pair<int64_t, bool>>> AddProblems(std::span<const Problem> problems,
                                                                      std::string_view opened_note) = 0;

  // The problem with `id`, or nullopt.
  virtual StatusOr<std::optional<Problem>> FindProblem(int64_t id) = 0;

  // Problems matching `filter`, ordered by id.
  virtual StatusOr<std::vector<Problem>> ListProblems(const ProblemFilter& filter) = 0;

  // The history of problem `id`, oldest first (by date, then by id).
  virtual StatusOr<std::vector<ProblemEvent>> ListProblemEvents(int64_t id) = 0;

  // Applies `transition` in one transaction. Fails, changing nothing, with NotFound when
  // the problem does not exist, Aborted when its status is no longer expected_status
  // (someone else acted first), and FailedPrecondition while a RegistryWriter is open.
  virtual Status ApplyTransition(const ProblemTransition& transition) = 0;
};

}  // namespace jz

#endif  // JZ_STORE_LEDGER_STORE_H_
