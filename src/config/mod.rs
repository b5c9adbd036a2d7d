//! Untrusted input to a validated [`Config`]: every issue is collected with its path, and an
//! invalid config is refused as a whole (the widget then fails closed).

mod kaiten;
mod url;
mod value;

pub use url::{check_script_url, UrlProblem};
pub use value::Value;

use crate::processor::{Processor, ProcessorId, ScriptSource};
use std::fmt;

/// Days a decision (consent or refusal alike) is kept when the config does not say.
pub const DEFAULT_LIFETIME_DAYS: u32 = 182;
/// The longest lifetime the config accepts: 13 months, the common regulators' ceiling.
pub const MAX_LIFETIME_DAYS: u32 = 395;
/// The name of the first-party cookie that stores the decision, when the config does not say.
pub const DEFAULT_COOKIE_NAME: &str = "kaiten_consent";

/// A validated widget configuration. Built only by [`Config::parse`] or [`Config::kaiten`], so
/// every value in it has passed validation.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    revision: u32,
    cookie_name: String,
    lifetime_days: u32,
    processors: Vec<Processor>,
}

impl Config {
    /// Kaiten's own configuration: its processors, its current notice revision, default storage.
    pub fn kaiten() -> Self {
        Self {
            revision: kaiten::NOTICE_REVISION,
            cookie_name: DEFAULT_COOKIE_NAME.to_owned(),
            lifetime_days: DEFAULT_LIFETIME_DAYS,
            processors: kaiten::processors(),
        }
    }

    /// Validates the host's config object. Keys it leaves out keep Kaiten's defaults.
    ///
    /// Accepted keys: `revision` (integer ≥ 1), `cookieName` (1–64 of `A-Z a-z 0-9 _ -`),
    /// `lifetimeDays` (integer 1..=395), `scripts` (object: processor id → script URL).
    ///
    /// # Errors
    /// [`ConfigError`] listing every issue found, each with its path.
    pub fn parse(input: &Value) -> Result<Self, ConfigError> {
        let mut config = Self::kaiten();
        let mut issues = Issues::default();
        let entries = match input {
            Value::Null => return Ok(config),
            Value::Object(entries) => entries,
            other => {
                issues.add("", format!("expected an object, got {}", other.kind()));
                return Err(issues.into_error());
            }
        };
        for (key, value) in entries {
            match key.as_str() {
                "revision" => {
                    if let Some(n) = issues.integer(key, value, 1, u32::MAX) {
                        config.revision = n;
                    }
                }
                "cookieName" => {
                    if let Some(name) = issues.string(key, value) {
                        if is_cookie_name(name) {
                            config.cookie_name = name.to_owned();
                        } else {
                            issues.add(
                                key,
                                format!(
                                    "expected 1-64 characters of A-Z a-z 0-9 _ -, got {name:?}"
                                ),
                            );
                        }
                    }
                }
                "lifetimeDays" => {
                    if let Some(n) = issues.integer(key, value, 1, MAX_LIFETIME_DAYS) {
                        config.lifetime_days = n;
                    }
                }
                "scripts" => config.apply_scripts(value, &mut issues),
                _ => issues.add(
                    key,
                    "unknown key; expected one of revision, cookieName, lifetimeDays, scripts"
                        .to_owned(),
                ),
            }
        }
        issues.result(config)
    }

    fn apply_scripts(&mut self, value: &Value, issues: &mut Issues) {
        let Value::Object(entries) = value else {
            issues.add(
                "scripts",
                format!("expected an object, got {}", value.kind()),
            );
            return;
        };
        for (id, src) in entries {
            let path = format!("scripts.{id}");
            let Some(src) = issues.string(&path, src) else {
                continue;
            };
            let processor = ProcessorId::new(id)
                .ok()
                .and_then(|id| self.processors.iter_mut().find(|p| p.id == id));
            match processor {
                None => issues.add(&path, format!("no processor with id {id:?}")),
                Some(p) if !p.needs_consent() => issues.add(
                    &path,
                    format!("{id} is necessary: the widget loads only consent-based processors"),
                ),
                Some(p) => match check_script_url(src) {
                    Ok(()) => {
                        p.script = Some(ScriptSource {
                            src: src.to_owned(),
                        })
                    }
                    Err(problem) => issues.add(&path, format!("{problem}, got {src:?}")),
                },
            }
        }
    }

    /// The notice revision: a stored decision from an older revision asks again.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// The name of the cookie that stores the decision.
    pub fn cookie_name(&self) -> &str {
        &self.cookie_name
    }

    /// How long a decision is kept, in days.
    pub fn lifetime_days(&self) -> u32 {
        self.lifetime_days
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
}

fn is_cookie_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// One problem in the config, at a path such as `scripts.intercom`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigIssue {
    /// Where the problem is, as a dotted path from the config object (`""` for the object).
    pub path: String,
    /// What is wrong and what was expected, for the front-end developer.
    pub message: String,
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "config: {}", self.message)
        } else {
            write!(f, "config.{}: {}", self.path, self.message)
        }
    }
}

/// The config was refused; it holds every issue found (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    issues: Vec<ConfigIssue>,
}

impl ConfigError {
    /// Every issue, in the order found.
    pub fn issues(&self) -> &[ConfigIssue] {
        &self.issues
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "kaiten-consent: invalid config, nothing consent-based will load ({} issue{}):",
            self.issues.len(),
            if self.issues.len() == 1 { "" } else { "s" }
        )?;
        for issue in &self.issues {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Collects issues while the config is walked.
#[derive(Default)]
struct Issues(Vec<ConfigIssue>);

impl Issues {
    fn add(&mut self, path: &str, message: String) {
        self.0.push(ConfigIssue {
            path: path.to_owned(),
            message,
        });
    }

    fn string<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v str> {
        match value {
            Value::String(s) => Some(s),
            other => {
                self.add(path, format!("expected a string, got {}", other.kind()));
                None
            }
        }
    }

    fn integer(&mut self, path: &str, value: &Value, min: u32, max: u32) -> Option<u32> {
        match value {
            Value::Number(n) if n.fract() == 0.0 && *n >= min as f64 && *n <= max as f64 => {
                Some(*n as u32)
            }
            Value::Number(n) => {
                self.add(
                    path,
                    format!("expected an integer from {min} to {max}, got {n}"),
                );
                None
            }
            other => {
                self.add(path, format!("expected an integer, got {}", other.kind()));
                None
            }
        }
    }

    fn into_error(self) -> ConfigError {
        ConfigError { issues: self.0 }
    }

    fn result(self, config: Config) -> Result<Config, ConfigError> {
        if self.0.is_empty() {
            Ok(config)
        } else {
            Err(self.into_error())
        }
    }
}
