//! From resolutions to proposed periods: which mission a resolution extends, renews or
//! ends, to which day, and what needs a person (an end that cannot be read, a ceiling).

use chrono::{Days, NaiveDate};

use super::{dates, number_and_year, Resolution};
use crate::domain::{Dataset, Mission};
use crate::import::{NewPeriod, NewSource, Review, VoteDetail};

mod ceiling;
mod votes;

pub use ceiling::ceiling_sentence;

pub use votes::vote_detail;
use votes::{existing_period, same_resolution};

/// The names a mission is found by: its `short`, its `id` (the id also in capitals,
/// "unmiss" -> "UNMISS") and its `aliases`.
pub fn default_names(m: &Mission) -> Vec<String> {
    let mut names = vec![m.short.clone(), m.id.clone()];
    names.extend(m.aliases.iter().cloned());
    names
}

/// A mission's period as far as matching needs it: start, end, resolution (number,
/// year; 0 when the file writes no year).
type Known = (NaiveDate, Option<NaiveDate>, Option<(u32, i32)>);

/// What resolutions propose for a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposed {
    /// New periods.
    pub periods: Vec<NewPeriod>,
    /// Members against and abstaining, for periods the file has already.
    pub votes: Vec<VoteDetail>,
    /// What needs a person.
    pub review: Vec<Review>,
    /// The symbols of the resolutions that concern none of the file's missions.
    pub unrelated: Vec<String>,
}

/// [`propose_with`] matching missions by [`default_names`].
pub fn propose(resolutions: &[Resolution], dataset: &Dataset) -> Proposed {
    propose_with(resolutions, dataset, &default_names)
}

/// The periods `resolutions` add to the missions of `dataset`, the members against and
/// abstaining they add to periods already there, what needs a person, and the symbols
/// of the resolutions that concern none of its missions. `names` gives the names each
/// mission is found by (in the library title's "mandate of …" or in the operative
/// paragraph that extends the mandate).
///
/// Resolutions are taken in order of adoption, so that a period proposed by one is the
/// period in force for a later one. A resolution already in a mission's periods (by
/// number) proposes no period for it, nor any review but a vote that disagrees; it
/// concerns that mission even when its text extends no mandate (an initial
/// authorization), and proposes the members it records against and abstaining when
/// the period names none ([`vote_detail`]).
pub fn propose_with(
    resolutions: &[Resolution],
    dataset: &Dataset,
    names: &dyn Fn(&Mission) -> Vec<String>,
) -> Proposed {
    let mut order: Vec<&Resolution> = resolutions.iter().collect();
    order.sort_by_key(|r| (r.adopted, r.year, r.number));
    let mut periods = Vec::new();
    let mut votes = Vec::new();
    let mut review = Vec::new();
    let mut unrelated = Vec::new();
    let mut known: Vec<Vec<Known>> = dataset
        .missions
        .iter()
        .map(|m| {
            m.mandates
                .iter()
                .map(|p| (p.start, p.end, p.resolution.as_deref().and_then(reference)))
                .collect()
        })
        .collect();
    let mission_names: Vec<Vec<String>> = dataset
        .missions
        .iter()
        .map(|m| {
            names(m)
                .into_iter()
                .map(|n| n.trim().to_owned())
                .filter(|n| n.chars().count() >= 2)
                .collect()
        })
        .collect();

    for r in order {
        let hits: Vec<(usize, Hit)> = mission_names
            .iter()
            .enumerate()
            .filter_map(|(i, names)| find_mandate(r, names).map(|h| (i, h)))
            .collect();
        // Missions not named that have a period for this resolution already.
        let by_number: Vec<usize> = dataset
            .missions
            .iter()
            .enumerate()
            .filter(|(i, m)| !hits.iter().any(|(h, _)| h == i) && existing_period(m, r).is_some())
            .map(|(i, _)| i)
            .collect();
        if hits.is_empty() && by_number.is_empty() {
            if !unrelated.contains(&r.symbol) {
                unrelated.push(r.symbol.clone());
            }
            continue;
        }
        for i in by_number {
            match vote_detail(&dataset.missions[i], r) {
                Some(Ok(v)) => votes.push(v),
                Some(Err(rv)) => review.push(rv),
                None => {}
            }
        }
        let mut fresh = Vec::new();
        for (i, hit) in hits {
            let mission = &dataset.missions[i];
            let already = known[i]
                .iter()
                .any(|(_, _, res)| res.is_some_and(|res| same_resolution(res, r)));
            if already {
                match vote_detail(mission, r) {
                    Some(Ok(v)) => votes.push(v),
                    Some(Err(rv)) => review.push(rv),
                    None => {}
                }
                continue;
            }
            fresh.push(i);
            let Some(end) = hit.end else {
                review.push(Review::UnreadableEnd {
                    mission: mission.id.clone(),
                    resolution: r.reference(),
                    paragraph: hit.paragraph,
                });
                continue;
            };
            let start = start_after(&known[i], r.adopted);
            if start > end {
                review.push(Review::UnreadableEnd {
                    mission: mission.id.clone(),
                    resolution: r.reference(),
                    paragraph: format!(
                        "the end read, {end}, is before the day after the period in force, {start}: {}",
                        hit.paragraph
                    ),
                });
                continue;
            }
            known[i].push((start, Some(end), Some((r.number, r.year))));
            periods.push(NewPeriod {
                mission: mission.id.clone(),
                resolution: r.reference(),
                adopted: r.adopted,
                vote: r.vote.clone().unwrap_or_else(|| "not recorded".into()),
                in_favour: r.in_favour.clone(),
                against: r.against.clone(),
                abstaining: r.abstaining.clone(),
                start,
                end,
                final_period: hit.final_period,
                source: NewSource {
                    title: source_title(r),
                    url: r.url(),
                    date: r.adopted,
                },
            });
        }
        // Ceilings, for the missions this resolution newly concerns.
        for (n, text) in &r.paragraphs {
            let Some(sentence) = ceiling_sentence(text) else {
                continue;
            };
            let named: Vec<usize> = fresh
                .iter()
                .copied()
                .filter(|i| {
                    mission_names[*i]
                        .iter()
                        .any(|name| contains_name(text, name))
                })
                .collect();
            let to = if fresh.len() == 1 || named.is_empty() {
                fresh.clone()
            } else {
                named
            };
            for i in to {
                review.push(Review::Ceiling {
                    mission: dataset.missions[i].id.clone(),
                    resolution: r.reference(),
                    paragraph: format!("{n}."),
                    sentence: sentence.clone(),
                });
            }
        }
    }
    Proposed {
        periods,
        votes,
        review,
        unrelated,
    }
}

