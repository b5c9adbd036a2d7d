//! Text for messages and stored formats, built without `core::fmt`: every `format!`,
//! `to_string()` and `{:?}` on a shipped path keeps the formatting machinery (and its Unicode
//! tables) in the wasm, so numbers and quoted values are written with plain pushes here.

/// Appends `n` in decimal.
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    push_decimal_padded(out, n, 1);
}

/// Appends `n` in decimal, zero-padded to at least `width` (at most 20) digits.
pub(crate) fn push_decimal_padded(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    start = start.min(digits.len() - width);
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// Appends `items` separated by `separator`, the whole list between two `quote`s. (Not
/// `[..].join`: each use of it adds a kilobyte of generic code to the wasm.)
pub(crate) fn push_list(out: &mut String, items: &[&str], separator: &str, quote: &str) {
    out.push_str(quote);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
    out.push_str(quote);
}

/// The lowercase hex digits, by value.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `bytes` as lowercase hex, two digits a byte.
pub(crate) fn push_hex(out: &mut String, bytes: &[u8]) {
    for byte in bytes {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
}

/// Fills `bytes` from `text` written as [`push_hex`] writes it: exactly two lowercase hex digits
/// a byte, so every value has one spelling. `None` for anything else.
pub(crate) fn parse_hex(text: &str, bytes: &mut [u8]) -> Option<()> {
    if text.len() != 2 * bytes.len() {
        return None;
    }
    for (byte, pair) in bytes.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
        *byte = (hex_digit(pair[0])? << 4) | hex_digit(pair[1])?;
    }
    Some(())
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// `text` read as a decimal number: one or more digits, nothing else (no sign), and `None` if it
/// does not fit a `u64`. One reader for every number a stored format holds, instead of a copy of
/// the standard parser per integer type.
pub(crate) fn parse_decimal(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.chars().try_fold(0u64, |n, c| {
        n.checked_mul(10)?.checked_add(c.to_digit(10)?.into())
    })
}

/// `text` split at the last `separator`, an ASCII character, as `str::rsplit_once` splits it.
/// (A byte search: the standard one decodes characters backwards, a routine of its own in the
/// shipped wasm.)
pub(crate) fn split_at_last(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().rposition(|b| b == separator)?;
    Some((&text[..at], &text[at + 1..]))
}

/// `text` between double quotes, as a message shows a value the developer gave: `\\`, `"`,
/// and control characters are escaped the way Rust's `{:?}` escapes them (`\n`, `\u{7f}`);
/// every other character is kept as it is (unlike `{:?}`, which also escapes combining marks
/// and other unprintable Unicode).
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                let n = u32::from(c);
                out.push_str("\\u{");
                if n >= 16 {
                    out.push(char::from(HEX[(n >> 4) as usize]));
                }
                out.push(char::from(HEX[(n & 0xf) as usize]));
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_escapes_what_debug_escapes_for_ascii_and_controls() {
        for text in [
            "plain",
            "",
            "a\"b",
            "back\\slash",
            "line\nfeed\r\t",
            "nul\0",
            "\u{1}\u{1f}\u{7f}\u{85}\u{9f}",
            "тест ✓",
        ] {
            assert_eq!(quoted(text), format!("{text:?}"), "{text:?}");
        }
    }

    #[test]
    fn quoted_keeps_unicode_debug_would_escape() {
        assert_eq!(quoted("\u{301}e\u{200b}"), "\"\u{301}e\u{200b}\"");
    }

    #[test]
    fn decimal_and_hex() {
        for n in [0, 7, 10, 99, 1_000_000, u64::MAX] {
            let mut out = String::new();
            push_decimal(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        let mut out = String::new();
        push_hex(&mut out, &[0x00, 0xab, 0xcd, 0xef]);
        assert_eq!(out, "00abcdef");
    }

    #[test]
    fn hex_reads_back_only_the_spelling_it_writes() {
        let mut bytes = [0; 4];
        assert_eq!(parse_hex("00abcdef", &mut bytes), Some(()));
        assert_eq!(bytes, [0x00, 0xab, 0xcd, 0xef]);
        for refused in [
            "00ABCDEF",
            "00abcde",
            "00abcdef0",
            "+0abcdef",
            " 0abcdef",
            "00abcdeg",
            "00abcd\u{e9}",
        ] {
            assert_eq!(parse_hex(refused, &mut bytes), None, "{refused}");
        }
    }

    #[test]
    fn parse_decimal_reads_what_push_decimal_writes_and_nothing_else() {
        for n in [0, 7, 1_780_000_000, u64::MAX] {
            let mut text = String::new();
            push_decimal(&mut text, n);
            assert_eq!(parse_decimal(&text), Some(n), "{text}");
        }
        for bad in ["", "+1", "-1", " 1", "1 ", "1a", "18446744073709551616"] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn split_at_last_splits_as_rsplit_once_does() {
        for text in ["", "a", "a:b", "a:b:c", ":", "é:ü:", "[::1]:8080"] {
            assert_eq!(split_at_last(text, b':'), text.rsplit_once(':'), "{text}");
        }
    }
}
