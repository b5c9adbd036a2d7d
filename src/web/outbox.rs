//! Proof of consent (GDPR Art. 7(1)): each decision's consent record goes to the host's
//! `proofUrl`, and stays in a `localStorage` outbox until the endpoint confirms it.
//!
//! How a failed send is known: the record is POSTed with `fetch` and `keepalive: true` (so it
//! survives the page going away), and only a 2xx response removes it from the outbox. A network
//! error or any other status leaves it there; it is sent again, as the same text with the same
//! `id`, on the next load, so the endpoint deduplicates by `id`. When the page is hidden
//! (`pagehide`), every record still in the outbox is also handed to `navigator.sendBeacon`,
//! which survives an unload in every browser but cannot say whether the server took it: those
//! records stay in the outbox as well, and a duplicate is the endpoint's to drop by `id`.
//!
//! Storage may be unavailable (blocked, sandboxed, full): records are then sent once without an
//! outbox, and the console says so.

use crate::proof::outbox;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `localStorage` key of the outbox: records one a line, oldest first.
const KEY: &str = "kaiten-consent.outbox";

/// The outbox of one widget: where records go.
#[derive(Debug)]
pub(crate) struct Outbox {
    url: String,
}

impl Outbox {
    /// The outbox sending to `url` (the config's `proofUrl`).
    pub(crate) fn new(url: &str) -> Self {
        Self {
            url: url.to_owned(),
        }
    }

    /// Keeps `record` in the outbox and sends it.
    pub(crate) fn send(&self, record: String) {
        update(|stored| outbox::add(stored, &record));
        post(&self.url, record);
    }

    /// Sends again every record a previous page could not deliver (on start).
    pub(crate) fn retry(&self) {
        for record in pending() {
            post(&self.url, record);
        }
    }

    /// Hands every record not yet confirmed to `sendBeacon` (on `pagehide`).
    pub(crate) fn beacon(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        for record in pending() {
            let _ = window
                .navigator()
                .send_beacon_with_opt_str(&self.url, Some(&record));
        }
    }
}

fn pending() -> Vec<String> {
    let stored = read().unwrap_or_default();
    outbox::items(&stored).map(str::to_owned).collect()
}

/// POSTs `record`; a 2xx response removes it from the outbox.
fn post(url: &str, record: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = js_sys::Object::new();
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into());
    for (key, value) in [
        ("method", JsValue::from_str("POST")),
        ("body", JsValue::from_str(&record)),
        ("keepalive", JsValue::TRUE),
        ("headers", headers.into()),
    ] {
        let _ = js_sys::Reflect::set(&init, &key.into(), &value);
    }
    // One callback for both outcomes: a Response (check `ok`) or a network error.
    let done = Closure::<dyn FnMut(JsValue)>::new(move |result: JsValue| {
        let ok = js_sys::Reflect::get(&result, &"ok".into()).is_ok_and(|ok| ok.is_truthy());
        if ok {
            update(|stored| outbox::remove(stored, &record));
        } else {
            web_sys::console::warn_1(&JsValue::from_str(
                "kaiten-consent: the proofUrl endpoint did not take a consent record; \
                 it is sent again on the next page load",
            ));
        }
    })
    .into_js_value();
    let sent = window.fetch_with_str_and_init(url, init.unchecked_ref());
    if let Ok(then) = js_sys::Reflect::get(&sent, &"then".into()) {
        let then: js_sys::Function = then.unchecked_into();
        let _ = then.call2(&sent, &done, &done);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// Rewrites the outbox with `change`; an empty outbox is removed. Storage that throws is
/// reported on the console and left alone.
fn update(change: impl FnOnce(&str) -> String) {
    let written = storage().is_some_and(|storage| {
        let Ok(stored) = storage.get_item(KEY) else {
            return false;
        };
        let next = change(stored.as_deref().unwrap_or_default());
        if next.is_empty() {
            storage.remove_item(KEY).is_ok()
        } else {
            storage.set_item(KEY, &next).is_ok()
        }
    });
    if !written {
        web_sys::console::warn_1(&JsValue::from_str(
            "kaiten-consent: localStorage is unavailable; a consent record that fails to send \
             is not sent again",
        ));
    }
}
