//! The UN Peacekeeping troop and police contributions file (`odp_contributionsbygender.csv`
//! on HDX, or `DPO-UCHISTORICAL` / `DPO-UCLATEST` from the Peace and Security Data Hub):
//! one row per month, mission, contributing country and personnel type, read as a stream.
//!
//! The latest month of each mission in the file becomes its `deployed` figure by category,
//! earlier months its `history`, and the latest month's rows its contributors by country.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use super::proposal::{MonthFigure, NewDeployment, NewSource, SourceError};
use crate::domain::text::clean;
use crate::domain::{Category, Dataset};
use crate::source::MAX_FILE_BYTES;

/// The personnel types of the file and the category each counts in, in the order the
/// summary and the README print them.
pub const PERSONNEL_TYPES: &[(&str, Category)] = &[
    ("Troops", Category::Military),
    ("Staff Officer", Category::Observers),
    ("Experts on Mission", Category::Observers),
    ("Individual Police", Category::Police),
    ("Formed Police Units", Category::FormedPolice),
];

/// The page the figures are published on, cited as the source.
pub const CONTRIBUTIONS_URL: &str = "https://peacekeeping.un.org/en/troop-and-police-contributors";

/// The columns read, as the Data Hub spells them (the HDX file capitalizes them; both
/// are matched without regard to case). Other columns are ignored.
const COLUMNS: [&str; 6] = [
    "contributing_country",
    "mission_acronym",
    "personnel_type",
    "female_personnel",
    "male_personnel",
    "last_reporting_date",
];
const COUNTRY: usize = 0;
const MISSION: usize = 1;
const TYPE: usize = 2;
const FEMALE: usize = 3;
const MALE: usize = 4;
const DATE: usize = 5;

/// What the contributions file proposes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contributions {
    /// One per mission of the file with rows, in the order of `missions`' ids.
    pub deployments: Vec<NewDeployment>,
    /// Rows for missions not in the file, by acronym as written (trimmed).
    pub unmatched: BTreeMap<String, usize>,
}

/// The names each mission of `data` is known by in the UN's records: its `short`, `id`
/// and `aliases`, by id.
pub fn mission_names(data: &Dataset) -> BTreeMap<String, Vec<String>> {
    data.missions
        .iter()
        .map(|m| {
            let mut names = vec![m.short.clone(), m.id.clone()];
            names.extend(m.aliases.iter().cloned());
            (m.id.clone(), names)
        })
        .collect()
}

/// Whether `bytes` start like a contributions file: a header with the columns read.
pub fn looks_like_contributions(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(4096)];
    let first = head.split(|&b| b == b'\n').next().unwrap_or(b"");
    let line = String::from_utf8_lossy(first).to_ascii_lowercase();
    let cells: Vec<&str> = line
        .split(',')
        .map(|c| c.trim().trim_matches('"').trim())
        .collect();
    COLUMNS.iter().all(|c| cells.contains(c))
}

/// Reads a contributions file (`path_name` names it in errors) for the missions of
/// `missions` (the names of each mission by id, see [`mission_names`]; matched without
/// regard to case or surrounding spaces). Months before `since` are left out of the
/// earlier months (the latest month is always read).
///
/// `#N/A` and empty personnel cells count as 0. A row of a matched mission whose date,
/// personnel type or figures cannot be read is an error naming its line: nothing is
/// guessed. Rows of other missions are only counted.
pub fn read_contributions(
    path_name: &str,
    bytes: &[u8],
    missions: &BTreeMap<String, Vec<String>>,
    since: Option<NaiveDate>,
) -> Result<(Vec<NewDeployment>, BTreeMap<String, usize>), SourceError> {
    read(path_name, bytes, missions, since).map(|c| (c.deployments, c.unmatched))
}

