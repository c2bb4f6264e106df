//! The command line: arguments, which file to open, and the non-interactive modes.

mod check;
mod json;
mod print;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clap::Parser;

use crate::app::Colors;
use crate::domain::state;
use crate::domain::Diagnostics;
use crate::source::{Origin, DEFAULT_FILE};
pub use check::{check, warnings};
pub use json::{json, json_text};
pub use print::print;

#[derive(Debug, Parser)]
#[command(
    name = "mandate",
    version,
    about = "A terminal dashboard for the mandate status of security and peace operations",
    after_help = "Without FILE: $MANDATE_FILE if set, else data/mss-haiti.toml if it exists here, else the built-in copy of it.\n\nExit codes: 0 ok, 1 invalid data file, 2 usage error."
)]
pub struct Args {
    /// The TOML data file of missions
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

    /// Frame size for --print, as WIDTHxHEIGHT
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "120x40")]
    pub size: (u16, u16),

    /// The instant to compute for: RFC 3339 with an offset, or YYYY-MM-DD (12:00 UTC)
    #[arg(long, value_name = "T", value_parser = parse_now)]
    pub now: Option<DateTime<Utc>>,
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
    let args = Args::parse();
    let env_file = std::env::var("MANDATE_FILE").ok();
    let origin = Origin::choose(
        args.file.as_deref(),
        env_file.as_deref(),
        Path::new(DEFAULT_FILE).is_file(),
    );
    let colors = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        Colors::Off
    } else {
        Colors::On
    };
    let now = args.now.unwrap_or_else(Utc::now);
    let outcome = if args.check {
        check(&origin, now)
    } else if args.json {
        json(&origin, now)
    } else if args.print {
        print(&origin, now, args.size)
    } else {
        match crate::runtime::run(origin, args.now, colors) {
            Ok(()) => return,
            Err(e) => Outcome {
                stdout: String::new(),
                stderr: format!("mandate: cannot run the dashboard: {e}\n"),
                code: 1,
            },
        }
    };
    std::process::exit(emit(
        &outcome,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    ));
}

/// Writes a mode's output and returns the exit code: the mode's own, or 1 (with a
/// message) when a write fails. A closed pipe (`mandate --json | head`) is not an
/// error worth a message: the reader has what it wanted.
fn emit(outcome: &Outcome, out: &mut impl Write, err: &mut impl Write) -> i32 {
    let wrote = out
        .write_all(outcome.stdout.as_bytes())
        .and_then(|()| out.flush());
    match wrote {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return outcome.code,
        Err(e) => {
            let _ = writeln!(err, "mandate: cannot write to standard output: {e}");
            return 1;
        }
        Ok(()) => {}
    }
    match err
        .write_all(outcome.stderr.as_bytes())
        .and_then(|()| err.flush())
    {
        Ok(()) => outcome.code,
        Err(_) if outcome.code != 0 => outcome.code,
        Err(_) => 1,
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
            emit(&ok, &mut Failing(std::io::ErrorKind::StorageFull), &mut err),
            1
        );
        let msg = String::from_utf8(err).unwrap();
        assert!(
            msg.starts_with("mandate: cannot write to standard output:"),
            "{msg}"
        );
        let mut err = Vec::new();
        assert_eq!(
            emit(&ok, &mut Failing(std::io::ErrorKind::BrokenPipe), &mut err),
            0
        );
        assert!(err.is_empty());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(emit(&ok, &mut out, &mut err), 0);
        assert_eq!(out, b"{}\n");
    }

    #[test]
    fn size_parses_and_bounds() {
        assert_eq!(parse_size("120x40"), Ok((120, 40)));
        assert_eq!(parse_size("1x1"), Ok((1, 1)));
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("wide").is_err());
    }
}
