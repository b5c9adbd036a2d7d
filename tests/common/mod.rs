//! Helpers shared by the host test binaries: contexts, ids and effect filters.
#![allow(dead_code)] // each test binary uses its own subset

use kaiten_consent::config::{Config, Value};
use kaiten_consent::consent::{Context, Effect};
use kaiten_consent::language::Language;
use kaiten_consent::processor::ProcessorId;
use kaiten_consent::proof::Source;
use kaiten_consent::record::{ConsentId, Record};
use kaiten_consent::time::Timestamp;

/// 2026-05-28T20:26:40Z: a plausible "now".
pub const NOW: u64 = 1_780_000_000;
pub const DAY: u64 = 86_400;

pub fn id(text: &str) -> ProcessorId {
    ProcessorId::new(text).unwrap()
}

pub fn context(now: u64) -> Context {
    Context {
        now: Timestamp(now),
        fresh_id: ConsentId::new(&format!("id{now:010}")).unwrap(),
        language: Language::En,
        source: Source::Api,
    }
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

pub fn config(text: &str) -> Config {
    Config::parse(&json(text)).unwrap_or_else(|e| panic!("{e}"))
}

pub fn loads(effects: &[Effect]) -> Vec<&str> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadProcessor(id) => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

pub fn unloads(effects: &[Effect]) -> Vec<&str> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::UnloadProcessor(id) => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

/// The record the effects persist; panics when they persist none.
pub fn persisted(effects: &[Effect]) -> Record {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Persist(record) => Some(record.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no Persist in {effects:?}"))
}

pub fn persists(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Persist(_)))
}
