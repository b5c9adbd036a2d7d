//! One running widget: the core's state plus the page it lives in. It turns user and API input
//! into core actions and carries the resulting effects out.

use super::{
    clock,
    cookie::CookieJar,
    dom::{Dialog, Ui},
    loader::Loader,
    sync::Channel,
};
use crate::config::Config;
use crate::consent::{Action, Consent, Context, Effect};
use crate::notice::{Language, Notice};
use crate::processor::ProcessorId;
use crate::record::Record;
use crate::view::{NoticeView, Preferences};
use std::rc::Rc;
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
    loader: Rc<Loader>,
    channel: Option<Channel>,
    /// `whenGranted` promises not yet resolved: processor and resolve function.
    waiting: Vec<(ProcessorId, js_sys::Function)>,
    /// A processor that ran in this page lost its grant: only a reload completes its removal.
    reload_needed: bool,
}

/// Where the decision is kept: the first-party cookie, or memory for this page when the browser
/// refuses cookies (the user is then asked again on the next load).
#[derive(Debug)]
enum Storage {
    Cookie(CookieJar),
    Memory,
}

impl Widget {
    /// Mounts the UI and reads the stored decision; nothing is decided until
    /// [`Widget::begin`], so the guard can connect to [`Widget::loader`] first.
    pub(crate) fn mount(
        document: Document,
        config: Config,
    ) -> Result<(Self, Option<String>), JsValue> {
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
        let loader = Rc::new(Loader::new(document.clone(), config, language));
        let widget = Self {
            consent,
            language,
            document,
            storage,
            ui,
            loader,
            channel: Channel::open(),
            waiting: Vec::new(),
            reload_needed: false,
        };
        Ok((widget, stored))
    }

    /// Applies the stored decision read by [`Widget::mount`].
    pub(crate) fn begin(&mut self, stored: Option<String>) {
        if stored
            .as_deref()
            .is_some_and(|s| Record::decode(s).is_none())
        {
            let name = self.consent.config().cookie_name();
            web_sys::console::warn_1(&JsValue::from_str(
                &[
                    "kaiten-consent: the ",
                    name,
                    " cookie holds no decision this widget can read (not its format, cut short or \
                     of another schema); treated as no decision, so the user is asked again",
                ]
                .concat(),
            ));
        }
        let gpc = global_privacy_control();
        self.dispatch(Action::Loaded { stored, gpc });
    }

    /// Feeds `action` to the core and carries out its effects, then revives what is now granted,
    /// resolves `whenGranted` promises and brings the switches up to date. Returns whether the
    /// decisions changed, so the caller can tell the page once it no longer holds the widget.
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
        let effects = self.consent.apply(action, &context);
        let config = self.consent.config();
        self.loader.set_granted(
            config
                .consent_processors()
                .filter(|p| self.consent.is_granted(&p.id))
                .map(|p| p.id.clone())
                .collect(),
        );
        let mut changed = false;
        for effect in effects {
            match effect {
                Effect::Persist(record) => self.persist(&record.encode()),
                Effect::LoadProcessor(id) => {
                    if let Some(processor) = self.consent.config().processor(&id) {
                        self.loader.load(processor);
                    }
                }
                Effect::UnloadProcessor(id) => self.unload(&id),
                Effect::CompleteWithdrawal { reload } => self.complete_withdrawal(reload),
                Effect::ShowBanner => self.ui.set_banner_visible(true),
                Effect::HideBanner => self.ui.set_banner_visible(false),
                Effect::EmitChange => changed = true,
                // No proof endpoint is wired yet (issue 6): there is nowhere to send the record.
                Effect::SendProof(_) => {}
            }
        }
        self.loader.revive();
        let consent = &self.consent;
        self.waiting.retain(|(id, resolve)| {
            let granted = consent.is_granted(id);
            if granted {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            !granted
        });
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

    /// Says in the preferences' status that the decision was saved, and that a reload completes
    /// a withdrawal if one is pending.
    pub(crate) fn announce_saved(&self) {
        let text = &Notice::get(self.language).preferences;
        if self.reload_needed {
            self.ui
                .announce(&[text.saved, " ", text.reload_hint].concat());
        } else {
            self.ui.announce(text.saved);
        }
    }

    /// The preferences dialog as it should show now.
    fn preferences(&self) -> Preferences {
        Preferences::new(self.language, &self.consent)
    }

    /// Whether `id` is consented now.
    pub(crate) fn is_granted(&self, id: &ProcessorId) -> bool {
        self.consent.is_granted(id)
    }

    /// Calls `resolve` once `id` is granted: now, or after the decision that grants it.
    pub(crate) fn when_granted(&mut self, id: ProcessorId, resolve: js_sys::Function) {
        if self.consent.is_granted(&id) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        } else {
            self.waiting.push((id, resolve));
        }
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

    /// The page's loader, for the guard.
    pub(crate) fn loader(&self) -> &Rc<Loader> {
        &self.loader
    }

    /// Whether any processor has a script the widget inserts.
    pub(crate) fn has_scripts(&self) -> bool {
        self.consent
            .config()
            .consent_processors()
            .any(|p| p.script.is_some())
    }

    /// The channel to the site's other tabs, for wiring its messages.
    pub(crate) fn channel(&self) -> Option<&Channel> {
        self.channel.as_ref()
    }

    fn persist(&mut self, value: &str) {
        if let Some(channel) = &self.channel {
            channel.post(value);
        }
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

    fn unload(&self, id: &ProcessorId) {
        let Some(processor) = self.consent.config().processor(id) else {
            return;
        };
        self.loader.unload(processor);
        if let Storage::Cookie(jar) = &self.storage {
            jar.delete_matching(&processor.cookies);
        }
    }

    /// Reloads the page, or says in the widget's polite status that a reload completes the
    /// withdrawal.
    fn complete_withdrawal(&mut self, reload: bool) {
        if reload {
            if let Some(location) = self.document.location() {
                let _ = location.reload();
            }
            return;
        }
        self.reload_needed = true;
        self.ui
            .announce(Notice::get(self.language).preferences.reload_hint);
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
