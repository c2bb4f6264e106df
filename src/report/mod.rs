//! The reports: what `--brief`, `--check`, `--json`, `--csv`, `--ics`, `--due`, `--nagios` and
//! `--prom` print, each a pure function of the loaded data at an instant (and the mode's
//! options) into the text and exit code to give back. No file, clock or terminal here:
//! `cli` loads the file once, calls one of these and writes what it returns.
//!
//! Adding a report: one file here with its `Options` and `report`, one `Mode` variant in
//! `cli/args.rs` and its arm in `cli/mod.rs`.

pub mod brief;
pub mod check;
pub mod csv;
pub mod due;
pub mod ics;
pub mod json;
pub mod nagios;
pub mod prom;

/// What a mode gives back: its standard output, its standard error and its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Outcome {
    /// `stdout` and exit 0.
    pub fn ok(stdout: String) -> Outcome {
        Outcome {
            stdout,
            stderr: String::new(),
            code: 0,
        }
    }

    /// A message on standard error and exit 1.
    pub fn error(stderr: String) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr,
            code: 1,
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use chrono::{DateTime, Utc};

    use crate::domain::Dataset;
    use crate::source::{self, Origin};

    /// The built-in data.
    pub fn builtin() -> Dataset {
        source::load(&Origin::Builtin).into_result().unwrap()
    }

    /// An RFC 3339 instant.
    pub fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }
}
