//! What a processor is: a third party (or hosting provider) that receives data from Kaiten,
//! why, what it receives, where, what it stores in the browser and how it loads.

use crate::localized::Localized;
use std::fmt;

/// Property names that reach an object's prototype machinery rather than a property of its own:
/// never a processor id (a web layer that keys a JS object by id would read the prototype
/// instead), nor a name an off-switch walks or an object key it passes.
pub(crate) const PROTOTYPE_NAMES: [&str; 3] = ["__proto__", "prototype", "constructor"];

/// A validated processor identifier: 1–32 characters of `a-z`, `0-9` and `-`, starting with a
/// letter. It is used as a cookie field, a `data-processor` attribute value and an API argument,
/// so it is kept to characters that need no escaping anywhere.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProcessorId(String);

impl ProcessorId {
    /// Checks `raw` and wraps it.
    ///
    /// # Errors
    /// [`InvalidProcessorId`] when `raw` is empty, longer than 32 characters, does not start with
    /// a lowercase letter, contains anything but `a-z`, `0-9` and `-`, or is a name every
    /// JavaScript object already has (`constructor`, `prototype`).
    pub fn new(raw: &str) -> Result<Self, InvalidProcessorId> {
        let mut chars = raw.chars();
        let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if starts_with_letter && rest_ok && raw.len() <= 32 && !PROTOTYPE_NAMES.contains(&raw) {
            Ok(Self(raw.to_owned()))
        } else {
            Err(InvalidProcessorId)
        }
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProcessorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `ProcessorId::new` was given text that is not a valid identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidProcessorId;

impl InvalidProcessorId {
    /// What a valid identifier is, for the config issue.
    pub fn message(self) -> &'static str {
        "expected 1-32 characters of a-z, 0-9 and '-', starting with a letter \
         (and not \"constructor\" or \"prototype\")"
    }
}

impl fmt::Display for InvalidProcessorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// The legal basis on which a processor receives data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Needed to run the service (hosting, storage): disclosed, never toggled.
    Necessary,
    /// Loads only after the user consents to it, and stops when consent is withdrawn.
    Consent,
}

/// A cookie a processor sets, as disclosed to the user and as cleaned up on withdrawal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieSpec {
    /// The cookie's name, or a pattern with one `*` standing for any text (`_ga_*`,
    /// `NPS_*_last_seen`): vendors put account ids into their cookie names.
    pub name: String,
    /// How long the cookie lives, in days (0 = until the browser session ends).
    pub lifetime_days: u32,
}

impl CookieSpec {
    /// Whether a cookie named `name` is this one (exact name, or a match of the `*` pattern).
    pub fn matches(&self, name: &str) -> bool {
        pattern_matches(&self.name, name)
    }
}

/// Whether `name` matches `pattern`: the exact name, or with one `*` standing for any text.
pub fn pattern_matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        Some((prefix, suffix)) => {
            name.len() >= prefix.len() + suffix.len()
                && name.starts_with(prefix)
                && name.ends_with(suffix)
        }
        None => name == pattern,
    }
}

/// A Google Consent Mode v2 key a processor's consent grants (its `consentMode`): the widget
/// signals `granted` for it while some granted processor declares it, `denied` otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ConsentModeKey {
    /// `analytics_storage`
    AnalyticsStorage,
    /// `ad_storage`
    AdStorage,
    /// `ad_user_data`
    AdUserData,
    /// `ad_personalization`
    AdPersonalization,
    /// `functionality_storage`
    FunctionalityStorage,
    /// `personalization_storage`
    PersonalizationStorage,
}

impl ConsentModeKey {
    /// Every key Google documents for Consent Mode v2, in the order the widget signals them (the
    /// guard denies all of them by default: it runs before any config is known).
    pub const ALL: [Self; 6] = [
        Self::AnalyticsStorage,
        Self::AdStorage,
        Self::AdUserData,
        Self::AdPersonalization,
        Self::FunctionalityStorage,
        Self::PersonalizationStorage,
    ];

    /// The key as `gtag('consent', …)` and the config spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::AnalyticsStorage => "analytics_storage",
            Self::AdStorage => "ad_storage",
            Self::AdUserData => "ad_user_data",
            Self::AdPersonalization => "ad_personalization",
            Self::FunctionalityStorage => "functionality_storage",
            Self::PersonalizationStorage => "personalization_storage",
        }
    }
}

/// A set of [`ConsentModeKey`]s: what a processor's consent grants, or what a whole config
/// declares. A set rather than a list: order and repetition mean nothing to Consent Mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConsentModeKeys(u8);

impl ConsentModeKeys {
    /// No key.
    pub const NONE: Self = Self(0);

    /// This set and `key`.
    pub const fn with(self, key: ConsentModeKey) -> Self {
        Self(self.0 | 1 << key as u8)
    }

    /// Every key in this set or `other`.
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether `key` is in the set.
    pub const fn contains(self, key: ConsentModeKey) -> bool {
        self.0 & 1 << key as u8 != 0
    }

    /// Whether the set has no key.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The keys, in [`ConsentModeKey::ALL`]'s order.
    pub fn iter(self) -> impl Iterator<Item = ConsentModeKey> {
        ConsentModeKey::ALL
            .into_iter()
            .filter(move |key| self.contains(*key))
    }
}

/// A global flag's name around its `{id}` placeholder, which stands for the `id` query parameter
/// of the processor's script URL (`ga-disable-{id}` with `…/gtag/js?id=G-XXXX` is
/// `ga-disable-G-XXXX`): the text before and after it, or `None` when it has none.
pub fn split_at_id_placeholder(flag: &str) -> Option<(&str, &str)> {
    // A character search and a prefix check, not a substring search: that would ship a string
    // searcher for this one use.
    let (before, rest) = flag.split_once('{')?;
    Some((before, rest.strip_prefix("id}")?))
}

