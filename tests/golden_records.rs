//! Golden stored records, one set per schema version ever written.
//!
//! These strings are in users' cookies. They MUST DECODE FOREVER, to the same record: never edit
//! or delete one to make a change pass. A new schema adds a new section; it does not replace
//! an old one.

mod common;

use common::{context, id, loads, DAY, NOW};
use kaiten_consent::config::Config;
use kaiten_consent::consent::{Action, Consent, Effect};
use kaiten_consent::notice_hash::NoticeHash;
use kaiten_consent::processor::ProcessorId;
use kaiten_consent::record::{ConsentId, DecisionAction, Record, MAX_ENCODED_LEN};
use kaiten_consent::time::Timestamp;

const DECIDED: u64 = 1_780_000_000;
const EXPIRES: u64 = DECIDED + 182 * DAY;

/// Schema 1 (the first release): `1~rev~hash~lang~id~decided~expires~action~id:0|1.…`.
const SCHEMA_1: [(&str, DecisionAction, &str, [bool; 3]); 5] = [
    (
        "1~1~5d2f0c3a~en~k7Qz0vX2aB~1780000000~1795724800~accept_all~analytics:1.intercom:1.wootric:1",
        DecisionAction::AcceptAll,
        "en",
        [true, true, true],
    ),
    (
        "1~1~5d2f0c3a~ru~k7Qz0vX2aB~1780000000~1795724800~reject_all~analytics:0.intercom:0.wootric:0",
        DecisionAction::RejectAll,
        "ru",
        [false, false, false],
    ),
    (
        "1~1~5d2f0c3a~en~k7Qz0vX2aB~1780000000~1795724800~custom~analytics:0.intercom:1.wootric:0",
        DecisionAction::Custom,
        "en",
        [false, true, false],
    ),
    (
        "1~1~5d2f0c3a~en~k7Qz0vX2aB~1780000000~1795724800~withdraw~analytics:0.intercom:1.wootric:1",
        DecisionAction::Withdraw,
        "en",
        [false, true, true],
    ),
    (
        "1~1~5d2f0c3a~en~k7Qz0vX2aB~1780000000~1795724800~gpc~analytics:0.intercom:0.wootric:0",
        DecisionAction::Gpc,
        "en",
        [false, false, false],
    ),
];

/// Schema 2 (SHA-256 notice hash): `2~rev~hash~lang~id~decided~expires~action~id:0|1.…`.
const SCHEMA_2: [(&str, DecisionAction, &str, [bool; 3]); 5] = [
    (
        "2~1~9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08~en~k7Qz0vX2aB~1780000000~1795724800~accept_all~analytics:1.intercom:1.wootric:1",
        DecisionAction::AcceptAll,
        "en",
        [true, true, true],
    ),
    (
        "2~1~9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08~ru~k7Qz0vX2aB~1780000000~1795724800~reject_all~analytics:0.intercom:0.wootric:0",
        DecisionAction::RejectAll,
        "ru",
        [false, false, false],
    ),
    (
        "2~1~9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08~en~k7Qz0vX2aB~1780000000~1795724800~custom~analytics:0.intercom:1.wootric:0",
        DecisionAction::Custom,
        "en",
        [false, true, false],
    ),
    (
        "2~1~9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08~en~k7Qz0vX2aB~1780000000~1795724800~withdraw~analytics:0.intercom:1.wootric:1",
        DecisionAction::Withdraw,
        "en",
        [false, true, true],
    ),
    (
        "2~1~9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08~en~k7Qz0vX2aB~1780000000~1795724800~gpc~analytics:0.intercom:0.wootric:0",
        DecisionAction::Gpc,
        "en",
        [false, false, false],
    ),
];

/// The hash in every `SCHEMA_2` record.
const SHA256: [u8; 32] = [
    0x9f, 0x86, 0xd0, 0x81, 0x88, 0x4c, 0x7d, 0x65, 0x9a, 0x2f, 0xea, 0xa0, 0xc5, 0x5a, 0xd0, 0x15,
    0xa3, 0xbf, 0x4f, 0x1b, 0x2b, 0x0b, 0x82, 0x2c, 0xd1, 0x5d, 0x6c, 0x15, 0xb0, 0xf0, 0x0a, 0x08,
];

