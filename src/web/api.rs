//! The JavaScript API: the `KaitenConsent` class, typed in the generated `.d.ts` by the
//! TypeScript section below (no `any`: every parameter and return names one of its types).

use super::dispatch::{act, busy, busy_error, idle, idle_mut, set, withdraw};
use super::dom::Dialog;
use super::error::{error, fail, ErrorCode};
use super::page_loader::PageLoader;
use super::{cookie, events, frame, guard, js_value, widget::Widget};
use crate::config::Config;
use crate::consent::Action;
use crate::guard_contract::queued;
use crate::language::Language;
use crate::processor::ProcessorId;
use crate::proof::Source;
use crate::text::quoted;
use gloo_events::EventListener;
use std::cell::{Ref, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A processor's legal basis: `necessary` processors are disclosed, never asked. */
export type ProcessorBasis = "necessary" | "consent";
/** A language the widget speaks. */
export type ConsentLanguage = "en" | "ru";
/** A text in the default language, or translations by language. */
export type TranslatedText = string | { readonly en?: string; readonly ru?: string };

/** A cookie a processor sets, disclosed and deleted on withdrawal (`*` ends a prefix). */
export interface ProcessorCookie {
  readonly name: string;
  readonly lifetimeDays: number;
}

/** A Google Consent Mode v2 key a processor's consent grants. */
export type ConsentModeKey =
  | "analytics_storage"
  | "ad_storage"
  | "ad_user_data"
  | "ad_personalization"
  | "functionality_storage"
  | "personalization_storage";

/** A JSON value an off-switch passes on (strings of at most 128 characters, finite numbers). */
export type OffSwitchLiteral =
  | string
  | number
  | boolean
  | null
  | readonly OffSwitchLiteral[]
  | { readonly [key: string]: OffSwitchLiteral };

/**
 * How a withdrawn processor's code is stopped: a global function called by its dotted identifier
 * path (`"Intercom"`, `"Vendor.widget.close"`) with `args`, or a global flag set to `value`, where
 * `{id}` stands for the `id` query parameter of the script URL (`"ga-disable-{id}"`).
 */
export type OffSwitch =
  | { readonly call: string; readonly args?: readonly OffSwitchLiteral[] }
  | { readonly set: string; readonly value: OffSwitchLiteral };

/** One processor of the host's own list (`config.processors`). */
export interface ProcessorConfig {
  readonly id: string;
  readonly basis: ProcessorBasis;
  readonly name: string;
  readonly purpose: TranslatedText;
  readonly dataShared: TranslatedText;
  readonly recipient: string;
  readonly location: TranslatedText;
  readonly privacyUrl: string;
  readonly cookies?: readonly ProcessorCookie[];
  /** https URL of the script the widget inserts once the processor is granted. */
  readonly script?: string;
  readonly defaultOn?: boolean;
  /** Consent Mode keys its consent grants (consent-based processors only). */
  readonly consentMode?: readonly ConsentModeKey[];
  /** Called or set on withdrawal (consent-based processors only). */
  readonly offSwitch?: OffSwitch;
  /** `localStorage` keys, or patterns with one `*`, removed on withdrawal. */
  readonly localStorage?: readonly string[];
}

/**
 * The host's wording for any of the widget's texts, in one language (docs/configuration.md: texts). Each is
 * 1-1000 characters of text, never HTML; `gpcRefused` and `gpcOptedIn` hold `{processors}`
 * exactly once, where the names go, and no other text may.
 */
export interface ConsentTextOverrides {
  readonly bannerTitle?: string;
  readonly bannerIntro?: string;
  readonly openNotice?: string;
  readonly withdrawHint?: string;
  readonly acceptAll?: string;
  readonly rejectAll?: string;
  readonly settings?: string;
  readonly preferencesTitle?: string;
  readonly preferencesDescription?: string;
  readonly save?: string;
  readonly close?: string;
  readonly saved?: string;
  readonly alwaysOn?: string;
  readonly necessaryReason?: string;
  readonly dataShared?: string;
  readonly cookies?: string;
  readonly noCookies?: string;
  readonly session?: string;
  readonly recipient?: string;
  readonly privacyPolicy?: string;
  readonly reloadHint?: string;
  readonly blockedContent?: string;
  readonly listAnd?: string;
  readonly gpcRefused?: string;
  readonly gpcOptedIn?: string;
  readonly gpcEntryRefused?: string;
  readonly gpcEntryOptedIn?: string;
}

/** `config.texts`: the host's wording by language; the widget's own fills the rest. */
export interface ConsentTexts {
  readonly en?: ConsentTextOverrides;
  readonly ru?: ConsentTextOverrides;
}

/** The one object `KaitenConsent.start` takes; every key is optional (docs/configuration.md). */
export interface KaitenConsentConfig {
  readonly revision?: number;
  readonly cookieName?: string;
  /**
   * Shares the decision across this domain's subdomains (the cookie's `Domain`), e.g.
   * `"example.com"`: lowercase, no leading dot; the page's host or a parent of it, not a public
   * suffix. Left out: the cookie is host-only.
   */
  readonly cookieDomain?: string;
  readonly lifetimeDays?: number;
  readonly language?: ConsentLanguage;
  readonly privacyUrl?: string;
  /** https URL or same-origin path that receives a consent record for every decision. */
  readonly proofUrl?: string;
  readonly processors?: readonly ProcessorConfig[];
  /** Processor id → script URL, for Kaiten's own processors. */
  readonly scripts?: { readonly [id: string]: string };
  readonly entryElement?: string;
  readonly reloadOnWithdraw?: boolean;
  readonly texts?: ConsentTexts;
}

/** How a decision was made (`gpc`: for the user, from the browser's Global Privacy Control). */
export type ConsentAction = "accept_all" | "reject_all" | "custom" | "withdraw" | "gpc";

/**
 * Where this page learned of the decision: one of the widget's controls (`banner`,
 * `preferences`), the JS API (`api`), Global Privacy Control (`gpc`), or `stored` for a
 * decision read from the cookie or made in another tab.
 */
export type ConsentSource = "banner" | "preferences" | "api" | "gpc" | "stored";

/** Consent-based processor id → granted. */
export type ConsentChoices = { readonly [id: string]: boolean };

/** The state of consent, as `state()` returns it and every change event carries it (frozen). */
export interface ConsentSnapshot {
  /** Whether a decision is in force (`false`: the banner is asking). */
  readonly decided: boolean;
  readonly action: ConsentAction | null;
  readonly source: ConsentSource | null;
  /** The decision's random id, as in its consent record. */
  readonly consentId: string | null;
  /** ISO 8601 UTC, e.g. `2026-05-28T20:26:40Z`. */
  readonly decidedAt: string | null;
  /** When the decision stops counting and the banner asks again (ISO 8601 UTC). */
  readonly expiresAt: string | null;
  /** The privacy notice's revision in force. */
  readonly revision: number;
  /** The language the widget is shown in. */
  readonly language: ConsentLanguage;
  /** Whether the browser sends the Global Privacy Control signal. */
  readonly gpc: boolean;
  /** Every consent-based processor, in config order, and whether it is granted now. */
  readonly choices: ConsentChoices;
}

/** The event dispatched on `document` after every change, with the snapshot in `detail`. */
export type ConsentChangeEvent = CustomEvent<ConsentSnapshot>;
/** A listener given to `onChange`. */
export type ConsentChangeListener = (snapshot: ConsentSnapshot) => void;
/** Removes the listener it was returned for; calling it again does nothing. */
export type Unsubscribe = () => void;

/** A layer of the widget, as `kaiten-consent:show` and `kaiten-consent:hide` name it. */
export type ConsentLayer = "banner" | "preferences" | "notice";
/** Dispatched on `document` when a layer opens (`…:show`) or closes (`…:hide`). */
export type ConsentLayerEvent = CustomEvent<{ readonly layer: ConsentLayer }>;

declare global {
  interface DocumentEventMap {
    "kaiten-consent:change": ConsentChangeEvent;
    "kaiten-consent:show": ConsentLayerEvent;
    "kaiten-consent:hide": ConsentLayerEvent;
  }
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `KaitenConsentConfig` in TypeScript.
    #[wasm_bindgen(typescript_type = "KaitenConsentConfig")]
    pub type ConfigArg;
    /// `ConsentChoices` in TypeScript.
    #[wasm_bindgen(typescript_type = "ConsentChoices")]
    pub type ChoicesArg;
    /// `ConsentSnapshot` in TypeScript.
    #[wasm_bindgen(typescript_type = "ConsentSnapshot")]
    pub type SnapshotValue;
    /// `ConsentChangeListener` in TypeScript.
    #[wasm_bindgen(typescript_type = "ConsentChangeListener")]
    pub type ListenerArg;
    /// `Unsubscribe` in TypeScript.
    #[wasm_bindgen(typescript_type = "Unsubscribe")]
    pub type UnsubscribeValue;
    /// `ConsentLanguage` in TypeScript.
    #[wasm_bindgen(typescript_type = "ConsentLanguage")]
    pub type LanguageArg;
    /// `Promise<void>` in TypeScript.
    #[wasm_bindgen(typescript_type = "Promise<void>")]
    pub type VoidPromise;
}

/// A running consent widget. Create it with `KaitenConsent.start(config)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct KaitenConsent {
    /// `None` once destroyed.
    running: RefCell<Option<Running>>,
}

