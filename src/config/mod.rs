//! Untrusted input to a validated [`Config`]: every issue is collected with its path, and an
//! invalid config is refused as a whole (the widget then fails closed).
//!
//! The input is one object with camelCase keys; each key is optional and keeps Kaiten's default
//! when left out:
//!
//! | key | value |
//! |---|---|
//! | `revision` | integer ≥ 1: the privacy notice's revision; raising it asks everyone again |
//! | `cookieName` | 1–64 of `A-Z a-z 0-9 _ -`: the cookie that stores the decision |
//! | `cookieDomain` | a lowercase domain name of two labels or more, such as `"example.com"`: the decision cookie's `Domain`, so one decision holds on every subdomain; at start it must be the page's host or a parent of it, and not a public suffix (see [`CookieDomain`]) |
//! | `lifetimeDays` | integer 1..=395: how long a decision (consent or refusal) is kept |
//! | `language` | `"en"` or `"ru"`: the default language, which every text must be written in |
//! | `privacyUrl` | https or same-origin path: the host's full privacy policy |
//! | `proofUrl` | https or same-origin path: where the web layer sends proof of each decision |
//! | `processors` | the host's own processor list (replaces Kaiten's); see below |
//! | `scripts` | object: processor id → script URL the widget inserts after consent |
//! | `entryElement` | CSS selector of the host's own "Privacy settings" control; replaces the floating button |
//! | `reloadOnWithdraw` | boolean, default `false`: reload the page after a withdrawal that stopped a processor running in it, instead of telling the user that a reload completes it |
//! | `texts` | `{ "en": { … }, "ru": { … } }`: the host's wording for any of the widget's texts ([`UiText::KEYS`]), per language; 1–1000 characters, `{processors}` exactly once in `gpcRefused` and `gpcOptedIn` and nowhere else |
//!
//! A processor is `{ id, basis: "necessary" | "consent", name, purpose, dataShared, recipient,
//! location, privacyUrl, cookies?: [{ name, lifetimeDays }], script?, defaultOn?, consentMode?,
//! offSwitch?, localStorage? }`, where `purpose`, `dataShared` and `location` are a string in the
//! default language or translations such as `{ "en": "…", "ru": "…" }`. The last three say, as
//! data, what a withdrawal does (consent-based processors only; nothing is chosen by `id`):
//!
//! | key | value |
//! |---|---|
//! | `consentMode` | distinct Google Consent Mode v2 keys its consent grants: `["analytics_storage"]` (any of [`crate::processor::ConsentModeKey::ALL`]) |
//! | `offSwitch` | `{ "call": "Intercom", "args": ["shutdown"] }`: a global function as identifiers joined by dots, called with JSON-literal arguments; or `{ "set": "ga-disable-{id}", "value": true }`: a global flag, `{id}` standing for the `id` query parameter of its script URL |
//! | `localStorage` | keys, or patterns with one `*`, removed on withdrawal: `["intercom.intercom-state*"]` |

mod behaviour;
mod cookie_domain;
mod issues;
mod kaiten;
mod processors;
mod texts;
mod url;
mod value;

pub use behaviour::OFF_SWITCH_KEYS;
pub use cookie_domain::CookieDomain;
pub use issues::{ConfigError, ConfigIssue};
pub use processors::{
    COOKIE_KEYS, MAX_CONSENT_PROCESSORS, MAX_COOKIE_LIFETIME_DAYS, MAX_PROCESSORS, PROCESSOR_KEYS,
};
pub use url::{check_link, check_script_url, UrlProblem};
pub use value::Value;

use crate::language::Language;
use crate::notice_hash::{NoticeHash, Wording};
use crate::processor::{Processor, ProcessorId};
use crate::text::quoted;
use crate::ui_text::UiText;
use issues::{At, Issues};
use texts::HostText;

/// Days a decision (consent or refusal alike) is kept when the config does not say.
pub const DEFAULT_LIFETIME_DAYS: u32 = 182;
/// The longest lifetime the config accepts: 13 months, the common regulators' ceiling.
pub const MAX_LIFETIME_DAYS: u32 = 395;
/// The name of the first-party cookie that stores the decision, when the config does not say.
pub const DEFAULT_COOKIE_NAME: &str = "kaiten_consent";

/// Every key the config object accepts (anything else is an issue).
pub const KEYS: [&str; 12] = [
    "revision",
    "cookieName",
    "cookieDomain",
    "lifetimeDays",
    "language",
    "privacyUrl",
    "proofUrl",
    "processors",
    "scripts",
    "entryElement",
    "reloadOnWithdraw",
    "texts",
];

/// A validated widget configuration. Built only by [`Config::parse`] or [`Config::kaiten`], so
/// every value in it has passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    revision: u32,
    cookie_name: String,
    cookie_domain: Option<CookieDomain>,
    lifetime_days: u32,
    language: Language,
    /// Whether the host set `language`: then it is also the UI's language.
    language_given: bool,
    privacy_url: Option<String>,
    proof_url: Option<String>,
    processors: Vec<Processor>,
    /// Whether `processors` is Kaiten's compiled-in list.
    processors_compiled_in: bool,
    /// The host's own wording; the widget's fills the rest.
    texts: Vec<HostText>,
    entry_element: Option<String>,
    reload_on_withdraw: bool,
}

