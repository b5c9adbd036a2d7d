//! Page helpers shared by the browser unit tests (`tests/web*.rs`).
#![cfg(target_arch = "wasm32")]
#![allow(dead_code)] // each test binary uses its own subset

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlDocument, ShadowRoot};

/// The test page's document.
pub fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// `document.cookie` as the page sees it.
pub fn cookies() -> String {
    document()
        .dyn_into::<HtmlDocument>()
        .unwrap()
        .cookie()
        .unwrap()
}

/// Writes one cookie through `document.cookie`.
pub fn set_cookie(text: &str) {
    document()
        .dyn_into::<HtmlDocument>()
        .unwrap()
        .set_cookie(text)
        .unwrap();
}

/// Removes every element matching any of `selectors` and the stored decision, so a test starts
/// from a first visit.
pub fn clear_page(selectors: &[&str]) {
    let doc = document();
    for selector in selectors {
        let found = doc.query_selector_all(selector).unwrap();
        for i in 0..found.length() {
            found
                .item(i)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .remove();
        }
    }
    set_cookie("kaiten_consent=; Path=/; Max-Age=0");
}

/// The widget's open shadow root.
pub fn shadow() -> ShadowRoot {
    document()
        .query_selector("[data-kc=root]")
        .unwrap()
        .expect("the widget mounted its root")
        .shadow_root()
        .expect("the root has an open shadow root")
}

/// Waits until the work a decision leaves for after its frame has run: the widget queues it as a
/// task from the next animation frame, and a task this queues from a later callback of that
/// frame runs after it.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queue = wasm_bindgen::closure::Closure::once_into_js(move || {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        web_sys::window()
            .unwrap()
            .request_animation_frame(queue.unchecked_ref())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
