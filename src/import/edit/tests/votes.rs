//! The members named against and abstaining, written beside the vote.

use super::*;
use crate::import::proposal::VoteDetail;

#[test]
fn members_against_and_abstaining_are_written_when_the_source_names_them() {
    let original = commented();
    let mut alpha = period("alpha", "2821", "2026-04-28", "2026-05-01", "2027-04-30");
    alpha.vote = "12-1-2".into();
    alpha.against = vec!["Russian Federation".into()];
    alpha.abstaining = vec!["China".into(), "Pakistan".into()];
    let proposal = Proposal {
        periods: vec![alpha.clone()],
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();
    assert!(
        edited.text.contains("vote = \"12-1-2\"\nagainst = [\"Russian Federation\"]\nabstaining = [\"China\", \"Pakistan\"]\n"),
        "{}",
        diff("f", &original, &edited.text)
    );
    let data = crate::source::parse(edited.text.as_bytes()).unwrap();
    let p = &data.missions[0].mandates[2];
    assert_eq!(
        p.against.as_deref(),
        Some(&["Russian Federation".to_string()][..])
    );
    assert_eq!(p.abstaining.as_ref().map(Vec::len), Some(2));
    assert_eq!(p.not_participating, None);

    // A unanimous vote: no lists. Lists that disagree with the count: the vote alone.
    let mut unanimous = alpha.clone();
    unanimous.vote = "unanimous".into();
    unanimous.against.clear();
    unanimous.abstaining.clear();
    let mut degraded = alpha;
    degraded.mission = "beta".into();
    degraded.resolution = "2822 (2026)".into();
    degraded.vote = "13-0-2".into();
    degraded.abstaining = vec!["China".into()];
    degraded.against.clear();
    for p in [unanimous, degraded] {
        let edited = apply(
            &original,
            &Proposal {
                periods: vec![p],
                ..Proposal::default()
            },
        )
        .unwrap();
        assert!(!edited.text.contains("abstaining ="), "{}", edited.text);
        assert!(!edited.text.contains("against ="), "{}", edited.text);
    }
}

fn detail(mission: &str, resolution: &str, against: &[&str], abstaining: &[&str]) -> VoteDetail {
    VoteDetail {
        mission: mission.into(),
        resolution: resolution.into(),
        against: against.iter().map(|s| s.to_string()).collect(),
        abstaining: abstaining.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn members_are_added_to_a_period_already_there_right_after_its_vote() {
    let original = commented();
    let proposal = Proposal {
        votes: vec![detail(
            "alpha",
            "2779 (2025)",
            &[],
            &["China", "Pakistan", "Russian Federation"],
        )],
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();
    let expected = before(
        &original,
        "note = \"\"\"\nA multi-line note",
        "abstaining = [\"China\", \"Pakistan\", \"Russian Federation\"]\n",
    );
    assert_eq!(
        edited.text,
        expected,
        "{}",
        diff("f", &original, &edited.text)
    );
    assert_eq!(edited.changes.len(), 1);
    assert_eq!(edited.changes[0].votes, vec!["2779 (2025)".to_string()]);
    assert!(edited.changes[0].periods.is_empty());
    assert!(edited.changes[0].sources.is_empty());
    // A second run changes nothing.
    let twice = apply(&edited.text, &proposal).unwrap();
    assert_eq!(twice.text, edited.text);
    assert!(twice.is_unchanged(), "{:?}", twice.changes);
}

#[test]
fn members_go_at_the_end_of_a_period_without_a_vote_and_against_before_abstaining() {
    let original = "[[mission]]\nid = \"a\"\nname = \"A\"\nshort = \"A\"\ntimezone = \"UTC\"\n\n[[mission.mandate]]\nstart = 2025-01-01\nend = 2025-12-31\nresolution = \"2800 (2025)\"  # kept\nadopted = 2024-12-20\n\n# the next\n[[mission.mandate]]\nstart = 2026-01-01\nend = 2026-12-31\nresolution = \"2850 (2025)\"\nvote = \"12-1-2\"\nadopted = 2025-12-20\n";
    let proposal = Proposal {
        votes: vec![
            detail("a", "2800 (2025)", &["X"], &["Y", "Z"]),
            detail("a", "2850", &["Russian Federation"], &["China", "Pakistan"]),
        ],
        ..Proposal::default()
    };
    let edited = apply(original, &proposal).unwrap();
    let expected = original
        .replace(
            "adopted = 2024-12-20\n",
            "adopted = 2024-12-20\nagainst = [\"X\"]\nabstaining = [\"Y\", \"Z\"]\n",
        )
        .replace(
            "vote = \"12-1-2\"\n",
            "vote = \"12-1-2\"\nagainst = [\"Russian Federation\"]\nabstaining = [\"China\", \"Pakistan\"]\n",
        );
    assert_eq!(
        edited.text,
        expected,
        "{}",
        diff("f", original, &edited.text)
    );
    assert_eq!(edited.changes[0].votes.len(), 2);
    assert_eq!(apply(&edited.text, &proposal).unwrap().text, edited.text);
}

#[test]
fn members_are_not_added_when_the_count_disagrees_or_a_list_is_there() {
    let original = commented();
    // 2779 records 12-0-3: two abstaining disagree; against nobody is counted.
    for v in [
        detail("alpha", "2779 (2025)", &[], &["China", "Pakistan"]),
        detail("alpha", "2779 (2025)", &["China"], &[]),
        // 2729 is unanimous.
        detail("alpha", "2729 (2024)", &[], &["China"]),
        // No such period.
        detail(
            "alpha",
            "2999 (2026)",
            &[],
            &["China", "Pakistan", "Russia"],
        ),
        detail("alpha", "2779 (2025)", &[], &[]),
    ] {
        let edited = apply(
            &original,
            &Proposal {
                votes: vec![v.clone()],
                ..Proposal::default()
            },
        )
        .unwrap();
        assert_eq!(edited.text, original, "{v:?}");
        assert!(edited.is_unchanged(), "{v:?}");
    }
    // A list the period has is kept; only the missing one is added.
    let with_one = original.replace(
        "vote = \"12-0-3\"\n",
        "vote = \"12-1-2\"\nabstaining = [ \"China\",\"Pakistan\" ]\n",
    );
    let proposal = Proposal {
        votes: vec![detail(
            "alpha",
            "2779 (2025)",
            &["Russian Federation"],
            &["China", "Russian Federation"],
        )],
        ..Proposal::default()
    };
    let edited = apply(&with_one, &proposal).unwrap();
    assert_eq!(
        edited.text,
        with_one.replace(
            "vote = \"12-1-2\"\n",
            "vote = \"12-1-2\"\nagainst = [\"Russian Federation\"]\n"
        ),
        "{}",
        diff("f", &with_one, &edited.text)
    );
}
