//! Hostile input: nothing a data file (or its name) holds can panic the program, reach
//! the terminal as a control sequence, or break the layout.
//!
//! - proptest versions of the two fuzz targets in `fuzz/` (arbitrary bytes; arbitrary
//!   well-formed files loaded, computed and rendered at 1x1..500x200);
//! - every string of `spec::HOSTILE` (OSC, CSI and C1 sequences, BEL, bidi overrides,
//!   zero-width and combining characters, wide CJK and emoji) in every text field, and
//!   10,000-character strings, checked cell by cell in the rendered frame;
//! - extreme values: i64::MAX figures, dates 0001-01-01 and 9999-12-31, 10,000 periods,
//!   10,000 missions, `--size` 1x1 and 500x200 through the real binary;
//! - error messages of hostile files (`--check`) free of raw control characters;
//! - every file in `tests/fixtures/regressions/` (crashes found by fuzzing).
//!
//! A frame passes when no cell holds a C0/C1 control, DEL or bidi control, and every row
//! is exactly the frame's width in columns (unicode-width): see `spec::frame_problems`.

#[path = "../../fuzz/common/spec.rs"]
mod spec;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use mandate::app::{App, Msg, Panel};
use mandate::cli;
use mandate::domain::state;
use mandate::domain::Dataset;
use mandate::source::parse;
use mandate::source::{FileEvent, Origin, Problem};
use proptest::prelude::*;
use proptest::test_runner::Config;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spec::{ContributorSpec, FileSpec, FundingSpec, MissionSpec, PeriodSpec, HOSTILE};

