//! The command line: arguments, which file to open, and the non-interactive modes.

mod about;
mod check;
mod csv;
mod due;
mod generate;
mod home;
mod ics;
mod init;
mod json;
mod nagios;
mod print;
mod prom;

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clap::{CommandFactory, FromArgMatches, Parser, ValueHint};

pub use self::csv::{csv, csv_bytes, COLUMNS as CSV_COLUMNS};
use crate::app::{Colors, View};
use crate::domain::state;
use crate::domain::Diagnostics;
use crate::source::Origin;
pub use about::long_version;
pub use check::{check, warnings};
pub use due::due;
pub use generate::{man, Generate, SCHEMA};
pub use home::Home;
pub use ics::{ics, ics_text};
pub use init::{init, starter};
pub use json::{json, json_text};
pub use nagios::nagios;
pub use print::{print, print_view};
pub use prom::{prom, prom_text};

#[derive(Debug, Parser)]
#[command(
    name = "mandate",
    version,
    about = "A terminal dashboard for the mandate status of security and peace operations"
)]
pub struct Args {
    /// The TOML data file of missions
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// Validate the file and print every problem, compiler style
    #[arg(long, group = "mode")]
    pub check: bool,

    /// Print the computed state as JSON
    #[arg(long, group = "mode")]
    pub json: bool,

    /// Render one frame of the dashboard as plain text and exit
    #[arg(long, group = "mode")]
    pub print: bool,

    /// Print an iCalendar (RFC 5545) of every expiry and coming start
    #[arg(long, group = "mode")]
    pub ics: bool,

    /// List what is due, soonest first, for cron: exit 3 when something is, 0 when not
    #[arg(long, groups = ["mode", "alerting"])]
    pub due: bool,

    /// Run as a Nagios/Icinga plugin: a status line, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
    #[arg(long, groups = ["mode", "alerting"])]
    pub nagios: bool,

    /// Print metrics in the Prometheus text format (for the textfile collector)
    #[arg(long, group = "mode")]
    pub prom: bool,

    /// Print one CSV row per mission (RFC 4180, CRLF)
    #[arg(long, group = "mode")]
    pub csv: bool,

    /// Days ahead (and back, for expiries) that count as due, for --due and --nagios [default: the file's warn_days]
    #[arg(long, value_name = "DAYS", requires = "alerting")]
    pub within: Option<u32>,

    /// Days of remaining mandate at or below which --nagios is CRITICAL [default: 7]
    #[arg(long, value_name = "DAYS")]
    pub critical: Option<u32>,

    /// Start --csv with a UTF-8 byte-order mark, for Excel
    #[arg(long)]
    pub bom: bool,

    /// Frame size for --print, as WIDTHxHEIGHT
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "120x40")]
    pub size: (u16, u16),

    /// The instant to compute for: RFC 3339 with an offset, or YYYY-MM-DD (12:00 UTC)
    #[arg(long, value_name = "T", value_parser = parse_now)]
    pub now: Option<DateTime<Utc>>,

    /// The view to show (or print): the dashboard, or the timeline of every mandate
    #[arg(long, value_enum, default_value = "dashboard")]
    pub view: ViewArg,

    /// Leave the mouse to the terminal (text selection as usual); also MANDATE_NO_MOUSE=1
    #[arg(long)]
    pub no_mouse: bool,

    /// Write a starter data file to PATH (default: your file, see below) and exit; never overwrites
    #[arg(long, group = "mode", value_name = "PATH", num_args = 0..=1, conflicts_with = "file", value_hint = ValueHint::FilePath)]
    pub init: Option<Option<PathBuf>>,

    /// Print the man page, a shell's completion script or the data file's JSON Schema, and exit
    #[arg(long, group = "mode", value_name = "KIND", conflicts_with = "file")]
    pub generate: Option<Generate>,
}

/// `--view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewArg {
    Dashboard,
    Timeline,
}

impl From<ViewArg> for View {
    fn from(v: ViewArg) -> View {
        match v {
            ViewArg::Dashboard => View::Dashboard,
            ViewArg::Timeline => View::Timeline,
        }
    }
}

/// Whether the environment asks to leave the mouse alone: `MANDATE_NO_MOUSE` set, not
/// empty and not `0`.
pub fn no_mouse_env(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "0")
}

