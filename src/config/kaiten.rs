//! Kaiten's processors, from its privacy policy (`/work/shared/notice`): Google Analytics,
//! Intercom and Wootric are consent-based; AWS and Heroku are necessary. Script URLs carry account
//! ids, so the host supplies them through the config's `scripts` key; until then nothing loads.
//!
//! Facts the policy does not state (recipients' legal entities, locations outside the EU, cookie
//! lifetimes) come from the vendors' public documentation and are marked where uncertain.

use crate::language::Language::{En, Ru};
use crate::localized::Localized;
use crate::processor::{
    Basis, ConsentModeKey, ConsentModeKeys, CookieSpec, Literal, OffSwitch, Processor, ProcessorId,
};

/// The revision of Kaiten's privacy notice that this build discloses.
pub(super) const NOTICE_REVISION: u32 = 1;

/// Technical data a browser sends to any server it talks to (the policy's wording).
const TECHNICAL_DATA: (&str, &str) = (
    "Technical data your browser sends: IP address, browser version and the like. \
     Kaiten sends it none of your profile data.",
    "Технические данные, которые передаёт ваш браузер: IP-адрес, версия браузера и т. п. \
     Данные вашего профиля Kaiten не передаёт.",
);
const PROFILE_DATA: (&str, &str) = (
    "Your profile data (such as name and email) and what you send through it.",
    "Данные вашего профиля (например, имя и email) и то, что вы через него отправляете.",
);
const USA: (&str, &str) = ("USA", "США");

pub(super) fn processors() -> Vec<Processor> {
    KAITEN.iter().map(Entry::build).collect()
}

/// A static table rather than code that fills one in: it ships as data, which is smaller.
static KAITEN: [Entry; 5] = [
    Entry {
        id: "aws",
        basis: Basis::Necessary,
        name: "Amazon Web Services",
        purpose: (
            "Data storage: Kaiten's databases, holding everything you enter in Kaiten.",
            "Хранение данных: базы данных Kaiten со всем, что вы вводите в Kaiten.",
        ),
        data_shared: (
            "All data you enter in Kaiten: profile, cards, comments and files.",
            "Все данные, которые вы вводите в Kaiten: профиль, карточки, комментарии и файлы.",
        ),
        recipient: "Amazon Web Services, Inc.",
        location: ("European Union", "Европейский союз"),
        privacy_url: "https://aws.amazon.com/privacy/",
        cookies: &[],
        consent_mode: ConsentModeKeys::NONE,
        off_switch: None,
        local_storage: &[],
    },
    Entry {
        id: "heroku",
        basis: Basis::Necessary,
        name: "Heroku",
        purpose: (
            "Hosting: runs the Kaiten application your browser talks to.",
            "Хостинг: на нём работает приложение Kaiten, с которым общается ваш браузер.",
        ),
        data_shared: TECHNICAL_DATA,
        recipient: "Salesforce, Inc. (Heroku)",
        location: USA,
        privacy_url: "https://www.salesforce.com/company/privacy/",
        cookies: &[],
        consent_mode: ConsentModeKeys::NONE,
        off_switch: None,
        local_storage: &[],
    },
    Entry {
        id: "analytics",
        basis: Basis::Consent,
        name: "Google Analytics",
        purpose: (
            "Analytics: measures how Kaiten is used so that we can improve it.",
            "Аналитика: показывает, как используется Kaiten, чтобы мы могли его улучшать.",
        ),
        data_shared: TECHNICAL_DATA,
        recipient: "Google LLC",
        location: USA,
        privacy_url: "https://policies.google.com/privacy",
        cookies: &[("_ga", 730), ("_ga_*", 730), ("_gid", 1)],
        consent_mode: ConsentModeKeys::NONE.with(ConsentModeKey::AnalyticsStorage),
        // Google's documented opt-out: `window['ga-disable-<measurement id>'] = true`, the id
        // taken from the gtag.js URL (`…/gtag/js?id=G-XXXX`).
        off_switch: Some(Stop::Flag("ga-disable-{id}")),
        local_storage: &[],
    },
    Entry {
        id: "intercom",
        basis: Basis::Consent,
        name: "Intercom",
        purpose: (
            "Support chat: lets you write to Kaiten's support team from inside Kaiten.",
            "Чат поддержки: позволяет написать в поддержку Kaiten прямо из Kaiten.",
        ),
        data_shared: PROFILE_DATA,
        recipient: "Intercom, Inc.",
        location: USA,
        privacy_url: "https://www.intercom.com/legal/privacy",
        cookies: &[
            ("intercom-id-*", 270),
            ("intercom-session-*", 7),
            ("intercom-device-id-*", 270),
        ],
        consent_mode: ConsentModeKeys::NONE,
        off_switch: Some(Stop::Call("Intercom", &["shutdown"])),
        // The messenger keeps its state under `intercom.intercom-state-<app id>`.
        local_storage: &["intercom.intercom-state*"],
    },
    Entry {
        id: "wootric",
        basis: Basis::Consent,
        name: "Wootric",
        purpose: (
            "In-app surveys: now and then asks how likely you are to recommend Kaiten.",
            "Опросы в приложении: время от времени спрашивают, порекомендуете ли вы Kaiten.",
        ),
        data_shared: PROFILE_DATA,
        recipient: "InMoment, Inc. (Wootric)",
        location: USA,
        privacy_url: "https://www.wootric.com/privacy_policy/",
        // Wootric's help centre ("Wootric Survey Cookies"): a last-seen and a surveyed
        // cookie, named after the account token. It gives no lifetime; a year is assumed.
        cookies: &[("NPS_*_last_seen", 365), ("NPS_*_surveyed", 365)],
        consent_mode: ConsentModeKeys::NONE,
        off_switch: Some(Stop::Call("wootric", &["stop"])),
        local_storage: &[],
    },
];

