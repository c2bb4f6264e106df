//! The command line: the clap struct, its value parsers, the checks across flags, and
//! the [`Mode`] it resolves to, each mode with its own options.

use std::ffi::OsString;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clap::{CommandFactory, FromArgMatches, Parser, ValueHint};

use super::generate::Generate;
use crate::app::View;
use crate::domain::state;
use crate::domain::text::clean;
use crate::domain::MAX_DAYS;
use crate::report::brief::{Format, Month};
use crate::report::nagios;

/// What the command line asks for: one mode and its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The interactive dashboard.
    Dashboard {
        view: View,
        /// `--no-mouse` (`MANDATE_NO_MOUSE` is read when the dashboard starts).
        no_mouse: bool,
        /// `--now`: the instant the clock starts at; `None`: the real time.
        start: Option<DateTime<Utc>>,
    },
    /// `--check`.
    Check,
    /// `--json`.
    Json,
    /// `--print`: one frame as text.
    Print { size: (u16, u16), view: View },
    /// `--ics`.
    Ics {
        /// `--now` when given; `None`: the file's modification time.
        stamp: Option<DateTime<Utc>>,
    },
    /// `--due`.
    Due { within: Option<i64> },
    /// `--nagios`.
    Nagios {
        within: Option<i64>,
        critical: Option<i64>,
    },
    /// `--prom`.
    Prom,
    /// `--csv`.
    Csv { bom: bool },
    /// `--init [PATH]`: `None` writes the user's file.
    Init { path: Option<PathBuf> },
    /// `--generate KIND`.
    Generate { kind: Generate },
    /// `--brief`: the month ahead; `month` `None` is the month of now.
    Brief {
        month: Option<Month>,
        format: Format,
    },
    /// `--import SOURCE...`: propose (or, with `--write`, make) the changes the sources
    /// bring to the file; `json`: the summary as JSON.
    Import {
        sources: Vec<PathBuf>,
        write: bool,
        json: bool,
        since: Option<NaiveDate>,
    },
}

impl Mode {
    /// The exit code of this mode when it cannot do its work (a file it cannot use, a
    /// write that fails): UNKNOWN for a monitoring plugin (1 and 2 would read as WARNING
    /// and CRITICAL), else 1.
    pub fn failure_code(&self) -> i32 {
        match self {
            Mode::Nagios { .. } => nagios::UNKNOWN,
            _ => 1,
        }
    }
}

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

    /// Print the computed state as JSON (with --import: the summary of the import)
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

    /// Print a briefing of the month ahead (Markdown): what ends, starts or is unrecorded, with the signals of a hard renewal
    #[arg(long, group = "mode")]
    pub brief: bool,

    /// The month of --brief, as YYYY-MM [default: the month of now]
    #[arg(long, value_name = "YYYY-MM", value_parser = Month::parse)]
    pub month: Option<Month>,

    /// The format of --brief [default: markdown]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Days ahead (and back, for expiries) that count as due, for --due and --nagios [default: the file's warn_days]
    #[arg(long, value_name = "DAYS", requires = "alerting", value_parser = days)]
    pub within: Option<u32>,

    /// Days of remaining mandate at or below which --nagios is CRITICAL [default: 7]
    #[arg(long, value_name = "DAYS", value_parser = days)]
    pub critical: Option<u32>,

    /// Start --csv with a UTF-8 byte-order mark, for Excel
    #[arg(long)]
    pub bom: bool,

    /// Leave out the note on standard error naming the file read (--csv, --due)
    #[arg(long)]
    pub quiet: bool,

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

    /// Read a source (resolution XML files or a folder of them, a data_extract JSON Lines file, a contributions CSV file) and show the changes it brings to the file as a diff; repeatable; exit 3 when there are some
    #[arg(long, value_name = "SOURCE", action = clap::ArgAction::Append, value_hint = ValueHint::Unknown,
          conflicts_with_all = ["check", "print", "ics", "due", "nagios", "prom", "csv", "brief", "init", "generate"])]
    pub import: Vec<PathBuf>,

    /// With --import: write the changes into the file (atomically; never when it changed since it was read)
    #[arg(long)]
    pub write: bool,

    /// With --import: leave out contribution months before DATE (YYYY-MM-DD) from the history
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
}

