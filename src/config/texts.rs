//! The host's own wording (`texts` key): per language, any of the widget's texts
//! ([`UiText::KEYS`]), each checked as the widget's own are ([`ui_text::check`]).
//!
//! Every text has the widget's own wording in every language it carries, so the language in
//! force is always complete after defaults: a host gives only what it changes.

use super::issues::{At, Issues};
use super::Value;
use crate::language::Language;
use crate::text::quoted;
use crate::ui_text::{self, TextProblem, UiText};

/// A text the host gave: its language, which text, and the wording.
pub(super) type HostText = (Language, UiText, String);

/// Validates the `texts` object; `None` when anything in it has an issue (all are reported).
pub(super) fn parse(value: &Value, issues: &mut Issues) -> Option<Vec<HostText>> {
    let at = At("", "texts");
    let before = issues.count();
    let tags = Language::ALL.map(Language::tag);
    let mut languages = [None; Language::ALL.len()];
    if !issues.object(at, value, &tags, &mut languages) {
        return None;
    }
    let mut texts = Vec::new();
    for (language, given) in Language::ALL.into_iter().zip(languages) {
        let Some(given) = given else {
            continue;
        };
        let path = At("texts", language.tag()).path();
        let mut found = [None; ui_text::COUNT];
        if !issues.object(At(&path, ""), given, &UiText::KEYS, &mut found) {
            continue;
        }
        for (key, value) in UiText::ALL.into_iter().zip(found) {
            let Some(value) = value else {
                continue;
            };
            let at = At(&path, key.key());
            let Some(text) = issues.string(at, value) else {
                continue;
            };
            match ui_text::check(key, text) {
                Ok(()) => texts.push((language, key, text.to_owned())),
                // A text too long to read is not repeated in the message.
                Err(TextProblem::TooLong) => {
                    issues.add(at, TextProblem::TooLong.message().to_owned())
                }
                Err(problem) => {
                    issues.add(at, [problem.message(), ", got ", &quoted(text)].concat())
                }
            }
        }
    }
    (issues.count() == before).then_some(texts)
}
