//! Safety, end to end: signals leave the terminal as it was found, a storm of resizes is
//! harmless, the program never writes to the data file's directory and opens no network
//! connection, and files are read with a size limit. The real binary runs in a
//! pseudo-terminal (see `tests/integration/common`), on a copy of the seed file in a fresh directory.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::common::{
    check, check_restored, check_terminal_normal, countdown, framed, keys, Failure,
    TestResult as Result, Tui,
};

const NOW: &str = "2025-09-22T12:00:00-04:00";
const FILE: &str = "mss-haiti.toml";
/// On the dashboard of the seed file at `NOW`.
const READY: &str = "11 days left";

// ---------------------------------------------------------------------------------------
// Helpers private to this file
// ---------------------------------------------------------------------------------------

/// A fresh directory for one test, removed at the end.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("safety")
            .join(format!("{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).expect("make the test directory");
        Dir(d)
    }

    /// A copy of the seed file in this directory; its path.
    fn with_seed(name: &str) -> (Dir, PathBuf) {
        let dir = Dir::new(name);
        let file = dir.0.join(FILE);
        fs::copy(
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/mss-haiti.toml"),
            &file,
        )
        .expect("copy the seed file");
        (dir, file)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The dashboard on `file` at `NOW`, once it is drawn.
fn started(file: &Path) -> std::result::Result<Tui, Failure> {
    let tui = Tui::spawn(120, 40, &["--now", NOW, path_str(file)], &[]);
    tui.wait_text(READY)?;
    Ok(tui)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

/// Field `n` after the command name in /proc/PID/stat (0: the state, 1: the parent...).
fn stat_field(pid: u32, n: usize) -> Option<String> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(n).map(str::to_string)
}

/// A small xorshift generator, seeded from the clock (the seed is in failure messages).
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let t = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Rng(t | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number from `lo` to `hi`, both included.
    fn between(&mut self, lo: u16, hi: u16) -> u16 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u16
    }
}

// ---------------------------------------------------------------------------------------
// Signals
// ---------------------------------------------------------------------------------------

/// SIGTERM, SIGHUP and SIGINT end the dashboard with status 0 (docs/dashboard.md: exit codes) and the
/// terminal as it was.
fn signal_restores(sig: &str) -> Result {
    let (_dir, file) = Dir::with_seed(&format!("sig{sig}"));
    let mut tui = started(&file)?;
    tui.signal(sig)?;
    check_restored(&mut tui).map_err(|e| Failure(format!("after SIG{sig}: {e:?}")))
}

#[test]
fn sigterm_restores_the_terminal() -> Result {
    signal_restores("TERM")
}

#[test]
fn sighup_restores_the_terminal() -> Result {
    signal_restores("HUP")
}

#[test]
fn sigint_restores_the_terminal() -> Result {
    signal_restores("INT")
}

/// `kill -TSTP` from outside: the program stops with the terminal given back (normal
/// screen, visible cursor, cooked mode), and SIGCONT brings the dashboard back.
///
/// The pseudo-terminal's child leads its own session with no job-control shell above it,
/// so its process group is orphaned: there the kernel discards a SIGTSTP whose default
/// action is to stop (SIGSTOP always stops). A program that only re-raises SIGTSTP never
/// stops here, though it would under an interactive shell; src/term.rs stops with SIGSTOP.
#[test]
fn sigtstp_from_outside_restores_the_terminal_and_sigcont_redraws() -> Result {
    let (_dir, file) = Dir::with_seed("tstp");
    let mut tui = started(&file)?;
    let pid = tui.pid()?;
    tui.signal("TSTP")?;
    let t0 = Instant::now();
    loop {
        let state = stat_field(pid, 0).unwrap_or_default();
        if state == "T" {
            break;
        }
        if t0.elapsed() > Duration::from_secs(3) {
            let (alternate, hidden) = tui.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
            return Err(Failure(format!(
                "not stopped 3 s after SIGTSTP (state {state:?}; alternate screen {alternate}, \
                 cursor hidden {hidden}, modes {:?}); the screen was:\n{}",
                tui.local_modes(),
                framed(&tui.text())
            )));
        }
        thread::sleep(Duration::from_millis(10));
    }
    // Stopped: whatever it wrote before stopping has been read by now.
    thread::sleep(Duration::from_millis(100));
    check_terminal_normal(&tui).map_err(|e| Failure(format!("while stopped: {e:?}")))?;

    tui.signal("CONT")?;
    let screen = tui.wait_for("the dashboard redrawn after SIGCONT", |s| s.contains(READY))?;
    let (alternate, hidden) = tui.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
    check(
        alternate && hidden,
        "after SIGCONT the dashboard is not on the alternate screen with the cursor hidden",
        &screen,
    )?;
    if let Some(modes) = tui.local_modes() {
        check(
            !modes.contains("ICANON"),
            &format!("after SIGCONT the dashboard runs without raw mode: {modes}"),
            &screen,
        )?;
    }
    // The clock runs on, so the redraw is live and not a leftover frame.
    let first = countdown(&screen).ok_or("no countdown after SIGCONT")?;
    tui.wait_for_within(
        "the countdown to move on after SIGCONT",
        Duration::from_secs(3),
        |s| countdown(s).is_some_and(|c| c != first),
    )?;
    check(tui.running(), "mandate exited after SIGCONT", &tui.text())?;
    tui.send("q");
    check_restored(&mut tui)
}

/// 60 resizes within a second, to random sizes from 1x1 to 200x60: the program keeps
/// running, and back at 120x40 it draws the whole dashboard.
#[test]
fn a_resize_storm_is_harmless() -> Result {
    let (_dir, file) = Dir::with_seed("storm");
    let mut tui = started(&file)?;
    let mut rng = Rng::new();
    let seed = rng.0;
    let t0 = Instant::now();
    let mut sizes = Vec::new();
    for i in 0..60u32 {
        let (cols, rows) = (rng.between(1, 200), rng.between(1, 60));
        tui.resize(cols, rows);
        sizes.push((cols, rows));
        // Spread over just under a second.
        let due = t0 + Duration::from_millis(16) * (i + 1);
        thread::sleep(due.saturating_duration_since(Instant::now()));
    }
    let took = t0.elapsed();
    let text = tui.text();
    check(
        took < Duration::from_millis(1200),
        &format!("the 60 resizes took {took:?}"),
        &text,
    )?;
    check(
        tui.running(),
        &format!("mandate exited during the resize storm (seed {seed}, sizes {sizes:?})"),
        &text,
    )?;
    tui.resize(120, 40);
    let screen = tui
        .wait_for("the whole dashboard at 120x40", |s| {
            s.lines().count() == 40
                && s.contains(READY)
                && s.contains("q quit")
                && s.contains("8 Sources")
                && countdown(s).is_some()
                && !s.contains("too small")
        })
        .map_err(|e| Failure(format!("after sizes {sizes:?} (seed {seed}): {e}")))?;
    check(
        tui.running(),
        "mandate exited after the resize storm",
        &screen,
    )?;
    tui.send("q");
    check_restored(&mut tui)
}

// ---------------------------------------------------------------------------------------
// Never write, no network
// ---------------------------------------------------------------------------------------

/// Every entry of `dir`: its bytes and modification time. The directory's own mtime is
/// under the name "." (it changes when any entry is made or removed, even for a moment).
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let meta = fs::metadata(dir).expect("stat the directory");
    out.insert(".".to_string(), (Vec::new(), meta.modified().unwrap()));
    for entry in fs::read_dir(dir).expect("list the directory") {
        let entry = entry.unwrap();
        let path = entry.path();
        let meta = fs::symlink_metadata(&path).unwrap();
        let bytes = if meta.is_file() {
            fs::read(&path).unwrap()
        } else {
            Vec::new()
        };
        out.insert(
            entry.file_name().to_string_lossy().into_owned(),
            (bytes, meta.modified().unwrap()),
        );
    }
    out
}

