//! The widget's texts in English, in [`super::UiText`] order.

use super::COUNT;

pub(super) static TEXTS: [&str; COUNT] = [
    // bannerTitle
    "Your privacy in Kaiten",
    // bannerIntro
    "With your consent we use these services:",
    // openNotice
    "Read the privacy notice",
    // withdrawHint
    "You can change or withdraw your consent at any time in Privacy settings.",
    // acceptAll
    "Accept all",
    // rejectAll
    "Reject all",
    // settings
    "Settings",
    // preferencesTitle
    "Privacy settings",
    // preferencesDescription
    "Choose which third parties may receive your data. Each switch is off until you turn it on, \
     and you can change your choices here at any time.",
    // save
    "Save choices",
    // close
    "Close",
    // saved
    "Your choices have been saved.",
    // alwaysOn
    "Always on",
    // necessaryReason
    "Needed to run Kaiten, so it cannot be switched off.",
    // dataShared
    "Data shared",
    // cookies
    "Cookies",
    // noCookies
    "None",
    // session
    "until you close the browser",
    // recipient
    "Recipient and location",
    // privacyPolicy
    "Privacy policy",
    // reloadHint
    "Consent withdrawn. Reload the page to stop the service completely.",
    // blockedContent
    "this content is blocked until you allow it in the privacy settings.",
    // listAnd
    "and",
    // gpcRefused
    "Your browser's Global Privacy Control signal is on, so these services stay off: \
     {processors}. You can still turn one on here.",
    // gpcOptedIn
    "Your browser's Global Privacy Control signal is on. You turned on {processors} here \
     yourself; everything else stays off.",
    // gpcEntryRefused
    "Global Privacy Control honoured",
    // gpcEntryOptedIn
    "Global Privacy Control on, with your exceptions",
];
