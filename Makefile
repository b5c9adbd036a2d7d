# The two commands the README promises: `make demo` and `make test`. Both work on a fresh machine.
.PHONY: demo test bootstrap build fuzz bench

## Build the widget and serve the demo on loopback (prints its URL). `make demo INLINE_GUARD=1`
## serves every page with the guard inlined under a hash policy, as a server-rendered page embeds it.
demo: build
	node scripts/serve.mjs --port 8080 --third-party-port 8081 $(if $(INLINE_GUARD),--inline-guard)

## Every test tier: host, browser unit, end-to-end, size, fuzzing (FUZZ_SECONDS each, default 30).
test: build
	scripts/test.sh

## Install what this machine lacks (wasm target, wasm-pack, wasm-bindgen-cli, cargo-fuzz, chromium, npm).
bootstrap:
	scripts/bootstrap.sh

## Build every target in wasm-pack.toml, optimised with wasm-opt.
build: bootstrap
	PATH="$$HOME/.cargo/bin:$$PATH" cargo xtask build

## Fuzz the record decoder and the config parser, SECONDS each (default 60).
fuzz: bootstrap
	PATH="$$HOME/.cargo/bin:$$PATH" scripts/fuzz.sh $(SECONDS)

## The side-by-side benchmark against the peer widgets, decision latency included (~8 min): tables
## into bench/results/full.txt and README.md ("Against the peers"), every sample into
## bench/results/full.json; then what the guard costs a host app (~3 min):
## bench/results/host-speed.txt/.json and README.md ("Host speed").
## npm ci runs again whenever the lock file is newer than what it installed.
bench: build
	cd bench && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } \
	  && node run.mjs --json results/full.json --doc ../docs/building.md > results/full.txt \
	  && node host-speed/run.mjs --json results/host-speed.json --doc ../docs/building.md > results/host-speed.txt