/// What differs between two snapshots, in words.
fn differences(
    before: &BTreeMap<String, (Vec<u8>, SystemTime)>,
    after: &BTreeMap<String, (Vec<u8>, SystemTime)>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (name, (bytes, mtime)) in after {
        match before.get(name) {
            None => out.push(format!("{name}: new")),
            Some((b, m)) => {
                if b != bytes {
                    out.push(format!("{name}: other bytes"));
                }
                if m != mtime {
                    out.push(format!("{name}: mtime {m:?} -> {mtime:?}"));
                }
            }
        }
    }
    for name in before.keys().filter(|n| !after.contains_key(*n)) {
        out.push(format!("{name}: gone"));
    }
    out
}

/// The inodes of the sockets in /proc/net/`table` (tcp, udp...), where it exists.
fn net_inodes(table: &str) -> Vec<String> {
    let Ok(text) = fs::read_to_string(format!("/proc/net/{table}")) else {
        return Vec::new();
    };
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(9).map(str::to_string))
        .collect()
}

/// The inodes of the sockets the process holds open.
fn socket_inodes(pid: u32) -> Vec<String> {
    let Ok(fds) = fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    fds.filter_map(|fd| fs::read_link(fd.ok()?.path()).ok())
        .filter_map(|link| {
            let link = link.to_string_lossy().into_owned();
            Some(
                link.strip_prefix("socket:[")?
                    .strip_suffix(']')?
                    .to_string(),
            )
        })
        .collect()
}

