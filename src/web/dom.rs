//! The mounted widget's DOM: the host element with its open shadow root (so the host page's CSS
//! cannot restyle it), the banner, the entry point and the two dialogs. It shows and hides them,
//! moves focus and reads the switches; what to show comes from view values. Only the banner and
//! the entry point are built at start: the preferences (nine in ten of the widget's elements)
//! and the full notice are built the first time they open, since most visitors decide on the
//! banner and never open either.

use super::dom_builder::{join, Builder};
use super::focus;
use super::layer_events;
use crate::processor::ProcessorId;
use crate::view::{
    self, Banner, Entry, GpcNote, NoticeView, Preferences, ACTION_ATTRIBUTE, HOOK_ATTRIBUTE,
    PROCESSOR_ATTRIBUTE,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, HtmlDialogElement, HtmlElement, HtmlInputElement, ShadowRoot,
    ShadowRootInit, ShadowRootMode,
};

/// The widget's styles, applied through a constructed stylesheet (no `style` attributes and no
/// `<style>` elements, so a `style-src` without `'unsafe-inline'` does not block them).
const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

/// One of the widget's modal dialogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialog {
    /// The preferences (second layer).
    Preferences,
    /// The full privacy notice.
    Notice,
}

impl Dialog {
    /// Its test hook, which also names it in `kaiten-consent:show` and `…:hide`.
    fn hook(self) -> &'static str {
        match self {
            Dialog::Preferences => view::hook::PREFERENCES,
            Dialog::Notice => view::hook::NOTICE,
        }
    }
}

/// The preferences dialog once built: the dialog, its polite status region and its Global
/// Privacy Control note.
#[derive(Debug)]
struct PreferencesDialog {
    element: HtmlDialogElement,
    status: Element,
    gpc_note: Element,
}

/// The mounted widget.
#[derive(Debug)]
pub(crate) struct Ui {
    host: Element,
    shadow: ShadowRoot,
    banner: Element,
    entry: Element,
    /// The entry point's Global Privacy Control line.
    entry_note: Element,
    /// What the Global Privacy Control notes say now (`None`: hidden).
    gpc_note: Option<GpcNote>,
    /// What opens the preferences after a decision: the floating button, or the host's element.
    entry_button: HtmlElement,
    /// Whether `entry_button` is the host's own element (the floating one then never shows).
    host_entry: bool,
    /// None until the preferences first open.
    preferences: Option<PreferencesDialog>,
    /// None until the notice first opens.
    notice: Option<HtmlDialogElement>,
    /// What had focus when each dialog opened, to return focus to on close.
    openers: [Option<HtmlElement>; 2],
}

impl Ui {
    /// Creates the host element at the end of `<body>` with the banner and the entry point in
    /// it, hidden. The dialogs are built when they first open.
    pub(crate) fn mount(
        document: &Document,
        banner: &Banner,
        entry: &Entry,
    ) -> Result<Self, JsValue> {
        let language = banner.language;
        let build = Builder(document);
        let host = build.element(
            "div",
            &[(HOOK_ATTRIBUTE, view::hook::ROOT), ("lang", language.tag())],
        );
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let sheet = web_sys::CssStyleSheet::new()?;
        sheet.replace_sync(STYLES)?;
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        let banner = build.banner(banner);
        let (entry, entry_button, entry_note) = build.entry(entry);
        for node in [&banner, &entry] {
            shadow.append_child(node)?;
        }
        document
            .body()
            .ok_or_else(|| JsValue::from_str("the page has no <body>"))?
            .append_child(&host)?;
        Ok(Self {
            host,
            shadow,
            banner,
            entry,
            entry_note,
            gpc_note: None,
            entry_button: entry_button.unchecked_into(),
            host_entry: false,
            preferences: None,
            notice: None,
            openers: [None, None],
        })
    }

    /// The node that receives the widget's clicks and keys.
    pub(crate) fn events_target(&self) -> &ShadowRoot {
        &self.shadow
    }

    /// The element of `dialog`; none before it is built.
    pub(crate) fn dialog(&self, dialog: Dialog) -> Option<&HtmlDialogElement> {
        match dialog {
            Dialog::Preferences => self.preferences.as_ref().map(|p| &p.element),
            Dialog::Notice => self.notice.as_ref(),
        }
    }

    /// Which of the dialogs `target` is, if it is one.
    pub(crate) fn dialog_of(&self, target: &web_sys::EventTarget) -> Option<Dialog> {
        [Dialog::Preferences, Dialog::Notice].into_iter().find(|d| {
            self.dialog(*d)
                .is_some_and(|e| e.unchecked_ref::<web_sys::EventTarget>() == target)
        })
    }

