//! One running widget: the core's state plus the page it lives in. It turns user and API input
//! into core actions and carries the resulting effects out.

use super::{
    clock,
    cookie::CookieJar,
    dom::{Dialog, Ui},
    scripts,
};
use crate::config::Config;
use crate::consent::{Action, Consent, Context, Effect};
use crate::notice::Language;
use crate::processor::ProcessorId;
use crate::view::{NoticeView, Preferences};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement};

/// The running widget.
#[derive(Debug)]
pub(crate) struct Widget {
    consent: Consent,
    language: Language,
    document: Document,
    storage: Storage,
    ui: Ui,
    nonce: String,
}

/// Where the decision is kept: the first-party cookie, or memory for this page when the browser
/// refuses cookies (the user is then asked again on the next load).
#[derive(Debug)]
enum Storage {
    Cookie(CookieJar),
    Memory,
}

impl Widget {
    /// Mounts the UI and applies the stored decision, if any.
    pub(crate) fn start(document: Document, config: Config) -> Result<Self, JsValue> {
        let language = config
            .requested_language()
            .unwrap_or_else(|| page_language(&document));
        let revision = config.revision();
        let consent = Consent::new(config);
        let mut ui = Ui::mount(
            &document,
            language,
            &Preferences::new(language, &consent),
            &NoticeView::new(language, revision),
        )?;
        let config = consent.config();
        if let Some(selector) = config.entry_element() {
            match document.query_selector(selector) {
                Ok(Some(element)) => ui.adopt_entry(element.unchecked_into()),
                _ => web_sys::console::warn_1(&JsValue::from_str(
                    "kaiten-consent: config.entryElement matches no element; \
                     showing the floating Privacy settings button instead",
                )),
            }
        }
        let storage = CookieJar::new(&document, config.cookie_name())
            .map_or(Storage::Memory, Storage::Cookie);
        let stored = match &storage {
            Storage::Cookie(jar) => jar.read(),
            Storage::Memory => None,
        };
        let mut widget = Self {
            consent,
            language,
            nonce: scripts::page_nonce(&document),
            document,
            storage,
            ui,
        };
        let gpc = global_privacy_control();
        widget.dispatch(Action::Loaded { stored, gpc });
        Ok(widget)
    }

    /// Feeds `action` to the core and carries out its effects. Returns whether the decisions
    /// changed, so the caller can tell the page once it no longer holds the widget.
    pub(crate) fn dispatch(&mut self, action: Action) -> bool {
        let Some(fresh_id) = clock::fresh_id() else {
            web_sys::console::error_1(&JsValue::from_str(
                "kaiten-consent: crypto.getRandomValues is unavailable; no decision was recorded",
            ));
            return false;
        };
        let context = Context {
            now: clock::now(),
            fresh_id,
            language: self.language,
        };
        let mut changed = false;
        for effect in self.consent.apply(action, &context) {
            match effect {
                Effect::Persist(record) => self.persist(&record.encode()),
                Effect::LoadProcessor(id) => self.load(&id),
                Effect::UnloadProcessor(id) => self.unload(&id),
                Effect::ShowBanner => self.ui.set_banner_visible(true),
                Effect::HideBanner => self.ui.set_banner_visible(false),
                Effect::EmitChange => changed = true,
                // No proof endpoint is configurable yet: there is nowhere to send the record.
                Effect::SendProof(_) => {}
            }
        }
        self.ui.sync_switches(&self.preferences());
        changed
    }

    /// Records the switches of the preferences dialog as the user's choices. Returns whether the
    /// decisions changed.
    pub(crate) fn save_choices(&mut self) -> bool {
        let choices = self.ui.choices();
        self.dispatch(Action::SaveChoices(choices))
    }

    /// Opens `dialog`; focus returns to `opener` (else to what had focus) when it closes.
    pub(crate) fn open(&mut self, dialog: Dialog, opener: Option<HtmlElement>) {
        if dialog == Dialog::Preferences {
            self.ui.sync_switches(&self.preferences());
        }
        self.ui.open(dialog, opener);
    }

    /// Says in the preferences' status that the decision was saved.
    pub(crate) fn announce_saved(&self) {
        self.ui
            .announce(crate::notice::Notice::get(self.language).preferences.saved);
    }

    /// The preferences dialog as it should show now.
    fn preferences(&self) -> Preferences {
        Preferences::new(self.language, &self.consent)
    }

    /// Whether `id` is consented now.
    pub(crate) fn is_granted(&self, id: &ProcessorId) -> bool {
        self.consent.is_granted(id)
    }

    /// The document the widget lives in.
    pub(crate) fn document(&self) -> &Document {
        &self.document
    }

    /// The UI, for wiring events.
    pub(crate) fn ui(&self) -> &Ui {
        &self.ui
    }

    /// The host's own entry element (`config.entryElement`), if it named one that exists.
    pub(crate) fn host_entry(&self) -> Option<&HtmlElement> {
        self.ui.host_entry()
    }

    /// The UI, for moving focus.
    pub(crate) fn ui_mut(&mut self) -> &mut Ui {
        &mut self.ui
    }

    fn persist(&mut self, value: &str) {
        let lifetime = self.consent.config().lifetime_days();
        if let Storage::Cookie(jar) = &self.storage {
            if !jar.write(value, lifetime) {
                web_sys::console::warn_1(&JsValue::from_str(
                    "kaiten-consent: the browser refused the consent cookie; \
                     the decision holds for this page only",
                ));
                self.storage = Storage::Memory;
            }
        }
    }

    fn load(&self, id: &ProcessorId) {
        if let Some(processor) = self.consent.config().processor(id) {
            scripts::insert(&self.document, processor, &self.nonce);
        }
    }

    fn unload(&self, id: &ProcessorId) {
        if let (Some(processor), Storage::Cookie(jar)) =
            (self.consent.config().processor(id), &self.storage)
        {
            jar.delete_matching(&processor.cookies);
        }
    }
}

/// The language from `<html lang>`, else the browser's preferences, else English.
fn page_language(document: &Document) -> Language {
    let page = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"));
    let browser: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|languages| languages.iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    Language::negotiate(page.iter().chain(browser.iter()).map(String::as_str))
}

/// Whether the browser sends the Global Privacy Control signal (`navigator.globalPrivacyControl`).
fn global_privacy_control() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"globalPrivacyControl".into()).ok())
        .is_some_and(|v| v.as_bool() == Some(true))
}
