//! The privacy notice as structured, versioned text per language. Text only: the web layer puts
//! it into the DOM as text nodes, never as HTML.

use crate::language::Language;
use crate::ui_text::PROCESSORS_PLACEHOLDER;

mod en;
mod ru;

/// An inline piece of notice text: plain text, a link, or the processors' names. Links are values,
/// never markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(&'static str),
    /// A link: its visible text and its address (`https:` or `mailto:`).
    Link(&'static str, &'static str),
    /// The names of the consent-based processors in force, as a list in prose, so the notice
    /// never names one that is not configured.
    ConsentProcessors,
}

/// A block of a notice section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(&'static [Span]),
    /// A bulleted list, one item per entry.
    List(&'static [&'static [Span]]),
}

/// One section of the full privacy notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// The section's heading.
    pub heading: &'static str,
    /// Its paragraphs and lists, in order.
    pub blocks: &'static [Block],
}

/// The full privacy notice in one language: Kaiten's policy, structured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Its language.
    pub language: Language,
    /// The notice's heading and accessible name.
    pub title: &'static str,
    /// Precedes the revision number ("Revision").
    pub revision: &'static str,
    /// The sections, in order.
    pub sections: &'static [Section],
}

impl Notice {
    /// The notice in `language`.
    pub fn get(language: Language) -> &'static Self {
        match language {
            Language::En => &en::NOTICE,
            Language::Ru => &ru::NOTICE,
        }
    }

    /// `days` with its unit in this language ("1 day", "5 дней").
    pub fn days(&self, days: u32) -> String {
        let unit = match self.language {
            Language::En => en::day_unit(days),
            Language::Ru => ru::day_unit(days),
        };
        let mut text = String::new();
        crate::text::push_decimal(&mut text, days.into());
        text.push(' ');
        text.push_str(unit);
        text
    }

    /// Every text of this notice, in a fixed order (the names of the processors as their
    /// placeholder): what a notice hash covers
    /// ([`crate::notice_hash`]) and what the completeness tests check.
    pub fn texts(&self) -> Vec<&'static str> {
        let mut texts = vec![self.language.tag(), self.title, self.revision];
        for section in self.sections {
            texts.push(section.heading);
            for block in section.blocks {
                let spans: &[&[Span]] = match block {
                    Block::Paragraph(spans) => std::slice::from_ref(spans),
                    Block::List(items) => items,
                };
                for span in spans.iter().flat_map(|s| s.iter()) {
                    match *span {
                        Span::Text(text) => texts.push(text),
                        Span::Link(text, href) => texts.extend([text, href]),
                        Span::ConsentProcessors => texts.push(PROCESSORS_PLACEHOLDER),
                    }
                }
            }
        }
        texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of a notice: per section, per block, the number of list items and the links.
    fn shape(notice: &Notice) -> Vec<Vec<(usize, Vec<&'static str>)>> {
        notice
            .sections
            .iter()
            .map(|section| {
                section
                    .blocks
                    .iter()
                    .map(|block| {
                        let items: &[&[Span]] = match block {
                            Block::Paragraph(spans) => std::slice::from_ref(spans),
                            Block::List(items) => items,
                        };
                        let links = items
                            .iter()
                            .flat_map(|spans| spans.iter())
                            .filter_map(|span| match span {
                                Span::Link(_, href) => Some(*href),
                                Span::Text(_) | Span::ConsentProcessors => None,
                            })
                            .collect();
                        (items.len(), links)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_text_in_the_same_structure() {
        let english = Notice::get(Language::En);
        for language in Language::ALL {
            let notice = Notice::get(language);
            assert_eq!(notice.language, language);
            let texts = notice.texts();
            assert_eq!(texts.len(), english.texts().len(), "{language:?}");
            assert!(texts.iter().all(|t| !t.trim().is_empty()), "{language:?}");
            assert_eq!(shape(notice), shape(english), "{language:?}");
        }
    }

    #[test]
    fn links_are_https_or_mailto_and_the_policy_covers_what_the_issue_names() {
        for language in Language::ALL {
            let notice = Notice::get(language);
            let links: Vec<_> = shape(notice)
                .into_iter()
                .flatten()
                .flat_map(|(_, l)| l)
                .collect();
            assert!(links
                .iter()
                .all(|l| l.starts_with("https://") || l.starts_with("mailto:")));
            assert!(links.contains(&"mailto:personaldata@kaiten.io"));
            for processor in ["Intercom", "Wootric", "Heroku", "Google Analytics"] {
                assert!(
                    notice.texts().contains(&processor),
                    "{language:?} {processor}"
                );
            }
            let all = notice.texts().concat();
            assert!(all.contains('2') && all.contains("GDPR"), "{language:?}");
            assert!(!all.contains("http://") && !all.contains("- ") && !all.contains("..."));
        }
    }

    #[test]
    fn days_take_the_plural_of_their_language() {
        let en = Notice::get(Language::En);
        assert_eq!(en.days(1), "1 day");
        assert_eq!(en.days(730), "730 days");
        let ru = Notice::get(Language::Ru);
        let cases = [
            (1, "день"),
            (2, "дня"),
            (5, "дней"),
            (11, "дней"),
            (12, "дней"),
        ];
        for (n, unit) in cases
            .into_iter()
            .chain([(21, "день"), (270, "дней"), (365, "дней")])
        {
            assert_eq!(ru.days(n), format!("{n} {unit}"));
        }
    }
}
