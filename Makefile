# SPDX-License-Identifier: Apache-2.0
# The README's two commands: `make demo` and `make test`. Both install what is missing, then build.
BUILD_DIR := build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Sanitizer and fuzz builds (docs/fuzzing.md), each in its own directory.
ASAN_DIR := build-asan
FUZZ_DIR := build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 10
SANITIZED_TESTS := chipgap_unit_tests chipgap_data_tests chipgap_rules_tests chipgap_perf_tests chipgap_api_tests \
                   chipgap_compare_tests chipgap_scenario_tests chipgap_policy_tests
# -O1 with debug information: quicker to build than -O2, fast enough to run, full stack traces.
CHECKED_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCHIPGAP_BUILD_BENCH=OFF

.PHONY: demo test setup build web serve package bench bench-mpi bench-python bench-load clean test-sanitizers fuzz-build fuzz fuzz-smoke

demo: build web
	bash scripts/demo.sh $(BUILD_DIR)/bin/chipgap

test: build web
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	@# What the README promises after setup: Debian's python3 imports chipgap from anywhere, no PYTHONPATH.
	cd / && env -u PYTHONPATH /usr/bin/python3 -c "import chipgap; print('import chipgap:', chipgap.chips().shape)"
	$(MAKE) --no-print-directory test-sanitizers fuzz-smoke

# The unit, data, rules, perf (with compare and scenario) and API tests under AddressSanitizer and
# UndefinedBehaviorSanitizer (any report fails the test); not the CLI, browser or benchmarks.
test-sanitizers: setup
	cmake -S . -B $(ASAN_DIR) $(CHECKED_FLAGS) -DCHIPGAP_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS) --target $(SANITIZED_TESTS)
	ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -L '^(unit|data|rules|perf|api)$$'

# libFuzzer harnesses (fuzz/), built with clang: `make fuzz` runs each for FUZZ_SECONDS, `make fuzz-smoke`
# (part of `make test`) for FUZZ_SMOKE_SECONDS; both replay fuzz/regressions/ and fail on any crash.
fuzz-build: setup
	cmake -S . -B $(FUZZ_DIR) $(if $(wildcard $(FUZZ_DIR)/CMakeCache.txt),,-DCMAKE_CXX_COMPILER=clang++) \
	  $(CHECKED_FLAGS) -DCHIPGAP_FUZZ=ON -DCHIPGAP_BUILD_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzzers

fuzz: fuzz-build
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SMOKE_SECONDS)

setup:
	bash scripts/install-deps.sh

build: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)
	bash scripts/link-python.sh $(BUILD_DIR)

# The dashboard: installed from the lockfile, built into web/dist (served by `chipgap serve`).
web: setup
	cd web && npm ci --no-audit --no-fund && npm run build

serve: build web
	$(BUILD_DIR)/bin/chipgap serve

# The Debian package (docs/install.md), into build/packages/.
package: build web
	cd $(BUILD_DIR) && cpack -G DEB -B packages

bench: build
	$(BUILD_DIR)/bin/chipgap_bench

bench-mpi: build
	bench/mpi/scaling.sh $(BUILD_DIR)/bin/chipgap 2

bench-python: build
	PYTHONPATH=$(BUILD_DIR)/python:python /usr/bin/python3 bench/python/classify_bench.py

bench-load: build
	bench/load/run.sh $(BUILD_DIR)/bin/chipgap 10 20

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR) web/dist web/node_modules
