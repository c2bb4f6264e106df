//! Keys, prompts and the mouse.

use crate::app::screen::is_web;
use crate::app::testing::{builtin_app, instant};
use crate::app::{App, Command, Drawn, Msg, Panel, Prompt, Sort, View};
use crate::domain::state;
use crate::domain::state::Phase;
use crate::source::{self, FileEvent, Origin};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn seed() -> App {
    builtin_app("2025-09-22T12:00:00-04:00")
}

/// A five-operation portfolio (`tests/fixtures/valid/five_operations.toml`) on 1 Mar 2026.
fn portfolio() -> App {
    let now = instant("2026-03-01T12:00:00Z");
    let origin = Origin::File(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/valid/five_operations.toml"
        )
        .into(),
    );
    App::showing(&origin, source::load(&origin), now, (120, 40))
}

fn press(app: &mut App, code: KeyCode) -> Option<Command> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn ids(app: &App) -> Vec<String> {
    let d = app.data().unwrap();
    app.order()
        .iter()
        .map(|&i| d.missions[i].id.clone())
        .collect()
}

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    app.update(Msg::Mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
}

fn click(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
}

#[test]
fn focus_starts_on_the_list_with_many_missions_and_on_status_with_one() {
    assert_eq!(seed().focus(), Panel::Missions);
    let src = "[[mission]]\nid = \"m\"\nname = \"M\"\n[[mission.mandate]]\nstart = 2025-01-01\n[mission.strength]\nauthorized = 10\n";
    let now = instant("2025-06-01T12:00:00Z");
    let data = source::parse(src.as_bytes()).unwrap();
    let one = App::showing(
        &Origin::File("f".into()),
        FileEvent::Loaded(Box::new(data)),
        now,
        (120, 40),
    );
    assert_eq!(one.focus(), Panel::Status);
    // A reload keeps the focus where the user put it.
    let mut app = seed();
    press(&mut app, KeyCode::Char('4'));
    app.update(Msg::FileChanged {
        event: source::load(&Origin::Builtin),
        at: app.now(),
    });
    assert_eq!(app.focus(), Panel::Strength);
}

#[test]
fn the_filter_narrows_as_you_type_and_backspace_widens() {
    let mut app = portfolio();
    assert_eq!(app.order().len(), 5);
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.prompt(), Some(&Prompt::Filter));
    typed(&mut app, "CONGO");
    assert_eq!(ids(&app), ["monusco"], "host, case-insensitive");
    assert_eq!(app.current().unwrap().0.id, "monusco");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.filter(), "CONG");
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    assert_eq!(app.order().len(), 5);
    typed(&mut app, "unmiss");
    assert_eq!(ids(&app), ["unmiss"], "id");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.prompt(),
        None,
        "Enter keeps the filter and closes the line"
    );
    assert_eq!(app.filter(), "unmiss");
    assert_eq!(ids(&app), ["unmiss"]);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(ids(&app), ["unmiss"], "keys are keys again");
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.filter(), "", "Esc clears it");
    assert_eq!(app.order().len(), 5);
    assert_eq!(app.current().unwrap().0.id, "unmiss", "the selection stays");
}

#[test]
fn a_filter_that_matches_nothing_says_so() {
    let mut app = portfolio();
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "xyz");
    assert!(app.order().is_empty());
    assert!(app.current().is_none());
    let frame = crate::ui::frame_text(&mut app, 120, 40);
    assert!(frame.contains("no mission matches /xyz"), "{frame}");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('T'));
    let frame = crate::ui::frame_text(&mut app, 80, 24);
    assert!(frame.contains("no mission matches /xyz"), "{frame}");
    for k in [KeyCode::Down, KeyCode::End, KeyCode::Enter] {
        press(&mut app, k);
    }
}

