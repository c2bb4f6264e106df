//! `mandate --check`: every problem in the file, compiler style.

use chrono::{DateTime, Utc};

use super::{invalid, Outcome};
use crate::domain::state;
use crate::domain::{Dataset, Diagnostic};
use crate::source::{self, Origin};

/// Warnings: those found at load, and those of the state at `now`.
pub fn warnings(data: &Dataset, now: DateTime<Utc>) -> Vec<Diagnostic> {
    let mut out = data.warnings.kept.clone();
    for s in state::states(data, now) {
        for w in s.warnings {
            out.push(Diagnostic::warning(Some(w.pos), w.message));
        }
    }
    out
}

/// `mandate --check`.
pub fn check(origin: &Origin, now: DateTime<Utc>) -> Outcome {
    let name = origin.name();
    match source::load(origin).into_result() {
        Err(diags) => invalid(&name, &diags),
        Ok(data) => {
            let mut stderr: String = warnings(&data, now)
                .iter()
                .map(|d| d.render(&name) + "\n")
                .collect();
            if let Some(more) = data.warnings.left_out_line(&name) {
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
    }
}
