//! Inputs that used to hang, stall or mislead: a FIFO or a terminal as the data file,
//! failed writes of the one-shot modes, `--print` on a file that cannot be shown.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{check, check_restored, Failure, TestResult as Result, Tui};

const BIN: &str = env!("CARGO_BIN_EXE_mandate");
const NOW: &str = "2025-09-22T12:00:00-04:00";

/// A fresh directory, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("robust-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("a temp dir");
        Dir(d)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(ok.success(), "mkfifo {}", path.display());
}

/// Runs the binary with a deadline: a hang is a failure, not a stuck test.
fn run_within(args: &[&str], stdout: Stdio, limit: Duration) -> (Option<i32>, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("mandate runs");
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            use std::io::Read;
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            return (status.code(), err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return (None, "timed out".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn one_shot_modes_refuse_a_fifo_at_once() {
    let dir = Dir::new("fifo-cli");
    let fifo = dir.0.join("f.toml");
    mkfifo(&fifo);
    let f = fifo.to_str().unwrap();
    for mode in ["--check", "--json", "--print"] {
        let (code, err) = run_within(
            &[mode, "--now", NOW, f],
            Stdio::null(),
            Duration::from_secs(5),
        );
        assert_eq!(code, Some(1), "{mode}: {err}");
        assert!(
            err.contains("f.toml: error: not a regular file (a FIFO)"),
            "{mode}: {err}"
        );
    }
}

#[test]
fn print_on_a_missing_file_exits_1_with_the_messages_of_check() {
    let (code, err) = run_within(
        &["--print", "--now", NOW, "no/such/file.toml"],
        Stdio::piped(),
        Duration::from_secs(5),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.starts_with("no/such/file.toml: error: file not found"),
        "{err}"
    );
}

#[test]
fn a_full_disk_is_an_error_not_a_silent_success() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for mode in ["--json", "--print", "--check"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full opens");
        let (code, err) = run_within(
            &[mode, "--now", NOW, "data/mss-haiti.toml"],
            Stdio::from(full),
            Duration::from_secs(10),
        );
        assert_eq!(code, Some(1), "{mode}: {err}");
        assert!(
            err.contains("mandate: cannot write to standard output: No space left on device"),
            "{mode}: {err}"
        );
    }
}

/// The dashboard on a FIFO: a banner, keys work, q exits, the terminal is restored.
#[test]
fn the_dashboard_on_a_fifo_stays_responsive_and_quits() -> Result {
    let dir = Dir::new("fifo-tui");
    let fifo = dir.0.join("f.toml");
    mkfifo(&fifo);
    let mut tui = Tui::spawn(100, 30, &["--now", NOW, fifo.to_str().unwrap()], &[]);
    tui.wait_for("the FIFO refused", |s| {
        s.contains("not a regular file (a FIFO)")
    })?;
    tui.send("?");
    tui.wait_for("the help", |s| s.contains("Keys"))?;
    tui.send("q");
    check_restored(&mut tui)
}

/// A FIFO swapped in for the file while the dashboard runs: the watcher never blocks on
/// it, the banner says so, and a regular file put back is shown again.
#[test]
fn a_fifo_swapped_in_while_running_is_refused_and_the_file_comes_back() -> Result {
    let dir = Dir::new("fifo-swap");
    let file = dir.0.join("mss-haiti.toml");
    let original = std::fs::read_to_string("data/mss-haiti.toml").expect("the seed file");
    std::fs::write(&file, &original).expect("a copy");
    let mut tui = Tui::spawn(120, 40, &["--now", NOW, file.to_str().unwrap()], &[]);
    tui.wait_for("the dashboard", |s| s.contains("11 days left"))?;
    std::fs::remove_file(&file).expect("remove");
    mkfifo(&file);
    tui.wait_for("the FIFO refused", |s| {
        s.contains("not a regular file (a FIFO)")
    })?;
    std::fs::remove_file(&file).expect("remove the FIFO");
    let renamed = original.replacen("title = \"", "title = \"Back: ", 1);
    std::fs::write(&file, renamed).expect("a regular file again");
    let screen = tui.wait_for("the file back", |s| s.contains("Back: "))?;
    check(
        !screen.contains("not a regular file"),
        "the banner stayed",
        &screen,
    )?;
    tui.send("q");
    check_restored(&mut tui)
}

/// `mandate /dev/stdin` at a terminal: refused (a character device), never read.
#[test]
fn dev_stdin_at_a_terminal_is_refused_and_q_quits() -> std::result::Result<(), Failure> {
    let mut tui = Tui::spawn(100, 30, &["--now", NOW, "/dev/stdin"], &[]);
    tui.wait_for("the terminal refused", |s| s.contains("not a regular file"))?;
    tui.send("q");
    check_restored(&mut tui)
}

/// `--now` near chrono's limits panicked (exit 101); outside 0001..9999 it is a usage
/// error naming the value, and a leap second is refused rather than written back.
#[test]
fn now_outside_the_calendar_or_on_a_leap_second_is_a_usage_error() {
    for now in [
        "+262142-12-31",
        "-262143-01-01",
        "0000-01-01",
        "2025-09-22T23:59:60-04:00",
    ] {
        let arg = format!("--now={now}");
        let (code, err) = run_within(
            &["--print", &arg, "data/mss-haiti.toml"],
            Stdio::null(),
            Duration::from_secs(5),
        );
        assert_eq!(code, Some(2), "{now}: {err}");
        assert!(err.contains(now), "{now}: {err}");
    }
}

/// A save that arrives while a large file is still being parsed supersedes it: the
/// dashboard goes straight to the newer content and never shows the stale one.
#[test]
fn a_newer_save_supersedes_a_parse_still_running() -> Result {
    let dir = Dir::new("supersede");
    let file = dir.0.join("mss-haiti.toml");
    let original = std::fs::read_to_string("data/mss-haiti.toml").expect("the seed file");
    std::fs::write(&file, &original).expect("a copy");
    let mut tui = Tui::spawn(120, 40, &["--now", NOW, file.to_str().unwrap()], &[]);
    tui.wait_for("the dashboard", |s| s.contains("11 days left"))?;
    // About 12 MB: parsing it takes long enough for the next save to land meanwhile.
    let mut big = original.replacen("title = \"", "title = \"Stale big save ", 1);
    for i in 0..60_000 {
        big.push_str(&format!(
            "\n[[mission]]\nid = \"filler-{i}\"\nname = \"Filler mission number {i} of the big save\"\n[[mission.mandate]]\nstart = 2020-01-01\nend = 2030-12-31\n[mission.strength]\nauthorized = 100\n"
        ));
    }
    std::fs::write(&file, &big).expect("the big save");
    std::thread::sleep(Duration::from_millis(150));
    let small = original.replacen("title = \"", "title = \"Newer small save ", 1);
    std::fs::write(&file, &small).expect("the newer save");
    let screen = tui.wait_for_within("the newer save", Duration::from_secs(30), |s| {
        s.contains("Newer small save")
    })?;
    std::thread::sleep(Duration::from_millis(300));
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    check(
        !raw.contains("Stale big save"),
        "the superseded save was drawn",
        &screen,
    )?;
    tui.send("q");
    check_restored(&mut tui)
}

/// Millions of TOML syntax errors: 100 printed, then how many more, then the true count;
/// quickly even in a debug build (2 MiB here; `scripts/budget.py` runs 16 MiB).
#[test]
fn millions_of_syntax_errors_print_100_and_count_the_rest() {
    let dir = Dir::new("many-errors");
    let file = dir.0.join("f.toml");
    std::fs::write(&file, "=\n".repeat(1 << 20)).expect("the file is written");
    let f = file.to_str().unwrap();
    let (code, err) = run_within(
        &["--check", "--now", NOW, f],
        Stdio::null(),
        Duration::from_secs(120),
    );
    assert_eq!(code, Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 102, "{err}");
    assert!(lines[..100]
        .iter()
        .all(|l| l.contains(": error: TOML syntax: ")));
    let more: usize = lines[100]
        .strip_prefix(&format!("{f}: and "))
        .and_then(|l| l.strip_suffix(" more problems (only the first 100 are shown)"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", lines[100]));
    let total: usize = lines[101]
        .strip_prefix(&format!("{f}: "))
        .and_then(|l| l.split_once(" errors; "))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", lines[101]));
    assert_eq!(total, more + 100);
    assert!(total > 3_000_000, "{total}");
}

/// A file saved as UTF-16 gets an encoding hint, not TOML syntax errors.
#[test]
fn a_utf16_file_is_named_as_such() {
    let dir = Dir::new("utf16");
    let file = dir.0.join("f.toml");
    let text = "[[mission]]\nid = \"mss\"\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&file, bytes).expect("the file is written");
    let f = file.to_str().unwrap();
    let (code, err) = run_within(&["--check", f], Stdio::null(), Duration::from_secs(10));
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.starts_with(&format!(
            "{f}: error: the file looks like UTF-16 (little-endian); save it as UTF-8\n"
        )),
        "{err}"
    );
}

/// A valid file whose every mission has a warning: `--check` prints the first 100
/// warnings and how many more, and still says the file is ok.
#[test]
fn check_bounds_warnings_as_it_bounds_errors() {
    let dir = Dir::new("many-warnings");
    let file = dir.0.join("f.toml");
    let mut text = String::new();
    for i in 0..150 {
        text.push_str(&format!(
            "[[mission]]\nid = \"m{i}\"\nname = \"M\"\n[[mission.mandate]]\nstart = 2020-01-01\n[mission.strength]\nauthorized = 10\ndeployed = 20\nas_of = 2025-09-01\n"
        ));
    }
    std::fs::write(&file, text).expect("the file is written");
    let f = file.to_str().unwrap();
    let out = Command::new(BIN)
        .args(["--check", "--now", NOW, f])
        .output()
        .expect("mandate runs");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 101, "{err}");
    assert!(
        lines[..100].iter().all(|l| l.contains(": warning: ")),
        "{err}"
    );
    assert_eq!(
        lines[100],
        format!("{f}: and 50 more problems (only the first 100 are shown)")
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("150 missions, ok"));
}
