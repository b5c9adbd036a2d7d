//! Turns view values into DOM: text nodes and attributes only, never HTML, never `style`.
//!
//! Building cannot fail: the tag and attribute names are the widget's own constants and every
//! node is appended to a parent the builder just made, so the DOM's errors (invalid names,
//! hierarchy errors) cannot occur and are not carried through every call. Only page code that
//! replaces `Document.prototype.createElement` with one that throws on valid names could break
//! that. Done before `start`, the trap happens while mounting, before the stored decision is
//! applied: `KaitenConsent.start` throws and nothing consent-based loads (fail closed). Done
//! after, it happens when the preferences or the notice are first opened (they are built then):
//! the call traps with the widget held, so every later decision is refused and said on the
//! console, and nothing the decision in force refuses loads (`e2e/hostile.test.mjs`); what it
//! granted keeps running until the page reloads.

use crate::notice::{Block, Span};
use crate::view::{
    self, Banner, Button, Entry, NoticeView, Preferences, Switch, ACTION_ATTRIBUTE, HOOK_ATTRIBUTE,
    PROCESSOR_ATTRIBUTE,
};

/// The class of the element that says Global Privacy Control is honoured: a line on the entry
/// point and a paragraph in the preferences, hidden until a note applies.
const GPC_NOTE_CLASS: &str = "gpc";
use web_sys::{Document, Element};

/// Builds DOM nodes in one document.
#[derive(Debug)]
pub(crate) struct Builder<'a>(pub(crate) &'a Document);

