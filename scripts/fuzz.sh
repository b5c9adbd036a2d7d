#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 60), then prints each target's
# executions and the total. Fails if a target finds a crash (the input is in fuzz/artifacts/).
#
#   scripts/fuzz.sh [SECONDS]
#
# Needs cargo-fuzz and a C++ compiler (scripts/bootstrap.sh installs both). Reuses
# fuzz/corpus/<target> (git-ignored) across runs and reads the committed seeds in
# fuzz/seeds/<target>. cargo-fuzz needs nightly-only flags: a nightly toolchain is used when
# rustup has one, else the default toolchain with RUSTC_BOOTSTRAP=1.
set -euo pipefail

seconds="${1:-60}"
case "$seconds" in
  '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/../fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "scripts/fuzz.sh: cargo-fuzz is missing; run scripts/bootstrap.sh (or make bootstrap)" >&2
  exit 2
fi

if rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=(+nightly)
else
  toolchain=()
  export RUSTC_BOOTSTRAP=1
fi

total=0
failed=0
for target in $(cargo "${toolchain[@]}" fuzz list); do
  mkdir -p "corpus/$target"
  dict=()
  [ -f "$target.dict" ] && dict=(-dict="$target.dict")
  log="$(mktemp)"
  echo "== $target: ${seconds}s"
  status=0
  # -a: debug assertions on, so arithmetic overflow is a crash too.
  cargo "${toolchain[@]}" fuzz run -a "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 "${dict[@]}" >"$log" 2>&1 || status=$?
  runs="$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n1)"
  runs="${runs:-0}"
  grep -E '^(Done [0-9]+ runs|INFO: Loaded|#[0-9]+ *(INITED|DONE)|SUMMARY|==[0-9]+==|Test unit written)' "$log" || true
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "!! $target failed (exit $status); last lines:"
    tail -n 40 "$log"
  fi
  echo "$target: $runs executions"
  total=$((total + runs))
  rm -f "$log"
done

echo "total executions: $total"
exit "$failed"
