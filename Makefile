# SPDX-License-Identifier: Apache-2.0
# The README's two commands: `make demo` and `make test`. Both install what is missing, then build.
BUILD_DIR := build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: demo test setup build web serve bench bench-load clean

demo: build web
	$(BUILD_DIR)/bin/chipgap chips

test: build web
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

setup:
	bash scripts/install-deps.sh

build: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The dashboard: installed from the lockfile, built into web/dist (served by `chipgap serve`).
web: setup
	cd web && npm ci --no-audit --no-fund && npm run build

serve: build web
	$(BUILD_DIR)/bin/chipgap serve

bench: build
	$(BUILD_DIR)/bin/chipgap_bench

bench-load: build
	bench/load/classify.sh $(BUILD_DIR)/bin/chipgap 10

clean:
	rm -rf $(BUILD_DIR) web/dist web/node_modules
