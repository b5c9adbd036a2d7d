//! `cookieDomain`: the domain the decision cookie is shared across (see [`CookieDomain`]).

use super::issues::{At, Issues};
use super::{ConfigError, Value};
use crate::text::quoted;

/// A `cookieDomain` that passed [`Config::parse`](super::Config::parse): the decision cookie's
/// `Domain`, so that one decision holds on every subdomain of a product (`app.…`, `www.…`, one
/// per company account).
///
/// Checked twice. The parse checks the text alone: a lowercase DNS name of two labels or more,
/// written as `location.hostname` shows it (no leading or trailing dot, no port, not an IP
/// address). Nothing is normalised: a config that says `.Kaiten.ru` is refused with the form
/// expected, so a reader of the config sees the very domain the cookie gets. [`CookieDomain::check`]
/// then checks it against the page at start: the page's host must be the domain or a subdomain
/// of it, and the browser must keep a cookie for it. That last part is how a public suffix
/// (`co.uk`, `github.io`) is refused without shipping the Public Suffix List: the browser knows
/// the list and refuses such a cookie, so the web layer writes a probe cookie and reads it back.
/// On `localhost` or an IP address no `cookieDomain` fits the host, so a development config
/// leaves it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieDomain(String);

/// Where `cookieDomain` sits in the config.
const AT: At<'static> = At("", "cookieDomain");

/// Checks the text of `cookieDomain`; `None` (with an issue) when it cannot be a cookie's domain.
pub(super) fn parse(value: &Value, issues: &mut Issues) -> Option<CookieDomain> {
    let domain = issues.string(AT, value)?;
    if is_dns_name(domain) && domain.contains('.') && !ends_in_number(domain) {
        return Some(CookieDomain(domain.to_owned()));
    }
    issues.add(
        AT,
        [
            "expected a lowercase domain name of two labels or more as location.hostname shows \
             it, such as \"example.com\" (no leading or trailing dot, no port, not an IP \
             address), got ",
            &quoted(domain),
        ]
        .concat(),
    );
    None
}

impl CookieDomain {
    /// The domain, as the cookie's `Domain` attribute gets it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks the domain against the page at start: `hostname` (`location.hostname`) must be the
    /// domain or a subdomain of it, at a label boundary (`ample.com` is no parent of
    /// `example.com`). Then `keeps_probe(Some(domain))` must say the browser keeps a cookie
    /// written with this `Domain`; when it does not, but `keeps_probe(None)` says it keeps a
    /// host-only one, the domain is a public suffix. A browser that keeps no cookie at all is no
    /// config issue: the decision then holds for the page only, as without `cookieDomain`.
    ///
    /// # Errors
    /// [`ConfigError`] with the one issue at `cookieDomain`.
    pub fn check(
        &self,
        hostname: &str,
        mut keeps_probe: impl FnMut(Option<&str>) -> bool,
    ) -> Result<(), ConfigError> {
        let mut issues = Issues::default();
        let domain = quoted(&self.0);
        if !is_host_or_parent(&self.0, hostname) {
            issues.add(
                AT,
                [
                    &domain,
                    " is not the page's host ",
                    &quoted(hostname),
                    " nor a parent of it",
                ]
                .concat(),
            );
        } else if !keeps_probe(Some(&self.0)) && keeps_probe(None) {
            issues.add(
                AT,
                [
                    &domain,
                    " is a public suffix: the browser refuses cookies for it",
                ]
                .concat(),
            );
        }
        issues.result(())
    }
}

/// Labels of 1–63 of `a-z 0-9 -`, not starting or ending with `-`, joined by single dots;
/// at most 253 characters.
fn is_dns_name(text: &str) -> bool {
    text.len() <= 253
        && text.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// Whether the last label is all digits: an IPv4 address, as the URL standard reads a host;
/// no top-level domain is.
fn ends_in_number(name: &str) -> bool {
    name.bytes()
        .rev()
        .take_while(|&b| b != b'.')
        .all(|b| b.is_ascii_digit())
}

/// Whether `host` is `domain` or ends with `.domain`.
fn is_host_or_parent(domain: &str, host: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}
