//! `cargo xtask build` builds every target in `wasm-pack.toml`, runs wasm-opt, copies the guard,
//! minifies the JS glue and the guard (release builds), writes the guard's inline form with its
//! CSP hash, copies the guide pages the README links and completes each target's `package.json`;
//! `cargo xtask size` measures what ships against the budget.

mod docs;
mod exports;
mod imports;
mod manifest;
mod settings;
mod wasm_file;
mod words;

use settings::{Profile, Settings, Target};
use std::path::Path;
use std::process::{Command, ExitCode};
use words::replace_word;

/// Files of the `web` target that ship to a browser and count against the budget: the wasm, the
/// glue, the package's main entry and the guard. (The framework bindings and the Vite plugin are
/// bundled by the apps that use them.)
const SHIPPED: [&str; 4] = [
    "kaiten_consent_bg.wasm",
    "kaiten_consent.js",
    "index.js",
    GUARD,
];

/// The package's own JS modules, copied from `js/` with their types (`manifest::Entry`).
const ENTRIES: [manifest::Entry; 4] = [
    manifest::Entry {
        path: ".",
        file: "index.js",
        types: "index.d.ts",
        peer: None,
        side_effects: true,
    },
    manifest::Entry {
        path: "./react",
        file: "react.js",
        types: "react.d.ts",
        peer: Some(("react", ">=18")),
        side_effects: false,
    },
    manifest::Entry {
        path: "./vue",
        file: "vue.js",
        types: "vue.d.ts",
        peer: Some(("vue", ">=3.3")),
        side_effects: false,
    },
    manifest::Entry {
        path: "./vite",
        file: "vite.js",
        types: "vite.d.ts",
        peer: Some(("vite", ">=5")),
        side_effects: false,
    },
];

/// wasm-bindgen's TypeScript: the glue's API with `InitOutput`, and the raw wasm exports.
const TYPES: [&str; 2] = ["kaiten_consent.d.ts", "kaiten_consent_bg.wasm.d.ts"];

