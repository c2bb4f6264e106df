//! End-to-end: emoji sequences whose width terminals disagree on, drawn as their first
//! code point (the policy of `ui/fit.rs`), read back through vt100, which like tmux
//! draws each code point of a ZWJ sequence at its own width.

use crate::common::{check, TestResult as Result, Tui};

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// The characters a panel's left or right edge is drawn with.
const EDGES: &str = "│┃╭╮╰╯┏┓┗┛▲▼█";

#[test]
fn thirty_zwj_families_in_a_name_leave_every_panel_edge_in_place() -> Result {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join("families.toml");
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/mss-haiti.toml"))
        .map_err(|e| e.to_string())?;
    let families = FAMILY.repeat(30);
    let text = seed
        .replacen(
            "name = \"Multinational Security Support Mission in Haiti\"",
            &format!("name = \"{families}\""),
            1,
        )
        .replacen("short = \"MSS\"", "short = \"MSS 🇭🇹 ❤\u{fe0f}\"", 1);
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let path = path.to_string_lossy().to_string();
    let tui = Tui::spawn(120, 40, &["--now", "2025-09-22T12:00:00-04:00", &path], &[]);
    tui.wait_text("11 days left")?;
    let screen = tui.wait_for("the countdown", |s| s.contains("10d 11:59:"))?;
    check(
        screen.contains("👨👨"),
        "the families' first persons are drawn",
        &screen,
    )?;
    let problems = tui.with_screen(|s| {
        let mut out = Vec::new();
        for row in 0..40u16 {
            for col in 0..120u16 {
                let Some(cell) = s.cell(row, col) else {
                    continue;
                };
                let c = cell.contents();
                if c.contains('\u{200d}') || c.contains('\u{fe0f}') {
                    out.push(format!("({row},{col}) holds {c:?}"));
                }
            }
            // Every row of the body starts and ends with a panel's edge.
            if (1..39).contains(&row) {
                for col in [0, 119] {
                    let c = s.cell(row, col).map(|c| c.contents()).unwrap_or_default();
                    if !c.chars().next().is_some_and(|ch| EDGES.contains(ch)) {
                        out.push(format!("row {row} has {c:?} at column {col}"));
                    }
                }
            }
        }
        out
    });
    check(problems.is_empty(), &format!("{problems:#?}"), &tui.text())
}
