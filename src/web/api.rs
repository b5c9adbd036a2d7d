//! The JavaScript API: the `KaitenConsent` class.

use super::{dom, guard, js_value, sync, widget::Widget};
use crate::config::Config;
use crate::consent::Action;
use crate::processor::ProcessorId;
use crate::view::ButtonAction;
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The name of the `CustomEvent` dispatched on `document` after every change of decisions.
const CHANGE_EVENT: &str = "kaiten-consent:change";

/// A running consent widget. Create it with `KaitenConsent.start(config)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct KaitenConsent {
    widget: Rc<RefCell<Widget>>,
    _clicks: EventListener,
    _other_tabs: Option<EventListener>,
}

#[wasm_bindgen]
impl KaitenConsent {
    /// Validates `config`, mounts the widget and applies the stored decision.
    ///
    /// Throws an `Error` named `KaitenConsentError` whose `code` is `invalid_config` (with every
    /// issue in the message) or `no_document`; nothing consent-based loads in either case.
    pub fn start(config: JsValue) -> Result<KaitenConsent, JsValue> {
        console_error_panic_hook::set_once();
        let config = parse_config(config).map_err(|message| fail("invalid_config", &message))?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| fail("no_document", "kaiten-consent: no document to render into"))?;
        let (mut widget, stored) = Widget::mount(document, config)
            .map_err(|e| fail("mount_failed", &format!("kaiten-consent: {e:?}")))?;
        // The guard asks the widget from now on, before the stored decision loads anything.
        let queued = guard::connect(widget.loader(), widget.has_scripts());
        widget.begin(stored);
        let widget = Rc::new(RefCell::new(widget));
        let clicks = {
            let weak = Rc::downgrade(&widget);
            let borrowed = widget.borrow();
            EventListener::new(borrowed.ui().events_target(), "click", move |event| {
                // A programmatic .click() is not the user's decision.
                if !event.is_trusted() {
                    return;
                }
                if let (Some(widget), Some(action)) = (weak.upgrade(), dom::action_of(event)) {
                    match action {
                        ButtonAction::AcceptAll => act(&widget, Action::AcceptAll),
                        ButtonAction::RejectAll => act(&widget, Action::RejectAll),
                        ButtonAction::Settings => {}
                    }
                }
            })
        };
        let other_tabs = {
            let weak = Rc::downgrade(&widget);
            let borrowed = widget.borrow();
            borrowed.channel().map(|channel| {
                EventListener::new(channel.target(), "message", move |event| {
                    if let (Some(widget), Some(stored)) = (weak.upgrade(), sync::stored_of(event)) {
                        act(
                            &widget,
                            Action::Synced {
                                stored: Some(stored),
                            },
                        );
                    }
                })
            })
        };
        let api = KaitenConsent {
            widget,
            _clicks: clicks,
            _other_tabs: other_tabs,
        };
        for call in queued {
            let argument = call.argument.unwrap_or_default();
            match (call.method.as_str(), call.resolve) {
                ("acceptAll", _) => api.accept_all(),
                ("rejectAll", _) => api.reject_all(),
                ("withdraw", _) => api.withdraw(&argument),
                ("set", _) => api.set(call.value),
                ("whenGranted", Some(resolve)) => {
                    if let Ok(id) = ProcessorId::new(&argument) {
                        api.widget.borrow_mut().when_granted(id, resolve);
                    }
                }
                _ => {}
            }
        }
        Ok(api)
    }

    /// Saves individual choices, as the preferences dialog does: `{ intercom: true, … }`;
    /// processors left out (or not `true`) are refused.
    pub fn set(&self, choices: JsValue) {
        let choices = js_sys::Object::entries(&choices.unchecked_into())
            .iter()
            .filter_map(|pair| {
                let pair: js_sys::Array = pair.unchecked_into();
                let id = ProcessorId::new(&pair.get(0).as_string()?).ok()?;
                Some((id, pair.get(1).as_bool() == Some(true)))
            })
            .collect();
        act(&self.widget, Action::SaveChoices(choices));
    }

    /// Withdraws consent from processor `id`: its off-switch is called, its cookies and storage
    /// removed, and it loads no more. Does nothing if `id` is not granted.
    pub fn withdraw(&self, id: &str) {
        if let Ok(id) = ProcessorId::new(id) {
            act(&self.widget, Action::Withdraw(id));
        }
    }

    /// A promise that resolves once processor `id` is granted (at once if it is now), for app
    /// code that loads a processor itself. It stays pending while `id` is not granted; an
    /// invalid id rejects.
    #[wasm_bindgen(js_name = whenGranted)]
    pub fn when_granted(&self, id: &str) -> js_sys::Promise {
        let Ok(id) = ProcessorId::new(id) else {
            return js_sys::Promise::reject(&fail_quiet(
                "invalid_id",
                &format!("kaiten-consent: whenGranted: no processor id {id:?}"),
            ));
        };
        let widget = Rc::clone(&self.widget);
        js_sys::Promise::new(&mut |resolve, _reject| {
            if let Ok(mut widget) = widget.try_borrow_mut() {
                widget.when_granted(id.clone(), resolve);
            }
        })
    }

    /// Grants every consent-based processor, as "Accept all" does.
    #[wasm_bindgen(js_name = acceptAll)]
    pub fn accept_all(&self) {
        act(&self.widget, Action::AcceptAll);
    }

    /// Refuses every consent-based processor, as "Reject all" does.
    #[wasm_bindgen(js_name = rejectAll)]
    pub fn reject_all(&self) {
        act(&self.widget, Action::RejectAll);
    }

    /// Removes the widget's DOM and listeners. Scripts already loaded stay loaded.
    pub fn destroy(self) {
        self.widget.borrow().ui().remove();
    }

    /// Whether processor `id` is consented now.
    #[wasm_bindgen(js_name = isGranted)]
    pub fn is_granted(&self, id: &str) -> bool {
        ProcessorId::new(id).is_ok_and(|id| self.widget.borrow().is_granted(&id))
    }
}

/// Applies `action`, then (with the widget released, so listeners may call the API) tells the
/// page if decisions changed.
fn act(widget: &Rc<RefCell<Widget>>, action: Action) {
    let Ok(mut borrowed) = widget.try_borrow_mut() else {
        web_sys::console::error_1(&JsValue::from_str(
            "kaiten-consent: a decision was made while another was being applied; ignored",
        ));
        return;
    };
    let changed = borrowed.dispatch(action);
    let document = borrowed.document().clone();
    drop(borrowed);
    if changed {
        if let Ok(event) = web_sys::CustomEvent::new(CHANGE_EVENT) {
            let _ = document.dispatch_event(&event);
        }
    }
}

fn parse_config(input: JsValue) -> Result<Config, String> {
    Config::parse(&js_value::to_value(&input)).map_err(|e| e.to_string())
}

/// Reports `message` on the console and builds the JS error to throw.
fn fail(code: &str, message: &str) -> JsValue {
    web_sys::console::error_1(&JsValue::from_str(message));
    fail_quiet(code, message)
}

/// The JS error named `KaitenConsentError` with `code`, not logged.
fn fail_quiet(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("KaitenConsentError");
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}
