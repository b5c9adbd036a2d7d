//! Kaiten's processors, from its privacy policy. Script URLs carry account ids, so the host
//! supplies them through the config's `scripts` key; until then nothing is loaded.

use crate::processor::{Basis, CookieSpec, Processor, ProcessorId};

/// The revision of Kaiten's privacy notice that this build discloses.
pub(super) const NOTICE_REVISION: u32 = 1;

pub(super) fn processors() -> Vec<Processor> {
    vec![
        processor("aws", Basis::Necessary, "Amazon Web Services", &[]),
        processor("heroku", Basis::Necessary, "Heroku", &[]),
        processor(
            "analytics",
            Basis::Consent,
            "Google Analytics",
            &[("_ga", 730), ("_ga_*", 730), ("_gid", 1)],
        ),
        processor(
            "intercom",
            Basis::Consent,
            "Intercom",
            &[
                ("intercom-id-*", 270),
                ("intercom-session-*", 7),
                ("intercom-device-id-*", 270),
            ],
        ),
        processor("wootric", Basis::Consent, "Wootric", &[("wootric_*", 365)]),
    ]
}

fn processor(id: &str, basis: Basis, name: &str, cookies: &[(&str, u32)]) -> Processor {
    Processor {
        id: ProcessorId::new(id).expect("invariant: Kaiten's processor ids are valid"),
        basis,
        name: name.to_owned(),
        cookies: cookies
            .iter()
            .map(|&(name, lifetime_days)| CookieSpec {
                name: name.to_owned(),
                lifetime_days,
            })
            .collect(),
        script: None,
    }
}
