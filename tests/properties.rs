//! Property tests: decoding never panics and has one spelling per record, encode → decode
//! round-trips, and no sequence of actions grants a processor the user did not grant.
//!
//! Case counts are fixed below; `PROPTEST_CASES=100000 cargo test --test properties` runs a
//! long session.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{context, DAY, NOW};
use kaiten_consent::config::{
    Config, Value, COOKIE_KEYS, KEYS, MAX_CONSENT_PROCESSORS, PROCESSOR_KEYS,
};
use kaiten_consent::consent::{Action, Consent, Effect};
use kaiten_consent::notice_hash::NoticeHash;
use kaiten_consent::processor::ProcessorId;
use kaiten_consent::record::{ConsentId, DecisionAction, Record, MAX_ENCODED_LEN};
use kaiten_consent::time::Timestamp;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}

fn arb_processor_id() -> impl Strategy<Value = ProcessorId> {
    "[a-z][a-z0-9-]{0,31}".prop_filter_map("reserved id", |s| ProcessorId::new(&s).ok())
}

fn arb_notice_hash() -> impl Strategy<Value = NoticeHash> {
    prop_oneof![
        any::<[u8; 32]>().prop_map(NoticeHash::Sha256),
        any::<u32>().prop_map(NoticeHash::Fnv1a),
    ]
}

fn arb_record() -> impl Strategy<Value = Record> {
    let longest = 395 * DAY;
    (
        1..=u32::MAX,
        arb_notice_hash(),
        "[a-z]{2,8}",
        "[A-Za-z0-9_-]{8,64}",
        0..=u64::MAX - longest,
        0..=longest,
        prop::sample::select(DecisionAction::ALL.to_vec()),
        prop::collection::vec(
            (arb_processor_id(), any::<bool>()),
            0..=MAX_CONSENT_PROCESSORS,
        ),
    )
        .prop_map(
            |(revision, notice_hash, language, id, decided, lifetime, action, raw_choices)| {
                let mut choices: Vec<(ProcessorId, bool)> = Vec::new();
                for (id, granted) in raw_choices {
                    if !choices.iter().any(|(seen, _)| *seen == id) {
                        choices.push((id, granted));
                    }
                }
                Record {
                    revision,
                    notice_hash,
                    language,
                    id: ConsentId::new(&id).expect("the strategy makes valid ids"),
                    decided_at: Timestamp(decided),
                    expires_at: Timestamp(decided + lifetime),
                    action,
                    choices,
                }
            },
        )
}

/// A valid encoded record, then damaged in one of several ways.
fn arb_damaged_record() -> impl Strategy<Value = String> {
    (
        arb_record(),
        any::<prop::sample::Index>(),
        any::<u8>(),
        ".{0,12}",
        0..6u8,
    )
        .prop_map(|(record, at, byte, text, how)| {
            let good = record.encode();
            let fields: Vec<&str> = good.split('~').collect();
            let i = at.index(good.len() + 1);
            let boundary = (0..=i)
                .rev()
                .find(|&j| good.is_char_boundary(j))
                .unwrap_or(0);
            match how {
                0 => good[..boundary].to_owned(),
                1 => {
                    let mut s = good.clone();
                    s.insert(boundary, char::from(byte));
                    s
                }
                2 => {
                    let mut f = fields.clone();
                    let k = at.index(f.len());
                    f[k] = &text;
                    f.join("~")
                }
                3 => {
                    let mut f = fields.clone();
                    f.remove(at.index(f.len()));
                    f.join("~")
                }
                4 => {
                    let mut f = fields.clone();
                    let k = at.index(f.len());
                    f.insert(k, fields[k]);
                    f.join("~")
                }
                _ => good.replacen(':', &text, 1),
            }
        })
}