impl Args {
    /// The mode the flags ask for (clap lets at most one of them through).
    pub fn mode(&self) -> Mode {
        let within = self.within.map(i64::from);
        if !self.import.is_empty() {
            Mode::Import {
                sources: self.import.clone(),
                write: self.write,
                json: self.json,
                since: self.since,
            }
        } else if let Some(path) = &self.init {
            Mode::Init { path: path.clone() }
        } else if let Some(kind) = self.generate {
            Mode::Generate { kind }
        } else if self.check {
            Mode::Check
        } else if self.json {
            Mode::Json
        } else if self.print {
            Mode::Print {
                size: self.size,
                view: self.view.into(),
            }
        } else if self.ics {
            Mode::Ics { stamp: self.now }
        } else if self.due {
            Mode::Due { within }
        } else if self.nagios {
            Mode::Nagios {
                within,
                critical: self.critical.map(i64::from),
            }
        } else if self.prom {
            Mode::Prom
        } else if self.csv {
            Mode::Csv { bom: self.bom }
        } else if self.brief {
            Mode::Brief {
                month: self.month,
                format: self.format.unwrap_or(Format::Markdown),
            }
        } else {
            Mode::Dashboard {
                view: self.view.into(),
                no_mouse: self.no_mouse,
                start: self.now,
            }
        }
    }
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

/// A number of days for `--within` and `--critical`: 0 to [`MAX_DAYS`], the range of the
/// file's `warn_days`.
fn days(s: &str) -> Result<u32, String> {
    match s.parse::<u32>() {
        Ok(n) if i64::from(n) <= MAX_DAYS => Ok(n),
        _ => Err(format!(
            "expected a whole number of days from 0 to {MAX_DAYS}"
        )),
    }
}

/// `2025-09-22T12:00:00-04:00`, or `2025-09-22` meaning 12:00 UTC that day; within the
/// format's calendar (years 0001 to 9999, in UTC) and without a leap second.
pub fn parse_now(s: &str) -> Result<DateTime<Utc>, String> {
    let shown = clean(s);
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

/// `2025-09-22`: a day of the format's calendar.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| {
            format!(
                "`{}` is not a date; use YYYY-MM-DD, like 2025-09-22",
                clean(s)
            )
        })
}

