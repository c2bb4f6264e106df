//! Writing a [`Proposal`] into the user's file in place, with `toml_edit`: comments,
//! blank lines, key order and formatting outside the new entries are kept byte for byte.
//!
//! - A new `[[mission.mandate]]` goes right after the mission's last period, its keys
//!   in the order `start`, `end`, `resolution`, `adopted`, `vote`, `against` and
//!   `abstaining` (the members' names, only when the source names some and their number
//!   agrees with the vote's count), `final` (only when true); a period whose resolution
//!   number the mission has already is left out.
//! - The members against and abstaining of a period the mission has already (matched by
//!   resolution number) that has no such list: each list goes right after the period's
//!   `vote` (after `against` for `abstaining`), or after its last key when it has no
//!   `vote`; only when the number agrees with the `vote`.
//! - A new `[[mission.source]]` goes after the mission's sources (after its last table
//!   when it has none); one with the title, or the address and date, of a source of the
//!   mission is left out.
//! - Personnel figures: see [`strength`].
//!
//! Applying the same proposal to the result changes nothing. The result is read back
//! with the program's own parser; an edit that would make the file invalid is refused.

mod strength;

use chrono::NaiveDate;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::proposal::{NewPeriod, NewSource, Proposal, Review, VoteDetail};
use crate::domain::text::clean;

/// The edited text, and what was added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub text: String,
    /// One entry per mission with a change, in the order of the proposal.
    pub changes: Vec<MissionChanges>,
    /// Imported figures that disagree with ones written by hand for the same date (the
    /// file's figure is kept).
    pub review: Vec<Review>,
}

impl Edited {
    /// Whether the text is the original.
    pub fn is_unchanged(&self) -> bool {
        self.changes.iter().all(MissionChanges::is_empty)
    }
}

/// What was added to or changed in one mission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissionChanges {
    /// The mission's id.
    pub mission: String,
    /// The resolutions of the periods added, in the order written.
    pub periods: Vec<String>,
    /// The resolutions of the periods the members against and abstaining were added to.
    pub votes: Vec<String>,
    /// The titles of the sources added.
    pub sources: Vec<String>,
    /// The date of the new `deployed` figure (`as_of`), when it was replaced.
    pub deployed: Option<NaiveDate>,
    /// The dates added to `history` (with the figure `deployed` had, when it moved there).
    pub history: Vec<NaiveDate>,
    /// Contributors whose `deployed` figure changed, and contributors added.
    pub contributors_updated: Vec<String>,
    pub contributors_added: Vec<String>,
}

impl MissionChanges {
    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
            && self.votes.is_empty()
            && self.sources.is_empty()
            && self.deployed.is_none()
            && self.history.is_empty()
            && self.contributors_updated.is_empty()
            && self.contributors_added.is_empty()
    }
}

