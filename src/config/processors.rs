//! The host's own processor list (`processors` key): every entry fully validated.

use super::issues::{index, join, Issues};
use super::url::{check_link, check_script_url};
use super::Value;
use crate::localized::Localized;
use crate::notice::Language;
use crate::processor::{Basis, CookieSpec, Processor, ProcessorId, ScriptSource};

/// Most processors a config may list: the panel stays readable.
pub const MAX_PROCESSORS: usize = 32;
/// Most consent-based processors: their choices must fit in the consent cookie (< 1 KB).
pub const MAX_CONSENT_PROCESSORS: usize = 16;
/// Longest cookie lifetime a processor may disclose (0 = session cookie).
pub const MAX_COOKIE_LIFETIME_DAYS: u32 = 3650;

const KEYS: [&str; 11] = [
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
];
const COOKIE_KEYS: [&str; 2] = ["name", "lifetimeDays"];

/// Validates the `processors` array; `None` when any entry has an issue (all are reported).
pub(super) fn parse(
    value: &Value,
    language: Language,
    issues: &mut Issues,
) -> Option<Vec<Processor>> {
    let path = "processors";
    let items = issues.array(path, value)?;
    let before = issues.count();
    if items.len() > MAX_PROCESSORS {
        issues.add(
            path,
            format!(
                "{} processors; at most {MAX_PROCESSORS} are accepted",
                items.len()
            ),
        );
    }
    let mut processors: Vec<Processor> = Vec::with_capacity(items.len());
    let mut ids: Vec<(ProcessorId, usize)> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = index(path, i);
        let (id, processor) = entry(&path, item, language, issues);
        if let Some(id) = id {
            match ids.iter().find(|(seen, _)| *seen == id) {
                Some((_, first)) => issues.add(
                    &join(&path, "id"),
                    format!(
                        "duplicate id {:?}; processors[{first}] already uses it",
                        id.as_str()
                    ),
                ),
                None => ids.push((id, i)),
            }
        }
        processors.extend(processor);
    }
    let consent = processors.iter().filter(|p| p.needs_consent()).count();
    if consent > MAX_CONSENT_PROCESSORS {
        issues.add(
            path,
            format!(
                "{consent} consent-based processors; at most {MAX_CONSENT_PROCESSORS} fit in the \
                 consent cookie"
            ),
        );
    }
    (issues.count() == before).then_some(processors)
}

/// One entry: its id when readable (for the duplicate check), and the processor when valid.
fn entry(
    path: &str,
    item: &Value,
    language: Language,
    issues: &mut Issues,
) -> (Option<ProcessorId>, Option<Processor>) {
    let before = issues.count();
    let Some(
        [id, basis, name, purpose, data_shared, recipient, location, privacy_url, cookies, script, default_on],
    ) = issues.object(path, item, &KEYS)
    else {
        return (None, None);
    };
    let field = |key: &str| join(path, key);
    let id = issues
        .required(&field("id"), id, "a processor id such as \"analytics\"")
        .and_then(|v| processor_id(&field("id"), v, issues));
    let basis = issues
        .required(&field("basis"), basis, "\"necessary\" or \"consent\"")
        .and_then(|v| parse_basis(&field("basis"), v, issues));
    let name = issues
        .required(&field("name"), name, "the company or product name")
        .and_then(|v| issues.label(&field("name"), v));
    let purpose = issues
        .required(&field("purpose"), purpose, "why the processor is used")
        .and_then(|v| localized(&field("purpose"), v, language, issues));
    let data_shared = issues
        .required(&field("dataShared"), data_shared, "what data it receives")
        .and_then(|v| localized(&field("dataShared"), v, language, issues));
    let recipient = issues
        .required(
            &field("recipient"),
            recipient,
            "who receives the data (legal entity)",
        )
        .and_then(|v| issues.label(&field("recipient"), v));
    let location = issues
        .required(&field("location"), location, "where the data is processed")
        .and_then(|v| localized(&field("location"), v, language, issues));
    let privacy_url = issues
        .required(
            &field("privacyUrl"),
            privacy_url,
            "a link to its privacy policy",
        )
        .and_then(|v| link(&field("privacyUrl"), v, issues));
    let cookies = match cookies {
        Some(v) => parse_cookies(&field("cookies"), v, issues),
        None => Some(Vec::new()),
    };
    let script = match script {
        Some(v) => script_source(&field("script"), v, issues).map(Some),
        None => Some(None),
    };
    let default_on = default_on.and_then(|v| issues.boolean(&field("defaultOn"), v));

    if basis == Some(Basis::Necessary) {
        let runs_in_browser = script.as_ref().is_some_and(Option::is_some)
            || cookies.as_ref().is_some_and(|c| !c.is_empty());
        if runs_in_browser {
            issues.add(
                &field("basis"),
                "a processor that loads a script or sets cookies in the browser needs consent; \
                 \"necessary\" is for server-side processors such as hosting and storage \
                 (set basis to \"consent\", or remove its script and cookies)"
                    .to_owned(),
            );
        }
    }
    if basis == Some(Basis::Consent) && default_on == Some(true) {
        issues.add(
            &field("defaultOn"),
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
        })
    })();
    (id, processor)
}

