//! `--brief`: golden briefings for the seed file at the seed instant and for the
//! portfolio in December 2026 (Markdown and JSON), byte-identical runs, the flags of the
//! mode, and a property: every mission the month concerns appears exactly once.

use std::process::{Command, Output};

use chrono::{Duration, NaiveDate};
use mandate::cli::{self, Home, Mode};
use mandate::report::brief::{self, Format, Month};
use mandate::source::{parse, Origin};
use proptest::prelude::*;

const BIN: &str = env!("CARGO_BIN_EXE_mandate");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .env_remove("MANDATE_FILE")
        .output()
        .expect("the mandate binary runs")
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

const SEED: [&str; 6] = [
    "--brief",
    "--month",
    "2025-10",
    "data/mss-haiti.toml",
    "--now",
    "2025-09-22T12:00:00-04:00",
];
const PORTFOLIO: [&str; 6] = [
    "--brief",
    "--month",
    "2026-12",
    "data/portfolio.toml",
    "--now",
    "2026-12-02T12:00:00Z",
];

fn with_json(args: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    v.extend(["--format".to_string(), "json".to_string()]);
    v
}

#[test]
fn seed_briefing_in_october_2025() {
    let md = stdout(&run(&SEED));
    assert!(md.starts_with("# Mandates in October 2025\n"), "{md}");
    assert!(md.contains("`data/mss-haiti.toml`"), "the file is named");
    assert!(md.contains("\n## MSS ") && md.contains("\n## GSF "), "{md}");
    insta::assert_snapshot!("brief_seed_markdown", md);
    let args = with_json(&SEED);
    let json = stdout(&run(&args.iter().map(String::as_str).collect::<Vec<_>>()));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["month"], "2025-10");
    let ids: Vec<&str> = v["concerned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["mss", "gsf"]);
    insta::assert_snapshot!("brief_seed_json", json);
}

#[test]
fn portfolio_briefing_in_december_2026() {
    let md = stdout(&run(&PORTFOLIO));
    assert!(md.starts_with("# Mandates in December 2026\n"), "{md}");
    insta::assert_snapshot!("brief_portfolio_markdown", md);
    let args = with_json(&PORTFOLIO);
    let json = stdout(&run(&args.iter().map(String::as_str).collect::<Vec<_>>()));
    serde_json::from_str::<serde_json::Value>(&json).unwrap();
    insta::assert_snapshot!("brief_portfolio_json", json);
}

#[test]
fn the_same_run_gives_the_same_bytes_and_now_picks_the_month() {
    assert_eq!(run(&PORTFOLIO).stdout, run(&PORTFOLIO).stdout);
    let o = run(&[
        "--brief",
        "data/mss-haiti.toml",
        "--now",
        "2025-10-15T12:00:00Z",
    ]);
    assert!(stdout(&o).starts_with("# Mandates in October 2025\n"));
}

#[test]
fn month_and_format_belong_to_brief_and_are_checked() {
    for bad in [
        &["--json", "--format", "json"][..],
        &["--month", "2025-10"],
        &["--brief", "--month", "2025-13"],
        &["--brief", "--month", "October"],
        &["--brief", "--format", "yaml"],
    ] {
        let o = run(bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert!(!o.stderr.is_empty(), "{bad:?}");
    }
}

fn d(days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Duration::days(days)
}

/// Each mission: periods as (offset of start in days from 2024-01-01, length in days;
/// 0 is open-ended), and whether the last is final and whether it has a successor.
type Generated = (Vec<(i64, i64)>, bool, bool);

fn file(missions: &[Generated]) -> String {
    let mut src = String::new();
    for (i, (periods, final_, successor)) in missions.iter().enumerate() {
        src.push_str(&format!("[[mission]]\nid = \"m{i}\"\nname = \"M{i}\"\n"));
        if *successor && i + 1 < missions.len() {
            src.push_str(&format!("successor = \"m{}\"\n", i + 1));
        }
        for (j, (start, len)) in periods.iter().enumerate() {
            src.push_str(&format!("[[mission.mandate]]\nstart = {}\n", d(*start)));
            if *len > 0 {
                src.push_str(&format!("end = {}\n", d(start + len - 1)));
            }
            if *final_ && j + 1 == periods.len() {
                src.push_str("final = true\n");
            }
        }
    }
    src
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_mission_the_month_concerns_appears_once(
        missions in prop::collection::vec(
            (prop::collection::vec((0i64..1400, 0i64..500), 1..4), any::<bool>(), any::<bool>()),
            1..6,
        ),
        month_index in 0u32..48,
    ) {
        let data = parse(file(&missions).as_bytes()).unwrap();
        let month = Month { year: 2024 + (month_index / 12) as i32, month: month_index % 12 + 1 };
        let now = cli::parse_now("2025-06-01").unwrap();
        let b = brief::briefing(&data, month, now, "f.toml");
        let options = brief::Options { file: "f.toml".into(), month: Some(month), format: Format::Markdown };
        let md = brief::report(&data, now, &options).stdout;
        for m in &data.missions {
            let in_month = |x: NaiveDate| month.first() <= x && x <= month.last();
            let ends_or_starts = m.mandates.iter().any(|p| in_month(p.start) || p.end.is_some_and(in_month));
            let last = m.mandates.iter().map(|p| p.end).collect::<Option<Vec<_>>>().and_then(|v| v.into_iter().max());
            // Of periods ending the same last day, the later in the file decides.
            let last_final = m.mandates.iter().rev().find(|p| p.end == last).is_some_and(|p| p.final_);
            // The rules' third way: a successor whose first period has started (all in UTC here).
            let successor_started = m.successor.as_ref().is_some_and(|id| {
                data.missions.iter().any(|n| &n.id == id && n.mandates.iter().any(|p| p.start <= month.first()))
            });
            let unrecorded = last.is_some_and(|l| l < month.first()) && !last_final && !successor_started;
            let concerned = ends_or_starts || unrecorded;
            let in_concerned = b.concerned.iter().filter(|c| c.mission.id == m.id).count();
            let in_rest = b.rest.iter().filter(|o| o.mission.id == m.id).count();
            prop_assert_eq!((in_concerned, in_rest), (usize::from(concerned), usize::from(!concerned)), "{}", m.id);
            let heading = format!("\n## {} (", m.id);
            prop_assert_eq!(md.matches(&heading).count(), usize::from(concerned), "{}", md);
            let row = format!("\n| {} |", m.id);
            prop_assert_eq!(md.matches(&row).count(), 1, "{}", md);
        }
    }
}

#[test]
fn the_seed_brief_mode_runs_through_cli_run() {
    let origin = Origin::File("data/mss-haiti.toml".into());
    let now = cli::parse_now("2025-09-22T12:00:00-04:00").unwrap();
    let mode = Mode::Brief {
        month: Some(Month::parse("2025-10").unwrap()),
        format: Format::Markdown,
    };
    let o = cli::run(&mode, &origin, now, &Home::default());
    assert_eq!(o.code, 0);
    assert_eq!(o.stdout, stdout(&run(&SEED)));
}

/// A briefing for a past month reads the record as it stood then: the seed file's GSF
/// renewal of 29 Sep 2026 is not among the October 2025 signals, its 2793 vote is, with
/// the members who abstained named.
#[test]
fn a_past_month_reads_no_later_vote() {
    let md = stdout(&run(&SEED));
    assert!(
        md.contains("2793 (2025): 12-0-3 (abstaining: China, Pakistan, Russian Federation)"),
        "{md}"
    );
    assert!(!md.contains("2829"), "{md}");
}
