// Registry benchmark on a generated N-person export (default 1,000,000, 2% planted
// problems):
//  - import: `jingzhun import --partial` into a fresh SQLite database, beside the anchor a
//    user would otherwise reach for, the sqlite3 shell's `.import` of the same file into a
//    table of text columns (no parsing, no validation, no indexes; run first, so its memory
//    figure is its own);
//  - validate: every rule over the imported registry (target: under 3 s for 1M persons);
//  - recall and precision of import + validate against the planted problems.
//
// Usage: registry_bench REGIONS_DIR [PERSONS] [WORK_DIR]
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/registry/region_loader.h"
#include "app/registry/registry_importer.h"
#include "app/registry/registry_validation.h"
#include "store/sqlite/sqlite_store.h"
#include "synth/planted_truth.h"
#include "synth/registry_generator.h"

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long MaxRssMib(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return usage.ru_maxrss / 1024;
}

int Fail(const jz::Status& status) {
  std::fprintf(stderr, "registry_bench: %s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: registry_bench REGIONS_DIR [PERSONS] [WORK_DIR]\n");
    return 2;
  }
  const std::string regions = argv[1];
  const int64_t persons = argc > 2 ? std::stoll(argv[2]) : 1'000'000;
  const std::filesystem::path work =
      argc > 3 ? std::filesystem::path(argv[3]) : std::filesystem::temp_directory_path() / "jz-import-bench";
  std::filesystem::create_directories(work);

  jz::GeneratorOptions g;
  g.out_dir = (work / "registry").string();
  g.persons = persons;
  g.regions_dir = regions;
  g.error_rate = 0.02;
  g.data_year = 2025;
  jz::StatusOr<jz::GeneratorSummary> generated = jz::GenerateRegistry(g);
  if (!generated.ok()) return Fail(generated.status());

  const std::string anchor_db = (work / "sqlite-import.db").string();
  std::filesystem::remove(anchor_db);
  const std::string command =
      fmt::format("sqlite3 '{}' '.mode csv' '.import {} registry'", anchor_db, generated->registry_path);
  const auto anchor_start = std::chrono::steady_clock::now();
  const int rc = std::system(command.c_str());
  const double anchor = Since(anchor_start);
  if (rc != 0) {
    std::fprintf(stderr, "registry_bench: sqlite3 failed (is the sqlite3 package installed?)\n");
    return 1;
  }
  const long anchor_rss = MaxRssMib(RUSAGE_CHILDREN);

  const std::string db = (work / "jingzhun.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  jz::StatusOr<std::unique_ptr<jz::Store>> store = jz::OpenSqliteStore(db);
  if (!store.ok()) return Fail(store.status());
  if (auto loaded = jz::LoadRegions(**store, regions, 2023); !loaded.ok()) return Fail(loaded.status());

  jz::ImportOptions options;
  options.files = {generated->registry_path};
  options.partial = true;
  options.data_year = 2025;
  // Timed like the anchor's whole process: the import and closing the database, where
  // SQLite checkpoints the write-ahead log into the file.
  const auto start = std::chrono::steady_clock::now();
  jz::StatusOr<jz::ImportSummary> imported = jz::ImportRegistry(**store, options);
  store->reset();
  const double ours = Since(start);
  if (!imported.ok()) return Fail(imported.status());
  store = jz::OpenSqliteStore(db);
  if (!store.ok()) return Fail(store.status());
  const long our_rss = MaxRssMib(RUSAGE_SELF);

  const auto validate_start = std::chrono::steady_clock::now();
  jz::StatusOr<jz::ValidationResult> validated =
      jz::ValidateRegistry(**store, {*jz::RegionCode::Parse("22"), {}});
  const double validate_seconds = Since(validate_start);
  if (!validated.ok()) return Fail(validated.status());
  jz::StatusOr<jz::TruthScore> score =
      jz::ScoreAgainstTruth(generated->truth_path, imported->problems, validated->findings);
  if (!score.ok()) return Fail(score.status());

  const double mb = static_cast<double>(generated->bytes) / 1e6;
  fmt::print(
      "import: {} persons ({:.0f} MB CSV), {} households stored, {} rows rejected (planted problems)\n",
      generated->persons, mb, imported->inserted, imported->rejected_rows);
  fmt::print("{:<44} {:>9} {:>12} {:>10}\n", "", "seconds", "persons/s", "peak MiB");
  fmt::print("{:<44} {:>9.2f} {:>12.0f} {:>10}\n", "jingzhun import (parse, check, index, close)", ours,
             static_cast<double>(generated->persons) / ours, our_rss);
  fmt::print("{:<44} {:>9.2f} {:>12.0f} {:>10}\n", "sqlite3 .import (text columns, no checks)", anchor,
             static_cast<double>(generated->persons) / anchor, anchor_rss);
  fmt::print("ratio: jingzhun import takes {:.2f}x the time of sqlite3 .import\n\n", ours / anchor);
  fmt::print("validate: {} persons, {} households in {:.2f} s ({:.0f} persons/s); {} errors, {} warnings\n",
             validated->persons, validated->households, validate_seconds,
             static_cast<double>(validated->persons) / validate_seconds, validated->errors,
             validated->warnings);
  fmt::print("\nrecall and precision of import + validate on the planted problems:\n{}",
             jz::FormatTruthScore(*score));
  return 0;
}
