//! The timeline view's state: its zoom and its pan. Where its rows are is
//! the view's business; what they span is decided here, so `update` and the view agree.

use chrono::{Duration, NaiveDate};

/// The zoom levels, in days across the axis: about 3 months to 10 years.
pub const ZOOMS: [i64; 7] = [91, 182, 365, 730, 1461, 2557, 3653];

/// The first and last days of the calendar mandate computes for: the axis stays within.
const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// The zoom a timeline opens at: one year across (ticks in months).
pub const DEFAULT_ZOOM: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timeline {
    /// Index into [`ZOOMS`].
    pub zoom: usize,
    /// Days the axis's middle is from today.
    pub pan: i64,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            zoom: DEFAULT_ZOOM,
            pan: 0,
        }
    }
}

impl Timeline {
    /// Days across the axis.
    pub fn span(&self) -> i64 {
        ZOOMS[self.zoom.min(ZOOMS.len() - 1)]
    }

    pub fn zoom_in(&mut self) {
        self.zoom = self.zoom.saturating_sub(1);
    }

    pub fn zoom_out(&mut self) {
        self.zoom = (self.zoom + 1).min(ZOOMS.len() - 1);
    }

    /// Pans by `steps` eighths of the axis (at least a day each), with `today` in the
    /// middle unpanned; the axis stays within the calendar (0001-01-01 to 9999-12-31).
    pub fn pan_by(&mut self, steps: i64, today: NaiveDate) {
        let step = (self.span() / 8).max(1);
        let (lo, hi) = self.pan_range(today);
        self.pan = self
            .pan
            .clamp(lo, hi)
            .saturating_add(steps.saturating_mul(step))
            .clamp(lo, hi);
    }

    /// The pans that keep the whole axis within the calendar, for `today`.
    fn pan_range(&self, today: NaiveDate) -> (i64, i64) {
        let span = self.span();
        let lo = (FIRST_DAY - today).num_days() + span / 2;
        let hi = (LAST_DAY - today).num_days() - (span - 1) + span / 2;
        (lo.min(hi), hi)
    }

    /// The first day on the axis and the days it spans, for `today`: today (plus the pan)
    /// in the middle, the axis within the calendar (a pan made on another day, or at
    /// another zoom, is clamped to it).
    pub fn window(&self, today: NaiveDate) -> (NaiveDate, i64) {
        let span = self.span();
        let (lo, hi) = self.pan_range(today);
        let first = today
            .checked_add_signed(Duration::days(self.pan.clamp(lo, hi) - span / 2))
            .unwrap_or(if self.pan < 0 { FIRST_DAY } else { LAST_DAY })
            .clamp(FIRST_DAY, LAST_DAY - Duration::days(span - 1));
        (first, span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_stops_at_three_months_and_ten_years() {
        let mut t = Timeline::default();
        assert_eq!(t.span(), 365);
        for _ in 0..10 {
            t.zoom_in();
        }
        assert_eq!(t.span(), 91);
        for _ in 0..10 {
            t.zoom_out();
        }
        assert_eq!(t.span(), 3653);
    }

    #[test]
    fn today_sits_in_the_middle_until_panned() {
        let today = NaiveDate::from_ymd_opt(2025, 9, 22).unwrap();
        let t = Timeline::default();
        let (first, span) = t.window(today);
        assert_eq!(first + Duration::days(span / 2), today);
        let mut p = t;
        p.pan_by(2, today);
        assert_eq!(p.window(today).0, first + Duration::days(2 * 45));
        p.pan_by(i64::MAX, today);
        let _ = p.window(NaiveDate::MAX);
        let _ = p.window(NaiveDate::MIN);
    }

    #[test]
    fn the_pan_stops_at_the_ends_of_the_calendar() {
        let today = NaiveDate::from_ymd_opt(2025, 9, 22).unwrap();
        for zoom in 0..ZOOMS.len() {
            let mut t = Timeline { zoom, pan: 0 };
            let span = t.span();
            let last = |t: &Timeline| t.window(today).0 + Duration::days(span - 1);
            for _ in 0..200_000 {
                t.pan_by(8, today);
            }
            assert_eq!(last(&t), LAST_DAY, "zoom {zoom}");
            // One step back moves at once: the pan did not run on past the end.
            let before = t.window(today).0;
            t.pan_by(-1, today);
            assert_eq!(
                t.window(today).0,
                before - Duration::days((span / 8).max(1))
            );
            t.pan_by(i64::MIN, today);
            assert_eq!(t.window(today).0, FIRST_DAY, "zoom {zoom}");
            t.pan_by(1, today);
            assert!(t.window(today).0 > FIRST_DAY);
            // At the calendar's ends themselves, and zoomed out after panning.
            for day in [FIRST_DAY, LAST_DAY] {
                for steps in [i64::MIN, -1, 0, 1, i64::MAX] {
                    let mut t = Timeline { zoom, pan: 0 };
                    t.pan_by(steps, day);
                    for z in [
                        Timeline {
                            zoom: ZOOMS.len() - 1,
                            ..t
                        },
                        t,
                    ] {
                        let (first, span) = z.window(day);
                        assert!(first >= FIRST_DAY, "{day} {steps} {zoom}");
                        assert!(first + Duration::days(span - 1) <= LAST_DAY);
                    }
                }
            }
        }
    }
}
