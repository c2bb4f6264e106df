//! The state and `update`: focus, zoom, the clock and loads.

use crate::app::testing;
use crate::app::*;
use crate::domain::state;
use chrono::{DateTime, Duration, Utc};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn seed_app() -> App {
    testing::builtin_app("2025-09-22T12:00:00-04:00")
}

fn press(app: &mut App, code: KeyCode) -> Option<Command> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn tab_cycles_focus_through_every_panel_and_back() {
    let mut app = seed_app();
    let panels = app.panels();
    assert_eq!(panels.len(), 8);
    let start = app.focus();
    let mut seen = vec![start];
    for _ in 1..panels.len() {
        press(&mut app, KeyCode::Tab);
        seen.push(app.focus());
    }
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), start);
    seen.sort_by_key(|p| p.index());
    seen.dedup();
    assert_eq!(seen.len(), 8);
    press(&mut app, KeyCode::BackTab);
    let back = (panels.iter().position(|&p| p == start).unwrap() + panels.len() - 1) % panels.len();
    assert_eq!(app.focus(), panels[back]);
}

#[test]
fn digits_jump_to_numbered_panels() {
    let mut app = seed_app();
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.focus(), Panel::Strength);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.focus(), Panel::Missions);
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(app.focus(), Panel::Missions, "no panel 9: focus stays");
}

#[test]
fn mission_selection_moves_and_stops_at_the_ends() {
    let mut app = seed_app();
    press(&mut app, KeyCode::Char('1'));
    let first = app.current().unwrap().0.id.clone();
    assert_eq!(first, "mss", "soonest expiry first");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.current().unwrap().0.id, "gsf");
    press(&mut app, KeyCode::Down);
    assert_eq!(app.current().unwrap().0.id, "gsf");
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.current().unwrap().0.id, "mss");
    press(&mut app, KeyCode::End);
    assert_eq!(app.current().unwrap().0.id, "gsf");
}

#[test]
fn zoom_help_and_escape() {
    let mut app = seed_app();
    press(&mut app, KeyCode::Enter);
    assert!(app.zoomed());
    press(&mut app, KeyCode::Char('?'));
    assert!(app.help_shown());
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        app.focus(),
        Panel::Missions,
        "keys other than help's own are ignored under help"
    );
    press(&mut app, KeyCode::Esc);
    assert!(!app.help_shown());
    assert!(app.zoomed(), "the first Esc closes only the overlay");
    press(&mut app, KeyCode::Esc);
    assert!(!app.zoomed());
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('?'));
    assert!(!app.help_shown());
}

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
fn quit_reload_and_suspend_are_commands() {
    let mut app = seed_app();
    assert_eq!(press(&mut app, KeyCode::Char('q')), Some(Command::Quit));
    assert_eq!(press(&mut app, KeyCode::Char('r')), Some(Command::Reload));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.update(Msg::Key(ctrl_c)), Some(Command::Quit));
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(app.update(Msg::Key(ctrl_z)), Some(Command::Suspend));
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
fn a_bad_file_keeps_the_last_good_data() {
    let mut app = seed_app();
    let at = app.now();
    app.update(Msg::FileChanged {
        event: FileEvent::Failed(Problem::Invalid(crate::domain::Diagnostics::one(
            crate::domain::Diagnostic::error(None, "x"),
        ))),
        at,
    });
    assert!(app.data().is_some());
    assert!(matches!(app.problem(), Some(Problem::Invalid(_))));
    app.update(Msg::FileChanged {
        event: FileEvent::Failed(Problem::Missing),
        at,
    });
    assert_eq!(app.problem(), Some(&Problem::Missing));
    let data = crate::source::parse(crate::source::BUILTIN.as_bytes()).unwrap();
    app.update(Msg::FileChanged {
        event: FileEvent::Loaded(Box::new(data)),
        at,
    });
    assert_eq!(app.problem(), None);
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

mod input;
