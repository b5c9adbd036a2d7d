//! Short import names for the `web` target. wasm-bindgen names each import of the wasm
//! `__wbg_<method>_<16 hex digits>` in module `"./kaiten_consent_bg.js"`; the wasm's import
//! section and the glue's import object both carry every name, and the hex digits do not
//! compress (the names were ~2.5 KB of the shipped gzip, and V8 keeps each as a string for the
//! life of the page). Here they become `a`, `b`, … `ba`, … in module `w`, in both files.
//!
//! Only the `web` target: there the module name is just a key of the object the glue passes to
//! `WebAssembly.instantiate`, whereas the `bundler` target imports it as a file.

use std::fmt;

/// The module name wasm-bindgen gives the glue's imports for the `web` target.
const GLUE_MODULE: &str = "./kaiten_consent_bg.js";
/// What it becomes.
const SHORT_MODULE: &str = "w";
/// The characters of the short names: valid first characters of a JS identifier.
const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The wasm or the glue is not what wasm-bindgen writes.
#[derive(Debug, PartialEq, Eq)]
pub struct ImportsError(String);

impl fmt::Display for ImportsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shortening import names: {}", self.0)
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
    let mut glue = replace_once(glue, &quoted(GLUE_MODULE), &quoted(SHORT_MODULE))?;
    for (long, short) in &names {
        glue = replace_once(&glue, long, short)?;
    }
    Ok((wasm, glue))
}

/// The `n`th short name: `a` … `Z`, then `ba`, `bb`, … (the leading character is never `a`,
/// so no two names are equal).
fn short_name(mut n: usize) -> String {
    let base = ALPHABET.len();
    let mut digits = vec![ALPHABET[n % base]];
    n /= base;
    while n > 0 {
        digits.push(ALPHABET[n % base]);
        n /= base;
    }
    digits.iter().rev().map(|&b| char::from(b)).collect()
}

fn quoted(text: &str) -> String {
    ["\"", text, "\""].concat()
}

/// `text` with the one whole-word `word` (not next to `A-Z a-z 0-9 _ $`) replaced by `with`.
fn replace_once(text: &str, word: &str, with: &str) -> Result<String, ImportsError> {
    let is_word =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || "_$".contains(c));
    let hits: Vec<usize> = text
        .match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            !is_word(text[..at].chars().next_back())
                && !is_word(text[at + word.len()..].chars().next())
        })
        .collect();
    match hits[..] {
        [at] => Ok([&text[..at], with, &text[at + word.len()..]].concat()),
        _ => Err(ImportsError(format!(
            "{word} is {} times in the glue, expected once",
            hits.len()
        ))),
    }
}

/// `wasm` with the field name of every import from [`GLUE_MODULE`] replaced by `rename(name)`
/// and its module by [`SHORT_MODULE`]; every other byte is kept.
fn rename_imports(
    wasm: &[u8],
    mut rename: impl FnMut(&str) -> String,
) -> Result<Vec<u8>, ImportsError> {
    let mut reader = Reader { bytes: wasm, at: 0 };
    let header = reader.take(8)?;
    if header != b"\0asm\x01\0\0\0" {
        return Err(ImportsError("not a wasm module (version 1)".into()));
    }
    let mut out = header.to_vec();
    while reader.at < wasm.len() {
        let id = reader.byte()?;
        let size = reader.leb()?;
        let payload = reader.take(size)?;
        let payload = if id == IMPORT_SECTION {
            import_section(payload, &mut rename)?
        } else {
            payload.to_vec()
        };
        out.push(id);
        push_leb(&mut out, payload.len());
        out.extend_from_slice(&payload);
    }
    Ok(out)
}

const IMPORT_SECTION: u8 = 2;

fn import_section(
    payload: &[u8],
    rename: &mut impl FnMut(&str) -> String,
) -> Result<Vec<u8>, ImportsError> {
    let mut reader = Reader {
        bytes: payload,
        at: 0,
    };
    let count = reader.leb()?;
    let mut out = Vec::with_capacity(payload.len());
    push_leb(&mut out, count);
    for _ in 0..count {
        let module = reader.name()?;
        let field = reader.name()?;
        let descriptor_start = reader.at;
        reader.skip_descriptor()?;
        let descriptor = &payload[descriptor_start..reader.at];
        let (module, field) = if module == GLUE_MODULE {
            (SHORT_MODULE.to_owned(), rename(field))
        } else {
            (module.to_owned(), field.to_owned())
        };
        for name in [&module, &field] {
            push_leb(&mut out, name.len());
            out.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(descriptor);
    }
    if reader.at != payload.len() {
        return Err(ImportsError("bytes after the last import".into()));
    }
    Ok(out)
}

fn push_leb(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// Reads a wasm binary front to back.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ImportsError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len());
        let end = end.ok_or_else(|| ImportsError("the wasm ends early".into()))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8, ImportsError> {
        Ok(self.take(1)?[0])
    }

    /// An unsigned LEB128 number (at most 32 bits, as the wasm format allows).
    fn leb(&mut self) -> Result<usize, ImportsError> {
        let mut n = 0usize;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            n |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(ImportsError("a number longer than 5 bytes".into()))
    }

    fn name(&mut self) -> Result<&'a str, ImportsError> {
        let len = self.leb()?;
        std::str::from_utf8(self.take(len)?)
            .map_err(|_| ImportsError("an import name that is not UTF-8".into()))
    }

    /// Skips an import's kind and type: a function's type index, a table's element type and
    /// limits, a memory's limits, a global's type and mutability, a tag's attribute and type.
    fn skip_descriptor(&mut self) -> Result<(), ImportsError> {
        match self.byte()? {
            0 => self.leb().map(drop),
            1 => {
                self.byte()?;
                self.skip_limits()
            }
            2 => self.skip_limits(),
            3 => self.take(2).map(drop),
            4 => {
                self.byte()?;
                self.leb().map(drop)
            }
            kind => Err(ImportsError(format!("unknown import kind {kind}"))),
        }
    }

    fn skip_limits(&mut self) -> Result<(), ImportsError> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing `f` (a function) and `m` (a memory with a maximum) from `module`,
    /// followed by a custom section.
    fn module(module: &str, f: &str, m: &str) -> Vec<u8> {
        let mut imports = vec![2];
        for (field, descriptor) in [(f, &[0u8, 0][..]), (m, &[2, 1, 1, 2][..])] {
            for name in [module, field] {
                push_leb(&mut imports, name.len());
                imports.extend_from_slice(name.as_bytes());
            }
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

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<_> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "ba");
        let distinct: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }
}
