//! The command line: arguments, which file to open, and the non-interactive modes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use clap::Parser;

use crate::data::{self, Dataset, Diagnostic};
use crate::model;

/// The bundled example, built into the binary.
pub const BUILTIN: &str = include_str!("../data/mss-haiti.toml");
/// What the built-in copy is called in messages.
pub const BUILTIN_NAME: &str = "built-in data/mss-haiti.toml";
/// The file looked for in the working directory when none is given.
pub const DEFAULT_FILE: &str = "data/mss-haiti.toml";

#[derive(Debug, Parser)]
#[command(
    name = "mandate",
    version,
    about = "A terminal dashboard for the mandate status of security and peace operations",
    after_help = "Without FILE: $MANDATE_FILE if set, else data/mss-haiti.toml if it exists here, else the built-in copy of it.\n\nExit codes: 0 ok, 1 invalid data file, 2 usage error."
)]
pub struct Args {
    /// The TOML data file of missions
    pub file: Option<PathBuf>,

    /// Validate the file and print every problem, compiler style
    #[arg(long, group = "mode")]
    pub check: bool,

    /// Print the computed state as JSON
    #[arg(long, group = "mode")]
    pub json: bool,

    /// Render one frame of the dashboard as plain text and exit
    #[arg(long, group = "mode")]
    pub print: bool,

    /// Frame size for --print, as WIDTHxHEIGHT
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "120x40")]
    pub size: (u16, u16),

    /// The instant to compute for: RFC 3339 with an offset, or YYYY-MM-DD (12:00 UTC)
    #[arg(long, value_name = "T", value_parser = parse_now)]
    pub now: Option<DateTime<Utc>>,
}

/// `2025-09-22T12:00:00-04:00`, or `2025-09-22` meaning 12:00 UTC that day.
pub fn parse_now(s: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if let Some(noon) = NaiveTime::from_hms_opt(12, 0, 0) {
            return Ok(d.and_time(noon).and_utc());
        }
    }
    Err(format!(
        "`{}` is not a time; use RFC 3339 with an offset (2025-09-22T12:00:00-04:00) or a date (2025-09-22)",
        crate::text::clean(s)
    ))
}

/// `120x40` -> (120, 40); each side from 1 to 1000.
pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let bad = || {
        format!(
            "`{}` is not a size; use WIDTHxHEIGHT, like 120x40 (each 1 to 1000)",
            crate::text::clean(s)
        )
    };
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u16 = w.trim().parse().map_err(|_| bad())?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    if !(1..=1000).contains(&w) || !(1..=1000).contains(&h) {
        return Err(bad());
    }
    Ok((w, h))
}

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Builtin,
}

impl Origin {
    /// The name used in messages and the status bar.
    pub fn name(&self) -> String {
        match self {
            Origin::File(p) => crate::text::clean(&p.display().to_string()),
            Origin::Builtin => BUILTIN_NAME.to_string(),
        }
    }

    /// The file's bytes (the built-in copy needs no reading).
    pub fn read(&self) -> Result<Vec<u8>, data::ReadError> {
        match self {
            Origin::File(p) => data::read(p),
            Origin::Builtin => Ok(BUILTIN.as_bytes().to_vec()),
        }
    }
}

/// The file argument, else `$MANDATE_FILE`, else `data/mss-haiti.toml` here, else built-in.
pub fn origin(file: Option<&Path>, env_file: Option<&str>, default_exists: bool) -> Origin {
    if let Some(f) = file {
        return Origin::File(f.to_path_buf());
    }
    if let Some(e) = env_file.filter(|e| !e.is_empty()) {
        return Origin::File(PathBuf::from(e));
    }
    if default_exists {
        return Origin::File(PathBuf::from(DEFAULT_FILE));
    }
    Origin::Builtin
}

