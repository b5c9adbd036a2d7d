//! The bytes a notice hash covers: every text the person is shown, the notice's texts first, in
//! [`crate::notice::Notice::texts`] order, then the widget's texts in force, in
//! [`crate::ui_text::UiText`] order, then what each processor discloses. A text is its
//! UTF-8 bytes and a zero byte, so that moving text from one field to the next changes the hash; a
//! number is 4 bytes, little-endian. Written once, for the build script (which hashes the
//! compiled-in texts) and the widget (which hashes a host's own processor list) alike; the
//! docs/proof-of-consent.md spells the same layout out for anyone who checks a hash by hand.

use crate::language::Language;
use crate::processor::Processor;

/// One text.
pub(crate) fn text(text: &str, add: &mut impl FnMut(&[u8])) {
    add(text.as_bytes());
    add(&[0]);
}

/// What each of `processors` discloses in `language`, in list order: its basis (1 consent-based,
/// 0 necessary), id, name, purpose, data shared, recipient, location and privacy link, then each
/// cookie's name and lifetime in days.
pub(crate) fn processors(
    processors: &[Processor],
    language: Language,
    add: &mut impl FnMut(&[u8]),
) {
    for p in processors {
        add(&u32::from(p.needs_consent()).to_le_bytes());
        for shown in [
            p.id.as_str(),
            &p.name,
            p.purpose.get(language),
            p.data_shared.get(language),
            &p.recipient,
            p.location.get(language),
            &p.privacy_url,
        ] {
            text(shown, add);
        }
        for cookie in &p.cookies {
            text(&cookie.name, add);
            add(&cookie.lifetime_days.to_le_bytes());
        }
    }
}
