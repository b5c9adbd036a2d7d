//! The widget's event wiring: clicks on its buttons, Tab inside its dialogs, focus return when a
//! dialog closes, the host's own entry element, decisions made in the site's other tabs, and the
//! checks of the decision's expiry. Each listener holds the widget weakly; `destroy()` drops the
//! handles, which removes them all.

use super::dispatch::{act, idle, idle_mut};
use super::dom::{self, Dialog};
use super::{after_paint, focus, sync, widget::Widget};
use crate::consent::Action;
use crate::proof::Source;
use crate::view::ButtonAction;
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{EventTarget, HtmlElement};

/// Adds every listener the widget needs; they live as long as the returned handles.
pub(super) fn wire(widget: &Rc<RefCell<Widget>>) -> Vec<EventListener> {
    let borrowed = widget.borrow();
    let ui = borrowed.ui();
    let weak = Rc::downgrade(widget);
    let clicks = EventListener::new(ui.events_target(), "click", move |event| {
        if let (Some(widget), Some((action, button))) = (weak.upgrade(), dom::action_of(event)) {
            // A programmatic .click() is not the user's decision; it may open and close.
            if !action.decides() || event.is_trusted() {
                press(&widget, action, button);
            }
        }
    });
    let weak = Rc::downgrade(widget);
    let active = EventListenerOptions::enable_prevent_default();
    let keys =
        EventListener::new_with_options(ui.events_target(), "keydown", active, move |event| {
            let Some(widget) = weak.upgrade() else { return };
            let Ok(widget) = widget.try_borrow() else {
                return;
            };
            let ui = widget.ui();
            let top = ui.top_dialog().and_then(|dialog| ui.dialog(dialog));
            if let (Some(dialog), Some(key)) = (top, event.dyn_ref()) {
                let active = ui.events_target().active_element();
                focus::wrap_tab(dialog, active.as_ref(), key);
            }
        });
    // `close` does not bubble, but it passes the shadow root in the capture phase: one listener
    // there covers both dialogs, the notice included, which is only built when it first opens.
    let weak = Rc::downgrade(widget);
    let capture = EventListenerOptions::run_in_capture_phase();
    let closes =
        EventListener::new_with_options(ui.events_target(), "close", capture, move |event| {
            let (Some(widget), Some(target)) = (weak.upgrade(), event.target()) else {
                return;
            };
            let Ok(mut widget) = widget.try_borrow_mut() else {
                return;
            };
            if let Some(dialog) = widget.ui().dialog_of(&target) {
                widget.ui_mut().return_focus(dialog);
            }
        });
    let mut listeners = vec![clicks, keys, closes];
    if let Some(channel) = borrowed.channel() {
        let weak = Rc::downgrade(widget);
        listeners.push(EventListener::new(
            channel.target(),
            "message",
            move |event| {
                if let (Some(widget), Some(stored)) = (weak.upgrade(), sync::stored_of(event)) {
                    let stored = Some(stored);
                    act(&widget, Action::Synced { stored }, Source::Stored);
                }
            },
        ));
    }
    if borrowed.outbox().is_some() {
        if let Some(window) = web_sys::window() {
            let weak = Rc::downgrade(widget);
            listeners.push(EventListener::new(&window, "pagehide", move |_| {
                let Some(widget) = weak.upgrade() else { return };
                let Ok(widget) = widget.try_borrow() else {
                    return;
                };
                if let Some(outbox) = widget.outbox() {
                    outbox.beacon();
                }
            }));
        }
    }
    // A timer does not run while the machine sleeps, nor in a page kept in the back-forward
    // cache: the page coming back into view, or its window getting the focus back, checks at once.
    listeners.push(check_expiry_on(
        borrowed.document(),
        "visibilitychange",
        widget,
    ));
    if let Some(window) = web_sys::window() {
        listeners.push(check_expiry_on(&window, "pageshow", widget));
        listeners.push(check_expiry_on(&window, "focus", widget));
    }
    // The first check runs once `start` has applied the stored decision.
    check_expiry_after(Rc::downgrade(widget), 0);
    if let Some(entry) = borrowed.host_entry() {
        let weak = Rc::downgrade(widget);
        let opener = entry.clone();
        listeners.push(EventListener::new(entry, "click", move |_| {
            if let Some(widget) = weak.upgrade() {
                if let Some(mut widget) = idle_mut(&widget, "the entry element's click") {
                    widget.open(Dialog::Preferences, Some(opener.clone()));
                }
            }
        }));
    }
    listeners
}

/// Sends [`Action::Expired`] when the core says the decision in force has expired.
fn check_expiry(widget: &Rc<RefCell<Widget>>) {
    if widget.try_borrow().is_ok_and(|w| w.expiry_check_in() == 0) {
        act(widget, Action::Expired, Source::Stored);
    }
}

/// A listener that checks the expiry on each `event` at `target`.
fn check_expiry_on(
    target: &EventTarget,
    event: &'static str,
    widget: &Rc<RefCell<Widget>>,
) -> EventListener {
    let weak = Rc::downgrade(widget);
    EventListener::new(target, event, move |_| {
        if let Some(widget) = weak.upgrade() {
            check_expiry(&widget);
        }
    })
}

/// Checks the expiry after `delay` milliseconds, then again when the core says the next check
/// is due, for as long as the widget lives: after `destroy()` the pending timer finds it gone.
fn check_expiry_after(widget: Weak<RefCell<Widget>>, delay: u32) {
    let check = Closure::<dyn FnMut()>::new(move || {
        let Some(strong) = widget.upgrade() else {
            return;
        };
        check_expiry(&strong);
        let next = strong.try_borrow().map_or(0, |w| w.expiry_check_in());
        check_expiry_after(widget.clone(), next);
    });
    after_paint::after_delay(&check.into_js_value(), delay);
}

/// Does what a pressed button says.
fn press(widget: &Rc<RefCell<Widget>>, action: ButtonAction, button: HtmlElement) {
    let source = match widget.try_borrow() {
        Ok(w) if w.ui().in_banner(&button) => Source::Banner,
        _ => Source::Preferences,
    };
    match action {
        ButtonAction::AcceptAll => act(widget, Action::AcceptAll, source),
        ButtonAction::RejectAll => act(widget, Action::RejectAll, source),
        ButtonAction::Save => {
            let Some(choices) = idle(widget, "a click on the widget").map(|w| w.ui().choices())
            else {
                return;
            };
            act(widget, Action::SaveChoices(choices), source);
        }
        ButtonAction::Settings | ButtonAction::OpenNotice => {
            let dialog = match action {
                ButtonAction::Settings => Dialog::Preferences,
                _ => Dialog::Notice,
            };
            if let Some(mut widget) = idle_mut(widget, "a click on the widget") {
                widget.open(dialog, Some(button));
            }
        }
        ButtonAction::Close => {
            if let Some(widget) = idle(widget, "a click on the widget") {
                if let Some(dialog) = widget.ui().top_dialog() {
                    widget.ui().close(dialog);
                }
            }
        }
    }
}