/// `120x40` -> (120, 40); each side from 1 to 1000.
pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let bad = || {
        format!(
            "`{}` is not a size; use WIDTHxHEIGHT, like 120x40 (each 1 to 1000)",
            clean(s)
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
/// to `--nagios`, `--bom` to `--csv`, `--month` and `--format` to `--brief`, `--write`
/// and `--since` to `--import` (clap's `requires` on a flag of the `mode`
/// group is met by any other mode: `--due --critical 3` went through).
pub fn parse_args(cmd: clap::Command, raw: &[OsString]) -> Result<Args, clap::Error> {
    let args = Args::from_arg_matches(&cmd.try_get_matches_from(raw)?)?;
    let misplaced = if args.critical.is_some() && !args.nagios {
        Some("--critical DAYS is for --nagios (--due takes --within only)")
    } else if args.bom && !args.csv {
        Some("--bom is for --csv")
    } else if args.month.is_some() && !args.brief {
        Some("--month YYYY-MM is for --brief")
    } else if args.format.is_some() && !args.brief {
        Some("--format is for --brief")
    } else if args.write && args.import.is_empty() {
        Some("--write is for --import SOURCE")
    } else if args.since.is_some() && args.import.is_empty() {
        Some("--since DATE is for --import SOURCE")
    } else {
        None
    };
    match misplaced {
        Some(m) => Err(Args::command().error(clap::error::ErrorKind::ArgumentConflict, m)),
        None => Ok(args),
    }
}

/// Whether the raw arguments ask for `--nagios` (before a `--`), so that a usage error
/// is reported as the plugin convention wants.
pub fn nagios_requested(raw: &[OsString]) -> bool {
    raw.iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--nagios")
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

    #[test]
    fn nagios_is_found_among_the_raw_arguments_before_a_double_dash() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert!(nagios_requested(&args(&["mandate", "--bad", "--nagios"])));
        assert!(!nagios_requested(&args(&["mandate", "--", "--nagios"])));
        assert!(!nagios_requested(&args(&["--nagios"])));
    }

    fn mode(args: &[&str]) -> Result<Mode, clap::Error> {
        let raw: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse_args(Args::command(), &raw).map(|a| a.mode())
    }

    #[test]
    fn each_flag_resolves_to_its_mode_with_its_options() {
        let t = parse_now("2025-09-22").unwrap();
        assert_eq!(
            mode(&["mandate"]).unwrap(),
            Mode::Dashboard {
                view: View::Dashboard,
                no_mouse: false,
                start: None
            }
        );
        assert_eq!(
            mode(&[
                "mandate",
                "--view",
                "timeline",
                "--no-mouse",
                "--now",
                "2025-09-22"
            ])
            .unwrap(),
            Mode::Dashboard {
                view: View::Timeline,
                no_mouse: true,
                start: Some(t)
            }
        );
        assert_eq!(mode(&["mandate", "--check"]).unwrap(), Mode::Check);
        assert_eq!(mode(&["mandate", "--json"]).unwrap(), Mode::Json);
        assert_eq!(
            mode(&["mandate", "--print", "--size", "80x24", "--view", "timeline"]).unwrap(),
            Mode::Print {
                size: (80, 24),
                view: View::Timeline
            }
        );
        assert_eq!(
            mode(&["mandate", "--ics"]).unwrap(),
            Mode::Ics { stamp: None }
        );
        assert_eq!(
            mode(&["mandate", "--ics", "--now", "2025-09-22"]).unwrap(),
            Mode::Ics { stamp: Some(t) }
        );
        assert_eq!(
            mode(&["mandate", "--due", "--within", "5"]).unwrap(),
            Mode::Due { within: Some(5) }
        );
        assert_eq!(
            mode(&["mandate", "--nagios", "--critical", "3"]).unwrap(),
            Mode::Nagios {
                within: None,
                critical: Some(3)
            }
        );
        assert_eq!(mode(&["mandate", "--prom"]).unwrap(), Mode::Prom);
        assert_eq!(
            mode(&["mandate", "--csv", "--bom"]).unwrap(),
            Mode::Csv { bom: true }
        );
        assert_eq!(
            mode(&["mandate", "--init"]).unwrap(),
            Mode::Init { path: None }
        );
        assert_eq!(
            mode(&["mandate", "--init", "x.toml"]).unwrap(),
            Mode::Init {
                path: Some("x.toml".into())
            }
        );
        assert_eq!(
            mode(&["mandate", "--generate", "man"]).unwrap(),
            Mode::Generate {
                kind: Generate::Man
            }
        );
    }

    #[test]
    fn flags_of_another_mode_are_refused() {
        assert!(mode(&["mandate", "--due", "--critical", "3"]).is_err());
        assert!(mode(&["mandate", "--json", "--bom"]).is_err());
        assert!(mode(&["mandate", "--json", "--csv"]).is_err());
        assert!(mode(&["mandate", "--within", "3"]).is_err());
        assert!(mode(&["mandate", "--json", "--format", "json"]).is_err());
        assert!(mode(&["mandate", "--month", "2025-10"]).is_err());
        assert!(mode(&["mandate", "--brief", "--month", "2025-13"]).is_err());
        assert!(mode(&["mandate", "--brief", "--format", "yaml"]).is_err());
    }

    #[test]
    fn brief_takes_a_month_and_a_format() {
        assert_eq!(
            mode(&["mandate", "--brief"]).unwrap(),
            Mode::Brief {
                month: None,
                format: Format::Markdown
            }
        );
        assert_eq!(
            mode(&["mandate", "--brief", "--month", "2025-10", "--format", "json"]).unwrap(),
            Mode::Brief {
                month: Some(Month {
                    year: 2025,
                    month: 10
                }),
                format: Format::Json
            }
        );
    }

    #[test]
    fn import_takes_sources_and_its_own_flags() {
        assert_eq!(
            mode(&["mandate", "--import", "a.xml", "--import", "b.csv", "f.toml"]).unwrap(),
            Mode::Import {
                sources: vec!["a.xml".into(), "b.csv".into()],
                write: false,
                json: false,
                since: None
            }
        );
        assert_eq!(
            mode(&[
                "mandate",
                "--import",
                "r",
                "--write",
                "--json",
                "--since",
                "2025-01-01"
            ])
            .unwrap(),
            Mode::Import {
                sources: vec!["r".into()],
                write: true,
                json: true,
                since: NaiveDate::from_ymd_opt(2025, 1, 1)
            }
        );
        for bad in [
            &["mandate", "--write"][..],
            &["mandate", "--json", "--write"],
            &["mandate", "--since", "2025-01-01"],
            &["mandate", "--import", "r", "--since", "2025-13-01"],
            &["mandate", "--import", "r", "--check"],
            &["mandate", "--import", "r", "--csv"],
            &["mandate", "--import"],
        ] {
            assert!(mode(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn only_nagios_fails_as_unknown() {
        let nagios = Mode::Nagios {
            within: None,
            critical: None,
        };
        assert_eq!(nagios.failure_code(), 3);
        assert_eq!(Mode::Json.failure_code(), 1);
        assert_eq!(Mode::Due { within: None }.failure_code(), 1);
    }
}
