use super::*;

fn id(text: &str) -> ProcessorId {
    ProcessorId::new(text).unwrap()
}

fn context(now: u64) -> Context {
    Context {
        now: Timestamp(now),
        fresh_id: ConsentId::new(&format!("id{now:08}")).unwrap(),
        language: Language::En,
    }
}

fn loads(effects: &[Effect]) -> Vec<&str> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadProcessor(id) => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn first_visit_shows_the_banner_and_loads_nothing() {
    let mut consent = Consent::new(Config::kaiten());
    let effects = consent.apply(
        Action::Loaded {
            stored: None,
            gpc: false,
        },
        &context(1),
    );
    assert_eq!(effects, vec![Effect::ShowBanner]);
}

#[test]
fn accept_all_persists_then_loads_every_consent_processor_once() {
    let mut consent = Consent::new(Config::kaiten());
    consent.apply(
        Action::Loaded {
            stored: None,
            gpc: false,
        },
        &context(1),
    );
    let effects = consent.apply(Action::AcceptAll, &context(2));
    assert!(matches!(effects[0], Effect::Persist(_)));
    assert_eq!(loads(&effects), ["analytics", "intercom", "wootric"]);
    assert!(
        !consent.is_granted(&id("aws")),
        "necessary processors are not consent"
    );
    let again = consent.apply(Action::AcceptAll, &context(3));
    assert_eq!(loads(&again), Vec::<&str>::new());
}

#[test]
fn reject_all_loads_nothing_and_is_stored_like_a_consent() {
    let mut consent = Consent::new(Config::kaiten());
    let effects = consent.apply(Action::RejectAll, &context(10));
    assert_eq!(loads(&effects), Vec::<&str>::new());
    let Effect::Persist(record) = &effects[0] else {
        panic!("first effect persists: {effects:?}");
    };
    assert_eq!(record.action, DecisionAction::RejectAll);
    assert_eq!(record.expires_at, Timestamp(10).plus_days(182));
}

#[test]
fn a_stored_decision_is_honoured_without_the_banner() {
    let mut first = Consent::new(Config::kaiten());
    let effects = first.apply(
        Action::SaveChoices(vec![(id("intercom"), true)]),
        &context(100),
    );
    let Effect::Persist(record) = &effects[0] else {
        panic!("persists first");
    };
    let mut reload = Consent::new(Config::kaiten());
    let effects = reload.apply(
        Action::Loaded {
            stored: Some(record.encode()),
            gpc: false,
        },
        &context(200),
    );
    assert_eq!(loads(&effects), ["intercom"]);
    assert!(effects.contains(&Effect::HideBanner));
    assert!(!effects.contains(&Effect::ShowBanner));
}

#[test]
fn withdrawing_unloads_and_keeps_the_rest() {
    let mut consent = Consent::new(Config::kaiten());
    consent.apply(Action::AcceptAll, &context(1));
    let effects = consent.apply(Action::Withdraw(id("analytics")), &context(2));
    assert!(effects.contains(&Effect::UnloadProcessor(id("analytics"))));
    assert!(consent.is_granted(&id("intercom")));
    assert!(!consent.is_granted(&id("analytics")));
}

#[test]
fn an_expired_record_asks_again_and_cleans_up_what_it_granted() {
    let mut consent = Consent::new(Config::kaiten());
    let effects = consent.apply(Action::AcceptAll, &context(1));
    let Effect::Persist(record) = &effects[0] else {
        panic!("persists first");
    };
    let mut reload = Consent::new(Config::kaiten());
    let effects = reload.apply(
        Action::Loaded {
            stored: Some(record.encode()),
            gpc: false,
        },
        &context(record.expires_at.0),
    );
    assert_eq!(
        effects,
        vec![
            Effect::UnloadProcessor(id("analytics")),
            Effect::UnloadProcessor(id("intercom")),
            Effect::UnloadProcessor(id("wootric")),
            Effect::ShowBanner,
        ]
    );
    assert!(reload.decision().is_none());
}

#[test]
fn an_undecodable_record_asks_again() {
    let mut reload = Consent::new(Config::kaiten());
    let effects = reload.apply(
        Action::Loaded {
            stored: Some("garbage".to_owned()),
            gpc: false,
        },
        &context(5),
    );
    assert_eq!(effects, vec![Effect::ShowBanner]);
}
