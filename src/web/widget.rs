//! One running widget: the core's state plus the page it lives in. It turns user and API input
//! into core actions and carries the resulting effects out.

use super::{
    clock,
    cookie::CookieJar,
    dom::{Dialog, Ui},
    error::{error, ErrorCode},
    outbox::Outbox,
    page_globals,
    page_loader::PageLoader,
    sync::Channel,
};
use crate::config::{Config, CookieDomain};
use crate::consent::{Action, Consent, Context, Effect};
use crate::language::Language;
use crate::processor::ProcessorId;
use crate::proof::{self, Source};
use crate::snapshot;
use crate::ui_text::UiText;
use crate::view::{Banner, Entry, GpcNote, NoticeView, Preferences};
use std::cell::RefCell;
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
    loader: Rc<PageLoader>,
    channel: Option<Channel>,
    /// `whenGranted` promises not yet resolved: processor, resolve and reject functions (the
    /// guard's queued promises have no reject).
    waiting: Vec<(ProcessorId, js_sys::Function, Option<js_sys::Function>)>,
    /// `onChange` listeners with their tokens, in subscription order.
    subscribers: Vec<(u32, js_sys::Function)>,
    next_token: u32,
    /// Where consent records go, when the config has a `proofUrl`.
    outbox: Option<Outbox>,
    /// A processor that ran in this page lost its grant: only a reload completes its removal.
    reload_needed: bool,
    /// What the decisions so far left for after their frame is painted.
    after_paint: AfterPaint,
    /// The last snapshot handed out and its JSON: `state()` returns that same frozen object
    /// until the state changes, as React's `useSyncExternalStore` requires.
    snapshot: RefCell<Option<(String, JsValue)>>,
}

