//! The stored-record decoder on arbitrary cookie text: it must never panic, whatever decodes must
//! be the one spelling `encode` writes, and the consent core must take it (or refuse it) without
//! panicking and without loading anything the record does not grant.
#![no_main]

use kaiten_consent::config::Config;
use kaiten_consent::consent::{Action, Consent, Context, Effect};
use kaiten_consent::language::Language;
use kaiten_consent::proof::Source;
use kaiten_consent::record::{ConsentId, Record};
use kaiten_consent::time::Timestamp;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let record = Record::decode(&text);
    if let Some(record) = &record {
        assert_eq!(record.encode(), text, "decoded text must be canonical");
    }
    let context = Context {
        now: Timestamp(1_780_000_000),
        fresh_id: ConsentId::new("fuzz-0000").expect("a valid id"),
        language: Language::En,
        source: Source::Stored,
    };
    let mut consent = Consent::new(Config::kaiten());
    let effects = consent.apply(
        Action::Loaded {
            stored: Some(text.into_owned()),
            gpc: data.first().is_some_and(|b| b & 1 == 1),
        },
        &context,
    );
    for effect in effects {
        if let Effect::LoadProcessor(id) = effect {
            assert!(
                record.as_ref().is_some_and(|r| r.grants(&id)),
                "loaded {id} ungranted"
            );
        }
    }
});
