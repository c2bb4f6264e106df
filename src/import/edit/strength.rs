//! Personnel figures into `[mission.strength]` and `[[mission.contributor]]`.
//!
//! - The latest month becomes `deployed` with `as_of` its date, unless the file has a
//!   later figure (then the month goes to `history`). The figure `deployed` had moves
//!   into `history`, so no figure written by hand is lost.
//! - `deployed` is written by category (`{ military = 410, police = 3 }`), except when
//!   the month has one category and the file's `deployed` is a plain number: then a
//!   plain number too. History entries are written the same way.
//! - An earlier month is added to `history` unless a figure has its date; a figure of
//!   the file for the same date that disagrees is kept and reported for review.
//! - When the latest month is the current figure, each contributor's `deployed` is
//!   updated (by country, without regard to case) and new countries are appended.
//! - A file without `[mission.strength]` gets one right after the mission's last period.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, Value};

use super::{date_value, new_entry, MissionChanges};
use crate::domain::text::clean;
use crate::domain::Category;
use crate::import::proposal::{MonthFigure, NewDeployment, Review};

/// A figure as the file writes it.
#[derive(Debug, Clone, PartialEq)]
enum Fig {
    Total(i64),
    By(BTreeMap<String, i64>),
}

fn fig(v: &Value) -> Option<Fig> {
    match v {
        Value::Integer(i) => Some(Fig::Total(*i.value())),
        Value::InlineTable(t) => Some(Fig::By(
            t.iter()
                .filter_map(|(k, v)| Some((k.to_string(), v.as_integer()?)))
                .collect(),
        )),
        _ => None,
    }
}

fn agrees(file: &Fig, month: &BTreeMap<Category, i64>) -> bool {
    match file {
        Fig::Total(n) => *n == month.values().sum::<i64>(),
        Fig::By(m) => {
            let nonzero = |it: Vec<(String, i64)>| -> Vec<(String, i64)> {
                let mut v: Vec<_> = it.into_iter().filter(|(_, n)| *n != 0).collect();
                v.sort();
                v
            };
            nonzero(m.clone().into_iter().collect())
                == nonzero(
                    month
                        .iter()
                        .map(|(c, n)| (c.key().to_string(), *n))
                        .collect(),
                )
        }
    }
}

