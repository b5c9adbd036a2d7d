//! The host's own processor list (`processors` key): every entry fully validated.

use super::behaviour;
use super::issues::{At, Issues};
use super::url::{check_link, check_script_url};
use super::Value;
use crate::language::Language;
use crate::localized::Localized;
use crate::processor::{Basis, ConsentModeKeys, CookieSpec, Processor, ProcessorId, ScriptSource};
use crate::text::{push_decimal, quoted};

/// Most processors a config may list: the panel stays readable.
pub const MAX_PROCESSORS: usize = 32;
/// Most consent-based processors: their choices must fit in the consent cookie (< 1 KB).
pub const MAX_CONSENT_PROCESSORS: usize = 16;
/// Longest cookie lifetime a processor may disclose (0 = session cookie).
pub const MAX_COOKIE_LIFETIME_DAYS: u32 = 3650;

/// Every key a `processors[]` item accepts.
pub const PROCESSOR_KEYS: [&str; 14] = [
    "id",
    "basis",
    "name",
    "purpose",
    "dataShared",
    "recipient",
    "location",
    "privacyUrl",
    "cookies",
    "script",
    "defaultOn",
    "consentMode",
    "offSwitch",
    "localStorage",
];
/// Every key a `processors[].cookies[]` item accepts.
pub const COOKIE_KEYS: [&str; 2] = ["name", "lifetimeDays"];

/// Validates the `processors` array; `None` when any entry has an issue (all are reported).
pub(super) fn parse(
    value: &Value,
    language: Language,
    issues: &mut Issues,
) -> Option<Vec<Processor>> {
    let at = At("", "processors");
    let items = issues.array(at, value)?;
    let before = issues.count();
    if items.len() > MAX_PROCESSORS {
        issues.add(at, {
            let mut message = String::new();
            push_decimal(&mut message, items.len() as u64);
            message.push_str(" processors; at most ");
            push_decimal(&mut message, MAX_PROCESSORS as u64);
            message.push_str(" are accepted");
            message
        });
    }
    let mut processors: Vec<Processor> = Vec::with_capacity(items.len());
    let mut ids: Vec<ProcessorId> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = at.item(i);
        let (id, processor) = entry(&path, item, language, issues);
        if let Some(id) = id {
            match ids.iter().position(|seen| *seen == id) {
                Some(first) => issues.add(At(&path, "id"), {
                    let mut message = ["duplicate id ", &quoted(id.as_str())].concat();
                    message.push_str("; processors[");
                    push_decimal(&mut message, first as u64);
                    message.push_str("] already uses it");
                    message
                }),
                None => ids.push(id),
            }
        }
        processors.extend(processor);
    }
    let consent = processors.iter().filter(|p| p.needs_consent()).count();
    if consent > MAX_CONSENT_PROCESSORS {
        issues.add(at, {
            let mut message = String::new();
            push_decimal(&mut message, consent as u64);
            message.push_str(" consent-based processors; at most ");
            push_decimal(&mut message, MAX_CONSENT_PROCESSORS as u64);
            message.push_str(" fit in the consent cookie");
            message
        });
    }
    (issues.count() == before).then_some(processors)
}

