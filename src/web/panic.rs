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
/// also shows the stack. With `panic = "abort"` the panic traps: the call that panicked throws
/// into its caller and nothing after it in that call runs (no decision is half carried out past
/// the panic). A borrow the trap left taken makes later calls logged no-ops (every entry point
/// uses `try_borrow`), so the widget fails closed rather than crashing the page.
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