/// Decoding must not panic, and whatever decodes is the one spelling `encode` writes.
fn check_decode(text: &str) -> Result<(), TestCaseError> {
    if let Some(record) = Record::decode(text) {
        prop_assert_eq!(record.encode(), text);
        prop_assert!(text.len() <= MAX_ENCODED_LEN);
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(2_000))]

    #[test]
    fn decoding_any_text_never_panics(text in any::<String>()) {
        check_decode(&text)?;
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..1_200)) {
        check_decode(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn decoding_damaged_records_never_panics(text in arb_damaged_record()) {
        check_decode(&text)?;
    }

    #[test]
    fn encode_then_decode_round_trips_and_fits_a_cookie(record in arb_record()) {
        let text = record.encode();
        prop_assert!(text.len() < MAX_ENCODED_LEN, "{} bytes", text.len());
        prop_assert_eq!(Record::decode(&text), Some(record));
    }

    #[test]
    fn config_parsing_never_panics(value in arb_config_value()) {
        match Config::parse(&value) {
            Ok(config) => prop_assert!(config.consent_processors().count() <= MAX_CONSENT_PROCESSORS),
            Err(error) => prop_assert!(!error.issues().is_empty()),
        }
    }
}

/// Config-shaped values: the real keys with values of every type, plus stray keys.
fn arb_config_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![any::<f64>(), -2.0..500.0f64, Just(1.0), Just(182.0)].prop_map(Value::Number),
        prop_oneof![
            ".{0,8}",
            Just("https://example.com/x".to_owned()),
            Just("/x.js".to_owned()),
            Just("consent".to_owned()),
            Just("necessary".to_owned()),
            Just("analytics".to_owned()),
            Just("ru".to_owned()),
        ]
        .prop_map(Value::String),
    ];
    // Every key the config accepts at any depth (from the parser's own lists, so a new key is
    // generated too), plus languages, processor ids and keys it must refuse.
    let keys: Vec<&str> = KEYS
        .iter()
        .chain(&PROCESSOR_KEYS)
        .chain(&COOKIE_KEYS)
        .chain(&["en", "ru", "analytics", "intercom", "__proto__", "x"])
        .copied()
        .collect();
    let keys = prop::sample::select(keys);
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone().prop_map(str::to_owned), inner), 0..8)
                .prop_map(Value::Object),
        ]
    })
}

/// What a user (or the page around them) can do.
#[derive(Clone, Debug)]
enum Op {
    AcceptAll,
    RejectAll,
    Save(Vec<(usize, bool)>),
    Withdraw(usize),
    /// Open a new page with the stored cookie, maybe damaged, maybe with GPC.
    Reload {
        gpc: bool,
        truncate: Option<usize>,
    },
    RevisionChanged,
    Expired,
    /// The user decides in another tab whose page is on a revision this one never reaches; that
    /// tab stores the decision and tells this one. (This page's model of what the user granted
    /// stays as it was: that decision is never this page's.)
    OtherTab {
        accept: bool,
    },
    /// The host's `reset()`: the cookie is deleted, the user is asked again.
    Reset,
    Wait(u64),
}

/// Ids the ops pick from: consent-based, necessary and unknown.
const IDS: [&str; 6] = [
    "analytics",
    "intercom",
    "wootric",
    "aws",
    "heroku",
    "hotjar",
];

fn arb_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::AcceptAll),
        Just(Op::RejectAll),
        prop::collection::vec((0..IDS.len(), any::<bool>()), 0..5).prop_map(Op::Save),
        (0..IDS.len()).prop_map(Op::Withdraw),
        (any::<bool>(), prop::option::of(0..120usize))
            .prop_map(|(gpc, truncate)| Op::Reload { gpc, truncate }),
        Just(Op::RevisionChanged),
        Just(Op::Expired),
        any::<bool>().prop_map(|accept| Op::OtherTab { accept }),
        Just(Op::Reset),
        prop_oneof![0..3u64, 150..200u64, 390..400u64].prop_map(Op::Wait),
    ]
}

fn id(i: usize) -> ProcessorId {
    ProcessorId::new(IDS[i]).expect("IDS are valid")
}

/// The browser around the core: the cookie, what this page has loaded, the clock.
struct World {
    config: Config,
    consent: Consent,
    cookie: Option<String>,
    page: BTreeSet<ProcessorId>,
    now: u64,
    /// What the user last granted by their own actions (the model).
    user_granted: BTreeSet<ProcessorId>,
}

impl World {
    fn new(gpc: bool) -> Self {
        let config = Config::kaiten();
        let mut world = Self {
            consent: Consent::new(config.clone()),
            config,
            cookie: None,
            page: BTreeSet::new(),
            now: NOW,
            user_granted: BTreeSet::new(),
        };
        world
            .run(Action::Loaded { stored: None, gpc })
            .expect("a first load is fine");
        world
    }

    fn consent_ids(&self) -> BTreeSet<ProcessorId> {
        self.config
            .consent_processors()
            .map(|p| p.id.clone())
            .collect()
    }

