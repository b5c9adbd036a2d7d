//! Builds the widget's DOM from view values: text nodes and attributes only, never HTML.
//! Everything lives in an open shadow root so the host page's CSS cannot restyle it.

use crate::view::{self, Banner, ACTION_ATTRIBUTE, HOOK_ATTRIBUTE};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The widget's styles, applied through a constructed stylesheet (no `style` attributes and no
/// `<style>` elements, so a `style-src` without `'unsafe-inline'` does not block them).
const STYLES: &str = include_str!("widget.css");

/// The mounted widget: its host element in the page and the banner inside its shadow root.
#[derive(Debug)]
pub(crate) struct Ui {
    host: Element,
    shadow: ShadowRoot,
    banner: Element,
}

impl Ui {
    /// Creates the host element at the end of `<body>` and builds `banner` in it, hidden.
    pub(crate) fn mount(document: &Document, banner: &Banner) -> Result<Self, JsValue> {
        let host = element(document, "div", &[(HOOK_ATTRIBUTE, view::hook::ROOT)])?;
        host.set_attribute("lang", banner.language.tag())?;
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let sheet = web_sys::CssStyleSheet::new()?;
        sheet.replace_sync(STYLES)?;
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        let banner_element = build_banner(document, banner)?;
        shadow.append_child(&banner_element)?;
        document
            .body()
            .ok_or_else(|| JsValue::from_str("the page has no <body>"))?
            .append_child(&host)?;
        Ok(Self {
            host,
            shadow,
            banner: banner_element,
        })
    }

    /// The node that receives the widget's clicks.
    pub(crate) fn events_target(&self) -> &ShadowRoot {
        &self.shadow
    }

    /// Shows or hides the banner.
    pub(crate) fn set_banner_visible(&self, visible: bool) {
        let _ = if visible {
            self.banner.remove_attribute("hidden")
        } else {
            self.banner.set_attribute("hidden", "")
        };
    }

    /// Removes everything the widget added to the page.
    pub(crate) fn remove(&self) {
        self.host.remove();
    }
}

fn build_banner(document: &Document, banner: &Banner) -> Result<Element, JsValue> {
    let section = element(
        document,
        "section",
        &[
            (HOOK_ATTRIBUTE, view::hook::BANNER),
            ("role", "region"),
            ("aria-labelledby", "kc-banner-title"),
            ("class", "banner"),
            ("hidden", ""),
        ],
    )?;
    let title = text_element(document, "h2", banner.title)?;
    title.set_id("kc-banner-title");
    section.append_child(&title)?;
    let body = text_element(document, "p", banner.body)?;
    section.append_child(&body)?;
    let hint = text_element(document, "p", banner.withdraw_hint)?;
    section.append_child(&hint)?;
    let actions = element(document, "div", &[("class", "actions")])?;
    for button in banner.buttons {
        let node = text_element(document, "button", button.label)?;
        node.set_attribute("type", "button")?;
        node.set_attribute(ACTION_ATTRIBUTE, button.action.hook())?;
        actions.append_child(&node)?;
    }
    section.append_child(&actions)?;
    Ok(section)
}

fn element(
    document: &Document,
    tag: &str,
    attributes: &[(&str, &str)],
) -> Result<Element, JsValue> {
    let node = document.create_element(tag)?;
    for (name, value) in attributes {
        node.set_attribute(name, value)?;
    }
    Ok(node)
}

fn text_element(document: &Document, tag: &str, text: &str) -> Result<Element, JsValue> {
    let node = document.create_element(tag)?;
    node.set_text_content(Some(text));
    Ok(node)
}

/// The `data-kc-action` of the button an event happened on, looking through the composed path
/// (the event is retargeted to the shadow host outside the shadow tree).
pub(crate) fn action_of(event: &web_sys::Event) -> Option<view::ButtonAction> {
    event.composed_path().iter().find_map(|node| {
        let element = node.dyn_into::<Element>().ok()?;
        view::ButtonAction::from_hook(&element.get_attribute(ACTION_ATTRIBUTE)?)
    })
}
