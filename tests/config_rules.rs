//! One test per config rule: each bad input is refused with an issue at the right path, and the
//! whole config fails closed (no `Config` at all).

mod common;

use common::{config, json};
use kaiten_consent::config::{Config, ConfigError, Value, DEFAULT_LIFETIME_DAYS};
use kaiten_consent::language::Language;
use kaiten_consent::processor::{
    Basis, ConsentModeKey, ConsentModeKeys, Literal, Loading, OffSwitch,
};
use serde_json::json;

/// The issues as `(path, message)`; panics if the config is accepted.
fn issues(text: &str) -> Vec<(String, String)> {
    refuse(&json(text))
        .issues()
        .iter()
        .map(|i| (i.path.clone(), i.message.clone()))
        .collect()
}

fn refuse(value: &kaiten_consent::config::Value) -> ConfigError {
    match Config::parse(value) {
        Ok(config) => panic!("accepted: {config:?}"),
        Err(e) => e,
    }
}

fn paths(text: &str) -> Vec<String> {
    issues(text).into_iter().map(|(path, _)| path).collect()
}

/// A valid processor entry, as a JSON object text, with `extra` keys merged over it.
fn processor(extra: serde_json::Value) -> serde_json::Value {
    let mut base = json!({
        "id": "hotjar",
        "basis": "consent",
        "name": "Hotjar",
        "purpose": { "en": "Heatmaps", "ru": "Тепловые карты" },
        "dataShared": "Clicks and scrolling",
        "recipient": "Hotjar Ltd",
        "location": { "en": "Malta" },
        "privacyUrl": "https://www.hotjar.com/legal/policies/privacy/",
        "cookies": [{ "name": "_hjSession_*", "lifetimeDays": 0 }]
    });
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            base.as_object_mut().unwrap().remove(k);
        } else {
            base[k] = v.clone();
        }
    }
    base
}

fn with_processors(list: &[serde_json::Value]) -> String {
    json!({ "processors": list }).to_string()
}

fn processor_issues(extra: serde_json::Value) -> Vec<(String, String)> {
    issues(&with_processors(&[processor(extra)]))
}

#[test]
fn null_is_kaitens_config_and_a_valid_host_config_applies() {
    assert_eq!(config("null"), Config::kaiten());
    assert_eq!(config("{}"), Config::kaiten());
    let c = config(
        r#"{ "revision": 3, "cookieName": "kc", "lifetimeDays": 30, "language": "ru",
             "privacyUrl": "/privacy", "proofUrl": "https://consent.kaiten.io/proof",
             "scripts": { "intercom": "https://widget.intercom.io/widget/abc" } }"#,
    );
    assert_eq!(c.revision(), 3);
    assert_eq!(c.cookie_name(), "kc");
    assert_eq!(c.lifetime_days(), 30);
    assert_eq!(c.language(), Language::Ru);
    assert_eq!(c.privacy_url(), Some("/privacy"));
    assert_eq!(c.proof_url(), Some("https://consent.kaiten.io/proof"));
    let intercom = c.processor(&common::id("intercom")).unwrap();
    assert_eq!(intercom.loading(), Loading::WidgetScript);
    assert_eq!(Config::kaiten().lifetime_days(), DEFAULT_LIFETIME_DAYS);
}

#[test]
fn kaitens_own_processors_pass_the_rules_a_host_list_must_pass() {
    let kaiten = Config::kaiten();
    let list: Vec<serde_json::Value> = kaiten
        .processors()
        .iter()
        .map(|p| {
            let text = |t: &kaiten_consent::localized::Localized| {
                json!({ "en": t.translation(Language::En), "ru": t.translation(Language::Ru) })
            };
            let mut entry = json!({
                "id": p.id.as_str(),
                "basis": if p.needs_consent() { "consent" } else { "necessary" },
                "name": p.name,
                "purpose": text(&p.purpose),
                "dataShared": text(&p.data_shared),
                "recipient": p.recipient,
                "location": text(&p.location),
                "privacyUrl": p.privacy_url,
                "cookies": p.cookies.iter()
                    .map(|c| json!({ "name": c.name, "lifetimeDays": c.lifetime_days }))
                    .collect::<Vec<_>>(),
            });
            let object = entry.as_object_mut().expect("an object");
            let keys: Vec<&str> = p.consent_mode.iter().map(ConsentModeKey::name).collect();
            if !keys.is_empty() {
                object.insert("consentMode".into(), json!(keys));
            }
            if let Some(switch) = &p.off_switch {
                object.insert("offSwitch".into(), off_switch_json(switch));
            }
            if !p.local_storage.is_empty() {
                object.insert("localStorage".into(), json!(p.local_storage));
            }
            entry
        })
        .collect();
    // The same processors; given by the host, they are no longer compiled in, which only the
    // kind of notice hash shows (see tests/notice_hash.rs).
    assert_eq!(
        config(&with_processors(&list)).processors(),
        kaiten.processors()
    );
    let consent: Vec<&str> = kaiten.consent_processors().map(|p| p.id.as_str()).collect();
    assert_eq!(consent, ["analytics", "intercom", "wootric"]);
    for p in kaiten.processors() {
        assert_eq!(
            p.basis == Basis::Necessary,
            ["aws", "heroku"].contains(&p.id.as_str())
        );
    }
}

