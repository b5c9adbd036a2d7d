//! The thin web shell (wasm32 only): reads the page, feeds actions and time into the core,
//! carries the effects out. No consent semantics live here.

mod after_paint;
mod api;
mod clock;
mod cookie;
mod dispatch;
mod dom;
mod dom_builder;
mod error;
mod events;
mod focus;
mod frame;
mod guard;
mod js_value;
mod layer_events;
mod outbox;
mod page_globals;
mod page_loader;
// A std rebuilt with `-Cpanic=immediate-abort` (release builds, wasm-pack.toml) never calls a
// panic hook.
#[cfg(not(panic = "immediate-abort"))]
mod panic;
mod processor_script;
mod sync;
mod widget;

pub use api::{
    ChoicesArg, ConfigArg, KaitenConsent, LanguageArg, ListenerArg, SnapshotValue,
    UnsubscribeValue, VoidPromise,
};

// The widget runs on the page's one thread and never starts another.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32-unknown-unknown without atomics has one thread; nothing here spawns one.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
