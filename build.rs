//! Work done before the crate compiles, so that it ships results rather than the code that makes
//! them:
//! - `src/web/widget.css` without its comments and needless white space (`build/minify_css.rs`),
//!   which `src/web/dom.rs` includes;
//! - the notice hashes of the compiled-in texts per language (`build/notice_digest.rs`), which
//!   `src/notice_hash/mod.rs` includes.

#[path = "build/minify_css.rs"]
mod minify_css;
#[path = "build/notice_digest.rs"]
mod notice_digest;

// The texts are written once, in the crate: the script compiles the modules that hold them, and
// a change to any of them rebuilds and so reruns it. It uses only part of each.
#[allow(dead_code)]
#[path = "src/notice_hash/covered.rs"]
mod covered;
#[allow(dead_code)]
#[path = "src/notice_hash/fnv1a.rs"]
mod fnv1a;
#[allow(dead_code)]
#[path = "src/config/kaiten.rs"]
mod kaiten;
#[allow(dead_code)]
#[path = "src/language.rs"]
mod language;
#[allow(dead_code)]
#[path = "src/localized.rs"]
mod localized;
#[allow(dead_code)]
#[path = "src/notice/mod.rs"]
mod notice;
#[allow(dead_code)]
#[path = "src/processor.rs"]
mod processor;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;
#[allow(dead_code)]
#[path = "src/ui_text/mod.rs"]
mod ui_text;

use std::path::PathBuf;

fn main() {
    let source = "src/web/widget.css";
    println!("cargo::rerun-if-changed={source}");
    let css = std::fs::read_to_string(source)
        .unwrap_or_else(|e| panic!("{source}: {e}; it is compiled into the widget"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    write(&out.join("widget.min.css"), &minify_css::minify(&css));
    write(&out.join("notice_digests.rs"), &notice_digest::source());
}

fn write(path: &std::path::Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
