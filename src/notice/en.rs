use super::{BannerText, Language, Notice};

pub(super) const NOTICE: Notice = Notice {
    language: Language::En,
    banner: BannerText {
        title: "Your privacy in Kaiten",
        body: "With your consent we use Google Analytics to measure how Kaiten is used, \
               Intercom for support chat and Wootric for in-app surveys. \
               Intercom and Wootric receive your profile data.",
        withdraw_hint: "You can change or withdraw your consent at any time in Privacy settings.",
        accept_all: "Accept all",
        reject_all: "Reject all",
        settings: "Settings",
    },
};
