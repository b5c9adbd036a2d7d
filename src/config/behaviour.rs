//! What a processor entry says the widget does for it, as data (`consentMode`, `offSwitch`,
//! `localStorage`): no code of the widget knows a processor by its id, so a renamed or added
//! processor is signalled, switched off and cleaned up as its entry says.

use super::issues::{At, Issues};
use super::Value;
use crate::processor::{
    split_at_id_placeholder, ConsentModeKey, ConsentModeKeys, Literal, OffSwitch, PROTOTYPE_NAMES,
};
use crate::text::{push_decimal, push_list, quoted};

/// Every key an `offSwitch` object accepts: `call` with `args`, or `set` with `value`.
pub const OFF_SWITCH_KEYS: [&str; 4] = ["call", "args", "set", "value"];
/// Most values (counting those nested in arrays and objects) an off-switch passes on.
pub(super) const MAX_OFF_SWITCH_VALUES: usize = 32;
/// Longest name, path, string or object key in an off-switch or `localStorage` entry.
pub(super) const MAX_NAME_LENGTH: usize = 128;
/// Most `localStorage` keys or patterns a processor lists.
pub(super) const MAX_STORAGE_KEYS: usize = 16;
/// What a `localStorage` entry must be (the limits written out: a constant message costs no
/// formatting code; a test holds it to the constants).
const STORAGE_KEY_RULE: &str = "expected a key of 1-128 characters with at most one * standing \
                                for any text (not * alone: that would remove every key), got ";
/// What an off-switch argument or value must be (as [`STORAGE_KEY_RULE`]).
const LITERAL_RULE: &str = "expected a JSON literal: a string of at most 128 characters, a \
                            finite number, true, false, null, or an array or object of those \
                            (keys of at most 128 characters, not __proto__), at most 32 values \
                            in the off-switch; got ";

/// `consentMode`: distinct keys from [`ConsentModeKey::ALL`].
pub(super) fn consent_mode(
    at: At<'_>,
    value: &Value,
    issues: &mut Issues,
) -> Option<ConsentModeKeys> {
    let before = issues.count();
    let mut keys = ConsentModeKeys::NONE;
    for (i, item) in issues.array(at, value)?.iter().enumerate() {
        let path = at.item(i);
        let Some(name) = issues.string(At(&path, ""), item) else {
            continue;
        };
        match ConsentModeKey::ALL.into_iter().find(|k| k.name() == name) {
            Some(key) if keys.contains(key) => {
                issues.add(At(&path, ""), [&quoted(name), " is listed twice"].concat());
            }
            Some(key) => keys = keys.with(key),
            None => {
                let mut message = "expected one of ".to_owned();
                push_list(
                    &mut message,
                    &ConsentModeKey::ALL.map(ConsentModeKey::name),
                    "\", \"",
                    "\"",
                );
                message.push_str(", got ");
                message.push_str(&quoted(name));
                issues.add(At(&path, ""), message);
            }
        }
    }
    (issues.count() == before).then_some(keys)
}

/// `offSwitch`: `{ call, args? }` or `{ set, value }`.
pub(super) fn off_switch(at: At<'_>, value: &Value, issues: &mut Issues) -> Option<OffSwitch> {
    let mut found = [None; OFF_SWITCH_KEYS.len()];
    if !issues.object(at, value, &OFF_SWITCH_KEYS, &mut found) {
        return None;
    }
    let path = at.path();
    let here = |key| At(&path, key);
    let mut count = 0;
    match found {
        [Some(call), args, None, None] => {
            let path = function_path(here("call"), call, issues);
            let args = match args {
                Some(args) => arguments(here("args"), args, &mut count, issues),
                None => Some(Vec::new()),
            };
            Some(OffSwitch::Call {
                path: path?,
                args: args?,
            })
        }
        [None, None, Some(set), Some(value)] => {
            let flag = flag(here("set"), set, issues);
            let value = checked_literal(here("value"), value, &mut count, issues);
            Some(OffSwitch::Set {
                flag: flag?,
                value: value?,
            })
        }
        _ => {
            issues.add(
                at,
                "expected { \"call\": a global function, \"args\"?: [its arguments] } \
                 or { \"set\": a global flag, \"value\": what to set it to }"
                    .to_owned(),
            );
            None
        }
    }
}

/// `localStorage`: distinct keys, or patterns with one `*`, that are not just `*`.
pub(super) fn local_storage(at: At<'_>, value: &Value, issues: &mut Issues) -> Option<Vec<String>> {
    let before = issues.count();
    let items = issues.array(at, value)?;
    if items.len() > MAX_STORAGE_KEYS {
        let mut message = "too many keys; at most ".to_owned();
        push_decimal(&mut message, MAX_STORAGE_KEYS as u64);
        issues.add(at, message);
    }
    let mut keys: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = at.item(i);
        let here = At(&path, "");
        let Some(key) = issues.string(here, item) else {
            continue;
        };
        if key.is_empty()
            || key.len() > MAX_NAME_LENGTH
            || key == "*"
            || key.matches('*').count() > 1
        {
            issues.add(here, [STORAGE_KEY_RULE, &quoted(key)].concat());
        } else if keys.iter().any(|k| k == key) {
            issues.add(here, [&quoted(key), " is listed twice"].concat());
        } else {
            keys.push(key.to_owned());
        }
    }
    (issues.count() == before).then_some(keys)
}

