//! Shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and `tests/hostile.rs`:
//! a plain description of a well-formed mission file, its TOML text, the hostile
//! strings, and the checks every rendered frame must pass.
//!
//! Only std, chrono, chrono-tz, ratatui, unicode-width and mandate are used here, so the
//! same file compiles in the fuzz crate and in the main crate's tests.
#![allow(dead_code)]

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use mandate::app::{App, Colors};
use mandate::domain::Dataset;
use mandate::source::{FileEvent, Origin};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// Strings that must never reach a terminal as control sequences, or break the layout.
/// The `structured` fuzz target picks them by index: change the list only by appending,
/// or the raw crash inputs stored as `.bin` regenerate other files.
pub const HOSTILE: &[&str] = &[
    "\u{1b}]0;pwned\u{7}",              // OSC: set the window title
    "\u{1b}]52;c;cHduZWQ=\u{7}",        // OSC 52: write the clipboard
    "\u{1b}[2J",                        // CSI: clear the screen
    "\u{1b}[31m",                       // CSI: colour
    "\u{9b}2J",                         // C1 CSI
    "\u{9d}0;pwned\u{9c}",              // C1 OSC ... ST
    "\u{7}",                            // BEL
    "\u{8}\u{8}\u{8}",                  // backspaces
    "\r",                               // carriage return
    "\u{0}",                            // NUL
    "\u{7f}",                           // DEL
    "\u{85}",                           // C1 next line
    "\u{202e}",                         // bidi: right-to-left override
    "\u{202a}\u{202b}\u{202c}\u{202d}", // bidi embeddings and pop
    "\u{2066}\u{2067}\u{2068}\u{2069}", // bidi isolates
    "\u{200b}",                         // zero-width space
    "\u{200d}",                         // zero-width joiner
    "\u{feff}",                         // zero-width no-break space (BOM)
    "e\u{301}",                         // e + combining acute
    "\u{301}\u{302}\u{303}\u{304}",     // combining marks alone
    "Z\u{36b}\u{36c}\u{36d}\u{36e}\u{36f}\u{35c}\u{35d}", // zalgo
    "漢字テキスト",                     // wide CJK
    "한국어",                           // wide Hangul
    "👨\u{200d}👩\u{200d}👧\u{200d}👦", // emoji ZWJ sequence
    "🇭🇹🇰🇪",                             // regional indicator flags
    "☀\u{fe0f}",                        // emoji presentation selector
    "\u{fffd}",                         // replacement character
    "\t",                               // tab
    "\n",                               // line feed
    "\\",                               // backslash
    "\"",                               // quote
    "'''",                              // TOML literal-string delimiter
    "x",                                // plain
];

/// The characters that must never appear in a rendered cell: C0 controls, DEL, C1
/// controls, and the bidi embedding/override/isolate controls.
pub fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{80}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every place in `s` where a forbidden character is, as `U+XXXX at char N`.
pub fn forbidden_in(s: &str) -> Vec<String> {
    s.chars()
        .enumerate()
        .filter(|(_, c)| forbidden(*c))
        .map(|(i, c)| format!("U+{:04X} at char {i}", c as u32))
        .collect()
}

/// The problems of a rendered frame: forbidden characters in any cell, and rows that are
/// not exactly the buffer's width in columns.
///
/// A row's width is the sum of its cells' widths, each cell's symbol (one grapheme
/// cluster, as ratatui segments text) measured with unicode-width, skipping the cells a
/// wide symbol covers. Not `width()` of the whole row's text: unicode-width applies some
/// rules to whole strings (emoji ZWJ sequences, Arabic lam-alef and other script
/// ligatures) that grapheme segmentation does not, so a row holding, say, a flag, a
/// dangling ZWJ and an emoji measures 2 columns less as one string than cell by cell
/// (see tests/fixtures/regressions/fuzz-structured-flag-zwj-emoji.toml). The cell
/// model is the one the terminal is driven by.
pub fn frame_problems(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        let mut width = 0usize;
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            let sym = buf[(x, y)].symbol();
            let w = if sym.len() == 1 && (0x20..0x7f).contains(&sym.as_bytes()[0]) {
                1
            } else {
                for c in sym.chars() {
                    if forbidden(c) {
                        out.push(format!(
                            "cell ({x},{y}) holds U+{:04X} in symbol {sym:?}",
                            c as u32
                        ));
                    }
                }
                sym.width()
            };
            if skip > 0 {
                skip -= 1;
                continue;
            }
            width += w;
            skip = w.saturating_sub(1);
        }
        if width != usize::from(area.width) {
            let row: String = (area.left()..area.right())
                .map(|x| buf[(x, y)].symbol())
                .collect();
            out.push(format!(
                "row {y} is {width} columns wide, not {}: {row:?}",
                area.width
            ));
        }
    }
    out
}

