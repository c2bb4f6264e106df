//! `mandate --nagios`: a monitoring plugin in the Nagios/Icinga/Sensu convention. One
//! status line with performance data, then a detail line per item; exit 0 OK, 1
//! WARNING, 2 CRITICAL, 3 UNKNOWN. A bad file or bad usage is UNKNOWN here (not 1 or 2,
//! which would read as WARNING and CRITICAL).

use chrono::{DateTime, Utc};

use super::due::{event, items, line};
use super::Outcome;
use crate::domain::due::What;
use crate::domain::format::days;
use crate::domain::{state, Severity};
use crate::domain::{Dataset, Diagnostics};

/// The default `--critical`: a week.
pub const CRITICAL_DAYS: i64 = 7;

/// The exit code of UNKNOWN: bad usage, a file that cannot be used, a failed write.
pub const UNKNOWN: i32 = Level::Unknown as i32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}

impl Level {
    /// Which level the whole result takes: CRITICAL over UNKNOWN (a mandate about to
    /// end matters more than one the file does not know about), UNKNOWN over WARNING.
    fn weight(self) -> u8 {
        match self {
            Level::Ok => 0,
            Level::Warning => 1,
            Level::Unknown => 2,
            Level::Critical => 3,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Level::Ok => "OK",
            Level::Warning => "WARNING",
            Level::Critical => "CRITICAL",
            Level::Unknown => "UNKNOWN",
        }
    }
}

/// The plugin's text: `|` starts the performance data, so none may come from the file.
fn text(s: &str) -> String {
    s.replace('|', "\u{a6}")
}

/// A status line and detail lines, with the level as exit code.
fn report_text(level: Level, status: &str, perf: &str, details: &[String]) -> Outcome {
    let mut stdout = format!("MANDATE {} - {}", level.word(), text(status));
    if !perf.is_empty() {
        stdout.push_str(" | ");
        stdout.push_str(perf);
    }
    stdout.push('\n');
    for d in details {
        stdout.push_str(&text(d));
        stdout.push('\n');
    }
    Outcome {
        stdout,
        stderr: String::new(),
        code: level as i32,
    }
}

/// Bad usage, as clap words it: UNKNOWN.
pub fn usage(message: &str) -> Outcome {
    let clean = crate::domain::text::clean;
    let mut lines = message.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("bad usage");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let details: Vec<String> = lines.map(clean).collect();
    report_text(Level::Unknown, &clean(first), "", &details)
}

/// A file that cannot be used, as the plugin's text: an UNKNOWN status line, then each
/// problem.
pub fn unusable(name: &str, diags: &Diagnostics) -> String {
    let n = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let status = format!(
        "{name}: {n} error{}; run mandate --check",
        if n == 1 { "" } else { "s" }
    );
    let details: Vec<String> = diags.iter().map(|d| d.render(name)).collect();
    report_text(Level::Unknown, &status, "", &details).stdout
}

/// CRITICAL: an expiry within `critical` days, or a lapse; UNKNOWN: an unrecorded
/// mission (the file does not say whether its mandate was renewed); WARNING: the rest of
/// what `--due` lists within `within` days; else nothing.
fn level(what: &What, within: i64, critical: i64) -> Option<Level> {
    match what {
        What::Lapsed { .. } => Some(Level::Critical),
        What::Unrecorded { .. } => Some(Level::Unknown),
        What::Expires { days, .. } if *days <= critical => Some(Level::Critical),
        What::Expires { days, .. } | What::Starts { days, .. } if *days <= within => {
            Some(Level::Warning)
        }
        What::Expired { days_ago, .. } if *days_ago <= within => Some(Level::Warning),
        _ => None,
    }
}

/// What `--nagios` needs besides the data.
pub struct Options {
    /// `--within`: days that count as WARNING; `None`: the file's `warn_days`.
    pub within: Option<i64>,
    /// `--critical`: days of remaining mandate at or below which it is CRITICAL; `None`:
    /// [`CRITICAL_DAYS`].
    pub critical: Option<i64>,
}

