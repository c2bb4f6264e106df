//! criterion benchmarks: load and validate, compute the state, render one frame;
//! each for 1, 100 and 10,000 missions.
//!
//! Run: `cargo bench --bench core`

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use mandate::app::{App, Msg};
use mandate::domain::state;
use mandate::domain::Dataset;
use mandate::source::parse;
use mandate::source::{FileEvent, Origin};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A portfolio of `n` missions shaped like real ones: two periods, a strength history,
/// a contributor, a source, in zones with and without daylight saving.
pub fn portfolio(n: usize) -> String {
    const ZONES: [&str; 6] = [
        "UTC",
        "America/Port-au-Prince",
        "Africa/Juba",
        "Asia/Kolkata",
        "America/Santiago",
        "Pacific/Kiritimati",
    ];
    let mut s = String::from("title = \"benchmark portfolio\"\n");
    for i in 0..n {
        let y = 2016 + (i % 10);
        s.push_str(&format!(
            r#"
[[mission]]
id = "op-{i}"
name = "Operation {i}, a mission with a reasonably long descriptive name"
short = "OP{i}"
kind = "peacekeeping"
host = "Somewhere"
timezone = "{zone}"
summary = "A paragraph that describes the operation, its mandate and its history in a few sentences."
[[mission.mandate]]
start = {y}-01-01
end = {y}-12-31
resolution = "{r1} ({y})"
vote = "15-0-0"
[[mission.mandate]]
start = {y1}-01-01
end = {y1}-{m:02}-{d:02}
resolution = "{r2} ({y1})"
[mission.strength]
authorized = {auth}
deployed = {dep}
as_of = 2025-06-01
history = [{{ date = 2024-01-01, deployed = 100 }}, {{ date = 2024-06-01, deployed = 200 }}]
[[mission.contributor]]
country = "Kenya"
pledged = 100
deployed = 50
[[mission.source]]
title = "Source {i}"
url = "https://example.org/{i}"
"#,
            zone = ZONES[i % ZONES.len()],
            y1 = y + 1,
            r1 = 1000 + i,
            r2 = 2000 + i,
            m = 1 + i % 12,
            d = 1 + i % 28,
            auth = 100 + (i * 37) % 20_000,
            dep = 50 + (i * 53) % 20_000,
        ));
    }
    s
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-09-22T12:00:00-04:00")
        .unwrap()
        .with_timezone(&Utc)
}

const SIZES: [usize; 3] = [1, 100, 10_000];

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_and_validate");
    g.sample_size(10);
    for n in SIZES {
        let text = portfolio(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| {
            b.iter(|| parse(black_box(t.as_bytes())).unwrap())
        });
    }
    g.finish();
}

fn state(c: &mut Criterion) {
    let mut g = c.benchmark_group("compute_state");
    for n in SIZES {
        let d = parse(portfolio(n).as_bytes()).unwrap();
        g.bench_with_input(BenchmarkId::from_parameter(n), &d, |b, d| {
            b.iter(|| state::states(black_box(d), now()))
        });
    }
    g.finish();
}

fn render(c: &mut Criterion) {
    let mut g = c.benchmark_group("render_frame_120x40");
    for n in SIZES {
        let d = parse(portfolio(n).as_bytes()).unwrap();
        let app = app_showing(d);
        let area = Rect::new(0, 0, 120, 40);
        g.bench_with_input(BenchmarkId::from_parameter(n), &app, |b, app| {
            b.iter(|| {
                let mut buf = Buffer::empty(area);
                mandate::ui::render(black_box(app), area, &mut buf);
                buf
            })
        });
    }
    g.finish();
}

fn app_of(n: usize) -> App {
    app_showing(parse(portfolio(n).as_bytes()).unwrap())
}

/// `d` shown at `now()`, 120x40.
fn app_showing(d: Dataset) -> App {
    App::showing(
        &Origin::File("bench.toml".into()),
        FileEvent::Loaded(Box::new(d)),
        now(),
        (120, 40),
    )
}

fn key(c: char) -> Msg {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// The timeline's first frame: `T` pressed, then the whole frame drawn (no cache).
fn timeline(c: &mut Criterion) {
    let mut g = c.benchmark_group("timeline_first_frame_120x40");
    for n in SIZES {
        let app = app_of(n);
        let area = Rect::new(0, 0, 120, 40);
        g.bench_with_input(BenchmarkId::from_parameter(n), &app, |b, app| {
            b.iter_batched(
                || app.clone(),
                |mut app| {
                    app.update(key('T'));
                    let mut buf = Buffer::empty(area);
                    mandate::ui::render(black_box(&app), area, &mut buf);
                    // Returned, so dropping the app is not timed.
                    (app, buf)
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

/// An event to its frame: a filter keystroke, a sort, a click and a wheel notch, each
/// applied by `update` and followed by the full frame (no cache).
fn event_to_frame(c: &mut Criterion) {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut g = c.benchmark_group("event_to_frame_120x40");
    let area = Rect::new(0, 0, 120, 40);
    for n in [100, 10_000] {
        let mut app = app_of(n);
        app.update(key('/'));
        let drawn = {
            let mut buf = Buffer::empty(area);
            mandate::ui::render(&app, area, &mut buf)
        };
        app.update(Msg::Drawn(Box::new(drawn)));
        let mouse = |kind, x, y| {
            Msg::Mouse(MouseEvent {
                kind,
                column: x,
                row: y,
                modifiers: KeyModifiers::NONE,
            })
        };
        let cases: [(&str, Vec<Msg>); 4] = [
            ("filter_key", vec![key('1')]),
            (
                "sort",
                vec![
                    Msg::Key(ratatui::crossterm::event::KeyEvent::new(
                        ratatui::crossterm::event::KeyCode::Esc,
                        KeyModifiers::NONE,
                    )),
                    key('s'),
                ],
            ),
            (
                "click_row",
                vec![mouse(MouseEventKind::Down(MouseButton::Left), 4, 3)],
            ),
            ("wheel", vec![mouse(MouseEventKind::ScrollDown, 60, 20)]),
        ];
        for (name, msgs) in cases {
            g.bench_with_input(BenchmarkId::new(name, n), &app, |b, app| {
                b.iter_batched(
                    || app.clone(),
                    |mut app| {
                        for m in &msgs {
                            app.update(m.clone());
                        }
                        let mut buf = Buffer::empty(area);
                        mandate::ui::render(black_box(&app), area, &mut buf);
                        (app, buf)
                    },
                    BatchSize::LargeInput,
                )
            });
        }
    }
    g.finish();
}

criterion_group!(benches, load, state, render, timeline, event_to_frame);
criterion_main!(benches);
