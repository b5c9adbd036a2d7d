//! Whole words in generated JS and TypeScript, and the short identifiers the name shorteners
//! give. A word is a run not next to `A-Z a-z 0-9 _ $`, so `f` is not found in `xf` or `f_1`.

/// The characters of the short names: valid first characters of a JS identifier.
const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Whether `c` can be part of a JS identifier (ASCII; wasm-bindgen writes nothing else).
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The `n`th short name: `a` … `Z`, then `ba`, `bb`, … (the leading character is never `a`,
/// so no two names are equal).
pub fn short_name(mut n: usize) -> String {
    let base = ALPHABET.len();
    let mut digits = vec![ALPHABET[n % base]];
    n /= base;
    while n > 0 {
        digits.push(ALPHABET[n % base]);
        n /= base;
    }
    digits.iter().rev().map(|&b| char::from(b)).collect()
}

/// A word is not exactly once in a text: how many times it is.
#[derive(Debug, PartialEq, Eq)]
pub struct NotOnce(pub usize);

/// `text` with the one whole-word `word` replaced by `with`.
///
/// # Errors
/// [`NotOnce`] when `word` is missing or there more than once.
pub fn replace_once(text: &str, word: &str, with: &str) -> Result<String, NotOnce> {
    let hits: Vec<usize> = text
        .match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| is_whole(text, at, word.len()))
        .collect();
    match hits[..] {
        [at] => Ok([&text[..at], with, &text[at + word.len()..]].concat()),
        _ => Err(NotOnce(hits.len())),
    }
}

/// `text` with every whole-word `word` replaced by `with`.
pub fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, _) in text.match_indices(word) {
        if is_whole(text, at, word.len()) {
            out.push_str(&text[copied..at]);
            out.push_str(with);
            copied = at + word.len();
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Every maximal run of word characters in `text`, with its byte offset.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut searched = 0;
    std::iter::from_fn(move || {
        let start = searched + text[searched..].find(is_word_char)?;
        let end = text[start..]
            .find(|c| !is_word_char(c))
            .map_or(text.len(), |len| start + len);
        searched = end;
        Some((start, &text[start..end]))
    })
}

/// Whether the `len` bytes of `text` at `at` are not next to a word character.
fn is_whole(text: &str, at: usize, len: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(is_word_char);
    !word(text[..at].chars().next_back()) && !word(text[at + len..].chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_words_are_replaced() {
        assert_eq!(
            replace_word(
                "(a: any, b: any) => any; many anyway $any any_",
                "any",
                "unknown"
            ),
            "(a: unknown, b: unknown) => unknown; many anyway $any any_"
        );
    }

    #[test]
    fn replace_once_wants_the_word_exactly_once() {
        assert_eq!(
            replace_once("f(xf, f_1)", "f", "g"),
            Ok("g(xf, f_1)".into())
        );
        assert_eq!(replace_once("f(f)", "f", "g"), Err(NotOnce(2)));
        assert_eq!(replace_once("xf", "f", "g"), Err(NotOnce(0)));
    }

    #[test]
    fn word_spans_are_maximal_runs_with_their_offsets() {
        let spans: Vec<_> = word_spans("wasm.a_1($x, é9)").collect();
        assert_eq!(spans, [(0, "wasm"), (5, "a_1"), (9, "$x"), (15, "9")]);
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<_> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "ba");
        let distinct: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }
}
