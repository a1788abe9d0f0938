# SPDX-License-Identifier: Apache-2.0
# The README's two commands: `make demo` and `make test`. Both install what is missing, then build.
BUILD_DIR := build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: demo test setup build bench clean

demo: build
	$(BUILD_DIR)/bin/chipgap chips

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

setup:
	bash scripts/install-deps.sh

build: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

bench: build
	$(BUILD_DIR)/bin/chipgap_bench

clean:
	rm -rf $(BUILD_DIR)