/// A session on a copy of the data file, with every key that does something (`r` too)
/// and SIGUSR1, for 3 s and then `q`: the directory holds exactly the files put there,
/// with the same bytes and mtimes (nothing written, no temporary, backup or lock file,
/// not even for a moment), and the process has no network socket.
#[test]
fn never_writes_to_the_data_directory_and_opens_no_network_socket() -> Result {
    let (dir, file) = Dir::with_seed("never-write");
    fs::write(dir.0.join("notes.txt"), "not mandate's\n").unwrap();
    // Old mtimes, so a write at any moment would show.
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    for p in [&file, &dir.0.join("notes.txt"), &dir.0] {
        fs::File::open(p)
            .and_then(|f| f.set_modified(old))
            .unwrap_or_else(|e| panic!("set the mtime of {}: {e}", p.display()));
    }
    let before = snapshot(&dir.0);

    let t0 = Instant::now();
    let mut tui = started(&file)?;
    let pid = tui.pid()?;
    let presses = [
        keys::TAB,
        "j",
        "k",
        "]",
        "[",
        "}",
        "{",
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
        "g",
        "G",
        "\x1b[6~",
        "\x1b[5~",
        keys::SHIFT_TAB,
        "r",
    ];
    for (i, k) in presses.iter().enumerate() {
        tui.send(k);
        thread::sleep(Duration::from_millis(40));
        if i == presses.len() / 2 {
            tui.signal("USR1")?;
        }
    }
    tui.signal("USR1")?;
    thread::sleep(Duration::from_secs(3).saturating_sub(t0.elapsed()));
    let screen = tui.wait_text(READY)?;
    check(tui.running(), "mandate exited during the session", &screen)?;
    check(
        !screen.contains('⚠'),
        "a problem is shown for a good file",
        &screen,
    )?;

    // Sockets: internal socket pairs are fine; none may be an internet socket.
    let sockets = socket_inodes(pid);
    let mut internet = Vec::new();
    for table in ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"] {
        let inodes = net_inodes(table);
        internet.extend(
            sockets
                .iter()
                .filter(|s| inodes.contains(s))
                .map(|s| format!("{table} socket:[{s}]")),
        );
    }
    eprintln!(
        "never-write: {} socket(s) open, {} of them network sockets",
        sockets.len(),
        internet.len()
    );
    check(
        internet.is_empty(),
        &format!("mandate holds network sockets: {internet:?}"),
        &screen,
    )?;

    let during = differences(&before, &snapshot(&dir.0));
    check(
        during.is_empty(),
        &format!(
            "the data directory changed during the session: {during:?}; it holds {:?}",
            snapshot(&dir.0).keys().collect::<Vec<_>>()
        ),
        &screen,
    )?;
    tui.send("q");
    check_restored(&mut tui)?;
    let after = differences(&before, &snapshot(&dir.0));
    check(
        after.is_empty(),
        &format!("the data directory changed by the exit: {after:?}"),
        &tui.text(),
    )
}

// ---------------------------------------------------------------------------------------
// Reads with a size limit
// ---------------------------------------------------------------------------------------

/// A 17 MiB file: the seed file and then comment lines (it would parse, were it read).
fn oversized(name: &str) -> (Dir, PathBuf) {
    let (dir, file) = Dir::with_seed(name);
    let mut text = fs::read_to_string(&file).unwrap();
    let line = format!("# {}\n", "x".repeat(97));
    while text.len() < 17 * 1024 * 1024 {
        text.push_str(&line);
    }
    fs::write(&file, &text).unwrap();
    (dir, file)
}

#[test]
fn check_refuses_a_file_over_the_size_limit_quickly() -> Result {
    let (_dir, file) = oversized("big-check");
    let t0 = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mandate"))
        .arg("--check")
        .arg(&file)
        .env_remove("MANDATE_FILE")
        .output()
        .map_err(|e| Failure(format!("run mandate --check: {e}")))?;
    let took = t0.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let size = fs::metadata(&file).unwrap().len();
    let want = format!("file is {size} bytes, over the 16 MiB limit");
    if out.status.code() != Some(1) || !stderr.contains(&want) || took > Duration::from_secs(3) {
        return Err(Failure(format!(
            "mandate --check on a {size}-byte file: {} after {took:?}; stderr:\n{stderr}",
            out.status
        )));
    }
    Ok(())
}

#[test]
fn the_dashboard_shows_a_file_over_the_size_limit_and_quits_on_q() -> Result {
    let (_dir, file) = oversized("big-dash");
    let size = fs::metadata(&file).unwrap().len();
    let mut tui = Tui::spawn(120, 40, &["--now", NOW, path_str(&file)], &[]);
    let want = format!("file is {size} bytes, over the 16 MiB limit");
    let screen = tui.wait_for(&format!("{want:?}"), |s| {
        s.contains(&want) && s.contains("No data to show yet")
    })?;
    check(
        screen.contains(path_str(&file)),
        "the file is not named",
        &screen,
    )?;
    tui.send("q");
    check_restored(&mut tui)
}
