//! Security Council resolutions, read from the UN's Akoma Ntoso (AKN4UN) XML files or
//! the `data_extract` JSON Lines, and the periods they propose for the user's file.

pub mod akn;
pub mod dates;
pub mod extract;
pub mod jsonl;

use std::path::Path;

use chrono::NaiveDate;

use super::kind::{kind_of, SourceKind};
use super::SourceError;
use crate::domain::text::clean;

pub use extract::{default_names, propose, propose_with, Proposed};

/// One resolution, as far as its source tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub number: u32,
    pub year: i32,
    /// "S/RES/2829 (2026)".
    pub symbol: String,
    pub adopted: NaiveDate,
    /// As recorded, reduced: "12-0-3" or "unanimous" ("without a vote" when so
    /// recorded); from the vote counts when the record has no such words; `None` when
    /// neither is there.
    pub vote: Option<String>,
    /// Member names in title case ("Russian Federation"), in the source's order.
    pub in_favour: Vec<String>,
    pub against: Vec<String>,
    pub abstaining: Vec<String>,
    pub chapter_vii: bool,
    /// The library title ("Security Council resolution 2820 (2026) [on extension of …]").
    pub title: Option<String>,
    /// Operative paragraphs: number and text (whitespace-normalised, cleaned).
    pub paragraphs: Vec<(u32, String)>,
    /// The file it was read from.
    pub origin: String,
}

impl Resolution {
    /// As the data file writes it: "2829 (2026)".
    pub fn reference(&self) -> String {
        format!("{} ({})", self.number, self.year)
    }

    /// The official address of the text.
    pub fn url(&self) -> String {
        format!(
            "https://docs.un.org/en/S/RES/{}({})",
            self.number, self.year
        )
    }

    /// How much the record holds, to keep the fuller of two records of one symbol.
    pub fn completeness(&self) -> usize {
        let lists = self.in_favour.len() + self.against.len() + self.abstaining.len();
        let text: usize = self.paragraphs.iter().map(|(_, t)| t.len()).sum();
        usize::from(self.title.is_some()) * 1000
            + usize::from(self.vote.is_some()) * 1000
            + lists * 10
            + self.paragraphs.len() * 100_000
            + text.min(99_999)
    }
}

/// Whitespace runs (tabs, line breaks, U+00A0 included) become one space, the ends are
/// trimmed, and what is left is cleaned of control characters as data-file text is.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    clean(&out)
}

/// "RUSSIAN FEDERATION" -> "Russian Federation", "DEMOCRATIC REPUBLIC OF THE CONGO" ->
/// "Democratic Republic of the Congo", "GUINEA-BISSAU" -> "Guinea-Bissau",
/// "CÔTE D'IVOIRE" -> "Côte d'Ivoire". Names already in mixed case are kept.
pub fn title_case(name: &str) -> String {
    let name = normalise(name);
    if name.chars().any(|c| c.is_lowercase()) {
        return name;
    }
    const SMALL: [&str; 6] = ["of", "the", "and", "for", "de", "da"];
    let words: Vec<String> = name
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            if let Some(rest) = lower
                .strip_prefix("d'")
                .or_else(|| lower.strip_prefix("d’"))
            {
                let apostrophe = &lower[1..lower.len() - rest.len()];
                return format!("d{apostrophe}{}", capitalise_parts(rest));
            }
            capitalise_parts(&lower)
        })
        .collect();
    words.join(" ")
}

/// Capitalises each part of a lowercase word split at hyphens and opening brackets.
fn capitalise_parts(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for c in lower.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
            if c == '-' || c == '(' || c == '/' {
                start = true;
            }
        }
    }
    out
}

