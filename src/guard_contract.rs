//! What the synchronous guard (`js/guard.js`) and the wasm agree on: the global the guard
//! defines and its members, the API calls it queues, the attributes of held scripts and inert
//! tags, the URL its Trusted Types policy gives a held script, and the Google Consent Mode keys
//! it denies by default (every [`crate::processor::ConsentModeKey`], as a processor's
//! `consentMode` may name any of them). Defined once here for the Rust side; the guard
//! ships as written (plain JS, inlined by hash in some pages), so `tests/guard_contract.rs` reads
//! it and fails when its copy of any of these drifts.
//!
//! The attributes and the held-URL prefix the loader's selector names are also macros, because
//! that selector is a `concat!` of them: one literal, no formatting at run time.

/// The global the guard defines, holding [`HOSTS`], [`QUEUE`] and [`CONNECT`].
pub const GLOBAL: &str = "__kaitenConsentGuard";
/// The guard's member listing the hosts of its `data-hosts`.
pub const HOSTS: &str = "hosts";
/// The guard's member holding the calls queued before the widget started: `[method, argument,
/// resolve?]` each, `method` one of [`queued`].
pub const QUEUE: &str = "q";
/// The guard's member the widget calls with `(decide, revive)` to connect, and with nulls to
/// disconnect.
pub const CONNECT: &str = "connect";

/// The literal of [`HELD_URL_PREFIX`], for `concat!`.
macro_rules! held_url_prefix {
    () => {
        "https://[kc-held]/#"
    };
}
/// The literal of [`HELD`], for `concat!`.
macro_rules! held_attribute {
    () => {
        "data-kc-held"
    };
}
/// The literal of [`PROCESSOR`], for `concat!`.
macro_rules! processor_attribute {
    () => {
        "data-processor"
    };
}
/// Only the web layer's selectors need the literals.
#[cfg(target_arch = "wasm32")]
pub(crate) use {held_attribute, held_url_prefix, processor_attribute};

/// How the guard's Trusted Types default policy rewrites the URL of a script it holds: this
/// prefix, then the original absolute URL as `encodeURIComponent` writes it. The prefix is not a
/// valid URL (`[kc-held]` is no IPv6 address), so the browser gives up on such a script before
/// fetching it or checking it against the CSP.
pub const HELD_URL_PREFIX: &str = held_url_prefix!();
/// The attribute the guard sets on a script it holds (whose `type` it made `text/plain`).
pub const HELD: &str = held_attribute!();
/// The attribute naming the processor of an inert tag (and of a script the widget inserts): the
/// guard watches tags that carry it, the widget revives them.
pub const PROCESSOR: &str = processor_attribute!();
/// The attribute keeping a held script's own `type`, given back on revival.
pub const KEPT_TYPE: &str = "data-kc-type";

/// The API calls the guard's stub `window.kaitenConsent` queues until the widget starts, by the
/// method name it queues each under (the widget matches on these names as they come).
pub mod queued {
    /// `acceptAll()`
    pub const ACCEPT_ALL: &str = "acceptAll";
    /// `rejectAll()`
    pub const REJECT_ALL: &str = "rejectAll";
    /// `set(choices)`
    pub const SET: &str = "set";
    /// `withdraw(id)`
    pub const WITHDRAW: &str = "withdraw";
    /// `whenGranted(id)`, queued with the resolve function of the promise it returned.
    pub const WHEN_GRANTED: &str = "whenGranted";
    /// Every one of them.
    pub const ALL: [&str; 5] = [ACCEPT_ALL, REJECT_ALL, SET, WITHDRAW, WHEN_GRANTED];
}
