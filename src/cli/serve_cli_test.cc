// `jingzhun serve` as a process: it prints the address to open, answers the health check,
// and on SIGTERM stops and exits 0; a database that does not open is refused before serving.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>

#include "cli/testing/run_jingzhun.h"

extern char** environ;

namespace {

using jz::cli_testing::RunJingzhun;

// The started server: its pid and the pipe its stdout goes to.
struct Served {
  pid_t pid = -1;
  int out = -1;
};

Served Spawn(const std::string& db) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::string binary = JZ_BINARY;
  std::vector<std::string> args = {binary,     "--lang",      "en",        "serve", db,
                                   "--listen", "127.0.0.1:0", "--threads", "2"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  Served s;
  EXPECT_EQ(posix_spawn(&s.pid, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  s.out = fds[0];
  return s;
}

// Reads the child's stdout up to the first newline.
std::string ReadLine(int fd) {
  std::string line;
  char c = 0;
  while (read(fd, &c, 1) == 1 && c != '\n') line.push_back(c);
  return line;
}

std::string HttpGet(int port, const std::string& target) {
  const int sock = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (connect(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    EXPECT_EQ(write(sock, request.data(), request.size()), static_cast<ssize_t>(request.size()));
    char buffer[4096];
    ssize_t n = 0;
    while ((n = read(sock, buffer, sizeof buffer)) > 0) reply.append(buffer, static_cast<size_t>(n));
  }
  close(sock);
  return reply;
}

TEST(ServeCli, AnswersHealthAndStopsCleanlyOnSigterm) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("jz-serve-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "j.db").string();
  ASSERT_EQ(RunJingzhun("regions load " + db + " " + std::string(JZ_SHARED_DATA_DIR) + "/regions").exit_code,
            0);

  Served served = Spawn(db);
  const std::string line = ReadLine(served.out);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(line, m, std::regex("serving at http://127\\.0\\.0\\.1:([0-9]+)/"))) << line;
  const int port = std::stoi(m[1]);

  const std::string health = HttpGet(port, "/api/v1/health");
  EXPECT_NE(health.find("HTTP/1.1 200 OK"), std::string::npos) << health;
  EXPECT_NE(health.find("\"database\":\"ok\""), std::string::npos) << health;

  ASSERT_EQ(kill(served.pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(served.pid, &status, 0), served.pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(ReadLine(served.out).find("stopping"), std::string::npos);
  close(served.out);

  jz::cli_testing::Result threads =
      RunJingzhun("--lang en serve " + db + " --listen 127.0.0.1:0 --threads 100000");
  EXPECT_EQ(threads.exit_code, 3) << threads.out;
  EXPECT_NE(threads.out.find("threads must be 1 to 256: 100000"), std::string::npos) << threads.out;
  jz::cli_testing::Result host = RunJingzhun("--lang en serve " + db + " --listen localhost:8080");
  EXPECT_EQ(host.exit_code, 3) << host.out;
  EXPECT_NE(host.out.find("must be an IP address"), std::string::npos) << host.out;
  jz::cli_testing::Result proxy =
      RunJingzhun("--lang en serve " + db + " --listen 127.0.0.1:0 --trusted-proxy nginx.local");
  EXPECT_EQ(proxy.exit_code, 3) << proxy.out;
  EXPECT_NE(proxy.out.find("--trusted-proxy must be an IP address (e.g. 127.0.0.1): nginx.local"),
            std::string::npos)
      << proxy.out;
  std::filesystem::remove_all(dir);
}

TEST(ServeCli, HelpNamesTheSessionOptions) {
  jz::cli_testing::Result help = RunJingzhun("serve --help");
  EXPECT_EQ(help.exit_code, 0) << help.out;
  EXPECT_NE(help.out.find("--secure-cookies"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--trusted-proxy"), std::string::npos) << help.out;
}

TEST(ServeCli, RefusesAMissingDatabaseAndABadListenAddress) {
  jz::cli_testing::Result missing = RunJingzhun("--lang en serve /nonexistent/j.db --listen 127.0.0.1:0");
  EXPECT_EQ(missing.exit_code, 4) << missing.out;  // not found
  EXPECT_NE(missing.out.find("/nonexistent/j.db"), std::string::npos) << missing.out;
  jz::cli_testing::Result bad = RunJingzhun("--lang en serve x.db --listen localhost");
  EXPECT_EQ(bad.exit_code, 3) << bad.out;  // invalid input
  EXPECT_NE(bad.out.find("--listen must be host:port"), std::string::npos) << bad.out;
}

}  // namespace
