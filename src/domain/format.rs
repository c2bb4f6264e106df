//! How figures are written in words, the same on screen and in the reports: dates, day
//! counts, the countdown, the clock, large numbers and money.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::state::{Phase, State};
use crate::domain::Personnel;

/// "Mon 22 Sep 2025 12:00:00 EDT"
pub fn clock(now: DateTime<Utc>, tz: Tz) -> String {
    now.with_timezone(&tz)
        .format("%a %-d %b %Y %H:%M:%S %Z")
        .to_string()
}

pub fn ago_text(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day ago".into(),
        d if d > 0 => format!("{d} days ago"),
        -1 => "in 1 day".into(),
        d => format!("in {} days", -d),
    }
}

/// "22 Sep 2025"
pub fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "1 day", "11 days"
pub fn days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// `Nd HH:MM:SS`
pub fn countdown(secs: i64) -> String {
    let s = secs.max(0);
    format!(
        "{}d {:02}:{:02}:{:02}",
        s / 86_400,
        (s % 86_400) / 3_600,
        (s % 3_600) / 60,
        s % 60
    )
}

/// Formats an integer with thousands separators: `1234567` -> `1,234,567`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// 85000000 -> "85.0 M" (never "-0").
pub fn money(v: f64) -> String {
    let v = if v == 0.0 { 0.0 } else { v };
    if v >= 1e9 {
        format!("{:.1} B", v / 1e9)
    } else if v >= 1e6 {
        format!("{:.1} M", v / 1e6)
    } else if v >= 1e3 {
        format!("{:.1} K", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// A ratio as a whole percentage: "40%"; beyond a million percent (or not a number),
/// "over 1,000,000%".
pub fn percent(r: f64) -> String {
    let p = r * 100.0;
    if p.is_finite() && p.abs() < 1e6 {
        format!("{:.0}%", p + 0.0)
    } else {
        "over 1,000,000%".to_string()
    }
}

/// "13,813: 11,500 military + 600 observers + 443 police + 1,270 formed police", or
/// "2,500" for a plain total.
pub fn personnel(p: &Personnel) -> String {
    match p.categories() {
        None => thousands(p.total()),
        Some(cs) => {
            let parts: Vec<String> = cs
                .iter()
                .map(|(c, n)| format!("{} {}", thousands(*n), c.label()))
                .collect();
            format!("{}: {}", thousands(p.total()), parts.join(" + "))
        }
    }
}

/// "11 days left"
pub fn days_left(n: i64) -> String {
    format!("{} left", days(n))
}

/// What a mission's phase means in days: "11 days", "starts in 3 days", "expired",
/// "ended 17 Mar 2026" (unrecorded), "open-ended".
pub fn phase_detail(s: &State) -> String {
    match s.phase {
        Phase::Active | Phase::Expiring => match s.days_remaining {
            Some(d) => days(d),
            None => "open-ended".into(),
        },
        Phase::Pending | Phase::Lapsed => match s.days_to_start {
            Some(d) => format!("starts in {}", days(d)),
            None => "not in force".into(),
        },
        Phase::Unrecorded => match s.expires_on {
            Some(on) => format!("ended {}", date(on)),
            None => "ended".into(),
        },
        Phase::Expired => "expired".into(),
    }
}

/// What an unrecorded mission's Status says: "ended 17 Mar 2026: no renewal or closure
/// is recorded; update the file".
pub fn unrecorded(on: NaiveDate) -> String {
    format!(
        "ended {}: no renewal or closure is recorded; update the file",
        date(on)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_percent_stay_sane_at_the_extremes() {
        assert_eq!(money(-0.0), "0");
        assert_eq!(money(85e6), "85.0 M");
        assert_eq!(percent(0.4), "40%");
        assert_eq!(percent(1.797e308 / 1e-300), "over 1,000,000%");
        assert_eq!(percent(f64::NAN), "over 1,000,000%");
        assert_eq!(percent(-0.0), "0%");
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(2500), "2,500");
        assert_eq!(thousands(-1234567), "-1,234,567");
        assert_eq!(thousands(i64::MAX), "9,223,372,036,854,775,807");
        assert_eq!(thousands(i64::MIN), "-9,223,372,036,854,775,808");
    }
}
