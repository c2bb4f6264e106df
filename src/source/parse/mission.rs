//! The format's tables: the top level, `[[mission]]` and what it holds.

use std::ops::Range;

use chrono_tz::Tz;
use toml::de::DeTable;

use std::str::FromStr;

use super::allowed_keys::*;
use super::cross::{Entry, Head, Roll};
use super::values::*;
use crate::domain::text::clean;
use crate::domain::vote::disagreements;
use crate::domain::*;

impl Cx<'_> {
    /// A whole file's tree: the top level, then every mission.
    pub(super) fn dataset(
        &mut self,
        root: &DeTable,
        span: Range<usize>,
    ) -> Result<Dataset, Diagnostics> {
        let top = Tbl {
            table: root,
            span,
            name: "the top level".to_string(),
        };
        let head = self.top(&top);
        let tables = self.tables(&top, "mission", "[[mission]]");
        if tables.is_empty() && self.diags.errors() == 0 {
            self.diags.push(Diagnostic::error(
                None,
                "no [[mission]] tables; add at least one (docs/format.md has an example; `mandate --init FILE` writes a starter)",
            ));
        }
        let mut roll = Roll::new(head, std::mem::take(&mut self.diags), tables.len());
        for t in &tables {
            roll.push(self.entry(t));
        }
        roll.finish()
    }

    /// The top level's own keys (the missions are read by [`Cx::entry`]).
    pub(super) fn top(&mut self, top: &Tbl) -> Head {
        self.check_keys(top, TOP_KEYS);
        Head {
            title: self.string(top, "title"),
            warn_days: self.days(top, "warn_days", 0).unwrap_or(30),
            stale_days: self.days(top, "stale_days", 1).unwrap_or(90),
        }
    }

    /// One `[[mission]]` read, with what the checks across missions need; the problems
    /// found so far move into it.
    pub(super) fn entry(&mut self, t: &Tbl) -> Entry {
        let mission = self.mission(t);
        // Ids and successors are cross-checked from every table that gives them, even
        // one with other problems, so that all of them are reported in one run.
        let id = t.get("id").and_then(|v| v.get_ref().as_str()).map(clean);
        let unique = match (&id, t.get("id")) {
            (Some(id), Some(v)) if valid_id(id) => {
                Some((self.pos(v.span().start), self.pos(t.span.start).line))
            }
            _ => None,
        };
        let successor = t.get("successor").and_then(|v| {
            let s = v.get_ref().as_str()?;
            Some((clean(s), self.pos(v.span().start)))
        });
        Entry {
            mission,
            diags: std::mem::take(&mut self.diags),
            id,
            unique,
            successor,
        }
    }

    /// One `[[mission]]` (its id and successor are cross-checked by the caller).
    pub(super) fn mission(&mut self, t: &Tbl) -> Option<Mission> {
        let errors_before = self.error_count();
        let id = self.string_req(t, "id", "a short lowercase name such as \"mss\"");
        // Once the id is known, messages about this table name the mission. Every
        // problem of the table is at or after its start and found later: when none
        // there could be kept, its messages are never shown and the name is not made.
        let keep = |cx: &Self| cx.could_keep(Severity::Error, Some(cx.pos(t.span.start)));
        let named = Tbl {
            table: t.table,
            span: t.span.clone(),
            name: match &id {
                Some(id) if valid_id(id) && keep(self) => format!("{} `{id}`", t.name),
                _ => t.name.clone(),
            },
        };
        let t = &named;
        self.check_keys(t, MISSION_KEYS);
        if let (Some(id), Some(v)) = (&id, t.get("id")) {
            if !valid_id(id) {
                self.error(
                    &v.span(),
                    format!(
                        "id `{id}` is not valid: use lowercase letters, digits and dashes, starting with a letter or digit (like \"mss-haiti\")"
                    ),
                );
            }
        }
        let name = self.string_req(t, "name", "the mission's full name");
        let short = self.string(t, "short");
        let aliases = self.strings(t, "aliases", "another name of the mission");
        let kind = self.string(t, "kind");
        let authority = self.string(t, "authority");
        let host = self.string(t, "host");
        let lead = self.string(t, "lead");
        let summary = self.string(t, "summary");
        let timezone = match t.get("timezone") {
            None => Some(Tz::UTC),
            Some(v) => match v.get_ref().as_str() {
                None => {
                    self.type_error(v, t, "timezone", "an IANA time zone name");
                    None
                }
                Some(s) => match Tz::from_str(s) {
                    Ok(tz) => Some(tz),
                    Err(_) => {
                        let hint = match self.zone_hints.nearest(s) {
                            Some(n) => format!("did you mean `{n}`? "),
                            None => String::new(),
                        };
                        self.error(
                            &v.span(),
                            format!(
                                "unknown time zone `{}`; {hint}use an IANA name such as \"America/Port-au-Prince\" or \"UTC\"",
                                clean(s)
                            ),
                        );
                        None
                    }
                },
            },
        };
        let successor = self.string(t, "successor");

        let mandate_tables = self.tables(t, "mandate", "[[mission.mandate]]");
        if t.get("mandate").is_none() {
            self.missing(
                t,
                "mandate",
                "at least one [[mission.mandate]] with a `start` date",
            );
        } else if mandate_tables.is_empty() && t.get("mandate").is_some() {
            let span = t.get("mandate").map(|v| v.span()).unwrap_or(t.span.clone());
            self.error(
                &span,
                "`mandate` is empty; add at least one [[mission.mandate]]",
            );
        }
        let mandates: Vec<Period> = exact(mandate_tables.iter().filter_map(|m| self.period(m)));
        let closed = self.date(t, "closed");
        let first_start = mandates.iter().map(|p| p.start).min();
        if let (Some(c), Some(first), Some(v)) = (closed, first_start, t.get("closed")) {
            if c < first {
                self.error(
                    &v.span(),
                    format!(
                        "`closed` {c} is before the first period's `start` {first}; an operation closes on or after the day its mandate starts"
                    ),
                );
            }
        }

        // Optional: a political mission has no troop or police figures.
        let strength = self
            .table(t, "strength", "[mission.strength]".into())
            .map(|s| self.strength(&s));

        let contributors = exact(
            self.tables(t, "contributor", "[[mission.contributor]]")
                .iter()
                .filter_map(|c| {
                    self.check_keys(c, CONTRIBUTOR_KEYS);
                    let country = self.string_req(c, "country", "the contributing country");
                    let pledged = self.integer(c, "pledged", 0);
                    let deployed = self.integer(c, "deployed", 0);
                    let role = self.string(c, "role");
                    Some(Contributor {
                        country: country?,
                        pledged,
                        deployed,
                        role,
                    })
                }),
        );

        let funding = self
            .table(t, "funding", "[mission.funding]".into())
            .map(|f| {
                self.check_keys(&f, FUNDING_KEYS);
                Funding {
                    currency: self.string(&f, "currency").unwrap_or_else(|| "USD".into()),
                    required: self.amount(&f, "required"),
                    pledged: self.amount(&f, "pledged"),
                    received: self.amount(&f, "received"),
                    as_of: self.date(&f, "as_of"),
                }
            });

        let milestones = exact(
            self.tables(t, "milestone", "[[mission.milestone]]")
                .iter()
                .filter_map(|m| {
                    self.check_keys(m, MILESTONE_KEYS);
                    let text = self.string_req(m, "text", "what happened or is planned");
                    let date = self.date(m, "date");
                    let done = self.boolean(m, "done").unwrap_or(false);
                    Some(Milestone {
                        text: text?,
                        date,
                        done,
                    })
                }),
        );

        let requirements = exact(
            self.tables(t, "requirement", "[[mission.requirement]]")
                .iter()
                .filter_map(|r| {
                    self.check_keys(r, REQUIREMENT_KEYS);
                    let text = self.string_req(r, "text", "what is needed");
                    let met = self.boolean(r, "met").unwrap_or(false);
                    Some(Requirement { text: text?, met })
                }),
        );

        let sources = exact(
            self.tables(t, "source", "[[mission.source]]")
                .iter()
                .filter_map(|s| {
                    self.check_keys(s, SOURCE_KEYS);
                    let title = self.string_req(s, "title", "the source's title");
                    let url = self.string(s, "url");
                    let date = self.date(s, "date");
                    Some(Source {
                        title: title?,
                        url,
                        date,
                    })
                }),
        );

        if self.error_count() > errors_before {
            return None;
        }
        let id = id?;
        Some(Mission {
            pos: self.pos(t.span.start),
            short: short.unwrap_or_else(|| id.clone()),
            id,
            name: name?,
            aliases,
            kind,
            authority,
            host,
            lead,
            summary,
            timezone: timezone?,
            successor,
            closed,
            mandates,
            strength: match strength {
                Some(s) => Some(s?),
                None => None,
            },
            contributors,
            funding,
            milestones,
            requirements,
            sources,
        })
    }

    /// A list of non-empty strings (`key = ["A", "B"]`); each entry is `what`. Absent: empty.
    pub(super) fn strings(&mut self, t: &Tbl, key: &str, what: &str) -> Vec<String> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.type_error(
                v,
                t,
                key,
                &format!("a list of strings, each {what} (like [\"UNVMC\"])"),
            );
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(s) if s.trim().is_empty() => self.error(
                    &item.span(),
                    format!(
                        "an entry of `{key}` in {} is empty; write {what} or remove it",
                        t.name
                    ),
                ),
                Some(s) => {
                    let s = clean(s.trim());
                    if out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
                        self.warning(
                            &item.span(),
                            format!("`{s}` is listed twice in `{key}` in {}", t.name),
                        );
                    } else {
                        out.push(s);
                    }
                }
                None => self.error(
                    &item.span(),
                    format!(
                        "each entry of `{key}` in {} must be a string ({what}), found {}",
                        t.name,
                        super::suggest::describe(item.get_ref())
                    ),
                ),
            }
        }
        out
    }

    /// How many errors were found so far (a count kept as they are found).
    pub(super) fn error_count(&self) -> usize {
        self.diags.errors()
    }

    pub(super) fn period(&mut self, t: &Tbl) -> Option<Period> {
        self.check_keys(t, MANDATE_KEYS);
        let start = self.date_req(t, "start", "the first day of the period");
        let end = self.date(t, "end");
        if let (Some(s), Some(e), Some(v)) = (start, end, t.get("end")) {
            if e < s {
                self.error(
                    &v.span(),
                    format!("`end` {e} is before `start` {s}; a period ends on or after the day it starts"),
                );
            }
        }
        let resolution = self.string(t, "resolution");
        let adopted = self.date(t, "adopted");
        let vote = self.string(t, "vote");
        let against = self.names(t, "against", "member names");
        let abstaining = self.names(t, "abstaining", "member names");
        let not_participating = self.names(t, "not_participating", "member names");
        if let Some(v) = &vote {
            for (key, count, listed) in disagreements(v, against.as_deref(), abstaining.as_deref())
            {
                let span = t.get(key).map(|x| x.span()).unwrap_or(t.span.clone());
                let members = if listed == 1 { "member" } else { "members" };
                self.error(
                    &span,
                    format!(
                        "`{key}` names {listed} {members} but `vote` \"{v}\" counts {count} {key}; the list and the count disagree (make them agree, or leave the list out)"
                    ),
                );
            }
        }
        let final_ = self.boolean(t, "final").unwrap_or(false);
        let note = self.string(t, "note");
        let authorized = self.personnel(t, "authorized", 1);
        let end_pos = t.get("end").map(|v| self.pos(v.span().start));
        Some(Period {
            start: start?,
            end,
            end_pos,
            resolution,
            adopted,
            vote,
            against,
            abstaining,
            not_participating,
            final_,
            note,
            authorized,
        })
    }

    pub(super) fn strength(&mut self, t: &Tbl) -> Option<Strength> {
        self.check_keys(t, STRENGTH_KEYS);
        let authorized = self.personnel(t, "authorized", 1);
        let authorized_ok = t.get("authorized").is_none() || authorized.is_some();
        let deployed = self.personnel(t, "deployed", 0);
        let as_of = self.date(t, "as_of");
        let mut figures = Vec::new();
        for h in self.tables(t, "history", "an entry of `history`") {
            self.check_keys(&h, HISTORY_KEYS);
            let date = self.date_req(&h, "date", "the day of the figure");
            if h.get("deployed").is_none() {
                self.missing(&h, "deployed", "the number deployed that day");
            }
            let n = self.personnel(&h, "deployed", 0);
            if let (Some(date), Some(deployed)) = (date, n) {
                figures.push((
                    h.span.clone(),
                    Figure {
                        pos: self.pos(h.span.start),
                        date,
                        deployed,
                    },
                ));
            }
        }
        match (deployed, as_of, t.get("deployed"), t.get("as_of")) {
            (Some(d), Some(a), Some(v), _) => figures.push((
                v.span(),
                Figure {
                    pos: self.pos(v.span().start),
                    date: a,
                    deployed: d,
                },
            )),
            (_, None, Some(v), None) => self.error(
                &v.span(),
                "`deployed` needs `as_of`, the date of the figure (like as_of = 2025-09-30)",
            ),
            (None, _, None, Some(v)) => self.warning(
                &v.span(),
                "`as_of` without `deployed` is ignored; add the deployed figure",
            ),
            _ => {}
        }
        figures.sort_by_key(|(_, f)| f.date);
        for pair in figures.windows(2) {
            if pair[0].1.date == pair[1].1.date {
                let later = if pair[0].0.start > pair[1].0.start {
                    &pair[0]
                } else {
                    &pair[1]
                };
                let earlier = if pair[0].0.start > pair[1].0.start {
                    &pair[1]
                } else {
                    &pair[0]
                };
                self.error(
                    &later.0,
                    format!(
                        "two strength figures for {} (the other is on line {}); keep one figure per date",
                        later.1.date, earlier.1.pos.line
                    ),
                );
            }
        }
        if !authorized_ok {
            return None;
        }
        Some(Strength {
            pos: self.pos(t.span.start),
            authorized,
            figures: exact(figures.into_iter().map(|(_, f)| f)),
            source: self.string(t, "source"),
        })
    }
}