/// Reads and parses; any failure as diagnostics.
pub fn load(origin: &Origin) -> Result<Dataset, Vec<Diagnostic>> {
    match origin.read() {
        Ok(bytes) => data::parse(&bytes),
        Err(e) => Err(vec![Diagnostic::error(None, e.to_string())]),
    }
}

/// Output and exit code of a non-interactive mode.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

fn invalid(name: &str, diags: &[Diagnostic]) -> Outcome {
    let mut stderr: String = diags.iter().map(|d| d.render(name) + "\n").collect();
    let n = diags
        .iter()
        .filter(|d| d.severity == data::Severity::Error)
        .count();
    stderr.push_str(&format!(
        "{name}: {n} error{}; fix the lines above and run `mandate --check` again\n",
        if n == 1 { "" } else { "s" }
    ));
    Outcome {
        stdout: String::new(),
        stderr,
        code: 1,
    }
}

/// Warnings: those found at load, and those of the state at `now`.
pub fn warnings(data: &Dataset, now: DateTime<Utc>) -> Vec<Diagnostic> {
    let mut out = data.warnings.clone();
    for s in model::states(data, now) {
        for w in s.warnings {
            out.push(Diagnostic::warning(Some(w.pos), w.message));
        }
    }
    out
}

/// `mandate --check`.
pub fn check(origin: &Origin, now: DateTime<Utc>) -> Outcome {
    let name = origin.name();
    match load(origin) {
        Err(diags) => invalid(&name, &diags),
        Ok(data) => {
            let stderr: String = warnings(&data, now)
                .iter()
                .map(|d| d.render(&name) + "\n")
                .collect();
            let n = data.missions.len();
            Outcome {
                stdout: format!("{name}: {n} mission{}, ok\n", if n == 1 { "" } else { "s" }),
                stderr,
                code: 0,
            }
        }
    }
}

/// `mandate --print`: one frame of the dashboard at `now`, as plain text.
pub fn print(origin: &Origin, now: DateTime<Utc>, (w, h): (u16, u16)) -> Outcome {
    let mut app = crate::app::App::new(origin.name(), *origin == Origin::Builtin, now, None);
    app.no_color = true;
    app.update(crate::app::Msg::Resize(w, h));
    app.update(crate::app::Msg::FileChanged(crate::watch::load(origin)));
    app.update(crate::app::Msg::Tick(now));
    Outcome {
        stdout: crate::ui::print(&app, w, h),
        stderr: String::new(),
        code: 0,
    }
}

#[derive(serde::Serialize)]
struct JsonOut<'a> {
    file: String,
    now: String,
    title: Option<&'a str>,
    warn_days: i64,
    stale_days: i64,
    missions: Vec<JsonMission<'a>>,
}

#[derive(serde::Serialize)]
struct JsonMission<'a> {
    name: &'a str,
    short: &'a str,
    timezone: &'a str,
    successor: Option<&'a str>,
    #[serde(flatten)]
    state: model::State,
}

/// `mandate --json`.
pub fn json(origin: &Origin, now: DateTime<Utc>) -> Outcome {
    let name = origin.name();
    match load(origin) {
        Err(diags) => invalid(&name, &diags),
        Ok(data) => match json_text(&data, name, now, true) {
            Ok(s) => Outcome {
                stdout: s + "\n",
                stderr: String::new(),
                code: 0,
            },
            Err(e) => Outcome {
                stdout: String::new(),
                stderr: format!("mandate: cannot write JSON: {e}\n"),
                code: 1,
            },
        },
    }
}

fn json_mission<'a>(
    m: &'a crate::data::Mission,
    data: &Dataset,
    now: DateTime<Utc>,
) -> JsonMission<'a> {
    JsonMission {
        name: &m.name,
        short: &m.short,
        timezone: m.timezone.name(),
        successor: m.successor.as_deref(),
        state: model::state(m, data.warn_days, data.stale_days, now),
    }
}