fn expected(
    notice_hash: NoticeHash,
    action: DecisionAction,
    language: &str,
    granted: [bool; 3],
) -> Record {
    Record {
        revision: 1,
        notice_hash,
        language: language.to_owned(),
        id: ConsentId::new("k7Qz0vX2aB").unwrap(),
        decided_at: Timestamp(DECIDED),
        expires_at: Timestamp(EXPIRES),
        action,
        choices: ["analytics", "intercom", "wootric"]
            .into_iter()
            .map(id)
            .zip(granted)
            .collect(),
    }
}

#[test]
fn schema_1_records_decode_to_the_same_record_forever() {
    for (text, action, language, granted) in SCHEMA_1 {
        let record = Record::decode(text).unwrap_or_else(|| panic!("must decode: {text}"));
        let hash = NoticeHash::Fnv1a(0x5d2f_0c3a);
        assert_eq!(record, expected(hash, action, language, granted), "{text}");
        assert_eq!(record.schema(), 1);
        assert_eq!(record.encode(), text, "re-encodes to the same text");
    }
}

#[test]
fn schema_2_records_decode_to_the_same_record_forever() {
    for (text, action, language, granted) in SCHEMA_2 {
        let record = Record::decode(text).unwrap_or_else(|| panic!("must decode: {text}"));
        let hash = NoticeHash::Sha256(SHA256);
        assert_eq!(record, expected(hash, action, language, granted), "{text}");
        assert_eq!(record.schema(), 2);
        assert_eq!(record.encode(), text, "re-encodes to the same text");
    }
}

#[test]
fn schema_1_records_without_choices_and_at_the_limits_decode() {
    let empty = "1~4294967295~ffffffff~en~________~0~34128000~reject_all~";
    let record = Record::decode(empty).expect("must decode");
    assert_eq!(record.revision, u32::MAX);
    assert_eq!(record.choices, Vec::<(ProcessorId, bool)>::new());
    assert_eq!(record.expires_at, Timestamp(395 * DAY));
    assert_eq!(record.encode(), empty);
}

#[test]
fn schema_2_records_without_choices_and_at_the_limits_decode() {
    let empty = "2~4294967295~ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff~en~________~0~34128000~reject_all~";
    let record = Record::decode(empty).expect("must decode");
    assert_eq!(record.revision, u32::MAX);
    assert_eq!(record.notice_hash, NoticeHash::Sha256([0xff; 32]));
    assert_eq!(record.choices, Vec::<(ProcessorId, bool)>::new());
    assert_eq!(record.expires_at, Timestamp(395 * DAY));
    assert_eq!(record.encode(), empty);
}

#[test]
fn records_of_either_schema_are_honoured_by_kaitens_config_until_they_expire() {
    for (text, ..) in [SCHEMA_1[2], SCHEMA_2[2]] {
        let mut consent = Consent::new(Config::kaiten());
        let effects = consent.apply(
            Action::Loaded {
                stored: Some(text.to_owned()),
                gpc: false,
            },
            &context(NOW + DAY),
        );
        assert_eq!(loads(&effects), ["intercom"], "{text}");
        assert!(effects.contains(&Effect::HideBanner));
        assert!(consent.is_granted(&id("intercom")));
        assert!(!consent.is_granted(&id("analytics")));
    }
}

