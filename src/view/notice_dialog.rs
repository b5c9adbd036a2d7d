//! The full privacy notice as shown: a modal dialog, reachable from both layers and the API.

use super::{Button, ButtonAction};
use crate::config::Config;
use crate::language::Language;
use crate::notice::{Notice, Section};
use crate::ui_text::UiText;

/// The notice dialog as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeView<'a> {
    /// The language of every text in it.
    pub language: Language,
    /// Heading, also the dialog's accessible name.
    pub title: &'static str,
    /// "Revision 1": which revision of the notice this is; the dialog's description.
    pub revision: String,
    /// The sections, in order.
    pub sections: &'static [Section],
    /// What the sections' [`crate::notice::Span::ConsentProcessors`] show: the names of the
    /// consent-based processors in force.
    pub consent_processors: String,
    /// Closes the dialog.
    pub close: Button<'a>,
}

impl<'a> NoticeView<'a> {
    /// The notice in `language`, of `config`'s revision, naming its processors.
    pub fn new(config: &'a Config, language: Language) -> Self {
        let notice = Notice::get(language);
        let mut revision_text = notice.revision.to_owned();
        revision_text.push(' ');
        crate::text::push_decimal(&mut revision_text, config.revision().into());
        Self {
            language,
            title: notice.title,
            revision: revision_text,
            sections: notice.sections,
            consent_processors: config.consent_names(language),
            close: Button {
                action: ButtonAction::Close,
                label: config.text(language, UiText::Close),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_shows_its_revision_every_section_and_the_processors_in_force() {
        let third = Config::parse(&crate::config::Value::Object(vec![(
            "revision".to_owned(),
            crate::config::Value::Number(3.0),
        )]))
        .expect("a valid config");
        let en = NoticeView::new(&third, Language::En);
        assert_eq!(en.revision, "Revision 3");
        assert_eq!(en.sections.len(), 6);
        assert_eq!(
            en.consent_processors,
            "Google Analytics, Intercom and Wootric"
        );
        let kaiten = Config::kaiten();
        let ru = NoticeView::new(&kaiten, Language::Ru);
        assert_eq!(ru.revision, "Редакция 1");
        assert_eq!(ru.title, "Политика конфиденциальности Kaiten");
        assert_eq!(
            ru.consent_processors,
            "Google Analytics, Intercom и Wootric"
        );
        assert_eq!(ru.close.action, ButtonAction::Close);
    }
}