fn describe(month: &BTreeMap<Category, i64>) -> String {
    month
        .iter()
        .map(|(c, n)| format!("{} {n}", c.key()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe_fig(f: &Fig) -> String {
    match f {
        Fig::Total(n) => n.to_string(),
        Fig::By(m) => m
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The value written for a month.
fn month_value(month: &BTreeMap<Category, i64>, total_style: bool) -> Value {
    if total_style && month.len() == 1 {
        return Value::from(month.values().sum::<i64>());
    }
    let mut t = InlineTable::new();
    for (c, n) in month {
        t.insert(c.key(), Value::from(*n));
    }
    Value::InlineTable(t)
}

fn date_of(v: Option<&Item>) -> Option<NaiveDate> {
    let dt = v?.as_value()?.as_datetime()?;
    let d = dt.date?;
    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
}

/// Replaces (or adds) `key`, keeping the old value's spacing and comment.
fn set_keeping(table: &mut Table, key: &str, mut v: Value) {
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *v.decor_mut() = old.decor().clone();
    }
    table.insert(key, Item::Value(v));
}

/// The whitespace of a decor part, without comments: what a new neighbour copies.
fn plain(raw: Option<&str>, default: &str) -> String {
    let Some(raw) = raw else {
        return default.to_string();
    };
    match raw.rfind('\n') {
        Some(i) if raw[i + 1..].chars().all(|c| c == ' ' || c == '\t') => raw[i..].to_string(),
        Some(_) => default.to_string(),
        None if raw.chars().all(|c| c == ' ' || c == '\t') => raw.to_string(),
        None => default.to_string(),
    }
}

/// The history's dated figures, and where each sits.
fn history_figures(strength: &Table) -> Vec<(NaiveDate, Option<Fig>)> {
    match strength.get("history") {
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .filter_map(|v| {
                let t = v.as_inline_table()?;
                let d = t.get("date")?.as_datetime()?.date?;
                let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())?;
                Some((date, t.get("deployed").and_then(fig)))
            })
            .collect(),
        Some(Item::ArrayOfTables(a)) => a
            .iter()
            .filter_map(|t| {
                let date = date_of(t.get("date"))?;
                Some((
                    date,
                    t.get("deployed").and_then(Item::as_value).and_then(fig),
                ))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Adds `{ date = .., deployed = .. }` to the history in date order, in its style.
fn add_history(strength: &mut Table, date: NaiveDate, deployed: Value) {
    let mut entry = InlineTable::new();
    entry.insert("date", date_value(date));
    entry.insert("deployed", deployed.clone());
    match strength.get_mut("history") {
        Some(Item::Value(Value::Array(a))) => insert_sorted(a, date, entry),
        Some(Item::ArrayOfTables(a)) => {
            let mut t = new_entry();
            t.insert("date", Item::Value(date_value(date)));
            t.insert("deployed", Item::Value(deployed));
            a.push(t);
        }
        _ => {
            let mut a = Array::new();
            let mut v = Value::InlineTable(entry);
            v.decor_mut().set_prefix("\n  ");
            v.decor_mut().set_suffix("");
            a.push_formatted(v);
            a.set_trailing_comma(true);
            a.set_trailing("\n");
            strength.insert("history", Item::Value(Value::Array(a)));
        }
    }
}

fn insert_sorted(a: &mut Array, date: NaiveDate, entry: InlineTable) {
    let dates: Vec<Option<NaiveDate>> = a
        .iter()
        .map(|v| {
            let d = v.as_inline_table()?.get("date")?.as_datetime()?.date?;
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        })
        .collect();
    let at = dates
        .iter()
        .position(|d| d.is_some_and(|d| d > date))
        .unwrap_or(dates.len());
    let mut v = Value::InlineTable(entry);
    if a.is_empty() {
        v.decor_mut().set_prefix("\n  ");
        v.decor_mut().set_suffix("");
        a.set_trailing_comma(true);
        a.set_trailing("\n");
        a.push_formatted(v);
        return;
    }
    let model = a.get(if at == 0 { 0 } else { at - 1 }).map(Value::decor);
    let prefix = plain(model.and_then(|d| d.prefix()).and_then(|r| r.as_str()), " ");
    let suffix = plain(model.and_then(|d| d.suffix()).and_then(|r| r.as_str()), "");
    v.decor_mut().set_prefix(prefix);
    v.decor_mut().set_suffix(suffix);
    if at == 0 {
        // The old first entry now follows a comma: on one line it needs a space.
        if let Some(first) = a.get_mut(0) {
            let p = first
                .decor()
                .prefix()
                .and_then(|r| r.as_str())
                .unwrap_or("");
            if p.is_empty() {
                first.decor_mut().set_prefix(" ");
            }
        }
    }
    a.insert_formatted(at, v);
}

pub(super) fn apply(
    mission: &mut Table,
    d: &NewDeployment,
    done: &mut MissionChanges,
    review: &mut Vec<Review>,
) {
    let after_periods = mission
        .get("mandate")
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.iter().filter_map(Table::position).max());
    let item = mission.entry("strength").or_insert_with(|| {
        let mut t = new_entry();
        t.set_position(after_periods);
        Item::Table(t)
    });
    let Some(strength) = item.as_table_mut() else {
        review.push(Review::Disagrees {
            mission: d.mission.clone(),
            what: "[mission.strength]".into(),
            file: "written inline, which the import does not edit".into(),
            source: describe(&d.latest.by_category),
        });
        return;
    };
    let strength_place = strength.position();
    let current_date = date_of(strength.get("as_of"));
    let current = strength
        .get("deployed")
        .and_then(Item::as_value)
        .and_then(fig);
    let total_style = matches!(current, Some(Fig::Total(_)));
    let history = history_figures(strength);
    let mut disagrees = |date: NaiveDate, file: &Fig, month: &MonthFigure| {
        review.push(Review::Disagrees {
            mission: d.mission.clone(),
            what: format!("deployed on {date}"),
            file: describe_fig(file),
            source: describe(&month.by_category),
        });
    };

    let latest = &d.latest;
    let replace = current_date.is_none_or(|c| latest.date > c);
    let mut to_history: Vec<(NaiveDate, Value)> = Vec::new();
    if replace {
        if let (Some(c), Some(old)) = (
            current_date,
            strength.get("deployed").and_then(Item::as_value),
        ) {
            if !history.iter().any(|(h, _)| *h == c) {
                let mut old = old.clone();
                old.decor_mut().clear();
                to_history.push((c, old));
            }
        }
    }
    let earlier = d.earlier.iter().chain((!replace).then_some(latest));
    for m in earlier {
        if Some(m.date) == current_date {
            if let Some(f) = &current {
                if !agrees(f, &m.by_category) {
                    disagrees(m.date, f, m);
                }
            }
        } else if let Some((_, f)) = history.iter().find(|(h, _)| *h == m.date) {
            if let Some(f) = f {
                if !agrees(f, &m.by_category) {
                    disagrees(m.date, f, m);
                }
            }
        } else if !to_history.iter().any(|(h, _)| *h == m.date) {
            to_history.push((m.date, month_value(&m.by_category, total_style)));
        }
    }
    if replace {
        set_keeping(
            strength,
            "deployed",
            month_value(&latest.by_category, total_style),
        );
        set_keeping(strength, "as_of", date_value(latest.date));
        done.deployed = Some(latest.date);
    }
    to_history.sort_by_key(|(date, _)| *date);
    for (date, v) in to_history {
        add_history(strength, date, v);
        done.history.push(date);
    }
    if replace || current_date == Some(latest.date) {
        contributors(mission, d, strength_place.or(after_periods), done);
    }
}

/// Updates each contributor's `deployed` by country; appends the new countries.
fn contributors(
    mission: &mut Table,
    d: &NewDeployment,
    place: Option<isize>,
    done: &mut MissionChanges,
) {
    let had = mission.contains_key("contributor");
    let item = mission
        .entry("contributor")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let Some(rows) = item.as_array_of_tables_mut() else {
        return;
    };
    for (country, n) in &d.contributors {
        let name = clean(country.trim());
        let found = rows.iter_mut().find(|t| {
            t.get("country")
                .and_then(Item::as_str)
                .is_some_and(|c| c.trim().eq_ignore_ascii_case(&name))
        });
        match found {
            Some(t) => {
                let same = t.get("deployed").and_then(Item::as_integer) == Some(*n);
                if !same {
                    set_keeping(t, "deployed", Value::from(*n));
                    done.contributors_updated.push(name);
                }
            }
            None => {
                let mut t = new_entry();
                t.insert("country", Item::Value(Value::from(name.clone())));
                t.insert("deployed", Item::Value(Value::from(*n)));
                if !had {
                    t.set_position(place);
                }
                rows.push(t);
                done.contributors_added.push(name);
            }
        }
    }
    if rows.is_empty() {
        mission.remove("contributor");
    }
}
