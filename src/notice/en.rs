//! The notice in English: Kaiten's privacy policy (`/work/shared/notice`), structured. Mended
//! from the source: every link is https, the bullets lose their stray leading dashes, the open
//! "and others..." items are gone (the lists say "including" where the source was open), and the
//! defunct eugdpr.org link points at the regulation's official text.

use super::{Block, Notice, Section, Span};
use crate::language::Language;
use Span::{ConsentProcessors, Link, Text};

pub(super) static NOTICE: Notice = Notice {
    language: Language::En,
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
                    &[Text(
                        "scanning the system with programs that look for common vulnerabilities.",
                    )],
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
                Block::Paragraph(&[Text(
                    "There are several reasons for us to access your personal data:",
                )]),
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
                Block::Paragraph(&[
                    Text("You can give, change or withdraw your consent to "),
                    ConsentProcessors,
                    Text(" at any time in Privacy settings."),
                ]),
            ],
        },
    ],
};

/// "day" or "days".
pub(super) fn day_unit(days: u32) -> &'static str {
    if days == 1 {
        "day"
    } else {
        "days"
    }
}