/// The synchronous guard, copied from `js/guard.js` into every target's folder.
const GUARD: &str = "kaiten-consent-guard.js";
/// Its types, copied from `js/guard.d.ts`: it exports nothing, and says how it is loaded.
const GUARD_TYPES: &str = "kaiten-consent-guard.d.ts";
/// The guard as text to inline in a page, with its CSP hash (`scripts/inline-guard.mjs`).
const GUARD_INLINE: &str = "kaiten-consent-guard.inline.json";
/// The guard loads first and blocks the parser, so it has its own ceiling (gzip -9 bytes).
const GUARD_MAX_GZIP: u64 = 2048;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = Settings::load(&root.join("wasm-pack.toml"))
        .map_err(|e| e.to_string())
        .and_then(|settings| match task.as_str() {
            "build" => build(&root, &settings),
            "size" => size(&root, &settings),
            _ => Err("usage: cargo xtask build | size".to_owned()),
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn build(root: &Path, settings: &Settings) -> Result<(), String> {
    for &target in &settings.targets {
        let out = root.join(settings.target_dir(target));
        let mut wasm_pack = Command::new("wasm-pack");
        wasm_pack
            .current_dir(root)
            .args([
                "build",
                ".",
                "--target",
                target.name(),
                settings.profile.flag(),
            ])
            .arg("--out-dir")
            .arg(&out);
        if let Some(toolchain) = settings.rebuilt_std() {
            rebuild_std(root, toolchain, &mut wasm_pack);
        }
        run(&mut wasm_pack)?;
        optimise(root, settings, &out.join("kaiten_consent_bg.wasm"))?;
        if target == Target::Web && settings.profile == Profile::Release {
            shorten_names(&out)?;
        }
        copy_guard(root, &out.join(GUARD))?;
        let guard_types = root.join("js/guard.d.ts");
        std::fs::copy(&guard_types, out.join(GUARD_TYPES))
            .map_err(|e| format!("{}: {e}", guard_types.display()))?;
        copy_entries(root, &out)?;
        minify(root, settings, &out)?;
        run(Command::new("node")
            .current_dir(root)
            .arg("scripts/inline-guard.mjs")
            .arg(out.join(GUARD)))?;
        let guide = docs::copy_shipped(root, &out)?;
        let mut extra = vec![GUARD, GUARD_TYPES, GUARD_INLINE];
        extra.extend(guide.iter().map(String::as_str));
        manifest::complete_in(&out, &extra, &ENTRIES).map_err(|e| e.to_string())?;
        for types in TYPES.into_iter().chain(ENTRIES.map(|e| e.types)) {
            no_any(&out.join(types))?;
        }
    }
    Ok(())
}

/// Renames the wasm's imports and exports to short names in the wasm, the glue and the types
/// ([`imports`], [`exports`]).
fn shorten_names(out: &Path) -> Result<(), String> {
    let wasm_path = out.join("kaiten_consent_bg.wasm");
    let glue_path = out.join("kaiten_consent.js");
    let types_paths = TYPES.map(|name| out.join(name));
    let io_error = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|e| io_error(path, e));
    let wasm = std::fs::read(&wasm_path).map_err(|e| io_error(&wasm_path, e))?;
    let glue = read(&glue_path)?;
    let types = [read(&types_paths[0])?, read(&types_paths[1])?];
    let (wasm, glue) = imports::shorten(&wasm, &glue).map_err(|e| e.to_string())?;
    let declarations = [0, 1].map(|i| exports::Declarations {
        file: TYPES[i],
        text: &types[i],
    });
    let shortened = exports::shorten(&wasm, &glue, &declarations).map_err(|e| e.to_string())?;
    let write =
        |path: &Path, bytes: &[u8]| std::fs::write(path, bytes).map_err(|e| io_error(path, e));
    write(&wasm_path, &shortened.wasm)?;
    write(&glue_path, shortened.glue.as_bytes())?;
    for (path, text) in types_paths.iter().zip(&shortened.declarations) {
        write(path, text.as_bytes())?;
    }
    Ok(())
}

/// Makes `wasm_pack` build with `toolchain`, rebuilding std with panics that trap at once: no
/// panic message is formatted, so `core::fmt` and the panic hook leave the wasm (~9 KB gzip),
/// and with `-Zlocation-detail=none` so do the source paths `#[track_caller]` functions still
/// carry for a message nobody formats. The artifacts go to their own target folder so that the
/// stable toolchain's test builds and this one do not rebuild each other.
fn rebuild_std(root: &Path, toolchain: &str, wasm_pack: &mut Command) {
    wasm_pack
        .env("RUSTUP_TOOLCHAIN", toolchain)
        .env(
            "RUSTFLAGS",
            "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none",
        )
        .env("CARGO_TARGET_DIR", root.join("target/rebuilt-std"))
        .args(["--", "-Zbuild-std=std,panic_abort"]);
}

/// wasm-bindgen types the raw wasm exports of `InitOutput` (externref arguments) as `any`; the
/// public API is typed by `src/web/api.rs`. Each `any` becomes `unknown`, so the shipped types
/// have no `any` at all (e2e/types.test.mjs checks it).
fn no_any(path: &Path) -> Result<(), String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(()); // a target without TypeScript output
    };
    let mut typed = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        // Doc comments are prose ("in any case"); only code lines carry types.
        let prose = ["*", "/*", "//"]
            .iter()
            .any(|c| line.trim_start().starts_with(c));
        if prose {
            typed.push_str(line);
        } else {
            typed.push_str(&replace_word(line, "any", "unknown"));
        }
    }
    std::fs::write(path, typed).map_err(|e| format!("{}: {e}", path.display()))
}

/// Copies `js/guard.js` without its full-line `//` comments and indentation (what dev builds
/// ship; release builds minify it afterwards). The `/*! … */` header with the embedding snippet
/// stays.
fn copy_guard(root: &Path, to: &Path) -> Result<(), String> {
    let from = root.join("js/guard.js");
    let source = std::fs::read_to_string(&from).map_err(|e| format!("{}: {e}", from.display()))?;
    let mut shipped = String::with_capacity(source.len());
    for line in source.lines().map(str::trim) {
        if !line.is_empty() && !line.starts_with("//") {
            shipped.push_str(line);
            shipped.push('\n');
        }
    }
    std::fs::write(to, shipped).map_err(|e| format!("{}: {e}", to.display()))
}

