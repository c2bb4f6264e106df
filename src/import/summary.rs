//! The summary of an import, as text for a person and as JSON for a script: what
//! matched, what did not, what needs a person, the sources that could not be read, and
//! the mapping of personnel types when a contributions file was read. Both are built
//! from one [`Summary`], so they always agree.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::contributions::PERSONNEL_TYPES;
use super::plan::{by_count, Plan};
use super::Review;
use crate::domain::text::clean;

/// What happened to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileOutcome {
    /// Nothing to change.
    Unchanged,
    /// Changes proposed, not written (no `--write`).
    Proposed,
    /// Changes written.
    Written,
    /// Changes proposed, but the write failed.
    NotWritten,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub file: String,
    pub sources: Vec<String>,
    pub outcome: FileOutcome,
    /// Per mission with a change, in the order of the proposal.
    pub matched: Vec<Matched>,
    /// Resolutions that concern no mission in the file, by symbol.
    pub unrelated: Vec<String>,
    /// Contribution rows for missions not in the file, by acronym.
    pub unmatched_rows: BTreeMap<String, usize>,
    pub review: Vec<Review>,
    pub errors: Vec<ErrorItem>,
    /// Personnel type -> category, when a contributions file was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personnel_types: Option<BTreeMap<String, String>>,
    /// The unified diff of the file (empty when nothing changes).
    pub diff: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    pub mission: String,
    pub periods: Vec<PeriodItem>,
    /// Members against and abstaining added to periods already in the file.
    pub votes: Vec<VoteItem>,
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployed: Option<Deployed>,
    pub history: Vec<NaiveDate>,
    pub contributors_updated: Vec<String>,
    pub contributors_added: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodItem {
    pub resolution: String,
    pub adopted: NaiveDate,
    pub vote: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(rename = "final")]
    pub final_period: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteItem {
    pub resolution: String,
    pub against: Vec<String>,
    pub abstaining: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deployed {
    pub as_of: NaiveDate,
    /// Category key ("military") -> personnel.
    pub by_category: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorItem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Summary {
    /// The summary of `plan` for the file named `file`.
    pub fn new(plan: &Plan, file: &str, outcome: FileOutcome) -> Summary {
        let proposal = &plan.gathered.proposal;
        let matched = plan
            .edited
            .changes
            .iter()
            .map(|c| {
                let periods = c
                    .periods
                    .iter()
                    .filter_map(|r| {
                        proposal
                            .periods
                            .iter()
                            .find(|p| p.mission == c.mission && &p.resolution == r)
                    })
                    .map(|p| PeriodItem {
                        resolution: clean(&p.resolution),
                        adopted: p.adopted,
                        vote: clean(&p.vote),
                        start: p.start,
                        end: p.end,
                        final_period: p.final_period,
                    })
                    .collect();
                let votes = c
                    .votes
                    .iter()
                    .filter_map(|r| {
                        proposal
                            .votes
                            .iter()
                            .find(|v| v.mission == c.mission && &v.resolution == r)
                    })
                    .map(|v| VoteItem {
                        resolution: clean(&v.resolution),
                        against: v.against.iter().map(|s| clean(s)).collect(),
                        abstaining: v.abstaining.iter().map(|s| clean(s)).collect(),
                    })
                    .collect();
                let deployed = c.deployed.and_then(|as_of| {
                    proposal
                        .deployments
                        .iter()
                        .find(|d| d.mission == c.mission)
                        .map(|d| Deployed {
                            as_of,
                            by_category: d
                                .latest
                                .by_category
                                .iter()
                                .map(|(k, n)| (k.key().to_string(), *n))
                                .collect(),
                        })
                });
                Matched {
                    mission: clean(&c.mission),
                    periods,
                    votes,
                    sources: c.sources.clone(),
                    deployed,
                    history: c.history.clone(),
                    contributors_updated: c.contributors_updated.iter().map(|s| clean(s)).collect(),
                    contributors_added: c.contributors_added.iter().map(|s| clean(s)).collect(),
                }
            })
            .collect();
        let review = proposal
            .review
            .iter()
            .chain(plan.edited.review.iter())
            .map(|r| r.map_text(clean))
            .collect();
        Summary {
            file: file.to_string(),
            sources: plan.gathered.sources.clone(),
            outcome,
            matched,
            unrelated: proposal.unrelated.iter().map(|s| clean(s)).collect(),
            unmatched_rows: proposal
                .unmatched_rows
                .iter()
                .map(|(k, n)| (clean(k), *n))
                .collect(),
            review,
            errors: proposal
                .errors
                .iter()
                .map(|e| ErrorItem {
                    path: clean(&e.path),
                    line: e.line,
                    message: clean(&e.message),
                })
                .collect(),
            personnel_types: plan.gathered.contributions.then(|| {
                PERSONNEL_TYPES
                    .iter()
                    .map(|(t, c)| (t.to_string(), c.key().to_string()))
                    .collect()
            }),
            diff: plan.diff.clone(),
        }
    }

    /// As JSON (pretty, with a final line end).
    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }

    /// As text for a person (the diff is printed apart).
    pub fn text(&self) -> String {
        let mut out = String::new();
        let n = self.sources.len();
        out.push_str(&format!(
            "Import into {}: {n} source{} read.\n",
            self.file,
            plural(n)
        ));
        out.push_str("\nMatched:\n");
        if self.matched.is_empty() {
            out.push_str("  nothing new for the file\n");
        }
        for m in &self.matched {
            for p in &m.periods {
                out.push_str(&format!(
                    "  {}: period {} to {}, resolution {} adopted {} ({}){}\n",
                    m.mission,
                    p.start,
                    p.end,
                    p.resolution,
                    p.adopted,
                    p.vote,
                    if p.final_period { ", final" } else { "" }
                ));
            }
            for v in &m.votes {
                let named: Vec<String> = [("against", &v.against), ("abstaining", &v.abstaining)]
                    .iter()
                    .filter(|(_, l)| !l.is_empty())
                    .map(|(k, l)| format!("{k} {}", l.join(", ")))
                    .collect();
                out.push_str(&format!(
                    "  {}: vote detail for {}: {}\n",
                    m.mission,
                    v.resolution,
                    named.join("; ")
                ));
            }
            if let Some(d) = &m.deployed {
                let cats: Vec<String> = d
                    .by_category
                    .iter()
                    .map(|(k, n)| format!("{k} {n}"))
                    .collect();
                out.push_str(&format!(
                    "  {}: deployed as of {} ({}): {}\n",
                    m.mission,
                    d.as_of,
                    d.as_of.format("%B %Y"),
                    cats.join(", ")
                ));
            }
            if !m.history.is_empty() {
                let months: Vec<String> = m.history.iter().map(|d| d.to_string()).collect();
                out.push_str(&format!(
                    "  {}: history, {} month{} added: {}\n",
                    m.mission,
                    months.len(),
                    plural(months.len()),
                    months.join(", ")
                ));
            }
            if !m.contributors_updated.is_empty() {
                out.push_str(&format!(
                    "  {}: contributors updated: {}\n",
                    m.mission,
                    m.contributors_updated.join(", ")
                ));
            }
            if !m.contributors_added.is_empty() {
                out.push_str(&format!(
                    "  {}: contributors added: {}\n",
                    m.mission,
                    m.contributors_added.join(", ")
                ));
            }
            for s in &m.sources {
                out.push_str(&format!("  {}: source cited: {s}\n", m.mission));
            }
        }
        if !self.unrelated.is_empty() || !self.unmatched_rows.is_empty() {
            out.push_str("\nNot matched (not written):\n");
        }
        if !self.unrelated.is_empty() {
            let n = self.unrelated.len();
            out.push_str(&format!(
                "  {n} resolution{} concern{} no mission in the file: {}\n",
                plural(n),
                if n == 1 { "s" } else { "" },
                self.unrelated.join(", ")
            ));
        }
        if !self.unmatched_rows.is_empty() {
            let rows: Vec<String> = by_count(&self.unmatched_rows)
                .iter()
                .map(|(k, n)| format!("{k} ({n} row{})", plural(*n)))
                .collect();
            out.push_str(&format!(
                "  contribution rows for missions not in the file: {}\n",
                rows.join(", ")
            ));
        }
        if !self.review.is_empty() {
            out.push_str("\nNeeds a person:\n");
        }
        for r in &self.review {
            let line = match r {
                Review::UnreadableEnd {
                    mission,
                    resolution,
                    paragraph,
                } => format!(
                    "{mission}: resolution {resolution} concerns the mandate but its end date cannot be read; nothing was written for it. The paragraph: \"{paragraph}\""
                ),
                Review::Ceiling {
                    mission,
                    resolution,
                    paragraph,
                    sentence,
                } => format!(
                    "{mission}: resolution {resolution} sets a personnel ceiling (operative paragraph {}); write the figures as `authorized` by hand: \"{sentence}\"",
                    paragraph.trim_end_matches('.')
                ),
                Review::Disagrees {
                    mission,
                    what,
                    file,
                    source,
                } => format!(
                    "{mission}: {what}: the file says {file}, the source {source}; the file's figure is kept"
                ),
            };
            out.push_str(&format!("  {line}\n"));
        }
        if !self.errors.is_empty() {
            out.push_str("\nSources that could not be read (the others were):\n");
        }
        for e in &self.errors {
            match e.line {
                Some(l) => out.push_str(&format!("  {}:{l}: {}\n", e.path, e.message)),
                None => out.push_str(&format!("  {}: {}\n", e.path, e.message)),
            }
        }
        if let Some(types) = &self.personnel_types {
            out.push_str("\nPersonnel types (contributions file -> category in the file):\n");
            for (t, c) in PERSONNEL_TYPES {
                let key = types.get(*t).map_or(c.key(), String::as_str);
                out.push_str(&format!("  {t:<20} -> {key}\n"));
            }
        }
        out.push('\n');
        let file = &self.file;
        out.push_str(&match self.outcome {
            FileOutcome::Unchanged => {
                format!("No changes: {file} already holds everything the sources bring.\n")
            }
            FileOutcome::Proposed => format!(
                "Nothing was written: run again with --write to apply the diff to {file}.\n"
            ),
            FileOutcome::Written => format!("Written to {file}.\n"),
            FileOutcome::NotWritten => format!("Nothing was written to {file}.\n"),
        });
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
