//! The data file: its format (version 1), loading and validation.
//!
//! [`parse`] is a pure function from the file's bytes to a [`Dataset`] or to every
//! problem found, each with a line and column. [`read`] is the one place that touches
//! the file system: it reads with a size limit and turns I/O failures into messages.

use std::ops::Range;
use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;
use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::text::clean;

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A place in the file, 1-based; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file, compiler style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pos: Option<Pos>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pos,
            message: message.into(),
        }
    }

    pub fn warning(pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            pos,
            message: message.into(),
        }
    }

    /// `FILE:LINE:COL: error: message` (or `FILE: error: message` without a place).
    pub fn render(&self, file: &str) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.pos {
            Some(p) => format!("{file}:{}:{}: {sev}: {}", p.line, p.col, self.message),
            None => format!("{file}: {sev}: {}", self.message),
        }
    }
}

/// The whole file, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub title: Option<String>,
    pub warn_days: i64,
    pub stale_days: i64,
    pub missions: Vec<Mission>,
    /// Warnings found while loading (the file is still usable).
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mission {
    pub pos: Pos,
    pub id: String,
    pub name: String,
    pub short: String,
    pub kind: Option<String>,
    pub host: Option<String>,
    pub lead: Option<String>,
    pub summary: Option<String>,
    pub timezone: Tz,
    pub successor: Option<String>,
    pub mandates: Vec<Period>,
    pub strength: Strength,
    pub contributors: Vec<Contributor>,
    pub funding: Option<Funding>,
    pub milestones: Vec<Milestone>,
    pub requirements: Vec<Requirement>,
    pub sources: Vec<Source>,
}

/// One authorization period.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub start: NaiveDate,
    /// Last day in force; `None` is open-ended.
    pub end: Option<NaiveDate>,
    pub resolution: Option<String>,
    pub adopted: Option<NaiveDate>,
    pub vote: Option<String>,
    pub final_: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    pub pos: Pos,
    pub authorized: i64,
    /// Every figure (history plus `as_of`/`deployed`), sorted by date.
    pub figures: Vec<Figure>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub pos: Pos,
    pub date: NaiveDate,
    pub deployed: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contributor {
    pub country: String,
    pub pledged: Option<i64>,
    pub deployed: Option<i64>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Funding {
    pub currency: String,
    pub required: Option<f64>,
    pub pledged: Option<f64>,
    pub received: Option<f64>,
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub text: String,
    pub date: Option<NaiveDate>,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub text: String,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Missing,
    Directory,
    TooLarge(u64),
    Unreadable(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => write!(f, "file not found; check the path, or set MANDATE_FILE"),
            ReadError::Directory => write!(f, "is a directory; give the path of a .toml file"),
            ReadError::TooLarge(n) => write!(
                f,
                "file is {n} bytes, over the {} MiB limit; split it into smaller files",
                MAX_FILE_BYTES / 1024 / 1024
            ),
            ReadError::Unreadable(why) => write!(f, "cannot read the file: {}", clean(why)),
        }
    }
}

/// Reads a data file, refusing directories and files over [`MAX_FILE_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len().max(bytes.len() as u64)));
    }
    Ok(bytes)
}

fn io_error(e: std::io::Error) -> ReadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        std::io::ErrorKind::IsADirectory => ReadError::Directory,
        std::io::ErrorKind::PermissionDenied => {
            ReadError::Unreadable("permission denied; check the file's permissions".into())
        }
        _ => ReadError::Unreadable(e.to_string()),
    }
}

/// Parses and validates a data file. Returns every problem found, sorted by place.
pub fn parse(bytes: &[u8]) -> Result<Dataset, Vec<Diagnostic>> {
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = std::str::from_utf8(good)
                .map(|s| s.rsplit('\n').next().unwrap_or("").chars().count() + 1)
                .unwrap_or(1);
            return Err(vec![Diagnostic::error(
                Some(Pos { line, col }),
                format!(
                    "the file is not valid UTF-8 (bad byte at offset {}); save it as UTF-8",
                    e.valid_up_to()
                ),
            )]);
        }
    };
    if src.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            None,
            "the file is empty; it needs at least one [[mission]] table (see the README for an example)",
        )]);
    }
    let starts = line_starts(src);
    if src.len() >= PARTS_MIN_BYTES {
        if let Some(d) = parse_in_parts(src, &starts) {
            return Ok(d);
        }
    }
    parse_whole(src, &starts)
}

