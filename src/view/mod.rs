//! What is on screen, as a value: structure, text, roles and test hooks. The web layer turns it
//! into DOM; host tests read it directly.
//!
//! Four parts: the first-layer [`Banner`] (a non-modal region), the second-layer [`Preferences`]
//! (a modal dialog with one row per processor), the full [`NoticeView`] (a modal dialog) and the
//! [`Entry`] point that reopens the preferences after a decision; and the [`GpcNote`] the entry
//! point and the preferences show while Global Privacy Control is on. Every text comes from the
//! config in force: its processors and its wording ([`Config::text`]).

mod notice_dialog;
mod preferences;

pub use notice_dialog::NoticeView;
pub use preferences::{Preferences, Row, Switch};

use crate::config::Config;
use crate::consent::Consent;
use crate::language::Language;
use crate::ui_text::{fill, join_names, UiText};

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
pub struct Button<'a> {
    /// What it does.
    pub action: ButtonAction,
    /// Its visible label (also its accessible name).
    pub label: &'a str,
}

impl<'a> Button<'a> {
    fn new(action: ButtonAction, label: &'a str) -> Self {
        Self { action, label }
    }
}

/// The first-layer banner as shown: a non-modal region, never a wall.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner<'a> {
    /// The language of every text in it.
    pub language: Language,
    /// Heading, also the region's accessible name.
    pub title: &'a str,
    /// Leads the list of what is asked.
    pub intro: &'a str,
    /// What is asked: each consent-based processor in force, by name, with its purpose, in
    /// config order.
    pub purposes: Vec<(&'a str, &'a str)>,
    /// The link-styled button that opens the full notice.
    pub open_notice: Button<'a>,
    /// That consent can be withdrawn at any time in Privacy settings.
    pub withdraw_hint: &'a str,
    /// Accept all, Reject all, Settings: equal buttons, in this order.
    pub buttons: [Button<'a>; 3],
}

impl<'a> Banner<'a> {
    /// The banner in `language` for `config`'s processors and texts.
    pub fn new(config: &'a Config, language: Language) -> Self {
        let text = |t| config.text(language, t);
        Self {
            language,
            title: text(UiText::BannerTitle),
            intro: text(UiText::BannerIntro),
            purposes: config
                .consent_processors()
                .map(|p| (p.name.as_str(), p.purpose.get(language)))
                .collect(),
            open_notice: Button::new(ButtonAction::OpenNotice, text(UiText::OpenNotice)),
            withdraw_hint: text(UiText::WithdrawHint),
            buttons: [
                Button::new(ButtonAction::AcceptAll, text(UiText::AcceptAll)),
                Button::new(ButtonAction::RejectAll, text(UiText::RejectAll)),
                Button::new(ButtonAction::Settings, text(UiText::Settings)),
            ],
        }
    }
}

/// The persistent entry point shown after a decision: one button that opens the preferences,
/// so withdrawing is one click away, as consenting was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Its label ("Privacy settings").
    pub button: Button<'a>,
}

impl<'a> Entry<'a> {
    /// The entry point in `language`.
    pub fn new(config: &'a Config, language: Language) -> Self {
        Self {
            button: Button::new(
                ButtonAction::Settings,
                config.text(language, UiText::PreferencesTitle),
            ),
        }
    }
}

/// What the widget says about the browser's Global Privacy Control signal while it is on and a
/// decision is in force, so a user who set it sees that it worked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GpcNote {
    /// A short line on the entry point.
    pub entry: String,
    /// A sentence at the top of the preferences, naming the processors it concerns.
    pub preferences: String,
}

impl GpcNote {
    /// The note for `consent` in `language`: a refusal in force names every consent-based
    /// processor as off; a decision that turned some on names those. `None` without the signal
    /// or without a decision.
    pub fn of(consent: &Consent, language: Language) -> Option<Self> {
        consent.decision()?;
        if !consent.gpc() {
            return None;
        }
        let config = consent.config();
        let granted = consent.granted();
        let (entry, sentence) = if granted.is_empty() {
            (UiText::GpcEntryRefused, UiText::GpcRefused)
        } else {
            (UiText::GpcEntryOptedIn, UiText::GpcOptedIn)
        };
        // Refused: every consent-based processor is off. Opted in: the ones turned on.
        let names: Vec<&str> = config
            .consent_processors()
            .filter(|p| granted.is_empty() || granted.contains(&p.id))
            .map(|p| p.name.as_str())
            .collect();
        let names = join_names(&names, config.text(language, UiText::ListAnd));
        Some(Self {
            entry: config.text(language, entry).to_owned(),
            preferences: fill(config.text(language, sentence), &names),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_offer_reject_beside_accept_with_distinct_hooks() {
        let config = Config::kaiten();
        for language in Language::ALL {
            let banner = Banner::new(&config, language);
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
        let config = Config::kaiten();
        for (language, entry_label) in [
            (Language::En, "Privacy settings"),
            (Language::Ru, "Настройки конфиденциальности"),
        ] {
            let banner = Banner::new(&config, language);
            let names: Vec<_> = banner.purposes.iter().map(|(name, _)| *name).collect();
            assert_eq!(names, ["Google Analytics", "Intercom", "Wootric"]);
            assert_eq!(banner.open_notice.action, ButtonAction::OpenNotice);
            let entry = Entry::new(&config, language);
            assert_eq!(entry.button.action, ButtonAction::Settings);
            assert_eq!(entry.button.label, entry_label);
        }
        assert!(Banner::new(&config, Language::En)
            .withdraw_hint
            .contains("Privacy settings"));
    }
}
