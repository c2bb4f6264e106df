//! Live reload, end to end: the real binary in a pseudo-terminal, the data file edited
//! every way editors and scripts save it, and the screen read after each edit.
//!
//! The latency figure: `cargo test --release --test integration reload::latency -- --nocapture`.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const NOW: &str = "2025-09-22T12:00:00-04:00";
const FILE: &str = "mss-haiti.toml";
const TITLE: &str = "Haiti: MSS and the Gang Suppression Force";
/// The MSS strength gauge with the figure of 22 Sep 2025.
const FIGURE: &str = "989 / 2,500";
/// How long an edit may take to show.
const SHOW: Duration = Duration::from_secs(3);
/// Sooner than this, an edit was seen by a file event (the fallback poll runs every 2 s).
const FAST: Duration = Duration::from_millis(1000);

fn original() -> String {
    fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/mss-haiti.toml")).unwrap()
}

/// The data file with another title (shown in the header line).
fn with_title(title: &str) -> String {
    let s = original().replacen(
        &format!("title = \"{TITLE}\""),
        &format!("title = \"{title}\""),
        1,
    );
    assert!(s.contains(title));
    s
}

/// The data file with another MSS figure for 22 Sep 2025.
fn with_figure(n: u32) -> String {
    let s = original().replacen(
        "{ date = 2025-09-22, deployed = 989 }",
        &format!("{{ date = 2025-09-22, deployed = {n} }}"),
        1,
    );
    assert_ne!(s, original());
    s
}

// ---------------------------------------------------------------------------------------
// A small PTY harness (private to this file)
// ---------------------------------------------------------------------------------------

struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    /// Runs `mandate FILE --now NOW` at 120x40 in `dir`.
    fn start(dir: &Path, file: &str) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mandate"));
        cmd.args([file, "--now", NOW]);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("MANDATE_FILE");
        let child = pty.slave.spawn_command(cmd).expect("spawn mandate");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let mut writer = pty.master.take_writer().unwrap();
        let p = parser.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 16384];
            let mut tail: Vec<u8> = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                // Answer cursor position queries (the query may be split across reads).
                tail.extend_from_slice(&buf[..n]);
                let asks = tail.windows(4).filter(|w| w == b"\x1b[6n").count();
                for _ in 0..asks {
                    let _ = writer.write_all(b"\x1b[1;1R");
                    let _ = writer.flush();
                }
                let keep = tail.len().saturating_sub(3);
                tail.drain(..keep);
            }
        });
        Tui {
            parser,
            child,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn header(&self) -> String {
        self.screen().lines().next().unwrap_or("").to_string()
    }

    /// Waits until `pred` holds on the screen; panics with the screen after `within`.
    fn wait(&self, what: &str, within: Duration, pred: impl Fn(&str) -> bool) -> Duration {
        let t0 = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return t0.elapsed();
            }
            if t0.elapsed() > within {
                panic!("not on screen after {within:?}: {what}\n--- screen ---\n{s}");
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    fn wait_text(&self, text: &str) -> Duration {
        self.wait(text, SHOW, |s| s.contains(text))
    }

    /// Waits for `text`, and checks it came by a file event, well before the 2 s poll.
    fn wait_event(&self, text: &str) {
        let took = self.wait_text(text);
        assert!(took < FAST, "{text} took {took:?}: the poll, not an event?");
    }

    /// The dashboard is up with the original data.
    fn ready(&self) {
        self.wait("the dashboard", Duration::from_secs(15), |s| {
            s.contains(TITLE) && s.contains(FIGURE)
        });
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh directory for one test, holding a copy of the data file.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("reload")
            .join(format!("{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join(FILE), original()).unwrap();
        Dir(d)
    }

    fn file(&self) -> PathBuf {
        self.0.join(FILE)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn started(name: &str) -> (Dir, Tui) {
    let dir = Dir::new(name);
    let tui = Tui::start(&dir.0, FILE);
    tui.ready();
    (dir, tui)
}

/// The banner's warning sign (never shown without a problem).
const WARN: &str = "⚠";

// ---------------------------------------------------------------------------------------
// Save styles
// ---------------------------------------------------------------------------------------

#[test]
fn write_in_place() {
    let (dir, tui) = started("in-place");
    // Same inode, no truncation first: overwrite, then cut to the new length.
    let new = with_title("Written in place");
    let mut f = fs::OpenOptions::new().write(true).open(dir.file()).unwrap();
    f.write_all(new.as_bytes()).unwrap();
    f.set_len(new.len() as u64).unwrap();
    drop(f);
    tui.wait_event("Written in place");
    let new = with_figure(999);
    let mut f = fs::OpenOptions::new().write(true).open(dir.file()).unwrap();
    f.write_all(new.as_bytes()).unwrap();
    f.set_len(new.len() as u64).unwrap();
    drop(f);
    tui.wait_event("999 / 2,500");
}

#[test]
fn truncate_then_write_never_flashes_an_error() {
    let (dir, tui) = started("truncate");
    let mut f = fs::File::create(dir.file()).unwrap();
    // The empty moment lasts a while, but less than the 200 ms a bad file must persist.
    thread::sleep(Duration::from_millis(60));
    f.write_all(with_title("After truncation").as_bytes())
        .unwrap();
    drop(f);
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_millis(600) {
        let s = tui.screen();
        assert!(!s.contains(WARN), "an error flashed:\n{s}");
        assert!(s.contains("Gang Suppression") || s.contains("After truncation"));
        thread::sleep(Duration::from_millis(2));
    }
    assert!(
        tui.header().contains("After truncation"),
        "{}",
        tui.screen()
    );
}

#[test]
fn atomic_save_by_rename() {
    let (dir, tui) = started("atomic");
    let tmp = dir.0.join(".mss-haiti.toml.tmp-1234");
    fs::write(&tmp, with_title("Saved atomically")).unwrap();
    fs::rename(&tmp, dir.file()).unwrap();
    tui.wait_event("Saved atomically");
    // And again: the watch survives the first rename.
    fs::write(&tmp, with_figure(1001)).unwrap();
    fs::rename(&tmp, dir.file()).unwrap();
    tui.wait_event("1,001 / 2,500");
}

#[test]
fn vim_style_backup_and_write_anew() {
    let (dir, tui) = started("vim");
    for (i, title) in ["Saved by vim", "Saved by vim again"].iter().enumerate() {
        let backup = dir.0.join(format!("{FILE}~"));
        // vim probes the directory with a file named 4913, then renames the original.
        fs::write(dir.0.join("4913"), "").unwrap();
        fs::remove_file(dir.0.join("4913")).unwrap();
        fs::rename(dir.file(), &backup).unwrap();
        let mut f = fs::File::create(dir.file()).unwrap();
        f.write_all(with_title(title).as_bytes()).unwrap();
        f.sync_all().unwrap();
        drop(f);
        fs::remove_file(&backup).unwrap();
        let took = tui.wait(title, SHOW, |s| {
            s.lines().next().unwrap_or("").contains(title)
        });
        assert!(took < FAST, "{title} took {took:?}");
        assert!(!tui.screen().contains(WARN), "save {i}: {}", tui.screen());
    }
}

#[test]
fn delete_and_recreate() {
    let (dir, tui) = started("recreate");
    fs::remove_file(dir.file()).unwrap();
    fs::write(dir.file(), with_title("Recreated")).unwrap();
    tui.wait_event("Recreated");
    assert!(!tui.screen().contains(WARN), "{}", tui.screen());
}

#[test]
fn sed_in_place() {
    let (dir, tui) = started("sed");
    let ok = std::process::Command::new("sed")
        .args(["-i", "s/deployed = 989 }/deployed = 1234 }/"])
        .arg(dir.file())
        .status()
        .expect("run sed");
    assert!(ok.success());
    tui.wait_event("1,234 / 2,500");
    let ok = std::process::Command::new("sed")
        .args(["-i", "s/^title = .*/title = \"Edited by sed\"/"])
        .arg(dir.file())
        .status()
        .unwrap();
    assert!(ok.success());
    tui.wait_event("Edited by sed");
}

#[cfg(unix)]
#[test]
fn configmap_style_symlink_swap() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new("symlink");
    // dir/mss-haiti.toml -> ..data/mss-haiti.toml; ..data -> ..v1 (a Kubernetes volume)
    fs::remove_file(dir.file()).unwrap();
    fs::create_dir(dir.0.join("..v1")).unwrap();
    fs::write(dir.0.join("..v1").join(FILE), original()).unwrap();
    symlink("..v1", dir.0.join("..data")).unwrap();
    symlink(format!("..data/{FILE}"), dir.file()).unwrap();
    let tui = Tui::start(&dir.0, FILE);
    tui.ready();
    for (v, title) in [(2, "Config map two"), (3, "Config map three")] {
        let new = dir.0.join(format!("..v{v}"));
        fs::create_dir(&new).unwrap();
        fs::write(new.join(FILE), with_title(title)).unwrap();
        symlink(format!("..v{v}"), dir.0.join("..data_tmp")).unwrap();
        fs::rename(dir.0.join("..data_tmp"), dir.0.join("..data")).unwrap();
        // Seen by the swap itself (the old version is removed only after).
        tui.wait_event(title);
        fs::remove_dir_all(dir.0.join(format!("..v{}", v - 1))).unwrap();
    }
    assert!(!tui.screen().contains(WARN), "{}", tui.screen());
}

// ---------------------------------------------------------------------------------------
// Bad edits
// ---------------------------------------------------------------------------------------

#[test]
fn invalid_edit_keeps_the_figures_and_shows_the_error() {
    let (dir, tui) = started("invalid");
    let bad = original().replacen(
        "{ date = 2025-09-22, deployed = 989 }",
        "{ date = 2025-09-22, deployed = \"lots\" }",
        1,
    );
    // The line of the bad figure, counted in the file as it is now.
    let line = 1 + bad[..bad.find("deployed = \"lots\"").unwrap()]
        .matches('\n')
        .count();
    let place = format!("mss-haiti.toml:{line}:35: error:");
    fs::write(dir.file(), bad).unwrap();
    tui.wait("the error with FILE:LINE:COL", SHOW, |s| s.contains(&place));
    let s = tui.screen();
    assert!(s.contains(FIGURE), "the old figures are gone:\n{s}");
    assert!(s.contains(TITLE), "{s}");
    assert!(s.contains("showing the last good data"), "{s}");
    fs::write(dir.file(), with_figure(777)).unwrap();
    tui.wait_event("777 / 2,500");
    tui.wait("the banner cleared", SHOW, |s| !s.contains(WARN));
    assert!(!tui.screen().contains("error:"), "{}", tui.screen());
}

#[test]
fn deleted_file_keeps_the_data_and_resumes() {
    let (dir, tui) = started("deleted");
    fs::remove_file(dir.file()).unwrap();
    tui.wait_text("mss-haiti.toml: file missing; showing data loaded at ");
    assert!(tui.screen().contains(FIGURE), "{}", tui.screen());
    fs::write(dir.file(), with_title("Back again")).unwrap();
    tui.wait_event("Back again");
    tui.wait("the banner cleared", SHOW, |s| !s.contains(WARN));
}

#[test]
fn starting_on_an_invalid_file_then_fixing_it() {
    let dir = Dir::new("start-invalid");
    let bad = original().replacen("\ndeployed = 970", "\ndeployed = = 970", 1);
    let line = 1 + bad[..bad.find("deployed = = 970").unwrap()]
        .matches('\n')
        .count();
    let place = format!("mss-haiti.toml:{line}:12: error:");
    fs::write(dir.file(), bad).unwrap();
    let tui = Tui::start(&dir.0, FILE);
    tui.wait("the problem", Duration::from_secs(15), |s| {
        s.contains("No data to show yet") && s.contains(&place)
    });
    fs::write(dir.file(), with_title("Fixed at last")).unwrap();
    tui.wait_event("Fixed at last");
    tui.wait_text(FIGURE);
    assert!(!tui.screen().contains("No data to show yet"));
}

#[test]
fn starting_without_the_file_then_creating_it() {
    let dir = Dir::new("start-missing");
    fs::remove_file(dir.file()).unwrap();
    let tui = Tui::start(&dir.0, FILE);
    tui.wait("file missing", Duration::from_secs(15), |s| {
        s.contains("No data to show yet") && s.contains("file missing")
    });
    fs::write(dir.file(), with_title("Created later")).unwrap();
    tui.wait_event("Created later");
}

#[test]
fn starting_without_the_directory_falls_back_to_polling() {
    let dir = Dir::new("no-dir");
    let sub = dir.0.join("later");
    let tui = Tui::start(&dir.0, &format!("later/{FILE}"));
    tui.wait("file missing", Duration::from_secs(15), |s| {
        s.contains("file missing")
    });
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join(FILE), with_title("Directory made later")).unwrap();
    // The poll runs every 2 s; from then on the directory is watched.
    tui.wait("the new file", Duration::from_secs(5), |s| {
        s.contains("Directory made later")
    });
    fs::write(sub.join(FILE), with_title("Watched now")).unwrap();
    tui.wait_event("Watched now");
    // The directory deleted and made again: found by the poll, then watched again.
    fs::remove_dir_all(&sub).unwrap();
    tui.wait_text("file missing; showing data loaded at");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join(FILE), with_title("Directory made again")).unwrap();
    tui.wait("the new file", Duration::from_secs(5), |s| {
        s.contains("Directory made again")
    });
    fs::write(sub.join(FILE), with_title("Watched again")).unwrap();
    tui.wait_event("Watched again");
}

/// Bytes a process has read so far (files, pipes and terminals alike).
#[cfg(target_os = "linux")]
fn bytes_read(pid: u32) -> u64 {
    let io = fs::read_to_string(format!("/proc/{pid}/io")).unwrap();
    io.lines()
        .find_map(|l| l.strip_prefix("rchar: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// The watcher's own reads must not wake it again (on Linux, opening the file is an
/// event, and a naive watcher reads in a loop): idle, the file is not read at all.
#[cfg(target_os = "linux")]
#[test]
fn idle_after_a_reload() {
    let (dir, tui) = started("idle");
    fs::write(dir.file(), with_title("Quiet now")).unwrap();
    tui.wait_event("Quiet now");
    thread::sleep(Duration::from_millis(300));
    let before = bytes_read(tui.pid());
    // Longer than the fallback poll, which only reads when the file's metadata changed.
    thread::sleep(Duration::from_millis(2500));
    let read = bytes_read(tui.pid()) - before;
    let size = fs::metadata(dir.file()).unwrap().len();
    assert!(
        read < size,
        "{read} bytes read in 2.5 s idle (the file is {size})"
    );
}

#[test]
fn latency_from_write_to_screen() {
    let (dir, tui) = started("latency");
    let mut times = Vec::new();
    for i in 0..20 {
        let title = format!("Latency probe {i:02}");
        let text = with_title(&title);
        let tmp = dir.0.join(".latency.tmp");
        if i % 2 == 1 {
            fs::write(&tmp, &text).unwrap();
        }
        // Alternate the two commonest save styles: in place, and atomic rename.
        // Timed from just before the save, so the figure includes the write itself (a
        // clock read after it could come late, the test thread preempted by the app).
        let t0 = Instant::now();
        if i % 2 == 0 {
            fs::write(dir.file(), &text).unwrap();
        } else {
            fs::rename(&tmp, dir.file()).unwrap();
        }
        loop {
            if tui.header().contains(&title) {
                break;
            }
            assert!(t0.elapsed() < SHOW, "{title} not shown:\n{}", tui.screen());
            thread::sleep(Duration::from_millis(1));
        }
        times.push(t0.elapsed());
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = |v: &[Duration]| {
        let mut v = v.to_vec();
        v.sort();
        (v[(v.len() - 1) / 2] + v[v.len() / 2]) / 2
    };
    let in_place: Vec<Duration> = times.iter().step_by(2).copied().collect();
    let renamed: Vec<Duration> = times.iter().skip(1).step_by(2).copied().collect();
    let max = times.iter().copied().max().unwrap();
    eprintln!(
        "reload latency, file write to screen, over {} writes: median {:.1} ms, max {:.1} ms \
         (in place: median {:.1} ms; atomic rename: median {:.1} ms)",
        times.len(),
        ms(median(&times)),
        ms(max),
        ms(median(&in_place)),
        ms(median(&renamed)),
    );
    assert!(max < Duration::from_secs(1), "max {max:?}");
}
