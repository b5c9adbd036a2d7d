//! Which scripts to hold, insert, revive, switch off or clean up, and what Google Consent Mode is
//! told: the loader's decisions as plain data, taken from the processors' entries (never from
//! their ids). The web layer (and the synchronous guard, through it) asks; nothing here touches
//! the page.
//!
//! A URL belongs to a processor when it names that processor's configured script: same host,
//! path and query, else same host and path (the query may differ; when several processors share
//! them, the first in config order). Else it belongs to the processor on whose host it is,
//! the first in config order when several share that host (fail closed: held until that one is
//! granted). A same-origin script path (`/vendor/x.js`) claims only that path.

use crate::config::Config;
use crate::guard_contract::HELD_URL_PREFIX;
use crate::language::Language;
use crate::processor::{
    pattern_matches, split_at_id_placeholder, ConsentModeKeys, Processor, ProcessorId,
};
use crate::text::split_at_last;
use crate::ui_text::UiText;

/// The `id` query parameter of a script URL (`…/gtag/js?id=G-XXXX` → `G-XXXX`): what an
/// off-switch's `{id}` placeholder stands for.
pub fn script_id(src: &str) -> Option<&str> {
    query_of(src)
        .split('&')
        .find_map(|pair| pair.strip_prefix("id="))
        .filter(|id| !id.is_empty())
}

/// The global flag `processor`'s [`crate::processor::OffSwitch::Set`] names, its placeholder filled in from the
/// script URL; `None` when the flag needs an id and the processor has no script URL with one (a
/// flag named after no account would switch nothing off).
pub fn flag_name(flag: &str, processor: &Processor) -> Option<String> {
    let Some((before, after)) = split_at_id_placeholder(flag) else {
        return Some(flag.to_owned());
    };
    let id = script_id(&processor.script.as_ref()?.src)?;
    Some([before, id, after].concat())
}

/// The original URL of a script `src` the guard's Trusted Types policy made inert
/// ([`HELD_URL_PREFIX`]), or `None`
/// when `src` is not such a URL (or its encoding is broken).
///
/// ```
/// use kaiten_consent::loader::held_original;
/// let src = "https://[kc-held]/#https%3A%2F%2Fwidget.intercom.io%2Fwidget%2Fapp1%3Fa%3D%C3%A9";
/// assert_eq!(held_original(src).as_deref(), Some("https://widget.intercom.io/widget/app1?a=é"));
/// assert_eq!(held_original("https://widget.intercom.io/widget/app1"), None);
/// ```
pub fn held_original(src: &str) -> Option<String> {
    let encoded = src.strip_prefix(HELD_URL_PREFIX)?.as_bytes();
    let mut decoded = Vec::with_capacity(encoded.len());
    let mut rest = encoded;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let digit = |i: usize| tail.get(i).and_then(|&b| char::from(b).to_digit(16));
            // Two hex digits make at most 0xFF.
            decoded.push((digit(0)? * 16 + digit(1)?) as u8);
            rest = &tail[2..];
        } else {
            decoded.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(decoded).ok()
}

/// `localStorage` keys among `keys` that `processor` wrote (its `localStorage` patterns), to
/// remove on withdrawal.
pub fn storage_keys_to_remove<'k>(processor: &Processor, keys: &'k [String]) -> Vec<&'k str> {
    keys.iter()
        .map(String::as_str)
        .filter(|key| {
            processor
                .local_storage
                .iter()
                .any(|p| pattern_matches(p, key))
        })
        .collect()
}

/// The query of a URL (after `?`, before `#`); empty without one.
fn query_of(url: &str) -> &str {
    url.split('#')
        .next()
        .and_then(|u| u.split_once('?'))
        .map_or("", |(_, query)| query)
}

/// Host (lowercase, without port or user info) and path of an absolute `http(s)://` URL.
fn host_and_path(url: &str) -> Option<(String, &str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let authority = split_at_last(authority, b'@').map_or(authority, |(_, host)| host);
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => authority.split(':').next()?,
    };
    let tail = &rest[end..];
    let path = tail.split(['?', '#']).next().unwrap_or("");
    Some((
        host.to_ascii_lowercase(),
        if path.is_empty() { "/" } else { path },
    ))
}