/// What a started widget holds; dropping it (in `destroy`) takes everything down.
#[derive(Debug)]
struct Running {
    widget: Rc<RefCell<Widget>>,
    /// The widget's loader: answers `isGranted` while the widget is busy applying a decision.
    loader: Rc<PageLoader>,
    listeners: Vec<EventListener>,
    guard: guard::Connection,
}

#[wasm_bindgen]
impl KaitenConsent {
    /// Validates `config` (`null` or left out: Kaiten's own), mounts the widget, applies the
    /// stored decision and replays the calls the guard queued.
    ///
    /// Throws a `KaitenConsentError` whose `code` is `invalid_config` (with every issue in the
    /// message; a `cookieDomain` that does not fit the page's host is one), `cross_origin_frame`
    /// (the page is framed by another origin), `no_document` or `mount_failed`; nothing
    /// consent-based loads in any case.
    pub fn start(config: Option<ConfigArg>) -> Result<KaitenConsent, JsValue> {
        #[cfg(not(panic = "immediate-abort"))]
        super::panic::install();
        let config = parse_config(config.map_or(JsValue::NULL, Into::into))
            .map_err(|message| fail(ErrorCode::InvalidConfig, &message))?;
        if frame::is_cross_origin() {
            return Err(fail(ErrorCode::CrossOriginFrame, frame::REFUSAL));
        }
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| {
                fail(
                    ErrorCode::NoDocument,
                    "kaiten-consent: no document to render into",
                )
            })?;
        config
            .check_page(&cookie::hostname(&document), |domain| {
                cookie::keeps_probe(&document, domain)
            })
            .map_err(|e| fail(ErrorCode::InvalidConfig, &e.message()))?;
        let (widget, stored) = Widget::mount(document, config).map_err(mount_failed)?;
        // The guard asks the widget from now on, before the stored decision loads anything.
        let (guard, queued) = guard::connect(widget.loader(), widget.has_scripts());
        let loader = Rc::clone(widget.loader());
        let widget = Rc::new(RefCell::new(widget));
        let listeners = events::wire(&widget);
        let gpc = widget.borrow().begin();
        // Settled below, before start returns: no frame callback to schedule.
        widget.borrow_mut().settle_in_this_task();
        act(&widget, Action::Loaded { stored, gpc }, Source::Stored);
        for call in queued {
            let argument = call.argument.unwrap_or_default();
            match (call.method.as_str(), call.resolve) {
                (queued::ACCEPT_ALL, _) => act(&widget, Action::AcceptAll, Source::Api),
                (queued::REJECT_ALL, _) => act(&widget, Action::RejectAll, Source::Api),
                (queued::WITHDRAW, _) => withdraw(&widget, &argument),
                (queued::SET, _) => set(&widget, &call.value),
                (queued::WHEN_GRANTED, Some(resolve)) => {
                    if let Ok(id) = ProcessorId::new(&argument) {
                        widget.borrow_mut().when_granted(id, resolve, None);
                    }
                }
                _ => {}
            }
        }
        // No click waits on a frame here, and placeholders and revived tags belong in the
        // page's first paint.
        widget.borrow_mut().settle();
        Ok(KaitenConsent {
            running: RefCell::new(Some(Running {
                widget,
                loader,
                listeners,
                guard,
            })),
        })
    }

    /// The state of consent now: a frozen plain object (see `ConsentSnapshot`), the same as
    /// every change event carries.
    /// Throws (code `busy`) when called from page code that a decision runs while it is being
    /// applied: the new state is not settled yet; `isGranted` answers then.
    pub fn state(&self) -> Result<SnapshotValue, JsValue> {
        let widget = self.widget()?;
        let snapshot = widget
            .try_borrow()
            .map_err(|_| busy_error("state"))?
            .snapshot();
        Ok(snapshot.unchecked_into())
    }

    /// Calls `listener` with the new snapshot after every change (after the `document` event).
    /// Returns a function that removes it. A listener that throws is reported on the console and
    /// the widget carries on.
    #[wasm_bindgen(js_name = onChange)]
    pub fn on_change(&self, listener: ListenerArg) -> Result<UnsubscribeValue, JsValue> {
        let widget = self.widget()?;
        let listener: js_sys::Function = listener.dyn_into().map_err(|_| {
            error(
                ErrorCode::InvalidArgument,
                "kaiten-consent: onChange expects a function",
            )
        })?;
        let token = widget
            .try_borrow_mut()
            .map_err(|_| busy_error("onChange"))?
            .subscribe(listener);
        let weak = Rc::downgrade(&widget);
        let unsubscribe = Closure::<dyn FnMut()>::new(move || {
            if let Some(widget) = weak.upgrade() {
                if let Ok(mut widget) = widget.try_borrow_mut() {
                    widget.unsubscribe(token);
                }
            }
        });
        Ok(unsubscribe.into_js_value().unchecked_into())
    }

    /// Saves individual choices through the API, as the preferences dialog does:
    /// `{ intercom: true, … }`; processors left out (or not `true`) are refused.
    pub fn set(&self, choices: ChoicesArg) -> Result<(), JsValue> {
        set(&self.widget()?, &choices);
        Ok(())
    }

    /// Withdraws consent from processor `id`: its off-switch is called, its cookies and storage
    /// removed, and it loads no more. Does nothing if `id` is not granted.
    pub fn withdraw(&self, id: &str) -> Result<(), JsValue> {
        withdraw(&self.widget()?, id);
        Ok(())
    }

    /// A promise that resolves once processor `id` is granted (at once if it is now), for app
    /// code that loads a processor itself. It stays pending while `id` is not granted; an
    /// invalid id rejects, and so does `destroy()` (code `destroyed`).
    #[wasm_bindgen(js_name = whenGranted)]
    pub fn when_granted(&self, id: &str) -> Result<VoidPromise, JsValue> {
        let widget = self.widget()?;
        let Ok(id) = ProcessorId::new(id) else {
            return Ok(js_sys::Promise::reject(&error(
                ErrorCode::InvalidId,
                &["kaiten-consent: whenGranted: no processor id ", &quoted(id)].concat(),
            ))
            .unchecked_into());
        };
        let loader = self.loader()?;
        let promise = js_sys::Promise::new(&mut |resolve, reject| match widget.try_borrow_mut() {
            Ok(mut widget) => widget.when_granted(id.clone(), resolve, Some(reject)),
            // Asked by page code that a decision runs: the loader's gate already knows.
            Err(_) if loader.is_granted(&id) => {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            Err(_) => busy("whenGranted"),
        });
        Ok(promise.unchecked_into())
    }

    /// Shows the first-layer banner again, e.g. from a "Cookie settings" link in the footer.
    #[wasm_bindgen(js_name = showBanner)]
    pub fn show_banner(&self) -> Result<(), JsValue> {
        if let Some(widget) = idle(&*self.widget()?, "showBanner") {
            widget.ui().set_banner_visible(true);
        }
        Ok(())
    }

    /// Opens the preferences dialog; focus returns to what had focus when it closes.
    #[wasm_bindgen(js_name = showPreferences)]
    pub fn show_preferences(&self) -> Result<(), JsValue> {
        if let Some(mut widget) = idle_mut(&*self.widget()?, "showPreferences") {
            widget.open(Dialog::Preferences, None);
        }
        Ok(())
    }

    /// Opens the full privacy notice; focus returns to what had focus when it closes.
    #[wasm_bindgen(js_name = showNotice)]
    pub fn show_notice(&self) -> Result<(), JsValue> {
        if let Some(mut widget) = idle_mut(&*self.widget()?, "showNotice") {
            widget.open(Dialog::Notice, None);
        }
        Ok(())
    }

    /// Speaks `language` from now on: every layer the widget has built is worded anew in place
    /// (an open dialog stays open, focus stays on the same control, switches keep what the user
    /// set), the root's `lang` follows, and later decisions are recorded in it. Nothing about
    /// consent changes, so no change event is fired; `state().language` says the new one.
    /// Throws (code `invalid_argument`) for a language the widget does not speak.
    #[wasm_bindgen(js_name = setLanguage)]
    pub fn set_language(&self, language: LanguageArg) -> Result<(), JsValue> {
        let widget = self.widget()?;
        let tag = JsValue::from(language).as_string();
        let found = tag.as_deref().and_then(Language::from_exact_tag);
        let Some(language) = found else {
            let got = tag.map_or_else(|| "a value that is not a string".to_owned(), |t| quoted(&t));
            return Err(fail(
                ErrorCode::InvalidArgument,
                &[
                    "kaiten-consent: setLanguage expects ",
                    &Language::tags_quoted(),
                    ", got ",
                    &got,
                ]
                .concat(),
            ));
        };
        if let Some(mut widget) = idle_mut(&widget, "setLanguage") {
            widget.set_language(language);
        }
        Ok(())
    }

    /// Grants every consent-based processor, as "Accept all" does; recorded with source `api`.
    #[wasm_bindgen(js_name = acceptAll)]
    pub fn accept_all(&self) -> Result<(), JsValue> {
        act(&self.widget()?, Action::AcceptAll, Source::Api);
        Ok(())
    }

    /// Refuses every consent-based processor, as "Reject all" does; recorded with source `api`.
    #[wasm_bindgen(js_name = rejectAll)]
    pub fn reject_all(&self) -> Result<(), JsValue> {
        act(&self.widget()?, Action::RejectAll, Source::Api);
        Ok(())
    }

    /// Forgets the decision: the consent cookie is deleted (in the site's other tabs too), what
    /// it granted is stopped as on a withdrawal, and the banner asks again. Sends no consent
    /// record (nothing was decided); use `rejectAll()` for a recorded refusal.
    pub fn reset(&self) -> Result<(), JsValue> {
        act(&self.widget()?, Action::Reset, Source::Api);
        Ok(())
    }

    /// Takes the widget down: its DOM (host element, iframe placeholders), every listener it
    /// added, its cross-tab channel and its `onChange` listeners; pending `whenGranted` promises
    /// reject with code `destroyed`. The guard holds processor scripts again (fail closed) until
    /// the next `start`. Scripts that already ran stay loaded. Calling it again does nothing;
    /// every other method then throws (code `destroyed`).
    pub fn destroy(&self) {
        let running = self.running.borrow_mut().take();
        if let Some(Running {
            widget,
            loader: _,
            listeners,
            guard,
        }) = running
        {
            drop(guard);
            drop(listeners);
            // A destroy from inside an onChange listener finds the widget released (act lets
            // go of it before telling anyone).
            if let Ok(mut widget) = widget.try_borrow_mut() {
                widget.destroy();
            }
        }
    }

    /// Whether processor `id` is consented now; also from page code that a decision runs while
    /// it is being applied (a revived inline script, an off-switch).
    #[wasm_bindgen(js_name = isGranted)]
    pub fn is_granted(&self, id: &str) -> Result<bool, JsValue> {
        let widget = self.widget()?;
        let loader = self.loader()?;
        let granted = ProcessorId::new(id).is_ok_and(|id| match widget.try_borrow() {
            Ok(widget) => widget.is_granted(&id),
            Err(_) => loader.is_granted(&id),
        });
        Ok(granted)
    }
}

