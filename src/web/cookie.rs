//! The first-party cookie that stores the decision: host-only, or for the config's `cookieDomain`
//! so that the site's subdomains share it. Every failure (cookies disabled, a sandboxed document
//! that throws) reads as "nothing stored", which the core treats as no decision.

use crate::cookie_text;
use wasm_bindgen::JsCast;
use web_sys::HtmlDocument;

/// The decision cookie of one page.
#[derive(Debug)]
pub(crate) struct CookieJar {
    document: HtmlDocument,
    name: String,
    /// The config's `cookieDomain`; `None`: the cookie is host-only.
    domain: Option<String>,
}

impl CookieJar {
    /// The jar for cookie `name` on `document`, shared across `domain` when given; `None` if the
    /// document has no cookie API.
    pub(crate) fn new(
        document: &web_sys::Document,
        name: &str,
        domain: Option<&str>,
    ) -> Option<Self> {
        Some(Self {
            document: document.clone().dyn_into().ok()?,
            name: name.to_owned(),
            domain: domain.map(str::to_owned),
        })
    }

    /// The cookie's value, if set and readable. An unreadable `document.cookie` (a sandbox, a
    /// page script that broke it) is said on the console and reads as nothing stored.
    ///
    /// With a `cookieDomain`, a host-only cookie of the same name is left from before the
    /// config had one: when both are there (`document.cookie` lists them alike), the host-only
    /// one is deleted, so the decision read is the one shared across the subdomains.
    pub(crate) fn read(&self) -> Option<String> {
        let mut all = self.all()?;
        if self.domain.is_some() && cookie_text::is_repeated(&all, &self.name) {
            self.delete(None);
            all = self.all()?;
        }
        cookie_text::value(&all, &self.name).map(str::to_owned)
    }

    /// Every cookie the page can read, as `document.cookie` lists them.
    fn all(&self) -> Option<String> {
        let all = self.document.cookie().ok();
        if all.is_none() {
            web_sys::console::warn_1(&wasm_bindgen::JsValue::from_str(
                "kaiten-consent: document.cookie threw when read; \
                 no stored decision applies and nothing consent-based loads until the user decides",
            ));
        }
        all
    }

    /// Writes the cookie for `max_age_days`: `Path=/`, `SameSite=Lax`, `Secure` on https, and
    /// `Domain` when shared (deleting the host-only one left from before, so one is left).
    /// Returns whether `document.cookie` took the write without throwing; whether the browser
    /// kept the cookie is [`CookieJar::holds`]'s to say (a read-back costs a round trip to the
    /// browser's cookie store, so the caller does it when no frame waits on it).
    pub(crate) fn write(&self, value: &str, max_age_days: u32) -> bool {
        let secure = self
            .document
            .location()
            .and_then(|l| l.protocol().ok())
            .is_some_and(|p| p == "https:");
        if self.domain.is_some() {
            self.delete(None);
        }
        let domain = self.domain.as_deref();
        let cookie = cookie_text::decision(&self.name, value, max_age_days, secure, domain);
        self.document.set_cookie(&cookie).is_ok()
    }

    /// Whether the cookie holds `value`: false when the browser refused (or dropped) its write.
    pub(crate) fn holds(&self, value: &str) -> bool {
        self.read().as_deref() == Some(value)
    }
}

impl CookieJar {
    /// Deletes the decision cookie (written as [`CookieJar::write`] writes it, so the same one),
    /// and with a `cookieDomain` the host-only one left from before too.
    pub(crate) fn clear(&self) {
        self.delete(None);
        if let Some(domain) = &self.domain {
            self.delete(Some(domain));
        }
    }

    /// Deletes the decision cookie of `domain` (`None`: the host-only one).
    fn delete(&self, domain: Option<&str>) {
        let _ = self
            .document
            .set_cookie(&cookie_text::decision_deleted(&self.name, domain));
    }

    /// Deletes every readable cookie that one of `specs` matches, wherever this page could have
    /// set it ([`cookie_text::each_deletion`]).
    pub(crate) fn delete_matching(&self, specs: &[crate::processor::CookieSpec]) {
        let Ok(all) = self.document.cookie() else {
            return;
        };
        let host = hostname(&self.document);
        let page_path = self
            .document
            .location()
            .and_then(|l| l.pathname().ok())
            .unwrap_or_default();
        for name in cookie_text::names(&all).filter(|name| specs.iter().any(|s| s.matches(name))) {
            cookie_text::each_deletion(name, &host, &page_path, |deletion| {
                let _ = self.document.set_cookie(deletion);
            });
        }
    }
}

/// `location.hostname` of `document` (empty if it has none).
pub(crate) fn hostname(document: &web_sys::Document) -> String {
    document
        .location()
        .and_then(|l| l.hostname().ok())
        .unwrap_or_default()
}

/// Whether the browser keeps a cookie written for `domain` (`None`: host-only), for
/// [`Config::check_page`](crate::config::Config::check_page): a probe cookie is written, read
/// back and deleted at once.
pub(crate) fn keeps_probe(document: &web_sys::Document, domain: Option<&str>) -> bool {
    let Some(document) = document.dyn_ref::<HtmlDocument>() else {
        return false;
    };
    let name = cookie_text::PROBE_NAME;
    let _ = document.set_cookie(&cookie_text::decision(name, "1", 1, false, domain));
    let kept = document
        .cookie()
        .is_ok_and(|all| cookie_text::value(&all, name).is_some());
    let _ = document.set_cookie(&cookie_text::decision_deleted(name, domain));
    kept
}
