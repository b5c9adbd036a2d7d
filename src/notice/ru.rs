use super::{BannerText, Language, Notice};

pub(super) const NOTICE: Notice = Notice {
    language: Language::Ru,
    banner: BannerText {
        title: "Ваши данные в Kaiten",
        body: "С вашего согласия мы используем Google Analytics, чтобы понимать, как используется \
               Kaiten, Intercom — для чата поддержки и Wootric — для опросов в приложении. \
               Intercom и Wootric получают данные вашего профиля.",
        withdraw_hint: "Вы можете изменить или отозвать согласие в любой момент \
                        в настройках конфиденциальности.",
        accept_all: "Принять все",
        reject_all: "Отклонить все",
        settings: "Настройки",
    },
};