/// Writes `proposal`'s periods and figures into `original`, the text of a data file.
/// Errors: the text is not TOML, a mission of the proposal is not in it, or the result
/// would not load (with the parser's first problems).
pub fn apply(original: &str, proposal: &Proposal) -> Result<Edited, String> {
    // A byte order mark is kept in front; the TOML after it is edited.
    let (bom, original) = match original.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", original),
    };
    let mut doc: DocumentMut = original
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("the file is not valid TOML: {e}"))?;
    let mut changes: Vec<MissionChanges> = Vec::new();
    let mut review = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for id in proposal
        .periods
        .iter()
        .map(|p| p.mission.as_str())
        .chain(proposal.votes.iter().map(|v| v.mission.as_str()))
        .chain(proposal.deployments.iter().map(|d| d.mission.as_str()))
    {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    for id in ids {
        let mission = mission_mut(&mut doc, id)?;
        let mut done = MissionChanges {
            mission: id.to_string(),
            ..MissionChanges::default()
        };
        let mut periods: Vec<&NewPeriod> = proposal
            .periods
            .iter()
            .filter(|p| p.mission == id)
            .collect();
        periods.sort_by_key(|p| (p.adopted, p.start));
        let last_table = last_position(mission);
        for p in periods {
            if add_period(mission, p) {
                done.periods.push(p.resolution.clone());
                if add_source(mission, &p.source, last_table) {
                    done.sources.push(clean(&p.source.title));
                }
            }
        }
        for v in proposal.votes.iter().filter(|v| v.mission == id) {
            if add_votes(mission, v) {
                done.votes.push(v.resolution.clone());
            }
        }
        for d in proposal.deployments.iter().filter(|d| d.mission == id) {
            let before = done.clone();
            strength::apply(mission, d, &mut done, &mut review);
            if done != before && add_source(mission, &d.source, last_table) {
                done.sources.push(clean(&d.source.title));
            }
        }
        if !done.is_empty() {
            changes.push(done);
        }
    }
    let mut text = doc.to_string();
    // New lines end as the file's do: with CR LF when every line of the file does.
    if original.contains("\r\n") && !has_bare_lf(original) {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    text.insert_str(0, bom);
    if let Err(diags) = crate::source::parse(text.as_bytes()) {
        let reasons: Vec<String> = diags
            .iter()
            .take(3)
            .map(|d| match d.pos {
                Some(p) => format!("line {}: {}", p.line, d.message),
                None => d.message.clone(),
            })
            .collect();
        return Err(format!(
            "the edited file would not load, so nothing is written: {}",
            reasons.join("; ")
        ));
    }
    Ok(Edited {
        text,
        changes,
        review,
    })
}

/// Whether some line of `s` ends with LF alone.
fn has_bare_lf(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &c)| c == b'\n' && (i == 0 || b[i - 1] != b'\r'))
}

/// A unified diff of `old` to `new` with three lines of context, headed
/// `--- a/FILE` and `+++ b/FILE`; empty when they are equal.
pub fn diff(path_name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path_name}"), &format!("b/{path_name}"))
        .to_string()
}

/// The `[[mission]]` table with this id.
fn mission_mut<'d>(doc: &'d mut DocumentMut, id: &str) -> Result<&'d mut Table, String> {
    doc.get_mut("mission")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| {
            a.iter_mut()
                .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
        })
        .ok_or_else(|| format!("the file has no [[mission]] with id `{}`", clean(id)))
}

/// The highest place of a table header within `table` (itself included).
fn last_position(table: &Table) -> Option<isize> {
    let mut best = table.position();
    for (_, item) in table.iter() {
        let inner = match item {
            Item::Table(t) => last_position(t),
            Item::ArrayOfTables(a) => a.iter().filter_map(last_position).max(),
            _ => None,
        };
        best = best.max(inner);
    }
    best
}

/// A date as a TOML value.
pub(super) fn date_value(d: NaiveDate) -> Value {
    match d
        .format("%Y-%m-%d")
        .to_string()
        .parse::<toml_edit::Datetime>()
    {
        Ok(dt) => Value::from(dt),
        // Every NaiveDate formats as a TOML date; this arm keeps the type total.
        Err(_) => Value::from(d.to_string()),
    }
}

/// A table for a new `[[...]]` entry, preceded by a blank line.
pub(super) fn new_entry() -> Table {
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    t
}

/// The digits that open a resolution ("2829 (2026)" -> "2829"), or the trimmed text.
fn resolution_key(s: &str) -> String {
    let digits: String = s.trim().chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        s.trim().to_lowercase()
    } else {
        digits
    }
}

/// Adds a period unless the mission has one for the same resolution.
fn add_period(mission: &mut Table, p: &NewPeriod) -> bool {
    let key = resolution_key(&p.resolution);
    let periods = mission
        .entry("mandate")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let Some(periods) = periods.as_array_of_tables_mut() else {
        return false;
    };
    let known = periods.iter().any(|t| {
        t.get("resolution")
            .and_then(Item::as_str)
            .is_some_and(|r| resolution_key(r) == key)
    });
    if known {
        return false;
    }
    let mut t = new_entry();
    t.insert("start", Item::Value(date_value(p.start)));
    t.insert("end", Item::Value(date_value(p.end)));
    t.insert("resolution", Item::Value(Value::from(clean(&p.resolution))));
    t.insert("adopted", Item::Value(date_value(p.adopted)));
    t.insert("vote", Item::Value(Value::from(clean(&p.vote))));
    let against = (!p.against.is_empty()).then_some(p.against.as_slice());
    let abstaining = (!p.abstaining.is_empty()).then_some(p.abstaining.as_slice());
    // Lists that disagree with the counts (a degraded record) would make the file
    // invalid: the vote is written without them.
    if crate::domain::vote::disagreements(&p.vote, against, abstaining).is_empty() {
        for (key, list) in [("against", against), ("abstaining", abstaining)] {
            if let Some(list) = list {
                let names: toml_edit::Array = list.iter().map(|n| clean(n)).collect();
                t.insert(key, Item::Value(Value::Array(names)));
            }
        }
    }
    if p.final_period {
        t.insert("final", Item::Value(Value::from(true)));
    }
    // No place of its own: written right after the last period (see toml_edit's
    // ordering of tables without a place).
    periods.push(t);
    true
}

