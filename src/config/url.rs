//! Which URLs the widget will load a script from or link to.

use crate::text::{parse_decimal, split_at_last};
use std::fmt;

/// Why a URL was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// A script URL that is not `https://host/…`, not a same-origin path, not `http://` on a
    /// loopback host.
    NotHttpsOrSameOrigin,
    /// A link that is not `https://host/…` and not a same-origin path.
    LinkNotHttpsOrSameOrigin,
}

impl UrlProblem {
    /// What would have been accepted, for the config issue.
    pub fn message(self) -> &'static str {
        match self {
            UrlProblem::NotHttpsOrSameOrigin => {
                "expected an https:// URL, a same-origin path starting with /, \
                 or http:// on a loopback host (localhost, 127.x.x.x) for development"
            }
            UrlProblem::LinkNotHttpsOrSameOrigin => {
                "expected an https:// URL or a same-origin path starting with /"
            }
        }
    }
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// Checks a script URL from the config: `https://host/…`, a same-origin path (`/…`, not `//…`),
/// or `http://` on a loopback host, so a local demo can stand in for third parties.
/// `javascript:`, `data:` and every other scheme are refused.
///
/// # Errors
/// [`UrlProblem`] saying what would have been accepted.
pub fn check_script_url(url: &str) -> Result<(), UrlProblem> {
    let ok = is_https_or_same_origin(url)
        || url
            .strip_prefix("http://")
            .and_then(host_of)
            .is_some_and(|host| has_no_blanks(url) && is_loopback_host(host));
    if ok {
        Ok(())
    } else {
        Err(UrlProblem::NotHttpsOrSameOrigin)
    }
}

/// Checks a link shown to the user (a privacy policy): `https://host/…` or a same-origin path.
/// Unlike script URLs there is no loopback exception: a link in the notice is read by people on
/// other machines, for whom `localhost` means something else.
///
/// # Errors
/// [`UrlProblem::LinkNotHttpsOrSameOrigin`].
pub fn check_link(url: &str) -> Result<(), UrlProblem> {
    if is_https_or_same_origin(url) {
        Ok(())
    } else {
        Err(UrlProblem::LinkNotHttpsOrSameOrigin)
    }
}

/// `https://host/…` or `/path` (not `//host` or `/\host`, which browsers read as another host).
fn is_https_or_same_origin(url: &str) -> bool {
    has_no_blanks(url)
        && if let Some(rest) = url.strip_prefix("https://") {
            host_of(rest).is_some_and(|h| !h.is_empty())
        } else {
            url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\")
        }
}

fn has_no_blanks(url: &str) -> bool {
    !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The host (without port) of the part of a URL after `scheme://`; `None` with credentials.
fn host_of(after_scheme: &str) -> Option<&str> {
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    if authority.contains('@') || authority.contains('\\') {
        return None;
    }
    Some(match split_at_last(authority, b':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) && !host.ends_with(':') => {
            host
        }
        _ => authority,
    })
}

fn is_loopback_host(host: &str) -> bool {
    host == "localhost"
        || host == "[::1]"
        || host
            .strip_prefix("127.")
            .is_some_and(|rest| rest.split('.').count() == 3 && rest.split('.').all(is_octet))
}

/// One to three decimal digits up to 255 (no sign, which `u8`'s parser would take).
fn is_octet(part: &str) -> bool {
    (1..=3).contains(&part.len()) && parse_decimal(part).is_some_and(|n| n <= 255)
}

#[cfg(test)]
mod tests {
    use super::{check_link, check_script_url};

    #[test]
    fn links_are_https_or_same_origin_without_the_loopback_exception() {
        for ok in ["https://policies.google.com/privacy", "/privacy#processors"] {
            assert_eq!(check_link(ok), Ok(()), "{ok}");
        }
        for bad in [
            "http://localhost/privacy",
            "http://example.com/privacy",
            "javascript:alert(1)",
            "data:text/html,hi",
            "//evil.example/privacy",
            "mailto:personaldata@kaiten.io",
            "https://user@evil.example/",
            "",
        ] {
            assert!(check_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn accepts_https_same_origin_and_loopback_http() {
        for ok in [
            "https://widget.intercom.io/widget/abc",
            "/vendor/analytics.js",
            "http://127.0.0.2:8081/intercom.js",
            "http://127.255.0.1/x.js",
            "http://localhost/x.js",
        ] {
            assert_eq!(check_script_url(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_other_schemes_and_tricks() {
        for bad in [
            "javascript:alert(1)",
            "data:text/javascript,alert(1)",
            "http://example.com/x.js",
            "//evil.example/x.js",
            "/\\evil.example/x.js",
            "https://",
            "http://127.0.0.1@evil.example/x.js",
            "http://127.0.0.1.evil.example/x.js",
            "http://127.0.0.256/x.js",
            "http://127.+0.0.1/x.js",
            "http://127.0..1/x.js",
            "https://a.example/x y.js",
            "ftp://a.example/x.js",
            "",
        ] {
            assert!(check_script_url(bad).is_err(), "{bad}");
        }
    }
}
