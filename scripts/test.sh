#!/usr/bin/env bash
# Every test tier, in order: host, browser unit, end-to-end, size, fuzzing. Assumes bootstrap and
# build ran (`make test` does both). Prints a count per tier and a closing "N passed, N failed"
# line. The fuzz tier runs each cargo-fuzz target for FUZZ_SECONDS (default 30): one pass per
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
  summary+=("$(printf '%-28s %4d passed, %d failed%s' "$name" "$p" "$f" "$note")")
}

tier fmt check cargo fmt --all --check
tier clippy-host check cargo clippy --workspace --all-targets -- -D warnings
tier clippy-wasm32 check cargo clippy -p kaiten-consent --target wasm32-unknown-unknown --lib --tests -- -D warnings
tier docs check env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
tier host cargo cargo test --workspace
tier browser-unit cargo env CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome
tier end-to-end node node --test --test-reporter=tap e2e/
tier size check cargo xtask size
tier fuzz fuzz scripts/fuzz.sh "${FUZZ_SECONDS:-30}"

printf '\n=== summary\n'
printf '%s\n' "${summary[@]}"
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
