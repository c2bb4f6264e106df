//! `mandate --check`: every problem in the file, compiler style.

use chrono::{DateTime, Utc};

use super::{invalid, Outcome};
use crate::domain::state;
use crate::domain::{Dataset, Diagnostic, Diagnostics, KEPT};
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
            // Warnings are bounded as errors are: the first KEPT, then how many more.
            let all = warnings(&data, now);
            let shown = all.len().min(KEPT);
            let mut stderr: String = all[..shown]
                .iter()
                .map(|d| d.render(&name) + "\n")
                .collect();
            let rest = Diagnostics {
                kept: Vec::new(),
                left_out: all.len() - shown + data.warnings.left_out,
                errors: 0,
            };
            if let Some(more) = rest.left_out_line(&name) {
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
