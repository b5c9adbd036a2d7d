//! `docs/configuration.md` documents exactly the keys the config parser accepts: each of its key
//! tables, found under its own heading, lists in its first column the same set of backticked keys
//! as the parser's list for that object, so the reference for JS developers cannot drift.

use kaiten_consent::config::{COOKIE_KEYS, KEYS, OFF_SWITCH_KEYS, PROCESSOR_KEYS};
use kaiten_consent::ui_text::UiText;
use std::collections::BTreeSet;

const PAGE: &str = "docs/configuration.md";

/// Each documented object: the heading its table follows, and the parser's list, by name.
const TABLES: [(&str, &str, &[&str]); 5] = [
    ("## The config object", "config::KEYS", &KEYS),
    (
        "## `processors[]`: a processor entry",
        "config::PROCESSOR_KEYS",
        &PROCESSOR_KEYS,
    ),
    (
        "### `processors[].cookies[]`",
        "config::COOKIE_KEYS",
        &COOKIE_KEYS,
    ),
    (
        "### `processors[].offSwitch`",
        "config::OFF_SWITCH_KEYS",
        &OFF_SWITCH_KEYS,
    ),
    (
        "## `texts.<language>`: the widget's wording",
        "ui_text::UiText::KEYS",
        &UiText::KEYS,
    ),
];

fn page() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/configuration.md");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{PAGE}: {e}"))
}

/// The keys in the first column of the first table after `heading` (the only line equal to it),
/// in order; panics naming the heading when it is missing, repeated or followed by no table.
fn documented_keys(page: &str, heading: &str) -> Vec<String> {
    let lines: Vec<&str> = page.lines().collect();
    let at: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == heading).collect();
    assert_eq!(
        at.len(),
        1,
        "{PAGE}: expected the heading \"{heading}\" exactly once, found it {} times",
        at.len()
    );
    let table: Vec<&str> = lines[at[0] + 1..]
        .iter()
        .take_while(|line| !line.starts_with('#'))
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .copied()
        .collect();
    assert!(
        table.len() > 2,
        "{PAGE}: no table with rows under \"{heading}\""
    );
    table[2..]
        .iter()
        .map(|row| {
            let first = row.trim_start_matches('|').split('|').next().unwrap_or("");
            let key = first.trim();
            key.strip_prefix('`')
                .and_then(|k| k.strip_suffix('`'))
                .unwrap_or_else(|| {
                    panic!("{PAGE}, under \"{heading}\": a row's first cell is not one backticked key: {row}")
                })
                .to_owned()
        })
        .collect()
}

#[test]
fn every_key_table_lists_exactly_the_keys_the_parser_accepts() {
    let page = page();
    let mut problems = Vec::new();
    for (heading, list, accepted) in TABLES {
        let documented = documented_keys(&page, heading);
        let documented_set: BTreeSet<&str> = documented.iter().map(String::as_str).collect();
        let accepted_set: BTreeSet<&str> = accepted.iter().copied().collect();
        if documented_set.len() != documented.len() {
            problems.push(format!("under \"{heading}\": a key is listed twice"));
        }
        for missing in accepted_set.difference(&documented_set) {
            problems.push(format!(
                "under \"{heading}\": `{missing}` is accepted by the parser ({list}) but not documented"
            ));
        }
        for extra in documented_set.difference(&accepted_set) {
            problems.push(format!(
                "under \"{heading}\": `{extra}` is documented but the parser ({list}) does not accept it"
            ));
        }
    }
    assert!(problems.is_empty(), "{PAGE}:\n{}", problems.join("\n"));
}

#[test]
fn the_text_keys_are_documented_in_the_parsers_order() {
    let documented = documented_keys(&page(), TABLES[4].0);
    assert_eq!(
        documented,
        UiText::KEYS,
        "{PAGE}: the texts table follows UiText::KEYS' order (the hash's order)"
    );
}