/// The vote as recorded ("Adopted 13-0-2, 10097th meeting", "Adopted unanimously, …"),
/// reduced to "13-0-2" or "unanimous"; `None` when the words say neither.
pub fn reduce_vote(recorded: &str) -> Option<String> {
    let text = normalise(recorded);
    let lower = text.to_lowercase();
    if lower.contains("unanimous") {
        return Some("unanimous".into());
    }
    if lower.contains("without a vote") {
        return Some("without a vote".into());
    }
    text.split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .find(|w| {
            let parts: Vec<&str> = w.split('-').collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_owned)
}

/// The vote from the counts when the record has no words for it: "13-0-2".
pub fn vote_from_counts(
    in_favour: Option<u32>,
    against: Option<u32>,
    abstaining: Option<u32>,
) -> Option<String> {
    let f = in_favour?;
    Some(format!(
        "{f}-{}-{}",
        against.unwrap_or(0),
        abstaining.unwrap_or(0)
    ))
}

/// Number and year from a symbol or a reference: "S/RES/2829 (2026)", "2829 (2026)",
/// "Resolution 2829(2026)".
pub fn number_and_year(s: &str) -> Option<(u32, i32)> {
    let s = normalise(s);
    let open = s.find('(')?;
    let close = open + s[open..].find(')')?;
    let year: i32 = s[open + 1..close].trim().parse().ok()?;
    let before = s[..open].trim_end();
    let digits_start = before
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let number: u32 = before[digits_start..].parse().ok()?;
    (1000..=9999).contains(&year).then_some((number, year))
}

/// Reads every resolution in `path`: an XML file, a `data_extract` JSON Lines file, or
/// a folder of them (searched a few levels down, hidden folders skipped). Each source is
/// read with the data file's size limit; one that cannot be read is an error naming it,
/// and the others are still read. Non-English XML files in a folder are skipped.
pub fn read_path(path: &Path) -> (Vec<Resolution>, Vec<SourceError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    if path.is_dir() {
        let mut files = Vec::new();
        collect_files(path, 0, &mut files, &mut errors);
        files.sort();
        for file in files {
            let name = file.display().to_string();
            match crate::source::read(&file) {
                Ok(bytes) => match kind_of(&bytes, &name) {
                    Ok(SourceKind::ResolutionXml) => match akn::parse(&bytes, &name) {
                        Ok(r) => out.push(r),
                        Err(e) if e.message.starts_with(akn::NOT_ENGLISH) => {}
                        Err(e) => errors.push(e),
                    },
                    Ok(SourceKind::ResolutionJsonl) => {
                        let (rs, es) = jsonl::parse(&bytes, &name);
                        out.extend(rs);
                        errors.extend(es);
                    }
                    // Other files in a folder of resolutions (a README, a CSV) are not
                    // resolutions: passed over.
                    Ok(SourceKind::ContributionsCsv) | Err(_) => {}
                },
                Err(e) => errors.push(SourceError {
                    path: name,
                    line: None,
                    message: e.to_string(),
                }),
            }
        }
    } else {
        let name = path.display().to_string();
        match crate::source::read(path) {
            Ok(bytes) => {
                let (rs, es) = parse(&bytes, &name);
                out.extend(rs);
                errors.extend(es);
            }
            Err(e) => errors.push(SourceError {
                path: name,
                line: None,
                message: e.to_string(),
            }),
        }
    }
    (dedupe(out), errors)
}

/// Reads one source's bytes, of either resolution kind (told by content).
pub fn parse(bytes: &[u8], path: &str) -> (Vec<Resolution>, Vec<SourceError>) {
    match kind_of(bytes, path) {
        Ok(SourceKind::ResolutionXml) => match akn::parse(bytes, path) {
            Ok(r) => (vec![r], Vec::new()),
            Err(e) => (Vec::new(), vec![e]),
        },
        Ok(SourceKind::ResolutionJsonl) => jsonl::parse(bytes, path),
        Ok(SourceKind::ContributionsCsv) => (
            Vec::new(),
            vec![SourceError {
                path: path.to_owned(),
                line: None,
                message: "a contributions CSV file, not resolutions".into(),
            }],
        ),
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// Keeps one record per symbol: the most complete (an XML text over a JSON line, a full
/// JSON line over a degraded copy); the first read on a tie. Order of first reading kept.
pub fn dedupe(resolutions: Vec<Resolution>) -> Vec<Resolution> {
    let mut out: Vec<Resolution> = Vec::with_capacity(resolutions.len());
    for r in resolutions {
        match out
            .iter_mut()
            .find(|o| o.number == r.number && o.year == r.year)
        {
            Some(o) => {
                if r.completeness() > o.completeness() {
                    *o = r;
                }
            }
            None => out.push(r),
        }
    }
    out
}

/// Folders are searched this deep (a clone of the repository: `2026/English/`).
const MAX_FOLDER_DEPTH: usize = 4;

fn collect_files(
    dir: &Path,
    depth: usize,
    files: &mut Vec<std::path::PathBuf>,
    errors: &mut Vec<SourceError>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(SourceError {
                path: dir.display().to_string(),
                line: None,
                message: format!("cannot read the folder: {}", clean(&e.to_string())),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !hidden && depth < MAX_FOLDER_DEPTH {
                collect_files(&path, depth + 1, files, errors);
            }
        } else if kind.is_file() && !hidden {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_in_title_case() {
        assert_eq!(title_case("RUSSIAN FEDERATION"), "Russian Federation");
        assert_eq!(
            title_case("DEMOCRATIC REPUBLIC OF THE CONGO"),
            "Democratic Republic of the Congo"
        );
        assert_eq!(title_case("GUINEA-BISSAU"), "Guinea-Bissau");
        assert_eq!(title_case("CÔTE D'IVOIRE"), "Côte d'Ivoire");
        assert_eq!(title_case("BAHAMAS (THE)"), "Bahamas (The)");
        assert_eq!(title_case(" UNITED\u{a0}KINGDOM "), "United Kingdom");
        assert_eq!(title_case("Already Written"), "Already Written");
    }

    #[test]
    fn votes_reduced_as_recorded() {
        assert_eq!(
            reduce_vote("Adopted 13-0-2, 10097th meeting").as_deref(),
            Some("13-0-2")
        );
        assert_eq!(
            reduce_vote("Adopted 13-0-2, 10148thmeeting").as_deref(),
            Some("13-0-2")
        );
        assert_eq!(
            reduce_vote("Adopted unanimously, 9812th meeting").as_deref(),
            Some("unanimous")
        );
        assert_eq!(
            reduce_vote("Adopted 9-0-6, 10161st meeting").as_deref(),
            Some("9-0-6")
        );
        assert_eq!(
            reduce_vote("Adopted without a vote").as_deref(),
            Some("without a vote")
        );
        assert_eq!(reduce_vote("Adopted, 10231st meeting"), None);
        assert_eq!(reduce_vote(""), None);
        assert_eq!(
            vote_from_counts(Some(12), None, Some(3)).as_deref(),
            Some("12-0-3")
        );
        assert_eq!(vote_from_counts(None, Some(1), None), None);
    }

    #[test]
    fn text_normalised_and_cleaned() {
        assert_eq!(
            normalise("\t Decides\u{a0}to\n\n extend "),
            "Decides to extend"
        );
        assert_eq!(normalise("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(normalise("x\u{202e}y"), "xy");
    }

    #[test]
    fn numbers_and_years_from_symbols() {
        assert_eq!(number_and_year("S/RES/2829 (2026)"), Some((2829, 2026)));
        assert_eq!(
            number_and_year("\t\tResolution 2813 (2026)"),
            Some((2813, 2026))
        );
        assert_eq!(number_and_year("2829(2026)"), Some((2829, 2026)));
        assert_eq!(number_and_year("S/RES/2829"), None);
        assert_eq!(number_and_year("(2026)"), None);
    }
}
