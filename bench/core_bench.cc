// Micro-benchmarks of the core parsers on the import and screening hot paths.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/code_lists.h"
#include "core/id_number.h"
#include "core/money.h"

namespace {

std::vector<std::string> SampleIds(size_t n) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < n; ++i) {
    const jz::Date birth = *jz::Date::FromYmd(1940 + static_cast<int>(i % 70), 1 + static_cast<int>(i % 12),
                                              1 + static_cast<int>(i % 28));
    ids.push_back(jz::IdNumber::FromParts(222424, birth, static_cast<uint32_t>(1 + i % 998))->ToString());
  }
  return ids;
}

void BM_IdNumberParse(benchmark::State& state) {
  const std::vector<std::string> ids = SampleIds(4096);
  size_t i = 0;
  for (auto _ : state) {
    auto id = jz::IdNumber::Parse(ids[i++ & 4095]);
    benchmark::DoNotOptimize(id);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IdNumberParse);

void BM_IdNumberUnpack(benchmark::State& state) {
  std::vector<uint64_t> packed;
  for (const std::string& s : SampleIds(4096)) packed.push_back(jz::IdNumber::Parse(s)->Packed());
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(jz::IdNumber::Unpack(packed[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IdNumberUnpack);

void BM_MoneyParse(benchmark::State& state) {
  const char* values[] = {"12345.67", "1,234.50", "800元", "0.5", "98765"};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(jz::Money::Parse(values[i++ % 5]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyParse);

void BM_CodeListParse(benchmark::State& state) {
  const char* values[] = {"长期慢性病", "健康", "残疾", "4", "患有大病"};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(jz::Parse<jz::Health>(values[i++ % 5]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CodeListParse);

}  // namespace
