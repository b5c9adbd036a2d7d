//! Collecting config problems while the input is walked, each with the path where it was found.

use super::Value;
use crate::text::{push_decimal, push_list};
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

impl ConfigIssue {
    /// Appends `config.path: message` (`config: message` at the top).
    fn push_to(&self, out: &mut String) {
        out.push_str("config");
        if !self.path.is_empty() {
            out.push('.');
            out.push_str(&self.path);
        }
        out.push_str(": ");
        out.push_str(&self.message);
    }
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.push_to(&mut text);
        f.write_str(&text)
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

    /// The console message: a header with the count, then one issue per line. Also what
    /// `Display` writes; the web shell calls this directly, which keeps `core::fmt` out of it.
    pub fn message(&self) -> String {
        let mut text =
            String::from("kaiten-consent: invalid config, nothing consent-based will load (");
        push_decimal(&mut text, self.issues.len() as u64);
        text.push_str(if self.issues.len() == 1 {
            " issue):"
        } else {
            " issues):"
        });
        for issue in &self.issues {
            text.push_str("\n  ");
            issue.push_to(&mut text);
        }
        text
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ConfigError {}

/// Where a value sits in the config: a parent path and a key in it (`""` for none). Joined into
/// text only when an issue is reported, so walking a valid config builds no path strings.
#[derive(Clone, Copy, Debug)]
pub(super) struct At<'a>(pub(super) &'a str, pub(super) &'a str);

impl At<'_> {
    /// `parent.key`, `key` at the top, `parent` when there is no key.
    pub(super) fn path(self) -> String {
        let At(parent, key) = self;
        let mut path = String::with_capacity(parent.len() + 1 + key.len());
        path.push_str(parent);
        if !parent.is_empty() && !key.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        path
    }

    /// The path of item `index` of the array here: `parent.key[index]`.
    pub(super) fn item(self, index: usize) -> String {
        let mut path = self.path();
        path.push('[');
        push_decimal(&mut path, index as u64);
        path.push(']');
        path
    }
}

/// Appends `n` as a message shows it: exactly when whole, else to six decimals. Not `{n}`:
/// float formatting would add about 14 KB to the shipped wasm, more than this whole module.
pub(super) fn push_number(out: &mut String, n: f64) {
    if n.is_nan() {
        out.push_str("NaN");
        return;
    }
    if n < 0.0 {
        out.push('-');
    }
    let n = n.abs();
    if n >= 1e12 {
        out.push_str(if n.is_infinite() {
            "Infinity"
        } else {
            "more than 10^12"
        });
        return;
    }
    // n < 1e12, so n * 1e6 < 1e18 fits a u64.
    let micros = (n * 1e6).round() as u64;
    push_decimal(out, micros / 1_000_000);
    let mut fraction = micros % 1_000_000;
    if fraction != 0 {
        out.push('.');
        let mut width = 6;
        while fraction % 10 == 0 {
            fraction /= 10;
            width -= 1;
        }
        let mut scale = 10;
        while scale <= fraction {
            scale *= 10;
            width -= 1;
        }
        for _ in 1..width {
            out.push('0');
        }
        push_decimal(out, fraction);
    }
}

/// Issues found so far.
#[derive(Default)]
pub(super) struct Issues(Vec<ConfigIssue>);

impl Issues {
    pub(super) fn add(&mut self, at: At<'_>, message: String) {
        self.0.push(ConfigIssue {
            path: at.path(),
            message,
        });
    }

    /// How many issues so far: a caller compares before and after to see if a part was clean.
    pub(super) fn count(&self) -> usize {
        self.0.len()
    }

    /// Fills `found` with the values of `keys` (same order) in the object `value`. Unknown and
    /// repeated keys are issues; `false` (with an issue) when `value` is not an object.
    pub(super) fn object<'v>(
        &mut self,
        at: At<'_>,
        value: &'v Value,
        keys: &[&str],
        found: &mut [Option<&'v Value>],
    ) -> bool {
        let Value::Object(entries) = value else {
            self.add(at, ["expected an object, got ", value.kind()].concat());
            return false;
        };
        for (key, value) in entries {
            let here = || At(&at.path(), key).path();
            match keys.iter().position(|k| k == key) {
                Some(i) if found[i].is_some() => self.0.push(ConfigIssue {
                    path: here(),
                    message: "repeated key; give it once".to_owned(),
                }),
                Some(i) => found[i] = Some(value),
                None => self.0.push(ConfigIssue {
                    path: here(),
                    message: {
                        let mut message = "unknown key; expected one of ".to_owned();
                        push_list(&mut message, keys, ", ", "");
                        message
                    },
                }),
            }
        }
        true
    }

    /// A required field: an issue when it is missing.
    pub(super) fn required<'v>(
        &mut self,
        at: At<'_>,
        value: Option<&'v Value>,
        what: &str,
    ) -> Option<&'v Value> {
        if value.is_none() {
            self.add(at, ["missing; expected ", what].concat());
        }
        value
    }

    pub(super) fn string<'v>(&mut self, at: At<'_>, value: &'v Value) -> Option<&'v str> {
        match value {
            Value::String(s) => Some(s),
            other => {
                self.add(at, ["expected a string, got ", other.kind()].concat());
                None
            }
        }
    }

    /// A string with something in it besides white space (a label the user will read).
    pub(super) fn label<'v>(&mut self, at: At<'_>, value: &'v Value) -> Option<&'v str> {
        let text = self.string(at, value)?;
        if text.chars().all(char::is_whitespace) {
            self.add(at, "empty; the user would see a blank label".to_owned());
            return None;
        }
        Some(text)
    }

    pub(super) fn boolean(&mut self, at: At<'_>, value: &Value) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.add(at, ["expected true or false, got ", other.kind()].concat());
                None
            }
        }
    }

    pub(super) fn integer(&mut self, at: At<'_>, value: &Value, min: u32, max: u32) -> Option<u32> {
        match value {
            Value::Number(n) if n.fract() == 0.0 && *n >= min as f64 && *n <= max as f64 => {
                Some(*n as u32)
            }
            Value::Number(n) => {
                let mut message = String::from("expected an integer from ");
                push_decimal(&mut message, min.into());
                message.push_str(" to ");
                push_decimal(&mut message, max.into());
                message.push_str(", got ");
                push_number(&mut message, *n);
                self.add(at, message);
                None
            }
            other => {
                self.add(at, ["expected an integer, got ", other.kind()].concat());
                None
            }
        }
    }

    pub(super) fn array<'v>(&mut self, at: At<'_>, value: &'v Value) -> Option<&'v [Value]> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.add(at, ["expected an array, got ", other.kind()].concat());
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

#[cfg(test)]
mod tests {
    use super::push_number;

    #[test]
    fn numbers_read_as_written_without_float_formatting() {
        for (n, text) in [
            (396.0, "396"),
            (-1.0, "-1"),
            (0.0, "0"),
            (30.5, "30.5"),
            (0.05, "0.05"),
            (0.000001, "0.000001"),
            (1.000001, "1.000001"),
            (-2.25, "-2.25"),
            (12.34, "12.34"),
            (0.9999999, "1"),
            (4294967296.0, "4294967296"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1e20, "more than 10^12"),
        ] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, text, "{n}");
        }
    }
}
