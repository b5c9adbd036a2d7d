//! Reads the host's config object into a [`Value`] by walking it, without serde: the serde
//! bridge cost about 14 KB of wasm (float formatting) for what a small walk does.

use crate::config::Value;
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

/// Deeper than any valid config; also stops a cyclic object.
const MAX_DEPTH: usize = 8;

/// The config value of `input`. Own enumerable string keys only, in their JS order; getters run
/// once. Functions, symbols, bigints and anything nested deeper than 8 levels become
/// [`Value::Unsupported`], which validation reports with its path.
pub(crate) fn to_value(input: &JsValue) -> Value {
    walk(input, 0)
}

fn walk(input: &JsValue, depth: usize) -> Value {
    if input.is_null() || input.is_undefined() {
        Value::Null
    } else if let Some(flag) = input.as_bool() {
        Value::Bool(flag)
    } else if let Some(number) = input.as_f64() {
        Value::Number(number)
    } else if let Some(text) = input.as_string() {
        Value::String(text)
    } else if input.is_function() {
        Value::Unsupported("a function")
    } else if !input.is_object() {
        Value::Unsupported("a symbol or bigint")
    } else if depth >= MAX_DEPTH {
        Value::Unsupported("an object nested too deeply")
    } else if Array::is_array(input) {
        let array: &Array = input.unchecked_ref();
        Value::Array(array.iter().map(|item| walk(&item, depth + 1)).collect())
    } else {
        let entries = Object::entries(input.unchecked_ref());
        Value::Object(
            entries
                .iter()
                .map(|pair| {
                    let pair: Array = pair.unchecked_into();
                    let key = pair.get(0).as_string().unwrap_or_default();
                    (key, walk(&pair.get(1), depth + 1))
                })
                .collect(),
        )
    }
}
