//! The outputs for other programs: `--ics`, `--due`, `--nagios`, `--prom`,
//! `--csv`. Snapshots on the seed file and the portfolio; byte-identical runs; every
//! exit code of `--due` and `--nagios`; hostile text in every field, with each output
//! read back by a parser (the `icalendar` crate's, the `csv` crate's, and a strict
//! Prometheus text-format parser written here against the format's description); and
//! the calendar's dates against a naive day-walking implementation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Component, EventLike};
use mandate::cli::{self, Home, Mode};
use mandate::domain::state::Phase;
use mandate::domain::text::clean;
use mandate::report::{self, Outcome};
use mandate::source::{parse, Origin};
use proptest::prelude::*;

const BIN: &str = env!("CARGO_BIN_EXE_mandate");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SEED: &str = "data/mss-haiti.toml";
const SEED_NOW: &str = "2025-09-22T12:00:00-04:00";
const PORTFOLIO: &str = "data/portfolio.toml";
const PORTFOLIO_NOW: &str = "2026-03-01T12:00:00Z";

fn now(s: &str) -> DateTime<Utc> {
    cli::parse_now(s).unwrap()
}

/// Every mode's output for `file` at `at`, as the binary would give it with `--now`.
fn outputs(file: &str, at: &str) -> Vec<(&'static str, Outcome)> {
    let origin = Origin::File(file.into());
    let t = now(at);
    let run = |mode: Mode| cli::run(&mode, &origin, t, &Home::default());
    vec![
        ("ics", run(Mode::Ics { stamp: Some(t) })),
        ("due", run(Mode::Due { within: None })),
        (
            "nagios",
            run(Mode::Nagios {
                within: None,
                critical: None,
            }),
        ),
        ("prom", run(Mode::Prom)),
        ("csv", run(Mode::Csv { bom: false })),
    ]
}

/// CRLF outputs are snapshotted with LF (insta compares lines), after checking that
/// every line ends in CRLF.
fn lf(s: &str) -> String {
    assert!(s.ends_with("\r\n"), "ends in CRLF");
    assert!(
        !s.replace("\r\n", "").contains(['\n', '\r']),
        "only CRLF line ends"
    );
    s.replace("\r\n", "\n")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .env_remove("MANDATE_FILE")
        .output()
        .expect("the mandate binary runs")
}

// ---------------------------------------------------------------------------
// Snapshots: the same facts as the dashboard
// ---------------------------------------------------------------------------

#[test]
fn seed_outputs_state_the_dashboard_s_facts() {
    let out: BTreeMap<_, _> = outputs(SEED, SEED_NOW).into_iter().collect();
    for (mode, o) in &out {
        assert!(o.stderr.is_empty(), "{mode}: {}", o.stderr);
    }
    let ics = &out["ics"].stdout;
    assert!(ics.contains("SUMMARY:MSS mandate expires (resolution 2751 (2024))\r\n"));
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20251002\r\nSUMMARY:MSS"),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20251003\r\nSUMMARY:GSF mandate starts\r\n"));
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("On 22 Sep 2025: expiring\\, 11 days left (last day 2 Oct 2025)."));
    assert!(unfolded.contains("Ceiling: 2\\,500\\; deployed: 989 as of 22 Sep 2025 (40%)."));
    assert_eq!(out["due"].code, 3);
    assert!(out["due"]
        .stdout
        .starts_with("MSS  expires in 11 days (2 Oct 2025, resolution 2751 (2024))\nGSF  starts in 11 days (3 Oct 2025)\n"));
    assert_eq!(out["nagios"].code, 1);
    assert!(out["nagios"].stdout.starts_with(
        "MANDATE WARNING - MSS expires in 11 days | mss_days=11;@0:30;@0:7;0 gsf_days_to_start=11\n"
    ));
    let prom = &out["prom"].stdout;
    assert!(prom.contains("mandate_days_remaining{mission=\"mss\",name=\"MSS\"} 11\n"));
    assert!(prom.contains("mandate_phase{mission=\"mss\",name=\"MSS\",phase=\"expiring\"} 1\n"));
    assert!(prom.contains("mandate_phase{mission=\"gsf\",name=\"GSF\",phase=\"pending\"} 1\n"));
    assert!(prom.contains("mandate_days_to_start{mission=\"gsf\",name=\"GSF\"} 11\n"));
    // 2025-10-03T00:00:00-04:00, the instant the MSS's last day ends
    assert!(prom
        .contains("mandate_expiry_timestamp_seconds{mission=\"mss\",name=\"MSS\"} 1759464000\n"));
    let csv = &out["csv"].stdout;
    assert!(csv.contains("\r\nmss,MSS,Multinational Security Support Mission in Haiti,,multinational,expiring,2025-10-02,11,,,2500,989,2025-09-22,0.3956,,false\r\n"));
    // The GSF's chain runs on through its renewal by resolution 2829 (2026).
    assert!(csv.contains(",pending,2027-03-31,,2025-10-03,11,"));
}

