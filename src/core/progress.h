// The progress callback that long-running use cases report to. The CLI renders it as a
// bar on a terminal; tests and pipes use NoProgress(). Implementations must be cheap to
// call often: callers report every few thousand items, not every item.
#ifndef JZ_CORE_PROGRESS_H_
#define JZ_CORE_PROGRESS_H_

#include <cstdint>
#include <string_view>

namespace jz {

class Progress {
 public:
  virtual ~Progress() = default;
  // Begins a phase named `label` (user-facing, zh-Hans) of `total` units (<= 0: unknown).
  virtual void Start(std::string_view label, int64_t total) = 0;
  // Reports `done` units of the current phase completed so far.
  virtual void Update(int64_t done) = 0;
  // Ends the current phase.
  virtual void Finish() = 0;
};

// A Progress that ignores everything.
Progress& NoProgress();

}  // namespace jz

#endif  // JZ_CORE_PROGRESS_H_