impl KaitenConsent {
    fn widget(&self) -> Result<Rc<RefCell<Widget>>, JsValue> {
        self.running()
            .map(|r| Rc::clone(&r.widget))
            .ok_or_else(destroyed)
    }

    fn loader(&self) -> Result<Rc<PageLoader>, JsValue> {
        self.running()
            .map(|r| Rc::clone(&r.loader))
            .ok_or_else(destroyed)
    }

    fn running(&self) -> Option<Ref<'_, Running>> {
        Ref::filter_map(self.running.borrow(), Option::as_ref).ok()
    }
}

/// The error every method but `destroy` throws once the widget is destroyed.
fn destroyed() -> JsValue {
    error(
        ErrorCode::Destroyed,
        "kaiten-consent: this widget was destroyed; start a new one",
    )
}

fn parse_config(input: JsValue) -> Result<Config, String> {
    Config::parse(&js_value::to_value(&input)).map_err(|e| e.message())
}

/// The `mount_failed` error: the browser refused what the widget mounts with (Shadow DOM,
/// constructed stylesheets). The browser's own error is logged with the message and kept as
/// the thrown error's `cause` (not formatted into the message: that needs `core::fmt`).
fn mount_failed(cause: JsValue) -> JsValue {
    const MESSAGE: &str = "kaiten-consent: could not mount the widget (it needs Shadow DOM and \
                           constructed stylesheets); nothing consent-based will load";
    web_sys::console::error_2(&[MESSAGE, ". The cause:"].concat().into(), &cause);
    let thrown = error(
        ErrorCode::MountFailed,
        &[MESSAGE, " (the cause is this error's `cause`)"].concat(),
    );
    let _ = js_sys::Reflect::set(&thrown, &"cause".into(), &cause);
    thrown
}