    /// Builds the notice dialog from `view` (at the end of the shadow root); the widget calls it
    /// once, when it first opens.
    pub(crate) fn build_notice(&mut self, view: &NoticeView) {
        let element = Builder(&self.document()).notice(view);
        let _ = self.shadow.append_child(&element);
        self.notice = Some(element.unchecked_into());
    }

    /// Builds the preferences dialog from `view` (at the end of the shadow root), with the Global
    /// Privacy Control note in force; the widget calls it once, when they first open.
    pub(crate) fn build_preferences(&mut self, view: &Preferences) {
        let (element, status, gpc_note) = Builder(&self.document()).preferences(view);
        write_note(
            &gpc_note,
            self.gpc_note.as_ref().map(|n| n.preferences.as_str()),
        );
        let _ = self.shadow.append_child(&element);
        self.preferences = Some(PreferencesDialog {
            element: element.unchecked_into(),
            status,
            gpc_note,
        });
    }

    /// Whether `dialog` has been built (it opened at least once).
    pub(crate) fn has(&self, dialog: Dialog) -> bool {
        self.dialog(dialog).is_some()
    }

    /// The host's document.
    fn document(&self) -> Document {
        // An element always has an owner document; the fallback only satisfies the type.
        self.host.owner_document().unwrap_or_else(|| {
            unreachable!("invariant: the widget's host element belongs to a document")
        })
    }

    /// Uses the host's own `element` as the entry point instead of the floating button.
    pub(crate) fn adopt_entry(&mut self, element: HtmlElement) {
        self.entry_button = element;
        self.host_entry = true;
        set_hidden(&self.entry, true);
    }

    /// The host's own entry element, if adopted.
    pub(crate) fn host_entry(&self) -> Option<&HtmlElement> {
        self.host_entry.then_some(&self.entry_button)
    }

    /// Shows the banner and hides the entry point, or the other way round. Returns whether
    /// focus was inside the banner as it hid: the caller then moves it with
    /// [`Ui::focus_entry_if_lost`] once the frame is painted, since `focus()` on an element
    /// shown in the same task forces style and layout there and then.
    pub(crate) fn set_banner_visible(&self, visible: bool) -> bool {
        let had_focus = !visible
            && self
                .shadow
                .active_element()
                .is_some_and(|a| self.banner.contains(Some(&a)));
        if self.banner.has_attribute("hidden") == visible {
            layer_events::announce(&self.document(), view::hook::BANNER, visible);
        }
        set_hidden(&self.banner, !visible);
        set_hidden(&self.entry, visible || self.host_entry);
        had_focus
    }

    /// Moves focus to the entry point if it is still in the hidden banner or was dropped to the
    /// page's body, so keyboard users are not lost; focus the user has moved elsewhere meanwhile
    /// stays where it is.
    pub(crate) fn focus_entry_if_lost(&self) {
        let lost = match self.shadow.active_element() {
            Some(active) => self.banner.contains(Some(&active)),
            None => self
                .host
                .owner_document()
                .and_then(|d| d.active_element())
                .map_or(true, |active| active.local_name() == "body"),
        };
        if lost {
            let _ = self.entry_button.focus();
        }
    }

    /// Sets each consent switch to its processor's choice (on open and after each decision, once
    /// the preferences are built; after rewording, to what the user had set).
    pub(crate) fn sync_switches(&self, choices: &[(ProcessorId, bool)]) {
        for (id, on) in choices {
            if let Some(input) = self.switch(id.as_str()) {
                input.set_checked(*on);
            }
        }
    }

    /// The switches that are not disabled, with their state (none before the preferences are
    /// built).
    pub(crate) fn choices(&self) -> Vec<(ProcessorId, bool)> {
        let Some(preferences) = &self.preferences else {
            return Vec::new();
        };
        let Ok(inputs) = preferences
            .element
            .query_selector_all("input:not([disabled])")
        else {
            return Vec::new();
        };
        (0..inputs.length())
            .filter_map(|i| {
                let input: HtmlInputElement = inputs.item(i)?.dyn_into().ok()?;
                let id = ProcessorId::new(&input.get_attribute(PROCESSOR_ATTRIBUTE)?).ok()?;
                Some((id, input.checked()))
            })
            .collect()
    }

