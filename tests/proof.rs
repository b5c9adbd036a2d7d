//! The JSON the widget sends and hands to the page: the consent record, the snapshot, the outbox,
//! and the ISO dates in them.
//! Parsed back with serde_json (a dev-dependency only; the shipped code writes JSON by hand).

mod common;

use common::{context, id, persisted, NOW};
use kaiten_consent::config::Config;
use kaiten_consent::consent::{Action, Consent};
use kaiten_consent::language::Language;
use kaiten_consent::notice_hash::NoticeHash;
use kaiten_consent::proof::outbox;
use kaiten_consent::proof::{record_json, schema_version, Source};
use kaiten_consent::record::{DecisionAction, Record};
use kaiten_consent::snapshot::snapshot_json;
use kaiten_consent::time::{iso8601, Timestamp};
use serde_json::{json, Value};

fn decided(action: Action) -> (Consent, Record) {
    let mut consent = Consent::new(Config::kaiten());
    consent.apply(
        Action::Loaded {
            stored: None,
            gpc: false,
        },
        &context(NOW),
    );
    let record = persisted(&consent.apply(action, &context(NOW)));
    (consent, record)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn iso8601_matches_known_dates() {
    assert_eq!(iso8601(Timestamp(0)), "1970-01-01T00:00:00Z");
    assert_eq!(iso8601(Timestamp(NOW)), "2026-05-28T20:26:40Z");
    assert_eq!(iso8601(Timestamp(951_782_400)), "2000-02-29T00:00:00Z");
    assert_eq!(iso8601(Timestamp(1_709_251_199)), "2024-02-29T23:59:59Z");
    assert_eq!(iso8601(Timestamp(253_402_300_799)), "9999-12-31T23:59:59Z");
}

#[test]
fn the_consent_record_has_every_field_and_no_other() {
    let (_, record) = decided(Action::SaveChoices(vec![(id("intercom"), true)]));
    let json = parse(&record_json(&record, Source::Preferences));
    let NoticeHash::Sha256(digest) = Config::kaiten().notice_hash(Language::En) else {
        panic!("Kaiten's compiled-in texts have a SHA-256 notice hash");
    };
    let hash: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        json,
        json!({
            "schemaVersion": 2,
            "id": record.id.as_str(),
            "decidedAt": "2026-05-28T20:26:40Z",
            "expiresAt": iso8601(record.expires_at),
            "revision": 1,
            "noticeHash": hash,
            "language": "en",
            "action": "custom",
            "source": "preferences",
            "choices": {"analytics": false, "intercom": true, "wootric": false},
        })
    );
    // Choices keep config order in the text too.
    let text = record_json(&record, Source::Preferences);
    let order: Vec<usize> = ["analytics", "intercom", "wootric"]
        .iter()
        .map(|p| text.find(p).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(!text.contains('\n'), "one line, for the outbox");
}

#[test]
fn the_schema_version_says_how_the_notice_hash_was_made() {
    let (_, mut record) = decided(Action::AcceptAll);
    let json = parse(&record_json(&record, Source::Banner));
    assert_eq!(schema_version(&record), 2);
    assert_eq!(json["schemaVersion"], 2);
    let hash = json["noticeHash"].as_str().unwrap();
    assert_eq!(hash.len(), 64, "{hash}");
    assert!(hash
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    // A decision on a host's own processor list (record schema 1).
    record.notice_hash = NoticeHash::Fnv1a(0x00ab_cdef);
    let json = parse(&record_json(&record, Source::Banner));
    assert_eq!(schema_version(&record), 1);
    assert_eq!(json["schemaVersion"], 1);
    assert_eq!(json["noticeHash"], "00abcdef");
}

#[test]
fn a_gpc_record_is_sourced_gpc_whatever_the_input() {
    let mut consent = Consent::new(Config::kaiten());
    let effects = consent.apply(
        Action::Loaded {
            stored: None,
            gpc: true,
        },
        &context(NOW),
    );
    let record = persisted(&effects);
    assert_eq!(record.action, DecisionAction::Gpc);
    assert_eq!(Source::of(&record, Source::Stored), Source::Gpc);
    let (_, accepted) = decided(Action::AcceptAll);
    assert_eq!(Source::of(&accepted, Source::Api), Source::Api);
    assert_eq!(parse(&record_json(&record, Source::Gpc))["source"], "gpc");
}

#[test]
fn strings_are_escaped_whatever_comes_in() {
    let (_, mut record) = decided(Action::AcceptAll);
    record.language = "e\"n\\\n\u{1}".to_owned();
    let json = parse(&record_json(&record, Source::Api));
    assert_eq!(json["language"], "e\"n\\\n\u{1}");
}

#[test]
fn the_snapshot_while_undecided_has_nulls_and_every_choice_off() {
    let consent = Consent::new(Config::kaiten());
    let json = parse(&snapshot_json(&consent, Language::Ru));
    assert_eq!(
        json,
        json!({
            "decided": false,
            "action": null,
            "source": null,
            "consentId": null,
            "decidedAt": null,
            "expiresAt": null,
            "revision": 1,
            "language": "ru",
            "gpc": false,
            "choices": {"analytics": false, "intercom": false, "wootric": false},
        })
    );
}

#[test]
fn the_snapshot_of_a_decision_says_what_was_decided_and_how() {
    let (consent, record) = decided(Action::SaveChoices(vec![(id("wootric"), true)]));
    let json = parse(&snapshot_json(&consent, Language::En));
    assert_eq!(json["decided"], true);
    assert_eq!(json["action"], "custom");
    assert_eq!(json["source"], "api");
    assert_eq!(json["consentId"], record.id.as_str());
    assert_eq!(json["decidedAt"], iso8601(record.decided_at));
    assert_eq!(json["expiresAt"], iso8601(record.expires_at));
    assert_eq!(
        json["choices"],
        json!({"analytics": false, "intercom": false, "wootric": true})
    );
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 10, "{keys:?}");
}

#[test]
fn the_outbox_keeps_each_record_once_newest_last_and_at_most_twenty() {
    let records: Vec<String> = (0..25)
        .map(|n| {
            let (_, mut record) = decided(Action::AcceptAll);
            record.revision = n + 1;
            record_json(&record, Source::Banner)
        })
        .collect();
    let mut outbox = String::new();
    for record in &records {
        outbox = outbox::add(&outbox, record);
    }
    outbox = outbox::add(&outbox, &records[24]);
    let items: Vec<&str> = outbox::items(&outbox).collect();
    assert_eq!(items.len(), outbox::MAX);
    assert_eq!(
        items,
        records[5..].iter().map(String::as_str).collect::<Vec<_>>()
    );
    let outbox = outbox::remove(&outbox, &records[10]);
    assert_eq!(outbox::items(&outbox).count(), outbox::MAX - 1);
    assert!(!outbox::items(&outbox).any(|r| r == records[10]));
    assert_eq!(
        outbox::items(&outbox::remove(&records[0], &records[0])).count(),
        0
    );
}

#[test]
fn the_outbox_skips_lines_it_did_not_write() {
    let (_, record) = decided(Action::RejectAll);
    let good = record_json(&record, Source::Banner);
    let long = format!("{{\"schemaVersion\":1,\"x\":\"{}\"}}", "a".repeat(3000));
    let stored = ["", "garbage", &good, &long, "[1,2]"].join("\n");
    assert_eq!(outbox::items(&stored).collect::<Vec<_>>(), [good.as_str()]);
}
