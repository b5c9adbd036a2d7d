//! The config parser on arbitrary JSON (as the web layer would hand it over): it must never panic,
//! a refusal must list at least one issue, and an accepted config must drive the consent core
//! without panicking and without loading anything but consent-based processors.
#![no_main]

use kaiten_consent::config::{Config, Value};
use kaiten_consent::consent::{Action, Consent, Context, Effect};
use kaiten_consent::language::Language;
use kaiten_consent::proof::Source;
use kaiten_consent::record::{ConsentId, Record};
use kaiten_consent::time::Timestamp;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let config = match Config::parse(&value) {
        Ok(config) => config,
        Err(error) => {
            assert!(!error.issues().is_empty(), "a refusal lists its issues");
            let _ = error.to_string();
            return;
        }
    };
    for language in Language::ALL {
        let _ = config.notice_hash(language);
    }
    let context = Context {
        now: Timestamp(1_780_000_000),
        fresh_id: ConsentId::new("fuzz-0000").expect("a valid id"),
        language: Language::Ru,
        source: Source::Api,
    };
    let mut consent = Consent::new(config.clone());
    consent.apply(
        Action::Loaded {
            stored: None,
            gpc: false,
        },
        &context,
    );
    for effect in consent.apply(Action::AcceptAll, &context) {
        match effect {
            Effect::LoadProcessor(id) => {
                assert!(config.processor(&id).is_some_and(|p| p.needs_consent()));
            }
            Effect::Persist(record) => {
                let text = record.encode();
                assert!(text.len() < kaiten_consent::record::MAX_ENCODED_LEN);
                assert_eq!(Record::decode(&text), Some(record));
            }
            _ => {}
        }
    }
});
