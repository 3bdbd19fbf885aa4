// Generator benchmark: persons per second for a registry of N persons (default 1,000,000)
// with the real Jilin regions, beside the floor of writing the same number of bytes to
// the same disk with plain fwrite (what any generator must at least spend), and peak RSS.
//
// Usage: generate_bench REGIONS_DIR [PERSONS] [OUT_DIR]
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "synth/registry_generator.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Writes `bytes` bytes in 1 MiB blocks with fwrite, then fdatasync as CsvWriter::Close()
// does: the I/O floor of writing the same file.
double WriteFloor(const std::string& path, int64_t bytes) {
  std::vector<char> block(1 << 20, 'x');
  const auto start = std::chrono::steady_clock::now();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  for (int64_t left = bytes; left > 0; left -= static_cast<int64_t>(block.size())) {
    std::fwrite(block.data(), 1,
                static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(block.size()))), f);
  }
  std::fflush(f);
  fdatasync(fileno(f));
  std::fclose(f);
  return Seconds(start);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: generate_bench REGIONS_DIR [PERSONS] [OUT_DIR]\n");
    return 2;
  }
  jz::GeneratorOptions options;
  options.regions_dir = argv[1];
  options.persons = argc > 2 ? std::stoll(argv[2]) : 1'000'000;
  options.out_dir =
      argc > 3 ? argv[3] : (std::filesystem::temp_directory_path() / "jz-generate-bench").string();
  options.seed = 1;
  options.error_rate = 0.02;

  const auto start = std::chrono::steady_clock::now();
  jz::StatusOr<jz::GeneratorSummary> summary = jz::GenerateRegistry(options);
  const double seconds = Seconds(start);
  if (!summary.ok()) {
    std::fprintf(stderr, "generate_bench: %s\n", summary.status().ToString().c_str());
    return 1;
  }
  const long rss = PeakRssMib();
  const double mb = static_cast<double>(summary->bytes) / 1e6;
  const double floor = WriteFloor(options.out_dir + "/floor.bin", summary->bytes);
  std::filesystem::remove(options.out_dir + "/floor.bin");

  fmt::print("generate: {} persons, {} households, {} villages, {:.1f} MB UTF-8, {} planted problems\n",
             summary->persons, summary->households, summary->villages, mb, summary->planted);
  fmt::print("{:<34} {:>10} {:>14} {:>10}\n", "", "seconds", "persons/s", "MB/s");
  fmt::print("{:<34} {:>10.2f} {:>14.0f} {:>10.0f}\n", "jingzhun generate", seconds,
             static_cast<double>(summary->persons) / seconds, mb / seconds);
  fmt::print("{:<34} {:>10.2f} {:>14} {:>10.0f}\n", "floor: fwrite+fdatasync, same bytes", floor, "-",
             mb / floor);
  fmt::print("ratio to floor: {:.1f}x   peak RSS: {} MiB\n", seconds / floor, rss);
  return 0;
}
