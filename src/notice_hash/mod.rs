//! Which wording a decision was made on: a hash of every text the person was shown (the notice in
//! the UI language, the widget's texts in force and each processor's disclosure, in the order
//! `covered.rs` gives), stored with the decision and sent in its consent record.
//!
//! A hash is SHA-256 wherever the texts are compiled into the widget: the build script hashes
//! them (`build/notice_digest.rs`), so no SHA-256 code ships in the wasm and the widget looks the
//! digest up by language. A host's own processor list (the `processors` key) or wording (`texts`)
//! is only known in the browser. Hashing it there with SHA-256 would ship some 700 bytes gzip of
//! SHA-256 code that the size budget does not have, so a decision on such a config keeps schema
//! 1's 32-bit FNV-1a, with the notice's part of it made at build time too. [`NoticeHash::Sha256`] holds a digest wherever
//! it was made: a SHA-256 computed once at start from host-given texts fits the same records.

mod covered;
mod fnv1a;

use crate::language::Language;
use crate::processor::Processor;
use crate::text::push_hex;
use fnv1a::Fnv1a;

/// The hash of the texts a person was shown when deciding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoticeHash {
    /// SHA-256 of the covered bytes: strong evidence of the exact wording. Stored records of
    /// schema 2 carry it.
    Sha256([u8; 32]),
    /// 32-bit FNV-1a of the notice's own FNV-1a (4 bytes, little-endian) followed by the
    /// processors' disclosures: weak evidence, as collisions are cheap to find. Stored records of
    /// schema 1 carry it.
    Fnv1a(u32),
}

/// Where the wording a person is shown comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wording {
    /// Kaiten's processors and the widget's own texts, compiled in: the hash of everything shown
    /// is made at build time.
    CompiledIn,
    /// Some of it from the host's config (its `processors` or `texts` key).
    Configured,
}

impl NoticeHash {
    /// The hash of what is shown in `language` with the widget's `texts` (in
    /// [`crate::ui_text::UiText`] order) and `processors`, whose `wording` comes from there.
    pub(crate) fn of(
        language: Language,
        texts: &[&str],
        processors: &[Processor],
        wording: Wording,
    ) -> Self {
        match wording {
            Wording::CompiledIn => Self::Sha256(compiled_in(language)),
            Wording::Configured => Self::Fnv1a(fnv1a(language, texts, processors)),
        }
    }

    /// Appends the hash as lowercase hex: 64 digits for SHA-256 (as `sha256sum` prints it), 8 for
    /// FNV-1a. The cookie and the consent record spell it the same way.
    pub(crate) fn push_hex(self, out: &mut String) {
        match self {
            Self::Sha256(digest) => push_hex(out, &digest),
            Self::Fnv1a(hash) => push_hex(out, &hash.to_be_bytes()),
        }
    }
}

// Made by the build script from the compiled-in texts in each language:
// `fn compiled_in(language: Language) -> [u8; 32]`, SHA-256 of Kaiten's notice, the widget's own
// texts and Kaiten's processors;
// `fn notice_fnv1a(language: Language) -> u32`, FNV-1a of the notice alone.
include!(concat!(env!("OUT_DIR"), "/notice_digests.rs"));

/// Schema 1's hash with a host's processors or texts: the notice's FNV-1a, as 4 little-endian
/// bytes, followed by the widget's texts and the processors' disclosures.
fn fnv1a(language: Language, texts: &[&str], processors: &[Processor]) -> u32 {
    let mut hash = Fnv1a::default();
    hash.add(&notice_fnv1a(language).to_le_bytes());
    for text in texts {
        covered::text(text, &mut |bytes| hash.add(bytes));
    }
    covered::processors(processors, language, &mut |bytes| hash.add(bytes));
    hash.finish()
}
