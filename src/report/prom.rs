//! `mandate --prom`: metrics in the Prometheus text exposition format (0.0.4), for the
//! node exporter's textfile collector. Every family once, with `# HELP` and `# TYPE`;
//! labels `mission` (the id) and `name` (the short name); personnel figures also by
//! `category` where the file gives categories (the series without `category` is the
//! total).

use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::Outcome;
use crate::domain::state::{self, Phase, State};
use crate::domain::{Category, Dataset, Mission};

/// A label value, escaped as the format wants: `\\`, `\"` and `\n`.
fn label_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A sample value: integers as written, ratios in Rust's shortest round-trip form.
fn number(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else {
        format!("{v}")
    }
}

/// One metric family: its samples, each with its extra labels and value.
struct Family {
    name: &'static str,
    help: &'static str,
    samples: Vec<(String, String)>,
}

impl Family {
    fn new(name: &'static str, help: &'static str) -> Self {
        Family {
            name,
            help,
            samples: Vec::new(),
        }
    }

    /// A sample of `m` with extra labels (already escaped, each `,key="value"`).
    fn add(&mut self, m: &Mission, extra: &str, value: String) {
        let labels = format!(
            "mission=\"{}\",name=\"{}\"{extra}",
            label_value(&m.id),
            label_value(&m.short)
        );
        self.samples.push((labels, value));
    }

    fn by_category<T: Copy>(
        &mut self,
        m: &Mission,
        cats: Option<&Vec<(Category, T)>>,
        f: impl Fn(T) -> String,
    ) {
        for (c, n) in cats.into_iter().flatten() {
            self.add(m, &format!(",category=\"{}\"", c.key()), f(*n));
        }
    }

    fn write(&self, out: &mut String) {
        // The help text is ours: no backslash or line break to escape.
        let _ = writeln!(out, "# HELP {} {}", self.name, self.help);
        let _ = writeln!(out, "# TYPE {} gauge", self.name);
        for (labels, value) in &self.samples {
            let _ = writeln!(out, "{}{{{labels}}} {value}", self.name);
        }
    }
}

/// The exposition of `data` at `now`.
pub fn prom_text(data: &Dataset, now: DateTime<Utc>) -> String {
    let mut expiry = Family::new(
        "mandate_expiry_timestamp_seconds",
        "The instant the mandate's current (or next, or last) chain of periods ends, in Unix seconds; absent when open-ended.",
    );
    let mut left = Family::new(
        "mandate_days_remaining",
        "Days of mandate left, counting today and the last day (0 once expired); absent while pending, lapsed or open-ended.",
    );
    let mut to_start = Family::new(
        "mandate_days_to_start",
        "Days until the next chain of periods starts, for a pending or lapsed mandate.",
    );
    let mut phase = Family::new(
        "mandate_phase",
        "1 for the mandate's current phase, 0 for the others.",
    );
    let mut authorized = Family::new(
        "mandate_authorized_personnel",
        "The ceiling in force today: the total without a category label, and each category the ceiling sets.",
    );
    let mut deployed = Family::new(
        "mandate_deployed_personnel",
        "The latest deployed figure on or before today: the total without a category label, and each category it gives.",
    );
    let mut ratio = Family::new(
        "mandate_deployment_ratio",
        "Deployed over authorized (may exceed 1): the total without a category label, and each category both give.",
    );
    let mut age = Family::new(
        "mandate_figures_age_days",
        "Days since the date of the latest deployed figure.",
    );
    let mut stale = Family::new(
        "mandate_stale",
        "1 when the latest deployed figure is older than the file's stale_days, else 0.",
    );
    let states: Vec<State> = state::states(data, now);
    for (m, s) in data.missions.iter().zip(&states) {
        if let Some(t) = s.expires_at {
            expiry.add(m, "", t.timestamp().to_string());
        }
        if let Some(n) = s.days_remaining {
            left.add(m, "", n.to_string());
        }
        if let Some(n) = s.days_to_start {
            to_start.add(m, "", n.to_string());
        }
        for p in Phase::ALL {
            let extra = format!(",phase=\"{}\"", p.key());
            phase.add(m, &extra, u8::from(p == s.phase).to_string());
        }
        if let Some(n) = s.authorized {
            authorized.add(m, "", n.to_string());
        }
        authorized.by_category(m, s.authorized_by_category.as_ref(), |n| n.to_string());
        if let Some(n) = s.deployed {
            deployed.add(m, "", n.to_string());
        }
        deployed.by_category(m, s.deployed_by_category.as_ref(), |n| n.to_string());
        if let Some(r) = s.deployment_ratio {
            ratio.add(m, "", number(r));
        }
        ratio.by_category(m, s.deployment_ratio_by_category.as_ref(), number);
        if let Some(d) = s.deployed_as_of {
            age.add(m, "", (s.today - d).num_days().to_string());
        }
        stale.add(m, "", u8::from(s.stale).to_string());
    }
    let mut out = String::new();
    for f in [
        &expiry,
        &left,
        &to_start,
        &phase,
        &authorized,
        &deployed,
        &ratio,
        &age,
        &stale,
    ] {
        f.write(&mut out);
    }
    out
}

/// `mandate --prom` (it takes no options).
pub fn report(data: &Dataset, now: DateTime<Utc>) -> Outcome {
    Outcome::ok(prom_text(data, now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_escape_backslash_quote_and_newline() {
        assert_eq!(label_value("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
        assert_eq!(number(0.3956), "0.3956");
        assert_eq!(number(1.0), "1");
        assert_eq!(number(f64::INFINITY), "+Inf");
    }
}
