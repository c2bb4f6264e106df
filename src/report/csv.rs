//! `mandate --csv`: one row per mission, for spreadsheets. RFC 4180 (the `csv` crate:
//! quoted only where needed, CRLF), UTF-8, optionally after a byte-order mark.

use chrono::{DateTime, NaiveDate, Utc};

use super::Outcome;
use crate::domain::state;
use crate::domain::Dataset;

/// The columns, in order.
pub const COLUMNS: [&str; 16] = [
    "id",
    "short",
    "name",
    "authority",
    "kind",
    "phase",
    "expires_on",
    "days_remaining",
    "starts_on",
    "days_to_start",
    "authorized",
    "deployed",
    "deployed_as_of",
    "deployment_ratio",
    "ceiling_resolution",
    "stale",
];

/// Text from the file, neutralised: a cell that begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading `'`, so that a spreadsheet shows it as text and
/// never runs it as a formula (CWE-1236). Only text cells: numbers stay numbers.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn day(d: Option<NaiveDate>) -> String {
    opt(d.map(|d| d.format("%Y-%m-%d")))
}

/// The table of `data` at `now`, as bytes.
pub fn csv_bytes(data: &Dataset, now: DateTime<Utc>, bom: bool) -> Result<Vec<u8>, ::csv::Error> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(COLUMNS)?;
    for (m, s) in data.missions.iter().zip(state::states(data, now)) {
        w.write_record([
            text(&m.id),
            text(&m.short),
            text(&m.name),
            text(m.authority.as_deref().unwrap_or("")),
            text(m.kind.as_deref().unwrap_or("")),
            s.phase.key().to_owned(),
            day(s.expires_on),
            opt(s.days_remaining),
            day(s.starts_on),
            opt(s.days_to_start),
            opt(s.authorized),
            opt(s.deployed),
            day(s.deployed_as_of),
            opt(s.deployment_ratio),
            text(s.ceiling_resolution.as_deref().unwrap_or("")),
            s.stale.to_string(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// What `--csv` needs besides the data.
pub struct Options {
    /// Start with a UTF-8 byte-order mark, for Excel.
    pub bom: bool,
}

/// `mandate --csv`.
pub fn report(data: &Dataset, now: DateTime<Utc>, options: &Options) -> Outcome {
    match csv_bytes(data, now, options.bom).map(String::from_utf8) {
        Ok(Ok(stdout)) => Outcome::ok(stdout),
        Ok(Err(e)) => Outcome::error(format!("mandate: cannot write CSV: {e}\n")),
        Err(e) => Outcome::error(format!("mandate: cannot write CSV: {e}\n")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_other_text_kept() {
        assert_eq!(text("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        for c in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(text(c).starts_with('\''), "{c:?}");
        }
        assert_eq!(text("MSS"), "MSS");
        assert_eq!(text("'quoted"), "'quoted");
        assert_eq!(opt(Some(-3)), "-3");
    }
}
