use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::domain::Category::{self, *};
use crate::import::proposal::{MonthFigure, NewDeployment};

mod votes;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn commented() -> String {
    fixture("tests/fixtures/import/commented.toml")
}

fn period(mission: &str, number: &str, adopted: &str, start: &str, end: &str) -> NewPeriod {
    NewPeriod {
        mission: mission.into(),
        resolution: format!("{number} ({})", &adopted[..4]),
        adopted: d(adopted),
        vote: "unanimous".into(),
        in_favour: vec![],
        against: vec![],
        abstaining: vec![],
        start: d(start),
        end: d(end),
        final_period: false,
        source: NewSource {
            title: format!("Security Council resolution {number} ({})", &adopted[..4]),
            url: format!("https://docs.un.org/en/S/RES/{number}({})", &adopted[..4]),
            date: d(adopted),
        },
    }
}

fn month(date: &str, cats: &[(Category, i64)]) -> MonthFigure {
    MonthFigure {
        date: d(date),
        by_category: cats.iter().copied().collect::<BTreeMap<_, _>>(),
    }
}

fn deployment(
    mission: &str,
    latest: MonthFigure,
    earlier: Vec<MonthFigure>,
    contributors: &[(&str, i64)],
) -> NewDeployment {
    NewDeployment {
        mission: mission.into(),
        source: NewSource {
            title: format!(
                "UN Peacekeeping, troop and police contributions ({})",
                latest.date.format("%b %Y")
            ),
            url: "https://peacekeeping.un.org/en/troop-and-police-contributors".into(),
            date: latest.date,
        },
        latest,
        earlier,
        contributors: contributors
            .iter()
            .map(|(c, n)| (c.to_string(), *n))
            .collect(),
    }
}

/// Inserts `new` into `text` just before `anchor` (which must be there once).
fn before(text: &str, anchor: &str, new: &str) -> String {
    assert_eq!(text.matches(anchor).count(), 1, "anchor {anchor:?}");
    text.replacen(anchor, &format!("{new}{anchor}"), 1)
}

#[test]
fn nothing_proposed_changes_no_byte_of_any_file() {
    for path in [
        "tests/fixtures/import/commented.toml",
        "data/portfolio.toml",
        "data/mss-haiti.toml",
    ] {
        let text = fixture(path);
        let edited = apply(&text, &Proposal::default()).unwrap();
        assert_eq!(edited.text, text, "{path}");
        assert!(edited.is_unchanged() && edited.changes.is_empty());
        assert_eq!(diff(path, &text, &edited.text), "");
    }
}