    /// Opens `dialog` as a modal (the page behind turns inert) and moves focus into it. Focus
    /// returns to `opener`, else to what had focus, when it closes. The preferences open only
    /// once [`Ui::build_preferences`] built them, the notice once [`Ui::build_notice`] did.
    pub(crate) fn open(&mut self, dialog: Dialog, opener: Option<HtmlElement>) {
        let Some(element) = self.dialog(dialog).cloned() else {
            return;
        };
        if let (Dialog::Preferences, Some(preferences)) = (dialog, &self.preferences) {
            preferences.status.set_text_content(None);
        }
        if element.open() {
            return;
        }
        let opener = opener.or_else(|| self.focused());
        self.openers[dialog as usize] = opener;
        if element.show_modal().is_ok() {
            focus::first(&element);
            layer_events::announce(&self.document(), dialog.hook(), true);
        }
    }

    /// Closes `dialog`, changing nothing; the `close` event returns focus.
    pub(crate) fn close(&self, dialog: Dialog) {
        if let Some(element) = self.dialog(dialog) {
            element.close();
        }
    }

    /// The open dialog on top, if any.
    pub(crate) fn top_dialog(&self) -> Option<Dialog> {
        [Dialog::Notice, Dialog::Preferences]
            .into_iter()
            .find(|d| self.dialog(*d).is_some_and(HtmlDialogElement::open))
    }

    /// After `dialog` closed: focus goes back to its opener if that is still shown, else to the
    /// entry point (the banner button that opened it hides once a decision is made).
    pub(crate) fn return_focus(&mut self, dialog: Dialog) {
        layer_events::announce(&self.document(), dialog.hook(), false);
        let opener = self.openers[dialog as usize].take();
        let target = opener
            .filter(|o| o.is_connected() && o.closest("[hidden]").ok().flatten().is_none())
            .unwrap_or_else(|| self.entry_button.clone());
        let _ = target.focus();
    }

    /// Announces `text` in the preferences' polite status region, if they are built (the
    /// region is inside the dialog, so it is only heard while the dialog is open).
    pub(crate) fn announce(&self, text: &str) {
        if let Some(preferences) = &self.preferences {
            preferences.status.set_text_content(Some(text));
        }
    }

    /// Whether `element` is in the first-layer banner (else in a dialog).
    pub(crate) fn in_banner(&self, element: &HtmlElement) -> bool {
        self.banner.contains(Some(element))
    }

    /// Whether the preferences dialog is open.
    pub(crate) fn preferences_open(&self) -> bool {
        self.dialog(Dialog::Preferences)
            .is_some_and(HtmlDialogElement::open)
    }

    /// Shows `note` on the entry point and in the preferences, or hides it there; the DOM is
    /// touched only when the note changed.
    pub(crate) fn show_gpc_note(&mut self, note: Option<GpcNote>) {
        if note != self.gpc_note {
            self.gpc_note = note;
            self.write_gpc_notes();
        }
    }

    /// Writes [`Ui::gpc_note`] into the entry point's line and the preferences' paragraph.
    fn write_gpc_notes(&self) {
        let note = self.gpc_note.as_ref();
        write_note(&self.entry_note, note.map(|n| n.entry.as_str()));
        if let Some(preferences) = &self.preferences {
            write_note(&preferences.gpc_note, note.map(|n| n.preferences.as_str()));
        }
    }

    /// Words every built layer anew in `banner`'s language, in place: each keeps its element
    /// (so whether it shows stays, and an open dialog stays open and modal) and gets new
    /// contents, the preferences' switches as the user left them, and `gpc_note`. Focus, and
    /// where it returns to when a dialog closes, go to the same control in the new words. The
    /// dialogs' views are given only for the dialogs built.
    pub(crate) fn reword(
        &mut self,
        banner: &Banner,
        entry: &Entry,
        preferences: Option<&Preferences>,
        notice: Option<&NoticeView>,
        gpc_note: Option<GpcNote>,
    ) {
        let _ = self.host.set_attribute("lang", banner.language.tag());
        let focused = self.focused().map(|f| self.locate(f));
        let openers = self.openers.clone().map(|o| o.map(|o| self.locate(o)));
        let choices = self.choices();
        let build = Builder(&self.document());
        move_contents(&build.banner(banner), &self.banner);
        let (new_entry, new_button, entry_note) = build.entry(entry);
        move_contents(&new_entry, &self.entry);
        self.entry_note = entry_note;
        let _ = self.entry.set_attribute("aria-label", entry.button.label);
        if !self.host_entry {
            self.entry_button = new_button.unchecked_into();
        }
        if let (Some(old), Some(view)) = (&mut self.preferences, preferences) {
            let (built, status, note) = build.preferences(view);
            move_contents(&built, &old.element);
            old.status = status;
            old.gpc_note = note;
        }
        self.sync_switches(&choices);
        if let (Some(old), Some(view)) = (&self.notice, notice) {
            move_contents(&build.notice(view), old);
        }
        self.gpc_note = gpc_note;
        self.write_gpc_notes();
        for (slot, place) in openers.into_iter().enumerate() {
            self.openers[slot] = place.map(|place| self.find(place));
        }
        if let Some(place) = focused {
            let _ = self.find(place).focus();
        }
    }

