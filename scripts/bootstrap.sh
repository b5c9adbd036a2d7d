#!/usr/bin/env bash
# Installs what this project needs on a fresh machine; quick when everything is already there.
# Sources: rustup, crates.io, Debian packages, the npm registry. Never downloads a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'bootstrap: %s\n' "$*" >&2; }

# The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
wasm_bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
[ -n "$wasm_bindgen_version" ] || { say "wasm-bindgen is not in Cargo.lock"; exit 1; }

rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || { say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" \
    || { say "adding $component"; rustup component add "$component"; }
done

# Release builds rebuild std with the nightly pinned in wasm-pack.toml (std_toolchain).
std_toolchain=$(awk -F'"' '/^std_toolchain *=/ { print $2; exit }' wasm-pack.toml)
if [ -n "$std_toolchain" ] && [ "$std_toolchain" != none ] && ! {
  rustup component list --toolchain "$std_toolchain" --installed 2>/dev/null | grep -q '^rust-src' \
    && rustup target list --toolchain "$std_toolchain" --installed | grep -qx wasm32-unknown-unknown
}; then
  say "installing $std_toolchain with rust-src (release builds rebuild std with it)"
  rustup toolchain install "$std_toolchain" --profile minimal --component rust-src \
    --target wasm32-unknown-unknown
fi

command -v wasm-pack >/dev/null \
  || { say "installing wasm-pack (~4 min)"; cargo install wasm-pack --locked; }

# Without --locked: with it, a dependency is missing from the registry.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wasm_bindgen_version" ]; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version (~5 min)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

# Fuzzing (scripts/fuzz.sh, a tier of scripts/test.sh): cargo-fuzz, and a C++ compiler for
# libFuzzer. No nightly toolchain: fuzz.sh uses RUSTC_BOOTSTRAP=1 on stable when there is none.
cargo fuzz --version >/dev/null 2>&1 \
  || { say "installing cargo-fuzz (~2 min)"; cargo install cargo-fuzz --locked; }
if ! command -v c++ >/dev/null; then
  say "installing Debian g++ (libFuzzer is C++)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ >/dev/null
fi

# The three engines the browser tiers run in: Chromium, Firefox (ESR) and WebKit (WebKitGTK's
# MiniBrowser through WebKitWebDriver, which needs a display: xvfb-run, with xauth).
debian_packages=()
for need in chromium:chromium chromedriver:chromium-driver firefox-esr:firefox-esr \
  WebKitWebDriver:webkit2gtk-driver xvfb-run:xvfb xauth:xauth; do
  command -v "${need%%:*}" >/dev/null || debian_packages+=("${need#*:}")
done
if [ "${#debian_packages[@]}" -gt 0 ]; then
  say "installing Debian ${debian_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debian_packages[@]}" >/dev/null
fi

# geckodriver, for the browser unit tests in Firefox (wasm-pack test --firefox).
geckodriver_version=0.37.1
[ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 {print $2}')" = "$geckodriver_version" ] \
  || { say "installing geckodriver $geckodriver_version (~3 min)"; cargo install geckodriver --version "$geckodriver_version" --locked; }

# npm packages from the committed lock file: playwright-core, puppeteer-core and
# selenium-webdriver (the three engines' drivers), axe-core, binaryen (wasm-opt 132), eslint,
# publint and @arethetypeswrong/cli (the eslint and package tiers).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready (wasm-bindgen $wasm_bindgen_version; $(chromium --version 2>/dev/null | head -1); $(firefox-esr --version 2>/dev/null | head -1); WebKitGTK $(dpkg-query -W -f '${Version}' webkit2gtk-driver 2>/dev/null))"
