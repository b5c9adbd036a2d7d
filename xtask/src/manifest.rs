//! Completes the `package.json` wasm-pack writes, so the folder is a package that works both
//! from `<script type="module">` and in a bundler: wasm-pack lists only the wasm, the glue and
//! the `.d.ts` in `files`, and writes no `exports`. xtask adds the files it ships next to them
//! (the guard and its types, the licences, the package's own JS entries from `js/`), an `exports`
//! map with each entry and its types, the frameworks the bindings need as optional peer
//! dependencies, marks the guard and the main entry as having side effects, and writes the
//! repository URL as npm would (`git+https://….git`).

use serde_json::{Map, Value};
use std::fmt;
use std::path::Path;

/// `package.json` is not what wasm-pack writes, or could not be read or written.
#[derive(Debug)]
pub struct ManifestError(String);

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One of the package's own JS modules, from `js/`, with its types: what `import … from
/// "kaiten-consent"` (`"."`) or a subpath (`"./react"`) loads.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// Its `exports` key.
    pub path: &'static str,
    /// The module.
    pub file: &'static str,
    /// Its `.d.ts`.
    pub types: &'static str,
    /// The package it needs the app to install (an optional peer dependency) and its range.
    pub peer: Option<(&'static str, &'static str)>,
    /// Whether importing it changes something (the main entry adds to the glue's class).
    pub side_effects: bool,
}

/// Reads `<dir>/package.json`, adds `extra_files`, the entries' files and every `LICENSE*` file
/// in `dir` to it (see [`complete`]), and writes it back.
///
/// # Errors
/// [`ManifestError`] when the file cannot be read, parsed or written, or lacks what wasm-pack
/// always writes.
pub fn complete_in(
    dir: &Path,
    extra_files: &[&str],
    entries: &[Entry],
) -> Result<(), ManifestError> {
    let path = dir.join("package.json");
    let io = |e: std::io::Error| ManifestError(format!("{}: {e}", path.display()));
    let text = std::fs::read_to_string(&path).map_err(io)?;
    let mut manifest: Value = serde_json::from_str(&text)
        .map_err(|e| ManifestError(format!("{}: {e}", path.display())))?;
    let mut licences: Vec<String> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("LICENSE"))
        .collect();
    licences.sort();
    let mut files: Vec<&str> = extra_files.to_vec();
    files.extend(licences.iter().map(String::as_str));
    complete(&mut manifest, &files, entries)?;
    let mut text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| ManifestError(format!("{}: {e}", path.display())))?;
    text.push('\n');
    std::fs::write(&path, text).map_err(io)
}

/// Adds `extra_files` and each entry's module and types to `files`, and adds `exports`: each
/// entry under its path, as `{ types, default }` (the first entry, `"."`, also becomes `main`,
/// `module` and the top-level `types` older resolvers read; without entries `"."` is wasm-pack's
/// own `module` or `main`), and every other `.js`, `.wasm` and `.json` file of `files` under its
/// own name (so `kaiten-consent/kaiten-consent-guard.js` and `…/kaiten_consent_bg.wasm` resolve,
/// e.g. for a bundler's `?url` import, and a server can import the guard's inline form), plus
/// `./package.json`. Extra `.js` files the entries do not name are added to
/// `sideEffects` (the guard acts when it runs), and so are entries that say so. An entry's peer
/// is an optional peer dependency. An `https://` `repository.url` becomes the `git+https://….git`
/// form `npm publish` would otherwise rewrite it to, with a warning. Running it twice changes
/// nothing more.
///
/// # Errors
/// [`ManifestError`] when `manifest` has no `files` array or no `module`/`main` entry.
pub fn complete(
    manifest: &mut Value,
    extra_files: &[&str],
    entries: &[Entry],
) -> Result<(), ManifestError> {
    let object = manifest
        .as_object_mut()
        .ok_or_else(|| ManifestError("package.json: expected an object".into()))?;
    if let Some(main) = entries.first() {
        for key in ["main", "module"] {
            object.insert(key.into(), Value::String(main.file.into()));
        }
        object.insert("types".into(), Value::String(main.types.into()));
    }
    let entry = ["module", "main"]
        .iter()
        .find_map(|key| object.get(*key)?.as_str())
        .ok_or_else(|| ManifestError("package.json: no \"module\" or \"main\" entry".into()))?
        .to_owned();

    let entry_files: Vec<&str> = entries.iter().flat_map(|e| [e.file, e.types]).collect();
    let files = string_array(object, "files")?;
    add_missing(files, extra_files.iter().copied());
    add_missing(files, entry_files.iter().copied());
    let shipped: Vec<String> = files
        .iter()
        .filter_map(Value::as_str)
        .filter(|f| [".js", ".wasm", ".json"].iter().any(|ext| f.ends_with(ext)))
        .filter(|f| !entry_files.contains(f))
        .map(str::to_owned)
        .collect();

    let side_effects = extra_files
        .iter()
        .filter(|f| f.ends_with(".js"))
        .copied()
        .chain(entries.iter().filter(|e| e.side_effects).map(|e| e.file))
        .map(|f| format!("./{f}"));
    if !object.contains_key("sideEffects") {
        object.insert("sideEffects".into(), Value::Array(Vec::new()));
    }
    add_missing(string_array(object, "sideEffects")?, side_effects);

    let mut exports = Map::new();
    if entries.is_empty() {
        exports.insert(".".into(), Value::String(format!("./{entry}")));
    }
    for e in entries {
        exports.insert(
            e.path.into(),
            serde_json::json!({ "types": format!("./{}", e.types), "default": format!("./{}", e.file) }),
        );
    }
    for file in shipped.iter().filter(|f| **f != entry) {
        exports.insert(format!("./{file}"), Value::String(format!("./{file}")));
    }
    exports.insert(
        "./package.json".into(),
        Value::String("./package.json".into()),
    );
    object.insert("exports".into(), Value::Object(exports));

    let peers: Vec<_> = entries.iter().filter_map(|e| e.peer).collect();
    if !peers.is_empty() {
        let mut dependencies = Map::new();
        let mut meta = Map::new();
        for (name, range) in peers {
            dependencies.insert(name.into(), Value::String(range.into()));
            meta.insert(name.into(), serde_json::json!({ "optional": true }));
        }
        object.insert("peerDependencies".into(), Value::Object(dependencies));
        object.insert("peerDependenciesMeta".into(), Value::Object(meta));
    }
    if let Some(url) = object.get_mut("repository").and_then(|r| r.get_mut("url")) {
        if let Some(git) = url.as_str().and_then(git_url) {
            *url = Value::String(git);
        }
    }
    Ok(())
}

