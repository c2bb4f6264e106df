//! One import from end to end, short of the terminal and the write: the sources read
//! ([`read_sources`]), then the proposal written into the file's text, with the diff
//! ([`plan`]). The command line prints the diff and the summary, and writes with
//! [`super::write_atomic`] when asked.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::contributions::{mission_names, read_contributions};
use super::kind::{kind_of, SourceKind};
use super::resolution::{self, Resolution};
use super::{apply, diff, Edited, Proposal, SourceError};
use crate::domain::text::clean;
use crate::domain::Dataset;

/// What the sources propose for one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gathered {
    pub proposal: Proposal,
    /// The sources as named on the command line.
    pub sources: Vec<String>,
    /// Whether a contributions file was read (the summary then prints the mapping of
    /// personnel types).
    pub contributions: bool,
}

/// Reads every source in `paths` (each an XML file, a folder of them, a `data_extract`
/// JSON Lines file or a contributions CSV file, told by content) for the missions of
/// `data`. A source that cannot be read is an error in the proposal naming it (and the
/// line, where known); the others are still read.
pub fn read_sources(paths: &[PathBuf], data: &Dataset, since: Option<NaiveDate>) -> Gathered {
    let mut resolutions: Vec<Resolution> = Vec::new();
    let mut out = Gathered::default();
    let names = mission_names(data);
    for path in paths {
        let name = clean(&path.display().to_string());
        out.sources.push(name.clone());
        if path.is_dir() {
            let (rs, es) = resolution::read_path(path);
            resolutions.extend(rs);
            out.proposal.errors.extend(es);
            continue;
        }
        let bytes = match crate::source::read(path) {
            Ok(b) => b,
            Err(e) => {
                out.proposal.errors.push(SourceError {
                    path: name,
                    line: None,
                    message: e.to_string(),
                });
                continue;
            }
        };
        match kind_of(&bytes, &name) {
            Ok(SourceKind::ContributionsCsv) => {
                out.contributions = true;
                match read_contributions(&name, &bytes, &names, since) {
                    Ok((deployments, unmatched)) => {
                        merge_deployments(&mut out.proposal, deployments);
                        for (acronym, n) in unmatched {
                            *out.proposal.unmatched_rows.entry(acronym).or_default() += n;
                        }
                    }
                    Err(e) => out.proposal.errors.push(e),
                }
            }
            Ok(_) => {
                let (rs, es) = resolution::parse(&bytes, &name);
                resolutions.extend(rs);
                out.proposal.errors.extend(es);
            }
            Err(e) => out.proposal.errors.push(e),
        }
    }
    let resolutions = resolution::dedupe(resolutions);
    let proposed = resolution::propose(&resolutions, data);
    out.proposal.periods = proposed.periods;
    out.proposal.votes = proposed.votes;
    out.proposal.review = proposed.review;
    out.proposal.unrelated = proposed.unrelated;
    out
}

/// Two contributions files for one mission: the one with the later month is kept.
fn merge_deployments(proposal: &mut Proposal, new: Vec<super::NewDeployment>) {
    for d in new {
        match proposal
            .deployments
            .iter_mut()
            .find(|o| o.mission == d.mission)
        {
            Some(o) if d.latest.date > o.latest.date => *o = d,
            Some(_) => {}
            None => proposal.deployments.push(d),
        }
    }
}

/// The import, computed: what was proposed, the edited text and its diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub gathered: Gathered,
    pub edited: Edited,
    /// The unified diff of the file (empty when nothing changes).
    pub diff: String,
}

impl Plan {
    /// Whether the file would change.
    pub fn changes(&self) -> bool {
        !self.diff.is_empty()
    }
}

/// Writes what `gathered` proposes into `text`, the file named `name`. Errors (with the
/// reason): the text is not TOML, or the result would not load.
pub fn plan(gathered: Gathered, name: &str, text: &str) -> Result<Plan, String> {
    let edited = apply(text, &gathered.proposal)?;
    // "a//tmp/f.toml" for an absolute path would read oddly: "a/tmp/f.toml".
    let diff = diff(name.trim_start_matches('/'), text, &edited.text);
    Ok(Plan {
        gathered,
        edited,
        diff,
    })
}

/// Unmatched rows by acronym, most first then by name: for the summary.
pub fn by_count(rows: &BTreeMap<String, usize>) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = rows.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(rel: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    fn commented() -> (String, Dataset) {
        let text =
            std::fs::read_to_string(fixture("tests/fixtures/import/commented.toml")).unwrap();
        let data = crate::source::parse(text.as_bytes()).unwrap();
        (text, data)
    }

    #[test]
    fn a_source_that_cannot_be_read_is_an_error_and_the_others_are_read() {
        let (text, data) = commented();
        let paths = [
            fixture("tests/fixtures/import/resolutions/truncated.xml"),
            fixture("tests/fixtures/import/resolutions/drc-sanctions.xml"),
            fixture("tests/fixtures/import/nowhere.xml"),
            fixture("tests/fixtures/import/commented.toml"),
        ];
        let g = read_sources(&paths, &data, None);
        assert_eq!(g.sources.len(), 4);
        assert!(!g.contributions);
        let failed: Vec<&str> = g.proposal.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(failed.len(), 3, "{:?}", g.proposal.errors);
        assert!(failed[0].ends_with("truncated.xml"), "{failed:?}");
        assert!(failed[1].ends_with("nowhere.xml"), "{failed:?}");
        assert!(failed[2].ends_with("commented.toml"), "{failed:?}");
        assert_eq!(g.proposal.unrelated.len(), 1, "{:?}", g.proposal.unrelated);
        let p = plan(g, "f.toml", &text).unwrap();
        assert!(!p.changes());
        assert_eq!(p.edited.text, text);
    }

    #[test]
    fn contributions_for_one_mission_keep_the_later_month() {
        let data = crate::source::parse(
            std::fs::read(fixture("data/portfolio.toml"))
                .unwrap()
                .as_slice(),
        )
        .unwrap();
        let paths = [
            fixture("tests/fixtures/import/contributions/hdx.csv"),
            fixture("tests/fixtures/import/contributions/datahub.csv"),
        ];
        let g = read_sources(&paths, &data, None);
        assert!(g.contributions);
        assert!(g.proposal.errors.is_empty(), "{:?}", g.proposal.errors);
        let missions: Vec<&str> = g
            .proposal
            .deployments
            .iter()
            .map(|d| d.mission.as_str())
            .collect();
        let mut unique = missions.clone();
        unique.dedup();
        assert_eq!(missions, unique);
        assert!(!missions.is_empty());
    }
}