#[test]
fn seed_snapshots() {
    for (mode, o) in outputs(SEED, SEED_NOW) {
        let text = if mode == "ics" || mode == "csv" {
            lf(&o.stdout)
        } else {
            o.stdout
        };
        insta::assert_snapshot!(format!("seed_{mode}"), text);
    }
}

#[test]
fn portfolio_snapshots() {
    for (mode, o) in outputs(PORTFOLIO, PORTFOLIO_NOW) {
        assert!(o.stderr.is_empty(), "{mode}: {}", o.stderr);
        let text = if mode == "ics" || mode == "csv" {
            lf(&o.stdout)
        } else {
            o.stdout
        };
        insta::assert_snapshot!(format!("portfolio_{mode}"), text);
    }
}

/// UNAMA ended 17 Mar 2026 and the file records no end; UNMHA's last period was final,
/// UNITAMS has `closed`; BINUH ends 31 Jan 2027.
const UNRECORDED: &str = "tests/fixtures/valid/unrecorded.toml";
const UNRECORDED_NOW: &str = "2026-12-02T12:00:00Z";

#[test]
fn an_unrecorded_mission_in_every_output() {
    let out: BTreeMap<_, _> = outputs(UNRECORDED, UNRECORDED_NOW).into_iter().collect();
    // --due lists it, whatever the window, and it counts as due; the expired are not listed
    assert_eq!(out["due"].code, 3);
    insta::assert_snapshot!("unrecorded_due", out["due"].stdout);
    // --nagios: the plugin cannot know, and says which
    assert_eq!(out["nagios"].code, 3);
    insta::assert_snapshot!("unrecorded_nagios", out["nagios"].stdout);
    let prom = &out["prom"].stdout;
    assert!(
        prom.contains("mandate_phase{mission=\"unama\",name=\"UNAMA\",phase=\"unrecorded\"} 1\n")
    );
    assert!(prom.contains("mandate_phase{mission=\"unmha\",name=\"UNMHA\",phase=\"expired\"} 1\n"));
    insta::assert_snapshot!("unrecorded_prom", prom);
    let csv = &out["csv"].stdout;
    assert!(csv.contains("\r\nunama,UNAMA,United Nations Assistance Mission in Afghanistan,,political,unrecorded,2026-03-17,0,"), "{csv}");
    assert!(csv.contains(",political,expired,2024-02-29,0,"), "{csv}");
    // --ics lists the same expiries as for an expired mission
    let ics = &out["ics"].stdout;
    assert!(ics.contains("DTSTART;VALUE=DATE:20260317\r\nSUMMARY:UNAMA mandate expires (resolution 2777 (2025))\r\n"), "{ics}");
    // JSON: the phase, and `closed`
    let t = now(UNRECORDED_NOW);
    let origin = Origin::File(UNRECORDED.into());
    let json = cli::run(&Mode::Json, &origin, t, &Home::default());
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let m = |id: &str| {
        v["missions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone()
    };
    let unama = m("unama");
    assert_eq!(unama["phase"], "unrecorded");
    assert_eq!(unama["closed"], serde_json::Value::Null);
    assert_eq!(unama["expires_on"], "2026-03-17");
    assert_eq!(unama["expires_at"], "2026-03-17T19:30:00Z");
    assert_eq!(
        (
            unama["days_remaining"].as_i64(),
            unama["seconds_remaining"].as_i64()
        ),
        (Some(0), Some(0))
    );
    assert_eq!(m("unitams")["closed"], "2024-02-29");
    assert_eq!(m("unitams")["phase"], "expired");
    // --check: a warning at the last period's `end`
    let check = cli::run(&Mode::Check, &origin, t, &Home::default());
    assert_eq!(check.code, 0);
    assert_eq!(
        check.stderr,
        "tests/fixtures/valid/unrecorded.toml:14:7: warning: unama: ended 2026-03-17 with no renewal or closure recorded: add the next period, mark the last one `final = true`, or set `closed`\n"
    );
}

#[test]
fn nagios_names_every_unrecorded_mission_and_a_critical_one_comes_first() {
    let origin = Origin::File(UNRECORDED.into());
    let t = now(UNRECORDED_NOW);
    let nagios = |critical| {
        cli::run(
            &Mode::Nagios {
                within: None,
                critical,
            },
            &origin,
            t,
            &Home::default(),
        )
    };
    // BINUH ends in 61 days: CRITICAL at --critical 61, over the UNKNOWN
    let o = nagios(Some(61));
    assert_eq!(o.code, 2);
    assert!(
        o.stdout
            .starts_with("MANDATE CRITICAL - BINUH expires in 61 days | "),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains(
        "\nUNKNOWN: UNAMA  unrecorded: ended 17 Mar 2026, no renewal or closure recorded\n"
    ));
    // two unrecorded missions are both named, soonest ended first
    let text = std::fs::read_to_string(Path::new(ROOT).join(UNRECORDED))
        .unwrap()
        .replace("final = true\n", "");
    let data = parse(text.as_bytes()).unwrap();
    let o = report::nagios::report(
        &data,
        t,
        &report::nagios::Options {
            within: None,
            critical: None,
        },
    );
    assert_eq!(o.code, 3);
    assert!(
        o.stdout.starts_with("MANDATE UNKNOWN - UNMHA, UNAMA unrecorded: ended with no renewal or closure recorded; update the file | "),
        "{}",
        o.stdout
    );
}

// ---------------------------------------------------------------------------
// The binary: byte-identical runs, exit codes
// ---------------------------------------------------------------------------

#[test]
fn ics_and_csv_are_byte_identical_across_runs() {
    for args in [
        &["--ics", "--now", SEED_NOW, SEED][..],
        &["--ics", "--now", PORTFOLIO_NOW, PORTFOLIO],
        &["--csv", "--now", SEED_NOW, SEED],
        &["--csv", "--bom", "--now", PORTFOLIO_NOW, PORTFOLIO],
        // without --now: DTSTAMP is the file's modification time, and the text is of
        // the day, so two runs a moment apart agree too
        &["--ics", SEED],
    ] {
        let (a, b) = (run(args), run(args));
        assert_eq!(a.status.code(), Some(0), "{args:?}");
        assert!(!a.stdout.is_empty());
        assert_eq!(a.stdout, b.stdout, "{args:?}");
    }
    let bom = run(&["--csv", "--bom", SEED]).stdout;
    assert!(bom.starts_with("\u{feff}id,short,".as_bytes()));
}

#[test]
fn ics_dtstamp_is_the_file_s_modification_time_without_now() {
    let dir = std::env::temp_dir().join(format!("mandate-outputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("m.toml");
    std::fs::copy(Path::new(ROOT).join(SEED), &file).unwrap();
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let o = run(&["--ics", file.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("DTSTAMP:20231114T221320Z\r\n"), "{text}");
    assert!(!text.contains("DTSTAMP:2025"));
}

fn code(args: &[&str]) -> (Option<i32>, String) {
    let o = run(args);
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

#[test]
fn due_exit_codes_0_3_1_2() {
    // 0: nothing due, nothing printed
    assert_eq!(
        code(&["--due", "--within", "10", "--now", SEED_NOW, SEED]),
        (Some(0), String::new())
    );
    // 3: something due
    let (c, out) = code(&["--due", "--now", SEED_NOW, SEED]);
    assert_eq!(c, Some(3));
    assert_eq!(out.lines().count(), 2);
    // 1: a bad file
    let o = run(&["--due", "tests/fixtures/does-not-exist.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    // 2: bad usage
    for bad in [
        &["--due", "--within", "soon"][..],
        &["--due", "--within", "-1"],
        &["--due", "--critical", "3"],
        &["--within", "3"],
        &["--due", "--json"],
        &["--csv", "--due"],
        &["--bom"],
    ] {
        assert_eq!(run(bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn nagios_exit_codes_0_1_2_3() {
    let (c, out) = code(&["--nagios", "--within", "10", "--now", SEED_NOW, SEED]);
    assert_eq!(c, Some(0));
    assert!(
        out.starts_with("MANDATE OK - nothing due within 10 days | mss_days=11;@0:10;@0:7;0"),
        "{out}"
    );
    let (c, out) = code(&["--nagios", "--now", SEED_NOW, SEED]);
    assert_eq!(c, Some(1));
    assert!(out.starts_with("MANDATE WARNING - MSS expires in 11 days | "));
    // CRITICAL: an expiry within --critical days (default 7)...
    let (c, out) = code(&["--nagios", "--now", "2025-09-30", SEED]);
    assert_eq!(c, Some(2));
    assert!(
        out.starts_with("MANDATE CRITICAL - MSS expires in 3 days | "),
        "{out}"
    );
    let (c, _) = code(&["--nagios", "--critical", "11", "--now", SEED_NOW, SEED]);
    assert_eq!(c, Some(2));
    // ...or a lapse
    let gap = "[[mission]]\nid = \"g\"\nname = \"G\"\n[[mission.mandate]]\nstart = 2025-01-01\nend = 2025-06-30\n[[mission.mandate]]\nstart = 2026-01-01\nend = 2026-12-31\n";
    let dir = std::env::temp_dir().join(format!("mandate-nagios-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("gap.toml");
    std::fs::write(&file, gap).unwrap();
    let (c, out) = code(&["--nagios", "--now", "2025-09-22", file.to_str().unwrap()]);
    assert_eq!(c, Some(2));
    assert!(
        out.starts_with("MANDATE CRITICAL - g lapsed: expired 84 days ago | g_days_to_start=101\n"),
        "{out}"
    );
    // 3: a missing or invalid file, and bad usage, never 1 or 2
    std::fs::write(&file, "[[mission]]\nid = \"BAD\"\n").unwrap();
    for args in [
        vec!["--nagios", file.to_str().unwrap()],
        vec!["--nagios", "tests/fixtures/does-not-exist.toml"],
        vec!["--nagios", "--within", "soon"],
        vec!["--nagios", "--within", "-1"],
        vec!["--nagios", "--now", "yesterday"],
        vec!["--nagios", "--json"],
        vec!["--bogus", "--nagios"],
        vec!["--nagios", "--bom"],
    ] {
        let (c, out) = code(&args);
        assert_eq!(c, Some(3), "{args:?}: {out}");
        assert!(out.starts_with("MANDATE UNKNOWN - "), "{args:?}: {out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    // --help is not an error
    assert_eq!(run(&["--nagios", "--help"]).status.code(), Some(0));
}

#[test]
fn other_modes_keep_exit_1_for_a_bad_file() {
    for mode in ["--ics", "--prom", "--csv"] {
        let o = run(&[mode, "tests/fixtures/does-not-exist.toml"]);
        assert_eq!(o.status.code(), Some(1), "{mode}");
        assert!(o.stdout.is_empty(), "{mode}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_and_nagios_says_unknown() {
    let full = std::fs::File::options().write(true).open("/dev/full");
    let Ok(full) = full else { return };
    for (mode, expected) in [
        ("--ics", 1),
        ("--csv", 1),
        ("--prom", 1),
        ("--due", 1),
        ("--nagios", 3),
    ] {
        let o = Command::new(BIN)
            .args([mode, "--now", SEED_NOW, SEED])
            .current_dir(ROOT)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(expected), "{mode}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("cannot write"),
            "{mode}"
        );
    }
}

// ---------------------------------------------------------------------------
// Hostile text, read back by parsers
// ---------------------------------------------------------------------------

/// The strings put in every text field of a file.
fn hostile() -> Vec<String> {
    let long: String = "=cmd|' /C calc'!A0;,\"安\\"
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    vec![
        "He said \"no\", then; left\nthe room".into(),
        "=cmd|' /C calc'!A0".into(),
        "+SUM(1;2), -1, @A1".into(),
        "\t=tab\r\n".into(),
        "安全保障理事会決議「平和維持」、第七章；한국어".into(),
        "C:\\path\\to\\it | pipe \\n not a newline".into(),
        long,
    ]
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Five missions in every phase around 2026-03-01 (expiring, pending, lapsed, expired 3
/// days ago, open-ended), with `h` in every text field.
fn hostile_file(h: &str) -> String {
    let t = toml_str(h);
    let mut out = format!("title = {t}\nwarn_days = 30\nstale_days = 90\n");
    type Periods<'a> = &'a [(&'a str, Option<&'a str>)];
    let missions: [(&str, Periods); 5] = [
        ("exp", &[("2025-03-01", Some("2026-03-20"))]),
        ("pend", &[("2026-03-15", Some("2026-12-31"))]),
        (
            "gap",
            &[
                ("2025-01-01", Some("2025-12-31")),
                ("2026-06-01", Some("2026-12-31")),
            ],
        ),
        ("old", &[("2025-01-01", Some("2026-02-26"))]),
        ("open", &[("2020-01-01", None)]),
    ];
    for (id, periods) in missions {
        out.push_str(&format!(
            "\n[[mission]]\nid = \"{id}\"\nname = {t}\nshort = {t}\nkind = {t}\nauthority = {t}\nhost = {t}\nlead = {t}\nsummary = {t}\n"
        ));
        for (start, end) in periods {
            out.push_str(&format!(
                "[[mission.mandate]]\nstart = {start}\nresolution = {t}\nvote = {t}\nnote = {t}\nauthorized = {{ military = 100, police = 20 }}\n"
            ));
            if let Some(e) = end {
                out.push_str(&format!("end = {e}\n"));
            }
        }
        out.push_str(&format!(
            "[mission.strength]\ndeployed = {{ military = 90, police = 30 }}\nas_of = 2025-06-01\nsource = {t}\n\
             [[mission.contributor]]\ncountry = {t}\nrole = {t}\ndeployed = 120\n\
             [[mission.milestone]]\ntext = {t}\n[[mission.requirement]]\ntext = {t}\n\
             [[mission.source]]\ntitle = {t}\nurl = {t}\n\
             [[mission.source]]\ntitle = {t}\nurl = {}\n",
            toml_str(&format!("https://example.org/{h}"))
        ));
    }
    out
}

fn hostile_outputs(h: &str) -> (mandate::domain::Dataset, Vec<(&'static str, Outcome)>) {
    let dir = std::env::temp_dir().join(format!(
        "mandate-hostile-outputs-{}-{}",
        std::process::id(),
        h.len()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file: PathBuf = dir.join("h.toml");
    std::fs::write(&file, hostile_file(h)).unwrap();
    let data = parse(hostile_file(h).as_bytes()).expect("the hostile file is valid");
    let out = outputs(file.to_str().unwrap(), PORTFOLIO_NOW);
    let _ = std::fs::remove_dir_all(&dir);
    (data, out)
}

/// No control character other than the line ends each format uses.
fn assert_no_controls(mode: &str, s: &str) {
    let bad = s
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\r' | '\n'));
    assert_eq!(bad, None, "{mode}: a control character in the output");
}

#[test]
fn hostile_text_in_every_field_of_every_output_still_parses() {
    for h in hostile() {
        let (data, out) = hostile_outputs(&h);
        let c = clean(&h);
        for (mode, o) in &out {
            assert!(o.stderr.is_empty(), "{mode}: {}", o.stderr);
            assert_no_controls(mode, &o.stdout);
        }
        let out: BTreeMap<_, _> = out.into_iter().collect();
        check_ics(&out["ics"].stdout, &c);
        check_csv(&out["csv"].stdout, &c, data.missions.len());
        check_prom(&out["prom"].stdout, &c);
        let due = &out["due"];
        assert_eq!(due.code, 3);
        let lines: Vec<&str> = due.stdout.lines().collect();
        assert_eq!(lines.len(), 4, "{}", due.stdout);
        assert!(lines.iter().all(|l| l.starts_with(&format!("{c}  "))));
        let nagios = &out["nagios"];
        assert_eq!(nagios.code, 2);
        check_nagios(&nagios.stdout, 4);
    }
}

/// The `'` a spreadsheet needs before text that would start a formula.
fn neutral(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn check_csv(text: &str, c: &str, missions: usize) {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, report::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), missions);
    for row in &rows {
        assert_eq!(row.len(), 16);
        for i in [1, 2, 3, 4] {
            // the text columns: short, name, authority, kind
            assert_eq!(&row[i], neutral(c), "column {i}");
        }
        // ceiling_resolution: none before the first period starts
        assert!(row[14].is_empty() || row[14] == neutral(c));
        for i in [7, 9, 10, 11, 13] {
            assert!(
                row[i].is_empty() || row[i].parse::<f64>().is_ok(),
                "{}",
                &row[i]
            );
        }
        for i in [6, 8, 12] {
            assert!(row[i].is_empty() || row[i].parse::<NaiveDate>().is_ok());
        }
        assert!(["true", "false"].contains(&&row[15]));
    }
    assert_eq!(&rows[0][5], "expiring");
    assert_eq!(&rows[0][14], neutral(c));
    assert_eq!(&rows[2][5], "lapsed");
}

fn check_ics(text: &str, c: &str) {
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets", line.len());
        assert!(!line.contains('\n'));
    }
    let cal: icalendar::Calendar = text.parse().expect("the calendar parses");
    let prop = |k: &str| {
        cal.properties
            .iter()
            .find(|p| p.key() == k)
            .map(|p| p.value().to_owned())
    };
    assert_eq!(prop("X-WR-CALNAME").as_deref(), Some(c));
    assert_eq!(prop("VERSION").as_deref(), Some("2.0"));
    let events: Vec<&icalendar::Event> = cal
        .components
        .iter()
        .filter_map(|x| match x {
            icalendar::CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    // exp: its end; pend: start and end; gap: both ends and the coming start; old: its end
    assert_eq!(events.len(), 7);
    let mut uids = BTreeSet::new();
    for e in &events {
        let summary = e.get_summary().unwrap();
        assert!(
            summary == format!("{c} mandate expires (resolution {c})")
                || summary == format!("{c} mandate starts"),
            "{summary}"
        );
        assert!(e
            .get_description()
            .unwrap()
            .starts_with(&format!("{c} ({c}): the ")));
        assert_eq!(e.get_categories(), Some(vec![c.to_owned()]));
        let start = e.get_start().unwrap().date_naive();
        let end = e.get_end().unwrap().date_naive();
        assert_eq!(end, start + Duration::days(1));
        assert!(uids.insert(e.get_uid().unwrap().to_owned()));
        if let Some(u) = e.get_url() {
            // a URI: nothing outside its characters (spaces, quotes, non-ASCII...)
            assert!(
                u.bytes()
                    .all(|b| b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b)),
                "{u}"
            );
        }
    }
}

/// A strict reader of the Prometheus text format (version 0.0.4, as its description
/// states it): metric and label names by their grammar, label values with only the
/// `\\`, `\"` and `\n` escapes, values as floats, `# HELP` and `# TYPE` at most once
/// per family and before its samples, each family's samples together, no series twice.
/// Returns each family's samples as (labels, value).
type Series = (BTreeMap<String, String>, f64);

fn parse_prom(text: &str) -> Result<BTreeMap<String, Vec<Series>>, String> {
    fn name_ok(s: &str, colon: bool) -> bool {
        let mut cs = s.chars();
        cs.next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || (colon && c == ':'))
            && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || (colon && c == ':'))
    }
    if !text.ends_with('\n') {
        return Err("the last line must end with a line feed".into());
    }
    let mut families: BTreeMap<String, Vec<Series>> = BTreeMap::new();
    let (mut helped, mut typed, mut closed) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let mut current: Option<String> = None;
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# ") {
            let mut parts = rest.splitn(3, ' ');
            let (kw, name) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let set = match kw {
                "HELP" => &mut helped,
                "TYPE" => {
                    let t = parts.next().unwrap_or("");
                    if !["counter", "gauge", "histogram", "summary", "untyped"].contains(&t) {
                        return Err(format!("bad type: {line}"));
                    }
                    if families.get(name).is_some_and(|v| !v.is_empty()) {
                        return Err(format!("TYPE after samples: {line}"));
                    }
                    &mut typed
                }
                _ => continue,
            };
            if !name_ok(name, true) || !set.insert(name.to_owned()) {
                return Err(format!("bad or repeated: {line}"));
            }
            continue;
        }
        let name_end = line.find(['{', ' ']).ok_or(format!("no value: {line}"))?;
        let name = &line[..name_end];
        if !name_ok(name, true) {
            return Err(format!("bad metric name: {line}"));
        }
        let mut labels = BTreeMap::new();
        let mut rest = &line[name_end..];
        if let Some(body) = rest.strip_prefix('{') {
            let mut chars = body.char_indices().peekable();
            let end = loop {
                let Some(&(i, c)) = chars.peek() else {
                    return Err(format!("unclosed labels: {line}"));
                };
                if c == '}' {
                    break i;
                }
                let mut key = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c == '=' {
                        break;
                    }
                    key.push(c);
                    chars.next();
                }
                if !name_ok(&key, false) || chars.next().map(|x| x.1) != Some('=') {
                    return Err(format!("bad label name {key:?}: {line}"));
                }
                if chars.next().map(|x| x.1) != Some('"') {
                    return Err(format!("unquoted label value: {line}"));
                }
                let mut value = String::new();
                loop {
                    match chars.next().map(|x| x.1) {
                        None => return Err(format!("unterminated label value: {line}")),
                        Some('"') => break,
                        Some('\\') => match chars.next().map(|x| x.1) {
                            Some('\\') => value.push('\\'),
                            Some('"') => value.push('"'),
                            Some('n') => value.push('\n'),
                            other => return Err(format!("bad escape {other:?}: {line}")),
                        },
                        Some(c) => value.push(c),
                    }
                }
                if labels.insert(key, value).is_some() {
                    return Err(format!("a label twice: {line}"));
                }
                match chars.peek().map(|x| x.1) {
                    Some(',') => {
                        chars.next();
                    }
                    Some('}') => {}
                    _ => return Err(format!("expected , or }}: {line}")),
                }
            };
            rest = &body[end + 1..];
        }
        let rest = rest
            .strip_prefix(' ')
            .ok_or(format!("no space before the value: {line}"))?;
        let mut fields = rest.split(' ');
        let value = fields.next().unwrap_or("");
        let v: f64 = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            v => v.parse().map_err(|_| format!("bad value {v:?}: {line}"))?,
        };
        if let Some(ts) = fields.next() {
            ts.parse::<i64>()
                .map_err(|_| format!("bad timestamp: {line}"))?;
        }
        if fields.next().is_some() {
            return Err(format!("trailing fields: {line}"));
        }
        if current.as_deref() != Some(name) {
            if let Some(prev) = current.replace(name.to_owned()) {
                closed.insert(prev);
            }
            if closed.contains(name) {
                return Err(format!("the samples of {name} are not together"));
            }
        }
        if !seen.insert((name.to_owned(), labels.clone())) {
            return Err(format!("a series twice: {line}"));
        }
        families
            .entry(name.to_owned())
            .or_default()
            .push((labels, v));
    }
    for f in families.keys() {
        if !helped.contains(f) || !typed.contains(f) {
            return Err(format!("{f} lacks HELP or TYPE"));
        }
    }
    Ok(families)
}

#[test]
fn the_prometheus_reader_refuses_what_the_format_refuses() {
    let ok = "# HELP a x\n# TYPE a gauge\na{b=\"c\\\\ \\\" \\n\"} 1\na 2\n";
    let f = parse_prom(ok).unwrap();
    assert_eq!(f["a"][0].0["b"], "c\\ \" \n");
    for bad in [
        "# TYPE a gauge\na 1",
        "# HELP a x\n# TYPE a gauge\na{b=\"\\x\"} 1\n",
        "# HELP a x\n# TYPE a gauge\na{b=\"c\"} 1\na{b=\"c\"} 2\n",
        "# HELP a x\n# TYPE a gauge\n# TYPE a gauge\na 1\n",
        "# HELP a x\n# TYPE a gauge\n# HELP b x\n# TYPE b gauge\na 1\nb 1\na 2\n",
        "# HELP a x\n# TYPE a gauge\na{b=c} 1\n",
        "# HELP a x\n# TYPE a gauge\na one\n",
        "# HELP a x\n# TYPE a gauge\n1a 1\n",
        "a 1\n",
    ] {
        assert!(parse_prom(bad).is_err(), "{bad:?}");
    }
}

fn check_prom(text: &str, c: &str) {
    let families = parse_prom(text).unwrap_or_else(|e| panic!("{e}"));
    for name in [
        "mandate_expiry_timestamp_seconds",
        "mandate_days_remaining",
        "mandate_phase",
        "mandate_authorized_personnel",
        "mandate_deployed_personnel",
        "mandate_deployment_ratio",
        "mandate_figures_age_days",
        "mandate_stale",
    ] {
        let samples = &families[name];
        assert!(!samples.is_empty(), "{name}");
        for (labels, _) in samples {
            assert_eq!(labels["name"], c, "{name}");
        }
    }
    let phases = &families["mandate_phase"];
    assert_eq!(phases.len(), 5 * Phase::ALL.len());
    assert_eq!(phases.iter().filter(|s| s.1 == 1.0).count(), 5);
    assert!(families["mandate_authorized_personnel"]
        .iter()
        .any(|(l, v)| l.get("category").map(String::as_str) == Some("military") && *v == 100.0));
}

/// The plugin convention: one status line with performance data after a `|`, then
/// detail lines without one.
fn check_nagios(text: &str, details: usize) {
    let mut lines = text.lines();
    let status = lines.next().unwrap();
    let (head, perf) = status.split_once(" | ").unwrap();
    assert!(head.starts_with("MANDATE "));
    assert!(!head.contains('|') && !perf.contains('|'));
    for p in perf.split(' ') {
        let (label, values) = p.split_once('=').unwrap();
        assert!(label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c)));
        // The value and minimum are numbers; the thresholds ranges like `@0:30`.
        for v in values.split(';') {
            let range = v.strip_prefix("@0:").unwrap_or(v);
            range.parse::<i64>().unwrap();
        }
    }
    let rest: Vec<&str> = lines.collect();
    assert_eq!(rest.len(), details);
    assert!(rest.iter().all(|l| !l.contains('|')));
}

// ---------------------------------------------------------------------------
// The calendar's dates against a naive implementation
// ---------------------------------------------------------------------------

/// Per chain of days in force: its last day (when it has one) and, when after today,
/// its first day. By walking the days: a chain is a run of days in force.
fn naive_events(
    periods: &[(NaiveDate, Option<NaiveDate>)],
    today: NaiveDate,
) -> BTreeSet<(&'static str, NaiveDate)> {
    let lo = periods.iter().map(|p| p.0).min().unwrap();
    let hi = periods
        .iter()
        .map(|p| p.1.unwrap_or(p.0))
        .max()
        .unwrap()
        .max(lo)
        + Duration::days(2);
    let open_from = periods.iter().filter(|p| p.1.is_none()).map(|p| p.0).min();
    let covered = |d: NaiveDate| {
        open_from.is_some_and(|o| d >= o)
            || periods
                .iter()
                .any(|(s, e)| *s <= d && e.is_some_and(|e| d <= e))
    };
    let mut out = BTreeSet::new();
    let mut d = lo;
    while d <= hi {
        if covered(d) && !covered(d - Duration::days(1)) && d > today {
            out.insert(("start", d));
        }
        if covered(d) && !covered(d + Duration::days(1)) {
            out.insert(("expiry", d));
        }
        d += Duration::days(1);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn calendar_dates_agree_with_a_day_walking_implementation(
        raw in prop::collection::vec((0i64..400, 0i64..120, prop::bool::weighted(0.15)), 1..5),
        today in 0i64..500,
    ) {
        let base = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let periods: Vec<(NaiveDate, Option<NaiveDate>)> = raw
            .iter()
            .map(|(s, len, open)| {
                let s = base + Duration::days(*s);
                (s, (!open).then(|| s + Duration::days(*len)))
            })
            .collect();
        let mut src = String::from("[[mission]]\nid = \"m\"\nname = \"M\"\n");
        for (s, e) in &periods {
            src.push_str(&format!("[[mission.mandate]]\nstart = {s}\n"));
            if let Some(e) = e {
                src.push_str(&format!("end = {e}\n"));
            }
        }
        let data = parse(src.as_bytes()).unwrap();
        let today = base + Duration::days(today);
        let at = today.and_hms_opt(12, 0, 0).unwrap().and_utc();
        let cal: icalendar::Calendar = report::ics::ics_text(&data, at, Some(at), "f.toml").parse().unwrap();
        let got: BTreeSet<(&'static str, NaiveDate)> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                icalendar::CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .map(|e| {
                let kind = if e.get_uid().unwrap().contains("-start-") { "start" } else { "expiry" };
                (kind, e.get_start().unwrap().date_naive())
            })
            .collect();
        prop_assert_eq!(got, naive_events(&periods, today));
    }
}

#[test]
fn docs_examples_are_what_due_and_nagios_print() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("docs/outputs.md")).unwrap();
    let out: BTreeMap<_, _> = outputs(SEED, SEED_NOW).into_iter().collect();
    for mode in ["due", "nagios"] {
        let shown = format!(
            "$ mandate --{mode} --now {SEED_NOW}\n{}```",
            out[mode].stdout
        );
        assert!(
            readme.contains(&shown),
            "docs/outputs.md's --{mode} example:\n{shown}"
        );
    }
}
