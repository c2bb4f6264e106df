//! `--import SOURCE... [--write] [--json] [--since DATE] [FILE]`: the sources read, the
//! changes to the file shown as a diff (standard output) with a summary (standard
//! error), and written only with `--write`. The file is looked up as for every mode;
//! the built-in copy cannot be imported into.
//!
//! Exit codes: 0 when nothing changes or the write succeeded, 3 when changes were
//! proposed but not written, 1 when the file cannot be used, the edit is refused, the
//! write fails, or any source could not be read (the others' changes are still shown,
//! or written with `--write`); 2 for bad usage (clap's).

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::import::{self, FileOutcome, Summary};
use crate::report::{check, Outcome};
use crate::source::{self, Origin};

/// Exit code when changes are proposed and not written.
pub const PROPOSED: i32 = 3;

/// The options of the mode.
pub struct Options<'a> {
    pub sources: &'a [PathBuf],
    pub write: bool,
    pub json: bool,
    pub since: Option<NaiveDate>,
}

/// Runs the import into the file at `origin`.
pub fn run(origin: &Origin, options: &Options) -> Outcome {
    let name = origin.name();
    let Origin::File(path) = origin else {
        return Outcome::error(format!(
            "mandate: the {name} is part of the program and cannot be imported into; name a file (mandate --import SOURCE FILE), or make your own with `mandate --init` first\n"
        ));
    };
    let bytes = match origin.read() {
        Ok(b) => b,
        Err(e) => {
            let diags = source::FileEvent::of(Err(e)).into_result().err();
            return Outcome::error(diags.map_or_else(String::new, |d| check::invalid(&name, &d)));
        }
    };
    let data = match source::parse(&bytes) {
        Ok(d) => d,
        Err(diags) => return Outcome::error(check::invalid(&name, &diags)),
    };
    // The parser has read it, so it is UTF-8; kept as read, byte for byte.
    let Ok(text) = String::from_utf8(bytes) else {
        return Outcome::error(format!("mandate: {name}: not UTF-8 text\n"));
    };
    let gathered = import::read_sources(options.sources, &data, options.since);
    let failed_sources = !gathered.proposal.errors.is_empty();
    let plan = match import::plan(gathered.clone(), &name, &text) {
        Ok(p) => p,
        Err(reason) => {
            let mut stderr = format!("mandate: {name}: {reason}\n");
            for e in &gathered.proposal.errors {
                stderr.push_str(&source_error(e));
            }
            return Outcome::error(stderr);
        }
    };
    let mut write_error = None;
    let outcome = if !plan.changes() {
        FileOutcome::Unchanged
    } else if !options.write {
        FileOutcome::Proposed
    } else {
        match import::write_atomic(path, &text, &plan.edited.text) {
            Ok(()) => FileOutcome::Written,
            Err(e) => {
                write_error = Some(e);
                FileOutcome::NotWritten
            }
        }
    };
    let summary = Summary::new(&plan, &name, outcome);
    let code = if failed_sources || write_error.is_some() {
        1
    } else if outcome == FileOutcome::Proposed {
        PROPOSED
    } else {
        0
    };
    let mut stderr = String::new();
    let stdout = if options.json {
        summary.json()
    } else {
        stderr.push_str(&summary.text());
        plan.diff.clone()
    };
    if let Some(e) = write_error {
        stderr.push_str(&format!("mandate: {e}\n"));
    }
    if failed_sources {
        let n = summary.errors.len();
        stderr.push_str(&format!(
            "mandate: {n} source{} could not be read (see above); exit 1\n",
            if n == 1 { "" } else { "s" }
        ));
        if options.json {
            for e in &gathered.proposal.errors {
                stderr.push_str(&source_error(e));
            }
        }
    }
    Outcome {
        stdout,
        stderr,
        code,
    }
}

/// `mandate: PATH:LINE: MESSAGE`.
fn source_error(e: &import::SourceError) -> String {
    let path = crate::domain::text::clean(&e.path);
    let message = crate::domain::text::clean(&e.message);
    match e.line {
        Some(l) => format!("mandate: {path}:{l}: {message}\n"),
        None => format!("mandate: {path}: {message}\n"),
    }
}