/// Copies the package's own modules ([`ENTRIES`]) and their types from
/// `js/` as they are: readable, for the bundlers that build them into apps.
fn copy_entries(root: &Path, out: &Path) -> Result<(), String> {
    let files = ENTRIES.iter().flat_map(|e| [e.file, e.types]);
    for file in files {
        let from = root.join("js").join(file);
        std::fs::copy(&from, out.join(file)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    Ok(())
}

fn optimise(root: &Path, settings: &Settings, wasm: &Path) -> Result<(), String> {
    if settings.wasm_opt == "none" || settings.profile == Profile::Dev {
        return Ok(());
    }
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        return Err(format!(
            "{} is missing: run scripts/bootstrap.sh (npm binaryen provides it)",
            wasm_opt.display()
        ));
    }
    // Exported functions first, so that V8 naming them does not grow its number-string cache
    // (64 KiB of JS heap; scripts/exports-first.mjs says why). wasm-opt keeps the order.
    run(Command::new("node")
        .current_dir(root)
        .arg("scripts/exports-first.mjs")
        .args([wasm, wasm]))?;
    run(Command::new(&wasm_opt)
        .args(settings.wasm_opt_args())
        .arg(wasm)
        .arg("-o")
        .arg(wasm))?;
    run(Command::new("node")
        .current_dir(root)
        .args(["scripts/exports-first.mjs", "--check"])
        .arg(wasm))
}

/// Minifies the JS glue wasm-bindgen wrote to `out` and the guard (release builds;
/// `scripts/minify.mjs`).
fn minify(root: &Path, settings: &Settings, out: &Path) -> Result<(), String> {
    if settings.profile == Profile::Dev {
        return Ok(());
    }
    // The glue, and the package's entry, which a page without a bundler loads too.
    let glue: Vec<_> = ["kaiten_consent.js", "kaiten_consent_bg.js", "index.js"]
        .iter()
        .map(|name| out.join(name))
        .filter(|path| path.exists())
        .collect();
    run(Command::new("node")
        .current_dir(root)
        .arg("scripts/minify.mjs")
        .args(&glue))?;
    run(Command::new("node")
        .current_dir(root)
        .args(["scripts/minify.mjs", "--script"])
        .arg(out.join(GUARD)))
}

fn size(root: &Path, settings: &Settings) -> Result<(), String> {
    let dir = root.join(settings.target_dir(Target::Web));
    let mut total_raw = 0;
    let mut total_gzip = 0;
    println!("| file | raw bytes | gzip -9 bytes |\n|---|---|---|");
    for name in SHIPPED {
        let path = dir.join(name);
        let raw = std::fs::metadata(&path)
            .map_err(|e| format!("{}: {e} (run cargo xtask build first)", path.display()))?
            .len();
        let gzip = gzip_len(&path)?;
        println!("| {name} | {raw} | {gzip} |");
        total_raw += raw;
        total_gzip += gzip;
    }
    let guard = gzip_len(&dir.join(GUARD))?;
    println!("guard: {guard} of {GUARD_MAX_GZIP} bytes gzip -9");
    if guard > GUARD_MAX_GZIP {
        return Err(format!(
            "the guard is {guard} bytes gzip -9, over its {GUARD_MAX_GZIP}-byte ceiling"
        ));
    }
    let budget = settings.budget.gzip_bytes;
    println!("| total (CSS is inside the wasm; guard included) | {total_raw} | {total_gzip} |");
    println!("budget: {total_gzip} of {budget} bytes gzip -9");
    if total_gzip > budget {
        return Err(format!(
            "over budget: {total_gzip} bytes gzip -9 > {budget} (wasm-pack.toml budget.gzip_bytes)"
        ));
    }
    Ok(())
}

fn gzip_len(path: &Path) -> Result<u64, String> {
    let output = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    if !output.status.success() {
        return Err(format!("gzip failed on {}", path.display()));
    }
    Ok(output.stdout.len() as u64)
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("{:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed: {status}"))
    }
}
