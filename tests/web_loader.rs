//! Browser unit tests of the loader (wasm-bindgen-test in headless Chromium): inert tags and
//! iframes revived once after consent, whenGranted, withdrawal cleanup, other tabs, expiry.
//! `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use kaiten_consent::record::Record;
use kaiten_consent::time::Timestamp;
use kaiten_consent::KaitenConsent;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::{after_paint, clear_page, cookies, document, set_cookie};

fn global(name: &str) -> JsValue {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &name.into()).unwrap()
}

/// A fresh page: no widget, no decision, no test elements, no marker globals.
fn reset() {
    clear_page(&[
        "[data-kc=root]",
        "[data-test]",
        "[data-kc-placeholder]",
        "script[data-processor]",
    ]);
    let window = web_sys::window().unwrap();
    for name in ["__inert_runs", "__wootric_runs"] {
        let _ = js_sys::Reflect::set(&window, &name.into(), &JsValue::UNDEFINED);
    }
}

/// Appends `html` to the body inside a `data-test` wrapper (scripts in innerHTML do not run).
fn add(html: &str) -> Element {
    let wrapper = document().create_element("div").unwrap();
    wrapper.set_attribute("data-test", "").unwrap();
    wrapper.set_inner_html(html);
    document().body().unwrap().append_child(&wrapper).unwrap();
    wrapper
}

fn start() -> KaitenConsent {
    KaitenConsent::start(Some(js_sys::Object::new().unchecked_into()))
        .expect("the default config starts")
}

/// Starts a widget that inserts scripts (never served) for analytics and intercom, with an inert
/// inline tag each for intercom and wootric that counts its runs.
fn start_with_scripts() -> KaitenConsent {
    add(r#"<script type="text/plain" data-processor="intercom">
             window.__inert_runs = (window.__inert_runs || 0) + 1;
           </script>
           <script type="text/plain" data-processor="wootric">
             window.__wootric_runs = (window.__wootric_runs || 0) + 1;
           </script>"#);
    let config = r#"{"scripts":{"analytics":"/not-served/analytics.js",
                               "intercom":"/not-served/intercom.js"}}"#;
    KaitenConsent::start(Some(js_sys::JSON::parse(config).unwrap().unchecked_into()))
        .expect("the config starts")
}

/// The processors whose scripts the widget inserted (not held or inert tags).
fn inserted_scripts() -> Vec<String> {
    let found = document()
        .query_selector_all("script[data-processor][src]:not([type])")
        .unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|script| script.get_attribute("data-processor"))
        .collect()
}

/// How many times each inert tag ran: intercom's, wootric's.
fn inert_runs() -> (Option<f64>, Option<f64>) {
    (
        global("__inert_runs").as_f64(),
        global("__wootric_runs").as_f64(),
    )
}

#[wasm_bindgen_test]
async fn a_decision_inserts_and_revives_nothing_before_its_frame_is_painted() {
    reset();
    let widget = start_with_scripts();
    widget.accept_all().unwrap();
    assert!(widget.is_granted("intercom").unwrap(), "granted at once");
    assert!(
        inserted_scripts().is_empty(),
        "nothing inserted in the call"
    );
    assert_eq!(inert_runs(), (None, None), "nothing revived in the call");

    // An animation-frame callback registered after the decision runs in the frame that shows
    // it, after the widget's own callback.
    let in_frame = std::rc::Rc::new(std::cell::RefCell::new(None));
    let seen = in_frame.clone();
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        seen.replace(Some((inserted_scripts(), inert_runs())));
    });
    web_sys::window()
        .unwrap()
        .request_animation_frame(callback.unchecked_ref())
        .unwrap();
    after_paint().await;
    assert_eq!(
        in_frame.take(),
        Some((Vec::new(), (None, None))),
        "the decision's frame came before any load"
    );
    assert_eq!(inserted_scripts(), ["analytics", "intercom"]);
    assert_eq!(inert_runs(), (Some(1.0), Some(1.0)));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_decision_followed_at_once_by_destroy_loads_nothing() {
    reset();
    let widget = start_with_scripts();
    widget.accept_all().unwrap();
    widget.destroy();
    after_paint().await;
    after_paint().await;
    assert!(inserted_scripts().is_empty(), "{:?}", inserted_scripts());
    assert_eq!(inert_runs(), (None, None));
    assert!(
        cookies().contains("kaiten_consent="),
        "the decision itself was stored"
    );
}

