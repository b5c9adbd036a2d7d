//! The outbox's stored text: consent records the endpoint has not confirmed yet, one a line,
//! kept in `localStorage` and sent again, with the same id, on the next load.

/// Most records the outbox keeps; the oldest go first past this (a backend down for weeks must
/// not fill the user's storage).
pub const MAX: usize = 20;

/// Longest outbox line accepted back from storage: anything longer was not written by us.
const LINE_MAX: usize = 2048;

/// The outbox's records, in the order they were added, from its stored text (one record a line).
/// Lines that are not a record the widget wrote (wrong start, too long) are skipped.
pub fn items(stored: &str) -> impl Iterator<Item = &str> {
    stored
        .split('\n')
        .filter(|line| line.len() <= LINE_MAX && line.starts_with("{\"schemaVersion\":"))
}

/// The outbox's text with `record` added at the end (once: a record already in it stays where it
/// is), keeping the newest [`MAX`].
pub fn add(stored: &str, record: &str) -> String {
    let mut items: Vec<&str> = items(stored).filter(|r| *r != record).collect();
    items.push(record);
    let skip = items.len().saturating_sub(MAX);
    items[skip..].join("\n")
}

/// The outbox's text without `record` (the endpoint confirmed it).
pub fn remove(stored: &str, record: &str) -> String {
    items(stored)
        .filter(|r| *r != record)
        .collect::<Vec<_>>()
        .join("\n")
}
