# spaces-widget-events: `make demo` runs the C host on the bundled events; `make test` runs
# every test. Both install what they need first (see scripts/setup.sh).

CARGO ?= cargo
CC ?= gcc
BUILD := build
LIB_DIR := target/release
CFLAGS_STRICT := -std=c11 -Wall -Wextra -Werror -pedantic -Iinclude
STATIC_LIBS := -lpthread -ldl -lm

.PHONY: all setup lib header demo install test test-rust test-c test-cpp test-install test-python test-swift test-js test-conformance lint bench bench-python fuzz stress clean

all: lib

setup:
	@scripts/setup.sh

lib:
	$(CARGO) build --release --lib

# PREFIX (default /usr/local) and DESTDIR as usual: the shared and static library, the C and
# C++ headers, a pkg-config file and a CMake package.
install:
	@scripts/install.sh

header:
	SWE_BLESS=1 $(CARGO) test --test header

$(BUILD)/host: examples/c/host.c include/spaces_widget_events.h lib
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS_STRICT) -O2 examples/c/host.c -o $@ $(LIB_DIR)/libspaces_widget_events.a $(STATIC_LIBS)

demo: setup $(BUILD)/host
	@$(BUILD)/host examples/data/events.ndjson

test: setup lint test-rust test-c test-cpp test-install test-python test-swift test-js test-conformance

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	shellcheck scripts/*.sh bindings/js/test/run.sh benches/install-deps.sh

test-rust:
	$(CARGO) test --all-targets
	$(CARGO) test --doc

test-c: lib
	@scripts/test-c.sh
	@scripts/test-readme.sh

test-cpp: lib
	@scripts/test-cpp.sh

test-install:
	@scripts/test-install.sh

test-python:
	@scripts/test-python.sh

test-swift: lib
	@scripts/test-swift.sh

# The bridge's end-to-end test hands what the page posted to the Python binding (built by
# test-python), so events go from a real browser into the library.
test-js: test-python
	@SWE_BRIDGE_NDJSON_CONSUMER="$(CURDIR)/build/python-venv/bin/python $(CURDIR)/bindings/js/test/e2e/consume_with_library.py" \
		bash bindings/js/test/run.sh

# Every language against the shared cases of tests/conformance (needs the Python environment and
# the Swift toolchain that test-python and test-swift set up).
test-conformance: lib test-python test-swift
	@scripts/test-conformance.sh

# Optional extras on a nightly toolchain, never part of `make test`: libFuzzer on every target
# (FUZZ_SECONDS each, default 600), and the emitter stress test under ThreadSanitizer.
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

stress:
	@scripts/test-stress.sh

bench:
	bash benches/install-deps.sh
	python3 benches/run.py

# Python listeners: the binding's batch and per-event paths beside json, orjson and msgspec
# (installed from PyPI into build/bench-venv; never part of `make test`).
bench-python:
	@scripts/bench-python.sh

clean:
	$(CARGO) clean
	rm -rf $(BUILD)
