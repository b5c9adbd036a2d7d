//! Time as the core sees it: a value passed in, never read from a clock inside logic, and
//! written as an ISO 8601 date-time.

use crate::text::push_decimal_padded;

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

/// `timestamp` as an ISO 8601 UTC date-time with seconds: `2026-05-28T20:26:40Z`.
pub fn iso8601(timestamp: Timestamp) -> String {
    let days = timestamp.0 / SECONDS_PER_DAY;
    let seconds = timestamp.0 % SECONDS_PER_DAY;
    let (year, month, day) = civil_from_days(days);
    let mut out = String::with_capacity(20);
    push_decimal_padded(&mut out, year, 4);
    out.push('-');
    push_decimal_padded(&mut out, month, 2);
    out.push('-');
    push_decimal_padded(&mut out, day, 2);
    out.push('T');
    push_decimal_padded(&mut out, seconds / 3600, 2);
    out.push(':');
    push_decimal_padded(&mut out, seconds / 60 % 60, 2);
    out.push(':');
    push_decimal_padded(&mut out, seconds % 60, 2);
    out.push('Z');
    out
}

/// Year, month (1–12) and day (1–31) of `days` since 1970-01-01, in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`, for non-negative days).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}