/// 22 Sep 2025 12:00 in New York, the seed instant.
fn seed_now() -> DateTime<Utc> {
    cli::parse_now("2025-09-22T12:00:00-04:00").expect("seed instant")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn press(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Renders `app` and fails with the problems and the frame's text if there are any.
fn assert_frame_ok(app: &App, what: &str) -> String {
    let buf = spec::render(app);
    let problems = spec::frame_problems(&buf);
    let text = mandate::ui::buffer_text(&buf);
    assert!(
        problems.is_empty(),
        "{what} at {:?}: {problems:#?}\n{text}",
        app.size()
    );
    text
}

/// Renders every panel of the selected mission zoomed (so each panel's text is drawn at
/// full size), the normal layout, and the help overlay, checking every frame.
fn assert_all_panels_ok(app: &mut App, what: &str) {
    assert_frame_ok(app, what);
    for (i, panel) in app.panels().into_iter().enumerate() {
        let digit = char::from_digit(i as u32 + 1, 10).expect("at most 9 panels");
        press(app, KeyCode::Char(digit));
        assert_eq!(app.focus(), panel);
        press(app, KeyCode::Enter);
        assert_frame_ok(app, &format!("{what}, {} zoomed", panel.title()));
        press(app, KeyCode::End);
        assert_frame_ok(app, &format!("{what}, {} zoomed, scrolled", panel.title()));
        press(app, KeyCode::Esc);
    }
    press(app, KeyCode::Char('?'));
    assert_frame_ok(app, &format!("{what}, help"));
    press(app, KeyCode::Esc);
}

fn load(src: &str) -> Dataset {
    match parse(src.as_bytes()) {
        Ok(d) => d,
        Err(e) => panic!(
            "the file should load: {:#?}\n{}",
            e.iter().map(|d| d.render("f.toml")).collect::<Vec<_>>(),
            src.chars().take(3000).collect::<String>()
        ),
    }
}

fn assert_clean(s: &str, what: &str) {
    let bad = spec::forbidden_in(s);
    assert!(bad.is_empty(), "{what}: {bad:?} in {s:?}");
}

/// Every string a loaded dataset holds.
fn dataset_strings(d: &Dataset) -> Vec<&str> {
    let mut out: Vec<&str> = d.title.iter().map(String::as_str).collect();
    for m in &d.missions {
        out.extend([m.id.as_str(), &m.name, &m.short]);
        for s in [
            &m.kind,
            &m.authority,
            &m.host,
            &m.lead,
            &m.summary,
            &m.successor,
        ] {
            out.extend(s.as_deref());
        }
        for p in &m.mandates {
            for s in [&p.resolution, &p.vote, &p.note] {
                out.extend(s.as_deref());
            }
        }
        out.extend(m.strength.as_ref().and_then(|s| s.source.as_deref()));
        for c in &m.contributors {
            out.push(&c.country);
            out.extend(c.role.as_deref());
        }
        if let Some(f) = &m.funding {
            out.push(&f.currency);
        }
        out.extend(m.milestones.iter().map(|x| x.text.as_str()));
        out.extend(m.requirements.iter().map(|x| x.text.as_str()));
        for s in &m.sources {
            out.push(&s.title);
            out.extend(s.url.as_deref());
        }
    }
    out
}

/// A mission with `text` in every text field, figures and a history (so every panel has
/// something to show), and a mandate in force at the seed instant.
fn mission_with_text(text: &str) -> MissionSpec {
    let t = || Some(text.to_string());
    MissionSpec {
        id_suffix: String::new(),
        name: text.to_string(),
        short: t(),
        kind: t(),
        host: t(),
        lead: t(),
        summary: t(),
        timezone: Some("America/Port-au-Prince".into()),
        successor: None,
        periods: vec![
            PeriodSpec {
                start: day(2023, 10, 2),
                end: Some(day(2024, 10, 2)),
                resolution: t(),
                adopted: Some(day(2023, 10, 2)),
                vote: t(),
                final_: Some(false),
                note: t(),
            },
            PeriodSpec {
                start: day(2024, 10, 3),
                end: Some(day(2025, 10, 2)),
                resolution: t(),
                adopted: Some(day(2024, 9, 30)),
                vote: t(),
                final_: Some(true),
                note: t(),
            },
        ],
        authorized: 2500,
        deployed: Some((day(2025, 9, 1), 970)),
        history: vec![(day(2024, 6, 25), 200), (day(2025, 1, 5), 590)],
        strength_source: t(),
        contributors: vec![
            ContributorSpec {
                country: text.to_string(),
                pledged: Some(1000),
                deployed: Some(400),
                role: t(),
            },
            ContributorSpec {
                country: text.to_string(),
                pledged: None,
                deployed: Some(570),
                role: t(),
            },
        ],
        funding: Some(FundingSpec {
            currency: t(),
            required: Some(1.0e8),
            pledged: Some(5.0e7),
            received: Some(2.5e7),
            as_of: Some(day(2025, 9, 1)),
        }),
        milestones: vec![
            (text.to_string(), Some(day(2024, 6, 25)), Some(true)),
            (text.to_string(), None, None),
        ],
        requirements: vec![(text.to_string(), Some(true)), (text.to_string(), None)],
        sources: vec![
            (text.to_string(), t(), Some(day(2025, 9, 22))),
            (text.to_string(), None, None),
        ],
    }
}

/// A file of two missions (so the mission list shows) with `text` everywhere.
fn file_with_text(text: &str) -> String {
    let mut second = mission_with_text(text);
    second.successor = None;
    let mut first = mission_with_text(text);
    first.successor = Some(1);
    FileSpec {
        title: Some(text.to_string()),
        warn_days: Some(30),
        stale_days: Some(90),
        missions: vec![first, second],
    }
    .to_toml()
}

const SIZES: &[(u16, u16)] = &[
    (1, 1),
    (2, 2),
    (59, 17),
    (60, 18),
    (80, 24),
    (120, 40),
    (200, 60),
];

/// The frame check itself: it must see a raw control, a bidi control, and a row that is
/// too narrow or too wide.
#[test]
fn the_frame_check_catches_controls_and_bad_widths() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let area = Rect::new(0, 0, 6, 2);
    let clean = Buffer::empty(area);
    assert!(spec::frame_problems(&clean).is_empty());
    for (sym, what) in [
        ("\u{1b}", "ESC"),
        ("\u{9b}", "C1 CSI"),
        ("\u{7}", "BEL"),
        ("a\u{202e}", "bidi override"),
        ("\u{2066}", "bidi isolate"),
    ] {
        let mut buf = Buffer::empty(area);
        buf[(2, 1)].set_symbol(sym);
        assert!(!spec::frame_problems(&buf).is_empty(), "{what} not caught");
    }
    // A wide character whose second column is not left for it: the row is 7 wide.
    let mut buf = Buffer::empty(area);
    buf[(5, 0)].set_symbol("漢");
    assert!(
        !spec::frame_problems(&buf).is_empty(),
        "overflow not caught"
    );
    // A zero-width symbol in a cell: the row is 5 wide.
    let mut buf = Buffer::empty(area);
    buf[(0, 0)].set_symbol("\u{200b}");
    assert!(
        !spec::frame_problems(&buf).is_empty(),
        "zero width not caught"
    );
    // A combining mark alone in a cell.
    let mut buf = Buffer::empty(area);
    buf[(1, 0)].set_symbol("\u{301}");
    assert!(
        !spec::frame_problems(&buf).is_empty(),
        "combining mark not caught"
    );
}

// ---------------------------------------------------------------------------------
// proptest versions of the fuzz targets
// ---------------------------------------------------------------------------------

const MINIMAL: &str = "[[mission]]\nid = \"mss\"\nname = \"Multinational Security Support\"\n[[mission.mandate]]\nstart = 2023-10-02\nend = 2025-10-02\n[mission.strength]\nauthorized = 2500\ndeployed = 970\nas_of = 2025-09-30\n";

/// Bytes: random ones, and a valid file with random bytes spliced in (to get past the
/// TOML syntax into validation).
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        (
            0..MINIMAL.len(),
            0usize..40,
            prop::collection::vec(any::<u8>(), 0..40)
        )
            .prop_map(|(at, cut, bytes)| {
                let mut v = MINIMAL.as_bytes().to_vec();
                let end = (at + cut).min(v.len());
                v.splice(at..end, bytes);
                v
            }),
        (0..MINIMAL.len(), prop::sample::select(HOSTILE)).prop_map(|(at, s)| {
            let mut v = MINIMAL.as_bytes().to_vec();
            v.splice(at..at, s.bytes());
            v
        }),
    ]
}

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ,.()-]{0,24}",
        3 => prop::sample::select(HOSTILE).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,12}",
        1 => (prop::sample::select(HOSTILE), 1usize..3000)
            .prop_map(|(s, n)| s.repeat(n / s.chars().count().max(1))),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|v| v.concat())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn a_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (any::<u32>(), any::<u32>(), any::<u32>()).prop_map(|(y, m, d)| spec::date(y, m, d)),
        (-4000i64..4000).prop_map(|n| day(2025, 9, 22) + Duration::days(n)),
        Just(day(1, 1, 1)),
        Just(day(9999, 12, 31)),
    ]
}

fn figure() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..5000, Just(i64::MAX), any::<i64>()]
}

fn period() -> impl Strategy<Value = PeriodSpec> {
    (
        a_date(),
        prop::option::of(a_date()),
        opt_text(),
        prop::option::of(a_date()),
        opt_text(),
        prop::option::of(any::<bool>()),
        opt_text(),
    )
        .prop_map(
            |(start, end, resolution, adopted, vote, final_, note)| PeriodSpec {
                start,
                end,
                resolution,
                adopted,
                vote,
                final_,
                note,
            },
        )
}

