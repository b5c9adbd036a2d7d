//! The proof of consent: the **consent record** sent to the host's `proofUrl` for each decision
//! (GDPR Art. 7(1)), documented for backends by `docs/consent-record.schema.json`, and where a
//! decision was made. [`outbox`] keeps the records the endpoint has not confirmed yet.
//!
//! A record carries no personal data: a random consent id, times, the notice revision and hash,
//! the language, the action, where it was made and the choices. No user agent, IP or URL.

pub mod outbox;

use crate::json_text::{field, push_choices, push_string, push_times};
use crate::record::{DecisionAction, Record};
use crate::text::push_decimal;

/// The version of `record`'s consent record JSON shape (its `schemaVersion`), which says how its
/// `noticeHash` was made: 2 for SHA-256 (64 hex digits), 1 for FNV-1a (8), the stored record's
/// own [`Record::schema`]. Raised only for a change a backend must know about;
/// `docs/consent-record.schema.json` documents each version.
pub fn schema_version(record: &Record) -> u32 {
    record.schema()
}

/// Where a decision was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A button of the first-layer banner.
    Banner,
    /// The preferences dialog (its switches, or its own accept/reject buttons).
    Preferences,
    /// The JS API (`acceptAll`, `rejectAll`, `set`, `withdraw`), including calls the guard
    /// queued before the widget started.
    Api,
    /// Made for the user from the browser's Global Privacy Control signal.
    Gpc,
    /// Read back from the consent cookie, or made in another tab: this page did not see it being
    /// made. (The cookie does not store the source; the consent record sent when it was made
    /// does.)
    Stored,
}

impl Source {
    /// The code in JSON: `banner`, `preferences`, `api`, `gpc`, `stored`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Banner => "banner",
            Self::Preferences => "preferences",
            Self::Api => "api",
            Self::Gpc => "gpc",
            Self::Stored => "stored",
        }
    }

    /// The source of a record made in this page on an input from `input`: a record the core made
    /// from Global Privacy Control is [`Source::Gpc`] whatever the input was (a revision change
    /// or an expiry can lead to one).
    pub fn of(record: &Record, input: Source) -> Source {
        if record.action == DecisionAction::Gpc {
            Self::Gpc
        } else {
            input
        }
    }
}

/// The consent record for `record`, made through `source`, as one line of JSON:
///
/// ```json
/// {"schemaVersion":2,"id":"…","decidedAt":"2026-05-28T20:26:40Z","expiresAt":"…","revision":1,
///  "noticeHash":"…64 hex digits…","language":"en","action":"accept_all","source":"banner",
///  "choices":{"analytics":true,"intercom":false}}
/// ```
pub fn record_json(record: &Record, source: Source) -> String {
    let mut out = String::with_capacity(384);
    out.push_str("{\"schemaVersion\":");
    push_decimal(&mut out, schema_version(record).into());
    field(&mut out, "id");
    push_string(&mut out, record.id.as_str());
    push_times(&mut out, record);
    field(&mut out, "revision");
    push_decimal(&mut out, record.revision.into());
    field(&mut out, "noticeHash");
    out.push('"');
    record.notice_hash.push_hex(&mut out);
    out.push('"');
    field(&mut out, "language");
    push_string(&mut out, &record.language);
    field(&mut out, "action");
    push_string(&mut out, record.action.code());
    field(&mut out, "source");
    push_string(&mut out, source.code());
    push_choices(
        &mut out,
        record.choices.iter().map(|(id, on)| (id.as_str(), *on)),
    );
    out.push('}');
    out
}
