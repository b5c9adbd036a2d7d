//! The full privacy notice as shown: a modal dialog, reachable from both layers and the API.

use super::{Button, ButtonAction};
use crate::language::Language;
use crate::notice::{Notice, Section};

/// The notice dialog as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeView {
    /// The language of every text in it.
    pub language: Language,
    /// Heading, also the dialog's accessible name.
    pub title: &'static str,
    /// "Revision 1": which revision of the notice this is; the dialog's description.
    pub revision: String,
    /// The sections, in order.
    pub sections: &'static [Section],
    /// Closes the dialog.
    pub close: Button,
}

impl NoticeView {
    /// The notice in `language`, of revision `revision` (the config's).
    pub fn new(language: Language, revision: u32) -> Self {
        let notice = Notice::get(language);
        let mut revision_text = notice.policy.revision.to_owned();
        revision_text.push(' ');
        crate::text::push_decimal(&mut revision_text, revision.into());
        Self {
            language,
            title: notice.policy.title,
            revision: revision_text,
            sections: notice.policy.sections,
            close: Button {
                action: ButtonAction::Close,
                label: notice.preferences.close,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_shows_its_revision_and_every_section() {
        let en = NoticeView::new(Language::En, 3);
        assert_eq!(en.revision, "Revision 3");
        assert_eq!(en.sections.len(), 6);
        let ru = NoticeView::new(Language::Ru, 1);
        assert_eq!(ru.revision, "Редакция 1");
        assert_eq!(ru.title, "Политика конфиденциальности Kaiten");
        assert_eq!(ru.close.action, ButtonAction::Close);
    }
}