/// One entry at `path`: its id when readable (for the duplicate check), and the processor when
/// valid. (An entry whose id is unreadable still takes a place in the duplicate check's
/// numbering, so "processors[3] already uses it" points at the right entry.)
fn entry(
    path: &str,
    item: &Value,
    language: Language,
    issues: &mut Issues,
) -> (Option<ProcessorId>, Option<Processor>) {
    let before = issues.count();
    let mut found = [None; PROCESSOR_KEYS.len()];
    if !issues.object(At(path, ""), item, &PROCESSOR_KEYS, &mut found) {
        return (None, None);
    }
    let [id, basis, name, purpose, data_shared, recipient, location, privacy_url, cookies, script, default_on, consent_mode, off_switch, local_storage] =
        found;
    let at = |key| At(path, key);
    let id = issues
        .required(at("id"), id, "a processor id such as \"analytics\"")
        .and_then(|v| processor_id(at("id"), v, issues));
    let basis = issues
        .required(at("basis"), basis, "\"necessary\" or \"consent\"")
        .and_then(|v| parse_basis(at("basis"), v, issues));
    let name = issues
        .required(at("name"), name, "the company or product name")
        .and_then(|v| issues.label(at("name"), v));
    let purpose = text(
        at("purpose"),
        purpose,
        "why the processor is used",
        language,
        issues,
    );
    let data_shared = text(
        at("dataShared"),
        data_shared,
        "what data it receives",
        language,
        issues,
    );
    let recipient = issues
        .required(
            at("recipient"),
            recipient,
            "who receives the data (legal entity)",
        )
        .and_then(|v| issues.label(at("recipient"), v));
    let location = text(
        at("location"),
        location,
        "where the data is processed",
        language,
        issues,
    );
    let privacy_url = issues
        .required(
            at("privacyUrl"),
            privacy_url,
            "a link to its privacy policy",
        )
        .and_then(|v| link(at("privacyUrl"), v, issues));
    let cookies = match cookies {
        Some(v) => parse_cookies(at("cookies"), v, issues),
        None => Some(Vec::new()),
    };
    let script = match script {
        Some(v) => script_source(at("script"), v, issues).map(Some),
        None => Some(None),
    };
    let default_on = default_on.and_then(|v| issues.boolean(at("defaultOn"), v));
    // What only a withdrawal uses: a necessary processor is never withdrawn.
    let behaviour = [
        ("consentMode", consent_mode.is_some()),
        ("offSwitch", off_switch.is_some()),
        ("localStorage", local_storage.is_some()),
    ];
    let consent_mode = match consent_mode {
        Some(v) => behaviour::consent_mode(at("consentMode"), v, issues),
        None => Some(ConsentModeKeys::NONE),
    };
    let off_switch = match off_switch {
        Some(v) => behaviour::off_switch(at("offSwitch"), v, issues).map(Some),
        None => Some(None),
    };
    let local_storage = match local_storage {
        Some(v) => behaviour::local_storage(at("localStorage"), v, issues),
        None => Some(Vec::new()),
    };

    let runs_in_browser =
        matches!(&script, Some(Some(_))) || cookies.as_ref().is_some_and(|c| !c.is_empty());
    if basis == Some(Basis::Necessary) && runs_in_browser {
        issues.add(
            at("basis"),
            "a processor that loads a script or sets cookies in the browser needs consent; \
             \"necessary\" is for server-side processors such as hosting and storage \
             (set basis to \"consent\", or remove its script and cookies)"
                .to_owned(),
        );
    }
    if basis == Some(Basis::Necessary) {
        for (key, _) in behaviour.iter().filter(|(_, given)| *given) {
            issues.add(
                at(key),
                "only a consent-based processor is signalled, switched off or cleaned up: \
                 a necessary one is never withdrawn"
                    .to_owned(),
            );
        }
    }
    if basis == Some(Basis::Consent) && default_on == Some(true) {
        issues.add(
            at("defaultOn"),
            "a consent-based processor starts off until the user turns it on; \
             remove defaultOn or set it to false"
                .to_owned(),
        );
    }
    if issues.count() != before {
        return (id, None);
    }
    let processor = (|| {
        Some(Processor {
            id: id.clone()?,
            basis: basis?,
            name: name?.to_owned(),
            purpose: purpose?,
            data_shared: data_shared?,
            recipient: recipient?.to_owned(),
            location: location?,
            privacy_url: privacy_url?.to_owned(),
            cookies: cookies?,
            script: script?,
            consent_mode: consent_mode?,
            off_switch: off_switch?,
            local_storage: local_storage?,
        })
    })();
    (id, processor)
}

fn processor_id(at: At<'_>, value: &Value, issues: &mut Issues) -> Option<ProcessorId> {
    let raw = issues.string(at, value)?;
    match ProcessorId::new(raw) {
        Ok(id) => Some(id),
        Err(problem) => {
            issues.add(at, [problem.message(), ", got ", &quoted(raw)].concat());
            None
        }
    }
}

fn parse_basis(at: At<'_>, value: &Value, issues: &mut Issues) -> Option<Basis> {
    match issues.string(at, value)? {
        "necessary" => Some(Basis::Necessary),
        "consent" => Some(Basis::Consent),
        other => {
            issues.add(
                at,
                [
                    "expected \"necessary\" or \"consent\", got ",
                    &quoted(other),
                ]
                .concat(),
            );
            None
        }
    }
}

/// A required localized text.
fn text(
    at: At<'_>,
    value: Option<&Value>,
    what: &str,
    language: Language,
    issues: &mut Issues,
) -> Option<Localized> {
    let value = issues.required(at, value, what)?;
    localized(at, value, language, issues)
}

