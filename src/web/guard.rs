//! The bridge to the synchronous guard (`js/guard.js`, shipped as `kaiten-consent-guard.js`):
//! `window.__kaitenConsentGuard`. The guard holds scripts until the widget connects; from then on
//! it asks the widget's [`PageLoader`] about every script URL and lets the widget revive what it held.

use super::page_loader::PageLoader;
use crate::guard_contract::{CONNECT, GLOBAL, HOSTS, QUEUE};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A call the page made before the widget started, queued by the guard.
#[derive(Debug)]
pub(crate) struct Queued {
    /// The API method, one of [`crate::guard_contract::queued`].
    pub(crate) method: String,
    /// Its argument as text (a processor id), if it is text.
    pub(crate) argument: Option<String>,
    /// Its argument as given (`set`'s choices object).
    pub(crate) value: JsValue,
    /// For `whenGranted`: the queued promise's resolve function.
    pub(crate) resolve: Option<js_sys::Function>,
}

/// The widget's hold on the guard. Dropping it (in `destroy`) disconnects: the guard holds
/// every script of its `data-hosts` again, as before the widget started (fail closed), and the
/// callbacks it was given are freed.
#[derive(Debug)]
pub(crate) struct Connection {
    guard: JsValue,
    _callbacks: Option<(Decide, Closure<dyn Fn()>)>,
}

/// The guard's question: is a script of this absolute URL held now?
type Decide = Closure<dyn Fn(String) -> bool>;

impl Drop for Connection {
    fn drop(&mut self) {
        if let Ok(connect) = get(&self.guard, CONNECT).dyn_into::<js_sys::Function>() {
            let _ = connect.call2(&self.guard, &JsValue::NULL, &JsValue::NULL);
        }
    }
}

/// Connects the guard, if the page loaded one, to `loader`, and returns the connection and the
/// calls it queued. Warns when a configured script's host is not in the guard's `data-hosts`,
/// or when the page has no guard although scripts are configured.
pub(crate) fn connect(loader: &Rc<PageLoader>, has_scripts: bool) -> (Connection, Vec<Queued>) {
    let none = || Connection {
        guard: JsValue::UNDEFINED,
        _callbacks: None,
    };
    let Some(window) = web_sys::window() else {
        return (none(), Vec::new());
    };
    let guard = js_sys::Reflect::get(&window, &GLOBAL.into()).unwrap_or(JsValue::UNDEFINED);
    if !guard.is_object() {
        if has_scripts {
            warn(
                "kaiten-consent: no guard on the page (kaiten-consent-guard.js, first in <head>): \
                 scripts the page inserts itself are not held",
            );
        }
        return (none(), Vec::new());
    }
    let hosts: Vec<String> = get(&guard, HOSTS)
        .dyn_into::<js_sys::Array>()
        .map(|a| a.iter().filter_map(|h| h.as_string()).collect())
        .unwrap_or_default();
    for host in loader.unguarded_hosts(&hosts) {
        warn(
            &[
                "kaiten-consent: the guard's data-hosts lacks ",
                &host,
                ", a configured script's host: a tag for it could run before the widget starts",
            ]
            .concat(),
        );
    }
    let decide = {
        let loader = Rc::clone(loader);
        Closure::<dyn Fn(String) -> bool>::new(move |url: String| loader.holds(&url))
    };
    let revive = {
        let loader = Rc::clone(loader);
        Closure::<dyn Fn()>::new(move || loader.revive())
    };
    if let Ok(connect) = get(&guard, CONNECT).dyn_into::<js_sys::Function>() {
        let _ = connect.call2(&guard, decide.as_ref(), revive.as_ref());
    }
    let queue = get(&guard, QUEUE)
        .dyn_into::<js_sys::Array>()
        .unwrap_or_default();
    let calls = queue
        .iter()
        .filter_map(|entry| {
            let entry = entry.dyn_into::<js_sys::Array>().ok()?;
            Some(Queued {
                method: entry.get(0).as_string()?,
                argument: entry.get(1).as_string(),
                value: entry.get(1),
                resolve: entry.get(2).dyn_into().ok(),
            })
        })
        .collect();
    queue.set_length(0);
    let connection = Connection {
        guard,
        _callbacks: Some((decide, revive)),
    };
    (connection, calls)
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}