fn zone() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        (0..chrono_tz::TZ_VARIANTS.len()).prop_map(|i| chrono_tz::TZ_VARIANTS[i].name().into()),
    )
}

fn mission() -> impl Strategy<Value = MissionSpec> {
    let names = (
        "[a-z0-9-]{0,6}",
        text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        zone(),
        prop::option::of(0usize..8),
    );
    let strength = (
        prop::collection::vec(period(), 1..5),
        figure(),
        prop::option::of((a_date(), figure())),
        prop::collection::vec((a_date(), figure()), 0..6),
        opt_text(),
    );
    let rest = (
        prop::collection::vec(
            (
                text(),
                prop::option::of(figure()),
                prop::option::of(figure()),
                opt_text(),
            ),
            0..3,
        ),
        prop::option::of((
            opt_text(),
            prop::option::of(any::<f64>()),
            prop::option::of(any::<f64>()),
            prop::option::of(a_date()),
        )),
        prop::collection::vec(
            (
                text(),
                prop::option::of(a_date()),
                prop::option::of(any::<bool>()),
            ),
            0..3,
        ),
        prop::collection::vec((text(), prop::option::of(any::<bool>())), 0..3),
        prop::collection::vec((text(), opt_text(), prop::option::of(a_date())), 0..3),
    );
    (names, strength, rest).prop_map(
        |(
            (id_suffix, name, short, kind, host, lead, summary, timezone, successor),
            (periods, authorized, deployed, history, strength_source),
            (contributors, funding, milestones, requirements, sources),
        )| MissionSpec {
            id_suffix,
            name,
            short,
            kind,
            host,
            lead,
            summary,
            timezone,
            successor,
            periods,
            authorized,
            deployed,
            history,
            strength_source,
            contributors: contributors
                .into_iter()
                .map(|(country, pledged, deployed, role)| ContributorSpec {
                    country,
                    pledged,
                    deployed,
                    role,
                })
                .collect(),
            funding: funding.map(|(currency, required, pledged, as_of)| FundingSpec {
                currency,
                required,
                pledged,
                received: required.map(|r| r / 3.0),
                as_of,
            }),
            milestones,
            requirements,
            sources,
        },
    )
}

fn file_spec() -> impl Strategy<Value = FileSpec> {
    (
        opt_text(),
        prop::option::of(0..=MAX_DAYS),
        prop::option::of(1..=MAX_DAYS),
        prop::collection::vec(mission(), 1..5),
    )
        .prop_map(|(title, warn_days, stale_days, missions)| FileSpec {
            title,
            warn_days,
            stale_days,
            missions,
        })
}

fn a_now() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        any::<i64>().prop_map(spec::instant),
        (-400_000_000i64..400_000_000).prop_map(|s| seed_now() + Duration::seconds(s)),
    ]
}

const KEYS: &[KeyCode] = &[
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Char('1'),
    KeyCode::Char('4'),
    KeyCode::Char('7'),
    KeyCode::Char('j'),
    KeyCode::Down,
    KeyCode::PageDown,
    KeyCode::End,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Char('?'),
    KeyCode::Char(']'),
    KeyCode::Char('}'),
    KeyCode::Char('{'),
];

proptest! {
    #![proptest_config(Config { cases: 300, failure_persistence: None, ..Config::default() })]

    /// Arbitrary bytes never panic the loader; an invalid file gets at least one message,
    /// every message free of control characters, and its error screen renders cleanly.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in hostile_bytes(), w in 1u16..=160, h in 1u16..=50) {
        match parse(&bytes) {
            Ok(d) => {
                let app = spec::app_for(d, seed_now(), (w, h));
                assert_frame_ok(&app, "valid bytes");
            }
            Err(diags) => {
                prop_assert!(!diags.is_empty());
                for d in &diags {
                    assert_clean(&d.render("f.toml"), "message");
                }
                let app = App::showing(
                    &Origin::File("f.toml".into()),
                    FileEvent::Failed(Problem::Invalid(diags.clone())),
                    seed_now(),
                    (w, h),
                );
                assert_frame_ok(&app, "error screen");
                let mut app = spec::app_for(builtin(), seed_now(), (w, h));
                let at = app.now();
                app.update(Msg::FileChanged {
                    event: FileEvent::Failed(Problem::Invalid(diags)),
                    at,
                });
                assert_frame_ok(&app, "banner over the last good data");
            }
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 40, failure_persistence: None, ..Config::default() })]

    /// Arbitrary well-formed files load, their states compute at arbitrary instants, and
    /// a frame at any size from 1x1 to 500x200 has no control character in any cell and
    /// every row exactly the frame's width.
    #[test]
    fn arbitrary_files_load_compute_and_render(
        file in file_spec(),
        nows in prop::collection::vec(a_now(), 1..4),
        w in 1u16..=500,
        h in 1u16..=200,
        keys in prop::collection::vec(prop::sample::select(KEYS), 0..6),
    ) {
        let src = file.to_toml();
        let d = load(&src);
        prop_assert_eq!(d.missions.len(), file.missions.len());
        for s in dataset_strings(&d) {
            assert_clean(s, "loaded text");
        }
        for now in &nows {
            for s in state::states(&d, *now) {
                for warning in &s.warnings {
                    assert_clean(&warning.message, "warning");
                }
            }
        }
        let mut app = spec::app_for(d, nows[0], (w, h));
        for now in &nows[1..] {
            app.update(Msg::Tick(*now));
        }
        for k in keys {
            press(&mut app, k);
        }
        assert_frame_ok(&app, "arbitrary file");
    }
}