/// One processor as written above: English and Russian text side by side.
struct Entry {
    id: &'static str,
    basis: Basis,
    name: &'static str,
    purpose: (&'static str, &'static str),
    data_shared: (&'static str, &'static str),
    recipient: &'static str,
    location: (&'static str, &'static str),
    privacy_url: &'static str,
    cookies: &'static [(&'static str, u32)],
    consent_mode: ConsentModeKeys,
    off_switch: Option<Stop>,
    local_storage: &'static [&'static str],
}

/// An [`OffSwitch`] as the table writes it: a global function called with string arguments, or
/// a global flag set to `true`.
enum Stop {
    Call(&'static str, &'static [&'static str]),
    Flag(&'static str),
}

impl Stop {
    fn build(&self) -> OffSwitch {
        let text = |s: &str| s.to_owned();
        match *self {
            Stop::Call(path, args) => OffSwitch::Call {
                path: path.split('.').map(text).collect(),
                args: args.iter().map(|a| Literal::String(text(a))).collect(),
            },
            Stop::Flag(flag) => OffSwitch::Set {
                flag: text(flag),
                value: Literal::Bool(true),
            },
        }
    }
}

impl Entry {
    fn build(&self) -> Processor {
        let text = |(en, ru): (&str, &str)| Localized::new(En, en).with(Ru, ru);
        Processor {
            id: ProcessorId::new(self.id)
                .unwrap_or_else(|_| unreachable!("invariant: Kaiten's processor ids are valid")),
            basis: self.basis,
            name: self.name.to_owned(),
            purpose: text(self.purpose),
            data_shared: text(self.data_shared),
            recipient: self.recipient.to_owned(),
            location: text(self.location),
            privacy_url: self.privacy_url.to_owned(),
            cookies: self
                .cookies
                .iter()
                .map(|&(name, lifetime_days)| CookieSpec {
                    name: name.to_owned(),
                    lifetime_days,
                })
                .collect(),
            script: None,
            consent_mode: self.consent_mode,
            off_switch: self.off_switch.as_ref().map(Stop::build),
            local_storage: self.local_storage.iter().map(|&k| k.to_owned()).collect(),
        }
    }
}