    /// Where `element` is, in words that survive [`Ui::reword`]: the layer holding it and its
    /// `data-kc-action` or `data-kc-processor`. An element outside the widget stays itself.
    fn locate(&self, element: HtmlElement) -> Place {
        let dialogs = [Dialog::Preferences, Dialog::Notice].map(|d| self.dialog(d).cloned());
        let layer = [self.banner.clone(), self.entry.clone()]
            .into_iter()
            .chain(dialogs.into_iter().flatten().map(Into::into))
            .find(|layer| layer.contains(Some(&element)));
        let Some(layer) = layer else {
            return Place::Page(element);
        };
        let key = [ACTION_ATTRIBUTE, PROCESSOR_ATTRIBUTE]
            .into_iter()
            .find_map(|name| Some((name, element.get_attribute(name)?)));
        Place::Widget(layer, key)
    }

    /// The element at `place` now: the control with the same key in its layer, else the layer's
    /// first focusable control, else the entry point.
    fn find(&self, place: Place) -> HtmlElement {
        let (layer, key) = match place {
            Place::Page(element) => return element,
            Place::Widget(layer, key) => (layer, key),
        };
        let same = key.and_then(|(name, value)| {
            let found = layer.query_selector(&join(&["[", name, "=\"", &value, "\"]"]));
            Some(found.ok()??.unchecked_into())
        });
        same.or_else(|| focus::first_focusable(&layer))
            .unwrap_or_else(|| self.entry_button.clone())
    }

    /// Removes everything the widget added to the page.
    pub(crate) fn remove(&self) {
        let document = self.document();
        if !self.banner.has_attribute("hidden") {
            layer_events::announce(&document, view::hook::BANNER, false);
        }
        for dialog in [Dialog::Preferences, Dialog::Notice] {
            if self.dialog(dialog).is_some_and(HtmlDialogElement::open) {
                layer_events::announce(&document, dialog.hook(), false);
            }
        }
        self.host.remove();
    }

    fn switch(&self, id: &str) -> Option<HtmlInputElement> {
        let selector = join(&["[", PROCESSOR_ATTRIBUTE, "=\"", id, "\"]"]);
        self.dialog(Dialog::Preferences)?
            .query_selector(&selector)
            .ok()
            .flatten()?
            .dyn_into()
            .ok()
    }

    /// What has focus: inside the shadow tree, else in the page.
    fn focused(&self) -> Option<HtmlElement> {
        let active = self
            .shadow
            .active_element()
            .or_else(|| self.host.owner_document().and_then(|d| d.active_element()))?;
        active.dyn_into().ok()
    }
}

/// A control's place, as [`Ui::locate`] finds it.
#[derive(Debug)]
enum Place {
    /// In the widget: the layer's element (kept by [`Ui::reword`]), and the attribute and value
    /// that name the control there.
    Widget(Element, Option<(&'static str, String)>),
    /// In the host page.
    Page(HtmlElement),
}

/// Shows `text` in a Global Privacy Control note, or hides the note when there is none.
fn write_note(note: &Element, text: Option<&str>) {
    note.set_text_content(text);
    set_hidden(note, text.is_none());
}

/// Moves the children of `from` (just built, never shown) into `into`, replacing its own.
fn move_contents(from: &Element, into: &Element) {
    into.set_text_content(None);
    while let Some(child) = from.first_child() {
        let _ = into.append_child(&child);
    }
}

fn set_hidden(element: &Element, hidden: bool) {
    let _ = if hidden {
        element.set_attribute("hidden", "")
    } else {
        element.remove_attribute("hidden")
    };
}

/// The button an event happened on and its `data-kc-action`, looking through the composed path
/// (the event is retargeted to the shadow host outside the shadow tree).
pub(crate) fn action_of(event: &web_sys::Event) -> Option<(view::ButtonAction, HtmlElement)> {
    event.composed_path().iter().find_map(|node| {
        let element = node.dyn_into::<HtmlElement>().ok()?;
        let action = view::ButtonAction::from_hook(&element.get_attribute(ACTION_ATTRIBUTE)?)?;
        Some((action, element))
    })
}