#[test]
fn s_cycles_the_sort_and_the_title_says_which() {
    let mut app = portfolio();
    assert_eq!(app.sort(), Sort::Expiry);
    let by_expiry = ids(&app);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.sort(), Sort::Name);
    let d = app.data().unwrap();
    let names: Vec<String> = app
        .order()
        .iter()
        .map(|&i| d.missions[i].short.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let frame = crate::ui::frame_text(&mut app, 160, 48);
    assert!(frame.contains("Missions · by name"), "{frame}");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.sort(), Sort::Deployment);
    let ratios: Vec<f64> = app
        .order()
        .iter()
        .filter_map(|&i| app.states()[i].deployment_ratio)
        .collect();
    assert!(ratios.windows(2).all(|w| w[0] <= w[1]), "{ratios:?}");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.sort(), Sort::FiguresAge);
    let ages: Vec<_> = app
        .order()
        .iter()
        .filter_map(|&i| app.states()[i].deployed_as_of)
        .collect();
    assert!(ages.windows(2).all(|w| w[0] <= w[1]), "{ages:?}");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(ids(&app), by_expiry);
}

#[test]
fn timeline_zoom_pan_today_and_back() {
    let mut app = seed();
    press(&mut app, KeyCode::Char('T'));
    assert_eq!(app.view(), View::Timeline);
    let span = app.timeline().span();
    press(&mut app, KeyCode::Char('+'));
    assert!(app.timeline().span() < span);
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('-'));
    }
    assert_eq!(app.timeline().span(), 3653);
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Right);
    assert!(app.timeline().pan > 0);
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert!(app.timeline().pan < 0);
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(app.timeline().pan, 0);
    // Rows move the shared selection; Enter opens that mission's panels.
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.current().unwrap().0.id, "gsf");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view(), View::Dashboard);
    assert_eq!(app.current().unwrap().0.id, "gsf");
    press(&mut app, KeyCode::Char('T'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view(), View::Dashboard, "Esc closes it");
    press(&mut app, KeyCode::Char('T'));
    press(&mut app, KeyCode::Char('T'));
    assert_eq!(app.view(), View::Dashboard, "T again closes it");
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.timeline().pan, 0, "h/l do nothing on the dashboard");
}

#[test]
fn the_date_prompt_goes_to_noon_in_the_mission_zone() {
    let mut app = seed();
    press(&mut app, KeyCode::Char(':'));
    typed(&mut app, "2024-10-03");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.prompt(), None);
    // Noon in Port-au-Prince (EDT, -4) on 3 Oct 2024.
    assert_eq!(app.now(), instant("2024-10-03T12:00:00-04:00"));
    assert_eq!(app.travel_days(), -354);
    let frame = crate::ui::frame_text(&mut app, 120, 40);
    assert!(frame.contains("time travel: -354 days"), "{frame}");
    let (m, s) = app.current().unwrap();
    assert_eq!(m.id, "mss");
    assert_eq!(s.phase, Phase::Active);
    // The clock runs on from there.
    app.update(Msg::Tick(instant("2025-09-22T12:00:05-04:00")));
    assert_eq!(app.now(), instant("2024-10-03T12:00:05-04:00"));
}

