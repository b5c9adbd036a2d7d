//! Keeps the site's open tabs in step: a decision made in one tab is posted on the
//! `BroadcastChannel` `kaiten-consent`, and the others apply it as [`Action::Synced`].
//!
//! [`Action::Synced`]: crate::consent::Action::Synced

use web_sys::BroadcastChannel;

/// The channel's name: every tab of the same origin that runs the widget listens on it.
const NAME: &str = "kaiten-consent";

/// This tab's end of the channel.
#[derive(Debug)]
pub(crate) struct Channel(BroadcastChannel);

impl Channel {
    /// Opens the channel; `None` where the browser has no `BroadcastChannel` (tabs then learn
    /// of a decision on their next load).
    pub(crate) fn open() -> Option<Self> {
        BroadcastChannel::new(NAME).ok().map(Self)
    }

    /// Tells the other tabs that `stored` is the decision now (a tab does not hear itself).
    pub(crate) fn post(&self, stored: &str) {
        let _ = self.0.post_message(&stored.into());
    }

    /// Closes this tab's end: no more messages arrive (on `destroy`).
    pub(crate) fn close(&self) {
        self.0.close();
    }

    /// The target the other tabs' `message` events arrive at.
    pub(crate) fn target(&self) -> &web_sys::EventTarget {
        &self.0
    }
}

/// The stored text another tab posted, from its `message` event.
pub(crate) fn stored_of(event: &web_sys::Event) -> Option<String> {
    wasm_bindgen::JsCast::dyn_ref::<web_sys::MessageEvent>(event)?
        .data()
        .as_string()
}