/// A dotted path of JavaScript identifiers (`Intercom`, `Vendor.widget.close`).
fn function_path(at: At<'_>, value: &Value, issues: &mut Issues) -> Option<Vec<String>> {
    let raw = issues.string(at, value)?;
    let valid = raw.len() <= MAX_NAME_LENGTH && raw.split('.').all(is_identifier);
    if !valid {
        issues.add(
            at,
            [
                "expected a global function as JavaScript identifiers joined by dots \
                 (\"Intercom\", \"Vendor.widget.close\"; not __proto__, prototype or \
                 constructor), got ",
                &quoted(raw),
            ]
            .concat(),
        );
        return None;
    }
    Some(raw.split('.').map(str::to_owned).collect())
}

/// A global flag's name: `A-Z a-z 0-9 _ $ -`, with the `{id}` placeholder anywhere.
fn flag(at: At<'_>, value: &Value, issues: &mut Issues) -> Option<String> {
    let raw = issues.string(at, value)?;
    let plain = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '-'))
    };
    // At most one placeholder: the text around it has no braces.
    let (before, after) = split_at_id_placeholder(raw).unwrap_or((raw, ""));
    let valid = (1..=MAX_NAME_LENGTH).contains(&raw.len())
        && !PROTOTYPE_NAMES.contains(&raw)
        && plain(before)
        && plain(after);
    if !valid {
        issues.add(
            at,
            [
                "expected a global's name of A-Z a-z 0-9 _ $ - where {id} stands for the id \
                 query parameter of the script URL (\"ga-disable-{id}\"), got ",
                &quoted(raw),
            ]
            .concat(),
        );
        return None;
    }
    Some(raw.to_owned())
}

fn arguments(
    at: At<'_>,
    value: &Value,
    count: &mut usize,
    issues: &mut Issues,
) -> Option<Vec<Literal>> {
    let items = issues.array(at, value)?;
    let before = issues.count();
    let mut args = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        args.extend(checked_literal(At(&at.item(i), ""), item, count, issues));
    }
    (issues.count() == before).then_some(args)
}

/// A JSON literal at `at` (an argument or a flag's value), its values counted into `count`.
fn checked_literal(
    at: At<'_>,
    value: &Value,
    count: &mut usize,
    issues: &mut Issues,
) -> Option<Literal> {
    let found = literal(value, count);
    if found.is_none() {
        issues.add(at, [LITERAL_RULE, value.kind()].concat());
    }
    found
}

/// `value` as a literal, or `None` when it is not one or `count` passes
/// [`MAX_OFF_SWITCH_VALUES`] with it.
fn literal(value: &Value, count: &mut usize) -> Option<Literal> {
    *count += 1;
    let short = |text: &str| text.len() <= MAX_NAME_LENGTH;
    Some(match value {
        _ if *count > MAX_OFF_SWITCH_VALUES => return None,
        Value::Null => Literal::Null,
        Value::Bool(b) => Literal::Bool(*b),
        Value::Number(n) if n.is_finite() => Literal::Number(*n),
        Value::String(s) if short(s) => Literal::String(s.clone()),
        Value::Array(items) => {
            let mut list = Vec::with_capacity(items.len());
            for item in items {
                list.push(literal(item, count)?);
            }
            Literal::Array(list)
        }
        Value::Object(entries) => {
            let mut object = Vec::with_capacity(entries.len());
            for (key, item) in entries {
                if !short(key) || key == "__proto__" {
                    return None;
                }
                object.push((key.clone(), literal(item, count)?));
            }
            Literal::Object(object)
        }
        _ => return None,
    })
}

fn is_identifier(segment: &str) -> bool {
    let mut chars = segment.chars();
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    chars.next().is_some_and(|c| ok(c) && !c.is_ascii_digit())
        && chars.all(ok)
        && !PROTOTYPE_NAMES.contains(&segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_say_the_limits_the_checks_apply() {
        let name = format!("of 1-{MAX_NAME_LENGTH} characters");
        assert!(STORAGE_KEY_RULE.contains(&name), "{STORAGE_KEY_RULE}");
        for said in [
            format!("at most {MAX_NAME_LENGTH} characters"),
            format!("at most {MAX_OFF_SWITCH_VALUES} values"),
        ] {
            assert!(LITERAL_RULE.contains(&said), "{LITERAL_RULE}: {said}");
        }
    }
}
