//! The shown clock: the real time, shifted by `--now` and by time travel, which stays
//! within the calendar mandate computes for.

use chrono::{DateTime, Duration, Utc};

use super::App;
use crate::domain::state;

pub const DAY: i64 = 86_400;

/// An end of the calendar mandate computes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarEnd {
    /// 0001-01-01.
    First,
    /// 9999-12-31.
    Last,
}

/// The clock's part of the state.
#[derive(Debug, Clone)]
pub(super) struct Clock {
    /// The real time at the last tick.
    pub real: DateTime<Utc>,
    /// `--now` minus the real time at start: the clock runs on from `--now`.
    shift: Duration,
    /// Time travel, in seconds (whole days but after a go-to-date).
    travel_secs: i64,
    /// Set when the last time travel stopped at an end of the calendar.
    travel_stop: Option<CalendarEnd>,
}

impl Clock {
    /// The clock at `real`, or at `start` (then running on from it).
    pub fn new(real: DateTime<Utc>, start: Option<DateTime<Utc>>) -> Self {
        Clock {
            real,
            shift: start.map_or(Duration::zero(), |s| s - real),
            travel_secs: 0,
            travel_stop: None,
        }
    }

    /// Back to the present (of `--now`): no time travel.
    pub fn reset(&mut self) {
        self.travel_secs = 0;
        self.travel_stop = None;
    }

    /// The shown clock with its fraction of a second.
    fn precise(&self) -> DateTime<Utc> {
        let travel = Duration::try_seconds(self.travel_secs).unwrap_or(Duration::zero());
        self.real
            .checked_add_signed(self.shift)
            .and_then(|t| t.checked_add_signed(travel))
            .unwrap_or(self.real)
    }

    /// The shown clock without time travel.
    fn base(&self) -> DateTime<Utc> {
        self.real
            .checked_add_signed(self.shift)
            .unwrap_or(self.real)
    }

    /// Time travel by whole days; the shown clock stays within the calendar
    /// (0001-01-01 to 9999-12-31), stopping at the last whole day that fits.
    fn travel(&mut self, days: i64) {
        let base = self.base();
        let lo = -(base - state::EARLIEST).num_seconds();
        let hi = (state::LATEST - base).num_seconds();
        let at = self.travel_secs.clamp(lo.min(hi), hi);
        let most = (hi - at).div_euclid(DAY);
        let least = -((at - lo.min(at)).div_euclid(DAY));
        let step = days.clamp(least, most);
        self.travel_secs = at + step * DAY;
        self.travel_stop = match days.cmp(&step) {
            std::cmp::Ordering::Greater => Some(CalendarEnd::Last),
            std::cmp::Ordering::Less => Some(CalendarEnd::First),
            std::cmp::Ordering::Equal => None,
        };
    }

    /// Time travel to the instant `to`, which must be within the calendar.
    fn travel_to(&mut self, to: DateTime<Utc>) {
        self.travel_secs = (to - self.base()).num_seconds();
        self.travel_stop = None;
    }
}

impl App {
    /// Time travel in days, as the status bar tells it (to the nearest day after a
    /// go-to-date, which lands on noon in the selected mission's zone).
    pub fn travel_days(&self) -> i64 {
        (self.clock.travel_secs + DAY / 2).div_euclid(DAY)
    }

    /// The end of the calendar the last time travel stopped at, if it did.
    pub fn travel_stop(&self) -> Option<CalendarEnd> {
        self.clock.travel_stop
    }

    /// The instant the dashboard shows, to the whole second: every figure on screen,
    /// the clock and the countdown, is computed at this instant, so they always agree.
    pub fn now(&self) -> DateTime<Utc> {
        let t = self.precise_now();
        t - Duration::nanoseconds(i64::from(t.timestamp_subsec_nanos()))
    }

    /// The shown clock with its fraction of a second (to time the next tick).
    pub fn precise_now(&self) -> DateTime<Utc> {
        self.clock.precise()
    }

    /// Time travel by whole days, every figure following.
    pub(super) fn travel(&mut self, days: i64) {
        self.clock.travel(days);
        self.recompute();
    }

    /// Time travel to the instant `to`, which must be within the calendar.
    pub(super) fn travel_to(&mut self, to: DateTime<Utc>) {
        self.clock.travel_to(to);
        self.recompute();
    }
}
