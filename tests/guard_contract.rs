//! The guard (`js/guard.js`) ships as written, so its copy of the contract with the wasm
//! (`kaiten_consent::guard_contract`) is checked here: a name or prefix changed on one side only
//! fails this test instead of silently unholding scripts or dropping queued calls.

use kaiten_consent::guard_contract::{
    queued, CONNECT, GLOBAL, HELD, HELD_URL_PREFIX, HOSTS, KEPT_TYPE, PROCESSOR, QUEUE,
};
use kaiten_consent::processor::ConsentModeKey;

const GUARD: &str = include_str!("../js/guard.js");

/// The names the guard queues calls under: `queued('name')` and `q.push(['name', …`.
fn queued_in_guard() -> Vec<String> {
    let mut names: Vec<String> = ["queued('", "q.push(['"]
        .iter()
        .flat_map(|opening| GUARD.split(opening).skip(1))
        .filter_map(|rest| rest.split_once('\'').map(|(name, _)| name.to_owned()))
        .filter(|name| name != "name")
        .collect();
    names.sort();
    names
}

#[test]
fn the_guard_defines_the_global_with_the_members_the_wasm_reads() {
    assert!(
        GUARD.contains(&format!("w.{GLOBAL} = {{")),
        "global {GLOBAL}"
    );
    for member in [HOSTS, QUEUE, CONNECT] {
        assert!(
            GUARD.contains(&format!("\n    {member}: ")),
            "member {member} of {GLOBAL}"
        );
    }
}

#[test]
fn the_guard_queues_exactly_the_calls_the_wasm_replays() {
    let mut expected: Vec<String> = queued::ALL.iter().map(|name| (*name).to_owned()).collect();
    expected.sort();
    assert_eq!(queued_in_guard(), expected);
}

#[test]
fn the_guard_marks_held_scripts_and_watches_inert_tags_as_the_wasm_revives_them() {
    assert!(
        GUARD.contains(&format!("var HELD = '{HELD_URL_PREFIX}'")),
        "held URL prefix {HELD_URL_PREFIX}"
    );
    assert!(
        GUARD.contains(&format!("HOLDING = 'script,[{PROCESSOR}]'")),
        "the guard watches inert tags by {PROCESSOR}"
    );
    for attribute in [HELD, KEPT_TYPE] {
        assert!(
            GUARD.contains(&format!("'{attribute}'")),
            "attribute {attribute}"
        );
    }
}

#[test]
fn the_guard_denies_every_consent_mode_key_a_processor_may_declare() {
    let (_, rest) = GUARD
        .split_once("w.gtag('consent', 'default', { ")
        .expect("the guard sets Consent Mode defaults");
    let (defaults, _) = rest.split_once(" });").expect("one object literal");
    let expected: Vec<String> = ConsentModeKey::ALL
        .iter()
        .map(|key| format!("{}: 'denied'", key.name()))
        .collect();
    assert_eq!(defaults.split(", ").collect::<Vec<_>>(), expected);
}
