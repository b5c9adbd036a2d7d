//! JSON written by hand for the consent record and the snapshot: no serde_json in the shipped
//! wasm, and every value written is known in advance (ids, codes, times, booleans).

use crate::record::Record;
use crate::text::push_hex;
use crate::time::iso8601;

pub(crate) fn field(out: &mut String, name: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
}

pub(crate) fn push_times(out: &mut String, record: &Record) {
    field(out, "decidedAt");
    push_string(out, &iso8601(record.decided_at));
    field(out, "expiresAt");
    push_string(out, &iso8601(record.expires_at));
}

pub(crate) fn push_choices<'a>(out: &mut String, choices: impl Iterator<Item = (&'a str, bool)>) {
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

pub(crate) fn push_optional(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => push_string(out, text),
        None => out.push_str("null"),
    }
}

/// `text` as a JSON string. Every string written here is ASCII letters, digits, `_`, `-`, `:`;
/// anything else is escaped all the same, so the output is JSON whatever comes in.
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                // Below 0x20: one byte.
                push_hex(out, &[c as u8]);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
