//! The widget's texts in Russian, in [`super::UiText`] order: a translation of `en.rs`.

use super::COUNT;

pub(super) static TEXTS: [&str; COUNT] = [
    // bannerTitle
    "Ваши данные в Kaiten",
    // bannerIntro
    "С вашего согласия мы используем эти сервисы:",
    // openNotice
    "Политика конфиденциальности",
    // withdrawHint
    "Вы можете изменить или отозвать согласие в любой момент в настройках конфиденциальности.",
    // acceptAll
    "Принять все",
    // rejectAll
    "Отклонить все",
    // settings
    "Настройки",
    // preferencesTitle
    "Настройки конфиденциальности",
    // preferencesDescription
    "Выберите, каким сторонним сервисам можно получать ваши данные. Каждый переключатель \
     выключен, пока вы его не включите, и свой выбор здесь можно изменить в любой момент.",
    // save
    "Сохранить выбор",
    // close
    "Закрыть",
    // saved
    "Ваш выбор сохранён.",
    // alwaysOn
    "Всегда включено",
    // necessaryReason
    "Нужно для работы Kaiten, поэтому не отключается.",
    // dataShared
    "Какие данные получает",
    // cookies
    "Файлы cookie",
    // noCookies
    "Нет",
    // session
    "до закрытия браузера",
    // recipient
    "Получатель и местонахождение",
    // privacyPolicy
    "Политика конфиденциальности",
    // reloadHint
    "Согласие отозвано. Перезагрузите страницу, чтобы полностью остановить сервис.",
    // blockedContent
    "содержимое заблокировано, пока вы не разрешите его в настройках конфиденциальности.",
    // listAnd
    "и",
    // gpcRefused
    "В вашем браузере включён сигнал Global Privacy Control, поэтому эти сервисы выключены: \
     {processors}. Здесь вы всё равно можете включить любой из них.",
    // gpcOptedIn
    "В вашем браузере включён сигнал Global Privacy Control. Вы сами включили здесь \
     {processors}; остальное выключено.",
    // gpcEntryRefused
    "Сигнал Global Privacy Control учтён",
    // gpcEntryOptedIn
    "Global Privacy Control включён, с вашими исключениями",
];
