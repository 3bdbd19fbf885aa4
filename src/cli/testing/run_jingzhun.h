// Test support for the CLI tests: runs the built `jingzhun` binary (JZ_BINARY, set by
// src/cli/CMakeLists.txt) through the shell and captures what it printed.
#ifndef JZ_CLI_TESTING_RUN_JINGZHUN_H_
#define JZ_CLI_TESTING_RUN_JINGZHUN_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace jz::cli_testing {

struct Result {
  int exit_code = -1;
  std::string out;  // stdout and stderr, in order
};

// Runs the binary with `args` (shell-quoted by the caller). `prefix` goes before the binary:
// environment settings ("JZ_TEST_SQLITE_MAX_PAGE_COUNT=1 ") or a wrapper such as setpriv.
inline Result RunJingzhun(const std::string& args, const std::string& prefix = "") {
  const std::string command = prefix + std::string(JZ_BINARY) + " " + args + " 2>&1";
  Result r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace jz::cli_testing

#endif  // JZ_CLI_TESTING_RUN_JINGZHUN_H_
