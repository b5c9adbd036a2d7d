//! The JavaScript API: the `KaitenConsent` class.

use super::dom::Dialog;
use super::loader::Loader;
use super::{events, guard, js_value, widget::Widget};
use crate::config::Config;
use crate::consent::Action;
use crate::processor::ProcessorId;
use gloo_events::EventListener;
use std::cell::{Ref, RefCell, RefMut};
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
    /// The widget's loader: answers `isGranted` while the widget is busy applying a decision.
    loader: Rc<Loader>,
    _listeners: Vec<EventListener>,
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
        let loader = Rc::clone(widget.loader());
        let widget = Rc::new(RefCell::new(widget));
        let listeners = events::wire(&widget);
        let api = KaitenConsent {
            loader,
            widget,
            _listeners: listeners,
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
        act(&self.widget, |w| w.dispatch(Action::SaveChoices(choices)));
    }

    /// Withdraws consent from processor `id`: its off-switch is called, its cookies and storage
    /// removed, and it loads no more. Does nothing if `id` is not granted.
    pub fn withdraw(&self, id: &str) {
        if let Ok(id) = ProcessorId::new(id) {
            act(&self.widget, |w| w.dispatch(Action::Withdraw(id)));
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
        js_sys::Promise::new(&mut |resolve, _reject| match widget.try_borrow_mut() {
            Ok(mut widget) => widget.when_granted(id.clone(), resolve),
            // Asked by page code that a decision runs: the loader's gate already knows.
            Err(_) if self.loader.is_granted(&id) => {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            Err(_) => busy("whenGranted"),
        })
    }

    /// Shows the first-layer banner again, e.g. from a "Cookie settings" link in the footer.
    #[wasm_bindgen(js_name = showBanner)]
    pub fn show_banner(&self) {
        if let Some(widget) = idle(&self.widget, "showBanner") {
            widget.ui().set_banner_visible(true);
        }
    }

    /// Opens the preferences dialog; focus returns to what had focus when it closes.
    #[wasm_bindgen(js_name = showPreferences)]
    pub fn show_preferences(&self) {
        if let Some(mut widget) = idle_mut(&self.widget, "showPreferences") {
            widget.open(Dialog::Preferences, None);
        }
    }

    /// Opens the full privacy notice; focus returns to what had focus when it closes.
    #[wasm_bindgen(js_name = showNotice)]
    pub fn show_notice(&self) {
        if let Some(mut widget) = idle_mut(&self.widget, "showNotice") {
            widget.open(Dialog::Notice, None);
        }
    }

    /// Grants every consent-based processor, as "Accept all" does.
    #[wasm_bindgen(js_name = acceptAll)]
    pub fn accept_all(&self) {
        act(&self.widget, |w| w.dispatch(Action::AcceptAll));
    }

    /// Refuses every consent-based processor, as "Reject all" does.
    #[wasm_bindgen(js_name = rejectAll)]
    pub fn reject_all(&self) {
        act(&self.widget, |w| w.dispatch(Action::RejectAll));
    }

    /// Removes the widget's DOM and listeners. Scripts already loaded stay loaded.
    pub fn destroy(self) {
        if let Some(widget) = idle(&self.widget, "destroy") {
            widget.ui().remove();
        }
    }

    /// Whether processor `id` is consented now; also from page code that a decision runs while
    /// it is being applied (a revived inline script, an off-switch).
    #[wasm_bindgen(js_name = isGranted)]
    pub fn is_granted(&self, id: &str) -> bool {
        ProcessorId::new(id).is_ok_and(|id| match self.widget.try_borrow() {
            Ok(widget) => widget.is_granted(&id),
            Err(_) => self.loader.is_granted(&id),
        })
    }
}

/// Applies a decision (announcing it when the preferences are open), then, with the widget
/// released so listeners may call the API, tells the page if decisions changed.
pub(super) fn act(widget: &Rc<RefCell<Widget>>, decide: impl FnOnce(&mut Widget) -> bool) {
    let Ok(mut borrowed) = widget.try_borrow_mut() else {
        web_sys::console::error_1(&JsValue::from_str(
            "kaiten-consent: a decision was made while another was being applied; ignored",
        ));
        return;
    };
    let changed = decide(&mut borrowed);
    if borrowed.ui().preferences_open() {
        borrowed.announce_saved();
    }
    let document = borrowed.document().clone();
    drop(borrowed);
    if changed {
        if let Ok(event) = web_sys::CustomEvent::new(CHANGE_EVENT) {
            let _ = document.dispatch_event(&event);
        }
    }
}

/// The widget, unless page code calls `method` while the widget is busy (page code that the
/// widget itself ran, such as a revived inline script): then the call is a logged no-op instead
/// of a panic.
pub(super) fn idle<'w>(widget: &'w RefCell<Widget>, method: &str) -> Option<Ref<'w, Widget>> {
    widget.try_borrow().map_err(|_| busy(method)).ok()
}

/// [`idle`] for calls that change the widget.
pub(super) fn idle_mut<'w>(
    widget: &'w RefCell<Widget>,
    method: &str,
) -> Option<RefMut<'w, Widget>> {
    widget.try_borrow_mut().map_err(|_| busy(method)).ok()
}

fn busy(method: &str) {
    web_sys::console::error_1(&JsValue::from_str(
        &[
            "kaiten-consent: ",
            method,
            " was called while the widget was applying a decision (from code that decision ran); ignored",
        ]
        .concat(),
    ));
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
