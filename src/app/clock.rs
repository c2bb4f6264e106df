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

    /// Time travel to the instant `to`, which must be within the calendar: the shown
    /// second is `to` exactly (the clock's fraction of a second runs on from there, so
    /// the step is counted from the shown second, not from the fraction).
    fn travel_to(&mut self, to: DateTime<Utc>) {
        let base = self.base();
        let shown = base - Duration::nanoseconds(i64::from(base.timestamp_subsec_nanos()));
        self.travel_secs = (to - shown).num_seconds();
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

#[cfg(test)]
mod tests {
    use super::super::testing::{self, press, seed_app};
    use super::super::*;
    use crate::domain::state;
    use chrono::{DateTime, Duration, Utc};
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn time_travel_moves_every_figure_and_t_returns() {
        let mut app = seed_app();
        let days = |a: &App| a.current().unwrap().1.days_remaining;
        assert_eq!(days(&app), Some(11));
        press(&mut app, KeyCode::Char(']'));
        assert_eq!(days(&app), Some(10));
        assert_eq!(app.travel_days(), 1);
        press(&mut app, KeyCode::Char('['));
        press(&mut app, KeyCode::Char('['));
        assert_eq!(days(&app), Some(12));
        press(&mut app, KeyCode::Char('}'));
        // 29 days on: the MSS has expired, the GSF is active; MSS sorts last now
        let mss = app
            .data()
            .unwrap()
            .missions
            .iter()
            .position(|m| m.id == "mss")
            .unwrap();
        assert_eq!(app.states()[mss].phase, state::Phase::Expired);
        press(&mut app, KeyCode::Char('t'));
        assert_eq!(app.travel_days(), 0);
        assert_eq!(app.states()[mss].days_remaining, Some(11));
        press(&mut app, KeyCode::Char('{'));
        assert_eq!(app.states()[mss].days_remaining, Some(41));
    }

    #[test]
    fn time_travel_stops_at_the_ends_of_the_calendar() {
        for (start, key, travel, note) in [
            ("9999-12-31T00:00:00Z", '}', 0, "calendar ends 31 Dec 9999"),
            (
                "0001-01-15T12:00:00Z",
                '{',
                -14,
                "calendar starts 1 Jan 0001",
            ),
        ] {
            let real = Utc::now();
            let mut app = App::new(
                &Origin::File("f".into()),
                real,
                Some(testing::instant(start)),
            );
            app.update(Msg::FileChanged {
                event: crate::source::load(&Origin::Builtin),
                at: real,
            });
            app.update(Msg::Tick(real));
            for _ in 0..200 {
                press(&mut app, KeyCode::Char(key));
                app.update(Msg::Tick(real));
            }
            assert_eq!(app.travel_days(), travel, "{start}");
            assert!(app.travel_stop().is_some());
            assert!((state::EARLIEST..=state::LATEST).contains(&app.now()));
            let frame = crate::ui::frame_text(&mut app, 120, 40);
            assert!(frame.contains(note), "{frame}");
            press(&mut app, KeyCode::Char('t'));
            assert_eq!(app.travel_stop(), None);
        }
    }

    #[test]
    fn the_clock_runs_on_from_now() {
        let real = Utc::now();
        let start = DateTime::parse_from_rfc3339("2025-09-22T12:00:00-04:00")
            .unwrap()
            .with_timezone(&Utc);
        let mut app = App::new(&Origin::File("f".into()), real, Some(start));
        assert_eq!(app.now(), start);
        app.update(Msg::Tick(real + Duration::seconds(5)));
        assert_eq!(app.now(), start + Duration::seconds(5));
    }

    #[test]
    fn ticks_keep_every_state_as_a_full_recompute_would() {
        // Second by second across the MSS's last midnight in Port-au-Prince.
        let start = DateTime::parse_from_rfc3339("2025-10-02T23:59:55-04:00")
            .unwrap()
            .with_timezone(&Utc);
        let mut app = seed_app();
        app.update(Msg::Tick(start));
        for i in 0..10 {
            app.update(Msg::Tick(start + Duration::seconds(i)));
            let full = state::states(app.data().unwrap(), app.now());
            let sel = app.order()[app.selected_row()];
            assert_eq!(app.states()[sel], full[sel], "selected, tick {i}");
            for (a, b) in app.states().iter().zip(&full) {
                assert_eq!(
                    (a.phase, a.today, a.days_remaining, a.days_to_start),
                    (b.phase, b.today, b.days_remaining, b.days_to_start),
                    "tick {i}"
                );
            }
            press(&mut app, KeyCode::Char('1'));
            press(&mut app, KeyCode::Char(if i % 2 == 0 { 'j' } else { 'k' }));
            let sel = app.order()[app.selected_row()];
            assert_eq!(app.states()[sel], full[sel], "newly selected, tick {i}");
        }
    }

    #[test]
    fn the_countdown_agrees_with_the_shown_clock() {
        // A tick lands just after the second: the countdown must not lag the clock.
        let start = DateTime::parse_from_rfc3339("2025-09-22T12:00:00-04:00")
            .unwrap()
            .with_timezone(&Utc);
        let mut app = seed_app();
        app.update(Msg::Tick(start + Duration::milliseconds(7_001)));
        assert_eq!(app.now(), start + Duration::seconds(7));
        assert_eq!(
            app.current().unwrap().1.seconds_remaining,
            Some(907_200 - 7)
        );
    }

    #[test]
    fn time_travel_across_a_ceiling_cut_moves_the_ceiling() {
        let src = std::fs::read("tests/fixtures/valid/categories.toml").unwrap();
        let data = crate::source::parse(&src).unwrap();
        let now = testing::instant("2026-04-29T12:00:00Z");
        let mut app = App::showing(
            &Origin::File("c.toml".into()),
            FileEvent::Loaded(Box::new(data)),
            now,
            (120, 40),
        );
        let ceiling = |a: &App| {
            (
                a.states()[0].authorized,
                a.states()[0].ceiling_resolution.clone(),
            )
        };
        assert_eq!(ceiling(&app), (Some(19101), Some("2779 (2025)".into())));
        press(&mut app, KeyCode::Char(']'));
        press(&mut app, KeyCode::Char(']'));
        assert_eq!(ceiling(&app), (Some(14600), Some("a 2026 renewal".into())));
        assert!(app.states()[0].deployment_ratio.unwrap() > 1.0);
        press(&mut app, KeyCode::Char('t'));
        assert_eq!(ceiling(&app).0, Some(19101));
    }
}
