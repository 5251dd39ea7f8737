# The two commands (README): `make run` and `make test`. Both install what is missing first.
JOBS ?= $(shell nproc)
DATA ?= var
LISTEN ?= 127.0.0.1:8080
CHUNGTHU := build/release/src/cli/chungthu

.PHONY: all deps web build run test test-build bench clean

all: build

deps:
	@bash scripts/install-deps.sh

# The portal: its locked npm packages and web/dist (Vite), each only when out of date.
web: deps
	@bash scripts/build-web.sh

build: deps web
	@cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHUNGTHU_TESTS=OFF >/dev/null
	@cmake --build build/release -j $(JOBS)

# Builds Release, creates ./var with a demo CA and demo data on first run, serves on 127.0.0.1:8080.
run: build
	@if [ ! -f $(DATA)/chungthu.toml ]; then $(CHUNGTHU) init --demo --data $(DATA); fi
	$(CHUNGTHU) serve --data $(DATA) --listen $(LISTEN)

# Tests: clang with AddressSanitizer + UBSan, warnings as errors, libFuzzer targets run for a
# bounded time, and every test through CTest in parallel.
test-build: deps web
	@CC=clang CXX=clang++ cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCHUNGTHU_SANITIZE=ON -DCHUNGTHU_WERROR=ON -DCHUNGTHU_FUZZ=ON >/dev/null
	@cmake --build build/test -j $(JOBS)

test: test-build
	@cd build/test && ctest --output-on-failure -j $(JOBS) --timeout 600

bench: build
	@bash bench/issue.sh
	@bash bench/crl.sh
	@BUILD=build/release bash bench/ocsp.sh
	@BUILD=build/release bash bench/lookup.sh
	@BIN=build/release bash bench/import.sh
	@BUILD=build/release bash bench/portal.sh

clean:
	rm -rf build
