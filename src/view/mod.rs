//! What is on screen, as a value: structure, text, roles and test hooks. The web layer turns it
//! into DOM; host tests read it directly.
//!
//! Four parts: the first-layer [`Banner`] (a non-modal region), the second-layer [`Preferences`]
//! (a modal dialog with one row per processor), the full [`NoticeView`] (a modal dialog) and the
//! [`Entry`] point that reopens the preferences after a decision.

mod notice_dialog;
mod preferences;

pub use notice_dialog::NoticeView;
pub use preferences::{Preferences, Row, Switch};

use crate::language::Language;
use crate::notice::Notice;

/// The attribute that carries the widget's stable test hooks (`data-kc="banner"`, …).
pub const HOOK_ATTRIBUTE: &str = "data-kc";
/// The attribute that names what a button does (`data-kc-action="accept-all"`, …).
pub const ACTION_ATTRIBUTE: &str = "data-kc-action";
/// The attribute on each processor's switch, naming the processor (`data-kc-processor="analytics"`).
pub const PROCESSOR_ATTRIBUTE: &str = "data-kc-processor";

/// Hook values: stable, documented names a headless test can select on.
pub mod hook {
    /// The widget's host element, in the page's light DOM.
    pub const ROOT: &str = "root";
    /// The first-layer banner, inside the root's shadow tree.
    pub const BANNER: &str = "banner";
    /// The preferences dialog.
    pub const PREFERENCES: &str = "preferences";
    /// The full privacy notice dialog.
    pub const NOTICE: &str = "notice";
    /// The persistent "Privacy settings" button shown after a decision.
    pub const ENTRY: &str = "entry";
    /// The preferences dialog's polite status message.
    pub const STATUS: &str = "status";
}

/// A button's meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonAction {
    /// Accept every consent-based processor.
    AcceptAll,
    /// Refuse every consent-based processor.
    RejectAll,
    /// Open the preferences (the banner's "Settings" and the entry point).
    Settings,
    /// Save the preferences' switches as they are.
    Save,
    /// Open the full privacy notice.
    OpenNotice,
    /// Close the dialog it is in, changing nothing.
    Close,
}

impl ButtonAction {
    const ALL: [Self; 6] = [
        Self::AcceptAll,
        Self::RejectAll,
        Self::Settings,
        Self::Save,
        Self::OpenNotice,
        Self::Close,
    ];

    /// The `data-kc-action` value.
    pub fn hook(self) -> &'static str {
        match self {
            ButtonAction::AcceptAll => "accept-all",
            ButtonAction::RejectAll => "reject-all",
            ButtonAction::Settings => "settings",
            ButtonAction::Save => "save",
            ButtonAction::OpenNotice => "open-notice",
            ButtonAction::Close => "close",
        }
    }

    /// The action for a `data-kc-action` value.
    pub fn from_hook(hook: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.hook() == hook)
    }

    /// Whether pressing it records a decision (so only a trusted, user-made click may do it).
    pub fn decides(self) -> bool {
        matches!(self, Self::AcceptAll | Self::RejectAll | Self::Save)
    }
}

/// A button as shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Button {
    /// What it does.
    pub action: ButtonAction,
    /// Its visible label (also its accessible name).
    pub label: &'static str,
}

impl Button {
    fn new(action: ButtonAction, label: &'static str) -> Self {
        Self { action, label }
    }
}

/// The first-layer banner as shown: a non-modal region, never a wall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Banner {
    /// The language of every text in it.
    pub language: Language,
    /// Heading, also the region's accessible name.
    pub title: &'static str,
    /// What is asked, naming the purposes and the processors.
    pub body: &'static str,
    /// The link-styled button that opens the full notice.
    pub open_notice: Button,
    /// That consent can be withdrawn at any time in Privacy settings.
    pub withdraw_hint: &'static str,
    /// Accept all, Reject all, Settings: equal buttons, in this order.
    pub buttons: [Button; 3],
}

impl Banner {
    /// The banner in `language`.
    pub fn new(language: Language) -> Self {
        let text = Notice::get(language).banner;
        Self {
            language,
            title: text.title,
            body: text.body,
            open_notice: Button::new(ButtonAction::OpenNotice, text.open_notice),
            withdraw_hint: text.withdraw_hint,
            buttons: [
                Button::new(ButtonAction::AcceptAll, text.accept_all),
                Button::new(ButtonAction::RejectAll, text.reject_all),
                Button::new(ButtonAction::Settings, text.settings),
            ],
        }
    }
}

/// The persistent entry point shown after a decision: one button that opens the preferences,
/// so withdrawing is one click away, as consenting was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its label ("Privacy settings").
    pub button: Button,
}

impl Entry {
    /// The entry point in `language`.
    pub fn new(language: Language) -> Self {
        let label = Notice::get(language).preferences.title;
        Self {
            button: Button::new(ButtonAction::Settings, label),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_offer_reject_beside_accept_with_distinct_hooks() {
        for language in Language::ALL {
            let banner = Banner::new(language);
            let hooks: Vec<_> = banner.buttons.iter().map(|b| b.action.hook()).collect();
            assert_eq!(hooks, ["accept-all", "reject-all", "settings"]);
            assert!(banner.buttons.iter().all(|b| !b.label.is_empty()));
            for b in banner.buttons {
                assert_eq!(ButtonAction::from_hook(b.action.hook()), Some(b.action));
            }
        }
    }

    #[test]
    fn every_action_round_trips_its_hook_and_only_decisions_decide() {
        for action in ButtonAction::ALL {
            assert_eq!(ButtonAction::from_hook(action.hook()), Some(action));
        }
        let deciding: Vec<_> = ButtonAction::ALL
            .into_iter()
            .filter(|a| a.decides())
            .collect();
        assert_eq!(
            deciding,
            [
                ButtonAction::AcceptAll,
                ButtonAction::RejectAll,
                ButtonAction::Save
            ]
        );
        assert_eq!(ButtonAction::from_hook("accept"), None);
    }

    #[test]
    fn the_banner_names_the_processors_links_the_notice_and_says_consent_can_be_withdrawn() {
        for language in Language::ALL {
            let banner = Banner::new(language);
            for name in ["Google Analytics", "Intercom", "Wootric"] {
                assert!(banner.body.contains(name), "{language:?}: {name}");
            }
            assert_eq!(banner.open_notice.action, ButtonAction::OpenNotice);
            let entry = Entry::new(language);
            assert_eq!(entry.button.action, ButtonAction::Settings);
            assert_eq!(entry.button.label, Notice::get(language).preferences.title);
        }
        assert!(Banner::new(Language::En)
            .withdraw_hint
            .contains("Privacy settings"));
    }
}
