# The two quick-start commands, `make demo` and `make test`, plus build, bench and fuzz.
# Each target installs what is missing first (scripts/setup), then builds with CMake + Ninja.
SHARED     ?= $(abspath ../shared)
BUILD      := build/release
ASAN_BUILD := build/asan
FUZZ_BUILD := build/fuzz
# Every fuzz/<name>_fuzz.cc and src/server/<name>_fuzz.cc is a target; FUZZ_SECONDS is each one's run in `make fuzz`.
FUZZ_TARGETS := $(basename $(notdir $(wildcard fuzz/*_fuzz.cc src/server/*_fuzz.cc)))
FUZZ_SECONDS ?= 15
JOBS       ?= $(shell nproc)
DEMO_DIR   ?= demo
# make demo ends by serving the demo database in the foreground; SERVE=0 stops before.
SERVE      ?= 1

.PHONY: all setup build build-asan build-fuzz fuzz lint test test-fast bench bench-screen bench-xlsx bench-coverage bench-server demo clean

all: build

setup:
	@scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DJZ_WERROR=$(if $(CI),ON,OFF)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DJZ_SANITIZE=ON -DJZ_WERROR=ON

# Only the unit tests' binaries (the target jz_unit_tests): make test runs those under ASan.
build-asan: setup $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target jz_unit_tests

# The fuzz build: clang with libFuzzer, ASan and UBSan on every library, tests off. -O1 -g
# without NDEBUG (libFuzzer's advice), so that assertions stay live.
$(FUZZ_BUILD)/build.ninja:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DJZ_FUZZ=ON -DJZ_TESTS=OFF -DJZ_WERROR=ON

build-fuzz: setup $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target jz_fuzzers

# Each fuzz target for FUZZ_SECONDS on a copy of its seed corpus; fails on any crash and
# prints the crashing input's path. Run longer with e.g. `make fuzz FUZZ_SECONDS=600`.
fuzz: build-fuzz
	scripts/fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# clang-format over the whole tree and clang-tidy over every non-test source of src/.
lint: build
	scripts/lint $(BUILD)

# Every test in the release build, the unit tests again under ASan + UBSan, the fuzzers, then
# the linters: clang-format on the whole tree, clang-tidy on the sources changed in the last
# LINT_SINCE first-parent commits (the whole tree takes minutes: `make lint`; a merge counts as
# one commit however much it brings, so the window is kept short to hold make test under 25
# minutes on two cores).
LINT_SINCE ?= HEAD~8
test: build build-asan
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit
	$(MAKE) --no-print-directory fuzz
	scripts/lint $(BUILD) --changed $(LINT_SINCE)

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

bench: build
	scripts/bench $(BUILD) $(SHARED)

# The screening job (registry + feed CSVs -> county summary) by jingzhun beside DuckDB, SQLite
# and the read-parse-match floor, at 1M and 10M persons (README: "make bench-screen").
bench-screen: build
	scripts/bench-screen $(BUILD) $(SHARED)

# The xlsx import alone: jingzhun reading and importing a 200,000-person .xlsx beside openpyxl,
# then 1,000,000 persons (bench/README.md; JZ_BENCH_XLSX_PERSONS for a quick run).
bench-xlsx: build
	scripts/bench-xlsx $(BUILD) $(SHARED)

# The coverage study alone: 4,000 seeded province spot-checks per true 错退率 (0.5-5 %), each
# interval method's coverage and tails (bench/README.md; JZ_BENCH_COVERAGE_DRAWS for a quick run).
bench-coverage: build
	scripts/bench-coverage $(BUILD)

# The server under load (issue 15): wrk at 1,000 connections against household search and
# the household file on a 1,000,000-person registry (scripts/bench-server for the knobs).
bench-server: build
	scripts/bench-server $(BUILD) $(SHARED)

demo: build
	SERVE=$(SERVE) scripts/demo $(BUILD) $(SHARED) $(DEMO_DIR)

clean:
	rm -rf build $(DEMO_DIR)