#[test]
fn a_bad_date_is_answered_in_the_prompt_and_changes_nothing() {
    let mut app = seed();
    let before = app.now();
    press(&mut app, KeyCode::Char(':'));
    typed(&mut app, "2025-13-01");
    press(&mut app, KeyCode::Enter);
    match app.prompt() {
        Some(Prompt::Date { error: Some(e), .. }) => {
            assert!(e.starts_with("not a date: 2025-13-01"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    let frame = crate::ui::frame_text(&mut app, 120, 40);
    assert!(frame.contains("not a date: 2025-13-01"), "{frame}");
    assert_eq!(app.now(), before);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.prompt().is_some(), "q is text in the prompt");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.prompt(), None);
    assert_eq!(app.now(), before);
    assert_eq!(app.travel_days(), 0);
    // The ends of the calendar are reachable, and the clock stays within it.
    press(&mut app, KeyCode::Char(':'));
    typed(&mut app, "0001-01-01");
    press(&mut app, KeyCode::Enter);
    assert!((state::EARLIEST..=state::LATEST).contains(&app.now()));
    press(&mut app, KeyCode::Char(':'));
    typed(&mut app, "9999-12-31");
    press(&mut app, KeyCode::Enter);
    assert!((state::EARLIEST..=state::LATEST).contains(&app.now()));
}

/// A frame at 120x40, reported back, so the mouse has places to hit.
fn drawn(app: &mut App) -> Drawn {
    crate::ui::frame_text(app, 120, 40);
    app.drawn.clone()
}

#[test]
fn a_click_focuses_a_panel_and_a_title_click_zooms_it() {
    let mut app = seed();
    let d = drawn(&mut app);
    let r = d.places[Panel::Strength.index()].unwrap();
    click(&mut app, r.x + 2, r.y + 2);
    assert_eq!(app.focus(), Panel::Strength);
    assert!(!app.zoomed());
    click(&mut app, r.x + 4, r.y);
    assert!(app.zoomed(), "a click on the title zooms");
    let d = drawn(&mut app);
    let r = d.places[Panel::Strength.index()].unwrap();
    click(&mut app, r.x + 4, r.y);
    assert!(!app.zoomed(), "and again: back");
}

#[test]
fn a_click_on_a_mission_selects_it_in_the_list_and_the_timeline() {
    let mut app = seed();
    press(&mut app, KeyCode::Char('2'));
    let d = drawn(&mut app);
    let (row, _) = d.rows.iter().find(|(_, k)| *k == 1).copied().unwrap();
    click(&mut app, row.x + 3, row.y);
    assert_eq!(app.current().unwrap().0.id, "gsf");
    assert_eq!(app.focus(), Panel::Missions);
    press(&mut app, KeyCode::Char('T'));
    let d = drawn(&mut app);
    let (row, _) = d.rows.iter().find(|(_, k)| *k == 0).copied().unwrap();
    click(&mut app, row.x + 30, row.y);
    assert_eq!(app.current().unwrap().0.id, "mss");
    mouse(&mut app, MouseEventKind::ScrollDown, row.x + 30, row.y);
    assert_eq!(
        app.current().unwrap().0.id,
        "gsf",
        "the wheel moves the rows"
    );
}

#[test]
fn the_wheel_scrolls_the_panel_under_the_pointer_not_the_focused_one() {
    let mut app = seed();
    let d = drawn(&mut app);
    let r = d.places[Panel::Strength.index()].unwrap();
    let rev = app.revision();
    mouse(&mut app, MouseEventKind::ScrollDown, r.x + 2, r.y + 3);
    assert_eq!(app.scroll(Panel::Strength), 3);
    assert_eq!(app.focus(), Panel::Missions, "the focus stays");
    assert!(app.revision() > rev);
    mouse(&mut app, MouseEventKind::ScrollUp, r.x + 2, r.y + 3);
    assert_eq!(app.scroll(Panel::Strength), 0);
    let rev = app.revision();
    mouse(&mut app, MouseEventKind::Moved, r.x, r.y);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), r.x, r.y);
    mouse(&mut app, MouseEventKind::ScrollUp, r.x + 2, r.y + 3);
    assert_eq!(app.revision(), rev, "nothing changed: no redraw");
}

#[test]
fn o_and_y_in_sources_ask_to_open_and_copy_the_selected_url() {
    let mut app = seed();
    assert_eq!(press(&mut app, KeyCode::Char('o')), None);
    assert!(app.notice().unwrap().contains("Sources"));
    press(&mut app, KeyCode::Char('8'));
    let urls: Vec<String> = app
        .current()
        .unwrap()
        .0
        .sources
        .iter()
        .filter_map(|s| s.url.clone())
        .collect();
    assert_eq!(
        press(&mut app, KeyCode::Char('o')),
        Some(Command::Open(urls[0].clone()))
    );
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.source_row(), 1);
    assert_eq!(
        press(&mut app, KeyCode::Char('y')),
        Some(Command::Copy(urls[1].clone()))
    );
    app.update(Msg::Notice("copied".into()));
    let frame = crate::ui::frame_text(&mut app, 120, 40);
    assert!(frame.contains("▶ UN press release"), "{frame}");
    assert!(frame.contains(" copied"), "{frame}");
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.source_row(), app.current().unwrap().0.sources.len() - 1);
    assert!(!is_web("file:///etc/passwd"));
    assert!(!is_web("javascript:alert(1)"));
    assert!(!is_web("https://x.org/a b"));
    assert!(is_web("HTTPS://un.org"));
}

#[test]
fn time_travel_moves_the_timeline_today_line() {
    let mut app = seed();
    press(&mut app, KeyCode::Char('T'));
    let before = crate::ui::frame_text(&mut app, 120, 40);
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('}'),
        KeyModifiers::NONE,
    )));
    let after = crate::ui::frame_text(&mut app, 120, 40);
    assert_ne!(before, after);
    assert!(after.contains("today 22 Oct 2025"), "{after}");
}
