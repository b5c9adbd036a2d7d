//! Short export names for the `web` target. wasm-bindgen names the wasm's exports after the Rust
//! items behind them (`kaitenconsent_start`, `__wbindgen_malloc`) and its closure invokers after
//! their full generic type with crate hashes (`wasm_bindgen_<hex>___convert__closures_____invoke_…`,
//! up to 334 characters). The export section, the glue's `wasm.<name>` reads and the two
//! TypeScript files that list the raw exports (`InitOutput` in `kaiten_consent.d.ts`,
//! `kaiten_consent_bg.wasm.d.ts`) all carry every name; here each becomes `a`, `b`, … in all four.
//!
//! The new names only meet each other: the glue reads every export as a property of the one
//! exports object (`wasm.<name>`, `wasm.__wbindgen_start()` included), so they cannot clash with
//! the short import names (keys of another object) or with the glue's own functions, some of
//! which share an export's long name and which the minifier renames afterwards. `memory` keeps
//! its name: it is the export with a meaning outside the glue (an app or a debugger reads the
//! heap through `InitOutput.memory`), and no short name is `memory`.
//!
//! Not every export is read or typed: the glue never calls `__wbindgen_free`, and the `.d.ts`
//! leave out exported globals such as `__abort_handler`; those are renamed in the wasm alone. A
//! name the glue mentions without reading it as `wasm.<name>` (`wasm["…"]`, a destructuring), or
//! that a `.d.ts` declares twice, fails the build: wasm-bindgen then writes something this module
//! does not know how to rename.

use crate::wasm_file::{push_leb, push_name, rewrite_section, MalformedWasm, Reader};
use crate::words::{is_word_char, short_name, word_spans};
use std::collections::HashMap;
use std::fmt;

const EXPORT_SECTION: u8 = 7;
/// Exports that keep their name (see the module docs).
const KEPT: &[&str] = &["memory"];
/// Short names that are not identifiers in `export const <name>` (reserved words of JS and
/// TypeScript), or that the `.d.ts` pass turns into another word (`any` becomes `unknown`).
const NOT_NAMES: &[&str] = &["any", "do", "for", "if", "in", "let", "new", "try", "var"];
/// The glue's name for the wasm's exports object.
const EXPORTS_OBJECT: &str = "wasm.";

/// The wasm, the glue or a `.d.ts` is not what wasm-bindgen writes.
#[derive(Debug, PartialEq, Eq)]
pub struct ExportsError(String);

impl fmt::Display for ExportsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shortening export names: {}", self.0)
    }
}

impl From<MalformedWasm> for ExportsError {
    fn from(e: MalformedWasm) -> Self {
        Self(e.to_string())
    }
}

/// A TypeScript file that lists the wasm's exports: its file name (for errors) and text.
pub struct Declarations<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

/// The files of [`shorten`] with the short export names.
#[derive(Debug)]
pub struct Shortened {
    pub wasm: Vec<u8>,
    pub glue: String,
    /// In the order of [`shorten`]'s `declarations`.
    pub declarations: Vec<String>,
}

