#!/usr/bin/env bash
# Every test tier, in order: format, lints, host, JS lint and package checks, browser unit and
# end-to-end (each per engine), size, fuzzing.
# Assumes bootstrap and build ran (`make test` does both). Prints a count per tier and a closing
# "N passed, N failed" line, and writes the browser support table of docs/building.md from what the browser
# tiers ran. The fuzz tier runs each cargo-fuzz target for FUZZ_SECONDS (default 30): one pass per
# target without a crash, and the total executions in its summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
summary=()
passed=0
failed=0

# tier NAME COUNT-PATTERN COMMAND...: runs COMMAND, tees its output, counts passes and failures.
tier() {
  local name=$1 kind=$2; shift 2
  printf '\n=== %s: %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$log/$name.txt"
  local status=${PIPESTATUS[0]} p f note=''
  case $kind in
    cargo) p=$(grep -Eo 'test result: .*\. [0-9]+ passed' "$log/$name.txt" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
           f=$(grep -Eo '[0-9]+ failed' "$log/$name.txt" | awk '{s+=$1} END {print s+0}') ;;
    node)  p=$(grep -E '^# pass [0-9]+' "$log/$name.txt" | awk '{s+=$3} END {print s+0}')
           f=$(grep -E '^# fail [0-9]+' "$log/$name.txt" | awk '{s+=$3} END {print s+0}') ;;
    check) if [ "$status" -eq 0 ]; then p=1 f=0; else p=0 f=1; fi ;;
    fuzz)  f=$(grep -cE '^!! .* failed' "$log/$name.txt")
           p=$(( $(grep -cE '^[A-Za-z0-9_-]+: [0-9]+ executions$' "$log/$name.txt") - f ))
           note="; $(grep -Eo '^total executions: [0-9]+' "$log/$name.txt" | grep -Eo '[0-9]+' || echo 0) executions" ;;
  esac
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  summary+=("$(printf '%-42s %4d passed, %d failed%s' "$name" "$p" "$f" "$note")")
}

tier fmt check cargo fmt --all --check
tier clippy-host check cargo clippy --workspace --all-targets -- -D warnings
tier clippy-wasm32 check cargo clippy -p kaiten-consent --target wasm32-unknown-unknown --lib --tests -- -D warnings
tier docs check env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
tier host cargo cargo test --workspace
# The shipped JS and the package as npm would publish it (eslint.config.js, checks/).
tier eslint check node_modules/.bin/eslint
tier package-shape node node --test --test-reporter=tap checks/package-shape.test.mjs
tier package-types node node --test --test-reporter=tap checks/consumer-types.test.mjs
# The browser tiers run in three engines. Chromium runs every end-to-end test; Firefox and
# WebKit run the scenarios of e2e/engines/, written once for all three (e2e/lib/engines/).
# WebKit's browser unit tests go through wasm-bindgen-test-runner's geckodriver path: its Safari
# path sends no capabilities, and WebKitWebDriver needs webdriver-webkit.json's to find MiniBrowser.
rm -rf e2e/artifacts/engines
tier browser-unit-chromium cargo env CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome
tier browser-unit-firefox cargo env GECKODRIVER="$(command -v geckodriver)" wasm-pack test --headless --firefox
tier browser-unit-webkit cargo env WASM_BINDGEN_TEST_WEBDRIVER_JSON=webdriver-webkit.json \
  xvfb-run -a wasm-pack test --headless --firefox --geckodriver /usr/bin/WebKitWebDriver
tier end-to-end-chromium node node --test --test-reporter=tap e2e/
tier end-to-end-firefox node env E2E_ENGINE=firefox node --test --test-reporter=tap e2e/engines/
tier end-to-end-webkit node env E2E_ENGINE=webkit xvfb-run -a node --test --test-reporter=tap e2e/engines/
# Every engine here enforces Trusted Types: the guard's path without them runs in Firefox with them off.
tier end-to-end-firefox-without-trusted-types node env E2E_ENGINE=firefox-without-trusted-types \
  node --test --test-reporter=tap --test-name-pattern='Trusted Types' e2e/engines/blocking.test.mjs
tier browser-support check node scripts/browser-support.mjs --unit "$log" --doc docs/building.md
tier size check cargo xtask size
tier fuzz fuzz scripts/fuzz.sh "${FUZZ_SECONDS:-30}"

printf '\n=== summary\n'
printf '%s\n' "${summary[@]}"
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
