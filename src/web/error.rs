//! The errors the widget throws or rejects with: a JS `Error` named `KaitenConsentError` whose
//! `code` is one of [`ErrorCode`]. The enum is the single source of the `code` strings and of the
//! TypeScript union `KaitenConsentErrorCode` in the generated `.d.ts` (with `load_failed`, which
//! only the JS entry raises). The package's JS entry (`js/index.js`) gives every such error the
//! prototype of its exported `KaitenConsentError` class, so `instanceof` works.

use wasm_bindgen::prelude::*;

/// Declares [`ErrorCode`] and the TypeScript union of its codes from one list.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $code:literal,)+) => {
        /// What a `KaitenConsentError` is about: its `code` in JS.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum ErrorCode {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl ErrorCode {
            /// The `code` string page code matches on.
            #[inline(always)]
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }
        }

        #[wasm_bindgen(typescript_custom_section)]
        const ERROR_CODE_TS: &str = concat!(
            "/** What `code` an error thrown or rejected by the widget carries. */\n",
            "export type KaitenConsentErrorCode =\n ",
            $(" | \"", $code, "\"",)+
            // Raised by the package's JS entry, `startConsent`, when the wasm cannot be fetched,
            // compiled or instantiated: there is no wasm to raise it.
            " | \"load_failed\"",
            ";\n",
        );
    };
}

error_codes! {
    /// `start` was given an invalid config; the message lists every issue with its path.
    InvalidConfig = "invalid_config",
    /// `start` was called in a cross-origin frame, where the widget refuses to run.
    CrossOriginFrame = "cross_origin_frame",
    /// There is no document to render into.
    NoDocument = "no_document",
    /// The browser refused what the widget mounts with (Shadow DOM, constructed stylesheets).
    MountFailed = "mount_failed",
    /// A method was given a processor id that is not valid.
    InvalidId = "invalid_id",
    /// A method was given an argument of the wrong kind.
    InvalidArgument = "invalid_argument",
    /// A method that must answer was called while the widget applied a decision.
    Busy = "busy",
    /// The widget was destroyed.
    Destroyed = "destroyed",
}

// `fail` and `error` are inlined so that each call site passes its code's string as a constant,
// and no table of the codes ships in the wasm.

/// Reports `message` on the console and builds the error to throw.
#[inline(always)]
pub(crate) fn fail(code: ErrorCode, message: &str) -> JsValue {
    logged_error(code.as_str(), message)
}

/// The error named `KaitenConsentError` with `code`, not logged.
#[inline(always)]
pub(crate) fn error(code: ErrorCode, message: &str) -> JsValue {
    coded_error(code.as_str(), message)
}

fn logged_error(code: &str, message: &str) -> JsValue {
    web_sys::console::error_1(&JsValue::from_str(message));
    coded_error(code, message)
}

fn coded_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("KaitenConsentError");
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}
