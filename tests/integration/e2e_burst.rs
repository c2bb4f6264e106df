//! End-to-end: keys that arrive in one burst (typed ahead, pasted, or sent by a
//! macro), before the dashboard has drawn what the first of them opened.

use crate::common::{check, keys, Failure, TestResult as Result, Tui};

const DOWN: &str = "\x1b[B";

/// The help's rows under its title, as shown.
fn help_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains("Keys — ?"))
        .skip(1)
        .map(|l| {
            l.trim_matches(|c: char| c == '║' || c.is_whitespace())
                .to_string()
        })
        .collect()
}

#[test]
fn question_mark_and_down_in_one_burst_scroll_the_help() -> Result {
    // At 60x18 the help does not fit, so it scrolls.
    let tui = Tui::seed(60, 18);
    tui.wait_text("11 days")?;
    tui.send(&format!("?{DOWN}{DOWN}{DOWN}"));
    let third = mandate::app::keys::BINDINGS[2].label;
    let screen = tui
        .wait_for("the help scrolled three lines", |s| {
            help_rows(s).first().is_some_and(|r| r.starts_with(third))
        })
        .map_err(|e| Failure(format!("rows {:?}: {e}", help_rows(&tui.text()))))?;
    check(
        !screen.contains("The focused panel"),
        "the help's first line is still shown",
        &screen,
    )?;
    tui.send(keys::ESC);
    tui.wait_gone("Keys — ?")?;
    Ok(())
}
