use std::path::PathBuf;

use chrono::NaiveDate;

use super::*;
use crate::import::resolution::{akn, jsonl, read_path};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/resolutions")
}

fn xml(name: &str) -> Resolution {
    let path = fixtures().join(name);
    let bytes = std::fs::read(&path).unwrap();
    akn::parse(&bytes, name).unwrap()
}

/// A file with the missions the fixtures concern, each with the period in force before.
const FILE: &str = r##"
[[mission]]
id = "unmiss"
name = "United Nations Mission in the Republic of South Sudan"
short = "UNMISS"
timezone = "Africa/Juba"

[[mission.mandate]]
start = 2025-05-01
end = 2026-04-30
resolution = "2779 (2025)"
adopted = 2025-05-08
vote = "12-0-3"

[[mission]]
id = "gsf"
name = "Gang Suppression Force"
short = "GSF"
timezone = "America/Port-au-Prince"

[[mission.mandate]]
start = 2025-10-02
end = 2026-10-01
resolution = "2793 (2025)"
adopted = 2025-09-30
vote = "12-0-3"

[[mission]]
id = "unmha"
name = "United Nations Mission to Support the Hodeidah Agreement"
short = "UNMHA"
timezone = "Asia/Aden"

[[mission.mandate]]
start = 2025-07-15
end = 2026-01-28
resolution = "2786 (2025)"
adopted = 2025-07-14

[[mission]]
id = "binuh"
name = "United Nations Integrated Office in Haiti"
short = "BINUH"
timezone = "America/Port-au-Prince"

[[mission.mandate]]
start = 2025-07-15
end = 2026-01-31
resolution = "2785 (2025)"
adopted = 2025-07-14

[[mission]]
id = "unficyp"
name = "United Nations Peacekeeping Force in Cyprus"
short = "UNFICYP"
timezone = "Asia/Nicosia"

[[mission.mandate]]
start = 2025-02-01
end = 2026-01-31
resolution = "2771 (2025)"
adopted = 2025-01-31

[[mission]]
id = "monusco"
name = "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo"
short = "MONUSCO"
timezone = "Africa/Kinshasa"

[[mission.mandate]]
start = 2025-12-21
end = 2026-12-20
resolution = "2808 (2025)"
adopted = 2025-12-19

[[mission]]
id = "unama"
name = "United Nations Assistance Mission in Afghanistan"
short = "UNAMA"
timezone = "Asia/Kabul"

[[mission.mandate]]
start = 2025-03-18
end = 2026-03-17
resolution = "2777 (2025)"
adopted = 2025-03-17
"##;

fn dataset() -> Dataset {
    crate::source::parse(FILE.as_bytes()).unwrap()
}

fn three(p: Proposed) -> (Vec<NewPeriod>, Vec<Review>, Vec<String>) {
    (p.periods, p.review, p.unrelated)
}

fn one(r: Resolution) -> (Vec<NewPeriod>, Vec<Review>, Vec<String>) {
    three(propose(&[r], &dataset()))
}

#[test]
fn a_renewal_with_a_title_and_a_nested_ceiling() {
    let r = xml("unmiss-renewal.xml");
    assert_eq!(
        r.paragraphs.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5, 6]
    );
    let (periods, review, unrelated) = one(r);
    assert!(unrelated.is_empty());
    assert_eq!(periods.len(), 1);
    let p = &periods[0];
    assert_eq!(p.mission, "unmiss");
    assert_eq!(p.resolution, "2820 (2026)");
    assert_eq!(p.adopted, d(2026, 4, 30));
    assert_eq!(p.vote, "13-0-2");
    assert_eq!(p.start, d(2026, 5, 1));
    assert_eq!(p.end, d(2027, 4, 30));
    assert!(!p.final_period);
    assert_eq!(p.abstaining, vec!["China", "Russian Federation"]);
    assert_eq!(p.in_favour.len(), 13);
    assert_eq!(p.in_favour[7], "Republic of Korea");
    assert_eq!(
        p.source,
        NewSource {
            title: "Security Council resolution 2820 (2026) [on extension of the mandate of the UN Mission in South Sudan (UNMISS) until 30 Apr. 2027]".into(),
            url: "https://docs.un.org/en/S/RES/2820(2026)".into(),
            date: d(2026, 4, 30),
        }
    );
    assert_eq!(
        review,
        vec![Review::Ceiling {
            mission: "unmiss".into(),
            resolution: "2820 (2026)".into(),
            paragraph: "5.".into(),
            sentence: "Decides that the overall force levels of UNMISS shall consist of a troop ceiling of 12,500 personnel and a police ceiling of 2,101 personnel, including individual police officers and formed police units;".into(),
        }]
    );
}

