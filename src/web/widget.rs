//! One running widget: the core's state plus the page it lives in. It turns user and API input
//! into core actions and carries the resulting effects out.

use super::{clock, cookie::CookieJar, dom::Ui, loader::Loader, sync::Channel};
use crate::config::Config;
use crate::consent::{Action, Consent, Context, Effect};
use crate::loader;
use crate::notice::Language;
use crate::processor::ProcessorId;
use crate::view::Banner;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::Document;

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
        let language = page_language(&document);
        let ui = Ui::mount(&document, &Banner::new(language))?;
        let storage = CookieJar::new(&document, config.cookie_name())
            .map_or(Storage::Memory, Storage::Cookie);
        let stored = match &storage {
            Storage::Cookie(jar) => jar.read(),
            Storage::Memory => None,
        };
        let loader = Rc::new(Loader::new(document.clone(), &config, language));
        let widget = Self {
            consent: Consent::new(config),
            language,
            document,
            storage,
            ui,
            loader,
            channel: Channel::open(),
            waiting: Vec::new(),
        };
        Ok((widget, stored))
    }

    /// Applies the stored decision read by [`Widget::mount`].
    pub(crate) fn begin(&mut self, stored: Option<String>) {
        let gpc = global_privacy_control();
        self.dispatch(Action::Loaded { stored, gpc });
    }

    /// Feeds `action` to the core and carries out its effects, then revives what is now granted
    /// and resolves `whenGranted` promises. Returns whether the decisions changed, so the caller
    /// can tell the page once it no longer holds the widget.
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
                // No proof endpoint is configurable yet: there is nowhere to send the record.
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
        changed
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

    /// Reloads the page, or says (in a polite live region of the widget) that a reload
    /// completes the withdrawal.
    fn complete_withdrawal(&self, reload: bool) {
        if reload {
            if let Some(location) = self.document.location() {
                let _ = location.reload();
            }
            return;
        }
        let shadow = self.ui.events_target();
        let status = match shadow.query_selector("[data-kc=status]").ok().flatten() {
            Some(status) => status,
            None => {
                let Ok(status) = self.document.create_element("p") else {
                    return;
                };
                let _ = status.set_attribute("data-kc", "status");
                let _ = status.set_attribute("role", "status");
                let _ = shadow.append_child(&status);
                status
            }
        };
        status.set_text_content(Some(loader::reload_hint(self.language)));
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