/// Inputs that are not a record: each must decode to `None` ("no decision"), never panic.
#[test]
fn malformed_records_are_no_decision() {
    let good = SCHEMA_1[0].0;
    let sha = SCHEMA_2[0].0;
    let long = format!("{good}{}", ".x:1".repeat(300));
    let refused: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("garbage", "garbage".to_owned()),
        (
            "truncated before choices",
            good[..good.rfind('~').unwrap()].to_owned(),
        ),
        ("truncated mid-field", good[..20].to_owned()),
        ("schema 2 with an 8-digit hash", good.replacen('1', "2", 1)),
        ("schema 1 with a 64-digit hash", sha.replacen('2', "1", 1)),
        ("unknown schema 3", sha.replacen('2', "3", 1)),
        ("schema 0", good.replacen('1', "0", 1)),
        ("extra field", format!("{good}~x")),
        ("revision 0", good.replacen("1~1~", "1~0~", 1)),
        ("revision not a number", good.replacen("1~1~", "1~one~", 1)),
        ("revision with sign", good.replacen("1~1~", "1~+1~", 1)),
        (
            "revision with leading zero",
            good.replacen("1~1~", "1~01~", 1),
        ),
        (
            "revision overflow",
            good.replacen("1~1~", "1~4294967296~", 1),
        ),
        ("hash too short", good.replacen("5d2f0c3a", "5d2f0c3", 1)),
        ("hash uppercase", good.replacen("5d2f0c3a", "5D2F0C3A", 1)),
        ("hash with sign", good.replacen("5d2f0c3a", "+d2f0c3a", 1)),
        ("SHA-256 too short", sha.replacen("0a08~", "0a0~", 1)),
        ("SHA-256 too long", sha.replacen("0a08~", "0a080~", 1)),
        ("SHA-256 uppercase", sha.replacen("9f86d0", "9F86D0", 1)),
        ("SHA-256 not hex", sha.replacen("9f86d0", "9g86d0", 1)),
        ("language uppercase", good.replacen("~en~", "~EN~", 1)),
        ("language too long", good.replacen("~en~", "~abcdefghi~", 1)),
        (
            "consent id too short",
            good.replacen("k7Qz0vX2aB", "k7Qz", 1),
        ),
        (
            "consent id with dot",
            good.replacen("k7Qz0vX2aB", "k7Qz0.X2aB", 1),
        ),
        (
            "decided at negative",
            good.replacen("1780000000", "-1780000000", 1),
        ),
        (
            "expires before decided",
            good.replacen("1795724800", "1779999999", 1),
        ),
        (
            "lifetime over 395 days",
            good.replacen("1795724800", "1814128001", 1),
        ),
        ("unknown action", good.replacen("accept_all", "accept", 1)),
        (
            "choice flag 2",
            good.replacen("analytics:1", "analytics:2", 1),
        ),
        (
            "choice flag true",
            good.replacen("analytics:1", "analytics:true", 1),
        ),
        (
            "choice without flag",
            good.replacen("analytics:1", "analytics", 1),
        ),
        (
            "repeated choice",
            good.replacen("intercom:1", "analytics:1", 1),
        ),
        (
            "__proto__ key",
            good.replacen("analytics:1", "__proto__:1", 1),
        ),
        (
            "constructor key",
            good.replacen("analytics:1", "constructor:1", 1),
        ),
        (
            "prototype key",
            good.replacen("analytics:1", "prototype:1", 1),
        ),
        (
            "uppercase id",
            good.replacen("analytics:1", "Analytics:1", 1),
        ),
        ("trailing dot", format!("{good}.")),
        ("too long", long),
        ("NUL inside", good.replacen("en", "e\0", 1)),
        ("non-ASCII", good.replacen("en", "ен", 1)),
    ];
    for (what, text) in refused {
        assert_eq!(Record::decode(&text), None, "{what}: {text:?}");
    }
}

#[test]
fn the_largest_record_a_config_allows_fits_in_a_cookie() {
    let choices = (0..16)
        .map(|i| (id(&format!("p{i:02}{}", "x".repeat(29))), i % 2 == 0))
        .collect();
    let record = Record {
        revision: u32::MAX,
        notice_hash: NoticeHash::Sha256([0xff; 32]),
        language: "abcdefgh".to_owned(),
        id: ConsentId::new(&"z".repeat(64)).unwrap(),
        decided_at: Timestamp(u64::MAX - 395 * DAY),
        expires_at: Timestamp(u64::MAX),
        action: DecisionAction::RejectAll,
        choices,
    };
    let text = record.encode();
    assert!(text.len() < MAX_ENCODED_LEN, "{} bytes", text.len());
    assert_eq!(Record::decode(&text), Some(record));
}
