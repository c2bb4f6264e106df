//! Arbitrary well-formed mission files: an `arbitrary`-derived description is written
//! as TOML, loaded (it must load), its states computed at arbitrary instants, keys
//! pressed, and a frame rendered at 1x1..500x200 with no control character in any
//! cell and every row exactly the frame's width.
#![no_main]

#[path = "../common/spec.rs"]
mod spec;

use arbitrary::Arbitrary;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use libfuzzer_sys::fuzz_target;
use mandate::app::Msg;
use mandate::domain::state;
use mandate::source::parse;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spec::{ContributorSpec, FileSpec, FundingSpec, MissionSpec, PeriodSpec, HOSTILE};

/// Zones with awkward rules, besides any of `chrono_tz::TZ_VARIANTS`.
const ZONES: &[&str] = &[
    "UTC",
    "America/Port-au-Prince",
    "America/New_York",
    "America/Santiago",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Africa/Casablanca",
    "Asia/Gaza",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Str(String),
    Hostile(u8),
    Char(char),
    Cjk(u16),
    Emoji(u8),
    Combining(u8),
    /// Up to 10,000 repetitions of a hostile string or a character.
    Long(u16, u8),
}

#[derive(Arbitrary, Debug)]
struct Text(Vec<Piece>);

impl Text {
    fn build(&self) -> String {
        let mut s = String::new();
        for p in self.0.iter().take(16) {
            match p {
                Piece::Str(x) => s.push_str(x),
                Piece::Hostile(i) => s.push_str(HOSTILE[usize::from(*i) % HOSTILE.len()]),
                Piece::Char(c) => s.push(*c),
                Piece::Cjk(i) => {
                    s.push(char::from_u32(0x4e00 + u32::from(*i) % 0x5000).unwrap_or('漢'))
                }
                Piece::Emoji(i) => {
                    s.push(char::from_u32(0x1f300 + u32::from(*i) * 3).unwrap_or('🙂'))
                }
                Piece::Combining(i) => {
                    s.push(char::from_u32(0x300 + u32::from(*i) % 0x70).unwrap_or('\u{301}'))
                }
                Piece::Long(n, i) => {
                    let n = usize::from(*n) % 10_001;
                    let unit = HOSTILE[usize::from(*i) % HOSTILE.len()];
                    let per = unit.chars().count().max(1);
                    for _ in 0..n / per {
                        s.push_str(unit);
                    }
                }
            }
        }
        s
    }
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(Text::build)
}

#[derive(Arbitrary, Debug)]
enum Fig {
    Small(u8),
    Mid(u32),
    Max,
    Any(i64),
}

