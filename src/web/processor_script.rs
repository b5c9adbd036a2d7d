//! Inserts a consented processor's script: the widget is the loader.

use crate::guard_contract::{processor_attribute, PROCESSOR};
use crate::processor::Processor;
use web_sys::Document;

/// Appends `<script async src=…>` for `processor` to `<head>`, carrying the page's CSP nonce.
/// Failures (no head, a throwing DOM) are reported to the console and load nothing.
pub(crate) fn insert(document: &Document, processor: &Processor, nonce: &str) {
    let Some(source) = &processor.script else {
        return;
    };
    let inserted = (|| {
        let script: web_sys::HtmlScriptElement =
            wasm_bindgen::JsCast::unchecked_into(document.create_element("script").ok()?);
        script.set_async(true);
        script.set_src(&source.src);
        if !nonce.is_empty() {
            script.set_nonce(nonce);
        }
        script
            .set_attribute(PROCESSOR, processor.id.as_str())
            .ok()?;
        document.head()?.append_child(&script).ok()
    })();
    if inserted.is_none() {
        web_sys::console::error_1(
            &[
                "kaiten-consent: could not insert the script of ",
                processor.id.as_str(),
            ]
            .concat()
            .into(),
        );
    }
}

/// Whether `processor`'s configured script is already in the document, running (not held or
/// inert): inserted by an earlier widget on this page (before a `destroy()` and a new `start`),
/// so a restarted widget does not run it twice.
pub(crate) fn present(document: &Document, processor: &Processor) -> bool {
    let Some(source) = &processor.script else {
        return false;
    };
    let selector = [
        concat!("script[", processor_attribute!(), "=\""),
        processor.id.as_str(),
        "\"]:not([type])",
    ]
    .concat();
    let Ok(found) = document.query_selector_all(&selector) else {
        return false;
    };
    (0..found.length()).any(|i| {
        found
            .item(i)
            .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
            .and_then(|script| script.get_attribute("src"))
            .is_some_and(|src| src == source.src)
    })
}

/// The CSP nonce of the script that loaded the page's widget, if the page uses one: the nonce of
/// the first `<script nonce>` in the document (browsers hide it from attributes, not `.nonce`).
pub(crate) fn page_nonce(document: &Document) -> String {
    document
        .query_selector("script[nonce]")
        .ok()
        .flatten()
        .map(|s| wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(s).nonce())
        .unwrap_or_default()
}