/// The JSON document. With `parallel`, the missions are computed and written on every
/// core, then joined: the text is the same as written in one piece (tested).
fn json_text(
    data: &Dataset,
    file: String,
    now: DateTime<Utc>,
    parallel: bool,
) -> Result<String, serde_json::Error> {
    let mut out = JsonOut {
        file,
        now: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        title: data.title.as_deref(),
        warn_days: data.warn_days,
        stale_days: data.stale_days,
        missions: Vec::new(),
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if !parallel || threads < 2 || data.missions.len() < 1000 {
        out.missions = data
            .missions
            .iter()
            .map(|m| json_mission(m, data, now))
            .collect();
        return serde_json::to_string_pretty(&out);
    }
    // Each mission pretty-printed alone, then indented to sit in the "missions" array.
    let per = data.missions.len().div_ceil(threads);
    let chunks: Vec<Result<String, serde_json::Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = data
            .missions
            .chunks(per)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut text = String::new();
                    for (k, m) in chunk.iter().enumerate() {
                        let one = serde_json::to_string_pretty(&json_mission(m, data, now))?;
                        if k > 0 {
                            text.push_str(",\n");
                        }
                        text.push_str("    ");
                        text.push_str(&one.replace('\n', "\n    "));
                    }
                    Ok(text)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Ok(String::new())))
            .collect()
    });
    let mut items = Vec::with_capacity(chunks.len());
    for c in chunks {
        items.push(c?);
    }
    let head = serde_json::to_string_pretty(&out)?;
    // `head` ends with `"missions": []` and the closing brace.
    let head = head.trim_end_matches("[]\n}");
    Ok(format!("{head}[\n{}\n  ]\n}}", items.join(",\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_accepts_rfc3339_and_bare_dates() {
        assert_eq!(
            parse_now("2025-09-22T12:00:00-04:00").unwrap().to_rfc3339(),
            "2025-09-22T16:00:00+00:00"
        );
        assert_eq!(
            parse_now("2025-09-22").unwrap().to_rfc3339(),
            "2025-09-22T12:00:00+00:00"
        );
        assert!(parse_now("yesterday").unwrap_err().contains("`yesterday`"));
        assert!(parse_now("2025-09-22T12:00:00").is_err());
    }

    #[test]
    fn size_parses_and_bounds() {
        assert_eq!(parse_size("120x40"), Ok((120, 40)));
        assert_eq!(parse_size("1x1"), Ok((1, 1)));
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("wide").is_err());
    }

    #[test]
    fn origin_order() {
        let f = Path::new("x.toml");
        assert_eq!(
            origin(Some(f), Some("e.toml"), true),
            Origin::File(f.into())
        );
        assert_eq!(
            origin(None, Some("e.toml"), true),
            Origin::File("e.toml".into())
        );
        assert_eq!(
            origin(None, Some(""), true),
            Origin::File(DEFAULT_FILE.into())
        );
        assert_eq!(origin(None, None, false), Origin::Builtin);
    }

    #[test]
    fn json_written_in_parallel_is_the_same_text() {
        let mut d = load(&Origin::Builtin).unwrap();
        // Enough missions for the parallel path, with unique ids.
        let base = d.missions.clone();
        for i in 0..600 {
            for m in &base {
                let mut m = m.clone();
                m.id = format!("{}-{i}", m.id);
                m.successor = None;
                d.missions.push(m);
            }
        }
        let now = parse_now("2025-09-22T12:00:00-04:00").unwrap();
        let one = json_text(&d, "f.toml".into(), now, false).unwrap();
        let par = json_text(&d, "f.toml".into(), now, true).unwrap();
        assert!(one == par, "the texts differ");
        let v: serde_json::Value = serde_json::from_str(&par).unwrap();
        assert_eq!(v["missions"].as_array().unwrap().len(), 1202);
    }

    #[test]
    fn builtin_data_is_valid() {
        let d = load(&Origin::Builtin).expect("the built-in data must be valid");
        assert!(d.missions.len() >= 2);
    }
}
