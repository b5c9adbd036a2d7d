//! Browser unit tests of the DOM layer (wasm-bindgen-test in headless Chromium):
//! `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use kaiten_consent::record::Record;
use kaiten_consent::{ConfigArg, KaitenConsent};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::{after_paint, clear_page, cookies, document, shadow};

/// A fresh page: no widget, no consent cookie, no inserted scripts, English.
fn reset() {
    clear_page(&["[data-kc=root]", "script[data-processor]"]);
    document()
        .document_element()
        .unwrap()
        .set_attribute("lang", "en")
        .unwrap();
}

fn config(js: &str) -> Option<ConfigArg> {
    Some(js_sys::JSON::parse(js).unwrap().unchecked_into())
}

fn banner_visible() -> bool {
    let banner = shadow()
        .query_selector("[data-kc=banner]")
        .unwrap()
        .unwrap();
    !banner.has_attribute("hidden")
}

fn stored_record() -> Option<Record> {
    cookies()
        .split("; ")
        .find_map(|pair| pair.strip_prefix("kaiten_consent="))
        .and_then(Record::decode)
}

fn inserted_scripts() -> Vec<String> {
    let found = document()
        .query_selector_all("script[data-processor]")
        .unwrap();
    (0..found.length())
        .map(|i| {
            let script: Element = found.item(i).unwrap().dyn_into().unwrap();
            script.get_attribute("data-processor").unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
fn first_visit_shows_a_labelled_banner_with_accept_reject_and_settings() {
    reset();
    let _widget = KaitenConsent::start(config("{}")).unwrap();
    assert!(banner_visible());
    let banner = shadow()
        .query_selector("[data-kc=banner]")
        .unwrap()
        .unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("region"));
    let title_id = banner.get_attribute("aria-labelledby").unwrap();
    let title = shadow().get_element_by_id(&title_id).unwrap();
    assert_eq!(
        title.text_content().as_deref(),
        Some("Your privacy in Kaiten")
    );
    // The decision buttons (the banner also has a link-styled button that opens the notice).
    let buttons = banner
        .query_selector_all("button:not([data-kc-action=open-notice])")
        .unwrap();
    let labels: Vec<_> = (0..buttons.length())
        .map(|i| buttons.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(labels, ["Accept all", "Reject all", "Settings"]);
    assert!(
        stored_record().is_none(),
        "showing the banner is not a decision"
    );
    assert!(inserted_scripts().is_empty());
}

#[wasm_bindgen_test]
fn the_page_language_picks_the_russian_text() {
    reset();
    document()
        .document_element()
        .unwrap()
        .set_attribute("lang", "ru-RU")
        .unwrap();
    let _widget = KaitenConsent::start(config("{}")).unwrap();
    let root = document()
        .query_selector("[data-kc=root]")
        .unwrap()
        .unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ru"));
    let accept = shadow()
        .query_selector("[data-kc-action=accept-all]")
        .unwrap()
        .unwrap();
    assert_eq!(accept.text_content().as_deref(), Some("Принять все"));
}

#[wasm_bindgen_test]
async fn accept_all_stores_the_decision_and_inserts_only_configured_scripts() {
    reset();
    let widget = KaitenConsent::start(config(
        r#"{"scripts":{"analytics":"/not-served/analytics.js"}}"#,
    ))
    .unwrap();
    widget.accept_all().unwrap();
    assert!(!banner_visible());
    let record = stored_record().expect("a decodable consent cookie");
    assert!(record.choices.iter().all(|(_, granted)| *granted));
    after_paint().await;
    assert_eq!(inserted_scripts(), ["analytics"]);
    assert!(widget.is_granted("intercom").unwrap());
    assert!(
        !widget.is_granted("aws").unwrap(),
        "necessary processors are not asked"
    );
}

#[wasm_bindgen_test]
async fn reject_all_stores_a_refusal_and_inserts_nothing() {
    reset();
    let widget = KaitenConsent::start(config(
        r#"{"scripts":{"analytics":"/not-served/analytics.js"}}"#,
    ))
    .unwrap();
    widget.reject_all().unwrap();
    assert!(!banner_visible());
    let record = stored_record().expect("a refusal is stored like a consent");
    assert!(record.choices.iter().all(|(_, granted)| !*granted));
    after_paint().await;
    assert!(inserted_scripts().is_empty());
}

#[wasm_bindgen_test]
async fn a_stored_decision_is_honoured_on_the_next_start_without_the_banner() {
    reset();
    let scripts = r#"{"scripts":{"intercom":"/not-served/intercom.js"}}"#;
    let first = KaitenConsent::start(config(scripts)).unwrap();
    first.accept_all().unwrap();
    after_paint().await;
    first.destroy();
    document()
        .query_selector("script[data-processor]")
        .unwrap()
        .unwrap()
        .remove();
    let _second = KaitenConsent::start(config(scripts)).unwrap();
    assert!(!banner_visible());
    assert_eq!(inserted_scripts(), ["intercom"]);
}

#[wasm_bindgen_test]
fn a_programmatic_click_is_not_a_decision() {
    reset();
    let _widget = KaitenConsent::start(config("{}")).unwrap();
    let accept: HtmlElement = shadow()
        .query_selector("[data-kc-action=accept-all]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    accept.click();
    assert!(stored_record().is_none());
    assert!(banner_visible());
}

#[wasm_bindgen_test]
fn an_invalid_config_throws_a_named_error_listing_every_issue_and_mounts_nothing() {
    reset();
    let error = KaitenConsent::start(config(
        r#"{"revision":0,"colour":"red","scripts":{"intercom":"javascript:alert(1)"}}"#,
    ))
    .expect_err("an invalid config is refused");
    let error: js_sys::Error = error.dyn_into().unwrap();
    assert_eq!(String::from(error.name()), "KaitenConsentError");
    let code = js_sys::Reflect::get(&error, &"code".into()).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("invalid_config"));
    let message = String::from(error.message());
    for path in [
        "config.revision",
        "config.colour",
        "config.scripts.intercom",
    ] {
        assert!(message.contains(path), "{path} missing from: {message}");
    }
    assert!(document()
        .query_selector("[data-kc=root]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
fn each_decision_dispatches_a_change_event_on_the_document() {
    reset();
    let count = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = count.clone();
    let _listener =
        gloo_events::EventListener::new(&document(), "kaiten-consent:change", move |_| {
            seen.set(seen.get() + 1)
        });
    let widget = KaitenConsent::start(config("{}")).unwrap();
    assert_eq!(count.get(), 0, "showing the banner is not a change");
    widget.reject_all().unwrap();
    widget.accept_all().unwrap();
    assert_eq!(count.get(), 2);
}
