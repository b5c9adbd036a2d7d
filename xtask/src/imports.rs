//! Short import names for the `web` target. wasm-bindgen names each import of the wasm
//! `__wbg_<method>_<16 hex digits>` in module `"./kaiten_consent_bg.js"`; the wasm's import
//! section and the glue's import object both carry every name, and the hex digits do not
//! compress (the names were ~2.5 KB of the shipped gzip, and V8 keeps each as a string for the
//! life of the page). Here they become `a`, `b`, … `ba`, … in module `w`, in both files.
//!
//! Only the `web` target: there the module name is just a key of the object the glue passes to
//! `WebAssembly.instantiate`, whereas the `bundler` target imports it as a file.

use crate::wasm_file::{push_leb, push_name, rewrite_section, MalformedWasm, Reader};
use crate::words::{replace_once, short_name};
use std::fmt;

/// The module name wasm-bindgen gives the glue's imports for the `web` target.
const GLUE_MODULE: &str = "./kaiten_consent_bg.js";
/// What it becomes.
const SHORT_MODULE: &str = "w";
const IMPORT_SECTION: u8 = 2;

/// The wasm or the glue is not what wasm-bindgen writes.
#[derive(Debug, PartialEq, Eq)]
pub struct ImportsError(String);

impl fmt::Display for ImportsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shortening import names: {}", self.0)
    }
}

impl From<MalformedWasm> for ImportsError {
    fn from(e: MalformedWasm) -> Self {
        Self(e.to_string())
    }
}

/// `wasm` and `glue` with every import of [`GLUE_MODULE`] renamed, in both, to a short name.
///
/// # Errors
/// [`ImportsError`] when the wasm cannot be read, or a name is not exactly once in the glue.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), ImportsError> {
    let mut names = Vec::new();
    let wasm = rename_imports(wasm, |field| {
        let short = short_name(names.len());
        names.push((field.to_owned(), short.clone()));
        short
    })?;
    let mut glue = replace_in_glue(glue, &quoted(GLUE_MODULE), &quoted(SHORT_MODULE))?;
    for (long, short) in &names {
        glue = replace_in_glue(&glue, long, short)?;
    }
    Ok((wasm, glue))
}

fn quoted(text: &str) -> String {
    ["\"", text, "\""].concat()
}

fn replace_in_glue(glue: &str, word: &str, with: &str) -> Result<String, ImportsError> {
    replace_once(glue, word, with).map_err(|found| {
        ImportsError(format!(
            "{word} is {} times in the glue, expected once",
            found.0
        ))
    })
}

/// `wasm` with the field name of every import from [`GLUE_MODULE`] replaced by `rename(name)`
/// and its module by [`SHORT_MODULE`]; every other byte is kept.
fn rename_imports(
    wasm: &[u8],
    mut rename: impl FnMut(&str) -> String,
) -> Result<Vec<u8>, ImportsError> {
    rewrite_section(wasm, IMPORT_SECTION, |payload| {
        import_section(payload, &mut rename)
    })
}

fn import_section(
    payload: &[u8],
    rename: &mut impl FnMut(&str) -> String,
) -> Result<Vec<u8>, ImportsError> {
    let mut reader = Reader::new(payload);
    let count = reader.leb()?;
    let mut out = Vec::with_capacity(payload.len());
    push_leb(&mut out, count);
    for _ in 0..count {
        let module = reader.name()?;
        let field = reader.name()?;
        let descriptor_start = reader.position();
        skip_descriptor(&mut reader)?;
        let descriptor = &payload[descriptor_start..reader.position()];
        if module == GLUE_MODULE {
            push_name(&mut out, SHORT_MODULE);
            push_name(&mut out, &rename(field));
        } else {
            push_name(&mut out, module);
            push_name(&mut out, field);
        }
        out.extend_from_slice(descriptor);
    }
    if !reader.is_at_end() {
        return Err(ImportsError("bytes after the last import".into()));
    }
    Ok(out)
}

