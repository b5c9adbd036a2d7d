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

    /// A 32-bit FNV-1a hash of the banner's texts in this language. The hash stored with a
    /// decision, [`crate::config::Config::notice_hash`], adds every processor's disclosure.
    pub fn hash(&self) -> u32 {
        let b = &self.banner;
        let mut hash = TextHash::default();
        for text in [
            self.language.tag(),
            b.title,
            b.body,
            b.withdraw_hint,
            b.accept_all,
            b.reject_all,
            b.settings,
        ] {
            hash.add(text);
        }
        hash.finish()
    }
}

/// A 32-bit FNV-1a hash over a sequence of texts, each ended by a zero byte so that moving text
/// from one field to the next changes the hash.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextHash(u32);

impl Default for TextHash {
    fn default() -> Self {
        Self(0x811c_9dc5)
    }
}

impl TextHash {
    /// Adds one text.
    pub(crate) fn add(&mut self, text: &str) {
        for byte in text.bytes().chain([0]) {
            self.0 = (self.0 ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    }

    /// Adds one number.
    pub(crate) fn add_u32(&mut self, n: u32) {
        for byte in n.to_le_bytes() {
            self.0 = (self.0 ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    }

    /// The hash of everything added.
    pub(crate) fn finish(self) -> u32 {
        self.0
    }
}
