//! Whether the page runs inside a frame of another origin. There the widget records nothing: the
//! framing page can hide, cover or restyle the banner and turn a click on its own content into
//! "Accept all" (clickjacking), so no decision made there can be shown to be the user's.

use wasm_bindgen::JsValue;

/// What `start` says on the console (and throws) inside a frame of another origin.
pub(super) const REFUSAL: &str = "kaiten-consent: the page is in a frame of another origin, \
    which could cover the banner; nothing is asked, recorded or loaded there";

/// Frames above this depth are not looked at; so deep a nesting counts as cross-origin.
const MAX_DEPTH: usize = 32;

/// Whether this page is framed and it or any frame around it is of another origin. An origin that
/// cannot be read (the browser throws for another origin's frame) or is opaque (`"null"`, a
/// sandboxed frame) counts as another origin. Without a window there is no frame (and no
/// document to render into).
pub(super) fn is_cross_origin() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let mut current = JsValue::from(window);
    let own = origin(&current).filter(|o| o != "null");
    for _ in 0..MAX_DEPTH {
        let Some(parent) = get(&current, "parent") else {
            return true;
        };
        // The top window is its own parent.
        if !parent.is_object() || js_sys::Object::is(&parent, &current) {
            return false;
        }
        match (&own, origin(&parent)) {
            (Some(own), Some(origin)) if *own == origin => {}
            _ => return true,
        }
        current = parent;
    }
    true
}

/// `window.location.origin`; `None` when the browser refuses (another origin's window).
/// Read through `Reflect`, which the widget already imports, rather than three more bindings.
fn origin(window: &JsValue) -> Option<String> {
    get(&get(window, "location")?, "origin")?.as_string()
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).ok()
}