/// `mandate --nagios`.
pub fn report(data: &Dataset, now: DateTime<Utc>, options: &Options) -> Outcome {
    let within = options.within.unwrap_or(data.warn_days);
    let critical = options.critical.unwrap_or(CRITICAL_DAYS);
    let perf: Vec<String> = state::states(data, now)
        .iter()
        .flat_map(|s| {
            let left = s
                .days_remaining
                .map(|n| format!("{}_days={n};@0:{within};@0:{critical};0", s.id));
            let start = s
                .days_to_start
                .map(|n| format!("{}_days_to_start={n}", s.id));
            left.into_iter().chain(start)
        })
        .collect();
    let found: Vec<(Level, String, String, &str)> = items(data, now, within.max(critical))
        .into_iter()
        .filter_map(|d| {
            let m = &data.missions[d.index];
            let l = level(&d.what, within, critical)?;
            let short = format!("{} {}", m.short, event(&d.what));
            Some((l, short, line(m, &d.what), m.short.as_str()))
        })
        .collect();
    let worst = found
        .iter()
        .map(|f| f.0)
        .max_by_key(|l| l.weight())
        .unwrap_or(Level::Ok);
    let unknown: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == Level::Unknown)
        .map(|f| f.3)
        .collect();
    let status = match found.iter().find(|f| f.0 == worst) {
        Some(_) if worst == Level::Unknown && unknown.len() > 1 => format!(
            "{} unrecorded: ended with no renewal or closure recorded; update the file",
            unknown.join(", ")
        ),
        Some((_, short, _, _)) => short.clone(),
        None => format!("nothing due within {}", days(within)),
    };
    let details: Vec<String> = found
        .iter()
        .map(|(l, _, line, _)| format!("{}: {line}", l.word()))
        .collect();
    report_text(worst, &status, &perf.join(" "), &details)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{at, builtin};
    use crate::source::{self, Origin};

    fn nagios(within: Option<i64>, critical: Option<i64>) -> Outcome {
        let now = at("2025-09-22T12:00:00-04:00");
        report(&builtin(), now, &Options { within, critical })
    }

    #[test]
    fn the_seed_instant_is_a_warning_in_the_issue_s_words() {
        let o = nagios(None, None);
        assert_eq!(o.code, 1);
        assert_eq!(
            o.stdout.lines().next().unwrap(),
            "MANDATE WARNING - MSS expires in 11 days | mss_days=11;@0:30;@0:7;0 gsf_days_to_start=11"
        );
        assert_eq!(
            o.stdout.lines().nth(2).unwrap(),
            "WARNING: GSF  starts in 11 days (3 Oct 2025)"
        );
        let o = nagios(None, Some(11));
        assert_eq!(o.code, 2);
        assert!(o
            .stdout
            .starts_with("MANDATE CRITICAL - MSS expires in 11 days | mss_days=11;@0:30;@0:11;0"));
        let o = nagios(Some(10), None);
        assert_eq!(o.code, 0);
        assert!(o
            .stdout
            .starts_with("MANDATE OK - nothing due within 10 days | "));
    }

    #[test]
    fn usage_and_bad_files_are_unknown() {
        let o = usage("error: unexpected argument '--x' found\n\nUsage: mandate [FILE]\n");
        assert_eq!(o.code, UNKNOWN);
        assert_eq!(UNKNOWN, 3);
        assert_eq!(
            o.stdout,
            "MANDATE UNKNOWN - unexpected argument '--x' found\nUsage: mandate [FILE]\n"
        );
        let diags = source::load(&Origin::File("/nonexistent/m.toml".into()))
            .into_result()
            .unwrap_err();
        let text = unusable("/nonexistent/m.toml", &diags);
        assert!(
            text.starts_with("MANDATE UNKNOWN - /nonexistent/m.toml: 1 error"),
            "{text}"
        );
    }

    #[test]
    fn a_pipe_in_a_name_cannot_start_the_performance_data() {
        let o = report_text(Level::Ok, "a|b", "x=1", &["c|d".into()]);
        assert_eq!(o.stdout, "MANDATE OK - a\u{a6}b | x=1\nc\u{a6}d\n");
    }
}