#[test]
fn a_period_goes_right_after_the_last_period_of_its_mission_and_nothing_else_moves() {
    let original = commented();
    let mut alpha = period("alpha", "2821", "2026-04-28", "2026-05-01", "2027-04-30");
    alpha.vote = "13-0-2".into();
    alpha.final_period = true;
    let beta = period("beta", "2811", "2025-12-19", "2026-01-01", "2026-12-31");
    let proposal = Proposal {
        periods: vec![alpha, beta],
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();
    let mut want = before(
        &original,
        "\n# The strength, after a comment block",
        "\n[[mission.mandate]]\nstart = 2026-05-01\nend = 2027-04-30\nresolution = \"2821 (2026)\"\nadopted = 2026-04-28\nvote = \"13-0-2\"\nfinal = true\n",
    );
    want = before(
        &want,
        "\n# trailing comment of alpha",
        "\n[[mission.source]]\ntitle = \"Security Council resolution 2821 (2026)\"\nurl = \"https://docs.un.org/en/S/RES/2821(2026)\"\ndate = 2026-04-28\n",
    );
    want = before(
        &want,
        "# A comment between the period and the milestone.",
        "\n[[mission.mandate]]\nstart = 2026-01-01\nend = 2026-12-31\nresolution = \"2811 (2025)\"\nadopted = 2025-12-19\nvote = \"unanimous\"\n",
    );
    // Beta had no source: its first goes after its last table.
    want = before(
        &want,
        "# The end of the file.",
        "\n[[mission.source]]\ntitle = \"Security Council resolution 2811 (2025)\"\nurl = \"https://docs.un.org/en/S/RES/2811(2025)\"\ndate = 2025-12-19\n",
    );
    assert_eq!(edited.text, want, "\n{}", diff("f", &want, &edited.text));
    assert_eq!(edited.changes.len(), 2);
    assert_eq!(edited.changes[0].periods, ["2821 (2026)"]);
    assert_eq!(
        edited.changes[1].sources,
        ["Security Council resolution 2811 (2025)"]
    );
    let data = crate::source::parse(edited.text.as_bytes()).unwrap();
    let alpha = &data.missions[0];
    assert_eq!(alpha.mandates.len(), 3);
    assert!(alpha.mandates[2].final_);
    assert_eq!(alpha.aliases, ["ALF", "Alpha Verification Mission"]);
}

#[test]
fn figures_fill_strength_history_and_contributors_keeping_every_comment() {
    let original = commented();
    let alpha = deployment(
        "alpha",
        month(
            "2026-01-31",
            &[(Military, 11200), (Police, 1400), (FormedPolice, 160)],
        ),
        vec![
            // Disagrees with the hand-written figure: kept, reported.
            month("2025-06-30", &[(Military, 12001), (Police, 1600)]),
            // Agrees: nothing to do.
            month("2025-08-31", &[(Military, 11500), (Police, 1550)]),
            month("2025-12-31", &[(Military, 11300), (Police, 1450)]),
        ],
        &[("India", 2400), ("Ghana", 712), ("Nepal", 20)],
    );
    let beta = deployment(
        "beta",
        month("2026-01-31", &[(Military, 410)]),
        vec![month("2025-12-31", &[(Military, 400)])],
        &[("Nepal", 410)],
    );
    let proposal = Proposal {
        deployments: vec![alpha, beta],
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();

    let mut want = original.replacen(
        "deployed = { military = 11000, police = 1500 }   # hand-counted\nas_of = 2025-10-31\n",
        "deployed = { military = 11200, police = 1400, formed_police = 160 }   # hand-counted\nas_of = 2026-01-31\n",
        1,
    );
    want = want.replacen(
        "  {date=2025-08-31,deployed={military=11500,police=1550}},\n]",
        "  {date=2025-08-31,deployed={military=11500,police=1550}},\n  { date = 2025-10-31, deployed = { military = 11000, police = 1500 } },\n  { date = 2025-12-31, deployed = { military = 11300, police = 1450 } },\n]",
        1,
    );
    want = want.replacen(
        "deployed = 2300 # as of Oct 2025",
        "deployed = 2400 # as of Oct 2025",
        1,
    );
    want = want.replacen(
        "country = \"ghana\"\ndeployed = 700\n",
        "country = \"ghana\"\ndeployed = 712\n",
        1,
    );
    want = before(
        &want,
        "\n[[mission.source]]\ntitle = \"A source\"",
        "\n[[mission.contributor]]\ncountry = \"Nepal\"\ndeployed = 20\n",
    );
    want = before(
        &want,
        "\n# trailing comment of alpha",
        "\n[[mission.source]]\ntitle = \"UN Peacekeeping, troop and police contributions (Jan 2026)\"\nurl = \"https://peacekeeping.un.org/en/troop-and-police-contributors\"\ndate = 2026-01-31\n",
    );
    want = before(
        &want,
        "# A comment between the period and the milestone.",
        "\n[mission.strength]\ndeployed = { military = 410 }\nas_of = 2026-01-31\nhistory = [\n  { date = 2025-12-31, deployed = { military = 400 } },\n]\n\n[[mission.contributor]]\ncountry = \"Nepal\"\ndeployed = 410\n",
    );
    want = before(
        &want,
        "# The end of the file.",
        "\n[[mission.source]]\ntitle = \"UN Peacekeeping, troop and police contributions (Jan 2026)\"\nurl = \"https://peacekeeping.un.org/en/troop-and-police-contributors\"\ndate = 2026-01-31\n",
    );
    assert_eq!(edited.text, want, "\n{}", diff("f", &want, &edited.text));

    let a = &edited.changes[0];
    assert_eq!(a.deployed, Some(d("2026-01-31")));
    assert_eq!(a.history, [d("2025-10-31"), d("2025-12-31")]);
    assert_eq!(a.contributors_updated, ["India", "Ghana"]);
    assert_eq!(a.contributors_added, ["Nepal"]);
    assert_eq!(
        edited.review,
        [Review::Disagrees {
            mission: "alpha".into(),
            what: "deployed on 2025-06-30".into(),
            file: "military 12000, police 1600".into(),
            source: "military 12001, police 1600".into(),
        }]
    );
    let data = crate::source::parse(edited.text.as_bytes()).unwrap();
    let s = data.missions[0].strength.as_ref().unwrap();
    assert_eq!(s.figures.len(), 5);
    assert_eq!(data.missions[1].contributors.len(), 1);
}

#[test]
fn a_plain_number_stays_a_plain_number_for_one_category() {
    let original = fixture("data/mss-haiti.toml");
    let mss = deployment(
        "mss",
        month("2025-10-31", &[(Police, 900)]),
        vec![month("2025-09-30", &[(Police, 970)])],
        &[("Kenya", 700)],
    );
    let proposal = Proposal {
        deployments: vec![mss],
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();
    let patch = diff("data/mss-haiti.toml", &original, &edited.text);
    assert!(
        patch.starts_with("--- a/data/mss-haiti.toml\n+++ b/data/mss-haiti.toml\n@@ "),
        "{patch}"
    );
    assert!(
        patch.contains(
            "\n-deployed = 970\n-as_of = 2025-09-30\n+deployed = 900\n+as_of = 2025-10-31\n"
        ),
        "{patch}"
    );
    assert!(
        patch.contains("\n+  { date = 2025-09-30, deployed = 970 },\n ]\n"),
        "{patch}"
    );
    assert!(
        patch.contains("\n-deployed = 735\n+deployed = 700\n"),
        "{patch}"
    );
    // The month that agrees with the figure moved to history is not reported.
    assert!(edited.review.is_empty(), "{:?}", edited.review);
}

#[test]
fn applying_the_result_again_changes_nothing() {
    let original = commented();
    let proposal = Proposal {
        periods: vec![
            period("alpha", "2821", "2026-04-28", "2026-05-01", "2027-04-30"),
            period("beta", "2811", "2025-12-19", "2026-01-01", "2026-12-31"),
        ],
        deployments: vec![
            deployment(
                "alpha",
                month("2026-01-31", &[(Military, 11200)]),
                vec![month("2025-12-31", &[(Military, 11300)])],
                &[("India", 2400), ("Nepal", 20)],
            ),
            deployment(
                "beta",
                month("2026-01-31", &[(Military, 410)]),
                vec![],
                &[("Nepal", 410)],
            ),
        ],
        ..Proposal::default()
    };
    let once = apply(&original, &proposal).unwrap();
    assert!(!once.is_unchanged());
    let twice = apply(&once.text, &proposal).unwrap();
    assert_eq!(twice.text, once.text);
    assert!(twice.changes.is_empty(), "{:?}", twice.changes);
    assert!(twice.is_unchanged());
    // A period the file has under the same number (written differently) is not added.
    let mut again = proposal.clone();
    again.periods[0].resolution = "2821(2026)".into();
    assert_eq!(apply(&once.text, &again).unwrap().text, once.text);
}

#[test]
fn in_the_bundled_portfolio_a_period_lands_in_its_mission_not_at_the_end() {
    let original = fixture("data/portfolio.toml");
    let p = period("unmiss", "2871", "2027-04-28", "2027-05-01", "2028-04-30");
    let proposal = Proposal {
        periods: vec![p],
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();
    let block = "\n[[mission.mandate]]\nstart = 2027-05-01\nend = 2028-04-30\nresolution = \"2871 (2027)\"\nadopted = 2027-04-28\nvote = \"unanimous\"\n";
    let at = edited.text.find(block).expect("the period is written");
    let unmiss = edited.text.find("id = \"unmiss\"").unwrap();
    let strength = unmiss + edited.text[unmiss..].find("[mission.strength]").unwrap();
    let last_period = unmiss
        + edited.text[unmiss..]
            .find("start = 2026-05-01\nend = 2027-04-30\nresolution = \"2820 (2026)\"")
            .unwrap();
    assert!(
        last_period < at && at < strength,
        "{last_period} < {at} < {strength}"
    );
    let patch = diff("portfolio.toml", &original, &edited.text);
    assert!(
        !patch
            .lines()
            .any(|l| l.starts_with('-') && !l.starts_with("---")),
        "{patch}"
    );
    assert_eq!(
        patch
            .lines()
            .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
            .count(),
        12
    );
}

#[test]
fn an_edit_that_would_make_the_file_invalid_is_refused_with_the_reason() {
    let original = commented();
    // Ends before it starts.
    let bad = period("alpha", "2821", "2026-04-28", "2026-05-01", "2026-04-01");
    let e = apply(
        &original,
        &Proposal {
            periods: vec![bad],
            ..Proposal::default()
        },
    )
    .unwrap_err();
    assert!(e.contains("would not load"), "{e}");
    assert!(
        e.contains("`end` 2026-04-01 is before `start` 2026-05-01"),
        "{e}"
    );
    let e = apply(
        &original,
        &Proposal {
            periods: vec![period(
                "gamma",
                "1",
                "2026-01-01",
                "2026-01-01",
                "2026-02-01",
            )],
            ..Proposal::default()
        },
    )
    .unwrap_err();
    assert_eq!(e, "the file has no [[mission]] with id `gamma`");
    let e = apply("[[mission]\n", &Proposal::default()).unwrap_err();
    assert!(e.starts_with("the file is not valid TOML"), "{e}");
}

#[test]
fn the_diff_is_unified_with_three_lines_of_context() {
    let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
    let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
    assert_eq!(
        diff("x.toml", old, new),
        "--- a/x.toml\n+++ b/x.toml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
    );
}

#[test]
fn a_file_with_cr_lf_line_ends_and_a_byte_order_mark_keeps_them() {
    let original = format!("\u{feff}{}", commented().replace('\n', "\r\n"));
    assert_eq!(
        apply(&original, &Proposal::default()).unwrap().text,
        original
    );
    let proposal = Proposal {
        periods: vec![period(
            "beta",
            "2811",
            "2025-12-19",
            "2026-01-01",
            "2026-12-31",
        )],
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();
    assert!(edited.text.starts_with('\u{feff}'));
    assert!(edited
        .text
        .contains("\r\n[[mission.mandate]]\r\nstart = 2026-01-01\r\nend = 2026-12-31\r\n"));
    assert!(!has_bare_lf(&edited.text));
    let lf = apply(&commented(), &proposal).unwrap().text;
    assert_eq!(edited.text, format!("\u{feff}{}", lf.replace('\n', "\r\n")));
}

#[test]
fn history_on_one_line_gets_its_months_in_date_order() {
    let original = "[[mission]]\nid = \"m\"\nname = \"M\"\n[[mission.mandate]]\nstart = 2024-01-01\n[mission.strength]\ndeployed = 9\nas_of = 2025-04-30\nhistory = [{ date = 2025-01-31, deployed = 5 }, { date = 2025-03-31, deployed = 7 }]\n";
    let proposal = Proposal {
        deployments: vec![deployment(
            "m",
            month("2025-04-30", &[(Military, 9)]),
            vec![
                month("2024-12-31", &[(Military, 4)]),
                month("2025-02-28", &[(Military, 6)]),
                month("2025-03-31", &[(Military, 7)]),
            ],
            &[],
        )],
        ..Proposal::default()
    };
    let edited = apply(original, &proposal).unwrap();
    let want = original.replace(
        "history = [{ date = 2025-01-31, deployed = 5 }, { date = 2025-03-31, deployed = 7 }]",
        "history = [{ date = 2024-12-31, deployed = 4 }, { date = 2025-01-31, deployed = 5 }, { date = 2025-02-28, deployed = 6 }, { date = 2025-03-31, deployed = 7 }]",
    ) + "\n[[mission.source]]\ntitle = \"UN Peacekeeping, troop and police contributions (Apr 2025)\"\nurl = \"https://peacekeeping.un.org/en/troop-and-police-contributors\"\ndate = 2025-04-30\n";
    assert_eq!(edited.text, want, "\n{}", diff("f", &want, &edited.text));
    assert_eq!(edited.changes[0].deployed, None);
    assert_eq!(
        edited.changes[0].history,
        [d("2024-12-31"), d("2025-02-28")]
    );
    assert!(edited.review.is_empty());
    assert_eq!(apply(&edited.text, &proposal).unwrap().text, edited.text);
}

#[test]
fn a_month_of_contributions_into_the_bundled_portfolio() {
    use crate::import::contributions::{mission_names, read_contributions};
    let original = fixture("data/portfolio.toml");
    let data = crate::source::parse(original.as_bytes()).unwrap();
    let csv = std::fs::read(format!(
        "{}/tests/fixtures/import/contributions/hdx.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (deployments, unmatched) =
        read_contributions("hdx.csv", &csv, &mission_names(&data), None).unwrap();
    assert_eq!(unmatched.keys().collect::<Vec<_>>(), ["MINUSMA", "UNTAET"]);
    let proposal = Proposal {
        deployments,
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();
    let after = crate::source::parse(edited.text.as_bytes()).unwrap();
    let figure = |id: &str| {
        let m = after.missions.iter().find(|m| m.id == id).unwrap();
        let s = m.strength.as_ref().unwrap();
        s.figures.last().unwrap().clone()
    };
    let unmiss = figure("unmiss");
    assert_eq!(unmiss.date, d("2026-01-31"));
    assert_eq!(
        unmiss.deployed.categories().unwrap(),
        [
            (Military, 3100),
            (Observers, 17),
            (Police, 20),
            (FormedPolice, 160)
        ]
    );
    assert_eq!(
        figure("undof").deployed.categories().unwrap(),
        [(Military, 410)]
    );
    // Only lines added: no line of the file is changed or removed.
    let patch = diff("portfolio.toml", &original, &edited.text);
    assert!(
        !patch
            .lines()
            .any(|l| l.starts_with('-') && !l.starts_with("---")),
        "{patch}"
    );
    assert_eq!(apply(&edited.text, &proposal).unwrap().text, edited.text);
}