/// The names of keys in a fixture's `# regression: keys=` line.
const KEY_NAMES: &[(&str, KeyCode)] = &[
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
];

/// A key as a fixture names it: `Tab`, `End`, ... or the character itself.
pub fn key_name(k: KeyCode) -> String {
    match KEY_NAMES.iter().find(|(_, c)| *c == k) {
        Some((n, _)) => (*n).to_string(),
        None => match k {
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        },
    }
}

/// The key a fixture names (the inverse of [`key_name`]).
pub fn key_from_name(name: &str) -> Option<KeyCode> {
    if let Some((_, k)) = KEY_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(*k);
    }
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(KeyCode::Char(c)),
        _ => None,
    }
}

/// The `# regression:` line that replays a frame: instants, size and keys.
pub fn replay_line(nows: &[DateTime<Utc>], (w, h): (u16, u16), keys: &[KeyCode]) -> String {
    let mut line = String::from("# regression:");
    for n in nows {
        let _ = write!(
            line,
            " now={}",
            n.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
    }
    let _ = write!(line, " size={w}x{h}");
    if !keys.is_empty() {
        let names: Vec<String> = keys.iter().map(|&k| key_name(k)).collect();
        let _ = write!(line, " keys={}", names.join(","));
    }
    line
}

/// An `App` showing `data` at `now`, sized `size`, without colour (as `--print` is).
pub fn app_for(data: Dataset, now: DateTime<Utc>, size: (u16, u16)) -> App {
    App::showing(
        &Origin::File("hostile.toml".into()),
        FileEvent::Loaded(Box::new(data)),
        now,
        size,
    )
    .with_colors(Colors::Off)
}

/// One frame of `app` at its size.
pub fn render(app: &App) -> Buffer {
    let (w, h) = app.size();
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    mandate::ui::render(app, area, &mut buf);
    buf
}

/// The earliest and latest instants the command line can ask for (`--now` takes
/// four-digit years with offsets up to a day), as Unix seconds.
pub const MIN_NOW: i64 = -62_167_305_600; // -0001-12-31T00:00:00Z
pub const MAX_NOW: i64 = 253_402_387_199; // 10000-01-01T23:59:59Z

/// `t` mapped into `MIN_NOW..=MAX_NOW`.
pub fn instant(t: i64) -> DateTime<Utc> {
    let span = (MAX_NOW - MIN_NOW + 1) as u64;
    let secs = MIN_NOW + ((t as u64) % span) as i64;
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

/// A date from any three numbers, within 0001-01-01..=9999-12-31.
pub fn date(y: u32, m: u32, d: u32) -> NaiveDate {
    let y = 1 + (y % 9999) as i32;
    let m = 1 + m % 12;
    let d = 1 + d % 31;
    NaiveDate::from_ymd_opt(y, m, d)
        .or_else(|| NaiveDate::from_ymd_opt(y, m, 28))
        .unwrap_or(NaiveDate::MIN)
}

#[derive(Debug, Clone, Default)]
pub struct FileSpec {
    pub title: Option<String>,
    pub warn_days: Option<i64>,
    pub stale_days: Option<i64>,
    pub missions: Vec<MissionSpec>,
}

#[derive(Debug, Clone, Default)]
pub struct MissionSpec {
    /// Appended to `m{index}` to make the id (only `[a-z0-9-]` are kept).
    pub id_suffix: String,
    pub name: String,
    pub short: Option<String>,
    pub kind: Option<String>,
    pub host: Option<String>,
    pub lead: Option<String>,
    pub summary: Option<String>,
    pub timezone: Option<String>,
    /// Index of another mission (taken modulo the count; itself is skipped).
    pub successor: Option<usize>,
    pub periods: Vec<PeriodSpec>,
    /// Made at least 1.
    pub authorized: i64,
    pub deployed: Option<(NaiveDate, i64)>,
    pub history: Vec<(NaiveDate, i64)>,
    pub strength_source: Option<String>,
    pub contributors: Vec<ContributorSpec>,
    pub funding: Option<FundingSpec>,
    pub milestones: Vec<(String, Option<NaiveDate>, Option<bool>)>,
    pub requirements: Vec<(String, Option<bool>)>,
    pub sources: Vec<(String, Option<String>, Option<NaiveDate>)>,
}

#[derive(Debug, Clone)]
pub struct PeriodSpec {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub resolution: Option<String>,
    pub adopted: Option<NaiveDate>,
    pub vote: Option<String>,
    pub final_: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ContributorSpec {
    pub country: String,
    pub pledged: Option<i64>,
    pub deployed: Option<i64>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct FundingSpec {
    pub currency: Option<String>,
    pub required: Option<f64>,
    pub pledged: Option<f64>,
    pub received: Option<f64>,
    pub as_of: Option<NaiveDate>,
}

/// A TOML basic string holding exactly `s`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{0}'..='\u{1f}' | '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn amount(v: f64) -> Option<String> {
    let v = v.abs();
    v.is_finite().then(|| format!("{v:?}"))
}

impl FileSpec {
    /// The TOML text of a valid file (the spec is normalized on the way: ids made unique,
    /// periods ordered, figure dates made distinct, figures made non-negative).
    pub fn to_toml(&self) -> String {
        let mut s = String::new();
        let line = |s: &mut String, key: &str, v: &Option<String>| {
            if let Some(v) = v {
                let _ = writeln!(s, "{key} = {}", quote(v));
            }
        };
        line(&mut s, "title", &self.title);
        if let Some(w) = self.warn_days {
            let _ = writeln!(s, "warn_days = {}", w.checked_abs().unwrap_or(i64::MAX));
        }
        if let Some(w) = self.stale_days {
            let _ = writeln!(
                s,
                "stale_days = {}",
                w.checked_abs().unwrap_or(i64::MAX).max(1)
            );
        }
        let n = self.missions.len();
        let ids: Vec<String> = self
            .missions
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let suffix: String = m
                    .id_suffix
                    .chars()
                    .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .take(40)
                    .collect();
                format!("m{i}{suffix}")
            })
            .collect();
        // A suffix could make two ids equal ("m1" + "1" and "m11"): separate them.
        let mut ids_unique: Vec<String> = Vec::with_capacity(n);
        for id in ids {
            let id = if ids_unique.contains(&id) {
                format!("{id}-{}", ids_unique.len())
            } else {
                id
            };
            ids_unique.push(id);
        }
        for (i, m) in self.missions.iter().enumerate() {
            s.push_str("\n[[mission]]\n");
            let _ = writeln!(s, "id = {}", quote(&ids_unique[i]));
            let _ = writeln!(s, "name = {}", quote(&m.name));
            line(&mut s, "short", &m.short);
            line(&mut s, "kind", &m.kind);
            line(&mut s, "host", &m.host);
            line(&mut s, "lead", &m.lead);
            line(&mut s, "summary", &m.summary);
            line(&mut s, "timezone", &m.timezone);
            if let Some(k) = m.successor {
                let j = k % n.max(1);
                if j != i {
                    let _ = writeln!(s, "successor = {}", quote(&ids_unique[j]));
                }
            }
            let mut periods = m.periods.clone();
            if periods.is_empty() {
                periods.push(PeriodSpec {
                    start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN),
                    end: None,
                    resolution: None,
                    adopted: None,
                    vote: None,
                    final_: None,
                    note: None,
                });
            }
            for p in &periods {
                s.push_str("\n[[mission.mandate]]\n");
                let (start, end) = match p.end {
                    Some(e) if e < p.start => (e, Some(p.start)),
                    e => (p.start, e),
                };
                let _ = writeln!(s, "start = {}", ymd(start));
                if let Some(e) = end {
                    let _ = writeln!(s, "end = {}", ymd(e));
                }
                line(&mut s, "resolution", &p.resolution);
                if let Some(a) = p.adopted {
                    let _ = writeln!(s, "adopted = {}", ymd(a));
                }
                line(&mut s, "vote", &p.vote);
                if let Some(f) = p.final_ {
                    let _ = writeln!(s, "final = {f}");
                }
                line(&mut s, "note", &p.note);
            }
            s.push_str("\n[mission.strength]\n");
            let _ = writeln!(
                s,
                "authorized = {}",
                m.authorized.checked_abs().unwrap_or(i64::MAX).max(1)
            );
            let mut dates: Vec<NaiveDate> = Vec::new();
            if let Some((d, n)) = m.deployed {
                let _ = writeln!(s, "deployed = {}", n.checked_abs().unwrap_or(i64::MAX));
                let _ = writeln!(s, "as_of = {}", ymd(d));
                dates.push(d);
            }
            let mut history = Vec::new();
            for &(d, n) in &m.history {
                if !dates.contains(&d) {
                    dates.push(d);
                    history.push(format!(
                        "{{ date = {}, deployed = {} }}",
                        ymd(d),
                        n.checked_abs().unwrap_or(i64::MAX)
                    ));
                }
            }
            if !history.is_empty() {
                let _ = writeln!(s, "history = [\n  {},\n]", history.join(",\n  "));
            }
            line(&mut s, "source", &m.strength_source);
            for c in &m.contributors {
                s.push_str("\n[[mission.contributor]]\n");
                let _ = writeln!(s, "country = {}", quote(&c.country));
                if let Some(p) = c.pledged {
                    let _ = writeln!(s, "pledged = {}", p.checked_abs().unwrap_or(i64::MAX));
                }
                if let Some(p) = c.deployed {
                    let _ = writeln!(s, "deployed = {}", p.checked_abs().unwrap_or(i64::MAX));
                }
                line(&mut s, "role", &c.role);
            }
            if let Some(f) = &m.funding {
                s.push_str("\n[mission.funding]\n");
                line(&mut s, "currency", &f.currency);
                for (key, v) in [
                    ("required", f.required),
                    ("pledged", f.pledged),
                    ("received", f.received),
                ] {
                    if let Some(v) = v.and_then(amount) {
                        let _ = writeln!(s, "{key} = {v}");
                    }
                }
                if let Some(d) = f.as_of {
                    let _ = writeln!(s, "as_of = {}", ymd(d));
                }
            }
            for (text, date, done) in &m.milestones {
                s.push_str("\n[[mission.milestone]]\n");
                let _ = writeln!(s, "text = {}", quote(text));
                if let Some(d) = date {
                    let _ = writeln!(s, "date = {}", ymd(*d));
                }
                if let Some(b) = done {
                    let _ = writeln!(s, "done = {b}");
                }
            }
            for (text, met) in &m.requirements {
                s.push_str("\n[[mission.requirement]]\n");
                let _ = writeln!(s, "text = {}", quote(text));
                if let Some(b) = met {
                    let _ = writeln!(s, "met = {b}");
                }
            }
            for (title, url, date) in &m.sources {
                s.push_str("\n[[mission.source]]\n");
                let _ = writeln!(s, "title = {}", quote(title));
                line(&mut s, "url", url);
                if let Some(d) = date {
                    let _ = writeln!(s, "date = {}", ymd(*d));
                }
            }
        }
        s
    }
}
