//! The privacy notice as structured, versioned text per language. Text only: the web layer puts
//! it into the DOM as text nodes, never as HTML.

mod en;
mod ru;

/// A language the notice is written in.
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

    /// The first carried language among `preferences` (most preferred first), else English.
    pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Self {
        preferences
            .into_iter()
            .find_map(Self::from_tag)
            .unwrap_or(Language::En)
    }
}

/// The first-layer banner's text in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BannerText {
    /// The banner's accessible name and heading.
    pub title: &'static str,
    /// What is asked, naming the purposes and the processors.
    pub body: &'static str,
    /// That consent can be withdrawn at any time.
    pub withdraw_hint: &'static str,
    /// Label of the accept-all button.
    pub accept_all: &'static str,
    /// Label of the reject-all button.
    pub reject_all: &'static str,
    /// Label of the settings button.
    pub settings: &'static str,
}

/// The notice in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Its language.
    pub language: Language,
    /// The banner's text.
    pub banner: BannerText,
}

impl Notice {
    /// The notice in `language`.
    pub fn get(language: Language) -> Self {
        match language {
            Language::En => en::NOTICE,
            Language::Ru => ru::NOTICE,
        }
    }

    /// A 32-bit FNV-1a hash of every text the user is shown, stored with each decision so a
    /// record says which wording was agreed to.
    pub fn hash(&self) -> u32 {
        let b = &self.banner;
        [
            self.language.tag(),
            b.title,
            b.body,
            b.withdraw_hint,
            b.accept_all,
            b.reject_all,
            b.settings,
        ]
        .iter()
        .flat_map(|text| text.bytes().chain([0]))
        .fold(0x811c_9dc5_u32, |hash, byte| {
            (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
        })
    }
}
