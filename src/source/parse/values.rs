//! The readers of values: typed access to a TOML table with a message for every problem.

use std::cell::Cell;
use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::findings::Findings;
use super::suggest::{describe, nearest, ZoneHints};
use crate::domain::text::clean;
use crate::domain::{Diagnostic, Diagnostics, Pos, Severity, MAX_DAYS};

pub(super) type Val<'i> = Spanned<DeValue<'i>>;

/// A table being read: its entries, its span, and its name for messages.
pub(super) struct Tbl<'a, 'i> {
    pub(super) table: &'a DeTable<'i>,
    pub(super) span: Range<usize>,
    pub(super) name: String,
}

impl<'a, 'i> Tbl<'a, 'i> {
    pub(super) fn get(&self, key: &str) -> Option<&'a Val<'i>> {
        self.table.get(key)
    }
}

/// The validation context: the source (for positions) and the problems found so far.
pub(super) struct Cx<'s> {
    /// Where each line of the whole file starts.
    pub(super) line_starts: &'s [usize],
    /// The whole file.
    pub(super) src: &'s str,
    /// Where the text being read starts in the whole file (a part, when read in parts).
    pub(super) base: usize,
    pub(super) diags: Findings,
    /// The [`Findings::bar`] of the problems of the missions read before this one by
    /// the same reader, whose findings come before this one's: a problem past it
    /// cannot be kept, so it is counted without its message.
    pub(super) bar: Option<(bool, Option<Pos>)>,
    /// The last place computed: (line, offset, column), so that the columns of
    /// problems along one long line cost its length once, not once per problem.
    last_pos: Cell<Option<(usize, usize, usize)>>,
    /// The suggestion for each unknown time zone met so far.
    pub(super) zone_hints: ZoneHints,
}

/// Where each line of `src` starts.
pub(super) fn line_starts(src: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        src.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    v
}

impl<'s> Cx<'s> {
    pub(super) fn new(src: &'s str, line_starts: &'s [usize]) -> Self {
        Cx {
            line_starts,
            src,
            base: 0,
            diags: Findings::default(),
            bar: None,
            last_pos: Cell::new(None),
            zone_hints: ZoneHints::default(),
        }
    }

    /// The place of `offset` in the text being read.
    pub(super) fn pos(&self, offset: usize) -> Pos {
        let offset = (offset + self.base).min(self.src.len());
        // Problems come mostly in order: on the line of the last one, or the next.
        let next_start = |line: usize| self.line_starts.get(line).copied();
        let line = match self.last_pos.get() {
            Some((l, o, _)) if o <= offset && next_start(l).is_none_or(|n| offset < n) => l,
            Some((l, o, _)) if o <= offset && next_start(l + 1).is_none_or(|n| offset < n) => l + 1,
            _ => self.line_starts.partition_point(|&s| s <= offset),
        };
        let start = self.line_starts[line - 1];
        if !self.src.is_char_boundary(offset) {
            return Pos { line, col: 1 };
        }
        let (from, before) = match self.last_pos.get() {
            Some((l, o, c)) if l == line && o <= offset => (o, c - 1),
            _ => (start, 0),
        };
        let col = before + self.src[from..offset].chars().count() + 1;
        self.last_pos.set(Some((line, offset, col)));
        Pos { line, col }
    }

    /// Whether a problem of this severity at this place, found now, could be kept (see
    /// [`Findings::could_keep`] and [`Cx::bar`]).
    pub(super) fn could_keep(&self, severity: Severity, pos: Option<Pos>) -> bool {
        let past_bar = matches!(self.bar, Some(bar) if (severity == Severity::Warning, pos) >= bar);
        !past_bar && self.diags.could_keep(severity, pos)
    }

