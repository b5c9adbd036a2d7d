//! The widget's own words: every label, heading and message of the banner, the preferences and
//! the entry point, by key, in each language the widget carries. A host may replace any of them
//! per language (the config's `texts` key); the notice itself (Kaiten's policy, in
//! [`crate::notice`]) stays compiled in and versioned by the config's `revision`.
//!
//! Texts that name processors take them from the config in force through one placeholder,
//! [`PROCESSORS_PLACEHOLDER`], so no text names a processor that is not configured.

use crate::language::Language;

mod en;
mod ru;

/// Where a text that names processors puts their names ("Google Analytics, Intercom and
/// Wootric").
pub const PROCESSORS_PLACEHOLDER: &str = "{processors}";

/// Longest text a host may give, in characters: the widget's texts are labels and sentences.
pub const MAX_TEXT_CHARS: usize = 1000;

/// Declares [`UiText`], [`COUNT`], [`UiText::ALL`] and [`UiText::KEYS`] from one list, so the
/// variants and their config keys cannot drift apart.
macro_rules! ui_texts {
    ($($(#[doc = $doc:literal])+ $variant:ident = $key:literal,)+) => {
        /// One of the widget's texts. The declaration order is the order of [`UiText::KEYS`], of
        /// each language's table, and of the texts a notice hash covers.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum UiText {
            $($(#[doc = $doc])+ $variant,)+
        }

        /// How many texts there are.
        pub const COUNT: usize = [$($key),+].len();

        impl UiText {
            /// Every text, in declaration order.
            pub const ALL: [Self; COUNT] = [$(Self::$variant),+];

            /// The config key of each text (`texts.<language>.<key>`), in declaration order.
            pub const KEYS: [&'static str; COUNT] = [$($key),+];
        }
    };
}

ui_texts! {
    /// The banner's heading and accessible name.
    BannerTitle = "bannerTitle",
    /// Leads the banner's list of the consent-based processors and their purposes.
    BannerIntro = "bannerIntro",
    /// The link-styled button that opens the full notice.
    OpenNotice = "openNotice",
    /// That consent can be withdrawn at any time.
    WithdrawHint = "withdrawHint",
    /// The accept-all button.
    AcceptAll = "acceptAll",
    /// The reject-all button.
    RejectAll = "rejectAll",
    /// The banner's button that opens the preferences.
    Settings = "settings",
    /// The preferences' heading and accessible name; also the entry point's label.
    PreferencesTitle = "preferencesTitle",
    /// The preferences' description.
    PreferencesDescription = "preferencesDescription",
    /// The button that saves the switches as they are.
    Save = "save",
    /// The button that closes a dialog without changing anything.
    Close = "close",
    /// The polite status after a decision is saved.
    Saved = "saved",
    /// Beside a necessary processor's (disabled, on) switch.
    AlwaysOn = "alwaysOn",
    /// Why a necessary processor cannot be switched off.
    NecessaryReason = "necessaryReason",
    /// Label of the data a processor receives.
    DataShared = "dataShared",
    /// Label of a processor's cookies and their lifetimes.
    Cookies = "cookies",
    /// Said when a processor sets no cookies.
    NoCookies = "noCookies",
    /// A cookie that lives until the browser closes.
    Session = "session",
    /// Label of who receives the data and where.
    Recipient = "recipient",
    /// Label of the recipient's privacy policy link.
    PrivacyPolicy = "privacyPolicy",
    /// The status after a withdrawal that stopped a processor running in this page.
    ReloadHint = "reloadHint",
    /// In place of an iframe blocked until its processor is allowed, after its name and ": ".
    BlockedContent = "blockedContent",
    /// The word before the last of several names ("A, B and C").
    ListAnd = "listAnd",
    /// In the preferences, when the browser's Global Privacy Control signal refused every
    /// consent-based processor: names them.
    GpcRefused = "gpcRefused",
    /// In the preferences, when the signal is on and the user turned some processors on
    /// themselves: names those.
    GpcOptedIn = "gpcOptedIn",
    /// On the entry point when a Global Privacy Control refusal is in force.
    GpcEntryRefused = "gpcEntryRefused",
    /// On the entry point when the signal is on and the user turned some processors on.
    GpcEntryOptedIn = "gpcEntryOptedIn",
}

impl UiText {
    /// Its config key.
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    /// Whether the text names processors through [`PROCESSORS_PLACEHOLDER`] (it must then hold
    /// it exactly once; every other text must not hold it).
    pub fn names_processors(self) -> bool {
        matches!(self, Self::GpcRefused | Self::GpcOptedIn)
    }

    /// The widget's own wording in `language`.
    pub fn default_in(self, language: Language) -> &'static str {
        let table = match language {
            Language::En => &en::TEXTS,
            Language::Ru => &ru::TEXTS,
        };
        table[self as usize]
    }
}

/// What is wrong with a text a host gave for a [`UiText`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Nothing but white space: the user would see a blank.
    Blank,
    /// Longer than [`MAX_TEXT_CHARS`].
    TooLong,
    /// A text that names processors lacks the placeholder, or has it more than once.
    PlaceholderCount,
    /// A text that names no processors holds the placeholder, which would be shown as it is.
    StrayPlaceholder,
}

impl TextProblem {
    /// What to fix, for the config issue.
    pub fn message(self) -> &'static str {
        match self {
            Self::Blank => "empty; the user would see a blank",
            Self::TooLong => "longer than 1000 characters",
            Self::PlaceholderCount => "must hold {processors} exactly once: the names go there",
            Self::StrayPlaceholder => {
                "{processors} is only filled in gpcRefused and gpcOptedIn; here it would show as is"
            }
        }
    }
}

/// Checks `text` as the wording of `key`.
///
/// # Errors
/// The first [`TextProblem`] found.
pub fn check(key: UiText, text: &str) -> Result<(), TextProblem> {
    let placeholders = placeholders(text).count();
    if text.chars().all(char::is_whitespace) {
        Err(TextProblem::Blank)
    } else if char_count(text) > MAX_TEXT_CHARS {
        Err(TextProblem::TooLong)
    } else if key.names_processors() && placeholders != 1 {
        Err(TextProblem::PlaceholderCount)
    } else if !key.names_processors() && placeholders != 0 {
        Err(TextProblem::StrayPlaceholder)
    } else {
        Ok(())
    }
}

/// How many characters `text` has: its bytes that start one. (`str::chars().count()` ships a
/// routine of its own in the wasm.)
fn char_count(text: &str) -> usize {
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// `names` as a list in prose: "A", "A and B", "A, B and C", with `and` the language's
/// [`UiText::ListAnd`].
pub fn join_names(names: &[&str], and: &str) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == names.len() { " " } else { ", " });
            if i + 1 == names.len() {
                out.push_str(and);
                out.push(' ');
            }
        }
        out.push_str(name);
    }
    out
}