/// Google Consent Mode's state under a decision: each `declared` key is `granted` or denied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConsentModeState {
    /// Every key some consent-based processor declares; none: nothing to signal.
    pub declared: ConsentModeKeys,
    /// The keys some granted processor declares.
    pub granted: ConsentModeKeys,
}

/// What the loader knows about one page: the config's scripts, the Consent Mode keys the
/// processors declare, and which processors are granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gate {
    page_host: String,
    /// Per consent processor with a script: id, script host (`None` = same origin), path, query.
    scripts: Vec<(ProcessorId, Option<String>, String, String)>,
    /// Per consent processor that declares Consent Mode keys: id, keys.
    consent_mode: Vec<(ProcessorId, ConsentModeKeys)>,
    granted: Vec<ProcessorId>,
}

impl Gate {
    /// The gate of a page on `page_host` under `config`, with nothing granted.
    pub fn new(config: &Config, page_host: &str) -> Self {
        let scripts = config
            .consent_processors()
            .filter_map(|p| {
                let src = &p.script.as_ref()?.src;
                let query = query_of(src).to_owned();
                Some(match host_and_path(src) {
                    Some((host, path)) => (p.id.clone(), Some(host), path.to_owned(), query),
                    None => {
                        let path = src.split(['?', '#']).next().unwrap_or(src);
                        (p.id.clone(), None, path.to_owned(), query)
                    }
                })
            })
            .collect();
        let consent_mode = config
            .consent_processors()
            .filter(|p| !p.consent_mode.is_empty())
            .map(|p| (p.id.clone(), p.consent_mode))
            .collect();
        Self {
            page_host: page_host.to_ascii_lowercase(),
            scripts,
            consent_mode,
            granted: Vec::new(),
        }
    }

    /// The Consent Mode state to signal now: every key some processor declares, and those a
    /// granted processor declares.
    pub fn consent_mode(&self) -> ConsentModeState {
        let mut state = ConsentModeState::default();
        for (id, keys) in &self.consent_mode {
            state.declared = state.declared.union(*keys);
            if self.is_granted(id) {
                state.granted = state.granted.union(*keys);
            }
        }
        state
    }

    /// Sets which processors are granted now.
    pub fn set_granted(&mut self, granted: Vec<ProcessorId>) {
        self.granted = granted;
    }

    /// Whether `id` is granted now.
    pub fn is_granted(&self, id: &ProcessorId) -> bool {
        self.granted.contains(id)
    }

