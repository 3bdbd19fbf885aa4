// Screening-engine loader benchmark on a generated N-person registry with its departmental
// feeds (default 1,000,000 persons, 2% planted problems, generated once into WORK_DIR):
//  - the registry export loaded into a snapshot for the Jilin policy's needs, fast path vs
//    slow path (RegistryReader + SnapshotBuilder), MB/s and seconds;
//  - each feed of the policy added to the snapshot's aggregates, fast vs slow (LoadFeedTable);
//  - the fast total and the process's peak resident memory after the fast runs, beside the
//    targets at 10 million persons: the whole screening under 4 s (4x DuckDB's ~16 s on this
//    2-core machine) and under 2 GiB.
// The slow paths hold every row in memory; above 2 million persons they are skipped.
//
// Usage: engine_bench REGIONS_DIR [PERSONS] [WORK_DIR] [fast]   (fast: skip the slow paths)
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/feed_loader.h"
#include "engine/registry_loader.h"
#include "rules/policy.h"
#include "synth/feed_generator.h"

namespace {

constexpr int64_t kMaxSlowPersons = 2'000'000;

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int Fail(const jz::Status& status) {
  std::fprintf(stderr, "engine_bench: %s\n", status.ToString().c_str());
  return 1;
}

// CPU seconds (user + system) of the whole process so far: with the wall time it shows how
// well the threads were used, and it is not inflated by other load on the machine.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double g_cpu_start = 0;

void PrintLine(const std::string& what, double bytes, double seconds) {
  const double cpu = CpuSeconds() - g_cpu_start;
  fmt::print("{:<34} {:>9.0f} {:>9.3f} {:>10.0f} {:>9.3f}\n", what, bytes / 1e6, seconds,
             bytes / 1e6 / seconds, cpu);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: engine_bench REGIONS_DIR [PERSONS] [WORK_DIR]\n");
    return 2;
  }
  const int64_t persons = argc > 2 ? std::stoll(argv[2]) : 1'000'000;
  const std::filesystem::path work =
      argc > 3 ? std::filesystem::path(argv[3]) : std::filesystem::temp_directory_path() / "jz-engine-bench";
  const std::string policy_path = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";

  jz::FeedOptions g;
  g.registry.out_dir = (work / "registry").string();
  g.registry.persons = persons;
  g.registry.regions_dir = argv[1];
  g.registry.error_rate = 0.02;
  g.registry.data_year = 2025;
  g.policy_path = policy_path;
  // Generated once per size: a marker file says the data in WORK_DIR is complete.
  const std::filesystem::path marker = work / fmt::format("generated-{}.ok", persons);
  if (!std::filesystem::exists(marker)) {
    std::filesystem::remove_all(work);
    const auto generate_start = std::chrono::steady_clock::now();
    jz::StatusOr<jz::FeedSummary> generated = jz::GenerateFeeds(g);
    if (!generated.ok()) return Fail(generated.status());
    fmt::print("generated {} persons with feeds in {:.1f} s\n", persons, Since(generate_start));
    std::ofstream(marker) << "ok\n";
  }
  jz::StatusOr<jz::Policy> policy = jz::LoadPolicyFile(policy_path);
  if (!policy.ok()) return Fail(policy.status());
  const jz::SnapshotNeeds needs = jz::NeedsOf(*policy);
  const jz::Date as_of = *jz::Date::FromYmd(2025, 12, 31);
  const std::string registry_path = (work / "registry" / jz::kRegistryFileName).string();
  auto feed_path = [&](size_t f) {
    return (work / "registry" / "feeds" / (policy->feeds[f].name + ".csv")).string();
  };
  const auto registry_bytes = static_cast<double>(std::filesystem::file_size(registry_path));

  fmt::print("{:<34} {:>9} {:>9} {:>10} {:>9}\n", "", "MB", "seconds", "MB/s", "CPU s");
  g_cpu_start = CpuSeconds();
  auto start = std::chrono::steady_clock::now();
  jz::StatusOr<jz::RegistryLoadResult> fast = jz::LoadRegistrySnapshot(registry_path, needs, as_of, {});
  const double registry_seconds = Since(start);
  if (!fast.ok()) return Fail(fast.status());
  PrintLine(fast->fast_path ? "registry, fast" : "registry, fast (fell back!)", registry_bytes,
            registry_seconds);
  double total_seconds = registry_seconds;
  std::vector<double> feed_bytes;
  jz::FeedAccumulator acc(fast->snapshot, policy->feeds);
  for (size_t f = 0; f < policy->feeds.size(); ++f) {
    const std::string path = feed_path(f);
    feed_bytes.push_back(static_cast<double>(std::filesystem::file_size(path)));
    g_cpu_start = CpuSeconds();
    start = std::chrono::steady_clock::now();
    jz::StatusOr<jz::FeedLoadResult> loaded = jz::LoadFeed(path, policy->feeds[f], f, acc, {});
    const double seconds = Since(start);
    if (!loaded.ok()) return Fail(loaded.status());
    total_seconds += seconds;
    PrintLine(fmt::format("feed {}, fast{}", policy->feeds[f].name, loaded->fast_path ? "" : " (fell back!)"),
              feed_bytes.back(), seconds);
  }
  const long fast_rss = PeakRssMib();
  fmt::print(
      "fast loading total: {:.2f} s for {} persons ({} households kept, {} rejected); peak RSS {} MiB; "
      "snapshot {:.0f} MiB\n",
      total_seconds, persons, fast->snapshot.households(), fast->households_rejected, fast_rss,
      static_cast<double>(fast->snapshot.MemoryBytes()) / (1 << 20));
  fmt::print("target at 10,000,000 persons: whole screening < 4 s (DuckDB ~16 s), peak < 2048 MiB\n\n");

  if (argc > 4 && std::string(argv[4]) == "fast") return 0;
  if (persons > kMaxSlowPersons) {
    fmt::print("slow paths skipped above {} persons (they hold every row in memory)\n", kMaxSlowPersons);
    return 0;
  }
  jz::RegistryLoadOptions slow_options;
  slow_options.force_slow = true;
  g_cpu_start = CpuSeconds();
  start = std::chrono::steady_clock::now();
  jz::StatusOr<jz::RegistryLoadResult> slow =
      jz::LoadRegistrySnapshot(registry_path, needs, as_of, slow_options);
  const double slow_seconds = Since(start);
  if (!slow.ok()) return Fail(slow.status());
  PrintLine("registry, slow", registry_bytes, slow_seconds);
  jz::FeedAccumulator slow_acc(slow->snapshot, policy->feeds);
  for (size_t f = 0; f < policy->feeds.size(); ++f) {
    jz::FeedLoadOptions options;
    options.force_slow = true;
    g_cpu_start = CpuSeconds();
    start = std::chrono::steady_clock::now();
    jz::StatusOr<jz::FeedLoadResult> loaded =
        jz::LoadFeed(feed_path(f), policy->feeds[f], f, slow_acc, options);
    if (!loaded.ok()) return Fail(loaded.status());
    PrintLine(fmt::format("feed {}, slow", policy->feeds[f].name), feed_bytes[f], Since(start));
  }
  fmt::print("registry: fast is {:.1f}x the slow path\n", slow_seconds / registry_seconds);
  return 0;
}