/// A text in the default language (a string), or translations (`{ "en": …, "ru": … }`) that
/// include the default language.
fn localized(
    at: At<'_>,
    value: &Value,
    language: Language,
    issues: &mut Issues,
) -> Option<Localized> {
    if let Value::String(_) = value {
        return issues
            .label(at, value)
            .map(|text| Localized::new(language, text));
    }
    let Value::Object(_) = value else {
        issues.add(
            at,
            [
                "expected a string or translations such as { \"en\": \"…\", \"ru\": \"…\" }, got ",
                value.kind(),
            ]
            .concat(),
        );
        return None;
    };
    let tags = Language::ALL.map(Language::tag);
    let before = issues.count();
    let mut texts = [None; Language::ALL.len()];
    issues.object(at, value, &tags, &mut texts);
    let parent = at.path();
    let mut result: Option<Localized> = None;
    let mut default_given = false;
    let mut others = Vec::new();
    for (l, text) in Language::ALL.into_iter().zip(texts) {
        default_given |= l == language && text.is_some();
        let Some(text) = text.and_then(|v| issues.label(At(&parent, l.tag()), v)) else {
            continue;
        };
        if l == language {
            result = Some(Localized::new(l, text));
        } else {
            others.push((l, text));
        }
    }
    if !default_given {
        issues.add(
            at,
            [
                "missing the ",
                &quoted(language.tag()),
                " text: the default language (config.language) needs a translation",
            ]
            .concat(),
        );
    }
    let result = others
        .into_iter()
        .fold(result?, |text, (l, other)| text.with(l, other));
    (issues.count() == before).then_some(result)
}

/// A link shown to the user: https or a same-origin path.
pub(super) fn link<'v>(at: At<'_>, value: &'v Value, issues: &mut Issues) -> Option<&'v str> {
    let url = issues.string(at, value)?;
    match check_link(url) {
        Ok(()) => Some(url),
        Err(problem) => {
            issues.add(at, [problem.message(), ", got ", &quoted(url)].concat());
            None
        }
    }
}

pub(super) fn script_source(
    at: At<'_>,
    value: &Value,
    issues: &mut Issues,
) -> Option<ScriptSource> {
    let src = issues.string(at, value)?;
    match check_script_url(src) {
        Ok(()) => Some(ScriptSource {
            src: src.to_owned(),
        }),
        Err(problem) => {
            issues.add(at, [problem.message(), ", got ", &quoted(src)].concat());
            None
        }
    }
}

fn parse_cookies(at: At<'_>, value: &Value, issues: &mut Issues) -> Option<Vec<CookieSpec>> {
    let items = issues.array(at, value)?;
    let before = issues.count();
    let mut cookies: Vec<CookieSpec> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = at.item(i);
        let mut found = [None; COOKIE_KEYS.len()];
        if !issues.object(At(&path, ""), item, &COOKIE_KEYS, &mut found) {
            continue;
        }
        let [name, lifetime] = found;
        let (name_at, lifetime_at) = (At(&path, "name"), At(&path, "lifetimeDays"));
        let name = issues
            .required(name_at, name, "the cookie name, or a pattern with one *")
            .and_then(|v| issues.string(name_at, v));
        let lifetime = issues
            .required(
                lifetime_at,
                lifetime,
                "days the cookie lives (0 for a session cookie)",
            )
            .and_then(|v| issues.integer(lifetime_at, v, 0, MAX_COOKIE_LIFETIME_DAYS));
        let Some(name) = name else {
            continue;
        };
        if !is_cookie_pattern(name) {
            issues.add(
                name_at,
                [
                    "expected 1-64 characters of A-Z a-z 0-9 _ - . with at most one * \
                     standing for any text, got ",
                    &quoted(name),
                ]
                .concat(),
            );
        } else if cookies.iter().any(|c| c.name == name) {
            issues.add(
                name_at,
                ["cookie ", &quoted(name), " is listed twice"].concat(),
            );
        } else if let Some(lifetime_days) = lifetime {
            cookies.push(CookieSpec {
                name: name.to_owned(),
                lifetime_days,
            });
        }
    }
    (issues.count() == before).then_some(cookies)
}

fn is_cookie_pattern(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name != "*"
        && name.matches('*').count() <= 1
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '*'))
}
