//! Inserts a consented processor's script: the widget is the loader.

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
            .set_attribute("data-processor", processor.id.as_str())
            .ok()?;
        document.head()?.append_child(&script).ok()
    })();
    if inserted.is_none() {
        web_sys::console::error_1(
            &format!(
                "kaiten-consent: could not insert the script of {}",
                processor.id
            )
            .into(),
        );
    }
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
