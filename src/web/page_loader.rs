//! Carries out the loader's decisions in the page: inserts processor scripts (once each),
//! revives held and inert elements of granted processors in document order, switches withdrawn
//! processors off, removes what they stored and keeps Google Consent Mode in step. Which
//! processor a URL belongs to, whether it is granted and which Consent Mode keys that grants is
//! the core's [`Gate`]; this module only asks it.

use super::{cookie, page_globals, processor_script};
use crate::config::Config;
use crate::guard_contract::{
    held_attribute, held_url_prefix, processor_attribute, HELD, KEPT_TYPE, PROCESSOR,
};
use crate::language::Language;
use crate::loader::{self, ConsentModeState, Gate};
use crate::processor::{Processor, ProcessorId};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlScriptElement};

/// Held scripts (by the guard's patches or its Trusted Types policy: [`crate::guard_contract::HELD_URL_PREFIX`]),
/// inert scripts, iframes and images, in one document-order query.
const REVIVABLE: &str = concat!(
    "script[",
    held_attribute!(),
    "],script[src^='",
    held_url_prefix!(),
    "'],script[type='text/plain'][",
    processor_attribute!(),
    "],iframe[",
    processor_attribute!(),
    "][data-src],img[",
    processor_attribute!(),
    "][data-src]"
);
/// The attribute on the note the loader puts before a blocked iframe, naming its processor.
const PLACEHOLDER: &str = "data-kc-placeholder";
/// Every such note.
const PLACEHOLDERS: &str = "[data-kc-placeholder]";
/// Attributes of a held or inert element that its revived copy does not carry.
const MARKERS: [&str; 4] = ["type", HELD, KEPT_TYPE, "data-src"];

/// The page's loader, shared by the widget and the guard's callbacks.
#[derive(Debug)]
pub(crate) struct PageLoader {
    document: Document,
    nonce: String,
    gate: RefCell<Gate>,
    inserted: RefCell<Vec<ProcessorId>>,
    /// The Consent Mode state last signalled (`None` before the first signal).
    signalled: Cell<Option<ConsentModeState>>,
    /// Placeholder text per consent processor, in the widget's language.
    placeholders: RefCell<Vec<(ProcessorId, String)>>,
}

impl PageLoader {
    /// The loader of `document` under `config`, with nothing granted.
    pub(crate) fn new(document: Document, config: &Config, language: Language) -> Self {
        let host = cookie::hostname(&document);
        Self {
            nonce: processor_script::page_nonce(&document),
            gate: RefCell::new(Gate::new(config, &host)),
            inserted: RefCell::new(Vec::new()),
            signalled: Cell::new(None),
            placeholders: RefCell::new(placeholder_texts(config, language)),
            document,
        }
    }

    /// Speaks `language` from now on: the placeholders already in the page are worded anew.
    pub(crate) fn set_language(&self, config: &Config, language: Language) {
        let texts = placeholder_texts(config, language);
        if let Ok(notes) = self.document.query_selector_all(PLACEHOLDERS) {
            for note in (0..notes.length()).filter_map(|i| notes.item(i)) {
                let note: &Element = note.unchecked_ref();
                let raw = note.get_attribute(PLACEHOLDER).unwrap_or_default();
                if let Some((_, text)) = texts.iter().find(|(id, _)| id.as_str() == raw) {
                    note.set_text_content(Some(text));
                }
            }
        }
        *self.placeholders.borrow_mut() = texts;
    }

    /// Tells the gate which processors are granted now (before any effect is carried out), and
    /// Google Consent Mode what that grants when it changed (the first time too: the decision
    /// in force at start).
    pub(crate) fn set_granted(&self, granted: Vec<ProcessorId>) {
        let state = {
            let mut gate = self.gate.borrow_mut();
            gate.set_granted(granted);
            gate.consent_mode()
        };
        if !state.declared.is_empty() && self.signalled.replace(Some(state)) != Some(state) {
            page_globals::signal_consent_mode(state);
        }
    }

    /// Whether a script from absolute `url` must be held now (the guard asks this).
    pub(crate) fn holds(&self, url: &str) -> bool {
        self.gate.try_borrow().map_or(true, |gate| gate.holds(url))
    }

    /// Whether `id` is granted now. Unlike the widget, the gate is readable while a decision is
    /// being carried out (it learns the new grants first), so page code run by that decision (a
    /// revived inline script, an off-switch) gets the answer in force.
    pub(crate) fn is_granted(&self, id: &ProcessorId) -> bool {
        self.gate.try_borrow().is_ok_and(|gate| gate.is_granted(id))
    }

    /// Hosts of configured scripts missing from the guard's `data-hosts`.
    pub(crate) fn unguarded_hosts(&self, guard_hosts: &[String]) -> Vec<String> {
        let gate = self.gate.borrow();
        gate.unguarded_hosts(guard_hosts)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Inserts `processor`'s configured script if it is granted now, once per page (also across
    /// `destroy()` and a new `start`). The gate is asked again because the load runs after the
    /// decision's frame, and a later decision may have refused the processor meanwhile.
    pub(crate) fn load(&self, processor: &Processor) {
        if !self.is_granted(&processor.id) {
            return;
        }
        if self.inserted.borrow().contains(&processor.id) {
            return;
        }
        self.inserted.borrow_mut().push(processor.id.clone());
        if !processor_script::present(&self.document, processor) {
            processor_script::insert(&self.document, processor, &self.nonce);
        }
    }

    /// Removes the `localStorage` keys of withdrawn `processor`.
    pub(crate) fn remove_storage(&self, processor: &Processor) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let storage = window.local_storage().unwrap_or_else(|_| {
            web_sys::console::warn_1(&JsValue::from_str(
                "kaiten-consent: localStorage threw when opened; \
                 a withdrawn processor's stored keys could not be removed",
            ));
            None
        });
        if let Some(storage) = storage {
            let keys: Vec<String> = (0..storage.length().unwrap_or(0))
                .filter_map(|i| storage.key(i).ok().flatten())
                .collect();
            for key in loader::storage_keys_to_remove(processor, &keys) {
                let _ = storage.remove_item(key);
            }
        }
    }

