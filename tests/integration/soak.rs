//! A bounded soak run: the real binary in a pseudo-terminal (see `tests/integration/common`) on a copy
//! of the seed file, which is rewritten 20 times a second (in place and by atomic rename
//! in turn, every 5th write invalid) while the clock runs, keys are typed and the terminal
//! is resized. Memory must stay flat, the program must keep running, and the final screen
//! must show the last valid write.
//!
//! `MANDATE_SOAK_SECS` sets the length (default 5 s, so `cargo test` stays quick; at
//! least 5; `.ci/run` runs it for 30 s). The figures:
//! `MANDATE_SOAK_SECS=30 cargo test --test integration soak -- --nocapture`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{
    check, check_restored, countdown, framed, keys, Failure, TestResult as Result, Tui,
};

const NOW: &str = "2025-09-22T12:00:00-04:00";
const FILE: &str = "mss-haiti.toml";
const TITLE: &str = "Haiti: MSS and the Gang Suppression Force";
/// 20 writes a second.
const TICK: Duration = Duration::from_millis(50);
/// When the warm memory figure is taken.
const WARM: Duration = Duration::from_secs(3);
/// The keys typed in turn, a few a second.
const KEYS: [&str; 18] = [
    keys::TAB,
    "j",
    "k",
    "]",
    "[",
    "t",
    "?",
    keys::ESC,
    keys::ENTER,
    keys::ESC,
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
];
/// The sizes the terminal goes through now and then (ending where it started).
const SIZES: [(u16, u16); 4] = [(100, 30), (80, 24), (120, 40), (120, 40)];

fn original() -> String {
    fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/mss-haiti.toml")).unwrap()
}

/// The seed file with another title.
fn with_title(original: &str, title: &str) -> String {
    let s = original.replacen(
        &format!("title = \"{TITLE}\""),
        &format!("title = \"{title}\""),
        1,
    );
    assert!(s.contains(title), "no title line to replace");
    s
}

/// Write number `n` (0-based): every 5th is invalid, by turns bad TOML and a bad value.
fn content(original: &str, n: u64) -> (String, bool) {
    if n % 5 != 4 {
        return (with_title(original, &format!("soak {n}")), true);
    }
    let good = with_title(original, &format!("soak {n}"));
    let bad = if (n / 5).is_multiple_of(2) {
        // Not TOML: an unterminated string.
        good.replacen(&format!("\"soak {n}\""), "\"soak", 1)
    } else {
        // TOML, but a figure that is not a number.
        good.replacen(
            "{ date = 2025-09-22, deployed = 989 }",
            "{ date = 2025-09-22, deployed = \"lots\" }",
            1,
        )
    };
    assert_ne!(bad, good);
    (bad, false)
}

/// Writes `text` to `file`: in place (same inode, no empty moment: overwrite, then cut
/// to length) or by an atomic rename of a new file over it.
fn save(file: &Path, text: &str, in_place: bool) {
    if in_place {
        let mut f = fs::OpenOptions::new().write(true).open(file).unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f.set_len(text.len() as u64).unwrap();
    } else {
        let tmp = file.with_file_name(".soak.tmp");
        fs::write(&tmp, text).unwrap();
        fs::rename(&tmp, file).unwrap();
    }
}

/// The resident set size of `pid` in KiB (VmRSS in /proc/PID/status).
fn rss_kib(pid: u32) -> std::result::Result<u64, Failure> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| Failure(format!("/proc/{pid}/status: {e}")))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| Failure(format!("no VmRSS in /proc/{pid}/status")))
}

/// The counter of the `soak N` title in the header line, if one is shown.
fn shown_counter(screen: &str) -> Option<u64> {
    let header = screen.lines().next()?;
    let at = header.find("soak ")? + 5;
    let digits: String = header[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A fresh directory, removed at the end.
struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn soak_rewrites_keys_and_resizes_keep_memory_flat() -> Result {
    let secs: u64 = std::env::var("MANDATE_SOAK_SECS")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(5)
        .max(5);
    let length = Duration::from_secs(secs);
    let dir = Dir(
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("soak-{}", std::process::id()))
    );
    let _ = fs::remove_dir_all(&dir.0);
    fs::create_dir_all(&dir.0).unwrap();
    let file = dir.0.join(FILE);
    let original = original();
    fs::write(&file, &original).unwrap();

    let mut tui = Tui::spawn(120, 40, &["--now", NOW, file.to_str().unwrap()], &[]);
    tui.wait_for("the dashboard", |s| {
        s.contains(TITLE) && s.contains("11 days left")
    })?;
    let pid = tui.pid()?;

    let (mut writes, mut invalid, mut presses, mut resizes) = (0u64, 0u64, 0usize, 0usize);
    let mut seen = std::collections::BTreeSet::new();
    let mut warm = None;
    let start = Instant::now();
    let mut tick = 0u32;
    while start.elapsed() < length {
        let due = start + TICK * tick;
        thread::sleep(due.saturating_duration_since(Instant::now()));
        let (text, valid) = content(&original, writes);
        save(&file, &text, writes % 2 == 0);
        if !valid {
            invalid += 1;
        }
        writes += 1;
        // Four keys a second.
        if tick % 5 == 2 {
            tui.send(KEYS[presses % KEYS.len()]);
            presses += 1;
        }
        // A resize every 2.5 s, the first after the warm figure.
        if tick % 50 == 49 && start.elapsed() > WARM {
            let (cols, rows) = SIZES[resizes % SIZES.len()];
            tui.resize(cols, rows);
            resizes += 1;
        }
        if warm.is_none() && start.elapsed() >= WARM {
            warm = Some(rss_kib(pid)?);
        }
        if let Some(n) = shown_counter(&tui.text()) {
            seen.insert(n);
        }
        if tick.is_multiple_of(20) && !tui.running() {
            return Err(Failure(format!(
                "mandate exited {:?} into the soak; the screen was:\n{}",
                start.elapsed(),
                framed(&tui.text())
            )));
        }
        tick += 1;
    }
    let took = start.elapsed();
    let warm = warm.ok_or("no warm memory figure")?;

    // Back to the first size, every overlay closed, and one last valid write.
    tui.resize(120, 40);
    tui.send(keys::ESC);
    let last = format!("soak final {writes}");
    save(&file, &with_title(&original, &last), true);
    let screen = tui.wait_for(&format!("the last write ({last:?}) in the header"), |s| {
        s.lines().next().is_some_and(|h| h.contains(&last))
            && s.lines().count() == 40
            // No banner (a panel may show the selected mission's own warnings).
            && !s.lines().any(|l| l.starts_with(" ⚠"))
            && countdown(s).is_some()
    })?;
    let end = rss_kib(pid)?;
    eprintln!(
        "soak: {took:.1?}; {writes} writes in the loop ({invalid} invalid) and a final one; \
         {presses} keys; {resizes} resizes; {} of the {} valid titles seen on screen; \
         VmRSS warm (at 3 s) {warm} KiB, end {end} KiB ({:+} KiB)",
        seen.len(),
        writes - invalid,
        end as i64 - warm as i64
    );
    check(
        tui.running(),
        "mandate exited at the end of the soak",
        &screen,
    )?;
    check(
        end <= warm + warm / 2 + 2048,
        &format!("memory grew from {warm} KiB to {end} KiB"),
        &screen,
    )?;
    // The screen followed the writes (not only the last one).
    check(
        seen.len() >= 5,
        &format!("only {} of the soak titles were seen on screen", seen.len()),
        &screen,
    )?;

    tui.send("q");
    check_restored(&mut tui)
}
