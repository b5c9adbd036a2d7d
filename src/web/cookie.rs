//! The first-party cookie that stores the decision. Every failure (cookies disabled, a sandboxed
//! document that throws) reads as "nothing stored", which the core treats as no decision.

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
        all.split(';').find_map(|pair| {
            let (name, value) = pair.trim_start().split_once('=')?;
            (name == self.name).then(|| value.to_owned())
        })
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
        let max_age = u64::from(max_age_days) * crate::time::SECONDS_PER_DAY;
        let mut cookie = [self.name.as_str(), "=", value, "; Path=/; Max-Age="].concat();
        crate::text::push_decimal(&mut cookie, max_age);
        cookie.push_str("; SameSite=Lax");
        if secure {
            cookie.push_str("; Secure");
        }
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
            .set_cookie(&[&self.name, "=; Path=/; Max-Age=0; SameSite=Lax"].concat());
    }

    /// Deletes every readable cookie that one of `specs` matches, for this host and each parent
    /// domain, at `Path=/` and every ancestor path of this page (`/a/b` → `/a`, `/a/b`).
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
        for name in all
            .split(';')
            .filter_map(|pair| pair.trim_start().split_once('=').map(|(n, _)| n))
            .filter(|name| specs.iter().any(|s| s.matches(name)))
        {
            for path in paths(&page_path) {
                let expire = [name, "=; Path=", path, "; Max-Age=0"].concat();
                let _ = self.document.set_cookie(&expire);
                for domain in parent_domains(&host) {
                    let _ = self
                        .document
                        .set_cookie(&[&expire, "; Domain=", domain].concat());
                }
            }
        }
    }
}

/// `app.kaiten.ru` → `app.kaiten.ru`, `kaiten.ru` (not the bare top-level label).
fn parent_domains(host: &str) -> impl Iterator<Item = &str> {
    let dots = host.match_indices('.').map(|(i, _)| i + 1);
    std::iter::once(0)
        .chain(dots)
        .map(move |start| &host[start..])
        .filter(|d| d.contains('.'))
}

/// `/a/b/c` → `/`, `/a`, `/a/b`, `/a/b/c`: every path a cookie visible here may be set for.
fn paths(page_path: &str) -> impl Iterator<Item = &str> {
    let ends = page_path
        .match_indices('/')
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .chain((page_path.len() > 1).then_some(page_path.len()));
    std::iter::once("/").chain(ends.map(move |end| &page_path[..end]))
}