/// `wasm`, `glue` and the `declarations` with every export but [`KEPT`] renamed to a short name.
///
/// # Errors
/// [`ExportsError`] when the wasm cannot be read, the glue mentions an export but never reads it
/// as `wasm.<name>`, or a `.d.ts` declares an export more than once.
pub fn shorten(
    wasm: &[u8],
    glue: &str,
    declarations: &[Declarations<'_>],
) -> Result<Shortened, ExportsError> {
    let mut renames = HashMap::new();
    let mut short_names = (0..)
        .map(short_name)
        .filter(|name| !KEPT.contains(&name.as_str()) && !NOT_NAMES.contains(&name.as_str()));
    let wasm = rewrite_section(wasm, EXPORT_SECTION, |payload| {
        export_section(payload, |name| {
            if KEPT.contains(&name) {
                return name.to_owned();
            }
            let short = short_names.next().expect("short names never run out");
            renames.insert(name.to_owned(), short.clone());
            short
        })
    })?;
    let glue = rename_in_glue(glue, &renames)?;
    let declarations = declarations
        .iter()
        .map(|d| rename_declared(d, &renames))
        .collect::<Result<_, _>>()?;
    Ok(Shortened {
        wasm,
        glue,
        declarations,
    })
}

/// An export section with every name replaced by `rename(name)`; kinds and indices are kept.
fn export_section(
    payload: &[u8],
    mut rename: impl FnMut(&str) -> String,
) -> Result<Vec<u8>, ExportsError> {
    let mut reader = Reader::new(payload);
    let count = reader.leb()?;
    let mut out = Vec::with_capacity(payload.len());
    push_leb(&mut out, count);
    for _ in 0..count {
        let name = reader.name()?;
        let descriptor_start = reader.position();
        reader.byte()?; // the kind: function, table, memory, global or tag
        reader.leb()?; // its index
        push_name(&mut out, &rename(name));
        out.extend_from_slice(&payload[descriptor_start..reader.position()]);
    }
    if !reader.is_at_end() {
        return Err(ExportsError("bytes after the last export".into()));
    }
    Ok(out)
}

/// `glue` with every `wasm.<long>` read as `wasm.<short>`; other mentions of an export's name
/// (a local function named after it) are kept if the glue also reads it as `wasm.<long>`.
fn rename_in_glue(glue: &str, renames: &HashMap<String, String>) -> Result<String, ExportsError> {
    let mut reads: HashMap<&str, usize> = HashMap::new();
    let mut out = String::with_capacity(glue.len());
    let mut copied = 0;
    for (at, word) in word_spans(glue) {
        let Some(short) = renames.get(word) else {
            continue;
        };
        let Some(object_at) = at.checked_sub(EXPORTS_OBJECT.len()) else {
            continue;
        };
        let before = glue[..object_at].chars().next_back();
        let read_of_exports = glue[object_at..at] == *EXPORTS_OBJECT
            && !before.is_some_and(|c| is_word_char(c) || c == '.');
        if read_of_exports {
            out.push_str(&glue[copied..at]);
            out.push_str(short);
            copied = at + word.len();
            *reads.entry(word).or_default() += 1;
        }
    }
    out.push_str(&glue[copied..]);
    let mut read_otherwise: Vec<&str> = word_spans(glue)
        .map(|(_, word)| word)
        .filter(|word| renames.contains_key(*word) && !reads.contains_key(word))
        .collect();
    if !read_otherwise.is_empty() {
        read_otherwise.sort_unstable();
        read_otherwise.dedup();
        return Err(ExportsError(format!(
            "the glue names {} but never reads it as {EXPORTS_OBJECT}<name>",
            read_otherwise.join(", ")
        )));
    }
    Ok(out)
}

/// The `.d.ts` with each renamed export's declaration, if it has one, renamed.
fn rename_declared(
    declarations: &Declarations<'_>,
    renames: &HashMap<String, String>,
) -> Result<String, ExportsError> {
    let text = declarations.text;
    let mut found: HashMap<&str, usize> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, word) in word_spans(text) {
        if let Some(short) = renames.get(word) {
            out.push_str(&text[copied..at]);
            out.push_str(short);
            copied = at + word.len();
            *found.entry(word).or_default() += 1;
        }
    }
    out.push_str(&text[copied..]);
    let mut repeated: Vec<String> = found
        .iter()
        .filter(|&(_, &times)| times > 1)
        .map(|(name, times)| format!("{name} ({times} times)"))
        .collect();
    if !repeated.is_empty() {
        repeated.sort_unstable();
        return Err(ExportsError(format!(
            "{} should declare each export at most once: {}",
            declarations.file,
            repeated.join(", ")
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module exporting, in order, each of `names` (as function 0), followed by a custom
    /// section.
    fn module(names: &[&str]) -> Vec<u8> {
        let mut exports = Vec::new();
        push_leb(&mut exports, names.len());
        for name in names {
            push_name(&mut exports, name);
            exports.extend_from_slice(&[0, 0]); // function 0
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: one () -> ()
        wasm.extend_from_slice(&[3, 2, 1, 0]); // function section: one of type 0
        wasm.push(EXPORT_SECTION);
        push_leb(&mut wasm, exports.len());
        wasm.extend_from_slice(&exports);
        wasm.extend_from_slice(&[10, 4, 1, 2, 0, 0x0b]); // code section: an empty body
        wasm.extend_from_slice(&[0, 3, 1, b'x', 9]); // a custom section "x"
        wasm
    }

    const GLUE: &str = "function kaitenconsent_start(a) { return wasm.kaitenconsent_start(a); }\n\
                        let p = wasm.__wbindgen_malloc(1); wasm.__wbindgen_malloc(2);\n\
                        new Uint8Array(wasm.memory.buffer); wasm.__wbindgen_start();";
    const DTS: &str = "export interface InitOutput {\n  readonly memory: WebAssembly.Memory;\n  \
                       readonly kaitenconsent_start: (a: number) => number;\n  \
                       readonly __wbindgen_malloc: (a: number) => number;\n  \
                       readonly __wbindgen_start: () => void;\n}\n";
    const EXPORTS: [&str; 4] = [
        "memory",
        "kaitenconsent_start",
        "__wbindgen_malloc",
        "__wbindgen_start",
    ];

    fn dts(text: &str) -> [Declarations<'_>; 1] {
        [Declarations {
            file: "kaiten_consent.d.ts",
            text,
        }]
    }

    #[test]
    fn the_wasm_the_glue_and_the_types_get_the_same_short_names() {
        let shortened = shorten(&module(&EXPORTS), GLUE, &dts(DTS)).unwrap();
        assert_eq!(
            shortened.wasm,
            module(&["memory", "a", "b", "c"]),
            "only the names change"
        );
        assert_eq!(
            shortened.glue,
            "function kaitenconsent_start(a) { return wasm.a(a); }\n\
             let p = wasm.b(1); wasm.b(2);\n\
             new Uint8Array(wasm.memory.buffer); wasm.c();"
        );
        assert_eq!(
            shortened.declarations,
            [
                "export interface InitOutput {\n  readonly memory: WebAssembly.Memory;\n  \
              readonly a: (a: number) => number;\n  readonly b: (a: number) => number;\n  \
              readonly c: () => void;\n}\n"
            ]
        );
    }

    #[test]
    fn a_long_name_list_keeps_its_sizes_right() {
        // 300 exports of 200-byte names: the section's size needs three LEB128 bytes before and
        // two after, and the count two bytes in both.
        let long: Vec<String> = (0..300).map(|i| format!("e{i:0>199}")).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        let glue: String = long.iter().map(|name| format!("wasm.{name};")).collect();
        let declared: String = long.iter().map(|name| format!("{name};")).collect();
        let shortened = shorten(&module(&long), &glue, &dts(&declared)).unwrap();
        let short: Vec<String> = (0..)
            .map(short_name)
            .filter(|name| !NOT_NAMES.contains(&name.as_str()))
            .take(300)
            .collect();
        let short: Vec<&str> = short.iter().map(String::as_str).collect();
        assert_eq!(shortened.wasm, module(&short));
    }

    #[test]
    fn an_export_the_glue_names_but_does_not_read_as_wasm_dot_name_fails() {
        let wasm = module(&EXPORTS);
        for glue in [
            GLUE.replace("wasm.__wbindgen_start()", "wasm['__wbindgen_start']()"),
            GLUE.replace("wasm.__wbindgen_start()", "mywasm.__wbindgen_start()"),
            GLUE.replace(
                "wasm.__wbindgen_start()",
                "const { __wbindgen_start } = wasm;",
            ),
        ] {
            let err = shorten(&wasm, &glue, &dts(DTS)).unwrap_err().to_string();
            assert_eq!(
                err,
                "shortening export names: the glue names __wbindgen_start but never reads it \
                 as wasm.<name>"
            );
        }
    }

    #[test]
    fn an_export_neither_read_nor_typed_is_renamed_in_the_wasm_alone() {
        let glue = GLUE.replace("wasm.__wbindgen_start();", "");
        let declared = DTS.replace("readonly __wbindgen_start: () => void;", "");
        let shortened = shorten(&module(&EXPORTS), &glue, &dts(&declared)).unwrap();
        assert_eq!(shortened.wasm, module(&["memory", "a", "b", "c"]));
        assert!(!shortened.glue.contains("wasm.c"));
    }

    #[test]
    fn an_export_declared_twice_in_a_dts_fails() {
        let twice = DTS.replace("}\n", "  __wbindgen_malloc: number;\n}\n");
        let err = shorten(&module(&EXPORTS), GLUE, &dts(&twice))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "shortening export names: kaiten_consent.d.ts should declare each export at most \
             once: __wbindgen_malloc (2 times)"
        );
    }

    #[test]
    fn short_names_skip_kept_and_reserved_words() {
        // Index 3 * 52 + 14 is "do", the first reserved word short_name gives.
        let long: Vec<String> = (0..200).map(|i| format!("export_{i}")).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        let glue: String = long.iter().map(|name| format!("wasm.{name};")).collect();
        let shortened = shorten(&module(&long), &glue, &[]).unwrap();
        assert!(
            shortened.glue.contains("wasm.dn;wasm.dp;"),
            "{}",
            shortened.glue
        );
        assert!(!shortened.glue.contains("wasm.do;"));
    }

    #[test]
    fn a_truncated_export_section_fails() {
        let wasm = module(&EXPORTS);
        let cut = wasm.len() - 12;
        assert!(shorten(&wasm[..cut], GLUE, &dts(DTS)).is_err());
    }
}
