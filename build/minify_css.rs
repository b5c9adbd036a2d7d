//! Shrinks the widget's stylesheet before it is compiled into the wasm: comments go, runs of
//! white space become one space, and the spaces next to `{ } ; , >` and after `:` go, as does the
//! `;` before a `}`. Text in quotes is kept as written. Nothing else changes, so every rule,
//! selector and value stays what `src/web/widget.css` says.

/// `css` without its comments and needless white space.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote = None;
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for c in chars.by_ref() {
                if last == '*' && c == '/' {
                    break;
                }
                last = c;
            }
            pending_space = true;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
        if pending_space && !out.is_empty() && !tight(c) {
            let last = out.chars().last().unwrap_or(' ');
            if !tight(last) && last != ':' {
                out.push(' ');
            }
        }
        pending_space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}