impl Builder<'_> {
    /// `<tag attributes…>`.
    pub(crate) fn element(&self, tag: &str, attributes: &[(&str, &str)]) -> Element {
        let node = self
            .0
            .create_element(tag)
            // Not `expect`: it would format the JsValue with `Debug` (core::fmt and a glue shim).
            .unwrap_or_else(|_| {
                unreachable!("invariant: createElement accepts the widget's constant tag names")
            });
        for (name, value) in attributes {
            let _ = node.set_attribute(name, value);
        }
        node
    }

    /// `<tag attributes…>text</tag>`, appended to `parent`.
    fn text(
        &self,
        parent: &Element,
        tag: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> Element {
        let node = self.element(tag, attributes);
        node.set_text_content(Some(text));
        let _ = parent.append_child(&node);
        node
    }

    /// A `<button type=button data-kc-action=…>` with `class`, appended to `parent`.
    fn button(&self, parent: &Element, button: Button, class: &str) -> Element {
        self.text(
            parent,
            "button",
            &[
                ("type", "button"),
                (ACTION_ATTRIBUTE, button.action.hook()),
                ("class", class),
            ],
            button.label,
        )
    }

    /// Accept all, Reject all and the third: equal buttons in a row.
    fn actions(&self, parent: &Element, buttons: [Button; 3]) {
        let actions = self.element("div", &[("class", "actions")]);
        for button in buttons {
            self.button(&actions, button, "action");
        }
        let _ = parent.append_child(&actions);
    }

    /// The first-layer banner: a labelled, non-modal region, hidden until the core shows it.
    pub(crate) fn banner(&self, banner: &Banner) -> Element {
        let section = self.element(
            "section",
            &[
                (HOOK_ATTRIBUTE, view::hook::BANNER),
                ("role", "region"),
                ("aria-labelledby", "kc-banner-title"),
                ("class", "banner"),
                ("hidden", ""),
            ],
        );
        self.text(&section, "h2", &[("id", "kc-banner-title")], banner.title);
        self.text(&section, "p", &[], banner.intro);
        let purposes = self.element("ul", &[("class", "purposes")]);
        for (name, purpose) in &banner.purposes {
            let item = self.element("li", &[]);
            self.text(&item, "b", &[], name);
            let _ = item.append_with_str_2(" — ", purpose);
            let _ = purposes.append_child(&item);
        }
        let _ = section.append_child(&purposes);
        let hint = self.text(&section, "p", &[], banner.withdraw_hint);
        let _ = hint.append_with_str_1(" ");
        self.button(&hint, banner.open_notice, "link");
        self.actions(&section, banner.buttons);
        section
    }

    /// The entry point: a complementary landmark holding one button, hidden until a decision.
    /// The button's second line, hidden until it applies, says Global Privacy Control is
    /// honoured. Returns the landmark, the button and that line.
    pub(crate) fn entry(&self, entry: &Entry) -> (Element, Element, Element) {
        let aside = self.element(
            "aside",
            &[
                ("class", "entry"),
                ("aria-label", entry.button.label),
                ("hidden", ""),
            ],
        );
        let button = self.button(&aside, entry.button, "action");
        let _ = button.set_attribute(HOOK_ATTRIBUTE, view::hook::ENTRY);
        let note = self.element("span", &[("class", GPC_NOTE_CLASS), ("hidden", "")]);
        let _ = button.append_child(&note);
        (aside, button, note)
    }

    /// A modal dialog's frame: heading, close button, scrolling body. Returns the dialog and
    /// its body.
    fn dialog(
        &self,
        hook: &str,
        title: &str,
        close: Button,
        description: &str,
    ) -> (Element, Element) {
        let title_id = join(&["kc-", hook, "-title"]);
        let description_id = join(&["kc-", hook, "-description"]);
        let dialog = self.element(
            "dialog",
            &[
                (HOOK_ATTRIBUTE, hook),
                ("class", "dialog"),
                ("aria-labelledby", &title_id),
                ("aria-describedby", &description_id),
            ],
        );
        let head = self.element("div", &[("class", "head")]);
        self.text(&head, "h2", &[("id", &title_id)], title);
        self.button(&head, close, "close");
        let _ = dialog.append_child(&head);
        let body = self.element("div", &[("class", "body")]);
        self.text(&body, "p", &[("id", &description_id)], description);
        let _ = dialog.append_child(&body);
        (dialog, body)
    }

    /// The preferences dialog: one row per processor, then the status and the three actions.
    /// Returns the dialog, its status element and its Global Privacy Control note.
    pub(crate) fn preferences(&self, view: &Preferences) -> (Element, Element, Element) {
        let (dialog, body) = self.dialog(
            view::hook::PREFERENCES,
            view.title,
            view.close,
            view.description,
        );
        let gpc = self.element("p", &[("class", GPC_NOTE_CLASS), ("hidden", "")]);
        let _ = body.append_child(&gpc);
        let more = self.element("p", &[]);
        self.button(&more, view.open_notice, "link");
        let _ = body.append_child(&more);
        let list = self.element("ul", &[("class", "rows")]);
        for row in &view.rows {
            let item = self.element("li", &[("class", "row")]);
            let name_id = join(&["kc-p-", row.id]);
            let purpose_id = join(&[&name_id, "-purpose"]);
            let switch_id = join(&[&name_id, "-switch"]);
            let head = self.element("div", &[("class", "row-head")]);
            let heading = self.element("h3", &[]);
            self.text(&heading, "label", &[("for", &switch_id)], row.name);
            let _ = head.append_child(&heading);
            let switch = self.element(
                "input",
                &[
                    ("type", "checkbox"),
                    ("role", "switch"),
                    ("class", "switch"),
                    ("id", &switch_id),
                    (PROCESSOR_ATTRIBUTE, row.id),
                ],
            );
            let _ = item.append_child(&head);
            self.text(&item, "p", &[("id", &purpose_id)], row.purpose);
            match row.switch {
                Switch::Consent { on } => {
                    if on {
                        let _ = switch.set_attribute("checked", "");
                    }
                    let _ = switch.set_attribute("aria-describedby", &purpose_id);
                }
                Switch::AlwaysOn { label, reason } => {
                    let reason_id = join(&[&name_id, "-reason"]);
                    let _ = switch.set_attribute("checked", "");
                    let _ = switch.set_attribute("disabled", "");
                    let _ = switch
                        .set_attribute("aria-describedby", &join(&[&reason_id, " ", &purpose_id]));
                    self.text(&head, "span", &[("class", "always")], label);
                    self.text(
                        &item,
                        "p",
                        &[("id", &reason_id), ("class", "reason")],
                        reason,
                    );
                }
            }
            let _ = head.append_child(&switch);
            let details = self.element("dl", &[]);
            for (term, value) in &row.details {
                self.text(&details, "dt", &[], term);
                self.text(&details, "dd", &[], value);
            }
            let (term, text, href) = &row.privacy_link;
            self.text(&details, "dt", &[], term);
            let link = self.element("dd", &[]);
            self.link(&link, text, href);
            let _ = details.append_child(&link);
            let _ = item.append_child(&details);
            let _ = list.append_child(&item);
        }
        let _ = body.append_child(&list);
        let foot = self.element("div", &[("class", "foot")]);
        let status = self.element(
            "p",
            &[
                (HOOK_ATTRIBUTE, view::hook::STATUS),
                ("role", "status"),
                ("class", "status"),
            ],
        );
        let _ = foot.append_child(&status);
        self.actions(&foot, view.buttons);
        let _ = dialog.append_child(&foot);
        (dialog, status, gpc)
    }

    /// The full notice dialog.
    pub(crate) fn notice(&self, view: &NoticeView) -> Element {
        let (dialog, body) =
            self.dialog(view::hook::NOTICE, view.title, view.close, &view.revision);
        for section in view.sections {
            self.text(&body, "h3", &[], section.heading);
            for block in section.blocks {
                match block {
                    Block::Paragraph(spans) => {
                        let paragraph = self.element("p", &[]);
                        self.spans(&paragraph, spans, &view.consent_processors);
                        let _ = body.append_child(&paragraph);
                    }
                    Block::List(items) => {
                        let list = self.element("ul", &[]);
                        for spans in *items {
                            let item = self.element("li", &[]);
                            self.spans(&item, spans, &view.consent_processors);
                            let _ = list.append_child(&item);
                        }
                        let _ = body.append_child(&list);
                    }
                }
            }
        }
        dialog
    }

    /// The spans of a paragraph or list item, `consent_processors` where the notice names them.
    fn spans(&self, parent: &Element, spans: &[Span], consent_processors: &str) {
        for span in spans {
            match *span {
                Span::Text(text) => {
                    let _ = parent.append_with_str_1(text);
                }
                Span::Link(text, href) => self.link(parent, text, href),
                Span::ConsentProcessors => {
                    let _ = parent.append_with_str_1(consent_processors);
                }
            }
        }
    }

    /// An `<a>`: external addresses open in a new tab without giving it this page.
    fn link(&self, parent: &Element, text: &str, href: &str) {
        let link = self.text(parent, "a", &[("href", href)], text);
        if href.starts_with("https:") {
            let _ = link.set_attribute("target", "_blank");
            let _ = link.set_attribute("rel", "noopener noreferrer");
        }
    }
}

/// The parts one after another: smaller in wasm than `[..].concat()`'s generic join.
pub(crate) fn join(parts: &[&str]) -> String {
    let mut text = String::new();
    for part in parts {
        text.push_str(part);
    }
    text
}
