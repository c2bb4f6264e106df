//! A small harness for end-to-end tests: the real `mandate` binary in a pseudo-terminal,
//! its output fed into a `vt100` parser so tests read the screen a person would see.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};

/// How long any wait lasts before a test fails.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(20);

/// How long the output must pause before the screen counts as drawn.
const SETTLE: Duration = Duration::from_millis(30);

/// The cursor position query crossterm may send; answered at once so nothing hangs.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

/// A test failure whose `Debug` (what the test runner prints for an `Err`) is the plain
/// message, so a screen in it shows as a screen and not as one escaped line.
pub struct Failure(pub String);

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Failure {
    fn from(s: String) -> Self {
        Failure(s)
    }
}

impl From<&str> for Failure {
    fn from(s: &str) -> Self {
        Failure(s.to_string())
    }
}

/// What a test returns.
pub type TestResult = Result<(), Failure>;

/// The key sequences a terminal sends.
pub mod keys {
    pub const TAB: &str = "\t";
    pub const SHIFT_TAB: &str = "\x1b[Z";
    pub const ESC: &str = "\x1b";
    pub const ENTER: &str = "\r";
    pub const CTRL_C: &str = "\x03";
}

/// The real binary running in a pseudo-terminal. The child is killed on drop.
pub struct Tui {
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for failure messages and checks of the raw output.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader thread when the pseudo-terminal closes.
    eof: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

impl Tui {
    /// Starts `mandate` with `args` in a `cols`x`rows` terminal, with `TERM=xterm-256color`,
    /// the crate directory as the working directory, and `env` on top of the inherited
    /// environment (less `NO_COLOR` and `MANDATE_FILE`, which would change what is shown).
    pub fn spawn(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Tui {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mandate"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("MANDATE_FILE");
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn mandate");
        // Only the child holds the slave side now, so its exit closes the terminal (EOF).
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let writer = Arc::new(Mutex::new(
            pair.master.take_writer().expect("pseudo-terminal writer"),
        ));
        let mut input = pair
            .master
            .try_clone_reader()
            .expect("pseudo-terminal reader");
        let reader = {
            let (parser, raw, eof, writer) = (
                Arc::clone(&parser),
                Arc::clone(&raw),
                Arc::clone(&eof),
                Arc::clone(&writer),
            );
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match input.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            let bytes = &buf[..n];
                            // Both under the parser's lock, so the screen and the byte
                            // count in `snapshot` always agree.
                            let mut screen = parser.lock().unwrap();
                            screen.process(bytes);
                            let mut all = raw.lock().unwrap();
                            // Look across the chunk boundary too.
                            let from = all.len().saturating_sub(CURSOR_QUERY.len() - 1);
                            all.extend_from_slice(bytes);
                            let asked = all[from..]
                                .windows(CURSOR_QUERY.len())
                                .filter(|w| *w == CURSOR_QUERY)
                                .count();
                            drop(all);
                            drop(screen);
                            for _ in 0..asked {
                                let mut w = writer.lock().unwrap();
                                let _ = w.write_all(b"\x1b[1;1R");
                                let _ = w.flush();
                            }
                        }
                    }
                }
                eof.store(true, Ordering::SeqCst);
            })
        };

        Tui {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            eof,
            reader: Some(reader),
            status: None,
        }
    }

    /// The usual start: the seed file at noon in New York on 22 Sep 2025.
    pub fn seed(cols: u16, rows: u16) -> Tui {
        Tui::spawn(cols, rows, &SEED_ARGS, &[])
    }

    /// Types `keys` (see [`keys`] for the special ones).
    pub fn send(&self, keys: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(keys.as_bytes()).expect("write to the terminal");
        w.flush().expect("flush the terminal");
    }

    /// The screen's text, one line per row.
    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Runs `f` on the vt100 screen (colours, cursor, alternate screen...).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// The screen's text and how many bytes of output it reflects.
    fn snapshot(&self) -> (String, usize) {
        let parser = self.parser.lock().unwrap();
        let seen = self.raw.lock().unwrap().len();
        (parser.screen().contents(), seen)
    }

    /// Everything the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Polls the screen until `pred` holds on its text; returns that text, or an error
    /// naming `what` with the last screen.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> Result<String, String> {
        self.wait_for_within(what, TIMEOUT, pred)
    }

    pub fn wait_for_within(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let start = Instant::now();
        loop {
            let (text, seen) = self.snapshot();
            // A frame can arrive in several writes: take the screen only once the output
            // has paused, so a half-drawn frame never passes (nor fails) a test.
            if pred(&text) {
                thread::sleep(SETTLE);
                if self.snapshot().1 == seen {
                    return Ok(text);
                }
                continue;
            }
            if start.elapsed() >= timeout {
                return Err(format!(
                    "timed out after {timeout:?} waiting for {what}; the screen was:\n{}",
                    framed(&text)
                ));
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen contains `needle`.
    pub fn wait_text(&self, needle: &str) -> Result<String, String> {
        self.wait_for(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Waits until the screen no longer contains `needle`.
    pub fn wait_gone(&self, needle: &str) -> Result<String, String> {
        self.wait_for(&format!("{needle:?} to go"), |s| !s.contains(needle))
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the screen model with it.
    pub fn resize(&self, cols: u16, rows: u16) {
        // The model first, so the redraw that follows the signal lands on the new size.
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(size(cols, rows))
            .expect("resize the pseudo-terminal");
    }

    /// Sends a signal (`"TERM"`, `"CONT"`...) to the program with kill(1).
    /// The process id of the program.
    pub fn pid(&self) -> Result<u32, String> {
        self.child
            .process_id()
            .ok_or_else(|| "mandate has no process id".to_string())
    }

    pub fn signal(&self, name: &str) -> Result<(), String> {
        let pid = self.child.process_id().ok_or("mandate has no process id")?;
        let ok = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .map_err(|e| format!("kill -{name}: {e}"))?
            .success();
        if ok {
            Ok(())
        } else {
            Err(format!("kill -{name} {pid} failed"))
        }
    }

    /// True while the program runs.
    pub fn running(&mut self) -> bool {
        self.status.is_none() && matches!(self.child.try_wait(), Ok(None))
    }

    /// The terminal's local modes (`ICANON | ECHO | ...`) as text, where the platform
    /// tells them: raw mode shows as neither ICANON nor ECHO.
    pub fn local_modes(&self) -> Option<String> {
        self.master
            .get_termios()
            .map(|t| format!("{:?}", t.local_flags))
    }

    /// Waits for the program to exit and for all its output to be read; returns its status.
    pub fn wait_exit(&mut self) -> Result<ExitStatus, String> {
        if let Some(s) = &self.status {
            return Ok(s.clone());
        }
        let start = Instant::now();
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(s)) => break s,
                Ok(None) if start.elapsed() < TIMEOUT => thread::sleep(POLL),
                Ok(None) => {
                    return Err(format!(
                        "mandate did not exit within {TIMEOUT:?}; the screen was:\n{}",
                        framed(&self.text())
                    ))
                }
                Err(e) => return Err(format!("waiting for mandate: {e}")),
            }
        };
        self.status = Some(status.clone());
        // The reader stops at EOF once the last of the output is read.
        while !self.eof.load(Ordering::SeqCst) {
            if start.elapsed() >= TIMEOUT * 2 {
                return Err("the terminal's output did not end after mandate exited".into());
            }
            thread::sleep(POLL);
        }
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        Ok(status)
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.status.is_none() {
            if let Ok(None) = self.child.try_wait() {
                let _ = self.child.kill();
            }
            let _ = self.child.wait();
        }
        // The reader thread ends by itself at EOF; it is not joined here so a stuck
        // read can never hang a failing test.
    }
}

/// The arguments that make the screen predictable.
pub const SEED_ARGS: [&str; 3] = ["--now", "2025-09-22T12:00:00-04:00", "data/mss-haiti.toml"];

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The screen text with a ruler around it, for failure messages.
pub fn framed(text: &str) -> String {
    let mut out = String::from("-----\n");
    for line in text.lines() {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("-----");
    out
}

/// The first `Nd HH:MM:SS` countdown on the screen, if any.
pub fn countdown(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        line.split_whitespace()
            .collect::<Vec<_>>()
            .windows(2)
            .find_map(|w| {
                let (d, hms) = (w[0], w[1]);
                let days_ok = d.len() > 1
                    && d.ends_with('d')
                    && d[..d.len() - 1].chars().all(|c| c.is_ascii_digit());
                let hms_ok = hms.len() == 8
                    && hms.char_indices().all(|(i, c)| {
                        if i == 2 || i == 5 {
                            c == ':'
                        } else {
                            c.is_ascii_digit()
                        }
                    });
                (days_ok && hms_ok).then(|| format!("{d} {hms}"))
            })
    })
}

/// `Ok` when `ok`; else a failure that shows the screen.
pub fn check(ok: bool, what: &str, screen: &str) -> TestResult {
    if ok {
        Ok(())
    } else {
        Err(Failure(format!(
            "{what}; the screen was:\n{}",
            framed(screen)
        )))
    }
}

/// After the program has gone: exit status 0, the normal screen, a visible cursor, the
/// terminal out of raw mode, and the output's last word on the alternate screen "leave".
pub fn check_restored(tui: &mut Tui) -> TestResult {
    let status = tui.wait_exit()?;
    let text = tui.text();
    check(
        status.success(),
        &format!("mandate exited with {status}"),
        &text,
    )?;
    check_terminal_normal(tui)?;
    let raw = tui.raw();
    let last = |pat: &[u8]| raw.windows(pat.len()).rposition(|w| w == pat);
    check(
        last(b"\x1b[?1049l") > last(b"\x1b[?1049h"),
        "the output does not leave the alternate screen after entering it",
        &text,
    )
}

/// The normal screen, a visible cursor, cooked mode (`ICANON` and `ECHO`), and the
/// mouse out of reporting mode (after the last `?1000h`, a `?1000l` or `?1006l`).
pub fn check_terminal_normal(tui: &Tui) -> TestResult {
    let (alternate, hidden) = tui.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
    let text = tui.text();
    check(!alternate, "still on the alternate screen", &text)?;
    check(!hidden, "the cursor is still hidden", &text)?;
    let raw = tui.raw();
    let last = |pat: &[u8]| raw.windows(pat.len()).rposition(|w| w == pat);
    let on = last(b"\x1b[?1000h");
    let off = last(b"\x1b[?1000l").max(last(b"\x1b[?1006l"));
    check(
        on.is_none() || off > on,
        "the terminal is left in mouse-reporting mode",
        &text,
    )?;
    if let Some(modes) = tui.local_modes() {
        check(
            modes.contains("ICANON") && modes.contains("ECHO"),
            &format!("the terminal is left in raw mode: {modes}"),
            &text,
        )?;
    }
    Ok(())
}
