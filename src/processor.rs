//! What a processor is: a third party (or hosting provider) that receives data from Kaiten,
//! why, what it receives, what it stores in the browser and how its script loads.

use std::fmt;

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
    /// a lowercase letter or contains anything but `a-z`, `0-9` and `-`.
    pub fn new(raw: &str) -> Result<Self, InvalidProcessorId> {
        let mut chars = raw.chars();
        let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if starts_with_letter && rest_ok && raw.len() <= 32 {
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

impl fmt::Display for InvalidProcessorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected 1-32 characters of a-z, 0-9 and '-', starting with a letter")
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
    /// The cookie's name, or a prefix when it ends in `*` (e.g. `_ga_*`).
    pub name: String,
    /// How long the cookie lives, in days (0 = until the browser session ends).
    pub lifetime_days: u32,
}

impl CookieSpec {
    /// Whether a cookie named `name` is this one (exact name, or prefix for `*` patterns).
    pub fn matches(&self, name: &str) -> bool {
        match self.name.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == self.name,
        }
    }
}

/// How the widget loads a processor once it is consented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptSource {
    /// The script URL (https, same-origin, or http on a loopback host for local development).
    pub src: String,
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
    /// The cookies it sets; deleted on withdrawal.
    pub cookies: Vec<CookieSpec>,
    /// The script the widget inserts after consent; `None` when the host page loads it itself.
    pub script: Option<ScriptSource>,
}

impl Processor {
    /// Whether the user is asked about this processor.
    pub fn needs_consent(&self) -> bool {
        self.basis == Basis::Consent
    }
}
