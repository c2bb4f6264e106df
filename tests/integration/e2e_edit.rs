//! `e`, end to end: the real binary in a pseudo-terminal, with `$EDITOR` a small script
//! that asks for a figure on the terminal, writes it into the file and exits. The
//! dashboard must give the terminal to it (and not read its keys), take it back, redraw
//! and show the new figure.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::{check, check_restored, check_terminal_normal, Failure, TestResult, Tui};

const NOW: &str = "2025-09-22T12:00:00-04:00";

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mandate-edit-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The editor: records its arguments, asks for a number on the terminal, reads four
/// digits in raw mode (as editors read keys: each byte as it comes), puts them in place
/// of the MSS figure of 22 Sep 2025 in the file (its last argument), and exits.
const EDITOR: &str = r#"#!/bin/sh
dir=$(dirname "$0")
printf '%s\n' "$@" > "$dir/args"
stty -a > "$dir/stty"
for f; do file=$f; done
printf 'EDITOR SAYS: the new figure? '
old=$(stty -g)
stty raw -echo
n=$(dd bs=1 count=4 2>/dev/null)
stty "$old"
sed "s/deployed = 989 }/deployed = $n }/" "$file" > "$dir/new" && cat "$dir/new" > "$file"
exit 0
"#;

fn setup(dir: &Path) -> (PathBuf, PathBuf) {
    let data = dir.join("m.toml");
    fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/mss-haiti.toml"),
        &data,
    )
    .expect("copy the seed file");
    let editor = dir.join("ed.sh");
    fs::write(&editor, EDITOR).expect("write the editor");
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).expect("chmod the editor");
    (data, editor)
}

/// The line of MSS's `[[mission]]` header in the seed file.
fn mss_line(data: &Path) -> usize {
    let text = fs::read_to_string(data).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let id = lines
        .iter()
        .position(|l| l.trim() == "id = \"mss\"")
        .unwrap();
    lines[..id]
        .iter()
        .rposition(|l| l.trim() == "[[mission]]")
        .unwrap()
        + 1
}

#[test]
fn e_runs_the_editor_on_the_terminal_and_shows_its_change() -> TestResult {
    let tmp = TempDir::new("runs");
    let (data, editor) = setup(&tmp.0);
    let line = mss_line(&data);
    let data_arg = data.to_string_lossy().into_owned();
    // $EDITOR with an argument of its own; an empty $VISUAL counts as unset.
    let editor_var = format!("{} --flag", editor.display());
    let mut tui = Tui::spawn(
        120,
        40,
        &[&data_arg, "--now", NOW],
        &[("EDITOR", &editor_var), ("VISUAL", "")],
    );
    tui.wait_text("989 / 2,500")?;
    tui.send("e");
    tui.wait_text("EDITOR SAYS: the new figure?")?;
    // The editor has the terminal as a shell would give it: the normal screen, the
    // cursor shown, no mouse reports, and (as it started) cooked mode with echo.
    let stty = fs::read_to_string(tmp.0.join("stty")).map_err(|e| format!("stty: {e}"))?;
    let modes: Vec<&str> = stty.split([' ', ';', '\n']).collect();
    check(
        modes.contains(&"icanon") && modes.contains(&"echo"),
        &format!("the editor started in raw mode: {stty}"),
        &tui.text(),
    )?;
    check_terminal_normal(&tui).or_else(|e| {
        // The script itself turns raw mode on once it has printed its question.
        if e.0.contains("raw mode") {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    let args = fs::read_to_string(tmp.0.join("args")).map_err(|e| format!("args: {e}"))?;
    check(
        args.lines().collect::<Vec<_>>() == ["--flag", &format!("+{line}"), data_arg.as_str()],
        &format!("the editor was given {args:?}"),
        &tui.text(),
    )?;
    // Digits would move the dashboard's focus: they must reach the editor only, even
    // typed slowly, one at a time.
    for digit in ["1", "2", "3", "4"] {
        std::thread::sleep(std::time::Duration::from_millis(60));
        tui.send(digit);
    }
    let screen = tui.wait_for("the dashboard back with the new figure", |s| {
        s.contains("1,234 / 2,500") && s.contains("11 days left") && s.contains("back from")
    })?;
    let (alternate, hidden) = tui.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
    check(
        alternate && hidden && !screen.contains("EDITOR SAYS"),
        "the dashboard is not fully back on the alternate screen",
        &screen,
    )?;
    check(
        screen.contains("▶ 1 Missions"),
        "the focus moved: the editor's keys reached the dashboard",
        &screen,
    )?;
    if let Some(modes) = tui.local_modes() {
        check(
            !modes.contains("ICANON"),
            &format!("the dashboard runs without raw mode after the editor: {modes}"),
            &screen,
        )?;
    }
    tui.send("q");
    check_restored(&mut tui)
}

#[test]
fn an_editor_that_cannot_start_is_a_message_not_a_crash() -> TestResult {
    let tmp = TempDir::new("missing");
    let (data, _) = setup(&tmp.0);
    let data_arg = data.to_string_lossy().into_owned();
    let mut tui = Tui::spawn(
        120,
        40,
        &[&data_arg, "--now", NOW],
        &[("VISUAL", "/nonexistent/mandate-editor -w")],
    );
    tui.wait_text("989 / 2,500")?;
    tui.send("e");
    let screen = tui.wait_text("cannot start the editor")?;
    let alternate = tui.with_screen(|s| s.alternate_screen());
    check(
        alternate && screen.contains("11 days left") && tui.running(),
        "the dashboard is not back after the editor failed to start",
        &screen,
    )?;
    tui.send("q");
    check_restored(&mut tui).map_err(|e| Failure(format!("after the failed editor: {e:?}")))
}