/// "2829 (2026)" -> (2829, 2026); "2829" -> (2829, 0), a year not written.
pub(super) fn reference(s: &str) -> Option<(u32, i32)> {
    number_and_year(s).or_else(|| {
        let t = s.trim();
        let digits: &str = &t[..t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len())];
        digits.parse().ok().map(|n| (n, 0))
    })
}

/// The day after the end of the period in force on `adopted`; `adopted` itself when
/// none is in force, or when the one in force is open-ended.
fn start_after(periods: &[Known], adopted: NaiveDate) -> NaiveDate {
    let in_force: Vec<Option<NaiveDate>> = periods
        .iter()
        .filter(|(s, e, _)| *s <= adopted && e.is_none_or(|e| adopted <= e))
        .map(|(_, e, _)| *e)
        .collect();
    if in_force.iter().any(Option::is_none) {
        return adopted;
    }
    in_force
        .into_iter()
        .flatten()
        .max()
        .and_then(|e| e.checked_add_days(Days::new(1)))
        .unwrap_or(adopted)
}

/// The source's title: the library title when it is short, else the plain form.
fn source_title(r: &Resolution) -> String {
    let plain = format!("Security Council resolution {} ({})", r.number, r.year);
    match &r.title {
        Some(t) if t.starts_with(&plain) && t.chars().count() <= 160 => t.clone(),
        _ => plain,
    }
}

/// What a resolution says of one mission's mandate.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    end: Option<NaiveDate>,
    final_period: bool,
    /// The operative paragraph that extends the mandate ("1. Decides …"), else the title.
    paragraph: String,
}

/// Words that make a title or an operative paragraph about a mandate's term.
const VERBS: [&str; 7] = [
    "extend",
    "extension",
    "renew",
    "renewal",
    "prolong",
    "terminat",
    "cease all",
];
/// Words after which the mandated body is named.
const OF: [&str; 5] = [
    "mandate of ",
    "mandates of ",
    "authorization of ",
    "authorisation of ",
    "mandate for ",
];