    pub(super) fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span.start);
        self.diags.push(Diagnostic::error(Some(pos), message));
    }

    pub(super) fn warning(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span.start);
        self.diags.push(Diagnostic::warning(Some(pos), message));
    }

    pub(super) fn finish_errors(&mut self) -> Diagnostics {
        std::mem::take(&mut self.diags).finish()
    }

    /// Reports keys not in `allowed`, with the nearest expected name when there is one.
    pub(super) fn check_keys(&mut self, t: &Tbl, allowed: &[&str]) {
        for (key, _) in t.table.iter() {
            let k: &str = key.get_ref();
            if allowed.contains(&k) {
                continue;
            }
            let hint = match nearest(k, allowed) {
                Some(n) => format!("did you mean `{n}`? "),
                None => String::new(),
            };
            self.error(
                &key.span(),
                format!(
                    "unknown key `{}` in {}; {hint}expected one of: {}",
                    clean(k),
                    t.name,
                    allowed.join(", ")
                ),
            );
        }
    }

    pub(super) fn type_error(&mut self, v: &Val, t: &Tbl, key: &str, expected: &str) {
        self.error(
            &v.span(),
            format!(
                "`{key}` in {} must be {expected}, found {}",
                t.name,
                describe(v.get_ref())
            ),
        );
    }

    pub(super) fn missing(&mut self, t: &Tbl, key: &str, what: &str) {
        // Past the kept ones (a file of thousands of incomplete missions), only counted.
        let pos = self.pos(t.span.start);
        if !self.could_keep(Severity::Error, Some(pos)) {
            self.diags.count(Severity::Error);
            return;
        }
        self.diags.push(Diagnostic::error(
            Some(pos),
            format!("{} is missing the required key `{key}` ({what})", t.name),
        ));
    }

    pub(super) fn string(&mut self, t: &Tbl, key: &str) -> Option<String> {
        let v = t.get(key)?;
        match v.get_ref().as_str() {
            Some(s) => Some(clean(s)),
            None => {
                self.type_error(v, t, key, "a string");
                None
            }
        }
    }

    pub(super) fn string_req(&mut self, t: &Tbl, key: &str, what: &str) -> Option<String> {
        if t.get(key).is_none() {
            self.missing(t, key, what);
        }
        self.string(t, key)
    }

    /// A list of names (strings), each cleaned; an entry that is not a string is an
    /// error at that entry.
    pub(super) fn names(&mut self, t: &Tbl, key: &str, what: &str) -> Option<Vec<String>> {
        let v = t.get(key)?;
        let Some(items) = v.get_ref().as_array() else {
            self.type_error(v, t, key, &format!("a list of {what} (strings)"));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(s) => out.push(clean(s)),
                None => {
                    ok = false;
                    self.error(
                        &item.span(),
                        format!(
                            "each entry of `{key}` in {} must be a string ({what}), found {}",
                            t.name,
                            describe(item.get_ref())
                        ),
                    );
                }
            }
        }
        ok.then_some(out)
    }

    pub(super) fn boolean(&mut self, t: &Tbl, key: &str) -> Option<bool> {
        let v = t.get(key)?;
        match v.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                self.type_error(v, t, key, "true or false");
                None
            }
        }
    }

    /// An integer of at least `min`.
    pub(super) fn integer(&mut self, t: &Tbl, key: &str, min: i64) -> Option<i64> {
        let v = t.get(key)?;
        let Some(i) = v.get_ref().as_integer() else {
            let expected = if min > 0 {
                format!("a whole number of at least {min}")
            } else {
                "a whole number".to_string()
            };
            self.type_error(v, t, key, &expected);
            return None;
        };
        let Ok(n) = i64::from_str_radix(i.as_str(), i.radix()) else {
            self.error(
                &v.span(),
                format!(
                    "`{key}` in {} is out of range; it must be between {min} and {}",
                    t.name,
                    i64::MAX
                ),
            );
            return None;
        };
        if n < min {
            let rule = match min {
                0 => "must not be negative".to_string(),
                1 => "must be greater than 0".to_string(),
                m => format!("must be at least {m}"),
            };
            self.error(
                &v.span(),
                format!("`{key}` in {} {rule}, found {n}", t.name),
            );
            return None;
        }
        Some(n)
    }

    /// A number of days (`warn_days`, `stale_days`): a whole number from `min` to
    /// [`MAX_DAYS`], so that no mode builds a duration that overflows.
    pub(super) fn days(&mut self, t: &Tbl, key: &str, min: i64) -> Option<i64> {
        let n = self.integer(t, key, min)?;
        if n > MAX_DAYS {
            let v = t.get(key)?;
            self.error(
                &v.span(),
                format!(
                    "`{key}` in {} must be at most {MAX_DAYS} days (100 years), found {n}",
                    t.name
                ),
            );
            return None;
        }
        Some(n)
    }

    /// A number (integer or float) that is finite and not negative.
    pub(super) fn amount(&mut self, t: &Tbl, key: &str) -> Option<f64> {
        let v = t.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => {
                self.type_error(v, t, key, "a number");
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() && n >= 0.0 => Some(n),
            Some(n) if n.is_finite() => {
                self.error(
                    &v.span(),
                    format!("`{key}` in {} must not be negative, found {n}", t.name),
                );
                None
            }
            _ => {
                self.error(
                    &v.span(),
                    format!("`{key}` in {} must be a finite number", t.name),
                );
                None
            }
        }
    }

    pub(super) fn date(&mut self, t: &Tbl, key: &str) -> Option<NaiveDate> {
        let v = t.get(key)?;
        let expected = "a date like 2025-10-02 (unquoted)";
        let Some(dt) = v.get_ref().as_datetime() else {
            self.type_error(v, t, key, expected);
            return None;
        };
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                match NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()) {
                    Some(nd) => Some(nd),
                    None => {
                        self.error(
                            &v.span(),
                            format!("`{key}` in {} is not a real date: {dt}", t.name),
                        );
                        None
                    }
                }
            }
            _ => {
                self.error(
                    &v.span(),
                    format!(
                        "`{key}` in {} must be {expected}, found the date-time {dt}; drop the time",
                        t.name
                    ),
                );
                None
            }
        }
    }

    pub(super) fn date_req(&mut self, t: &Tbl, key: &str, what: &str) -> Option<NaiveDate> {
        if t.get(key).is_none() {
            self.missing(t, key, what);
        }
        self.date(t, key)
    }

    /// A sub-table; `name` is how messages call it.
    pub(super) fn table<'a, 'i>(
        &mut self,
        t: &Tbl<'a, 'i>,
        key: &str,
        name: String,
    ) -> Option<Tbl<'a, 'i>> {
        let v = t.get(key)?;
        match v.get_ref().as_table() {
            Some(table) => Some(Tbl {
                table,
                span: v.span(),
                name,
            }),
            None => {
                self.type_error(v, t, key, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[key]]` or an array of inline tables).
    pub(super) fn tables<'a, 'i>(
        &mut self,
        t: &Tbl<'a, 'i>,
        key: &str,
        name: &str,
    ) -> Vec<Tbl<'a, 'i>> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.type_error(v, t, key, &format!("an array of tables ({name})"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(table) => out.push(Tbl {
                    table,
                    span: item.span(),
                    name: name.to_string(),
                }),
                None => self.error(
                    &item.span(),
                    format!(
                        "each entry of `{key}` must be a table ({name}), found {}",
                        describe(item.get_ref())
                    ),
                ),
            }
        }
        out
    }
}
