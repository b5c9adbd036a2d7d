//! Collecting config problems while the input is walked, each with the path where it was found.

use super::Value;
use std::fmt;

/// One problem in the config, at a path such as `processors[2].privacyUrl`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigIssue {
    /// Where the problem is: keys joined by `.`, array indexes in brackets (`""` for the
    /// object itself).
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

/// `parent.key`, or `key` at the top.
pub(super) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        let mut path = String::with_capacity(parent.len() + 1 + key.len());
        path.push_str(parent);
        path.push('.');
        path.push_str(key);
        path
    }
}

/// `parent[index]`.
pub(super) fn index(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// Issues found so far.
#[derive(Default)]
pub(super) struct Issues(Vec<ConfigIssue>);

impl Issues {
    pub(super) fn add(&mut self, path: &str, message: String) {
        self.0.push(ConfigIssue {
            path: path.to_owned(),
            message,
        });
    }

    /// How many issues so far: a caller compares before and after to see if a part was clean.
    pub(super) fn count(&self) -> usize {
        self.0.len()
    }

    /// The values of `keys` in the object `value` at `path`, in the order of `keys`. Unknown and
    /// repeated keys are issues; `None` (with an issue) when `value` is not an object.
    pub(super) fn object<'v, const N: usize>(
        &mut self,
        path: &str,
        value: &'v Value,
        keys: &[&str; N],
    ) -> Option<[Option<&'v Value>; N]> {
        let Value::Object(entries) = value else {
            self.add(path, format!("expected an object, got {}", value.kind()));
            return None;
        };
        let mut found = [None; N];
        for (key, value) in entries {
            match keys.iter().position(|k| k == key) {
                Some(i) if found[i].is_some() => {
                    self.add(&join(path, key), "repeated key; give it once".to_owned())
                }
                Some(i) => found[i] = Some(value),
                None => self.add(
                    &join(path, key),
                    format!("unknown key; expected one of {}", keys.join(", ")),
                ),
            }
        }
        Some(found)
    }

    /// A required field: an issue when it is missing.
    pub(super) fn required<'v>(
        &mut self,
        path: &str,
        value: Option<&'v Value>,
        what: &str,
    ) -> Option<&'v Value> {
        if value.is_none() {
            self.add(path, format!("missing; expected {what}"));
        }
        value
    }

    pub(super) fn string<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v str> {
        match value {
            Value::String(s) => Some(s),
            other => {
                self.add(path, format!("expected a string, got {}", other.kind()));
                None
            }
        }
    }

    /// A string with something in it besides white space (a label the user will read).
    pub(super) fn label<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v str> {
        let text = self.string(path, value)?;
        if text.trim().is_empty() {
            self.add(path, "empty; the user would see a blank label".to_owned());
            return None;
        }
        Some(text)
    }

    pub(super) fn boolean(&mut self, path: &str, value: &Value) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.add(
                    path,
                    format!("expected true or false, got {}", other.kind()),
                );
                None
            }
        }
    }

    pub(super) fn integer(&mut self, path: &str, value: &Value, min: u32, max: u32) -> Option<u32> {
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

    pub(super) fn array<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v [Value]> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.add(path, format!("expected an array, got {}", other.kind()));
                None
            }
        }
    }

    /// `Ok(value)` when nothing was found, else every issue.
    pub(super) fn result<T>(self, value: T) -> Result<T, ConfigError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ConfigError { issues: self.0 })
        }
    }
}
