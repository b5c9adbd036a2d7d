//! The notice hash a decision stores, recomputed here independently of the widget and its build
//! script: SHA-256 from the `sha2` crate over the texts as the docs/proof-of-consent.md lays
//! them out, read through the crate's public API, in every language.

mod common;

use common::config;
use kaiten_consent::config::Config;
use kaiten_consent::language::Language;
use kaiten_consent::notice::Notice;
use kaiten_consent::notice_hash::NoticeHash;
use kaiten_consent::processor::Processor;
use kaiten_consent::ui_text::UiText;
use sha2::{Digest, Sha256};

/// Every byte a notice hash covers: the notice's texts, then the widget's texts in force, then
/// each processor's disclosure.
struct Covered {
    notice: Vec<u8>,
    ui: Vec<u8>,
    processors: Vec<u8>,
}

fn text(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(text.as_bytes());
    out.push(0);
}

fn covered(language: Language, config: &Config) -> Covered {
    let processors: &[Processor] = config.processors();
    let mut notice = Vec::new();
    for shown in Notice::get(language).texts() {
        text(&mut notice, shown);
    }
    let mut ui = Vec::new();
    for key in UiText::ALL {
        text(&mut ui, config.text(language, key));
    }
    let mut disclosed = Vec::new();
    for p in processors {
        disclosed.extend_from_slice(&u32::from(p.needs_consent()).to_le_bytes());
        text(&mut disclosed, p.id.as_str());
        text(&mut disclosed, &p.name);
        text(&mut disclosed, p.purpose.get(language));
        text(&mut disclosed, p.data_shared.get(language));
        text(&mut disclosed, &p.recipient);
        text(&mut disclosed, p.location.get(language));
        text(&mut disclosed, &p.privacy_url);
        for cookie in &p.cookies {
            text(&mut disclosed, &cookie.name);
            disclosed.extend_from_slice(&cookie.lifetime_days.to_le_bytes());
        }
    }
    Covered {
        notice,
        ui,
        processors: disclosed,
    }
}

fn fnv1a(start: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(start, |hash, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(16_777_619)
    })
}

const FNV_OFFSET: u32 = 2_166_136_261;

/// A host's own processor list: not compiled in, so the build script cannot hash it.
fn hosts_own() -> Config {
    config(
        r#"{ "processors": [{ "id": "hotjar", "basis": "consent", "name": "Hotjar",
            "purpose": { "en": "Heatmaps", "ru": "Тепловые карты" }, "dataShared": "Clicks",
            "recipient": "Hotjar Ltd", "location": "Malta", "privacyUrl": "https://www.hotjar.com/privacy/",
            "cookies": [{ "name": "_hj*", "lifetimeDays": 365 }] }] }"#,
    )
}

#[test]
fn kaitens_texts_are_hashed_with_sha256_of_exactly_what_is_shown_in_each_language() {
    let kaiten = Config::kaiten();
    for language in Language::ALL {
        let covered = covered(language, &kaiten);
        let digest: [u8; 32] = Sha256::new()
            .chain_update(&covered.notice)
            .chain_update(&covered.ui)
            .chain_update(&covered.processors)
            .finalize()
            .into();
        assert_eq!(
            kaiten.notice_hash(language),
            NoticeHash::Sha256(digest),
            "{language:?}"
        );
    }
}

#[test]
fn each_language_has_its_own_hash() {
    let kaiten = Config::kaiten();
    let hashes: Vec<NoticeHash> = Language::ALL
        .into_iter()
        .map(|l| kaiten.notice_hash(l))
        .collect();
    for (i, hash) in hashes.iter().enumerate() {
        assert!(!hashes[..i].contains(hash), "{:?}", Language::ALL[i]);
    }
}

#[test]
fn a_config_that_keeps_kaitens_processors_keeps_their_build_time_hash() {
    let configured = config(
        r#"{ "revision": 3, "lifetimeDays": 30, "language": "ru", "proofUrl": "/consent-log",
             "scripts": { "intercom": "https://widget.intercom.io/widget/abc" } }"#,
    );
    for language in Language::ALL {
        assert_eq!(
            configured.notice_hash(language),
            Config::kaiten().notice_hash(language),
            "{language:?}"
        );
    }
}

/// Schema 1's hash, as docs/proof-of-consent.md lays it out: FNV-1a of the notice's FNV-1a (4 bytes,
/// little-endian), then the widget's texts and the processors' disclosures.
fn schema_1(covered: &Covered) -> NoticeHash {
    let notice = fnv1a(FNV_OFFSET, &covered.notice);
    let start = fnv1a(FNV_OFFSET, &notice.to_le_bytes());
    NoticeHash::Fnv1a(fnv1a(fnv1a(start, &covered.ui), &covered.processors))
}

#[test]
fn a_hosts_own_processors_are_hashed_with_schema_1s_fnv1a_over_the_same_texts() {
    let own = hosts_own();
    for language in Language::ALL {
        let covered = covered(language, &own);
        assert_eq!(
            own.notice_hash(language),
            schema_1(&covered),
            "{language:?}"
        );
    }
}

#[test]
fn a_hosts_own_wording_is_hashed_in_the_language_it_changes_and_only_there() {
    let worded = config(r#"{ "texts": { "ru": { "acceptAll": "Согласиться" } } }"#);
    assert_eq!(
        worded.notice_hash(Language::En),
        Config::kaiten().notice_hash(Language::En)
    );
    let covered = covered(Language::Ru, &worded);
    assert_eq!(worded.notice_hash(Language::Ru), schema_1(&covered));
    assert_ne!(
        worded.notice_hash(Language::Ru),
        schema_1(&self::covered(Language::Ru, &Config::kaiten())),
        "the host's wording is what is hashed"
    );
}