impl Config {
    /// Kaiten's own configuration: its processors, its current notice revision, default storage,
    /// English as the default language.
    pub fn kaiten() -> Self {
        Self {
            revision: kaiten::NOTICE_REVISION,
            cookie_name: DEFAULT_COOKIE_NAME.to_owned(),
            cookie_domain: None,
            lifetime_days: DEFAULT_LIFETIME_DAYS,
            language: Language::En,
            language_given: false,
            privacy_url: None,
            proof_url: None,
            processors: kaiten::processors(),
            processors_compiled_in: true,
            texts: Vec::new(),
            entry_element: None,
            reload_on_withdraw: false,
        }
    }

    /// Validates the host's config object (see the [module docs](self) for the keys). `null` or
    /// `undefined` is Kaiten's configuration.
    ///
    /// # Errors
    /// [`ConfigError`] listing every issue found, each with its path.
    pub fn parse(input: &Value) -> Result<Self, ConfigError> {
        let mut config = Self::kaiten();
        if let Value::Null = input {
            return Ok(config);
        }
        let mut issues = Issues::default();
        let mut found = [None; KEYS.len()];
        if !issues.object(At("", ""), input, &KEYS, &mut found) {
            return issues.result(config);
        }
        let [revision, cookie_name, cookie_domain, lifetime_days, language, privacy_url, proof_url, processors_value, scripts, entry_element, reload_on_withdraw, texts] =
            found;
        let top = |key| At("", key);
        if let Some(n) = revision.and_then(|v| issues.integer(top("revision"), v, 1, u32::MAX)) {
            config.revision = n;
        }
        if let Some(name) = cookie_name.and_then(|v| issues.string(top("cookieName"), v)) {
            if is_cookie_name(name) {
                config.cookie_name = name.to_owned();
            } else {
                issues.add(
                    top("cookieName"),
                    [
                        "expected 1-64 characters of A-Z a-z 0-9 _ -, got ",
                        &quoted(name),
                    ]
                    .concat(),
                );
            }
        }
        config.cookie_domain = cookie_domain.and_then(|v| cookie_domain::parse(v, &mut issues));
        if let Some(n) =
            lifetime_days.and_then(|v| issues.integer(top("lifetimeDays"), v, 1, MAX_LIFETIME_DAYS))
        {
            config.lifetime_days = n;
        }
        if let Some(l) = language.and_then(|v| parse_language(v, &mut issues)) {
            config.language = l;
            config.language_given = true;
        }
        config.privacy_url = privacy_url
            .and_then(|v| processors::link(top("privacyUrl"), v, &mut issues))
            .map(str::to_owned);
        config.proof_url = proof_url
            .and_then(|v| processors::link(top("proofUrl"), v, &mut issues))
            .map(str::to_owned);
        config.entry_element = entry_element
            .and_then(|v| issues.label(top("entryElement"), v))
            .map(str::to_owned);
        // Scripts name processors, so they are checked against the list in force: the host's
        // when it gives one (and it is valid), else Kaiten's.
        let mut processors_valid = true;
        if let Some(value) = processors_value {
            match processors::parse(value, config.language, &mut issues) {
                Some(list) => {
                    config.processors = list;
                    config.processors_compiled_in = false;
                }
                None => processors_valid = false,
            }
        }
        if let Some(flag) =
            reload_on_withdraw.and_then(|v| issues.boolean(top("reloadOnWithdraw"), v))
        {
            config.reload_on_withdraw = flag;
        }
        if let Some(value) = scripts {
            config.apply_scripts(value, processors_valid, &mut issues);
        }
        if let Some(given) = texts.and_then(|v| texts::parse(v, &mut issues)) {
            config.texts = given;
        }
        issues.result(config)
    }

    /// Sets `scripts.<id>` on the processors; with `check_ids` off (the processor list itself was
    /// refused), only the URLs are checked, so no misleading "no processor" issue is reported.
    fn apply_scripts(&mut self, value: &Value, check_ids: bool, issues: &mut Issues) {
        let Value::Object(entries) = value else {
            issues.add(
                At("", "scripts"),
                ["expected an object, got ", value.kind()].concat(),
            );
            return;
        };
        for (i, (id, src)) in entries.iter().enumerate() {
            let at = At("scripts", id);
            if entries[..i].iter().any(|(seen, _)| seen == id) {
                issues.add(at, "repeated key; give it once".to_owned());
                continue;
            }
            let Some(source) = processors::script_source(at, src, issues) else {
                continue;
            };
            if !check_ids {
                continue;
            }
            let processor = ProcessorId::new(id)
                .ok()
                .and_then(|id| self.processors.iter_mut().find(|p| p.id == id));
            match processor {
                None => issues.add(at, ["no processor with id ", &quoted(id)].concat()),
                Some(p) if !p.needs_consent() => issues.add(
                    at,
                    [
                        id.as_str(),
                        " is necessary: the widget loads only consent-based processors",
                    ]
                    .concat(),
                ),
                Some(p) => p.script = Some(source),
            }
        }
    }

