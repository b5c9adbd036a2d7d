//! Reaches the page's globals that processor entries name, as data: an off-switch's function
//! or flag, and Google Consent Mode's `gtag`. Names are walked one property at a time with
//! `Reflect`; nothing is evaluated as code, so a strict CSP and Trusted Types have nothing to
//! refuse.

use crate::loader::{self, ConsentModeState};
use crate::processor::{Literal, OffSwitch, Processor};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Carries out `processor`'s off-switch, if it has one. A function that is not there is skipped
/// (the vendor's script never ran on this page); one that throws is reported on the console.
pub(crate) fn switch_off(processor: &Processor) {
    let (Some(window), Some(switch)) = (web_sys::window(), &processor.off_switch) else {
        return;
    };
    let done = match switch {
        OffSwitch::Call { path, args } => call(window.into(), path, args),
        OffSwitch::Set { flag, value } => match loader::flag_name(flag, processor) {
            Some(name) => Reflect::set(&window, &name.into(), &to_js(value)).map(drop),
            None => Ok(()),
        },
    };
    if let Err(error) = done {
        web_sys::console::warn_2(
            &[
                "kaiten-consent: the off-switch of ",
                processor.id.as_str(),
                " threw",
            ]
            .concat()
            .into(),
            &error,
        );
    }
}

/// `gtag('consent', 'update', { key: 'granted' | 'denied', … })` with every declared key, if the
/// page has `gtag`.
pub(crate) fn signal_consent_mode(state: ConsentModeState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(gtag) = Reflect::get(&window, &"gtag".into()) else {
        return;
    };
    if let Some(gtag) = gtag.dyn_ref::<Function>() {
        let settings = Object::new();
        for key in state.declared.iter() {
            let value = if state.granted.contains(key) {
                "granted"
            } else {
                "denied"
            };
            let _ = Reflect::set(&settings, &key.name().into(), &value.into());
        }
        if let Err(error) = gtag.call3(&window, &"consent".into(), &"update".into(), &settings) {
            web_sys::console::warn_2(&"kaiten-consent: gtag threw".into(), &error);
        }
    }
}

/// Calls the function at `path` from `window` with `args`, the object it was read from as
/// `this`; `Ok` without a call when some part of the path is not there or not a function.
fn call(window: JsValue, path: &[String], args: &[Literal]) -> Result<(), JsValue> {
    let (mut parent, mut value) = (JsValue::UNDEFINED, window);
    for name in path {
        if !value.is_object() && !value.is_function() {
            return Ok(());
        }
        let next = Reflect::get(&value, &name.into())?;
        parent = std::mem::replace(&mut value, next);
    }
    if let Some(function) = value.dyn_ref::<Function>() {
        let args: Array = args.iter().map(to_js).collect();
        function.apply(&parent, &args)?;
    }
    Ok(())
}

/// The JavaScript value of a literal. Object keys were validated (never `__proto__`), so a
/// plain `Reflect.set` defines each as an own property.
fn to_js(literal: &Literal) -> JsValue {
    match literal {
        Literal::Null => JsValue::NULL,
        Literal::Bool(b) => JsValue::from_bool(*b),
        Literal::Number(n) => JsValue::from_f64(*n),
        Literal::String(s) => JsValue::from_str(s),
        Literal::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
        Literal::Object(entries) => {
            let object = Object::new();
            for (key, value) in entries {
                let _ = Reflect::set(&object, &key.into(), &to_js(value));
            }
            object.into()
        }
    }
}