// ---------------------------------------------------------------------------------
// Hostile text in every field
// ---------------------------------------------------------------------------------

/// Text whose width unicode-width measures differently as one string than grapheme by
/// grapheme (ligature and joiner rules): a flag, a dangling ZWJ and an emoji (found by
/// fuzzing), Arabic lam-alef, Hebrew alef-ZWJ-lamed, a Khmer coeng sign.
const LIGATURES: &[&str] = &[
    "🇰🇪\u{200d}☀\u{fe0f}",
    "\u{644}\u{627}",
    "\u{5d0}\u{200d}\u{5dc}",
    "\u{1780}\u{17d2}\u{1780}",
];

#[test]
fn hostile_strings_in_every_text_field_are_cleaned_and_fit() {
    for s in HOSTILE.iter().chain(LIGATURES) {
        // Alone, and between words (so wrapping and cutting meet it mid-line).
        for text in [s.to_string(), format!("Haiti {s} mission {s}{s} end")] {
            let src = file_with_text(&text);
            let d = load(&src);
            for field in dataset_strings(&d) {
                assert_clean(field, &format!("field of the file with {s:?}"));
            }
            for &size in SIZES {
                let mut app = spec::app_for(d.clone(), seed_now(), size);
                if size == (60, 18) || size == (120, 40) {
                    assert_all_panels_ok(&mut app, &format!("{s:?} everywhere"));
                } else {
                    assert_frame_ok(&app, &format!("{s:?} everywhere"));
                }
            }
        }
    }
}

#[test]
fn escape_sequences_show_as_visible_pictures() {
    let d = load(&file_with_text("x\u{1b}]0;pwned\u{7}y\u{1b}[2Jz\u{9b}2J"));
    assert_eq!(
        d.title.as_deref(),
        Some("x\u{241b}]0;pwned\u{2407}y\u{241b}[2Jz\u{fffd}2J")
    );
    let app = spec::app_for(d, seed_now(), (200, 60));
    let text = assert_frame_ok(&app, "escapes");
    assert!(text.contains("x␛]0;pwned␇y␛[2Jz\u{fffd}2J"), "{text}");
}

#[test]
fn bidi_controls_are_removed_and_zero_width_kept_out_of_cells() {
    let d = load(&file_with_text("abc\u{202e}fed\u{2066}ghi\u{2069}"));
    assert_eq!(d.missions[0].name, "abcfedghi");
    let app = spec::app_for(d, seed_now(), (200, 60));
    assert_frame_ok(&app, "bidi");
}

