//! `wasm-pack.toml`: the build settings. wasm-pack does not read this file; `cargo xtask build`
//! does, and refuses unknown keys. Every field is read by the build (an unread field would be a
//! `dead_code` warning, which clippy turns into an error).

use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// wasm-pack `--target` values, e.g. `["web"]`.
    pub targets: Vec<Target>,
    /// Output folder; each target builds into `<out_dir>/<target>`.
    pub out_dir: PathBuf,
    /// Cargo profile.
    pub profile: Profile,
    /// wasm-opt flags separated by spaces, the first an optimisation level such as `-Oz`
    /// (e.g. `-Os --converge --strip-debug`), or `none`.
    pub wasm_opt: String,
    /// For release builds: the pinned nightly toolchain that rebuilds the standard library with
    /// `-Cpanic=immediate-abort` (`nightly-YYYY-MM-DD`), or `none` to use the default
    /// toolchain's prebuilt standard library.
    pub std_toolchain: String,
    /// Size limits.
    pub budget: Budget,
}

/// A wasm-pack `--target`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// ES module for browsers without a bundler.
    Web,
    /// For bundlers.
    Bundler,
    /// Classic script that sets a global.
    #[serde(rename = "no-modules")]
    NoModules,
}

impl Target {
    /// The `--target` value.
    pub fn name(self) -> &'static str {
        match self {
            Target::Web => "web",
            Target::Bundler => "bundler",
            Target::NoModules => "no-modules",
        }
    }
}

/// The cargo profile wasm-pack builds with.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// `--release`.
    Release,
    /// `--dev`.
    Dev,
}

impl Profile {
    /// The wasm-pack flag.
    pub fn flag(self) -> &'static str {
        match self {
            Profile::Release => "--release",
            Profile::Dev => "--dev",
        }
    }
}

/// Size limits for what ships.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// wasm + JS glue + CSS of the `web` target, gzip -9, in bytes.
    pub gzip_bytes: u64,
}

/// `wasm-pack.toml` could not be read or is not valid.
#[derive(Debug)]
pub struct SettingsError(String);

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Settings {
    /// Parses the file's text.
    pub fn parse(text: &str) -> Result<Self, SettingsError> {
        let settings: Settings =
            toml::from_str(text).map_err(|e| SettingsError(format!("wasm-pack.toml: {e}")))?;
        if !settings.targets.contains(&Target::Web) {
            return Err(SettingsError(
                "wasm-pack.toml: targets must include \"web\" (the demo and tests load it)".into(),
            ));
        }
        if settings.wasm_opt != "none" && !settings.wasm_opt.starts_with("-O") {
            return Err(SettingsError(format!(
                "wasm-pack.toml: wasm_opt must start with an -O flag such as \"-Oz\" (more flags \
                 may follow, separated by spaces), or be \"none\"; got {:?}",
                settings.wasm_opt
            )));
        }
        let pinned_nightly = settings
            .std_toolchain
            .strip_prefix("nightly-")
            .is_some_and(|date| {
                date.len() == 10 && date.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            });
        if settings.std_toolchain != "none" && !pinned_nightly {
            return Err(SettingsError(format!(
                "wasm-pack.toml: std_toolchain must be a dated nightly such as \
                 \"nightly-2026-05-20\" (rebuilding std needs one; a date keeps builds \
                 reproducible), or \"none\"; got {:?}",
                settings.std_toolchain
            )));
        }
        Ok(settings)
    }

    /// The toolchain that rebuilds std for this build, if any (release builds only).
    pub fn rebuilt_std(&self) -> Option<&str> {
        (self.profile == Profile::Release && self.std_toolchain != "none")
            .then_some(self.std_toolchain.as_str())
    }

    /// The wasm-opt flags, one argument each (read when `wasm_opt` is not `none`).
    pub fn wasm_opt_args(&self) -> impl Iterator<Item = &str> {
        self.wasm_opt.split_whitespace()
    }

    /// Reads and parses `path`.
    pub fn load(path: &Path) -> Result<Self, SettingsError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| SettingsError(format!("{}: {e}", path.display())))?;
        Self::parse(&text)
    }

    /// Where `target` is built.
    pub fn target_dir(&self, target: Target) -> PathBuf {
        self.out_dir.join(target.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"
        targets = ["web", "bundler"]
        out_dir = "pkg"
        profile = "release"
        wasm_opt = "-Oz"
        std_toolchain = "nightly-2026-05-20"
        [budget]
        gzip_bytes = 1000
    "#;

    #[test]
    fn the_committed_file_is_valid() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wasm-pack.toml");
        let settings = Settings::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(settings.targets.contains(&Target::Web));
    }

    #[test]
    fn a_valid_file_is_read_field_by_field() {
        let s = Settings::parse(VALID).unwrap();
        assert_eq!(s.targets, [Target::Web, Target::Bundler]);
        assert_eq!(s.target_dir(Target::Bundler), PathBuf::from("pkg/bundler"));
        assert_eq!(s.profile, Profile::Release);
        assert_eq!(s.budget.gzip_bytes, 1000);
        assert_eq!(s.wasm_opt_args().collect::<Vec<_>>(), ["-Oz"]);
        assert_eq!(s.rebuilt_std(), Some("nightly-2026-05-20"));
        let dev = Settings::parse(&VALID.replace("\"release\"", "\"dev\"")).unwrap();
        assert_eq!(dev.rebuilt_std(), None, "dev builds use the prebuilt std");
        let plain = Settings::parse(&VALID.replace("\"nightly-2026-05-20\"", "\"none\"")).unwrap();
        assert_eq!(plain.rebuilt_std(), None);
        let s = Settings::parse(&VALID.replace("\"-Oz\"", "\"-Os  --converge --strip-debug\""))
            .unwrap();
        assert_eq!(
            s.wasm_opt_args().collect::<Vec<_>>(),
            ["-Os", "--converge", "--strip-debug"]
        );
    }

    #[test]
    fn an_unknown_key_fails_with_its_name() {
        let text = format!("{VALID}\nextra_key = 1");
        let err = Settings::parse(&text.replace("[budget]\n        gzip_bytes = 1000", ""))
            .expect_err("unknown key must fail")
            .to_string();
        assert!(err.contains("extra_key"), "{err}");
        let err = Settings::parse(&VALID.replace("gzip_bytes", "gzip_kib"))
            .expect_err("unknown key in [budget] must fail")
            .to_string();
        assert!(err.contains("gzip_kib"), "{err}");
    }

    #[test]
    fn a_missing_key_or_bad_value_fails() {
        assert!(Settings::parse(&VALID.replace("out_dir = \"pkg\"", "")).is_err());
        assert!(Settings::parse(&VALID.replace("\"-Oz\"", "\"fast\"")).is_err());
        assert!(Settings::parse(&VALID.replace("\"-Oz\"", "\"--converge -Oz\"")).is_err());
        assert!(
            Settings::parse(&VALID.replace("[\"web\", \"bundler\"]", "[\"bundler\"]")).is_err()
        );
        assert!(Settings::parse(&VALID.replace("\"release\"", "\"turbo\"")).is_err());
        for toolchain in [
            "nightly",
            "stable",
            "nightly-2026-5-2",
            "nightly-2026-05-20; rm",
        ] {
            let text = VALID.replace("nightly-2026-05-20", toolchain);
            assert!(Settings::parse(&text).is_err(), "{toolchain}");
        }
    }
}
