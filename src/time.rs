//! Time as the core sees it: a value passed in, never read from a clock inside logic.

/// Seconds since the Unix epoch (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub u64);

/// Seconds in a day.
pub const SECONDS_PER_DAY: u64 = 86_400;

impl Timestamp {
    /// This moment plus `days` days (saturating: a far-future clock never wraps around).
    pub fn plus_days(self, days: u32) -> Self {
        Self(self.0.saturating_add(u64::from(days) * SECONDS_PER_DAY))
    }
}
