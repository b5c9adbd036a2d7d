//! The notice hashes of the texts compiled into the widget, per language, in the layout
//! `src/notice_hash/covered.rs` defines: SHA-256 of Kaiten's notice, the widget's own texts and
//! Kaiten's processors (what a record of schema 2 carries) and FNV-1a of the notice alone (the start of schema 1's hash with a host's
//! own processors). Written as Rust functions that `src/notice_hash/mod.rs` includes, so the
//! widget ships the hashes and not the code that makes them.

use crate::covered;
use crate::fnv1a::Fnv1a;
use crate::kaiten;
use crate::language::Language;
use crate::notice::Notice;
use crate::ui_text::UiText;
use sha2::{Digest, Sha256};

/// The source of `fn compiled_in(language: Language) -> [u8; 32]` and
/// `fn notice_fnv1a(language: Language) -> u32`.
pub fn source() -> String {
    let processors = kaiten::processors();
    let mut sha256 = String::new();
    let mut fnv1a = String::new();
    for language in Language::ALL {
        let mut notice = Fnv1a::default();
        let mut all = Sha256::new();
        for text in Notice::get(language).texts() {
            covered::text(text, &mut |bytes| {
                notice.add(bytes);
                all.update(bytes);
            });
        }
        for text in UiText::ALL {
            covered::text(text.default_in(language), &mut |bytes| all.update(bytes));
        }
        covered::processors(&processors, language, &mut |bytes| all.update(bytes));
        let digest: [u8; 32] = all.finalize().into();
        sha256.push_str(&format!("        Language::{language:?} => {digest:?},\n"));
        fnv1a.push_str(&format!(
            "        Language::{language:?} => {:#010x},\n",
            notice.finish()
        ));
    }
    format!(
        "fn compiled_in(language: Language) -> [u8; 32] {{\n    match language {{\n{sha256}    }}\n}}\n\n\
         fn notice_fnv1a(language: Language) -> u32 {{\n    match language {{\n{fnv1a}    }}\n}}\n"
    )
}