/// `2025-09-22T12:00:00-04:00`, or `2025-09-22` meaning 12:00 UTC that day; within the
/// format's calendar (years 0001 to 9999, in UTC) and without a leap second.
pub fn parse_now(s: &str) -> Result<DateTime<Utc>, String> {
    let shown = crate::domain::text::clean(s);
    let t = if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        if t.timestamp_subsec_nanos() >= 1_000_000_000 {
            return Err(format!(
                "`{shown}` is a leap second, which mandate does not count; use :59 instead"
            ));
        }
        t.with_timezone(&Utc)
    } else {
        match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => d.and_time(NaiveTime::MIN) + chrono::TimeDelta::hours(12),
            Err(_) => {
                return Err(format!(
                    "`{shown}` is not a time; use RFC 3339 with an offset (2025-09-22T12:00:00-04:00) or a date (2025-09-22)"
                ))
            }
        }
        .and_utc()
    };
    if !(state::EARLIEST..=state::LATEST).contains(&t) {
        return Err(format!(
            "`{shown}` is outside the calendar mandate computes for (0001-01-01 to 9999-12-31, UTC)"
        ));
    }
    Ok(t)
}

/// `120x40` -> (120, 40); each side from 1 to 1000.
pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let bad = || {
        format!(
            "`{}` is not a size; use WIDTHxHEIGHT, like 120x40 (each 1 to 1000)",
            crate::domain::text::clean(s)
        )
    };
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u16 = w.trim().parse().map_err(|_| bad())?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    if !(1..=1000).contains(&w) || !(1..=1000).contains(&h) {
        return Err(bad());
    }
    Ok((w, h))
}

/// The arguments, with the checks made here rather than by clap: `--critical` belongs
/// to `--nagios` and `--bom` to `--csv` (clap's `requires` on a flag of the `mode`
/// group is met by any other mode: `--due --critical 3` went through).
pub fn parse_args(cmd: clap::Command, raw: &[std::ffi::OsString]) -> Result<Args, clap::Error> {
    let args = Args::from_arg_matches(&cmd.try_get_matches_from(raw)?)?;
    let misplaced = if args.critical.is_some() && !args.nagios {
        Some("--critical DAYS is for --nagios (--due takes --within only)")
    } else if args.bom && !args.csv {
        Some("--bom is for --csv")
    } else {
        None
    };
    match misplaced {
        Some(m) => Err(Args::command().error(clap::error::ErrorKind::ArgumentConflict, m)),
        None => Ok(args),
    }
}

/// Output and exit code of a non-interactive mode.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// The problems of a file that cannot be shown: the kept ones, how many more, and the
/// count of every error.
pub(crate) fn invalid(name: &str, diags: &Diagnostics) -> Outcome {
    let mut stderr: String = diags.iter().map(|d| d.render(name) + "\n").collect();
    if let Some(more) = diags.left_out_line(name) {
        stderr.push_str(&more);
        stderr.push('\n');
    }
    let n = diags.errors;
    stderr.push_str(&format!(
        "{name}: {n} error{}; fix the lines above and run `mandate --check` again\n",
        if n == 1 { "" } else { "s" }
    ));
    Outcome {
        stdout: String::new(),
        stderr,
        code: 1,
    }
}

/// The whole program: parses the arguments, runs the mode, and exits with its code.
pub fn main() {
    let home = Home::from_process();
    let cmd = Args::command()
        .after_help(home::after_help(&home))
        .long_version(long_version());
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args = match parse_args(cmd, &raw) {
        Ok(a) => a,
        Err(e) if e.use_stderr() && nagios::requested(&raw) => {
            let o = nagios::usage(&e.render().to_string());
            std::process::exit(emit(&o, 3, &mut std::io::stdout(), &mut std::io::stderr()));
        }
        Err(e) => e.exit(),
    };
    let origin = Origin::choose(args.file.as_deref(), &home.lookup);
    let colors = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        Colors::Off
    } else {
        Colors::On
    };
    let now = args.now.unwrap_or_else(Utc::now);
    let within = args.within.map(i64::from);
    let outcome = if let Some(path) = &args.init {
        init(path.as_deref(), &home, now.date_naive())
    } else if let Some(kind) = args.generate {
        generate::generate(kind, Args::command())
    } else if args.check {
        check(&origin, now)
    } else if args.json {
        json(&origin, now)
    } else if args.print {
        print_view(&origin, now, args.size, args.view.into())
    } else if args.ics {
        ics(&origin, now, args.now.or_else(|| ics::modified(&origin)))
    } else if args.due {
        due(&origin, now, within)
    } else if args.nagios {
        nagios(&origin, now, within, args.critical.map(i64::from))
    } else if args.prom {
        prom(&origin, now)
    } else if args.csv {
        csv(&origin, now, args.bom)
    } else {
        let no_mouse =
            args.no_mouse || no_mouse_env(std::env::var("MANDATE_NO_MOUSE").ok().as_deref());
        let options = crate::runtime::Options {
            start: args.now,
            colors,
            view: args.view.into(),
            mouse: if no_mouse {
                crate::runtime::Mouse::Off
            } else {
                crate::runtime::Mouse::On
            },
            missing_hint: home::is_user_file(&origin, &home).then(|| home::INIT_HINT.to_string()),
        };
        match crate::runtime::run(origin.clone(), options) {
            Ok(()) => return,
            Err(e) => Outcome {
                stdout: String::new(),
                stderr: format!("mandate: cannot run the dashboard: {e}\n"),
                code: 1,
            },
        }
    };
    let outcome = Outcome {
        stderr: home::with_init_hint(outcome.stderr, &origin, &home),
        ..outcome
    };
    // A plugin that cannot write its status is UNKNOWN, not WARNING.
    let failed = if args.nagios { 3 } else { 1 };
    std::process::exit(emit(
        &outcome,
        failed,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    ));
}

