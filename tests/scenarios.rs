//! Scenarios through the pure API: every action, every transition, with the effects in order.

mod common;

use common::{config, context, id, loads, persisted, persists, unloads, DAY, NOW};
use kaiten_consent::config::Config;
use kaiten_consent::consent::{Action, Consent, Effect, EXPIRY_CHECK_STEP};
use kaiten_consent::language::Language;
use kaiten_consent::proof::Source;
use kaiten_consent::record::{DecisionAction, Record};
use kaiten_consent::time::Timestamp;

fn loaded(stored: Option<String>, gpc: bool) -> Action {
    Action::Loaded { stored, gpc }
}

/// A page that loaded with nothing stored.
fn fresh(gpc: bool) -> Consent {
    let mut consent = Consent::new(Config::kaiten());
    consent.apply(loaded(None, gpc), &context(NOW));
    consent
}

/// The record a previous visit stored after `action`.
fn stored_after(action: Action) -> Record {
    let mut consent = fresh(false);
    persisted(&consent.apply(action, &context(NOW)))
}

fn reload(config: Config, stored: &str, gpc: bool, now: u64) -> (Consent, Vec<Effect>) {
    let mut consent = Consent::new(config);
    let effects = consent.apply(loaded(Some(stored.to_owned()), gpc), &context(now));
    (consent, effects)
}

#[test]
fn first_visit_shows_the_banner_and_nothing_else() {
    let mut consent = Consent::new(Config::kaiten());
    assert_eq!(
        consent.apply(loaded(None, false), &context(NOW)),
        [Effect::ShowBanner]
    );
    assert!(consent.decision().is_none());
}

#[test]
fn accept_all_persists_loads_every_consent_processor_hides_emits_and_sends_proof() {
    let mut consent = fresh(false);
    let effects = consent.apply(Action::AcceptAll, &context(NOW + 5));
    let record = persisted(&effects);
    assert_eq!(
        effects,
        [
            Effect::Persist(record.clone()),
            Effect::LoadProcessor(id("analytics")),
            Effect::LoadProcessor(id("intercom")),
            Effect::LoadProcessor(id("wootric")),
            Effect::HideBanner,
            Effect::EmitChange,
            Effect::SendProof(record.clone()),
        ]
    );
    assert_eq!(record.action, DecisionAction::AcceptAll);
    assert_eq!(record.revision, 1);
    assert_eq!(record.decided_at, Timestamp(NOW + 5));
    assert_eq!(record.expires_at, Timestamp(NOW + 5 + 182 * DAY));
    assert_eq!(record.id, context(NOW + 5).fresh_id);
    assert_eq!(record.language, "en");
    assert_eq!(
        record.notice_hash,
        Config::kaiten().notice_hash(Language::En)
    );
    assert!(
        !consent.is_granted(&id("aws")),
        "necessary processors are not consent"
    );
}

#[test]
fn reject_all_loads_nothing_and_is_kept_as_long_as_a_consent() {
    let mut consent = fresh(false);
    let effects = consent.apply(Action::RejectAll, &context(NOW));
    assert_eq!(loads(&effects), Vec::<&str>::new());
    assert_eq!(unloads(&effects), Vec::<&str>::new());
    let record = persisted(&effects);
    assert_eq!(record.action, DecisionAction::RejectAll);
    assert_eq!(record.expires_at, Timestamp(NOW + 182 * DAY));
    assert!(record.choices.iter().all(|(_, granted)| !granted));
    // The refusal holds on the last day of its lifetime and goes the day it expires.
    let (_, effects) = reload(
        Config::kaiten(),
        &record.encode(),
        false,
        NOW + 182 * DAY - 1,
    );
    assert_eq!(effects, [Effect::HideBanner, Effect::EmitChange]);
    let (_, effects) = reload(Config::kaiten(), &record.encode(), false, NOW + 182 * DAY);
    assert_eq!(effects, [Effect::ShowBanner]);
}

#[test]
fn save_choices_grants_only_what_is_switched_on() {
    let mut consent = fresh(false);
    let effects = consent.apply(
        Action::SaveChoices(vec![
            (id("intercom"), true),
            (id("analytics"), false),
            (id("aws"), true),     // necessary: not a choice
            (id("hotjar"), true),  // not configured: ignored
            (id("wootric"), true), // listed twice, once off: refused
            (id("wootric"), false),
        ]),
        &context(NOW),
    );
    assert_eq!(loads(&effects), ["intercom"]);
    let record = persisted(&effects);
    assert_eq!(record.action, DecisionAction::Custom);
    assert_eq!(
        record.choices,
        [
            (id("analytics"), false),
            (id("intercom"), true),
            (id("wootric"), false)
        ]
    );
}