    fn step(&mut self, op: Op) -> Result<(), TestCaseError> {
        let consent_ids = self.consent_ids();
        match op {
            Op::AcceptAll => {
                self.user_granted = consent_ids;
                self.run(Action::AcceptAll)
            }
            Op::RejectAll => {
                self.user_granted.clear();
                self.run(Action::RejectAll)
            }
            Op::Save(entries) => {
                let choices: Vec<(ProcessorId, bool)> =
                    entries.iter().map(|&(i, on)| (id(i), on)).collect();
                self.user_granted = consent_ids
                    .into_iter()
                    .filter(|p| {
                        choices.iter().any(|(c, _)| c == p)
                            && choices.iter().filter(|(c, _)| c == p).all(|(_, on)| *on)
                    })
                    .collect();
                self.run(Action::SaveChoices(choices))
            }
            Op::Withdraw(i) => {
                self.user_granted.remove(&id(i));
                self.run(Action::Withdraw(id(i)))
            }
            Op::Reload { gpc, truncate } => {
                self.consent = Consent::new(self.config.clone());
                self.page.clear();
                // Damage is to the cookie itself, so it persists: one store, one truth. (A first
                // version damaged only what one page read, and an intact older cookie coming
                // back re-granted what the user had withdrawn on the damaged page.)
                if let (Some(text), Some(n)) = (&mut self.cookie, truncate) {
                    text.truncate(n.min(text.len()));
                }
                self.run(Action::Loaded {
                    stored: self.cookie.clone(),
                    gpc,
                })
            }
            Op::RevisionChanged => {
                let revision = self.config.revision() + 1;
                let text = format!(r#"{{ "revision": {revision} }}"#);
                self.config = Config::parse(&serde_json::from_str(&text).unwrap()).unwrap();
                self.run(Action::RevisionChanged { revision })
            }
            Op::Expired => self.run(Action::Expired),
            Op::OtherTab { accept } => {
                let mut other = Consent::new(
                    Config::parse(&serde_json::from_str(r#"{ "revision": 4294967295 }"#).unwrap())
                        .unwrap(),
                );
                let loaded = Action::Loaded {
                    stored: None,
                    gpc: false,
                };
                other.apply(loaded, &context(self.now));
                let decision = if accept {
                    Action::AcceptAll
                } else {
                    Action::RejectAll
                };
                other.apply(decision, &context(self.now));
                let stored = other.decision().map(Record::encode);
                self.cookie.clone_from(&stored);
                self.run(Action::Synced { stored })?;
                // Not applied here (the safety check in `run`), and not overwritten from here.
                prop_assert!(self.consent.decision().is_none());
                prop_assert_eq!(&self.cookie, &other.decision().map(Record::encode));
                Ok(())
            }
            Op::Reset => {
                self.user_granted.clear();
                self.run(Action::Reset)
            }
            Op::Wait(days) => {
                self.now += days * DAY;
                Ok(())
            }
        }
    }

    fn run(&mut self, action: Action) -> Result<(), TestCaseError> {
        let ctx = context(self.now);
        let effects = self.consent.apply(action, &ctx);
        for effect in &effects {
            match effect {
                Effect::Persist(record) => {
                    let text = record.encode();
                    prop_assert!(text.len() < MAX_ENCODED_LEN);
                    prop_assert_eq!(Record::decode(&text), Some(record.clone()));
                    for granted in record.granted() {
                        prop_assert!(self.user_granted.contains(granted), "persisted {granted}");
                    }
                    if record.action == DecisionAction::Gpc {
                        prop_assert_eq!(record.granted().count(), 0);
                    }
                    self.cookie = Some(text);
                }
                Effect::LoadProcessor(p) => {
                    let processor = self.config.processor(p);
                    prop_assert!(processor.is_some_and(|p| p.needs_consent()), "loaded {p}");
                    prop_assert!(self.page.insert(p.clone()), "{p} loaded twice");
                }
                Effect::UnloadProcessor(p) => {
                    self.page.remove(p);
                }
                Effect::Forget => self.cookie = None,
                _ => {}
            }
        }
        // The safety property: nothing is granted or loaded that the user did not grant.
        for p in self.config.consent_processors() {
            let granted = self.consent.is_granted(&p.id);
            prop_assert!(
                !granted || self.user_granted.contains(&p.id),
                "{} granted",
                p.id
            );
            prop_assert_eq!(
                self.page.contains(&p.id),
                granted,
                "{} loaded != granted",
                p.id
            );
        }
        prop_assert!(self.page.iter().all(|p| self.user_granted.contains(p)));
        Ok(())
    }
}

proptest! {
    #![proptest_config(cases(1_000))]

    #[test]
    fn no_sequence_of_actions_grants_what_the_user_did_not_grant(
        gpc in any::<bool>(),
        ops in prop::collection::vec(arb_op(), 1..40),
    ) {
        let mut world = World::new(gpc);
        for op in ops {
            world.step(op)?;
        }
    }
}