/// [`read_contributions`], as one value.
pub fn read(
    path_name: &str,
    bytes: &[u8],
    missions: &BTreeMap<String, Vec<String>>,
    since: Option<NaiveDate>,
) -> Result<Contributions, SourceError> {
    let fail = |line: Option<usize>, message: String| SourceError {
        path: path_name.to_string(),
        line,
        message,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(
            None,
            format!(
                "the file is {} bytes, over the {} MiB limit for a source; download the latest months only (the Data Hub's DPO-UCLATEST) or split it",
                bytes.len(),
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let ids: Vec<&String> = missions.keys().collect();
    for (i, names) in missions.values().enumerate() {
        for n in names {
            let key = n.trim().to_uppercase();
            let slot = by_name.entry(key).or_default();
            if !slot.contains(&i) {
                slot.push(i);
            }
        }
    }

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut columns: Option<[usize; 6]> = None;
    let mut acc: Vec<Acc> = (0..ids.len()).map(|_| Acc::default()).collect();
    let mut unmatched: BTreeMap<String, usize> = BTreeMap::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                return Err(fail(line, format!("not a readable CSV file: {e}")));
            }
        }
        let line = record.position().map(|p| p.line() as usize);
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let Some(cols) = columns else {
            columns = Some(header(&record).map_err(|m| fail(line, m))?);
            continue;
        };
        let field = |i: usize| -> String {
            let raw = record.get(cols[i]).unwrap_or(b"");
            String::from_utf8_lossy(raw).trim().to_string()
        };
        let acronym = field(MISSION);
        let Some(targets) = by_name.get(&acronym.to_uppercase()) else {
            let name = if acronym.is_empty() {
                "(blank)".to_string()
            } else {
                clean(&acronym)
            };
            *unmatched.entry(name).or_insert(0) += 1;
            continue;
        };
        let at = |what: String| fail(line, format!("{what} (mission {})", clean(&acronym)));
        let date_text = field(DATE);
        let date = parse_date(&date_text).ok_or_else(|| {
            at(format!(
                "the reporting date `{}` cannot be read; expected 30-Nov-20, 30/11/2020 or 2020-11-30",
                clean(&date_text)
            ))
        })?;
        let kind_text = field(TYPE);
        let category = category(&kind_text).ok_or_else(|| {
            at(format!(
                "the personnel type `{}` is not one of: {}",
                clean(&kind_text),
                PERSONNEL_TYPES
                    .iter()
                    .map(|(t, _)| *t)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let mut total = 0i64;
        for (col, name) in [(FEMALE, "female"), (MALE, "male")] {
            let text = field(col);
            let n = count(&text).ok_or_else(|| {
                at(format!(
                    "the {name} personnel `{}` is not a whole number of 0 or more",
                    clean(&text)
                ))
            })?;
            total = total.saturating_add(n);
        }
        let country = clean(&field(COUNTRY));
        for &t in targets {
            acc[t].add(date, category, total, &country);
        }
    }
    if columns.is_none() {
        return Err(fail(
            None,
            "the file is empty; expected a header with the columns of the UN's contributions file"
                .into(),
        ));
    }
    let deployments = ids
        .iter()
        .zip(acc)
        .filter_map(|(id, a)| a.finish(id, since))
        .collect();
    Ok(Contributions {
        deployments,
        unmatched,
    })
}

/// Where each column read sits in the header, or which are missing.
fn header(record: &csv::ByteRecord) -> Result<[usize; 6], String> {
    let names: Vec<String> = record
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_ascii_lowercase())
        .collect();
    let mut at = [0usize; 6];
    let mut missing = Vec::new();
    for (i, c) in COLUMNS.iter().enumerate() {
        match names.iter().position(|n| n == c) {
            Some(p) => at[i] = p,
            None => missing.push(*c),
        }
    }
    if missing.is_empty() {
        Ok(at)
    } else {
        Err(format!(
            "not a contributions file: the header lacks {} (expected the columns of the UN's file, such as Mission_Acronym,Personnel_Type,Female_Personnel,Male_Personnel,Last_Reporting_Date)",
            missing.join(", ")
        ))
    }
}

fn category(kind: &str) -> Option<Category> {
    PERSONNEL_TYPES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(kind))
        .map(|(_, c)| *c)
}

/// A personnel count: `#N/A` and empty are 0; `1,234` and `12.0` are read as 1234 and 12.
fn count(text: &str) -> Option<i64> {
    if text.is_empty() || text.eq_ignore_ascii_case("#N/A") || text.eq_ignore_ascii_case("N/A") {
        return Some(0);
    }
    let digits: String = text.chars().filter(|c| *c != ',').collect();
    let whole = match digits.split_once('.') {
        Some((w, frac)) if !frac.is_empty() && frac.chars().all(|c| c == '0') => w,
        Some(_) => return None,
        None => &digits,
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    whole.parse().ok()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `30-Nov-20` (a two-digit year is 1969-2068, as POSIX reads `%y`), `30-Nov-2020`,
/// `30/11/2020` (day first) or ISO `2020-11-30` (a time after it is ignored).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(iso) = t.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
            let rest = &t[10..];
            if rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ') {
                return Some(d);
            }
        }
    }
    let (day, month, year) = if let Some((d, rest)) = t.split_once('-') {
        let (m, y) = rest.split_once('-')?;
        let lower = m.to_ascii_lowercase();
        let month = MONTHS.iter().position(|&n| lower == n)? as u32 + 1;
        (d, month, y)
    } else if let Some((d, rest)) = t.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        if y.len() != 4 {
            return None;
        }
        (d, m.parse().ok()?, y)
    } else {
        return None;
    };
    if day.is_empty() || day.len() > 2 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let day: u32 = day.parse().ok()?;
    let year: i32 = match year.len() {
        2 => {
            let yy: i32 = year.parse().ok()?;
            if yy >= 69 {
                1900 + yy
            } else {
                2000 + yy
            }
        }
        4 => year.parse().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The month of a date, as a key.
fn month(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

/// One mission's months as the rows come, and its latest month's rows by country.
#[derive(Default)]
struct Acc {
    /// Per month: the latest reporting date in it and the personnel by category.
    months: BTreeMap<(i32, u32), (NaiveDate, BTreeMap<Category, i64>)>,
    /// The latest month seen, and its personnel by country.
    latest: Option<(i32, u32)>,
    countries: HashMap<String, i64>,
}

impl Acc {
    fn add(&mut self, date: NaiveDate, category: Category, n: i64, country: &str) {
        let m = month(date);
        let entry = self
            .months
            .entry(m)
            .or_insert_with(|| (date, BTreeMap::new()));
        entry.0 = entry.0.max(date);
        let c = entry.1.entry(category).or_insert(0);
        *c = c.saturating_add(n);
        match self.latest {
            Some(l) if m < l => return,
            Some(l) if m == l => {}
            _ => {
                self.latest = Some(m);
                self.countries.clear();
            }
        }
        if !country.is_empty() && !country.eq_ignore_ascii_case("#N/A") {
            let c = self.countries.entry(country.to_string()).or_insert(0);
            *c = c.saturating_add(n);
        }
    }

    fn finish(mut self, id: &str, since: Option<NaiveDate>) -> Option<NewDeployment> {
        let latest_key = *self.months.keys().next_back()?;
        let (date, by_category) = self.months.remove(&latest_key)?;
        let earlier = self
            .months
            .into_values()
            .filter(|(d, _)| since.is_none_or(|s| *d >= s))
            .map(|(date, by_category)| MonthFigure { date, by_category })
            .collect();
        let mut contributors: Vec<(String, i64)> = self.countries.into_iter().collect();
        contributors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Some(NewDeployment {
            mission: id.to_string(),
            latest: MonthFigure { date, by_category },
            earlier,
            contributors,
            source: NewSource {
                title: format!(
                    "UN Peacekeeping, troop and police contributions ({})",
                    date.format("%b %Y")
                ),
                url: CONTRIBUTIONS_URL.to_string(),
                date,
            },
        })
    }
}

#[cfg(test)]
mod tests;