#[test]
fn no_title_and_the_end_only_in_an_operative_paragraph() {
    let (periods, review, unrelated) = one(xml("gsf-extension.xml"));
    assert!(review.is_empty() && unrelated.is_empty());
    let p = &periods[0];
    assert_eq!(p.mission, "gsf");
    assert_eq!((p.start, p.end), (d(2026, 10, 2), d(2027, 3, 31)));
    assert_eq!(p.vote, "12-0-3");
    assert_eq!(
        p.abstaining,
        vec!["China", "Pakistan", "Russian Federation"]
    );
    assert_eq!(p.source.title, "Security Council resolution 2829 (2026)");
    assert_eq!(p.source.url, "https://docs.un.org/en/S/RES/2829(2026)");
}

#[test]
fn a_final_extension() {
    let (periods, _, _) = one(xml("unmha-final.xml"));
    let p = &periods[0];
    assert_eq!(p.mission, "unmha");
    assert!(p.final_period);
    assert_eq!((p.start, p.end), (d(2026, 1, 29), d(2026, 3, 31)));
    assert_eq!(p.vote, "13-0-2");
}

#[test]
fn to_a_date_and_for_a_further_period_ending_on() {
    let (periods, _, _) = one(xml("binuh-extension.xml"));
    assert_eq!(periods[0].mission, "binuh");
    assert_eq!(
        (periods[0].start, periods[0].end),
        (d(2026, 2, 1), d(2027, 1, 31))
    );
    assert_eq!(periods[0].vote, "unanimous");
    assert!(!periods[0].final_period);
    let (periods, _, _) = one(xml("unficyp-extension.xml"));
    assert_eq!(periods[0].mission, "unficyp");
    assert_eq!(
        (periods[0].start, periods[0].end),
        (d(2026, 2, 1), d(2027, 1, 31))
    );
    assert_eq!(periods[0].abstaining, vec!["Pakistan", "Somalia"]);
}

#[test]
fn a_sanctions_resolution_that_mentions_a_mission_is_unrelated() {
    let r = xml("drc-sanctions.xml");
    assert!(r.paragraphs.iter().any(|(_, t)| t.contains("MONUSCO")));
    let (periods, review, unrelated) = one(r);
    assert!(periods.is_empty());
    assert!(review.is_empty());
    assert_eq!(unrelated, vec!["S/RES/2825 (2026)"]);
}