/// The part of carrying out decisions that does not change what the widget shows, left for
/// [`Widget::settle`] after the decision's frame is painted.
#[derive(Debug, Default)]
struct AfterPaint {
    /// Whether a decision was dispatched since the last settle.
    due: bool,
    /// Processors the core said to load. The loader asks its gate again when it loads them, so
    /// a later decision that refused one wins.
    load: Vec<ProcessorId>,
    /// Withdrawn processors whose `localStorage` keys are still to be removed.
    clean: Vec<ProcessorId>,
    /// The decision cookie's value as last written, not yet read back.
    unverified: Option<String>,
    /// Focus was in the banner when it hid.
    refocus: bool,
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
        let consent = Consent::new(config);
        let config = consent.config();
        let mut ui = Ui::mount(
            &document,
            &Banner::new(config, language),
            &Entry::new(config, language),
        )?;
        if let Some(selector) = config.entry_element() {
            match document.query_selector(selector) {
                Ok(Some(element)) => ui.adopt_entry(element.unchecked_into()),
                _ => web_sys::console::warn_1(&JsValue::from_str(
                    "kaiten-consent: config.entryElement matches no element; \
                     showing the floating Privacy settings button instead",
                )),
            }
        }
        let domain = config.cookie_domain().map(CookieDomain::as_str);
        let storage = CookieJar::new(&document, config.cookie_name(), domain)
            .map_or(Storage::Memory, Storage::Cookie);
        let stored = match &storage {
            Storage::Cookie(jar) => jar.read(),
            Storage::Memory => None,
        };
        let loader = Rc::new(PageLoader::new(document.clone(), config, language));
        let outbox = config.proof_url().map(Outbox::new);
        let widget = Self {
            consent,
            language,
            document,
            storage,
            ui,
            loader,
            channel: Channel::open(),
            waiting: Vec::new(),
            subscribers: Vec::new(),
            next_token: 0,
            outbox,
            reload_needed: false,
            after_paint: AfterPaint::default(),
            snapshot: RefCell::new(None),
        };
        Ok((widget, stored))
    }

    /// Sends again the consent records earlier pages could not deliver; returns the browser's
    /// Global Privacy Control signal, for the [`Action::Loaded`] that applies the stored decision
    /// read by [`Widget::mount`].
    pub(crate) fn begin(&self) -> bool {
        if let Some(outbox) = &self.outbox {
            outbox.retry();
        }
        global_privacy_control()
    }

    /// Feeds `action`, which came from `source`, to the core and carries out the effects that
    /// change what is shown or stored, resolves `whenGranted` promises and brings the switches
    /// up to date; the rest waits for [`Widget::settle`]. Returns whether the decisions changed,
    /// so the caller can tell the page once it no longer holds the widget.
    pub(crate) fn dispatch(&mut self, action: Action, source: Source) -> bool {
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
            source,
        };
        let effects = self.consent.apply(action, &context);
        self.loader.set_granted(self.consent.granted());
        self.after_paint.due = true;
        let mut changed = false;
        for effect in effects {
            match effect {
                Effect::StoredUnreadable => self.stored_unreadable(),
                Effect::Persist(record) => self.persist(record.encode()),
                Effect::Forget => self.forget(),
                Effect::LoadProcessor(id) => self.after_paint.load.push(id),
                Effect::UnloadProcessor(id) => self.unload(id),
                Effect::CompleteWithdrawal { reload } => self.complete_withdrawal(reload),
                Effect::ShowBanner => {
                    self.ui.set_banner_visible(true);
                    self.after_paint.refocus = false;
                }
                Effect::HideBanner => {
                    if self.ui.set_banner_visible(false) {
                        self.after_paint.refocus = true;
                    }
                }
                Effect::EmitChange => changed = true,
                Effect::SendProof(record) => {
                    // The record sent is the decision in force, made in this page.
                    if let (Some(outbox), Some(made)) = (&self.outbox, self.consent.source()) {
                        outbox.send(proof::record_json(&record, made));
                    }
                }
            }
        }
        let consent = &self.consent;
        self.waiting.retain(|(id, resolve, _)| {
            let granted = consent.is_granted(id);
            if granted {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            !granted
        });
        if self.ui.has(Dialog::Preferences) {
            self.ui.sync_switches(&self.consent.choices());
        }
        // What the note says follows the decision (and the language, below).
        if changed {
            self.ui
                .show_gpc_note(GpcNote::of(&self.consent, self.language));
        }
        changed
    }

    /// Speaks `language` from now on: every built layer is worded anew in place, iframe
    /// placeholders too, and later decisions are recorded in it. Nothing about consent changes,
    /// so no change event follows.
    pub(crate) fn set_language(&mut self, language: Language) {
        self.language = language;
        let config = self.consent.config();
        let preferences = self
            .ui
            .has(Dialog::Preferences)
            .then(|| Preferences::new(language, &self.consent));
        let notice = self
            .ui
            .has(Dialog::Notice)
            .then(|| NoticeView::new(config, language));
        self.ui.reword(
            &Banner::new(config, language),
            &Entry::new(config, language),
            preferences.as_ref(),
            notice.as_ref(),
            GpcNote::of(&self.consent, language),
        );
        self.loader.set_language(config, language);
    }

    /// Whether a decision left work for [`Widget::settle`] that has not run yet (a settle is then
    /// already arranged).
    pub(crate) fn settle_due(&self) -> bool {
        self.after_paint.due
    }

    /// Arranges the next [`Widget::settle`] in this task, by the caller: the decisions until then
    /// schedule none after their frame (`start` settles before it returns).
    pub(crate) fn settle_in_this_task(&mut self) {
        self.after_paint.due = true;
    }

    /// Carries out what the decisions since the last settle left for after their frame: reads
    /// the decision cookie back, removes withdrawn processors' storage, inserts the scripts of
    /// processors that are still granted, revives held and inert tags (asking the gate as it is
    /// now) and moves focus off the hidden banner.
    pub(crate) fn settle(&mut self) {
        let work = std::mem::take(&mut self.after_paint);
        if !work.due {
            return;
        }
        self.clean_up(&work);
        for id in &work.load {
            if let Some(processor) = self.consent.config().processor(id) {
                self.loader.load(processor);
            }
        }
        self.loader.revive();
        if work.refocus {
            self.ui.focus_entry_if_lost();
        }
    }

    /// Opens `dialog`; focus returns to `opener` (else to what had focus) when it closes.
    pub(crate) fn open(&mut self, dialog: Dialog, opener: Option<HtmlElement>) {
        let config = self.consent.config();
        match dialog {
            // Built from the decision in force the first time; kept in step on later opens.
            Dialog::Preferences => {
                if self.ui.has(dialog) {
                    self.ui.sync_switches(&self.consent.choices());
                } else {
                    self.ui
                        .build_preferences(&Preferences::new(self.language, &self.consent));
                }
            }
            Dialog::Notice if !self.ui.has(dialog) => {
                self.ui
                    .build_notice(&NoticeView::new(config, self.language));
            }
            Dialog::Notice => {}
        }
        self.ui.open(dialog, opener);
    }

    /// Says in the preferences' status that the decision was saved, and that a reload completes
    /// a withdrawal if one is pending.
    pub(crate) fn announce_saved(&self) {
        let saved = self.text(UiText::Saved);
        if self.reload_needed {
            let reload_hint = self.text(UiText::ReloadHint);
            self.ui.announce(&[saved, " ", reload_hint].concat());
        } else {
            self.ui.announce(saved);
        }
    }

    /// The wording of `text` in the widget's language.
    fn text(&self, text: UiText) -> &str {
        self.consent.config().text(self.language, text)
    }

    /// In how many milliseconds the decision's expiry is to be checked next; `0`: it has expired
    /// (see [`Consent::expiry_check_in`]).
    pub(crate) fn expiry_check_in(&self) -> u32 {
        self.consent.expiry_check_in(clock::now())
    }

    /// Whether `id` is consented now.
    pub(crate) fn is_granted(&self, id: &ProcessorId) -> bool {
        self.consent.is_granted(id)
    }

    /// Calls `resolve` once `id` is granted: now, or after the decision that grants it;
    /// `reject`, if given, if the widget is destroyed first.
    pub(crate) fn when_granted(
        &mut self,
        id: ProcessorId,
        resolve: js_sys::Function,
        reject: Option<js_sys::Function>,
    ) {
        if self.consent.is_granted(&id) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        } else {
            self.waiting.push((id, resolve, reject));
        }
    }

    /// The state as the JS API shows it: a frozen plain object (`ConsentSnapshot`), the same
    /// object as last time while the state is the same.
    pub(crate) fn snapshot(&self) -> JsValue {
        let json = snapshot::snapshot_json(&self.consent, self.language);
        if let Some((last, snapshot)) = &*self.snapshot.borrow() {
            if *last == json {
                return snapshot.clone();
            }
        }
        let snapshot = js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL);
        for object in [
            js_sys::Reflect::get(&snapshot, &"choices".into()).unwrap_or(JsValue::NULL),
            snapshot.clone(),
        ] {
            let object: &js_sys::Object = object.unchecked_ref();
            js_sys::Object::freeze(object);
        }
        *self.snapshot.borrow_mut() = Some((json, snapshot.clone()));
        snapshot
    }

    /// Adds an `onChange` listener; returns its token.
    pub(crate) fn subscribe(&mut self, listener: js_sys::Function) -> u32 {
        self.next_token += 1;
        self.subscribers.push((self.next_token, listener));
        self.next_token
    }

    /// Removes the `onChange` listener of `token`, if still there.
    pub(crate) fn unsubscribe(&mut self, token: u32) {
        self.subscribers.retain(|(t, _)| *t != token);
    }

    /// The `onChange` listeners now, to call once the widget is released.
    pub(crate) fn subscribers(&self) -> Vec<js_sys::Function> {
        self.subscribers.iter().map(|(_, f)| f.clone()).collect()
    }

    /// Where consent records go, if anywhere.
    pub(crate) fn outbox(&self) -> Option<&Outbox> {
        self.outbox.as_ref()
    }

    /// Takes down what the widget put in the page: its DOM, iframe placeholders, the cross-tab
    /// channel; rejects pending `whenGranted` promises and drops `onChange` listeners. (The
    /// event listeners and the guard are the API's to drop.) Loads and revivals that were
    /// waiting for the frame are dropped (fail closed); a withdrawal's clean-up and the cookie
    /// check are done now.
    pub(crate) fn destroy(&mut self) {
        let work = std::mem::take(&mut self.after_paint);
        self.clean_up(&work);
        self.ui.remove();
        self.loader.remove_placeholders();
        if let Some(channel) = self.channel.take() {
            channel.close();
        }
        let destroyed = error(
            ErrorCode::Destroyed,
            "kaiten-consent: the widget was destroyed before the processor was granted",
        );
        for (_, _, reject) in self.waiting.drain(..) {
            if let Some(reject) = reject {
                let _ = reject.call1(&JsValue::UNDEFINED, &destroyed);
            }
        }
        self.subscribers.clear();
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
    pub(crate) fn loader(&self) -> &Rc<PageLoader> {
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

    /// Says on the console that the stored decision could not be read, so the user is asked again.
    fn stored_unreadable(&self) {
        web_sys::console::warn_1(&JsValue::from_str(
            &[
                "kaiten-consent: the ",
                self.consent.config().cookie_name(),
                " cookie holds no decision this widget can read (not its format, cut short or \
                 of another schema); treated as no decision, so the user is asked again",
            ]
            .concat(),
        ));
    }

    /// Stores the decision; whether the browser kept the cookie is read back after the frame.
    fn persist(&mut self, value: String) {
        if let Some(channel) = &self.channel {
            channel.post(&value);
        }
        let lifetime = self.consent.config().lifetime_days();
        if let Storage::Cookie(jar) = &self.storage {
            if jar.write(&value, lifetime) {
                self.after_paint.unverified = Some(value);
            } else {
                self.cookie_refused();
            }
        }
    }

    /// The part of `work` that is owed even when nothing more is to load (after `destroy()` too):
    /// the cookie read back, withdrawn processors' storage removed.
    fn clean_up(&mut self, work: &AfterPaint) {
        if let Some(value) = &work.unverified {
            self.verify_cookie(value);
        }
        self.remove_storage(&work.clean);
    }

    /// Falls back to memory if the decision cookie does not hold `value`, the last one written.
    fn verify_cookie(&mut self, value: &str) {
        if let Storage::Cookie(jar) = &self.storage {
            if !jar.holds(value) {
                self.cookie_refused();
            }
        }
    }

    fn cookie_refused(&mut self) {
        web_sys::console::warn_1(&JsValue::from_str(
            "kaiten-consent: the browser refused the consent cookie; \
             the decision holds for this page only",
        ));
        self.storage = Storage::Memory;
    }

    /// Deletes the stored decision and tells the other tabs (an empty record is no decision).
    fn forget(&mut self) {
        self.after_paint.unverified = None;
        if let Some(channel) = &self.channel {
            channel.post("");
        }
        if let Storage::Cookie(jar) = &self.storage {
            jar.clear();
        }
    }

    /// Switches a withdrawn processor off and deletes its cookies now; its `localStorage` keys
    /// are removed after the frame (opening `localStorage` the first time is slow).
    fn unload(&mut self, id: ProcessorId) {
        let Some(processor) = self.consent.config().processor(&id) else {
            return;
        };
        page_globals::switch_off(processor);
        if let Storage::Cookie(jar) = &self.storage {
            jar.delete_matching(&processor.cookies);
        }
        self.after_paint.clean.push(id);
    }

    fn remove_storage(&self, withdrawn: &[ProcessorId]) {
        for id in withdrawn {
            if let Some(processor) = self.consent.config().processor(id) {
                self.loader.remove_storage(processor);
            }
        }
    }

    /// Reloads the page, or says in the widget's polite status that a reload completes the
    /// withdrawal.
    fn complete_withdrawal(&mut self, reload: bool) {
        if reload {
            // The page goes before the frame would have been painted.
            let withdrawn = std::mem::take(&mut self.after_paint.clean);
            self.remove_storage(&withdrawn);
            if let Some(location) = self.document.location() {
                let _ = location.reload();
            }
            return;
        }
        self.reload_needed = true;
        self.ui.announce(self.text(UiText::ReloadHint));
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
