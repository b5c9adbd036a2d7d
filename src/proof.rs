//! What the widget tells the outside world about the decision, as JSON text written by hand (no
//! serde_json in the shipped wasm):
//!
//! - the **consent record** sent to the host's `proofUrl` as proof of consent (GDPR Art. 7(1)),
//!   documented for backends by `docs/consent-record.schema.json`;
//! - the **snapshot** the JS API returns from `state()` and carries in every change event;
//! - the **outbox**: records not yet confirmed by the endpoint, kept in `localStorage` and sent
//!   again, with the same id, on the next load.
//!
//! None of it carries personal data: a random consent id, times, the notice revision and hash,
//! the language, the action, where it was made and the choices. No user agent, IP or URL.

use crate::consent::Consent;
use crate::language::Language;
use crate::notice_hash::NoticeHash;
use crate::record::{DecisionAction, Record};
use crate::text::{push_decimal, push_decimal_padded};
use crate::time::{Timestamp, SECONDS_PER_DAY};

/// The version of `record`'s consent record JSON shape (its `schemaVersion`), which says how its
/// `noticeHash` was made: 2 for SHA-256 (64 hex digits), 1 for FNV-1a (8). Raised only for a change
/// a backend must know about; `docs/consent-record.schema.json` documents each version.
pub fn schema_version(record: &Record) -> u32 {
    match record.notice_hash {
        NoticeHash::Sha256(_) => 2,
        NoticeHash::Fnv1a(_) => 1,
    }
}

/// Most records the outbox keeps; the oldest go first past this (a backend down for weeks must
/// not fill the user's storage).
pub const OUTBOX_MAX: usize = 20;

/// Longest outbox line accepted back from storage: anything longer was not written by us.
const OUTBOX_LINE_MAX: usize = 2048;

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

/// The snapshot of `consent` that `state()` returns, as JSON:
///
/// ```json
/// {"decided":true,"action":"custom","source":"preferences","consentId":"…",
///  "decidedAt":"…","expiresAt":"…","revision":1,"language":"en","gpc":false,
///  "choices":{"analytics":false,"intercom":true,"wootric":false}}
/// ```
///
/// `choices` has every consent-based processor of the config, in config order, with whether it is
/// granted now (all `false` while undecided); necessary processors are not asked, so not listed.
/// `source` is `null` while undecided. `language` is the UI's, which may differ from the one a
/// stored decision was made in.
pub fn snapshot_json(consent: &Consent, source: Option<Source>, language: Language) -> String {
    let decision = consent.decision();
    let mut out = String::with_capacity(320);
    out.push_str("{\"decided\":");
    out.push_str(if decision.is_some() { "true" } else { "false" });
    field(&mut out, "action");
    push_optional(&mut out, decision.map(|d| d.action.code()));
    field(&mut out, "source");
    push_optional(&mut out, decision.and(source).map(Source::code));
    field(&mut out, "consentId");
    push_optional(&mut out, decision.map(|d| d.id.as_str()));
    match decision {
        Some(record) => push_times(&mut out, record),
        None => out.push_str(",\"decidedAt\":null,\"expiresAt\":null"),
    }
    field(&mut out, "revision");
    push_decimal(&mut out, consent.config().revision().into());
    field(&mut out, "language");
    push_string(&mut out, language.tag());
    field(&mut out, "gpc");
    out.push_str(if consent.gpc() { "true" } else { "false" });
    push_choices(
        &mut out,
        consent
            .config()
            .consent_processors()
            .map(|p| (p.id.as_str(), consent.is_granted(&p.id))),
    );
    out.push('}');
    out
}

/// `timestamp` as an ISO 8601 UTC date-time with seconds: `2026-05-28T20:26:40Z`.
pub fn iso8601(timestamp: Timestamp) -> String {
    let days = timestamp.0 / SECONDS_PER_DAY;
    let seconds = timestamp.0 % SECONDS_PER_DAY;
    let (year, month, day) = civil_from_days(days);
    let mut out = String::with_capacity(20);
    push_decimal_padded(&mut out, year, 4);
    out.push('-');
    push_decimal_padded(&mut out, month, 2);
    out.push('-');
    push_decimal_padded(&mut out, day, 2);
    out.push('T');
    push_decimal_padded(&mut out, seconds / 3600, 2);
    out.push(':');
    push_decimal_padded(&mut out, seconds / 60 % 60, 2);
    out.push(':');
    push_decimal_padded(&mut out, seconds % 60, 2);
    out.push('Z');
    out
}

/// Year, month (1–12) and day (1–31) of `days` since 1970-01-01, in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`, for non-negative days).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// The outbox's records, in the order they were added, from its stored text (one record a line).
/// Lines that are not a record this module wrote (wrong start, too long) are skipped.
pub fn outbox_items(stored: &str) -> impl Iterator<Item = &str> {
    stored
        .split('\n')
        .filter(|line| line.len() <= OUTBOX_LINE_MAX && line.starts_with("{\"schemaVersion\":"))
}

/// The outbox's text with `record` added at the end (once: a record already in it stays where it
/// is), keeping the newest [`OUTBOX_MAX`].
pub fn outbox_add(stored: &str, record: &str) -> String {
    let mut items: Vec<&str> = outbox_items(stored).filter(|r| *r != record).collect();
    items.push(record);
    let skip = items.len().saturating_sub(OUTBOX_MAX);
    items[skip..].join("\n")
}

/// The outbox's text without `record` (the endpoint confirmed it).
pub fn outbox_remove(stored: &str, record: &str) -> String {
    outbox_items(stored)
        .filter(|r| *r != record)
        .collect::<Vec<_>>()
        .join("\n")
}

fn field(out: &mut String, name: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
}

fn push_times(out: &mut String, record: &Record) {
    field(out, "decidedAt");
    push_string(out, &iso8601(record.decided_at));
    field(out, "expiresAt");
    push_string(out, &iso8601(record.expires_at));
}

fn push_choices<'a>(out: &mut String, choices: impl Iterator<Item = (&'a str, bool)>) {
    field(out, "choices");
    out.push('{');
    for (i, (id, on)) in choices.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(out, id);
        out.push(':');
        out.push_str(if on { "true" } else { "false" });
    }
    out.push('}');
}

fn push_optional(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => push_string(out, text),
        None => out.push_str("null"),
    }
}

/// `text` as a JSON string. Every string written here is ASCII letters, digits, `_`, `-`, `:`;
/// anything else is escaped all the same, so the output is JSON whatever comes in.
fn push_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
