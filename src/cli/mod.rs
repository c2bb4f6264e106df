//! The command line: the arguments resolve to a [`Mode`], the data file is loaded once
//! for the modes that read it, and what the mode gives back is written. The reports
//! themselves are in `crate::report`; here are the modes that need more than the data:
//! the dashboard, `--print` (one frame, drawn by `ui`), `--init`, `--generate` and
//! `--import` (which reads the file itself: it writes it).

mod about;
mod args;
mod generate;
mod home;
mod import;
mod init;
mod named;
mod print;

use std::io::Write;

use chrono::{DateTime, Utc};
use clap::CommandFactory;

use crate::app::Colors;
use crate::domain::{Dataset, Diagnostics};
use crate::report::{brief, check, csv, due, ics, json, nagios, prom, Outcome};
use crate::runtime::{self, Mouse};
use crate::source::{self, Origin};
pub use about::long_version;
pub use args::{
    nagios_requested, no_mouse_env, parse_args, parse_now, parse_size, Args, Mode, ViewArg,
};
pub use generate::{man, Generate, SCHEMA};
pub use home::Home;
pub use init::{init, starter};

/// The whole program: parses the arguments, runs the mode, and exits with its code.
pub fn main() {
    let home = Home::from_process();
    let cmd = Args::command()
        .after_help(home::after_help(&home))
        .long_version(long_version());
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args = match parse_args(cmd, &raw) {
        Ok(a) => a,
        Err(e) if e.use_stderr() && nagios_requested(&raw) => {
            let o = nagios::usage(&e.render().to_string());
            let code = emit(
                &o,
                nagios::UNKNOWN,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            );
            std::process::exit(code);
        }
        Err(e) => e.exit(),
    };
    let mode = args.mode();
    let origin = Origin::choose(args.file.as_deref(), &home.lookup);
    let now = args.now.unwrap_or_else(Utc::now);
    let outcome = run(&mode, &origin, now, &home);
    let outcome = named::name_the_file(&mode, &origin.name(), outcome, args.quiet);
    let outcome = Outcome {
        stderr: home::with_init_hint(outcome.stderr, &origin, &home),
        ..outcome
    };
    std::process::exit(emit(
        &outcome,
        mode.failure_code(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    ));
}

/// What `mode` gives back for the data at `origin` at `now`: the one dispatch over the
/// modes. A new report is a variant of [`Mode`], its file in `crate::report` and its arm
/// here.
pub fn run(mode: &Mode, origin: &Origin, now: DateTime<Utc>, home: &Home) -> Outcome {
    let file = origin.name();
    match mode {
        Mode::Dashboard {
            view,
            no_mouse,
            start,
        } => dashboard(origin, home, *view, *no_mouse, *start),
        Mode::Init { path } => init(path.as_deref(), home, now.date_naive()),
        Mode::Generate { kind } => generate::generate(*kind, Args::command()),
        Mode::Import {
            sources,
            write,
            json,
            since,
        } => import::run(
            origin,
            &import::Options {
                sources,
                write: *write,
                json: *json,
                since: *since,
            },
        ),
        Mode::Print { size, view } => with_data(mode, origin, |data| {
            print::print(data, origin, now, *size, *view)
        }),
        Mode::Check => with_data(mode, origin, |data| {
            check::report(&data, now, &check::Options { file })
        }),
        Mode::Json => with_data(mode, origin, |data| {
            json::report(&data, now, &json::Options { file })
        }),
        Mode::Ics { stamp } => with_data(mode, origin, |data| {
            let stamp = stamp.or_else(|| modified(origin));
            ics::report(&data, now, &ics::Options { stamp, file })
        }),
        Mode::Due { within } => with_data(mode, origin, |data| {
            due::report(&data, now, &due::Options { within: *within })
        }),
        Mode::Nagios { within, critical } => with_data(mode, origin, |data| {
            let options = nagios::Options {
                within: *within,
                critical: *critical,
            };
            nagios::report(&data, now, &options)
        }),
        Mode::Prom => with_data(mode, origin, |data| prom::report(&data, now)),
        Mode::Csv { bom } => with_data(mode, origin, |data| {
            csv::report(&data, now, &csv::Options { bom: *bom })
        }),
        Mode::Brief { month, format } => with_data(mode, origin, |data| {
            let options = brief::Options {
                file,
                month: *month,
                format: *format,
            };
            brief::report(&data, now, &options)
        }),
    }
}

/// The one load of the data modes: the file read and parsed once, then `then` on the
/// data; a file that cannot be used gets the mode's words for it.
fn with_data(mode: &Mode, origin: &Origin, then: impl FnOnce(Dataset) -> Outcome) -> Outcome {
    match source::load(origin).into_result() {
        Ok(data) => then(data),
        Err(diags) => unusable(mode, &origin.name(), &diags),
    }
}

/// A file that cannot be used: the problems compiler style on standard error, or, for
/// the plugin, as its status text; with the mode's failure code.
fn unusable(mode: &Mode, name: &str, diags: &Diagnostics) -> Outcome {
    let (stdout, stderr) = match mode {
        Mode::Nagios { .. } => (nagios::unusable(name, diags), String::new()),
        _ => (String::new(), check::invalid(name, diags)),
    };
    Outcome {
        stdout,
        stderr,
        code: mode.failure_code(),
    }
}

/// The file's modification time, for the calendar's `DTSTAMP` when there is no `--now`.
fn modified(origin: &Origin) -> Option<DateTime<Utc>> {
    match origin {
        Origin::File(p) => std::fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .map(DateTime::<Utc>::from),
        Origin::Builtin => None,
    }
}

/// The interactive dashboard until the user quits; colours and the mouse as the
/// environment asks (`NO_COLOR`, `MANDATE_NO_MOUSE`).
fn dashboard(
    origin: &Origin,
    home: &Home,
    view: crate::app::View,
    no_mouse: bool,
    start: Option<DateTime<Utc>>,
) -> Outcome {
    let colors = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        Colors::Off
    } else {
        Colors::On
    };
    let no_mouse = no_mouse || no_mouse_env(std::env::var("MANDATE_NO_MOUSE").ok().as_deref());
    let options = runtime::Options {
        start,
        colors,
        view,
        mouse: if no_mouse { Mouse::Off } else { Mouse::On },
        missing_hint: home::is_user_file(origin, home).then(|| home::INIT_HINT.to_string()),
    };
    match runtime::run(origin.clone(), options) {
        Ok(()) => Outcome::ok(String::new()),
        Err(e) => Outcome::error(format!("mandate: cannot run the dashboard: {e}\n")),
    }
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
    fn a_file_that_cannot_be_used_is_reported_once_in_each_mode_s_words() {
        let origin = Origin::File("/nonexistent/m.toml".into());
        let now = parse_now("2025-09-22").unwrap();
        let home = Home::default();
        let o = run(&Mode::Json, &origin, now, &home);
        assert_eq!((o.stdout.as_str(), o.code), ("", 1));
        assert!(o.stderr.ends_with("/nonexistent/m.toml: 1 error; fix the lines above and run `mandate --check` again\n"), "{}", o.stderr);
        let nagios = Mode::Nagios {
            within: None,
            critical: None,
        };
        let o = run(&nagios, &origin, now, &home);
        assert_eq!((o.stderr.as_str(), o.code), ("", 3));
        assert!(o
            .stdout
            .starts_with("MANDATE UNKNOWN - /nonexistent/m.toml: 1 error"));
    }

    #[test]
    fn the_built_in_data_has_no_modification_time_and_a_file_has_one() {
        assert_eq!(modified(&Origin::Builtin), None);
        assert!(modified(&Origin::File("data/mss-haiti.toml".into())).is_some());
    }
}