/// Reads the file as one piece (every problem is found this way).
fn parse_whole(src: &str, starts: &[usize]) -> Result<Dataset, Vec<Diagnostic>> {
    let mut cx = Cx::new(src, starts);
    let (root, syntax) = DeTable::parse_recoverable(src);
    if !syntax.is_empty() {
        for e in syntax {
            let pos = e.span().map(|s| cx.pos(s.start));
            cx.diags.push(Diagnostic::error(
                pos,
                format!("TOML syntax: {}", clean(e.message())),
            ));
        }
        return Err(cx.finish_errors());
    }
    let dataset = cx.dataset(root.get_ref(), root.span());
    let has_errors = cx.diags.iter().any(|d| d.severity == Severity::Error);
    match dataset {
        Some(mut d) if !has_errors => {
            d.warnings = cx.finish_errors();
            Ok(d)
        }
        _ => Err(cx.finish_errors()),
    }
}

/// Files at least this large are read in parts, one per core.
const PARTS_MIN_BYTES: usize = 1 << 20;

/// Reads a large, valid file in parts split at `[[mission]]` headers, one part per core.
/// Returns `None` whenever the result could differ from reading the file whole (a part
/// that does not parse, or any problem at all), so the caller reads it whole: the fast
/// path never decides what a problem looks like.
fn parse_in_parts(src: &str, starts: &[usize]) -> Option<Dataset> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 {
        return None;
    }
    // A header on a line of its own; inside a multi-line string the split makes a part
    // that does not parse, and the whole file is read instead.
    let headers: Vec<usize> = src
        .match_indices("\n[[mission]]")
        .map(|(i, _)| i + 1)
        .filter(|&i| {
            src[i + "[[mission]]".len()..]
                .chars()
                .next()
                .is_none_or(|c| c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '#')
        })
        .collect();
    let mut cuts = vec![0];
    for k in 1..threads {
        let want = src.len() * k / threads;
        let at = headers.partition_point(|&h| h < want);
        if let Some(&h) = headers.get(at) {
            if h > *cuts.last().unwrap_or(&0) {
                cuts.push(h);
            }
        }
    }
    if cuts.len() < 2 {
        return None;
    }
    cuts.push(src.len());
    let parts: Vec<Option<Dataset>> = std::thread::scope(|scope| {
        let handles: Vec<_> = cuts
            .windows(2)
            .enumerate()
            .map(|(i, w)| {
                let (from, to) = (w[0], w[1]);
                scope.spawn(move || {
                    let text = &src[from..to];
                    let (root, syntax) = DeTable::parse_recoverable(text);
                    if !syntax.is_empty() {
                        return None;
                    }
                    // Past the first part, only missions may stand at the top.
                    if i > 0 && root.get_ref().keys().any(|k| k.get_ref() != "mission") {
                        return None;
                    }
                    let mut cx = Cx {
                        line_starts: starts,
                        src,
                        base: from,
                        cross_check: false,
                        diags: Vec::new(),
                    };
                    let d = cx.dataset(root.get_ref(), root.span())?;
                    let clean_read = cx.diags.iter().all(|d| d.severity != Severity::Error);
                    clean_read.then(|| Dataset {
                        warnings: cx.finish_errors(),
                        ..d
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut parts = parts.into_iter();
    let mut whole = parts.next()??;
    for p in parts {
        let p = p?;
        whole.missions.extend(p.missions);
        whole.warnings.extend(p.warnings);
    }
    // Ids and successors across the parts; any problem is left to the whole read.
    let mut ids = std::collections::HashSet::new();
    if !whole.missions.iter().all(|m| ids.insert(m.id.as_str())) {
        return None;
    }
    let successors_ok = whole.missions.iter().all(|m| match &m.successor {
        Some(s) => s != &m.id && ids.contains(s.as_str()),
        None => true,
    });
    if !successors_ok {
        return None;
    }
    whole.warnings.sort_by_key(|d| d.pos);
    Some(whole)
}

const TOP_KEYS: &[&str] = &["title", "warn_days", "stale_days", "mission"];
const MISSION_KEYS: &[&str] = &[
    "id",
    "name",
    "short",
    "kind",
    "host",
    "lead",
    "summary",
    "timezone",
    "successor",
    "mandate",
    "strength",
    "contributor",
    "funding",
    "milestone",
    "requirement",
    "source",
];
const MANDATE_KEYS: &[&str] = &[
    "start",
    "end",
    "resolution",
    "adopted",
    "vote",
    "final",
    "note",
];
const STRENGTH_KEYS: &[&str] = &["authorized", "deployed", "as_of", "history", "source"];
const HISTORY_KEYS: &[&str] = &["date", "deployed"];
const CONTRIBUTOR_KEYS: &[&str] = &["country", "pledged", "deployed", "role"];
const FUNDING_KEYS: &[&str] = &["currency", "required", "pledged", "received", "as_of"];
const MILESTONE_KEYS: &[&str] = &["text", "date", "done"];
const REQUIREMENT_KEYS: &[&str] = &["text", "met"];
const SOURCE_KEYS: &[&str] = &["title", "url", "date"];

type Val<'i> = Spanned<DeValue<'i>>;

/// A table being read: its entries, its span, and its name for messages.
struct Tbl<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    name: String,
}

impl<'a, 'i> Tbl<'a, 'i> {
    fn get(&self, key: &str) -> Option<&'a Val<'i>> {
        self.table.get(key)
    }
}

/// The validation context: the source (for positions) and the problems found so far.
struct Cx<'s> {
    /// Where each line of the whole file starts.
    line_starts: &'s [usize],
    /// The whole file.
    src: &'s str,
    /// Where the text being read starts in the whole file (a part, when read in parts).
    base: usize,
    /// Whether ids and successors are checked across the missions read here.
    cross_check: bool,
    diags: Vec<Diagnostic>,
}

/// Where each line of `src` starts.
fn line_starts(src: &str) -> Vec<usize> {
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
    fn new(src: &'s str, line_starts: &'s [usize]) -> Self {
        Cx {
            line_starts,
            src,
            base: 0,
            cross_check: true,
            diags: Vec::new(),
        }
    }

    /// The place of `offset` in the text being read.
    fn pos(&self, offset: usize) -> Pos {
        let offset = (offset + self.base).min(self.src.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .src
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        Pos { line, col }
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span.start);
        self.diags.push(Diagnostic::error(Some(pos), message));
    }

    fn warning(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let pos = self.pos(span.start);
        self.diags.push(Diagnostic::warning(Some(pos), message));
    }

    fn finish_errors(&mut self) -> Vec<Diagnostic> {
        let mut d = std::mem::take(&mut self.diags);
        d.sort_by_key(|d| d.pos);
        d
    }

    /// Reports keys not in `allowed`, with the nearest expected name when there is one.
    fn check_keys(&mut self, t: &Tbl, allowed: &[&str]) {
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

    fn type_error(&mut self, v: &Val, t: &Tbl, key: &str, expected: &str) {
        self.error(
            &v.span(),
            format!(
                "`{key}` in {} must be {expected}, found {}",
                t.name,
                describe(v.get_ref())
            ),
        );
    }

    fn missing(&mut self, t: &Tbl, key: &str, what: &str) {
        self.error(
            &t.span,
            format!("{} is missing the required key `{key}` ({what})", t.name),
        );
    }

    fn string(&mut self, t: &Tbl, key: &str) -> Option<String> {
        let v = t.get(key)?;
        match v.get_ref().as_str() {
            Some(s) => Some(clean(s)),
            None => {
                self.type_error(v, t, key, "a string");
                None
            }
        }
    }

    fn string_req(&mut self, t: &Tbl, key: &str, what: &str) -> Option<String> {
        if t.get(key).is_none() {
            self.missing(t, key, what);
        }
        self.string(t, key)
    }

    fn boolean(&mut self, t: &Tbl, key: &str) -> Option<bool> {
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
    fn integer(&mut self, t: &Tbl, key: &str, min: i64) -> Option<i64> {
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

    /// A number (integer or float) that is finite and not negative.
    fn amount(&mut self, t: &Tbl, key: &str) -> Option<f64> {
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

    fn date(&mut self, t: &Tbl, key: &str) -> Option<NaiveDate> {
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

    fn date_req(&mut self, t: &Tbl, key: &str, what: &str) -> Option<NaiveDate> {
        if t.get(key).is_none() {
            self.missing(t, key, what);
        }
        self.date(t, key)
    }

    /// A sub-table; `name` is how messages call it.
    fn table<'a, 'i>(&mut self, t: &Tbl<'a, 'i>, key: &str, name: String) -> Option<Tbl<'a, 'i>> {
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
    fn tables<'a, 'i>(&mut self, t: &Tbl<'a, 'i>, key: &str, name: &str) -> Vec<Tbl<'a, 'i>> {
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

    fn dataset(&mut self, root: &DeTable, span: Range<usize>) -> Option<Dataset> {
        let top = Tbl {
            table: root,
            span,
            name: "the top level".to_string(),
        };
        self.check_keys(&top, TOP_KEYS);
        let title = self.string(&top, "title");
        let warn_days = self.integer(&top, "warn_days", 0).unwrap_or(30);
        let stale_days = self.integer(&top, "stale_days", 1).unwrap_or(90);
        let tables = self.tables(&top, "mission", "[[mission]]");
        if tables.is_empty() && !self.diags.iter().any(|d| d.severity == Severity::Error) {
            self.diags.push(Diagnostic::error(
                None,
                "no [[mission]] tables; add at least one (see the README for an example)",
            ));
        }
        let mut missions: Vec<Mission> = Vec::new();
        let mut complete = true;
        // Ids and successors are cross-checked from every table that gives them, even
        // one with other problems, so that all of them are reported in one run.
        let mut ids: Vec<(String, usize)> = Vec::new();
        // id -> line of first use, for duplicate and successor checks in O(n).
        let mut first_line: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut every_id_known = true;
        let mut successors: Vec<(Option<String>, String, Range<usize>)> = Vec::new();
        for t in &tables {
            match self.mission(t) {
                Some(m) => missions.push(m),
                None => complete = false,
            }
            let id = t.get("id").and_then(|v| v.get_ref().as_str()).map(clean);
            match (&id, t.get("id")) {
                (Some(id), Some(v)) if valid_id(id) => {
                    if let Some(&line) = first_line.get(id.as_str()) {
                        self.error(
                            &v.span(),
                            format!(
                                "duplicate mission id `{id}` (first used on line {line}); ids must be unique"
                            ),
                        );
                    } else {
                        let line = self.pos(t.span.start).line;
                        first_line.insert(id.clone(), line);
                        ids.push((id.clone(), line));
                    }
                }
                _ => every_id_known = false,
            }
            if let Some(v) = t.get("successor") {
                if let Some(succ) = v.get_ref().as_str() {
                    successors.push((id, clean(succ), v.span()));
                }
            }
        }
        if every_id_known && self.cross_check {
            for (id, succ, span) in &successors {
                if id.as_ref() == Some(succ) {
                    self.error(
                        span,
                        format!("mission `{succ}` names itself as its successor"),
                    );
                } else if !first_line.contains_key(succ.as_str()) {
                    let mut list: Vec<&str> =
                        ids.iter().take(20).map(|(o, _)| o.as_str()).collect();
                    if ids.len() > 20 {
                        list.push("...");
                    }
                    self.error(
                        span,
                        format!(
                            "successor `{succ}` names no mission in this file; the ids are: {}",
                            list.join(", ")
                        ),
                    );
                }
            }
        }
        if !complete || missions.is_empty() {
            return None;
        }
        Some(Dataset {
            title,
            warn_days,
            stale_days,
            missions,
            warnings: Vec::new(),
        })
    }

    /// One `[[mission]]` (its id and successor are cross-checked by the caller).
    fn mission(&mut self, t: &Tbl) -> Option<Mission> {
        let errors_before = self.error_count();
        let id = self.string_req(t, "id", "a short lowercase name such as \"mss\"");
        // Once the id is known, messages about this table name the mission.
        let named = Tbl {
            table: t.table,
            span: t.span.clone(),
            name: match &id {
                Some(id) if valid_id(id) => format!("{} `{id}`", t.name),
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
        let kind = self.string(t, "kind");
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
                        let names: Vec<&str> =
                            chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
                        let hint = match nearest(s, &names) {
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
        let mandates: Vec<Period> = mandate_tables
            .iter()
            .filter_map(|m| self.period(m))
            .collect();

        let strength = match self.table(t, "strength", "[mission.strength]".into()) {
            Some(s) => self.strength(&s),
            None => {
                if t.get("strength").is_none() {
                    self.missing(
                        t,
                        "strength",
                        "a [mission.strength] table with `authorized`",
                    );
                }
                None
            }
        };

        let contributors = self
            .tables(t, "contributor", "[[mission.contributor]]")
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
            })
            .collect();

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

        let milestones = self
            .tables(t, "milestone", "[[mission.milestone]]")
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
            })
            .collect();

        let requirements = self
            .tables(t, "requirement", "[[mission.requirement]]")
            .iter()
            .filter_map(|r| {
                self.check_keys(r, REQUIREMENT_KEYS);
                let text = self.string_req(r, "text", "what is needed");
                let met = self.boolean(r, "met").unwrap_or(false);
                Some(Requirement { text: text?, met })
            })
            .collect();

        let sources = self
            .tables(t, "source", "[[mission.source]]")
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
            })
            .collect();

        if self.error_count() > errors_before {
            return None;
        }
        let id = id?;
        Some(Mission {
            pos: self.pos(t.span.start),
            short: short.unwrap_or_else(|| id.clone()),
            id,
            name: name?,
            kind,
            host,
            lead,
            summary,
            timezone: timezone?,
            successor,
            mandates,
            strength: strength?,
            contributors,
            funding,
            milestones,
            requirements,
            sources,
        })
    }

    fn error_count(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    fn period(&mut self, t: &Tbl) -> Option<Period> {
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
        let final_ = self.boolean(t, "final").unwrap_or(false);
        let note = self.string(t, "note");
        Some(Period {
            start: start?,
            end,
            resolution,
            adopted,
            vote,
            final_,
            note,
        })
    }

    fn strength(&mut self, t: &Tbl) -> Option<Strength> {
        self.check_keys(t, STRENGTH_KEYS);
        if t.get("authorized").is_none() {
            self.missing(
                t,
                "authorized",
                "the authorized strength, a whole number above 0",
            );
        }
        let authorized = self.integer(t, "authorized", 1);
        let deployed = self.integer(t, "deployed", 0);
        let as_of = self.date(t, "as_of");
        let mut figures = Vec::new();
        for h in self.tables(t, "history", "an entry of `history`") {
            self.check_keys(&h, HISTORY_KEYS);
            let date = self.date_req(&h, "date", "the day of the figure");
            if h.get("deployed").is_none() {
                self.missing(&h, "deployed", "the number deployed that day");
            }
            let n = self.integer(&h, "deployed", 0);
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
        Some(Strength {
            pos: self.pos(t.span.start),
            authorized: authorized?,
            figures: figures.into_iter().map(|(_, f)| f).collect(),
            source: self.string(t, "source"),
        })
    }
}

/// `[a-z0-9][a-z0-9-]*`
pub fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn describe(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => {
            let s = clean(s);
            let short: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "..." } else { "" };
            format!("the string \"{short}{more}\"")
        }
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "an array".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.len() > 64 {
        return None;
    }
    let w = word.to_lowercase();
    let limit = (w.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (edit_distance(&w, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    // Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours.
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[[mission]]
id = "mss"
name = "Multinational Security Support"
[[mission.mandate]]
start = 2023-10-02
end = 2024-10-02
[mission.strength]
authorized = 2500
"#;

    fn errors(src: &str) -> Vec<String> {
        parse(src.as_bytes())
            .expect_err("the file should be invalid")
            .iter()
            .map(|d| d.render("f.toml"))
            .collect()
    }

    #[test]
    fn minimal_file_loads_with_defaults() {
        let d = parse(MINIMAL.as_bytes()).unwrap();
        assert_eq!(d.warn_days, 30);
        assert_eq!(d.stale_days, 90);
        let m = &d.missions[0];
        assert_eq!(m.short, "mss");
        assert_eq!(m.timezone, Tz::UTC);
        assert_eq!(m.mandates[0].end, NaiveDate::from_ymd_opt(2024, 10, 2));
        assert_eq!(m.strength.authorized, 2500);
        assert_eq!(m.pos.line, 2);
    }

    #[test]
    fn unknown_key_is_reported_with_place_and_suggestion() {
        let src = MINIMAL.replace("name =", "nmae =");
        let e = errors(&src);
        assert!(
            e.iter().any(|l| l.starts_with(
                "f.toml:4:1: error: unknown key `nmae` in [[mission]] `mss`; did you mean `name`?"
            )),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|l| l.contains("missing the required key `name`")),
            "{e:?}"
        );
    }

    #[test]
    fn missing_keys_name_the_mission_when_its_id_is_known() {
        let no_strength = MINIMAL.replace("[mission.strength]\nauthorized = 2500\n", "");
        assert_eq!(
            errors(&no_strength),
            vec![
                "f.toml:2:1: error: [[mission]] `mss` is missing the required key `strength` (a [mission.strength] table with `authorized`)",
            ]
        );
        let no_id = no_strength.replace("id = \"mss\"\n", "");
        let e = errors(&no_id);
        assert!(
            e.contains(&"f.toml:2:1: error: [[mission]] is missing the required key `id` (a short lowercase name such as \"mss\")".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"f.toml:2:1: error: [[mission]] is missing the required key `strength` (a [mission.strength] table with `authorized`)".to_string()),
            "{e:?}"
        );
        // an invalid id is reported, and not used to name the mission
        let bad_id = no_strength.replace("\"mss\"", "\"MSS\"");
        assert!(errors(&bad_id)
            .iter()
            .any(|l| l.contains("error: [[mission]] is missing the required key `strength`")));
    }

    #[test]
    fn all_problems_are_reported_in_one_run() {
        let src = MINIMAL
            .replace("authorized = 2500", "authorized = 0")
            .replace("end = 2024-10-02", "end = 2020-01-01")
            .replace("id = \"mss\"", "id = \"MSS\"\ntimezone = \"Mars/Olympus\"");
        let e = errors(&src);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].contains("id `MSS` is not valid"));
        assert!(e[1].contains("unknown time zone `Mars/Olympus`"));
        assert!(e[2].contains("`end` 2020-01-01 is before `start` 2023-10-02"));
        assert!(e[3].contains("`authorized` in [mission.strength] must be greater than 0, found 0"));
    }

    #[test]
    fn integers_up_to_i64_max_are_accepted() {
        let src = MINIMAL.replace("2500", "9223372036854775807");
        assert_eq!(
            parse(src.as_bytes()).unwrap().missions[0]
                .strength
                .authorized,
            i64::MAX
        );
        let src = MINIMAL.replace("2500", "9223372036854775808");
        assert!(errors(&src)[0].contains("out of range"));
    }

    #[test]
    fn quoted_date_is_a_type_error() {
        let src = MINIMAL.replace("start = 2023-10-02", "start = \"2023-10-02\"");
        assert!(errors(&src)[0].contains("`start` in [[mission.mandate]] must be a date like 2025-10-02 (unquoted), found the string \"2023-10-02\""));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = errors("[[mission]]\nid = \"a\nname = 1\n");
        assert!(e[0].starts_with("f.toml:2:"), "{e:?}");
        assert!(e[0].contains("TOML syntax"));
    }

    #[test]
    fn not_utf8_and_empty() {
        let e = parse(b"title = \"a\xff\"").unwrap_err();
        assert!(e[0].message.contains("not valid UTF-8"));
        assert!(parse(b"  \n").unwrap_err()[0].message.contains("empty"));
        assert!(parse(b"title = \"x\"").unwrap_err()[0]
            .message
            .contains("no [[mission]]"));
    }

    #[test]
    fn control_characters_in_text_are_cleaned() {
        let src = MINIMAL.replace(
            "Multinational",
            "Multi\\u001b]0;pwned\\u0007national\\u202e",
        );
        let d = parse(src.as_bytes()).unwrap();
        assert_eq!(
            d.missions[0].name,
            "Multi\u{241b}]0;pwned\u{2407}national Security Support"
        );
    }

    #[test]
    fn figures_are_merged_and_duplicates_refused() {
        let src = MINIMAL.replace(
            "authorized = 2500",
            "authorized = 2500\ndeployed = 970\nas_of = 2025-09-30\nhistory = [{ date = 2024-06-25, deployed = 200 }]",
        );
        let d = parse(src.as_bytes()).unwrap();
        let f = &d.missions[0].strength.figures;
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].deployed, 200);
        assert_eq!(f[1].deployed, 970);
        let dup = src.replace("2024-06-25", "2025-09-30");
        assert!(errors(&dup)
            .iter()
            .any(|e| e.contains("two strength figures for 2025-09-30")));
        let no_as_of = MINIMAL.replace("authorized = 2500", "authorized = 2500\ndeployed = 3");
        assert!(errors(&no_as_of)[0].contains("`deployed` needs `as_of`"));
    }

    #[test]
    fn duplicate_ids_and_unknown_successor() {
        let two = format!(
            "{MINIMAL}{}",
            MINIMAL.replace("\n[[mission]]\n", "\n[[mission]]\nsuccessor = \"gsf\"\n")
        );
        let e = errors(&two);
        assert!(
            e.iter()
                .any(|l| l.contains("duplicate mission id `mss` (first used on line 2)")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|l| l.contains("successor `gsf` names no mission in this file")),
            "{e:?}"
        );
    }

    #[test]
    fn ids_and_successors_are_checked_even_when_a_mission_has_other_errors() {
        let broken = MINIMAL.replace("authorized = 2500", "authorized = 0");
        let two = format!(
            "{broken}{}",
            MINIMAL.replace("\n[[mission]]\n", "\n[[mission]]\nsuccessor = \"gsf\"\n")
        );
        let e = errors(&two);
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].contains("`authorized` in [mission.strength] must be greater than 0"));
        assert!(e[1].contains("successor `gsf` names no mission in this file; the ids are: mss"));
        assert!(e[2].contains("duplicate mission id `mss` (first used on line 2)"));
        // a mission naming itself
        let own = MINIMAL.replace("\n[[mission]]\n", "\n[[mission]]\nsuccessor = \"mss\"\n");
        assert!(errors(&own)[0].contains("mission `mss` names itself as its successor"));
        // without every id known, an unknown successor is not claimed
        let no_id = format!(
            "{}{}",
            MINIMAL.replace("id = \"mss\"\n", ""),
            MINIMAL
                .replace("id = \"mss\"", "id = \"gsf\"")
                .replace("\n[[mission]]\n", "\n[[mission]]\nsuccessor = \"mss\"\n")
        );
        let e = errors(&no_id);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("missing the required key `id`"));
    }

    /// A portfolio big enough to be read in parts.
    fn big(n: usize) -> String {
        let mut s = String::from("title = \"big\"\nwarn_days = 10\n");
        for i in 0..n {
            let succ = if i % 7 == 0 {
                format!("successor = \"m{}\"\n", (i * 31 + 5) % n)
            } else {
                String::new()
            };
            s.push_str(&format!(
                "\n[[mission]] # {i}\nid = \"m{i}\"\nname = \"Mission {i} with a name\"\n{succ}[[mission.mandate]]\nstart = 2020-01-01\nend = 2030-12-31\n[mission.strength]\nauthorized = {}\nas_of = 2025-01-01\n",
                i + 1
            ));
        }
        s
    }

    #[test]
    fn reading_in_parts_gives_what_reading_whole_gives() {
        let src = big(6_000);
        assert!(src.len() >= PARTS_MIN_BYTES);
        let starts = line_starts(&src);
        let whole = parse_whole(&src, &starts).unwrap();
        let parts = parse_in_parts(&src, &starts).expect("a valid file is read in parts");
        assert_eq!(parts, whole);
        assert_eq!(parts.missions.len(), 6_000);
        assert_eq!(
            parts.missions[5_999].pos.line,
            whole.missions[5_999].pos.line
        );
        assert!(!parts.warnings.is_empty(), "as_of without deployed warns");
    }

    #[test]
    fn a_problem_in_a_big_file_is_reported_as_reading_whole_reports_it() {
        let src = big(6_000).replace("id = \"m5000\"", "id = \"m4999\"");
        let starts = line_starts(&src);
        assert!(parse_in_parts(&src, &starts).is_none());
        let e = parse(src.as_bytes()).unwrap_err();
        assert!(
            e.iter()
                .any(|d| d.message.contains("duplicate mission id `m4999`")),
            "{e:?}"
        );
        let src = big(6_000).replace("successor = \"m", "successor = \"x");
        assert!(parse(src.as_bytes()).unwrap_err()[0]
            .message
            .contains("names no mission"));
    }

    #[test]
    fn nearest_finds_typos_only() {
        assert_eq!(nearest("nmae", MISSION_KEYS), Some("name"));
        assert_eq!(nearest("zzzzzz", MISSION_KEYS), None);
    }
}
