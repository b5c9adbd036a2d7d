//! Focus inside a modal dialog: where it lands on open, and Tab / Shift+Tab wrapping from the
//! last focusable element to the first and back (the native modal lets focus leave for the
//! browser's own UI).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// What can take focus with Tab inside the widget's dialogs.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), a[href]";

fn focusables(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(found) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into().ok())
        .collect()
}

/// The first element of `root` that can take focus with Tab.
pub(crate) fn first_focusable(root: &Element) -> Option<HtmlElement> {
    focusables(root).into_iter().next()
}

/// Moves focus to the first focusable element of `dialog`.
pub(crate) fn first(dialog: &Element) {
    if let Some(element) = first_focusable(dialog) {
        let _ = element.focus();
    }
}

/// Handles Tab and Shift+Tab in `dialog` when focus is on `active`: from the last element to
/// the first, from the first (or the dialog itself) to the last.
pub(crate) fn wrap_tab(dialog: &Element, active: Option<&Element>, event: &KeyboardEvent) {
    if !is_tab(event) || event.alt_key() || event.ctrl_key() || event.meta_key() {
        return;
    }
    let all = focusables(dialog);
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let at =
        |element: &HtmlElement| active.is_some_and(|a| a == element.unchecked_ref::<Element>());
    let target = if event.shift_key() {
        (at(first) || active.map_or(true, |a| a == dialog)).then_some(last)
    } else {
        at(last).then_some(first)
    };
    if let Some(target) = target {
        event.prevent_default();
        let _ = target.focus();
    }
}

/// Whether `event` is the Tab key. WebKitGTK names the key of Shift+Tab (GDK's `ISO_Left_Tab`)
/// "Unidentified", while its `code` still says "Tab".
fn is_tab(event: &KeyboardEvent) -> bool {
    let key = event.key();
    key == "Tab" || (key == "Unidentified" && event.code() == "Tab")
}
