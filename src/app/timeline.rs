//! The timeline view's state: its zoom and its pan. Where its rows are is
//! the view's business; what they span is decided here, so `update` and the view agree.

use chrono::{Duration, NaiveDate};

/// The zoom levels, in days across the axis: about 3 months to 10 years.
pub const ZOOMS: [i64; 7] = [91, 182, 365, 730, 1461, 2557, 3653];

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

    /// Pans by `steps` eighths of the axis (at least a day each).
    pub fn pan_by(&mut self, steps: i64) {
        let step = (self.span() / 8).max(1);
        // Within ±10,000 years of today: far enough for any data, and never overflowing.
        self.pan = self
            .pan
            .saturating_add(steps.saturating_mul(step))
            .clamp(-3_652_500, 3_652_500);
    }

    /// The first day on the axis and the days it spans, for `today`: today (plus the pan)
    /// in the middle. Within chrono's range, whatever the pan.
    pub fn window(&self, today: NaiveDate) -> (NaiveDate, i64) {
        let span = self.span();
        let first = today
            .checked_add_signed(Duration::days(self.pan - span / 2))
            .unwrap_or(if self.pan < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX - Duration::days(span)
            });
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
        p.pan_by(2);
        assert_eq!(p.window(today).0, first + Duration::days(2 * 45));
        p.pan_by(i64::MAX);
        let _ = p.window(NaiveDate::MAX);
        let _ = p.window(NaiveDate::MIN);
    }
}
