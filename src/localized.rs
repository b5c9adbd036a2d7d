//! Text configured in several languages, with a fallback that is always there.

use crate::language::Language;

/// A text in the config's default language and, optionally, in other languages.
///
/// Built only by config validation or Kaiten's defaults, both of which require the default
/// language's text, so [`Localized::get`] always has something to return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Localized {
    fallback: (Language, String),
    translations: Vec<(Language, String)>,
}

impl Localized {
    /// A text written in `language`, which is also what other languages fall back to.
    pub(crate) fn new(language: Language, text: impl Into<String>) -> Self {
        Self {
            fallback: (language, text.into()),
            translations: Vec::new(),
        }
    }

    /// Adds (or replaces) the translation into `language`.
    pub(crate) fn with(mut self, language: Language, text: impl Into<String>) -> Self {
        let text = text.into();
        if language == self.fallback.0 {
            self.fallback.1 = text;
        } else if let Some(slot) = self.translations.iter_mut().find(|(l, _)| *l == language) {
            slot.1 = text;
        } else {
            self.translations.push((language, text));
        }
        self
    }

    /// The text in `language`, or in the fallback language when it has no translation.
    pub fn get(&self, language: Language) -> &str {
        self.translation(language).unwrap_or(&self.fallback.1)
    }

    /// The text in exactly `language`, if written in it.
    pub fn translation(&self, language: Language) -> Option<&str> {
        if language == self.fallback.0 {
            return Some(&self.fallback.1);
        }
        self.translations
            .iter()
            .find(|(l, _)| *l == language)
            .map(|(_, text)| text.as_str())
    }

    /// The language [`Localized::get`] falls back to.
    pub fn fallback_language(&self) -> Language {
        self.fallback.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_default_language_only_when_a_translation_is_missing() {
        let text = Localized::new(Language::En, "Analytics");
        assert_eq!(text.get(Language::Ru), "Analytics");
        assert_eq!(text.translation(Language::Ru), None);
        let text = text.with(Language::Ru, "Аналитика");
        assert_eq!(text.get(Language::Ru), "Аналитика");
        assert_eq!(text.get(Language::En), "Analytics");
        assert_eq!(text.fallback_language(), Language::En);
    }
}