#[test]
fn changing_choices_unloads_before_loading() {
    let mut consent = fresh(false);
    consent.apply(
        Action::SaveChoices(vec![(id("analytics"), true)]),
        &context(NOW),
    );
    let effects = consent.apply(
        Action::SaveChoices(vec![(id("intercom"), true)]),
        &context(NOW + 1),
    );
    assert_eq!(
        effects[1..4],
        [
            Effect::UnloadProcessor(id("analytics")),
            Effect::CompleteWithdrawal { reload: false },
            Effect::LoadProcessor(id("intercom"))
        ]
    );
    // Saving the same choices again loads nothing twice.
    let again = consent.apply(
        Action::SaveChoices(vec![(id("intercom"), true)]),
        &context(NOW + 2),
    );
    assert_eq!(loads(&again), Vec::<&str>::new());
    assert_eq!(unloads(&again), Vec::<&str>::new());
}

#[test]
fn withdrawing_one_unloads_it_and_records_a_withdrawal() {
    let mut consent = fresh(false);
    consent.apply(Action::AcceptAll, &context(NOW));
    let effects = consent.apply(Action::Withdraw(id("intercom")), &context(NOW + 60));
    let record = persisted(&effects);
    assert_eq!(record.action, DecisionAction::Withdraw);
    assert_eq!(record.decided_at, Timestamp(NOW + 60));
    assert_eq!(unloads(&effects), ["intercom"]);
    assert_eq!(loads(&effects), Vec::<&str>::new());
    assert!(effects.contains(&Effect::SendProof(record)));
    assert!(consent.is_granted(&id("analytics")));
    assert!(!consent.is_granted(&id("intercom")));
}

#[test]
fn withdrawing_what_is_not_granted_does_nothing() {
    let mut consent = fresh(false);
    assert_eq!(
        consent.apply(Action::Withdraw(id("analytics")), &context(NOW)),
        []
    );
    consent.apply(Action::RejectAll, &context(NOW));
    assert_eq!(
        consent.apply(Action::Withdraw(id("analytics")), &context(NOW)),
        []
    );
    assert_eq!(
        consent.apply(Action::Withdraw(id("aws")), &context(NOW)),
        []
    );
}

#[test]
fn a_stored_decision_is_honoured_on_the_next_page_without_the_banner() {
    let record = stored_after(Action::SaveChoices(vec![(id("wootric"), true)]));
    let (consent, effects) = reload(Config::kaiten(), &record.encode(), false, NOW + DAY);
    assert_eq!(
        effects,
        [
            Effect::LoadProcessor(id("wootric")),
            Effect::HideBanner,
            Effect::EmitChange
        ]
    );
    assert_eq!(consent.decision(), Some(&record));
}

#[test]
fn a_decision_made_while_the_clock_ran_years_ahead_is_asked_again_once_it_is_right() {
    let record = stored_after(Action::AcceptAll);
    // Stored under a clock ten years ahead: its expiry lies ten years out.
    let mut ahead = record.clone();
    ahead.decided_at = Timestamp(NOW + 3650 * DAY);
    ahead.expires_at = ahead.decided_at.plus_days(182);
    let (consent, effects) = reload(Config::kaiten(), &ahead.encode(), false, NOW);
    assert!(effects.contains(&Effect::ShowBanner));
    assert_eq!(loads(&effects), Vec::<&str>::new());
    assert!(consent.decision().is_none());
    // The same record read by a clock ten years behind: asked again, too.
    let (consent, _) = reload(Config::kaiten(), &record.encode(), false, NOW - 3650 * DAY);
    assert!(consent.decision().is_none());
    // Within a day of skew it still counts.
    let (consent, _) = reload(Config::kaiten(), &record.encode(), false, NOW - DAY);
    assert_eq!(consent.decision(), Some(&record));
    // A clock years ahead on the next visit: the decision has expired.
    let (consent, _) = reload(Config::kaiten(), &record.encode(), false, NOW + 3650 * DAY);
    assert!(consent.decision().is_none());
}

