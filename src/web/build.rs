//! Turns view values into DOM: text nodes and attributes only, never HTML, never `style`.

use crate::notice::{Block, Span};
use crate::view::{
    self, Banner, Button, Entry, NoticeView, Preferences, Switch, ACTION_ATTRIBUTE, HOOK_ATTRIBUTE,
    PROCESSOR_ATTRIBUTE,
};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// Builds DOM nodes in one document.
#[derive(Debug)]
pub(crate) struct Builder<'a>(pub(crate) &'a Document);

impl Builder<'_> {
    /// `<tag attributes…>`.
    pub(crate) fn element(
        &self,
        tag: &str,
        attributes: &[(&str, &str)],
    ) -> Result<Element, JsValue> {
        let node = self.0.create_element(tag)?;
        for (name, value) in attributes {
            node.set_attribute(name, value)?;
        }
        Ok(node)
    }

    /// `<tag attributes…>text</tag>`, appended to `parent`.
    fn text(
        &self,
        parent: &Element,
        tag: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> Result<Element, JsValue> {
        let node = self.element(tag, attributes)?;
        node.set_text_content(Some(text));
        parent.append_child(&node)?;
        Ok(node)
    }

    /// A `<button type=button data-kc-action=…>` with `class`, appended to `parent`.
    fn button(&self, parent: &Element, button: Button, class: &str) -> Result<Element, JsValue> {
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
    fn actions(&self, parent: &Element, buttons: [Button; 3]) -> Result<(), JsValue> {
        let actions = self.element("div", &[("class", "actions")])?;
        for button in buttons {
            self.button(&actions, button, "action")?;
        }
        parent.append_child(&actions)?;
        Ok(())
    }

    /// The first-layer banner: a labelled, non-modal region, hidden until the core shows it.
    pub(crate) fn banner(&self, banner: &Banner) -> Result<Element, JsValue> {
        let section = self.element(
            "section",
            &[
                (HOOK_ATTRIBUTE, view::hook::BANNER),
                ("role", "region"),
                ("aria-labelledby", "kc-banner-title"),
                ("class", "banner"),
                ("hidden", ""),
            ],
        )?;
        self.text(&section, "h2", &[("id", "kc-banner-title")], banner.title)?;
        let body = self.text(&section, "p", &[], banner.body)?;
        body.append_with_str_1(" ")?;
        self.button(&body, banner.open_notice, "link")?;
        self.text(&section, "p", &[], banner.withdraw_hint)?;
        self.actions(&section, banner.buttons)?;
        Ok(section)
    }

    /// The entry point: a complementary landmark holding one button, hidden until a decision.
    pub(crate) fn entry(&self, entry: &Entry) -> Result<(Element, Element), JsValue> {
        let aside = self.element(
            "aside",
            &[
                ("class", "entry"),
                ("aria-label", entry.button.label),
                ("hidden", ""),
            ],
        )?;
        let button = self.button(&aside, entry.button, "action")?;
        button.set_attribute(HOOK_ATTRIBUTE, view::hook::ENTRY)?;
        Ok((aside, button))
    }

    /// A modal dialog's frame: heading, close button, scrolling body. Returns the dialog and
    /// its body.
    fn dialog(
        &self,
        hook: &str,
        title: &str,
        close: Button,
        description: &str,
    ) -> Result<(Element, Element), JsValue> {
        let title_id = ["kc-", hook, "-title"].concat();
        let description_id = ["kc-", hook, "-description"].concat();
        let dialog = self.element(
            "dialog",
            &[
                (HOOK_ATTRIBUTE, hook),
                ("class", "dialog"),
                ("aria-labelledby", &title_id),
                ("aria-describedby", &description_id),
            ],
        )?;
        let head = self.element("div", &[("class", "head")])?;
        self.text(&head, "h2", &[("id", &title_id)], title)?;
        self.button(&head, close, "close")?;
        dialog.append_child(&head)?;
        let body = self.element("div", &[("class", "body")])?;
        self.text(&body, "p", &[("id", &description_id)], description)?;
        dialog.append_child(&body)?;
        Ok((dialog, body))
    }

    /// The preferences dialog: one row per processor, then the status and the three actions.
    /// Returns the dialog and its status element.
    pub(crate) fn preferences(&self, view: &Preferences) -> Result<(Element, Element), JsValue> {
        let (dialog, body) = self.dialog(
            view::hook::PREFERENCES,
            view.title,
            view.close,
            view.description,
        )?;
        let more = self.element("p", &[])?;
        self.button(&more, view.open_notice, "link")?;
        body.append_child(&more)?;
        let list = self.element("ul", &[("class", "rows")])?;
        for row in &view.rows {
            let item = self.element("li", &[("class", "row")])?;
            let name_id = ["kc-p-", &row.id].concat();
            let purpose_id = [&name_id, "-purpose"].concat();
            let switch_id = [&name_id, "-switch"].concat();
            let head = self.element("div", &[("class", "row-head")])?;
            let heading = self.element("h3", &[])?;
            self.text(&heading, "label", &[("for", &switch_id)], &row.name)?;
            head.append_child(&heading)?;
            let switch = self.element(
                "input",
                &[
                    ("type", "checkbox"),
                    ("role", "switch"),
                    ("class", "switch"),
                    ("id", &switch_id),
                    (PROCESSOR_ATTRIBUTE, &row.id),
                ],
            )?;
            item.append_child(&head)?;
            self.text(&item, "p", &[("id", &purpose_id)], &row.purpose)?;
            match row.switch {
                Switch::Consent { .. } => {
                    switch.set_attribute("aria-describedby", &purpose_id)?;
                }
                Switch::AlwaysOn { label, reason } => {
                    let reason_id = [&name_id, "-reason"].concat();
                    switch.set_attribute("checked", "")?;
                    switch.set_attribute("disabled", "")?;
                    switch.set_attribute(
                        "aria-describedby",
                        &[&reason_id, " ", &purpose_id].concat(),
                    )?;
                    self.text(&head, "span", &[("class", "always")], label)?;
                    self.text(
                        &item,
                        "p",
                        &[("id", &reason_id), ("class", "reason")],
                        reason,
                    )?;
                }
            }
            head.append_child(&switch)?;
            let details = self.element("dl", &[])?;
            for (term, value) in &row.details {
                self.text(&details, "dt", &[], term)?;
                self.text(&details, "dd", &[], value)?;
            }
            let (term, text, href) = &row.privacy_link;
            self.text(&details, "dt", &[], term)?;
            let link = self.element("dd", &[])?;
            self.link(&link, text, href)?;
            details.append_child(&link)?;
            item.append_child(&details)?;
            list.append_child(&item)?;
        }
        body.append_child(&list)?;
        let foot = self.element("div", &[("class", "foot")])?;
        let status = self.element(
            "p",
            &[
                (HOOK_ATTRIBUTE, view::hook::STATUS),
                ("role", "status"),
                ("class", "status"),
            ],
        )?;
        foot.append_child(&status)?;
        self.actions(&foot, view.buttons)?;
        dialog.append_child(&foot)?;
        Ok((dialog, status))
    }

    /// The full notice dialog.
    pub(crate) fn notice(&self, view: &NoticeView) -> Result<Element, JsValue> {
        let (dialog, body) =
            self.dialog(view::hook::NOTICE, view.title, view.close, &view.revision)?;
        for section in view.sections {
            self.text(&body, "h3", &[], section.heading)?;
            for block in section.blocks {
                match block {
                    Block::Paragraph(spans) => {
                        let paragraph = self.element("p", &[])?;
                        self.spans(&paragraph, spans)?;
                        body.append_child(&paragraph)?;
                    }
                    Block::List(items) => {
                        let list = self.element("ul", &[])?;
                        for spans in *items {
                            let item = self.element("li", &[])?;
                            self.spans(&item, spans)?;
                            list.append_child(&item)?;
                        }
                        body.append_child(&list)?;
                    }
                }
            }
        }
        Ok(dialog)
    }

    fn spans(&self, parent: &Element, spans: &[Span]) -> Result<(), JsValue> {
        for span in spans {
            match *span {
                Span::Text(text) => parent.append_with_str_1(text)?,
                Span::Link(text, href) => self.link(parent, text, href)?,
            }
        }
        Ok(())
    }

    /// An `<a>`: external addresses open in a new tab without giving it this page.
    fn link(&self, parent: &Element, text: &str, href: &str) -> Result<(), JsValue> {
        let link = self.text(parent, "a", &[("href", href)], text)?;
        if href.starts_with("https:") {
            link.set_attribute("target", "_blank")?;
            link.set_attribute("rel", "noopener noreferrer")?;
        }
        Ok(())
    }
}