#[wasm_bindgen_test]
async fn a_contrary_decision_before_the_frame_loads_nothing_it_refused() {
    reset();
    let widget = start_with_scripts();
    widget.accept_all().unwrap();
    widget
        .set(
            js_sys::JSON::parse(r#"{ "wootric": true }"#)
                .unwrap()
                .unchecked_into(),
        )
        .unwrap();
    after_paint().await;
    assert!(inserted_scripts().is_empty(), "{:?}", inserted_scripts());
    assert_eq!(inert_runs(), (None, Some(1.0)), "only wootric's tag ran");

    // A refusal then a grant, both before the frame: the grant loads.
    widget.reject_all().unwrap();
    widget
        .set(
            js_sys::JSON::parse(r#"{ "intercom": true }"#)
                .unwrap()
                .unchecked_into(),
        )
        .unwrap();
    after_paint().await;
    assert_eq!(inserted_scripts(), ["intercom"]);
    assert_eq!(inert_runs(), (Some(1.0), Some(1.0)));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn inert_scripts_and_iframes_of_a_granted_processor_are_revived_once_with_their_attributes() {
    reset();
    let wrapper = add(
        r#"<script type="text/plain" data-processor="intercom" data-extra="kept">
             window.__inert_runs = (window.__inert_runs || 0) + 1;
           </script>
           <script type="text/plain" data-processor="wootric">window.__inert_runs = 100;</script>
           <iframe data-processor="intercom" data-src="about:blank#revived" title="chat"></iframe>"#,
    );
    let widget = start();
    assert!(
        global("__inert_runs").is_undefined(),
        "nothing runs before consent"
    );
    let placeholder = wrapper
        .query_selector("[data-kc-placeholder=intercom]")
        .unwrap()
        .expect("a placeholder stands in for the blocked iframe");
    assert!(placeholder
        .text_content()
        .unwrap()
        .starts_with("Intercom: "));

    widget
        .set(
            js_sys::JSON::parse(r#"{ "intercom": true }"#)
                .unwrap()
                .unchecked_into(),
        )
        .unwrap();
    after_paint().await;
    assert_eq!(
        global("__inert_runs").as_f64(),
        Some(1.0),
        "revived once; wootric's stays inert"
    );
    let revived = wrapper
        .query_selector("script[data-extra=kept]")
        .unwrap()
        .unwrap();
    assert_eq!(revived.get_attribute("type"), None);
    assert_eq!(
        revived.get_attribute("data-processor").as_deref(),
        Some("intercom")
    );
    let iframe = wrapper.query_selector("iframe").unwrap().unwrap();
    assert_eq!(
        iframe.get_attribute("src").as_deref(),
        Some("about:blank#revived")
    );
    assert!(wrapper
        .query_selector("[data-kc-placeholder]")
        .unwrap()
        .is_none());

    widget.accept_all().unwrap();
    after_paint().await;
    assert_eq!(
        global("__inert_runs").as_f64(),
        Some(100.0),
        "wootric's now ran"
    );
    widget.accept_all().unwrap();
    after_paint().await;
    assert_eq!(
        global("__inert_runs").as_f64(),
        Some(100.0),
        "nothing ran twice"
    );
    widget.destroy();
}

#[wasm_bindgen_test]
async fn when_granted_resolves_only_after_the_grant() {
    reset();
    let widget = start();
    let resolved = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = resolved.clone();
    let promise = widget
        .when_granted("intercom")
        .unwrap()
        .unchecked_into::<js_sys::Promise>();
    let on_grant = wasm_bindgen::closure::Closure::once(move |_: JsValue| flag.set(true));
    let chained = promise.then(&on_grant);
    JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
        .await
        .unwrap();
    assert!(!resolved.get(), "still pending before consent");
    widget.accept_all().unwrap();
    JsFuture::from(chained).await.unwrap();
    assert!(resolved.get());
    // Granted already: resolves at once. An invalid id rejects.
    JsFuture::from(
        widget
            .when_granted("wootric")
            .unwrap()
            .unchecked_into::<js_sys::Promise>(),
    )
    .await
    .unwrap();
    assert!(JsFuture::from(
        widget
            .when_granted("Not an id")
            .unwrap()
            .unchecked_into::<js_sys::Promise>()
    )
    .await
    .is_err());
    widget.destroy();
}

#[wasm_bindgen_test]
async fn withdrawal_deletes_the_processors_cookies_and_storage_and_says_a_reload_completes_it() {
    reset();
    let widget = start();
    widget.accept_all().unwrap();
    set_cookie("intercom-session-abc=1; Path=/");
    set_cookie("_ga=GA1.1.x; Path=/");
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item("intercom.intercom-state-abc", "{}")
        .unwrap();
    storage.set_item("kaiten-board", "keep").unwrap();

    // The status line is in the preferences, which are built when they first open.
    widget.show_preferences().unwrap();
    widget.withdraw("intercom").unwrap();
    assert!(!cookies().contains("intercom-session-abc"), "{}", cookies());
    assert!(cookies().contains("_ga="), "other processors' cookies stay");
    after_paint().await;
    assert_eq!(
        storage.get_item("intercom.intercom-state-abc").unwrap(),
        None
    );
    assert_eq!(
        storage.get_item("kaiten-board").unwrap().as_deref(),
        Some("keep")
    );
    let status = document()
        .query_selector("[data-kc=root]")
        .unwrap()
        .unwrap()
        .shadow_root()
        .unwrap()
        .query_selector("[data-kc=status]")
        .unwrap()
        .expect("a status line");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert!(status.text_content().unwrap().contains("Reload"));
    assert!(!widget.is_granted("intercom").unwrap());
    set_cookie("_ga=; Path=/; Max-Age=0");
    storage.remove_item("kaiten-board").unwrap();
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_decision_posted_by_another_tab_is_applied() {
    let stored = accepted_record().encode();
    let widget = start();
    assert!(!widget.is_granted("analytics").unwrap());
    let other_tab = web_sys::BroadcastChannel::new("kaiten-consent").unwrap();
    other_tab.post_message(&stored.into()).unwrap();
    assert!(
        wait_for(|| widget.is_granted("analytics").unwrap()).await,
        "the other tab's decision arrived"
    );
    other_tab.close();
    widget.destroy();
}

/// Waits up to five seconds for `done`, checking every 20 ms.
async fn wait_for(done: impl Fn() -> bool) -> bool {
    for _ in 0..250 {
        if done() {
            return true;
        }
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .unwrap();
        });
        JsFuture::from(tick).await.unwrap();
    }
    done()
}

/// The decision an accept-all stores, then every trace of it gone.
fn accepted_record() -> Record {
    reset();
    let first = start();
    first.accept_all().unwrap();
    let stored = stored_decision().expect("the decision cookie");
    first.destroy();
    reset();
    Record::decode(&stored).expect("the widget's own record decodes")
}

fn stored_decision() -> Option<String> {
    cookies()
        .split("; ")
        .find_map(|c| c.strip_prefix("kaiten_consent=").map(str::to_owned))
}

fn banner_shown() -> bool {
    let banner = document()
        .query_selector("[data-kc=root]")
        .unwrap()
        .unwrap()
        .shadow_root()
        .unwrap()
        .query_selector("[data-kc=banner]")
        .unwrap()
        .unwrap();
    !banner.has_attribute("hidden")
}

#[wasm_bindgen_test]
async fn a_decision_that_expires_while_the_page_is_open_is_switched_off_and_asked_again() {
    let mut record = accepted_record();
    // Stored 182 days ago, so it expires two seconds from now.
    let now = (js_sys::Date::now() / 1000.0) as u64;
    record.expires_at = Timestamp(now + 2);
    record.decided_at = Timestamp(now + 2 - 182 * 86_400);
    set_cookie(&["kaiten_consent=", &record.encode(), "; Path=/"].concat());
    set_cookie("intercom-session-abc=1; Path=/");
    let widget = start();
    assert!(widget.is_granted("intercom").unwrap());
    assert!(!banner_shown());
    // No reload and no event: the widget's own timer notices the expiry.
    assert!(
        wait_for(|| !widget.is_granted("intercom").unwrap()).await,
        "the grant ended at its expiry"
    );
    assert!(banner_shown(), "the banner asks again");
    assert!(!cookies().contains("intercom-session-abc"), "{}", cookies());
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_decision_another_tab_stores_under_another_revision_is_not_applied_here() {
    let mut theirs = accepted_record();
    theirs.revision = 2;
    let widget = start();
    widget.accept_all().unwrap();
    // The widget reads its cookie back after the frame; the other tab writes later.
    after_paint().await;
    let other_tab = web_sys::BroadcastChannel::new("kaiten-consent").unwrap();
    // The other tab stored its decision, then told this one.
    set_cookie(&["kaiten_consent=", &theirs.encode(), "; Path=/"].concat());
    other_tab.post_message(&theirs.encode().into()).unwrap();
    assert!(
        wait_for(|| !widget.is_granted("analytics").unwrap()).await,
        "this page's own decision ended"
    );
    assert!(banner_shown(), "the banner asks under this page's revision");
    let state = widget.state().unwrap();
    let revision = js_sys::Reflect::get(&state, &"revision".into()).unwrap();
    assert_eq!(revision.as_f64(), Some(1.0));
    assert_eq!(
        stored_decision().as_deref(),
        Some(theirs.encode().as_str()),
        "the other tab's decision is not overwritten"
    );
    other_tab.close();
    widget.destroy();
}