#[test]
fn a_record_of_an_older_revision_asks_again_and_cleans_up_its_grants() {
    let record = stored_after(Action::AcceptAll);
    let newer = config(r#"{ "revision": 2 }"#);
    let (consent, effects) = reload(newer, &record.encode(), false, NOW + DAY);
    assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
    assert_eq!(effects.last(), Some(&Effect::ShowBanner));
    assert!(!persists(&effects));
    assert!(consent.decision().is_none());
}

#[test]
fn a_record_of_a_future_revision_is_no_decision() {
    let mut record = stored_after(Action::AcceptAll);
    record.revision = 7;
    let (consent, effects) = reload(Config::kaiten(), &record.encode(), false, NOW + DAY);
    assert_eq!(loads(&effects), Vec::<&str>::new());
    assert!(effects.contains(&Effect::ShowBanner));
    assert!(!consent.is_granted(&id("analytics")));
}

#[test]
fn a_record_naming_processors_the_config_does_not_ask_about_is_no_decision() {
    let good = stored_after(Action::AcceptAll).encode();
    for tampered in [
        good.replacen("wootric:1", "wootric:1.hotjar:1", 1), // an extra processor
        good.replacen("wootric:1", "wootric:1.aws:1", 1),    // a necessary one
    ] {
        assert!(
            Record::decode(&tampered).is_some(),
            "well-formed: {tampered}"
        );
        let (consent, effects) = reload(Config::kaiten(), &tampered, false, NOW + DAY);
        assert_eq!(loads(&effects), Vec::<&str>::new(), "{tampered}");
        assert!(effects.contains(&Effect::ShowBanner));
        assert!(consent.decision().is_none());
    }
}

#[test]
fn a_processor_added_later_is_never_granted_by_an_older_record() {
    let record = stored_after(Action::AcceptAll);
    let hotjar = serde_json::json!({
        "id": "hotjar", "basis": "consent", "name": "Hotjar", "purpose": "Heatmaps",
        "dataShared": "Clicks", "recipient": "Hotjar Ltd", "location": "Malta",
        "privacyUrl": "https://www.hotjar.com/privacy"
    });
    let mut list: Vec<serde_json::Value> = serde_json::from_str(&kaiten_as_json()).unwrap();
    list.push(hotjar);
    // Added together with a new revision: the old record no longer counts at all.
    let text = serde_json::json!({ "revision": 2, "processors": list }).to_string();
    let (consent, effects) = reload(config(&text), &record.encode(), false, NOW + DAY);
    assert!(!loads(&effects).contains(&"hotjar"));
    assert!(!consent.is_granted(&id("hotjar")));
    // Added without a new revision: the old record does not cover the new processor, so it is
    // not a complete decision; the banner asks again and nothing loads until it is answered.
    let text = serde_json::json!({ "processors": list }).to_string();
    let (consent, effects) = reload(config(&text), &record.encode(), false, NOW + DAY);
    assert_eq!(loads(&effects), Vec::<&str>::new());
    assert!(effects.contains(&Effect::ShowBanner));
    assert!(!consent.is_granted(&id("hotjar")));
    assert!(!consent.is_granted(&id("analytics")));
}

#[test]
fn a_cookie_cut_short_at_a_choice_boundary_is_no_decision() {
    // Found by the action-sequence property: such a cookie still decodes (it is a well-formed
    // record with fewer choices), so completeness is checked against the config.
    let good = stored_after(Action::AcceptAll).encode();
    let cut = &good[..good.rfind('.').unwrap()];
    assert!(Record::decode(cut).is_some(), "well-formed: {cut}");
    let (consent, effects) = reload(Config::kaiten(), cut, false, NOW + DAY);
    assert_eq!(loads(&effects), Vec::<&str>::new());
    assert!(effects.contains(&Effect::ShowBanner));
    assert!(consent.decision().is_none());
}

/// Kaiten's processor list as config JSON (only the fields the scenario needs to stay valid).
fn kaiten_as_json() -> String {
    let list: Vec<serde_json::Value> = Config::kaiten()
        .processors()
        .iter()
        .map(|p| {
            serde_json::json!({
                "id": p.id.as_str(),
                "basis": if p.needs_consent() { "consent" } else { "necessary" },
                "name": p.name,
                "purpose": p.purpose.get(Language::En),
                "dataShared": p.data_shared.get(Language::En),
                "recipient": p.recipient,
                "location": p.location.get(Language::En),
                "privacyUrl": p.privacy_url,
                "cookies": p.cookies.iter()
                    .map(|c| serde_json::json!({ "name": c.name, "lifetimeDays": c.lifetime_days }))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string(&list).unwrap()
}

#[test]
fn revision_changed_while_open_unloads_everything_and_asks_again() {
    let mut consent = fresh(false);
    consent.apply(
        Action::SaveChoices(vec![(id("intercom"), true)]),
        &context(NOW),
    );
    let effects = consent.apply(Action::RevisionChanged { revision: 2 }, &context(NOW + 1));
    assert_eq!(
        effects,
        [
            Effect::UnloadProcessor(id("intercom")),
            Effect::CompleteWithdrawal { reload: false },
            Effect::ShowBanner,
            Effect::EmitChange
        ]
    );
    assert!(consent.decision().is_none());
    assert_eq!(consent.config().revision(), 2);
    // The next decision is made under the new revision.
    let record = persisted(&consent.apply(Action::RejectAll, &context(NOW + 2)));
    assert_eq!(record.revision, 2);
}

#[test]
fn revision_changed_to_the_same_or_an_older_revision_is_ignored() {
    let mut consent = fresh(false);
    consent.apply(Action::AcceptAll, &context(NOW));
    for revision in [0, 1] {
        assert_eq!(
            consent.apply(Action::RevisionChanged { revision }, &context(NOW)),
            []
        );
    }
    assert!(consent.is_granted(&id("analytics")));
}

#[test]
fn revision_changed_without_a_decision_only_keeps_asking() {
    let mut consent = fresh(false);
    assert_eq!(
        consent.apply(Action::RevisionChanged { revision: 2 }, &context(NOW)),
        [Effect::ShowBanner]
    );
}

#[test]
fn expired_fires_only_once_the_decision_has_expired() {
    let mut consent = fresh(false);
    let record = persisted(&consent.apply(Action::AcceptAll, &context(NOW)));
    let early = record.expires_at.0 - 1;
    assert_eq!(consent.apply(Action::Expired, &context(early)), []);
    assert!(consent.is_granted(&id("analytics")));
    let effects = consent.apply(Action::Expired, &context(record.expires_at.0));
    assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
    assert_eq!(
        effects[3..],
        [
            Effect::CompleteWithdrawal { reload: false },
            Effect::ShowBanner,
            Effect::EmitChange
        ]
    );
    assert!(consent.decision().is_none());
    // Nothing left to expire.
    assert_eq!(
        consent.apply(Action::Expired, &context(record.expires_at.0 + 1)),
        []
    );
}

#[test]
fn the_expiry_check_is_due_at_the_decisions_expiry_and_never_more_than_an_hour_away() {
    const STEP_MS: u32 = EXPIRY_CHECK_STEP as u32 * 1000;
    let mut consent = fresh(false);
    // No decision: nothing to expire, but one may come at any time.
    assert_eq!(consent.expiry_check_in(Timestamp(NOW)), STEP_MS);
    let record = persisted(&consent.apply(Action::AcceptAll, &context(NOW)));
    let expires_at = record.expires_at.0;
    // 182 days away: checked again in an hour, whatever a timer can hold.
    assert_eq!(consent.expiry_check_in(Timestamp(NOW)), STEP_MS);
    assert_eq!(consent.expiry_check_in(Timestamp(expires_at - 30)), 30_000);
    assert_eq!(consent.expiry_check_in(Timestamp(expires_at)), 0);
    // Past it (a machine woken after the expiry): due at once.
    assert_eq!(consent.expiry_check_in(Timestamp(expires_at + 3 * DAY)), 0);
    // Stepping through the hours lands on the expiry itself.
    let mut now = NOW;
    let mut steps = 0;
    while consent.expiry_check_in(Timestamp(now)) > 0 {
        now += u64::from(consent.expiry_check_in(Timestamp(now)) / 1000);
        steps += 1;
    }
    assert_eq!((now, steps), (expires_at, 182 * 24));
    consent.apply(Action::Expired, &context(now));
    assert_eq!(consent.expiry_check_in(Timestamp(now)), STEP_MS);
}

#[test]
fn expiry_while_open_stops_what_was_granted_as_a_withdrawal_does_and_asks_again() {
    for (json, reload) in [("{}", false), (r#"{ "reloadOnWithdraw": true }"#, true)] {
        let open_tab = |end: Action, at: u64| {
            let mut consent = Consent::new(config(json));
            consent.apply(loaded(None, false), &context(NOW));
            consent.apply(
                Action::SaveChoices(vec![(id("analytics"), true), (id("wootric"), true)]),
                &context(NOW),
            );
            let effects = consent.apply(end, &context(at));
            (consent, effects)
        };
        let expires_at = NOW + 182 * DAY;
        let (consent, expired) = open_tab(Action::Expired, expires_at);
        assert_eq!(
            expired,
            [
                Effect::UnloadProcessor(id("analytics")),
                Effect::UnloadProcessor(id("wootric")),
                Effect::CompleteWithdrawal { reload },
                Effect::ShowBanner,
                Effect::EmitChange,
            ]
        );
        assert!(consent.decision().is_none());
        assert!(!consent.is_granted(&id("analytics")));
        // The same as `reset()`, less deleting the cookie (it expires with the decision) and
        // telling other tabs (their own checks see the same expiry). No consent record is made.
        let (_, reset) = open_tab(Action::Reset, expires_at);
        assert_eq!(reset[0], Effect::Forget);
        assert_eq!(reset[1..], expired[..]);
    }
}

#[test]
fn a_stored_decision_that_expires_while_the_page_is_open_unloads_what_it_loaded() {
    let record = stored_after(Action::AcceptAll);
    let (mut consent, effects) = reload(Config::kaiten(), &record.encode(), false, NOW + DAY);
    assert_eq!(loads(&effects), ["analytics", "intercom", "wootric"]);
    let at = record.expires_at.0 - DAY;
    assert_eq!(consent.apply(Action::Expired, &context(at)), []);
    let effects = consent.apply(Action::Expired, &context(record.expires_at.0 + 60));
    assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
    assert!(effects.contains(&Effect::ShowBanner));
    assert!(!persists(&effects));
}

#[test]
fn a_decision_another_tab_made_under_another_revision_is_never_applied_here() {
    let other_tab = |revision: u32, action: Action| {
        let mut consent = Consent::new(config(&format!(r#"{{ "revision": {revision} }}"#)));
        consent.apply(loaded(None, false), &context(NOW));
        persisted(&consent.apply(action, &context(NOW + 1)))
    };
    for (here, there) in [(1, 2), (2, 1)] {
        let accepted = other_tab(there, Action::AcceptAll);
        assert_eq!(accepted.revision, there);
        // This page is still asking: it goes on asking, loads nothing and leaves the other
        // tab's processors and their cookies alone.
        let mut consent = Consent::new(config(&format!(r#"{{ "revision": {here} }}"#)));
        consent.apply(loaded(None, false), &context(NOW));
        let synced = Action::Synced {
            stored: Some(accepted.encode()),
        };
        assert_eq!(
            consent.apply(synced.clone(), &context(NOW + 2)),
            [Effect::ShowBanner]
        );
        assert!(consent.decision().is_none());
        assert!(!consent.is_granted(&id("analytics")));
        assert_eq!(consent.config().revision(), here);
        // This page had its own decision: it ends as on a withdrawal, the banner asks, and
        // nothing is stored over the other tab's decision.
        consent.apply(
            Action::SaveChoices(vec![(id("intercom"), true)]),
            &context(NOW + 3),
        );
        let effects = consent.apply(synced, &context(NOW + 4));
        assert_eq!(
            effects,
            [
                Effect::UnloadProcessor(id("intercom")),
                Effect::CompleteWithdrawal { reload: false },
                Effect::ShowBanner,
                Effect::EmitChange,
            ]
        );
        assert!(consent.decision().is_none());
        assert_eq!(consent.config().revision(), here);
        // The next decision here is recorded under this page's revision.
        let record = persisted(&consent.apply(Action::RejectAll, &context(NOW + 5)));
        assert_eq!(record.revision, here);
    }
}

#[test]
fn under_gpc_two_tabs_on_different_revisions_do_not_overwrite_each_other() {
    let tab = |revision: u32| {
        let mut consent = Consent::new(config(&format!(r#"{{ "revision": {revision} }}"#)));
        let effects = consent.apply(loaded(None, true), &context(NOW));
        (consent, persisted(&effects))
    };
    let (mut old, old_refusal) = tab(1);
    let (mut new, new_refusal) = tab(2);
    assert_eq!((old_refusal.revision, new_refusal.revision), (1, 2));
    // The newer tab's refusal reaches the older one, which stops and asks instead of
    // refusing again for the user (which would reach the newer tab, and so on without end).
    let effects = old.apply(
        Action::Synced {
            stored: Some(new_refusal.encode()),
        },
        &context(NOW + 1),
    );
    assert_eq!(effects, [Effect::ShowBanner, Effect::EmitChange]);
    // A refusal the older tab stored reaches the newer one the same way.
    let effects = new.apply(
        Action::Synced {
            stored: Some(old_refusal.encode()),
        },
        &context(NOW + 1),
    );
    assert!(!persists(&effects));
    assert!(!effects.iter().any(|e| matches!(e, Effect::SendProof(_))));
    // A decision the user makes in the asking tab is theirs, and recorded under its revision.
    let record = persisted(&old.apply(Action::RejectAll, &context(NOW + 2)));
    assert_eq!(
        (record.action, record.revision),
        (DecisionAction::RejectAll, 1)
    );
}

#[test]
fn a_decision_another_tab_deleted_is_no_decision_here_as_at_a_page_start() {
    for gpc in [false, true] {
        let mut consent = fresh(gpc);
        consent.apply(Action::AcceptAll, &context(NOW));
        let effects = consent.apply(
            Action::Synced {
                stored: Some(String::new()),
            },
            &context(NOW + 1),
        );
        assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
        // Under Global Privacy Control the core refuses for the user again, as at a page start.
        assert_eq!(persists(&effects), gpc);
        assert_eq!(effects.contains(&Effect::ShowBanner), !gpc);
    }
}

#[test]
fn gpc_on_a_first_visit_refuses_everything_for_the_user_without_asking() {
    let mut consent = Consent::new(Config::kaiten());
    let effects = consent.apply(loaded(None, true), &context(NOW));
    let record = persisted(&effects);
    assert_eq!(record.action, DecisionAction::Gpc);
    assert!(record.choices.iter().all(|(_, granted)| !granted));
    assert_eq!(record.choices[0].0, id("analytics"));
    assert_eq!(
        effects,
        [
            Effect::Persist(record.clone()),
            Effect::HideBanner,
            Effect::EmitChange,
            Effect::SendProof(record),
        ]
    );
    assert!(consent.gpc());
}

#[test]
fn a_later_explicit_opt_in_under_gpc_is_recorded_as_such_and_honoured() {
    let mut consent = fresh(true);
    let effects = consent.apply(
        Action::SaveChoices(vec![(id("analytics"), true)]),
        &context(NOW + 9),
    );
    let record = persisted(&effects);
    assert_eq!(record.action, DecisionAction::Custom);
    assert!(record.grants(&id("analytics")));
    assert_eq!(loads(&effects), ["analytics"]);
    // Next page, signal still on: the explicit choice stands.
    let (consent, effects) = reload(Config::kaiten(), &record.encode(), true, NOW + DAY);
    assert_eq!(loads(&effects), ["analytics"]);
    assert!(consent.is_granted(&id("analytics")));
    // Accept all is an explicit opt-in too.
    let mut consent = fresh(true);
    let record = persisted(&consent.apply(Action::AcceptAll, &context(NOW)));
    assert_eq!(record.action, DecisionAction::AcceptAll);
}

#[test]
fn a_stored_gpc_record_is_honoured_without_the_banner() {
    let mut consent = Consent::new(Config::kaiten());
    let record = persisted(&consent.apply(loaded(None, true), &context(NOW)));
    for gpc in [true, false] {
        let (_, effects) = reload(Config::kaiten(), &record.encode(), gpc, NOW + DAY);
        assert_eq!(effects, [Effect::HideBanner, Effect::EmitChange]);
    }
}

#[test]
fn gpc_with_a_stale_record_refuses_and_cleans_up_what_it_granted() {
    let record = stored_after(Action::AcceptAll);
    let (consent, effects) = reload(
        Config::kaiten(),
        &record.encode(),
        true,
        record.expires_at.0,
    );
    let fresh_record = persisted(&effects);
    assert_eq!(fresh_record.action, DecisionAction::Gpc);
    assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
    assert!(!effects.contains(&Effect::ShowBanner));
    assert!(!consent.is_granted(&id("analytics")));
}

#[test]
fn gpc_on_expiry_or_a_new_revision_records_a_new_gpc_refusal() {
    let mut consent = fresh(true);
    consent.apply(Action::AcceptAll, &context(NOW));
    let effects = consent.apply(Action::RevisionChanged { revision: 2 }, &context(NOW + 1));
    let record = persisted(&effects);
    assert_eq!((record.action, record.revision), (DecisionAction::Gpc, 2));
    assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
    let effects = consent.apply(Action::Expired, &context(record.expires_at.0));
    assert_eq!(persisted(&effects).action, DecisionAction::Gpc);
}

#[test]
fn the_record_carries_the_ui_language_and_its_own_notice_hash() {
    let mut consent = fresh(false);
    let mut ru = context(NOW);
    ru.language = Language::Ru;
    let record = persisted(&consent.apply(Action::RejectAll, &ru));
    assert_eq!(record.language, "ru");
    let config = Config::kaiten();
    assert_eq!(record.notice_hash, config.notice_hash(Language::Ru));
    assert_ne!(
        config.notice_hash(Language::Ru),
        config.notice_hash(Language::En)
    );
    // With the host's own processor list, the hash covers its disclosures, not only the banner.
    let own = kaiten_as_json();
    let own = self::config(&format!(r#"{{ "processors": {own} }}"#));
    let other = kaiten_as_json().replace("Google LLC", "Google Ireland Ltd");
    let other = self::config(&format!(r#"{{ "processors": {other} }}"#));
    assert_ne!(
        other.notice_hash(Language::En),
        own.notice_hash(Language::En)
    );
}

#[test]
fn loading_again_on_the_same_page_unloads_what_the_new_record_does_not_grant() {
    let mut consent = fresh(false);
    consent.apply(Action::AcceptAll, &context(NOW));
    let refusal = stored_after(Action::RejectAll);
    let effects = consent.apply(loaded(Some(refusal.encode()), false), &context(NOW + 1));
    assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
    assert!(effects.contains(&Effect::HideBanner));
}

#[test]
fn withdrawing_a_processor_that_ran_here_asks_for_a_reload_or_reloads_if_configured() {
    for (json, reload) in [("{}", false), (r#"{ "reloadOnWithdraw": true }"#, true)] {
        let mut consent = Consent::new(config(json));
        consent.apply(loaded(None, false), &context(NOW));
        consent.apply(Action::AcceptAll, &context(NOW));
        let effects = consent.apply(Action::Withdraw(id("intercom")), &context(NOW + 1));
        let at = effects
            .iter()
            .position(|e| *e == Effect::UnloadProcessor(id("intercom")))
            .expect("intercom is unloaded");
        assert_eq!(effects[at + 1], Effect::CompleteWithdrawal { reload });
    }
}

#[test]
fn cleanup_of_a_processor_that_did_not_run_here_needs_no_reload() {
    let record = stored_after(Action::AcceptAll).encode();
    // A later revision: the stored grant no longer counts; its cookies go, nothing ran here.
    let (_, effects) = reload(config(r#"{ "revision": 2 }"#), &record, false, NOW);
    assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
    assert!(!effects
        .iter()
        .any(|e| matches!(e, Effect::CompleteWithdrawal { .. })));
}

#[test]
fn a_decision_synced_from_another_tab_loads_and_unloads_like_a_page_start() {
    let mut consent = fresh(false);
    let accepted = stored_after(Action::AcceptAll).encode();
    let effects = consent.apply(
        Action::Synced {
            stored: Some(accepted),
        },
        &context(NOW + 1),
    );
    assert_eq!(loads(&effects), ["analytics", "intercom", "wootric"]);
    assert!(effects.contains(&Effect::HideBanner));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Persist(_))),
        "the other tab stored it already"
    );
    let rejected = stored_after(Action::RejectAll).encode();
    let effects = consent.apply(
        Action::Synced {
            stored: Some(rejected),
        },
        &context(NOW + 2),
    );
    assert_eq!(unloads(&effects), ["analytics", "intercom", "wootric"]);
    assert!(effects.contains(&Effect::CompleteWithdrawal { reload: false }));
    // A value that does not decode loads nothing and asks.
    let mut other = fresh(false);
    let effects = other.apply(
        Action::Synced {
            stored: Some("garbage".to_owned()),
        },
        &context(NOW),
    );
    assert_eq!(loads(&effects), Vec::<&str>::new());
    assert!(effects.contains(&Effect::ShowBanner));
}

#[test]
fn reset_forgets_stops_what_ran_as_on_withdrawal_and_asks_again() {
    let mut consent = fresh(false);
    consent.apply(Action::AcceptAll, &context(NOW));
    let effects = consent.apply(Action::Reset, &context(NOW + 10));
    assert_eq!(
        effects,
        [
            Effect::Forget,
            Effect::UnloadProcessor(id("analytics")),
            Effect::UnloadProcessor(id("intercom")),
            Effect::UnloadProcessor(id("wootric")),
            Effect::CompleteWithdrawal { reload: false },
            Effect::ShowBanner,
            Effect::EmitChange,
        ]
    );
    assert!(consent.decision().is_none());
    assert!(!consent.is_granted(&id("analytics")));
    // A new decision after the reset is a new record that loads again what it grants (a stand-in
    // is inserted once per page by the web layer, which keeps its own list).
    let effects = consent.apply(Action::RejectAll, &context(NOW + 20));
    assert_eq!(persisted(&effects).id, context(NOW + 20).fresh_id);
}

#[test]
fn reset_without_a_decision_only_forgets_and_shows_the_banner() {
    let mut consent = fresh(false);
    assert_eq!(
        consent.apply(Action::Reset, &context(NOW)),
        [Effect::Forget, Effect::ShowBanner]
    );
}

#[test]
fn reset_under_gpc_refuses_for_the_user_again() {
    let mut consent = fresh(true);
    consent.apply(Action::AcceptAll, &context(NOW));
    let effects = consent.apply(Action::Reset, &context(NOW + 1));
    assert_eq!(effects.first(), Some(&Effect::Forget));
    assert_eq!(persisted(&effects).action, DecisionAction::Gpc);
    assert!(!persists(&effects[..1]));
}

#[test]
fn the_core_records_where_the_decision_in_force_came_from() {
    let from = |source| kaiten_consent::consent::Context {
        source,
        ..context(NOW)
    };
    let mut consent = fresh(false);
    assert_eq!(consent.source(), None, "no decision, no source");
    consent.apply(Action::AcceptAll, &from(Source::Banner));
    assert_eq!(consent.source(), Some(Source::Banner));
    consent.apply(Action::Withdraw(id("wootric")), &from(Source::Preferences));
    assert_eq!(consent.source(), Some(Source::Preferences));

    // Read back on the next page: this page did not see it made.
    let stored = consent.decision().unwrap().encode();
    let (reloaded, _) = reload(Config::kaiten(), &stored, false, NOW + 1);
    assert_eq!(reloaded.source(), Some(Source::Stored));

    // Made for the user from Global Privacy Control, here or read back: gpc, whatever the input.
    let mut gpc = Consent::new(Config::kaiten());
    gpc.apply(loaded(None, true), &from(Source::Stored));
    assert_eq!(gpc.source(), Some(Source::Gpc));
    let (reloaded, _) = reload(
        Config::kaiten(),
        &gpc.decision().unwrap().encode(),
        true,
        NOW + 1,
    );
    assert_eq!(reloaded.source(), Some(Source::Gpc));

    // Another tab's decision is stored here, not made here.
    let mut other = fresh(false);
    other.apply(
        Action::Synced {
            stored: Some(stored),
        },
        &from(Source::Stored),
    );
    assert_eq!(other.source(), Some(Source::Stored));
    other.apply(Action::Reset, &from(Source::Api));
    assert_eq!(other.source(), None);
}

#[test]
fn the_core_says_which_processors_are_granted_in_config_order() {
    let mut consent = fresh(false);
    assert!(consent.granted().is_empty());
    consent.apply(
        Action::SaveChoices(vec![(id("wootric"), true), (id("analytics"), true)]),
        &context(NOW),
    );
    assert_eq!(consent.granted(), [id("analytics"), id("wootric")]);
    consent.apply(Action::RejectAll, &context(NOW + 1));
    assert!(consent.granted().is_empty());
}

#[test]
fn an_unreadable_stored_value_is_reported_first_and_counts_as_no_decision() {
    let mut consent = Consent::new(Config::kaiten());
    let effects = consent.apply(loaded(Some("garbage".to_owned()), false), &context(NOW));
    assert_eq!(effects, [Effect::StoredUnreadable, Effect::ShowBanner]);
    assert_eq!(consent.decision(), None);

    // A readable record that no longer counts (another revision) is not unreadable.
    let stored = stored_after(Action::AcceptAll).encode();
    let (_, effects) = reload(config(r#"{"revision": 2}"#), &stored, false, NOW + 1);
    assert!(!effects.contains(&Effect::StoredUnreadable), "{effects:?}");
    // Nothing stored is not unreadable, and another tab's value is that tab's business.
    assert!(!fresh_effects().contains(&Effect::StoredUnreadable));
    let effects = fresh(false).apply(
        Action::Synced {
            stored: Some("garbage".to_owned()),
        },
        &context(NOW),
    );
    assert!(!effects.contains(&Effect::StoredUnreadable));
}

fn fresh_effects() -> Vec<Effect> {
    Consent::new(Config::kaiten()).apply(loaded(None, false), &context(NOW))
}
