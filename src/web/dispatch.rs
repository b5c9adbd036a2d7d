//! Carries the page's calls into the widget: every action, from the API, the widget's own
//! buttons or another tab, goes through [`act`], which applies it and tells the page what
//! changed. Calls that arrive while the widget is applying a decision (from page code that
//! decision ran) are refused here, logged or with a `busy` error.

use super::after_paint;
use super::error::{error, ErrorCode};
use super::widget::Widget;
use crate::consent::Action;
use crate::processor::ProcessorId;
use crate::proof::Source;
use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The name of the `CustomEvent` dispatched on `document` after every change of decisions.
const CHANGE_EVENT: &str = "kaiten-consent:change";

/// The widget, unless page code calls `method` while the widget is busy (page code that the
/// widget itself ran, such as a revived inline script): then the call is a logged no-op instead
/// of a panic.
pub(crate) fn idle<'w>(widget: &'w RefCell<Widget>, method: &str) -> Option<Ref<'w, Widget>> {
    widget.try_borrow().map_err(|_| busy(method)).ok()
}

/// [`idle`] for calls that change the widget.
pub(crate) fn idle_mut<'w>(
    widget: &'w RefCell<Widget>,
    method: &str,
) -> Option<RefMut<'w, Widget>> {
    widget.try_borrow_mut().map_err(|_| busy(method)).ok()
}

/// Logs that `method` was ignored because the widget was applying a decision.
pub(crate) fn busy(method: &str) {
    web_sys::console::error_1(&JsValue::from_str(&busy_message(method, "ignored")));
}

/// The error (code `busy`) of a method that must answer but was called while the widget was
/// applying a decision.
pub(crate) fn busy_error(method: &str) -> JsValue {
    error(
        ErrorCode::Busy,
        &busy_message(method, "call it again once the decision is applied"),
    )
}

fn busy_message(method: &str, outcome: &str) -> String {
    [
        "kaiten-consent: ",
        method,
        " was called while the widget was applying a decision (from code that decision ran); ",
        outcome,
    ]
    .concat()
}

pub(crate) fn set(widget: &Rc<RefCell<Widget>>, choices: &JsValue) {
    let choices = if choices.is_object() {
        js_sys::Object::entries(choices.unchecked_ref())
            .iter()
            .filter_map(|pair| {
                let pair: js_sys::Array = pair.unchecked_into();
                let id = ProcessorId::new(&pair.get(0).as_string()?).ok()?;
                Some((id, pair.get(1).as_bool() == Some(true)))
            })
            .collect()
    } else {
        Vec::new()
    };
    act(widget, Action::SaveChoices(choices), Source::Api);
}

pub(crate) fn withdraw(widget: &Rc<RefCell<Widget>>, id: &str) {
    if let Ok(id) = ProcessorId::new(id) {
        act(widget, Action::Withdraw(id), Source::Api);
    }
}

/// Applies a decision (announcing one made in this page when the preferences are open) and
/// leaves the rest of it for after the next paint (see [`settle_after_paint`]), then, with the
/// widget released so listeners may call the API, tells the page if decisions changed: the
/// `kaiten-consent:change` event on `document`, then each `onChange` listener, all with one
/// frozen snapshot.
/// (One copy, not generic, for the shipped size.)
#[inline(never)]
pub(crate) fn act(widget: &Rc<RefCell<Widget>>, action: Action, source: Source) {
    let Ok(mut borrowed) = widget.try_borrow_mut() else {
        web_sys::console::error_1(&JsValue::from_str(
            "kaiten-consent: a decision was made while another was being applied; ignored",
        ));
        return;
    };
    if !borrowed.settle_due() {
        settle_after_paint(Rc::downgrade(widget));
    }
    let changed = borrowed.dispatch(action, source);
    // What another tab decided, or an expiry, was not saved here.
    if source != Source::Stored && borrowed.ui().preferences_open() {
        borrowed.announce_saved();
    }
    if !changed {
        return;
    }
    let document = borrowed.document().clone();
    let snapshot = borrowed.snapshot();
    let listeners = borrowed.subscribers();
    drop(borrowed);
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&snapshot);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CHANGE_EVENT, &init) {
        // A throwing event listener is reported by the browser; dispatch goes on.
        let _ = document.dispatch_event(&event);
    }
    for listener in listeners {
        if let Err(error) = listener.call1(&JsValue::UNDEFINED, &snapshot) {
            web_sys::console::error_2(
                &JsValue::from_str("kaiten-consent: an onChange listener threw:"),
                &error,
            );
        }
    }
}

/// Runs [`Widget::settle`] once the next frame is painted, unless the widget is gone by then:
/// after `destroy()` nothing a decision left waiting is loaded (fail closed). A widget busy at
/// that moment (page code it runs called back) is settled after the following frame.
fn settle_after_paint(widget: std::rc::Weak<RefCell<Widget>>) {
    let settle = Closure::<dyn FnMut()>::new(move || {
        let Some(strong) = widget.upgrade() else {
            return;
        };
        let Ok(mut borrowed) = strong.try_borrow_mut() else {
            settle_after_paint(widget.clone());
            return;
        };
        borrowed.settle();
    });
    after_paint::after_next_paint(&settle.into_js_value());
}
