//! Compiles `src/web/widget.css` into the wasm without its comments and needless white space
//! (`build/minify_css.rs`); `src/web/dom.rs` includes the result.

#[path = "build/minify_css.rs"]
mod minify_css;

fn main() {
    let source = "src/web/widget.css";
    println!("cargo::rerun-if-changed={source}");
    println!("cargo::rerun-if-changed=build/minify_css.rs");
    let css = std::fs::read_to_string(source)
        .unwrap_or_else(|e| panic!("{source}: {e}; it is compiled into the widget"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    std::fs::write(out.join("widget.min.css"), minify_css::minify(&css))
        .unwrap_or_else(|e| panic!("writing the minified stylesheet: {e}"));
}
