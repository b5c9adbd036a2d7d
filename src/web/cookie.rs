//! The first-party cookie that stores the decision. Every failure (cookies disabled, a sandboxed
//! document that throws) reads as "nothing stored", which the core treats as no decision.

use crate::cookie_text;
use wasm_bindgen::JsCast;
use web_sys::HtmlDocument;

/// The decision cookie of one page.
#[derive(Debug)]
pub(crate) struct CookieJar {
    document: HtmlDocument,
    name: String,
}

impl CookieJar {
    /// The jar for cookie `name` on `document`; `None` if the document has no cookie API.
    pub(crate) fn new(document: &web_sys::Document, name: &str) -> Option<Self> {
        Some(Self {
            document: document.clone().dyn_into().ok()?,
            name: name.to_owned(),
        })
    }

    /// The cookie's value, if set and readable. An unreadable `document.cookie` (a sandbox, a
    /// page script that broke it) is said on the console and reads as nothing stored.
    pub(crate) fn read(&self) -> Option<String> {
        let Ok(all) = self.document.cookie() else {
            web_sys::console::warn_1(&wasm_bindgen::JsValue::from_str(
                "kaiten-consent: document.cookie threw when read; \
                 no stored decision applies and nothing consent-based loads until the user decides",
            ));
            return None;
        };
        cookie_text::value(&all, &self.name).map(str::to_owned)
    }

    /// Writes the cookie for `max_age_days`: `Path=/`, `SameSite=Lax`, `Secure` on https.
    /// Returns whether `document.cookie` took the write without throwing; whether the browser
    /// kept the cookie is [`CookieJar::holds`]'s to say (a read-back costs a round trip to the
    /// browser's cookie store, so the caller does it when no frame waits on it).
    pub(crate) fn write(&self, value: &str, max_age_days: u32) -> bool {
        let secure = self
            .document
            .location()
            .and_then(|l| l.protocol().ok())
            .is_some_and(|p| p == "https:");
        let cookie = cookie_text::decision(&self.name, value, max_age_days, secure);
        self.document.set_cookie(&cookie).is_ok()
    }

    /// Whether the cookie holds `value`: false when the browser refused (or dropped) its write.
    pub(crate) fn holds(&self, value: &str) -> bool {
        self.read().as_deref() == Some(value)
    }
}

impl CookieJar {
    /// Deletes the decision cookie (written as [`CookieJar::write`] writes it, so the same one).
    pub(crate) fn clear(&self) {
        let _ = self
            .document
            .set_cookie(&cookie_text::decision_deleted(&self.name));
    }

    /// Deletes every readable cookie that one of `specs` matches, wherever this page could have
    /// set it ([`cookie_text::each_deletion`]).
    pub(crate) fn delete_matching(&self, specs: &[crate::processor::CookieSpec]) {
        let Ok(all) = self.document.cookie() else {
            return;
        };
        let location = self.document.location();
        let host = location
            .as_ref()
            .and_then(|l| l.hostname().ok())
            .unwrap_or_default();
        let page_path = location.and_then(|l| l.pathname().ok()).unwrap_or_default();
        for name in cookie_text::names(&all).filter(|name| specs.iter().any(|s| s.matches(name))) {
            cookie_text::each_deletion(name, &host, &page_path, |deletion| {
                let _ = self.document.set_cookie(deletion);
            });
        }
    }
}
