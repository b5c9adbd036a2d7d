//! Which URLs the widget will load a script from or link to.

use std::fmt;

/// Why a URL was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not `https://host/…`, not a same-origin path, not `http://` on a loopback host.
    NotHttpsOrSameOrigin,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlProblem::NotHttpsOrSameOrigin => f.write_str(
                "expected an https:// URL, a same-origin path starting with /, \
                 or http:// on a loopback host (localhost, 127.x.x.x) for development",
            ),
        }
    }
}

/// Checks a script URL from the config: `https://host/…`, a same-origin path (`/…`, not `//…`),
/// or `http://` on a loopback host, so a local demo can stand in for third parties.
/// `javascript:`, `data:` and every other scheme are refused.
///
/// # Errors
/// [`UrlProblem`] saying what would have been accepted.
pub fn check_script_url(url: &str) -> Result<(), UrlProblem> {
    let has_no_controls = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    let ok = has_no_controls
        && if let Some(rest) = url.strip_prefix("https://") {
            host_of(rest).is_some_and(|h| !h.is_empty())
        } else if let Some(rest) = url.strip_prefix("http://") {
            host_of(rest).is_some_and(is_loopback_host)
        } else {
            url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\")
        };
    if ok {
        Ok(())
    } else {
        Err(UrlProblem::NotHttpsOrSameOrigin)
    }
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
    Some(match authority.rsplit_once(':') {
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

fn is_octet(part: &str) -> bool {
    !part.is_empty() && part.len() <= 3 && part.parse::<u8>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::check_script_url;

    #[test]
    fn accepts_https_same_origin_and_loopback_http() {
        for ok in [
            "https://widget.intercom.io/widget/abc",
            "/vendor/analytics.js",
            "http://127.0.0.2:8081/intercom.js",
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
            "https://a.example/x y.js",
            "ftp://a.example/x.js",
            "",
        ] {
            assert!(check_script_url(bad).is_err(), "{bad}");
        }
    }
}