fn processor_id(path: &str, value: &Value, issues: &mut Issues) -> Option<ProcessorId> {
    let raw = issues.string(path, value)?;
    match ProcessorId::new(raw) {
        Ok(id) => Some(id),
        Err(problem) => {
            issues.add(path, format!("{problem}, got {raw:?}"));
            None
        }
    }
}

fn parse_basis(path: &str, value: &Value, issues: &mut Issues) -> Option<Basis> {
    match issues.string(path, value)? {
        "necessary" => Some(Basis::Necessary),
        "consent" => Some(Basis::Consent),
        other => {
            issues.add(
                path,
                format!("expected \"necessary\" or \"consent\", got {other:?}"),
            );
            None
        }
    }
}

/// A text in the default language (a string), or translations (`{ "en": …, "ru": … }`) that
/// include the default language.
pub(super) fn localized(
    path: &str,
    value: &Value,
    language: Language,
    issues: &mut Issues,
) -> Option<Localized> {
    if let Value::String(_) = value {
        return issues
            .label(path, value)
            .map(|text| Localized::new(language, text));
    }
    let Value::Object(_) = value else {
        issues.add(
            path,
            format!(
                "expected a string or translations such as {{ \"en\": \"…\", \"ru\": \"…\" }}, \
                 got {}",
                value.kind()
            ),
        );
        return None;
    };
    let tags = Language::ALL.map(Language::tag);
    let before = issues.count();
    let texts = issues.object(path, value, &tags)?;
    let mut result: Option<Localized> = None;
    let mut default_given = false;
    let mut others = Vec::new();
    for (l, text) in Language::ALL.into_iter().zip(texts) {
        default_given |= l == language && text.is_some();
        let Some(text) = text.and_then(|v| issues.label(&join(path, l.tag()), v)) else {
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
            path,
            format!(
                "missing the {:?} text: the default language (config.language) needs a translation",
                language.tag()
            ),
        );
    }
    let result = others
        .into_iter()
        .fold(result?, |text, (l, other)| text.with(l, other));
    (issues.count() == before).then_some(result)
}

/// A link shown to the user: https or a same-origin path.
pub(super) fn link<'v>(path: &str, value: &'v Value, issues: &mut Issues) -> Option<&'v str> {
    let url = issues.string(path, value)?;
    match check_link(url) {
        Ok(()) => Some(url),
        Err(problem) => {
            issues.add(path, format!("{problem}, got {url:?}"));
            None
        }
    }
}

pub(super) fn script_source(
    path: &str,
    value: &Value,
    issues: &mut Issues,
) -> Option<ScriptSource> {
    let src = issues.string(path, value)?;
    match check_script_url(src) {
        Ok(()) => Some(ScriptSource {
            src: src.to_owned(),
        }),
        Err(problem) => {
            issues.add(path, format!("{problem}, got {src:?}"));
            None
        }
    }
}

fn parse_cookies(path: &str, value: &Value, issues: &mut Issues) -> Option<Vec<CookieSpec>> {
    let items = issues.array(path, value)?;
    let before = issues.count();
    let mut cookies: Vec<CookieSpec> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = index(path, i);
        let Some([name, lifetime]) = issues.object(&path, item, &COOKIE_KEYS) else {
            continue;
        };
        let name_path = join(&path, "name");
        let name = issues
            .required(&name_path, name, "the cookie name, or a pattern with one *")
            .and_then(|v| issues.string(&name_path, v));
        let lifetime_path = join(&path, "lifetimeDays");
        let lifetime = issues
            .required(
                &lifetime_path,
                lifetime,
                "days the cookie lives (0 for a session cookie)",
            )
            .and_then(|v| issues.integer(&lifetime_path, v, 0, MAX_COOKIE_LIFETIME_DAYS));
        if let Some(name) = name {
            if !is_cookie_pattern(name) {
                issues.add(
                    &name_path,
                    format!(
                        "expected 1-64 characters of A-Z a-z 0-9 _ - . with at most one * \
                         standing for any text, got {name:?}"
                    ),
                );
            } else if cookies.iter().any(|c| c.name == name) {
                issues.add(&name_path, format!("cookie {name:?} is listed twice"));
            } else if let Some(lifetime_days) = lifetime {
                cookies.push(CookieSpec {
                    name: name.to_owned(),
                    lifetime_days,
                });
            }
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
