//! The snapshot of the decision in force that the JS API returns from `state()` and carries in
//! every change event, as JSON text written by hand (no serde_json in the shipped wasm).

use crate::consent::Consent;
use crate::json_text::{field, push_choices, push_optional, push_string, push_times};
use crate::language::Language;
use crate::proof::Source;
use crate::text::push_decimal;

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
pub fn snapshot_json(consent: &Consent, language: Language) -> String {
    let decision = consent.decision();
    let mut out = String::with_capacity(320);
    out.push_str("{\"decided\":");
    out.push_str(if decision.is_some() { "true" } else { "false" });
    field(&mut out, "action");
    push_optional(&mut out, decision.map(|d| d.action.code()));
    field(&mut out, "source");
    push_optional(&mut out, consent.source().map(Source::code));
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
