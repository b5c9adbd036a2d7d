//! What is on screen, as a value: structure, text, roles and test hooks. The web layer turns it
//! into DOM; host tests read it directly.

use crate::notice::{Language, Notice};

/// The attribute that carries the widget's stable test hooks (`data-kc="banner"`, …).
pub const HOOK_ATTRIBUTE: &str = "data-kc";
/// The attribute that names what a button does (`data-kc-action="accept-all"`, …).
pub const ACTION_ATTRIBUTE: &str = "data-kc-action";

/// Hook values: stable, documented names a headless test can select on.
pub mod hook {
    /// The widget's host element, in the page's light DOM.
    pub const ROOT: &str = "root";
    /// The first-layer banner, inside the root's shadow tree.
    pub const BANNER: &str = "banner";
}

/// A banner button's meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonAction {
    /// Accept every consent-based processor.
    AcceptAll,
    /// Refuse every consent-based processor.
    RejectAll,
    /// Open the preferences.
    Settings,
}

impl ButtonAction {
    /// The `data-kc-action` value.
    pub fn hook(self) -> &'static str {
        match self {
            ButtonAction::AcceptAll => "accept-all",
            ButtonAction::RejectAll => "reject-all",
            ButtonAction::Settings => "settings",
        }
    }

    /// The action for a `data-kc-action` value.
    pub fn from_hook(hook: &str) -> Option<Self> {
        [Self::AcceptAll, Self::RejectAll, Self::Settings]
            .into_iter()
            .find(|a| a.hook() == hook)
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

/// The first-layer banner as shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Banner {
    /// The language of every text in it.
    pub language: Language,
    /// Heading, also the region's accessible name.
    pub title: &'static str,
    /// What is asked.
    pub body: &'static str,
    /// That consent can be withdrawn.
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
            withdraw_hint: text.withdraw_hint,
            buttons: [
                Button {
                    action: ButtonAction::AcceptAll,
                    label: text.accept_all,
                },
                Button {
                    action: ButtonAction::RejectAll,
                    label: text.reject_all,
                },
                Button {
                    action: ButtonAction::Settings,
                    label: text.settings,
                },
            ],
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
}