/// Writes a mode's output and returns the exit code: the mode's own, or `failed` (with a
/// message) when a write fails. A closed pipe (`mandate --json | head`) is not an
/// error worth a message: the reader has what it wanted.
fn emit(outcome: &Outcome, failed: i32, out: &mut impl Write, err: &mut impl Write) -> i32 {
    let wrote = out
        .write_all(outcome.stdout.as_bytes())
        .and_then(|()| out.flush());
    match wrote {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return outcome.code,
        Err(e) => {
            let _ = writeln!(err, "mandate: cannot write to standard output: {e}");
            return failed;
        }
        Ok(()) => {}
    }
    match err
        .write_all(outcome.stderr.as_bytes())
        .and_then(|()| err.flush())
    {
        Ok(()) => outcome.code,
        Err(_) if outcome.code != 0 => outcome.code,
        Err(_) => failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_accepts_rfc3339_and_bare_dates() {
        assert_eq!(
            parse_now("2025-09-22T12:00:00-04:00").unwrap().to_rfc3339(),
            "2025-09-22T16:00:00+00:00"
        );
        assert_eq!(
            parse_now("2025-09-22").unwrap().to_rfc3339(),
            "2025-09-22T12:00:00+00:00"
        );
        assert!(parse_now("yesterday").unwrap_err().contains("`yesterday`"));
        assert!(parse_now("2025-09-22T12:00:00").is_err());
    }

    #[test]
    fn now_stays_in_the_calendar_and_refuses_leap_seconds() {
        assert!(parse_now("0001-01-01T00:00:00Z").is_ok());
        assert!(parse_now("9999-12-31T23:59:59Z").is_ok());
        for bad in [
            "+262142-12-31",
            "-262143-01-01",
            "+262000-01-01",
            "0000-06-01",
            "+99999-01-01",
            "9999-12-31T23:00:00-05:00",
        ] {
            let e = parse_now(bad).unwrap_err();
            assert!(e.contains("outside the calendar"), "{bad}: {e}");
        }
        let e = parse_now("2025-09-22T23:59:60-04:00").unwrap_err();
        assert!(e.contains("leap second"), "{e}");
    }

    #[test]
    fn write_errors_exit_1_with_a_message_and_a_closed_pipe_stays_quiet() {
        struct Failing(std::io::ErrorKind);
        impl Write for Failing {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::from(self.0))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let ok = Outcome {
            stdout: "{}\n".into(),
            stderr: String::new(),
            code: 0,
        };
        let mut err = Vec::new();
        assert_eq!(
            emit(
                &ok,
                1,
                &mut Failing(std::io::ErrorKind::StorageFull),
                &mut err
            ),
            1
        );
        let msg = String::from_utf8(err).unwrap();
        assert!(
            msg.starts_with("mandate: cannot write to standard output:"),
            "{msg}"
        );
        let mut err = Vec::new();
        assert_eq!(
            emit(
                &ok,
                1,
                &mut Failing(std::io::ErrorKind::BrokenPipe),
                &mut err
            ),
            0
        );
        assert!(err.is_empty());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(emit(&ok, 1, &mut out, &mut err), 0);
        let mut err = Vec::new();
        assert_eq!(
            emit(
                &ok,
                3,
                &mut Failing(std::io::ErrorKind::StorageFull),
                &mut err
            ),
            3
        );
        assert_eq!(out, b"{}\n");
    }

    #[test]
    fn mandate_no_mouse_is_set_and_not_empty_or_0() {
        assert!(no_mouse_env(Some("1")));
        assert!(no_mouse_env(Some("yes")));
        assert!(!no_mouse_env(Some("")));
        assert!(!no_mouse_env(Some("0")));
        assert!(!no_mouse_env(None));
    }

    #[test]
    fn size_parses_and_bounds() {
        assert_eq!(parse_size("120x40"), Ok((120, 40)));
        assert_eq!(parse_size("1x1"), Ok((1, 1)));
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("wide").is_err());
    }
}