/// An off-switch as a host would write it in the config.
fn off_switch_json(switch: &OffSwitch) -> serde_json::Value {
    fn literal(value: &Literal) -> serde_json::Value {
        match value {
            Literal::Null => serde_json::Value::Null,
            Literal::Bool(b) => json!(b),
            Literal::Number(n) => json!(n),
            Literal::String(s) => json!(s),
            Literal::Array(items) => items.iter().map(literal).collect(),
            Literal::Object(entries) => entries
                .iter()
                .map(|(k, v)| (k.clone(), literal(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
    match switch {
        OffSwitch::Call { path, args } => {
            json!({ "call": path.join("."), "args": args.iter().map(literal).collect::<Vec<_>>() })
        }
        OffSwitch::Set { flag, value } => json!({ "set": flag, "value": literal(value) }),
    }
}

#[test]
fn a_config_that_is_not_an_object_is_refused() {
    assert_eq!(
        issues("[1]"),
        [("".into(), "expected an object, got an array".into())]
    );
    assert_eq!(paths("\"x\""), [""]);
}

#[test]
fn unknown_keys_are_refused_with_the_valid_keys_listed() {
    let found = issues(r#"{ "cookie_name": "x", "__proto__": {}, "constructor": 1 }"#);
    assert_eq!(
        found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        ["cookie_name", "__proto__", "constructor"]
    );
    assert!(found[0].1.contains(
        "expected one of revision, cookieName, cookieDomain, lifetimeDays, language, privacyUrl, proofUrl, \
         processors, scripts, entryElement, reloadOnWithdraw"
    ));
}

#[test]
fn a_repeated_key_is_refused() {
    assert_eq!(paths(r#"{ "revision": 2, "revision": 3 }"#), ["revision"]);
}

#[test]
fn revision_below_one_or_not_an_integer_is_refused() {
    for bad in ["0", "-1", "1.5", "\"2\"", "null", "1e10"] {
        let found = issues(&format!(r#"{{ "revision": {bad} }}"#));
        assert_eq!(found.len(), 1, "{bad}");
        assert_eq!(found[0].0, "revision");
    }
    assert_eq!(config(r#"{ "revision": 1 }"#).revision(), 1);
}

#[test]
fn lifetime_outside_1_to_395_days_is_refused() {
    for bad in ["0", "396", "-5", "30.5", "\"30\""] {
        assert_eq!(
            paths(&format!(r#"{{ "lifetimeDays": {bad} }}"#)),
            ["lifetimeDays"],
            "{bad}"
        );
    }
    assert!(issues(r#"{ "lifetimeDays": 396 }"#)[0]
        .1
        .contains("from 1 to 395"));
    for ok in [1, 395] {
        assert_eq!(
            config(&format!(r#"{{ "lifetimeDays": {ok} }}"#)).lifetime_days(),
            ok
        );
    }
}

#[test]
fn a_cookie_name_outside_the_safe_characters_is_refused() {
    for bad in [
        "\"\"",
        "\"a b\"",
        "\"a;b\"",
        "\"a=b\"",
        &format!("\"{}\"", "a".repeat(65)),
    ] {
        assert_eq!(
            paths(&format!(r#"{{ "cookieName": {bad} }}"#)),
            ["cookieName"],
            "{bad}"
        );
    }
}

/// The one issue `cookieDomain: domain` gets, as the console shows it.
fn cookie_domain_issue(domain: &str) -> String {
    let found = refuse(&json(&json!({ "cookieDomain": domain }).to_string()));
    assert_eq!(found.issues().len(), 1, "{domain}: {found}");
    found.issues()[0].to_string()
}

/// The page check of `cookieDomain: domain` on a page at `hostname`, with a browser that keeps a
/// probe cookie for `kept` domains (and always a host-only one): the console text of each issue.
fn page_issues(domain: &str, hostname: &str, kept: &[&str]) -> Vec<String> {
    let config = config(&json!({ "cookieDomain": domain }).to_string());
    match config.check_page(hostname, |probe| probe.map_or(true, |d| kept.contains(&d))) {
        Ok(()) => Vec::new(),
        Err(e) => e.issues().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_cookie_domain_is_a_lowercase_domain_name_as_location_hostname_shows_it() {
    assert_eq!(
        Config::kaiten().cookie_domain(),
        None,
        "host-only by default"
    );
    for ok in [
        "kaiten.ru",
        "app.kaiten.ru",
        "xn--80ak6aa92e.xn--p1ai",
        "a-b.c0.io",
        "1.kaiten.ru",
    ] {
        let c = config(&json!({ "cookieDomain": ok }).to_string());
        assert_eq!(c.cookie_domain().map(|d| d.as_str()), Some(ok));
    }
    let too_long_label = format!("{}.ru", "a".repeat(64));
    let too_long_name = format!("{}ru", "abcdefghi.".repeat(26));
    for bad in [
        // Not as location.hostname shows a name: nothing is normalised.
        "",
        ".kaiten.ru",
        "kaiten.ru.",
        "Kaiten.ru",
        "KAITEN.RU",
        "kaiten..ru",
        "кайтен.рф",
        "-kaiten.ru",
        "kaiten-.ru",
        "kai ten.ru",
        "kai_ten.ru",
        &too_long_label,
        &too_long_name,
        // A port, a path, a URL.
        "kaiten.ru:8080",
        "kaiten.ru/app",
        "https://kaiten.ru",
        // IP addresses.
        "127.0.0.1",
        "10.1.2.3",
        "[::1]",
        "::1",
        "0x7f.1",
        // A single label.
        "localhost",
        "ru",
        "test",
    ] {
        assert_eq!(
            cookie_domain_issue(bad),
            format!(
                "config.cookieDomain: expected a lowercase domain name of two labels or more as \
                 location.hostname shows it, such as \"example.com\" (no leading or trailing dot, \
                 no port, not an IP address), got {bad:?}"
            )
        );
    }
    assert_eq!(paths(r#"{ "cookieDomain": 1 }"#), ["cookieDomain"]);
    assert_eq!(
        paths(r#"{ "cookieDomain": "Kaiten.ru", "cookieName": "a b" }"#),
        ["cookieName", "cookieDomain"],
        "collected with the other issues"
    );
}

#[test]
fn a_cookie_domain_must_be_the_pages_host_or_a_parent_of_it_at_a_label_boundary() {
    let everything = ["example.com", "app.example.com", "kaiten.ru"];
    assert_eq!(
        page_issues("example.com", "example.com", &everything),
        [""; 0]
    );
    assert_eq!(
        page_issues("example.com", "app.example.com", &everything),
        [""; 0]
    );
    assert_eq!(
        page_issues("example.com", "a.b.example.com", &everything),
        [""; 0]
    );
    assert_eq!(
        page_issues("app.example.com", "app.example.com", &everything),
        [""; 0]
    );
    for (domain, host) in [
        ("ample.com", "example.com"),
        ("ample.com", "app.example.com"),
        ("app.example.com", "example.com"),
        ("kaiten.ru", "example.com"),
        ("kaiten.ru", "localhost"),
        ("kaiten.ru", "127.0.0.1"),
        ("kaiten.ru", "[::1]"),
        ("kaiten.ru", "kaiten.ru.evil.com"),
    ] {
        assert_eq!(
            page_issues(domain, host, &everything),
            [format!(
                "config.cookieDomain: {domain:?} is not the page's host {host:?} nor a parent of it"
            )],
            "{domain} on {host}"
        );
    }
}

#[test]
fn a_cookie_domain_the_browser_refuses_a_cookie_for_is_a_public_suffix() {
    assert_eq!(
        page_issues("co.uk", "shop.example.co.uk", &["example.co.uk"]),
        ["config.cookieDomain: \"co.uk\" is a public suffix: the browser refuses cookies for it"]
    );
    assert_eq!(
        page_issues("example.co.uk", "shop.example.co.uk", &["example.co.uk"]),
        [""; 0]
    );
    let config = config(r#"{ "cookieDomain": "co.uk" }"#);
    assert_eq!(
        config.check_page("shop.example.co.uk", |_| false),
        Ok(()),
        "a browser that keeps no cookie at all: no config issue (the decision holds for the page)"
    );
    let mut probes = Vec::new();
    let _ = config.check_page("example.com", |probe| {
        probes.push(probe.map(str::to_owned));
        true
    });
    assert!(
        probes.is_empty(),
        "no probe for a domain that is no parent of the host"
    );
    assert_eq!(
        Config::kaiten().check_page("localhost", |_| panic!("no cookieDomain: no probe")),
        Ok(())
    );
}

#[test]
fn a_language_the_host_sets_is_the_ui_language_and_none_is_left_to_the_page() {
    assert_eq!(
        config(r#"{ "language": "ru" }"#).requested_language(),
        Some(Language::Ru)
    );
    assert_eq!(
        config(r#"{ "language": "en" }"#).requested_language(),
        Some(Language::En)
    );
    assert_eq!(config("{}").requested_language(), None);
    assert_eq!(Config::kaiten().requested_language(), None);
}

#[test]
fn an_entry_element_is_a_non_blank_selector() {
    assert_eq!(
        config(r##"{ "entryElement": "#privacy-settings" }"##).entry_element(),
        Some("#privacy-settings")
    );
    assert_eq!(config("{}").entry_element(), None);
    assert_eq!(paths(r#"{ "entryElement": " " }"#), ["entryElement"]);
    assert_eq!(paths(r#"{ "entryElement": 1 }"#), ["entryElement"]);
}

#[test]
fn a_language_not_carried_is_refused() {
    let found = issues(r#"{ "language": "de" }"#);
    assert_eq!(
        found,
        [(
            "language".into(),
            "expected \"en\" or \"ru\", got \"de\"".into()
        )]
    );
    assert_eq!(paths(r#"{ "language": "EN" }"#), ["language"]);
}

#[test]
fn links_that_are_not_https_or_same_origin_are_refused() {
    for key in ["privacyUrl", "proofUrl"] {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "http://kaiten.io/privacy",
            "http://localhost/privacy",
            "//evil.example/privacy",
            "privacy.html",
        ] {
            let found = issues(&json!({ key: bad }).to_string());
            assert_eq!(found.len(), 1, "{key}: {bad}");
            assert_eq!(found[0].0, key);
            assert!(found[0]
                .1
                .starts_with("expected an https:// URL or a same-origin path"));
        }
    }
}

#[test]
fn script_urls_keep_the_loopback_exception_and_refuse_other_schemes() {
    let c = config(r#"{ "scripts": { "analytics": "http://127.0.0.1:8081/ga.js" } }"#);
    assert!(c
        .processor(&common::id("analytics"))
        .unwrap()
        .script
        .is_some());
    for bad in [
        "javascript:alert(1)",
        "data:text/javascript,1",
        "http://evil.example/x.js",
    ] {
        assert_eq!(
            paths(&json!({ "scripts": { "analytics": bad } }).to_string()),
            ["scripts.analytics"],
            "{bad}"
        );
    }
}

#[test]
fn scripts_for_unknown_or_necessary_processors_are_refused() {
    let found =
        issues(r#"{ "scripts": { "hotjar": "/h.js", "aws": "/aws.js", "constructor": "/c.js" } }"#);
    assert_eq!(
        found,
        [
            (
                "scripts.hotjar".into(),
                "no processor with id \"hotjar\"".into()
            ),
            (
                "scripts.aws".into(),
                "aws is necessary: the widget loads only consent-based processors".into()
            ),
            (
                "scripts.constructor".into(),
                "no processor with id \"constructor\"".into()
            ),
        ]
    );
}

#[test]
fn a_host_processor_list_replaces_kaitens_and_scripts_apply_to_it_in_any_key_order() {
    let list = [processor(json!({}))];
    let text = json!({ "scripts": { "hotjar": "/hotjar.js" }, "processors": list }).to_string();
    let c = config(&text);
    let ids: Vec<&str> = c.processors().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["hotjar"]);
    let hotjar = &c.processors()[0];
    assert_eq!(hotjar.script.as_ref().unwrap().src, "/hotjar.js");
    assert_eq!(hotjar.purpose.get(Language::Ru), "Тепловые карты");
    assert_eq!(
        hotjar.location.get(Language::Ru),
        "Malta",
        "falls back to the default"
    );
    assert_eq!(hotjar.data_shared.get(Language::En), "Clicks and scrolling");
    assert!(hotjar.cookies[0].matches("_hjSession_123"));
}

#[test]
fn duplicate_processor_ids_are_refused() {
    let found = issues(&with_processors(&[
        processor(json!({})),
        processor(json!({})),
    ]));
    assert_eq!(
        found,
        [(
            "processors[1].id".into(),
            "duplicate id \"hotjar\"; processors[0] already uses it".into()
        )]
    );
}

#[test]
fn an_invalid_processor_id_is_refused() {
    for bad in ["Hotjar", "__proto__", "constructor", "", "a_b"] {
        let found = processor_issues(json!({ "id": bad }));
        assert_eq!(found.len(), 1, "{bad}: {found:?}");
        assert_eq!(found[0].0, "processors[0].id");
    }
}

#[test]
fn empty_labels_are_refused() {
    for (key, value) in [
        ("name", json!("")),
        ("name", json!("   ")),
        ("recipient", json!("")),
        ("purpose", json!({ "en": "", "ru": "x" })),
        ("dataShared", json!(" ")),
        ("location", json!({ "en": "EU", "ru": "\n" })),
    ] {
        let found = processor_issues(json!({ key: value }));
        assert_eq!(found.len(), 1, "{key}: {found:?}");
        assert!(
            found[0].0.starts_with(&format!("processors[0].{key}")),
            "{found:?}"
        );
        assert!(found[0].1.contains("empty"), "{found:?}");
    }
}

#[test]
fn a_processor_privacy_link_that_is_not_https_or_same_origin_is_refused() {
    for bad in [
        "javascript:void(0)",
        "data:,x",
        "http://hotjar.com/privacy",
        "ftp://x/y",
    ] {
        assert_eq!(
            processor_issues(json!({ "privacyUrl": bad })),
            [(
                "processors[0].privacyUrl".into(),
                format!(
                    "expected an https:// URL or a same-origin path starting with /, got {bad:?}"
                )
            )]
        );
    }
}

#[test]
fn a_consent_based_processor_marked_necessary_is_refused() {
    // Hotjar sets cookies in the browser: it cannot be "necessary".
    let found = processor_issues(json!({ "basis": "necessary" }));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "processors[0].basis");
    assert!(found[0].1.contains("needs consent"));
    // Same with a script and no cookies.
    let found = processor_issues(json!({ "basis": "necessary", "cookies": [], "script": "/h.js" }));
    assert_eq!(found.len(), 1, "{found:?}");
    // A server-side processor may be necessary.
    let c = config(&with_processors(&[processor(
        json!({ "basis": "necessary", "cookies": null }),
    )]));
    assert_eq!(c.processors()[0].loading(), Loading::PartOfService);
}

#[test]
fn a_consent_based_processor_on_by_default_is_refused() {
    assert_eq!(
        processor_issues(json!({ "defaultOn": true })),
        [(
            "processors[0].defaultOn".into(),
            "a consent-based processor starts off until the user turns it on; remove defaultOn \
             or set it to false"
                .into()
        )]
    );
    assert_eq!(
        config(&with_processors(&[processor(
            json!({ "defaultOn": false })
        )]))
        .processors()
        .len(),
        1
    );
}

#[test]
fn a_missing_translation_for_the_default_language_is_refused() {
    let list = [processor(
        json!({ "purpose": { "en": "Heatmaps" }, "location": "Malta" }),
    )];
    let found = issues(&json!({ "language": "ru", "processors": list }).to_string());
    assert_eq!(
        found,
        [(
            "processors[0].purpose".into(),
            "missing the \"ru\" text: the default language (config.language) needs a translation"
                .into()
        )]
    );
}

#[test]
fn a_translation_into_an_unknown_language_is_refused() {
    assert_eq!(
        processor_issues(json!({ "purpose": { "en": "Heatmaps", "de": "Heatmaps" } })),
        [(
            "processors[0].purpose.de".into(),
            "unknown key; expected one of en, ru".into()
        )]
    );
}

#[test]
fn missing_required_processor_fields_are_each_reported() {
    let bare = json!([{ "id": "x" }]);
    let found = paths(&json!({ "processors": bare }).to_string());
    assert_eq!(
        found,
        [
            "processors[0].basis",
            "processors[0].name",
            "processors[0].purpose",
            "processors[0].dataShared",
            "processors[0].recipient",
            "processors[0].location",
            "processors[0].privacyUrl",
        ]
    );
}

#[test]
fn unknown_processor_keys_and_bad_basis_are_refused() {
    assert_eq!(
        paths(&with_processors(&[processor(
            json!({ "enabled": true, "basis": "legitimate" })
        )])),
        ["processors[0].enabled", "processors[0].basis"]
    );
}

#[test]
fn cookie_lifetimes_and_patterns_are_checked() {
    let found = processor_issues(json!({ "cookies": [
        { "name": "_hj", "lifetimeDays": 3651 },
        { "name": "a*b*", "lifetimeDays": 1 },
        { "name": "*", "lifetimeDays": 1 },
        { "name": "ok", "lifetimeDays": -1 },
        { "name": "ok", "lifetimeDays": 1 },
        { "name": "ok", "lifetimeDays": 1 },
        { "lifetimeDays": 1 },
    ] }));
    assert_eq!(
        found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        [
            "processors[0].cookies[0].lifetimeDays",
            "processors[0].cookies[1].name",
            "processors[0].cookies[2].name",
            "processors[0].cookies[3].lifetimeDays",
            "processors[0].cookies[5].name",
            "processors[0].cookies[6].name",
        ]
    );
}

#[test]
fn more_consent_processors_than_the_cookie_holds_are_refused() {
    let list: Vec<_> = (0..17)
        .map(|i| processor(json!({ "id": format!("p{i}") })))
        .collect();
    let found = issues(&with_processors(&list));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "processors");
    assert!(found[0].1.contains("at most 16"));
}

#[test]
fn every_issue_is_collected_and_listed_in_the_error() {
    let text = json!({
        "revision": 0,
        "lifetimeDays": 400,
        "privacyUrl": "javascript:alert(1)",
        "colour": "red",
        "processors": [processor(json!({ "name": "", "defaultOn": true })), processor(json!({}))],
    })
    .to_string();
    let error = refuse(&json(&text));
    let paths: Vec<&str> = error.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "colour",
            "revision",
            "lifetimeDays",
            "privacyUrl",
            "processors[0].name",
            "processors[0].defaultOn",
            "processors[1].id",
        ]
    );
    let shown = error.to_string();
    assert!(shown.starts_with(
        "kaiten-consent: invalid config, nothing consent-based will load (7 issues):"
    ));
    for issue in error.issues() {
        assert!(shown.contains(&issue.to_string()), "{issue}");
    }
    assert!(shown.contains("\n  config.privacyUrl: expected an https:// URL"));
}

#[test]
fn reload_on_withdraw_is_a_boolean_defaulting_to_false() {
    assert!(!Config::kaiten().reload_on_withdraw());
    assert!(config(r#"{ "reloadOnWithdraw": true }"#).reload_on_withdraw());
    assert!(!config(r#"{ "reloadOnWithdraw": false }"#).reload_on_withdraw());
    assert_eq!(
        paths(r#"{ "reloadOnWithdraw": "yes" }"#),
        ["reloadOnWithdraw"]
    );
    assert_eq!(paths(r#"{ "reloadOnWithdraw": 1 }"#), ["reloadOnWithdraw"]);
}

#[test]
fn behaviour_on_withdrawal_is_read_from_the_entry() {
    let c = config(&with_processors(&[processor(json!({
        "consentMode": ["functionality_storage", "analytics_storage"],
        "offSwitch": { "call": "Vendor.widget.close", "args": ["withdrawn", 2, true, null, [1.5], { "why": "user" }] },
        "localStorage": ["hotjar.state", "_hj*"],
    }))]));
    let hotjar = &c.processors()[0];
    assert_eq!(
        hotjar.consent_mode,
        ConsentModeKeys::NONE
            .with(ConsentModeKey::AnalyticsStorage)
            .with(ConsentModeKey::FunctionalityStorage)
    );
    assert_eq!(
        hotjar.off_switch,
        Some(OffSwitch::Call {
            path: vec!["Vendor".into(), "widget".into(), "close".into()],
            args: vec![
                Literal::String("withdrawn".into()),
                Literal::Number(2.0),
                Literal::Bool(true),
                Literal::Null,
                Literal::Array(vec![Literal::Number(1.5)]),
                Literal::Object(vec![("why".into(), Literal::String("user".into()))]),
            ],
        })
    );
    assert_eq!(hotjar.local_storage, ["hotjar.state", "_hj*"]);
    let flag = config(&with_processors(&[processor(json!({
        "offSwitch": { "set": "ga-disable-{id}", "value": true },
    }))]));
    assert_eq!(
        flag.processors()[0].off_switch,
        Some(OffSwitch::Set {
            flag: "ga-disable-{id}".into(),
            value: Literal::Bool(true)
        })
    );
    let none = config(&with_processors(&[processor(json!({}))]));
    let plain = &none.processors()[0];
    assert!(plain.consent_mode.is_empty() && plain.off_switch.is_none());
    assert!(plain.local_storage.is_empty());
}

#[test]
fn consent_mode_keys_outside_the_documented_set_or_repeated_are_refused() {
    assert_eq!(
        processor_issues(json!({ "consentMode": ["ad_storage", "foo", "ad_storage", 3] })),
        [
            (
                "processors[0].consentMode[1]".into(),
                "expected one of \"analytics_storage\", \"ad_storage\", \"ad_user_data\", \
                 \"ad_personalization\", \"functionality_storage\", \"personalization_storage\", \
                 got \"foo\""
                    .into()
            ),
            (
                "processors[0].consentMode[2]".into(),
                "\"ad_storage\" is listed twice".into()
            ),
            (
                "processors[0].consentMode[3]".into(),
                "expected a string, got a number".into()
            ),
        ]
    );
    assert_eq!(
        paths(&with_processors(&[processor(
            json!({ "consentMode": "ad_storage" })
        )])),
        ["processors[0].consentMode"]
    );
}

#[test]
fn withdrawal_behaviour_on_a_necessary_processor_is_refused() {
    let found = processor_issues(json!({
        "basis": "necessary",
        "cookies": null,
        "consentMode": ["ad_storage"],
        "offSwitch": { "call": "stop" },
        "localStorage": ["x"],
    }));
    assert_eq!(
        found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        [
            "processors[0].consentMode",
            "processors[0].offSwitch",
            "processors[0].localStorage"
        ]
    );
    assert!(found[0].1.contains("only a consent-based processor"));
}

#[test]
fn an_off_switch_is_a_call_or_a_set_with_only_its_own_keys() {
    let off = |switch: serde_json::Value| processor_issues(json!({ "offSwitch": switch }));
    assert_eq!(
        off(json!({ "call": "stop", "eval": "x" })),
        [(
            "processors[0].offSwitch.eval".into(),
            "unknown key; expected one of call, args, set, value".into()
        )]
    );
    let shape = "expected { \"call\": a global function, \"args\"?: [its arguments] } or \
                 { \"set\": a global flag, \"value\": what to set it to }";
    for wrong in [
        json!({ "call": "stop", "set": "flag", "value": 1 }),
        json!({}),
        json!({ "call": "stop", "value": true }),
        json!({ "set": "flag", "args": [] }),
        json!({ "set": "flag" }),
        json!({ "args": [] }),
    ] {
        assert_eq!(
            off(wrong.clone()),
            [("processors[0].offSwitch".into(), shape.into())],
            "{wrong}"
        );
    }
    assert_eq!(
        paths(&with_processors(&[processor(
            json!({ "offSwitch": "Intercom('shutdown')" })
        )])),
        ["processors[0].offSwitch"]
    );
}

#[test]
fn off_switch_functions_are_identifier_paths_and_flags_plain_names() {
    for bad in [
        "",
        "a..b",
        ".a",
        "1a",
        "a-b",
        "a b",
        "eval('x')",
        "window['x']",
        "Intercom.__proto__",
        "a.prototype.b",
        "constructor",
    ] {
        let found = processor_issues(json!({ "offSwitch": { "call": bad } }));
        assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
        assert_eq!(found[0].0, "processors[0].offSwitch.call");
        assert!(found[0].1.ends_with(&format!("got \"{bad}\"")), "{found:?}");
    }
    let long = "a".repeat(129);
    assert_eq!(
        processor_issues(json!({ "offSwitch": { "call": long } })).len(),
        1
    );
    for ok in ["Intercom", "$", "_x.y$.Z9", "wootric"] {
        config(&with_processors(&[processor(
            json!({ "offSwitch": { "call": ok } }),
        )]));
    }
    for bad in ["", "a.b", "__proto__", "{x}", "ga disable", "x=1"] {
        let found = processor_issues(json!({ "offSwitch": { "set": bad, "value": true } }));
        assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
        assert_eq!(found[0].0, "processors[0].offSwitch.set");
    }
    for ok in ["ga-disable-{id}", "{id}_off", "optOut$"] {
        config(&with_processors(&[processor(
            json!({ "offSwitch": { "set": ok, "value": false } }),
        )]));
    }
}

#[test]
fn off_switch_arguments_are_small_json_literals() {
    let args = |args: serde_json::Value| {
        processor_issues(json!({ "offSwitch": { "call": "stop", "args": args } }))
    };
    assert_eq!(
        args(json!("shutdown")),
        [(
            "processors[0].offSwitch.args".into(),
            "expected an array, got a string".into()
        )]
    );
    let literal = |path: &str, kind: &str| {
        (
            path.to_owned(),
            format!(
                "expected a JSON literal: a string of at most 128 characters, a finite number, \
                 true, false, null, or an array or object of those (keys of at most 128 \
                 characters, not __proto__), at most 32 values in the off-switch; got {kind}"
            ),
        )
    };
    assert_eq!(
        args(json!(["ok", { "a": ["x".repeat(129)] }, { "__proto__": {} }, "y".repeat(129)])),
        [
            literal("processors[0].offSwitch.args[1]", "an object"),
            literal("processors[0].offSwitch.args[2]", "an object"),
            literal("processors[0].offSwitch.args[3]", "a string"),
        ]
    );
    assert_eq!(
        args(json!(vec![0; 33])),
        [literal("processors[0].offSwitch.args[32]", "a number")]
    );
    config(&with_processors(&[processor(
        json!({ "offSwitch": { "call": "stop", "args": vec![0; 32] } }),
    )]));
    assert_eq!(
        processor_issues(json!({ "offSwitch": { "set": "flag", "value": [[vec![0; 32]]] } })),
        [literal("processors[0].offSwitch.value", "an array")]
    );
    // What JSON cannot say but a JS config can: a function, NaN.
    for (unsupported, kind) in [
        (Value::Unsupported("a function"), "a function"),
        (Value::Number(f64::NAN), "a number"),
    ] {
        let mut input = json(&with_processors(&[processor(
            json!({ "offSwitch": { "call": "stop", "args": [0] } }),
        )]));
        set_first_argument(&mut input, unsupported);
        let found = refuse(&input);
        let issue = &found.issues()[0];
        assert_eq!(issue.path, "processors[0].offSwitch.args[0]");
        assert!(issue.message.ends_with(kind), "{issue:?}");
    }
}

/// Replaces `processors[0].offSwitch.args[0]` of `input` with `value`.
fn set_first_argument(input: &mut Value, value: Value) {
    fn member<'v>(v: &'v mut Value, key: &str) -> &'v mut Value {
        let Value::Object(entries) = v else {
            panic!("an object")
        };
        &mut entries.iter_mut().find(|(k, _)| k == key).expect(key).1
    }
    fn first(v: &mut Value) -> &mut Value {
        let Value::Array(items) = v else {
            panic!("an array")
        };
        &mut items[0]
    }
    let processor = first(member(input, "processors"));
    *first(member(member(processor, "offSwitch"), "args")) = value;
}

#[test]
fn local_storage_keys_are_checked() {
    let found = processor_issues(json!({ "localStorage": [
        "ok", "*", "a*b*", "", "x".repeat(129), "ok", 1, "pre*",
    ] }));
    assert_eq!(
        found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        [
            "processors[0].localStorage[1]",
            "processors[0].localStorage[2]",
            "processors[0].localStorage[3]",
            "processors[0].localStorage[4]",
            "processors[0].localStorage[5]",
            "processors[0].localStorage[6]",
        ]
    );
    let many: Vec<String> = (0..17).map(|i| format!("k{i}")).collect();
    assert_eq!(
        processor_issues(json!({ "localStorage": many })),
        [(
            "processors[0].localStorage".into(),
            "too many keys; at most 16".into()
        )]
    );
}