/// Adds the members against and abstaining to the mission's period for the same
/// resolution, each list only when the period has none and the names are there, and
/// only when their number agrees with the period's `vote`.
fn add_votes(mission: &mut Table, v: &VoteDetail) -> bool {
    let key = resolution_key(&v.resolution);
    let Some(periods) = mission
        .get_mut("mandate")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return false;
    };
    let Some(t) = periods.iter_mut().find(|t| {
        t.get("resolution")
            .and_then(Item::as_str)
            .is_some_and(|r| resolution_key(r) == key)
    }) else {
        return false;
    };
    let lacking = |k: &str, list: &[String]| !list.is_empty() && !t.contains_key(k);
    let against = lacking("against", &v.against).then_some(v.against.as_slice());
    let abstaining = lacking("abstaining", &v.abstaining).then_some(v.abstaining.as_slice());
    if against.is_none() && abstaining.is_none() {
        return false;
    }
    let has_vote = match t.get("vote") {
        Some(item) => {
            let Some(vote) = item.as_str() else {
                return false;
            };
            if !crate::domain::vote::disagreements(vote, against, abstaining).is_empty() {
                return false;
            }
            true
        }
        None => false,
    };
    // The keys in the order wanted: each new list after its anchor.
    let mut order: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
    for (k, list, anchors) in [
        ("against", against, &["vote"][..]),
        ("abstaining", abstaining, &["against", "vote"][..]),
    ] {
        let Some(list) = list else { continue };
        let names: toml_edit::Array = list.iter().map(|n| clean(n)).collect();
        t.insert(k, Item::Value(Value::Array(names)));
        let at = anchors
            .iter()
            .find_map(|a| order.iter().position(|o| o == a))
            .filter(|_| has_vote)
            .map_or(order.len(), |i| i + 1);
        order.insert(at, k.to_string());
    }
    let rank = |k: &toml_edit::Key| {
        order
            .iter()
            .position(|o| o == k.get())
            .unwrap_or(usize::MAX)
    };
    t.sort_values_by(|k1, _, k2, _| rank(k1).cmp(&rank(k2)));
    true
}

/// Adds a source unless the mission cites it (same title, or same address and date).
/// `place`: where a first `[[mission.source]]` goes (after the mission's last table).
fn add_source(mission: &mut Table, s: &NewSource, place: Option<isize>) -> bool {
    let title = clean(&s.title);
    let url = clean(&s.url);
    let date = s.date.format("%Y-%m-%d").to_string();
    let had_none = !mission.contains_key("source");
    let sources = mission
        .entry("source")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let Some(sources) = sources.as_array_of_tables_mut() else {
        return false;
    };
    let known = sources.iter().any(|t| {
        let same_title = t.get("title").and_then(Item::as_str) == Some(title.as_str());
        let same_url = t.get("url").and_then(Item::as_str) == Some(url.as_str());
        let same_date = t
            .get("date")
            .and_then(Item::as_value)
            .and_then(Value::as_datetime)
            .is_some_and(|d| d.to_string() == date);
        same_title || (same_url && same_date)
    });
    if known {
        return false;
    }
    let mut t = new_entry();
    t.insert("title", Item::Value(Value::from(title)));
    t.insert("url", Item::Value(Value::from(url)));
    t.insert("date", Item::Value(date_value(s.date)));
    if had_none {
        t.set_position(place);
    }
    sources.push(t);
    true
}

#[cfg(test)]
mod tests;