#[test]
fn the_whole_folder_then_idempotence() {
    let (resolutions, errors) = read_path(&fixtures());
    let mut bad: Vec<&str> = errors
        .iter()
        .map(|e| e.path.rsplit('/').next().unwrap())
        .collect();
    bad.sort();
    assert_eq!(
        bad,
        vec![
            "billion-laughs.xml",
            "external-entity.xml",
            "malformed-line.json",
            "truncated.xml"
        ]
    );
    let mut numbers: Vec<u32> = resolutions.iter().map(|r| r.number).collect();
    numbers.sort();
    assert_eq!(
        numbers,
        vec![2813, 2814, 2815, 2818, 2820, 2821, 2822, 2825, 2829]
    );
    // The XML text of 2820 is kept over its JSON lines.
    let unmiss = resolutions.iter().find(|r| r.number == 2820).unwrap();
    assert_eq!(unmiss.paragraphs.len(), 6);

    let data = dataset();
    let (periods, review, unrelated) = three(propose(&resolutions, &data));
    let got: Vec<(&str, &str, NaiveDate, NaiveDate, bool)> = periods
        .iter()
        .map(|p| {
            (
                p.mission.as_str(),
                p.resolution.as_str(),
                p.start,
                p.end,
                p.final_period,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("unmha", "2813 (2026)", d(2026, 1, 29), d(2026, 3, 31), true),
            ("binuh", "2814 (2026)", d(2026, 2, 1), d(2027, 1, 31), false),
            (
                "unficyp",
                "2815 (2026)",
                d(2026, 2, 1),
                d(2027, 1, 31),
                false
            ),
            (
                "unama",
                "2818 (2026)",
                d(2026, 3, 18),
                d(2026, 6, 17),
                false
            ),
            (
                "unmiss",
                "2820 (2026)",
                d(2026, 5, 1),
                d(2027, 4, 30),
                false
            ),
            // In force on 15 June 2026: the period 2818 proposes, to 17 June.
            (
                "unama",
                "2822 (2026)",
                d(2026, 6, 18),
                d(2027, 6, 17),
                false
            ),
            ("gsf", "2829 (2026)", d(2026, 10, 2), d(2027, 3, 31), false),
        ]
    );
    assert_eq!(review.len(), 1);
    assert_eq!(unrelated, vec!["S/RES/2821 (2026)", "S/RES/2825 (2026)"]);

    // The same resolutions against a file that has their periods propose nothing.
    let mut again = data.clone();
    for p in &periods {
        let m = again
            .missions
            .iter_mut()
            .find(|m| m.id == p.mission)
            .unwrap();
        m.mandates.push(crate::domain::Period {
            start: p.start,
            end: Some(p.end),
            end_pos: None,
            resolution: Some(p.resolution.clone()),
            adopted: Some(p.adopted),
            vote: Some(p.vote.clone()),
            against: None,
            abstaining: None,
            not_participating: None,
            final_: p.final_period,
            note: None,
            authorized: None,
        });
    }
    let (periods, review, unrelated) = three(propose(&resolutions, &again));
    assert!(periods.is_empty(), "{periods:?}");
    assert!(review.is_empty(), "{review:?}");
    assert_eq!(unrelated, vec!["S/RES/2821 (2026)", "S/RES/2825 (2026)"]);
}

#[test]
fn hostile_and_broken_files_are_errors_not_reads() {
    for name in ["billion-laughs.xml", "external-entity.xml"] {
        let bytes = std::fs::read(fixtures().join(name)).unwrap();
        let e = akn::parse(&bytes, name).unwrap_err();
        assert_eq!((e.path.as_str(), e.line), (name, Some(2)));
        assert!(e.message.contains("DTD"), "{}", e.message);
        assert!(!e.message.contains("root:"), "{}", e.message);
    }
    let bytes = std::fs::read(fixtures().join("truncated.xml")).unwrap();
    let e = akn::parse(&bytes, "truncated.xml").unwrap_err();
    assert_eq!(e.line, Some(35));
    assert!(e.message.starts_with("malformed XML"), "{}", e.message);
}

#[test]
fn json_lines_with_a_duplicate_a_degraded_and_a_malformed_line() {
    let bytes = std::fs::read(fixtures().join("data-extract-2026.json")).unwrap();
    let (rs, errors) = jsonl::parse(&bytes, "data-extract-2026.json");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        rs.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![2818, 2820, 2821, 2822]
    );
    let unmiss = &rs[1];
    assert!(unmiss.title.is_some());
    assert_eq!(unmiss.abstaining, vec!["China", "Russian Federation"]);
    assert_eq!(rs[2].adopted, d(2026, 5, 29));
    assert_eq!(rs[2].vote.as_deref(), Some("9-0-6"));

    let bytes = std::fs::read(fixtures().join("malformed-line.json")).unwrap();
    let (rs, errors) = jsonl::parse(&bytes, "malformed-line.json");
    assert_eq!(
        rs.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![2818, 2822]
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, Some(2));
    assert!(
        errors[0].message.starts_with("malformed JSON"),
        "{}",
        errors[0].message
    );
}