    /// The processor an absolute script URL belongs to (see the module docs), if any.
    pub fn processor_of(&self, url: &str) -> Option<&ProcessorId> {
        let (host, path) = host_and_path(url)?;
        let query = query_of(url);
        // Rank each script: 3 same host, path and query; 2 same host and path; 1 same host. The
        // first of the best rank wins.
        let mut best: Option<(u8, &ProcessorId)> = None;
        for (id, h, p, q) in &self.scripts {
            let rank = if h.as_deref().unwrap_or(&self.page_host) == host && p == path {
                2 + u8::from(q == query)
            } else {
                u8::from(h.as_deref() == Some(host.as_str()))
            };
            if rank > best.map_or(0, |(r, _)| r) {
                best = Some((rank, id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// Whether a script from `url` must be held now: it belongs to a processor not granted.
    pub fn holds(&self, url: &str) -> bool {
        self.processor_of(url)
            .is_some_and(|id| !self.is_granted(id))
    }

    /// Hosts of configured scripts that the guard does not hold before the widget starts
    /// (`guard_hosts` = its `data-hosts`), so a tag for them could run before a decision.
    pub fn unguarded_hosts<'a>(&'a self, guard_hosts: &[String]) -> Vec<&'a str> {
        let mut hosts: Vec<&str> = Vec::new();
        for (_, host, _, _) in &self.scripts {
            if let Some(host) = host.as_deref() {
                if !guard_hosts.iter().any(|g| g.eq_ignore_ascii_case(host))
                    && !hosts.contains(&host)
                {
                    hosts.push(host);
                }
            }
        }
        hosts
    }
}

/// The text shown in place of an iframe that is blocked until `processor` of `config` is
/// allowed.
pub fn placeholder_text(config: &Config, processor: &Processor, language: Language) -> String {
    let blocked = config.text(language, UiText::BlockedContent);
    [processor.name.as_str(), ": ", blocked].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Value;
    use crate::processor::{ConsentModeKey, OffSwitch};

    fn id(raw: &str) -> ProcessorId {
        ProcessorId::new(raw).expect("a valid test id")
    }

    fn config(scripts: &[(&str, &str)]) -> Config {
        let entries = scripts
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
            .collect();
        let input = Value::Object(vec![("scripts".to_owned(), Value::Object(entries))]);
        Config::parse(&input).expect("a valid test config")
    }

    fn kaiten() -> Gate {
        Gate::new(
            &config(&[
                (
                    "analytics",
                    "https://www.googletagmanager.com/gtag/js?id=G-ABC123",
                ),
                ("intercom", "https://widget.intercom.io/widget/app1"),
                ("wootric", "https://cdn.wootric.com/wootric-sdk.js"),
            ]),
            "kaiten.ru",
        )
    }

    #[test]
    fn urls_map_to_processors_by_path_then_host() {
        let gate = kaiten();
        let of = |url| gate.processor_of(url).map(ProcessorId::as_str);
        assert_eq!(
            of("https://www.googletagmanager.com/gtag/js?id=G-OTHER"),
            Some("analytics")
        );
        assert_eq!(
            of("https://WWW.GoogleTagManager.com:443/gtm.js"),
            Some("analytics")
        );
        assert_eq!(
            of("https://user@widget.intercom.io/anything#x"),
            Some("intercom")
        );
        assert_eq!(of("http://cdn.wootric.com/"), Some("wootric"));
        assert_eq!(of("https://kaiten.ru/app.js"), None);
        assert_eq!(of("https://evil.example/widget.intercom.io/x.js"), None);
        assert_eq!(of("/relative.js"), None, "the guard resolves URLs first");
    }

    #[test]
    fn processors_sharing_a_host_are_told_apart_by_path_and_unknown_paths_are_held() {
        let gate = Gate::new(
            &config(&[
                ("analytics", "http://127.0.0.2:8081/analytics.js"),
                ("intercom", "http://127.0.0.2:8081/intercom.js"),
                ("wootric", "/vendor/wootric.js"),
            ]),
            "127.0.0.1",
        );
        let of = |url| gate.processor_of(url).map(ProcessorId::as_str);
        assert_eq!(
            of("http://127.0.0.2:8081/intercom.js?via=dynamic"),
            Some("intercom")
        );
        assert_eq!(of("http://127.0.0.2:8081/analytics.js"), Some("analytics"));
        assert_eq!(of("http://127.0.0.2:9999/other.js"), Some("analytics"));
        assert_eq!(
            of("http://127.0.0.1:8080/vendor/wootric.js"),
            Some("wootric")
        );
        assert_eq!(
            of("http://127.0.0.1:8080/app.js"),
            None,
            "same origin is not held"
        );
    }

    #[test]
    fn processors_sharing_a_script_path_are_told_apart_by_query() {
        let mut gate = Gate::new(
            &config(&[
                ("analytics", "/vendor/tag.js?id=analytics"),
                ("intercom", "/vendor/tag.js?id=intercom"),
                ("wootric", "https://cdn.example.com/tag.js?id=wootric"),
            ]),
            "kaiten.ru",
        );
        fn of<'g>(gate: &'g Gate, url: &str) -> Option<&'g str> {
            gate.processor_of(url).map(ProcessorId::as_str)
        }
        assert_eq!(
            of(&gate, "https://kaiten.ru/vendor/tag.js?id=intercom#top"),
            Some("intercom")
        );
        assert_eq!(
            of(&gate, "https://kaiten.ru/vendor/tag.js?id=analytics"),
            Some("analytics")
        );
        assert_eq!(
            of(&gate, "https://kaiten.ru/vendor/tag.js?id=other"),
            Some("analytics"),
            "another query: the first processor of that path"
        );
        assert_eq!(
            of(&gate, "https://kaiten.ru/vendor/tag.js"),
            Some("analytics")
        );
        // The widget's own load of a granted processor is not held for another one's sake.
        gate.set_granted(vec![id("intercom")]);
        assert!(!gate.holds("https://kaiten.ru/vendor/tag.js?id=intercom"));
        assert!(gate.holds("https://kaiten.ru/vendor/tag.js?id=analytics"));
    }

    #[test]
    fn only_scripts_of_processors_not_granted_are_held() {
        let mut gate = kaiten();
        let intercom = "https://widget.intercom.io/widget/app1";
        assert!(gate.holds(intercom));
        gate.set_granted(vec![id("intercom")]);
        assert!(!gate.holds(intercom));
        assert!(gate.holds("https://cdn.wootric.com/wootric-sdk.js"));
        assert!(!gate.holds("https://cdn.example.com/lib.js"));
        gate.set_granted(Vec::new());
        assert!(gate.holds(intercom), "withdrawal holds again");
    }

    #[test]
    fn hosts_the_guard_does_not_hold_are_reported() {
        let gate = kaiten();
        let listed = |hosts: &[&str]| hosts.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            gate.unguarded_hosts(&listed(&["www.googletagmanager.com", "CDN.wootric.com"])),
            ["widget.intercom.io"]
        );
        assert!(gate
            .unguarded_hosts(&listed(&[
                "www.googletagmanager.com",
                "widget.intercom.io",
                "cdn.wootric.com"
            ]))
            .is_empty());
    }