    /// The notice revision: a stored decision from another revision asks again.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// The name of the cookie that stores the decision.
    pub fn cookie_name(&self) -> &str {
        &self.cookie_name
    }

    /// The domain the decision cookie is shared across (`cookieDomain`); `None`: the cookie is
    /// host-only.
    pub fn cookie_domain(&self) -> Option<&CookieDomain> {
        self.cookie_domain.as_ref()
    }

    /// Checks the config against the page it starts on (see [`CookieDomain::check`]): nothing
    /// to check without `cookieDomain`.
    ///
    /// # Errors
    /// [`ConfigError`] with every issue found.
    pub fn check_page(
        &self,
        hostname: &str,
        keeps_probe: impl FnMut(Option<&str>) -> bool,
    ) -> Result<(), ConfigError> {
        self.cookie_domain
            .as_ref()
            .map_or(Ok(()), |domain| domain.check(hostname, keeps_probe))
    }

    /// How long a decision is kept, in days.
    pub fn lifetime_days(&self) -> u32 {
        self.lifetime_days
    }

    /// The default language: every configured text is written in it, and other languages fall
    /// back to it.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The language the host asked the widget to speak (the `language` key), if it set one; it
    /// wins over the page's `<html lang>` and the browser's languages.
    pub fn requested_language(&self) -> Option<Language> {
        self.language_given.then_some(self.language)
    }

    /// Whether the page reloads after a withdrawal that stopped a processor running in it
    /// (`reloadOnWithdraw`); otherwise the user is told that a reload completes it.
    pub fn reload_on_withdraw(&self) -> bool {
        self.reload_on_withdraw
    }

    /// The host's full privacy policy, when configured.
    pub fn privacy_url(&self) -> Option<&str> {
        self.privacy_url.as_deref()
    }

    /// The CSS selector of the host's own control that opens the preferences after a decision,
    /// when configured (the widget's floating "Privacy settings" button is then not shown).
    pub fn entry_element(&self) -> Option<&str> {
        self.entry_element.as_deref()
    }

    /// Where proof of each decision is sent, when configured.
    pub fn proof_url(&self) -> Option<&str> {
        self.proof_url.as_deref()
    }

    /// Every processor, necessary and consent-based, in display order.
    pub fn processors(&self) -> &[Processor] {
        &self.processors
    }

    /// The processors the user is asked about.
    pub fn consent_processors(&self) -> impl Iterator<Item = &Processor> {
        self.processors.iter().filter(|p| p.needs_consent())
    }

    /// The processor with this id, if configured.
    pub fn processor(&self, id: &ProcessorId) -> Option<&Processor> {
        self.processors.iter().find(|p| &p.id == id)
    }

    /// The wording of `text` in `language`: the host's (`texts`), else the widget's own.
    pub fn text(&self, language: Language, text: UiText) -> &str {
        self.texts
            .iter()
            .find(|(l, t, _)| *l == language && *t == text)
            .map_or_else(|| text.default_in(language), |(_, _, wording)| wording)
    }

    /// The names of the consent-based processors, as a list in prose in `language` ("Google
    /// Analytics, Intercom and Wootric").
    pub fn consent_names(&self, language: Language) -> String {
        let names: Vec<&str> = self.consent_processors().map(|p| p.name.as_str()).collect();
        crate::ui_text::join_names(&names, self.text(language, UiText::ListAnd))
    }

    /// A hash of everything the user is shown in `language`: the notice, the widget's texts in
    /// force, and each processor's basis, name, purpose, data shared, recipient, location,
    /// privacy link and cookies. Stored with each decision, so a record says which wording was
    /// agreed to: SHA-256 when all of it is compiled in (Kaiten's processors and texts), FNV-1a
    /// when the host gave its own (see [`crate::notice_hash`] for why).
    pub fn notice_hash(&self, language: Language) -> NoticeHash {
        let own_texts = self.texts.iter().any(|(l, _, _)| *l == language);
        let wording = if self.processors_compiled_in && !own_texts {
            Wording::CompiledIn
        } else {
            Wording::Configured
        };
        let texts = UiText::ALL.map(|t| self.text(language, t));
        NoticeHash::of(language, &texts, &self.processors, wording)
    }

    /// Moves the config to another notice revision (the policy changed while the page was open).
    pub(crate) fn set_revision(&mut self, revision: u32) {
        self.revision = revision;
    }
}

fn parse_language(value: &Value, issues: &mut Issues) -> Option<Language> {
    let tag = issues.string(At("", "language"), value)?;
    let language = Language::from_exact_tag(tag);
    if language.is_none() {
        let mut message = "expected ".to_owned();
        message.push_str(&Language::tags_quoted());
        message.push_str(", got ");
        message.push_str(&quoted(tag));
        issues.add(At("", "language"), message);
    }
    language
}

fn is_cookie_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}
