// A throttled (10 Hz) progress bar: label, bar, percentage, count, rate, elapsed time.
#include "cli/terminal_progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace jz::cli {

TerminalProgress TerminalProgress::Default() { return TerminalProgress(isatty(STDERR_FILENO) == 1); }

void TerminalProgress::Start(std::string_view label, int64_t total) {
  label_ = std::string(label);
  total_ = total;
  done_ = 0;
  start_ = std::chrono::steady_clock::now();
  last_render_ = {};
  if (enabled_) Render(false);
}

void TerminalProgress::Update(int64_t done) {
  done_ = done;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_render_ < std::chrono::milliseconds(100)) return;
  Render(false);
}

void TerminalProgress::Finish() {
  if (enabled_) Render(true);
}

void TerminalProgress::Render(bool final_line) {
  last_render_ = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(last_render_ - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
  std::string bar;
  if (total_ > 0) {
    constexpr int kWidth = 30;
    const double fraction = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    const int filled = static_cast<int>(fraction * kWidth);
    bar = fmt::format("[{}{}] {:5.1f}% {}/{}", std::string(static_cast<size_t>(filled), '#'),
                      std::string(static_cast<size_t>(kWidth - filled), ' '), fraction * 100, done_, total_);
  } else {
    bar = fmt::format("{}", done_);
  }
  fmt::print(stderr, "\r\033[K{} {} {:.0f}/s {:.1f}s{}", label_, bar, rate, seconds, final_line ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace jz::cli
