//! The one place the shell reads the clock and the random source.

use crate::record::ConsentId;
use crate::time::Timestamp;

/// The current time, from the browser's clock.
pub(crate) fn now() -> Timestamp {
    Timestamp((js_sys::Date::now() / 1000.0) as u64)
}

/// A fresh random consent id: 16 bytes from `crypto.getRandomValues`, as 22 URL-safe characters.
/// `None` when the browser offers no cryptographic randomness (the decision is then not made).
pub(crate) fn fresh_id() -> Option<ConsentId> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bytes = [0u8; 16];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    // 16 bytes = 128 bits; 22 characters of 6 bits each carry them all.
    let mut bits: u128 = u128::from_le_bytes(bytes);
    let text: String = (0..22)
        .map(|_| {
            let c = ALPHABET[(bits & 63) as usize] as char;
            bits >>= 6;
            c
        })
        .collect();
    ConsentId::new(&text)
}
