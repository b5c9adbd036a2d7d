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

/// Appends `n` as exactly 8 lowercase hex digits.
pub(crate) fn push_hex8(out: &mut String, n: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend(
        (0..8)
            .rev()
            .map(|i| char::from(HEX[((n >> (i * 4)) & 0xf) as usize])),
    );
}

/// `text` read as a number in `radix` (at most 36): one or more of its digits, nothing else (no
/// sign), and `None` if it does not fit a `u64`. One reader for every number a stored format
/// holds, instead of a copy of the standard parser per integer type.
pub(crate) fn parse_digits(text: &str, radix: u32) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.chars().try_fold(0u64, |n, c| {
        n.checked_mul(radix.into())?
            .checked_add(c.to_digit(radix)?.into())
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
                const HEX: &[u8; 16] = b"0123456789abcdef";
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
        push_hex8(&mut out, 0x00ab_cdef);
        assert_eq!(out, "00abcdef");
    }

    #[test]
    fn parse_digits_reads_what_push_decimal_and_push_hex8_write_and_nothing_else() {
        for n in [0, 7, 1_780_000_000, u64::MAX] {
            let mut text = String::new();
            push_decimal(&mut text, n);
            assert_eq!(parse_digits(&text, 10), Some(n), "{text}");
        }
        let mut hex = String::new();
        push_hex8(&mut hex, 0xdead_beef);
        assert_eq!(parse_digits(&hex, 16), Some(0xdead_beef));
        for bad in ["", "+1", "-1", " 1", "1 ", "1a", "18446744073709551616"] {
            assert_eq!(parse_digits(bad, 10), None, "{bad:?}");
        }
        assert_eq!(parse_digits("g", 16), None);
    }

    #[test]
    fn split_at_last_splits_as_rsplit_once_does() {
        for text in ["", "a", "a:b", "a:b:c", ":", "é:ü:", "[::1]:8080"] {
            assert_eq!(split_at_last(text, b':'), text.rsplit_once(':'), "{text}");
        }
    }
}
