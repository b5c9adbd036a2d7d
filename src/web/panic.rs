//! The panic report: one `console.error` saying the widget panicked, where, and why.
//!
//! Replaces `console_error_panic_hook`, whose `PanicHookInfo` `Display` and string building
//! cost shipped bytes; this hook copies the payload text and the location with plain pushes.

use std::panic::PanicHookInfo;
use std::sync::Once;

use wasm_bindgen::JsValue;

use crate::text::push_decimal;

/// Installs the hook once; later calls do nothing.
pub(super) fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| std::panic::set_hook(Box::new(report)));
}

/// Logs "kaiten-consent panicked at file:line:column: message" with a JS error, so the console
/// also shows the stack. With `panic = "abort"` the module is unusable afterwards, which fails
/// closed: nothing consent-based loads without a live widget.
fn report(info: &PanicHookInfo<'_>) {
    let mut text = String::from("kaiten-consent panicked");
    if let Some(location) = info.location() {
        text.push_str(" at ");
        text.push_str(location.file());
        text.push(':');
        push_decimal(&mut text, location.line().into());
        text.push(':');
        push_decimal(&mut text, location.column().into());
    }
    text.push_str(": ");
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
    text.push_str(message.unwrap_or("(no message)"));
    web_sys::console::error_1(&JsValue::from(js_sys::Error::new(&text)));
}
