//! The `kaiten-consent:show` and `kaiten-consent:hide` events on `document`: a layer (the banner,
//! the preferences, the notice) opened or closed, with `detail.layer` naming it, so the app can
//! pause a video or hide its own chat button while the widget asks. Each is dispatched in a
//! microtask, once the call that opened or closed the layer has returned and released the
//! widget, so a listener may call the API.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Document};

/// Tells the page that `layer` (its test hook: `banner`, `preferences`, `notice`) was `shown` or
/// hidden.
pub(crate) fn announce(document: &Document, layer: &'static str, shown: bool) {
    let name = if shown {
        "kaiten-consent:show"
    } else {
        "kaiten-consent:hide"
    };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"layer".into(), &layer.into());
    js_sys::Object::freeze(&detail);
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    let (Ok(event), Some(window)) = (
        CustomEvent::new_with_event_init_dict(name, &init),
        web_sys::window(),
    ) else {
        return;
    };
    let document = document.clone();
    let dispatch = Closure::once_into_js(move || {
        // A throwing listener is reported by the browser; dispatch goes on.
        let _ = document.dispatch_event(&event);
    });
    window.queue_microtask(dispatch.unchecked_ref::<js_sys::Function>());
}