    /// A host config with a renamed Google Analytics, Intercom's storage under another id, and
    /// a processor of its own: behaviour follows the entries, never their ids.
    fn host_config() -> Config {
        let entry = |id: &str, extra: &str| {
            format!(
                r#"{{ "id": "{id}", "basis": "consent", "name": "{id}", "purpose": "p",
                     "dataShared": "d", "recipient": "r", "location": "l",
                     "privacyUrl": "https://example.com/privacy"{extra} }}"#
            )
        };
        let list = [
            entry(
                "google-analytics",
                r#", "script": "https://www.googletagmanager.com/gtag/js?id=G-ABC123",
                    "consentMode": ["analytics_storage", "ad_storage"],
                    "offSwitch": { "set": "ga-disable-{id}", "value": true }"#,
            ),
            entry(
                "chat",
                r#", "offSwitch": { "call": "Intercom", "args": ["shutdown"] },
                    "localStorage": ["intercom.intercom-state*", "chat-draft"]"#,
            ),
            entry("ads", r#", "consentMode": ["ad_storage", "ad_user_data"]"#),
            entry("plain", ""),
        ];
        let text = format!(r#"{{ "processors": [{}] }}"#, list.join(","));
        let input: Value = serde_json::from_str(&text).expect("test JSON");
        Config::parse(&input).expect("a valid test config")
    }

    /// A host config whose one processor declares no Consent Mode key.
    fn config_without_consent_mode() -> Config {
        let text = r#"{ "processors": [{ "id": "chat", "basis": "consent", "name": "Chat",
            "purpose": "p", "dataShared": "d", "recipient": "r", "location": "l",
            "privacyUrl": "https://example.com/privacy" }] }"#;
        Config::parse(&serde_json::from_str(text).expect("test JSON")).expect("a valid config")
    }

    #[test]
    fn off_switch_flags_take_the_id_of_the_script_url_and_are_skipped_without_one() {
        assert_eq!(
            script_id("https://www.googletagmanager.com/gtag/js?l=dl&id=G-ABC#x"),
            Some("G-ABC")
        );
        assert_eq!(script_id("https://x.test/gtag/js#?id=G-1"), None);
        assert_eq!(script_id("https://x.test/gtag/js?id="), None);
        let config = host_config();
        let analytics = config
            .processor(&id("google-analytics"))
            .expect("configured");
        assert_eq!(
            flag_name("ga-disable-{id}", analytics).as_deref(),
            Some("ga-disable-G-ABC123")
        );
        assert_eq!(flag_name("optout", analytics).as_deref(), Some("optout"));
        let without_script = config.processor(&id("plain")).expect("configured");
        assert_eq!(flag_name("ga-disable-{id}", without_script), None);
        // Kaiten's analytics flag waits for the host's script URL, as it always did.
        let kaiten = Config::kaiten();
        let ga = kaiten.processor(&id("analytics")).expect("Kaiten's");
        assert_eq!(
            ga.off_switch,
            Some(OffSwitch::Set {
                flag: "ga-disable-{id}".to_owned(),
                value: crate::processor::Literal::Bool(true)
            })
        );
        assert_eq!(flag_name("ga-disable-{id}", ga), None);
    }

    #[test]
    fn storage_keys_to_remove_are_the_processors_own_patterns() {
        let config = host_config();
        let keys = [
            "intercom.intercom-state-app1",
            "chat-draft",
            "chat-draft-2",
            "kaiten-board",
        ]
        .map(str::to_owned);
        let chat = config.processor(&id("chat")).expect("configured");
        assert_eq!(
            storage_keys_to_remove(chat, &keys),
            ["intercom.intercom-state-app1", "chat-draft"]
        );
        let analytics = config
            .processor(&id("google-analytics"))
            .expect("configured");
        assert!(storage_keys_to_remove(analytics, &keys).is_empty());
        let kaiten = Config::kaiten();
        let intercom = kaiten.processor(&id("intercom")).expect("Kaiten's");
        assert_eq!(
            storage_keys_to_remove(intercom, &keys),
            ["intercom.intercom-state-app1"]
        );
    }

    #[test]
    fn consent_mode_grants_a_key_while_any_granted_processor_declares_it() {
        use crate::processor::ConsentModeKey::{AdStorage, AdUserData, AnalyticsStorage};
        let keys = |list: &[ConsentModeKey]| {
            list.iter()
                .fold(ConsentModeKeys::NONE, |keys, key| keys.with(*key))
        };
        let state = |declared, granted| ConsentModeState {
            declared: keys(declared),
            granted: keys(granted),
        };
        let declared = [AnalyticsStorage, AdStorage, AdUserData];
        let mut gate = Gate::new(&host_config(), "kaiten.ru");
        assert_eq!(
            gate.consent_mode(),
            state(&declared, &[]),
            "every declared key, denied until granted"
        );
        gate.set_granted(vec![id("ads"), id("chat")]);
        assert_eq!(
            gate.consent_mode(),
            state(&declared, &[AdStorage, AdUserData])
        );
        gate.set_granted(vec![id("google-analytics")]);
        assert_eq!(
            gate.consent_mode(),
            state(&declared, &[AnalyticsStorage, AdStorage])
        );
        assert_eq!(
            gate.consent_mode().declared.iter().collect::<Vec<_>>(),
            declared,
            "in the documented order"
        );
        let mut kaiten = Gate::new(&Config::kaiten(), "kaiten.ru");
        kaiten.set_granted(vec![id("analytics")]);
        assert_eq!(
            kaiten.consent_mode(),
            state(&[AnalyticsStorage], &[AnalyticsStorage])
        );
        let none = Gate::new(&config_without_consent_mode(), "kaiten.ru");
        assert!(none.consent_mode().declared.is_empty(), "nothing to signal");
    }

    #[test]
    fn texts_exist_in_every_language() {
        let config = Config::kaiten();
        let processor = &config.processors()[3];
        for language in Language::ALL {
            assert!(placeholder_text(&config, processor, language).starts_with("Intercom: "));
        }
    }

    #[test]
    fn held_original_reverses_the_guards_encoding_and_rejects_broken_input() {
        assert_eq!(
            held_original(
                "https://[kc-held]/#https%3A%2F%2Fcdn.wootric.com%2Fsdk.js%3Fv%3D1%26x%3D%2520"
            )
            .as_deref(),
            Some("https://cdn.wootric.com/sdk.js?v=1&x=%20")
        );
        assert_eq!(held_original("https://[kc-held]/#").as_deref(), Some(""));
        assert_eq!(
            held_original("https://[kc-held]/#a%2"),
            None,
            "truncated escape"
        );
        assert_eq!(held_original("https://[kc-held]/#a%+1"), None, "not hex");
        assert_eq!(held_original("https://[kc-held]/#a%1g"), None, "not hex");
        assert_eq!(held_original("https://[kc-held]/#%FF"), None, "not UTF-8");
        assert_eq!(
            held_original("https://kc-held/#https%3A%2F%2Fx"),
            None,
            "another prefix"
        );
    }
}
