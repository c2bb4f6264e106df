//! The floor for this kind of program: a minimal ratatui app that redraws a gauge and a
//! countdown once a second and does nothing else. `scripts/perf.py` measures it beside
//! mandate. Run: `cargo run --release --example floor` (q quits).

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode};
use ratatui::layout::{Constraint, Layout};
use ratatui::widgets::{Block, Gauge, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let start = Instant::now();
    let total = 907_200u64;
    let result = loop {
        let elapsed = start.elapsed().as_secs();
        let left = total.saturating_sub(elapsed);
        let drawn = terminal.draw(|f| {
            let [a, b] =
                Layout::vertical([Constraint::Length(3), Constraint::Length(3)]).areas(f.area());
            f.render_widget(
                Gauge::default()
                    .block(Block::bordered().title("Countdown"))
                    .ratio(0.4)
                    .label("1,000 / 2,500 (40%)"),
                a,
            );
            let text = format!(
                "{}d {:02}:{:02}:{:02}",
                left / 86_400,
                left % 86_400 / 3_600,
                left % 3_600 / 60,
                left % 60
            );
            f.render_widget(Paragraph::new(text).block(Block::bordered()), b);
        });
        if let Err(e) = drawn {
            break Err(e);
        }
        let next = Duration::from_secs(elapsed + 1).saturating_sub(start.elapsed());
        match event::poll(next) {
            Ok(true) => match event::read() {
                Ok(Event::Key(k)) if k.code == KeyCode::Char('q') => break Ok(()),
                Ok(_) => {}
                Err(e) => break Err(e),
            },
            Ok(false) => {}
            Err(e) => break Err(e),
        }
    };
    ratatui::restore();
    result
}