fn is_final(lower: &str) -> bool {
    [
        "final time",
        "final extension",
        "final period",
        "final mandate",
        "a final ",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || ends(lower)
}

/// Words that end a mandate rather than extend it (not "ceasefire").
fn ends(lower: &str) -> bool {
    [
        "cease all operations",
        "cease operations",
        "cease its operations",
        "terminate the mandate",
        "terminate its mandate",
        "termination of the mandate",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Where the first of `verbs` starts in `lower`, if any.
fn first_verb(lower: &str) -> Option<usize> {
    VERBS.iter().filter_map(|v| lower.find(v)).min()
}

/// The body named right after "mandate of" in `text` (up to the next comma, semicolon,
/// colon, bracket or date marker): where a mission must be named for the text to
/// concern it. Every such place in the text, in order.
fn mandated_bodies(text: &str) -> Vec<&str> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for of in OF {
        let mut from = 0;
        while let Some(i) = lower[from..].find(of) {
            let at = from + i + of.len();
            let rest = &lower[at..];
            let mut stop = rest.find([',', ';', ':', ']']).unwrap_or(rest.len());
            for marker in [" until ", " for a ", " ending ", " for the period"] {
                if let Some(j) = rest.find(marker) {
                    stop = stop.min(j);
                }
            }
            out.push(&text[at..at + stop]);
            from = at;
        }
    }
    out
}

/// Whether `name` appears in `text` as a whole word (also in capitals).
fn contains_name(text: &str, name: &str) -> bool {
    let upper = name.to_uppercase();
    [name, upper.as_str()].iter().any(|n| {
        let mut from = 0;
        while let Some(i) = text[from..].find(n) {
            let at = from + i;
            let end = at + n.len();
            let before = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before && after {
                return true;
            }
            from = end;
        }
        false
    })
}

fn names_any(text: &str, names: &[String]) -> bool {
    names.iter().any(|n| contains_name(text, n))
}

/// A title or paragraph about a mandate's term: a verb of extension or end, and a
/// "mandate of …".
fn about_term(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    first_verb(&lower).is_some() && OF.iter().any(|of| lower.contains(of))
}

/// The end a paragraph writes: after "until", "to", "ending on"… from its verb on; for
/// an end of operations, also after "on" or "effective".
fn paragraph_end(text: &str) -> Option<NaiveDate> {
    let lower = text.to_ascii_lowercase();
    let from = first_verb(&lower).unwrap_or(0);
    let rest = &text[from..];
    dates::end_date(rest).or_else(|| {
        ends(&lower)
            .then(|| {
                dates::dates_after(rest, &["on ", "effective ", "by "])
                    .into_iter()
                    .next()
            })
            .flatten()
    })
}

/// An operative paragraph that ends operations of a mission named before its verb
/// ("Decides that UNTMIS shall cease all operations on 31 October 2026").
fn ends_operations(text: &str, names: &[String]) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "cease all operations",
        "cease operations",
        "cease its operations",
    ]
    .iter()
    .filter_map(|w| lower.find(w))
    .any(|at| names_any(&text[..at], names))
}

fn find_mandate(r: &Resolution, names: &[String]) -> Option<Hit> {
    if names.is_empty() {
        return None;
    }
    let title = r
        .title
        .as_deref()
        .map(|t| t.find('[').map_or(t, |i| &t[i..]))
        .filter(|t| about_term(t) && mandated_bodies(t).iter().any(|b| names_any(b, names)));
    let ops: Vec<&(u32, String)> = r
        .paragraphs
        .iter()
        .filter(|(_, t)| about_term(t) || ends(&t.to_ascii_lowercase()))
        .collect();
    let named_op = ops.iter().copied().find(|(_, t)| {
        mandated_bodies(t).iter().any(|b| names_any(b, names)) || ends_operations(t, names)
    });
    let op = match (title, named_op) {
        (_, Some(op)) => Some(op),
        // The title names the mission; its paragraph may call it "the Mission".
        (Some(_), None) => ops.iter().copied().find(|(_, t)| about_term(t)),
        (None, None) => return None,
    };
    let title_end = title.and_then(dates::end_date);
    let op_end = op.and_then(|(_, t)| paragraph_end(t));
    let final_period = title.is_some_and(|t| is_final(&t.to_ascii_lowercase()))
        || op.is_some_and(|(_, t)| is_final(&t.to_ascii_lowercase()));
    let paragraph = match (op, title) {
        (Some((n, t)), _) => format!("{n}. {t}"),
        (None, Some(t)) => t.to_owned(),
        (None, None) => String::new(),
    };
    Some(Hit {
        end: title_end.or(op_end),
        final_period,
        paragraph,
    })
}

#[cfg(test)]
mod tests;
