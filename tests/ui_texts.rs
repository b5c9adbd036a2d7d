//! What the widget says is built from the config in force: the banner, the notice, the entry
//! point and the preferences name the consent-based processors configured, in the UI language,
//! and any of the widget's texts can be given by the host per language, checked like the rest of
//! the config.

mod common;

use common::{config, context, json};
use kaiten_consent::config::Config;
use kaiten_consent::consent::{Action, Consent};
use kaiten_consent::language::Language;
use kaiten_consent::ui_text::UiText;
use kaiten_consent::view::{Banner, Entry, GpcNote, NoticeView, Preferences};
use serde_json::json;

/// A host list of `n` consent-based processors ("Service 1" … with their own purposes), with a
/// necessary one between them, which is never named as asked.
fn consent_based(n: usize) -> Config {
    let mut list: Vec<serde_json::Value> = (1..=n)
        .map(|i| {
            json!({
                "id": format!("service-{i}"), "basis": "consent", "name": format!("Service {i}"),
                "purpose": { "en": format!("Purpose {i}"), "ru": format!("Цель {i}") },
                "dataShared": "Clicks", "recipient": "Vendor Ltd", "location": "EU",
                "privacyUrl": "https://vendor.example/privacy"
            })
        })
        .collect();
    list.insert(
        n / 2,
        json!({
            "id": "hosting", "basis": "necessary", "name": "Hosting Co",
            "purpose": "Hosting", "dataShared": "Everything", "recipient": "Hosting Co",
            "location": "EU", "privacyUrl": "https://hosting.example/privacy"
        }),
    );
    config(&json!({ "processors": list }).to_string())
}

/// The names a list in prose should read, in `language`.
fn prose(names: &[String], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

#[test]
fn the_banner_and_the_notice_name_exactly_the_consent_based_processors_for_1_2_3_and_16() {
    for n in [1, 2, 3, 16] {
        let config = consent_based(n);
        for (language, and, purpose, intro) in [
            (
                Language::En,
                "and",
                "Purpose",
                "With your consent we use these services:",
            ),
            (
                Language::Ru,
                "и",
                "Цель",
                "С вашего согласия мы используем эти сервисы:",
            ),
        ] {
            let names: Vec<String> = (1..=n).map(|i| format!("Service {i}")).collect();
            let banner = Banner::new(&config, language);
            let expected: Vec<(String, String)> = (1..=n)
                .map(|i| (format!("Service {i}"), format!("{purpose} {i}")))
                .collect();
            let shown: Vec<(String, String)> = banner
                .purposes
                .iter()
                .map(|(name, purpose)| ((*name).to_owned(), (*purpose).to_owned()))
                .collect();
            assert_eq!(shown, expected, "{n} in {language:?}");
            assert_eq!(banner.intro, intro);
            let notice = NoticeView::new(&config, language);
            assert_eq!(
                notice.consent_processors,
                prose(&names, and),
                "{n} in {language:?}"
            );
            assert!(!notice.consent_processors.contains("Hosting Co"));
        }
    }
}

#[test]
fn kaitens_banner_keeps_its_substance_and_a_hotjar_list_names_hotjar_not_wootric() {
    let kaiten = Config::kaiten();
    let banner = Banner::new(&kaiten, Language::En);
    assert_eq!(banner.intro, "With your consent we use these services:");
    let names: Vec<_> = banner.purposes.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["Google Analytics", "Intercom", "Wootric"]);
    assert!(banner.purposes[1].1.starts_with("Support chat"));
    assert!(banner.purposes[2].1.starts_with("In-app surveys"));

    let hotjar = config(
        &json!({ "processors": [
            { "id": "analytics", "basis": "consent", "name": "Google Analytics",
              "purpose": "Analytics: how the product is used", "dataShared": "Technical data",
              "recipient": "Google LLC", "location": "USA", "privacyUrl": "https://policies.google.com/privacy" },
            { "id": "intercom", "basis": "consent", "name": "Intercom",
              "purpose": "Support chat", "dataShared": "Profile data",
              "recipient": "Intercom, Inc.", "location": "USA", "privacyUrl": "https://www.intercom.com/legal/privacy" },
            { "id": "hotjar", "basis": "consent", "name": "Hotjar",
              "purpose": "Heatmaps: where people click", "dataShared": "Clicks",
              "recipient": "Hotjar Ltd", "location": "Malta", "privacyUrl": "https://www.hotjar.com/privacy/" }
        ] })
        .to_string(),
    );
    for language in Language::ALL {
        let banner = Banner::new(&hotjar, language);
        let names: Vec<_> = banner.purposes.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["Google Analytics", "Intercom", "Hotjar"]);
        let notice = NoticeView::new(&hotjar, language);
        assert!(notice.consent_processors.ends_with("Hotjar"));
        assert!(!notice.consent_processors.contains("Wootric"));
    }
}