/// How a withdrawn processor's code in the page is told to stop, as data: the web layer carries
/// it out without evaluating any text as code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OffSwitch {
    /// Calls the global function at `path` (`["Intercom"]`, `["wootric"]`,
    /// `["Vendor", "widget", "close"]`: read from `window` one property at a time) with `args`,
    /// the object it was read from as `this`. Skipped when there is no such function.
    Call {
        /// JavaScript identifiers, none of them `__proto__`, `prototype` or `constructor`.
        path: Vec<String>,
        /// The arguments, as written in the config.
        args: Vec<Literal>,
    },
    /// Sets `window[flag] = value` (Google's `ga-disable-<measurement id>`). A `{id}` in `flag`
    /// stands for the `id` query parameter of the script URL ([`split_at_id_placeholder`]);
    /// without one there the flag is not set.
    Set {
        /// The property name, with or without the placeholder.
        flag: String,
        /// The value it is set to.
        value: Literal,
    },
}

/// A JSON value an off-switch passes to the page, as config validation leaves it. Not
/// [`crate::config::Value`], the untrusted input it is read from: it has no variant for what no
/// literal is (a function, a symbol), and validation is its only maker outside Kaiten's static
/// table, so it never holds a non-finite number or a `__proto__` key either. The web layer then
/// turns it into a JS value with no failure case, and, numbers being finite, equality is an
/// equivalence and `Eq` holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A finite number.
    Number(f64),
    /// A string.
    String(String),
    /// An array of literals.
    Array(Vec<Literal>),
    /// An object of literals, keys in the order given (none of them `__proto__`).
    Object(Vec<(String, Literal)>),
}

impl Eq for Literal {}

/// How the widget loads a processor once it is consented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptSource {
    /// The script URL (https, same-origin, or http on a loopback host for local development).
    pub src: String,
}

/// How a processor comes to run, as disclosed to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loading {
    /// Part of the service itself (hosting, storage): always in use, nothing extra loads.
    PartOfService,
    /// The widget inserts the processor's script once it is consented, never before.
    WidgetScript,
    /// The host page loads it itself once the widget reports it consented.
    HostPage,
}

/// One processor, as configured and disclosed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Processor {
    /// Stable identifier (`analytics`, `intercom`, …).
    pub id: ProcessorId,
    /// Necessary or consent-based.
    pub basis: Basis,
    /// The company or product name shown to the user ("Intercom").
    pub name: String,
    /// Why Kaiten uses it ("Support chat: …").
    pub purpose: Localized,
    /// What it receives ("Your profile data: …").
    pub data_shared: Localized,
    /// Who receives the data: the legal entity ("Google LLC").
    pub recipient: String,
    /// Where the data is processed ("USA", "European Union").
    pub location: Localized,
    /// The recipient's privacy policy (https, or a same-origin path).
    pub privacy_url: String,
    /// The cookies it sets; deleted on withdrawal.
    pub cookies: Vec<CookieSpec>,
    /// The script the widget inserts after consent; `None` when the host page loads it itself.
    pub script: Option<ScriptSource>,
    /// The Consent Mode keys its consent grants (consent-based processors only).
    pub consent_mode: ConsentModeKeys,
    /// How its code in the page is stopped on withdrawal, if it can be.
    pub off_switch: Option<OffSwitch>,
    /// The `localStorage` keys, or patterns with one `*`, it writes; removed on withdrawal.
    pub local_storage: Vec<String>,
}

impl Processor {
    /// Whether the user is asked about this processor.
    pub fn needs_consent(&self) -> bool {
        self.basis == Basis::Consent
    }

    /// How it loads: necessary processors are part of the service; consent-based ones load
    /// through the widget's script when one is configured, else through the host page.
    pub fn loading(&self) -> Loading {
        match (self.basis, &self.script) {
            (Basis::Necessary, _) => Loading::PartOfService,
            (Basis::Consent, Some(_)) => Loading::WidgetScript,
            (Basis::Consent, None) => Loading::HostPage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookie(name: &str) -> CookieSpec {
        CookieSpec {
            name: name.to_owned(),
            lifetime_days: 1,
        }
    }

    #[test]
    fn cookie_patterns_match_exact_names_prefixes_and_infixes() {
        assert!(cookie("_ga").matches("_ga"));
        assert!(!cookie("_ga").matches("_gat"));
        assert!(cookie("_ga_*").matches("_ga_ABC123"));
        assert!(!cookie("_ga_*").matches("_ga"));
        assert!(cookie("NPS_*_last_seen").matches("NPS_abc_last_seen"));
        assert!(!cookie("NPS_*_last_seen").matches("NPS_abc_surveyed"));
        assert!(
            !cookie("ab*ba").matches("aba"),
            "prefix and suffix may not overlap"
        );
    }

    #[test]
    fn ids_refuse_bad_characters_and_javascript_object_members() {
        for bad in [
            "",
            "Analytics",
            "1st",
            "__proto__",
            "constructor",
            "prototype",
            "a b",
        ] {
            assert!(ProcessorId::new(bad).is_err(), "{bad:?}");
        }
        assert!(ProcessorId::new(&"a".repeat(33)).is_err());
        for ok in ["analytics", "intercom", "a", "ga4-eu", &"a".repeat(32)] {
            assert!(ProcessorId::new(ok).is_ok(), "{ok:?}");
        }
    }
}
