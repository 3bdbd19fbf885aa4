// Renders Progress as a one-line bar on stderr when stderr is a terminal, and prints
// nothing otherwise (pipes, CI logs, files), so output stays clean for machines.
#ifndef JZ_CLI_TERMINAL_PROGRESS_H_
#define JZ_CLI_TERMINAL_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "core/progress.h"

namespace jz::cli {

class TerminalProgress final : public Progress {
 public:
  // `enabled` false makes every call a no-op; Default() decides from isatty(stderr).
  explicit TerminalProgress(bool enabled) : enabled_(enabled) {}
  static TerminalProgress Default();

  void Start(std::string_view label, int64_t total) override;
  void Update(int64_t done) override;
  void Finish() override;

 private:
  void Render(bool final_line);

  bool enabled_;
  std::string label_;
  int64_t total_ = 0;
  int64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_render_;
};

}  // namespace jz::cli

#endif  // JZ_CLI_TERMINAL_PROGRESS_H_