#[test]
fn the_global_privacy_control_note_names_what_it_kept_off_or_what_the_user_turned_on() {
    let mut consent = Consent::new(Config::kaiten());
    assert_eq!(
        GpcNote::of(&consent, Language::En),
        None,
        "nothing decided yet"
    );
    let _ = consent.apply(
        Action::Loaded {
            stored: None,
            gpc: true,
        },
        &context(common::NOW),
    );
    let note = GpcNote::of(&consent, Language::En).expect("a GPC refusal is in force");
    assert_eq!(note.entry, "Global Privacy Control honoured");
    assert_eq!(
        note.preferences,
        "Your browser's Global Privacy Control signal is on, so these services stay off: \
         Google Analytics, Intercom and Wootric. You can still turn one on here."
    );
    let ru = GpcNote::of(&consent, Language::Ru).expect("the same in Russian");
    assert!(ru
        .preferences
        .contains("Google Analytics, Intercom и Wootric"));

    let _ = consent.apply(
        Action::SaveChoices(vec![(common::id("intercom"), true)]),
        &context(common::NOW + 1),
    );
    let note = GpcNote::of(&consent, Language::En).expect("GPC is still on");
    assert_eq!(
        note.entry,
        "Global Privacy Control on, with your exceptions"
    );
    assert_eq!(
        note.preferences,
        "Your browser's Global Privacy Control signal is on. You turned on Intercom here \
         yourself; everything else stays off."
    );

    let mut without = Consent::new(Config::kaiten());
    let _ = without.apply(
        Action::Loaded {
            stored: None,
            gpc: false,
        },
        &context(common::NOW),
    );
    let _ = without.apply(Action::RejectAll, &context(common::NOW));
    assert_eq!(
        GpcNote::of(&without, Language::En),
        None,
        "no signal, no note"
    );
}

#[test]
fn a_host_text_replaces_the_widgets_own_in_its_language_only() {
    let worded = config(
        r#"{ "texts": {
            "ru": { "acceptAll": "Согласиться", "bannerIntro": "Мы используем:" },
            "en": { "preferencesTitle": "Cookie settings",
                    "gpcRefused": "GPC is on: {processors} are off." } } }"#,
    );
    let ru = Banner::new(&worded, Language::Ru);
    assert_eq!(ru.buttons[0].label, "Согласиться");
    assert_eq!(ru.intro, "Мы используем:");
    assert_eq!(
        ru.buttons[1].label, "Отклонить все",
        "the rest stays the widget's"
    );
    let en = Banner::new(&worded, Language::En);
    assert_eq!(
        en.buttons[0].label, "Accept all",
        "another language keeps its own"
    );
    assert_eq!(
        Entry::new(&worded, Language::En).button.label,
        "Cookie settings"
    );
    let consent = Consent::new(worded.clone());
    assert_eq!(
        Preferences::new(Language::En, &consent).title,
        "Cookie settings"
    );
    let mut consent = Consent::new(worded);
    let _ = consent.apply(
        Action::Loaded {
            stored: None,
            gpc: true,
        },
        &context(common::NOW),
    );
    assert_eq!(
        GpcNote::of(&consent, Language::En).map(|n| n.preferences),
        Some("GPC is on: Google Analytics, Intercom and Wootric are off.".to_owned())
    );
}

#[test]
fn every_bad_text_is_listed_with_its_path_and_nothing_is_accepted() {
    let long = "x".repeat(1001);
    let input = json!({ "texts": {
        "de": { "acceptAll": "Alle akzeptieren" },
        "en": {
            "acceptAl": "Accept",
            "rejectAll": "  ",
            "settings": long,
            "save": 3,
            "gpcRefused": "GPC is on.",
            "gpcOptedIn": "{processors} {processors}",
            "saved": "Saved for {processors}"
        },
        "ru": "Принять"
    } });
    let error = Config::parse(&json(&input.to_string())).expect_err("refused as a whole");
    let issues: Vec<(&str, &str)> = error
        .issues()
        .iter()
        .map(|i| (i.path.as_str(), i.message.as_str()))
        .collect();
    let paths: Vec<&str> = issues.iter().map(|(path, _)| *path).collect();
    assert_eq!(
        paths,
        [
            "texts.de",
            "texts.en.acceptAl",
            "texts.en.rejectAll",
            "texts.en.settings",
            "texts.en.save",
            "texts.en.saved",
            "texts.en.gpcRefused",
            "texts.en.gpcOptedIn",
            "texts.ru",
        ]
    );
    assert!(
        issues[0].1.contains("expected one of en, ru"),
        "{}",
        issues[0].1
    );
    assert!(
        issues[1].1.contains("bannerTitle"),
        "the valid keys are listed"
    );
    assert!(issues[2].1.starts_with("empty"));
    assert_eq!(issues[3].1, "longer than 1000 characters");
    assert_eq!(issues[4].1, "expected a string, got a number");
    assert!(issues[5]
        .1
        .contains("only filled in gpcRefused and gpcOptedIn"));
    assert!(issues[6].1.contains("exactly once"));
    assert!(issues[7].1.contains("exactly once"));
    assert_eq!(issues[8].1, "expected an object, got a string");
    assert!(error
        .message()
        .contains("config.texts.en.settings: longer than 1000 characters"));
}

#[test]
fn texts_are_not_html_and_keep_what_a_host_writes() {
    let worded = config(r#"{ "texts": { "en": { "acceptAll": "<b>Yes</b> & go" } } }"#);
    assert_eq!(
        Banner::new(&worded, Language::En).buttons[0].label,
        "<b>Yes</b> & go",
        "a text, put in the DOM as a text node"
    );
}

#[test]
fn the_typescript_types_name_every_text_key() {
    let api = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/api.rs"))
        .expect("the API source");
    let start = api
        .find("export interface ConsentTextOverrides {")
        .expect("the texts type");
    let body = &api[start..start + api[start..].find('}').expect("its end")];
    let declared: Vec<&str> = body
        .lines()
        .filter_map(|line| line.trim().strip_prefix("readonly "))
        .filter_map(|rest| rest.strip_suffix("?: string;"))
        .collect();
    assert_eq!(declared, UiText::KEYS);
}
