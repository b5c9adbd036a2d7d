//! The second layer: the preferences dialog, one row per processor, built from the config and
//! the decision in force.

use super::{Button, ButtonAction};
use crate::config::Config;
use crate::consent::Consent;
use crate::language::Language;
use crate::notice::Notice;
use crate::processor::Processor;
use crate::ui_text::UiText;

/// The preferences dialog as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preferences<'a> {
    /// The language of every text in it.
    pub language: Language,
    /// Heading, also the dialog's accessible name.
    pub title: &'a str,
    /// The dialog's description.
    pub description: &'a str,
    /// The link-styled button that opens the full notice.
    pub open_notice: Button<'a>,
    /// Closes the dialog without changing consent.
    pub close: Button<'a>,
    /// Consent-based processors first (the choices), then the necessary ones; config order
    /// within each.
    pub rows: Vec<Row<'a>>,
    /// Accept all, Reject all, Save choices: equal buttons, in this order.
    pub buttons: [Button<'a>; 3],
}

/// One processor's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// The processor's id: the switch's `data-kc-processor` value.
    pub id: &'a str,
    /// Its name, the switch's accessible name.
    pub name: &'a str,
    /// The switch and its state.
    pub switch: Switch<'a>,
    /// Why Kaiten uses it; the switch's description.
    pub purpose: &'a str,
    /// Label-value pairs: data shared, cookies with lifetimes, recipient and location.
    pub details: [(&'a str, String); 3],
    /// The recipient's privacy policy: label, visible link text (the address without
    /// `https://`) and address.
    pub privacy_link: (&'a str, &'a str, &'a str),
}

/// A row's switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch<'a> {
    /// A consent-based processor: on only if the decision in force grants it.
    Consent {
        /// Whether it is on.
        on: bool,
    },
    /// A necessary processor: shown on and disabled, with the reason.
    AlwaysOn {
        /// "Always on".
        label: &'a str,
        /// Why it cannot be switched off.
        reason: &'a str,
    },
}

impl<'a> Preferences<'a> {
    /// The dialog in `language` for `consent`'s config, every switch off unless the decision in
    /// force grants it.
    pub fn new(language: Language, consent: &'a Consent) -> Self {
        let config = consent.config();
        let text = |t| config.text(language, t);
        let processors = config.processors();
        let mut rows = Vec::with_capacity(processors.len());
        for asked in [true, false] {
            for p in processors.iter().filter(|p| p.needs_consent() == asked) {
                let switch = if asked {
                    Switch::Consent {
                        on: consent.is_granted(&p.id),
                    }
                } else {
                    Switch::AlwaysOn {
                        label: text(UiText::AlwaysOn),
                        reason: text(UiText::NecessaryReason),
                    }
                };
                rows.push(row(config, language, p, switch));
            }
        }
        Self {
            language,
            title: text(UiText::PreferencesTitle),
            description: text(UiText::PreferencesDescription),
            open_notice: Button {
                action: ButtonAction::OpenNotice,
                label: text(UiText::OpenNotice),
            },
            close: Button {
                action: ButtonAction::Close,
                label: text(UiText::Close),
            },
            rows,
            buttons: [
                Button {
                    action: ButtonAction::AcceptAll,
                    label: text(UiText::AcceptAll),
                },
                Button {
                    action: ButtonAction::RejectAll,
                    label: text(UiText::RejectAll),
                },
                Button {
                    action: ButtonAction::Save,
                    label: text(UiText::Save),
                },
            ],
        }
    }
}

fn row<'a>(
    config: &'a Config,
    language: Language,
    p: &'a Processor,
    switch: Switch<'a>,
) -> Row<'a> {
    let text = |t| config.text(language, t);
    let mut cookies = String::new();
    for cookie in &p.cookies {
        if !cookies.is_empty() {
            cookies.push_str("; ");
        }
        cookies.push_str(&cookie.name);
        cookies.push_str(" — ");
        if cookie.lifetime_days == 0 {
            cookies.push_str(text(UiText::Session));
        } else {
            cookies.push_str(&Notice::get(language).days(cookie.lifetime_days));
        }
    }
    if cookies.is_empty() {
        cookies.push_str(text(UiText::NoCookies));
    }
    let mut recipient = p.recipient.clone();
    recipient.push_str(", ");
    recipient.push_str(p.location.get(language));
    let shown_url = p
        .privacy_url
        .strip_prefix("https://")
        .unwrap_or(&p.privacy_url)
        .trim_end_matches('/');
    Row {
        id: p.id.as_str(),
        name: &p.name,
        switch,
        purpose: p.purpose.get(language),
        details: [
            (
                text(UiText::DataShared),
                p.data_shared.get(language).to_owned(),
            ),
            (text(UiText::Cookies), cookies),
            (text(UiText::Recipient), recipient),
        ],
        privacy_link: (text(UiText::PrivacyPolicy), shown_url, &p.privacy_url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::consent::{Action, Context};
    use crate::processor::ProcessorId;
    use crate::proof::Source;
    use crate::record::ConsentId;
    use crate::time::Timestamp;

    fn context() -> Context {
        Context {
            now: Timestamp(1_780_000_000),
            fresh_id: ConsentId::new("k7Qz0vX2aB").expect("a valid id"),
            language: Language::En,
            source: Source::Api,
        }
    }

    fn switches<'a>(preferences: &Preferences<'a>) -> Vec<(&'a str, Switch<'a>)> {
        preferences.rows.iter().map(|r| (r.id, r.switch)).collect()
    }

    const OFF: Switch<'static> = Switch::Consent { on: false };
    const ON: Switch<'static> = Switch::Consent { on: true };

    #[test]
    fn every_consent_switch_is_off_unless_granted() {
        let mut consent = Consent::new(Config::kaiten());
        let _ = consent.apply(
            Action::Loaded {
                stored: None,
                gpc: false,
            },
            &context(),
        );
        let before: Vec<_> = switches(&Preferences::new(Language::En, &consent))
            .into_iter()
            .take(3)
            .map(|(id, s)| (id.to_owned(), s))
            .collect();
        assert_eq!(
            before,
            [
                ("analytics".to_owned(), OFF),
                ("intercom".to_owned(), OFF),
                ("wootric".to_owned(), OFF)
            ]
        );

        let intercom = ProcessorId::new("intercom").expect("a valid id");
        let _ = consent.apply(Action::SaveChoices(vec![(intercom, true)]), &context());
        let after: Vec<_> = switches(&Preferences::new(Language::En, &consent))
            .into_iter()
            .take(3)
            .map(|(id, s)| (id.to_owned(), s))
            .collect();
        assert_eq!(
            after,
            [
                ("analytics".to_owned(), OFF),
                ("intercom".to_owned(), ON),
                ("wootric".to_owned(), OFF)
            ]
        );

        let _ = consent.apply(Action::AcceptAll, &context());
        assert!(switches(&Preferences::new(Language::En, &consent))
            .iter()
            .take(3)
            .all(|(_, s)| *s == ON));
    }

    #[test]
    fn necessary_rows_come_last_disabled_with_a_reason() {
        let consent = Consent::new(Config::kaiten());
        for language in Language::ALL {
            let preferences = Preferences::new(language, &consent);
            let ids: Vec<_> = preferences.rows.iter().map(|r| r.id).collect();
            assert_eq!(ids, ["analytics", "intercom", "wootric", "aws", "heroku"]);
            for row in &preferences.rows[3..] {
                assert_eq!(
                    row.switch,
                    Switch::AlwaysOn {
                        label: UiText::AlwaysOn.default_in(language),
                        reason: UiText::NecessaryReason.default_in(language)
                    }
                );
            }
        }
    }

    #[test]
    fn each_row_discloses_purpose_data_cookies_recipient_location_and_policy() {
        let consent = Consent::new(Config::kaiten());
        let preferences = Preferences::new(Language::En, &consent);
        let analytics = &preferences.rows[0];
        assert_eq!(analytics.name, "Google Analytics");
        assert!(analytics.purpose.starts_with("Analytics"));
        assert_eq!(
            analytics.details,
            [
                ("Data shared", analytics.details[0].1.clone()),
                (
                    "Cookies",
                    "_ga — 730 days; _ga_* — 730 days; _gid — 1 day".to_owned()
                ),
                ("Recipient and location", "Google LLC, USA".to_owned()),
            ]
        );
        assert_eq!(
            analytics.privacy_link,
            (
                "Privacy policy",
                "policies.google.com/privacy",
                "https://policies.google.com/privacy"
            )
        );
        let aws = &preferences.rows[3];
        assert_eq!(aws.details[1].1, "None");
        assert_eq!(
            aws.details[2].1,
            "Amazon Web Services, Inc., European Union"
        );
        let labels: Vec<_> = preferences
            .buttons
            .iter()
            .map(|b| b.action.hook())
            .collect();
        assert_eq!(labels, ["accept-all", "reject-all", "save"]);
    }

    #[test]
    fn the_russian_dialog_is_in_russian() {
        let consent = Consent::new(Config::kaiten());
        let preferences = Preferences::new(Language::Ru, &consent);
        assert_eq!(preferences.title, "Настройки конфиденциальности");
        assert_eq!(
            preferences.rows[2].details[1].1,
            "NPS_*_last_seen — 365 дней; NPS_*_surveyed — 365 дней"
        );
        assert_eq!(preferences.rows[0].details[2].1, "Google LLC, США");
        assert_eq!(preferences.buttons[2].label, "Сохранить выбор");
    }
}

