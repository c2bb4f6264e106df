//! `mandate --check`: every problem in the file, compiler style.

use chrono::{DateTime, NaiveDate, Utc};

use super::Outcome;
use crate::domain::ending;
use crate::domain::state::{self, Phase};
use crate::domain::{Dataset, Diagnostic, Diagnostics, KEPT};

/// What `--check` needs besides the data.
pub struct Options {
    /// The file's name, as messages show it.
    pub file: String,
}

/// Warnings: those found at load, and those of the state at `now`, with one for each
/// unrecorded mission at its last period's `end`.
pub fn warnings(data: &Dataset, now: DateTime<Utc>) -> Vec<Diagnostic> {
    let mut out = data.warnings.kept.clone();
    for (m, s) in data.missions.iter().zip(state::states(data, now)) {
        if s.phase == Phase::Unrecorded {
            let last = ending::last_period(m).and_then(|i| m.mandates.get(i));
            if let Some(end) = last.and_then(|p| p.end) {
                let pos = last.and_then(|p| p.end_pos).unwrap_or(m.pos);
                out.push(Diagnostic::warning(Some(pos), unrecorded(&m.id, end)));
            }
        }
        for w in s.warnings {
            out.push(Diagnostic::warning(Some(w.pos), w.message));
        }
    }
    out
}

/// The warning for an unrecorded mission `id` whose last day was `end`.
fn unrecorded(id: &str, end: NaiveDate) -> String {
    format!(
        "{id}: ended {end} with no renewal or closure recorded: add the next period, mark the last one `final = true`, or set `closed`"
    )
}

/// `mandate --check` on a valid file: its warnings, and the count of missions.
pub fn report(data: &Dataset, now: DateTime<Utc>, options: &Options) -> Outcome {
    let name = &options.file;
    // Warnings are bounded as errors are: the first KEPT, then how many more.
    let all = warnings(data, now);
    let shown = all.len().min(KEPT);
    let mut stderr: String = all[..shown].iter().map(|d| d.render(name) + "\n").collect();
    let rest = Diagnostics {
        kept: Vec::new(),
        left_out: all.len() - shown + data.warnings.left_out,
        errors: 0,
    };
    if let Some(more) = rest.left_out_line(name) {
        stderr.push_str(&more);
        stderr.push('\n');
    }
    let n = data.missions.len();
    Outcome {
        stdout: format!("{name}: {n} mission{}, ok\n", if n == 1 { "" } else { "s" }),
        stderr,
        code: 0,
    }
}

/// The problems of a file that cannot be shown, for standard error: the kept ones, how
/// many more, and the count of every error.
pub fn invalid(name: &str, diags: &Diagnostics) -> String {
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
    stderr
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{at, builtin};
    use crate::source::{self, Origin};

    #[test]
    fn a_valid_file_counts_its_missions_and_a_bad_one_counts_its_errors() {
        let options = Options {
            file: "f.toml".into(),
        };
        let o = report(&builtin(), at("2025-09-22T12:00:00-04:00"), &options);
        assert_eq!((o.stdout.as_str(), o.code), ("f.toml: 2 missions, ok\n", 0));
        let diags = source::load(&Origin::File("/nonexistent/m.toml".into()))
            .into_result()
            .unwrap_err();
        let text = invalid("m.toml", &diags);
        assert!(
            text.ends_with(
                "m.toml: 1 error; fix the lines above and run `mandate --check` again\n"
            ),
            "{text}"
        );
    }
}
