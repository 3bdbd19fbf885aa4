// The do-nothing Progress.
#include "core/progress.h"

namespace jz {
namespace {
class NullProgress final : public Progress {
 public:
  void Start(std::string_view, int64_t) override {}
  void Update(int64_t) override {}
  void Finish() override {}
};
}  // namespace

Progress& NoProgress() {
  static NullProgress progress;
  return progress;
}

}  // namespace jz