/// `https://host/owner/name` in the form npm writes a repository URL,
/// `git+https://host/owner/name.git`; `None` for any other URL (already in that form, or not https).
fn git_url(url: &str) -> Option<String> {
    let path = url.strip_prefix("https://")?.trim_end_matches('/');
    Some(format!("git+https://{}.git", path.trim_end_matches(".git")))
}

fn string_array<'m>(
    object: &'m mut Map<String, Value>,
    key: &str,
) -> Result<&'m mut Vec<Value>, ManifestError> {
    object
        .get_mut(key)
        .and_then(Value::as_array_mut)
        .ok_or_else(|| ManifestError(format!("package.json: \"{key}\" is not an array")))
}

fn add_missing<S: AsRef<str>>(list: &mut Vec<Value>, items: impl IntoIterator<Item = S>) {
    for item in items {
        let item = item.as_ref();
        if !list.iter().any(|v| v.as_str() == Some(item)) {
            list.push(Value::String(item.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What wasm-pack 0.13 writes for `--target web` (trimmed to the fields xtask touches).
    fn wasm_pack_web() -> Value {
        json!({
            "name": "kaiten-consent",
            "type": "module",
            "files": ["kaiten_consent_bg.wasm", "kaiten_consent.js", "kaiten_consent.d.ts"],
            "main": "kaiten_consent.js",
            "types": "kaiten_consent.d.ts",
            "sideEffects": ["./snippets/*"],
            "repository": { "type": "git", "url": "https://github.com/kaiten/kaiten-consent" }
        })
    }

    const EXTRA: [&str; 5] = [
        "kaiten-consent-guard.js",
        "kaiten-consent-guard.d.ts",
        "kaiten-consent-guard.inline.json",
        "LICENSE-APACHE",
        "LICENSE-MIT",
    ];

    #[test]
    fn the_guard_its_types_and_licences_join_files_and_the_guard_has_side_effects() {
        let mut manifest = wasm_pack_web();
        complete(&mut manifest, &EXTRA, &[]).unwrap();
        assert_eq!(
            manifest["files"],
            json!([
                "kaiten_consent_bg.wasm",
                "kaiten_consent.js",
                "kaiten_consent.d.ts",
                "kaiten-consent-guard.js",
                "kaiten-consent-guard.d.ts",
                "kaiten-consent-guard.inline.json",
                "LICENSE-APACHE",
                "LICENSE-MIT"
            ])
        );
        assert_eq!(
            manifest["sideEffects"],
            json!(["./snippets/*", "./kaiten-consent-guard.js"])
        );
    }

    #[test]
    fn exports_name_the_entry_and_each_shipped_file() {
        let mut manifest = wasm_pack_web();
        complete(&mut manifest, &EXTRA, &[]).unwrap();
        assert_eq!(
            manifest["exports"],
            json!({
                ".": "./kaiten_consent.js",
                "./kaiten_consent_bg.wasm": "./kaiten_consent_bg.wasm",
                "./kaiten-consent-guard.js": "./kaiten-consent-guard.js",
                "./kaiten-consent-guard.inline.json": "./kaiten-consent-guard.inline.json",
                "./package.json": "./package.json"
            })
        );
        assert_eq!(
            manifest["types"], "kaiten_consent.d.ts",
            "kept for older resolvers"
        );
    }

    const ENTRIES: [Entry; 2] = [
        Entry {
            path: ".",
            file: "index.js",
            types: "index.d.ts",
            peer: None,
            side_effects: true,
        },
        Entry {
            path: "./react",
            file: "react.js",
            types: "react.d.ts",
            peer: Some(("react", ">=18")),
            side_effects: false,
        },
    ];

    #[test]
    fn entries_are_exported_with_their_types_and_their_frameworks_are_optional_peers() {
        let mut manifest = wasm_pack_web();
        complete(&mut manifest, &EXTRA, &ENTRIES).unwrap();
        assert_eq!(
            manifest["exports"],
            json!({
                ".": { "types": "./index.d.ts", "default": "./index.js" },
                "./react": { "types": "./react.d.ts", "default": "./react.js" },
                "./kaiten_consent_bg.wasm": "./kaiten_consent_bg.wasm",
                "./kaiten_consent.js": "./kaiten_consent.js",
                "./kaiten-consent-guard.js": "./kaiten-consent-guard.js",
                "./kaiten-consent-guard.inline.json": "./kaiten-consent-guard.inline.json",
                "./package.json": "./package.json"
            })
        );
        assert_eq!(
            [&manifest["main"], &manifest["module"], &manifest["types"]],
            [&json!("index.js"), &json!("index.js"), &json!("index.d.ts")]
        );
        assert_eq!(
            manifest["sideEffects"],
            json!(["./snippets/*", "./kaiten-consent-guard.js", "./index.js"])
        );
        assert_eq!(manifest["peerDependencies"], json!({ "react": ">=18" }));
        assert_eq!(
            manifest["peerDependenciesMeta"],
            json!({ "react": { "optional": true } })
        );
        let files = manifest["files"].as_array().unwrap();
        for file in ["index.js", "index.d.ts", "react.js", "react.d.ts"] {
            assert!(files.contains(&json!(file)), "{file} ships");
        }
    }

    #[test]
    fn the_repository_url_is_written_as_npm_would() {
        let mut manifest = wasm_pack_web();
        complete(&mut manifest, &EXTRA, &[]).unwrap();
        assert_eq!(
            manifest["repository"],
            json!({ "type": "git", "url": "git+https://github.com/kaiten/kaiten-consent.git" })
        );
        assert_eq!(
            git_url("https://github.com/kaiten/kaiten-consent.git/").as_deref(),
            Some("git+https://github.com/kaiten/kaiten-consent.git")
        );
        assert_eq!(
            git_url("git+https://github.com/kaiten/kaiten-consent.git"),
            None
        );
        assert_eq!(git_url("git@github.com:kaiten/kaiten-consent.git"), None);
    }

    #[test]
    fn completing_twice_adds_nothing_more() {
        let mut once = wasm_pack_web();
        complete(&mut once, &EXTRA, &ENTRIES).unwrap();
        let mut twice = once.clone();
        complete(&mut twice, &EXTRA, &ENTRIES).unwrap();
        assert_eq!(once, twice);
    }

    #[test]
    fn a_bundler_build_exports_its_module_entry() {
        let mut manifest = json!({
            "files": ["kaiten_consent_bg.wasm", "kaiten_consent.js", "kaiten_consent_bg.js"],
            "module": "kaiten_consent.js"
        });
        complete(&mut manifest, &[], &[]).unwrap();
        assert_eq!(manifest["exports"]["."], "./kaiten_consent.js");
        assert_eq!(manifest["sideEffects"], json!([]));
        assert!(manifest["exports"]["./kaiten_consent_bg.js"].is_string());
    }

    #[test]
    fn a_manifest_without_files_or_entry_is_refused_with_the_field() {
        let mut no_files = json!({ "main": "kaiten_consent.js" });
        let err = complete(&mut no_files, &EXTRA, &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"files\""), "{err}");
        let mut no_entry = json!({ "files": [] });
        let err = complete(&mut no_entry, &EXTRA, &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"main\""), "{err}");
    }
}
