//! 32-bit FNV-1a, the notice hash of stored records of schema 1. Shared by the build script (over
//! the compiled-in notice) and the widget (over a host's own processor list).

/// The running state of a 32-bit FNV-1a hash.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv1a(u32);

impl Default for Fnv1a {
    fn default() -> Self {
        Self(0x811c_9dc5)
    }
}

impl Fnv1a {
    /// Adds `bytes`.
    pub(crate) fn add(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    }

    /// The hash of everything added.
    pub(crate) fn finish(self) -> u32 {
        self.0
    }
}