/// Collects into a vector with no spare room (the dataset lives as long as the program).
fn exact<T>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut v = Vec::with_capacity(items.size_hint().1.unwrap_or(0));
    v.extend(items);
    v
}

/// `[a-z0-9][a-z0-9-]*`
pub fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    fn file(aliases: &str) -> String {
        format!("[[mission]]\nid = \"m\"\nname = \"M\"\n{aliases}\n[[mission.mandate]]\nstart = 2020-01-01\n")
    }

    fn errors(aliases: &str) -> Vec<String> {
        match parse(file(aliases).as_bytes()) {
            Ok(_) => Vec::new(),
            Err(d) => d.iter().map(|d| d.message.clone()).collect(),
        }
    }

    #[test]
    fn aliases_are_read_trimmed_and_default_to_none() {
        let d =
            parse(file("aliases = [\"UNVMC\", \" Verification Mission \"]").as_bytes()).unwrap();
        assert_eq!(d.missions[0].aliases, ["UNVMC", "Verification Mission"]);
        let d = parse(file("").as_bytes()).unwrap();
        assert!(d.missions[0].aliases.is_empty());
    }

    #[test]
    fn bad_aliases_are_refused_with_the_reason() {
        let e = errors("aliases = \"UNVMC\"");
        assert!(
            e[0].contains("`aliases` in [[mission]] `m` must be a list of strings"),
            "{e:?}"
        );
        let e = errors("aliases = [\"UNVMC\", 3]");
        assert!(
            e[0].contains("each entry of `aliases` in [[mission]] `m` must be a string"),
            "{e:?}"
        );
        let e = errors("aliases = [\"  \"]");
        assert!(
            e[0].contains("an entry of `aliases` in [[mission]] `m` is empty"),
            "{e:?}"
        );
    }

    #[test]
    fn a_repeated_alias_is_a_warning_and_kept_once() {
        let d = parse(file("aliases = [\"UNVMC\", \"unvmc\"]").as_bytes()).unwrap();
        assert_eq!(d.missions[0].aliases, ["UNVMC"]);
        assert!(d
            .warnings
            .iter()
            .any(|w| w.message.contains("listed twice")));
    }
}
