//! Whether the page runs inside a frame of another origin. There the widget records nothing: the
//! framing page can hide, cover or restyle the banner and turn a click on its own content into
//! "Accept all" (clickjacking), so no decision made there can be shown to be the user's.

use web_sys::Window;

/// What `start` says on the console (and throws) inside a frame of another origin.
pub(super) const REFUSAL: &str = "kaiten-consent: this page is inside a frame of another origin, \
    where a decision cannot be shown to be the user's (the framing page can cover the banner); \
    no consent is asked or recorded and nothing consent-based loads. Open the page directly.";

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
    let own = window.location().origin().ok().filter(|o| o != "null");
    let mut current: Window = window;
    for _ in 0..MAX_DEPTH {
        let parent = match current.parent() {
            Ok(Some(parent)) => parent,
            Ok(None) => return false,
            Err(_) => return true,
        };
        // The top window is its own parent.
        if js_sys::Object::is(&parent, &current) {
            return false;
        }
        match (&own, parent.location().origin()) {
            (Some(own), Ok(origin)) if *own == origin => {}
            _ => return true,
        }
        current = parent;
    }
    true
}
