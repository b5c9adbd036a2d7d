//! The parts of the wasm binary format the name shorteners need: walking a module section by
//! section, rewriting one section's payload, and reading and writing LEB128 numbers and names.
//! Everything else is copied byte for byte; only the rewritten section's size is re-encoded.

use std::fmt;

/// The wasm cannot be read as a version-1 module.
#[derive(Debug, PartialEq, Eq)]
pub struct MalformedWasm(String);

impl fmt::Display for MalformedWasm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the wasm is malformed: {}", self.0)
    }
}

impl MalformedWasm {
    pub fn new(what: impl Into<String>) -> Self {
        Self(what.into())
    }
}

/// `wasm` with the payload of every section `id` replaced by `rewrite(payload)`.
///
/// # Errors
/// [`MalformedWasm`] (converted into `E`) when `wasm` is not a module, or `rewrite`'s error.
pub fn rewrite_section<E: From<MalformedWasm>>(
    wasm: &[u8],
    id: u8,
    mut rewrite: impl FnMut(&[u8]) -> Result<Vec<u8>, E>,
) -> Result<Vec<u8>, E> {
    let mut reader = Reader::new(wasm);
    let header = reader.take(8)?;
    if header != b"\0asm\x01\0\0\0" {
        return Err(MalformedWasm::new("not a wasm module (version 1)").into());
    }
    let mut out = header.to_vec();
    while !reader.is_at_end() {
        let section = reader.byte()?;
        let size = reader.leb()?;
        let payload = reader.take(size)?;
        let payload = if section == id {
            rewrite(payload)?
        } else {
            payload.to_vec()
        };
        out.push(section);
        push_leb(&mut out, payload.len());
        out.extend_from_slice(&payload);
    }
    Ok(out)
}

/// Appends `n` as unsigned LEB128.
pub fn push_leb(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// Appends a name: its length in bytes, then its UTF-8.
pub fn push_name(out: &mut Vec<u8>, name: &str) {
    push_leb(out, name.len());
    out.extend_from_slice(name.as_bytes());
}

/// Reads a wasm binary, or one section's payload, front to back.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    /// How many bytes have been read.
    pub fn position(&self) -> usize {
        self.at
    }

    pub fn is_at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], MalformedWasm> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len());
        let end = end.ok_or_else(|| MalformedWasm::new("it ends early"))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    pub fn byte(&mut self) -> Result<u8, MalformedWasm> {
        Ok(self.take(1)?[0])
    }

    /// An unsigned LEB128 number (at most 32 bits, as the wasm format allows).
    pub fn leb(&mut self) -> Result<usize, MalformedWasm> {
        let mut n = 0usize;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            n |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(MalformedWasm::new("a number longer than 5 bytes"))
    }

    pub fn name(&mut self) -> Result<&'a str, MalformedWasm> {
        let len = self.leb()?;
        std::str::from_utf8(self.take(len)?)
            .map_err(|_| MalformedWasm::new("a name that is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leb128_round_trips_at_the_byte_boundaries() {
        for n in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX as usize,
        ] {
            let mut bytes = Vec::new();
            push_leb(&mut bytes, n);
            let expected_len = match n {
                0..=127 => 1,
                128..=16_383 => 2,
                16_384..=2_097_151 => 3,
                2_097_152..=268_435_455 => 4,
                _ => 5,
            };
            assert_eq!(bytes.len(), expected_len, "{n}");
            let mut reader = Reader::new(&bytes);
            assert_eq!(reader.leb(), Ok(n));
            assert!(reader.is_at_end());
        }
        assert!(Reader::new(&[0x80; 6]).leb().is_err());
    }

    #[test]
    fn a_section_that_grows_past_127_bytes_gets_a_longer_size() {
        let wasm = [b"\0asm\x01\0\0\0".as_slice(), &[7, 1, 0, 0, 2, 1, b'x']].concat();
        let out = rewrite_section(&wasm, 7, |payload| {
            assert_eq!(payload, [0]);
            Ok::<_, MalformedWasm>(vec![9; 200])
        })
        .unwrap();
        let expected = [
            b"\0asm\x01\0\0\0".as_slice(),
            &[7, 0xc8, 0x01],
            &[9; 200],
            &[0, 2, 1, b'x'],
        ]
        .concat();
        assert_eq!(out, expected);
    }

    #[test]
    fn a_truncated_or_foreign_file_fails() {
        let wasm = [b"\0asm\x01\0\0\0".as_slice(), &[7, 3, 0]].concat();
        let keep = |p: &[u8]| Ok::<_, MalformedWasm>(p.to_vec());
        assert!(rewrite_section(&wasm, 7, keep).is_err());
        assert!(rewrite_section(b"\0asm\x02\0\0\0", 7, keep).is_err());
        assert!(rewrite_section(b"\0asm", 7, keep).is_err());
    }
}
