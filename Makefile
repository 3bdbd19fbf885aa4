# The two quick-start commands, `make demo` and `make test`, plus build and bench.
# Each target installs what is missing first (scripts/setup), then builds with CMake + Ninja.
SHARED     ?= $(abspath ../shared)
BUILD      := build/release
ASAN_BUILD := build/asan
JOBS       ?= $(shell nproc)
DEMO_DIR   ?= demo

.PHONY: all setup build build-asan test test-fast bench demo clean

all: build

setup:
	@scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DJZ_WERROR=$(if $(CI),ON,OFF)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DJZ_SANITIZE=ON -DJZ_WERROR=ON

build-asan: setup $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# Every test in the release build, then the unit tests again under ASan + UBSan.
test: build build-asan
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

bench: build
	scripts/bench $(BUILD) $(SHARED)

demo: build
	scripts/demo $(BUILD) $(SHARED) $(DEMO_DIR)

clean:
	rm -rf build $(DEMO_DIR)