impl Fig {
    fn get(&self) -> i64 {
        match self {
            Fig::Small(n) => i64::from(*n),
            Fig::Mid(n) => i64::from(*n),
            Fig::Max => i64::MAX,
            Fig::Any(n) => *n,
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum ADate {
    Any(u16, u8, u8),
    /// Days from 22 Sep 2025.
    Near(i16),
    Min,
    Max,
}

const SEED_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2025, 9, 22) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

impl ADate {
    fn get(self) -> NaiveDate {
        match self {
            ADate::Any(y, m, d) => spec::date(y.into(), m.into(), d.into()),
            ADate::Near(n) => SEED_DAY + Duration::days(n.into()),
            ADate::Min => NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN),
            ADate::Max => NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MIN),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum ANow {
    Any(i64),
    /// Seconds from 2025-09-22T12:00:00Z.
    Near(i32),
    /// Seconds around midnight UTC of a date.
    Around(ADate, i32),
}

impl ANow {
    fn get(&self) -> DateTime<Utc> {
        let seed = 1_758_542_400;
        let t = match self {
            ANow::Any(t) => return spec::instant(*t),
            ANow::Near(s) => seed + i64::from(*s),
            ANow::Around(d, s) => {
                d.get()
                    .and_time(chrono::NaiveTime::MIN)
                    .and_utc()
                    .timestamp()
                    + i64::from(*s) % 200_000
            }
        };
        DateTime::from_timestamp(t.clamp(spec::MIN_NOW, spec::MAX_NOW), 0)
            .unwrap_or(DateTime::UNIX_EPOCH)
    }
}

#[derive(Arbitrary, Debug)]
enum ATz {
    Default,
    Awkward(u8),
    Any(u16),
}

#[derive(Arbitrary, Debug)]
struct APeriod {
    start: ADate,
    end: Option<ADate>,
    resolution: Option<Text>,
    adopted: Option<ADate>,
    vote: Option<Text>,
    final_: Option<bool>,
    note: Option<Text>,
}

#[derive(Arbitrary, Debug)]
struct AContributor {
    country: Text,
    pledged: Option<Fig>,
    deployed: Option<Fig>,
    role: Option<Text>,
}

#[derive(Arbitrary, Debug)]
struct AFunding {
    currency: Option<Text>,
    required: Option<f64>,
    pledged: Option<f64>,
    received: Option<f64>,
    as_of: Option<ADate>,
}

#[derive(Arbitrary, Debug)]
struct AMission {
    id_suffix: String,
    name: Text,
    short: Option<Text>,
    kind: Option<Text>,
    host: Option<Text>,
    lead: Option<Text>,
    summary: Option<Text>,
    timezone: ATz,
    successor: Option<u8>,
    periods: Vec<APeriod>,
    authorized: Fig,
    deployed: Option<(ADate, Fig)>,
    history: Vec<(ADate, Fig)>,
    strength_source: Option<Text>,
    contributors: Vec<AContributor>,
    funding: Option<AFunding>,
    milestones: Vec<(Text, Option<ADate>, Option<bool>)>,
    requirements: Vec<(Text, Option<bool>)>,
    sources: Vec<(Text, Option<Text>, Option<ADate>)>,
}

/// The frame: any size from 1x1 to 500x200, or a usual one up to 160x50 (faster runs).
#[derive(Arbitrary, Debug)]
enum Size {
    Any(u16, u16),
    Usual(u8, u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    title: Option<Text>,
    warn_days: Option<Fig>,
    stale_days: Option<Fig>,
    missions: Vec<AMission>,
    nows: Vec<ANow>,
    size: Size,
    keys: Vec<u8>,
}

fn mission(m: &AMission) -> MissionSpec {
    MissionSpec {
        id_suffix: m.id_suffix.clone(),
        name: m.name.build(),
        short: text(&m.short),
        kind: text(&m.kind),
        host: text(&m.host),
        lead: text(&m.lead),
        summary: text(&m.summary),
        timezone: match m.timezone {
            ATz::Default => None,
            ATz::Awkward(i) => Some(ZONES[usize::from(i) % ZONES.len()].to_string()),
            ATz::Any(i) => {
                let all = &chrono_tz::TZ_VARIANTS;
                Some(all[usize::from(i) % all.len()].name().to_string())
            }
        },
        successor: m.successor.map(usize::from),
        periods: m
            .periods
            .iter()
            .take(40)
            .map(|p| PeriodSpec {
                start: p.start.get(),
                end: p.end.map(ADate::get),
                resolution: text(&p.resolution),
                adopted: p.adopted.map(ADate::get),
                vote: text(&p.vote),
                final_: p.final_,
                note: text(&p.note),
            })
            .collect(),
        authorized: m.authorized.get(),
        deployed: m.deployed.as_ref().map(|(d, f)| (d.get(), f.get())),
        history: m
            .history
            .iter()
            .take(60)
            .map(|(d, f)| (d.get(), f.get()))
            .collect(),
        strength_source: text(&m.strength_source),
        contributors: m
            .contributors
            .iter()
            .take(20)
            .map(|c| ContributorSpec {
                country: c.country.build(),
                pledged: c.pledged.as_ref().map(Fig::get),
                deployed: c.deployed.as_ref().map(Fig::get),
                role: text(&c.role),
            })
            .collect(),
        funding: m.funding.as_ref().map(|f| FundingSpec {
            currency: text(&f.currency),
            required: f.required,
            pledged: f.pledged,
            received: f.received,
            as_of: f.as_of.map(ADate::get),
        }),
        milestones: m
            .milestones
            .iter()
            .take(20)
            .map(|(t, d, b)| (t.build(), d.map(ADate::get), *b))
            .collect(),
        requirements: m
            .requirements
            .iter()
            .take(20)
            .map(|(t, b)| (t.build(), *b))
            .collect(),
        sources: m
            .sources
            .iter()
            .take(20)
            .map(|(t, u, d)| (t.build(), text(u), d.map(ADate::get)))
            .collect(),
    }
}

const KEYS: &[KeyCode] = &[
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Char('1'),
    KeyCode::Char('2'),
    KeyCode::Char('3'),
    KeyCode::Char('4'),
    KeyCode::Char('5'),
    KeyCode::Char('6'),
    KeyCode::Char('7'),
    KeyCode::Char('8'),
    KeyCode::Char('j'),
    KeyCode::Char('k'),
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Char('?'),
    KeyCode::Char('['),
    KeyCode::Char(']'),
    KeyCode::Char('{'),
    KeyCode::Char('}'),
    KeyCode::Char('t'),
];

fuzz_target!(|input: Input| {
    let file = FileSpec {
        title: text(&input.title),
        warn_days: input.warn_days.as_ref().map(Fig::get),
        stale_days: input.stale_days.as_ref().map(Fig::get),
        missions: input.missions.iter().take(50).map(mission).collect(),
    };
    let src = file.to_toml();
    let d = match parse(src.as_bytes()) {
        Ok(d) => d,
        Err(diags) => {
            assert!(
                file.missions.is_empty(),
                "a well-formed file was refused: {diags:#?}\n{src}"
            );
            for d in &diags {
                let line = d.render("f.toml");
                assert!(spec::forbidden_in(&line).is_empty(), "{line:?}");
            }
            return;
        }
    };
    assert_eq!(d.missions.len(), file.missions.len());
    for (m, spec_m) in d.missions.iter().zip(&file.missions) {
        assert_eq!(m.name, mandate::domain::text::clean(&spec_m.name));
    }
    let mut nows: Vec<DateTime<Utc>> = input.nows.iter().take(4).map(ANow::get).collect();
    if nows.is_empty() {
        nows.push(DateTime::from_timestamp(1_758_542_400, 0).unwrap_or(DateTime::UNIX_EPOCH));
    }
    for now in &nows {
        for s in state::states(&d, *now) {
            for w in &s.warnings {
                assert!(spec::forbidden_in(&w.message).is_empty(), "{:?}", w.message);
            }
        }
    }
    let size = match input.size {
        Size::Any(w, h) => (1 + w % 500, 1 + h % 200),
        Size::Usual(w, h) => (1 + u16::from(w) % 160, 1 + u16::from(h) % 50),
    };
    let keys: Vec<KeyCode> = input
        .keys
        .iter()
        .take(16)
        .map(|&k| KEYS[usize::from(k) % KEYS.len()])
        .collect();
    let mut app = spec::app_for(d, nows[0], size);
    for now in &nows[1..] {
        app.update(Msg::Tick(*now));
    }
    for &code in &keys {
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    if std::env::var_os("MANDATE_FUZZ_DUMP").is_some() {
        // The input as a regression fixture (tests/fixtures/regressions/).
        println!("{}\n{src}", spec::replay_line(&nows, size, &keys));
    }
    let buf = spec::render(&app);
    let problems = spec::frame_problems(&buf);
    // On failure, the text of a regression fixture: how to replay it, then the file.
    assert!(
        problems.is_empty(),
        "{problems:#?}\n{}\n{src}",
        spec::replay_line(&nows, size, &keys)
    );
});
