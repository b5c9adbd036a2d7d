//! Runs work after the next frame is painted: what a decision does that does not change what the
//! widget shows (inserting processor scripts, reviving held tags, tidying up) must not hold up
//! the frame that shows the decision, which a click's latency (INP) is measured to. Also runs
//! work after a delay, through the same `setTimeout`.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Calls `task` in a task queued from the next `requestAnimationFrame` callback. The rendering
/// update (style, layout, paint, commit) follows the animation-frame callbacks in the same turn
/// of the event loop, so a task queued there runs once the frame has gone to the compositor,
/// and soon after: a timeout of 0 at nesting level 1 is not clamped. A `MessageChannel` message
/// would run at about the same point but needs a port kept open and more bindings. A hidden
/// document renders no frames and would not call back (a background tab learning a decision
/// from another tab), so there the task is queued at once.
///
/// `setTimeout` and `requestAnimationFrame` are read through `Reflect`, which the widget already
/// imports, rather than as two more bindings.
pub(crate) fn after_next_paint(task: &JsValue) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let set_timeout = global(&window, "setTimeout");
    let hidden = window
        .document()
        .and_then(|d| Reflect::get(&d, &"hidden".into()).ok())
        .is_some_and(|h| h.is_truthy());
    let zero = JsValue::from(0);
    // Calling what is not a function throws, which lands in the ignored `Err`.
    let _ = if hidden {
        set_timeout.call2(&window, task, &zero)
    } else {
        // The frame's callback is `setTimeout(task, 0)` itself (its timestamp argument goes on
        // to `task`, which ignores it).
        global(&window, "requestAnimationFrame")
            .call1(&window, &set_timeout.bind2(&window, task, &zero))
    };
}

/// Calls `task` in a task `delay` milliseconds from now (`setTimeout`), for work that waits on
/// the clock rather than on a frame.
pub(crate) fn after_delay(task: &JsValue, delay: u32) {
    if let Some(window) = web_sys::window() {
        let _ = global(&window, "setTimeout").call2(&window, task, &delay.into());
    }
}

/// The window's function `name`, or `undefined` if it has none.
fn global(window: &web_sys::Window, name: &str) -> Function {
    Reflect::get(window, &name.into())
        .unwrap_or_default()
        .unchecked_into()
}