/// Skips an import's kind and type: a function's type index, a table's element type and
/// limits, a memory's limits, a global's type and mutability, a tag's attribute and type.
fn skip_descriptor(reader: &mut Reader<'_>) -> Result<(), ImportsError> {
    match reader.byte()? {
        0 => reader.leb().map(drop)?,
        1 => {
            reader.byte()?;
            skip_limits(reader)?;
        }
        2 => skip_limits(reader)?,
        3 => reader.take(2).map(drop)?,
        4 => {
            reader.byte()?;
            reader.leb()?;
        }
        kind => return Err(ImportsError(format!("unknown import kind {kind}"))),
    }
    Ok(())
}

fn skip_limits(reader: &mut Reader<'_>) -> Result<(), MalformedWasm> {
    let flags = reader.byte()?;
    reader.leb()?;
    if flags & 1 == 1 {
        reader.leb()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing `f` (a function) and `m` (a memory with a maximum) from `module`,
    /// followed by a custom section.
    fn module(module: &str, f: &str, m: &str) -> Vec<u8> {
        let mut imports = vec![2];
        for (field, descriptor) in [(f, &[0u8, 0][..]), (m, &[2, 1, 1, 2][..])] {
            push_name(&mut imports, module);
            push_name(&mut imports, field);
            imports.extend_from_slice(descriptor);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: one () -> ()
        wasm.push(IMPORT_SECTION);
        push_leb(&mut wasm, imports.len());
        wasm.extend_from_slice(&imports);
        wasm.extend_from_slice(&[0, 3, 1, b'x', 9]); // a custom section "x"
        wasm
    }

    #[test]
    fn both_files_get_the_same_short_names_and_everything_else_is_kept() {
        let wasm = module(
            GLUE_MODULE,
            "__wbg_now_0123456789abcdef",
            "__wbg_x_fedcba9876543210",
        );
        let glue = "const i = { __wbg_now_0123456789abcdef: function() { return Date.now(); },\n\
                    __wbg_x_fedcba9876543210: m }; return { \"./kaiten_consent_bg.js\": i };";
        let (short_wasm, short_glue) = shorten(&wasm, glue).unwrap();
        assert_eq!(short_wasm, module("w", "a", "b"));
        assert_eq!(
            short_glue,
            "const i = { a: function() { return Date.now(); },\nb: m }; return { \"w\": i };"
        );
    }

    #[test]
    fn imports_of_other_modules_keep_their_names() {
        let wasm = module("env", "f", "memory");
        assert_eq!(rename_imports(&wasm, |_| unreachable!()).unwrap(), wasm);
    }

    #[test]
    fn a_name_missing_from_the_glue_or_there_twice_fails() {
        let wasm = module(GLUE_MODULE, "__wbg_f_1", "__wbg_g_2");
        let once = "{\"./kaiten_consent_bg.js\": { __wbg_f_1: f, __wbg_g_2: g }}";
        assert!(shorten(&wasm, once).is_ok());
        let twice = once.replace("g }", "g, __wbg_f_1: f }");
        let err = shorten(&wasm, &twice).unwrap_err().to_string();
        assert!(err.contains("__wbg_f_1 is 2 times"), "{err}");
        let missing = once.replace("__wbg_g_2: g", "");
        assert!(shorten(&wasm, &missing).is_err());
        // A longer name that contains another is not a hit for it.
        let prefixed = once.replace("__wbg_g_2: g", "__wbg_g_2: g, x__wbg_f_1: h");
        assert!(shorten(&wasm, &prefixed).is_ok());
    }

    #[test]
    fn a_truncated_or_foreign_file_fails() {
        let wasm = module(GLUE_MODULE, "f", "g");
        assert!(rename_imports(&wasm[..wasm.len() - 8], |s| s.to_owned()).is_err());
        assert!(rename_imports(b"\0asm\x02\0\0\0", |s| s.to_owned()).is_err());
    }
}
