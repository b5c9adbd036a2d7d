//! The languages the widget speaks: the notice, the UI and the consent records are in one of them.

/// A language the widget carries: its notice, its UI texts and its records' `language`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// English (the fallback).
    En,
    /// Russian.
    Ru,
}

impl Language {
    /// Every language this build carries.
    pub const ALL: [Language; 2] = [Language::En, Language::Ru];

    /// The BCP 47 primary tag (`en`, `ru`), as set on the widget's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    /// The language for a BCP 47 tag such as `ru-RU` or `en`; `None` when not carried.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The language whose tag is exactly `tag` (`"en"`, `"ru"`), as the config's `language` and
    /// `setLanguage` take it.
    pub fn from_exact_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// The carried tags for a message, quoted and joined: `"en" or "ru"`.
    pub fn tags_quoted() -> String {
        let mut out = String::new();
        crate::text::push_list(&mut out, &Self::ALL.map(Self::tag), "\" or \"", "\"");
        out
    }

    /// The first carried language among `preferences` (most preferred first), else English.
    pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Self {
        preferences
            .into_iter()
            .find_map(Self::from_tag)
            .unwrap_or(Language::En)
    }
}
