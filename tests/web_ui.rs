//! Browser unit tests of the UI (wasm-bindgen-test in headless Chromium): the banner, the
//! preferences and notice dialogs, focus on open, Tab wrapping, focus return, the language.
//! `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use kaiten_consent::KaitenConsent;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlDialogElement, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::{after_paint, clear_page, document, shadow};

/// A fresh page: no widget, no consent cookie, no page button, English.
fn reset() {
    clear_page(&["[data-kc=root]", "script[data-processor]", "#opener"]);
    document()
        .document_element()
        .unwrap()
        .set_attribute("lang", "en")
        .unwrap();
}

fn start(config: &str) -> KaitenConsent {
    KaitenConsent::start(Some(js_sys::JSON::parse(config).unwrap().unchecked_into())).unwrap()
}

fn find(selector: &str) -> Element {
    shadow()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in the widget"))
}

fn all(selector: &str) -> Vec<Element> {
    let found = shadow().query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|i| found.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

fn dialog(hook: &str) -> HtmlDialogElement {
    find(&format!("[data-kc={hook}]")).dyn_into().unwrap()
}

fn focused() -> Option<Element> {
    shadow().active_element()
}

fn hook_of(element: &Element) -> String {
    element
        .get_attribute("data-kc-action")
        .or_else(|| element.get_attribute("data-kc-processor"))
        .unwrap_or_else(|| element.tag_name())
}

/// The text of the element an `aria-labelledby` / `aria-describedby` of `element` points at.
fn referenced_text(element: &Element, attribute: &str) -> String {
    let ids = element.get_attribute(attribute).unwrap_or_default();
    ids.split(' ')
        .map(|id| {
            shadow()
                .get_element_by_id(id)
                .unwrap_or_else(|| panic!("{attribute} points at missing #{id}"))
                .text_content()
                .unwrap()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn press_tab(shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key("Tab");
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    focused()
        .expect("something in the widget has focus")
        .dispatch_event(&event)
        .unwrap();
}

/// Lets queued tasks (a dialog's `close` event) run.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn the_banner_is_a_labelled_region_with_a_notice_link_and_three_buttons() {
    reset();
    let _widget = start("{}");
    let banner = find("[data-kc=banner]");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("region"));
    assert_eq!(
        referenced_text(&banner, "aria-labelledby"),
        "Your privacy in Kaiten"
    );
    let hooks: Vec<_> = all("[data-kc=banner] button").iter().map(hook_of).collect();
    assert_eq!(
        hooks,
        ["open-notice", "accept-all", "reject-all", "settings"]
    );
    assert!(banner.text_content().unwrap().contains("Privacy settings"));
    assert!(find("[data-kc=entry]")
        .closest("[hidden]")
        .unwrap()
        .is_some());
    assert!(
        all("[data-kc=preferences]").is_empty(),
        "the preferences are built when they first open"
    );
}

/// A started widget whose `hook` dialog is not built yet, and the element count then.
fn started_without(hook: &str) -> (KaitenConsent, usize) {
    reset();
    let widget = start("{}");
    let selector = ["[data-kc=", hook, "]"].concat();
    assert!(
        all(&selector).is_empty(),
        "{hook}: not built before it opens"
    );
    (widget, all("*").len())
}

#[wasm_bindgen_test]
async fn the_preferences_are_built_when_first_opened_with_the_decision_in_force_and_then_kept() {
    let (widget, before) = started_without("preferences");
    assert!(before < 20, "only the banner and the entry point: {before}");
    widget.accept_all().unwrap();
    widget.show_preferences().unwrap();
    let preferences = dialog("preferences");
    assert!(preferences.open());
    let built = all("*").len();
    assert!(
        built > before + 50,
        "every processor's row: {before} -> {built} elements"
    );
    let switches = all("[data-kc=preferences] input:not([disabled])");
    assert!(!switches.is_empty());
    for switch in &switches {
        let input: HtmlInputElement = switch.clone().dyn_into().unwrap();
        assert!(input.checked(), "built with the decision in force");
    }
    preferences.close();
    next_task().await;
    widget.reject_all().unwrap();
    widget.show_preferences().unwrap();
    assert!(preferences.open(), "the same element opens again");
    for switch in &switches {
        let input: HtmlInputElement = switch.clone().dyn_into().unwrap();
        assert!(!input.checked(), "kept in step with later decisions");
    }
    assert_eq!(all("[data-kc=preferences]").len(), 1);
    assert_eq!(all("*").len(), built, "nothing built twice");
}

#[wasm_bindgen_test]
async fn the_notice_is_built_when_first_opened_and_then_kept() {
    let (widget, before) = started_without("notice");
    widget.show_preferences().unwrap();
    widget.show_notice().unwrap();
    let notice = dialog("notice");
    assert!(notice.open());
    let built = all("*").len();
    assert!(
        built > before + 30,
        "the whole notice: {before} -> {built} elements"
    );
    assert_eq!(
        shadow().last_element_child(),
        Some(notice.clone().into()),
        "after the preferences, as before"
    );
    notice.close();
    next_task().await;
    let link: HtmlElement = find("[data-kc=preferences] [data-kc-action=open-notice]")
        .dyn_into()
        .unwrap();
    link.click();
    assert!(notice.open(), "the same element opens again");
    assert_eq!(all("[data-kc=notice]").len(), 1);
    assert_eq!(all("*").len(), built, "nothing built twice");
}

#[wasm_bindgen_test]
fn preferences_open_labelled_and_described_with_focus_inside_and_switches_off() {
    reset();
    let widget = start("{}");
    widget.show_preferences().unwrap();
    let preferences = dialog("preferences");
    assert!(preferences.open());
    assert_eq!(
        referenced_text(&preferences, "aria-labelledby"),
        "Privacy settings"
    );
    assert!(referenced_text(&preferences, "aria-describedby").starts_with("Choose which"));
    let focus = focused().expect("focus moved into the dialog");
    assert!(preferences.contains(Some(&focus)));
    assert_eq!(hook_of(&focus), "close");

    let switches = all("[data-kc-processor]");
    let ids: Vec<_> = switches.iter().map(hook_of).collect();
    assert_eq!(ids, ["analytics", "intercom", "wootric", "aws", "heroku"]);
    for switch in &switches {
        let input: &HtmlInputElement = switch.dyn_ref().unwrap();
        assert_eq!(input.type_(), "checkbox");
        assert_eq!(switch.get_attribute("role").as_deref(), Some("switch"));
        let necessary = ["aws", "heroku"].contains(&hook_of(switch).as_str());
        assert_eq!(input.checked(), necessary, "{}", hook_of(switch));
        assert_eq!(input.disabled(), necessary, "{}", hook_of(switch));
        let label = input
            .labels()
            .unwrap()
            .item(0)
            .expect("a <label> names the switch");
        assert!(!label.text_content().unwrap().is_empty());
        if necessary {
            assert!(referenced_text(switch, "aria-describedby").starts_with("Needed to run Kaiten"));
        }
    }
    let hooks: Vec<_> = all("[data-kc=preferences] .actions button")
        .iter()
        .map(hook_of)
        .collect();
    assert_eq!(hooks, ["accept-all", "reject-all", "save"]);
}

#[wasm_bindgen_test]
fn a_granted_processor_shows_on_and_a_decision_in_the_dialog_is_announced() {
    reset();
    let widget = start("{}");
    widget.accept_all().unwrap();
    assert!(find("[data-kc=banner]").has_attribute("hidden"));
    assert!(find("[data-kc=entry]")
        .closest("[hidden]")
        .unwrap()
        .is_none());
    widget.show_preferences().unwrap();
    for id in ["analytics", "intercom", "wootric"] {
        let input: HtmlInputElement = find(&format!("[data-kc-processor={id}]"))
            .dyn_into()
            .unwrap();
        assert!(input.checked(), "{id} is granted, so its switch is on");
    }
    let status = find("[data-kc=status]");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(status.text_content().as_deref(), Some(""));
    widget.reject_all().unwrap();
    // The processors were loaded, so refusing them now needs a reload to complete.
    assert_eq!(
        status.text_content().as_deref(),
        Some(
            "Your choices have been saved. \
             Consent withdrawn. Reload the page to stop the service completely."
        )
    );
    let analytics: HtmlInputElement = find("[data-kc-processor=analytics]").dyn_into().unwrap();
    assert!(!analytics.checked(), "the switches follow the decision");
}

#[wasm_bindgen_test]
fn tab_and_shift_tab_wrap_inside_the_dialog() {
    reset();
    let widget = start("{}");
    widget.show_preferences().unwrap();
    let first = focused().unwrap();
    let save = find("[data-kc=preferences] [data-kc-action=save]");
    save.dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    press_tab(false);
    assert_eq!(
        focused(),
        Some(first.clone()),
        "Tab on the last wraps to the first"
    );
    press_tab(true);
    assert_eq!(
        focused(),
        Some(save),
        "Shift+Tab on the first wraps to the last"
    );
}

#[wasm_bindgen_test]
async fn closing_returns_focus_to_the_opener_without_a_decision() {
    reset();
    let widget = start("{}");
    let opener: HtmlElement = document()
        .create_element("button")
        .unwrap()
        .unchecked_into();
    opener.set_id("opener");
    document().body().unwrap().append_child(&opener).unwrap();
    opener.focus().unwrap();
    widget.show_preferences().unwrap();
    assert_ne!(document().active_element(), Some(opener.clone().into()));
    dialog("preferences").close();
    next_task().await;
    assert_eq!(document().active_element(), Some(opener.into()));
    assert!(
        !find("[data-kc=banner]").has_attribute("hidden"),
        "no decision"
    );
    assert!(!widget.is_granted("analytics").unwrap());
}

#[wasm_bindgen_test]
async fn the_notice_opens_over_the_preferences_and_closes_back_into_them() {
    reset();
    let widget = start("{}");
    widget.show_preferences().unwrap();
    let link: HtmlElement = find("[data-kc=preferences] [data-kc-action=open-notice]")
        .dyn_into()
        .unwrap();
    link.click(); // opening is not a decision, so a programmatic click may do it
    let notice = dialog("notice");
    assert!(notice.open() && dialog("preferences").open());
    assert_eq!(
        referenced_text(&notice, "aria-labelledby"),
        "Kaiten privacy notice"
    );
    assert_eq!(referenced_text(&notice, "aria-describedby"), "Revision 1");
    let mail = find("[data-kc=notice] a[href^='mailto:']");
    assert_eq!(
        mail.get_attribute("href").as_deref(),
        Some("mailto:personaldata@kaiten.io")
    );
    let close: HtmlElement = find("[data-kc=notice] [data-kc-action=close]")
        .dyn_into()
        .unwrap();
    close.click();
    next_task().await;
    assert!(!notice.open() && dialog("preferences").open());
    assert_eq!(focused(), Some(link.into()));
    widget.show_notice().unwrap();
    assert!(notice.open());
}

#[wasm_bindgen_test]
fn a_programmatic_click_on_save_records_nothing() {
    reset();
    let widget = start("{}");
    let settings: HtmlElement = find("[data-kc=banner] [data-kc-action=settings]")
        .dyn_into()
        .unwrap();
    settings.click();
    assert!(
        dialog("preferences").open(),
        "opening needs no trusted click"
    );
    let analytics: HtmlInputElement = find("[data-kc-processor=analytics]").dyn_into().unwrap();
    analytics.set_checked(true);
    let save: HtmlElement = find("[data-kc=preferences] [data-kc-action=save]")
        .dyn_into()
        .unwrap();
    save.click();
    assert!(!widget.is_granted("analytics").unwrap());
    assert_eq!(find("[data-kc=status]").text_content().as_deref(), Some(""));
}

#[wasm_bindgen_test]
fn the_configured_language_wins_over_the_page_and_every_text_is_text() {
    reset();
    let widget = start(r#"{"language":"ru"}"#);
    widget.show_preferences().unwrap();
    widget.show_notice().unwrap();
    let root = document()
        .query_selector("[data-kc=root]")
        .unwrap()
        .unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ru"));
    assert_eq!(
        find("[data-kc=banner] [data-kc-action=accept-all]")
            .text_content()
            .as_deref(),
        Some("Принять все")
    );
    assert_eq!(
        find("[data-kc=preferences] [data-kc-action=save]")
            .text_content()
            .as_deref(),
        Some("Сохранить выбор")
    );
    assert!(all("[style]").is_empty(), "no inline style attributes");
    assert!(
        all("style, script").is_empty(),
        "no <style> or <script> elements"
    );
}

#[wasm_bindgen_test]
fn show_banner_brings_the_first_layer_back_after_a_decision() {
    reset();
    let widget = start("{}");
    widget.reject_all().unwrap();
    assert!(find("[data-kc=banner]").has_attribute("hidden"));
    widget.show_banner().unwrap();
    assert!(!find("[data-kc=banner]").has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn a_host_element_named_in_the_config_replaces_the_floating_entry_point() {
    reset();
    let opener: HtmlElement = document()
        .create_element("button")
        .unwrap()
        .unchecked_into();
    opener.set_id("opener");
    document().body().unwrap().append_child(&opener).unwrap();
    let widget = start(r##"{"entryElement":"#opener"}"##);
    widget.reject_all().unwrap();
    assert!(
        find("[data-kc=entry]")
            .closest("[hidden]")
            .unwrap()
            .is_some(),
        "the floating button stays hidden"
    );
    opener.click();
    assert!(
        dialog("preferences").open(),
        "the host's element opens the preferences"
    );
    dialog("preferences").close();
    next_task().await;
    assert_eq!(document().active_element(), Some(opener.into()));
}

#[wasm_bindgen_test]
async fn focus_in_the_banner_moves_to_the_entry_point_when_the_banner_hides() {
    reset();
    let widget = start("{}");
    find("[data-kc=banner] [data-kc-action=reject-all]")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    widget.reject_all().unwrap();
    after_paint().await;
    assert_eq!(focused(), Some(find("[data-kc=entry]")));
}
