//! The text of cookies as `document.cookie` reads and writes it: finding one cookie among all,
//! writing the decision cookie (host-only, or for the config's `cookieDomain`), and the writes that
//! expire a processor's cookie wherever a page here could have set it. Pure string work, so that it is tested on the host; the web layer's
//! cookie jar only reads and assigns `document.cookie`.

use crate::time::SECONDS_PER_DAY;

/// The cookie the web layer writes, reads back and deletes to learn whether the browser keeps a
/// cookie for the config's `cookieDomain` (it refuses one for a public suffix). The `.` keeps it
/// apart from every decision cookie: `cookieName` allows no `.`.
pub const PROBE_NAME: &str = "kaiten-consent.probe";

/// The value of cookie `name` in `all` (what `document.cookie` reads), if it is there; the first
/// one when there are several.
pub fn value<'a>(all: &'a str, name: &str) -> Option<&'a str> {
    pairs(all).find_map(|(found, value)| (found == name).then_some(value))
}

/// Whether `all` holds cookie `name` more than once: a host-only one and one for a parent domain,
/// which `document.cookie` does not tell apart.
pub fn is_repeated(all: &str, name: &str) -> bool {
    pairs(all)
        .filter(|&(found, _)| found == name)
        .nth(1)
        .is_some()
}

/// The name of every cookie in `all` (what `document.cookie` reads), in order.
pub fn names(all: &str) -> impl Iterator<Item = &str> {
    pairs(all).map(|(name, _)| name)
}

/// Each cookie in `all` as `(name, value)`, in order.
fn pairs(all: &str) -> impl Iterator<Item = (&str, &str)> {
    all.split(';')
        .filter_map(|pair| pair.trim_start().split_once('='))
}

/// The write that stores `value` as cookie `name` for `max_age_days`, site-wide (`Path=/`),
/// `SameSite=Lax`, `Secure` when the page is on https, and for `domain` and its subdomains when
/// given (else host-only).
pub fn decision(
    name: &str,
    value: &str,
    max_age_days: u32,
    secure: bool,
    domain: Option<&str>,
) -> String {
    let mut cookie = [name, "=", value, "; Path=/; Max-Age="].concat();
    crate::text::push_decimal(&mut cookie, u64::from(max_age_days) * SECONDS_PER_DAY);
    cookie.push_str("; SameSite=Lax");
    push_domain(&mut cookie, domain);
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// The write that deletes the decision cookie `name` of `domain` (`None`: the host-only one),
/// written as [`decision`] writes it. A browser deletes only the cookie of the same domain: the
/// host-only one and one for a parent domain are two cookies.
pub fn decision_deleted(name: &str, domain: Option<&str>) -> String {
    let mut cookie = [name, "=; Path=/; Max-Age=0; SameSite=Lax"].concat();
    push_domain(&mut cookie, domain);
    cookie
}

fn push_domain(cookie: &mut String, domain: Option<&str>) {
    if let Some(domain) = domain {
        cookie.push_str("; Domain=");
        cookie.push_str(domain);
    }
}

/// Gives `write` each write that deletes cookie `name` wherever a page at `host` and `page_path`
/// may have set it: at `Path=/` and every ancestor path of the page, host-only and for this host
/// and each parent domain (not the bare top-level label).
pub fn each_deletion(name: &str, host: &str, page_path: &str, mut write: impl FnMut(&str)) {
    for path in paths(page_path) {
        let expire = [name, "=; Path=", path, "; Max-Age=0"].concat();
        write(&expire);
        for domain in parent_domains(host) {
            write(&[&expire, "; Domain=", domain].concat());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn deletions(name: &str, host: &str, page_path: &str) -> Vec<String> {
        let mut writes = Vec::new();
        each_deletion(name, host, page_path, |write| writes.push(write.to_owned()));
        writes
    }

    #[test]
    fn finds_one_cookie_among_all_by_its_exact_name() {
        let all = "_ga=GA1.1; kaiten_consent=2.abc; kaiten_consent_x=no; empty=";
        assert_eq!(value(all, "kaiten_consent"), Some("2.abc"));
        assert_eq!(value(all, "empty"), Some(""));
        assert_eq!(value(all, "kaiten"), None);
        assert_eq!(value("", "kaiten_consent"), None);
        assert!(!is_repeated(all, "kaiten_consent"));
        assert!(!is_repeated(all, "kaiten"));
        assert_eq!(
            names(all).collect::<Vec<_>>(),
            ["_ga", "kaiten_consent", "kaiten_consent_x", "empty"]
        );
    }

    #[test]
    fn a_host_only_and_a_domain_cookie_of_one_name_read_as_repeated_first_one_first() {
        let all = "kaiten_consent=host; _ga=x; kaiten_consent=shared";
        assert!(is_repeated(all, "kaiten_consent"));
        assert_eq!(value(all, "kaiten_consent"), Some("host"));
    }

    #[test]
    fn writes_the_decision_cookie_site_wide_lax_and_secure_on_https() {
        assert_eq!(
            decision("kaiten_consent", "v", 182, false, None),
            "kaiten_consent=v; Path=/; Max-Age=15724800; SameSite=Lax"
        );
        assert!(decision("kaiten_consent", "v", 1, true, None)
            .ends_with("; Max-Age=86400; SameSite=Lax; Secure"));
        assert_eq!(
            decision_deleted("kaiten_consent", None),
            "kaiten_consent=; Path=/; Max-Age=0; SameSite=Lax"
        );
    }

    #[test]
    fn writes_and_deletes_the_decision_cookie_for_the_cookie_domain() {
        assert_eq!(
            decision("kaiten_consent", "v", 1, true, Some("kaiten.ru")),
            "kaiten_consent=v; Path=/; Max-Age=86400; SameSite=Lax; Domain=kaiten.ru; Secure"
        );
        assert_eq!(
            decision_deleted("kaiten_consent", Some("kaiten.ru")),
            "kaiten_consent=; Path=/; Max-Age=0; SameSite=Lax; Domain=kaiten.ru"
        );
    }

    #[test]
    fn deletes_a_processor_cookie_on_every_ancestor_path_and_parent_domain() {
        let writes = deletions("_ga", "app.kaiten.ru", "/space/board");
        let expected: Vec<String> = ["/", "/space", "/space/board"]
            .iter()
            .flat_map(|path| {
                let base = format!("_ga=; Path={path}; Max-Age=0");
                [
                    base.clone(),
                    format!("{base}; Domain=app.kaiten.ru"),
                    format!("{base}; Domain=kaiten.ru"),
                ]
            })
            .collect();
        assert_eq!(writes, expected);
    }

    #[test]
    fn a_bare_host_and_the_root_path_give_one_host_only_deletion() {
        assert_eq!(deletions("x", "localhost", "/"), ["x=; Path=/; Max-Age=0"]);
        assert_eq!(
            deletions("x", "127.0.0.1", "/"),
            [
                "x=; Path=/; Max-Age=0",
                "x=; Path=/; Max-Age=0; Domain=127.0.0.1",
                "x=; Path=/; Max-Age=0; Domain=0.0.1",
                "x=; Path=/; Max-Age=0; Domain=0.1",
            ],
            "an IP address is split like a name: the browser refuses the Domain writes, harmlessly"
        );
        assert_eq!(paths("/a/").collect::<Vec<_>>(), ["/", "/a", "/a/"]);
    }
}