#[test]
fn an_unreadable_end_is_reported_never_guessed() {
    let mut r = xml("gsf-extension.xml");
    r.paragraphs[0].1 =
        "Decides to extend the mandate of the GSF for a period of six months;".into();
    let (periods, review, _) = one(r);
    assert!(periods.is_empty());
    assert_eq!(
        review,
        vec![Review::UnreadableEnd {
            mission: "gsf".into(),
            resolution: "2829 (2026)".into(),
            paragraph: "1. Decides to extend the mandate of the GSF for a period of six months;"
                .into(),
        }]
    );
}

#[test]
fn the_title_date_wins_and_matching_by_other_names() {
    let mut r = xml("unmiss-renewal.xml");
    r.paragraphs[0].1 = "Decides to extend the mandate of UNMISS until 1 May 2027;".into();
    let (periods, _, _) = one(r.clone());
    assert_eq!(periods[0].end, d(2027, 4, 30));
    // Found by an alias when neither short nor id appear.
    r.title = Some("Security Council resolution 2820 (2026) [on extension of the mandate of the Mission in South Sudan until 30 Apr. 2027]".into());
    r.paragraphs
        .retain(|(n, _)| *n != 1 && *n != 2 && *n != 4 && *n != 5);
    let data = dataset();
    let (periods, _, unrelated) = three(propose(std::slice::from_ref(&r), &data));
    assert!(periods.is_empty());
    assert_eq!(unrelated, vec!["S/RES/2820 (2026)"]);
    let alias = |m: &Mission| {
        let mut n = default_names(m);
        if m.id == "unmiss" {
            n.push("Mission in South Sudan".into());
        }
        n
    };
    let (periods, _, _) = three(propose_with(&[r], &data, &alias));
    assert_eq!(periods[0].mission, "unmiss");
    assert_eq!(periods[0].end, d(2027, 4, 30));
}

#[test]
fn ceilings_in_other_words() {
    assert!(
        ceiling_sentence("Decides to authorize up to 2,500 military personnel; requests").is_some()
    );
    assert_eq!(
        ceiling_sentence("Welcomes the report; Decides to maintain the authorized strength of 700 military personnel. Requests a plan").as_deref(),
        Some("Decides to maintain the authorized strength of 700 military personnel.")
    );
    assert!(ceiling_sentence("Decides to extend the mandate up to 31 January 2027").is_none());
    assert!(ceiling_sentence("Calls on the parties to respect the ceasefire;").is_none());
    assert!(ceiling_sentence(
        "Decides that the authorized strength of the Force shall be 1,250 personnel;"
    )
    .is_some());
    // Strength words without a number of personnel are no ceiling.
    assert!(ceiling_sentence(
        "Requests a study assessing the adequacy of the current force levels, within 120 days;"
    )
    .is_none());
}

#[test]
fn start_is_the_day_after_the_period_in_force() {
    let p = |s, e| (s, Some(e), None);
    // None in force: the adoption day.
    assert_eq!(
        start_after(&[p(d(2025, 1, 1), d(2025, 6, 30))], d(2026, 1, 5)),
        d(2026, 1, 5)
    );
    assert_eq!(start_after(&[], d(2026, 1, 5)), d(2026, 1, 5));
    // The latest end among those in force.
    assert_eq!(
        start_after(
            &[
                p(d(2025, 1, 1), d(2026, 1, 31)),
                p(d(2025, 6, 1), d(2026, 2, 28))
            ],
            d(2026, 1, 5)
        ),
        d(2026, 3, 1)
    );
    // An open-ended period in force: the adoption day.
    assert_eq!(
        start_after(&[(d(2025, 1, 1), None, None)], d(2026, 1, 5)),
        d(2026, 1, 5)
    );
}

mod votes;