    /// Revives, in document order and once each, every held or inert element of a granted
    /// processor; puts a placeholder before each iframe still blocked.
    pub(crate) fn revive(&self) {
        let Ok(found) = self.document.query_selector_all(REVIVABLE) else {
            return;
        };
        // Every match of a selector is an element, and not `instanceof` this window's Element when
        // another window's document made it (a frame's script inserted here), so no checked cast.
        let elements: Vec<Element> = (0..found.length())
            .filter_map(|i| Some(found.item(i)?.unchecked_into()))
            .collect();
        for element in elements {
            // Decide, then act with the gate released: a revived inline script runs at once and
            // may insert scripts, which makes the guard ask the gate again.
            let release = {
                let gate = self.gate.borrow();
                match element.get_attribute(PROCESSOR) {
                    Some(raw) => ProcessorId::new(&raw).is_ok_and(|id| gate.is_granted(&id)),
                    None => !gate.holds(&script_url(&element)),
                }
            };
            match (release, element.local_name().as_str()) {
                (true, "script") => self.revive_script(&element),
                (true, _) => {
                    if let Some(src) = element.get_attribute("data-src") {
                        let _ = element.remove_attribute("data-src");
                        let _ = element.set_attribute("src", &src);
                    }
                    remove_placeholder(&element);
                }
                (false, "iframe") => self.add_placeholder(&element),
                (false, _) => {}
            }
        }
    }

    /// Replaces a held or inert script with a fresh copy that runs: a prepared script element
    /// never runs again. Attributes and nonce are kept; external copies keep document order.
    fn revive_script(&self, old: &Element) {
        let Ok(copy) = self.document.create_element("script") else {
            return;
        };
        let names = old.get_attribute_names();
        for name in names.iter().filter_map(|n| n.as_string()) {
            if !MARKERS.contains(&name.as_str()) {
                if let Some(value) = old.get_attribute(&name) {
                    // A src the guard's Trusted Types policy made inert gets its original back;
                    // setting it passes that policy now that the processor is granted.
                    let value = match name.as_str() {
                        "src" => loader::held_original(&value).unwrap_or(value),
                        _ => value,
                    };
                    let _ = copy.set_attribute(&name, &value);
                }
            }
        }
        if let Some(kind) = old.get_attribute(KEPT_TYPE) {
            let _ = copy.set_attribute("type", &kind);
        }
        let copy: HtmlScriptElement = copy.unchecked_into();
        // Its own nonce only: a script the page's CSP would have refused stays refused.
        copy.set_nonce(&old.unchecked_ref::<HtmlElement>().nonce());
        if let Some(src) = old.get_attribute("data-src") {
            copy.set_src(&src);
        }
        if copy.has_attribute("src") {
            // A copy whose URL belongs to a processor not granted (an inert tag labelled with
            // another processor than its URL's, say) stays held: the guard would hold the copy
            // again and ask for another pass, and so on forever.
            if self.gate.borrow().holds(&script_url(&copy)) {
                return;
            }
            // Dynamically inserted scripts are async unless told otherwise; keep their order.
            copy.set_async(old.has_attribute("async"));
        } else {
            let _ = copy.set_text(&old.text_content().unwrap_or_default());
        }
        let _ = old.replace_with_with_node_1(&copy);
    }

    /// Removes every note [`PageLoader::revive`] put before a blocked iframe (`destroy()`).
    pub(crate) fn remove_placeholders(&self) {
        if let Ok(notes) = self.document.query_selector_all(PLACEHOLDERS) {
            for note in (0..notes.length()).filter_map(|i| notes.item(i)) {
                note.unchecked_ref::<Element>().remove();
            }
        }
    }

    fn add_placeholder(&self, iframe: &Element) {
        let Some(raw) = iframe.get_attribute(PROCESSOR) else {
            return;
        };
        let placed = iframe
            .previous_element_sibling()
            .is_some_and(|p| p.get_attribute(PLACEHOLDER).as_deref() == Some(&raw));
        let placeholders = self.placeholders.borrow();
        let text = placeholders.iter().find(|(id, _)| id.as_str() == raw);
        if let (false, Some((_, text))) = (placed, text) {
            if let Ok(note) = self.document.create_element("p") {
                let _ = note.set_attribute(PLACEHOLDER, &raw);
                note.set_text_content(Some(text));
                let _ = iframe.before_with_node_1(&note);
            }
        }
    }
}

/// The placeholder text of each consent-based processor of `config`, in `language`.
fn placeholder_texts(config: &Config, language: Language) -> Vec<(ProcessorId, String)> {
    config
        .consent_processors()
        .map(|p| (p.id.clone(), loader::placeholder_text(config, p, language)))
        .collect()
}

/// The absolute URL a held script stands for: the original behind the guard's inert Trusted
/// Types URL, else its `src`.
fn script_url(script: &Element) -> String {
    script
        .get_attribute("src")
        .and_then(|src| loader::held_original(&src))
        .unwrap_or_else(|| script.unchecked_ref::<HtmlScriptElement>().src())
}

/// Removes the placeholder the loader put before `element`, if any.
fn remove_placeholder(element: &Element) {
    if let Some(note) = element.previous_element_sibling() {
        if note.has_attribute(PLACEHOLDER) {
            note.remove();
        }
    }
}
