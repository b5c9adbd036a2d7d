//! # kaiten-consent
//!
//! Kaiten's privacy notice and per-processor consent widget, in Rust compiled to WebAssembly.
//!
//! The crate is a pure core (config validation, the consent state machine, the stored record,
//! the notice text, what is on screen and the loader's decisions, all host-testable) and a thin
//! web shell (`web`, built only for `wasm32`) that reads the page, feeds actions and time into
//! the core and carries the effects out. A synchronous guard script (`js/guard.js`) holds
//! processor scripts until the wasm has started and asks it from then on ([`loader::Gate`]).
//!
//! ```
//! use kaiten_consent::config::Config;
//! use kaiten_consent::consent::{Action, Consent, Context, Effect};
//! use kaiten_consent::language::Language;
//! use kaiten_consent::proof::Source;
//! use kaiten_consent::record::ConsentId;
//! use kaiten_consent::time::Timestamp;
//!
//! let mut consent = Consent::new(Config::kaiten());
//! let context = Context {
//!     now: Timestamp(1_780_000_000),
//!     fresh_id: ConsentId::new("k7Qz0vX2aB").expect("a valid id"),
//!     language: Language::En,
//!     source: Source::Banner,
//! };
//! // First visit: nothing stored, so the banner shows and nothing loads.
//! assert_eq!(consent.apply(Action::Loaded { stored: None, gpc: false }, &context), [Effect::ShowBanner]);
//! // "Reject all" is stored like a consent and loads nothing.
//! let effects = consent.apply(Action::RejectAll, &context);
//! assert!(!effects.iter().any(|e| matches!(e, Effect::LoadProcessor(_))));
//! // What to store in the cookie is in the effects; the next page hands it back.
//! let Some(Effect::Persist(record)) = effects.first() else { unreachable!() };
//! let mut next_page = Consent::new(Config::kaiten());
//! let stored = Some(record.encode());
//! let effects = next_page.apply(Action::Loaded { stored, gpc: false }, &context);
//! assert_eq!(effects, [Effect::HideBanner, Effect::EmitChange]);
//! ```
//!
//! With the browser's Global Privacy Control signal (`gpc: true`) and no decision stored, the
//! core records a refusal of every consent-based processor for the user instead of asking; a
//! later explicit choice is recorded as that choice.
#![deny(missing_docs, missing_debug_implementations)]
#![warn(unreachable_pub)]

pub mod config;
pub mod consent;
pub mod cookie_text;
pub mod guard_contract;
mod json_text;
pub mod language;
pub mod loader;
pub mod localized;
pub mod notice;
pub mod notice_hash;
pub mod processor;
pub mod proof;
pub mod record;
pub mod snapshot;
mod text;
pub mod time;
pub mod ui_text;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::{
    ChoicesArg, ConfigArg, KaitenConsent, LanguageArg, ListenerArg, SnapshotValue,
    UnsubscribeValue, VoidPromise,
};