#[cfg(test)]
mod snapshot {
    use super::*;
    use crate::config::Config;

    /// The dialog as an outline: what a reader of the screen meets, in order.
    fn outline(view: &Preferences) -> String {
        let mut out = format!(
            "# {}\n{}\n[{}] [{}]\n",
            view.title, view.description, view.close.label, view.open_notice.label
        );
        for row in &view.rows {
            let switch = match row.switch {
                Switch::Consent { on } => {
                    format!("switch {} {}", row.id, if on { "on" } else { "off" })
                }
                Switch::AlwaysOn { label, reason } => format!("{label} ({reason})"),
            };
            out += &format!("## {} | {switch}\n{}\n", row.name, row.purpose);
            for (term, value) in &row.details {
                out += &format!("{term}: {value}\n");
            }
            out += &format!(
                "{}: {} <{}>\n",
                row.privacy_link.0, row.privacy_link.1, row.privacy_link.2
            );
        }
        let labels: Vec<_> = view
            .buttons
            .iter()
            .map(|b| format!("[{}]", b.label))
            .collect();
        out + &labels.join(" ")
    }

    #[test]
    fn the_english_preferences_read_as_expected() {
        let consent = Consent::new(Config::kaiten());
        let view = Preferences::new(Language::En, &consent);
        let expected = "\
# Privacy settings
Choose which third parties may receive your data. Each switch is off until you turn it on, and you can change your choices here at any time.
[Close] [Read the privacy notice]
## Google Analytics | switch analytics off
Analytics: measures how Kaiten is used so that we can improve it.
Data shared: Technical data your browser sends: IP address, browser version and the like. Kaiten sends it none of your profile data.
Cookies: _ga — 730 days; _ga_* — 730 days; _gid — 1 day
Recipient and location: Google LLC, USA
Privacy policy: policies.google.com/privacy <https://policies.google.com/privacy>
## Intercom | switch intercom off
Support chat: lets you write to Kaiten's support team from inside Kaiten.
Data shared: Your profile data (such as name and email) and what you send through it.
Cookies: intercom-id-* — 270 days; intercom-session-* — 7 days; intercom-device-id-* — 270 days
Recipient and location: Intercom, Inc., USA
Privacy policy: www.intercom.com/legal/privacy <https://www.intercom.com/legal/privacy>
## Wootric | switch wootric off
In-app surveys: now and then asks how likely you are to recommend Kaiten.
Data shared: Your profile data (such as name and email) and what you send through it.
Cookies: NPS_*_last_seen — 365 days; NPS_*_surveyed — 365 days
Recipient and location: InMoment, Inc. (Wootric), USA
Privacy policy: www.wootric.com/privacy_policy <https://www.wootric.com/privacy_policy/>
## Amazon Web Services | Always on (Needed to run Kaiten, so it cannot be switched off.)
Data storage: Kaiten's databases, holding everything you enter in Kaiten.
Data shared: All data you enter in Kaiten: profile, cards, comments and files.
Cookies: None
Recipient and location: Amazon Web Services, Inc., European Union
Privacy policy: aws.amazon.com/privacy <https://aws.amazon.com/privacy/>
## Heroku | Always on (Needed to run Kaiten, so it cannot be switched off.)
Hosting: runs the Kaiten application your browser talks to.
Data shared: Technical data your browser sends: IP address, browser version and the like. Kaiten sends it none of your profile data.
Cookies: None
Recipient and location: Salesforce, Inc. (Heroku), USA
Privacy policy: www.salesforce.com/company/privacy <https://www.salesforce.com/company/privacy/>
[Accept all] [Reject all] [Save choices]";
        assert_eq!(outline(&view), expected);
    }
}
