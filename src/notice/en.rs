//! The notice in English: Kaiten's privacy policy (`/work/shared/notice`), structured. Mended
//! from the source: every link is https, the bullets lose their stray leading dashes, the open
//! "and others..." items are gone (the lists say "including" where the source was open), and the
//! defunct eugdpr.org link points at the regulation's official text.

use super::{BannerText, Block, Notice, Policy, PreferencesText, Section, Span};
use crate::language::Language;
use Span::{Link, Text};

pub(super) static NOTICE: Notice = Notice {
    language: Language::En,
    banner: BannerText {
        title: "Your privacy in Kaiten",
        body: "With your consent we use Google Analytics to measure how Kaiten is used, \
               Intercom for support chat and Wootric for in-app surveys. \
               Intercom and Wootric receive your profile data.",
        open_notice: "Read the privacy notice",
        withdraw_hint: "You can change or withdraw your consent at any time in Privacy settings.",
        accept_all: "Accept all",
        reject_all: "Reject all",
        settings: "Settings",
    },
    preferences: PreferencesText {
        title: "Privacy settings",
        description: "Choose which third parties may receive your data. Each switch is off \
                      until you turn it on, and you can change your choices here at any time.",
        save: "Save choices",
        close: "Close",
        saved: "Your choices have been saved.",
        always_on: "Always on",
        necessary_reason: "Needed to run Kaiten, so it cannot be switched off.",
        data_shared: "Data shared",
        cookies: "Cookies",
        no_cookies: "None",
        session: "until you close the browser",
        recipient: "Recipient and location",
        privacy_policy: "Privacy policy",
        reload_hint: "Consent withdrawn. Reload the page to stop the service completely.",
        blocked_content: "this content is blocked until you allow it in the privacy settings.",
    },
    policy: Policy {
        title: "Kaiten privacy notice",
        revision: "Revision",
        sections: &[
            Section {
                heading: "What we collect",
                blocks: &[
                    Block::Paragraph(&[Text(
                        "When you register in Kaiten you give us your email and other \
                         information about yourself.",
                    )]),
                    Block::Paragraph(&[Text(
                        "Your email is your login. We also use it to tell you about important \
                         events in the operation of the service.",
                    )]),
                    Block::Paragraph(&[Text(
                        "Everything else you enter in your profile, comments, cards and other \
                         forms in Kaiten serves your communication with colleagues more than \
                         any action of ours.",
                    )]),
                    Block::Paragraph(&[Text(
                        "Files you upload to Kaiten cards to share documents with colleagues \
                         may also contain personal information, yours or other people's.",
                    )]),
                ],
            },
            Section {
                heading: "Where it is stored",
                blocks: &[Block::Paragraph(&[
                    Text(
                        "Everything you enter in Kaiten is stored in databases on Amazon \
                         servers in Europe (",
                    ),
                    Link("aws.amazon.com", "https://aws.amazon.com"),
                    Text(")."),
                ])],
            },
            Section {
                heading: "Third parties",
                blocks: &[
                    Block::Paragraph(&[
                        Text("We transfer data from your profile to two third-party services: "),
                        Link("Intercom", "https://www.intercom.com"),
                        Text(" and "),
                        Link("Wootric", "https://www.wootric.com"),
                        Text(
                            ". These are well-known international services, trusted by tens \
                             of thousands of companies.",
                        ),
                    ]),
                    Block::Paragraph(&[
                        Text("Two other services used in Kaiten, "),
                        Link("Heroku", "https://www.heroku.com"),
                        Text(" and "),
                        Link("Google Analytics", "https://analytics.google.com"),
                        Text(
                            ", receive none of your personal data from us, but can see \
                             technical information such as your IP address and browser \
                             version, because your browser talks to them directly while you \
                             work in Kaiten.",
                        ),
                    ]),
                ],
            },
            Section {
                heading: "How we protect your data",
                blocks: &[
                    Block::Paragraph(&[Text(
                        "We protect your personal data, and the data your company posts as a \
                         whole, with a set of measures, including:",
                    )]),
                    Block::List(&[
                        &[Text(
                            "keeping employees' access to data to a minimum by replacing manual \
                             operations with automated ones;",
                        )],
                        &[Text(
                            "exchanging information with your browser only over a secure \
                             channel (TLS);",
                        )],
                        &[Text(
                            "internal rules that forbid Kaiten employees to work with your \
                             company's data without prior approval from the owner of your \
                             company's Kaiten account;",
                        )],
                        &[Text("scanning the system with programs that look for common vulnerabilities.")],
                    ]),
                    Block::Paragraph(&[Text(
                        "We undertake to notify you of any incident we discover that may take \
                         your personal data out of our control.",
                    )]),
                ],
            },
            Section {
                heading: "How we access your data",
                blocks: &[
                    Block::Paragraph(&[Text("There are several reasons for us to access your personal data:")]),
                    Block::List(&[
                        &[Text(
                            "you sent us a request that contains personal data or asks us to \
                             work with your data in Kaiten;",
                        )],
                        &[Text(
                            "a technical process requires it, such as database maintenance or \
                             data migration.",
                        )],
                    ]),
                ],
            },
            Section {
                heading: "How you can manage your data",
                blocks: &[
                    Block::Paragraph(&[
                        Text(
                            "For a more detailed explanation of how your personal data is \
                             stored and processed, or to manage it, write to ",
                        ),
                        Link("personaldata@kaiten.io", "mailto:personaldata@kaiten.io"),
                        Text("."),
                    ]),
                    Block::Paragraph(&[
                        Text(
                            "We undertake to answer your request within 2 weeks and to carry \
                             out every procedure the ",
                        ),
                        Link(
                            "General Data Protection Regulation (GDPR)",
                            "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
                        ),
                        Text(" requires."),
                    ]),
                    Block::Paragraph(&[Text(
                        "You can give, change or withdraw your consent to Google Analytics, \
                         Intercom and Wootric at any time in Privacy settings.",
                    )]),
                ],
            },
        ],
    },
};

/// "day" or "days".
pub(super) fn day_unit(days: u32) -> &'static str {
    if days == 1 {
        "day"
    } else {
        "days"
    }
}