/// `template` with its first [`PROCESSORS_PLACEHOLDER`] replaced by `names`.
pub fn fill(template: &str, names: &str) -> String {
    match placeholders(template).next() {
        Some(at) => [
            &template[..at],
            names,
            &template[at + PROCESSORS_PLACEHOLDER.len()..],
        ]
        .concat(),
        None => template.to_owned(),
    }
}

/// Where [`PROCESSORS_PLACEHOLDER`] starts in `text`, each time. (A byte search: `str::matches`
/// and `str::replacen` with a text pattern ship the standard two-way searcher in the wasm.)
fn placeholders(text: &str) -> impl Iterator<Item = usize> + '_ {
    let needle = PROCESSORS_PLACEHOLDER.as_bytes();
    text.as_bytes()
        .windows(needle.len())
        .enumerate()
        .filter(move |(_, window)| *window == needle)
        .map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_text_and_each_passes_the_host_rules() {
        for (i, key) in UiText::ALL.into_iter().enumerate() {
            assert_eq!(key as usize, i, "ALL is in declaration order");
            for language in Language::ALL {
                let text = key.default_in(language);
                assert_eq!(check(key, text), Ok(()), "{language:?} {}", key.key());
                assert_eq!(text.trim(), text, "{language:?} {}", key.key());
            }
        }
        let mut keys = UiText::KEYS.to_vec();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), COUNT, "keys are unique");
    }

    #[test]
    fn names_join_as_prose() {
        assert_eq!(join_names(&[], "and"), "");
        assert_eq!(join_names(&["A"], "and"), "A");
        assert_eq!(join_names(&["A", "B"], "and"), "A and B");
        assert_eq!(join_names(&["A", "B", "C"], "и"), "A, B и C");
    }

    #[test]
    fn host_texts_are_checked_for_blanks_length_and_the_placeholder() {
        assert_eq!(check(UiText::AcceptAll, " \n"), Err(TextProblem::Blank));
        assert_eq!(
            check(UiText::AcceptAll, &"x".repeat(1001)),
            Err(TextProblem::TooLong)
        );
        assert_eq!(check(UiText::AcceptAll, &"ж".repeat(1000)), Ok(()));
        assert_eq!(
            check(UiText::AcceptAll, &"ж".repeat(1001)),
            Err(TextProblem::TooLong)
        );
        assert_eq!(char_count("ж✓a"), "ж✓a".chars().count());
        assert_eq!(
            check(UiText::GpcRefused, "GPC is on."),
            Err(TextProblem::PlaceholderCount)
        );
        assert_eq!(
            check(UiText::GpcRefused, "{processors} {processors}"),
            Err(TextProblem::PlaceholderCount)
        );
        assert_eq!(
            check(UiText::Saved, "Saved {processors}"),
            Err(TextProblem::StrayPlaceholder)
        );
        assert_eq!(
            fill("Off: {processors}.", "A and B"),
            "Off: A and B.".to_owned()
        );
    }
}