/// 10,000-character strings of every kind in every field: every row of the frame is
/// exactly the frame's width, at every size.
#[test]
fn ten_thousand_character_strings_fit_the_cells() {
    let kinds = [
        "word ".repeat(2_000),                  // wraps on spaces
        "x".repeat(10_000),                     // one word longer than any line
        "漢".repeat(10_000),                    // wide, no spaces
        "漢字 ".repeat(3_334),                  // wide, with spaces
        "👨\u{200d}👩\u{200d}👧".repeat(2_000), // emoji sequences
        "e\u{301}".repeat(5_000),               // combining
        "\u{200b}".repeat(10_000),              // zero-width only
        "\u{1b}[2J".repeat(2_500),              // escapes
        "a\u{202e}".repeat(5_000),              // bidi
        "x漢".repeat(5_000),                    // wide at odd columns
    ];
    for (i, text) in kinds.iter().enumerate() {
        let src = file_with_text(text);
        let d = load(&src);
        for &size in &[(1, 1), (60, 18), (81, 25), (120, 40), (333, 91)] {
            let mut app = spec::app_for(d.clone(), seed_now(), size);
            if size == (81, 25) {
                assert_all_panels_ok(&mut app, &format!("10,000-character string #{i}"));
            } else {
                assert_frame_ok(&app, &format!("10,000-character string #{i}"));
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Extreme values
// ---------------------------------------------------------------------------------

const MAX: i64 = i64::MAX;
/// The most `warn_days` and `stale_days` may be.
const MAX_DAYS: i64 = mandate::domain::MAX_DAYS;

#[test]
fn i64_max_figures_everywhere() {
    let src = format!(
        "title = \"max\"\nwarn_days = {MAX_DAYS}\nstale_days = {MAX_DAYS}\n\
         [[mission]]\nid = \"a\"\nname = \"A\"\n\
         [[mission.mandate]]\nstart = 2023-10-02\nend = 2025-10-02\n\
         [mission.strength]\nauthorized = {MAX}\ndeployed = {MAX}\nas_of = 2025-09-01\n\
         history = [{{ date = 0001-01-01, deployed = {MAX} }}, {{ date = 2024-01-01, deployed = {MAX} }}, {{ date = 9999-12-31, deployed = {MAX} }}]\n\
         [[mission.contributor]]\ncountry = \"X\"\npledged = {MAX}\ndeployed = {MAX}\n\
         [[mission.contributor]]\ncountry = \"Y\"\npledged = {MAX}\ndeployed = {MAX}\n\
         [mission.funding]\nrequired = 1.7976931348623157e308\npledged = {MAX}\nreceived = 1.7976931348623157e308\n\
         [[mission]]\nid = \"b\"\nname = \"B\"\n\
         [[mission.mandate]]\nstart = 2025-01-01\n\
         [mission.strength]\nauthorized = 1\ndeployed = {MAX}\nas_of = 2025-09-01\n\
         history = [{{ date = 2025-01-01, deployed = 0 }}]\n"
    );
    let d = load(&src);
    assert_eq!(d.warn_days, MAX_DAYS);
    assert_eq!(
        d.missions[0]
            .strength
            .as_ref()
            .and_then(|s| s.authorized.as_ref()),
        Some(&mandate::domain::Personnel::Total(MAX))
    );
    let now = seed_now();
    for s in state::states(&d, now) {
        assert_eq!(s.deployed, Some(MAX));
    }
    for size in [(1, 1), (60, 18), (120, 40), (500, 200)] {
        let mut app = spec::app_for(d.clone(), now, size);
        assert_all_panels_ok(&mut app, "i64::MAX figures");
        press(&mut app, KeyCode::Char('1'));
        press(&mut app, KeyCode::Char('j'));
        assert_all_panels_ok(&mut app, "i64::MAX figures, second mission");
    }
    let text = assert_frame_ok(&spec::app_for(d, now, (200, 60)), "i64::MAX");
    assert!(text.contains("9,223,372,036,854,775,807"), "{text}");
    // One past i64::MAX is refused with a message, not a panic.
    let over = src.replacen(&MAX.to_string(), "9223372036854775808", 1);
    assert!(parse(over.as_bytes()).is_err());
}

/// An instant as RFC 3339 or a date (noon UTC), without `--now`'s calendar limits: the
/// state model must hold beyond what the command line accepts.
fn any_instant(s: &str) -> DateTime<Utc> {
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => t.with_timezone(&Utc),
        Err(_) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .expect("an instant")
            .and_hms_opt(12, 0, 0)
            .expect("noon")
            .and_utc(),
    }
}

/// The instants the state is computed at for the extreme dates: the ends of what
/// `--now` accepts, and the first and last seconds of 0001 and 9999.
fn extreme_nows() -> Vec<DateTime<Utc>> {
    let at = any_instant;
    vec![
        DateTime::from_timestamp(spec::MIN_NOW, 0).expect("min"),
        DateTime::from_timestamp(spec::MAX_NOW, 0).expect("max"),
        at("0000-01-01T00:00:00+23:59"),
        at("0001-01-01T00:00:00Z"),
        at("0001-01-01T12:00:00+14:00"),
        at("9999-12-31T23:59:59Z"),
        at("9999-12-31T23:59:59-23:59"),
        at("9999-12-31"),
        seed_now(),
    ]
}

#[test]
fn dates_0001_01_01_and_9999_12_31_as_start_and_end() {
    let shapes = [
        ("0001-01-01", Some("9999-12-31")),
        ("0001-01-01", Some("0001-01-01")),
        ("9999-12-31", Some("9999-12-31")),
        ("0001-01-01", None),
        ("9999-12-31", None),
    ];
    for zone in [
        "UTC",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
        "America/Santiago",
        "Asia/Kathmandu",
    ] {
        let mut src = String::new();
        for (i, (start, end)) in shapes.iter().enumerate() {
            src.push_str(&format!(
                "[[mission]]\nid = \"m{i}\"\nname = \"M{i}\"\ntimezone = \"{zone}\"\n\
                 [[mission.mandate]]\nstart = {start}\n"
            ));
            if let Some(e) = end {
                src.push_str(&format!("end = {e}\n"));
            }
            src.push_str(
                "[mission.strength]\nauthorized = 10\ndeployed = 5\nas_of = 0001-01-01\n\
                 history = [{ date = 9999-12-31, deployed = 7 }]\n",
            );
        }
        // Both ends in one mission, as two periods with the whole calendar between them.
        src.push_str(&format!(
            "[[mission]]\nid = \"both\"\nname = \"Both\"\ntimezone = \"{zone}\"\n\
             [[mission.mandate]]\nstart = 0001-01-01\nend = 0001-01-02\n\
             [[mission.mandate]]\nstart = 9999-12-30\nend = 9999-12-31\n\
             [mission.strength]\nauthorized = 1\n"
        ));
        let d = load(&src);
        for now in extreme_nows() {
            let states = state::states(&d, now);
            assert_eq!(states.len(), shapes.len() + 1);
            for (m, s) in d.missions.iter().zip(&states) {
                if let Some(secs) = s.seconds_remaining {
                    assert!(secs >= 0, "{zone} {now} {}: {s:?}", m.id);
                }
            }
            for size in [(1, 1), (60, 18), (120, 40)] {
                let mut app = spec::app_for(d.clone(), now, size);
                assert_frame_ok(&app, &format!("{zone} at {now}"));
                // Every mission selected in turn, and time travel past the ends.
                press(&mut app, KeyCode::Char('1'));
                for _ in 0..d.missions.len() {
                    press(&mut app, KeyCode::Char('j'));
                    assert_frame_ok(&app, &format!("{zone} at {now}, next mission"));
                }
                for _ in 0..3 {
                    press(&mut app, KeyCode::Char('}'));
                }
                assert_frame_ok(&app, &format!("{zone} at {now}, 90 days on"));
                for _ in 0..6 {
                    press(&mut app, KeyCode::Char('{'));
                }
                assert_frame_ok(&app, &format!("{zone} at {now}, 90 days back"));
            }
        }
    }
}

#[test]
fn ten_thousand_periods_in_one_mission() {
    let mut src = String::from(
        "[[mission]]\nid = \"many\"\nname = \"Many periods\"\ntimezone = \"America/New_York\"\n",
    );
    let first = day(2000, 1, 1);
    for i in 0..10_000i64 {
        // Renewals, overlaps, gaps, and a few far in the past and future.
        let start = first + Duration::days(i * 2);
        let len = match i % 4 {
            0 => 1,
            1 => 5,
            2 => 0,
            _ => 2,
        };
        let end = start + Duration::days(len);
        src.push_str(&format!(
            "[[mission.mandate]]\nstart = {start}\nend = {end}\nresolution = \"{i} (2025)\"\n"
        ));
    }
    src.push_str("[[mission.mandate]]\nstart = 0001-01-01\nend = 0001-12-31\n");
    src.push_str("[[mission.mandate]]\nstart = 9999-01-01\n");
    src.push_str("[mission.strength]\nauthorized = 100\n");
    let d = load(&src);
    assert_eq!(d.missions[0].mandates.len(), 10_002);
    for now in [
        seed_now(),
        cli::parse_now("2010-06-15").expect("now"),
        cli::parse_now("0001-06-01").expect("now"),
        cli::parse_now("9999-06-01").expect("now"),
    ] {
        let s = state::state(&d.missions[0], None, 30, 90, now);
        assert!(s.days_remaining.is_none_or(|d| d >= 0));
    }
    let mut app = spec::app_for(d, cli::parse_now("2010-06-15").expect("now"), (120, 40));
    assert_frame_ok(&app, "10,000 periods");
    // The mandate panel, zoomed and scrolled to the end of its list.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::End);
    assert_frame_ok(&app, "10,000 periods, mandate panel at its end");
}

#[test]
fn ten_thousand_missions() {
    let mut src = String::from("title = \"ten thousand\"\n");
    for i in 0..10_000 {
        src.push_str(&format!(
            "[[mission]]\nid = \"m{i}\"\nname = \"Mission {i}\"\n\
             [[mission.mandate]]\nstart = 2025-01-01\nend = 2025-{:02}-28\n\
             [mission.strength]\nauthorized = {}\n",
            1 + i % 12,
            1 + i
        ));
    }
    let d = load(&src);
    assert_eq!(d.missions.len(), 10_000);
    let mut app = spec::app_for(d, seed_now(), (120, 40));
    let text = assert_frame_ok(&app, "10,000 missions");
    assert!(text.contains("10000 missions"), "{text}");
    // The selection moves to the end of the list and the list follows it.
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.focus(), Panel::Missions);
    press(&mut app, KeyCode::End);
    assert_eq!(app.selected_row(), 9_999);
    assert_frame_ok(&app, "10,000 missions, last selected");
}

// ---------------------------------------------------------------------------------
// The real binary
// ---------------------------------------------------------------------------------

fn tmp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

fn mandate(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mandate"))
        .args(args)
        .env_remove("MANDATE_FILE")
        .env("NO_COLOR", "1")
        .output()
        .expect("run mandate")
}

/// No raw control character but the line feed, and no bidi control.
fn assert_terminal_safe(out: &[u8], what: &str) {
    let s = String::from_utf8_lossy(out);
    let bad: Vec<String> = s
        .char_indices()
        .filter(|&(_, c)| c != '\n' && spec::forbidden(c))
        .map(|(i, c)| format!("U+{:04X} at byte {i}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?}\n{s}");
}

#[test]
fn print_at_1x1_and_500x200_through_the_binary() {
    let file = tmp_file(
        "print-hostile.toml",
        file_with_text("\u{1b}]0;pwned\u{7}漢字👨\u{200d}👩 e\u{301} \u{202e}").as_bytes(),
    );
    for (w, h) in [(1u16, 1u16), (500, 200), (1, 200), (500, 1), (60, 18)] {
        let size = format!("{w}x{h}");
        let out = mandate(&[
            "--print".as_ref(),
            "--size".as_ref(),
            size.as_ref(),
            "--now".as_ref(),
            "2025-09-22T12:00:00-04:00".as_ref(),
            file.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(0), "--size {size}: {out:?}");
        assert_terminal_safe(&out.stdout, &format!("--print --size {size}"));
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(text.lines().count(), usize::from(h), "--size {size}");
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= usize::from(w),
                "--size {size}: a line overflows: {line:?}"
            );
        }
    }
}

/// The built-in example: the last good data when a reload fails.
fn builtin() -> Dataset {
    load(mandate::source::BUILTIN)
}

/// Invalid files whose messages quote hostile text.
const BAD_FILES: &[(&str, &[u8])] = &[
        // A TOML syntax error on a line that holds ESC and BEL raw.
        (
            "syntax-esc-bel.toml",
            b"[[mission]]\nid = \"a\"\nname = \"\x1b]0;pwned\x07 oops\n\x1b[2J = \x07\n",
        ),
        (
            "syntax-raw-esc.toml",
            b"title = \x1b]0;pwned\x07\n[[mission]]\n",
        ),
        // An unknown key holding ESC (escaped in a quoted key) and raw C1/bidi (allowed raw).
        (
            "unknown-key-esc.toml",
            "\"\\u001b]0;pwned\\u0007\" = 1\n\"\u{9b}2J\u{202e}\" = 2\n[[mission]]\nid = \"a\"\nname = \"A\"\n\"nam\\u001b[2Je\" = \"x\"\n[[mission.mandate]]\nstart = 2025-01-01\n[mission.strength]\nauthorized = 1\n"
                .as_bytes(),
        ),
        // Wrong types and values holding escapes, quoted in the messages.
        (
            "values-esc.toml",
            "[[mission]]\nid = \"A\\u001b[2J\"\nname = 5\ntimezone = \"Mars/\\u001b]0;pwned\\u0007\"\nsuccessor = \"x\\u0007\"\n[[mission.mandate]]\nstart = \"\\u009b2J\"\n[mission.strength]\nauthorized = \"\\u001b[31m\"\n"
                .as_bytes(),
        ),
        // Not UTF-8, with escapes around the bad byte.
        ("not-utf8.toml", b"title = \"\x1b[2J\xff\x07\"\n"),
];

#[test]
fn check_messages_of_hostile_files_hold_no_control_characters() {
    for (name, bytes) in BAD_FILES {
        let file = tmp_file(name, bytes);
        let out = mandate(&["--check".as_ref(), file.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
        assert_terminal_safe(&out.stderr, &format!("--check {name} stderr"));
        assert_terminal_safe(&out.stdout, &format!("--check {name} stdout"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("error"), "{name}: {err}");
        // The same file through --json and --print.
        let out = mandate(&["--json".as_ref(), file.as_os_str()]);
        assert_terminal_safe(&out.stderr, &format!("--json {name} stderr"));
        let out = mandate(&["--print".as_ref(), file.as_os_str()]);
        assert_terminal_safe(&out.stdout, &format!("--print {name} stdout"));
    }
}

/// The messages of the hostile files, on the error screen and in the banner over the
/// last good data (a reload that failed), at every size.
#[test]
fn hostile_messages_on_screen_hold_no_control_characters() {
    for (name, bytes) in BAD_FILES {
        let diags = parse(bytes).expect_err("an invalid file");
        for &size in SIZES {
            let app = App::showing(
                &Origin::File((*name).into()),
                FileEvent::Failed(Problem::Invalid(diags.clone())),
                seed_now(),
                (size.0, size.1),
            );
            assert_frame_ok(&app, &format!("{name}: error screen"));
            let mut app = spec::app_for(builtin(), seed_now(), size);
            let at = app.now();
            app.update(Msg::FileChanged {
                event: FileEvent::Failed(Problem::Invalid(diags.clone())),
                at,
            });
            assert_frame_ok(&app, &format!("{name}: banner"));
        }
    }
}

#[test]
fn a_file_name_with_escapes_is_shown_cleaned() {
    let name = "evil\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}.toml";
    let file = tmp_file(name, file_with_text("ok").as_bytes());
    for mode in ["--check", "--json", "--print"] {
        let out = mandate(&[mode.as_ref(), file.as_os_str()]);
        assert_eq!(out.status.code(), Some(0), "{mode}: {out:?}");
        assert_terminal_safe(&out.stdout, &format!("{mode} stdout"));
        assert_terminal_safe(&out.stderr, &format!("{mode} stderr"));
    }
    let bad = tmp_file(name, b"[[mission]]\nid = 1\n");
    let out = mandate(&["--check".as_ref(), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_terminal_safe(
        &out.stderr,
        "--check stderr, invalid file with a hostile name",
    );
    // A missing file whose name holds escapes.
    let missing = bad.with_file_name("gone\u{1b}[2J\u{7}.toml");
    let out = mandate(&["--check".as_ref(), missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_terminal_safe(
        &out.stderr,
        "--check stderr, missing file with a hostile name",
    );
}

#[test]
fn json_of_hostile_text_holds_no_raw_control_characters() {
    let file = tmp_file(
        "json-hostile.toml",
        file_with_text("\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\u{85}").as_bytes(),
    );
    let out = mandate(&["--json".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_terminal_safe(&out.stdout, "--json stdout");
}

// ---------------------------------------------------------------------------------
// Regression fixtures (inputs found by fuzzing)
// ---------------------------------------------------------------------------------

/// Fixtures of bugs reported and not fixed yet: skipped by `every_regression_fixture`,
/// each with its own `#[ignore]`d test below. Move a fixture out of this list (and
/// un-ignore its test) once the bug is fixed.
const KNOWN_BUGS: &[&str] = &[];

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions")
}

/// `# regression: now=<T> size=<W>x<H> keys=<K>,<K>...` lines in a fixture set how it is
/// replayed (see the README in tests/fixtures/regressions/); otherwise it is replayed at
/// the seed instant, at several sizes.
struct Replay {
    nows: Vec<DateTime<Utc>>,
    sizes: Vec<(u16, u16)>,
    keys: Vec<KeyCode>,
}

fn replay_settings(bytes: &[u8]) -> Replay {
    let mut r = Replay {
        nows: Vec::new(),
        sizes: Vec::new(),
        keys: Vec::new(),
    };
    let text = String::from_utf8_lossy(bytes);
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("# regression:") else {
            continue;
        };
        for word in rest.split_whitespace() {
            if let Some(t) = word.strip_prefix("now=") {
                r.nows.push(any_instant(t));
            } else if let Some(s) = word.strip_prefix("size=") {
                r.sizes.push(cli::parse_size(s).expect("a fixture's size="));
            } else if let Some(k) = word.strip_prefix("keys=") {
                for name in k.split(',').filter(|n| !n.is_empty()) {
                    r.keys
                        .push(spec::key_from_name(name).expect("a fixture's key"));
                }
            }
        }
    }
    if r.nows.is_empty() {
        r.nows.push(seed_now());
    }
    if r.sizes.is_empty() {
        r.sizes = vec![(1, 1), (60, 18), (80, 24), (120, 40), (500, 200)];
    }
    r
}

/// Replays a fixture as the fuzz targets ran it: at each size, the dashboard starts at
/// the first instant, ticks through the others, then the keys are pressed; every frame
/// on the way is checked.
fn replay(path: &Path) {
    let bytes = std::fs::read(path).expect("read fixture");
    let r = replay_settings(&bytes);
    let what = path.display().to_string();
    match parse(&bytes) {
        Ok(d) => {
            for now in &r.nows {
                for s in state::states(&d, *now) {
                    for w in &s.warnings {
                        assert_clean(&w.message, &what);
                    }
                }
            }
            for &size in &r.sizes {
                let mut app = spec::app_for(d.clone(), r.nows[0], size);
                assert_frame_ok(&app, &what);
                for now in &r.nows[1..] {
                    app.update(Msg::Tick(*now));
                    assert_frame_ok(&app, &format!("{what} at {now}"));
                }
                for &k in &r.keys {
                    press(&mut app, k);
                }
                assert_frame_ok(&app, &format!("{what} after the keys"));
            }
        }
        Err(diags) => {
            for d in &diags {
                assert_clean(&d.render("f.toml"), &what);
            }
            for &size in &r.sizes {
                let app = App::showing(
                    &Origin::File("f.toml".into()),
                    FileEvent::Failed(Problem::Invalid(diags.clone())),
                    r.nows[0],
                    (size.0, size.1),
                );
                assert_frame_ok(&app, &what);
            }
        }
    }
}

fn regression_fixtures() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match std::fs::read_dir(regressions_dir()) {
        Ok(dir) => dir
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

#[test]
fn every_regression_fixture_loads_and_renders() {
    let fixtures = regression_fixtures();
    assert!(
        !fixtures.is_empty(),
        "tests/fixtures/regressions/ has no .toml"
    );
    for path in fixtures {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if KNOWN_BUGS.contains(&name) {
            continue;
        }
        replay(&path);
    }
}

// ---------------------------------------------------------------------------------
// Bugs found by these tests, now fixed (counts from the file are turned into cell
// counts with saturation). Their inputs are megabytes of repetition, so they are
// generated here rather than stored in tests/fixtures/regressions/.
// ---------------------------------------------------------------------------------

/// One mission with `n` strength figures, one a day from 1 Jan 1900, all before today.
fn many_figures_file(n: i64) -> String {
    let first = day(1900, 1, 1);
    let history: Vec<String> = (0..n)
        .map(|i| format!("{{date={},deployed={i}}}", first + Duration::days(i)))
        .collect();
    format!(
        "[[mission]]\nid=\"a\"\nname=\"A\"\n[[mission.mandate]]\nstart=2025-01-01\nend=2025-12-31\n\
         [mission.strength]\nauthorized=100\nhistory=[{}]\n",
        history.join(",")
    )
}

/// `n` minimal missions.
fn many_missions_file(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "[[mission]]\nid=\"{i:x}\"\nname=\"\"\nmandate=[{{start=2025-01-01}}]\nstrength={{authorized=1}}\n"
            )
        })
        .collect()
}

/// BUG 1: `src/ui/strength.rs:94`, `(values.len() as u16 * 2)`: with 32,768 figures dated
/// on or before today the multiplication overflows: "attempt to multiply with overflow"
/// in a debug build (`mandate --print --size 120x40 FILE` panics); in release it wraps to
/// a sparkline 0 columns wide (65,536 figures: the count itself wraps).
#[test]
fn bug_1_strength_sparkline_width_overflows_at_32768_figures() {
    // 32,768 overflowed the doubling; 65,536 wrapped the count itself to 0.
    for n in [32_768, 65_536] {
        let d = load(&many_figures_file(n));
        let app = spec::app_for(d, seed_now(), (120, 40));
        assert_frame_ok(&app, &format!("{n} strength figures"));
    }
}

/// BUG 2: `src/ui/mod.rs:112` (in `areas`), `(n + 2)` where `n = missions.len() as u16`:
/// with 65,534 or 65,535 missions, at a size wide enough for the mission list column
/// (body at least 110x30), the addition overflows: "attempt to add with overflow" in a
/// debug build; in release the list height wraps to the minimum.
#[test]
fn bug_2_mission_list_height_overflows_at_65534_missions() {
    let d = load(&many_missions_file(65_534));
    assert_eq!(d.missions.len(), 65_534);
    let app = spec::app_for(d, seed_now(), (120, 40));
    assert_frame_ok(&app, "65,534 missions");
}

/// BUG 3: `src/ui/mandate.rs`, `timeline`: when today is before the first period starts
/// (a pending mission), `today_cell` is a negative day count cast `as usize`, which wraps
/// to a huge number, and `.min(bar - 1)` then draws today's `●` in the axis's last cell:
/// on 22 Sep 2025 a mandate of 2026-2030 shows "2026 ━━━…━━● 2030", today after 2030.
/// The axis should reach back to today (as it reaches forward to a today after the last
/// end), or leave the marker out; either passes.
#[test]
fn bug_3_today_marker_of_a_pending_mission() {
    let path = regressions_dir().join("bug-3-pending-timeline-marker.toml");
    let d = load(&std::fs::read_to_string(path).expect("fixture"));
    let now = cli::parse_now("2025-09-22").expect("now");
    assert_eq!(state::states(&d, now)[0].phase, state::Phase::Pending);
    for size in [(120, 40), (80, 24)] {
        let text = assert_frame_ok(&spec::app_for(d.clone(), now, size), "pending timeline");
        let line = text
            .lines()
            .find(|l| l.contains("━ 2030") || l.contains("● 2030"))
            .unwrap_or_else(|| panic!("no time axis at {size:?}:\n{text}"));
        let axis: Vec<char> = line.chars().collect();
        let marker = axis.iter().position(|&c| c == '●');
        let first_in_force = axis.iter().position(|&c| c == '━');
        if let (Some(m), Some(f)) = (marker, first_in_force) {
            assert!(
                m < f,
                "today (22 Sep 2025) is drawn after the 2026-2030 period at {size:?}: {line}"
            );
        }
    }
}
